//! Helpers for container rules (resource limits, logging, images on Compose): how a located
//! value is named in a message, whichever surface it came from.

use crate::context::ContainerCtx;
use crate::support::images::{ImageUse, RefState};
use dockward_core::Surface;
use dockward_dockerfile::ast::Span;
use dockward_spec::container::{ImageSpecRef, Located, Provenance, SourceLoc};

/// The key a value was written under, relative to its service: `mem_limit`,
/// `deploy.resources.limits.memory`, `ulimits.nofile`. For a live container (or a path that is
/// not under the service), the whole path as the model recorded it (`HostConfig.Memory`).
pub fn key_of(ctx: &ContainerCtx, loc: &SourceLoc) -> String {
    let prefix = format!("services.{}.", ctx.spec.name);
    match loc.path.strip_prefix(&prefix) {
        Some(k) if !k.is_empty() => k.to_string(),
        _ => loc.path.clone(),
    }
}

/// Pick the fix text for the surface: Compose YAML, or a `docker run`/`docker update` hint for a
/// live container.
pub fn fix_for(ctx: &ContainerCtx, compose: &str, container: &str) -> String {
    match ctx.surface {
        Surface::Container => container.to_string(),
        _ => compose.to_string(),
    }
}

/// The image a container pulls, in the form the Dockerfile image helpers (`support::image_refs`)
/// take, with the located Compose `image:` (or the container's `Config.Image`).
pub struct PulledImage<'a> {
    pub located: &'a Located<ImageSpecRef>,
    /// `raw` and `expanded` are the reference after interpolation; `via` is `image`.
    pub use_: ImageUse,
    pub state: RefState,
}

/// The image reference of a container, when it names an image that is pulled and can be
/// judged. `None` when:
/// - the service has `build:`: `image:` is then the tag the built image gets, not something
///   pulled (the Dockerfile's own FROM lines are checked where the Dockerfile is scanned);
/// - it depends on a variable that is not set (the value is unknown: no guessing);
/// - there is no `image:` or it is empty.
///
/// A reference that does not parse is returned as [`RefState::Invalid`], as for Dockerfiles.
pub fn pulled_image<'a>(ctx: &ContainerCtx<'a>) -> Option<PulledImage<'a>> {
    if ctx.spec.build.is_some() {
        return None;
    }
    let located = ctx.spec.image.as_ref()?;
    let img = &located.value;
    if img.unresolved || img.raw.trim().is_empty() {
        return None;
    }
    let state = match (&img.parsed, &img.error) {
        (Some(r), _) => RefState::Image(r.clone()),
        (None, Some(e)) => RefState::Invalid(e.clone()),
        (None, None) => RefState::Invalid(format!(
            "`{}` is not an image reference",
            crate::support::image_refs::quote(&img.raw)
        )),
    };
    let use_ = ImageUse {
        raw: img.raw.clone(),
        expanded: img.raw.clone(),
        span: Span::new(0, 0),
        state: state.clone(),
        inst: 0,
        via: "image",
    };
    Some(PulledImage { located, use_, state })
}

/// For a fix: where an interpolated reference gets its value, e.g.
/// " (change it where `${TAG}` gets its value)"; empty when nothing was interpolated.
pub fn interpolation_note<T>(v: &Located<T>) -> String {
    let mut vars: Vec<String> = Vec::new();
    for p in &v.via {
        if let Provenance::Interpolated { variable, .. } = p {
            let shown = format!("`${{{variable}}}`");
            if !vars.contains(&shown) {
                vars.push(shown);
            }
        }
    }
    if vars.is_empty() {
        String::new()
    } else {
        format!(
            " (change it where {} gets its value: the environment, `.env`, or the default written in the file)",
            vars.join(", ")
        )
    }
}

/// The first of `paths` (dotted, relative to the service: `deploy.resources.limits.memory`)
/// that is written in the Compose service with a non-null value, for a setting the model does
/// not hold: its value could not be read (`mem_limit: ${MEM}` with `MEM` unset, `cpus: lots`).
/// The loader reports such values; rules that judge a missing setting stay silent, since the
/// setting is not missing, only unknown. Always `None` for a live container.
pub fn written_key(ctx: &ContainerCtx, paths: &[&str]) -> Option<String> {
    let svc = ctx.project?.service(&ctx.spec.name)?;
    paths
        .iter()
        .find(|p| {
            let mut node = Some(&svc.node);
            for seg in p.split('.') {
                node = node.and_then(|n| n.get(seg));
            }
            node.is_some_and(|n| !n.is_null())
        })
        .map(|p| p.to_string())
}

/// The provenance of the value at `path` (dotted, relative to the service) in the Compose
/// service tree, for a model field that keeps no location of its own (`logging.driver`),
/// appended to `via` without repeats. `via` unchanged for a live container.
pub fn with_node_via(ctx: &ContainerCtx, via: &[Provenance], path: &str) -> Vec<Provenance> {
    let mut out = via.to_vec();
    let node = ctx.project.and_then(|p| p.service(&ctx.spec.name)).and_then(|svc| {
        let mut node = Some(&svc.node);
        for seg in path.split('.') {
            node = node.and_then(|n| n.get(seg));
        }
        node
    });
    if let Some(n) = node {
        for p in &n.via {
            if !out.contains(p) {
                out.push(p.clone());
            }
        }
    }
    out
}

/// True for a Compose service with neither `image:` nor `build:`: not a runnable service but a
/// fragment completed elsewhere (an override file linted on its own, a service meant to be
/// merged). Rules that report a *missing* setting stay silent on it: the setting may well be
/// in the file it is merged with. Settings it does write are still judged.
pub fn is_fragment(ctx: &ContainerCtx) -> bool {
    ctx.surface == Surface::Compose && ctx.spec.image.is_none() && ctx.spec.build.is_none()
}

/// Human-readable bytes, binary units, as Compose users write them (`512M`, `1.5G`).
pub fn human_bytes(b: u64) -> String {
    const UNITS: [(&str, u64); 4] =
        [("T", 1 << 40), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10)];
    for (u, m) in UNITS {
        if b >= m {
            let v = b as f64 / m as f64;
            return if (v - v.round()).abs() < 0.005 {
                format!("{}{u}", v.round() as u64)
            } else {
                format!("{v:.2}{u}")
            };
        }
    }
    format!("{b} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes() {
        assert_eq!(human_bytes(0), "0 bytes");
        assert_eq!(human_bytes(512 << 20), "512M");
        assert_eq!(human_bytes(1536 << 20), "1.50G");
        assert_eq!(human_bytes(u64::MAX), "16777216T");
    }
}
