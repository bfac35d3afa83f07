//! ## What it does
//! Flags a `CMD` that follows another `CMD` in the same stage. Each stage is checked on its own:
//! a `CMD` in a builder stage and one in the final stage are fine.
//!
//! ## Why is this bad?
//! Only the last `CMD` of a stage takes effect; the earlier ones are dead code that misleads
//! readers about what the container runs — often the leftover of an edit, or an attempt to run
//! two processes (which needs a process manager or two containers, not two `CMD`s).
//!
//! ## Example
//! ```dockerfile
//! FROM python:3.12-slim
//! CMD ["python", "migrate.py"]
//! CMD ["gunicorn", "app:app"]
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM python:3.12-slim
//! CMD ["gunicorn", "app:app"]
//! ```
//!
//! ## References
//! - hadolint DL4003 (multiple `CMD` instructions found), per stage; Trivy DS-0016;
//!   KICS multiple_cmd_instructions_listed
//! - BuildKit build check `MultipleInstructionsDisallowed`
//! - <https://docs.docker.com/reference/dockerfile/#cmd>

use crate::prelude::*;
use crate::support::hadolint_compat::repeated_in_stage;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW042",
    name: "multiple-cmd",
    summary: "More than one CMD in a stage; only the last takes effect",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL4003", "DS-0016", "MultipleInstructionsDisallowed"],
    default_enabled: true,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for (inst, prev_line, place) in repeated_in_stage(ctx, Keyword::Cmd) {
        out.push(
            ctx.finding(&RULE, inst.head_span(), format!("another `CMD` in {place} (previous one at line {prev_line}): only the last `CMD` of a stage takes effect"))
                .with_fix("Keep a single CMD per stage — the one the container should run — and delete the others; to run several processes use an entrypoint script or separate containers."),
        );
    }
}
