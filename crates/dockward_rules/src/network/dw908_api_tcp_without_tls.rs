//! ## What it does
//! Flags a Docker daemon whose Engine API listens on TCP without TLS client verification:
//! - when dockward reads the daemon's options on its machine: dockerd listens on TCP
//!   (`-H`/`--host tcp://…`, or an address without a scheme, which dockerd reads as TCP;
//!   `hosts` in daemon.json) and `tlsverify` is not on; reported at the setting;
//! - otherwise, the daemon itself warns so in `docker info` (`API is accessible on
//!   http://0.0.0.0:2375 without encryption`, or `on https://… without TLS client
//!   verification`), or dockward reached it over plain `tcp://`/`http://`.
//!
//! The TLS options are daemon-wide, so the first check covers every TCP listener and the
//! second one is then skipped (it would report the same listeners again). dockerd also turns
//! `tlsverify` on when `DOCKER_TLS_VERIFY` is set in its own environment, which dockward does
//! not read: set it in daemon.json instead, where it can be audited.
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
use crate::support::daemon_settings::{known_options, setting_bool, tcp_listeners};

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
    if let Some(files) = known_options(ctx, &RULE, out) {
        let verify = files.daemon_setting("tlsverify").and_then(|s| setting_bool(&s)) == Some(true);
        let listeners = tcp_listeners(files);
        if !verify && !listeners.is_empty() {
            let tls = files.daemon_setting("tls").and_then(|s| setting_bool(&s)) == Some(true);
            let how = if tls {
                "with TLS but without client certificate verification (`tlsverify` is not on)"
            } else {
                "without TLS (`tlsverify` is not on)"
            };
            for (setting, addrs) in &listeners {
                let addrs = addrs.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ");
                out.push(ctx.finding_setting(&RULE, setting, format!("the Engine API listens on {addrs} {how}: anyone who reaches the port controls the host")).with_fix(FIX));
            }
            // The daemon's own warning and the endpoint name the same listeners.
            return;
        }
    }
    let mut warned = false;
    for w in &ctx.facts.warnings {
        if w.contains("without encryption") || w.contains("without TLS client verification") {
            let first = w.lines().next().unwrap_or(w).trim();
            let first = first
                .strip_prefix("WARNING:")
                .or_else(|| first.strip_prefix("[DEPRECATION NOTICE]:"))
                .unwrap_or(first)
                .trim();
            out.push(ctx.finding(&RULE, format!("the daemon reports: {first}")).with_fix(FIX));
            warned = true;
        }
    }
    let ep = ctx.facts.endpoint.to_ascii_lowercase();
    if !warned && (ep.starts_with("tcp://") || ep.starts_with("http://")) {
        out.push(
            ctx.finding(
                &RULE,
                format!("the Engine API answered on `{}` without TLS", ctx.facts.endpoint),
            )
            .with_fix(FIX),
        );
    }
}
