//! The CIS report (`dockward host --cis`) on a synthetic host audit: text and JSON snapshots,
//! the JSON against its documentation (docs/json-output.md, "CIS report"), SARIF against the
//! 2.1.0 schema.

use dockward_core::cis::CisReport;
use dockward_core::{Config, Finding, Location, Severity, Suppression, SuppressionKind, Surface};
use dockward_report::{Format, Report, TextOptions};
use dockward_rules::cis::{Audited, evaluate};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

const DOC: &str = include_str!("../../../docs/json-output.md");

fn meta(code: &str) -> &'static dockward_core::RuleMeta {
    dockward_rules::by_code(code).unwrap().meta
}

fn host(code: &str, msg: &str) -> Finding {
    Finding::new(meta(code), Surface::Host, Location::default(), msg).with_target("docker host")
}

fn container(code: &str, name: &str, msg: &str) -> Finding {
    Finding::new(meta(code), Surface::Container, Location::default(), msg).with_target(name)
}

/// A daemon audited without its host files, two containers, swarm inactive.
fn findings() -> Vec<Finding> {
    let mut db_rootfs = container("DW801", "db", "container `db` has a writable root filesystem");
    db_rootfs.suppressed = Some(Suppression {
        kind: SuppressionKind::Config,
        reason: Some("database writes to /var/lib/postgresql".into()),
    });
    vec![
        host("DW907", "inter-container communication is enabled on the default bridge"),
        host("DW509", "the daemon runs as root without user-namespace remapping"),
        host("DW1007", "live restore is disabled").with_equivalents(["CIS-2.15"]),
        host("DW1108", "not checked: cannot read /sys/kernel/security/lsm (permission denied)")
            .with_severity(Severity::Info),
        container("DW502", "web", "container `web` runs privileged"),
        container("DW401", "web", "container `web` has no memory limit"),
        container("DW401", "db", "container `db` has no memory limit"),
        container("DW406", "web", "container `web` sets no `nofile` ulimit"),
        db_rootfs,
        // A terminal escape in a container name never reaches the terminal.
        container("DW803", "evil\x1b[2J", "container mounts /var/run/docker.sock"),
    ]
}

fn audited() -> Audited {
    Audited {
        daemon: true,
        host_files: false,
        swarm_active: false,
        containers: 3,
        images: 0,
        host_file_roles: Vec::new(),
    }
}

fn cis(findings: &[Finding]) -> CisReport {
    evaluate(findings, &Config::default(), &audited())
}

fn render(findings: &[Finding], format: Format, color: bool) -> String {
    let sources = HashMap::new();
    let report = Report {
        findings,
        errors: &[],
        rules: &[],
        sources: &sources,
        files_scanned: 3,
        tool_version: "0.0.0-test",
    };
    let opts = TextOptions { color, show_suppressed: false, code_frames: false, scanned: None };
    let mut out = Vec::new();
    dockward_report::cis::write(&report, &cis(findings), format, &opts, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn text() {
    let out = render(&findings(), Format::Text, false);
    assert!(!out.contains('\x1b'));
    assert!(out.contains("[WARN] 2.2 Ensure network traffic is restricted between containers on the default bridge\n       1 finding (DW907): docker host\n"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn text_color() {
    let out = render(&findings(), Format::Text, true);
    assert!(out.contains("\x1b[31m[WARN]\x1b[0m 2.2 "), "{out}");
    assert!(out.contains("\x1b[32m[PASS]\x1b[0m 2.3 "), "{out}");
    assert!(!out.contains("\x1b[2J"), "hostile escapes are neutralised");
}

#[test]
fn json() {
    let out = render(&findings(), Format::Json, false);
    let v: Value = serde_json::from_str(&out).unwrap();
    let checks = v["checks"].as_array().unwrap();
    assert_eq!(checks.len(), 117);
    let by_id = |id: &str| checks.iter().find(|c| c["id"] == id).unwrap();
    assert_eq!(by_id("2.2")["status"], "warn");
    let fp = by_id("2.2")["findings"][0].as_str().unwrap();
    let f = v["findings"].as_array().unwrap().iter().find(|f| f["fingerprint"] == fp).unwrap();
    assert_eq!(f["code"], "DW907");
    assert_eq!(f["cis"], serde_json::json!(["2.2"]));
    assert_eq!(by_id("5.13")["status"], "pass");
    assert!(by_id("5.13")["detail"].as_str().unwrap().contains("suppressed"));
    assert_eq!(by_id("1.2.1")["status"], "info");
    assert_eq!(by_id("7.3")["status"], "na");
    let score = &v["score"];
    let total: u64 =
        ["pass", "warn", "info", "na"].iter().map(|k| score[*k].as_u64().unwrap()).sum();
    assert_eq!(total, 117);
    insta::assert_snapshot!(out);
}

#[test]
fn junit_and_github_are_refused() {
    let sources = HashMap::new();
    let report = Report {
        findings: &[],
        errors: &[],
        rules: &[],
        sources: &sources,
        files_scanned: 0,
        tool_version: "0",
    };
    for format in [Format::Junit, Format::Github] {
        let err = dockward_report::cis::write(
            &report,
            &cis(&[]),
            format,
            &TextOptions::default(),
            &mut Vec::new(),
        )
        .unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    }
}

#[test]
fn sarif_validates_and_carries_the_sections() {
    let out = render(&findings(), Format::Sarif, false);
    let doc: Value = serde_json::from_str(&out).unwrap();
    let schema: Value =
        serde_json::from_str(include_str!("fixtures/sarif-schema-2.1.0.json")).unwrap();
    let validator =
        jsonschema::draft4::options().should_validate_formats(true).build(&schema).unwrap();
    let errors: Vec<String> =
        validator.iter_errors(&doc).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let run = &doc["runs"][0];
    let results = run["results"].as_array().unwrap();
    let icc = results.iter().find(|r| r["ruleId"] == "DW907").unwrap();
    assert_eq!(icc["properties"]["cis"], serde_json::json!(["2.2"]));
    assert_eq!(run["properties"]["cis"]["benchmark"], "CIS Docker Benchmark v1.6.0");
    assert_eq!(run["properties"]["cis"]["checks"].as_array().unwrap().len(), 117);
    assert!(run["properties"]["cis"]["score"]["percent"].is_u64());
}

// --- the JSON document against docs/json-output.md ----------------------------------------

/// path → (type, nullable, enumerated values) from the CIS report's table.
fn documented() -> BTreeMap<String, (String, bool, Vec<String>)> {
    let start = DOC.find("\n## CIS report").expect("the CIS report section");
    let section = &DOC[start..];
    let mut out = BTreeMap::new();
    for line in section.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
        assert_eq!(cells.len(), 4, "malformed row: {line}");
        let one_of = cells[3]
            .split_once("One of ")
            .map(|(_, rest)| {
                // "One of `a`, `b`: …" or "One of `a`, `b`. …"
                let list = rest.split(':').next().unwrap_or("").split(". ").next().unwrap_or("");
                list.split('`').skip(1).step_by(2).map(str::to_string).collect()
            })
            .unwrap_or_default();
        out.insert(
            cells[0].trim_matches('`').to_string(),
            (cells[1].to_string(), cells[2] == "yes", one_of),
        );
    }
    out
}

fn walk(v: &Value, path: &str, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                out.push((p.clone(), x.clone()));
                walk(x, &p, out);
            }
        }
        // `findings` and `errors` are the findings document's arrays, checked by json_contract.rs.
        Value::Array(a) if path == "checks" => {
            a.iter().for_each(|x| walk(x, &format!("{path}[]"), out))
        }
        _ => {}
    }
}

fn check_against_doc(doc: &Value) {
    let fields = documented();
    let mut seen = Vec::new();
    walk(doc, "", &mut seen);
    let mut present = BTreeSet::new();
    for (path, value) in &seen {
        let (ty, nullable, one_of) =
            fields.get(path).unwrap_or_else(|| panic!("`{path}` is written but not documented"));
        present.insert(path.clone());
        if value.is_null() {
            assert!(*nullable, "`{path}` is null but not nullable");
            continue;
        }
        let ok = match ty.as_str() {
            "integer" => value.is_i64() || value.is_u64(),
            "string" => value.is_string(),
            "object" => value.is_object(),
            "array" => value.is_array(),
            "array of strings" => value.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
            other => panic!("undocumented type {other}"),
        };
        assert!(ok, "`{path}` = {value} is not a {ty}");
        if !one_of.is_empty() {
            assert!(
                one_of.iter().any(|o| Some(o.as_str()) == value.as_str()),
                "`{path}` = {value} not in {one_of:?}"
            );
        }
    }
    let missing: Vec<_> = fields.keys().filter(|k| !present.contains(*k)).collect();
    assert!(missing.is_empty(), "documented but never written: {missing:?}");
}

#[test]
fn json_matches_its_documentation() {
    let fields = documented();
    assert_eq!(fields["checks[].status"].2, ["pass", "warn", "info", "na"]);
    assert_eq!(fields["checks[].applies"].2.len(), 6);
    let doc: Value = serde_json::from_str(&render(&findings(), Format::Json, false)).unwrap();
    check_against_doc(&doc);
    // The documentation's own example.
    let start = DOC.find("\n## CIS report").unwrap();
    let ex = &DOC[start..];
    let from = ex.find("```json\n").unwrap() + "```json\n".len();
    let to = from + ex[from..].find("```").unwrap();
    check_against_doc(&serde_json::from_str(&ex[from..to]).expect("the CIS example is valid JSON"));
    // Drift is detected.
    let mut added = doc.clone();
    added["score"]["surprise"] = Value::from(1);
    assert!(std::panic::catch_unwind(|| check_against_doc(&added)).is_err());
}
