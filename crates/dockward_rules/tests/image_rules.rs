//! `check_images`: the image rules (surface I) on `ImageSpec`s, from JSON recorded from this
//! machine's daemon through the engine's normaliser (`crates/dockward_docker/tests/fixtures/
//! image_*.json`) and from each rule's fixtures.

mod common;

use dockward_core::{Config, Finding, Surface};
use dockward_rules::{RunOptions, check_images};
use dockward_spec::ImageSpec;
use serde_json::Value;

const OPTS: RunOptions = RunOptions { today: common::TODAY, scan_root: None };

fn engine_fixture(name: &str) -> Value {
    let p = format!("{}/../dockward_docker/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}")))
        .unwrap()
}

fn recorded() -> ImageSpec {
    dockward_docker::image_from(
        &engine_fixture("image_inspect.json"),
        &engine_fixture("image_history.json"),
    )
}

fn risky() -> ImageSpec {
    dockward_docker::image_from(
        &engine_fixture("image_inspect_risky.json"),
        &engine_fixture("image_history_risky.json"),
    )
}

fn show(fs: &[Finding]) -> String {
    fs.iter()
        .map(|f| {
            format!(
                "{} {} {}: {}\n  fix: {}\n  equivalents: {}\n",
                f.rule.code,
                f.severity,
                f.target.as_deref().unwrap_or("-"),
                f.message,
                f.fix.as_deref().unwrap_or("-"),
                f.equivalents.join(", ")
            )
        })
        .collect()
}

fn codes(fs: &[Finding]) -> Vec<&'static str> {
    let mut c: Vec<&'static str> = fs.iter().map(|f| f.rule.code).collect();
    c.sort_unstable();
    c.dedup();
    c
}

#[test]
fn recorded_image_is_clean() {
    // Non-root USER, a HEALTHCHECK, no secrets, built on the fixture's "today".
    let found = check_images(
        &[recorded()],
        &Config::default(),
        &RunOptions { today: "2026-11-28", ..Default::default() },
    );
    assert!(found.is_empty(), "{}", show(&found));
}

#[test]
fn risky_image_fires_every_image_rule() {
    let found = check_images(&[risky()], &Config::default(), &OPTS);
    assert_eq!(codes(&found), ["DW104", "DW1205", "DW501", "DW604"]);
    assert!(found.iter().all(|f| f.surface == Surface::Image
        && f.location.file.is_none()
        && f.target.as_deref() == Some("dockward-fixture/app:risky")));
    let dw604: Vec<&str> =
        found.iter().filter(|f| f.rule.code == "DW604").map(|f| f.message.as_str()).collect();
    // Env, label, and the build argument; the ENV and LABEL history steps repeat the first two.
    assert_eq!(dw604.len(), 3, "{dw604:#?}");
    assert!(
        dw604
            .iter()
            .all(|m| !m.contains("hunter2") && !m.contains("FAKEfixture0000000000000000000000000")),
        "secrets are masked: {dw604:#?}"
    );
    insta::assert_snapshot!("risky_image", show(&found));
}

#[test]
fn max_age_comes_from_the_configuration() {
    let image = ImageSpec { created: Some("2026-10-01T00:00:00Z".into()), ..recorded() };
    let config = Config::parse("select = [\"DW104\"]\nimage-max-age-days = 30\n").unwrap();
    let found = check_images(std::slice::from_ref(&image), &config, &OPTS);
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("58 days ago (more than 30)"), "{}", found[0].message);
    assert!(
        check_images(&[image], &Config::parse("select = [\"DW104\"]").unwrap(), &OPTS).is_empty()
    );
}

#[test]
fn per_service_ignores_match_the_image_tag() {
    let config =
        Config::parse("[per-service-ignores]\n\"dockward-fixture/app:risky\" = [\"DW501\"]\n")
            .unwrap();
    let found = check_images(&[risky()], &config, &OPTS);
    assert!(found.iter().filter(|f| f.rule.code == "DW501").all(|f| f.suppressed.is_some()));
    assert!(found.iter().filter(|f| f.rule.code != "DW501").all(|f| f.suppressed.is_none()));
}
