//! `dockward host --cis`: the findings of a host audit as a CIS Docker Benchmark v1.6.0 report,
//! every check of sections 1 to 7 in benchmark order with its status and a score.
//!
//! ```text
//! CIS Docker Benchmark v1.6.0
//!
//! 2 Docker daemon configuration
//! [WARN] 2.2 Ensure network traffic is restricted between containers on the default bridge
//!        1 finding (DW907): docker host
//! [PASS] 2.3 Ensure the logging level is set to 'info'
//! [INFO] 2.10 Ensure the default cgroup usage has been confirmed
//!        manual: dockerd runs without `--cgroup-parent` …
//! [N/A]  7.1 Ensure that the minimum number of manager nodes have been created in a swarm
//! …
//! [N/A]  7.9 Ensure that management plane traffic is separated from data plane traffic
//!        7.1–7.9 not applicable: swarm mode is not active
//!
//! Score: 40% (12 pass, 18 warn; 60 info, 27 not applicable; Docker Bench score -6).
//! ```
//!
//! - `text`: the above, coloured like the text reporter when asked.
//! - `json`: `benchmark`, `checks`, `score`, plus the run's `findings` and `errors` exactly as
//!   in the normal document (docs/json-output.md, "CIS report"); a check names its findings by
//!   fingerprint.
//! - `sarif`: the normal SARIF log (each result's `properties.cis` lists its sections) with the
//!   checks and the score in `runs[0].properties.cis`.
//!
//! The statuses are decided by the caller (`dockward_rules::cis::evaluate`); this module only
//! renders them.

use crate::fingerprint::fingerprints;
use crate::text::clean;
use crate::{Format, Report, TextOptions};
use dockward_core::cis::{BENCHMARK, CisReport, CisResult, CisScore, CisStatus, SECTIONS};
use serde::Serialize;
use std::fmt::Write as _;
use std::io;

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";

fn status_label(s: CisStatus) -> (&'static str, &'static str) {
    match s {
        CisStatus::Pass => ("[PASS]", "\x1b[32m"),
        CisStatus::Warn => ("[WARN]", "\x1b[31m"),
        CisStatus::Info => ("[INFO]", "\x1b[36m"),
        CisStatus::Na => ("[N/A] ", DIM),
    }
}

/// Write the CIS report in `format` (text, json or sarif; the others are refused).
pub fn write(
    report: &Report,
    cis: &CisReport,
    format: Format,
    opts: &TextOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        Format::Text => out.write_all(render_text(cis, opts.color).as_bytes()),
        Format::Json => {
            let prints = fingerprints(report);
            serde_json::to_writer_pretty(&mut *out, &json_document(report, cis, &prints))
                .map_err(io::Error::other)?;
            out.write_all(b"\n")
        }
        Format::Sarif => {
            crate::sarif::write_with_properties(report, Some(sarif_properties(report, cis)), out)
        }
        Format::Junit | Format::Github => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("the CIS report has no `{format}` format (text, json or sarif)"),
        )),
    }
}

/// The text report.
pub fn render_text(cis: &CisReport, color: bool) -> String {
    let paint =
        |style: &str, s: &str| if color { format!("{style}{s}{RESET}") } else { s.to_string() };
    let mut buf = String::new();
    let _ = writeln!(buf, "{}", paint(BOLD, BENCHMARK));
    for (section, title) in SECTIONS {
        let rows: Vec<_> = cis.results.iter().filter(|r| r.check.section() == section).collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(buf, "\n{}", paint(BOLD, &format!("{section} {title}")));
        for (i, r) in rows.iter().enumerate() {
            let (label, style) = status_label(r.status);
            let _ =
                writeln!(buf, "{} {} {}", paint(style, label), r.check.id, clean(r.check.title));
            // A run of checks not applicable for the same reason gets the reason once, after
            // its last check ("3.1–3.24 not applicable: …").
            let same = |a: &CisResult, b: &CisResult| {
                a.status == CisStatus::Na && b.status == CisStatus::Na && a.detail == b.detail
            };
            if rows.get(i + 1).is_some_and(|next| same(r, next)) {
                continue;
            }
            let first = rows[..i].iter().rev().take_while(|p| same(p, r)).last();
            let detail = match (r.status, first) {
                (CisStatus::Na, Some(f)) => format!("{}–{} {}", f.check.id, r.check.id, r.detail),
                // A pass says only what goes beyond "checked by …" (suppressed, partly unchecked).
                (CisStatus::Pass, _) => {
                    r.detail.split_once("; ").map_or("", |(_, rest)| rest).to_string()
                }
                _ => r.detail.clone(),
            };
            if !detail.is_empty() {
                let _ = writeln!(buf, "       {}", paint(DIM, &clean(&detail)));
            }
        }
    }
    let _ = writeln!(buf, "\n{}", paint(BOLD, &score_line(&cis.score())));
    buf
}

/// `Score: 40% (12 pass, 18 warn; 60 info, 27 not applicable; Docker Bench score -6).`
pub fn score_line(s: &CisScore) -> String {
    let percent = match s.percent {
        Some(p) => format!("{p}%"),
        None => "n/a".to_string(),
    };
    format!(
        "Score: {percent} ({} pass, {} warn; {} info, {} not applicable; Docker Bench score {}).",
        s.pass, s.warn, s.info, s.na, s.bench
    )
}

#[derive(Serialize)]
struct JsonCheck<'a> {
    id: &'a str,
    section: &'a str,
    title: &'a str,
    assessment: dockward_core::cis::Assessment,
    applies: dockward_core::cis::Applies,
    status: CisStatus,
    codes: &'a [&'static str],
    findings: Vec<&'a str>,
    detail: &'a str,
}

#[derive(Serialize)]
struct JsonCis<'a> {
    version: u32,
    tool: Tool<'a>,
    benchmark: &'static str,
    checks: Vec<JsonCheck<'a>>,
    score: CisScore,
    findings: Vec<crate::json::JsonFinding<'a>>,
    errors: Vec<crate::json::JsonError<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'a str,
}

fn checks<'a>(cis: &'a CisReport, prints: &'a [String]) -> Vec<JsonCheck<'a>> {
    cis.results
        .iter()
        .map(|r| JsonCheck {
            id: r.check.id,
            section: r.check.section(),
            title: r.check.title,
            assessment: r.check.assessment,
            applies: r.check.applies,
            status: r.status,
            codes: &r.check.codes,
            findings: r
                .findings
                .iter()
                .filter_map(|&i| prints.get(i).map(String::as_str))
                .collect(),
            detail: &r.detail,
        })
        .collect()
}

/// The JSON document as a value (what `--format json` prints).
pub fn json_value(report: &Report, cis: &CisReport) -> serde_json::Value {
    let prints = fingerprints(report);
    serde_json::to_value(json_document(report, cis, &prints)).unwrap_or(serde_json::Value::Null)
}

fn json_document<'a>(report: &'a Report, cis: &'a CisReport, prints: &'a [String]) -> JsonCis<'a> {
    JsonCis {
        version: crate::json::VERSION,
        tool: Tool { name: "dockward", version: report.tool_version },
        benchmark: BENCHMARK,
        checks: checks(cis, prints),
        score: cis.score(),
        findings: crate::json::findings(report),
        errors: crate::json::errors(report),
    }
}

/// `runs[0].properties` of the SARIF log: `{"cis": {benchmark, score, checks}}`.
fn sarif_properties(report: &Report, cis: &CisReport) -> serde_json::Value {
    let prints = fingerprints(report);
    serde_json::json!({
        "cis": {
            "benchmark": BENCHMARK,
            "score": cis.score(),
            "checks": checks(cis, &prints),
        }
    })
}
