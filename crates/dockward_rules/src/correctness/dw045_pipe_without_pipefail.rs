//! ## What it does
//! Flags a `RUN` with a pipe (`a | b`) whose shell does not have `pipefail` on. `pipefail` is
//! on when the stage's `SHELL` is bash, zsh, ash, ksh or mksh started with `-o pipefail`
//! (`SHELL ["/bin/bash", "-o", "pipefail", "-c"]`, also `-eo pipefail`), or when the `RUN`
//! itself runs `set -o pipefail` (`set -euo pipefail`, …) before the pipe. Pipes inside
//! `$(...)` and in heredoc scripts count, and so do pipes from or into command groups and
//! loops (`{ …; } | tee f`, `cat list | while read -r x; do …; done`). A stage inherits the `SHELL` of the stage it is built
//! `FROM`. Exec-form `RUN ["bash", "-c", "a | b"]` does not use `SHELL`: there only the shell's
//! own options count. PowerShell and `cmd` stages are not checked.
//!
//! ## Why is this bad?
//! The exit status of a pipeline is that of its last command. In
//! `curl -fsSL https://example.com/install.sh | sh` a failed download still "succeeds" (the
//! shell runs an empty script), and `wget -O- URL | tar xz` hides a truncated download: the
//! build goes on with a broken or missing artefact. With `pipefail` any failing command fails
//! the pipeline, and the build stops at the real error.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12-slim
//! RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM debian:12-slim
//! SHELL ["/bin/bash", "-o", "pipefail", "-c"]
//! RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin
//! ```
//!
//! ## References
//! - hadolint DL4006 (set the `SHELL` option `-o pipefail` before `RUN` with a pipe in it);
//!   Trivy DS-0032. As in hadolint, `SHELL ["/bin/sh", "-o", "pipefail", "-c"]` does not
//!   count: `/bin/sh` is dash on Debian and Ubuntu, which rejects the option — use
//!   `/bin/ash` on Alpine or `/bin/bash`.
//! - Differences from hadolint: a `RUN` that starts with `set -o pipefail` is not reported
//!   (Trivy does the same); a stage built `FROM` another stage keeps that stage's `SHELL`
//!   (hadolint starts over at every `FROM`, as if the shell were reset, which Docker does not
//!   do); ksh and mksh count as shells with `pipefail`; exec-form `RUN` is judged by its own
//!   shell arguments, not by `SHELL` (which it does not use), and an exec form that runs no
//!   shell (`RUN ["echo", "a|b"]`) has no pipe.
//! - <https://docs.docker.com/build/building/best-practices/#using-pipes>

use crate::prelude::*;
use crate::support::hadolint_compat::{
    args_enable_pipefail, command_text, excerpt, pipes_into_compound, shell_supports_pipefail,
};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW045",
    name: "pipe-without-pipefail",
    summary: "RUN with a pipe in a shell without pipefail",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL4006", "DS-0032"],
    default_enabled: true,
};

/// Is `pipefail` on for the whole RUN, from how its shell is started?
fn shell_has_pipefail(run: &Run) -> bool {
    match &run.form {
        // Exec form runs its own program; SHELL does not apply.
        CommandForm::Exec(args) => {
            args.first().is_some_and(|a| shell_supports_pipefail(&a.value))
                && args_enable_pipefail(args.iter().skip(1).map(|a| a.value.as_str()))
        }
        CommandForm::Shell(_) => {
            run.shell.first().is_some_and(|s| shell_supports_pipefail(s))
                && args_enable_pipefail(run.shell.iter().skip(1).map(String::as_str))
        }
    }
}

/// Start offset of the first `set -o pipefail` the RUN's own shell runs, if any.
fn set_pipefail_at(script: &ShellScript) -> Option<usize> {
    script
        .commands
        .iter()
        .filter(|c| !c.in_substitution && c.name() == Some("set"))
        .filter(|c| args_enable_pipefail(c.args().iter().map(|w| w.value.as_str())))
        .filter_map(|c| c.span.map(|s| s.start))
        .min()
}

/// Is the stage (or the stage it is built from) based on Alpine or BusyBox?
fn alpine_like(ctx: &DockerfileCtx, stage: usize) -> bool {
    ctx.model.ancestry(stage).iter().filter_map(|&s| ctx.model.stages.get(s)).any(|st| {
        let b = st.base.expanded.to_ascii_lowercase();
        b.contains("alpine") || b.contains("busybox")
    })
}

/// A pipe found in a RUN: where, and the commands on each side when known.
struct Pipe<'a> {
    span: Span,
    left: Option<&'a ShellCommand>,
    right: Option<&'a ShellCommand>,
}

/// Every pipe of the RUN, in source order.
fn pipes<'a>(ctx: &DockerfileCtx, run: &Run, script: &'a ShellScript) -> Vec<Pipe<'a>> {
    let mut v = Vec::new();
    for p in script.pipelines.iter().filter(|p| p.len() > 1) {
        let (Some(first), Some(last)) = (
            p.first().and_then(|&i| script.commands.get(i)),
            p.last().and_then(|&i| script.commands.get(i)),
        ) else {
            continue;
        };
        if let (Some(a), Some(b)) = (first.span, last.span) {
            v.push(Pipe { span: a.cover(b), left: Some(first), right: Some(last) });
        }
    }
    // `{ …; } | cmd`, `( … ) | cmd`: the command after the pipe is alone in its parsed
    // pipeline, at a position past 0.
    for c in &script.commands {
        if c.position > 0
            && script.pipelines.get(c.pipeline).is_some_and(|p| p.len() == 1)
            && let Some(span) = c.span
        {
            v.push(Pipe { span, left: None, right: Some(c) });
        }
    }
    // `cmd | { …; }`, `cmd | while …`: found in the text.
    let inst = ctx.inst(run.inst);
    if let CommandForm::Shell(_) = run.form {
        for at in pipes_into_compound(inst.args_text()) {
            v.push(Pipe { span: inst.args_subspan(at..at + 1), left: None, right: None });
        }
        for h in &inst.heredocs {
            let run_by_shell = script.commands.iter().any(|c| {
                c.span.is_some_and(|s| s.start >= h.body_span.start && s.end <= h.body_span.end)
            });
            if run_by_shell {
                for at in pipes_into_compound(&h.body) {
                    let start = (h.body_span.start + at).min(h.body_span.end);
                    v.push(Pipe { span: Span::new(start, start + 1), left: None, right: None });
                }
            }
        }
    }
    v.sort_by_key(|p| p.span.start);
    v
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for run in ctx.runs() {
        let Some(script) = &run.script else { continue };
        if shell_has_pipefail(run) {
            continue;
        }
        let set_at = set_pipefail_at(script);
        let Some(pipe) =
            pipes(ctx, run, script).into_iter().find(|p| set_at.is_none_or(|at| p.span.start < at))
        else {
            continue;
        };
        let shell = match &run.form {
            CommandForm::Exec(a) => a.first().map(|a| a.value.clone()).unwrap_or_default(),
            CommandForm::Shell(_) => run.shell.first().cloned().unwrap_or_default(),
        };
        let message = match (pipe.left, pipe.right) {
            (Some(first), Some(last)) => {
                let shown = excerpt(ctx, pipe.span, 80);
                let first_name = first.effective().name().unwrap_or("").to_string();
                let last_name = last.effective().name().unwrap_or("").to_string();
                format!(
                    "pipe `{shown}` in a `{shell}` shell without `pipefail`: if `{first_name}` fails, the RUN still succeeds when `{last_name}` does"
                )
            }
            (_, Some(last)) => {
                let shown = command_text(last, 60);
                format!(
                    "pipe `… | {shown}` in a `{shell}` shell without `pipefail`: a failure left of the `|` does not fail the RUN"
                )
            }
            _ => {
                let text = &ctx.df.text;
                let mut end = (pipe.span.start + 60).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                let after = excerpt(ctx, Span::new(pipe.span.start, end), 40);
                format!(
                    "pipe `… {after}` in a `{shell}` shell without `pipefail`: a failure left of the `|` does not fail the RUN"
                )
            }
        };
        let fix = match &run.form {
            CommandForm::Exec(_) => "Start the shell with pipefail: `RUN [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\", \"…\"]`.".to_string(),
            CommandForm::Shell(_) => {
                let suggested = if shell_supports_pipefail(&shell) {
                    format!("SHELL [\"{shell}\", \"-o\", \"pipefail\", \"-c\"]")
                } else if alpine_like(ctx, run.stage) {
                    "SHELL [\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]".to_string()
                } else {
                    "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]".to_string()
                };
                format!("Add `{suggested}` before this RUN, or begin the RUN with `set -o pipefail &&` in a shell that supports it.")
            }
        };
        out.push(ctx.finding(&RULE, pipe.span, message).with_fix(fix));
    }
}
