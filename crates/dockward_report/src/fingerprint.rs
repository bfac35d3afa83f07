//! Finding fingerprints: a stable identity for "the same problem" across runs.
//!
//! Code-scanning platforms (SARIF `partialFingerprints`) and baselines match findings between
//! runs by fingerprint. Line numbers must not be part of it, or inserting a line at the top of
//! a Dockerfile would make every finding below it look new. A fingerprint hashes:
//!
//! 1. the rule code,
//! 2. the file path (empty when the finding has no file),
//! 3. the target (stage, service, image or container; empty when none),
//! 4. the text of the finding's source line(s), each trimmed, when the source is available and
//!    the lines exist; otherwise the message,
//! 5. an occurrence counter: the n-th finding of the report with the same (1)–(4) gets n
//!    (0 for the first), so that two identical lines stay distinct.
//!
//! The hash is 64-bit FNV-1a over the fields, each prefixed with its length, written as
//! 16 lowercase hex digits. Changing any of this changes every fingerprint: bump the
//! `dockwardFingerprint/v1` version in SARIF if it ever has to change.

use crate::Report;
use dockward_core::{Finding, LineIndex};
use std::collections::HashMap;

/// Longest span (in lines) whose text goes into the fingerprint; longer spans use their first
/// lines only.
const MAX_LINES: u32 = 64;

/// 64-bit FNV-1a.
#[derive(Debug, Clone, Copy)]
pub struct Fnv1a64(u64);

impl Default for Fnv1a64 {
    fn default() -> Self {
        Fnv1a64(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a64 {
    pub fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    /// Length-prefixed field, so that ("ab","c") and ("a","bc") differ.
    pub fn field(&mut self, s: &str) {
        self.write(&(s.len() as u64).to_le_bytes());
        self.write(s.as_bytes());
    }
    pub fn finish(self) -> u64 {
        self.0
    }
}

/// Fingerprints of `report.findings`, in the same order.
pub fn fingerprints(report: &Report) -> Vec<String> {
    let mut indexes: HashMap<&str, LineIndex> = HashMap::new();
    let mut seen: HashMap<u64, u64> = HashMap::new();
    report
        .findings
        .iter()
        .map(|f| {
            let content = span_text(report, f, &mut indexes);
            let mut h = Fnv1a64::default();
            h.field(f.rule.code);
            h.field(f.location.file.as_deref().unwrap_or(""));
            h.field(f.target.as_deref().unwrap_or(""));
            match &content {
                Some(text) => {
                    h.field("source");
                    h.field(text);
                }
                None => {
                    h.field("message");
                    h.field(&f.message);
                }
            }
            let key = h.finish();
            let n = seen.entry(key).or_insert(0);
            let occurrence = *n;
            *n += 1;
            h.write(&occurrence.to_le_bytes());
            format!("{:016x}", h.finish())
        })
        .collect()
}

/// The trimmed source lines of the finding's span, joined by `\n`; None without a source or
/// when the start line is not in it.
fn span_text<'r>(
    report: &Report<'r>,
    f: &Finding,
    indexes: &mut HashMap<&'r str, LineIndex>,
) -> Option<String> {
    let file = f.location.file.as_deref()?;
    let (path, text) = report.sources.get_key_value(file)?;
    let start = f.location.start.line;
    if start == 0 {
        return None;
    }
    let index = indexes.entry(path.as_str()).or_insert_with(|| LineIndex::new(text));
    let first = index.line_range(text, start)?;
    let end = f.location.end.line.clamp(start, start.saturating_add(MAX_LINES - 1));
    let mut out = text.get(first)?.trim().to_string();
    for line in start.saturating_add(1)..=end {
        let Some(range) = index.line_range(text, line) else {
            break;
        };
        out.push('\n');
        out.push_str(text.get(range).unwrap_or("").trim());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dockward_core::{Location, Position, RuleMeta, Severity, Surface};
    use std::sync::Arc;

    static R: RuleMeta = RuleMeta {
        code: "DW501",
        name: "root-user",
        summary: "",
        practice: dockward_core::Practice::LeastPrivilege,
        surfaces: &[Surface::Dockerfile],
        severity: Severity::High,
        equivalents: &[],
        default_enabled: true,
    };

    fn at(line: u32) -> Finding {
        let loc = Location {
            file: Some("Dockerfile".into()),
            start: Position { line, column: 1 },
            end: Position { line, column: 10 },
            bytes: None,
        };
        Finding::new(&R, Surface::Dockerfile, loc, format!("root at line {line}"))
    }

    fn fps(text: &str, findings: &[Finding]) -> Vec<String> {
        let mut sources = HashMap::new();
        sources.insert("Dockerfile".to_string(), Arc::<str>::from(text));
        let report = Report {
            findings,
            errors: &[],
            rules: &[],
            sources: &sources,
            files_scanned: 1,
            tool_version: "0",
        };
        fingerprints(&report)
    }

    #[test]
    fn stable_across_line_shifts() {
        let a = fps("FROM x\nUSER root\n", &[at(2)]);
        let b = fps("# a comment\n\nFROM x\n  USER root\r\n", &[at(4)]);
        assert_eq!(a, b);
        assert_eq!(a[0].len(), 16);
        assert!(a[0].bytes().all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn duplicates_get_distinct_fingerprints() {
        let f = fps("USER root\nUSER root\n", &[at(1), at(2)]);
        assert_ne!(f[0], f[1]);
        // Same pair in another file layout: same two fingerprints in order.
        let g = fps("FROM x\nUSER root\nRUN y\nUSER root\n", &[at(2), at(4)]);
        assert_eq!(f, g);
    }

    #[test]
    fn changes_with_content_and_falls_back_to_message() {
        let a = fps("USER root\n", &[at(1)]);
        let b = fps("USER 0\n", &[at(1)]);
        assert_ne!(a, b);
        // Line beyond the source: the message is used (and nothing panics).
        let c = fps("USER root\n", &[at(99)]);
        let d = fps("", &[at(99)]);
        assert_eq!(c, d);
        let mut huge = at(1);
        huge.location.end = Position { line: u32::MAX, column: u32::MAX };
        let _ = fps("a\nb\n", &[huge]);
        let mut zero = at(0);
        zero.location.file = None;
        let _ = fps("", &[zero]);
    }
}
