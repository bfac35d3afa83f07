//! ## What it does
//! Checks that every image the Dockerfile pulls is pinned by content digest (`@sha256:…`):
//! `FROM`, `COPY --from=<image>` and `RUN --mount=from=<image>`, after build ARGs are
//! resolved. Off by default: enable it with `select`/`extend-select = ["DW203"]` or the
//! `strict` profile.
//!
//! Compose services: the `image:` a service pulls (not when the service has `build:`, whose
//! `image:` names the built image; not when the reference depends on an unset variable).
//!
//! ## Why is this bad?
//! A tag, even a precise one like `1.27.3`, is a mutable pointer: the publisher (or anyone who
//! compromises the publisher's account or registry) can move it to different content. Only a
//! digest names exactly the bytes you reviewed and tested, so the build pulls the same image
//! every time, and a tampered image fails to pull instead of being built in.
//!
//! ## Example
//! ```dockerfile
//! FROM nginx:1.27
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! # Keep the tag for readers; the digest decides what is pulled. Let a bot (Renovate,
//! # Dependabot) update both together.
//! FROM nginx:1.27@sha256:0f3b4c0e6c1c4f5b8b0d2a1f6c8f9e0a1b2c3d4e5f60718293a4b5c6d7e8f901
//! ```
//!
//! ## References
//! - compose-lint CL-0019 (image not pinned by digest, for compose `image:`; CL-0019 leaves
//!   untagged and `latest`-like references to CL-0004, dockward reports them here too)
//! - No hadolint equivalent.
//! - <https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier>

use crate::prelude::*;
use crate::support::container_values::{interpolation_note, pulled_image};
use crate::support::image_refs::{
    arg_note, classify, describe, image_span, name_part, pinning, shown_ref,
};
use crate::support::images::image_uses;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW203",
    name: "image-no-digest",
    summary: "Image reference is not pinned by digest",
    practice: Practice::TrustedImages,
    surfaces: &[Surface::Dockerfile, Surface::Compose, Surface::Container],
    severity: Severity::Low,
    equivalents: &["CL-0019"],
    default_enabled: false,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for u in image_uses(ctx) {
        let Some(state) = classify(ctx, &u) else { continue };
        let Some(p) = pinning(&u, &state) else { continue };
        if p.digest.is_some() || p.invalid.is_some() {
            continue;
        }
        let shown = shown_ref(&u, &state);
        let pinned = match &p.tag {
            Some(t) => format!("{}:{t}@sha256:<digest>", name_part(&shown)),
            None => format!("{}:<version>@sha256:<digest>", name_part(&shown)),
        };
        let what = match &p.tag {
            Some(t) => format!("its tag `{t}` can be moved to different content"),
            None => "with neither tag nor digest it follows `latest`".to_string(),
        };
        out.push(
            ctx.finding(&RULE, image_span(ctx, &u), format!("{} image {} is not pinned by digest: {what}", u.via, describe(&u, &state)))
                .with_fix(format!(
                    "Pin the digest of the image you tested: `{pinned}`{}; `docker buildx imagetools inspect {shown}` prints it.",
                    arg_note(&u)
                )),
        );
    }
}

/// Compose services: the `image:` the container is created from.
pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    let Some(img) = pulled_image(ctx) else { return };
    let Some(p) = pinning(&img.use_, &img.state) else { return };
    if p.digest.is_some() || p.invalid.is_some() {
        return;
    }
    let shown = shown_ref(&img.use_, &img.state);
    let pinned = match &p.tag {
        Some(t) => format!("{}:{t}@sha256:<digest>", name_part(&shown)),
        None => format!("{}:<version>@sha256:<digest>", name_part(&shown)),
    };
    let what = match &p.tag {
        Some(t) => format!("its tag `{t}` can be moved to different content"),
        None => "with neither tag nor digest it follows `latest`".to_string(),
    };
    out.push(
        ctx.finding_at(&RULE, img.located, format!("{} uses image {} not pinned by digest: {what}", ctx.what(), describe(&img.use_, &img.state)))
            .with_fix(format!(
                "Pin the digest of the image you tested: `image: {pinned}`{}; `docker buildx imagetools inspect {shown}` prints it.",
                interpolation_note(img.located)
            )),
    );
}
