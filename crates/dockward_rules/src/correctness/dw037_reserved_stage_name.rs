//! ## What it does
//! Flags a build stage named `scratch` or `context` (`FROM … AS scratch`). BuildKit compares
//! stage names case-insensitively, so `AS Scratch` is the same name.
//!
//! ## Why is this bad?
//! Both names already mean something to BuildKit: `scratch` is the empty image, and `context`
//! is the name of the build context for `COPY --from=context` and named contexts. A stage of
//! that name makes `FROM scratch` and `COPY --from=…` ambiguous for readers and tools, and
//! BuildKit's own check (`ReservedStageName`) warns about it.
//!
//! ## Example
//! ```dockerfile
//! FROM golang:1.22 AS context
//! RUN go build -o /out/app ./cmd/app
//! FROM gcr.io/distroless/static-debian12
//! COPY --from=context /out/app /app
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM golang:1.22 AS build
//! RUN go build -o /out/app ./cmd/app
//! FROM gcr.io/distroless/static-debian12
//! COPY --from=build /out/app /app
//! ```
//!
//! ## References
//! - hadolint DL3063 (stage name should not be a reserved word: `scratch`, `context`)
//! - BuildKit build check `ReservedStageName`
//! - Differences from hadolint: the comparison ignores case, as BuildKit's does (hadolint only
//!   matches the lower-case spelling).
//! - <https://docs.docker.com/reference/build-checks/reserved-stage-name/>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW037",
    name: "reserved-stage-name",
    summary: "Stage name is a reserved word (scratch, context)",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL3063", "ReservedStageName"],
    default_enabled: true,
};

const RESERVED: &[(&str, &str)] = &[
    ("scratch", "`scratch` is the empty base image"),
    ("context", "`context` names the build context (`COPY --from=context`, named build contexts)"),
];

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for stage in &ctx.model.stages {
        let (Some(name), Some(span)) = (&stage.name, stage.name_span) else { continue };
        let Some((word, why)) = RESERVED.iter().find(|(w, _)| name.eq_ignore_ascii_case(w)) else {
            continue;
        };
        let written = ctx.df.slice(span);
        out.push(
            ctx.finding(&RULE, span, format!("stage name `{written}` is reserved: {why}"))
                .with_fix(format!("Rename the stage to something descriptive (e.g. `AS build` instead of `AS {word}`) and update `COPY --from=` and `FROM` references to it.")),
        );
    }
}
