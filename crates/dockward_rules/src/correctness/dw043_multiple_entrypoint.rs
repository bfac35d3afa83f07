//! ## What it does
//! Flags an `ENTRYPOINT` that follows another `ENTRYPOINT` in the same stage. Each stage is
//! checked on its own.
//!
//! ## Why is this bad?
//! Only the last `ENTRYPOINT` of a stage takes effect. An earlier one is dead code that
//! misleads readers (and reviewers of security-relevant wrappers such as `tini` or a
//! privilege-dropping entrypoint script) about what actually starts the container.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12-slim
//! ENTRYPOINT ["/usr/bin/tini", "--"]
//! ENTRYPOINT ["/docker-entrypoint.sh"]
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM debian:12-slim
//! ENTRYPOINT ["/usr/bin/tini", "--", "/docker-entrypoint.sh"]
//! ```
//!
//! ## References
//! - hadolint DL4004 (multiple `ENTRYPOINT` instructions found), per stage; Trivy DS-0007;
//!   KICS multiple_entrypoint_instructions_listed
//! - BuildKit build check `MultipleInstructionsDisallowed`
//! - <https://docs.docker.com/reference/dockerfile/#entrypoint>

use crate::prelude::*;
use crate::support::hadolint_compat::{line_of, stage_desc};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW043",
    name: "multiple-entrypoint",
    summary: "More than one ENTRYPOINT in a stage; only the last takes effect",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Medium,
    equivalents: &["DL4004", "DS-0007"],
    default_enabled: true,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    // Walk the file, starting over at every FROM (instructions before the first FROM, in an
    // unbuildable file, form a group of their own, as in hadolint).
    let mut prev: Option<&Instruction> = None;
    for inst in ctx.instructions() {
        match inst.keyword {
            Keyword::From => prev = None,
            Keyword::Entrypoint => {
                if let Some(p) = prev {
                    let prev_line = line_of(ctx, p.keyword_span.start);
                    let place = ctx.stage_of(inst).map(stage_desc).unwrap_or_else(|| "the instructions before the first FROM".into());
                    out.push(
                        ctx.finding(&RULE, inst.head_span(), format!("another `ENTRYPOINT` in {place} (previous one at line {prev_line}): only the last `ENTRYPOINT` of a stage takes effect"))
                            .with_fix("Keep a single ENTRYPOINT per stage; chain wrappers inside it instead (e.g. `ENTRYPOINT [\"/usr/bin/tini\", \"--\", \"/docker-entrypoint.sh\"]`)."),
                    );
                }
                prev = Some(inst);
            }
            _ => {}
        }
    }
}
