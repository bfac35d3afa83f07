//! Project assembly: which files, which variables, in which order — the entry point
//! [`load_project`].
//!
//! Compose decides a lot before it reads a single service: the project directory, the `.env`
//! file (or `--env-file` files), `COMPOSE_FILE`, the default `compose.yaml` and its automatic
//! `compose.override.yaml`, the profiles, the project name. This module reproduces those
//! decisions, then loads each file (YAML → interpolation → schema → `include` → `extends`),
//! merges them in order, and normalises every service into a `ContainerSpec`.
//!
//! Nothing here panics or stops at a bad file: each problem becomes a located [`Diagnostic`]
//! and the rest of the project still loads. The process environment is passed in
//! ([`LoadOptions::env`]), never read globally, so that results are reproducible.

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

use dockward_core::suppression::Directive;
use dockward_spec::container::NetworkDef;
use dockward_spec::{ContainerSpec, Located, Provenance, SourceLoc, VariableSource};

use crate::diag::{Category, Diagnostic, Level};
use crate::interpolate::{Environment, InterpolationError, interpolate};
use crate::yaml::{self, FileId, Limits, Mark, Node, Pos, Value, YamlErrorKind};
use crate::{dotenv, merge, schema};

/// Names Compose looks for when no file is given, in its order of preference.
pub const DEFAULT_FILES: [&str; 4] =
    ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"];
pub const DEFAULT_OVERRIDE_FILES: [&str; 4] = [
    "compose.override.yml",
    "compose.override.yaml",
    "docker-compose.override.yml",
    "docker-compose.override.yaml",
];

/// What the caller knows about the invocation (`docker compose -f ... --env-file ...`).
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// `--project-directory`. Default: the directory of the first file, or `working_dir` when
    /// no file is given.
    pub project_dir: Option<PathBuf>,
    /// Where default files are looked for when no file is given. Default: `.`.
    pub working_dir: Option<PathBuf>,
    /// The process environment (highest precedence for interpolation).
    pub env: BTreeMap<String, String>,
    /// `--env-file` files; when empty, the project's `.env` is read if present.
    pub env_files: Vec<PathBuf>,
    /// `--profile` values (added to `COMPOSE_PROFILES`).
    pub profiles: Vec<String>,
    /// `--project-name`.
    pub project_name: Option<String>,
    pub limits: Limits,
    /// Validate each file against the Compose Specification schema (DW002).
    pub validate_schema: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            project_dir: None,
            working_dir: None,
            env: BTreeMap::new(),
            env_files: Vec::new(),
            profiles: Vec::new(),
            project_name: None,
            limits: Limits::default(),
            validate_schema: true,
        }
    }
}

/// Why a file is part of the project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRole {
    /// The first compose file.
    Compose,
    /// A later `-f` file or the automatic `compose.override.yaml`.
    Override,
    /// Read for `extends: {file: ...}`.
    Extends,
    /// Read for `include:`.
    Include,
    /// The project `.env` or an `--env-file`.
    DotEnv,
    /// A service's `env_file:`.
    EnvFile,
}

/// A `# dockward: ignore[...]` (or hadolint) comment in a compose file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuppressionComment {
    pub line: u32,
    /// The line the directive covers: the next key line for a comment on its own line, the
    /// same line for a trailing comment.
    pub applies_to_line: u32,
    pub directive: Directive,
}

/// A file read while loading the project.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The path as shown in reports.
    pub display: String,
    /// Directory relative paths written in this file are resolved against.
    pub base_dir: PathBuf,
    pub role: FileRole,
    pub text: String,
    pub suppressions: Vec<SuppressionComment>,
}

/// A service of the effective project.
#[derive(Debug, Clone)]
pub struct Service {
    pub name: String,
    /// False when the service has `profiles:` none of which is enabled.
    pub active: bool,
    pub profiles: Vec<String>,
    /// The effective (merged, extended, interpolated) service tree, for rules that need a key
    /// the normalised model does not carry.
    pub node: Node,
    pub spec: ContainerSpec,
}

/// A top-level volume, secret or config definition.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResourceDef {
    pub key: String,
    pub name: Option<String>,
    pub external: bool,
    pub driver: Option<String>,
    /// Secrets/configs: `file:` resolved against the project directory.
    pub file: Option<String>,
    /// Secrets/configs: `environment:` variable name.
    pub environment: Option<String>,
    pub driver_opts: BTreeMap<String, String>,
}

/// A loaded Compose project.
#[derive(Debug, Clone)]
pub struct Project {
    pub name: String,
    pub project_dir: PathBuf,
    /// The compose files, in merge order (`-f`, `COMPOSE_FILE` or defaults).
    pub config_files: Vec<PathBuf>,
    /// Every file read, indexed by [`FileId`].
    pub files: Vec<SourceFile>,
    /// The merged tree of the whole project.
    pub model: Node,
    /// Services sorted by name, inactive ones included (see [`Service::active`]).
    pub services: Vec<Service>,
    pub networks: BTreeMap<String, Located<NetworkDef>>,
    pub volumes: BTreeMap<String, Located<ResourceDef>>,
    pub secrets: BTreeMap<String, Located<ResourceDef>>,
    pub configs: BTreeMap<String, Located<ResourceDef>>,
    pub enabled_profiles: Vec<String>,
    pub environment: Environment,
    pub diagnostics: Vec<Diagnostic>,
}

impl Project {
    pub fn active_services(&self) -> impl Iterator<Item = &Service> {
        self.services.iter().filter(|s| s.active)
    }
    pub fn service(&self, name: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.name == name)
    }
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| !d.is_error())
    }
    pub fn file(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }
    /// File-wide suppressions and per-line ones of `file` (by display path).
    pub fn suppressions(&self, display: &str) -> &[SuppressionComment] {
        self.files
            .iter()
            .find(|f| f.display == display)
            .map(|f| f.suppressions.as_slice())
            .unwrap_or(&[])
    }
}

/// Per-project state while loading (an `include` gets its own).
pub(crate) struct Ctx {
    pub env: Environment,
    /// Canonical path → interpolated root, for `extends` lookups.
    pub extends_cache: HashMap<PathBuf, Option<Node>>,
    /// (canonical path, service) → service with its `extends` chain applied, and the chain's
    /// length.
    pub extends_resolved: HashMap<(PathBuf, String), (Node, usize)>,
    /// Canonical paths of the files whose `include:` is being processed.
    pub include_stack: Vec<PathBuf>,
}

pub(crate) struct Loader<'o> {
    pub opts: &'o LoadOptions,
    pub files: Vec<SourceFile>,
    pub diags: Vec<Diagnostic>,
    /// (file, variable) already warned about as unset: one warning per variable and file, at
    /// its first use, as Compose prints it once.
    pub warned_unset: std::collections::HashSet<(FileId, String)>,
}

/// Load a project from `files` (the `-f` list; empty for Compose's default discovery).
pub fn load_project(files: &[PathBuf], opts: &LoadOptions) -> Project {
    let mut l =
        Loader { opts, files: Vec::new(), diags: Vec::new(), warned_unset: Default::default() };
    // Where default files are searched; explicit relative paths (`-f`, `--env-file`) are
    // relative to `opts.working_dir` when given, else to the process's directory.
    let working_dir = opts
        .working_dir
        .clone()
        .or_else(|| opts.project_dir.clone())
        .unwrap_or_else(|| PathBuf::from("."));
    let files: Vec<PathBuf> = files.iter().map(|f| from_cwd(opts, f)).collect();
    let project_dir = match (&opts.project_dir, files.first()) {
        (Some(d), _) => d.clone(),
        (None, Some(f)) => parent_dir(f),
        (None, None) => working_dir.clone(),
    };

    let env = l.project_environment(&project_dir);
    let config_files = l.config_files(&files, &working_dir, &project_dir, &env);

    let mut ctx = Ctx {
        env,
        extends_cache: HashMap::new(),
        extends_resolved: HashMap::new(),
        include_stack: Vec::new(),
    };
    let mut model: Option<Node> = None;
    for (i, path) in config_files.iter().enumerate() {
        let role = if i == 0 { FileRole::Compose } else { FileRole::Override };
        let Some((id, mut root)) =
            l.load_compose_file(path, role, &project_dir, None, &mut ctx, true)
        else {
            continue;
        };
        model = Some(match model {
            None => root,
            Some(base) => {
                root.add_via(&Provenance::Override { file: l.display(id) });
                merge::merge(base, root, &[]).unwrap_or_else(|| empty_map(id))
            }
        });
    }
    let mut model = model.unwrap_or_else(|| empty_map(FileId(0)));
    merge::strip_merge_tags(&mut model);
    if let Some(m) = model.as_map_mut() {
        m.retain(|e| e.key != "include");
    }

    let name = project_name(opts, &ctx.env, &model, &project_dir);
    let enabled_profiles = enabled_profiles(opts, &ctx.env);
    let networks = l.network_defs(&model);
    let volumes = l.resource_defs(&model, "volumes");
    let secrets = l.resource_defs(&model, "secrets");
    let configs = l.resource_defs(&model, "configs");

    let mut services = Vec::new();
    if let Some(entries) = model.get("services").and_then(Node::as_map) {
        for e in entries {
            if !matches!(e.value.value, Value::Map(_)) {
                l.diag(
                    Level::Error,
                    Category::Structure,
                    e.key_mark,
                    format!("service `{}` must be a mapping", e.key),
                );
                continue;
            }
            let profiles: Vec<String> = e
                .value
                .get("profiles")
                .and_then(Node::as_seq)
                .unwrap_or(&[])
                .iter()
                .filter_map(Node::scalar_text)
                .collect();
            let active = profiles.is_empty()
                || profiles.iter().any(|p| enabled_profiles.iter().any(|q| q == p || q == "*"));
            let spec = l.normalize_service(&e.key, e.key_mark, &e.value, &ctx.env, &networks);
            services.push(Service {
                name: e.key.clone(),
                active,
                profiles,
                node: e.value.clone(),
                spec,
            });
        }
    } else if let Some(s) = model.entry("services")
        && !s.value.is_null()
    {
        l.diag(
            Level::Error,
            Category::Structure,
            s.key_mark,
            "`services` must be a mapping".to_string(),
        );
    }
    services.sort_by(|a, b| a.name.cmp(&b.name));

    let mut diagnostics = l.diags;
    diagnostics.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    diagnostics.dedup();
    Project {
        name,
        project_dir,
        config_files,
        files: l.files,
        model,
        services,
        networks,
        volumes,
        secrets,
        configs,
        enabled_profiles,
        environment: ctx.env,
        diagnostics,
    }
}

fn empty_map(file: FileId) -> Node {
    let p = Pos { line: 1, column: 1, offset: 0 };
    Node::new(Value::Map(Vec::new()), Mark { file, start: p, end: p })
}

fn from_cwd(opts: &LoadOptions, p: &Path) -> PathBuf {
    match &opts.working_dir {
        Some(wd) if p.is_relative() => wd.join(p),
        _ => p.to_path_buf(),
    }
}

fn parent_dir(p: &Path) -> PathBuf {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Lexical normalisation: drop `.`, fold `..` (no file-system access).
/// Fill in the file of `Provenance::Alias` positions in a freshly parsed document (aliases
/// never cross files).
fn name_alias_files(node: &mut Node, file: &str) {
    for p in &mut node.via {
        if let Provenance::Alias { at } = p
            && at.file.is_none()
        {
            at.file = Some(file.to_string());
        }
    }
    match &mut node.value {
        Value::Seq(items) => items.iter_mut().for_each(|n| name_alias_files(n, file)),
        Value::Map(entries) => {
            entries.iter_mut().for_each(|e| name_alias_files(&mut e.value, file))
        }
        _ => {}
    }
}

pub fn clean_path(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    if out.as_os_str().is_empty() { PathBuf::from(".") } else { out }
}

/// A stable identity for cycle detection and caches.
pub(crate) fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p)
        .unwrap_or_else(|_| clean_path(&std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())))
}

fn project_name(opts: &LoadOptions, env: &Environment, model: &Node, dir: &Path) -> String {
    let raw = opts
        .project_name
        .clone()
        .or_else(|| env.value("COMPOSE_PROJECT_NAME").filter(|s| !s.is_empty()).map(String::from))
        .or_else(|| model.get("name").and_then(Node::scalar_text))
        .unwrap_or_else(|| {
            let abs = std::path::absolute(dir)
                .map(|p| clean_path(&p))
                .unwrap_or_else(|_| dir.to_path_buf());
            abs.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
        });
    let norm: String = raw
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-')
        .collect();
    norm.trim_start_matches(['_', '-']).to_string()
}

fn enabled_profiles(opts: &LoadOptions, env: &Environment) -> Vec<String> {
    let mut out: Vec<String> = opts.profiles.clone();
    if let Some(p) = env.value("COMPOSE_PROFILES") {
        out.extend(p.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from));
    }
    out.sort();
    out.dedup();
    out
}

impl Loader<'_> {
    pub(crate) fn display(&self, id: FileId) -> String {
        self.files.get(id.0 as usize).map(|f| f.display.clone()).unwrap_or_default()
    }

    pub(crate) fn base_dir(&self, id: FileId) -> PathBuf {
        self.files
            .get(id.0 as usize)
            .map(|f| f.base_dir.clone())
            .unwrap_or_else(|| PathBuf::from("."))
    }

    /// Resolve a path written in the file of `mark` (relative to that file's base directory).
    pub(crate) fn resolve(&self, mark: Mark, p: &str) -> PathBuf {
        let path = Path::new(p);
        if path.is_absolute() || p.starts_with('~') {
            path.to_path_buf()
        } else {
            clean_path(&self.base_dir(mark.file).join(path))
        }
    }

    pub(crate) fn source_loc(&self, mark: Mark, path: &str) -> SourceLoc {
        SourceLoc {
            file: Some(self.display(mark.file)),
            line: mark.start.line,
            column: mark.start.column,
            end_line: mark.end.line,
            end_column: mark.end.column,
            bytes: Some(mark.start.offset..mark.end.offset.max(mark.start.offset)),
            path: path.to_string(),
        }
    }

    pub(crate) fn diag(&mut self, level: Level, category: Category, mark: Mark, message: String) {
        let file = self.display(mark.file);
        self.diags.push(Diagnostic {
            level,
            category,
            file: (!file.is_empty()).then_some(file),
            line: mark.start.line,
            column: mark.start.column,
            bytes: Some(mark.start.offset..mark.end.offset.max(mark.start.offset)),
            message,
            pointer: None,
        });
    }

    /// A problem with a whole file, or at a line of a file that has no YAML marks (env files).
    pub(crate) fn diag_path(
        &mut self,
        level: Level,
        category: Category,
        file: &str,
        line: u32,
        column: u32,
        message: String,
    ) {
        self.diags.push(Diagnostic {
            level,
            category,
            file: Some(file.to_string()),
            line,
            column,
            bytes: None,
            message,
            pointer: None,
        });
    }

    /// Read a file into the table. A missing file is reported at `referenced_at` (the key that
    /// names it) as a missing sibling file; the caller carries on without it.
    pub(crate) fn read_file(
        &mut self,
        path: &Path,
        role: FileRole,
        base_dir: &Path,
        referenced_at: Option<Mark>,
        what: &str,
    ) -> Option<FileId> {
        let display = clean_path(path).display().to_string();
        let text = match std::fs::metadata(path) {
            Err(_) => {
                let msg = format!("missing sibling file: {what} `{display}` does not exist");
                match referenced_at {
                    Some(m) => self.diag(Level::Error, Category::MissingFile, m, msg),
                    None => {
                        self.diag_path(Level::Error, Category::MissingFile, &display, 0, 0, msg)
                    }
                }
                return None;
            }
            Ok(md) if md.is_dir() => {
                let msg = format!("{what} `{display}` is a directory");
                match referenced_at {
                    Some(m) => self.diag(Level::Error, Category::Io, m, msg),
                    None => self.diag_path(Level::Error, Category::Io, &display, 0, 0, msg),
                }
                return None;
            }
            Ok(md) if md.len() > self.opts.limits.max_file_bytes as u64 => {
                let msg = format!(
                    "{what} is {} bytes, more than the {} bytes allowed",
                    md.len(),
                    self.opts.limits.max_file_bytes
                );
                self.diag_path(Level::Error, Category::Limit, &display, 0, 0, msg);
                return None;
            }
            Ok(_) => match std::fs::read(path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(t) => t,
                    Err(_) => {
                        self.diag_path(
                            Level::Error,
                            Category::Io,
                            &display,
                            0,
                            0,
                            format!("{what} is not UTF-8 text"),
                        );
                        return None;
                    }
                },
                Err(e) => {
                    self.diag_path(
                        Level::Error,
                        Category::Io,
                        &display,
                        0,
                        0,
                        format!("cannot read {what}: {e}"),
                    );
                    return None;
                }
            },
        };
        let suppressions = if matches!(role, FileRole::DotEnv | FileRole::EnvFile) {
            Vec::new()
        } else {
            suppression_comments(&text)
        };
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(SourceFile {
            path: path.to_path_buf(),
            display,
            base_dir: base_dir.to_path_buf(),
            role,
            text,
            suppressions,
        });
        Some(id)
    }

    /// The variables for interpolation: env files (`--env-file` or the project `.env`), then
    /// the process environment on top.
    fn project_environment(&mut self, project_dir: &Path) -> Environment {
        let mut process = Environment::new();
        for (k, v) in &self.opts.env {
            process.insert(k.clone(), v.clone(), VariableSource::Environment);
        }
        let explicit = !self.opts.env_files.is_empty();
        let env_files: Vec<PathBuf> = if explicit {
            self.opts.env_files.iter().map(|p| from_cwd(self.opts, p)).collect()
        } else {
            let p = project_dir.join(".env");
            if p.is_file() { vec![p] } else { Vec::new() }
        };
        let mut env = Environment::new();
        for path in env_files {
            let Some(id) = self.read_file(&path, FileRole::DotEnv, project_dir, None, "env file")
            else {
                continue;
            };
            let display = self.display(id);
            let source = if explicit {
                VariableSource::EnvFile { file: display.clone() }
            } else {
                VariableSource::DotEnv { file: display.clone() }
            };
            // Earlier env files are visible to later ones.
            let mut lookup = process.clone();
            for (k, (v, s)) in env.iter() {
                if lookup.get(k).is_none() {
                    lookup.insert(k.clone(), v.clone(), s.clone());
                }
            }
            let text = self.files[id.0 as usize].text.clone();
            let parsed = dotenv::parse(&text, &lookup, &source);
            self.report_dotenv(&display, &parsed);
            for e in parsed.entries {
                env.insert(e.key, e.value, source.clone());
            }
        }
        for (k, (v, s)) in process.iter() {
            env.insert(k.clone(), v.clone(), s.clone());
        }
        env
    }

    pub(crate) fn report_dotenv(&mut self, display: &str, parsed: &dotenv::DotEnv) {
        for e in &parsed.errors {
            self.diag_path(
                Level::Error,
                Category::EnvFile,
                display,
                e.line,
                e.column,
                e.message.clone(),
            );
        }
        for (line, var) in &parsed.missing {
            self.diag_path(
                Level::Warning,
                Category::Interpolation,
                display,
                *line,
                1,
                format!("variable `{var}` is not set; defaulting to a blank string"),
            );
        }
    }

    /// The compose files: `-f`, else `COMPOSE_FILE`, else the default names (+ override).
    fn config_files(
        &mut self,
        files: &[PathBuf],
        working_dir: &Path,
        project_dir: &Path,
        env: &Environment,
    ) -> Vec<PathBuf> {
        if !files.is_empty() {
            return files.to_vec();
        }
        if let Some(list) = env.value("COMPOSE_FILE").filter(|s| !s.is_empty()) {
            let sep =
                env.value("COMPOSE_PATH_SEPARATOR").and_then(|s| s.chars().next()).unwrap_or(':');
            return list
                .split(sep)
                .filter(|s| !s.is_empty())
                .map(|f| {
                    let p = PathBuf::from(f);
                    if p.is_absolute() { p } else { project_dir.join(p) }
                })
                .collect();
        }
        let mut out = Vec::new();
        if let Some(main) = DEFAULT_FILES.iter().map(|n| working_dir.join(n)).find(|p| p.is_file())
        {
            out.push(main);
            if let Some(o) =
                DEFAULT_OVERRIDE_FILES.iter().map(|n| working_dir.join(n)).find(|p| p.is_file())
            {
                out.push(o);
            }
        } else {
            let d = clean_path(working_dir).display().to_string();
            self.diag_path(
                Level::Error,
                Category::MissingFile,
                &d,
                0,
                0,
                format!("no compose file found in `{d}` (looked for {})", DEFAULT_FILES.join(", ")),
            );
        }
        out
    }

    /// Read, parse, interpolate, validate one compose file, then apply its `include` and
    /// `extends`. Returns its root mapping.
    pub(crate) fn load_compose_file(
        &mut self,
        path: &Path,
        role: FileRole,
        base_dir: &Path,
        referenced_at: Option<Mark>,
        ctx: &mut Ctx,
        process_include: bool,
    ) -> Option<(FileId, Node)> {
        let id = self.read_file(path, role, base_dir, referenced_at, "compose file")?;
        let mut root = self.parse_file(id)?;
        self.legacy_v1_services(&mut root);
        self.interpolate_tree(&mut root, &ctx.env);
        if self.opts.validate_schema {
            for v in schema::validate(&root) {
                self.diag(Level::Error, Category::Schema, v.mark, v.message);
                if let Some(d) = self.diags.last_mut() {
                    d.pointer = Some(v.pointer);
                }
            }
        }
        if process_include {
            self.apply_include(id, path, &mut root, ctx);
        }
        ctx.extends_cache.insert(canonical(path), Some(root.clone()));
        self.apply_extends(id, path, &mut root, ctx);
        Some((id, root))
    }

    /// Compose file format v1 put services at the top level. Compose v2 refuses such files;
    /// the problem is reported once (DW002) and the services are moved under `services:` so
    /// that they are still audited.
    fn legacy_v1_services(&mut self, root: &mut Node) {
        const TOP: [&str; 9] = [
            "version", "name", "include", "services", "networks", "volumes", "secrets", "configs",
            "models",
        ];
        let Some(entries) = root.as_map_mut() else {
            return;
        };
        if entries.iter().any(|e| e.key == "services") {
            return;
        }
        let legacy = |e: &yaml::Entry| {
            !TOP.contains(&e.key.as_str())
                && !e.key.starts_with("x-")
                && matches!(e.value.value, Value::Map(_))
        };
        if !entries.iter().any(|e| {
            legacy(e) && (e.value.get("image").is_some() || e.value.get("build").is_some())
        }) {
            return;
        }
        let (moved, kept): (Vec<yaml::Entry>, Vec<yaml::Entry>) =
            std::mem::take(entries).into_iter().partition(|e| legacy(e));
        *entries = kept;
        let first = moved[0].key_mark;
        let names: Vec<String> = moved.iter().take(5).map(|e| format!("`{}`", e.key)).collect();
        let more = if moved.len() > 5 { ", ..." } else { "" };
        entries.push(yaml::Entry {
            key: "services".into(),
            key_mark: first,
            value: Node::new(Value::Map(moved), first),
        });
        self.diag(
            Level::Error,
            Category::Schema,
            first,
            format!(
                "Compose file format v1: services {}{more} are written at the top level, which Compose v2 refuses; put them under `services:`",
                names.join(", ")
            ),
        );
    }

    /// YAML → one root mapping (several documents are merged in order).
    fn parse_file(&mut self, id: FileId) -> Option<Node> {
        let text = std::mem::take(&mut self.files[id.0 as usize].text);
        let parsed = yaml::parse(&text, id, &self.opts.limits);
        self.files[id.0 as usize].text = text;
        let parsed = match parsed {
            Ok(p) => p,
            Err(e) => {
                let category = match e.kind {
                    YamlErrorKind::Syntax => Category::Syntax,
                    YamlErrorKind::Limit => Category::Limit,
                    YamlErrorKind::Structure => Category::Structure,
                };
                let mark = Mark { file: id, start: e.pos, end: e.pos };
                self.diag(Level::Error, category, mark, e.message);
                return None;
            }
        };
        for e in parsed.errors {
            self.diag(
                Level::Error,
                Category::Structure,
                Mark { file: id, start: e.pos, end: e.pos },
                e.message,
            );
        }
        let mut root: Option<Node> = None;
        let display = self.display(id);
        for mut doc in parsed.documents {
            // The YAML layer knows files only by id: name the file of every alias here, once,
            // so provenance everywhere (model and raw tree) says where the anchor was used.
            name_alias_files(&mut doc, &display);
            if doc.is_null() {
                continue;
            }
            if !matches!(doc.value, Value::Map(_)) {
                self.diag(
                    Level::Error,
                    Category::Structure,
                    doc.mark,
                    "the top level of a compose file must be a mapping".into(),
                );
                return None;
            }
            root = Some(match root {
                None => doc,
                Some(base) => merge::merge(base, doc, &[]).unwrap_or_else(|| empty_map(id)),
            });
        }
        match root {
            Some(r) => Some(r),
            None => {
                let p = Pos { line: 1, column: 1, offset: 0 };
                self.diag(
                    Level::Warning,
                    Category::Empty,
                    Mark { file: id, start: p, end: p },
                    "empty compose file".into(),
                );
                Some(empty_map(id))
            }
        }
    }

    /// Interpolate every value (never keys) of the tree.
    pub(crate) fn interpolate_tree(&mut self, node: &mut Node, env: &Environment) {
        match &mut node.value {
            Value::Str(s) if s.contains('$') => match interpolate(s, env) {
                Ok(r) => {
                    *s = r.value;
                    for sub in r.substitutions {
                        let p =
                            Provenance::Interpolated { variable: sub.variable, source: sub.source };
                        if !node.via.contains(&p) {
                            node.via.push(p);
                        }
                    }
                    for m in r.missing {
                        if !self.warned_unset.insert((node.mark.file, m.clone())) {
                            continue;
                        }
                        self.diag(
                            Level::Warning,
                            Category::Interpolation,
                            node.mark,
                            format!("variable `{m}` is not set; defaulting to a blank string"),
                        );
                    }
                }
                Err(e) => {
                    let msg = match &e {
                        InterpolationError::Required { .. } => e.to_string(),
                        InterpolationError::Invalid { .. } => e.to_string(),
                    };
                    self.diag(Level::Error, Category::Interpolation, node.mark, msg);
                }
            },
            Value::Seq(items) => items.iter_mut().for_each(|n| self.interpolate_tree(n, env)),
            Value::Map(entries) => {
                entries.iter_mut().for_each(|e| self.interpolate_tree(&mut e.value, env))
            }
            _ => {}
        }
    }
}

/// Find `# ...` comments (outside quotes) and keep those that are suppression directives.
pub fn suppression_comments(text: &str) -> Vec<SuppressionComment> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(pos) = comment_start(line) else {
            continue;
        };
        let Some(directive) = Directive::parse(&line[pos + 1..]) else {
            continue;
        };
        let own_line = line[..pos].trim().is_empty();
        let applies_to = if own_line {
            lines
                .iter()
                .enumerate()
                .skip(i + 1)
                .find(|(_, l)| {
                    let t = l.trim();
                    !t.is_empty() && !t.starts_with('#')
                })
                .map(|(j, _)| j + 1)
                .unwrap_or(i + 1)
        } else {
            i + 1
        };
        out.push(SuppressionComment {
            line: (i + 1) as u32,
            applies_to_line: applies_to as u32,
            directive,
        });
    }
    out
}

fn comment_start(line: &str) -> Option<usize> {
    let (mut single, mut double) = (false, false);
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single && prev != '\\' => double = !double,
            '#' if !single && !double && (prev == ' ' || prev == '\t' || i == 0) => return Some(i),
            _ => {}
        }
        prev = c;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suppression_lines() {
        let t = "services:\n  # dockward: ignore[DW502] needed\n\n  web:\n    privileged: true # dockward: ignore[DW502]\n    image: \"a # b\"\n";
        let s = suppression_comments(t);
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].line, s[0].applies_to_line), (2, 4));
        assert_eq!((s[1].line, s[1].applies_to_line), (5, 5));
    }

    #[test]
    fn paths() {
        assert_eq!(clean_path(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
        assert_eq!(clean_path(Path::new("./x")), PathBuf::from("x"));
        assert_eq!(clean_path(Path::new("../x")), PathBuf::from("../x"));
    }
}
