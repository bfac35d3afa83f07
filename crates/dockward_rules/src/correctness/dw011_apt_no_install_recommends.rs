//! ## What it does
//! Reports `apt-get install` (and `apt install`) in `RUN` or `ONBUILD RUN` without
//! `--no-install-recommends` (or `-o APT::Install-Recommends=false`). Wrappers such as `sudo`
//! and `env` are seen through. Not reported: simulations (`-s`), and stages where an earlier
//! `RUN` (of the stage or of a stage it is built from) sets `APT::Install-Recommends "false"`
//! in apt's configuration.
//!
//! ## Why is this bad?
//! By default apt also installs every package the requested ones merely recommend: often
//! dozens of extra packages (documentation tools, X libraries, compilers) that the image does
//! not need. They make the image larger, slower to pull, and add code that can be
//! vulnerable.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12-slim
//! RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM debian:12-slim
//! RUN apt-get update \
//!  && apt-get install -y --no-install-recommends curl \
//!  && rm -rf /var/lib/apt/lists/*
//! ```
//!
//! ## References
//! - hadolint DL3015; Trivy DS-0029; KICS apt_get_not_avoiding_additional_packages
//! - Differences from hadolint: dockward also checks `apt install` and commands behind
//!   `sudo`, and accepts `APT::Install-Recommends` set to `0`/`no` as well as `false`, on
//!   the command line or in apt's configuration written by an earlier `RUN`.
//! - <https://docs.docker.com/build/building/best-practices/#apt-get>

use crate::prelude::*;
use crate::support::run_scripts::{
    apt_config_in_file, apt_install, apt_option_bool, head_span, render, run_scripts,
};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW011",
    name: "apt-no-install-recommends",
    summary: "apt-get install without --no-install-recommends",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Info,
    equivalents: &["DL3015", "DS-0029"],
    default_enabled: true,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    let scripts = run_scripts(ctx);
    for rs in &scripts {
        for cmd in rs.script.commands.iter().map(ShellCommand::effective) {
            let Some((name, install)) = apt_install(&cmd) else { continue };
            if cmd.has_flag(None, &["no-install-recommends"])
                || apt_option_bool(&cmd, "APT::Install-Recommends") == Some(false)
            {
                continue;
            }
            if cmd.has_flag(Some('s'), &["simulate", "just-print", "dry-run", "recon", "no-act"])
                || apt_config_in_file(ctx, &scripts, rs, "APT::Install-Recommends") == Some(false)
            {
                continue;
            }
            let span = head_span(&cmd, Some(install)).unwrap_or_else(|| rs.outer.head_span());
            out.push(
                ctx.finding(&RULE, span, format!("`{name} install` without `--no-install-recommends`: recommended packages are installed too (`{}`)", render(&cmd)))
                    .with_fix(format!("Add `--no-install-recommends`: `{name} install -y --no-install-recommends ...`, and list any recommended package you do need.")),
            );
        }
    }
}
