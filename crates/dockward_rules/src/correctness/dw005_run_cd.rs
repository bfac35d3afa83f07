//! ## What it does
//! Reports `cd` used in `RUN` (and `ONBUILD RUN`) to change directory, in `&&` chains,
//! subshells, shell heredocs and exec-form `sh -c` scripts alike: one finding per `RUN`, at
//! its first `cd`. A `cd` inside a command substitution (`DIR=$(cd "$(dirname "$0")" && pwd)`)
//! only computes a path, and a `cd` into a fresh temporary directory (`cd "$(mktemp -d)"`, or a
//! variable when the RUN calls `mktemp`) has no fixed path a `WORKDIR` could name; neither is
//! reported.
//!
//! ## Why is this bad?
//! `cd` affects only the one `RUN` it is in, so the working directory of the following steps is
//! not what a reader expects, and long `cd a && ... && cd ../b` chains are hard to follow and
//! to maintain. `WORKDIR` sets the directory for every later instruction and documents it.
//!
//! ## Example
//! ```dockerfile
//! FROM golang:1.22
//! COPY . /src
//! RUN cd /src && go build -o /out/app .
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM golang:1.22
//! WORKDIR /src
//! COPY . .
//! RUN go build -o /out/app .
//! ```
//!
//! ## References
//! - hadolint DL3003; Trivy DS-0013
//! - Differences from hadolint: hadolint also reports `cd` inside `$(...)`, where it only
//!   computes a path, and `cd` into a `mktemp` directory; `WORKDIR` can replace neither.
//! - <https://docs.docker.com/build/building/best-practices/#workdir>

use crate::prelude::*;
use crate::support::run_scripts::run_scripts;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW005",
    name: "run-cd",
    summary: "RUN uses cd instead of WORKDIR",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL3003", "DS-0013"],
    default_enabled: true,
};

/// Is `raw` (a `cd` operand as written) a single variable, like `$tmp`, `"${dir}"`?
fn is_variable(raw: &str) -> bool {
    let v = raw.trim_matches('"');
    let name =
        v.strip_prefix("${").and_then(|r| r.strip_suffix('}')).or_else(|| v.strip_prefix('$'));
    name.is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for rs in run_scripts(ctx) {
        let uses_mktemp = rs.script.commands.iter().any(|c| c.effective().name() == Some("mktemp"));
        let cds: Vec<(ShellCommand, Option<String>)> = rs
            .script
            .commands
            .iter()
            .filter(|c| !c.in_substitution)
            .map(ShellCommand::effective_owned)
            .filter(|c| c.name() == Some("cd"))
            .map(|c| {
                let target =
                    c.args().iter().find(|w| !w.value.starts_with('-')).map(|w| w.raw.clone());
                (c, target)
            })
            // A fresh temporary directory (`cd "$(mktemp -d)"`, `tmp=$(mktemp -d); cd "$tmp"`)
            // has no fixed path a WORKDIR could name.
            .filter(|(_, t)| {
                !t.as_deref()
                    .is_some_and(|t| t.contains("mktemp") || (uses_mktemp && is_variable(t)))
            })
            .collect();
        let Some((cmd, target)) = cds.first() else { continue };
        let span = cmd
            .span
            .or_else(|| cmd.words.first().and_then(|w| w.span))
            .unwrap_or_else(|| rs.outer.head_span());
        let kw = if rs.onbuild { "ONBUILD RUN" } else { "RUN" };
        let more = match cds.len() {
            1 => String::new(),
            n => format!(" (and {} more `cd` in this {kw})", n - 1),
        };
        let (msg, fix) = match target.as_deref() {
            Some(dir) if dir.starts_with('/') => (
                format!("`cd {dir}` in {kw}{more}: the directory change lasts only for this {kw}"),
                format!("Set the directory with `WORKDIR {dir}` before the RUN, and drop the `cd`."),
            ),
            Some(dir) => (
                format!("`cd {dir}` in {kw}{more}: the directory change lasts only for this {kw}"),
                format!("Set the directory with `WORKDIR` and the absolute path of `{dir}` before the RUN, and drop the `cd`."),
            ),
            None => (
                format!("`cd` in {kw}{more}: the directory change lasts only for this {kw}"),
                "Set the directory with `WORKDIR <absolute path>` before the RUN, and drop the `cd`.".to_string(),
            ),
        };
        out.push(ctx.finding(&RULE, span, msg).with_fix(fix));
    }
}
