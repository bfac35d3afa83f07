//! ## What it does
//! Reports an `ENV` that sets several variables and refers, in one value, to a variable it sets
//! in another pair: `ENV A=1 B=$A`. Variables already set before the instruction (by an `ARG` or
//! `ENV` of the stage, or an `ENV` of a stage it is built `FROM`) are not reported: then the
//! reference is to that earlier value, which is usually intended (`ENV PATH=/opt/x:$PATH`).
//! `$A`, `${A}` and `${A:-default}`-style references count; single-quoted text and escaped
//! dollars do not.
//!
//! ## Why is this bad?
//! Docker substitutes every variable of an `ENV` instruction with the values from *before* that
//! instruction, so in `ENV A=1 B=$A` the variable `B` gets the old (here: empty) value of `A`, not
//! `1`. The image silently ends up with a wrong value.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12-slim
//! ENV APP_HOME=/opt/app APP_BIN=$APP_HOME/bin
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM debian:12-slim
//! ENV APP_HOME=/opt/app
//! ENV APP_BIN=$APP_HOME/bin
//! ```
//!
//! ## References
//! - hadolint DL3044
//! - Differences from hadolint: scoping follows BuildKit — a global `ARG` (before the first
//!   `FROM`) that the stage does not redeclare does not count as "set before", nor does an `ENV`
//!   of an unrelated earlier stage; `${A:-x}` forms count as references; single-quoted (`'$A'`)
//!   and escaped (`\$A`) dollars are literal text and are not reported.
//! - <https://docs.docker.com/reference/dockerfile/#environment-replacement>

use crate::prelude::*;
use dockward_dockerfile::instruction::key_values;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW029",
    name: "env-self-reference",
    summary: "`ENV` refers to a variable it sets itself",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Medium,
    equivalents: &["DL3044"],
    default_enabled: true,
};

/// Variable references in `raw` (as written): (name, byte range of the reference).
fn references(raw: &str, escape: char) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = raw.char_indices().collect();
    let mut i = 0;
    let mut single = false;
    let is_start = |c: char| c.is_ascii_alphabetic() || c == '_';
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
    while i < chars.len() {
        let (pos, c) = chars[i];
        if single {
            if c == '\'' {
                single = false;
            }
            i += 1;
            continue;
        }
        if c == '\'' {
            single = true;
            i += 1;
        } else if c == escape {
            i += 2;
        } else if c == '$' {
            match chars.get(i + 1) {
                Some((_, '{')) => {
                    let mut j = i + 2;
                    while chars.get(j).is_some_and(|&(_, c)| is_name(c)) {
                        j += 1;
                    }
                    if j > i + 2 {
                        let name: String = chars[i + 2..j].iter().map(|&(_, c)| c).collect();
                        // End at the closing brace when there is one.
                        let mut k = j;
                        let mut depth = 1;
                        while let Some(&(_, c)) = chars.get(k) {
                            if c == '{' {
                                depth += 1;
                            } else if c == '}' {
                                depth -= 1;
                                if depth == 0 {
                                    break;
                                }
                            }
                            k += 1;
                        }
                        let end = chars.get(k).map(|&(p, c)| p + c.len_utf8()).unwrap_or(raw.len());
                        out.push((name, pos..end));
                    }
                    i = j;
                }
                Some(&(_, c)) if is_start(c) => {
                    let mut j = i + 1;
                    while chars.get(j).is_some_and(|&(_, c)| is_name(c)) {
                        j += 1;
                    }
                    let name: String = chars[i + 1..j].iter().map(|&(_, c)| c).collect();
                    let end = chars.get(j).map(|&(p, _)| p).unwrap_or(raw.len());
                    out.push((name, pos..end));
                    i = j;
                }
                _ => i += 1,
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Set before `inst`: ARG/ENV of its stage, or ENV of a stage it is built from.
fn set_before(ctx: &DockerfileCtx, inst: &Instruction, name: &str) -> bool {
    if ctx.model.is_declared_at(inst.index, name) {
        return true;
    }
    let Some(stage) = ctx.model.stage_of(inst.index) else { return false };
    ctx.model.ancestry(stage).into_iter().skip(1).filter_map(|s| ctx.model.stages.get(s)).any(
        |st| {
            ctx.stage_instructions(st)
                .iter()
                .filter(|i| i.keyword == Keyword::Env)
                .any(|i| key_values(i, ctx.escape()).iter().any(|kv| kv.key == name))
        },
    )
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for inst in ctx.instructions() {
        if inst.keyword != Keyword::Env || ctx.model.stage_of(inst.index).is_none() {
            continue;
        }
        let kvs = key_values(inst, ctx.escape());
        if kvs.len() < 2 {
            continue;
        }
        for (idx, kv) in kvs.iter().enumerate() {
            let raw = ctx.df.slice(kv.value_span);
            let mut seen = Vec::new();
            for (name, r) in references(raw, ctx.escape()) {
                if name == kv.key || seen.contains(&name) {
                    continue;
                }
                if !kvs.iter().enumerate().any(|(j, o)| j != idx && o.key == name)
                    || set_before(ctx, inst, &name)
                {
                    continue;
                }
                seen.push(name.clone());
                let span = Span::new(kv.value_span.start + r.start, kv.value_span.start + r.end);
                let pair = ctx.df.slice(kv.span).split_whitespace().collect::<Vec<_>>().join(" ");
                out.push(
                    ctx.finding(
                        &RULE,
                        span,
                        format!("`{pair}` refers to `{name}`, which this same ENV sets: Docker substitutes the value `{name}` had before this instruction (unset, unless the base image sets it), not the new one"),
                    )
                    .with_fix(format!("Set `{name}` in an earlier `ENV` instruction, then refer to it in a separate `ENV`.")),
                );
            }
        }
    }
}
