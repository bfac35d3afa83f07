//! ## What it does
//! Reports images pulled from Docker Hub outside its official library: community images named
//! `user/name` (or `docker.io/user/name`), as opposed to Docker Official Images (`nginx`,
//! `docker.io/library/nginx`). Every image reference counts: `FROM`, `COPY --from=<image>`,
//! `RUN --mount=from=<image>`, after build ARGs are resolved. Images from other registries are
//! not this rule's concern. The rule runs only when no `trusted-registries` list is configured:
//! with a list, DW204 decides what is trusted (`docker.io/bitnami/*` trusts one publisher).
//!
//! Compose services: the `image:` a service pulls (not when the service has `build:`, whose
//! `image:` names the built image, nor when the reference depends on an unset variable).
//!
//! ## Why is this bad?
//! Anyone can publish `someone/postgres` on Docker Hub. Official images are built from public
//! Dockerfiles, reviewed by Docker and rebuilt for security fixes; a community image may be
//! unmaintained, carry outdated packages, or be a typosquat built to look like the real thing.
//! Using one should be a decision, recorded in the configuration, not an accident.
//!
//! ## Example
//! ```dockerfile
//! FROM someuser/python:3.12
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM python:3.12-slim
//! # or, when a publisher is trusted on purpose, say so in dockward.toml:
//! # trusted-registries = ["docker.io/library/*", "docker.io/bitnami/*"]
//! ```
//!
//! ## References
//! - No hadolint, Trivy or Checkov equivalent; the closest is hadolint DL3026 with a registry
//!   allow-list (see DW204).
//! - <https://docs.docker.com/docker-hub/image-library/trusted-content/>

use crate::prelude::*;
use crate::support::container_values::pulled_image;
use crate::support::image_refs::{classify, describe, image_span, quote};
use crate::support::images::{RefState, image_uses};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW205",
    name: "image-unofficial",
    summary: "Docker Hub image outside the official library",
    practice: Practice::TrustedImages,
    surfaces: &[Surface::Dockerfile, Surface::Compose, Surface::Container],
    severity: Severity::Low,
    equivalents: &[],
    default_enabled: true,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    if ctx.config.trusted_registries.iter().any(|p| !p.trim().is_empty()) {
        return;
    }
    for u in image_uses(ctx) {
        let Some(state) = classify(ctx, &u) else { continue };
        let RefState::Image(r) = &state else { continue };
        if !r.is_docker_hub() || r.is_official() {
            continue;
        }
        let path = r.normalized_path();
        let publisher = path.split('/').next().unwrap_or("");
        let repo = path.rsplit('/').next().unwrap_or("");
        out.push(
            ctx.finding(
                &RULE,
                image_span(ctx, &u),
                format!("{} image {} is a Docker Hub community image (publisher `{}`), not a Docker Official Image", u.via, describe(&u, &state), quote(publisher)),
            )
            .with_fix(format!(
                "Use the official image if there is one (e.g. `{}`), or record that publisher `{}` is trusted: `trusted-registries = [\"docker.io/library/*\", \"docker.io/{}/*\"]` in dockward.toml.",
                quote(repo),
                quote(publisher),
                quote(publisher)
            )),
        );
    }
}

/// Compose services: the `image:` the container is created from.
pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    if ctx.config.trusted_registries.iter().any(|p| !p.trim().is_empty()) {
        return;
    }
    let Some(img) = pulled_image(ctx) else { return };
    let RefState::Image(r) = &img.state else { return };
    if !r.is_docker_hub() || r.is_official() {
        return;
    }
    let path = r.normalized_path();
    let publisher = path.split('/').next().unwrap_or("");
    let repo = path.rsplit('/').next().unwrap_or("");
    out.push(
        ctx.finding_at(
            &RULE,
            img.located,
            format!("{} uses image {}, a Docker Hub community image (publisher `{}`), not a Docker Official Image", ctx.what(), describe(&img.use_, &img.state), quote(publisher)),
        )
        .with_fix(format!(
            "Use the official image if there is one (e.g. `{}`), or record that publisher `{}` is trusted: `trusted-registries = [\"docker.io/library/*\", \"docker.io/{}/*\"]` in dockward.toml.",
            quote(repo),
            quote(publisher),
            quote(publisher)
        )),
    );
}
