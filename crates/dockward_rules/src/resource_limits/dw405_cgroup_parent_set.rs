//! ## What it does
//! Flags containers placed under a custom parent cgroup: Compose `cgroup_parent`, or a live
//! container whose `HostConfig.CgroupParent` is set.
//!
//! ## Why is this bad?
//! Docker puts each container in its own cgroup under its default parent (`docker` /
//! `system.slice`), where the limits and accounting the operator configured for containers
//! apply. A different parent moves the container into another part of the hierarchy: the
//! parent's limits (or lack of them) apply instead, it may share them with host services, and
//! a parent that is writable or delegated can be used to lift the container's own limits. It
//! should be a reviewed decision, not a copied line.
//!
//! ## Example
//! ```yaml
//! services:
//!   app:
//!     image: example/app:3.0
//!     cgroup_parent: system.slice
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   app:
//!     image: example/app:3.0
//!     # no cgroup_parent: the daemon's default parent; set limits on the service instead
//!     deploy:
//!       resources:
//!         limits: {memory: 512M, cpus: "1.0", pids: 200}
//! ```
//!
//! ## References
//! - CIS Docker Benchmark 5.25 (cgroup usage is confirmed); KICS cgroup_not_default
//!   (Docker Compose)
//! - A daemon-wide parent (`dockerd --cgroup-parent`, `cgroup-parent` in daemon.json) is a
//!   host setting and not this rule's concern.
//! - <https://docs.docker.com/reference/cli/docker/container/run/#cgroup-parent>

use crate::prelude::*;
use crate::support::container_values::{fix_for, key_of};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW405",
    name: "cgroup-parent-set",
    summary: "Container runs under a custom parent cgroup",
    practice: Practice::ResourceLimits,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::Low,
    equivalents: &["KICS-cgroup_not_default", "CIS-5.25"],
    default_enabled: true,
};

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    let Some(c) = &ctx.spec.cgroup_parent else { return };
    let v = c.value.trim();
    if v.is_empty() {
        return;
    }
    out.push(
        ctx.finding_at(
            &RULE,
            c,
            format!("{} sets `{}: {}`: it runs under that cgroup instead of Docker's default parent, so that cgroup's limits (or lack of them) apply", ctx.what(), key_of(ctx, &c.loc), crate::support::image_refs::quote(v)),
        )
        .with_fix(fix_for(
            ctx,
            "Remove `cgroup_parent` unless that cgroup is deliberately set up (and limited) for this service; put limits on the service itself (`deploy.resources.limits`).",
            "Recreate the container without `--cgroup-parent` unless that cgroup is deliberately set up (and limited) for it.",
        )),
    );
}
