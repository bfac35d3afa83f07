//! ## What it does
//! Checks that `yum` commands that ask for confirmation — `install`, `groupinstall`,
//! `localinstall`, and also `reinstall`, `update`/`upgrade`, `remove`/`erase`, `downgrade`,
//! `group install`, `module install|enable` … — are run with `-y` (`--assumeyes`). Looks through
//! `sudo`/`env` wrappers, `&&` chains, subshells, heredoc scripts, exec form and `ONBUILD RUN`.
//!
//! ## Why is this bad?
//! A build has no terminal: `yum` prints "Is this ok [y/d/N]:", reads end-of-file and aborts
//! with "Exiting on user command", so the build fails (or, with some wrappers, hangs).
//!
//! ## Example
//! ```dockerfile
//! FROM centos:7
//! RUN yum install httpd && yum clean all
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM centos:7
//! RUN yum install -y httpd && yum clean all
//! ```
//!
//! ## References
//! - hadolint DL3030
//! - Differences from hadolint: hadolint only looks at `install`, `groupinstall` and
//!   `localinstall`; every yum command that prompts is checked here. A command fed by `yes |`
//!   is not reported (the prompt is answered).
//! - <https://man7.org/linux/man-pages/man8/yum.8.html>

use crate::prelude::*;
use crate::support::package_commands::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW020",
    name: "yum-missing-yes",
    summary: "`yum install` without `-y`",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL3030"],
    default_enabled: true,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for run in shell_runs(ctx) {
        for (i, cmd) in run.script.commands.iter().enumerate() {
            let e = cmd.effective();
            if e.name() != Some("yum") {
                continue;
            }
            let Some(v) = rpm_verb(&e) else { continue };
            if !rpm_verb_prompts(&v) || has_assume_yes(&e) || fed_by_yes(&run.script, i) {
                continue;
            }
            let span = cmd_span(&run, &e, v.last_index());
            out.push(
                ctx.finding(
                    &RULE,
                    span,
                    format!(
                        "`yum {}` without `-y`{}: `{}`",
                        v.display(),
                        onbuild_note(&run),
                        render(&e)
                    ),
                )
                .with_fix(format!(
                    "Add `-y` so yum does not stop at its confirmation prompt: `{}`.",
                    render_with(&e, v.last_index(), "-y")
                )),
            );
        }
    }
}
