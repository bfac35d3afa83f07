//! ## What it does
//! Flags containers that run without AppArmor confinement: `security_opt:
//! [apparmor:unconfined]` (or `apparmor=unconfined`), or a live container with that option.
//!
//! Docker keeps the last `apparmor` entry; only when that one is `unconfined` is the container
//! unconfined (every `unconfined` entry is then reported).
//!
//! A container without any AppArmor profile on a host where AppArmor is enabled is the other
//! half of CIS 5.2; that needs the host's facts (is AppArmor enabled, which profile did the
//! container get: a live container's empty `AppArmorProfile`), which a container rule does not
//! receive yet, so it is not checked here. In a Compose file only the explicit
//! opt-out is visible: with no `apparmor:` option Docker applies `docker-default` wherever
//! AppArmor is enabled. A privileged container is unconfined too, but it is reported by
//! DW502, so this rule stays silent for it.
//!
//! ## Why is this bad?
//! Docker's `docker-default` AppArmor profile denies writes to `/proc/sys`, `/sys`, most of
//! `/proc`, and mounting; several container escapes (writing `core_pattern`, `release_agent`,
//! remounting `/proc`) are stopped by it alone. `unconfined` removes that layer.
//!
//! ## Example
//! ```yaml
//! services:
//!   app:
//!     image: example/app:2.0
//!     security_opt:
//!       - apparmor:unconfined
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   app:
//!     image: example/app:2.0
//!     # no apparmor option: docker-default applies; or a tailored profile:
//!     # security_opt: [apparmor:app-profile]
//! ```
//!
//! ## References
//! - CIS Docker Benchmark 5.2 (an AppArmor profile is enabled, if applicable)
//! - compose-lint CL-0009
//! - <https://docs.docker.com/engine/security/apparmor/>

use crate::prelude::*;
use crate::support::security_opts::{disabling_entries, is_privileged};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW1102",
    name: "apparmor-unconfined",
    summary: "Container runs without AppArmor confinement",
    practice: Practice::KernelSecurity,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::High,
    equivalents: &["CL-0009", "CIS-5.2"],
    default_enabled: true,
};

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    if is_privileged(ctx) {
        return;
    }
    // The last `apparmor` entry is the profile the container gets.
    let apparmor = |o: &SecurityOpt| match o {
        SecurityOpt::Apparmor(v) => Some(v.trim() == "unconfined"),
        _ => None,
    };
    for opt in disabling_entries(ctx, apparmor) {
        out.push(
            ctx.finding_at(&RULE, opt, format!("{} turns AppArmor off (`unconfined`): the `docker-default` profile no longer guards /proc, /sys and mount", ctx.what()))
                .with_fix("Remove the `apparmor:unconfined` security option so the `docker-default` profile applies, or load a profile tailored to the application and use `apparmor:<profile>`."),
        );
    }
}
