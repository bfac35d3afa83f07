//! `include`: a compose file brings in other compose projects.
//!
//! Each entry is a path, or `{path: <path or list>, project_directory, env_file}`. The included
//! files are loaded as a project of their own — their relative paths resolved against its
//! project directory, their variables from its env files on top of the including project's —
//! and their services, networks, volumes, secrets, configs and models are added to the
//! including file. A resource defined on both sides is a conflict (Compose refuses it); it is
//! reported at the include entry and the including file's definition is kept. Includes nest;
//! a cycle is reported at the entry that closes it. Included values carry
//! `Provenance::Included`.

use std::path::{Path, PathBuf};

use dockward_spec::{Provenance, VariableSource};

use crate::diag::{Category, Level};
use crate::dotenv;
use crate::merge;
use crate::project::{Ctx, FileRole, Loader, canonical, clean_path};
use crate::yaml::{Entry, FileId, Mark, Node, Value};

/// Deepest `include` nesting followed.
const MAX_INCLUDE_DEPTH: usize = 32;

const RESOURCES: [&str; 6] = ["services", "networks", "volumes", "secrets", "configs", "models"];

struct IncludeEntry {
    paths: Vec<(String, Mark)>,
    project_directory: Option<(String, Mark)>,
    env_files: Vec<(String, Mark)>,
    mark: Mark,
}

impl Loader<'_> {
    pub(crate) fn apply_include(
        &mut self,
        file: FileId,
        path: &Path,
        root: &mut Node,
        ctx: &mut Ctx,
    ) {
        let Some(inc) = root.entry("include").cloned() else {
            return;
        };
        let items: Vec<Node> = match &inc.value.value {
            Value::Seq(items) => items.clone(),
            Value::Null => Vec::new(),
            _ => {
                self.diag(
                    Level::Error,
                    Category::Include,
                    inc.key_mark,
                    "`include` must be a list".into(),
                );
                return;
            }
        };
        if ctx.include_stack.len() >= MAX_INCLUDE_DEPTH {
            self.diag(
                Level::Error,
                Category::Include,
                inc.key_mark,
                format!("includes nested deeper than {MAX_INCLUDE_DEPTH} levels"),
            );
            return;
        }
        let me = canonical(path);
        for item in items {
            let Some(entry) = self.include_entry(&item) else {
                continue;
            };
            let mut included: Option<Node> = None;
            let first = entry.paths.first().map(|(p, m)| self.resolve(*m, p));
            let Some(first) = first else { continue };
            let project_dir = match &entry.project_directory {
                Some((d, m)) => self.resolve(*m, d),
                None => first.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from(".")),
            };
            let env = self.include_environment(&entry, &project_dir, ctx);
            let mut stack = ctx.include_stack.clone();
            stack.push(me.clone());
            let mut sub = Ctx {
                env,
                extends_cache: Default::default(),
                extends_resolved: Default::default(),
                include_stack: stack,
            };
            for (p, m) in &entry.paths {
                let target = self.resolve(*m, p);
                let key = canonical(&target);
                if sub.include_stack.contains(&key) {
                    self.diag(
                        Level::Error,
                        Category::Include,
                        *m,
                        format!(
                            "include cycle: `{}` is already being included",
                            clean_path(&target).display()
                        ),
                    );
                    continue;
                }
                let Some((id, mut r)) = self.load_compose_file(
                    &target,
                    FileRole::Include,
                    &project_dir,
                    Some(*m),
                    &mut sub,
                    true,
                ) else {
                    continue;
                };
                included = Some(match included {
                    None => r,
                    Some(base) => {
                        r.add_via(&Provenance::Override { file: self.display(id) });
                        merge::merge(base, r, &[]).unwrap_or(base_empty(id))
                    }
                });
            }
            let Some(mut included) = included else {
                continue;
            };
            included.add_via(&Provenance::Included { file: self.display(file) });
            self.add_included(root, included, entry.mark);
        }
    }

    fn include_entry(&mut self, item: &Node) -> Option<IncludeEntry> {
        let strings = |n: &Node| -> Vec<(String, Mark)> {
            match &n.value {
                Value::Seq(items) => {
                    items.iter().filter_map(|i| i.scalar_text().map(|t| (t, i.mark))).collect()
                }
                _ => n.scalar_text().map(|t| vec![(t, n.mark)]).unwrap_or_default(),
            }
        };
        match &item.value {
            Value::Str(s) => Some(IncludeEntry {
                paths: vec![(s.clone(), item.mark)],
                project_directory: None,
                env_files: Vec::new(),
                mark: item.mark,
            }),
            Value::Map(_) => {
                let paths = item.get("path").map(strings).unwrap_or_default();
                if paths.is_empty() {
                    self.diag(
                        Level::Error,
                        Category::Include,
                        item.mark,
                        "include entry needs a `path`".into(),
                    );
                    return None;
                }
                Some(IncludeEntry {
                    paths,
                    project_directory: item
                        .get("project_directory")
                        .and_then(|n| n.scalar_text().map(|t| (t, n.mark))),
                    env_files: item.get("env_file").map(strings).unwrap_or_default(),
                    mark: item.mark,
                })
            }
            _ => {
                self.diag(
                    Level::Error,
                    Category::Include,
                    item.mark,
                    "include entry must be a path or a mapping".into(),
                );
                None
            }
        }
    }

    /// The including project's variables, plus the included project's env files for names not
    /// already set.
    fn include_environment(
        &mut self,
        entry: &IncludeEntry,
        project_dir: &Path,
        ctx: &Ctx,
    ) -> crate::interpolate::Environment {
        let mut env = ctx.env.clone();
        let files: Vec<(PathBuf, Option<Mark>)> = if entry.env_files.is_empty() {
            let p = project_dir.join(".env");
            if p.is_file() { vec![(p, None)] } else { Vec::new() }
        } else {
            entry.env_files.iter().map(|(f, m)| (self.resolve(*m, f), Some(*m))).collect()
        };
        for (p, m) in files {
            let Some(id) = self.read_file(&p, FileRole::DotEnv, project_dir, m, "env file") else {
                continue;
            };
            let display = self.display(id);
            let text = self.files[id.0 as usize].text.clone();
            let source = VariableSource::DotEnv { file: display.clone() };
            let parsed = dotenv::parse(&text, &env, &source);
            self.report_dotenv(&display, &parsed);
            for e in parsed.entries {
                if env.get(&e.key).is_none() {
                    env.insert(e.key, e.value, source.clone());
                }
            }
        }
        env
    }

    fn add_included(&mut self, root: &mut Node, included: Node, at: Mark) {
        let Value::Map(sections) = included.value else {
            return;
        };
        for section in sections {
            if !RESOURCES.contains(&section.key.as_str()) {
                continue;
            }
            let Value::Map(items) = section.value.value.clone() else {
                continue;
            };
            let Some(root_map) = root.as_map_mut() else {
                return;
            };
            let target = match root_map.iter_mut().position(|e| e.key == section.key) {
                Some(i) => &mut root_map[i],
                None => {
                    root_map.push(Entry {
                        key: section.key.clone(),
                        key_mark: section.key_mark,
                        value: Node { value: Value::Map(Vec::new()), ..section.value.clone() },
                    });
                    let last = root_map.len() - 1;
                    &mut root_map[last]
                }
            };
            if target.value.is_null() {
                target.value.value = Value::Map(Vec::new());
            }
            let Value::Map(existing) = &mut target.value.value else {
                continue;
            };
            let mut conflicts = Vec::new();
            for item in items {
                if existing.iter().any(|e| e.key == item.key) {
                    conflicts.push(item.key.clone());
                } else {
                    existing.push(item);
                }
            }
            for c in conflicts {
                self.diag(
                    Level::Error,
                    Category::Include,
                    at,
                    format!(
                        "{}.{c} conflicts with a resource of the same name imported by include",
                        section.key
                    ),
                );
            }
        }
    }
}

fn base_empty(id: FileId) -> Node {
    let p = crate::yaml::Pos { line: 1, column: 1, offset: 0 };
    Node::new(Value::Map(Vec::new()), Mark { file: id, start: p, end: p })
}
