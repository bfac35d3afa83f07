//! ## What it does
//! Checks every image the Dockerfile pulls (`FROM`, `COPY --from=<image>`,
//! `RUN --mount=from=<image>`, after build ARGs are resolved) against the registries the
//! project trusts, configured in `dockward.toml`:
//!
//! ```toml
//! trusted-registries = ["registry.example.com", "*.corp.example", "ghcr.io/acme/*", "docker.io/library/*"]
//! ```
//!
//! Patterns: a host (`registry.example.com`, any port unless the pattern names one); a wildcard
//! host (`*.corp.example`: any host under `corp.example`, not `corp.example` itself); a
//! repository prefix (`ghcr.io/acme/*`) or one repository (`ghcr.io/acme/app`); `docker.io`
//! (also `hub.docker.com`) for Docker Hub, including images written without a registry, and
//! `docker.io/library/*` for its official images only. The rule is silent when no list is
//! configured (DW205 then reports Docker Hub community images).
//!
//! Compose services (and live containers): the `image:` a service pulls (not when the service
//! has `build:`, whose `image:` names the built image, nor when the reference depends on an
//! unset variable).
//!
//! ## Why is this bad?
//! Whoever controls a registry controls what your build runs as root. An organisation that
//! mirrors, scans and signs its base images in its own registry loses all of that the moment
//! one Dockerfile pulls straight from a public registry or an unknown host: the image bypasses
//! review, vulnerability scanning and availability guarantees.
//!
//! ## Example
//! ```dockerfile
//! # trusted-registries = ["registry.example.com"]
//! FROM quay.io/someone/base:1.0
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM registry.example.com/mirror/someone/base:1.0
//! ```
//!
//! ## References
//! - hadolint DL3026 (use only an allowed registry in the FROM image; `trustedRegistries`)
//! - Differences from hadolint: hadolint checks only `FROM` and matches registries exactly;
//!   dockward also checks `COPY --from` and `RUN --mount=from` images (their findings do not
//!   name DL3026), expands ARGs, and supports wildcard hosts and repository prefixes.
//! - <https://docs.docker.com/docker-hub/image-access-management/>

use crate::prelude::*;
use crate::support::container_values::pulled_image;
use crate::support::image_refs::{
    classify, describe, equivalents_for, image_span, quote, trusted_by,
};
use crate::support::images::{RefState, image_uses};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW204",
    name: "image-untrusted-registry",
    summary: "Image comes from a registry that is not in the trusted list",
    practice: Practice::TrustedImages,
    surfaces: &[Surface::Dockerfile, Surface::Compose, Surface::Container],
    severity: Severity::High,
    equivalents: &["DL3026"],
    default_enabled: true,
};

/// At most this many patterns are listed in a message.
const LIST_MAX: usize = 5;

/// The configured patterns as a message lists them (at most [`LIST_MAX`]).
fn listed(patterns: &[String]) -> String {
    let mut listed: Vec<String> =
        patterns.iter().take(LIST_MAX).map(|p| format!("`{}`", quote(p))).collect();
    if patterns.len() > LIST_MAX {
        listed.push(format!("{} more", patterns.len() - LIST_MAX));
    }
    listed.join(", ")
}

/// "registry `quay.io`" for a message, and the narrowest pattern that would allow the image:
/// official images, one Hub publisher, or the registry.
fn origin_and_suggestion(r: &dockward_spec::ImageRef) -> (String, String) {
    let registry = r.registry_or_default();
    let origin = if r.registry.is_none() {
        format!("registry `{registry}` (Docker Hub, implicit)")
    } else {
        format!("registry `{}`", quote(registry))
    };
    let suggestion = if r.is_official() {
        "docker.io/library/*".to_string()
    } else if r.is_docker_hub() {
        format!("docker.io/{}/*", r.normalized_path().split('/').next().unwrap_or(""))
    } else {
        registry.to_string()
    };
    (origin, suggestion)
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    let patterns: Vec<String> =
        ctx.config.trusted_registries.iter().filter(|p| !p.trim().is_empty()).cloned().collect();
    if patterns.is_empty() {
        return;
    }
    let listed = listed(&patterns);
    for u in image_uses(ctx) {
        let Some(state) = classify(ctx, &u) else { continue };
        let RefState::Image(r) = &state else { continue };
        if trusted_by(&patterns, r).is_some() {
            continue;
        }
        let (origin, suggestion) = origin_and_suggestion(r);
        out.push(
            ctx.finding(&RULE, image_span(ctx, &u), format!("{} image {} comes from {origin}, which trusted-registries does not allow ({listed})", u.via, describe(&u, &state)))
                .with_fix(format!(
                    "Pull it through a trusted registry (mirror `{}` into one of them), or, if this source is trusted, add it to `trusted-registries` in dockward.toml (e.g. `\"{}\"`).",
                    quote(&r.full_name()),
                    quote(&suggestion)
                ))
                .with_equivalents(equivalents_for(&u, RULE.equivalents, &["DL3026"])),
        );
    }
}

/// Compose services and live containers: the `image:` the container is created from.
pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    let patterns: Vec<String> =
        ctx.config.trusted_registries.iter().filter(|p| !p.trim().is_empty()).cloned().collect();
    if patterns.is_empty() {
        return;
    }
    let Some(img) = pulled_image(ctx) else { return };
    let RefState::Image(r) = &img.state else { return };
    if trusted_by(&patterns, r).is_some() {
        return;
    }
    let (origin, suggestion) = origin_and_suggestion(r);
    out.push(
        ctx.finding_at(&RULE, img.located, format!("{} uses image {} from {origin}, which trusted-registries does not allow ({})", ctx.what(), describe(&img.use_, &img.state), listed(&patterns)))
            .with_fix(format!(
                "Pull it through a trusted registry (mirror `{}` into one of them), or, if this source is trusted, add it to `trusted-registries` in dockward.toml (e.g. `\"{}\"`).",
                quote(&r.full_name()),
                quote(&suggestion)
            ))
            .with_equivalents(Vec::<String>::new()),
    );
}
