//! Merging Compose trees: several `-f` files, `compose.override.yaml`, and `extends`.
//!
//! The rules are those of the Compose Specification's `merge.md` (as compose-go implements
//! them), because a security finding about a merged project must describe the project Compose
//! would actually run:
//! - mappings merge recursively, the later file winning on scalars;
//! - sequences are appended, except:
//!   - `command`, `entrypoint`, `healthcheck.test` are replaced;
//!   - `environment`, `labels`, `annotations`, `sysctls`, `build.args`, `build.labels`,
//!     `deploy.labels`, `extra_hosts` merge by key, in map or `KEY=VALUE` list form;
//!   - `ports`, `volumes`, `secrets`, `configs`, `expose` are unique by their key (target
//!     path, port binding): a later entry replaces an earlier one with the same key;
//!   - `cap_add`, `cap_drop`, `dns*`, `env_file`, `tmpfs`, `security_opt`, `links`, ... are
//!     de-duplicated;
//!   - service `networks` and `depends_on` merge as mappings whatever form each file uses;
//!   - `logging` merges only when both files name the same driver (else replaced);
//!   - `build: ctx` is read as `build: {context: ctx}` before merging;
//! - `!reset` removes the inherited value; `!override` replaces it instead of merging.
//!
//! Every node keeps its own mark, so after a merge each value still points at the file and
//! line that wrote it.

use crate::yaml::{Entry, Node, Tag, Value};

/// How a key path is merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    Replace,
    KeyValue,
    UniqueBy(KeyKind),
    Dedup,
    AsMapping,
    Logging,
    Build,
    Default,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyKind {
    Port,
    VolumeTarget,
    FileTarget(&'static str),
    Text,
}

fn rule_for(path: &[&str]) -> Rule {
    match path {
        ["services", _, "command" | "entrypoint"] => Rule::Replace,
        ["services", _, "healthcheck", "test"] => Rule::Replace,
        ["services", _, "environment" | "labels" | "annotations" | "sysctls" | "extra_hosts"] => {
            Rule::KeyValue
        }
        ["services", _, "build", "args" | "labels" | "extra_hosts" | "additional_contexts"] => {
            Rule::KeyValue
        }
        ["services", _, "deploy", "labels"] => Rule::KeyValue,
        ["networks" | "volumes", _, "labels"] => Rule::KeyValue,
        ["services", _, "ports"] => Rule::UniqueBy(KeyKind::Port),
        ["services", _, "volumes"] => Rule::UniqueBy(KeyKind::VolumeTarget),
        ["services", _, "secrets"] => Rule::UniqueBy(KeyKind::FileTarget("/run/secrets/")),
        ["services", _, "configs"] => Rule::UniqueBy(KeyKind::FileTarget("/")),
        ["services", _, "expose"] => Rule::UniqueBy(KeyKind::Text),
        [
            "services",
            _,
            "cap_add"
            | "cap_drop"
            | "dns"
            | "dns_opt"
            | "dns_search"
            | "env_file"
            | "tmpfs"
            | "security_opt"
            | "links"
            | "external_links"
            | "profiles"
            | "group_add"
            | "device_cgroup_rules"
            | "volumes_from"
            | "devices",
        ] => Rule::Dedup,
        ["services", _, "networks" | "depends_on"] => Rule::AsMapping,
        ["services", _, "logging"] => Rule::Logging,
        ["services", _, "build"] => Rule::Build,
        _ => Rule::Default,
    }
}

/// Merge `over` into `base` at `path`. `None` means the value is removed (`!reset`).
pub fn merge(base: Node, over: Node, path: &[&str]) -> Option<Node> {
    match over.tag {
        Some(Tag::Reset) => return None,
        Some(Tag::Override) => return Some(clear_tag(over)),
        _ => {}
    }
    if path.last().is_some_and(|k| k.starts_with("x-")) {
        return Some(over);
    }
    match rule_for(path) {
        Rule::Replace => Some(over),
        Rule::KeyValue => Some(merge_key_value(base, over)),
        Rule::UniqueBy(kind) => Some(merge_unique(base, over, kind)),
        Rule::Dedup => Some(merge_dedup(base, over)),
        Rule::AsMapping => Some(merge_maps(as_mapping(base), as_mapping(over), path)),
        Rule::Logging => {
            let bd = base.get("driver").and_then(Node::scalar_text);
            let od = over.get("driver").and_then(Node::scalar_text);
            if bd.is_some() && od.is_some() && bd != od {
                Some(over)
            } else {
                Some(merge_default(base, over, path))
            }
        }
        Rule::Build => Some(merge_default(build_as_mapping(base), build_as_mapping(over), path)),
        Rule::Default => Some(merge_default(base, over, path)),
    }
}

fn clear_tag(mut n: Node) -> Node {
    n.tag = None;
    n
}

fn merge_default(base: Node, over: Node, path: &[&str]) -> Node {
    let (bs, os) = (base.clone_shell(), over.clone_shell());
    match (base.value, over.value) {
        (Value::Map(b), Value::Map(o)) => merge_maps(
            Node { value: Value::Map(b), ..bs },
            Node { value: Value::Map(o), ..os },
            path,
        ),
        (Value::Seq(mut b), Value::Seq(o)) => {
            b.extend(o);
            Node { value: Value::Seq(b), ..bs }
        }
        (_, ov) => Node { value: ov, ..os },
    }
}

impl Node {
    /// The node without its value (mark, tag, provenance), to rebuild it with a new value.
    fn clone_shell(&self) -> Node {
        Node {
            value: Value::Null,
            mark: self.mark,
            tag: self.tag.clone(),
            quoted: self.quoted,
            via: self.via.clone(),
        }
    }
}

/// Merge two mappings entry by entry.
pub fn merge_maps(base: Node, over: Node, path: &[&str]) -> Node {
    let shell = base.clone_shell();
    let (Value::Map(mut entries), Value::Map(over_entries)) = (base.value, over.value) else {
        return Node { value: Value::Null, ..shell };
    };
    for oe in over_entries {
        match entries.iter().position(|e| e.key == oe.key) {
            Some(i) => {
                let be = entries.remove(i);
                let mut p: Vec<&str> = path.to_vec();
                p.push(&oe.key);
                let replaced = !matches!(
                    (&be.value.value, &oe.value.value),
                    (Value::Map(_), Value::Map(_)) | (Value::Seq(_), Value::Seq(_))
                );
                let key_mark = if replaced { oe.key_mark } else { be.key_mark };
                if let Some(v) = merge(be.value, oe.value, &p) {
                    entries.insert(i, Entry { key: oe.key, key_mark, value: v });
                }
            }
            None => {
                if oe.value.tag != Some(Tag::Reset) {
                    entries.push(Entry { value: clear_override(oe.value), ..oe });
                }
            }
        }
    }
    Node { value: Value::Map(entries), ..shell }
}

fn clear_override(mut n: Node) -> Node {
    if n.tag == Some(Tag::Override) {
        n.tag = None;
    }
    n
}

/// `build: ./dir` is `build: {context: ./dir}`.
fn build_as_mapping(n: Node) -> Node {
    match &n.value {
        Value::Str(_) => {
            let mark = n.mark;
            Node {
                value: Value::Map(vec![Entry {
                    key: "context".into(),
                    key_mark: mark,
                    value: n.clone(),
                }]),
                ..n.clone_shell()
            }
        }
        _ => n,
    }
}

/// A list of names (`networks: [a, b]`, `depends_on: [db]`) as a mapping of names to null.
pub fn as_mapping(n: Node) -> Node {
    let shell = n.clone_shell();
    match n.value {
        Value::Seq(items) => {
            let entries = items
                .into_iter()
                .filter_map(|i| {
                    let key = i.scalar_text()?;
                    Some(Entry {
                        key,
                        key_mark: i.mark,
                        value: Node { value: Value::Null, ..i.clone_shell() },
                    })
                })
                .collect();
            Node { value: Value::Map(entries), ..shell }
        }
        v => Node { value: v, ..shell },
    }
}

/// One `KEY=VALUE` / `KEY` item or mapping entry as (key, key mark, value).
pub fn key_value_entries(n: &Node) -> Vec<Entry> {
    match &n.value {
        Value::Map(entries) => entries.clone(),
        Value::Seq(items) => items
            .iter()
            .filter_map(|i| {
                let text = i.scalar_text()?;
                let (k, v) = match text.split_once('=') {
                    Some((k, v)) => (k.to_string(), Value::Str(v.to_string())),
                    None => (text.clone(), Value::Null),
                };
                Some(Entry {
                    key: k,
                    key_mark: i.mark,
                    value: Node { value: v, quoted: true, ..i.clone_shell() },
                })
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn merge_key_value(base: Node, over: Node) -> Node {
    let mut entries = key_value_entries(&base);
    for oe in key_value_entries(&over) {
        if oe.value.tag == Some(Tag::Reset) {
            entries.retain(|e| e.key != oe.key);
            continue;
        }
        match entries.iter_mut().find(|e| e.key == oe.key) {
            Some(e) => *e = oe,
            None => entries.push(oe),
        }
    }
    Node { value: Value::Map(entries), ..base.clone_shell() }
}

fn merge_dedup(base: Node, over: Node) -> Node {
    let shell = base.clone_shell();
    let os = over.clone_shell();
    match (base.value, over.value) {
        (Value::Seq(mut b), Value::Seq(o)) => {
            for item in o {
                if !b.iter().any(|x| same_scalar_or_value(x, &item)) {
                    b.push(item);
                }
            }
            Node { value: Value::Seq(b), ..shell }
        }
        (_, ov) => Node { value: ov, ..os },
    }
}

fn same_scalar_or_value(a: &Node, b: &Node) -> bool {
    match (a.scalar_text(), b.scalar_text()) {
        (Some(x), Some(y)) => x == y,
        _ => strip_marks_eq(a, b),
    }
}

fn strip_marks_eq(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(p, q)| p.key == q.key && strip_marks_eq(&p.value, &q.value))
        }
        (Value::Seq(x), Value::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| strip_marks_eq(p, q))
        }
        (x, y) => x == y,
    }
}

fn merge_unique(base: Node, over: Node, kind: KeyKind) -> Node {
    let shell = base.clone_shell();
    let os = over.clone_shell();
    match (base.value, over.value) {
        (Value::Seq(mut b), Value::Seq(o)) => {
            for item in o {
                let k = unique_key(&item, kind);
                match b.iter().position(|x| k.is_some() && unique_key(x, kind) == k) {
                    Some(i) => b[i] = item,
                    None => b.push(item),
                }
            }
            Node { value: Value::Seq(b), ..shell }
        }
        (_, ov) => Node { value: ov, ..os },
    }
}

fn unique_key(n: &Node, kind: KeyKind) -> Option<String> {
    match kind {
        KeyKind::Text => n.scalar_text(),
        KeyKind::Port => match &n.value {
            Value::Map(_) => {
                let t = n.get("target").and_then(Node::scalar_text)?;
                let p = n.get("published").and_then(Node::scalar_text).unwrap_or_default();
                let h = n
                    .get("host_ip")
                    .and_then(Node::scalar_text)
                    .unwrap_or_else(|| "0.0.0.0".into());
                let proto =
                    n.get("protocol").and_then(Node::scalar_text).unwrap_or_else(|| "tcp".into());
                Some(format!("{h}:{p}:{t}/{proto}"))
            }
            _ => n.scalar_text(),
        },
        KeyKind::VolumeTarget => match &n.value {
            Value::Map(_) => n.get("target").and_then(Node::scalar_text),
            Value::Str(s) => Some(crate::syntax::split_volume_spec(s).1),
            _ => None,
        },
        KeyKind::FileTarget(prefix) => match &n.value {
            Value::Map(_) => n.get("target").and_then(Node::scalar_text).or_else(|| {
                n.get("source").and_then(Node::scalar_text).map(|s| format!("{prefix}{s}"))
            }),
            _ => n.scalar_text().map(|s| format!("{prefix}{s}")),
        },
    }
}

/// Remove what `!reset` left behind in a tree that had nothing to merge with, and drop the
/// `!override` tags (they only matter while merging).
pub fn strip_merge_tags(n: &mut Node) {
    if n.tag == Some(Tag::Override) {
        n.tag = None;
    }
    match &mut n.value {
        Value::Map(entries) => {
            entries.retain(|e| e.value.tag != Some(Tag::Reset));
            entries.iter_mut().for_each(|e| strip_merge_tags(&mut e.value));
        }
        Value::Seq(items) => {
            items.retain(|i| i.tag != Some(Tag::Reset));
            items.iter_mut().for_each(strip_merge_tags);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{FileId, Limits, parse};

    fn doc(t: &str, f: u32) -> Node {
        parse(t, FileId(f), &Limits::default()).unwrap().documents.remove(0)
    }

    fn merged(a: &str, b: &str) -> Node {
        let mut n = merge(doc(a, 0), doc(b, 1), &[]).unwrap();
        strip_merge_tags(&mut n);
        n
    }

    fn svc(n: &Node) -> &Node {
        n.get("services").unwrap().get("s").unwrap()
    }

    fn texts(n: &Node) -> Vec<String> {
        n.as_seq().unwrap().iter().filter_map(Node::scalar_text).collect()
    }

    #[test]
    fn scalars_and_maps() {
        let n = merged(
            "services:\n  s:\n    image: a\n    user: root\n",
            "services:\n  s:\n    image: b\n",
        );
        let s = svc(&n);
        assert_eq!(s.get("image").unwrap().as_str(), Some("b"));
        assert_eq!(s.get("image").unwrap().mark.file, FileId(1));
        assert_eq!(s.entry("image").unwrap().key_mark.file, FileId(1));
        assert_eq!(s.get("user").unwrap().mark.file, FileId(0));
    }

    #[test]
    fn sequences() {
        let n = merged(
            "services:\n  s:\n    cap_add: [A, B]\n    ports: ['80:80', '443:443']\n    command: [a, b]\n    volumes: ['./x:/data', 'v:/other']\n    dns: [1.1.1.1]\n",
            "services:\n  s:\n    cap_add: [B, C]\n    ports: ['80:80', '8080:80']\n    command: [c]\n    volumes: ['./y:/data:ro']\n    dns: [8.8.8.8]\n",
        );
        let s = svc(&n);
        assert_eq!(texts(s.get("cap_add").unwrap()), ["A", "B", "C"]);
        assert_eq!(texts(s.get("ports").unwrap()), ["80:80", "443:443", "8080:80"]);
        assert_eq!(texts(s.get("command").unwrap()), ["c"]);
        assert_eq!(texts(s.get("volumes").unwrap()), ["./y:/data:ro", "v:/other"]);
        assert_eq!(texts(s.get("dns").unwrap()), ["1.1.1.1", "8.8.8.8"]);
    }

    #[test]
    fn key_value_forms() {
        let n = merged(
            "services:\n  s:\n    environment:\n      A: 1\n      B: 2\n    labels: [x=1, y=2]\n",
            "services:\n  s:\n    environment: [B=3, C]\n    labels:\n      y: 3\n",
        );
        let s = svc(&n);
        let env = s.get("environment").unwrap();
        assert_eq!(env.get("A").unwrap().value, Value::Int(1));
        assert_eq!(env.get("B").unwrap().as_str(), Some("3"));
        assert!(env.get("C").unwrap().is_null());
        let labels = s.get("labels").unwrap();
        assert_eq!(labels.get("x").unwrap().as_str(), Some("1"));
        assert_eq!(labels.get("y").unwrap().value, Value::Int(3));
    }

    #[test]
    fn reset_and_override() {
        let n = merged(
            "services:\n  s:\n    ports: ['80:80']\n    environment: {A: 1, B: 2}\n    build: {context: ., args: {X: 1}}\n",
            "services:\n  s:\n    ports: !reset []\n    environment: !override {C: 3}\n    build: !reset null\n",
        );
        let s = svc(&n);
        assert!(s.get("ports").is_none());
        assert!(s.get("build").is_none());
        let env = s.get("environment").unwrap();
        assert!(env.get("A").is_none());
        assert_eq!(env.get("C").unwrap().value, Value::Int(3));
    }

    #[test]
    fn networks_build_logging() {
        let n = merged(
            "services:\n  s:\n    networks: [a]\n    build: .\n    logging: {driver: json-file, options: {max-size: 1m}}\n",
            "services:\n  s:\n    networks: {b: {aliases: [x]}}\n    build: {target: prod}\n    logging: {driver: syslog}\n",
        );
        let s = svc(&n);
        let nets = s.get("networks").unwrap();
        assert!(nets.get("a").is_some() && nets.get("b").is_some());
        let b = s.get("build").unwrap();
        assert_eq!(b.get("context").unwrap().as_str(), Some("."));
        assert_eq!(b.get("target").unwrap().as_str(), Some("prod"));
        let l = s.get("logging").unwrap();
        assert!(l.get("options").is_none());
    }
}
