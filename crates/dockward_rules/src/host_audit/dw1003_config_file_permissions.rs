//! ## What it does
//! Checks ownership and mode of the files and directories that configure the daemon, as read
//! on the host. Each must be owned by `root:root` and allow at most the mode below (compared as
//! a bitmask: setuid/setgid/sticky and any extra read, write or execute bit count). One finding
//! per wrong aspect, each with its CIS section:
//!
//! | Path (role) | Max mode | Owner / mode |
//! |---|---|---|
//! | `docker.service` unit | 0644 | CIS 3.1 / 3.2 |
//! | `docker.service.d/*.conf` drop-ins | 0644 | CIS 3.1 / 3.2 |
//! | `docker.socket` unit | 0644 | CIS 3.3 / 3.4 |
//! | `/etc/docker` | 0755 | CIS 3.5 / 3.6 |
//! | `/etc/docker/certs.d` and the registry certificates below it | files 0444, directories 0755 | CIS 3.7 / 3.8 |
//! | TLS CA certificate (`tlscacert`) | 0444 | CIS 3.9 / 3.10 |
//! | TLS server certificate (`tlscert`) | 0444 | CIS 3.11 / 3.12 |
//! | TLS server key (`tlskey`) | 0400 | CIS 3.13 / 3.14 |
//! | `daemon.json` (or `--config-file`) | 0644 | CIS 3.17 / 3.18 |
//! | `/etc/default/docker` | 0644 | CIS 3.19 / 3.22 |
//! | `/etc/sysconfig/docker` | 0644 | CIS 3.21 / 3.20 |
//!
//! Decisions: the benchmark names certificate *files* (0444); the directories holding them get
//! 0755 like `/etc/docker`, under the same sections, since a writable directory lets anyone add
//! a trusted CA. Drop-in files of `docker.service` change the unit as much as the unit itself,
//! so they are held to 3.1/3.2. The sockets are DW1002's; `/etc/containerd/config.toml`,
//! `containerd.service` and DockerRootDir have no section 3 item and are not checked. Symlink
//! entries are skipped (the collector also reports the file they point to). Files whose status
//! could not be read are reported as "not checked" (info).
//!
//! ## Why is this bad?
//! These files decide how the root-owned daemon runs: its command line, the registries and
//! CAs it trusts, the TLS identity that protects a remote API. A user who can write to one of
//! them (or owns it, and so can make it writable) can, at the next daemon restart, open the API
//! on a TCP port without TLS, make it trust a rogue registry CA, or drop its security options.
//! A readable TLS key lets anyone impersonate the daemon.
//!
//! ## Example
//! ```text
//! -rw-rw-rw- 1 root  root  /etc/docker/daemon.json
//! -rw-r--r-- 1 alice alice /etc/docker/server-key.pem
//! ```
//!
//! ## Use instead
//! ```sh
//! chown root:root /etc/docker/daemon.json /etc/docker/server-key.pem
//! chmod go-w /etc/docker/daemon.json
//! chmod 400 /etc/docker/server-key.pem
//! ```
//!
//! ## References
//! - CIS Docker Benchmark v1.6.0 3.1-3.14, 3.17-3.22 (numbering as in Aqua's `docker-bench`
//!   `cfg/cis-1.6.0/definitions.yaml` and Docker Bench for Security
//!   `tests/3_docker_daemon_configuration_files.sh`; note 3.19/3.22 are /etc/default/docker and
//!   3.20/3.21 /etc/sysconfig/docker, mode and ownership in crossed order)
//! - <https://docs.docker.com/engine/security/protect-access/>
//! - <https://docs.docker.com/engine/security/certificates/>

use crate::prelude::*;
use crate::support::host_paths::{chmod_removing, describe, excess, group, octal, owner};
use dockward_spec::host_files::FileKind;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW1003",
    name: "config-file-permissions",
    summary: "Daemon configuration file, certificate or key not root:root or too permissive",
    practice: Practice::HostAudit,
    surfaces: &[Surface::Host],
    severity: Severity::Medium,
    equivalents: &[
        "CIS-3.1", "CIS-3.2", "CIS-3.3", "CIS-3.4", "CIS-3.5", "CIS-3.6", "CIS-3.7", "CIS-3.8",
        "CIS-3.9", "CIS-3.10", "CIS-3.11", "CIS-3.12", "CIS-3.13", "CIS-3.14", "CIS-3.17",
        "CIS-3.18", "CIS-3.19", "CIS-3.20", "CIS-3.21", "CIS-3.22",
    ],
    default_enabled: true,
};

/// What each role (as the collector names it) must satisfy.
struct Expect {
    role: &'static str,
    what: &'static str,
    /// Most permissive mode for a file, and for a directory.
    max_file: u32,
    max_dir: u32,
    owner_cis: &'static str,
    mode_cis: &'static str,
}

#[rustfmt::skip]
const EXPECTED: &[Expect] = &[
    Expect { role: "docker.service",       what: "the docker.service unit",           max_file: 0o644, max_dir: 0o755, owner_cis: "CIS-3.1",  mode_cis: "CIS-3.2" },
    Expect { role: "docker.service.d",     what: "the docker.service drop-in",        max_file: 0o644, max_dir: 0o755, owner_cis: "CIS-3.1",  mode_cis: "CIS-3.2" },
    Expect { role: "docker.socket",        what: "the docker.socket unit",            max_file: 0o644, max_dir: 0o755, owner_cis: "CIS-3.3",  mode_cis: "CIS-3.4" },
    Expect { role: "etc-docker",           what: "the Docker configuration directory", max_file: 0o755, max_dir: 0o755, owner_cis: "CIS-3.5",  mode_cis: "CIS-3.6" },
    Expect { role: "certs.d",              what: "the registry certificate directory", max_file: 0o444, max_dir: 0o755, owner_cis: "CIS-3.7",  mode_cis: "CIS-3.8" },
    Expect { role: "certs.d-file",         what: "the registry certificate",          max_file: 0o444, max_dir: 0o755, owner_cis: "CIS-3.7",  mode_cis: "CIS-3.8" },
    Expect { role: "tlscacert",            what: "the daemon's TLS CA certificate",   max_file: 0o444, max_dir: 0o755, owner_cis: "CIS-3.9",  mode_cis: "CIS-3.10" },
    Expect { role: "tlscert",              what: "the daemon's TLS certificate",      max_file: 0o444, max_dir: 0o755, owner_cis: "CIS-3.11", mode_cis: "CIS-3.12" },
    Expect { role: "tlskey",               what: "the daemon's TLS private key",      max_file: 0o400, max_dir: 0o700, owner_cis: "CIS-3.13", mode_cis: "CIS-3.14" },
    Expect { role: "daemon.json",          what: "the daemon configuration file",     max_file: 0o644, max_dir: 0o755, owner_cis: "CIS-3.17", mode_cis: "CIS-3.18" },
    Expect { role: "etc-default-docker",   what: "the daemon's environment file",     max_file: 0o644, max_dir: 0o755, owner_cis: "CIS-3.19", mode_cis: "CIS-3.22" },
    Expect { role: "etc-sysconfig-docker", what: "the daemon's environment file",     max_file: 0o644, max_dir: 0o755, owner_cis: "CIS-3.21", mode_cis: "CIS-3.20" },
];

pub fn check_host(ctx: &HostCtx, out: &mut Vec<Finding>) {
    let Some(files) = ctx.files() else { return };
    // Unreadable sockets are DW1002's.
    ctx.not_checked_where(&RULE, "paths", |p| (!p.ends_with(".sock")).then_some(&[][..]), out);
    for p in &files.paths {
        let Some(e) = EXPECTED.iter().find(|e| e.role == p.role) else { continue };
        if p.kind == FileKind::Symlink {
            continue;
        }
        if p.uid != 0 || p.gid != 0 {
            let group_bits = (p.mode >> 3) & 0o7;
            let why = if p.uid != 0 {
                "its owner can rewrite it and change its mode".to_string()
            } else if group_bits != 0 {
                format!(
                    "members of that group may {} it",
                    describe(group_bits << 3).trim_start_matches("group ")
                )
            } else {
                "a later chmod would grant a group other than root access".to_string()
            };
            out.push(
                ctx.finding_in(
                    &RULE,
                    &p.path,
                    0,
                    format!(
                        "{} {} is owned by {}:{} (mode {}), not root:root: {why}",
                        e.what,
                        p.path,
                        owner(p),
                        group(p),
                        octal(p.mode)
                    ),
                )
                .with_fix(format!("`chown root:root {}`", p.path))
                .with_equivalents([e.owner_cis]),
            );
        }
        let max = if p.kind == FileKind::Dir { e.max_dir } else { e.max_file };
        let extra = excess(p.mode, max);
        if extra != 0 {
            out.push(
                ctx.finding_in(
                    &RULE,
                    &p.path,
                    0,
                    format!(
                        "{} {} has mode {} ({}:{}), more permissive than {} ({})",
                        e.what,
                        p.path,
                        octal(p.mode),
                        owner(p),
                        group(p),
                        octal(max),
                        describe(extra)
                    ),
                )
                .with_fix(format!("`chmod {} {}`", chmod_removing(extra), p.path))
                .with_equivalents([e.mode_cis]),
            );
        }
    }
}
