//! ## What it does
//! Flags containers without a limit on the number of processes: a Compose service with neither
//! `pids_limit` nor `deploy.resources.limits.pids`, or with a value of `0` or `-1` (both mean
//! "unlimited" to Docker), or a live container whose `HostConfig.PidsLimit` is unset, 0 or -1.
//!
//! A Compose service with neither `image:` nor `build:` is a fragment completed by the file
//! it is merged with (an override file linted on its own): what it does not set is not
//! reported, since the other file may set it.
//!
//! ## Why is this bad?
//! Docker sets no PID limit by default. A fork bomb, a runaway worker pool or an attacker's
//! `:(){ :|:& };:` in one container then fills the host's process table (`kernel.pid_max`,
//! shared by all containers and the host): nothing else, the Docker daemon and `sshd`
//! included, can start a process until it ends. The `pids` cgroup stops this at the
//! container boundary.
//!
//! ## Example
//! ```yaml
//! services:
//!   api:
//!     image: example/api:1.4
//!     pids_limit: -1
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   api:
//!     image: example/api:1.4
//!     pids_limit: 200   # or deploy.resources.limits.pids
//! ```
//!
//! ## References
//! - CIS Docker Benchmark 5.29 (the PIDs cgroup limit is used); KICS pids_limit_not_set
//!   (Docker Compose)
//! - Upstream dockerd has no daemon-wide default PID limit, so a container without one is
//!   unlimited whatever the host configuration.
//! - <https://docs.docker.com/reference/cli/docker/container/run/#pids-limit>
//! - <https://docs.docker.com/reference/compose-file/services/#pids_limit>

use crate::prelude::*;
use crate::support::container_values::{fix_for, is_fragment, key_of, written_key};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW403",
    name: "no-pids-limit",
    summary: "Container has no PID limit",
    practice: Practice::ResourceLimits,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::Medium,
    equivalents: &["KICS-pids_limit_not_set", "CIS-5.29"],
    default_enabled: true,
};

const FIX_COMPOSE: &str = "Limit the number of processes to what the service needs, with headroom: `pids_limit: 200` (or `deploy: {resources: {limits: {pids: 200}}}`).";
const FIX_CONTAINER: &str = "Recreate the container with `--pids-limit 200`, or apply one now with `docker update --pids-limit 200 <container>`.";

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    let fix = fix_for(ctx, FIX_COMPOSE, FIX_CONTAINER);
    match &ctx.spec.resources.pids {
        Some(p) if p.value > 0 => {}
        Some(p) => out.push(
            ctx.finding_at(&RULE, p, format!("{} sets `{}: {}`, which Docker reads as no PID limit: a fork bomb in it can exhaust the host's process table", ctx.what(), key_of(ctx, &p.loc), p.value))
                .with_fix(fix),
        ),
        None => {
            // A fragment (no image, no build) is completed elsewhere.
            if is_fragment(ctx) {
                return;
            }
            // Written, but its value could not be read (an unset variable): unknown, not missing.
            if written_key(ctx, &["deploy.resources.limits.pids", "pids_limit"]).is_some() {
                return;
            }
            let (verb, keys) = match ctx.surface {
                Surface::Container => ("has", "`HostConfig.PidsLimit` is unset"),
                _ => ("sets", "neither `pids_limit` nor `deploy.resources.limits.pids`"),
            };
            out.push(
                ctx.finding_service(&RULE, format!("{} {verb} no PID limit ({keys}): a fork bomb in it can exhaust the host's process table", ctx.what()))
                    .with_fix(fix),
            );
        }
    }
}
