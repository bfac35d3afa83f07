//! ## What it does
//! Flags containers that run privileged: Compose `privileged: true`, or a live container whose
//! `HostConfig.Privileged` is true.
//!
//! ## Why is this bad?
//! A privileged container gets every capability, every host device, no seccomp or AppArmor
//! confinement and writable `/sys`: root in it is root on the host, and escaping takes one
//! `mount` of the host disk.
//!
//! ## Example
//! ```yaml
//! services:
//!   agent:
//!     image: example/agent:1.4
//!     privileged: true
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   agent:
//!     image: example/agent:1.4
//!     cap_drop: [ALL]
//!     cap_add: [NET_BIND_SERVICE]   # only what the process needs
//! ```
//!
//! ## References
//! - CIS Docker Benchmark 5.5; compose-lint CL-0002; KICS privileged_containers_enabled
//! - <https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW502",
    name: "privileged",
    summary: "Container runs privileged",
    practice: Practice::LeastPrivilege,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::Critical,
    equivalents: &["CL-0002", "KICS-privileged_containers_enabled", "CIS-5.5"],
    default_enabled: true,
};

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    if let Some(p) = &ctx.spec.privileged
        && p.value
    {
        out.push(
                ctx.finding_at(&RULE, p, format!("{} runs privileged: all capabilities, all host devices, no seccomp/AppArmor confinement", ctx.what()))
                    .with_fix(crate::support::container_values::fix_for(
                        ctx,
                        "Remove `privileged: true`; grant only the capabilities (`cap_add`) and devices (`devices`) the process needs.",
                        "Recreate the container without `--privileged`; grant only the capabilities (`--cap-add`) and devices (`--device`) the process needs.",
                    )),
            );
    }
}
