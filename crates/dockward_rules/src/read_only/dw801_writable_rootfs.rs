//! ## What it does
//! Flags containers whose root filesystem is writable: Compose `read_only: false`, or no
//! `read_only` at all (Docker's default is a writable root filesystem), or a live container
//! whose `HostConfig.ReadonlyRootfs` is false.
//!
//! Writable volumes, binds and `tmpfs` mounts are not the root filesystem and are not
//! considered: a read-only container normally gets `tmpfs: [/tmp]` or a volume for the paths
//! it writes.
//!
//! ## Why is this bad?
//! With a writable root filesystem an attacker who gets code execution in the container can
//! replace the application's binaries and libraries, drop tools, and persist for the life of
//! the container; configuration drift goes unnoticed. A read-only root filesystem makes the
//! image the single source of truth and turns most of these steps into errors.
//!
//! ## Example
//! ```yaml
//! services:
//!   api:
//!     image: example/api:1.8
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   api:
//!     image: example/api:1.8
//!     read_only: true
//!     tmpfs:
//!       - /tmp
//! ```
//!
//! ## References
//! - CIS Docker Benchmark 5.13 (the container's root filesystem is mounted as read only)
//! - compose-lint CL-0007
//! - <https://docs.docker.com/reference/compose-file/services/#read_only>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW801",
    name: "writable-rootfs",
    summary: "Container root filesystem is writable",
    practice: Practice::ReadOnly,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::Low,
    equivalents: &["CL-0007", "CIS-5.13"],
    default_enabled: true,
};

const FIX: &str = "Set `read_only: true` and give the paths the process writes a `tmpfs:` (e.g. `tmpfs: [/tmp]`) or a volume.";
const FIX_CONTAINER: &str = "Recreate the container with `--read-only` and give the paths the process writes a `--tmpfs` (e.g. `--tmpfs /tmp`) or a volume.";

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    match &ctx.spec.read_only {
        Some(ro) if ro.value => {}
        Some(ro) => out.push(
            ctx.finding_at(
                &RULE,
                ro,
                format!("{} sets `read_only: false`: its root filesystem is writable", ctx.what()),
            )
            .with_fix(FIX),
        ),
        None => {
            let msg = match ctx.surface {
                Surface::Container => {
                    format!("{} runs with a writable root filesystem", ctx.what())
                }
                _ => format!(
                    "{} sets no `read_only`, so its root filesystem is writable (Docker's default)",
                    ctx.what()
                ),
            };
            out.push(
                ctx.finding_service(&RULE, msg).with_fix(if ctx.surface == Surface::Container {
                    FIX_CONTAINER
                } else {
                    FIX
                }),
            );
        }
    }
}
