//! ## What it does
//! Flags containers that run without a seccomp filter: `security_opt: [seccomp:unconfined]`
//! (or `seccomp=unconfined`), or a live container with that security option.
//!
//! Docker keeps the last `seccomp` entry, so `[seccomp:unconfined, seccomp:./p.json]` is
//! filtered and not reported; when the last one is `unconfined`, every `unconfined` entry is
//! reported (removing only the last would promote the one before it).
//!
//! `privileged: true` disables seccomp as well, but a privileged container is reported by
//! DW502 (critical), so this rule stays silent for it instead of reporting the same thing
//! twice. A custom profile (`seccomp:./profile.json`) is not checked here.
//!
//! ## Why is this bad?
//! Docker's default seccomp profile blocks about 50 system calls that containers do not need
//! and that have a history of kernel privilege escalations (`keyctl`, `add_key`, `bpf`,
//! `unshare`, `mount`, `ptrace` on old kernels, `userfaultfd`, ...). Without it the whole
//! kernel attack surface is reachable from the container, and a single kernel bug becomes a
//! host compromise.
//!
//! ## Example
//! ```yaml
//! services:
//!   app:
//!     image: example/app:2.0
//!     security_opt:
//!       - seccomp:unconfined
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   app:
//!     image: example/app:2.0
//!     security_opt:
//!       - no-new-privileges:true
//!       # or a profile that allows just the extra calls the app needs:
//!       # - seccomp:./seccomp/app.json
//! ```
//!
//! ## References
//! - CIS Docker Benchmark 5.22 (the default seccomp profile is not disabled)
//! - compose-lint CL-0009; KICS default_seccomp_profile_disabled
//! - <https://docs.docker.com/engine/security/seccomp/>

use crate::prelude::*;
use crate::support::security_opts::{disabling_entries, is_privileged};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW1101",
    name: "seccomp-unconfined",
    summary: "Container runs without a seccomp profile",
    practice: Practice::KernelSecurity,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::High,
    equivalents: &["CL-0009", "KICS-default_seccomp_profile_disabled", "CIS-5.22"],
    default_enabled: true,
};

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    if is_privileged(ctx) {
        return;
    }
    // The last `seccomp` entry is the profile the container gets.
    let seccomp = |o: &SecurityOpt| match o {
        SecurityOpt::Seccomp(v) => Some(v.trim() == "unconfined"),
        _ => None,
    };
    for opt in disabling_entries(ctx, seccomp) {
        out.push(
            ctx.finding_at(&RULE, opt, format!("{} turns seccomp off (`unconfined`): every system call of the host kernel is reachable from it", ctx.what()))
                .with_fix(if ctx.surface == Surface::Container {
                    "Recreate the container without `--security-opt seccomp=unconfined` to get Docker's default profile; if the application needs a blocked call, start from the default profile, allow just that call and use `--security-opt seccomp=/path/profile.json`."
                } else {
                    "Remove the `seccomp:unconfined` security option to get Docker's default profile; if the application needs a blocked call, start from the default profile, allow just that call and use `seccomp:./profile.json`."
                }),
        );
    }
}
