//! Robustness over the shared corpus of real Compose files (`../shared/corpus/compose` beside
//! the workspace, or `$DOCKWARD_COMPOSE_CORPUS`): each file is loaded as its own project, its directory as the
//! project directory. No file may panic; every file loads, or fails with located errors.
//! Skipped (with a message) when the corpus is absent.
//!
//! With `DOCKWARD_WRITE_CORPUS_DOC=1`, the list of files the YAML parser rejects is written to
//! `docs/compose-corpus-errors.md`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dockward_compose::{Category, LoadOptions, load_project};

fn corpus_dir() -> PathBuf {
    std::env::var_os("DOCKWARD_COMPOSE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/compose")
        })
}

fn compose_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(dirs) = std::fs::read_dir(root) else {
        return out;
    };
    for d in dirs.flatten() {
        let Ok(files) = std::fs::read_dir(d.path()) else {
            continue;
        };
        for f in files.flatten() {
            let p = f.path();
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.ends_with(".yml") || name.ends_with(".yaml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn corpus_loads_without_panics() {
    let root = corpus_dir();
    if !root.is_dir() {
        println!("compose corpus not found at {}: skipped", root.display());
        return;
    }
    let files = compose_files(&root);
    assert!(!files.is_empty());
    let start = std::time::Instant::now();
    let (mut clean, mut warned, mut errored, mut panics) = (0usize, 0usize, 0usize, Vec::new());
    let mut by_category: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut diag_counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut rejected: Vec<(String, String)> = Vec::new();
    let mut services = 0usize;
    for f in &files {
        let dir = f.parent().map(Path::to_path_buf).unwrap_or_default();
        let opts = LoadOptions {
            project_dir: Some(dir),
            ..Default::default()
        };
        let result = std::panic::catch_unwind(|| load_project(std::slice::from_ref(f), &opts));
        let project = match result {
            Ok(p) => p,
            Err(_) => {
                panics.push(f.display().to_string());
                continue;
            }
        };
        services += project.services.len();
        for d in &project.diagnostics {
            // Every diagnostic names a file, and a line unless it concerns a whole file.
            assert!(
                d.file.is_some(),
                "{}: unlocated diagnostic {d}",
                f.display()
            );
            *diag_counts.entry(d.category.as_str()).or_default() += 1;
        }
        let errors: Vec<_> = project.errors().collect();
        if errors.is_empty() {
            if project.warnings().next().is_none() {
                clean += 1
            } else {
                warned += 1
            }
        } else {
            errored += 1;
            let mut cats: Vec<&'static str> = errors.iter().map(|d| d.category.as_str()).collect();
            cats.sort();
            cats.dedup();
            for c in cats {
                *by_category.entry(c).or_default() += 1;
            }
        }
        for d in project.errors() {
            if matches!(d.category, Category::Syntax | Category::Limit)
                || (d.category == Category::Structure && d.message.contains("duplicate key"))
            {
                let rel = f.strip_prefix(&root).unwrap_or(f).display().to_string();
                rejected.push((
                    rel,
                    format!(
                        "{}:{}: {} ({})",
                        d.line,
                        d.column,
                        d.message,
                        d.category.as_str()
                    ),
                ));
            }
        }
    }
    println!(
        "compose corpus: {} files in {:.1?}, {services} services",
        files.len(),
        start.elapsed()
    );
    println!("  loaded clean:          {clean}");
    println!("  loaded with warnings:  {warned}");
    println!("  with errors:           {errored}");
    for (c, n) in &by_category {
        println!("    files with {c} errors: {n}");
    }
    for (c, n) in &diag_counts {
        println!("  diagnostics {c}: {n}");
    }
    println!(
        "  rejected by the YAML parser (syntax, limits, duplicate keys): {}",
        rejected.len()
    );
    for (f, why) in &rejected {
        println!("    {f}: {why}");
    }
    if std::env::var_os("DOCKWARD_WRITE_CORPUS_DOC").is_some() {
        write_doc(&rejected, files.len());
    }
    assert!(panics.is_empty(), "panics on: {panics:?}");
}

fn write_doc(rejected: &[(String, String)], total: usize) {
    let mut s = String::from(
        "# Compose corpus: files the YAML parser rejects\n\n\
         Generated by `DOCKWARD_WRITE_CORPUS_DOC=1 cargo test -p dockward_compose --test corpus -- --nocapture`\n\
         over `shared/corpus/compose`, each file loaded as its own project. Each line: the file, then\n\
         line:column of the problem, the parser's message and the diagnostic category. `yaml-syntax` is\n\
         text that is not YAML; `structure` with \"duplicate key\" is YAML that the YAML spec (and\n\
         Compose) forbids although lenient parsers accept it; `limit` is a resource cap.\n\n\
         Cross-check: the `yaml-syntax` files are rejected by PyYAML too (a block mapping broken by\n\
         indentation, text after a closing quote, `******` read as an alias); PyYAML accepts the\n\
         duplicate-key files (last value wins) but Compose's YAML library refuses them. Flow\n\
         collections closed at their key's indentation (`command: [` ... `]`), which libyaml and\n\
         Compose accept but saphyr alone does not, are accepted by the loader and are not listed.\n\n",
    );
    s.push_str(&format!("{} of {total} files.\n\n", {
        let mut files: Vec<&String> = rejected.iter().map(|(f, _)| f).collect();
        files.dedup();
        files.len()
    }));
    s.push_str("| file | problem |\n|---|---|\n");
    for (f, why) in rejected {
        s.push_str(&format!("| `{f}` | {} |\n", why.replace('|', "\\|")));
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/compose-corpus-errors.md");
    std::fs::write(path, s).expect("write docs/compose-corpus-errors.md");
}
