//! ## What it does
//! Reports port 22, the SSH port, offered by a container:
//!
//! - Dockerfile: `EXPOSE` of port 22 in any form: `22`, `22/tcp`, a range that includes it
//!   (`20-25`), a variable that expands to it (`${SSH_PORT:-22}`). A port that depends on an
//!   ARG without a value is not reported.
//! - Compose service or live container: a published port whose container side is 22 (`"2222:22"`,
//!   `"22"`, long syntax `target: 22`, a range such as `"20-25:20-25"`), a published port whose
//!   host side is 22 (`"22:2222"`: the host's SSH port forwarded into the container), or an
//!   `expose:` entry covering 22. Reported whatever the network mode: even where Docker discards
//!   `ports:` (host networking), the entry says an SSH server listens.
//! - Live container: a process of the container is an SSH server (`sshd`, `/usr/sbin/sshd -D`,
//!   OpenSSH's retitled `sshd: /usr/sbin/sshd -D [listener] …`, `sshd-session`, `dropbear`), as
//!   `GET /containers/{id}/top` lists them for a running container, whatever port it listens
//!   on or publishes (CIS 5.7).
//!
//! UDP and SCTP ports are not SSH and are not reported. Images whose product is an SSH
//! service (Git hosting such as Gitea, Forgejo, Gogs, GitLab; SFTP and OpenSSH-server images)
//! are reported with low severity: the SSH server is their purpose, not a way into the
//! container, but it is still an internet-facing login service to keep patched and key-only.
//!
//! ## Why is this bad?
//! A container that exposes 22 usually runs an SSH daemon: one more network service to patch,
//! long-lived credentials or keys baked into or mounted into the container, and a way in that
//! bypasses the runtime's own access control and audit (`docker exec`, `kubectl exec`). It
//! also turns the container into a small VM that people log into and change by hand.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12-slim
//! RUN apt-get update && apt-get install -y --no-install-recommends openssh-server
//! EXPOSE 22 8080
//! CMD ["/usr/sbin/sshd", "-D"]
//! ```
//!
//! ```yaml
//! services:
//!   app:
//!     image: example/app-with-sshd:1.0
//!     ports:
//!       - "2222:22"
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM debian:12-slim
//! EXPOSE 8080
//! # Shell access for debugging: docker exec -it <container> sh
//! ```
//!
//! ```yaml
//! services:
//!   app:
//!     image: example/app:1.0
//!     ports:
//!       - "127.0.0.1:8080:8080"
//! # Shell access: docker compose exec app sh
//! ```
//!
//! ## References
//! - Trivy DS-0004 (port 22 exposed); Checkov CKV_DOCKER_1 (port 22 not exposed); CIS Docker
//!   Benchmark 1.7 section 5.7 (ensure sshd is not run within containers): the finding for a
//!   running sshd carries CIS-5.7 only
//! - No hadolint or compose-lint equivalent.
//! - <https://docs.docker.com/reference/dockerfile/#expose>

use crate::prelude::*;
use crate::support::image_refs::quote;
use crate::support::published_ports::port_text;
use dockward_spec::container::PortRange;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW906",
    name: "ssh-exposed",
    summary: "SSH port 22 exposed",
    practice: Practice::Network,
    surfaces: &[Surface::Dockerfile, Surface::Compose, Surface::Container],
    severity: Severity::Medium,
    equivalents: &["DS-0004", "CKV_DOCKER_1", "CIS-5.7"],
    default_enabled: true,
};

const SSH_PORT: u32 = 22;

/// How a port spec (`22`, `22/tcp`, `20-25/tcp`, `0.0.0.0:2222:22`) covers port 22:
/// `Some(None)` exactly, `Some(Some((lo, hi)))` through a range, `None` not at all.
fn covers_ssh(spec: &str) -> Option<Option<(u32, u32)>> {
    let (ports, proto) = match spec.split_once('/') {
        Some((p, proto)) => (p, proto),
        None => (spec, "tcp"),
    };
    if !proto.eq_ignore_ascii_case("tcp") {
        return None;
    }
    // `ip:host:container` (accepted by Docker's port-spec parser): the container port counts.
    let container = ports.rsplit(':').next().unwrap_or(ports);
    let parse = |s: &str| -> Option<u32> { s.trim().parse::<u32>().ok() };
    match container.split_once('-') {
        Some((lo, hi)) => {
            let (lo, hi) = (parse(lo)?, parse(hi)?);
            (lo <= SSH_PORT && SSH_PORT <= hi).then_some(Some((lo, hi)))
        }
        None => (parse(container)? == SSH_PORT).then_some(None),
    }
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for inst in ctx.instructions() {
        if inst.keyword != Keyword::Expose {
            continue;
        }
        for word in instruction::words(inst, ctx.escape()) {
            let ex = ctx.model.expand_at(inst.index, &word.value);
            if !ex.is_complete() {
                continue;
            }
            for spec in ex.value.split_whitespace() {
                let Some(range) = covers_ssh(spec) else { continue };
                let written = if word.value != spec {
                    format!("`{}` (= `{}`)", quote(&word.value), quote(spec))
                } else {
                    format!("`{}`", quote(spec))
                };
                let what = match range {
                    Some((lo, hi)) => {
                        format!("EXPOSE {written} includes port 22 (range {lo}-{hi}), the SSH port")
                    }
                    None => format!("EXPOSE {written} exposes port 22, the SSH port"),
                };
                out.push(
                    ctx.finding(&RULE, word.span, format!("{what}, which usually means an SSH server runs in the container"))
                        .with_fix("Remove port 22 from EXPOSE and do not run sshd in the container; use `docker exec` (or `kubectl exec`) for shell access.".to_string()),
                );
            }
        }
    }
}

/// Images whose product is an SSH service (Git over SSH, SFTP, an SSH server): the last
/// component of the repository path (Git hosts also by prefix, `gogs-arm`, but not their CI
/// runners).
const SSH_PRODUCT_IMAGES: &[&str] = &[
    "gitea",
    "forgejo",
    "gogs",
    "gitlab-ce",
    "gitlab-ee",
    "gitlab",
    "soft-serve",
    "onedev",
    "sftp",
    "openssh-server",
    "sftpgo",
    "bastion",
];

fn ssh_product(spec: &ContainerSpec) -> Option<String> {
    let img = spec.image.as_ref()?;
    let r = img.value.parsed.as_ref()?;
    let path = r.path.to_ascii_lowercase();
    let last = path.rsplit('/').next().unwrap_or(&path);
    let git = ["gitea", "forgejo", "gogs", "gitlab"].iter().any(|g| last.starts_with(g))
        && !last.contains("runner");
    (git || SSH_PRODUCT_IMAGES.contains(&last)).then(|| quote(&img.value.raw))
}

/// `port 22` or `ports 20-25 including 22`.
fn ports_note(r: PortRange) -> String {
    if r.start == r.end { "port 22".to_string() } else { format!("ports {r} including 22") }
}

/// The first process that is an SSH server: its program (first word, `sshd:` retitling
/// included) is `sshd`, `sshd-session` or `dropbear`, with or without a directory.
fn ssh_server(processes: &[String]) -> Option<&str> {
    processes.iter().map(String::as_str).find(|p| {
        let program = p.split_whitespace().next().unwrap_or("").trim_end_matches(':');
        let name = program.rsplit('/').next().unwrap_or(program);
        matches!(name, "sshd" | "sshd-session" | "dropbear")
    })
}

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    ports_and_expose(ctx, out);
    let processes = ctx.spec.runtime.as_ref().and_then(|r| r.processes.as_deref()).unwrap_or(&[]);
    if let Some(p) = ssh_server(processes) {
        let (tail, fix, severity) = match ssh_product(ctx.spec) {
            Some(img) => (
                format!(
                    "; the image `{img}` serves SSH by design: a login service to keep patched and key-only"
                ),
                "Keep it only if SSH access is the service's purpose: allow key authentication only and keep the image patched.",
                Severity::Low,
            ),
            None => (
                String::new(),
                "Do not run an SSH server in the container: use `docker exec` (or `kubectl exec`) for shell access, and rebuild the image without it.",
                RULE.severity,
            ),
        };
        let shown: String = p.chars().take(100).collect();
        out.push(
            ctx.finding_service(
                &RULE,
                format!("sshd running in the container: {} runs `{shown}`{tail}", ctx.what()),
            )
            .with_fix(fix)
            .with_severity(severity)
            .with_equivalents(["CIS-5.7"]),
        );
    }
}

fn ports_and_expose(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    let ssh = SSH_PORT as u16;
    let product = ssh_product(ctx.spec);
    let (tail, fix, severity) = match &product {
        Some(img) => (
            format!(
                "; the image `{img}` serves SSH by design (Git or file transfer): a login service to keep patched and key-only"
            ),
            "Keep it only if SSH access is the service's purpose: allow key authentication only, keep the image patched, and bind the port to the interface clients use (e.g. `10.0.0.5:2222:22`) rather than every interface.",
            Severity::Low,
        ),
        None => (
            ": an SSH server probably runs in the container".to_string(),
            "Remove port 22 and do not run sshd in the container; use `docker exec` / `docker compose exec` (or `kubectl exec`) for shell access.",
            RULE.severity,
        ),
    };
    for p in &ctx.spec.ports {
        let m = &p.value;
        if !m.protocol.eq_ignore_ascii_case("tcp") {
            continue;
        }
        let text = port_text(m);
        let what = if m.target.contains(ssh) {
            format!("publishes `{text}`, container {} (SSH)", ports_note(m.target))
        } else if let Some(h) = m.published.filter(|h| h.contains(ssh)) {
            format!(
                "publishes `{text}`, forwarding host {} (SSH) into the container",
                ports_note(h)
            )
        } else {
            continue;
        };
        out.push(
            ctx.finding_at(&RULE, p, format!("{} {what}{tail}", ctx.what()))
                .with_fix(fix)
                .with_severity(severity),
        );
    }
    for e in &ctx.spec.expose {
        let Some(range) = covers_ssh(e.value.trim()) else { continue };
        let what = match range {
            Some(_) => ", including port 22 (SSH)",
            None => " (SSH)",
        };
        out.push(
            ctx.finding_at(
                &RULE,
                e,
                format!("{} exposes `{}`{what}{tail}", ctx.what(), quote(e.value.trim())),
            )
            .with_fix(fix)
            .with_severity(severity),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ssh_server_processes() {
        let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            ssh_server(&p(&["/bin/sh /start.sh", "/usr/sbin/sshd -D"])),
            Some("/usr/sbin/sshd -D")
        );
        assert!(
            ssh_server(&p(&["sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups"])).is_some()
        );
        assert!(ssh_server(&p(&["sshd: root@pts/0"])).is_some());
        assert!(ssh_server(&p(&["/usr/lib/openssh/sshd-session -R"])).is_some());
        assert!(ssh_server(&p(&["dropbear -F -E -p 22"])).is_some());
        assert!(
            ssh_server(&p(&[
                "ssh-agent -D",
                "/usr/bin/ssh -N tunnel",
                "python3 sshd.py",
                "/opt/sshdump"
            ]))
            .is_none()
        );
        assert!(ssh_server(&[]).is_none());
    }
}
