//! ## What it does
//! Flags a Docker daemon that confines containers with neither AppArmor nor SELinux (neither
//! appears in `SecurityOptions` of `docker info`), and one whose seccomp support is absent or
//! whose default seccomp profile is `unconfined`. One finding each.
//!
//! When dockward reads the host's kernel security state (`/sys/kernel/security/lsm`,
//! `/sys/module/apparmor/parameters/enabled`, `/sys/fs/selinux/enforce`), the message names
//! the kernel's active LSMs and says which side is missing: a kernel with AppArmor enabled
//! whose daemon does not use it (dockerd needs `apparmor_parser` and does not use AppArmor
//! when it runs inside a container), or SELinux active in the kernel without the daemon's
//! `selinux-enabled`, is not reported as a host without them.
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

const FIX_NO_LSM: &str = "Enable AppArmor on the host (Debian, Ubuntu, SUSE; Docker then applies `docker-default`), or SELinux with `\"selinux-enabled\": true` in /etc/docker/daemon.json (RHEL, Fedora).";

pub fn check_host(ctx: &HostCtx, out: &mut Vec<Finding>) {
    let f = ctx.facts;
    if !f.apparmor && !f.selinux {
        let base = "neither AppArmor nor SELinux confines the daemon's containers";
        let (message, fix) = match ctx.files().and_then(|files| files.lsm.as_ref()) {
            None => (base.to_string(), FIX_NO_LSM.to_string()),
            Some(lsm) => {
                let active = if lsm.active.is_empty() {
                    "none listed".to_string()
                } else {
                    lsm.active.join(",")
                };
                if lsm.apparmor_enabled == Some(true) {
                    (
                        format!("AppArmor is enabled in the kernel (active LSMs: {active}) but the daemon does not use it: {base}"),
                        "Install the AppArmor userspace tools (`apparmor_parser`, package `apparmor`) and restart the daemon, which then applies `docker-default`; dockerd does not use AppArmor when it runs inside a container.".to_string(),
                    )
                } else if let Some(enforcing) = lsm.selinux_enforcing {
                    let mode = if enforcing { "enforcing" } else { "permissive" };
                    (
                        format!(
                            "SELinux is active in the kernel ({mode}; active LSMs: {active}) but the daemon does not use it: {base}"
                        ),
                        format!(
                            "Set `\"selinux-enabled\": true` in /etc/docker/daemon.json and restart the daemon{}.",
                            if enforcing {
                                ""
                            } else {
                                "; put SELinux in enforcing mode, or it only logs"
                            }
                        ),
                    )
                } else {
                    (
                        format!("{base}: the kernel has neither enabled (active LSMs: {active})"),
                        FIX_NO_LSM.to_string(),
                    )
                }
            }
        };
        out.push(ctx.finding(&RULE, message).with_fix(fix));
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
