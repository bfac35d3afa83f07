//! ## What it does
//! Flags a `RUN` that directly follows another `RUN` of the same stage (comments between them
//! do not count) when each of the two runs a single command and both carry the same flags
//! (`--mount`, `--network`, `--security`). Like hadolint, a `RUN` that already chains commands
//! is left alone: splitting work over several such `RUN`s is usually deliberate (cache
//! boundaries, readability), and `RUN`s with different mounts cannot simply be merged.
//!
//! ## Why is this bad?
//! Every `RUN` adds a layer and a cache step. Files created in one layer and deleted in the
//! next still ship in the image, and an `apt-get update` cached in its own layer goes stale.
//! Short consecutive commands belong in one `RUN`.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12-slim
//! RUN apt-get update
//! RUN apt-get install -y --no-install-recommends curl
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM debian:12-slim
//! RUN apt-get update \
//!  && apt-get install -y --no-install-recommends curl \
//!  && rm -rf /var/lib/apt/lists/*
//! ```
//!
//! ## References
//! - hadolint DL3059 (multiple consecutive `RUN` instructions). Commands are counted the way
//!   hadolint counts them: every simple command, those inside `$(...)` included, but not `[`
//!   tests; a script the shell parser rejects counts as none. (hadolint's source compares its
//!   count with 2, but its count holds every command twice, so the real limit is one command.)
//! - <https://docs.docker.com/build/building/best-practices/#minimize-the-number-of-layers>

use crate::prelude::*;
use crate::support::hadolint_compat::line_of;
use dockward_dockerfile::shell;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW034",
    name: "consecutive-run",
    summary: "Consecutive short RUN instructions could be one layer",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Info,
    equivalents: &["DL3059"],
    default_enabled: true,
};

/// hadolint's threshold: a RUN with more than this many commands is never merged.
const MAX_COMMANDS: usize = 1;

/// Number of simple commands the RUN runs, as hadolint counts them.
fn command_count(ctx: &DockerfileCtx, inst: &Instruction) -> usize {
    let count = |script: &ShellScript| {
        // (The model records a parse error for every heredoc RUN: its first line, `<<EOF`, is
        // parsed without the body. The body itself is parsed fine, so that error is ignored.)
        if script.parse_error.is_some() && inst.heredocs.is_empty() {
            return 0;
        }
        script.commands.iter().filter(|c| !matches!(c.name(), Some("[") | Some("[["))).count()
    };
    if let Some(script) = ctx.model.run(inst.index).and_then(|r| r.script.as_ref()) {
        return count(script);
    }
    // Non-POSIX shell (PowerShell, cmd): count the way hadolint does, by parsing the text.
    count(&shell::analyze(inst.args_text(), &|r| inst.args_subspan(r)))
}

/// The flags as a comparable set: `(name, value)` lower-cased names, sorted.
fn flag_set(inst: &Instruction) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = inst
        .flags
        .iter()
        .map(|f| (f.name.to_ascii_lowercase(), f.value.clone().unwrap_or_default()))
        .collect();
    v.sort();
    v
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for pair in ctx.instructions().windows(2) {
        let (prev, cur) = (&pair[0], &pair[1]);
        if prev.keyword != Keyword::Run || cur.keyword != Keyword::Run {
            continue;
        }
        if ctx.model.stage_of(prev.index).is_none()
            || ctx.model.stage_of(prev.index) != ctx.model.stage_of(cur.index)
        {
            continue;
        }
        if flag_set(prev) != flag_set(cur) {
            continue;
        }
        let (np, nc) = (command_count(ctx, prev), command_count(ctx, cur));
        if np > MAX_COMMANDS || nc > MAX_COMMANDS {
            continue;
        }
        let prev_line = line_of(ctx, prev.keyword_span.start);
        out.push(
            ctx.finding(&RULE, cur.head_span(), format!("`RUN` directly after the `RUN` at line {prev_line}: two single-command steps in separate layers"))
                .with_fix(format!("Merge this RUN into the one at line {prev_line}, joining the commands with `&&` (one layer, one cache step).")),
        );
    }
}
