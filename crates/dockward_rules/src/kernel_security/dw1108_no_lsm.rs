//! ## What it does
//! Flags a Docker daemon that confines containers with neither AppArmor nor SELinux (neither
//! appears in `SecurityOptions` of `docker info`), and one whose seccomp support is absent or
//! whose default seccomp profile is `unconfined`. One finding each.
//!
//! ## Why is this bad?
//! A Linux security module and seccomp are the layers that still contain a process that got
//! root in a container: without them, a kernel or runtime bug, or a dangerous mount, is
//! enough to take over the host.
//!
//! ## Example
//! ```text
//! $ docker info --format '{{.SecurityOptions}}'
//! [name=seccomp,profile=unconfined]
//! ```
//!
//! ## Use instead
//! ```text
//! $ docker info --format '{{.SecurityOptions}}'
//! [name=apparmor name=seccomp,profile=builtin name=cgroupns]
//! ```
//! Enable AppArmor (Debian, Ubuntu, SUSE) or SELinux with `"selinux-enabled": true` (RHEL,
//! Fedora), and keep the default seccomp profile.
//!
//! ## References
//! - CIS Docker Benchmark 1.2.1 (host hardening), 5.2, 5.3, 5.22
//! - <https://docs.docker.com/engine/security/apparmor/>
//! - <https://docs.docker.com/engine/security/seccomp/>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW1108",
    name: "no-lsm",
    summary: "No AppArmor or SELinux confinement, or no seccomp, on the daemon",
    practice: Practice::KernelSecurity,
    surfaces: &[Surface::Host],
    severity: Severity::Medium,
    equivalents: &["CIS-1.2.1"],
    default_enabled: true,
};

pub fn check_host(ctx: &HostCtx, out: &mut Vec<Finding>) {
    let f = ctx.facts;
    if !f.apparmor && !f.selinux {
        out.push(
            ctx.finding(&RULE, "neither AppArmor nor SELinux confines the daemon's containers")
                .with_fix("Enable AppArmor on the host (Debian, Ubuntu, SUSE; Docker then applies `docker-default`), or SELinux with `\"selinux-enabled\": true` in /etc/docker/daemon.json (RHEL, Fedora)."),
        );
    }
    match f.seccomp_profile.as_deref() {
        None => out.push(
            ctx.finding(&RULE, "the daemon does not support seccomp: containers run without a syscall filter")
                .with_fix("Use a kernel with CONFIG_SECCOMP and a dockerd built with seccomp support."),
        ),
        Some(p) if p.eq_ignore_ascii_case("unconfined") => out.push(
            ctx.finding(&RULE, "the daemon's default seccomp profile is `unconfined`: containers run without a syscall filter")
                .with_fix("Remove `\"seccomp-profile\": \"unconfined\"` from /etc/docker/daemon.json (the built-in default profile then applies)."),
        ),
        Some(_) => {}
    }
}
