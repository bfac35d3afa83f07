//! ## What it does
//! Reports `apt-get install` (and `apt install`) in `RUN` or `ONBUILD RUN` without an answer to
//! apt's confirmation prompt: none of `-y`, `--yes`, `--assume-yes` (also in a group such as
//! `-qy`), `-qq` (quiet level 2 implies yes), `-o APT::Get::Assume-Yes=true`, nor a `yes |`
//! in front. Wrappers such as `sudo` and `env` are seen through. A simulation (`-s`,
//! `--simulate`, `--dry-run`) asks nothing and is not reported, nor is an install in a stage
//! where an earlier `RUN` (of the stage or of a stage it is built from) sets
//! `APT::Get::Assume-Yes "true"` in apt's configuration.
//!
//! ## Why is this bad?
//! A build step has no terminal: when apt asks "Do you want to continue? [Y/n]" it reads end
//! of input and aborts, so the build fails, or it depends on the exact set of packages to
//! install (apt does not ask when nothing extra is needed), which changes with the base image.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12-slim
//! RUN apt-get update && apt-get install --no-install-recommends curl
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM debian:12-slim
//! RUN apt-get update && apt-get install -y --no-install-recommends curl
//! ```
//!
//! ## References
//! - hadolint DL3014; Trivy DS-0021
//! - Differences from hadolint: hadolint accepts a single `-q`, which does not answer the
//!   prompt (only quiet level 2, `-qq`, implies `-y`); dockward reports it. dockward also checks
//!   `apt install`, and commands behind `sudo`; it does not report simulations (`-s`) or
//!   stages that set `APT::Get::Assume-Yes` in apt's configuration, which hadolint does.
//! - <https://manpages.debian.org/apt-get.8>

use crate::prelude::*;
use crate::support::run_scripts::{
    apt_config_in_file, apt_install, apt_option_bool, fed_by_yes, head_span, render, run_scripts,
    short_flag_level,
};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW010",
    name: "apt-get-missing-yes",
    summary: "apt-get install without -y",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL3014", "DS-0021"],
    default_enabled: true,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    let scripts = run_scripts(ctx);
    for rs in &scripts {
        for raw in &rs.script.commands {
            let cmd = raw.effective();
            let Some((name, install)) = apt_install(&cmd) else { continue };
            if cmd.has_flag(Some('y'), &["yes", "assume-yes"])
                || short_flag_level(&cmd, 'q', "quiet") >= 2
                || apt_option_bool(&cmd, "APT::Get::Assume-Yes") == Some(true)
                || fed_by_yes(&rs.script, raw)
                || cmd
                    .has_flag(Some('s'), &["simulate", "just-print", "dry-run", "recon", "no-act"])
                || apt_config_in_file(ctx, &scripts, rs, "APT::Get::Assume-Yes") == Some(true)
            {
                continue;
            }
            let span = head_span(&cmd, Some(install)).unwrap_or_else(|| rs.outer.head_span());
            let quiet = if short_flag_level(&cmd, 'q', "quiet") == 1 {
                " (a single `-q` does not answer the prompt)"
            } else {
                ""
            };
            out.push(
                ctx.finding(&RULE, span, format!("`{name} install` without `-y`{quiet}: the build cannot answer apt's prompt (`{}`)", render(&cmd)))
                    .with_fix(format!("Add `-y`: `{name} install -y ...`.")),
            );
        }
    }
}
