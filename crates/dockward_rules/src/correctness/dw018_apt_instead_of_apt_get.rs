//! ## What it does
//! Reports the `apt` command in `RUN` or `ONBUILD RUN` (`apt install`, `apt update`, ...), also
//! behind `sudo` or `env`.
//!
//! ## Why is this bad?
//! `apt` is the interactive front end meant for people at a terminal: its output and behaviour
//! may change between releases and it warns "apt does not have a stable CLI interface. Use
//! with caution in scripts." `apt-get` and `apt-cache` are the stable interfaces for scripts.
//!
//! ## Example
//! ```dockerfile
//! FROM ubuntu:24.04
//! RUN apt update && apt install -y --no-install-recommends curl
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM ubuntu:24.04
//! RUN apt-get update \
//!  && apt-get install -y --no-install-recommends curl \
//!  && rm -rf /var/lib/apt/lists/*
//! ```
//!
//! ## References
//! - hadolint DL3027; Checkov CKV_DOCKER_9
//! - <https://manpages.debian.org/apt.8>

use crate::prelude::*;
use crate::support::run_scripts::{render, run_scripts};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW018",
    name: "apt-instead-of-apt-get",
    summary: "RUN uses apt instead of apt-get",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL3027", "CKV_DOCKER_9"],
    default_enabled: true,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for rs in run_scripts(ctx) {
        for cmd in rs.script.commands.iter().map(ShellCommand::effective) {
            if cmd.name() != Some("apt") {
                continue;
            }
            let sub =
                cmd.args().iter().find(|w| !w.value.starts_with('-')).map(|w| w.value.as_str());
            let tool = match sub {
                Some(
                    "search" | "show" | "showsrc" | "policy" | "depends" | "rdepends" | "madison",
                ) => "apt-cache",
                _ => "apt-get",
            };
            let replacement = match sub {
                Some(s) => format!("`{tool} {s}`"),
                None => format!("`{tool}`"),
            };
            let span =
                cmd.words.first().and_then(|w| w.span).unwrap_or_else(|| rs.outer.head_span());
            out.push(
                ctx.finding(&RULE, span, format!("`apt` is meant for interactive use; scripts should use {replacement} (`{}`)", render(&cmd)))
                    .with_fix(if sub == Some("install") {
                        "Replace `apt` with `apt-get`: `apt-get install -y --no-install-recommends ...`.".to_string()
                    } else {
                        format!("Replace `apt` with `{tool}`.")
                    }),
            );
        }
    }
}
