//! ## What it does
//! Flags Linux capabilities added to a container (`cap_add:` in Compose,
//! `HostConfig.CapAdd` of a live container), one finding per capability, graded by what the
//! capability lets a compromised process do beyond its container:
//!
//! | severity | capabilities | why |
//! |---|---|---|
//! | critical | `ALL`, `SYS_ADMIN`, `SYS_MODULE`, `SYS_RAWIO`, `SYS_PTRACE`, `DAC_READ_SEARCH`, `BPF` | a known route to code execution on, or arbitrary reads of, the host: mounting filesystems and cgroup `release_agent` (SYS_ADMIN), loading kernel modules, raw I/O ports and `/dev/mem`, injecting code into other processes, `open_by_handle_at` reads of any host file (the "shocker" escape), BPF programs reading kernel memory |
//! | high | `NET_ADMIN`, `SYS_BOOT`, `SYS_TIME`, `PERFMON`, `SYSLOG`, `SYS_NICE`, `IPC_LOCK`, `LEASE`, `SYS_RESOURCE`, `MAC_ADMIN`, `MAC_OVERRIDE`, `AUDIT_CONTROL`, `AUDIT_READ` | reach onto the host or its neighbours without direct code execution: intercepting other containers' traffic, rebooting the host, setting its clock, sampling every host process, reading the kernel log or audit stream, host-wide scheduler/memory/lock/quota levers, changing or bypassing the LSM policy, blinding the host's audit |
//! | medium | every other capability outside Docker's default set (`LINUX_IMMUTABLE`, `NET_BROADCAST`, `IPC_OWNER`, `SYS_PACCT`, `SYS_TTY_CONFIG`, `WAKE_ALARM`, `BLOCK_SUSPEND`, `CHECKPOINT_RESTORE`) | more privilege than the default, bounded to the container |
//!
//! Capability names are matched as Docker matches them: case-insensitive, with or without the
//! `CAP_` prefix (`cap_add: [cap_sys_admin]` is `SYS_ADMIN`).
//!
//! Not flagged:
//! - the 14 capabilities Docker grants every container by default (`CHOWN`, `DAC_OVERRIDE`,
//!   `FOWNER`, `FSETID`, `KILL`, `SETGID`, `SETUID`, `SETPCAP`, `SETFCAP`, `NET_BIND_SERVICE`,
//!   `NET_RAW`, `SYS_CHROOT`, `MKNOD`, `AUDIT_WRITE`): adding one changes nothing unless it
//!   was dropped, and `cap_drop: [ALL]` followed by adding back one of them is exactly the
//!   least-privilege pattern this practice asks for. Keeping the default set at all is
//!   DW504's business.
//! - names Docker refuses (`CAP_ALL`, misspellings): the container does not start.
//!
//! A `cap_drop` entry does not cancel a `cap_add` of the same capability: Docker applies the
//! additions after the drops.
//!
//! ## Why is this bad?
//! Capabilities are the pieces of root's power. The default set is chosen so that root in a
//! container cannot touch the host; each capability on the critical list undoes that on its
//! own, and those on the high list let the container disturb or observe the host and its
//! other workloads. A compromised process keeps whatever the container was given.
//!
//! ## Example
//! ```yaml
//! services:
//!   app:
//!     image: example/app:1.4
//!     cap_add:
//!       - SYS_ADMIN
//!       - NET_ADMIN
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   app:
//!     image: example/app:1.4
//!     cap_drop: [ALL]
//!     cap_add: [NET_BIND_SERVICE]   # only what the process needs
//! ```
//!
//! ## References
//! - compose-lint CL-0024 (ALL, SYS_ADMIN, SYS_MODULE, SYS_RAWIO), CL-0011 (NET_ADMIN, BPF,
//!   SYS_BOOT), CL-0027 (SYS_PTRACE, DAC_READ_SEARCH), CL-0028 (PERFMON, SYS_TIME), CL-0029
//!   (SYS_NICE, IPC_LOCK, LEASE), CL-0030 (SYSLOG); each finding names only its own CL code.
//!   compose-lint grades SYS_PTRACE and DAC_READ_SEARCH medium and BPF high; dockward grades
//!   them critical (ptrace of any process sharing the PID namespace, the `open_by_handle_at`
//!   host-file read, and BPF kernel-memory reads are each an escape primitive on their own).
//! - KICS container_capabilities_unrestricted; CIS Docker Benchmark 5.4
//! - capabilities(7): <https://man7.org/linux/man-pages/man7/capabilities.7.html>
//! - <https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW503",
    name: "dangerous-capability",
    summary: "Container adds a dangerous Linux capability",
    practice: Practice::LeastPrivilege,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::High,
    equivalents: &[
        "CL-0011",
        "CL-0024",
        "CL-0027",
        "CL-0028",
        "CL-0029",
        "CL-0030",
        "KICS-container_capabilities_unrestricted",
        "CIS-5.4",
    ],
    default_enabled: true,
};

/// Docker's default capability set (moby `oci/caps/defaults.go`).
pub const DEFAULT_CAPS: &[&str] = &[
    "CHOWN",
    "DAC_OVERRIDE",
    "FSETID",
    "FOWNER",
    "MKNOD",
    "NET_RAW",
    "SETGID",
    "SETUID",
    "SETFCAP",
    "SETPCAP",
    "NET_BIND_SERVICE",
    "SYS_CHROOT",
    "KILL",
    "AUDIT_WRITE",
];

/// Every capability the Linux kernel defines (capabilities(7)), without the `CAP_` prefix.
pub const ALL_CAPS: &[&str] = &[
    "CHOWN",
    "DAC_OVERRIDE",
    "DAC_READ_SEARCH",
    "FOWNER",
    "FSETID",
    "KILL",
    "SETGID",
    "SETUID",
    "SETPCAP",
    "LINUX_IMMUTABLE",
    "NET_BIND_SERVICE",
    "NET_BROADCAST",
    "NET_ADMIN",
    "NET_RAW",
    "IPC_LOCK",
    "IPC_OWNER",
    "SYS_MODULE",
    "SYS_RAWIO",
    "SYS_CHROOT",
    "SYS_PTRACE",
    "SYS_PACCT",
    "SYS_ADMIN",
    "SYS_BOOT",
    "SYS_NICE",
    "SYS_RESOURCE",
    "SYS_TIME",
    "SYS_TTY_CONFIG",
    "MKNOD",
    "LEASE",
    "AUDIT_WRITE",
    "AUDIT_CONTROL",
    "SETFCAP",
    "MAC_OVERRIDE",
    "MAC_ADMIN",
    "SYSLOG",
    "WAKE_ALARM",
    "BLOCK_SUSPEND",
    "AUDIT_READ",
    "PERFMON",
    "BPF",
    "CHECKPOINT_RESTORE",
];

/// A capability name as Docker reads it: `ALL`, or a kernel capability without `CAP_`.
/// `None` for a name Docker refuses (`CAP_ALL`, unknown names, empty).
pub fn normalize_cap(written: &str) -> Option<String> {
    let up = written.trim().to_ascii_uppercase();
    if up == "ALL" {
        return Some(up);
    }
    let bare = up.strip_prefix("CAP_").unwrap_or(&up);
    ALL_CAPS.contains(&bare).then(|| bare.to_string())
}

/// Severity, what the capability grants, and its compose-lint code (if it has one).
fn grade(cap: &str) -> Option<(Severity, &'static str, Option<&'static str>)> {
    use Severity::*;
    let g = match cap {
        "ALL" => (
            Critical,
            "every capability, as good as `privileged` for escaping to the host",
            Some("CL-0024"),
        ),
        "SYS_ADMIN" => (
            Critical,
            "mount filesystems, create namespaces, cgroup `release_agent` and many more host-root operations: the classic container escape",
            Some("CL-0024"),
        ),
        "SYS_MODULE" => {
            (Critical, "load kernel modules: arbitrary code in the host kernel", Some("CL-0024"))
        }
        "SYS_RAWIO" => (
            Critical,
            "raw I/O ports and `/dev/mem` access: host memory and hardware",
            Some("CL-0024"),
        ),
        "SYS_PTRACE" => (
            Critical,
            "trace and inject code into any process it can see (every host process with `pid: host`)",
            Some("CL-0027"),
        ),
        "DAC_READ_SEARCH" => (
            Critical,
            "bypass read permission checks and `open_by_handle_at` any file of the host filesystem (the \"shocker\" escape)",
            Some("CL-0027"),
        ),
        "BPF" => (
            Critical,
            "load BPF programs: read kernel memory and trace every process on the host",
            Some("CL-0011"),
        ),
        "NET_ADMIN" => (
            High,
            "reconfigure interfaces, routes and firewall rules: intercept or redirect other containers' traffic",
            Some("CL-0011"),
        ),
        "SYS_BOOT" => (High, "reboot or power off the host", Some("CL-0011")),
        "SYS_TIME" => {
            (High, "set the host's clock for every workload on the machine", Some("CL-0028"))
        }
        "PERFMON" => (High, "sample every process on the host with perf events", Some("CL-0028")),
        "SYSLOG" => {
            (High, "read the host's kernel log (hardware state, kernel addresses)", Some("CL-0030"))
        }
        "SYS_NICE" => (
            High,
            "real-time scheduling and other processes' priorities: starve the host's CPUs",
            Some("CL-0029"),
        ),
        "IPC_LOCK" => (High, "lock unbounded memory: pressure the host's RAM", Some("CL-0029")),
        "LEASE" => (
            High,
            "take leases on files it does not own, blocking other processes' access",
            Some("CL-0029"),
        ),
        "SYS_RESOURCE" => (
            High,
            "override resource limits, disk quotas and reserved space: exhaust host resources",
            None,
        ),
        "MAC_ADMIN" => (High, "change the host's AppArmor/SELinux/Smack policy", None),
        "MAC_OVERRIDE" => {
            (High, "bypass mandatory access control (AppArmor/SELinux/Smack) policy", None)
        }
        "AUDIT_CONTROL" => (High, "change or disable the host's kernel audit rules", None),
        "AUDIT_READ" => (High, "read the host's kernel audit stream", None),
        "LINUX_IMMUTABLE" => (Medium, "set or clear immutable/append-only flags on files", None),
        "NET_BROADCAST" => (Medium, "broadcast and listen to multicast", None),
        "IPC_OWNER" => (Medium, "bypass permission checks on System V IPC objects", None),
        "SYS_PACCT" => (Medium, "switch process accounting on or off", None),
        "SYS_TTY_CONFIG" => (Medium, "configure and hang up terminals", None),
        "WAKE_ALARM" => (Medium, "set alarms that wake the host from suspend", None),
        "BLOCK_SUSPEND" => (Medium, "prevent the host from suspending", None),
        "CHECKPOINT_RESTORE" => (
            Medium,
            "checkpoint/restore operations (set PIDs, read other processes' memory maps)",
            None,
        ),
        _ => return None,
    };
    Some(g)
}

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    let mut seen: Vec<String> = Vec::new();
    for cap in &ctx.spec.cap_add {
        let Some(name) = normalize_cap(&cap.value) else { continue };
        if DEFAULT_CAPS.contains(&name.as_str()) || seen.contains(&name) {
            continue;
        }
        let Some((severity, grants, cl)) = grade(&name) else { continue };
        seen.push(name.clone());
        let written = cap.value.trim();
        let shown = if written.eq_ignore_ascii_case(&name) {
            format!("`{name}`")
        } else {
            format!("`{written}` (`{name}`)")
        };
        let mut equivalents: Vec<&str> = cl.into_iter().collect();
        equivalents.extend(["KICS-container_capabilities_unrestricted", "CIS-5.4"]);
        let fix = if name == "ALL" {
            "Remove `ALL` from `cap_add`; start from `cap_drop: [ALL]` and add back only the capabilities the process needs.".to_string()
        } else {
            format!(
                "Remove `{written}` from `cap_add` unless the service's job needs it; then keep it the only capability added, with `cap_drop: [ALL]`."
            )
        };
        out.push(
            ctx.finding_at(&RULE, cap, format!("{} adds capability {shown}: {grants}", ctx.what()))
                .with_severity(severity)
                .with_equivalents(equivalents)
                .with_fix(fix),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_like_docker() {
        assert_eq!(normalize_cap("cap_sys_admin").as_deref(), Some("SYS_ADMIN"));
        assert_eq!(normalize_cap(" all ").as_deref(), Some("ALL"));
        assert_eq!(normalize_cap("CAP_ALL"), None);
        assert_eq!(normalize_cap("SYS_ADMINN"), None);
        assert!(
            ALL_CAPS.iter().all(|c| DEFAULT_CAPS.contains(c) || grade(c).is_some()),
            "every non-default capability is graded"
        );
    }
}
