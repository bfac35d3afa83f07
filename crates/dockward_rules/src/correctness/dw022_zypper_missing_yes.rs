//! ## What it does
//! Checks that `zypper` commands that ask for confirmation — `install`/`in`, `remove`/`rm`,
//! `source-install`/`si`, `patch`, and also `update`/`up` and `install-new-recommends` — run
//! non-interactively: `-y`/`--no-confirm` after the command, or the global
//! `-n`/`--non-interactive` before it. Looks through `sudo`/`env` wrappers, `&&` chains,
//! heredoc scripts, exec form and `ONBUILD RUN`.
//!
//! ## Why is this bad?
//! A build has no terminal: zypper stops at "Continue? [y/n/v/...? shows all options] (y):",
//! reads end-of-file and aborts, so the build fails.
//!
//! ## Example
//! ```dockerfile
//! FROM opensuse/leap:15.6
//! RUN zypper install httpd && zypper clean
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM opensuse/leap:15.6
//! RUN zypper --non-interactive install httpd && zypper clean
//! ```
//!
//! ## References
//! - hadolint DL3034
//! - Differences from hadolint: the global `-n`/`--non-interactive` option is accepted (hadolint
//!   only knows `-y`/`--no-confirm` and reports `zypper -n install …`, which never prompts);
//!   `-n` after the command (`zypper in -n`, i.e. `--name`) does not count. `update`/`up` and
//!   `install-new-recommends` prompt too and are checked. A command fed by `yes |` is not
//!   reported.
//! - <https://en.opensuse.org/SDB:Zypper_manual>

use crate::prelude::*;
use crate::support::package_commands::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW022",
    name: "zypper-missing-yes",
    summary: "`zypper install` without `-y` or `--non-interactive`",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL3034"],
    default_enabled: true,
};

const PROMPTING: &[&str] = &[
    "install",
    "in",
    "remove",
    "rm",
    "source-install",
    "si",
    "patch",
    "update",
    "up",
    "install-new-recommends",
    "inr",
];

/// `-n`/`--non-interactive` among the global options (before the command), or `-y`/`--no-confirm`
/// anywhere.
fn non_interactive(c: &ShellCommand, verb_index: usize) -> bool {
    if c.has_flag(Some('y'), &["no-confirm"]) {
        return true;
    }
    let global =
        ShellCommand { words: c.words.get(..verb_index).unwrap_or(&[]).to_vec(), ..c.clone() };
    global.has_flag(Some('n'), &["non-interactive"])
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for run in shell_runs(ctx) {
        for (i, cmd) in run.script.commands.iter().enumerate() {
            let e = cmd.effective();
            if e.name() != Some("zypper") {
                continue;
            }
            let Some(v) = zypper_verb(&e) else { continue };
            if !PROMPTING.contains(&v.name.as_str())
                || non_interactive(&e, v.index)
                || fed_by_yes(&run.script, i)
            {
                continue;
            }
            out.push(
                ctx.finding(
                    &RULE,
                    cmd_span(&run, &e, v.index),
                    format!(
                        "`zypper {}` without `-y` or `--non-interactive`{}: `{}`",
                        v.name,
                        onbuild_note(&run),
                        render(&e)
                    ),
                )
                .with_fix(format!(
                    "Run zypper non-interactively: `{}` (or `zypper {} -y …`).",
                    render_with(&e, 0, "--non-interactive"),
                    v.name
                )),
            );
        }
    }
}
