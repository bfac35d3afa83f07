//! ## What it does
//! Flags a stage whose `RUN` instructions use both `wget` and `curl`. Every `RUN` that uses one
//! of them, once the stage has used both, is reported (as hadolint does); commands inside
//! `$(...)` and behind `sudo`/`env` count, and so do `ONBUILD RUN` triggers (counted apart).
//! Installing a package named `curl` or `wget` is not a use.
//!
//! ## Why is this bad?
//! The two tools do the same job. Needing both means both end up in the image (two sets of
//! TLS and protocol code to patch and scan), and the download steps behave differently
//! (redirects, retries, error exit codes) for no reason.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12-slim
//! RUN wget -q https://example.com/tool.tar.gz
//! RUN curl -fsSL https://example.com/key.asc -o /etc/apt/keyrings/example.asc
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM debian:12-slim
//! RUN curl -fsSLO https://example.com/tool.tar.gz
//! RUN curl -fsSL https://example.com/key.asc -o /etc/apt/keyrings/example.asc
//! ```
//!
//! ## References
//! - hadolint DL4001 (either use wget or curl, but not both), per stage; Trivy DS-0014;
//!   KICS run_using_wget_and_curl
//! - Differences from hadolint: `/usr/bin/curl` and wrapped commands (`sudo wget …`) count.

use crate::prelude::*;
use crate::support::hadolint_compat::{line_of, name_span, stage_desc};
use dockward_dockerfile::shell;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW041",
    name: "wget-and-curl",
    summary: "Both wget and curl are used in one stage",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL4001", "DS-0014"],
    default_enabled: true,
};

const TOOLS: [&str; 2] = ["curl", "wget"];

/// (tool index, span of the command name) of every curl/wget command, in order.
fn uses(script: &ShellScript) -> Vec<(usize, Span)> {
    script
        .effective_commands()
        .filter_map(|c| {
            let t = TOOLS.iter().position(|t| c.name() == Some(t))?;
            Some((t, name_span(&c)?))
        })
        .collect()
}

/// Scripts of `ONBUILD RUN` triggers of a stage.
fn onbuild_scripts(ctx: &DockerfileCtx, stage: &Stage) -> Vec<ShellScript> {
    let mut v = Vec::new();
    for inst in ctx.stage_instructions(stage) {
        let Some(sub) = inst.onbuild.as_deref() else { continue };
        if sub.keyword != Keyword::Run || stage.windows {
            continue;
        }
        match instruction::command_form(sub) {
            CommandForm::Shell(a) => v.push(shell::analyze(&a.value, &|r| sub.args_subspan(r))),
            CommandForm::Exec(args) => {
                if let Some(first) = args.first() {
                    let words = vec![ShellWord {
                        value: first.value.clone(),
                        raw: first.value.clone(),
                        span: Some(first.span),
                    }];
                    v.push(ShellScript {
                        commands: vec![ShellCommand {
                            words,
                            assignments: vec![],
                            redirects: vec![],
                            pipeline: 0,
                            position: 0,
                            in_substitution: false,
                            span: Some(first.span),
                        }],
                        pipelines: vec![vec![0]],
                        parse_error: None,
                    });
                }
            }
        }
    }
    v
}

fn report(
    ctx: &DockerfileCtx,
    stage: &Stage,
    scripts: &[&ShellScript],
    trigger: bool,
    out: &mut Vec<Finding>,
) {
    let mut first_line: [Option<u32>; 2] = [None, None];
    for script in scripts {
        let here = uses(script);
        let Some(&(tool, span)) = here.first() else { continue };
        for &(t, s) in &here {
            first_line[t].get_or_insert(line_of(ctx, s.start));
        }
        let (Some(_), Some(_)) = (first_line[0], first_line[1]) else { continue };
        let other = 1 - tool;
        let where_ = if trigger {
            format!("the ONBUILD triggers of {}", stage_desc(stage))
        } else {
            stage_desc(stage)
        };
        let message = if here.iter().any(|&(t, _)| t == other) {
            format!(
                "`{}` and `{}` both used in this RUN ({where_}): one download tool is enough",
                TOOLS[tool], TOOLS[other]
            )
        } else {
            let other_line = first_line[other].unwrap_or_default();
            format!(
                "`{}` used in {where_}, which also uses `{}` (line {other_line}): one download tool is enough",
                TOOLS[tool], TOOLS[other]
            )
        };
        out.push(
            ctx.finding(&RULE, span, message)
                .with_fix("Use one tool throughout the stage and install only that one: `wget -qO- URL` is `curl -fsSL URL`, `wget -O FILE URL` is `curl -fsSLo FILE URL`."),
        );
    }
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for stage in &ctx.model.stages {
        let scripts: Vec<&ShellScript> = ctx
            .runs()
            .iter()
            .filter(|r| r.stage == stage.index)
            .filter_map(|r| r.script.as_ref())
            .collect();
        report(ctx, stage, &scripts, false, out);
        let triggers = onbuild_scripts(ctx, stage);
        report(ctx, stage, &triggers.iter().collect::<Vec<_>>(), true, out);
    }
}
