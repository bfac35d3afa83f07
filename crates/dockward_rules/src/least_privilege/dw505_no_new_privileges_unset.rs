//! ## What it does
//! Flags containers started without the `no-new-privileges` flag: `security_opt:` (Compose)
//! or `HostConfig.SecurityOpt` (live container) has no `no-new-privileges:true`
//! (`no-new-privileges`, `no-new-privileges=true` and `no-new-privileges:1` count too), and
//! reports an explicit opt-out (`no-new-privileges:false`) on its own. When the entry is
//! given more than once, the last one wins, as in Docker.
//!
//! The flag can also be made the default for every container by the daemon
//! (`"no-new-privileges": true` in `daemon.json`, `--no-new-privileges`). A Compose file
//! cannot tell, so a service without the option is reported. A live container audited by
//! `dockward host` on the daemon's machine, where the daemon's options are read, is not
//! reported when that default is on: the daemon sets the flag when it creates the container
//! (`parseSecurityOpt` in moby's `daemon/daemon_unix.go`), in a field the Engine API does not
//! show, and an explicit `no-new-privileges:false` still overrides it (reported as below). A
//! container created before the default was switched on keeps running without it; dockward
//! cannot tell those apart.
//!
//! ## Why is this bad?
//! Without the flag, a process in the container can gain privileges by executing a setuid or
//! file-capability binary (`su`, `sudo`, `ping`, `newuidmap`, or one an attacker planted in a
//! writable volume). With it, the kernel's `PR_SET_NO_NEW_PRIVS` makes `execve` never grant
//! more privileges than the caller had, which closes this whole class of local privilege
//! escalation inside the container.
//!
//! ## Example
//! ```yaml
//! services:
//!   web:
//!     image: nginx:1.27-alpine
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   web:
//!     image: nginx:1.27-alpine
//!     security_opt:
//!       - no-new-privileges:true
//! ```
//!
//! ## References
//! - compose-lint CL-0003; KICS no_new_privileges_not_set; CIS Docker Benchmark 5.26
//!   (5.25 in 1.6: "Ensure that the container is restricted from acquiring additional
//!   privileges")
//! - <https://docs.docker.com/reference/cli/docker/container/run/#security-opt>
//! - <https://docs.kernel.org/userspace-api/no_new_privs.html>

use crate::prelude::*;
use crate::support::daemon_settings::{container_daemon_options, setting_bool};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW505",
    name: "no-new-privileges-unset",
    summary: "Container may gain privileges through setuid binaries (no-new-privileges not set)",
    practice: Practice::LeastPrivilege,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::Medium,
    equivalents: &["CL-0003", "KICS-no_new_privileges_not_set", "CIS-5.26"],
    default_enabled: true,
};

const FIX: &str = "Add `no-new-privileges:true` to `security_opt` (`security_opt: [\"no-new-privileges:true\"]`).";
const FIX_CONTAINER: &str = "Recreate the container with `--security-opt no-new-privileges:true`.";

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    let last = ctx.spec.security_opt.iter().rev().find_map(|o| match o.value {
        SecurityOpt::NoNewPrivileges(on) => Some((o, on)),
        _ => None,
    });
    match last {
        Some((_, true)) => {}
        Some((o, false)) => out.push(
            ctx.finding_at(&RULE, o, format!("{} explicitly disables `no-new-privileges`: processes in the container can gain privileges through setuid and file-capability binaries", ctx.what()))
                .with_fix("Set `no-new-privileges:true` instead of `:false` in `security_opt`; if a setuid helper really needs it, document why and suppress this finding."),
        ),
        None => {
            // A live container of a daemon whose options were read: its default decides.
            let daemon_default = container_daemon_options(ctx).map(|f| f.daemon_setting("no-new-privileges").and_then(|s| setting_bool(&s)) == Some(true));
            let unless = match daemon_default {
                Some(true) => return,
                Some(false) => "(and the daemon does not enable it by default: no `no-new-privileges` in its options)",
                None => "(unless the daemon enables it by default)",
            };
            out.push(
                ctx.finding_service(&RULE, format!("{} does not set `no-new-privileges`: processes in the container can gain privileges through setuid and file-capability binaries {unless}", ctx.what()))
                    .with_fix(if ctx.surface == Surface::Container { FIX_CONTAINER } else { FIX }),
            )
        }
    }
}
