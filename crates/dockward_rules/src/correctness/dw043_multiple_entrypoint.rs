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
use crate::support::hadolint_compat::repeated_in_stage;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW043",
    name: "multiple-entrypoint",
    summary: "More than one ENTRYPOINT in a stage; only the last takes effect",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Medium,
    equivalents: &["DL4004", "DS-0007", "MultipleInstructionsDisallowed"],
    default_enabled: true,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for (inst, prev_line, place) in repeated_in_stage(ctx, Keyword::Entrypoint) {
        out.push(
            ctx.finding(&RULE, inst.head_span(), format!("another `ENTRYPOINT` in {place} (previous one at line {prev_line}): only the last `ENTRYPOINT` of a stage takes effect"))
                .with_fix("Keep a single ENTRYPOINT per stage; chain wrappers inside it instead (e.g. `ENTRYPOINT [\"/usr/bin/tini\", \"--\", \"/docker-entrypoint.sh\"]`)."),
        );
    }
}
