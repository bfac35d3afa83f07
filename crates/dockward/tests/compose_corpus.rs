//! Robustness on ../shared/corpus/compose (1,500 real Compose files) through the CLI, in one
//! process: no crash, every file accounted for, every problem located. Skipped (with a
//! message) when the corpus is absent.

mod common;
use common::*;

#[test]
fn whole_compose_corpus() {
    let root = repo_root();
    let corpus = root.join("../shared/corpus/compose");
    if !corpus.is_dir() {
        eprintln!("SKIP: {} not found", corpus.display());
        return;
    }
    let out = run(
        &["scan", corpus.to_str().unwrap(), "--format", "json", "--no-config", "--no-ignore"],
        &root,
    );
    assert!(
        matches!(out.status.code(), Some(0..=2)),
        "crashed: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"), "a panic was printed");
    let v = json(&out);
    let scanned = v["summary"]["files_scanned"].as_u64().unwrap();
    assert!(scanned >= 1400, "compose files scanned: {scanned}");
    for e in v["errors"].as_array().unwrap() {
        assert!(e["file"].as_str().is_some(), "error without a file: {e}");
    }
    for f in v["findings"].as_array().unwrap() {
        if f["code"] == "DW001" || f["code"] == "DW002" {
            assert!(f["line"].as_u64().is_some(), "unlocated {f}");
        }
    }
}
