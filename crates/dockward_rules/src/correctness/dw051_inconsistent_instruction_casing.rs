//! ## What it does
//! Flags instructions whose keyword is not written in the case most instructions of the file
//! use (`FROM` … `run` … `COPY`), or in mixed case (`Run`).
//!
//! ## Why is this bad?
//! Keywords are case-insensitive, but a file that mixes cases is harder to read and to search
//! (`grep RUN` misses `run`). BuildKit reports it as the build check
//! `ConsistentInstructionCasing`.
//!
//! Off by default (a matter of style, which BuildKit reports as a warning on every build):
//! enable it with `extend-select` or `profile = "strict"`.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.20
//! run apk add --no-cache curl
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM alpine:3.20
//! RUN apk add --no-cache curl
//! ```
//!
//! ## Fix
//! Safe: the keyword is rewritten in the majority's case (uppercase when tied).
//!
//! ## References
//! - BuildKit build check `ConsistentInstructionCasing` (`docker build --check`)
//! - <https://docs.docker.com/reference/build-checks/consistent-instruction-casing/>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW051",
    name: "inconsistent-instruction-casing",
    summary: "Instruction keyword not in the case the file's other instructions use",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Info,
    equivalents: &["ConsistentInstructionCasing"],
    default_enabled: false,
};

/// Every instruction keyword of the file, ONBUILD's wrapped ones included.
fn keywords<'a>(insts: &'a [Instruction]) -> impl Iterator<Item = &'a Instruction> + 'a {
    insts.iter().flat_map(|i| std::iter::once(i).chain(i.onbuild.as_deref()))
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    let is_upper = |s: &str| s.chars().all(|c| !c.is_lowercase());
    let is_lower = |s: &str| s.chars().all(|c| !c.is_uppercase());
    let upper = keywords(ctx.instructions()).filter(|i| is_upper(&i.keyword_text)).count();
    let lower = keywords(ctx.instructions()).filter(|i| is_lower(&i.keyword_text)).count();
    let (want_upper, majority) = if upper >= lower { (true, "uppercase") } else { (false, "lowercase") };
    let file = ctx.df.path.clone().unwrap_or_default();
    for inst in keywords(ctx.instructions()) {
        let written = &inst.keyword_text;
        let ok = if want_upper { is_upper(written) } else { is_lower(written) };
        if ok || matches!(inst.keyword, Keyword::Unknown(_)) {
            continue;
        }
        let want = if want_upper { written.to_uppercase() } else { written.to_lowercase() };
        out.push(
            ctx.finding(
                &RULE,
                inst.keyword_span,
                format!("`{written}` is not {majority} like most instructions of this file"),
            )
            .with_fix(format!("Write `{want}`."))
            .with_autofix(Fix::safe(
                format!("write `{want}`"),
                vec![Edit::replace(file.clone(), inst.keyword_span.range(), want)],
            )),
        );
    }
}
