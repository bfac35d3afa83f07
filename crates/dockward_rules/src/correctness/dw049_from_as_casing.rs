//! ## What it does
//! Flags a `FROM ... AS name` whose `AS` is not written in the same case as `FROM`
//! (`FROM debian:12 as builder`).
//!
//! ## Why is this bad?
//! Keywords are case-insensitive, but mixing cases within one instruction makes the stage
//! declaration harder to read and to grep; BuildKit reports it as the build check
//! `FromAsCasing`.
//!
//! Off by default (a matter of style, which BuildKit reports as a warning on every build):
//! enable it with `extend-select` or `profile = "strict"`.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12 as builder
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM debian:12 AS builder
//! ```
//!
//! ## Fix
//! Safe: `AS` is rewritten in the case of `FROM`.
//!
//! ## References
//! - BuildKit build check `FromAsCasing` (`docker build --check`)
//! - <https://docs.docker.com/reference/build-checks/from-as-casing/>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW049",
    name: "from-as-casing",
    summary: "`AS` is not in the case of `FROM`",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Info,
    equivalents: &["FromAsCasing"],
    default_enabled: false,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for inst in ctx.instructions().iter().filter(|i| i.keyword == Keyword::From) {
        let words = instruction::words(inst, ctx.escape());
        let Some(as_word) = words.get(1).filter(|w| w.value.eq_ignore_ascii_case("as")) else {
            continue;
        };
        let from = &inst.keyword_text;
        let want = if from.chars().all(|c| c.is_uppercase()) {
            "AS"
        } else if from.chars().all(|c| c.is_lowercase()) {
            "as"
        } else {
            // A mixed-case `From` is ConsistentInstructionCasing's (DW051) to report.
            continue;
        };
        if as_word.value == want {
            continue;
        }
        let file = ctx.df.path.clone().unwrap_or_default();
        out.push(
            ctx.finding(
                &RULE,
                as_word.span,
                format!("`{}` and `{from}` are not written in the same case", as_word.value),
            )
            .with_fix(format!("Write `{from} ... {want} <name>`."))
            .with_autofix(Fix::safe(
                format!("write `{want}`"),
                vec![Edit::replace(file, as_word.span.range(), want)],
            )),
        );
    }
}
