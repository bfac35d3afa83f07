//! ## What it does
//! Flags every instruction that comes before the first `FROM` other than `ARG`. Only parser
//! directives (`# syntax=`, `# escape=`), comments and `ARG` may precede the first `FROM`.
//!
//! ## Why is this bad?
//! BuildKit rejects such a file (`no build stage in current context`): an `ENV`, `LABEL` or
//! `RUN` before `FROM` has no stage to belong to. Usually a `FROM` line was deleted or moved by
//! mistake, or a global setting was meant to be an `ARG`.
//!
//! ## Example
//! ```dockerfile
//! ENV APP_HOME=/app
//! FROM python:3.12-slim
//! WORKDIR $APP_HOME
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM python:3.12-slim
//! ENV APP_HOME=/app
//! WORKDIR $APP_HOME
//! ```
//!
//! ## References
//! - hadolint DL3061 (invalid instruction order: a Dockerfile must begin with `FROM`, `ARG` or
//!   a comment); every such instruction is reported, as hadolint does. DW001 also reports the
//!   file as unbuildable, once.
//! - <https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW036",
    name: "invalid-first-instruction",
    summary: "Instruction before the first FROM other than ARG",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Medium,
    equivalents: &["DL3061"],
    default_enabled: true,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for inst in ctx.instructions() {
        match &inst.keyword {
            Keyword::From => return,
            // ARG may precede FROM; unknown words are already a parse error (DW001).
            Keyword::Arg | Keyword::Unknown(_) => continue,
            k => {
                let kw = k.as_str();
                let fix = if matches!(k, Keyword::Env | Keyword::Label) {
                    format!(
                        "Move this `{kw}` below the first `FROM` (or, for a value used in `FROM` lines, declare it with `ARG` instead)."
                    )
                } else {
                    format!(
                        "Move this `{kw}` below the first `FROM`; a Dockerfile starts with `FROM`, optionally preceded by `ARG` and comments."
                    )
                };
                out.push(ctx.finding(&RULE, inst.keyword_span, format!("`{kw}` before the first `FROM`: only `ARG`, comments and parser directives may come before it")).with_fix(fix));
            }
        }
    }
}
