//! ## What it does
//! Checks that the Linux audit rules (`auditctl -l`, or the files under /etc/audit) watch the
//! Docker binaries, files and directories CIS section 1.1 names, one finding per path no rule
//! watches, each with its CIS section:
//!
//! | CIS | Path | Checked when |
//! |---|---|---|
//! | 1.1.3 | the dockerd binary (the running one, else /usr/bin/dockerd or /usr/sbin/dockerd) | always |
//! | 1.1.4 | /run/containerd (the directory of containerd.sock) | containerd.sock exists |
//! | 1.1.5 | DockerRootDir (the real one, /var/lib/docker by default) | it exists |
//! | 1.1.6 | /etc/docker | it exists |
//! | 1.1.7 | the docker.service unit | it exists |
//! | 1.1.8 | containerd.sock | it exists |
//! | 1.1.9 | the docker.socket unit | it exists |
//! | 1.1.10 | /etc/default/docker | it exists |
//! | 1.1.11 | daemon.json (or dockerd's `--config-file`) | it exists |
//! | 1.1.12 | /etc/containerd/config.toml | it exists |
//! | 1.1.13 | /etc/sysconfig/docker | it exists |
//! | 1.1.14 | /usr/bin/containerd | always |
//! | 1.1.17 | /usr/bin/containerd-shim-runc-v2 | always |
//! | 1.1.18 | /usr/bin/runc (or /usr/sbin/runc) | always |
//!
//! A rule counts when it watches the path itself or a directory above it (`-w PATH`,
//! `-F path=PATH`, `-F dir=PATH`): `-w /etc/docker` covers /etc/docker/daemon.json, since a
//! `-w` or `-F dir=` watch on a directory is recursive. (`-F path=` on a directory is not; the
//! collected rules do not keep which form was used, so that case is accepted too.) /var/run
//! and /run are the same directory. The binaries are not looked for on disk, so they are
//! checked regardless; 1.1.15 (`containerd-shim`) and 1.1.16 (`containerd-shim-runc-v1`) are
//! not checked: containerd 2.0 removed those shims, and since the audit does not look for them
//! on disk a finding could name a file that does not exist.
//!
//! When the audit rules could not be read (no auditctl, no rule files, permission denied), the
//! rule says so as "not checked" (info) instead.
//!
//! ## Why is this bad?
//! The daemon runs as root and these files decide what it does. Without audit rules on them,
//! a replaced `runc` or `dockerd`, a new listener added to daemon.json, or a container image
//! tampered with in DockerRootDir leaves no record: an incident cannot be reconstructed.
//!
//! ## Example
//! ```text
//! # auditctl -l
//! No rules
//! ```
//!
//! ## Use instead
//! ```text
//! # /etc/audit/rules.d/docker.rules, then `augenrules --load`
//! -w /usr/bin/dockerd -k docker
//! -w /run/containerd -k docker
//! -w /var/lib/docker -k docker
//! -w /etc/docker -k docker
//! -w /lib/systemd/system/docker.service -k docker
//! -w /lib/systemd/system/docker.socket -k docker
//! -w /etc/default/docker -k docker
//! -w /etc/containerd/config.toml -k docker
//! -w /usr/bin/containerd -k docker
//! -w /usr/bin/containerd-shim-runc-v2 -k docker
//! -w /usr/bin/runc -k docker
//! ```
//! Audit logs grow: rotate them and keep them on their own partition.
//!
//! ## References
//! - CIS Docker Benchmark v1.6.0 1.1.3-1.1.18 (numbering and paths as in Aqua's
//!   `docker-bench` `cfg/cis-1.6.0/definitions.yaml` and Docker Bench for Security
//!   `tests/1_host_configuration.sh`)
//! - <https://man7.org/linux/man-pages/man8/auditctl.8.html> (`-w` on a directory is `-F dir=`)
//! - <https://access.redhat.com/solutions/6344561> (directory rules are recursive)

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW1001",
    name: "docker-files-not-audited",
    summary: "No audit rule watches a Docker binary, file or directory",
    practice: Practice::HostAudit,
    surfaces: &[Surface::Host],
    severity: Severity::Low,
    equivalents: &[
        "CIS-1.1.3",
        "CIS-1.1.4",
        "CIS-1.1.5",
        "CIS-1.1.6",
        "CIS-1.1.7",
        "CIS-1.1.8",
        "CIS-1.1.9",
        "CIS-1.1.10",
        "CIS-1.1.11",
        "CIS-1.1.12",
        "CIS-1.1.13",
        "CIS-1.1.14",
        "CIS-1.1.17",
        "CIS-1.1.18",
    ],
    default_enabled: true,
};

/// Something that should be watched: any of `paths` satisfies it, the first is named.
struct Target {
    cis: &'static str,
    what: &'static str,
    paths: Vec<String>,
}

/// Paths the collector stats, by role, with their CIS section (checked only when they exist).
#[rustfmt::skip]
const STATTED: &[(&str, &str, &str)] = &[
    ("docker-root",          "CIS-1.1.5",  "Docker's data directory, DockerRootDir"),
    ("etc-docker",           "CIS-1.1.6",  "Docker's configuration directory"),
    ("docker.service",       "CIS-1.1.7",  "the docker.service unit"),
    ("containerd.sock",      "CIS-1.1.8",  "containerd's socket"),
    ("docker.socket",        "CIS-1.1.9",  "the docker.socket unit"),
    ("etc-default-docker",   "CIS-1.1.10", "the daemon's environment file"),
    ("daemon.json",          "CIS-1.1.11", "the daemon configuration file"),
    ("containerd-config",    "CIS-1.1.12", "containerd's configuration file"),
    ("etc-sysconfig-docker", "CIS-1.1.13", "the daemon's environment file"),
];

pub fn check_host(ctx: &HostCtx, out: &mut Vec<Finding>) {
    let Some(files) = ctx.files() else { return };
    ctx.not_checked(&RULE, "audit", out);
    let Some(audit) = &files.audit else { return };
    // Findings point at the first rules file read; `auditctl -l` output has no file.
    let rules_file = audit.source.split(',').map(str::trim).next().filter(|s| s.starts_with('/'));
    // Nothing watched at all (auditd not installed, or no rules): one finding naming every
    // path, instead of a dozen saying the same thing.
    if audit.watched.is_empty() {
        let all = targets(files);
        let paths: Vec<&str> =
            all.iter().filter_map(|t| t.paths.first().map(String::as_str)).collect();
        let why = audit.source.strip_prefix("none: ").map_or_else(
            || format!("no audit rule watches anything ({})", audit.source),
            str::to_string,
        );
        let message = format!(
            "{why}: none of the {} Docker paths CIS 1.1 lists is audited ({})",
            paths.len(),
            paths.join(", ")
        );
        let f = match rules_file {
            Some(file) => ctx.finding_in(&RULE, file, 0, message),
            None => ctx.finding(&RULE, message),
        };
        let cis: Vec<&'static str> = all.iter().map(|t| t.cis).collect();
        out.push(f.with_fix("Install auditd and add `-w <path> -k docker` for each of these paths to /etc/audit/rules.d/docker.rules, then load it (`augenrules --load`).").with_equivalents(cis));
        return;
    }
    for t in targets(files) {
        if t.paths.iter().any(|p| audit.watched.iter().any(|w| covers(w, p))) {
            continue;
        }
        let Some(path) = t.paths.first() else { continue };
        let message = format!(
            "no audit rule watches {path} ({}): changes to it leave no audit trail",
            t.what
        );
        let f = match rules_file {
            Some(file) => ctx.finding_in(&RULE, file, 0, message),
            None => ctx.finding(&RULE, message),
        };
        out.push(f.with_fix(format!("Add `-w {path} -k docker` to /etc/audit/rules.d/docker.rules and load it (`augenrules --load`).")).with_equivalents([t.cis]));
    }
}

fn targets(files: &HostFiles) -> Vec<Target> {
    let t = |cis, what, paths: &[&str]| Target {
        cis,
        what,
        paths: paths.iter().map(|p| p.to_string()).collect(),
    };
    let mut v = Vec::new();
    let exe = files.dockerd.as_ref().and_then(|d| d.exe.as_deref()).filter(|e| e.starts_with('/'));
    v.push(match exe {
        Some(e) => t("CIS-1.1.3", "the Docker daemon binary", &[e]),
        None => {
            t("CIS-1.1.3", "the Docker daemon binary", &["/usr/bin/dockerd", "/usr/sbin/dockerd"])
        }
    });
    if let Some(sock) = files.path("containerd.sock")
        && let Some((dir, _)) = sock.path.rsplit_once('/')
        && !dir.is_empty()
    {
        v.push(t("CIS-1.1.4", "containerd's state directory", &[dir]));
    }
    for (role, cis, what) in STATTED {
        if let Some(p) = files.path(role) {
            v.push(t(cis, what, &[&p.path]));
        }
    }
    v.push(t("CIS-1.1.14", "the containerd binary", &["/usr/bin/containerd"]));
    v.push(t("CIS-1.1.17", "containerd's runc shim", &["/usr/bin/containerd-shim-runc-v2"]));
    v.push(t("CIS-1.1.18", "the runc binary", &["/usr/bin/runc", "/usr/sbin/runc"]));
    v
}

/// Does a watch on `watched` cover `path`: the same path or a directory above it?
fn covers(watched: &str, path: &str) -> bool {
    let (w, p) = (normalize(watched), normalize(path));
    // A watch on `/` is refused by the kernel; an empty one is a parse artefact.
    !w.is_empty()
        && (p == w || p.strip_prefix(w.as_str()).is_some_and(|rest| rest.starts_with('/')))
}

/// Without trailing or doubled slashes, /var/run as /run.
fn normalize(path: &str) -> String {
    let joined = path
        .split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .fold(String::new(), |acc, c| acc + "/" + c);
    match joined.strip_prefix("/var/run") {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => format!("/run{rest}"),
        _ => joined,
    }
}

#[cfg(test)]
mod tests {
    use super::covers;

    #[test]
    fn parent_directories_cover_children() {
        assert!(covers("/etc/docker", "/etc/docker/daemon.json"));
        assert!(covers("/etc/docker/", "/etc/docker"));
        assert!(!covers("/etc/dock", "/etc/docker"));
        assert!(!covers("/etc/docker/daemon.json", "/etc/docker"));
        assert!(covers("/var/run/containerd", "/run/containerd/containerd.sock"));
        assert!(covers("/run", "/var/run/docker.sock"));
        assert!(!covers("/", "/usr/bin/dockerd"));
        assert!(!covers("", "/usr/bin/dockerd"));
    }
}
