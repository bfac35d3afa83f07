//! Validation of each Compose file against the Compose Specification JSON schema (DW002).
//!
//! The schema (`data/compose-spec.json`, see `data/SOURCE.md`) is embedded and compiled once,
//! offline. Each file is converted to JSON after interpolation — as Compose does — and every
//! violation is mapped back from its JSON pointer to the YAML node, so that the report points
//! at the offending key rather than at "somewhere in the file". An unknown key is reported at
//! the key itself.
//!
//! Interpolated values are strings in YAML; like compose-go, the handful of fields that Compose
//! casts after interpolation (`privileged`, `cpus`, `ports[].published`, ...) are converted to
//! booleans or numbers before validation, so `privileged: ${PRIV:-false}` is not a type error.

use std::sync::OnceLock;

use jsonschema::Validator;
use jsonschema::error::ValidationErrorKind;
use serde_json::{Map, Number, Value as Json};

use crate::yaml::{Mark, Node, Value};

const SCHEMA: &str = include_str!("../data/compose-spec.json");

fn validator() -> Option<&'static Validator> {
    static V: OnceLock<Option<Validator>> = OnceLock::new();
    V.get_or_init(|| {
        let schema: Json = serde_json::from_str(SCHEMA).ok()?;
        jsonschema::draft202012::options().build(&schema).ok()
    })
    .as_ref()
}

/// One schema violation, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaViolation {
    pub mark: Mark,
    /// JSON pointer of the offending value (`/services/web/ports/0`).
    pub pointer: String,
    pub message: String,
}

/// Validate one file's tree. Returns an empty list when the schema cannot be compiled (which a
/// test guards against).
pub fn validate(root: &Node) -> Vec<SchemaViolation> {
    let Some(v) = validator() else {
        return Vec::new();
    };
    let json = to_json(root, &mut Vec::new());
    let mut out = Vec::new();
    for err in v.iter_errors(&json) {
        let segments: Vec<String> = err.instance_path().iter().map(|s| s.to_string()).collect();
        let pointer = if segments.is_empty() {
            String::new()
        } else {
            format!(
                "/{}",
                segments
                    .iter()
                    .map(|s| s.replace('~', "~0").replace('/', "~1"))
                    .collect::<Vec<_>>()
                    .join("/")
            )
        };
        let dotted =
            if segments.is_empty() { "(top level)".to_string() } else { segments.join(".") };
        // `version: 3.8` written as a number: obsolete and ignored by Compose, not worth an error.
        if segments == ["version"] {
            continue;
        }
        match err.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                for key in unexpected {
                    let mark =
                        locate_key(root, &segments, key).unwrap_or_else(|| locate(root, &segments));
                    let at =
                        if segments.is_empty() { String::new() } else { format!(" in {dotted}") };
                    out.push(SchemaViolation {
                        mark,
                        pointer: format!("{pointer}/{key}"),
                        message: format!(
                            "unknown key `{key}`{at} (not in the Compose Specification)"
                        ),
                    });
                }
            }
            _ => {
                let mut msg = err.to_string();
                // The message starts with the offending value; a long one says nothing useful.
                if let Ok(inst) = serde_json::to_string(err.instance().as_ref())
                    && inst.chars().count() > 40
                    && let Some(rest) = msg.strip_prefix(&inst)
                {
                    msg = format!("value{rest}");
                }
                if msg.chars().count() > 200 {
                    msg = msg.chars().take(200).collect::<String>() + "…";
                }
                out.push(SchemaViolation {
                    mark: locate(root, &segments),
                    pointer,
                    message: format!("{dotted}: {msg}"),
                });
            }
        }
    }
    out.sort_by_key(|v| (v.mark.start, v.message.clone()));
    out.dedup();
    out
}

/// The key position of the entry at `path` (or the item position for sequence items).
fn locate(root: &Node, path: &[String]) -> Mark {
    let mut node = root;
    let mut mark = root.mark;
    for seg in path {
        match &node.value {
            Value::Map(entries) => match entries.iter().find(|e| &e.key == seg) {
                Some(e) => {
                    mark = e.key_mark;
                    node = &e.value;
                }
                None => break,
            },
            Value::Seq(items) => match seg.parse::<usize>().ok().and_then(|i| items.get(i)) {
                Some(n) => {
                    mark = n.mark;
                    node = n;
                }
                None => break,
            },
            _ => break,
        }
    }
    mark
}

fn locate_key(root: &Node, path: &[String], key: &str) -> Option<Mark> {
    let mut node = root;
    for seg in path {
        node = match &node.value {
            Value::Map(entries) => &entries.iter().find(|e| &e.key == seg)?.value,
            Value::Seq(items) => items.get(seg.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    node.entry(key).map(|e| e.key_mark)
}

/// Fields Compose casts after interpolation, by key name under `services.*` (and top-level
/// resources for `external`/`internal`/`attachable`).
fn cast_for(path: &[String]) -> Option<Cast> {
    let last = path.last()?.as_str();
    let in_service = path.first().is_some_and(|p| p == "services");
    Some(match last {
        "privileged" | "read_only" | "init" | "tty" | "stdin_open" | "oom_kill_disable"
        | "disable" | "nocopy"
            if in_service =>
        {
            Cast::Bool
        }
        "external" | "internal" | "attachable" => Cast::Bool,
        "cpu_count"
        | "cpu_period"
        | "cpu_quota"
        | "cpu_rt_period"
        | "cpu_rt_runtime"
        | "cpu_shares"
        | "replicas"
        | "parallelism"
        | "max_attempts"
        | "max_replicas_per_node"
        | "retries"
        | "oom_score_adj"
        | "pids_limit"
        | "target"
        | "published"
        | "scale"
        | "mode"
        | "soft"
        | "hard"
            if in_service =>
        {
            Cast::Int
        }
        "cpus" | "cpu_percent" | "max_failure_ratio" if in_service => Cast::Float,
        _ if in_service && path.len() == 4 && path[2] == "ulimits" => Cast::Int,
        _ => return None,
    })
}

#[derive(Clone, Copy)]
enum Cast {
    Bool,
    Int,
    Float,
}

fn is_interpolated(n: &Node) -> bool {
    n.via.iter().any(|p| matches!(p, dockward_spec::Provenance::Interpolated { .. }))
}

/// The node as JSON, the way Compose sees it after interpolation.
pub fn to_json(n: &Node, path: &mut Vec<String>) -> Json {
    match &n.value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::Number((*i).into()),
        Value::Float(f) => float_json(f).unwrap_or_else(|| Json::String(f.clone())),
        Value::Str(s) => {
            if is_interpolated(n)
                && let Some(c) = cast_for(path)
            {
                let cast = match c {
                    Cast::Bool => match s.to_ascii_lowercase().as_str() {
                        "y" | "yes" | "true" | "on" => Some(Json::Bool(true)),
                        "n" | "no" | "false" | "off" => Some(Json::Bool(false)),
                        _ => None,
                    },
                    Cast::Int => s.parse::<i64>().ok().map(|i| Json::Number(i.into())),
                    Cast::Float => float_json(s),
                };
                if let Some(j) = cast {
                    return j;
                }
            }
            Json::String(s.clone())
        }
        Value::Seq(items) => Json::Array(
            items
                .iter()
                .filter(|i| i.tag != Some(crate::yaml::Tag::Reset))
                .enumerate()
                .map(|(i, item)| {
                    path.push(i.to_string());
                    let j = to_json(item, path);
                    path.pop();
                    j
                })
                .collect(),
        ),
        Value::Map(entries) => {
            let mut m = Map::new();
            for e in entries {
                // `!reset` values are removed before validation, as Compose does.
                if e.value.tag == Some(crate::yaml::Tag::Reset) {
                    continue;
                }
                path.push(e.key.clone());
                m.insert(e.key.clone(), to_json(&e.value, path));
                path.pop();
            }
            Json::Object(m)
        }
    }
}

fn float_json(s: &str) -> Option<Json> {
    let f: f64 = s.parse().ok()?;
    Number::from_f64(f).map(Json::Number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{FileId, Limits, parse};

    fn check(t: &str) -> Vec<SchemaViolation> {
        validate(&parse(t, FileId(0), &Limits::default()).unwrap().documents.remove(0))
    }

    #[test]
    fn schema_compiles_offline() {
        assert!(validator().is_some());
    }

    #[test]
    fn valid_file_passes() {
        let v = check(
            "services:\n  web:\n    image: nginx\n    ports: ['80:80', {target: 443, published: 8443}]\n    privileged: true\nx-foo: {a: 1}\n",
        );
        assert!(v.is_empty(), "{v:?}");
    }

    #[test]
    fn unknown_key_located_at_key() {
        let v = check("services:\n  web:\n    image: nginx\n    privilegd: true\n");
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!((v[0].mark.start.line, v[0].mark.start.column), (4, 5));
        assert_eq!(v[0].pointer, "/services/web/privilegd");
        assert!(v[0].message.contains("privilegd"));
    }

    #[test]
    fn wrong_type_located() {
        let v = check("services:\n  web:\n    image: nginx\n    read_only: [1]\n");
        assert!(!v.is_empty());
        assert_eq!(v[0].mark.start.line, 4);
        assert_eq!(v[0].pointer, "/services/web/read_only");
    }

    #[test]
    fn numeric_version_ignored() {
        assert!(check("version: 3.8\nservices:\n  a:\n    image: x\n").is_empty());
    }
}
