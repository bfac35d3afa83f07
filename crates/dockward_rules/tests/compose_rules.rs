//! Every rule with a container or project check that applies to Compose must have
//! `tests/fixtures/<CODE>/bad.compose.yaml` (at least one finding of that rule) and
//! `good.compose.yaml` (none); the findings of both are pinned by an insta snapshot. The
//! fixture folder may hold Dockerfiles that services build (`build: .`), so rules that look
//! through the image (DW501, DW1205) are tested end to end.
//!
//! Update snapshots: `INSTA_UPDATE=always cargo test -p dockward_rules --test compose_rules`.

use dockward_compose::{LoadOptions, load_project};
use dockward_rules::runner::compose_image_facts;
use dockward_rules::{RunOptions, all, check_compose};
use std::path::Path;

mod common;

/// Schema problems (DW002) in a fixture: a fixture that is not valid Compose tests nothing.
fn schema_problems(path: &Path) -> Vec<String> {
    let dir = path.parent().unwrap();
    let opts = LoadOptions {
        project_dir: Some(dir.to_path_buf()),
        working_dir: Some(dir.to_path_buf()),
        ..Default::default()
    };
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
    let opts = LoadOptions {
        project_dir: Some(dir.to_path_buf()),
        working_dir: Some(dir.to_path_buf()),
        ..Default::default()
    };
    let project = load_project(&[path.to_path_buf()], &opts);
    let config = common::config_for(code);
    let images = compose_image_facts(&project);
    let findings = check_compose(&project, &config, &RunOptions { today: common::TODAY }, &images);
    common::render(&findings, code, Some(&dir.to_string_lossy()))
}

#[test]
fn every_container_rule_has_compose_fixtures_and_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut problems = Vec::new();
    for rule in all() {
        if rule.container.is_none() && rule.project.is_none() {
            continue;
        }
        // Rules of live containers only (DW105, DW1206, …) cannot fire on Compose: they are
        // tested on runtime specs in tests/container_rules.rs.
        if !rule.meta.surfaces.contains(&dockward_core::Surface::Compose) {
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
            problems
                .push(format!("{code}: good.compose.yaml gives {good_n} finding(s):\n{good_out}"));
        }
        insta::with_settings!({ snapshot_suffix => format!("{code}-compose"), prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!("compose_findings", format!("## bad.compose.yaml\n{bad_out}\n## good.compose.yaml\n{good_out}"));
        });
    }
    assert!(problems.is_empty(), "compose fixture problems:\n{}", problems.join("\n"));
}
