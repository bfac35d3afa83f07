//! ## What it does
//! Flags containers without a CPU limit: a Compose service with none of
//! `deploy.resources.limits.cpus`, `cpus` or a positive `cpu_quota`, or a live container whose
//! `HostConfig.NanoCpus` and `HostConfig.CpuQuota` are both 0. A value of `0` (or a
//! `cpu_quota` of `-1`) means "unlimited" to Docker and is reported. `cpu_shares` (and
//! `deploy.resources.reservations.cpus`) only weigh containers against each other when the
//! CPU is contended; they cap nothing, so they do not count as a limit.
//!
//! A Compose service with neither `image:` nor `build:` is a fragment completed by the file
//! it is merged with (an override file linted on its own): what it does not set is not
//! reported, since the other file may set it.
//!
//! ## Why is this bad?
//! Docker imposes no CPU limit by default: the container's cgroup `cpu.max` is `max`. A busy
//! loop, a crypto miner dropped by an attacker, or a request flood can then use every core of
//! the host, starving the other containers and the daemon. A limit bounds the damage one
//! container can do to its neighbours.
//!
//! ## Example
//! ```yaml
//! services:
//!   worker:
//!     image: example/worker:2.1
//!     cpu_shares: 512   # a weight, not a limit
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   worker:
//!     image: example/worker:2.1
//!     deploy:
//!       resources:
//!         limits:
//!           cpus: "1.5"
//! ```
//!
//! ## References
//! - CIS Docker Benchmark 5.12 (CPU priority is set appropriately); KICS cpus_not_limited
//!   (Docker Compose); compose-lint CL-0026 (one finding for memory and CPU together; dockward
//!   reports them separately, DW401 and DW402)
//! - `cpuset` (pinning to some CPUs) is not read by dockward and does not silence the rule.
//! - <https://docs.docker.com/engine/containers/resource_constraints/#cpu>
//! - <https://docs.docker.com/reference/compose-file/deploy/#resources>

use crate::prelude::*;
use crate::support::container_values::{fix_for, is_fragment, key_of, written_key};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW402",
    name: "no-cpu-limit",
    summary: "Container has no CPU limit",
    practice: Practice::ResourceLimits,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::Low,
    equivalents: &["KICS-cpus_not_limited", "CL-0026", "CIS-5.12"],
    default_enabled: true,
};

const FIX_COMPOSE: &str = "Cap the CPU the service may use: `deploy: {resources: {limits: {cpus: \"1.0\"}}}` (or `cpus: 1.0`).";
const FIX_CONTAINER: &str = "Recreate the container with `--cpus 1.0`, or apply a cap now with `docker update --cpus 1.0 <container>`.";

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    let res = &ctx.spec.resources;
    let cpus_set = res.cpus.as_ref().is_some_and(|c| c.value > 0.0);
    let quota_set = res.cpu_quota.as_ref().is_some_and(|q| q.value > 0);
    if cpus_set || quota_set {
        return;
    }
    let fix = fix_for(ctx, FIX_COMPOSE, FIX_CONTAINER);
    // An explicit "unlimited" value: point at it.
    if let Some(c) = &res.cpus {
        out.push(
            ctx.finding_at(&RULE, c, format!("{} sets `{}: {}`, which Docker reads as no CPU limit: it can use every core of the host", ctx.what(), key_of(ctx, &c.loc), c.value))
                .with_fix(fix),
        );
        return;
    }
    if let Some(q) = &res.cpu_quota {
        out.push(
            ctx.finding_at(&RULE, q, format!("{} sets `{}: {}`, which Docker reads as no CPU limit: it can use every core of the host", ctx.what(), key_of(ctx, &q.loc), q.value))
                .with_fix(fix),
        );
        return;
    }
    // A fragment (no image, no build) is completed elsewhere.
    if is_fragment(ctx) {
        return;
    }
    // Written, but its value could not be read (an unset variable): unknown, not missing.
    if written_key(ctx, &["deploy.resources.limits.cpus", "cpus", "cpu_quota"]).is_some() {
        return;
    }
    let (verb, keys) = match ctx.surface {
        Surface::Container => ("has", "`HostConfig.NanoCpus` and `HostConfig.CpuQuota` are 0"),
        _ => ("sets", "none of `deploy.resources.limits.cpus`, `cpus`, `cpu_quota`"),
    };
    let note = match &res.cpu_shares {
        Some(s) => format!(
            "; `{}: {}` is only a relative weight under contention, not a limit",
            key_of(ctx, &s.loc),
            s.value
        ),
        None => String::new(),
    };
    out.push(
        ctx.finding_service(
            &RULE,
            format!(
                "{} {verb} no CPU limit ({keys}{note}): it can use every core of the host",
                ctx.what()
            ),
        )
        .with_fix(fix),
    );
}
