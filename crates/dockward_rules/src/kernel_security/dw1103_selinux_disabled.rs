//! ## What it does
//! Flags containers whose SELinux separation is turned off: `security_opt: [label:disable]`
//! (or `label=disable`), or the unconfined types `label:type:spc_t` ("super privileged
//! container") and `label:type:unconfined_t`, or a live container with one of these options.
//! A privileged container is unlabelled too, but it is reported by DW502, so this rule stays
//! silent for it.
//!
//! On hosts without SELinux these options change nothing; the rule still reports them,
//! because the same file runs on SELinux hosts (Fedora, RHEL, CentOS) and the option is an
//! explicit opt-out.
//!
//! ## Why is this bad?
//! On an SELinux host every container runs as `container_t` with its own MCS category, which
//! keeps it out of host files and other containers' files even when a mount or a capability
//! would otherwise allow access. Disabling labels removes that last line of defence.
//!
//! ## Example
//! ```yaml
//! services:
//!   app:
//!     image: example/app:2.0
//!     security_opt:
//!       - label:disable
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   app:
//!     image: example/app:2.0
//!     volumes:
//!       - ./data:/data:Z   # relabel the bind mount instead of disabling SELinux
//! ```
//!
//! ## References
//! - CIS Docker Benchmark 5.3 (SELinux security options are set, if applicable)
//! - compose-lint CL-0009
//! - <https://docs.docker.com/engine/containers/run/#security-configuration>

use crate::prelude::*;
use crate::support::security_opts::is_privileged;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW1103",
    name: "selinux-disabled",
    summary: "Container runs without SELinux separation",
    practice: Practice::KernelSecurity,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::High,
    equivalents: &["CL-0009", "CIS-5.3"],
    default_enabled: true,
};

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    if is_privileged(ctx) {
        return;
    }
    // The daemon itself records `label=disable` on a container that shares the host's PID or
    // IPC namespace (as it does for `--privileged`): DW1104/DW1105 report that cause, and the
    // label option was not the user's choice.
    let host_ns =
        |m: &Option<Located<NamespaceMode>>| m.as_ref().is_some_and(|m| m.value.is_host());
    let daemon_added =
        ctx.surface == Surface::Container && (host_ns(&ctx.spec.pid) || host_ns(&ctx.spec.ipc));
    for opt in &ctx.spec.security_opt {
        let SecurityOpt::Label(v) = &opt.value else {
            continue;
        };
        let v = v.trim();
        if daemon_added && v == "disable" {
            continue;
        }
        let msg = if v == "disable" {
            format!(
                "{} turns SELinux labelling off (`label` `disable`): on an SELinux host it is no longer kept out of host and other containers' files",
                ctx.what()
            )
        } else if let Some(t) = v
            .strip_prefix("type:")
            .map(str::trim)
            .filter(|t| matches!(*t, "spc_t" | "unconfined_t"))
        {
            format!(
                "{} runs with the unconfined SELinux type `{t}`: on an SELinux host it is no longer kept out of host and other containers' files",
                ctx.what()
            )
        } else {
            continue;
        };
        out.push(ctx.finding_at(&RULE, opt, msg).with_fix("Remove the option so the container runs as `container_t`; for bind mounts it must write, relabel them with `:z` (shared) or `:Z` (private) instead."));
    }
}
