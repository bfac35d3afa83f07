//! ## What it does
//! Reports image and container sprawl on the daemon, with counts: images that no container
//! (running or stopped) uses, how many of them are dangling (untagged), out of all images
//! (CIS 6.1); and containers that are not running (exited, created or dead) out of all
//! containers (CIS 6.2). One informational finding each, only when there is something to
//! report. Silent when the counts were not gathered.
//!
//! ## Why is this bad?
//! - Unused images keep old, often vulnerable software one `docker run` away, and make it hard
//!   to tell what is actually deployed; they also fill the disk holding Docker's data.
//! - Stopped containers keep their writable layer, their configuration (environment variables,
//!   which often hold secrets) and their volumes; they can be restarted as they were, and
//!   they hide what is really running.
//!
//! ## Example
//! ```text
//! $ docker image ls --filter dangling=true -q | wc -l
//! 37
//! $ docker ps --filter status=exited -q | wc -l
//! 12
//! ```
//!
//! ## Use instead
//! Remove what is no longer needed, regularly: `docker container prune`, `docker image prune`
//! (dangling images) or `docker image prune -a` (every image no container uses), after
//! checking that nothing still needs them.
//!
//! ## References
//! - CIS Docker Benchmark 6.1 (image sprawl), 6.2 (container sprawl)
//! - <https://docs.docker.com/engine/manage-resources/pruning/>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW1008",
    name: "sprawl",
    summary: "Unused images and stopped containers on the daemon",
    practice: Practice::HostAudit,
    surfaces: &[Surface::Host],
    severity: Severity::Info,
    equivalents: &["CIS-6.1", "CIS-6.2"],
    default_enabled: true,
};

fn cis(f: Finding, section: &'static str) -> Finding {
    Finding { equivalents: vec![std::borrow::Cow::Borrowed(section)], ..f }
}

/// "1 image" / "3 images".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn check_host(ctx: &HostCtx, out: &mut Vec<Finding>) {
    let Some(inv) = &ctx.facts.inventory else { return };
    if inv.images_unused > 0 {
        out.push(cis(
            ctx.finding(
                &RULE,
                format!(
                    "{} of {} on the daemon {} used by no container ({} of them dangling)",
                    count(inv.images_unused, "image", "images"),
                    inv.images,
                    if inv.images_unused == 1 { "is" } else { "are" },
                    inv.images_dangling
                ),
            )
            .with_fix("Remove images nothing needs any more: `docker image prune` (dangling) or `docker image prune -a` (every image no container uses)."),
            "CIS-6.1",
        ));
    }
    if inv.containers_stopped > 0 {
        out.push(cis(
            ctx.finding(
                &RULE,
                format!(
                    "{} of {} on the daemon {} not running (exited, created or dead)",
                    count(inv.containers_stopped, "container", "containers"),
                    inv.containers,
                    if inv.containers_stopped == 1 { "is" } else { "are" }
                ),
            )
            .with_fix("Remove containers nothing needs any more: `docker container prune`, or `docker rm NAME` for each."),
            "CIS-6.2",
        ));
    }
}
