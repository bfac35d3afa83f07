//! One rule, every fixture it has: what `cargo test DW802` runs.
//!
//! A rule's fixtures live in `tests/fixtures/<CODE>/`, one pair per surface it checks:
//! - Dockerfile check: `bad.Dockerfile` and `good.Dockerfile`;
//! - container or project check on Compose: `bad.compose.yaml` and `good.compose.yaml` (the
//!   folder may hold the Dockerfiles that services build and the files they read);
//! - container check on live containers only: built in code, [`containers::cases`];
//! - host check: `host-bad.json` and `host-good.json` (`HostFacts` as JSON);
//! - image check: `image-bad.json` and `image-good.json` (an `ImageSpec` or a list, as JSON).
//!
//! The bad fixture must give at least one finding of the rule, the good one none, and every
//! finding is pinned in one snapshot per rule (`tests/snapshots/<CODE>.snap`) as the text
//! report prints it: header, code frame, fix, equivalents. Missing fixtures fail the test, so
//! no rule ships untested. Update after an intended change: `INSTA_UPDATE=always cargo test
//! -p dockward_rules --test rules DW802`, then review the diff.

mod containers;

use crate::common;
use dockward_compose::{Category, LoadOptions, load_project};
use dockward_core::{Config, Finding, Surface};
use dockward_report::{Report, TextOptions};
use dockward_rules::runner::compose_image_facts;
use dockward_rules::{
    RunOptions, by_code, check_compose, check_containers, check_dockerfile, check_host,
    check_images,
};
use dockward_spec::{HostFacts, ImageSpec};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The host fixtures were written for this date (Engine release lines end of life).
const HOST_TODAY: &str = "2026-01-01";

/// Run every fixture of `code`, snapshot the findings, and fail with every problem found.
pub(crate) fn check_rule(code: &str) {
    let rule = by_code(code).unwrap_or_else(|| panic!("{code} is not registered"));
    let dir = Path::new("tests/fixtures").join(code);
    let mut h = Harness { code, dir, config: common::config_for(code), ..Harness::default() };
    if rule.dockerfile.is_some() {
        h.pair("bad.Dockerfile", "good.Dockerfile", Harness::dockerfile);
    }
    let compose = rule.meta.surfaces.contains(&Surface::Compose);
    if compose && (rule.container.is_some() || rule.project.is_some()) {
        h.pair("bad.compose.yaml", "good.compose.yaml", Harness::compose);
    }
    if rule.container.is_some() && !compose {
        h.containers();
    }
    if rule.host.is_some() {
        h.pair("host-bad.json", "host-good.json", Harness::host);
    }
    if rule.image.is_some() {
        h.pair("image-bad.json", "image-good.json", Harness::image);
    }
    if h.snapshot.is_empty() && !matches!(code, "DW001" | "DW002") {
        h.problems.push(format!("{code}: no check function, so nothing to test"));
    }
    if !h.snapshot.is_empty() {
        insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(code, h.snapshot);
        });
    }
    assert!(h.problems.is_empty(), "{code}:\n{}", h.problems.join("\n"));
}

#[derive(Default)]
struct Harness<'a> {
    code: &'a str,
    dir: PathBuf,
    config: Config,
    snapshot: String,
    problems: Vec<String>,
}

/// Findings of one fixture and the files their code frames show.
type Run = Result<(Vec<Finding>, Vec<String>), String>;

impl Harness<'_> {
    /// Run the bad and the good fixture of one surface and record them.
    fn pair(&mut self, bad: &str, good: &str, run: fn(&Self, &Path) -> Run) {
        for (name, want_findings) in [(bad, true), (good, false)] {
            let path = self.dir.join(name);
            if !path.exists() {
                self.problems.push(format!("missing fixture {}", path.display()));
                continue;
            }
            match run(self, &path) {
                Ok((findings, files)) => self.record(name, want_findings, &findings, &files),
                Err(e) => self.problems.push(format!("{}: {e}", path.display())),
            }
        }
    }

    /// Check the expectation and append the rendered findings to the snapshot.
    fn record(&mut self, name: &str, want_findings: bool, all: &[Finding], files: &[String]) {
        let findings: Vec<Finding> =
            all.iter().filter(|f| f.rule.code == self.code).cloned().collect();
        let live = findings.iter().filter(|f| f.suppressed.is_none()).count();
        let shown = render(&findings, files);
        if want_findings && live == 0 {
            self.problems.push(format!("{name} gives no finding"));
        }
        if !want_findings && live > 0 {
            self.problems.push(format!("{name} gives {live} finding(s):\n{shown}"));
        }
        self.snapshot.push_str(&format!("## {name}\n{shown}\n"));
    }

    fn dockerfile(&self, path: &Path) -> Run {
        let shown = path.to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        let df = dockward_dockerfile::parse(&text, Some(&shown));
        let model = dockward_dockerfile::Model::build(&df, &self.config.build_args);
        // The fixture folder is the scanned directory: `tests/` above it is not a context.
        let opts = RunOptions { today: common::TODAY, scan_root: Some(&self.dir) };
        Ok((check_dockerfile(&df, &model, &self.config, &opts), vec![shown]))
    }

    fn compose(&self, path: &Path) -> Run {
        // The project directory defaults to the file's folder, shown relative like the file.
        let project = load_project(&[path.to_path_buf()], &LoadOptions::default());
        // A fixture that is not valid Compose tests nothing (DW002's own fixtures excepted;
        // legacy file-format-2 keys are used on purpose, to test that rules read them).
        let schema: Vec<String> = project
            .diagnostics
            .iter()
            .filter(|d| d.is_error() && d.category == Category::Schema && self.code != "DW002")
            .filter(|d| !["`log_driver`", "`log_opt`"].iter().any(|k| d.message.contains(k)))
            .map(|d| format!("line {}: {}", d.line, d.message))
            .collect();
        if !schema.is_empty() {
            return Err(format!("not valid Compose:\n{}", schema.join("\n")));
        }
        let images = compose_image_facts(&project);
        let opts = RunOptions { today: common::TODAY, scan_root: Some(&self.dir) };
        let findings = check_compose(&project, &self.config, &opts, &images);
        let mut files: Vec<String> =
            findings.iter().filter_map(|f| f.location.file.clone()).collect();
        files.sort();
        files.dedup();
        Ok((findings, files))
    }

    fn host(&self, path: &Path) -> Run {
        let facts: HostFacts = read_json(path)?;
        Ok((
            check_host(
                &facts,
                &self.config,
                &RunOptions { today: HOST_TODAY, ..Default::default() },
            ),
            Vec::new(),
        ))
    }

    fn image(&self, path: &Path) -> Run {
        let v: serde_json::Value = read_json(path)?;
        let list = if v.is_array() { v } else { serde_json::Value::Array(vec![v]) };
        let images: Vec<ImageSpec> = serde_json::from_value(list).map_err(|e| e.to_string())?;
        Ok((
            check_images(
                &images,
                &self.config,
                &RunOptions { today: common::TODAY, ..Default::default() },
            ),
            Vec::new(),
        ))
    }

    /// Live-container fixtures: each bad container gives exactly one finding, on surface R.
    fn containers(&mut self) {
        let Some((bad, good)) = containers::cases(self.code) else {
            self.problems.push("no live-container fixtures in tests/harness/containers.rs".into());
            return;
        };
        let opts = RunOptions { today: HOST_TODAY, ..Default::default() };
        let b = check_containers(&bad, &self.config, &opts);
        if b.len() != bad.len() || b.iter().any(|f| f.surface != Surface::Container) {
            self.problems
                .push(format!("expected one finding per bad container, got:\n{}", render(&b, &[])));
        }
        self.record("bad containers", true, &b, &[]);
        let g = check_containers(&good, &self.config, &opts);
        self.record("good containers", false, &g, &[]);
    }
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// The findings as the text report prints them (suppressed ones shown, no colour, code
/// frames from `files`), without the summary line, and with each finding's target.
fn render(findings: &[Finding], files: &[String]) -> String {
    let sources: HashMap<String, Arc<str>> = files
        .iter()
        .filter_map(|f| Some((f.clone(), Arc::from(std::fs::read_to_string(f).ok()?))))
        .collect();
    let mut out = String::new();
    for f in findings {
        let report = Report {
            findings: std::slice::from_ref(f),
            errors: &[],
            rules: &[],
            sources: &sources,
            files_scanned: 0,
            tool_version: "test",
        };
        let opts = TextOptions { show_suppressed: true, ..TextOptions::default() };
        let mut text = String::new();
        dockward_report::text::render_findings(&report, &opts, &mut text);
        out.push_str(text.trim_end());
        out.push_str(&format!("\n  target: {}\n\n", f.target.as_deref().unwrap_or("-")));
    }
    out
}
