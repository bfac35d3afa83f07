//! ## What it does
//! Reports a stage with more than one `HEALTHCHECK` instruction (`HEALTHCHECK NONE` counts).
//! Each extra one is reported; stages are checked separately, so a builder stage and the final
//! stage may each have their own.
//!
//! ## Why is this bad?
//! Only the last `HEALTHCHECK` of a stage takes effect; the earlier ones are dead code that
//! misleads readers about how the container is checked.
//!
//! ## Example
//! ```dockerfile
//! FROM nginx:1.27
//! HEALTHCHECK CMD curl -f http://localhost/ || exit 1
//! HEALTHCHECK CMD curl -f http://localhost/health || exit 1
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM nginx:1.27
//! HEALTHCHECK CMD curl -f http://localhost/health || exit 1
//! ```
//!
//! ## References
//! - BuildKit build check `MultipleInstructionsDisallowed` (`docker build --check`)
//! - hadolint DL3012; Trivy DS-0023
//! - <https://docs.docker.com/reference/dockerfile/#healthcheck>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW009",
    name: "multiple-healthchecks",
    summary: "More than one HEALTHCHECK in a stage",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Medium,
    equivalents: &["DL3012", "DS-0023", "MultipleInstructionsDisallowed"],
    default_enabled: true,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for stage in &ctx.model.stages {
        let checks: Vec<&Instruction> = ctx
            .stage_instructions(stage)
            .iter()
            .filter(|i| i.keyword == Keyword::Healthcheck)
            .collect();
        let Some(last) = checks.last() else { continue };
        let last_line = ctx.df.position(last.span.start).line;
        for extra in checks.iter().skip(1) {
            let first_line = ctx.df.position(checks[0].span.start).line;
            out.push(
                ctx.finding(&RULE, extra.head_span(), format!("another HEALTHCHECK in stage `{}` (the first is on line {first_line}): only the last one, on line {last_line}, takes effect", stage.label()))
                    .with_fix("Keep a single HEALTHCHECK per stage; delete the others."),
            );
        }
    }
}
