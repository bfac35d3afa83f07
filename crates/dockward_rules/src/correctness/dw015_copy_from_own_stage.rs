//! ## What it does
//! Reports `COPY --from=<stage>` where `<stage>` is the stage the `COPY` is in, by name
//! (case-insensitively) or by index. Variables are expanded with the ARG values of the file.
//!
//! ## Why is this bad?
//! A stage cannot copy from itself: the build fails with a circular dependency, or the
//! instruction was meant to copy from another stage (a copy-paste error after renaming one).
//!
//! ## Example
//! ```dockerfile
//! FROM golang:1.22 AS build
//! RUN go build -o /out/app .
//!
//! FROM alpine:3.20 AS runtime
//! COPY --from=runtime /out/app /usr/local/bin/app
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM golang:1.22 AS build
//! RUN go build -o /out/app .
//!
//! FROM alpine:3.20 AS runtime
//! COPY --from=build /out/app /usr/local/bin/app
//! ```
//!
//! ## References
//! - hadolint DL3023; Trivy DS-0006; KICS copy_from_references_current_from_alias
//! - <https://docs.docker.com/build/building/multi-stage/>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW015",
    name: "copy-from-own-stage",
    summary: "COPY --from references its own stage",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Medium,
    equivalents: &["DL3023", "DS-0006"],
    default_enabled: true,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for inst in ctx.instructions() {
        if inst.keyword != Keyword::Copy {
            continue;
        }
        let Some(flag) = inst.flag("from") else { continue };
        let Some(raw) = flag.value.as_deref() else { continue };
        let Some(stage) = ctx.stage_of(inst) else { continue };
        let ex = ctx.model.expand_at(inst.index, raw);
        if !ex.is_complete() {
            continue;
        }
        let lower = ex.value.trim().to_ascii_lowercase();
        let by_name = stage.name.as_deref() == Some(lower.as_str());
        let by_index = lower.parse::<usize>().ok() == Some(stage.index);
        if !by_name && !by_index {
            continue;
        }
        let via = if raw.contains('$') { format!(" (`{raw}`)") } else { String::new() };
        let what = if by_name {
            format!("its own stage `{}`", stage.label())
        } else {
            format!("its own stage (index {})", stage.index)
        };
        out.push(
            ctx.finding(
                &RULE,
                flag.value_span.unwrap_or(flag.span),
                format!(
                    "`COPY --from={}`{via} refers to {what}: a stage cannot copy from itself",
                    ex.value.trim()
                ),
            )
            .with_fix("Point `--from` at the earlier stage that produces the files."),
        );
    }
}
