//! ## What it does
//! Reports `zypper dist-upgrade` (`zypper dup`) in a RUN, including through `sudo`/`env`
//! wrappers, in `&&` chains, heredoc scripts, exec form and `ONBUILD RUN`.
//!
//! ## Why is this bad?
//! `dist-upgrade` moves the image to whatever the configured repositories hold today: it can
//! switch vendors, downgrade or remove packages and, on a rolling distribution, change the whole
//! base system. Builds stop being reproducible and can silently break. Use a newer base image
//! tag instead, or update the specific packages you need.
//!
//! ## Example
//! ```dockerfile
//! FROM opensuse/leap:15.5
//! RUN zypper --non-interactive dist-upgrade
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM opensuse/leap:15.6
//! RUN zypper --non-interactive update && zypper clean
//! ```
//!
//! ## References
//! - hadolint DL3035
//! - <https://en.opensuse.org/SDB:Zypper_usage#Distribution_upgrade>

use crate::prelude::*;
use crate::support::package_commands::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW023",
    name: "zypper-dist-upgrade",
    summary: "`zypper dist-upgrade` in a RUN",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL3035"],
    default_enabled: true,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for run in shell_runs(ctx) {
        for cmd in run.script.commands.iter() {
            let e = cmd.effective();
            if e.name() != Some("zypper") {
                continue;
            }
            let Some(v) = zypper_verb(&e) else { continue };
            if !matches!(v.name.as_str(), "dist-upgrade" | "dup") {
                continue;
            }
            out.push(
                ctx.finding(&RULE, cmd_span(&run, &e, v.index), format!("`zypper {}` upgrades the whole distribution{}: `{}`", v.name, onbuild_note(&run), render(&e)))
                    .with_fix("Use a newer base image tag instead, or `zypper --non-interactive update <package>` for the packages you need."),
            );
        }
    }
}
