//! ## What it does
//! Flags containers that share the host's PID namespace: Compose `pid: host`, or a live
//! container whose `HostConfig.PidMode` is `host`. Sharing another container's namespace
//! (`pid: "service:db"`, `container:<id>`) is not reported.
//!
//! ## Why is this bad?
//! In the host PID namespace the container sees every process on the host, their command
//! lines and (as root) their environments under `/proc/<pid>/environ` — where secrets often
//! live. With `CAP_KILL` (a default capability) its root can signal host processes, and with
//! `CAP_SYS_PTRACE` it can attach to them and run code as their owner, `nsenter` into PID 1's
//! namespaces included.
//!
//! ## Example
//! ```yaml
//! services:
//!   monitor:
//!     image: example/monitor:1.2
//!     pid: host
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   monitor:
//!     image: example/monitor:1.2
//!     pid: "service:app"   # only the processes of the service it watches
//! ```
//!
//! ## References
//! - CIS Docker Benchmark 5.16 (the host's process namespace is not shared)
//! - compose-lint CL-0010; KICS host_namespace_is_shared
//! - <https://docs.docker.com/reference/compose-file/services/#pid>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW1104",
    name: "host-pid",
    summary: "Container shares the host's PID namespace",
    practice: Practice::KernelSecurity,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::High,
    equivalents: &["CL-0010", "KICS-host_namespace_is_shared", "CIS-5.16"],
    default_enabled: true,
};

/// How the setting reads on this surface: `pid: host` (Compose), `HostConfig.PidMode: host` (live).
fn setting(ctx: &ContainerCtx) -> &'static str {
    if ctx.surface == Surface::Container { "HostConfig.PidMode: host" } else { "pid: host" }
}

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    if let Some(pid) = &ctx.spec.pid
        && pid.value.is_host()
    {
        out.push(
            ctx.finding_at(&RULE, pid, format!("{} shares the host's PID namespace (`{}`): it sees every host process with its command line and environment, and its root can signal them", ctx.what(), setting(ctx)))
                .with_fix(if ctx.surface == Surface::Container {
                    "Recreate the container without `--pid host`; to see the processes of one other container use `--pid container:<name>`."
                } else {
                    "Remove `pid: host`; to see the processes of one other service use `pid: \"service:<name>\"`."
                }),
        );
    }
}
