//! ## What it does
//! Flags a Docker daemon running with debug enabled (`Debug: true` in `docker info`, set by
//! `"debug": true` or `"log-level": "debug"` in daemon.json, or `dockerd -D`).
//!
//! ## Why is this bad?
//! Debug logging records far more than operations need (request details, internal state),
//! bloats the logs that audits rely on, and may write sensitive data to them. The CIS Benchmark
//! asks for log level `info`.
//!
//! ## Example
//! ```json
//! { "debug": true }
//! ```
//!
//! ## Use instead
//! ```json
//! { "log-level": "info" }
//! ```
//!
//! ## References
//! - CIS Docker Benchmark 2.3
//! - <https://docs.docker.com/engine/daemon/logs/>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW1203",
    name: "debug-log-level",
    summary: "Daemon log level is debug",
    practice: Practice::Logging,
    surfaces: &[Surface::Host],
    severity: Severity::Low,
    equivalents: &["CIS-2.3"],
    default_enabled: true,
};

pub fn check_host(ctx: &HostCtx, out: &mut Vec<Finding>) {
    if ctx.facts.debug == Some(true) {
        out.push(
            ctx.finding(&RULE, "the daemon runs in debug mode (`docker info`: Debug Mode true)")
                .with_fix("Remove `\"debug\": true` and set `\"log-level\": \"info\"` in /etc/docker/daemon.json (no `-D` on dockerd), then restart the daemon."),
        );
    }
}
