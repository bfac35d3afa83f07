//! The rule registry, generated from the rule files themselves: the one source of truth.
//!
//! Every `src/<practice>/dw<code>_<name>.rs` is a rule. This script writes, into `OUT_DIR`:
//! - `modules/<practice>.rs`: one `pub mod` per rule file of the practice, which the
//!   practice's `mod.rs` includes, so a rule file cannot exist without being compiled;
//! - `rule_table.rs`: the registry, every rule in code order with the check functions its file
//!   defines (`check`: Dockerfile, `check_container`: Compose service or live container,
//!   `check_project`: whole Compose project, `check_host`: the daemon, `check_image`: an
//!   image), which `registry::all` returns;
//! - `rule_docs.rs`: each rule file's `//!` doc comment, for `dockward rule DW501`, SARIF help
//!   text and docs/rules.md;
//! - `rule_tests.rs`: one `#[test] fn DW501()` per rule, which `tests/rules.rs` includes, so
//!   `cargo test DW501` runs exactly that rule's fixtures.
//!
//! Nothing here is maintained by hand; adding a rule is adding its file (CONTRIBUTING.md).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// A check function a rule file may define, and the registry field it fills.
const CHECKS: &[(&str, &str)] = &[
    ("check", "dockerfile"),
    ("check_container", "container"),
    ("check_project", "project"),
    ("check_host", "host"),
    ("check_image", "image"),
];

struct RuleFile {
    practice: String,
    module: String,
    path: PathBuf,
    code: String,
    text: String,
}

impl RuleFile {
    /// `DW1205` → (12, 5): practice first, then sequence (DW0xx are practice 0).
    fn order(&self) -> (u32, u32) {
        let n: u32 = self.code[2..].parse().unwrap_or(u32::MAX);
        if n < 100 { (0, n) } else { (n / 100, n % 100) }
    }

    fn defines(&self, function: &str) -> bool {
        self.text.contains(&format!("pub fn {function}("))
            || self.text.contains(&format!("pub(crate) fn {function}("))
    }

    fn doc(&self) -> String {
        let lines: Vec<&str> = self
            .text
            .lines()
            .take_while(|l| l.starts_with("//!") || l.trim().is_empty())
            .filter(|l| l.starts_with("//!"))
            .map(|l| l.strip_prefix("//! ").or_else(|| l.strip_prefix("//!")).unwrap_or(""))
            .collect();
        lines.join("\n").trim().to_string()
    }
}

fn is_rule_file(name: &str) -> Option<String> {
    let stem = name.strip_suffix(".rs")?;
    let code = stem.split('_').next()?;
    let digits = code.strip_prefix("dw")?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && stem.contains('_'))
        .then(|| code.to_ascii_uppercase())
}

fn rule_files(src: &Path) -> Vec<RuleFile> {
    let mut out = Vec::new();
    let mut practices: Vec<PathBuf> = fs::read_dir(src)
        .expect("read src/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    practices.sort();
    for dir in practices {
        let practice = dir.file_name().unwrap().to_str().expect("UTF-8 folder name").to_string();
        let mut files: Vec<PathBuf> =
            fs::read_dir(&dir).expect("read practice folder").flatten().map(|e| e.path()).collect();
        files.sort();
        for path in files {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else { continue };
            let Some(code) = is_rule_file(name) else { continue };
            println!("cargo:rerun-if-changed={}", path.display());
            let text = fs::read_to_string(&path).expect("read rule file");
            let module = name.trim_end_matches(".rs").to_string();
            out.push(RuleFile { practice: practice.clone(), module, path, code, text });
        }
    }
    out.sort_by_key(|r| r.order());
    out
}

fn main() {
    let src = Path::new("src");
    println!("cargo:rerun-if-changed=src");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let rules = rule_files(src);

    // Codes are unique: two files with one code would make two rules answer to it.
    for pair in rules.windows(2) {
        assert!(
            pair[0].code != pair[1].code,
            "two rule files have the code {}: {} and {}",
            pair[0].code,
            pair[0].path.display(),
            pair[1].path.display()
        );
    }

    // modules/<practice>.rs, included by src/<practice>/mod.rs.
    fs::create_dir_all(out_dir.join("modules")).unwrap();
    let mut practices: Vec<&str> = rules.iter().map(|r| r.practice.as_str()).collect();
    practices.sort();
    practices.dedup();
    for practice in &practices {
        let mod_rs = src.join(practice).join("mod.rs");
        let include = format!("include!(concat!(env!(\"OUT_DIR\"), \"/modules/{practice}.rs\"));");
        let mod_text = fs::read_to_string(&mod_rs).unwrap_or_default();
        assert!(
            mod_text.contains(&include),
            "{} must exist, start with a `//!` line saying what the practice is, and contain:\n{include}\n(and lib.rs needs `pub mod {practice};`)",
            mod_rs.display()
        );
        let mut text =
            String::from("// Generated by build.rs from the rule files of this folder.\n");
        for r in rules.iter().filter(|r| r.practice == *practice) {
            let abs = fs::canonicalize(&r.path).unwrap();
            writeln!(text, "#[path = {:?}]\npub mod {};", abs.display().to_string(), r.module)
                .unwrap();
        }
        fs::write(out_dir.join("modules").join(format!("{practice}.rs")), text).unwrap();
    }

    // rule_table.rs: the registry.
    let mut table = String::from(
        "/// Every rule, in code order, generated by build.rs from the rule files.\n\
         pub(crate) static RULES: &[Rule] = &[\n",
    );
    for r in &rules {
        let path = format!("crate::{}::{}", r.practice, r.module);
        write!(table, "    Rule {{ meta: &{path}::RULE").unwrap();
        for (function, field) in CHECKS {
            if r.defines(function) {
                write!(table, ", {field}: Some({path}::{function})").unwrap();
            } else {
                write!(table, ", {field}: None").unwrap();
            }
        }
        table.push_str(" },\n");
    }
    table.push_str("];\n");
    fs::write(out_dir.join("rule_table.rs"), table).unwrap();

    // rule_docs.rs
    let mut docs = String::from(
        "/// (code, markdown doc) for every rule file.\npub(crate) static DOCS: &[(&str, &str)] = &[\n",
    );
    for r in &rules {
        writeln!(docs, "    ({:?}, {:?}),", r.code, r.doc()).unwrap();
    }
    docs.push_str("];\n");
    fs::write(out_dir.join("rule_docs.rs"), docs).unwrap();

    // rule_tests.rs: one test per code, for tests/rules.rs.
    let mut tests = String::from("// Generated by build.rs: one test per rule code.\n");
    for r in &rules {
        writeln!(
            tests,
            "#[test]\n#[allow(non_snake_case)]\nfn {code}() {{\n    harness::check_rule({code:?});\n}}",
            code = r.code
        )
        .unwrap();
    }
    fs::write(out_dir.join("rule_tests.rs"), tests).unwrap();
}
