//! ## What it does
//! Flags containers that keep Docker's default capabilities: `cap_drop:` (Compose) or
//! `HostConfig.CapDrop` (live container) does not contain `ALL`. The finding points at the
//! service when nothing is dropped, and at the `cap_drop` list when it drops only some.
//!
//! `ALL` is matched case-insensitively, as Docker does. `CAP_ALL` is *not* `ALL` to Docker
//! (`unknown capability: "CAP_ALL"`, the container does not start), so it is reported with
//! its own message. A privileged container (DW502) is not reported here: it gets every
//! capability whatever `cap_drop` says.
//!
//! ## Why is this bad?
//! Without `cap_drop`, a container runs with Docker's 14 default capabilities (`CHOWN`,
//! `DAC_OVERRIDE`, `FOWNER`, `FSETID`, `KILL`, `SETGID`, `SETUID`, `SETPCAP`, `SETFCAP`,
//! `NET_BIND_SERVICE`, `NET_RAW`, `SYS_CHROOT`, `MKNOD`, `AUDIT_WRITE`). Most services need
//! none or one or two of them. Each one kept is power a compromised process can use:
//! `NET_RAW` forges packets and spoofs ARP on the container network, `DAC_OVERRIDE` ignores
//! file permissions, `SETUID`/`SETGID` switch to any user, `MKNOD` creates device nodes.
//!
//! ## Example
//! ```yaml
//! services:
//!   web:
//!     image: nginx:1.27-alpine
//!     cap_drop: [NET_RAW]
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   web:
//!     image: nginx:1.27-alpine
//!     cap_drop: [ALL]
//!     cap_add: [CHOWN, SETUID, SETGID, NET_BIND_SERVICE]   # what this image needs
//! ```
//!
//! ## References
//! - compose-lint CL-0006; KICS container_capabilities_unrestricted; CIS Docker Benchmark 5.4
//!   (restrict capabilities)
//! - <https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW504",
    name: "capabilities-not-dropped",
    summary: "Container keeps Docker's default capabilities (cap_drop lacks ALL)",
    practice: Practice::LeastPrivilege,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::Medium,
    equivalents: &["CL-0006", "KICS-container_capabilities_unrestricted"],
    default_enabled: true,
};

const FIX: &str = "Add `cap_drop: [ALL]` and add back (`cap_add`) only the capabilities the process needs, e.g. `NET_BIND_SERVICE` to bind ports below 1024.";
const FIX_CONTAINER: &str = "Recreate the container with `--cap-drop ALL` and add back (`--cap-add`) only the capabilities the process needs, e.g. `NET_BIND_SERVICE` to bind ports below 1024.";

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    let spec = ctx.spec;
    if spec.privileged.as_ref().is_some_and(|p| p.value) {
        return;
    }
    let drops = &spec.cap_drop;
    if drops.iter().any(|c| c.value.trim().eq_ignore_ascii_case("ALL")) {
        return;
    }
    if let Some(c) = drops.iter().find(|c| c.value.trim().eq_ignore_ascii_case("CAP_ALL")) {
        out.push(
            ctx.finding_at(&RULE, c, format!("{} drops `{}`, which Docker does not accept (only `ALL` drops every capability): the container fails to start, or keeps its default capabilities", ctx.what(), c.value.trim()))
                .with_fix("Write `ALL` instead of `CAP_ALL` in `cap_drop`."),
        );
        return;
    }
    let named: Vec<String> = drops
        .iter()
        .map(|c| c.value.trim())
        .filter(|s| !s.is_empty())
        .map(|s| format!("`{s}`"))
        .collect();
    match drops.iter().find(|c| !c.value.trim().is_empty()) {
        None => out.push(
            ctx.finding_service(&RULE, format!("{} drops no capabilities: it keeps Docker's 14 default capabilities (NET_RAW, DAC_OVERRIDE, SETUID, SETGID, MKNOD, ...)", ctx.what()))
                .with_fix(if ctx.surface == Surface::Container { FIX_CONTAINER } else { FIX }),
        ),
        Some(first) => out.push(
            ctx.finding_at(&RULE, first, format!("{} drops only {} but not `ALL`: it keeps the rest of Docker's default capabilities", ctx.what(), named.join(", ")))
                .with_fix(FIX),
        ),
    }
}
