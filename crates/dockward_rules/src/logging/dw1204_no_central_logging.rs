//! ## What it does
//! Flags a Docker daemon whose default log driver keeps container logs only on the host
//! (`json-file`, `local`) or discards them (`none`).
//!
//! ## Why is this bad?
//! Logs that stay on the host are lost with it, and an attacker who gets root there can edit
//! them. Shipping them to a central system (syslog, journald forwarding, fluentd, gelf, a cloud
//! service) keeps the audit trail out of reach.
//!
//! ## Example
//! ```json
//! { "log-driver": "json-file" }
//! ```
//!
//! ## Use instead
//! ```json
//! { "log-driver": "syslog", "log-opts": { "syslog-address": "tcp://logs.example.com:514" } }
//! ```
//!
//! ## References
//! - CIS Docker Benchmark 2.13
//! - <https://docs.docker.com/engine/logging/configure/>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW1204",
    name: "no-central-logging",
    summary: "Daemon log driver keeps logs only on the host",
    practice: Practice::Logging,
    surfaces: &[Surface::Host],
    severity: Severity::Info,
    equivalents: &["CIS-2.13"],
    default_enabled: true,
};

pub fn check_host(ctx: &HostCtx, out: &mut Vec<Finding>) {
    let Some(driver) = ctx.facts.logging_driver.as_deref() else { return };
    let what = match driver {
        "json-file" | "local" => "keeps container logs only on the host",
        "none" => "discards container logs",
        _ => return,
    };
    out.push(
        ctx.finding(&RULE, format!("the daemon's default log driver `{driver}` {what}"))
            .with_fix("Set `log-driver` in /etc/docker/daemon.json to one that ships logs off the host (syslog, journald with forwarding, fluentd, gelf, awslogs, …)."),
    );
}
