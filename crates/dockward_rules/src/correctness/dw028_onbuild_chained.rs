//! ## What it does
//! Reports `ONBUILD ONBUILD …`, `ONBUILD FROM …` and `ONBUILD MAINTAINER …`: the three
//! instructions Docker does not accept as ONBUILD triggers.
//!
//! The file cannot be built either, so DW001 (parse error) reports the same line; this rule
//! exists so that hadolint users find their DL3043 under its own code.
//!
//! ## Why is this bad?
//! `docker build` rejects the file ("ONBUILD ONBUILD is not allowed", "FROM isn't allowed as an
//! ONBUILD trigger"). A trigger cannot start a new stage, cannot register further triggers, and
//! `MAINTAINER` is deprecated anyway.
//!
//! ## Example
//! ```dockerfile
//! FROM node:20-slim
//! ONBUILD ONBUILD COPY . /app
//! ONBUILD FROM node:20-slim
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM node:20-slim
//! ONBUILD COPY . /app
//! LABEL maintainer="team@example.com"
//! ```
//!
//! ## References
//! - hadolint DL3043
//! - <https://docs.docker.com/reference/dockerfile/#onbuild>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW028",
    name: "onbuild-chained",
    summary: "`ONBUILD` triggers `ONBUILD`, `FROM` or `MAINTAINER`",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Medium,
    equivalents: &["DL3043"],
    default_enabled: true,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for inst in ctx.instructions() {
        if inst.keyword != Keyword::Onbuild {
            continue;
        }
        let Some(sub) = inst.onbuild.as_deref() else { continue };
        let (why, fix) = match sub.keyword {
            Keyword::Onbuild => (
                "ONBUILD cannot register further ONBUILD triggers",
                "Drop the inner `ONBUILD`: `ONBUILD <instruction>`.",
            ),
            Keyword::From => (
                "a trigger cannot start a new build stage",
                "Remove the trigger; the downstream Dockerfile chooses its own `FROM`.",
            ),
            Keyword::Maintainer => (
                "MAINTAINER is not allowed as a trigger (and is deprecated)",
                "Use `LABEL maintainer=\"…\"` in this Dockerfile instead.",
            ),
            _ => continue,
        };
        let kw = sub.keyword_text.to_ascii_uppercase();
        out.push(
            ctx.finding(
                &RULE,
                inst.keyword_span.cover(sub.keyword_span),
                format!("`ONBUILD {kw}` is not allowed: {why}; `docker build` rejects the file"),
            )
            .with_fix(fix),
        );
    }
}
