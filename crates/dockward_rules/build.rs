//! Extracts each rule file's `//!` doc comment into a table compiled into the crate, so that
//! `dockward rule DW501`, SARIF help text and docs/rules.md all come from the rule file itself.

use std::fs;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("dw") && n.ends_with(".rs"))
        {
            out.push(p);
        }
    }
}

fn main() {
    let src = Path::new("src");
    println!("cargo:rerun-if-changed=src");
    let mut files = Vec::new();
    collect(src, &mut files);
    files.sort();
    let mut table = String::from(
        "/// (code, markdown doc) for every rule file.\npub(crate) static DOCS: &[(&str, &str)] = &[\n",
    );
    for f in files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_str().unwrap();
        let code: String = name.split('_').next().unwrap().to_ascii_uppercase();
        let text = fs::read_to_string(&f).unwrap();
        let doc: Vec<&str> = text
            .lines()
            .take_while(|l| l.starts_with("//!") || l.trim().is_empty())
            .filter(|l| l.starts_with("//!"))
            .map(|l| l.strip_prefix("//! ").or_else(|| l.strip_prefix("//!")).unwrap_or(""))
            .collect();
        table.push_str(&format!("    ({:?}, {:?}),\n", code, doc.join("\n").trim()));
    }
    table.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("rule_docs.rs");
    fs::write(out, table).unwrap();
}
