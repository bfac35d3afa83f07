//! ## What it does
//! Checks that no image is pulled by the `latest` tag. Every image reference counts: `FROM`,
//! `COPY --from=<image>` and `RUN --mount=from=<image>`, after build ARGs are resolved
//! (`FROM nginx:${TAG}` with `ARG TAG=latest` is reported). A reference that also carries a
//! digest (`nginx:latest@sha256:…`) is pinned by the digest and is not reported.
//!
//! Compose services (and live containers): the `image:` a service pulls, `nginx:latest` as
//! well as `nginx:${TAG:-latest}` when `TAG` is not set (the finding names the variable). A
//! service with `build:` is skipped (its `image:` names the built image), and so is a
//! reference that depends on an unset variable without a default.
//!
//! ## Why is this bad?
//! `latest` is not a version: it is whatever the publisher pushed last. Builds stop being
//! reproducible, an upstream major upgrade or a compromised push arrives unannounced, and the
//! image that runs in production cannot be traced back to a known base.
//!
//! ## Example
//! ```dockerfile
//! FROM node:latest
//! COPY --from=ghcr.io/acme/tools:latest /bin/tool /usr/local/bin/tool
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM node:20.11-bookworm-slim
//! COPY --from=ghcr.io/acme/tools:2.4.1 /bin/tool /usr/local/bin/tool
//! ```
//!
//! ## References
//! - hadolint DL3007 (using latest is prone to errors); Trivy DS-0001; Checkov CKV_DOCKER_7;
//!   compose-lint CL-0004 (for compose `image:`; CL-0004 also reports `stable`, `edge`,
//!   `nightly`, `dev` and `test`, which dockward does not guess about)
//! - Differences from hadolint: hadolint checks only `FROM` and only the tag as written;
//!   dockward also checks `COPY --from` and `RUN --mount=from` images (their findings do not
//!   name DL3007) and expands ARGs. hadolint reports `image:latest@sha256:…`; dockward does not,
//!   because the digest, not the tag, decides what is pulled.
//! - <https://docs.docker.com/build/building/best-practices/#from>

use crate::prelude::*;
use crate::support::container_values::{interpolation_note, pulled_image};
use crate::support::image_refs::{
    arg_note, classify, describe, equivalents_for, image_span, invalid_note, name_part, pinning,
    shown_ref,
};
use crate::support::images::image_uses;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW202",
    name: "image-latest",
    summary: "Image reference uses the `latest` tag",
    practice: Practice::TrustedImages,
    surfaces: &[Surface::Dockerfile, Surface::Compose, Surface::Container],
    severity: Severity::Medium,
    equivalents: &["DL3007", "DS-0001", "CKV_DOCKER_7", "CL-0004"],
    default_enabled: true,
};

/// Equivalents that only check `FROM`.
const FROM_ONLY: &[&str] = &["DL3007", "DS-0001", "CKV_DOCKER_7"];

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for u in image_uses(ctx) {
        let Some(state) = classify(ctx, &u) else { continue };
        let Some(p) = pinning(&u, &state) else { continue };
        if p.tag.as_deref() != Some("latest") || p.digest.is_some() {
            continue;
        }
        let shown = shown_ref(&u, &state);
        let name = name_part(&shown);
        out.push(
            ctx.finding(&RULE, image_span(ctx, &u), format!("{} image {} uses the `latest` tag, which moves with every push{}", u.via, describe(&u, &state), invalid_note(&p)))
                .with_fix(format!("Replace `latest` with the version you tested, e.g. `{name}:<version>`, or pin a digest `{name}@sha256:<digest>`{}.", arg_note(&u)))
                .with_equivalents(equivalents_for(&u, RULE.equivalents, FROM_ONLY)),
        );
    }
}

/// Compose services and live containers: the `image:` the container is created from.
pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    let Some(img) = pulled_image(ctx) else { return };
    let Some(p) = pinning(&img.use_, &img.state) else { return };
    if p.tag.as_deref() != Some("latest") || p.digest.is_some() {
        return;
    }
    let shown = shown_ref(&img.use_, &img.state);
    let name = name_part(&shown);
    out.push(
        ctx.finding_at(&RULE, img.located, format!("{} uses image {} with the `latest` tag, which moves with every push{}", ctx.what(), describe(&img.use_, &img.state), invalid_note(&p)))
            .with_fix(format!("Replace `latest` with the version you tested, e.g. `image: {name}:<version>`, or pin a digest `{name}@sha256:<digest>`{}.", interpolation_note(img.located)))
            .with_equivalents(["CL-0004"]),
    );
}
