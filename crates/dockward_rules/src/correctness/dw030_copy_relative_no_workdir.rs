//! ## What it does
//! Reports a `COPY` whose destination is relative (`COPY app.py .`, `COPY src/ src/`) in a stage
//! where no `WORKDIR` has been set yet — neither earlier in the stage nor in a stage it is built
//! `FROM`. Absolute destinations (`/app`, and on Windows `C:\app`, `C:/app`, `\app`) are fine;
//! destinations built from variables are judged after ARG/ENV substitution, and skipped when a
//! variable has no value.
//!
//! ## Why is this bad?
//! A relative destination is resolved against the working directory inherited from the base
//! image — `/` for most images, something else for others, and it can change when the base image
//! does. Files end up in a place the Dockerfile does not show. Setting `WORKDIR` (or using an
//! absolute path) makes the layout explicit.
//!
//! ## Example
//! ```dockerfile
//! FROM python:3.12-slim
//! COPY requirements.txt .
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM python:3.12-slim
//! WORKDIR /app
//! COPY requirements.txt .
//! ```
//!
//! ## References
//! - hadolint DL3045
//! - Differences from hadolint: a destination such as `$DIR/x` is expanded and reported when
//!   it is relative (hadolint skips every destination that starts with `$`).
//! - <https://docs.docker.com/reference/dockerfile/#copy>

use crate::prelude::*;
use dockward_dockerfile::instruction::copy_args;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW030",
    name: "copy-relative-no-workdir",
    summary: "`COPY` to a relative destination without `WORKDIR`",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL3045"],
    default_enabled: true,
};

/// `/x`, `C:\x`, `C:/x`; on Windows also `\x` and `C:x` (the model unescapes ENV values
/// twice, turning `ENV JAVA_HOME C:\\openjdk` into `C:openjdk`, so a bare drive prefix is taken
/// as absolute there).
fn is_absolute(d: &str, windows: bool) -> bool {
    let b = d.as_bytes();
    let drive = b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':';
    let rooted_drive = drive && matches!(b.get(2), Some(b'\\' | b'/'));
    d.starts_with('/') || rooted_drive || (windows && (d.starts_with('\\') || drive))
}

fn workdir_before(ctx: &DockerfileCtx, inst: &Instruction) -> bool {
    let Some(stage) = ctx.model.stage_of(inst.index) else { return true };
    ctx.model.ancestry(stage).into_iter().filter_map(|s| ctx.model.stages.get(s)).any(|st| {
        ctx.stage_instructions(st)
            .iter()
            .any(|i| i.keyword == Keyword::Workdir && i.index < inst.index)
    })
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for inst in ctx.instructions() {
        if inst.keyword != Keyword::Copy {
            continue;
        }
        let Some(stage) = ctx.stage_of(inst) else { continue };
        let Some(dest) = copy_args(inst, ctx.escape()).dest else { continue };
        let d = dest.value.trim_matches(|c| c == '"' || c == '\'');
        if d.is_empty() || is_absolute(d, stage.windows) {
            continue;
        }
        let mut shown = format!("`{d}`");
        if d.contains('$') {
            let ex = ctx.model.expand_at(inst.index, d);
            if !ex.is_complete() || is_absolute(&ex.value, stage.windows) {
                continue;
            }
            shown = format!("`{d}` (= `{}`)", ex.value);
        }
        if workdir_before(ctx, inst) {
            continue;
        }
        let rest = if d == "." || d == "./" { "" } else { d.strip_prefix("./").unwrap_or(d) };
        out.push(
            ctx.finding(
                &RULE,
                dest.span,
                format!(
                    "`COPY` to relative destination {shown} while {} sets no WORKDIR: it lands relative to whatever working directory the base image has",
                    match &stage.name {
                        Some(n) => format!("stage `{n}`"),
                        None => format!("stage {}", stage.index),
                    }
                ),
            )
            .with_fix(format!("Add `WORKDIR /app` (or the directory you mean) before this COPY, or give an absolute destination such as `/app/{rest}`.")),
        );
    }
}
