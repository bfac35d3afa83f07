//! ## What it does
//! Flags image references (`FROM`, `COPY --from=<image>`, `RUN --mount=from=<image>`) whose
//! tag names a release that is past its end of life: an OS (`debian:buster`, `ubuntu:18.04`,
//! `alpine:3.15`, `centos:7`), a runtime (`node:14`, `python:3.7`, `golang:1.15`), a server
//! (`postgres:9.6`), or an end-of-life base OS inside a supported runtime's tag
//! (`python:3.12-slim-buster`, `node:20-alpine3.15`).
//!
//! The table is embedded (endoflife.date data of 2026-08-22, MIT; see
//! `crates/dockward_knowledge/data/eol/SOURCE.md`) and maps Docker official image tags to
//! release cycles. Tags that do not resolve with confidence (`latest`, floating majors like
//! `python:3`, unknown images, unresolved `${ARGS}`) are not judged: no guessing.
//!
//! Compose services (and live containers): the `image:` a service pulls (`image: node:14`).
//! A service with `build:` is skipped (its `image:` names the built image; the Dockerfile's
//! FROM lines are checked where the Dockerfile is scanned), and so is a reference that depends
//! on an unset variable.
//!
//! ## Why is this bad?
//! An end-of-life release gets no security fixes: every vulnerability found after that date
//! stays in the image forever, and scanners will keep reporting more of them.
//!
//! ## Example
//! ```dockerfile
//! FROM python:3.7-slim-buster
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM python:3.13-slim-trixie
//! ```
//!
//! Compose:
//! ```yaml
//! services:
//!   db:
//!     image: postgres:11
//! ```
//! Use instead:
//! ```yaml
//! services:
//!   db:
//!     image: postgres:17
//! ```
//!
//! ## References
//! - Docker Scout "supported base image" policy; Trivy reports EOL OSes for images (DW302 here)
//! - <https://endoflife.date>

use crate::prelude::*;
use crate::support::container_values::{interpolation_note, pulled_image};
use crate::support::images::{RefState, image_uses};
use dockward_knowledge::eol;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW103",
    name: "base-image-eol",
    summary: "Image reference names an end-of-life release",
    practice: Practice::KeepUpdated,
    surfaces: &[Surface::Dockerfile, Surface::Compose, Surface::Image, Surface::Container],
    severity: Severity::High,
    equivalents: &[],
    default_enabled: true,
};

/// What is end of life about `r` on `today`, as "uses <release>, which <when> [<source>]", and
/// the product name for the fix; None when the reference is not known to be end of life.
fn verdict(r: &dockward_spec::ImageRef, today: &str) -> Option<(String, String)> {
    let v = eol::image_eol(r, today)?;
    let release = match &v.codename {
        Some(c) => format!("{} {} ({c})", v.product, v.cycle),
        None => format!("{} {}", v.product, v.cycle),
    };
    let when = match &v.eol_date {
        Some(d) => format!("reached end of life on {d}"),
        None => "is end of life".to_string(),
    };
    let when = match &v.extended_support_until {
        Some(x) if x.as_str() > today => {
            format!("{when} (only paid or LTS extended support remains, until {x})")
        }
        _ => when,
    };
    let what = if v.from_variant { format!("its base OS {release}") } else { release };
    Some((format!("uses {what}, which {when} [{}]", v.source), v.product.to_string()))
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for u in image_uses(ctx) {
        let RefState::Image(r) = &u.state else { continue };
        let Some((what, product)) = verdict(r, ctx.today) else { continue };
        out.push(
            ctx.finding(&RULE, u.span, format!("{} `{}` {what}", u.via, u.expanded))
                .with_fix(format!("Move to a supported release of {product} (see https://endoflife.date/{product}) and rebuild.")),
        );
    }
}

/// Compose services and live containers: the `image:` the container is created from.
pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    let Some(img) = pulled_image(ctx) else { return };
    let RefState::Image(r) = &img.state else { return };
    let Some((what, product)) = verdict(r, ctx.today) else { return };
    out.push(
        ctx.finding_at(&RULE, img.located, format!("{} image `{}` {what}", ctx.what(), crate::support::image_refs::quote(&r.raw)))
            .with_fix(format!(
                "Move `image:` to a supported release of {product} (see https://endoflife.date/{product}){}, and recreate the container.",
                interpolation_note(img.located)
            )),
    );
}

/// Local images (`dockward host`): each tag the image carries, judged by its reference (the
/// image's own /etc/os-release needs its layers, which the Engine API audit does not read).
/// One finding per end-of-life release, naming the tags that point to it.
pub fn check_image(ctx: &ImageCtx, out: &mut Vec<Finding>) {
    let mut seen: Vec<(String, Vec<&str>, String)> = Vec::new();
    for tag in ctx.image.repo_tags.iter().filter(|t| t.as_str() != "<none>:<none>") {
        let Ok(r) = dockward_spec::ImageRef::parse(tag) else { continue };
        let Some((what, product)) = verdict(&r, ctx.today) else { continue };
        match seen.iter_mut().find(|(w, _, _)| *w == what) {
            Some((_, tags, _)) => tags.push(tag),
            None => seen.push((what, vec![tag], product)),
        }
    }
    for (what, tags, product) in seen {
        let named = tags.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ");
        out.push(
            ctx.finding(&RULE, format!("image {named} {what}"))
                .with_fix(format!("Rebuild on a supported release of {product} (see https://endoflife.date/{product}), then remove this image (`docker image rm`).")),
        );
    }
}
