//! The JSON output against its documentation (docs/json-output.md): every documented field
//! exists with the documented type and nullability, every field written is documented, and
//! enumerated values are among the documented ones. The document's own example is checked the
//! same way.

mod common;

use dockward_report::{Format, TextOptions};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const DOC: &str = include_str!("../../../docs/json-output.md");

#[derive(Debug)]
struct Field {
    ty: String,
    nullable: bool,
    /// Values listed as "One of `a`, `b`" in the meaning column.
    one_of: Vec<String>,
}

/// The text of the section under the heading `## {title}`, up to the next `## ` heading.
fn doc_section(title: &str) -> &'static str {
    let start =
        DOC.find(&format!("\n## {title}\n")).unwrap_or_else(|| panic!("no section `{title}`"));
    let rest = &DOC[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    &rest[..end]
}

/// The rows of the "Fields" table: path → field. (The CIS report's table, further down, is
/// checked by tests/cis.rs.)
fn documented() -> BTreeMap<String, Field> {
    let mut out = BTreeMap::new();
    for line in doc_section("Fields").lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
        assert_eq!(cells.len(), 4, "malformed row: {line}");
        let path = cells[0].trim_matches('`').to_string();
        let nullable = match cells[2] {
            "yes" => true,
            "no" => false,
            other => panic!("nullable must be yes or no, not {other}: {line}"),
        };
        // "One of `a`, `b` or `c`" up to the first other separator.
        let mut one_of = Vec::new();
        if let Some(i) = cells[3].find("One of `") {
            let mut parts = cells[3][i + "One of `".len()..].split('`');
            while let Some(value) = parts.next() {
                one_of.push(value.to_string());
                match parts.next() {
                    Some(", " | ", or " | " or ") => {}
                    _ => break,
                }
            }
        }
        out.insert(path, Field { ty: cells[1].to_string(), nullable, one_of });
    }
    assert!(out.len() > 30, "the Fields table was not found");
    let counts = [
        ("findings[].severity", 5),
        ("findings[].surface", 5),
        ("findings[].practice", 13),
        ("findings[].suppression.kind", 5),
    ];
    for (path, n) in counts {
        assert_eq!(out[path].one_of.len(), n, "{path}: {:?}", out[path].one_of);
    }
    out
}

fn type_ok(ty: &str, v: &Value) -> bool {
    match ty {
        "integer" => v.as_u64().is_some(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "array of strings" => v.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
        other => panic!("undocumented type name `{other}`"),
    }
}

/// Every (path, value) in the document, with array elements as `[]` and `by_code` entries as
/// `<code>`.
fn walk(v: &Value, path: &str, out: &mut Vec<(String, Value)>) {
    let child = |k: &str| {
        if path.is_empty() { k.to_string() } else { format!("{path}.{k}") }
    };
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                let p = if path == "summary.by_code" { child("<code>") } else { child(k) };
                out.push((p.clone(), x.clone()));
                walk(x, &p, out);
            }
        }
        Value::Array(a) if !(path.ends_with("equivalents")) => {
            for x in a {
                walk(x, &format!("{path}[]"), out);
            }
        }
        _ => {}
    }
}

/// Checks `doc` against the documentation. Returns the documented paths seen with a value.
fn check(doc: &Value, fields: &BTreeMap<String, Field>) -> BTreeSet<String> {
    let mut seen = Vec::new();
    walk(doc, "", &mut seen);
    let mut present = BTreeSet::new();
    for (path, value) in &seen {
        let f =
            fields.get(path).unwrap_or_else(|| panic!("`{path}` is written but not documented"));
        if value.is_null() {
            assert!(f.nullable, "`{path}` is null but documented as not nullable");
        } else {
            assert!(type_ok(&f.ty, value), "`{path}` = {value} is not a {}", f.ty);
            present.insert(path.clone());
        }
        if !f.one_of.is_empty() && !value.is_null() {
            let s = value.as_str().unwrap();
            assert!(f.one_of.iter().any(|v| v == s), "`{path}` = {s} is not one of {:?}", f.one_of);
        }
    }
    // Each object that is present has every documented key of its own.
    for path in fields.keys() {
        let Some((parent, key)) = path.rsplit_once('.') else {
            assert!(doc.get(path).is_some(), "top-level `{path}` missing");
            continue;
        };
        if key.starts_with('<') {
            continue;
        }
        for (p, v) in seen.iter().chain(std::iter::once(&(String::new(), doc.clone()))) {
            if let (true, Value::Object(o)) = (p == parent, v) {
                assert!(o.contains_key(key), "`{path}` missing in {v}");
            }
            if let (true, Value::Array(a)) =
                (p == parent.trim_end_matches("[]") && parent.ends_with("[]"), v)
            {
                for el in a {
                    assert!(el.get(key).is_some(), "`{path}` missing in {el}");
                }
            }
        }
    }
    present
}

#[test]
fn output_matches_documentation() {
    let fields = documented();
    let sample = common::sample();
    let mut out = Vec::new();
    dockward_report::write(&sample.report(), Format::Json, &TextOptions::default(), &mut out)
        .unwrap();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    let present = check(&doc, &fields);
    // The sample exercises every documented field with a non-null value.
    let missing: Vec<_> = fields.keys().filter(|k| !present.contains(*k)).collect();
    assert!(missing.is_empty(), "never seen with a value: {missing:?}");
    // And the null ones are null somewhere too (file-less finding, no fix, no reason).
    for k in [
        "findings[].file",
        "findings[].line",
        "findings[].fix",
        "findings[].suppression",
        "findings[].target",
    ] {
        assert!(
            doc["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f[k.trim_start_matches("findings[].")].is_null()),
            "{k}"
        );
    }
    // Contract values.
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["tool"]["name"], "dockward");
    let by_sev: u64 = doc["summary"]["by_severity"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(by_sev, doc["summary"]["findings"].as_u64().unwrap());
    let by_code: u64 =
        doc["summary"]["by_code"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum();
    assert_eq!(by_code, by_sev);
    for f in doc["findings"].as_array().unwrap() {
        assert_eq!(f["suppressed"].as_bool().unwrap(), !f["suppression"].is_null());
        assert_eq!(f["line"].is_null(), f["column"].is_null());
        assert_eq!(f["end_line"].is_null(), f["end_column"].is_null());
        let fp = f["fingerprint"].as_str().unwrap();
        assert!(
            fp.len() == 16 && fp.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        );
    }
}

#[test]
fn documentation_example_matches_documentation() {
    let fields = documented();
    let start = DOC.find("```json\n").expect("example present") + "```json\n".len();
    let end = start + DOC[start..].find("```").unwrap();
    let example: Value = serde_json::from_str(&DOC[start..end]).expect("the example is valid JSON");
    check(&example, &fields);
}

#[test]
fn check_detects_drift() {
    let fields = documented();
    let sample = common::sample();
    let good = dockward_report::json::to_value(&sample.report());
    check(&good, &fields);
    let fails = |doc: Value| std::panic::catch_unwind(|| check(&doc, &documented())).is_err();
    let mut removed = good.clone();
    removed["findings"][1].as_object_mut().unwrap().remove("fingerprint");
    assert!(fails(removed), "a removed field is detected");
    let mut added = good.clone();
    added["summary"]["surprise"] = Value::from(1);
    assert!(fails(added), "an undocumented field is detected");
    let mut retyped = good.clone();
    retyped["findings"][0]["line"] = Value::from("2");
    assert!(fails(retyped), "a changed type is detected");
    let mut nulled = good.clone();
    nulled["findings"][0]["message"] = Value::Null;
    assert!(fails(nulled), "null in a non-nullable field is detected");
    let mut bad_enum = good;
    bad_enum["findings"][0]["severity"] = Value::from("severe");
    assert!(fails(bad_enum), "an undocumented enum value is detected");
}
