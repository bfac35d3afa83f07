//! Shared by the rule harnesses: the configuration a fixture runs under, and how findings are
//! rendered into snapshots.
#![allow(dead_code)]

use dockward_core::{Config, Finding};

pub(crate) const TODAY: &str = "2026-11-28";

/// Only `code` selected; DW204 gets a trusted-registry list so it has something to judge.
pub(crate) fn config_for(code: &str) -> Config {
    let mut config = Config::parse(&format!("select = [\"{code}\"]")).unwrap();
    if code == "DW204" {
        config.trusted_registries = vec!["registry.example.com".into(), "*.corp.example".into()];
    }
    config
}

/// The findings of `code` as snapshot text, and how many are unsuppressed. With `root`, each
/// line starts with the file, `root` shown as `<fixture>` so snapshots do not depend on the
/// checkout's path.
pub(crate) fn render(findings: &[Finding], code: &str, root: Option<&str>) -> (String, usize) {
    let mut s = String::new();
    let mut n = 0;
    for f in findings.iter().filter(|f| f.rule.code == code) {
        if f.suppressed.is_none() {
            n += 1;
        }
        let l = &f.location;
        let (file, message) = match root {
            Some(root) => (
                format!("{}:", l.file.as_deref().unwrap_or("-").replace(root, "<fixture>")),
                f.message.replace(root, "<fixture>"),
            ),
            None => (String::new(), f.message.clone()),
        };
        s.push_str(&format!(
            "{file}{}:{}-{}:{} {} [{}] {message}{}\n    target: {}\n    fix: {}\n    equivalents: {}\n",
            l.start.line,
            l.start.column,
            l.end.line,
            l.end.column,
            f.rule.code,
            f.severity,
            if f.suppressed.is_some() { " (suppressed)" } else { "" },
            f.target.as_deref().unwrap_or("-"),
            f.fix.as_deref().unwrap_or("-"),
            f.equivalents.join(", "),
        ));
    }
    (s, n)
}
