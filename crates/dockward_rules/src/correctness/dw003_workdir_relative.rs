//! ## What it does
//! Checks that every `WORKDIR` is an absolute path: it starts with `/`, or with a drive letter
//! (`C:\app`, `c:/app`) or a backslash in a Windows stage. A value built from variables
//! (`$HOME`, `${APP_DIR}/src`) is expanded with the ARG and ENV values the Dockerfile gives;
//! when a variable has no value in the file (it may come from the base image or
//! `--build-arg`), the path cannot be judged and nothing is reported.
//!
//! ## Why is this bad?
//! A relative `WORKDIR` is resolved against the previous `WORKDIR`, which may be set far above,
//! in another stage, or by the base image. Moving an instruction or changing the base image
//! then silently changes where files are copied and commands run.
//!
//! ## Example
//! ```dockerfile
//! FROM python:3.12-slim
//! WORKDIR app
//! COPY . .
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM python:3.12-slim
//! WORKDIR /app
//! COPY . .
//! ```
//!
//! ## References
//! - BuildKit build check `WorkdirRelativePath` (`docker build --check`)
//! - hadolint DL3000; Trivy DS-0009; Checkov CKV_DOCKER_10; KICS workdir_path_not_absolute
//! - Differences from hadolint: hadolint accepts any value that starts with `$`; dockward
//!   expands it and reports it when the variable is set in the file to a relative path
//!   (`ARG DIR=app` then `WORKDIR $DIR`).
//! - <https://docs.docker.com/reference/dockerfile/#workdir>
//! - <https://docs.docker.com/build/building/best-practices/#workdir>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW003",
    name: "workdir-relative",
    summary: "WORKDIR is a relative path",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Medium,
    equivalents: &["DL3000", "DS-0009", "CKV_DOCKER_10", "WorkdirRelativePath"],
    default_enabled: true,
};

fn drop_quotes(s: &str) -> &str {
    s.trim_matches(|c| c == '"' || c == '\'')
}

/// `C:\x`, `c:/x`, `C:` (drive letter then colon).
fn windows_absolute(s: &str) -> bool {
    let mut c = s.chars();
    matches!((c.next(), c.next()), (Some(l), Some(':')) if l.is_ascii_alphabetic())
}

fn is_absolute(s: &str, windows: bool) -> bool {
    s.starts_with('/') || windows_absolute(s) || (windows && s.starts_with('\\'))
}

fn join(base: &str, rel: &str) -> String {
    let rel = rel.trim_start_matches("./");
    if base.ends_with('/') || base.ends_with('\\') {
        format!("{base}{rel}")
    } else {
        format!("{base}/{rel}")
    }
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for stage in &ctx.model.stages {
        // The WORKDIR in effect, when the file tells it (`/` for `FROM scratch`).
        let mut current: Option<String> =
            matches!(stage.base.kind, BaseKind::Scratch).then(|| "/".to_string());
        for inst in ctx.stage_instructions(stage) {
            if inst.keyword != Keyword::Workdir {
                continue;
            }
            let raw = inst.args_text().trim();
            if raw.is_empty() {
                continue;
            }
            let literal = drop_quotes(raw);
            if is_absolute(literal, stage.windows) {
                let ex = ctx.model.expand_at(inst.index, raw);
                current = ex.is_complete().then(|| ex.value.trim().to_string());
                continue;
            }
            let ex = ctx.model.expand_at(inst.index, raw);
            if !ex.is_complete() {
                current = None;
                continue;
            }
            let value = ex.value.trim().to_string();
            if is_absolute(&value, stage.windows) {
                current = Some(value);
                continue;
            }
            let msg = if raw.contains('$') {
                format!(
                    "WORKDIR `{raw}` expands to `{value}`, a relative path: it is resolved against the previous WORKDIR"
                )
            } else {
                format!(
                    "WORKDIR `{raw}` is a relative path: it is resolved against the previous WORKDIR"
                )
            };
            let fix = match &current {
                Some(base) => {
                    let abs = join(base, &value);
                    format!(
                        "Write the absolute path: `WORKDIR {abs}` (what `{raw}` resolves to here)."
                    )
                }
                None => format!(
                    "Write an absolute path, e.g. `WORKDIR {}` (the base image's WORKDIR is not known from this file).",
                    join("/", &value)
                ),
            };
            current = current.map(|b| join(&b, &value));
            out.push(ctx.finding(&RULE, inst.args_span(), msg).with_fix(fix));
        }
    }
}
