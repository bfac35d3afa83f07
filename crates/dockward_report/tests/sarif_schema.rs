//! SARIF output validated against the OASIS SARIF 2.1.0 schema (draft-04), plus the rules
//! GitHub code scanning adds (no nulls, a URI on every physical location).

mod common;

use dockward_core::{
    Finding, InputError, Location, Position, Suppression, SuppressionKind, Surface,
};
use dockward_report::{Format, Report, TextOptions};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

fn validator() -> jsonschema::Validator {
    let text = include_str!("fixtures/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(text).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-04/schema#");
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles as draft-04")
}

fn sarif(report: &Report) -> Value {
    let mut out = Vec::new();
    dockward_report::write(report, Format::Sarif, &TextOptions::default(), &mut out).unwrap();
    serde_json::from_slice(&out).unwrap()
}

fn assert_valid(v: &jsonschema::Validator, doc: &Value) {
    let errors: Vec<String> =
        v.iter_errors(doc).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF does not validate:\n{}\n{}", errors.join("\n"), doc);
    assert_no_nulls(doc, "$");
    for run in doc["runs"].as_array().unwrap() {
        for result in run["results"].as_array().unwrap() {
            for loc in result["locations"].as_array().into_iter().flatten() {
                if let Some(p) = loc.get("physicalLocation") {
                    let uri = p["artifactLocation"]["uri"].as_str().unwrap();
                    assert!(!uri.is_empty());
                    assert!(!uri.contains(' ') && !uri.contains('\\') && uri.is_ascii(), "{uri}");
                }
            }
        }
    }
}

fn assert_no_nulls(v: &Value, path: &str) {
    match v {
        Value::Null => panic!("null at {path}"),
        Value::Array(a) => {
            a.iter().enumerate().for_each(|(i, x)| assert_no_nulls(x, &format!("{path}[{i}]")))
        }
        Value::Object(o) => o.iter().for_each(|(k, x)| assert_no_nulls(x, &format!("{path}.{k}"))),
        _ => {}
    }
}

#[test]
fn sample_report_validates() {
    let v = validator();
    let s = common::sample();
    let doc = sarif(&s.report());
    assert_valid(&v, &doc);

    let run = &doc["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), s.findings.len());
    assert_eq!(run["tool"]["driver"]["rules"].as_array().unwrap().len(), s.rules.len());
    // Suppressed findings carry suppressions; a file-less one a logical location.
    assert_eq!(results.iter().filter(|r| r.get("suppressions").is_some()).count(), 2);
    assert_eq!(results[7]["locations"][0]["logicalLocations"][0]["kind"], "object");
    assert_eq!(
        results[5]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "services/caf%C3%A9/docker%20compose.yaml"
    );
    // ruleIndex points at the rule with that id.
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    assert_eq!(run["invocations"][0]["toolExecutionNotifications"][0]["level"], "error");
}

#[test]
fn odd_inputs_validate() {
    let v = validator();
    let s = common::sample();
    let d = Surface::Dockerfile;
    let pos = |line, column| Position { line, column };
    let at = |file: Option<&str>, start: Position, end: Position| Location {
        file: file.map(str::to_string),
        start,
        end,
        bytes: None,
    };
    let findings = vec![
        // Whole-file finding (line 0), absolute and Windows paths, characters URIs must escape.
        Finding::new(&common::DW501, d, at(Some("/abs/path/Dockerfile"), pos(0, 0), pos(0, 0)), ""),
        Finding::new(
            &common::DW501,
            d,
            at(Some("C:\\src\\Docker file"), pos(3, 0), pos(1, 1)),
            "end before start",
        ),
        Finding::new(
            &common::DW501,
            d,
            at(Some("./a b/#?%[]:日本.Dockerfile"), pos(1, 1), pos(1, 1)),
            "m\u{0}\u{1b}",
        ),
        Finding::new(
            &common::DW501,
            d,
            at(Some(""), pos(u32::MAX, u32::MAX), pos(u32::MAX, u32::MAX)),
            "huge",
        ),
        // Neither a file nor a target: no location at all.
        Finding::new(&common::DW502, Surface::Host, Location::default(), "host-wide"),
        {
            let mut f = Finding::new(&common::DW502, Surface::Container, Location::default(), "c")
                .with_target("ctr");
            f.suppressed = Some(Suppression { kind: SuppressionKind::Hadolint, reason: None });
            f
        },
    ];
    let errors = vec![
        InputError { file: None, line: None, column: None, message: "no file".into() },
        InputError {
            file: Some("x y/Dockerfile".into()),
            line: Some(0),
            column: Some(3),
            message: "".into(),
        },
        InputError {
            file: Some("z".into()),
            line: Some(4),
            column: None,
            message: "line only".into(),
        },
    ];
    let sources: HashMap<String, Arc<str>> = HashMap::new();
    for rules in [&s.rules[..], &[][..]] {
        let report = Report {
            findings: &findings,
            errors: &errors,
            rules,
            sources: &sources,
            files_scanned: 0,
            tool_version: "",
        };
        let doc = sarif(&report);
        assert_valid(&v, &doc);
        // GitHub code scanning rejects an upload in which any result lacks a physical location.
        for r in doc["runs"][0]["results"].as_array().unwrap() {
            assert!(
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].is_string(),
                "{r:#}"
            );
        }
        if rules.is_empty() {
            assert!(
                doc["runs"][0]["results"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|r| r.get("ruleIndex").is_none())
            );
        }
    }
}

#[test]
fn invalid_documents_are_rejected() {
    let v = validator();
    // Obviously invalid: no tool, wrong version.
    assert!(!v.is_valid(&json!({"version": "2.1.0", "runs": [{"results": []}]})));
    assert!(!v.is_valid(&json!({"version": "3.0.0", "runs": []})));
    assert!(!v.is_valid(&json!({"runs": "nope"})));
    // Small corruptions of a valid document.
    let good = sarif(&common::sample().report());
    assert!(v.is_valid(&good));
    let mut bad = good.clone();
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        json!(0);
    assert!(!v.is_valid(&bad), "startLine 0 must be rejected");
    let mut bad = good.clone();
    bad["runs"][0]["results"][0]["level"] = json!("fatal");
    assert!(!v.is_valid(&bad), "unknown level must be rejected");
    let mut bad = good.clone();
    bad["runs"][0]["results"][3]["suppressions"][0]["kind"] = json!("inline");
    assert!(!v.is_valid(&bad), "unknown suppression kind must be rejected");
    let mut bad = good.clone();
    bad["runs"][0]["tool"]["driver"]["informationUri"] = json!("not a uri");
    assert!(!v.is_valid(&bad), "formats are checked: informationUri must be a URI");
    let mut bad = good;
    bad["runs"][0]["results"][0]["message"] = json!(null);
    assert!(!v.is_valid(&bad), "null message must be rejected");
}
