//! ## What it does
//! Checks that the image built by the Dockerfile does not run as root: the final stage (the one
//! `docker build` produces) must end with a `USER` that is neither `root`, `0`, nor `0:0`.
//! Multi-stage aware: a `USER` in a builder stage does not count, but a stage built `FROM`
//! an earlier stage inherits that stage's user.
//!
//! ## Why is this bad?
//! A process running as root inside a container is root on the host's kernel: any container
//! escape (kernel bug, runtime bug, misconfigured mount or capability) becomes a host root
//! compromise. Running as an unprivileged user is the cheapest and most effective hardening.
//!
//! For Compose services (and live containers): `user:` set to root, or no `user:` while the
//! image runs as root. When the service builds from a local Dockerfile, that Dockerfile's
//! final USER decides, and the finding names both places. An empty `user:` (an unset
//! `${APP_USER}`) leaves the image's USER in force; an empty *user part* (`":"`, the result of
//! `"${UID}:${GID}"` when `UID` is unset) makes Docker run the process as uid 0, and is
//! reported. `ContainerAdministrator` (Windows containers) is reported like root. A live
//! container whose `Config.User` is empty runs as root (the daemon has already merged the
//! image's USER into it).
//!
//! For local images (`dockward host`): the image's `Config.User` is empty, `root`, `0` or
//! `0:0` (any user part that is root).
//!
//! ## Example
//! ```dockerfile
//! FROM node:20-slim
//! COPY . /app
//! CMD ["node", "/app/server.js"]
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM node:20-slim
//! COPY --chown=node:node . /app
//! USER node
//! CMD ["node", "/app/server.js"]
//! ```
//!
//! ## References
//! - hadolint DL3002 (last USER should not be root); Trivy DS-0002; Checkov CKV_DOCKER_3/8;
//!   KICS last_user_is_root, missing_user_instruction; compose-lint CL-0018
//! - CIS Docker Benchmark 4.1; dockle CIS-DI-0001
//! - <https://docs.docker.com/build/building/best-practices/#user>

use crate::prelude::*;
use dockward_spec::container::{Provenance, VariableSource};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW501",
    name: "root-user",
    summary: "Container runs as root",
    practice: Practice::LeastPrivilege,
    surfaces: &[Surface::Dockerfile, Surface::Compose, Surface::Image, Surface::Container],
    severity: Severity::High,
    equivalents: &[
        "DL3002",
        "DS-0002",
        "CKV_DOCKER_3",
        "CKV_DOCKER_8",
        "CL-0018",
        "CIS-4.1",
        "CIS-DI-0001",
    ],
    default_enabled: true,
};

/// Is this USER value root? (`root`, `0`, `root:root`, `0:0`, `root:1000` …: the user part.)
pub fn is_root_user(user: &str) -> bool {
    let u = user.split(':').next().unwrap_or("").trim();
    u == "root" || u == "0"
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    let Some(last) = ctx.model.final_stage() else { return };
    if last.windows {
        // Windows containers use ContainerUser/ContainerAdministrator; not this rule's model.
        return;
    }
    // Walk the final stage and its FROM-stage ancestors, newest first, for the last USER.
    for sidx in ctx.model.ancestry(last.index) {
        let stage = &ctx.model.stages[sidx];
        let last_user =
            ctx.stage_instructions(stage).iter().rev().find(|i| i.keyword == Keyword::User);
        if let Some(user) = last_user {
            let value = ctx.model.expand_at(user.index, user.args_text());
            let shown = user.args_text().trim();
            if is_root_user(&value.value) {
                let via = if sidx == last.index {
                    String::new()
                } else {
                    format!(" (inherited from stage `{}`)", stage.label())
                };
                out.push(
                    ctx.finding(&RULE, user.head_span(), format!("last USER of the final stage is `{shown}`{via}: the container runs as root"))
                        .with_target(last.label())
                        .with_fix("Switch to an unprivileged user after the steps that need root, e.g. `USER 10001:10001` or a named user created with `useradd`."),
                );
            }
            return;
        }
        if matches!(stage.base.kind, BaseKind::Scratch) {
            // FROM scratch with no USER: the runtime default is root too.
            break;
        }
    }
    let from = ctx.inst(last.from);
    out.push(
        ctx.finding(&RULE, from.head_span(), format!("final stage `{}` (FROM {}) sets no USER: the container runs as root unless the base image sets a user", last.label(), last.base.raw))
            .with_fix("Add `USER <non-root user>` to the final stage, after the steps that need root."),
    );
}

/// Compose services and containers.
///
/// `user:` decides when it is set. An empty value (`user: ""`, or `${APP_USER}` with the
/// variable unset) is no `user:` at all: Docker keeps the image's USER. A value whose user
/// part is empty (`user: ":"`, `":1000"`, typically `"${UID}:${GID}"` with `UID` unset, as it
/// is when it is only bash's non-exported shell variable) is not: Docker resolves the empty
/// user to uid 0, overriding the image's USER. `ContainerAdministrator` is the administrator
/// account of Windows containers.
pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    if let Some(u) = ctx.spec.user.as_ref().filter(|u| !u.value.trim().is_empty()) {
        let value = u.value.trim();
        let user_part = value.split(':').next().unwrap_or("").trim();
        if user_part.is_empty() {
            let unset: Vec<String> = u
                .via
                .iter()
                .filter_map(|p| match p {
                    Provenance::Interpolated { variable, source: VariableSource::Unset } => {
                        Some(format!("`{variable}`"))
                    }
                    _ => None,
                })
                .collect();
            let fix = if unset.is_empty() {
                "Give the user part a value, e.g. `user: \"10001:10001\"`.".to_string()
            } else {
                format!(
                    "Set {} where Compose runs (bash's `UID` is a shell variable it does not export), or write a default such as `${{UID:-10001}}:${{GID:-10001}}`.",
                    unset.join(", ")
                )
            };
            out.push(
                ctx.finding_at(&RULE, u, format!("{} sets `user: \"{value}\"` with an empty user part: Docker runs the process as uid 0 (root), overriding the image's USER", ctx.what()))
                    .with_fix(fix),
            );
        } else if is_root_user(value) {
            out.push(
                ctx.finding_at(&RULE, u, format!("{} sets `user: {value}`: the container runs as root", ctx.what()))
                    .with_fix("Set `user:` to an unprivileged UID:GID (e.g. \"10001:10001\") that owns what the process writes."),
            );
        } else if user_part.eq_ignore_ascii_case("ContainerAdministrator") {
            out.push(
                ctx.finding_at(&RULE, u, format!("{} sets `user: {value}`: the Windows container runs as its administrator account", ctx.what()))
                    .with_fix("Use `user: ContainerUser` unless the process needs administrator rights."),
            );
        }
        return;
    }
    // A live container's `Config.User` already holds the image's USER (the daemon merges the
    // image config into the container's): empty means uid 0.
    if ctx.surface == Surface::Container {
        out.push(
            ctx.finding_service(&RULE, format!("{} runs as root: `Config.User` is empty, so neither `--user` nor its image's USER names another user", ctx.what()))
                .with_fix("Recreate the container with `--user 10001:10001` (an unprivileged UID:GID that owns what the process writes), or use an image whose final stage sets a non-root USER."),
        );
        return;
    }
    let Some(img) = ctx.image else { return };
    let shown = |l: &dockward_core::Location| {
        format!("{}:{}", l.file.as_deref().unwrap_or("-"), l.start.line)
    };
    match &img.user {
        Some((user, loc)) if is_root_user(user) => out.push(
            ctx.finding_service(&RULE, format!("{} sets no `user:` and its image, built from {} (stage `{}`), ends with `USER {user}` at {}: the container runs as root", ctx.what(), img.dockerfile, img.stage, shown(loc)))
                .with_fix("Set `user:` on the service, or end the Dockerfile's final stage with a non-root USER."),
        ),
        Some(_) => {}
        None => out.push(
            ctx.finding_service(&RULE, format!("{} sets no `user:` and its image, built from {} (stage `{}`, FROM {} at {}), sets no USER: the container runs as root unless the base image sets one", ctx.what(), img.dockerfile, img.stage, img.base_image, shown(&img.from_loc)))
                .with_fix("Set `user:` on the service, or add a non-root USER to the Dockerfile's final stage."),
        ),
    }
}

/// Local images: `Config.User` (the last USER of the build) decides.
pub fn check_image(ctx: &ImageCtx, out: &mut Vec<Finding>) {
    let what = ctx.what();
    let message = match ctx.image.user.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        None => format!("{what} runs as root: its `Config.User` is empty (no USER in its build)"),
        Some(u) if is_root_user(u) => format!("{what} runs as root: its `Config.User` is `{u}`"),
        Some(_) => return,
    };
    out.push(
        ctx.finding(&RULE, message)
            .with_fix("Rebuild the image with a non-root `USER` in its final stage (e.g. `USER 10001:10001`), or run its containers with `--user`.")
            .with_equivalents(["CIS-4.1", "CIS-DI-0001"]),
    );
}
