//! ## What it does
//! Reports a `WORKDIR` under `/proc`, `/sys`, `/dev` or `/boot`. Variables are expanded
//! (`WORKDIR $APP_HOME` with `ENV APP_HOME=/sys/app`), and relative paths are resolved against
//! the previous `WORKDIR` of the stage (or of the stage it is built from). A path that stays
//! unknown (an ARG without a value before the top-level directory) is not reported. Windows
//! stages are not checked.
//!
//! ## Why is this bad?
//! At run time the container runtime mounts kernel filesystems over `/proc`, `/sys` and `/dev`
//! (and `/boot` is the host's boot partition on hosts that bind it in): whatever the image put
//! there is hidden, files the application writes land in kernel interfaces or device nodes,
//! and a container that is later given host mounts or privileges writes into the host's
//! kernel and boot files. Working from there is at best a bug and at worst a path to the host.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.20
//! WORKDIR /dev/app
//! COPY . .
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM alpine:3.20
//! WORKDIR /app
//! COPY . .
//! ```
//!
//! ## References
//! - Trivy DS-0030 (WORKDIR should not be mounted on system directories)
//! - No hadolint equivalent.
//! - <https://docs.docker.com/reference/dockerfile/#workdir>

use crate::prelude::*;
use crate::support::image_refs::quote;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW806",
    name: "system-workdir",
    summary: "WORKDIR is inside a system directory",
    practice: Practice::ReadOnly,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Medium,
    equivalents: &["DS-0030"],
    default_enabled: true,
};

const SYSTEM_DIRS: &[&str] = &["proc", "sys", "dev", "boot"];

/// `/a/./b/../c//d` → `/a/c/d`. `..` above the root stays at the root, as in the kernel.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for c in path.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            c => parts.push(c),
        }
    }
    format!("/{}", parts.join("/"))
}

/// The absolute, normalised path a WORKDIR sets, when known: `current` is the working
/// directory before it (`None` when unknown: an unseen base image's WORKDIR).
fn resolve(ctx: &DockerfileCtx, w: &Instruction, current: Option<&str>) -> Option<String> {
    let ex = ctx.model.expand_at(w.index, w.args_text());
    if !ex.is_complete() {
        return None;
    }
    let value = ex.value.trim();
    if value.starts_with('/') {
        Some(normalize(value))
    } else {
        Some(normalize(&format!("{}/{value}", current?)))
    }
}

/// The system directory `path` is in (`/proc/x` → `proc`).
fn system_dir(path: &str) -> Option<&'static str> {
    let first = path.trim_start_matches('/').split('/').next()?;
    SYSTEM_DIRS.iter().copied().find(|d| *d == first)
}

/// For a WORKDIR with an unresolved variable: the top-level directory when the literal text
/// before the first `$` already fixes it (`/proc/${X}`).
fn literal_prefix_dir(raw: &str) -> Option<&'static str> {
    let prefix = raw.trim().trim_matches('"');
    let (lit, _) = prefix.split_once('$')?;
    let norm_input = lit.strip_prefix('/')?;
    let (first, _) = norm_input.split_once('/')?;
    SYSTEM_DIRS.iter().copied().find(|d| *d == first)
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    // One forward pass: the working directory at the end of each stage, for the stages built
    // `FROM` it. `scratch` starts at `/`; an image from a registry at its unknown WORKDIR.
    let mut at_end: Vec<Option<String>> = Vec::with_capacity(ctx.model.stages.len());
    for stage in &ctx.model.stages {
        let mut current: Option<String> = match stage.base.kind {
            BaseKind::Scratch => Some("/".to_string()),
            BaseKind::Stage(p) => at_end.get(p).cloned().flatten(),
            _ => None,
        };
        for inst in ctx.stage_instructions(stage) {
            if inst.keyword != Keyword::Workdir || inst.args_text().trim().is_empty() {
                continue;
            }
            let resolved = resolve(ctx, inst, current.as_deref());
            if !stage.windows {
                check_workdir(ctx, inst, resolved.as_deref(), out);
            }
            current = resolved;
        }
        at_end.push(current);
    }
}

fn check_workdir(
    ctx: &DockerfileCtx,
    inst: &Instruction,
    resolved: Option<&str>,
    out: &mut Vec<Finding>,
) {
    let raw = inst.args_text().trim();
    let (path, dir) = match resolved {
        Some(p) => match system_dir(p) {
            Some(d) => (p.to_string(), d),
            None => return,
        },
        None => match literal_prefix_dir(raw) {
            Some(d) => (raw.to_string(), d),
            None => return,
        },
    };
    let shown = if path != raw {
        format!("`{}` (= `{}`)", quote(raw), quote(&path))
    } else {
        format!("`{}`", quote(raw))
    };
    let what = match dir {
        "boot" => "the boot directory, which holds kernel and boot loader files",
        "dev" => {
            "the device directory, which the runtime replaces with its own device nodes at run time"
        }
        _ => "a kernel filesystem that the runtime mounts over at run time",
    };
    out.push(
        ctx.finding(&RULE, inst.args_span(), format!("WORKDIR {shown} is under `/{dir}`, {what}"))
            .with_fix(
                "Use an application directory such as `/app`, `/srv/<name>` or `/opt/<name>`."
                    .to_string(),
            ),
    );
}
