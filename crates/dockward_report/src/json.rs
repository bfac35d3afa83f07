//! `--format json`: the stable, documented contract (docs/json-output.md).
//!
//! Field names and meanings are a promise to the tools that consume this output: fields may be
//! added, never renamed or removed, and a field's type never changes. The top-level `version`
//! changes only if that promise ever has to be broken. Object keys are written in a fixed
//! order (the order of the structs below), `by_code` sorted by code.

use crate::fingerprint::fingerprints;
use crate::fixes::{EditView, Lines};
use crate::{Report, Summary, practice_name};
use dockward_core::{Applicability, Finding, InputError, Severity, SuppressionKind};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io;

/// Version of the JSON contract.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    tool: Tool<'a>,
    findings: Vec<JsonFinding<'a>>,
    errors: Vec<JsonError<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
pub(crate) struct JsonFinding<'a> {
    code: &'static str,
    name: &'static str,
    severity: Severity,
    surface: &'static str,
    file: Option<&'a str>,
    line: Option<u32>,
    column: Option<u32>,
    end_line: Option<u32>,
    end_column: Option<u32>,
    target: Option<&'a str>,
    message: &'a str,
    fix: Option<&'a str>,
    equivalents: &'a [std::borrow::Cow<'static, str>],
    /// The CIS Docker Benchmark sections among `equivalents` (`CIS-2.2` → `2.2`).
    cis: Vec<&'a str>,
    suppressed: bool,
    suppression: Option<JsonSuppression<'a>>,
    /// `production`, `development`, `test`, `ci`, `build-stage` or `inactive-profile`.
    context: dockward_core::Context,
    /// `safe` or `unsafe` when `--fix` (`--unsafe-fixes`) can fix it; null otherwise.
    fixable: Option<Applicability>,
    /// The fix's edits, when there is one.
    autofix: Option<JsonAutofix<'a>>,
    practice: String,
    fingerprint: String,
}

#[derive(Serialize)]
pub(crate) struct JsonAutofix<'a> {
    applicability: Applicability,
    title: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    file: &'a str,
    /// Byte offsets into the file as it was scanned.
    byte_start: usize,
    byte_end: usize,
    line: Option<u32>,
    column: Option<u32>,
    end_line: Option<u32>,
    end_column: Option<u32>,
    content: &'a str,
}

#[derive(Serialize)]
struct JsonSuppression<'a> {
    kind: SuppressionKind,
    reason: Option<&'a str>,
}

#[derive(Serialize)]
pub(crate) struct JsonError<'a> {
    file: Option<&'a str>,
    line: Option<u32>,
    column: Option<u32>,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    files_scanned: usize,
    findings: usize,
    suppressed: usize,
    errors: usize,
    by_severity: BySeverity,
    by_code: BTreeMap<&'static str, usize>,
}

#[derive(Serialize)]
struct BySeverity {
    critical: usize,
    high: usize,
    medium: usize,
    low: usize,
    info: usize,
}

fn finding<'a>(f: &'a Finding, fingerprint: String, edits: Vec<EditView<'a>>) -> JsonFinding<'a> {
    let region = crate::region(f);
    JsonFinding {
        code: f.rule.code,
        name: f.rule.name,
        severity: f.severity,
        surface: f.surface.as_str(),
        file: f.location.file.as_deref(),
        line: region.map(|r| r.start_line),
        column: region.map(|r| r.start_column),
        end_line: region.and_then(|r| r.end).map(|e| e.0),
        end_column: region.and_then(|r| r.end).map(|e| e.1),
        target: f.target.as_deref(),
        message: &f.message,
        fix: f.fix.as_deref(),
        equivalents: &f.equivalents,
        cis: dockward_core::cis::finding_sections(f),
        suppressed: f.suppressed.is_some(),
        suppression: f
            .suppressed
            .as_ref()
            .map(|s| JsonSuppression { kind: s.kind, reason: s.reason.as_deref() }),
        context: f.context,
        fixable: f.autofix.as_ref().map(|x| x.applicability),
        autofix: f.autofix.as_ref().map(|x| JsonAutofix {
            applicability: x.applicability,
            title: &x.title,
            edits: edits
                .into_iter()
                .map(|e| JsonEdit {
                    file: e.file,
                    byte_start: e.byte_start,
                    byte_end: e.byte_end,
                    line: e.start.map(|p| p.line),
                    column: e.start.map(|p| p.column),
                    end_line: e.end.map(|p| p.line),
                    end_column: e.end.map(|p| p.column),
                    content: e.content,
                })
                .collect(),
        }),
        practice: practice_name(f.rule.practice),
        fingerprint,
    }
}

fn error(e: &InputError) -> JsonError<'_> {
    JsonError {
        file: e.file.as_deref(),
        line: e.line.filter(|l| *l > 0),
        column: e.column.filter(|c| *c > 0),
        message: &e.message,
    }
}

/// The JSON document as a value (what [`write`] prints).
pub fn to_value(report: &Report) -> serde_json::Value {
    serde_json::to_value(output(report)).unwrap_or(serde_json::Value::Null)
}

/// Every finding as the document writes it (also in the CIS report, `cis.rs`).
pub(crate) fn findings<'a>(report: &'a Report) -> Vec<JsonFinding<'a>> {
    let mut lines = Lines::default();
    report
        .findings
        .iter()
        .zip(fingerprints(report))
        .map(|(f, fp)| finding(f, fp, lines.edits(report, f)))
        .collect()
}

/// Every input error as the document writes it.
pub(crate) fn errors<'a>(report: &'a Report) -> Vec<JsonError<'a>> {
    report.errors.iter().map(error).collect()
}

fn output<'a>(report: &'a Report) -> Output<'a> {
    let summary = Summary::of(report);
    Output {
        version: VERSION,
        tool: Tool { name: "dockward", version: report.tool_version },
        findings: findings(report),
        errors: errors(report),
        summary: JsonSummary {
            files_scanned: summary.files_scanned,
            findings: summary.findings,
            suppressed: summary.suppressed,
            errors: summary.errors,
            by_severity: BySeverity {
                critical: summary.count(Severity::Critical),
                high: summary.count(Severity::High),
                medium: summary.count(Severity::Medium),
                low: summary.count(Severity::Low),
                info: summary.count(Severity::Info),
            },
            by_code: summary.by_code,
        },
    }
}

/// Pretty-printed JSON (two-space indent) and a final newline, streamed to `out` (the
/// document for a large scan is tens of MB; it is never held in memory as a whole).
pub fn write(report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &output(report)).map_err(io::Error::other)?;
    out.write_all(b"\n")
}
