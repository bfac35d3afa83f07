//! Every rule with a container or project check must have
//! `tests/fixtures/<CODE>/bad.compose.yaml` (at least one finding of that rule) and
//! `good.compose.yaml` (none); the findings of both are pinned by an insta snapshot. The
//! fixture folder may hold Dockerfiles that services build (`build: .`), so rules that look
//! through the image (DW501, DW1205) are tested end to end.
//!
//! Update snapshots: `INSTA_UPDATE=always cargo test -p dockward_rules --test compose_rules`.

use dockward_compose::{load_project, LoadOptions};
use dockward_core::Config;
use dockward_rules::engine::compose_image_facts;
use dockward_rules::{all, check_compose, ScanOptions};
use std::path::Path;

const TODAY: &str = "2026-11-28";

/// Schema problems (DW002) in a fixture: a fixture that is not valid Compose tests nothing.
fn schema_problems(path: &Path) -> Vec<String> {
    let dir = path.parent().unwrap();
    let opts = LoadOptions { project_dir: Some(dir.to_path_buf()), working_dir: Some(dir.to_path_buf()), ..Default::default() };
    let project = load_project(&[path.to_path_buf()], &opts);
    project
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && d.category == dockward_compose::Category::Schema)
        // Legacy (file format 2) keys are used on purpose, to test that rules read them.
        .filter(|d| !["`log_driver`", "`log_opt`"].iter().any(|k| d.message.contains(k)))
        .map(|d| format!("{}:{}: {}", path.display(), d.line, d.message))
        .collect()
}

fn render(code: &str, path: &Path) -> (String, usize) {
    let dir = path.parent().unwrap();
    let opts = LoadOptions { project_dir: Some(dir.to_path_buf()), working_dir: Some(dir.to_path_buf()), ..Default::default() };
    let project = load_project(&[path.to_path_buf()], &opts);
    let mut config = Config::parse(&format!("select = [\"{code}\"]")).unwrap();
    if code == "DW204" {
        config.trusted_registries = vec!["registry.example.com".into(), "*.corp.example".into()];
    }
    let images = compose_image_facts(&project);
    let findings = check_compose(&project, &config, &ScanOptions { today: TODAY }, &images);
    let root = dir.to_string_lossy().to_string();
    let mut s = String::new();
    let mut n = 0;
    for f in &findings {
        if f.rule.code != code {
            continue;
        }
        if f.suppressed.is_none() {
            n += 1;
        }
        let l = &f.location;
        let file = l.file.as_deref().unwrap_or("-").replace(&root, "<fixture>");
        s.push_str(&format!(
            "{}:{}:{}-{}:{} {} [{}] {}{}\n    target: {}\n    fix: {}\n    equivalents: {}\n",
            file,
            l.start.line,
            l.start.column,
            l.end.line,
            l.end.column,
            f.rule.code,
            f.severity,
            f.message.replace(&root, "<fixture>"),
            if f.suppressed.is_some() { " (suppressed)" } else { "" },
            f.target.as_deref().unwrap_or("-"),
            f.fix.as_deref().unwrap_or("-"),
            f.equivalents.join(", "),
        ));
    }
    (s, n)
}

#[test]
fn every_container_rule_has_compose_fixtures_and_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut problems = Vec::new();
    for rule in all() {
        if rule.container.is_none() && rule.project.is_none() {
            continue;
        }
        let code = rule.meta.code;
        let bad = root.join(code).join("bad.compose.yaml");
        let good = root.join(code).join("good.compose.yaml");
        if !bad.is_file() || !good.is_file() {
            problems.push(format!("{code}: missing {} or {}", bad.display(), good.display()));
            continue;
        }
        if code != "DW002" {
            problems.extend(schema_problems(&bad));
            problems.extend(schema_problems(&good));
        }
        let (bad_out, bad_n) = render(code, &bad);
        let (good_out, good_n) = render(code, &good);
        if bad_n == 0 {
            problems.push(format!("{code}: bad.compose.yaml gives no finding"));
        }
        if good_n != 0 {
            problems.push(format!("{code}: good.compose.yaml gives {good_n} finding(s):\n{good_out}"));
        }
        insta::with_settings!({ snapshot_suffix => format!("{code}-compose"), prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!("compose_findings", format!("## bad.compose.yaml\n{bad_out}\n## good.compose.yaml\n{good_out}"));
        });
    }
    assert!(problems.is_empty(), "compose fixture problems:\n{}", problems.join("\n"));
}
