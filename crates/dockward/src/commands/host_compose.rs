//! `dockward host`: containers Compose created are reported with their service and, when the
//! project's compose files can be read, at the file, line and column of the setting at fault.
//!
//! Compose labels each container with its project (`com.docker.compose.project`), service
//! (`.service`), files (`.project.config_files`, comma-separated; Compose v2 writes absolute
//! paths, v1 paths relative to `.project.working_dir`) and directory (`.project.working_dir`).
//! Containers are grouped by (project, files, directory); each group's project is loaded once,
//! as `dockward scan -f a.yaml -f b.yaml` would load it (the directory as project directory so
//! `.env` and relative paths resolve, the label's project name, this process's environment for
//! interpolation: the environment of `up` is not recorded), and the Compose rules run on it.
//!
//! A container finding then takes the location of the Compose finding of its service with the
//! same code (the one whose message matches best). When the file as it reads now gives no such
//! finding (the cause is outside the file: the image's USER, a daemon default, a `docker
//! update`; or the file changed after `up`), the finding is placed at the service's key and
//! says so. Unreadable files leave findings file-less, with the service named
//! and one note per project on standard error.
//!
//! This lives in the CLI rather than in `dockward_rules` because it reads files named by the
//! daemon (the rules crate reads nothing but the Dockerfiles a loaded project names) and turns
//! paths into what the user sees relative to the current directory, as `scan` does.

use dockward_compose::{Category, LoadOptions, Project};
use dockward_core::{Config, Finding, Location, Surface};
use dockward_rules::RunOptions;
use dockward_rules::prelude::ContainerSpec;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Larger compose files are not read (as in `scan`); this also bounds memory.
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// The Compose identity of one container.
struct Labels<'a> {
    project: &'a str,
    service: &'a str,
    files: &'a [String],
    working_dir: Option<&'a str>,
}

type GroupKey<'a> = (&'a str, &'a [String], Option<&'a str>);

impl<'a> Labels<'a> {
    fn of(spec: &'a ContainerSpec) -> Option<Labels<'a>> {
        let rt = spec.runtime.as_ref()?;
        Some(Labels {
            project: rt.compose_project.as_deref()?,
            service: rt.compose_service.as_deref()?,
            files: &rt.compose_files,
            working_dir: rt.compose_working_dir.as_deref().filter(|d| !d.is_empty()),
        })
    }
    fn key(&self) -> GroupKey<'a> {
        (self.project, self.files, self.working_dir)
    }
}

/// A project loaded from the files as they read now, with its Compose findings (file paths as
/// shown to the user).
struct Loaded {
    project: Project,
    findings: Vec<Finding>,
}

/// Locate the container findings of Compose containers in their compose files (see the module
/// doc). Returns the notes to print on standard error, one per project whose files cannot be
/// used.
pub(crate) fn locate(
    specs: &[ContainerSpec],
    findings: &mut [Finding],
    config: &Config,
    opts: &RunOptions,
) -> Vec<String> {
    let cwd = std::env::current_dir().ok();
    let env: BTreeMap<String, String> = std::env::vars().collect();
    locate_in(specs, findings, config, opts, cwd.as_deref(), &env)
}

fn locate_in(
    specs: &[ContainerSpec],
    findings: &mut [Finding],
    config: &Config,
    opts: &RunOptions,
    cwd: Option<&Path>,
    env: &BTreeMap<String, String>,
) -> Vec<String> {
    // Ordered, so the notes come out in a stable order.
    let by_name: BTreeMap<&str, Labels> =
        specs.iter().filter_map(|s| Some((s.name.as_str(), Labels::of(s)?))).collect();
    if by_name.is_empty() {
        return Vec::new();
    }
    let env_files: HashMap<GroupKey, Vec<PathBuf>> = specs
        .iter()
        .filter_map(|s| {
            let key = Labels::of(s)?.key();
            let v = s.labels.get("com.docker.compose.project.environment_file")?;
            Some((
                key,
                v.value
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(PathBuf::from)
                    .collect(),
            ))
        })
        .collect();
    let mut groups: BTreeMap<GroupKey, Result<Loaded, ()>> = BTreeMap::new();
    let mut notes = Vec::new();
    for labels in by_name.values() {
        let key = labels.key();
        if groups.contains_key(&key) {
            continue;
        }
        let loaded = load(
            labels,
            env_files.get(&key).cloned().unwrap_or_default(),
            config,
            opts,
            cwd,
            env,
            &mut notes,
        );
        groups.insert(key, loaded.ok_or(()));
    }
    for f in findings.iter_mut() {
        if f.surface != Surface::Container {
            continue;
        }
        let Some(container) = f.target.clone() else { continue };
        let Some(labels) = by_name.get(container.as_str()) else { continue };
        match groups.get(&labels.key()) {
            Some(Ok(loaded)) => place(f, &container, labels.service, loaded, cwd),
            _ => f.message.push_str(&naming(f, &container, labels.service, "")),
        }
    }
    notes
}

/// Load the project of a group; `None` (with a note) when a file cannot be read.
fn load(
    labels: &Labels,
    env_files: Vec<PathBuf>,
    config: &Config,
    opts: &RunOptions,
    cwd: Option<&Path>,
    env: &BTreeMap<String, String>,
    notes: &mut Vec<String>,
) -> Option<Loaded> {
    let p = labels.project;
    let unusable = "findings for its containers have no file location";
    if labels.files.is_empty() {
        notes.push(format!("dockward: note: compose project {p} does not record its compose files (label com.docker.compose.project.config_files); {unusable}"));
        return None;
    }
    let dir = labels.working_dir.map(PathBuf::from);
    let mut files = Vec::new();
    for f in labels.files {
        if f == "-" {
            notes.push(format!("dockward: note: compose file of project {p} was read from standard input; {unusable}"));
            return None;
        }
        let path = match &dir {
            Some(d) if Path::new(f).is_relative() => d.join(f),
            _ => PathBuf::from(f),
        };
        if let Err(reason) = readable(&path) {
            notes.push(format!("dockward: note: compose file {} of project {p} not readable ({reason}); {unusable}", shown(&path, cwd)));
            return None;
        }
        files.push(path);
    }
    let load_opts = LoadOptions {
        env: env.clone(),
        env_files,
        project_dir: dir,
        project_name: Some(p.to_string()),
        ..Default::default()
    };
    let project = dockward_compose::load_project(&files, &load_opts);
    if let Some(d) = project.errors().find(|d| d.category != Category::Schema) {
        let file = d.file.as_deref().map(|f| shown(Path::new(f), cwd)).unwrap_or_default();
        notes.push(format!(
            "dockward: note: compose project {p} loads with errors ({file}:{}: {}); findings of services it does not define have no file location",
            d.line, d.message
        ));
    }
    let images = dockward_rules::runner::compose_image_facts(&project);
    let mut findings = dockward_rules::check_compose(&project, config, opts, &images);
    for f in &mut findings {
        if let Some(file) = &mut f.location.file {
            *file = shown(Path::new(file.as_str()), cwd);
        }
    }
    Some(Loaded { project, findings })
}

/// Can `path` be read as a compose file? The reason when not.
fn readable(path: &Path) -> Result<(), String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    // A FIFO or device named by a label would block or never end.
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!("{} bytes, larger than the {MAX_FILE_BYTES}-byte limit", meta.len()));
    }
    std::fs::File::open(path).map(drop).map_err(|e| e.to_string())
}

/// `path` relative to the current directory when inside it, else absolute (lexically cleaned).
fn shown(path: &Path, cwd: Option<&Path>) -> String {
    let clean = dockward_compose::project::clean_path(path);
    let rel = cwd.and_then(|c| {
        clean.strip_prefix(c).ok().map(Path::to_path_buf).or_else(|| {
            // A symlinked directory (e.g. /tmp on macOS): compare the resolved paths.
            let (p, c) = (clean.canonicalize().ok()?, c.canonicalize().ok()?);
            p.strip_prefix(c).ok().map(Path::to_path_buf)
        })
    });
    let s = match rel.filter(|r| !r.as_os_str().is_empty()) {
        Some(r) => r.to_string_lossy().into_owned(),
        None => clean.to_string_lossy().into_owned(),
    };
    s.replace('\\', "/")
}

/// Move one container finding to the compose file: at the Compose finding of its service with
/// the same code, else at the service's key, else (service gone from the file) nowhere.
fn place(f: &mut Finding, container: &str, service: &str, loaded: &Loaded, cwd: Option<&Path>) {
    let candidates: Vec<&Finding> = loaded
        .findings
        .iter()
        .filter(|c| {
            c.rule.code == f.rule.code
                && c.target.as_deref() == Some(service)
                && c.location.file.is_some()
        })
        .collect();
    if let Some(best) = best_match(&f.message, container, service, &candidates) {
        f.location = best.location.clone();
        // The file is what the user edits: its fix, and its suppression comments, apply.
        if best.fix.is_some() {
            f.fix = best.fix.clone();
        }
        if f.suppressed.is_none() {
            f.suppressed = best.suppressed.clone();
        }
        f.message.push_str(&naming(f, container, service, ""));
        return;
    }
    match loaded.project.service(service) {
        Some(svc) => {
            let mut loc: Location = dockward_compose::location(&svc.spec.loc);
            loc.file = loc.file.map(|p| shown(Path::new(&p), cwd));
            f.location = loc;
            // Not necessarily a stale file: the Compose rules cannot see the image's USER or
            // HEALTHCHECK, the daemon's defaults, or a `docker update`.
            let why = "; located at the service because the compose file as it reads now does not show this: it comes from outside the file (the image, the daemon, a change made to the container), or the file changed after the container was created";
            f.message.push_str(&naming(f, container, service, why));
        }
        None => {
            let files: Vec<String> =
                loaded.project.config_files.iter().map(|p| shown(p, cwd)).collect();
            let why = format!(", which {} as it reads now does not define", files.join(" + "));
            f.message.push_str(&naming(f, container, service, &why));
        }
    }
}

/// ` (Compose service `web`…)`, naming the container too when the message does not: a
/// finding with a file is shown as `file:line:col:` in text, without its target.
fn naming(f: &Finding, container: &str, service: &str, more: &str) -> String {
    if f.message.contains(&format!("`{container}`")) {
        format!(" (Compose service `{service}`{more})")
    } else {
        format!(" (container `{container}`, Compose service `{service}`{more})")
    }
}

/// The candidate whose message is closest to the container's: most shared `quoted` values
/// (the capability, the path, the port), then the longest common prefix once "container `x`"
/// reads "service `web`"; the first on a tie.
fn best_match<'f>(
    message: &str,
    container: &str,
    service: &str,
    candidates: &[&'f Finding],
) -> Option<&'f Finding> {
    let norm =
        message.replace(&format!("container `{container}`"), &format!("service `{service}`"));
    let mine = quoted(&norm);
    let score = |c: &Finding| {
        let theirs = quoted(&c.message);
        let shared = mine.iter().filter(|q| theirs.contains(q)).count();
        let prefix = norm.chars().zip(c.message.chars()).take_while(|(a, b)| a == b).count();
        (shared, prefix)
    };
    let mut best: Option<(&Finding, (usize, usize))> = None;
    for c in candidates {
        let s = score(c);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((c, s));
        }
    }
    best.map(|(c, _)| c)
}

/// The `backquoted` parts of a message.
fn quoted(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

#[cfg(test)]
#[path = "host_compose_tests.rs"]
mod tests;
