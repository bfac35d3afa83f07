//! Helpers for the hadolint-parity correctness rules DW034–DW046: line numbers and one-line
//! excerpts of shell text for messages, and the few shell facts several of those rules ask
//! about (is `pipefail` on, which commands a RUN runs).

use crate::context::DockerfileCtx;
use dockward_dockerfile::ast::{Instruction, Keyword, Span};
use dockward_dockerfile::shell::{self, ShellCommand, ShellScript};

/// 1-based line of a byte offset.
pub fn line_of(ctx: &DockerfileCtx, offset: usize) -> u32 {
    ctx.df.position(offset).line
}

/// The text of `span` on one line: escape-continuations and runs of whitespace collapse to a
/// single space; cut (on a char boundary) after `max` characters with `…`.
pub fn excerpt(ctx: &DockerfileCtx, span: Span, max: usize) -> String {
    one_line(ctx.df.slice(span), ctx.escape(), max)
}

/// See [`excerpt`]; works on any text.
pub fn one_line(text: &str, escape: char, max: usize) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        if c == escape && matches!(chars.peek(), Some('\n') | Some('\r')) {
            pending_space = true;
            continue;
        }
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    if out.chars().count() > max {
        let cut: String = out.chars().take(max.saturating_sub(1)).collect();
        return format!("{}…", cut.trim_end());
    }
    out
}

/// `-o pipefail` among the arguments of a shell invocation or of `set`: a short-option cluster
/// holding `o` (`-o`, `-eo`, `-euxo`) and a `pipefail` word after it.
pub fn args_enable_pipefail<'a>(args: impl IntoIterator<Item = &'a str>) -> bool {
    let mut saw_o = false;
    for a in args {
        if a == "pipefail" && saw_o {
            return true;
        }
        if let Some(rest) = a.strip_prefix('-')
            && !rest.is_empty()
            && rest.chars().all(|c| c.is_ascii_alphabetic())
            && rest.contains('o')
        {
            saw_o = true;
        }
    }
    false
}

/// Shells that know `-o pipefail` (hadolint accepts bash, zsh and ash; ksh and mksh have it
/// too). `sh` is not among them: on Debian and Ubuntu it is dash.
pub fn shell_supports_pipefail(program: &str) -> bool {
    matches!(
        shell::basename(program).trim_end_matches(".exe"),
        "bash" | "zsh" | "ash" | "ksh" | "mksh"
    )
}

/// Commands of a script, wrappers (`sudo`, `env`, …) removed, with their index.
pub fn effective(script: &ShellScript) -> Vec<std::borrow::Cow<'_, ShellCommand>> {
    script.commands.iter().map(ShellCommand::effective).collect()
}

/// Span of a command's first word (its name), else of the whole command.
pub fn name_span(cmd: &ShellCommand) -> Option<Span> {
    cmd.words.first().and_then(|w| w.span).or(cmd.span)
}

/// A command as written (its words, raw, joined by single spaces; assignments and redirections
/// left out), cut after `max` characters.
pub fn command_text(cmd: &ShellCommand, max: usize) -> String {
    let joined = cmd.words.iter().map(|w| w.raw.as_str()).collect::<Vec<_>>().join(" ");
    one_line(&joined, '\\', max)
}

/// "stage `build`" for a named stage, "stage 2" for an unnamed one.
pub fn stage_desc(stage: &dockward_dockerfile::model::Stage) -> String {
    match &stage.name {
        Some(n) => format!("stage `{n}`"),
        None => format!("stage {}", stage.index),
    }
}

/// Byte offsets of the `|` operators in shell `text` whose right-hand side is a compound
/// command — `a | { b; }`, `a | (b)`, `a | while read x; do …; done` — which the parsed
/// pipelines of [`ShellScript`] do not show (a compound member of a pipeline is flattened into
/// pipelines of its own). Quotes, escapes, comments and `$((…))` are skipped; `||` is not a
/// pipe.
pub fn pipes_into_compound(text: &str) -> Vec<usize> {
    const KEYWORDS: &[&str] = &["while", "until", "for", "if", "case", "select"];
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut arith = 0usize;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'\'' if arith == 0 => {
                i += 1;
                while i < b.len() && b[i] != b'\'' {
                    i += 1;
                }
                i += 1;
            }
            b'"' if arith == 0 => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'#' if arith == 0
                && (i == 0
                    || b[i - 1].is_ascii_whitespace()
                    || matches!(b[i - 1], b';' | b'&' | b'|' | b'(')) =>
            {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'$' if b.get(i + 1) == Some(&b'(') && b.get(i + 2) == Some(&b'(') => {
                arith += 1;
                i += 3;
            }
            b')' if arith > 0 && b.get(i + 1) == Some(&b')') => {
                arith -= 1;
                i += 2;
            }
            b'|' if arith == 0 => {
                if b.get(i + 1) == Some(&b'|') {
                    i += 2;
                    continue;
                }
                let at = i;
                i += 1;
                if b.get(i) == Some(&b'&') {
                    i += 1;
                }
                let rest = text.get(i..).unwrap_or("").trim_start();
                let word: String =
                    rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                let next_is_word_end = rest.get(word.len()..).is_none_or(|r| {
                    r.is_empty() || r.starts_with(|c: char| c.is_whitespace() || c == ';')
                });
                if rest.starts_with('{')
                    || rest.starts_with('(')
                    || (KEYWORDS.contains(&word.as_str()) && next_is_word_end)
                {
                    out.push(at);
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// Each instruction of kind `kw` that has an earlier one of the same kind in its stage, with
/// that earlier one's line and the stage's description (DL4003/DL4004: only the last CMD or
/// ENTRYPOINT counts). The walk starts over at every FROM; instructions before the first FROM,
/// in an unbuildable file, form a group of their own, as in hadolint.
pub fn repeated_in_stage<'a>(
    ctx: &DockerfileCtx<'a>,
    kw: Keyword,
) -> Vec<(&'a Instruction, u32, String)> {
    let mut out = Vec::new();
    let mut prev: Option<&Instruction> = None;
    for inst in ctx.instructions() {
        if inst.keyword == Keyword::From {
            prev = None;
        } else if inst.keyword == kw {
            if let Some(p) = prev {
                let place = ctx
                    .stage_of(inst)
                    .map(stage_desc)
                    .unwrap_or_else(|| "the instructions before the first FROM".into());
                out.push((inst, line_of(ctx, p.keyword_span.start), place));
            }
            prev = Some(inst);
        }
    }
    out
}
