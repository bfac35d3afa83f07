//! Report writers: every output format dockward has, and nothing else.
//!
//! Reporters decide nothing. The caller has already selected, filtered, sorted and (maybe)
//! suppressed the findings; a writer only renders what it is given, the same way every time
//! (no timestamps, no absolute paths unless the input has them, no dependence on the
//! environment). Colour is a caller's decision too ([`TextOptions::color`]).
//!
//! | format | module | for |
//! |---|---|---|
//! | `text` | [`text`] | people: `path:line:col: DW501 [high] message`, code frames, summary |
//! | `json` | [`json`] | tools: the stable contract documented in `docs/json-output.md` |
//! | `sarif` | [`sarif`] | code-scanning platforms: SARIF 2.1.0 |
//! | `junit` | [`junit`] | CI test dashboards: JUnit XML |
//! | `github` | [`github`] | GitHub Actions annotations (workflow commands) |
//!
//! [`cis`] renders a CIS Docker Benchmark report (`dockward host --cis`) in text, JSON or SARIF.
//!
//! Every input is untrusted: messages quote values from scanned files, so each writer escapes
//! or strips what could break its format (terminal escapes, XML control characters, workflow
//! command separators). No input makes a writer panic.

use dockward_core::{Finding, InputError, RuleDoc, Severity};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io;
use std::str::FromStr;
use std::sync::Arc;

pub mod cis;
pub mod fingerprint;
mod fixes;
pub mod github;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod text;

/// Everything a writer needs. Built by the caller; borrowed for the duration of one write.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// Already sorted and filtered by the caller; may include suppressed findings
    /// (`finding.suppressed.is_some()`).
    pub findings: &'a [Finding],
    /// Unreadable or unparsable inputs (each also appears as a DW001 finding).
    pub errors: &'a [InputError],
    /// The whole rule catalogue (SARIF `tool.driver.rules`).
    pub rules: &'a [RuleDoc],
    /// File path (as in `Location.file`) → text, for code frames and fingerprints.
    pub sources: &'a HashMap<String, Arc<str>>,
    pub files_scanned: usize,
    pub tool_version: &'a str,
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Junit,
    Github,
}

impl Format {
    /// Every format, in the order of [`Format::NAMES`].
    pub const ALL: [Format; 5] =
        [Format::Text, Format::Json, Format::Sarif, Format::Junit, Format::Github];
    /// The accepted names, for `clap`'s `value_parser` / `PossibleValuesParser`.
    pub const NAMES: [&'static str; 5] = ["text", "json", "sarif", "junit", "github"];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Github => "github",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown format `{s}` (expected {})", Format::NAMES.join(", ")))
    }
}

/// Options of the `text` format. The other formats ignore them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextOptions {
    /// ANSI colours. The CLI decides (TTY, `NO_COLOR`, `--color`).
    pub color: bool,
    /// Also print suppressed findings, marked `(suppressed: reason)`.
    pub show_suppressed: bool,
    /// Print the source lines under each finding.
    pub code_frames: bool,
    /// What the summary line says was audited, when not files (`on the Docker host and in 3
    /// containers and 1 image`); None: `in N files`.
    pub scanned: Option<String>,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions { color: false, show_suppressed: false, code_frames: true, scanned: None }
    }
}

/// Write `report` to `out` in `format`. Only I/O errors are returned; no input makes it fail
/// or panic.
pub fn write(
    report: &Report,
    format: Format,
    text: &TextOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        Format::Text => text::write(report, text, out),
        Format::Json => json::write(report, out),
        Format::Sarif => sarif::write(report, out),
        Format::Junit => junit::write(report, out),
        Format::Github => github::write(report, out),
    }
}

/// Counts shared by the text, JSON and JUnit summaries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub files_scanned: usize,
    /// Unsuppressed findings.
    pub findings: usize,
    pub suppressed: usize,
    /// Input errors.
    pub errors: usize,
    /// Distinct files among the input errors (an error without a file counts once each).
    pub files_with_errors: usize,
    /// Unsuppressed findings per severity, indexed like [`Severity::ALL`] (info first).
    pub by_severity: [usize; 5],
    /// Unsuppressed findings per rule code.
    pub by_code: BTreeMap<&'static str, usize>,
    /// Unsuppressed findings with a safe fix (`--fix`) and with an unsafe one
    /// (`--unsafe-fixes`).
    pub fixable_safe: usize,
    pub fixable_unsafe: usize,
}

impl Summary {
    pub fn of(report: &Report) -> Summary {
        let mut s = Summary {
            files_scanned: report.files_scanned,
            errors: report.errors.len(),
            ..Summary::default()
        };
        for f in report.findings {
            if f.suppressed.is_some() {
                s.suppressed += 1;
            } else {
                s.findings += 1;
                s.by_severity[severity_index(f.severity)] += 1;
                *s.by_code.entry(f.rule.code).or_insert(0) += 1;
                match f.autofix.as_ref().map(|x| x.applicability) {
                    Some(dockward_core::Applicability::Safe) => s.fixable_safe += 1,
                    Some(dockward_core::Applicability::Unsafe) => s.fixable_unsafe += 1,
                    None => {}
                }
            }
        }
        let mut files = std::collections::BTreeSet::new();
        for e in report.errors {
            match &e.file {
                Some(f) => {
                    files.insert(f.as_str());
                }
                None => s.files_with_errors += 1,
            }
        }
        s.files_with_errors += files.len();
        s
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.by_severity[severity_index(severity)]
    }
}

fn severity_index(s: Severity) -> usize {
    Severity::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

/// The kebab-case name of a practice, as serde writes it (`least-privilege`).
pub(crate) fn practice_name(p: dockward_core::Practice) -> String {
    match serde_json::to_value(p) {
        Ok(serde_json::Value::String(s)) => s,
        _ => format!("{p:?}").to_ascii_lowercase(),
    }
}

/// 1-based start and end of a finding when it has a usable position: `None` when the line is
/// 0 (unknown). Columns 0 become 1; an end before the start becomes `None`.
pub(crate) fn region(f: &Finding) -> Option<Region> {
    let start = f.location.start;
    if start.line == 0 {
        return None;
    }
    let start_col = start.column.max(1);
    let end = f.location.end;
    let end = if end.line == 0 || (end.line, end.column.max(1)) < (start.line, start_col) {
        None
    } else {
        Some((end.line, end.column.max(1)))
    };
    Some(Region { start_line: start.line, start_column: start_col, end })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Region {
    pub start_line: u32,
    pub start_column: u32,
    /// (line, column), never before the start.
    pub end: Option<(u32, u32)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for (f, n) in Format::ALL.iter().zip(Format::NAMES) {
            assert_eq!(f.as_str(), n);
            assert_eq!(n.parse::<Format>().unwrap(), *f);
            assert_eq!(f.to_string(), n);
        }
        assert_eq!("SARIF".parse::<Format>().unwrap(), Format::Sarif);
        assert!("xml".parse::<Format>().unwrap_err().contains("text, json, sarif, junit, github"));
    }
}
