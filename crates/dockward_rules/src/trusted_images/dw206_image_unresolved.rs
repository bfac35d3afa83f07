//! ## What it does
//! Reports image references that depend on a build ARG with no value: no default in the
//! Dockerfile and no `--build-arg` in the configuration (`[build-args]` in dockward.toml).
//! Every image reference counts: `FROM`, `COPY --from=<image>` and `RUN --mount=from=<image>`.
//! Such a reference cannot be checked by the other image rules (tag, `latest`, digest, registry,
//! end of life), so dockward says so instead of guessing.
//!
//! ## Why is this bad?
//! The image that is built depends on whoever runs the build: a CI variable, a script, a
//! developer's shell. Without the argument BuildKit substitutes an empty string and the build
//! fails (`FROM ${BASE}`) or pulls something unintended (`FROM ${REGISTRY}/app` pulls `/app`
//! from Docker Hub's view of the name). Reviewers, and dockward, cannot see which image it is.
//!
//! ## Example
//! ```dockerfile
//! ARG BASE_IMAGE
//! FROM ${BASE_IMAGE}
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! ARG BASE_IMAGE=python:3.12-slim-bookworm
//! FROM ${BASE_IMAGE}
//! ```
//! or give the value to dockward: `[build-args]` `BASE_IMAGE = "python:3.12-slim-bookworm"`.
//!
//! ## References
//! - No equivalent in hadolint, Trivy or Checkov. hadolint reads `FROM ${BASE_IMAGE}` literally
//!   and reports it as untagged (DL3006); dockward reports it here, as unresolved.
//! - <https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact>

use crate::prelude::*;
use crate::support::image_refs::{PLATFORM_ARGS, classify, image_span, platform_arg_set, quote};
use crate::support::images::{ImageUse, RefState, image_uses};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW206",
    name: "image-unresolved",
    summary: "Image reference depends on a build ARG without a value",
    practice: Practice::TrustedImages,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Info,
    equivalents: &[],
    default_enabled: true,
};

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Is `name` declared where `u` is expanded (global ARGs for FROM, the stage scope otherwise)?
fn declared(ctx: &DockerfileCtx, u: &ImageUse, name: &str) -> bool {
    if u.via == "FROM" {
        ctx.model.global_args.iter().any(|(_, d)| d.name == name)
    } else {
        ctx.model.is_declared_at(u.inst, name)
    }
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for u in image_uses(ctx) {
        let Some(state) = classify(ctx, &u) else { continue };
        let RefState::Unresolved(items) = &state else { continue };
        let mut names: Vec<&str> = Vec::new();
        let mut errors: Vec<&str> = Vec::new();
        for i in items {
            if is_name(i) {
                if !names.contains(&i.as_str()) {
                    names.push(i);
                }
            } else if !errors.contains(&i.as_str()) {
                errors.push(i);
            }
        }
        let mut why: Vec<String> = Vec::new();
        let (platform, names): (Vec<&str>, Vec<&str>) =
            names.iter().partition(|n| platform_arg_set(ctx, &u, n));
        if !platform.is_empty() {
            let list = platform.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
            let s = if platform.len() == 1 { "ARG" } else { "ARGs" };
            why.push(format!(
                "it depends on the platform {s} {list}, which BuildKit sets per target platform"
            ));
        }
        let (declared_names, undeclared): (Vec<&str>, Vec<&str>) =
            names.iter().partition(|n| declared(ctx, &u, n));
        if !declared_names.is_empty() {
            let list = declared_names
                .iter()
                .map(|n| format!("`{}`", quote(n)))
                .collect::<Vec<_>>()
                .join(", ");
            let (s, has) =
                if declared_names.len() == 1 { ("ARG", "has") } else { ("ARGs", "have") };
            why.push(format!("{s} {list} {has} no default and no --build-arg value"));
        }
        if !undeclared.is_empty() {
            let list =
                undeclared.iter().map(|n| format!("`{}`", quote(n))).collect::<Vec<_>>().join(", ");
            let scope =
                if u.via == "FROM" { "as an ARG before the first FROM" } else { "in this stage" };
            let (is, subst) = if undeclared.len() == 1 { ("is", "it") } else { ("are", "they") };
            why.push(format!("{list} {is} not declared {scope}, so BuildKit substitutes an empty string for {subst}"));
        }
        for e in &errors {
            why.push(format!("expansion fails: {}", quote(e)));
        }
        if why.is_empty() {
            continue;
        }
        let scope_hint = if u.via == "FROM" { "before the first FROM" } else { "in the stage" };
        // `${V:?message}` errors name their variable first.
        let mut arg_names: Vec<&str> = names.clone();
        for e in &errors {
            if let Some((n, _)) = e.split_once(':')
                && is_name(n)
                && !arg_names.contains(&n)
                && !PLATFORM_ARGS.contains(&n)
            {
                arg_names.push(n);
            }
        }
        let fix = if !arg_names.is_empty() {
            let defaults = arg_names
                .iter()
                .map(|n| format!("`ARG {}=<value>`", quote(n)))
                .collect::<Vec<_>>()
                .join(", ");
            // `--build-arg` (and dockward's `[build-args]`) only reach declared ARGs.
            let settable: Vec<&&str> = arg_names.iter().filter(|n| declared(ctx, &u, n)).collect();
            if settable.is_empty() {
                format!("Declare the ARG with a default {scope_hint} ({defaults}).")
            } else {
                let build_args = settable
                    .iter()
                    .map(|n| format!("`{} = \"...\"`", quote(n)))
                    .collect::<Vec<_>>()
                    .join(", ");
                format!(
                    "Declare the ARG with a default {scope_hint} ({defaults}), or tell dockward the value used in your builds: {build_args} under `[build-args]` in dockward.toml."
                )
            }
        } else if !platform.is_empty() {
            "If the image differs per platform on purpose, check each variant's reference by hand (or suppress this finding with a reason); dockward cannot know which images the platforms resolve to.".to_string()
        } else {
            "Fix the variable expression so that it expands to an image reference.".to_string()
        };
        out.push(
            ctx.finding(
                &RULE,
                image_span(ctx, &u),
                format!(
                    "{} image `{}` cannot be resolved: {}; the image cannot be checked",
                    u.via,
                    quote(&u.raw),
                    why.join("; ")
                ),
            )
            .with_fix(fix),
        );
    }
}
