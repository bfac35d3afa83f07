//! `extends`: a service inherits from another service, in the same file or in another one.
//!
//! `extends: base` and `extends: {service: base}` name a service of the same file;
//! `extends: {service: base, file: other.yaml}` one of another file, read with the same
//! variables, its relative paths resolved against its own directory (each node keeps the file
//! it was written in, so normalisation resolves them correctly). Chains are followed
//! recursively; a cycle is reported at the `extends` key that closes it and the chain is cut
//! there. The inherited values carry `Provenance::Extends`, so a finding on an inherited
//! `privileged: true` can say which base service and file it came from.

use std::path::{Path, PathBuf};

use dockward_spec::Provenance;

use crate::diag::{Category, Level};
use crate::merge;
use crate::project::{Ctx, FileRole, Loader, canonical};
use crate::yaml::{FileId, Mark, Node, Value};

/// Longest `extends` chain followed; deeper is hostile (and would exhaust the stack).
const MAX_EXTENDS_DEPTH: usize = 64;

impl Loader<'_> {
    /// Resolve `extends` for every service of `root` (the file at `path`).
    pub(crate) fn apply_extends(
        &mut self,
        file: FileId,
        path: &Path,
        root: &mut Node,
        ctx: &mut Ctx,
    ) {
        let key = canonical(path);
        let names: Vec<String> = match root.get("services").and_then(Node::as_map) {
            Some(entries) => entries
                .iter()
                .filter(|e| e.value.get("extends").is_some())
                .map(|e| e.key.clone())
                .collect(),
            None => return,
        };
        for name in names {
            let mut stack = Vec::new();
            if let Some((resolved, _)) = self.resolve_service(file, &key, &name, ctx, &mut stack)
                && let Some(slot) = root.get_mut("services").and_then(|s| s.get_mut(&name))
            {
                *slot = resolved;
            }
        }
    }

    /// The service `name` of the file `key` with its `extends` chain applied (memoised, so
    /// that long chains shared by many services are resolved once), and the chain's length.
    fn resolve_service(
        &mut self,
        file: FileId,
        key: &PathBuf,
        name: &str,
        ctx: &mut Ctx,
        stack: &mut Vec<(PathBuf, String)>,
    ) -> Option<(Node, usize)> {
        let memo_key = (key.clone(), name.to_string());
        if let Some(n) = ctx.extends_resolved.get(&memo_key) {
            return Some(n.clone());
        }
        let n = self.resolve_service_uncached(file, key, name, ctx, stack)?;
        ctx.extends_resolved.insert(memo_key, n.clone());
        Some(n)
    }

    fn resolve_service_uncached(
        &mut self,
        file: FileId,
        key: &PathBuf,
        name: &str,
        ctx: &mut Ctx,
        stack: &mut Vec<(PathBuf, String)>,
    ) -> Option<(Node, usize)> {
        let svc = ctx.extends_cache.get(key)?.as_ref()?.get("services")?.get(name)?.clone();
        let Some(ext) = svc.entry("extends").cloned() else {
            return Some((svc, 0));
        };
        let mut svc = svc;
        if let Some(m) = svc.as_map_mut() {
            m.retain(|e| e.key != "extends");
        }
        let (base_name, base_name_mark, base_file) = match &ext.value.value {
            Value::Str(s) => (s.clone(), ext.value.mark, None),
            Value::Map(_) => {
                let Some(s) = ext.value.get("service").and_then(Node::scalar_text) else {
                    self.diag(
                        Level::Error,
                        Category::Extends,
                        ext.key_mark,
                        format!("extends of service `{name}` needs a `service`"),
                    );
                    return Some((svc, 0));
                };
                let mark = ext.value.get("service").map(|n| n.mark).unwrap_or(ext.key_mark);
                let f = ext.value.get("file").and_then(|n| n.scalar_text().map(|t| (t, n.mark)));
                (s, mark, f)
            }
            _ => {
                self.diag(
                    Level::Error,
                    Category::Extends,
                    ext.key_mark,
                    format!("invalid extends in service `{name}`"),
                );
                return Some((svc, 0));
            }
        };

        if stack.len() >= MAX_EXTENDS_DEPTH {
            self.diag(
                Level::Error,
                Category::Extends,
                ext.key_mark,
                format!(
                    "extends chain of service `{name}` is longer than {MAX_EXTENDS_DEPTH} services"
                ),
            );
            return Some((svc, 0));
        }
        stack.push((key.clone(), name.to_string()));
        let (target_key, target_file) = match &base_file {
            None => (key.clone(), file),
            Some((f, mark)) => {
                let p = self.resolve(*mark, f);
                let k = canonical(&p);
                if !ctx.extends_cache.contains_key(&k) {
                    // Mark as being loaded first, so that a file extending itself through a
                    // chain does not recurse forever.
                    ctx.extends_cache.insert(k.clone(), None);
                    let base_dir =
                        p.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
                    let loaded = self.load_compose_file(
                        &p,
                        FileRole::Extends,
                        &base_dir,
                        Some(*mark),
                        ctx,
                        false,
                    );
                    if loaded.is_none() {
                        ctx.extends_cache.insert(k.clone(), None);
                    }
                }
                let fid = self
                    .files
                    .iter()
                    .rposition(|sf| canonical(&sf.path) == k)
                    .map(|i| FileId(i as u32))
                    .unwrap_or(file);
                (k, fid)
            }
        };
        if stack.iter().any(|(k, n)| k == &target_key && n == &base_name) {
            let chain: Vec<String> =
                stack.iter().map(|(_, n)| n.clone()).chain([base_name.clone()]).collect();
            self.diag(
                Level::Error,
                Category::Extends,
                ext.key_mark,
                format!("extends cycle: {}", chain.join(" → ")),
            );
            stack.pop();
            return Some((svc, 0));
        }
        let exists = ctx
            .extends_cache
            .get(&target_key)
            .and_then(|r| r.as_ref())
            .and_then(|r| r.get("services"))
            .and_then(|s| s.get(&base_name))
            .is_some();
        let loaded = ctx.extends_cache.get(&target_key).is_some_and(Option::is_some);
        if !exists {
            if loaded || base_file.is_none() {
                let where_ =
                    base_file.as_ref().map(|(f, _)| format!(" in `{f}`")).unwrap_or_default();
                self.diag(
                    Level::Error,
                    Category::Extends,
                    base_name_mark,
                    format!("service `{name}` extends `{base_name}`, which is not defined{where_}"),
                );
            }
            stack.pop();
            return Some((svc, 0));
        }
        let base = self.resolve_service(target_file, &target_key, &base_name, ctx, stack);
        stack.pop();
        let Some((mut base, depth)) = base else {
            return Some((svc, 0));
        };
        if depth + 1 > MAX_EXTENDS_DEPTH {
            self.diag(
                Level::Error,
                Category::Extends,
                ext.key_mark,
                format!(
                    "extends chain of service `{name}` is longer than {MAX_EXTENDS_DEPTH} services"
                ),
            );
            return Some((svc, 0));
        }
        if let Some(m) = base.as_map_mut() {
            m.retain(|e| e.key != "extends");
        }
        let file_display = match &base_file {
            Some(_) => self.display(target_file),
            None => self.display(file),
        };
        base.add_via(&Provenance::Extends { service: base_name, file: file_display });
        let merged = merge::merge(base, svc, &["services", name]);
        Some((
            merged.unwrap_or_else(|| {
                Node::new(Value::Map(Vec::new()), Mark { file, ..ext.key_mark })
            }),
            depth + 1,
        ))
    }
}
