//! ## What it does
//! Checks that the image built by the Dockerfile defines a health check: the final stage (the
//! one `docker build` produces) or a stage it is built `FROM` must have a `HEALTHCHECK CMD …`,
//! and the last `HEALTHCHECK` must not be `HEALTHCHECK NONE`. Builder stages do not need one.
//!
//! A base image pulled from a registry may define its own `HEALTHCHECK`, which the image
//! inherits; its configuration is not visible from the Dockerfile, so the finding says so. If
//! the base image has a suitable health check, suppress the finding with a reason.
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
//! ## References
//! - hadolint DL3057 (HEALTHCHECK instruction missing; off by default in hadolint); Trivy
//!   DS-0026; Checkov CKV_DOCKER_2; KICS healthcheck_not_set; CIS Docker Benchmark 4.6 (add
//!   HEALTHCHECK to the container image) and 5.27 (check container health at run time)
//! - Differences from hadolint: DL3057 reports every stage without a HEALTHCHECK, builder
//!   stages included; dockward reports only the image that is produced (the final stage and
//!   the stages it is built from), and reports `HEALTHCHECK NONE` as the last health check.
//! - <https://docs.docker.com/reference/dockerfile/#healthcheck>

use crate::prelude::*;
use crate::support::images_r4::quote;
use dockward_dockerfile::instruction::Healthcheck;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW1205",
    name: "no-healthcheck",
    summary: "Image defines no HEALTHCHECK",
    practice: Practice::Logging,
    surfaces: &[Surface::Dockerfile, Surface::Compose, Surface::Image, Surface::Container],
    severity: Severity::Low,
    equivalents: &["DL3057", "DS-0026", "CKV_DOCKER_2", "KICS-healthcheck_not_set", "CIS-4.6", "CIS-5.27"],
    default_enabled: true,
};

const FIX: &str = "Add a `HEALTHCHECK CMD …` to the final stage that probes the service (e.g. `HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost:8080/health || exit 1`).";

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    let Some(last) = ctx.model.final_stage() else { return };
    let mut root = last;
    for sidx in ctx.model.ancestry(last.index) {
        let Some(stage) = ctx.model.stages.get(sidx) else { break };
        root = stage;
        let found = ctx.stage_instructions(stage).iter().rev().find(|i| i.keyword == Keyword::Healthcheck);
        let Some(hc) = found else { continue };
        match instruction::healthcheck(hc) {
            Healthcheck::None => {
                let via = if sidx == last.index { String::new() } else { format!(" (inherited from stage `{}`)", stage.label()) };
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
        ctx.finding(&RULE, from.head_span(), format!("final stage `{}` defines no HEALTHCHECK{base_note}", last.label()))
            .with_target(last.label())
            .with_fix(FIX),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use dockward_core::Config;
    use dockward_dockerfile::{parse, Model};

    fn messages(text: &str) -> Vec<String> {
        let df = parse(text, None);
        let model = Model::build(&df, &Default::default());
        let config = Config::default();
        let ctx = DockerfileCtx { df: &df, model: &model, config: &config, today: "2026-11-28" };
        let mut out = Vec::new();
        check(&ctx, &mut out);
        out.into_iter().map(|f| format!("{}:{} {}", f.location.start.line, f.location.start.column, f.message)).collect()
    }

    #[test]
    fn healthcheck_none_last_is_reported_at_it() {
        let m = messages("FROM nginx:1.27 AS base\nHEALTHCHECK CMD curl -f http://localhost/\nFROM base\nHEALTHCHECK NONE\n");
        assert_eq!(m, vec!["4:1 the last HEALTHCHECK of the final stage is `HEALTHCHECK NONE`: health checking is disabled"]);
        let m = messages("FROM nginx:1.27 AS base\nHEALTHCHECK NONE\nFROM base\nCOPY x /x\n");
        assert_eq!(m, vec!["2:1 the last HEALTHCHECK of the final stage is `HEALTHCHECK NONE` (inherited from stage `base`): health checking is disabled"]);
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
