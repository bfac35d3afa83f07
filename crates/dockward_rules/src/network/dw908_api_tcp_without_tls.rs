//! ## What it does
//! Flags a Docker daemon whose Engine API listens on TCP without TLS: the daemon itself warns
//! so in `docker info` (`API is accessible on http://0.0.0.0:2375 without encryption`), or
//! dockward reached it over plain `tcp://`/`http://`.
//!
//! ## Why is this bad?
//! Access to the Engine API is root on the host. Without TLS client verification, anyone who
//! can reach the port can start a privileged container mounting `/`; without encryption,
//! every request (including registry credentials) crosses the network in the clear.
//!
//! ## Example
//! ```json
//! { "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"] }
//! ```
//!
//! ## Use instead
//! ```json
//! {
//!   "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376"],
//!   "tlsverify": true,
//!   "tlscacert": "/etc/docker/ca.pem",
//!   "tlscert": "/etc/docker/server-cert.pem",
//!   "tlskey": "/etc/docker/server-key.pem"
//! }
//! ```
//! or no TCP listener at all (use SSH: `DOCKER_HOST=ssh://user@host`).
//!
//! ## References
//! - CIS Docker Benchmark 2.7
//! - <https://docs.docker.com/engine/security/protect-access/>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW908",
    name: "api-tcp-without-tls",
    summary: "Engine API on TCP without TLS verification",
    practice: Practice::Network,
    surfaces: &[Surface::Host],
    severity: Severity::Critical,
    equivalents: &["CIS-2.7"],
    default_enabled: true,
};

const FIX: &str = "Remove the plain TCP listener from `hosts` (daemon.json or `-H`), or serve it on 2376 with `tlsverify` and client certificates; prefer `DOCKER_HOST=ssh://…` for remote access.";

pub fn check_host(ctx: &HostCtx, out: &mut Vec<Finding>) {
    let mut warned = false;
    for w in &ctx.facts.warnings {
        if w.contains("without encryption") {
            let first = w.lines().next().unwrap_or(w).trim().trim_start_matches("WARNING:").trim();
            out.push(ctx.finding(&RULE, format!("the daemon reports: {first}")).with_fix(FIX));
            warned = true;
        }
    }
    let ep = ctx.facts.endpoint.to_ascii_lowercase();
    if !warned && (ep.starts_with("tcp://") || ep.starts_with("http://")) {
        out.push(ctx.finding(&RULE, format!("the Engine API answered on `{}` without TLS", ctx.facts.endpoint)).with_fix(FIX));
    }
}
