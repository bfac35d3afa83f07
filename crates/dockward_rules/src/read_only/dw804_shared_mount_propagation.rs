//! ## What it does
//! Flags bind mounts with `shared` or `rshared` propagation: the short-syntax option
//! (`/mnt/data:/data:rshared`), long syntax `bind: {propagation: rshared}`, or a live
//! container's mount with `Propagation` shared/rshared. `slave`/`rslave` (host → container
//! only) and the default `rprivate` are fine.
//!
//! ## Why is this bad?
//! With shared propagation, mounts made inside the container appear on the host (and in every
//! other container sharing the mount), and the other way round. A process in the container that
//! can mount (CAP_SYS_ADMIN, or a privileged helper) can then shadow host directories such as
//! `/etc` or a neighbour's data with its own content, or expose host mounts it should not see.
//!
//! ## Example
//! ```yaml
//! services:
//!   storage-plugin:
//!     image: example/csi:0.9
//!     volumes:
//!       - /mnt/pool:/mnt/pool:rshared
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   storage-plugin:
//!     image: example/csi:0.9
//!     volumes:
//!       - /mnt/pool:/mnt/pool:rslave   # sees host mounts, cannot push its own
//! ```
//!
//! ## References
//! - CIS Docker Benchmark 5.20 (mount propagation mode is not set to shared)
//! - compose-lint CL-0017; KICS volume_mounted_in_multiple_containers (which checks the same
//!   shared/rshared propagation)
//! - <https://docs.docker.com/engine/storage/bind-mounts/#configure-bind-propagation>

use crate::prelude::*;
use dockward_spec::container::MountType;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW804",
    name: "shared-mount-propagation",
    summary: "Bind mount uses shared propagation",
    practice: Practice::ReadOnly,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::Medium,
    equivalents: &["CL-0017", "KICS-volume_mounted_in_multiple_containers", "CIS-5.20"],
    default_enabled: true,
};

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    for m in &ctx.spec.mounts {
        let mv = &m.value;
        // Propagation applies to bind mounts only; Docker ignores or rejects it elsewhere.
        if mv.kind != MountType::Bind {
            continue;
        }
        let Some(p) = mv.propagation.as_deref().map(str::trim) else {
            continue;
        };
        if !(p.eq_ignore_ascii_case("shared") || p.eq_ignore_ascii_case("rshared")) {
            continue;
        }
        let src = mv.source.as_deref().unwrap_or("?");
        let slave = if p.eq_ignore_ascii_case("rshared") { "rslave" } else { "slave" };
        out.push(
            ctx.finding_at(&RULE, m, format!("{} bind-mounts `{src}` at `{}` with `{p}` propagation: mounts made inside the container appear on the host and in other containers sharing it", ctx.what(), mv.target))
                .with_fix(format!("Drop the propagation option (the default is `rprivate`), or use `{slave}` if the container only needs to see mounts the host makes.")),
        );
    }
}
