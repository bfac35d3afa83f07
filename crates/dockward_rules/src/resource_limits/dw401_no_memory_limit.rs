//! ## What it does
//! Flags containers without a memory limit: a Compose service with neither
//! `deploy.resources.limits.memory` nor `mem_limit` (or with a limit of `0`, which Docker reads
//! as "unlimited"), or a live container whose `HostConfig.Memory` is 0. A memory reservation
//! (`mem_reservation`, `deploy.resources.reservations.memory`) is not a limit and does not count.
//!
//! Compose converts sizes to whole bytes, so a fraction below one byte (`mem_limit: 0.5`)
//! is also no limit.
//!
//! A Compose service with neither `image:` nor `build:` is a fragment completed by the file
//! it is merged with (an override file linted on its own): what it does not set is not
//! reported, since the other file may set it.
//!
//! ## Why is this bad?
//! Docker imposes no memory limit by default: the container's cgroup `memory.max` is `max`.
//! One leaking, compromised or simply busy service can take all of the host's memory, and the
//! kernel's OOM killer then picks its victims among every process on the host, other
//! containers and the Docker daemon included. With `oom_kill_disable: true` and no limit, the
//! container's processes are not even candidates, and the host itself hangs.
//!
//! ## Example
//! ```yaml
//! services:
//!   api:
//!     image: example/api:1.4
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   api:
//!     image: example/api:1.4
//!     deploy:
//!       resources:
//!         limits:
//!           memory: 512M   # sized from the observed peak, with headroom
//! ```
//! `mem_limit: 512m` (the service-level key) works too; `docker compose` honours
//! `deploy.resources.limits` outside Swarm.
//!
//! ## References
//! - CIS Docker Benchmark 5.11 (memory usage for containers is limited); KICS
//!   memory_not_limited (Docker Compose); compose-lint CL-0026 (one finding for memory and CPU
//!   together; dockward reports them separately, DW401 and DW402)
//! - <https://docs.docker.com/engine/containers/resource_constraints/#memory>
//! - <https://docs.docker.com/reference/compose-file/deploy/#resources>

use crate::prelude::*;
use crate::support::container_values::{fix_for, is_fragment, key_of, written_key};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW401",
    name: "no-memory-limit",
    summary: "Container has no memory limit",
    practice: Practice::ResourceLimits,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::Medium,
    equivalents: &["KICS-memory_not_limited", "CL-0026", "CIS-5.11"],
    default_enabled: true,
};

const FIX_COMPOSE: &str = "Set a memory limit sized from the workload's observed peak: `deploy: {resources: {limits: {memory: 512M}}}` (or `mem_limit: 512m`).";
const FIX_CONTAINER: &str = "Recreate the container with `--memory 512m` (sized from its observed peak), or apply one now with `docker update --memory 512m --memory-swap 512m <container>`.";

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    let res = &ctx.spec.resources;
    // `oom_kill_disable` without a limit lets the container starve the host with no way out.
    let oom = match &res.oom_kill_disable {
        Some(o) if o.value => format!(
            ", and `{}: true` keeps the kernel from killing its processes when the host runs out of memory",
            key_of(ctx, &o.loc)
        ),
        _ => String::new(),
    };
    match &res.memory {
        Some(m) if m.value > 0 => {}
        Some(m) => {
            let key = key_of(ctx, &m.loc);
            out.push(
                ctx.finding_at(&RULE, m, format!("{} sets `{key}` to 0 bytes, which Docker reads as no memory limit: it can use all of the host's memory{oom}", ctx.what()))
                    .with_fix(fix_for(ctx, FIX_COMPOSE, FIX_CONTAINER)),
            );
        }
        None => {
            // A fragment (no image, no build) is completed elsewhere.
            if is_fragment(ctx) {
                return;
            }
            // Written, but its value could not be read (an unset variable): unknown, not missing.
            if written_key(ctx, &["deploy.resources.limits.memory", "mem_limit"]).is_some() {
                return;
            }
            let (keys, reservation) = match ctx.surface {
                Surface::Container => ("`HostConfig.Memory` is 0", "a memory reservation"),
                _ => ("neither `deploy.resources.limits.memory` nor `mem_limit`", "a reservation"),
            };
            let note = match &res.memory_reservation {
                Some(r) => format!("; `{}` is {reservation}, not a limit", key_of(ctx, &r.loc)),
                None => String::new(),
            };
            let verb = if ctx.surface == Surface::Container { "has" } else { "sets" };
            out.push(
                ctx.finding_service(&RULE, format!("{} {verb} no memory limit ({keys}{note}): it can use all of the host's memory{oom}", ctx.what()))
                    .with_fix(fix_for(ctx, FIX_COMPOSE, FIX_CONTAINER)),
            );
        }
    }
}
