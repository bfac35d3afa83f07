//! ## What it does
//! Flags live containers that run an image their image reference no longer names: the
//! container was created from `example/app:1.0`, and since then that tag was pulled or
//! rebuilt and now points to another image ID. (Containers created by image ID or digest, and
//! those whose tag is gone from the host, are not judged.)
//!
//! ## Why is this bad?
//! Pulling or rebuilding an image does not change running containers: they keep running the
//! old image, without the fixes the new one brings, until they are recreated. `docker ps`
//! still shows the tag, so the host looks updated when it is not.
//!
//! ## Example
//! ```sh
//! docker run -d --name web example/app:1.0
//! docker pull example/app:1.0     # a patched build of the tag
//! ```
//!
//! ## Use instead
//! ```sh
//! docker pull example/app:1.0 && docker rm -f web && docker run -d --name web example/app:1.0
//! # or, with Compose: docker compose pull && docker compose up -d
//! ```
//!
//! ## References
//! - CIS Docker Benchmark 5.28 (ensure that Docker commands always make use of the latest
//!   version of their image)

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW105",
    name: "container-outdated-image",
    summary: "Container runs an image its tag no longer points to",
    practice: Practice::KeepUpdated,
    surfaces: &[Surface::Container],
    severity: Severity::Low,
    equivalents: &["CIS-5.28"],
    default_enabled: true,
};

fn short(id: &str) -> &str {
    let hex = id.strip_prefix("sha256:").unwrap_or(id);
    hex.get(..12).unwrap_or(hex)
}

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    let Some(rt) = &ctx.spec.runtime else { return };
    let (Some(running), Some(current)) = (rt.image_id.as_deref(), rt.image_current_id.as_deref())
    else {
        return;
    };
    if running == current {
        return;
    }
    let reference =
        ctx.spec.image.as_ref().map(|i| i.value.raw.as_str()).unwrap_or("its image reference");
    out.push(
        ctx.finding_service(&RULE, format!("{} runs image {} but `{reference}` now points to {}: the tag was pulled or rebuilt after the container was created", ctx.what(), short(running), short(current)))
            .with_fix("Recreate the container from the current image (`docker compose up -d`, or `docker rm -f` and `docker run` with the same options), then remove the old image.")
            .with_equivalents(["CIS-5.28"]),
    );
}
