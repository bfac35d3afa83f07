//! ## What it does
//! Reports a `COPY` or `ADD` with more than one source whose destination does not end with
//! `/` (or `\` in a Windows stage). Heredoc sources count as sources. A destination given by
//! a variable is expanded with the ARG and ENV values of the file; when the variable has no
//! value there, nothing is reported.
//!
//! ## Why is this bad?
//! With several sources the destination must be a directory. The classic builder rejects the
//! instruction ("When using COPY with more than one source file, the destination must be a
//! directory and end with a /"); BuildKit accepts it and creates the directory, so the same
//! Dockerfile builds in one place and fails in another, and a reader cannot tell whether a
//! file or a directory was meant.
//!
//! ## Example
//! ```dockerfile
//! FROM node:20-slim
//! COPY package.json package-lock.json /app
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM node:20-slim
//! COPY package.json package-lock.json /app/
//! ```
//!
//! ## References
//! - hadolint DL3021; Trivy DS-0011; KICS copy_with_more_than_two_arguments_not_ending_with_slash
//! - Differences from hadolint: dockward checks `ADD` as well (the classic builder rejects it
//!   the same way), and expands variables instead of judging `$DEST` by its spelling.
//! - <https://docs.docker.com/reference/dockerfile/#destination>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW013",
    name: "copy-dest-not-dir",
    summary: "COPY with several sources to a destination not ending in /",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Medium,
    equivalents: &["DL3021", "DS-0011"],
    default_enabled: true,
};

fn is_dir(s: &str, windows: bool) -> bool {
    s.ends_with('/') || (windows && s.ends_with('\\'))
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for inst in ctx.instructions() {
        if !matches!(inst.keyword, Keyword::Copy | Keyword::Add) {
            continue;
        }
        // `--from build` (no `=`): BuildKit rejects the flag, and the words are misread.
        if inst.flags.iter().any(|f| {
            f.value.is_none()
                && ["from", "chown", "chmod"].iter().any(|n| f.name.eq_ignore_ascii_case(n))
        }) {
            continue;
        }
        let c = instruction::copy_args(inst, ctx.escape());
        let Some(dest) = &c.dest else { continue };
        if c.sources.len() < 2 {
            continue;
        }
        let windows = ctx.stage_of(inst).is_some_and(|s| s.windows);
        let raw = dest.value.trim_matches(|ch| ch == '"' || ch == '\'');
        if is_dir(raw, windows) {
            continue;
        }
        let ex = ctx.model.expand_at(inst.index, raw);
        if !ex.is_complete() || is_dir(&ex.value, windows) {
            continue;
        }
        let kw = inst.keyword.as_str();
        let via =
            if raw.contains('$') { format!(" (expands to `{}`)", ex.value) } else { String::new() };
        out.push(
            ctx.finding(&RULE, dest.span, format!("{kw} with {} sources: destination `{raw}`{via} must end with `/` to be a directory", c.sources.len()))
                .with_fix(format!("End the destination with a slash: `{raw}/`.")),
        );
    }
}
