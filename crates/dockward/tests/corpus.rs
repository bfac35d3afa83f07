//! Robustness on ../shared/corpus/dockerfiles (3,718 real Dockerfiles): one scan process over
//! all of them must not crash, must account for every file, and every file must give
//! findings or a located DW001. The DW001 list must match docs/corpus-dw001.md. Skipped (with
//! a message) when the corpus is absent.

mod common;
use common::*;
use std::collections::BTreeSet;

#[test]
fn whole_dockerfile_corpus() {
    let root = repo_root();
    let corpus = root.join("../shared/corpus/dockerfiles");
    if !corpus.is_dir() {
        eprintln!("SKIP: {} not found", corpus.display());
        return;
    }
    let out = run(
        &["scan", corpus.to_str().unwrap(), "--format", "json", "--no-config", "--no-ignore"],
        &root,
    );
    let code = out.status.code();
    assert!(
        matches!(code, Some(0..=2)),
        "crashed: {code:?}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    let n_files = walk(&corpus);
    assert_eq!(
        v["summary"]["files_scanned"].as_u64().unwrap() as usize,
        n_files,
        "every corpus file must be scanned"
    );
    let mut with_output = BTreeSet::new();
    for f in v["findings"].as_array().unwrap() {
        with_output.insert(f["file"].as_str().unwrap_or("").to_string());
    }
    assert_eq!(with_output.len(), n_files, "every file gives findings or DW001");
    let mut dw001: BTreeSet<String> = BTreeSet::new();
    for e in v["errors"].as_array().unwrap() {
        assert!(e["line"].as_u64().is_some(), "error without a line: {e}");
        let f = e["file"].as_str().unwrap();
        dw001.insert(f.rsplit("corpus/dockerfiles/").next().unwrap().to_string());
    }
    let doc = std::fs::read_to_string(root.join("docs/corpus-dw001.md")).unwrap();
    let documented: BTreeSet<String> = doc
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .map(|l| l.split('`').next().unwrap().to_string())
        .collect();
    assert_eq!(dw001, documented, "DW001 files differ from docs/corpus-dw001.md");
}

fn walk(dir: &std::path::Path) -> usize {
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            n += walk(&p);
        } else {
            n += 1;
        }
    }
    n
}
