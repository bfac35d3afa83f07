//! `--format sarif`: SARIF 2.1.0, one run, for GitHub code scanning and other platforms.
//!
//! - `tool.driver.rules` is the whole catalogue ([`Report::rules`]), with the rule's Markdown
//!   documentation as `help`, and the `security-severity` GitHub uses to rank alerts.
//! - One result per finding, suppressed ones included with a `suppressions` entry (GitHub and
//!   other viewers hide them). `ruleIndex` points into the catalogue; a code missing from it
//!   gets no `ruleIndex`.
//! - Locations: a relative path becomes a percent-encoded URI relative to `%SRCROOT%`; an
//!   absolute path a `file://` URI. `originalUriBaseIds` is not written (it would put the
//!   absolute working directory in the output; GitHub resolves `%SRCROOT%` to the checkout).
//!   A finding without a file (a live container, the host, a local image) gets a logical
//!   location naming its target plus a stand-in physical location (`docker-host`,
//!   `container/<name>`, `image/<tag>`, line 1), because GitHub code scanning rejects an upload
//!   in which any result lacks a physical location.
//! - Each result's `properties` carry its severity, surface, target and `cis`: the CIS Docker
//!   Benchmark sections it concerns (`["2.2"]`, from its equivalents; omitted when none).
//! - Input errors are `toolExecutionNotifications` of the one invocation.
//! - Absent values are omitted, never `null`. At most [`MAX_RESULTS`] results are written
//!   (GitHub rejects larger runs); a notification says how many were left out.
//!

use crate::fingerprint::fingerprints;
use crate::fixes::{EditView, Lines};
use crate::{Report, practice_name};
use dockward_core::{Finding, InputError, RuleDoc, Severity, SuppressionKind};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const FINGERPRINT_KEY: &str = "dockwardFingerprint/v1";
/// GitHub code scanning accepts at most 25,000 results per run.
pub const MAX_RESULTS: usize = 25_000;
/// GitHub code scanning accepts at most 20 tags per rule.
const MAX_TAGS: usize = 20;
const SRCROOT: &str = "%SRCROOT%";
const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: [Invocation<'a>; 1],
    results: Vec<SarifResult<'a>>,
    column_kind: &'static str,
    /// Extra run-level data (the CIS report's checks and score, `cis.rs`).
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<serde_json::Value>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
struct Text<T> {
    text: T,
}

#[derive(Serialize)]
struct Help {
    text: &'static str,
    markdown: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Text<&'static str>,
    full_description: Text<String>,
    help: Help,
    default_configuration: DefaultConfiguration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct DefaultConfiguration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<String>,
    #[serde(rename = "security-severity")]
    security_severity: &'static str,
    precision: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location<'a>>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    physical_location: Option<PhysicalLocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<u32>,
}

/// SARIF `fix`: the finding's machine-applicable fix as artifact changes.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: Text<String>,
    artifact_changes: Vec<ArtifactChange<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: FixRegion,
    inserted_content: Text<&'a str>,
}

/// A fix's region: line and column span when the file's text is known, else the byte range.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FixRegion {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_offset: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_length: Option<usize>,
}

#[derive(Serialize)]
struct LogicalLocation<'a> {
    name: &'a str,
    kind: &'static str,
}

#[derive(Serialize)]
struct Suppression<'a> {
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    justification: Option<&'a str>,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    severity: Severity,
    surface: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<&'a str>,
    /// CIS Docker Benchmark sections of the finding (`2.2`), from its equivalents.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    cis: Vec<&'a str>,
    /// Where the finding lives (`production`, `build-stage`, ...).
    context: dockward_core::Context,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification<'a>>,
}

#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    message: Text<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location<'a>>,
}

/// SARIF `level` of a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// GitHub's `security-severity` (a CVSS-like score) of a severity.
pub fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "1.0",
    }
}

/// First paragraph of a Markdown document that is not a heading.
fn first_paragraph(doc: &str) -> String {
    let mut out = String::new();
    for line in doc.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') || line.starts_with("```") {
            if out.is_empty() {
                continue;
            }
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

fn rule(doc: &RuleDoc) -> Rule {
    let m = doc.meta;
    let summary = if m.summary.is_empty() { m.name } else { m.summary };
    let full = first_paragraph(doc.doc);
    let help = if doc.doc.trim().is_empty() { summary } else { doc.doc };
    let mut tags = vec!["security".to_string(), practice_name(m.practice)];
    for e in m.equivalents {
        if tags.len() < MAX_TAGS && !tags.iter().any(|t| t == e) {
            tags.push(e.to_string());
        }
    }
    Rule {
        id: m.code,
        name: m.name,
        short_description: Text { text: summary },
        full_description: Text { text: if full.is_empty() { summary.to_string() } else { full } },
        help: Help { text: help, markdown: help },
        default_configuration: DefaultConfiguration { level: level(m.severity) },
        properties: RuleProperties {
            tags,
            security_severity: security_severity(m.severity),
            precision: "high",
        },
    }
}

/// Percent-encode a path for a URI: everything but unreserved characters and `/`.
fn encode(path: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
}

/// The artifact location of a file path as the report names it.
fn artifact(path: &str) -> ArtifactLocation {
    let mut p = path.replace('\\', "/");
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.to_string();
    }
    let b = p.as_bytes();
    let drive = b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'/';
    let mut uri = String::with_capacity(p.len() + 8);
    if drive {
        uri.push_str("file:///");
        uri.push_str(&p[..2]);
        encode(&p[2..], &mut uri);
        ArtifactLocation { uri, uri_base_id: None }
    } else if p.starts_with('/') {
        uri.push_str("file://");
        encode(&p, &mut uri);
        ArtifactLocation { uri, uri_base_id: None }
    } else {
        // An empty path (bogus input, or `./`) names the root rather than an empty URI.
        encode(if p.is_empty() { "." } else { &p }, &mut uri);
        ArtifactLocation { uri, uri_base_id: Some(SRCROOT) }
    }
}

fn finding_location(f: &Finding) -> Option<Location<'_>> {
    if let Some(file) = &f.location.file {
        let region = crate::region(f).map(|r| Region {
            start_line: r.start_line,
            start_column: Some(r.start_column),
            end_line: r.end.map(|e| e.0),
            end_column: r.end.map(|e| e.1),
        });
        return Some(Location {
            physical_location: Some(PhysicalLocation { artifact_location: artifact(file), region }),
            logical_locations: Vec::new(),
        });
    }
    let target = f.target.as_deref();
    Some(Location {
        physical_location: Some(PhysicalLocation {
            artifact_location: live_artifact(f.surface, target.unwrap_or("unnamed")),
            region: Some(Region {
                start_line: 1,
                start_column: None,
                end_line: None,
                end_column: None,
            }),
        }),
        logical_locations: target
            .map(|name| LogicalLocation { name, kind: "object" })
            .into_iter()
            .collect(),
    })
}

/// A stand-in artifact for a finding on something that is not a file (the daemon, a live
/// container, a local image): GitHub code scanning drops a whole upload when a result has no
/// physical location, so such results name a stable pseudo-path (`docker-host`,
/// `container/web-1`, `image/nginx%3A1.25`), as Trivy does for image scans. It is relative and
/// carries no `uriBaseId`, so viewers show the alert with its path but no source.
fn live_artifact(surface: dockward_core::Surface, target: &str) -> ArtifactLocation {
    let mut uri = String::new();
    match surface {
        dockward_core::Surface::Host => uri.push_str("docker-host"),
        dockward_core::Surface::Image => {
            uri.push_str("image/");
            encode(target, &mut uri);
        }
        _ => {
            uri.push_str("container/");
            encode(target, &mut uri);
        }
    }
    ArtifactLocation { uri, uri_base_id: None }
}

fn result<'a>(
    f: &'a Finding,
    fingerprint: String,
    index: &HashMap<&str, usize>,
    edits: Vec<EditView<'a>>,
) -> SarifResult<'a> {
    let mut text = f.message.clone();
    if let Some(fix) = &f.fix {
        if !text.is_empty() && !text.ends_with(['.', '!', '?']) {
            text.push('.');
        }
        text.push_str(" Fix: ");
        text.push_str(fix);
    }
    let suppressions = f
        .suppressed
        .iter()
        .map(|s| Suppression {
            kind: match s.kind {
                SuppressionKind::Config => "external",
                SuppressionKind::Inline
                | SuppressionKind::File
                | SuppressionKind::Hadolint
                | SuppressionKind::Check => "inSource",
            },
            justification: s.reason.as_deref(),
        })
        .collect();
    SarifResult {
        rule_id: f.rule.code,
        rule_index: index.get(f.rule.code).copied(),
        level: level(f.severity),
        message: Text { text },
        locations: finding_location(f).into_iter().collect(),
        partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, fingerprint)]),
        suppressions,
        fixes: f.autofix.as_ref().map(|x| sarif_fix(&x.title, edits)).into_iter().collect(),
        properties: ResultProperties {
            severity: f.severity,
            surface: f.surface.as_str(),
            target: f.target.as_deref(),
            cis: dockward_core::cis::finding_sections(f),
            context: f.context,
        },
    }
}

/// One SARIF fix from a finding's edits, grouped by file in the order met.
fn sarif_fix<'a>(title: &str, edits: Vec<EditView<'a>>) -> SarifFix<'a> {
    let mut changes: Vec<ArtifactChange<'a>> = Vec::new();
    let mut files: Vec<&str> = Vec::new();
    for e in edits {
        let deleted_region = match (e.start, e.end) {
            (Some(s), Some(end)) => FixRegion {
                start_line: Some(s.line),
                start_column: Some(s.column),
                end_line: Some(end.line),
                end_column: Some(end.column),
                byte_offset: None,
                byte_length: None,
            },
            _ => FixRegion {
                start_line: None,
                start_column: None,
                end_line: None,
                end_column: None,
                byte_offset: Some(e.byte_start),
                byte_length: Some(e.byte_end - e.byte_start),
            },
        };
        let replacement =
            Replacement { deleted_region, inserted_content: Text { text: e.content } };
        match files.iter().position(|f| *f == e.file) {
            Some(i) => changes[i].replacements.push(replacement),
            None => {
                files.push(e.file);
                changes.push(ArtifactChange {
                    artifact_location: artifact(e.file),
                    replacements: vec![replacement],
                });
            }
        }
    }
    SarifFix { description: Text { text: title.to_string() }, artifact_changes: changes }
}

fn notification(e: &InputError) -> Notification<'_> {
    let locations = e
        .file
        .as_deref()
        .map(|file| Location {
            physical_location: Some(PhysicalLocation {
                artifact_location: artifact(file),
                region: e.line.filter(|l| *l > 0).map(|line| Region {
                    start_line: line,
                    start_column: e.column.filter(|c| *c > 0),
                    end_line: None,
                    end_column: None,
                }),
            }),
            logical_locations: Vec::new(),
        })
        .into_iter()
        .collect();
    Notification { level: "error", message: Text { text: e.message.clone() }, locations }
}

fn log<'a>(report: &'a Report, properties: Option<serde_json::Value>) -> Log<'a> {
    let mut index = HashMap::new();
    for (i, r) in report.rules.iter().enumerate() {
        index.entry(r.meta.code).or_insert(i);
    }
    let mut lines = Lines::default();
    let results: Vec<_> = report
        .findings
        .iter()
        .zip(fingerprints(report))
        .take(MAX_RESULTS)
        .map(|(f, fp)| result(f, fp, &index, lines.edits(report, f)))
        .collect();
    let mut notifications: Vec<_> = report.errors.iter().map(notification).collect();
    if report.findings.len() > MAX_RESULTS {
        notifications.push(Notification {
            level: "warning",
            message: Text {
                text: format!(
                    "{} of {} results were left out: a SARIF run holds at most {MAX_RESULTS}.",
                    report.findings.len() - MAX_RESULTS,
                    report.findings.len()
                ),
            },
            locations: Vec::new(),
        });
    }
    Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "dockward",
                    version: report.tool_version,
                    information_uri: (!INFORMATION_URI.is_empty()).then_some(INFORMATION_URI),
                    rules: report.rules.iter().map(rule).collect(),
                },
            },
            invocations: [Invocation {
                execution_successful: report.errors.is_empty(),
                tool_execution_notifications: notifications,
            }],
            results,
            column_kind: "unicodeCodePoints",
            properties,
        }],
    }
}

/// The SARIF log as a value (what [`write`] prints).
pub fn to_value(report: &Report) -> serde_json::Value {
    serde_json::to_value(log(report, None)).unwrap_or(serde_json::Value::Null)
}

/// Pretty-printed SARIF and a final newline, streamed to `out`.
pub fn write(report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
    write_with_properties(report, None, out)
}

/// [`write`], with `properties` (a property bag) on the run.
pub fn write_with_properties(
    report: &Report,
    properties: Option<serde_json::Value>,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(report, properties)).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(p: &str) -> (String, Option<&'static str>) {
        let a = artifact(p);
        (a.uri, a.uri_base_id)
    }

    #[test]
    fn uris() {
        assert_eq!(uri("Dockerfile"), ("Dockerfile".into(), Some(SRCROOT)));
        assert_eq!(uri("./app/Docker file"), ("app/Docker%20file".into(), Some(SRCROOT)));
        assert_eq!(uri("dir\\Dockerfile"), ("dir/Dockerfile".into(), Some(SRCROOT)));
        assert_eq!(uri("dé/a#b?c%d:e"), ("d%C3%A9/a%23b%3Fc%25d%3Ae".into(), Some(SRCROOT)));
        assert_eq!(uri("/srv/app/Dockerfile"), ("file:///srv/app/Dockerfile".into(), None));
        assert_eq!(uri("C:\\src\\Dockerfile"), ("file:///C:/src/Dockerfile".into(), None));
        assert_eq!(uri("./"), (".".into(), Some(SRCROOT)));
    }

    #[test]
    fn levels_and_paragraphs() {
        assert_eq!(level(Severity::Critical), "error");
        assert_eq!(level(Severity::Medium), "warning");
        assert_eq!(level(Severity::Info), "note");
        assert_eq!(
            first_paragraph("## What it does\nChecks a\nthing.\n\n## Why\nx"),
            "Checks a thing."
        );
        assert_eq!(first_paragraph(""), "");
    }
}
