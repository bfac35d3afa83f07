//! Runs the enabled rules over each surface's model (a Dockerfile, a Compose project, live
//! containers, the daemon, images), then every finding goes through one pipeline
//! ([`finish::Finish`]): severity overrides, suppressions (configuration, inline comments,
//! hadolint pragmas), one order, one de-duplication. Suppressed findings are kept, marked, so
//! JSON and SARIF can show them.

use crate::context::DockerfileCtx;
use crate::correctness::dw001_parse_error;
use crate::registry;
use dockward_core::suppression::{Directive, Scope, check_directive};
use dockward_core::{Config, Context, Finding, Suppression, Surface};
use dockward_dockerfile::ast::Dockerfile;
use dockward_dockerfile::model::Model;
use finish::{Finish, no_alias, no_inline, production};
use std::path::Path;

mod finish;

#[derive(Debug, Clone, Copy, Default)]
pub struct RunOptions<'a> {
    /// YYYY-MM-DD, for date-dependent rules (end of life).
    pub today: &'a str,
    /// The directory being scanned: path conventions (`tests/`, `.devcontainer/`) are read below
    /// it, never from the folders above the project. None: the path as given.
    pub scan_root: Option<&'a Path>,
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
        if config.is_enabled(rule.meta) {
            check(&ctx, &mut out);
        }
    }
    let file_directives: Vec<Directive> = df
        .comments
        .iter()
        .filter_map(|c| Directive::parse(&c.text))
        .filter(|d| d.scope == Scope::File)
        .chain(df.directives.check.as_ref().and_then(|(v, _)| check_directive(v)))
        .collect();
    let inline = |f: &Finding| dockerfile_suppression(df, &file_directives, f);
    let file_context = df
        .path
        .as_deref()
        .map(|p| config.contexts.for_path(p, config.root(), opts.scan_root))
        .unwrap_or_default();
    let shipped = shipped_stages(model);
    let context = |f: &Finding| {
        let in_build_stage = ctx
            .stage_at(f.location.bytes.as_ref().map_or(0, |b| b.start))
            .filter(|_| f.location.bytes.is_some())
            .is_some_and(|st| !shipped.contains(&st.index));
        if file_context == Context::Production && in_build_stage {
            Context::BuildStage
        } else {
            file_context
        }
    };
    Finish { config, alias: &no_alias, inline: &inline, context: &context }.apply(&mut out);
    out
}

/// The stages whose layers and configuration end up in the image: the final stage and the
/// stages it is built `FROM`, transitively. Other stages (builders whose files are copied with
/// `COPY --from`, unused stages) never ship as such.
fn shipped_stages(model: &Model) -> Vec<usize> {
    model.final_stage().map(|st| model.ancestry(st.index)).unwrap_or_default()
}

/// The inline comment suppressing `f`: a `# dockward: ignore[...]` (or hadolint pragma) in the
/// comments just above the instruction holding it, or a file-wide directive.
fn dockerfile_suppression(
    df: &Dockerfile,
    file_directives: &[Directive],
    f: &Finding,
) -> Option<Suppression> {
    let offset = f.location.bytes.as_ref().map(|b| b.start).unwrap_or(0);
    let inst = df.instructions.iter().rev().find(|i| i.span.start <= offset);
    let inline = inst
        .into_iter()
        .flat_map(|i| i.comments_before.iter())
        .filter_map(|c| Directive::parse(&c.text))
        .filter(|d| d.scope == Scope::Next);
    inline.chain(file_directives.iter().cloned()).find(|d| d.covers(f)).map(|d| d.suppression())
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
            if let Some(check) = rule.container
                && rule.meta.surfaces.contains(&Surface::Compose)
            {
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
    let inline = |f: &Finding| compose_suppression(project, f);
    let context = |f: &Finding| compose_context(project, config, opts, f);
    Finish { config, alias: &no_alias, inline: &inline, context: &context }.apply(&mut out);
    out
}

/// A Compose finding's context: its service behind a profile that is not enabled, else its
/// file's (configured patterns, path conventions), else its service's name or profiles.
fn compose_context(project: &Project, config: &Config, opts: &RunOptions, f: &Finding) -> Context {
    let service = f.target.as_deref().and_then(|t| project.services.iter().find(|s| s.name == t));
    if service.is_some_and(|s| !s.active) {
        return Context::InactiveProfile;
    }
    let by_file = f
        .location
        .file
        .as_deref()
        .map(|p| config.contexts.for_path(p, config.root(), opts.scan_root))
        .unwrap_or_default();
    if by_file != Context::Production {
        return by_file;
    }
    service
        .and_then(|s| {
            std::iter::once(s.name.as_str())
                .chain(s.profiles.iter().map(String::as_str))
                .find_map(dockward_core::context::for_name)
        })
        .unwrap_or(Context::Production)
}

/// The YAML comment suppressing `f`: `# dockward: ignore[...]` on or above its key, or a
/// file-wide directive.
fn compose_suppression(project: &Project, f: &Finding) -> Option<Suppression> {
    let file = f.location.file.as_deref().unwrap_or_default();
    let line = f.location.start.line;
    project
        .suppressions(file)
        .iter()
        .find(|s| {
            (s.directive.scope == Scope::File || s.applies_to_line == line) && s.directive.covers(f)
        })
        .map(|s| s.directive.suppression())
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
        .filter(|r| {
            config.is_enabled(r.meta)
                && r.container.is_some()
                && r.meta.surfaces.contains(&Surface::Container)
        })
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
    let alias = |t: &str| compose_service.get(t).map(|s| s.to_string());
    // A live container is judged by its name and its Compose service's (`e2e-runner`).
    let context = |f: &Finding| {
        let target = f.target.as_deref().unwrap_or_default();
        std::iter::once(target)
            .chain(compose_service.get(target).copied())
            .find_map(dockward_core::context::for_name)
            .unwrap_or(Context::Production)
    };
    Finish { config, alias: &alias, inline: &no_inline, context: &context }.apply(&mut out);
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
    Finish { config, alias: &no_alias, inline: &no_inline, context: &production }.apply(&mut out);
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
    Finish { config, alias: &no_alias, inline: &no_inline, context: &production }.apply(&mut out);
    out
}
