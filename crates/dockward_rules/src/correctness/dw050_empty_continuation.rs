//! ## What it does
//! Flags empty lines inside an instruction continued with the escape character:
//!
//! ```dockerfile
//! RUN apk add \
//!
//!     curl
//! ```
//!
//! ## Why is this bad?
//! The empty line is silently skipped today, but BuildKit has deprecated it and says it will
//! become an error in a future release of the Dockerfile syntax (build check
//! `NoEmptyContinuation`): the build will then fail. It also often hides a missing `\`: the
//! author meant to end the instruction there.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.20
//! RUN apk add --no-cache \
//!
//!     curl
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM alpine:3.20
//! RUN apk add --no-cache \
//!     curl
//! ```
//! (A comment line inside the continuation is fine.)
//!
//! ## Fix
//! Safe: the empty lines are removed; the instruction BuildKit builds is the same.
//!
//! ## References
//! - BuildKit build check `NoEmptyContinuation` (`docker build --check`)
//! - <https://docs.docker.com/reference/build-checks/no-empty-continuation/>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW050",
    name: "empty-continuation",
    summary: "Empty line inside a continued instruction (deprecated; a future error)",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["NoEmptyContinuation"],
    default_enabled: true,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    let text = &ctx.df.text;
    for inst in ctx.instructions() {
        // Heredoc bodies may hold empty lines: only the lines before the first body count.
        let end = inst.heredocs.iter().map(|h| h.body_span.start).min().unwrap_or(inst.span.end);
        let Some(lines) = text.get(inst.span.start..end.min(inst.span.end)) else { continue };
        let mut empty = Vec::new();
        let mut at = inst.span.start;
        for (i, line) in lines.split_inclusive('\n').enumerate() {
            if i > 0 && line.trim().is_empty() && at + line.len() < end {
                empty.push(Span::new(at, at + line.len()));
            }
            at += line.len();
        }
        if empty.is_empty() {
            continue;
        }
        let file = ctx.df.path.clone().unwrap_or_default();
        let n = empty.len();
        let edits = empty.iter().map(|s| Edit::delete(file.clone(), s.range())).collect();
        out.push(
            ctx.finding(
                &RULE,
                Span::new(empty[0].start, empty[0].start),
                format!(
                    "{} inside the continued `{}` instruction: deprecated, and an error in a future Dockerfile syntax",
                    if n == 1 { "an empty line".to_string() } else { format!("{n} empty lines") },
                    inst.keyword_text
                ),
            )
            .with_fix("Remove the empty lines (or end the instruction before them).")
            .with_autofix(Fix::safe("remove the empty continuation lines", edits)),
        );
    }
}
