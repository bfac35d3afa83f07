//! ## What it does
//! Flags containers that share the host's UTS namespace: Compose `uts: host`, or a live
//! container whose `HostConfig.UTSMode` is `host`.
//!
//! ## Why is this bad?
//! The UTS namespace holds the hostname and NIS domain name. Sharing the host's tells the
//! container which machine it is on, and a container that has (or later gets) `CAP_SYS_ADMIN`
//! can change the hostname of the whole host, which breaks logging, monitoring, Kerberos and
//! TLS name checks that rely on it. It is rarely needed: `hostname:` sets the container's own
//! name.
//!
//! ## Example
//! ```yaml
//! services:
//!   agent:
//!     image: example/agent:2.1
//!     uts: host
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   agent:
//!     image: example/agent:2.1
//!     hostname: agent-01
//! ```
//!
//! ## References
//! - CIS Docker Benchmark 5.21 (the host's UTS namespace is not shared)
//! - compose-lint dropped its check (`sethostname` needs CAP_SYS_ADMIN, which is not a default
//!   capability); dockward keeps it at medium because the capability may be added later and
//!   the disclosure remains.
//! - <https://docs.docker.com/reference/compose-file/services/#uts>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW1106",
    name: "host-uts",
    summary: "Container shares the host's UTS namespace",
    practice: Practice::KernelSecurity,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::Medium,
    equivalents: &["CIS-5.21"],
    default_enabled: true,
};

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    if let Some(uts) = &ctx.spec.uts
        && uts.value.is_host()
    {
        let sys_admin = ctx.spec.cap_add.iter().any(|c| {
            let c = c.value.trim().to_ascii_uppercase();
            matches!(c.as_str(), "SYS_ADMIN" | "CAP_SYS_ADMIN" | "ALL")
        });
        let effect = if sys_admin {
            "it sees the host's hostname and, holding CAP_SYS_ADMIN, can change it for the whole host"
        } else {
            "it sees the host's hostname and, given CAP_SYS_ADMIN, could change it for the whole host"
        };
        out.push(
            ctx.finding_at(&RULE, uts, format!("{} shares the host's UTS namespace (`uts: host`): {effect}", ctx.what()))
                .with_fix("Remove `uts: host`; set the container's own name with `hostname:` if the application needs a specific one."),
        );
    }
}
