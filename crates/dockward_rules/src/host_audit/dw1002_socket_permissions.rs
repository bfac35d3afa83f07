//! ## What it does
//! Checks the owner and mode of the Docker socket (`docker.sock`, every unix socket dockerd
//! listens on) and of containerd's socket (`containerd.sock`), as read on the host: one
//! finding for wrong ownership, one for a mode more permissive than `0660`.
//!
//! - docker.sock: owner `root`, group `docker` (CIS 3.15) or the group set with dockerd's
//!   `--group` / `"group"` option; group `root` is accepted too (stricter: only root can use the
//!   socket). Mode at most `0660` (CIS 3.16).
//! - containerd.sock: owner and group `root` (CIS 3.23), mode at most `0660` (CIS 3.24).
//!
//! For a rootless daemon the docker.sock owner is not checked (the socket belongs to the user
//! running the daemon, which is the point); its mode still is.
//!
//! The mode is compared as a bitmask, not as a number: `0600` and `0640` pass, `0666`, `0670`
//! and `2660` (setgid) do not. Symlink entries are skipped (a link's own mode means nothing on
//! Linux; the collector also reports the socket it points to). Sockets whose status could not be
//! read are reported as "not checked" (info).
//!
//! ## Why is this bad?
//! Whoever can write to the Docker socket controls the daemon, which runs as root: one
//! `docker run --privileged -v /:/host` gives a root shell on the host. A world-writable
//! socket (`0666`) hands that to every local user and to every process running as any user
//! (a compromised web server, a CI job); a socket owned by a regular user lets that user
//! change its mode. containerd's socket is as powerful (it can start any container) and no one
//! but root needs it.
//!
//! ## Example
//! ```text
//! srw-rw-rw- 1 root docker 0 /var/run/docker.sock
//! srw-rw---- 1 alice root 0 /run/containerd/containerd.sock
//! ```
//!
//! ## Use instead
//! ```sh
//! chown root:docker /var/run/docker.sock && chmod 660 /var/run/docker.sock
//! chown root:root /run/containerd/containerd.sock && chmod 660 /run/containerd/containerd.sock
//! ```
//! dockerd re-creates its socket at start with `root:<--group>` and `0660`; a wrong mode
//! usually comes from a systemd `docker.socket` unit (`SocketMode=`, `SocketUser=`) or a
//! start-up script running `chmod 666`. Fix that source too.
//!
//! ## References
//! - CIS Docker Benchmark v1.6.0 3.15, 3.16, 3.23, 3.24 (numbering as in Aqua's
//!   `docker-bench` `cfg/cis-1.6.0/definitions.yaml` and Docker Bench for Security
//!   `tests/3_docker_daemon_configuration_files.sh`)
//! - <https://docs.docker.com/engine/security/#docker-daemon-attack-surface>
//! - <https://docs.docker.com/reference/cli/dockerd/> (`--group`)

use crate::prelude::*;
use crate::support::host_paths::{chmod_removing, describe, excess, group, octal, owner};
use dockward_spec::host_files::{FileKind, PathFacts};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW1002",
    name: "socket-permissions",
    summary: "Docker or containerd socket not owned by root or more permissive than 0660",
    practice: Practice::HostAudit,
    surfaces: &[Surface::Host],
    severity: Severity::High,
    equivalents: &["CIS-3.15", "CIS-3.16", "CIS-3.23", "CIS-3.24"],
    default_enabled: true,
};

/// The most a socket may allow: owner and group read/write.
const MAX_MODE: u32 = 0o660;

struct Socket {
    role: &'static str,
    what: &'static str,
    /// Who answers on it (both run as root).
    serves: &'static str,
    /// Besides the socket itself, what usually sets its owner or mode.
    source: &'static str,
    owner_cis: &'static str,
    mode_cis: &'static str,
}

#[rustfmt::skip]
const SOCKETS: [Socket; 2] = [
    Socket { role: "docker.sock", what: "the Docker socket", serves: "the daemon", source: " (and `SocketUser=`, `SocketGroup=`, `SocketMode=0660` in a `docker.socket` unit, if one creates it)", owner_cis: "CIS-3.15", mode_cis: "CIS-3.16" },
    Socket { role: "containerd.sock", what: "containerd's socket", serves: "containerd", source: " (and `[grpc]` `uid`/`gid` in /etc/containerd/config.toml, if set)", owner_cis: "CIS-3.23", mode_cis: "CIS-3.24" },
];

pub fn check_host(ctx: &HostCtx, out: &mut Vec<Finding>) {
    let Some(files) = ctx.files() else { return };
    // Unreadable sockets are this rule's; the other unreadable paths are DW1003's.
    // Each unread socket leaves only its own CIS checks open (containerd's: 3.23/3.24).
    ctx.not_checked_where(
        &RULE,
        "paths",
        |p| {
            p.ends_with(".sock").then_some(if p.contains("containerd") {
                &["CIS-3.23", "CIS-3.24"][..]
            } else {
                &["CIS-3.15", "CIS-3.16"][..]
            })
        },
        out,
    );
    let docker_group = configured_group(files);
    for s in &SOCKETS {
        for p in files.paths.iter().filter(|p| p.role == s.role && p.kind != FileKind::Symlink) {
            // A rootless daemon runs as its user and its socket belongs to that user: owning it
            // gives nothing more than the account already has.
            let rootless_socket = ctx.facts.rootless && s.role == "docker.sock";
            if !rootless_socket && let Some(expected) = wrong_owner(files, s, p, &docker_group) {
                let why = if p.uid != 0 {
                    "its owner can use it and change its mode to open it to everyone".to_string()
                } else if p.mode & 0o020 != 0 {
                    format!(
                        "every member of {} can write to it and so control {}, which runs as root",
                        group(p),
                        s.serves
                    )
                } else {
                    format!(
                        "one `chmod g+w` would hand {} to every member of {}",
                        s.serves,
                        group(p)
                    )
                };
                out.push(
                    ctx.finding_in(
                        &RULE,
                        &p.path,
                        0,
                        format!(
                            "{} {} is owned by {}:{} (mode {}), not {expected}: {why}",
                            s.what,
                            p.path,
                            owner(p),
                            group(p),
                            octal(p.mode)
                        ),
                    )
                    .with_fix(format!("`chown {expected} {}`{}.", p.path, s.source))
                    .with_equivalents([s.owner_cis]),
                );
            }
            let extra = excess(p.mode, MAX_MODE);
            if extra != 0 {
                out.push(
                    ctx.finding_in(&RULE, &p.path, 0, format!("{} {} has mode {} ({}:{}), more permissive than {} ({}): whoever can write to it controls {}, which runs as root", s.what, p.path, octal(p.mode), owner(p), group(p), octal(MAX_MODE), describe(extra), s.serves))
                        .with_fix(format!("`chmod {} {}`{}.", chmod_removing(extra), p.path, s.source))
                        .with_equivalents([s.mode_cis]),
                );
            }
        }
    }
}

/// The socket group dockerd was told to use (`--group`, `"group"`), else `docker`.
fn configured_group(files: &HostFiles) -> String {
    files
        .daemon_setting("group")
        .and_then(|s| s.value.as_str().map(str::to_string))
        .filter(|g| !g.is_empty())
        .unwrap_or_else(|| "docker".into())
}

/// The expected `user:group` when `p`'s ownership is wrong, None when it is right or cannot be
/// told (group name unknown because /etc/group could not be read).
fn wrong_owner(files: &HostFiles, s: &Socket, p: &PathFacts, docker_group: &str) -> Option<String> {
    let (expected, group_ok) = if s.role == "docker.sock" {
        let name = p.group.as_deref().or_else(|| {
            files
                .socket_group
                .as_ref()
                .filter(|g| g.gid == p.gid && !g.name.is_empty())
                .map(|g| g.name.as_str())
        });
        let ok = match name {
            _ if p.gid == 0 => true,
            Some(n) => {
                n == docker_group || docker_group.parse::<u32>().is_ok_and(|gid| gid == p.gid)
            }
            // An unnamed group is wrong unless the names could not be read at all.
            None => {
                docker_group.parse::<u32>().is_ok_and(|gid| gid == p.gid)
                    || files.unreadable("group").next().is_some()
            }
        };
        (format!("root:{docker_group}"), ok)
    } else {
        ("root:root".to_string(), p.gid == 0)
    };
    (p.uid != 0 || !group_ok).then_some(expected)
}
