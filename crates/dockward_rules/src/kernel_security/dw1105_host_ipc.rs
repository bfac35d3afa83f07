//! ## What it does
//! Flags containers that share the host's IPC namespace: Compose `ipc: host`, or a live
//! container whose `HostConfig.IpcMode` is `host`. `shareable`, `private` and
//! `service:<name>` / `container:<id>` are not reported.
//!
//! ## Why is this bad?
//! The IPC namespace holds System V shared memory, semaphores and message queues, and POSIX
//! message queues. Sharing the host's lets the container read and write the shared memory of
//! host processes (databases, X servers, other containers started with `ipc: host`) and
//! disrupt them by removing segments or semaphores.
//!
//! ## Example
//! ```yaml
//! services:
//!   worker:
//!     image: example/worker:4.0
//!     ipc: host
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   app:
//!     image: example/app:4.0
//!     ipc: shareable
//!   worker:
//!     image: example/worker:4.0
//!     ipc: "service:app"   # shares with one service, not with the host
//! ```
//!
//! ## References
//! - CIS Docker Benchmark 5.17 (the host's IPC namespace is not shared)
//! - compose-lint CL-0010; KICS shared_host_ipc_namespace
//! - <https://docs.docker.com/reference/compose-file/services/#ipc>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW1105",
    name: "host-ipc",
    summary: "Container shares the host's IPC namespace",
    practice: Practice::KernelSecurity,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::High,
    equivalents: &["CL-0010", "KICS-shared_host_ipc_namespace", "CIS-5.17"],
    default_enabled: true,
};

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    if let Some(ipc) = &ctx.spec.ipc
        && ipc.value.is_host()
    {
        out.push(
            ctx.finding_at(&RULE, ipc, format!("{} shares the host's IPC namespace (`ipc: host`): host shared memory, semaphores and message queues are readable and writable from it", ctx.what()))
                .with_fix("Remove `ipc: host`; to share memory with one other service set `ipc: shareable` on it and `ipc: \"service:<name>\"` here, or raise `shm_size:` if it only needs more /dev/shm."),
        );
    }
}
