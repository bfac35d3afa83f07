//! ## What it does
//! Checks that `COPY --from=<name>` names a stage defined earlier in the file (stage names
//! compare case-insensitively, as BuildKit does), or is a stage index lower than the current
//! stage's. A value that is clearly an image reference (it contains `:`, `/` or `@`, as in
//! `--from=nginx:1.27` or `--from=gcr.io/distroless/static`) is accepted. Variables are
//! expanded with the ARG values of the file; an unresolved one is skipped. References to the
//! current stage itself are left to DW015.
//!
//! ## Why is this bad?
//! A `--from` value that is not an earlier stage is taken as an image name: a typo in a stage
//! name (`--from=biulder`) or a reference to a stage defined further down makes Docker pull
//! `docker.io/library/<name>:latest`, which fails or, worse, silently copies files from an
//! unrelated public image. A stage index beyond the current stage does not exist yet.
//!
//! ## Example
//! ```dockerfile
//! FROM golang:1.22 AS builder
//! RUN go build -o /out/app .
//!
//! FROM gcr.io/distroless/static
//! COPY --from=build /out/app /app
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM golang:1.22 AS builder
//! RUN go build -o /out/app .
//!
//! FROM gcr.io/distroless/static
//! COPY --from=builder /out/app /app
//! ```
//!
//! ## References
//! - hadolint DL3022; Trivy DS-0018
//! - Differences from hadolint: hadolint accepts only values with `:` as images; dockward also
//!   accepts references with a registry or namespace (`/`) or a digest (`@`), such as
//!   `--from=docker/buildx-bin`, which Docker's documentation uses. Variables are expanded
//!   rather than reported.
//! - <https://docs.docker.com/build/building/multi-stage/#name-your-build-stages>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW014",
    name: "copy-from-unknown-stage",
    summary: "COPY --from does not name an earlier stage",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL3022", "DS-0018"],
    default_enabled: true,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for inst in ctx.instructions() {
        if inst.keyword != Keyword::Copy {
            continue;
        }
        let Some(flag) = inst.flag("from") else { continue };
        let Some(raw) = flag.value.as_deref() else { continue };
        let Some(current) = ctx.model.stage_of(inst.index) else { continue };
        let ex = ctx.model.expand_at(inst.index, raw);
        if !ex.is_complete() {
            continue;
        }
        let value = ex.value.trim();
        if value.is_empty() {
            continue;
        }
        let lower = value.to_ascii_lowercase();
        let span = flag.value_span.unwrap_or(flag.span);
        let via = if raw.contains('$') { format!(" (`{raw}`)") } else { String::new() };
        if let Ok(n) = lower.parse::<usize>() {
            if n <= current {
                continue; // an earlier stage, or the current one (DW015)
            }
            let before = match current {
                0 => "no stage comes before it".to_string(),
                1 => "only stage 0 comes before it".to_string(),
                c => format!("only stages 0-{} come before it", c - 1),
            };
            let msg = format!(
                "`COPY --from={value}`{via} refers to stage {n}, but this COPY is in stage {current}: {before}"
            );
            out.push(ctx.finding(&RULE, span, msg).with_fix("Refer to an earlier stage by its name (`FROM ... AS <name>`), or move the stage you copy from above this one."));
            continue;
        }
        if ctx.model.stage_by_ref(&lower, current).is_some() || lower == "scratch" {
            continue;
        }
        let own =
            ctx.model.stages.get(current).and_then(|s| s.name.as_deref()) == Some(lower.as_str());
        if own {
            continue; // DW015
        }
        if value.contains([':', '/', '@']) {
            continue; // an image reference
        }
        if ctx.model.stages.iter().any(|s| s.name.as_deref().is_some_and(|n| n.contains('$'))) {
            continue; // stage names built from variables: cannot tell
        }
        if let Some(later) = ctx
            .model
            .stages
            .iter()
            .skip(current + 1)
            .find(|s| s.name.as_deref() == Some(lower.as_str()))
        {
            let line = ctx.df.position(ctx.inst(later.from).span.start).line;
            out.push(
                ctx.finding(&RULE, span, format!("`COPY --from={value}`{via} names stage `{}`, which is defined later (line {line}): a stage can copy only from stages above it", later.label()))
                    .with_fix(format!("Move the stage `{}` above this one.", later.label())),
            );
            continue;
        }
        let known: Vec<String> = ctx
            .model
            .stages
            .iter()
            .take(current)
            .filter_map(|s| s.name.clone())
            .map(|n| format!("`{n}`"))
            .collect();
        let hint = if known.is_empty() {
            String::new()
        } else {
            format!(" (earlier stages: {})", known.join(", "))
        };
        out.push(
            ctx.finding(&RULE, span, format!("`COPY --from={value}`{via} does not name an earlier stage{hint}: Docker will pull the image `{value}:latest` instead"))
                .with_fix("Use the name of an earlier stage (`FROM ... AS <name>`); to copy from an image, give it a tag or digest (`--from=image:tag`)."),
        );
    }
}
