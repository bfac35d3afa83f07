//! ## What it does
//! Reports a stage name (`FROM ... AS <name>`) already used by an earlier stage. Names compare
//! case-insensitively, as BuildKit compares them.
//!
//! ## Why is this bad?
//! `FROM <name>`, `COPY --from=<name>` and `docker build --target <name>` cannot tell the stages
//! apart; BuildKit rejects the file (build check `DuplicateStageName`), and older builders
//! silently pick one of them.
//!
//! ## Example
//! ```dockerfile
//! FROM node:20 AS build
//! RUN npm ci && npm run build
//!
//! FROM golang:1.22 AS build
//! RUN go build -o /out/api ./cmd/api
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM node:20 AS web-build
//! RUN npm ci && npm run build
//!
//! FROM golang:1.22 AS api-build
//! RUN go build -o /out/api ./cmd/api
//! ```
//!
//! ## References
//! - hadolint DL3024; Trivy DS-0012; Checkov CKV_DOCKER_11; KICS same_alias_in_different_froms;
//!   BuildKit check DuplicateStageName
//! - <https://docs.docker.com/reference/build-checks/duplicate-stage-name/>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW016",
    name: "duplicate-stage-name",
    summary: "Two stages have the same name",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Medium,
    equivalents: &["DL3024", "DS-0012", "CKV_DOCKER_11", "DuplicateStageName"],
    default_enabled: true,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for (i, stage) in ctx.model.stages.iter().enumerate() {
        let (Some(name), Some(span)) = (&stage.name, stage.name_span) else { continue };
        let Some(first) = ctx.model.stages[..i].iter().find(|s| s.name.as_ref() == Some(name))
        else {
            continue;
        };
        let line = ctx.df.position(ctx.inst(first.from).span.start).line;
        let written = ctx.df.slice(span);
        out.push(
            ctx.finding(&RULE, span, format!("stage name `{written}` is already used by the stage on line {line}: references to it are ambiguous"))
                .with_fix(format!("Give this stage a unique name, e.g. `AS {name}-{i}`, and update the `--from`/`FROM` references that mean it.")),
        );
    }
}
