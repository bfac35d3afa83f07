//! Runs the enabled rules over a parsed Dockerfile, then applies configuration (severity
//! overrides) and suppressions (inline, file-level, hadolint pragmas, per-path ignores).
//! Suppressed findings are kept, marked, so JSON and SARIF can show them.

use crate::context::DockerfileCtx;
use crate::correctness::dw001_parse_error;
use crate::registry;
use dockward_core::suppression::{Directive, Scope};
use dockward_core::{Config, Finding, Suppression, SuppressionKind, Surface};
use dockward_dockerfile::ast::Dockerfile;
use dockward_dockerfile::model::Model;
use std::path::Path;

pub struct RunOptions<'a> {
    /// YYYY-MM-DD, for date-dependent rules (end of life).
    pub today: &'a str,
}

/// Every finding for one Dockerfile, sorted by position, suppressed ones included.
pub fn check_dockerfile(
    df: &Dockerfile,
    model: &Model,
    config: &Config,
    opts: &RunOptions,
) -> Vec<Finding> {
    let ctx = DockerfileCtx { df, model, config, today: opts.today };
    let mut out = Vec::new();
    if config.is_enabled(&dw001_parse_error::RULE) {
        for e in &df.errors {
            out.push(
                Finding::new(
                    &dw001_parse_error::RULE,
                    Surface::Dockerfile,
                    df.location(e.span),
                    e.message.clone(),
                )
                .with_fix(
                    "Fix the syntax; BuildKit rejects this file, so `docker build` fails here.",
                ),
            );
        }
    }
    for rule in registry::all() {
        let Some(check) = rule.dockerfile else { continue };
        if !config.is_enabled(rule.meta) {
            continue;
        }
        let start = out.len();
        check(&ctx, &mut out);
        for f in &mut out[start..] {
            f.severity = config.severity_for(f.rule, f.severity);
        }
    }
    apply_suppressions(df, config, &mut out);
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()).then_with(|| a.message.cmp(&b.message)));
    out.dedup_by(|a, b| {
        a.rule.code == b.rule.code && a.location == b.location && a.message == b.message
    });
    out
}

fn apply_suppressions(df: &Dockerfile, config: &Config, findings: &mut [Finding]) {
    let file_directives: Vec<Directive> = df
        .comments
        .iter()
        .filter_map(|c| Directive::parse(&c.text))
        .filter(|d| d.scope == Scope::File)
        .collect();
    let path_ignores: Vec<String> = df
        .path
        .as_deref()
        .map(|p| config.path_ignores(Path::new(p)).into_iter().map(str::to_string).collect())
        .unwrap_or_default();
    for f in findings.iter_mut() {
        if f.rule.code == "DW001" {
            continue;
        }
        if path_ignores.iter().any(|c| c.eq_ignore_ascii_case("ALL") || f.rule.matches(c)) {
            f.suppressed = Some(Suppression {
                kind: SuppressionKind::Config,
                reason: Some("per-path-ignores in configuration".into()),
            });
            continue;
        }
        let offset = f.location.bytes.as_ref().map(|b| b.start).unwrap_or(0);
        let inst = df.instructions.iter().rev().find(|i| i.span.start <= offset);
        let inline = inst
            .into_iter()
            .flat_map(|i| i.comments_before.iter())
            .filter_map(|c| Directive::parse(&c.text))
            .filter(|d| d.scope == Scope::Next);
        if let Some(d) = inline.chain(file_directives.iter().cloned()).find(|d| d.covers(f)) {
            f.suppressed = Some(d.suppression());
        }
    }
}

use crate::context::{ContainerCtx, ImageFacts, ProjectCtx};
use dockward_compose::{Category, Project};
use std::collections::HashMap;

/// Every finding for one Compose project: DW001 for files that cannot be loaded (YAML syntax,
/// missing sibling files, limits), DW002 for schema violations, then every enabled container
/// rule on each active service and every project rule. Suppressions come from YAML comments
/// (`# dockward: ignore[...]` on or above the key), per-path and per-service configuration.
pub fn check_compose(
    project: &Project,
    config: &Config,
    opts: &RunOptions,
    images: &HashMap<String, ImageFacts>,
) -> Vec<Finding> {
    use crate::correctness::dw002_compose_schema;
    let mut out = Vec::new();
    for d in &project.diagnostics {
        if !d.is_error() {
            continue;
        }
        let (rule, fix): (&'static dockward_core::RuleMeta, &str) = if d.category
            == Category::Schema
        {
            (
                &dw002_compose_schema::RULE,
                "Correct the key or value as the Compose Specification defines it.",
            )
        } else {
            (
                &dw001_parse_error::RULE,
                "Fix the file (or provide the missing file); dockward cannot check what it cannot load.",
            )
        };
        if config.is_enabled(rule) {
            out.push(
                Finding::new(rule, Surface::Compose, d.location(), d.message.clone()).with_fix(fix),
            );
        }
    }
    let enabled: Vec<_> = registry::all().iter().filter(|r| config.is_enabled(r.meta)).collect();
    // Every service is checked, also those behind a profile that is not enabled: they are
    // one `--profile` away from running, and skipping them would hide what the file asks
    // for. Their findings say so.
    for svc in &project.services {
        let start = out.len();
        let ctx = ContainerCtx {
            spec: &svc.spec,
            surface: Surface::Compose,
            config,
            today: opts.today,
            image: images.get(&svc.name),
            project: Some(project),
            host: None,
        };
        for rule in &enabled {
            if let Some(check) = rule.container {
                check(&ctx, &mut out);
            }
        }
        if !svc.active {
            let profiles = svc.profiles.join("`, `");
            for f in &mut out[start..] {
                f.message.push_str(&format!(
                    " [service in profile `{profiles}`, not enabled in this run]"
                ));
            }
        }
    }
    let pctx = ProjectCtx { project, config, today: opts.today };
    for rule in &enabled {
        if let Some(check) = rule.project {
            check(&pctx, &mut out);
        }
    }
    for f in &mut out {
        f.severity = config.severity_for(f.rule, f.severity);
    }
    apply_compose_suppressions(project, config, &mut out);
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()).then_with(|| a.message.cmp(&b.message)));
    out.dedup_by(|a, b| {
        a.rule.code == b.rule.code && a.location == b.location && a.message == b.message
    });
    out
}

fn apply_compose_suppressions(project: &Project, config: &Config, findings: &mut [Finding]) {
    for f in findings.iter_mut() {
        if matches!(f.rule.code, "DW001") {
            continue;
        }
        let file = f.location.file.clone().unwrap_or_default();
        if config
            .path_ignores(Path::new(&file))
            .iter()
            .any(|c| c.eq_ignore_ascii_case("ALL") || f.rule.matches(c))
        {
            f.suppressed = Some(Suppression {
                kind: SuppressionKind::Config,
                reason: Some("per-path-ignores in configuration".into()),
            });
            continue;
        }
        if let Some(t) = &f.target
            && config
                .service_ignores(t)
                .iter()
                .any(|c| c.eq_ignore_ascii_case("ALL") || f.rule.matches(c))
        {
            f.suppressed = Some(Suppression {
                kind: SuppressionKind::Config,
                reason: Some(format!("per-service-ignores for `{t}` in configuration")),
            });
            continue;
        }
        let line = f.location.start.line;
        let hit = project.suppressions(&file).iter().find(|s| {
            (s.directive.scope == Scope::File || s.applies_to_line == line) && s.directive.covers(f)
        });
        if let Some(s) = hit {
            f.suppressed = Some(s.directive.suppression());
        }
    }
}

/// Every finding for live containers (running or stopped), normalised from the Engine API:
/// every enabled rule's container check, exactly as on a Compose service (same code, same
/// message), with `surface: Container`, no image facts and no project. Severity overrides
/// apply; `per-service-ignores` match the container name or, for a container Compose created,
/// its service (label `com.docker.compose.service`). Findings have no file: their
/// location names nothing and their `target` is the container.
pub fn check_containers(
    specs: &[dockward_spec::ContainerSpec],
    config: &Config,
    opts: &RunOptions,
) -> Vec<Finding> {
    check_containers_with_host(specs, None, config, opts)
}

/// [`check_containers`] for containers of a daemon whose facts are known: rules that a
/// daemon-wide default can satisfy (DW406 `default-ulimits`, DW505 `no-new-privileges`) take it
/// into account when the daemon's options were read (`host.files`).
pub fn check_containers_with_host(
    specs: &[dockward_spec::ContainerSpec],
    host: Option<&dockward_spec::HostFacts>,
    config: &Config,
    opts: &RunOptions,
) -> Vec<Finding> {
    let enabled: Vec<_> = registry::all()
        .iter()
        .filter(|r| config.is_enabled(r.meta) && r.container.is_some())
        .collect();
    let mut out = Vec::new();
    for spec in specs {
        let ctx = ContainerCtx {
            spec,
            surface: Surface::Container,
            config,
            today: opts.today,
            image: None,
            project: None,
            host,
        };
        for rule in &enabled {
            if let Some(check) = rule.container {
                check(&ctx, &mut out);
            }
        }
    }
    // A container Compose created answers to its Compose service name too, so one
    // `[per-service-ignores]` table serves `scan` and `host`.
    let compose_service: HashMap<&str, &str> = specs
        .iter()
        .filter_map(|s| {
            s.labels.get("com.docker.compose.service").map(|l| (s.name.as_str(), l.value.as_str()))
        })
        .collect();
    apply_target_config(&mut out, config, |t| compose_service.get(t).copied());
    // Stable order: by container, then rule code, then message.
    out.sort_by(|a, b| {
        a.target
            .cmp(&b.target)
            .then_with(|| a.rule.code.cmp(b.rule.code))
            .then_with(|| a.message.cmp(&b.message))
    });
    out.dedup_by(|a, b| {
        a.rule.code == b.rule.code && a.target == b.target && a.message == b.message
    });
    out
}

/// For each active service that builds from a local Dockerfile, what the image will run as
/// (USER) and whether it has a HEALTHCHECK: the built stage (`build.target`, else the last)
/// and the stages it is built `FROM`. This is the engine's only file access besides the
/// loaders: it reads the Dockerfiles the project names. Unreadable ones are skipped (the
/// service is then judged on its own settings only).
pub fn compose_image_facts(project: &Project) -> HashMap<String, ImageFacts> {
    use dockward_dockerfile::ast::Keyword;
    use dockward_dockerfile::instruction::{self, Healthcheck};
    let mut out = HashMap::new();
    for svc in &project.services {
        let Some(build) = &svc.spec.build else { continue };
        let b = &build.value;
        if b.dockerfile_inline.is_some() {
            continue;
        }
        let Some(path) = b
            .dockerfile_path
            .clone()
            .or_else(|| b.context_dir.as_ref().map(|c| format!("{c}/Dockerfile")))
        else {
            continue;
        };
        let Ok(bytes) = std::fs::read(&path) else { continue };
        if bytes.len() > 8 * 1024 * 1024 {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        let shown = display_path(&path, &project.project_dir);
        let df = dockward_dockerfile::parse(&text, Some(&shown));
        let mut args = std::collections::BTreeMap::new();
        for (k, v) in &b.args {
            if let Some(val) = &v.value {
                args.insert(k.clone(), val.clone());
            }
        }
        let model = dockward_dockerfile::Model::build(&df, &args);
        let target = b.target.as_ref().map(|t| t.value.to_ascii_lowercase());
        let stage = match &target {
            Some(t) => model.stages.iter().find(|s| s.name.as_deref() == Some(t.as_str())),
            None => model.final_stage(),
        };
        let Some(stage) = stage else { continue };
        let mut user = None;
        let mut healthcheck = None;
        let mut healthcheck_loc = None;
        let mut base_image = stage.base.expanded.clone();
        for sidx in model.ancestry(stage.index) {
            let st = &model.stages[sidx];
            base_image = st.base.expanded.clone();
            let insts = df.instructions.get(st.instructions.clone()).unwrap_or(&[]);
            if user.is_none()
                && let Some(u) = insts.iter().rev().find(|i| i.keyword == Keyword::User)
            {
                let v = model.expand_at(u.index, u.args_text()).value;
                user = Some((v, df.location(u.head_span())));
            }
            if healthcheck.is_none()
                && let Some(h) = insts.iter().rev().find(|i| i.keyword == Keyword::Healthcheck)
            {
                healthcheck = Some(!matches!(instruction::healthcheck(h), Healthcheck::None));
                healthcheck_loc = Some(df.location(h.head_span()));
            }
        }
        let from = &df.instructions[stage.from];
        out.insert(
            svc.name.clone(),
            ImageFacts {
                dockerfile: shown,
                stage: stage.label(),
                user,
                healthcheck,
                healthcheck_loc,
                from_loc: df.location(from.head_span()),
                base_image,
            },
        );
    }
    out
}

/// `path` relative to the directory the project was loaded from, when it is inside it.
fn display_path(path: &str, project_dir: &Path) -> String {
    let p = Path::new(path);
    let rel = p.strip_prefix(project_dir).ok().map(|r| project_dir.join(r));
    let shown = rel.as_deref().unwrap_or(p);
    let s = shown.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Every finding for one Docker daemon (surface H), from its facts. Host findings have no
/// file; `[per-service-ignores]` for `docker host` suppresses them.
pub fn check_host(
    facts: &dockward_spec::HostFacts,
    config: &Config,
    opts: &RunOptions,
) -> Vec<Finding> {
    let ctx = crate::context::HostCtx { facts, config, today: opts.today };
    let mut out = Vec::new();
    for rule in registry::all() {
        let Some(check) = rule.host else { continue };
        if config.is_enabled(rule.meta) {
            check(&ctx, &mut out);
        }
    }
    apply_target_config(&mut out, config, |_| None);
    out.sort_by(|a, b| {
        registry::code_key(a.rule.code)
            .cmp(&registry::code_key(b.rule.code))
            .then_with(|| a.message.cmp(&b.message))
    });
    out.dedup_by(|a, b| a.rule.code == b.rule.code && a.message == b.message);
    out
}

/// Every finding for local images (surface I), one image at a time. `[per-service-ignores]`
/// keyed by an image's target (its first tag) suppresses its findings.
pub fn check_images(
    images: &[dockward_spec::ImageSpec],
    config: &Config,
    opts: &RunOptions,
) -> Vec<Finding> {
    let enabled: Vec<_> =
        registry::all().iter().filter(|r| config.is_enabled(r.meta) && r.image.is_some()).collect();
    let mut out = Vec::new();
    for image in images {
        let ctx = crate::context::ImageCtx { image, config, today: opts.today };
        for rule in &enabled {
            if let Some(check) = rule.image {
                check(&ctx, &mut out);
            }
        }
    }
    apply_target_config(&mut out, config, |_| None);
    out.sort_by(|a, b| {
        a.target
            .cmp(&b.target)
            .then_with(|| registry::code_key(a.rule.code).cmp(&registry::code_key(b.rule.code)))
            .then_with(|| a.message.cmp(&b.message))
    });
    out
}

/// Severity overrides, and `[per-service-ignores]` keyed by a finding's target (a container,
/// `docker host`, an image tag) or by the other name `alias` gives that target (a Compose
/// container's service), for the findings of live targets, which have no file to carry
/// inline suppressions.
fn apply_target_config<'a>(
    findings: &mut [Finding],
    config: &Config,
    alias: impl Fn(&str) -> Option<&'a str>,
) {
    for f in findings {
        f.severity = config.severity_for(f.rule, f.severity);
        let Some(t) = f.target.clone() else { continue };
        for name in std::iter::once(t.as_str()).chain(alias(&t)) {
            if config
                .service_ignores(name)
                .iter()
                .any(|c| c.eq_ignore_ascii_case("ALL") || f.rule.matches(c))
            {
                let whose = if name == t {
                    format!("`{t}`")
                } else {
                    format!("Compose service `{name}` (container `{t}`)")
                };
                f.suppressed = Some(Suppression {
                    kind: SuppressionKind::Config,
                    reason: Some(format!("per-service-ignores for {whose} in configuration")),
                });
                break;
            }
        }
    }
}
