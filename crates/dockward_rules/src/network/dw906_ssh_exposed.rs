//! ## What it does
//! Reports `EXPOSE` of port 22, the SSH port, in any form: `22`, `22/tcp`, a range that
//! includes it (`20-25`), a variable that expands to it (`${SSH_PORT:-22}`). UDP and SCTP ports
//! are not SSH and are not reported; a port that depends on an ARG without a value is not
//! reported either.
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
//! ## Use instead
//! ```dockerfile
//! FROM debian:12-slim
//! EXPOSE 8080
//! # Shell access for debugging: docker exec -it <container> sh
//! ```
//!
//! ## References
//! - Trivy DS-0004 (port 22 exposed); Checkov CKV_DOCKER_1 (port 22 not exposed); CIS Docker
//!   Benchmark 1.7 section 5.7 (ensure sshd is not run within containers)
//! - No hadolint equivalent.
//! - <https://docs.docker.com/reference/dockerfile/#expose>

use crate::prelude::*;
use crate::support::images_r4::quote;

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
                let written = if word.value != spec { format!("`{}` (= `{}`)", quote(&word.value), quote(spec)) } else { format!("`{}`", quote(spec)) };
                let what = match range {
                    Some((lo, hi)) => format!("EXPOSE {written} includes port 22 (range {lo}-{hi}), the SSH port"),
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
