//! ## What it does
//! Checks that `dnf` and `microdnf` commands that ask for confirmation — `install`,
//! `groupinstall`, `localinstall`, and also `reinstall`, `upgrade`/`update`, `remove`,
//! `downgrade`, `group install`, `module install|enable|reset` … — are run with `-y`
//! (`--assumeyes`). Looks through `sudo`/`env` wrappers, `&&` chains, subshells, heredoc scripts,
//! exec form and `ONBUILD RUN`.
//!
//! ## Why is this bad?
//! A build has no terminal: dnf prints "Is this ok [y/N]:", reads end-of-file and aborts with
//! "Operation aborted", so the build fails. microdnf used to assume yes, but newer versions
//! (RHEL/UBI 9, Oracle Linux 9) ask like dnf and need `-y` too.
//!
//! ## Example
//! ```dockerfile
//! FROM fedora:40
//! RUN dnf install httpd && dnf clean all
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM fedora:40
//! RUN dnf install -y httpd && dnf clean all
//! ```
//!
//! ## References
//! - hadolint DL3038
//! - Differences from hadolint: hadolint only looks at `install`, `groupinstall` and
//!   `localinstall`; every dnf command that prompts is checked here. A command fed by `yes |`
//!   is not reported.
//! - <https://dnf.readthedocs.io/en/latest/command_ref.html>;
//!   <https://github.com/rpm-software-management/microdnf/pull/97>

use crate::prelude::*;
use crate::support::package_commands::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW025",
    name: "dnf-missing-yes",
    summary: "`dnf install` without `-y`",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL3038"],
    default_enabled: true,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for run in shell_runs(ctx) {
        for (i, cmd) in run.script.commands.iter().enumerate() {
            let e = cmd.effective();
            let Some(tool @ ("dnf" | "microdnf" | "dnf5" | "dnf-3")) = e.name() else { continue };
            let Some(v) = rpm_verb(&e) else { continue };
            if !rpm_verb_prompts(&v) || has_assume_yes(&e) || fed_by_yes(&run.script, i) {
                continue;
            }
            out.push(
                ctx.finding(
                    &RULE,
                    cmd_span(&run, &e, v.last_index()),
                    format!(
                        "`{tool} {}` without `-y`{}: `{}`",
                        v.display(),
                        onbuild_note(&run),
                        render(&e)
                    ),
                )
                .with_fix(format!(
                    "Add `-y` so {tool} does not stop at its confirmation prompt: `{}`.",
                    render_with(&e, v.last_index(), "-y")
                )),
            );
        }
    }
}
