//! ## What it does
//! Checks that the image built by the Dockerfile defines a health check: the final stage (the
//! one `docker build` produces) or a stage it is built `FROM` must have a `HEALTHCHECK CMD …`,
//! and the last `HEALTHCHECK` must not be `HEALTHCHECK NONE`. Builder stages do not need one.
//!
//! A base image pulled from a registry may define its own `HEALTHCHECK`, which the image
//! inherits; its configuration is not visible from the Dockerfile, so the finding says so. If
//! the base image has a suitable health check, suppress the finding with a reason.
//!
//! For Compose services (and live containers): the service's `healthcheck:` is missing, or
//! disables the check (`disable: true`, `test: ["NONE"]`). A missing `healthcheck:` is fine
//! when the image has one: when the service builds from a local Dockerfile whose built stage
//! has a `HEALTHCHECK CMD`, nothing is reported; when that stage ends with
//! `HEALTHCHECK NONE`, the finding names that line. For an image pulled from a registry, the
//! image's configuration is not visible from the Compose file, so the finding says so
//! (suppress it with a reason when the image is known to define a health check). A
//! `healthcheck:` that only tunes timing (`interval`, `retries`) without a `test` keeps the
//! image's test, and is judged like a missing one.
//!
//! A Compose service with neither `image:` nor `build:` is a fragment completed by the file
//! it is merged with (an override file linted on its own): what it does not set is not
//! reported, since the other file may set it.
//!
//! For local images (`dockward host`): the image's configuration has no `Healthcheck`, or
//! its test is `NONE`.
//!
//! ## Why is this bad?
//! Without a health check the runtime only knows whether the main process is alive, not
//! whether it works: a web server that deadlocks, loses its database or serves only errors stays
//! "running", restart policies and orchestrators (Swarm, Compose `depends_on:
//! condition: service_healthy`) never react, and monitoring sees nothing.
//!
//! ## Example
//! ```dockerfile
//! FROM nginx:1.27
//! COPY site/ /usr/share/nginx/html/
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM nginx:1.27
//! COPY site/ /usr/share/nginx/html/
//! HEALTHCHECK --interval=30s --timeout=3s --retries=3 \
//!   CMD curl -fsS http://localhost/ || exit 1
//! ```
//!
//! Compose:
//! ```yaml
//! services:
//!   web:
//!     image: nginx:1.27
//!     healthcheck:
//!       disable: true
//! ```
//! Use instead:
//! ```yaml
//! services:
//!   web:
//!     image: nginx:1.27
//!     healthcheck:
//!       test: ["CMD", "curl", "-fsS", "http://localhost/"]
//!       interval: 30s
//!       timeout: 3s
//!       retries: 3
//! ```
//!
//! ## References
//! - hadolint DL3057 (HEALTHCHECK instruction missing; off by default in hadolint); Trivy
//!   DS-0026; Checkov CKV_DOCKER_2; KICS healthcheck_not_set; CIS Docker Benchmark 4.6 (add
//!   HEALTHCHECK to the container image) and 5.27 (check container health at run time);
//!   for Compose, KICS healthcheck_not_set (Docker Compose); compose-lint has no equivalent;
//!   for images, dockle CIS-DI-0006
//! - Differences from hadolint: DL3057 reports every stage without a HEALTHCHECK, builder
//!   stages included; dockward reports only the image that is produced (the final stage and
//!   the stages it is built from), and reports `HEALTHCHECK NONE` as the last health check.
//! - <https://docs.docker.com/reference/dockerfile/#healthcheck>

use crate::prelude::*;
use crate::support::container_values::{fix_for, is_fragment};
use crate::support::image_refs::quote;
use dockward_dockerfile::instruction::Healthcheck;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW1205",
    name: "no-healthcheck",
    summary: "Image defines no HEALTHCHECK",
    practice: Practice::Logging,
    surfaces: &[Surface::Dockerfile, Surface::Compose, Surface::Image, Surface::Container],
    severity: Severity::Low,
    equivalents: &[
        "DL3057",
        "DS-0026",
        "CKV_DOCKER_2",
        "KICS-healthcheck_not_set",
        "CIS-4.6",
        "CIS-5.27",
        "CIS-DI-0006",
    ],
    default_enabled: true,
};

const FIX: &str = "Add a `HEALTHCHECK CMD …` to the final stage that probes the service (e.g. `HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost:8080/health || exit 1`).";

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    let Some(last) = ctx.model.final_stage() else { return };
    let mut root = last;
    for sidx in ctx.model.ancestry(last.index) {
        let Some(stage) = ctx.model.stages.get(sidx) else { break };
        root = stage;
        let found =
            ctx.stage_instructions(stage).iter().rev().find(|i| i.keyword == Keyword::Healthcheck);
        let Some(hc) = found else { continue };
        match instruction::healthcheck(hc) {
            Healthcheck::None => {
                let via = if sidx == last.index {
                    String::new()
                } else {
                    format!(" (inherited from stage `{}`)", stage.label())
                };
                out.push(
                    ctx.finding(&RULE, hc.head_span(), format!("the last HEALTHCHECK of the final stage is `HEALTHCHECK NONE`{via}: health checking is disabled"))
                        .with_target(last.label())
                        .with_fix(FIX),
                );
            }
            // A broken HEALTHCHECK is a parse error (DW001); either way one is written.
            Healthcheck::Cmd { .. } | Healthcheck::Invalid => {}
        }
        return;
    }
    let base_note = match &root.base.kind {
        BaseKind::Scratch => String::new(),
        BaseKind::Image(_) if root.base.raw != root.base.expanded => format!(
            " (unless the base image `{}` (= `{}`) defines one: its configuration is not visible from the Dockerfile)",
            quote(&root.base.raw),
            quote(&root.base.expanded)
        ),
        _ => format!(
            " (unless the base image `{}` defines one: its configuration is not visible from the Dockerfile)",
            quote(&root.base.raw)
        ),
    };
    let from = ctx.inst(last.from);
    out.push(
        ctx.finding(
            &RULE,
            from.head_span(),
            format!("final stage `{}` defines no HEALTHCHECK{base_note}", last.label()),
        )
        .with_target(last.label())
        .with_fix(FIX),
    );
}

/// Compose services and live containers.
pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    let compose_fix = fix_for(
        ctx,
        "Add a `healthcheck:` that probes the service, e.g. `healthcheck: {test: [\"CMD\", \"curl\", \"-fsS\", \"http://localhost:8080/health\"], interval: 30s, timeout: 3s, retries: 3}`.",
        "Recreate the container with a health check (`--health-cmd`, `--health-interval`), or use an image that defines a HEALTHCHECK.",
    );
    let runtime_eq = ["KICS-healthcheck_not_set", "CIS-5.27"];
    let image_eq = ["KICS-healthcheck_not_set", "CIS-4.6", "CIS-5.27"];
    if let Some(h) = &ctx.spec.healthcheck {
        if h.value.disabled {
            let how = match &h.value.test {
                Some(t) if t.first().is_some_and(|f| f.eq_ignore_ascii_case("NONE")) => {
                    "`test: [\"NONE\"]`"
                }
                _ => "`disable: true`",
            };
            let image_note = match ctx.image {
                Some(img) if img.healthcheck == Some(true) => format!(
                    ", overriding the HEALTHCHECK of its image built from {}{}",
                    img.dockerfile,
                    at_line(img.healthcheck_loc.as_ref())
                ),
                _ => String::new(),
            };
            out.push(
                ctx.finding_at(&RULE, h, format!("{} disables its health check with {how}{image_note}: a hung or broken process still counts as running", ctx.what()))
                    .with_fix(compose_fix)
                    .with_equivalents(runtime_eq),
            );
            return;
        }
        if h.value.test.as_ref().is_some_and(|t| !t.is_empty()) {
            return;
        }
    }
    // A fragment (no image, no build) is completed elsewhere.
    if is_fragment(ctx) {
        return;
    }
    let partial = match (&ctx.spec.healthcheck, ctx.surface) {
        (_, Surface::Container) => " has no health check",
        (Some(_), _) => " sets `healthcheck:` timing but no `test`",
        (None, _) => " sets no `healthcheck:`",
    };
    // Point at the timing-only `healthcheck:` when there is one, else at the service.
    let at = |msg: String| match &ctx.spec.healthcheck {
        Some(h) => ctx.finding_at(&RULE, h, msg),
        None => ctx.finding_service(&RULE, msg),
    };
    if let Some(img) = ctx.image {
        let base = img.base_image.trim();
        let base_note = if base.is_empty() || base.eq_ignore_ascii_case("scratch") {
            String::new()
        } else {
            format!(
                " (unless its base image `{}` defines one: that configuration is not visible here)",
                quote(base)
            )
        };
        match img.healthcheck {
            Some(true) => {}
            Some(false) => out.push(
                at(format!("{}{partial} and its image, built from {} (stage `{}`), disables health checking with `HEALTHCHECK NONE`{}", ctx.what(), img.dockerfile, img.stage, at_line(img.healthcheck_loc.as_ref())))
                    .with_fix("Add a `healthcheck:` with a `test` to the service, or replace `HEALTHCHECK NONE` in the Dockerfile with a `HEALTHCHECK CMD …` that probes the service.")
                    .with_equivalents(image_eq),
            ),
            None => out.push(
                at(format!("{}{partial} and its image, built from {} (stage `{}`), defines no HEALTHCHECK{base_note}", ctx.what(), img.dockerfile, img.stage))
                .with_fix("Add a `healthcheck:` with a `test` to the service, or a `HEALTHCHECK CMD …` to the Dockerfile's built stage.")
                .with_equivalents(image_eq),
            ),
        }
        return;
    }
    let image_note = match (&ctx.spec.image, &ctx.spec.build) {
        (_, Some(b)) if b.value.dockerfile_inline.is_some() => " (its image is built from an inline Dockerfile (`dockerfile_inline`), which dockward does not look into for a HEALTHCHECK)".to_string(),
        (_, Some(_)) => " (its image is built from a Dockerfile dockward could not read, so whether the image defines a HEALTHCHECK is not known)".to_string(),
        (Some(i), None) if ctx.surface == Surface::Container => format!(" (neither its configuration nor its image `{}` defines one)", quote(&i.value.raw)),
        (Some(i), None) if i.value.unresolved => " (unless its image defines a HEALTHCHECK: the image reference depends on an unset variable, and an image's configuration is not visible from the Compose file)".to_string(),
        (Some(i), None) => format!(" (unless the image `{}` defines a HEALTHCHECK: its configuration is not visible from the Compose file)", quote(&i.value.raw)),
        (None, None) => String::new(), // a live container without an image name
    };
    out.push(
        at(format!(
            "{}{partial}{image_note}: a hung or broken process still counts as running",
            ctx.what()
        ))
        .with_fix(compose_fix)
        .with_equivalents(runtime_eq),
    );
}

/// Local images: `Config.Healthcheck.Test` missing or `NONE`.
pub fn check_image(ctx: &ImageCtx, out: &mut Vec<Finding>) {
    let what = ctx.what();
    let message = match &ctx.image.healthcheck {
        None => format!(
            "{what} defines no HEALTHCHECK: its containers report only whether the process runs, not whether it works"
        ),
        Some(t) if t.first().is_some_and(|f| f.eq_ignore_ascii_case("NONE")) => {
            format!("{what} disables health checking (`HEALTHCHECK NONE`)")
        }
        Some(_) => return,
    };
    out.push(
        ctx.finding(&RULE, message)
            .with_fix("Rebuild the image with a `HEALTHCHECK CMD …` that probes the service, or give its containers one (`--health-cmd`, Compose `healthcheck:`).")
            .with_equivalents(["CIS-4.6", "CIS-DI-0006"]),
    );
}

/// " at Dockerfile:12" for a location, or nothing.
fn at_line(loc: Option<&dockward_core::Location>) -> String {
    match loc {
        Some(l) => format!(" at {}:{}", l.file.as_deref().unwrap_or("-"), l.start.line),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dockward_core::Config;
    use dockward_dockerfile::{Model, parse};

    fn messages(text: &str) -> Vec<String> {
        let df = parse(text, None);
        let model = Model::build(&df, &Default::default());
        let config = Config::default();
        let ctx = DockerfileCtx { df: &df, model: &model, config: &config, today: "2026-11-28" };
        let mut out = Vec::new();
        check(&ctx, &mut out);
        out.into_iter()
            .map(|f| format!("{}:{} {}", f.location.start.line, f.location.start.column, f.message))
            .collect()
    }

    #[test]
    fn healthcheck_none_last_is_reported_at_it() {
        let m = messages(
            "FROM nginx:1.27 AS base\nHEALTHCHECK CMD curl -f http://localhost/\nFROM base\nHEALTHCHECK NONE\n",
        );
        assert_eq!(
            m,
            vec![
                "4:1 the last HEALTHCHECK of the final stage is `HEALTHCHECK NONE`: health checking is disabled"
            ]
        );
        let m = messages("FROM nginx:1.27 AS base\nHEALTHCHECK NONE\nFROM base\nCOPY x /x\n");
        assert_eq!(
            m,
            vec![
                "2:1 the last HEALTHCHECK of the final stage is `HEALTHCHECK NONE` (inherited from stage `base`): health checking is disabled"
            ]
        );
    }

    #[test]
    fn scratch_base_has_no_base_image_note() {
        let m = messages("FROM scratch\nCOPY app /app\n");
        assert_eq!(m, vec!["1:1 final stage `stage 0` defines no HEALTHCHECK"]);
    }

    #[test]
    fn builder_stage_healthcheck_does_not_count_and_empty_file_is_quiet() {
        assert_eq!(messages("FROM a:1 AS b\nHEALTHCHECK CMD true\nFROM c:1\n").len(), 1);
        assert!(messages("").is_empty());
        assert!(messages("FROM c:1\nHEALTHCHECK --interval=5s CMD true\n").is_empty());
    }
}
