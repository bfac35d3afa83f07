//! ## What it does
//! Flags a build stage name that is not all lowercase (`FROM alpine AS BuilderBase`).
//!
//! ## Why is this bad?
//! BuildKit lowercases stage names when it resolves `FROM <stage>` and `COPY --from=<stage>`, so
//! `BuilderBase` and `builderbase` are the same stage: a mixed-case name suggests a distinction
//! that does not exist, and mixes identifiers with instruction keywords. BuildKit reports it as
//! the build check `StageNameCasing`.
//!
//! Off by default (a matter of style, which BuildKit reports as a warning on every build):
//! enable it with `extend-select` or `profile = "strict"`.
//!
//! ## Example
//! ```dockerfile
//! FROM golang:1.23 AS BuilderBase
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM golang:1.23 AS builder-base
//! ```
//!
//! ## Fix
//! Safe: the name is rewritten in lowercase where the stage is defined (references to it match
//! case-insensitively, so they keep working).
//!
//! ## References
//! - BuildKit build check `StageNameCasing` (`docker build --check`)
//! - <https://docs.docker.com/reference/build-checks/stage-name-casing/>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW048",
    name: "stage-name-casing",
    summary: "Stage name is not lowercase",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Info,
    equivalents: &["StageNameCasing"],
    default_enabled: false,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for stage in &ctx.model.stages {
        let Some(span) = stage.name_span else { continue };
        let written = ctx.df.slice(span);
        if !written.chars().any(|c| c.is_uppercase()) || written.contains('$') {
            continue;
        }
        let lower = written.to_lowercase();
        let file = ctx.df.path.clone().unwrap_or_default();
        out.push(
            ctx.finding(&RULE, span, format!("stage name `{written}` should be lowercase"))
                .with_fix(format!("Write it `{lower}`."))
                .with_autofix(Fix::safe(
                    format!("lowercase the stage name (`{lower}`)"),
                    vec![Edit::replace(file, span.range(), lower)],
                )),
        );
    }
}
