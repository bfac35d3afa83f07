//! ## What it does
//! Reports `cd` used in `RUN` (and `ONBUILD RUN`) to change directory, in `&&` chains,
//! subshells, shell heredocs and exec-form `sh -c` scripts alike. A `cd` inside a command
//! substitution (`DIR=$(cd "$(dirname "$0")" && pwd)`) only computes a path and is not
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
//!   computes a path that `WORKDIR` cannot replace.
//! - <https://docs.docker.com/build/building/best-practices/#workdir>

use crate::prelude::*;
use crate::support::runs_r1::run_scripts;

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

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for rs in run_scripts(ctx) {
        for cmd in rs.script.commands.iter().filter(|c| !c.in_substitution).map(ShellCommand::effective) {
            if cmd.name() != Some("cd") {
                continue;
            }
            let target = cmd.args().iter().find(|w| !w.value.starts_with('-')).map(|w| w.raw.as_str());
            let span = cmd.span.or_else(|| cmd.words.first().and_then(|w| w.span)).unwrap_or_else(|| rs.outer.head_span());
            let (msg, fix) = match target {
                Some(dir) if dir.starts_with('/') => (
                    format!("`cd {dir}` in RUN: the directory change lasts only for this RUN"),
                    format!("Set the directory with `WORKDIR {dir}` before the RUN, and drop the `cd`."),
                ),
                Some(dir) => (
                    format!("`cd {dir}` in RUN: the directory change lasts only for this RUN"),
                    format!("Set the directory with `WORKDIR` and the absolute path of `{dir}` before the RUN, and drop the `cd`."),
                ),
                None => (
                    "`cd` in RUN: the directory change lasts only for this RUN".to_string(),
                    "Set the directory with `WORKDIR <absolute path>` before the RUN, and drop the `cd`.".to_string(),
                ),
            };
            out.push(ctx.finding(&RULE, span, msg).with_fix(fix));
        }
    }
}
