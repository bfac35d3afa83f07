//! ## What it does
//! Checks that every image the Dockerfile pulls names a version: a tag or a digest. Every image
//! reference counts: `FROM`, `COPY --from=<image>` and `RUN --mount=from=<image>`. Build ARGs
//! are resolved (defaults and configured `--build-arg` values); `scratch` and references to
//! earlier stages are not images.
//!
//! A reference whose ARG has no value is reported by DW206 instead, except when the ARG only
//! fills the registry or namespace (`${REGISTRY}/nginx`): then the missing tag is certain.
//!
//! Compose services (and live containers): the `image:` a service pulls. A service with
//! `build:` is skipped (its `image:` is the tag given to the built image, not something pulled),
//! and so is a reference that depends on an unset variable (`${TAG}` with no value and no
//! default): its value is unknown. A value from a default (`nginx${TAG:-}`) is judged, and
//! the finding says where it came from.
//!
//! ## Why is this bad?
//! An image named without a tag resolves to `:latest`, which moves whenever the publisher pushes.
//! The same Dockerfile then builds different images on different days: a new major version, a
//! different OS release or a compromised push lands in your build without any change to the
//! file, and nobody can tell which base a running image was built from.
//!
//! ## Example
//! ```dockerfile
//! FROM python
//! COPY --from=busybox /bin/busybox /bin/busybox
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM python:3.12-slim-bookworm
//! COPY --from=busybox:1.36 /bin/busybox /bin/busybox
//! ```
//!
//! ## References
//! - hadolint DL3006 (always tag the version of an image explicitly); Trivy DS-0001; KICS
//!   image_version_not_explicit; compose-lint CL-0004 (for compose `image:`; CL-0004 also
//!   calls `stable`, `edge`, `nightly`, `dev` and `test` mutable, dockward does not guess at tag
//!   names, and CL-0004 checks `image:` next to `build:` too)
//! - Differences from hadolint: hadolint checks only `FROM`; dockward also checks
//!   `COPY --from` and `RUN --mount=from` images (their findings do not name DL3006). hadolint
//!   reads `FROM $BASE` literally and reports it as untagged; dockward expands ARGs, so
//!   `ARG BASE=nginx:1.27` / `FROM $BASE` is not reported, and an ARG without any value is
//!   reported by DW206 (image-unresolved) rather than guessed to be untagged.
//! - <https://docs.docker.com/build/building/best-practices/#from>

use crate::prelude::*;
use crate::support::container_values::{interpolation_note, pulled_image};
use crate::support::image_refs::{
    arg_note, classify, describe, equivalents_for, image_span, invalid_note, name_part, pinning,
    shown_ref,
};
use crate::support::images::image_uses;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW201",
    name: "image-untagged",
    summary: "Image reference has no tag or digest",
    practice: Practice::TrustedImages,
    surfaces: &[Surface::Dockerfile, Surface::Compose, Surface::Container],
    severity: Severity::Medium,
    equivalents: &["DL3006", "DS-0001", "KICS-image_version_not_explicit", "CL-0004"],
    default_enabled: true,
};

/// Equivalents that only check `FROM`.
const FROM_ONLY: &[&str] = &["DL3006", "DS-0001", "KICS-image_version_not_explicit"];

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for u in image_uses(ctx) {
        let Some(state) = classify(ctx, &u) else { continue };
        let Some(p) = pinning(&u, &state) else { continue };
        if p.tag.is_some() || p.digest.is_some() {
            continue;
        }
        let shown = shown_ref(&u, &state);
        let name = name_part(&shown);
        let consequence = if p.invalid.is_some() {
            "once the name is valid, Docker pulls its `:latest`".to_string()
        } else if p.partial {
            "whatever `:latest` is at build time is pulled".to_string()
        } else {
            format!("Docker pulls `{name}:latest`, whatever that is at build time")
        };
        out.push(
            ctx.finding(&RULE, image_span(ctx, &u), format!("{} image {} has no tag or digest: {consequence}{}", u.via, describe(&u, &state), invalid_note(&p)))
                .with_fix(format!("Pin the version you tested: `{name}:<version>` (e.g. a release tag), or a digest `{name}@sha256:<digest>`{}.", arg_note(&u)))
                .with_equivalents(equivalents_for(&u, RULE.equivalents, FROM_ONLY)),
        );
    }
}

/// Compose services and live containers: the `image:` the container is created from.
pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    let Some(img) = pulled_image(ctx) else { return };
    let Some(p) = pinning(&img.use_, &img.state) else { return };
    if p.tag.is_some() || p.digest.is_some() {
        return;
    }
    let shown = shown_ref(&img.use_, &img.state);
    let name = name_part(&shown);
    let consequence = if p.invalid.is_some() {
        "once the name is valid, Docker pulls its `:latest`".to_string()
    } else {
        format!("Docker pulls `{name}:latest`, whatever that is when the image is pulled")
    };
    out.push(
        ctx.finding_at(&RULE, img.located, format!("{} uses image {} with no tag or digest: {consequence}{}", ctx.what(), describe(&img.use_, &img.state), invalid_note(&p)))
            .with_fix(format!("Pin the version you tested: `image: {name}:<version>` (e.g. a release tag), or a digest `{name}@sha256:<digest>`{}.", interpolation_note(img.located)))
            .with_equivalents(["CL-0004"]),
    );
}
