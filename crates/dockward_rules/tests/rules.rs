//! Every rule with a Dockerfile check must have `tests/fixtures/<CODE>/bad.Dockerfile` (at
//! least one finding of that rule) and `good.Dockerfile` (none), and the findings on both are
//! pinned by an insta snapshot. Missing fixtures fail the test, so no rule ships untested.
//!
//! Update snapshots after an intended change: `INSTA_UPDATE=always cargo test -p dockward_rules`
//! (then review the diff).

use dockward_dockerfile::{Model, parse};
use dockward_rules::{RunOptions, all, check_dockerfile};
use std::path::Path;

mod common;

fn render(code: &str, path: &str) -> (String, usize) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let df = parse(&text, Some(path));
    let config = common::config_for(code);
    let model = Model::build(&df, &config.build_args);
    let findings = check_dockerfile(&df, &model, &config, &RunOptions { today: common::TODAY });
    common::render(&findings, code, None)
}

#[test]
fn every_rule_has_fixtures_and_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut problems = Vec::new();
    for rule in all() {
        if rule.dockerfile.is_none() {
            continue;
        }
        let code = rule.meta.code;
        let dir = root.join(code);
        let bad = dir.join("bad.Dockerfile");
        let good = dir.join("good.Dockerfile");
        if !bad.is_file() || !good.is_file() {
            problems.push(format!("{code}: missing {} or {}", bad.display(), good.display()));
            continue;
        }
        let (bad_out, bad_n) = render(code, bad.to_str().unwrap());
        let (good_out, good_n) = render(code, good.to_str().unwrap());
        if bad_n == 0 {
            problems.push(format!("{code}: bad.Dockerfile gives no finding"));
        }
        if good_n != 0 {
            problems
                .push(format!("{code}: good.Dockerfile gives {good_n} finding(s):\n{good_out}"));
        }
        insta::with_settings!({ snapshot_suffix => code, prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!("findings", format!("## bad.Dockerfile\n{bad_out}\n## good.Dockerfile\n{good_out}"));
        });
    }
    assert!(problems.is_empty(), "rule fixture problems:\n{}", problems.join("\n"));
}

#[test]
fn every_rule_is_documented() {
    let mut problems = Vec::new();
    for rule in all() {
        let doc = dockward_rules::registry::doc(rule.meta.code);
        for section in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Use instead",
            "## References",
        ] {
            if !doc.contains(section) {
                problems.push(format!("{}: doc lacks `{section}`", rule.meta.code));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn codes_and_names_are_unique() {
    let mut codes = std::collections::HashSet::new();
    let mut names = std::collections::HashSet::new();
    for r in all() {
        assert!(codes.insert(r.meta.code), "duplicate code {}", r.meta.code);
        assert!(names.insert(r.meta.name), "duplicate name {}", r.meta.name);
        assert!(r.meta.code.starts_with("DW"));
    }
}
