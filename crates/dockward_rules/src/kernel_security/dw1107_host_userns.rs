//! ## What it does
//! Flags containers that opt out of user-namespace remapping: Compose `userns_mode: host`, or
//! a live container whose `HostConfig.UsernsMode` is `host`.
//!
//! The option only matters on a daemon started with `userns-remap`, where every other
//! container's root is an unprivileged user on the host; `userns_mode: host` makes this
//! container's root the host's root again. On a daemon without remapping every container
//! already shares the host user namespace, which is what DW509 (daemon-rootful) reports for
//! the host; a Compose file cannot tell which daemon it will run on, so the explicit opt-out
//! is reported.
//!
//! ## Why is this bad?
//! User-namespace remapping is the strongest default defence against container escapes:
//! a process that breaks out is `nobody`-like on the host. Opting a container out removes
//! exactly that for the container that asked for it, usually one that also wants privileges
//! or host mounts.
//!
//! ## Example
//! ```yaml
//! services:
//!   backup:
//!     image: example/backup:1.5
//!     userns_mode: host
//!     volumes:
//!       - /srv/data:/data
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   backup:
//!     image: example/backup:1.5
//!     volumes:
//!       - /srv/data:/data   # chown the data to the remapped range instead
//! ```
//!
//! ## References
//! - CIS Docker Benchmark 5.31 (the host's user namespace is not shared)
//! - KICS shared_host_user_namespace
//! - <https://docs.docker.com/engine/security/userns-remap/>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW1107",
    name: "host-userns",
    summary: "Container shares the host's user namespace",
    practice: Practice::KernelSecurity,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::Medium,
    equivalents: &["KICS-shared_host_user_namespace", "CIS-5.31"],
    default_enabled: true,
};

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    if let Some(userns) = &ctx.spec.userns_mode
        && userns.value.is_host()
    {
        out.push(
            ctx.finding_at(&RULE, userns, format!("{} opts out of user-namespace remapping (`userns_mode: host`): on a daemon with `userns-remap`, root in it is root on the host", ctx.what()))
                .with_fix("Remove `userns_mode: host`; give files the container must own to the remapped UID range (see /etc/subuid) instead."),
        );
    }
}
