//! ## What it does
//! Flags live containers whose health check fails: `State.Health.Status` is `unhealthy`
//! (the check failed `retries` times in a row). Containers without a health check are DW1205's
//! business; `starting` and `healthy` are fine.
//!
//! ## Why is this bad?
//! An unhealthy container is still running, and plain Docker does not restart it: a service
//! that hangs, lost its database or serves errors goes on receiving traffic until someone
//! looks. An unhealthy container is also a sign of something to investigate, from a full disk
//! to a compromised process.
//!
//! ## Example
//! ```text
//! $ docker ps --format '{{.Names}} {{.Status}}'
//! web Up 3 hours (unhealthy)
//! ```
//!
//! ## Use instead
//! Find out why the check fails and fix the service (or the check):
//! ```sh
//! docker inspect --format '{{json .State.Health}}' web
//! ```
//! and let something act on health: an orchestrator (Swarm, Kubernetes), Compose
//! `depends_on: condition: service_healthy`, or a monitor that alerts on `health_status`
//! events.
//!
//! ## References
//! - CIS Docker Benchmark 5.27 (ensure that container health is checked at runtime)
//! - <https://docs.docker.com/reference/dockerfile/#healthcheck>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW1206",
    name: "unhealthy",
    summary: "Container is unhealthy",
    practice: Practice::Logging,
    surfaces: &[Surface::Container],
    severity: Severity::Medium,
    equivalents: &[],
    default_enabled: true,
};

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    let Some(rt) = &ctx.spec.runtime else { return };
    if rt.health.as_deref() != Some("unhealthy") {
        return;
    }
    let state =
        if rt.state.is_empty() { String::new() } else { format!(" (state `{}`)", rt.state) };
    out.push(
        ctx.finding_service(&RULE, format!("{} is unhealthy{state}: its health check keeps failing", ctx.what()))
            .with_fix("See why the check fails (`docker inspect --format '{{json .State.Health}}' NAME`), fix the service or its check, and have an orchestrator or monitor act on unhealthy containers."),
    );
}
