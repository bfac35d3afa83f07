//! Hostile and degenerate input through every format: no panic, and nothing that breaks the
//! format's framing (terminal escapes, XML control characters, extra workflow commands).

mod common;

use dockward_core::{
    Finding, InputError, Location, Position, Suppression, SuppressionKind, Surface,
};
use dockward_report::{Format, Report, TextOptions};
use std::collections::HashMap;
use std::sync::Arc;

const NASTY: &str = "a\u{0}b\u{7}c\u{8}\u{1b}[2J\u{1b}]0;t\u{7}\r\n::error::x%0A,:\u{85}\u{202E}\u{FEFF}<&>\"'\t]]>é日本🙂\u{FFFF}";

fn findings() -> Vec<Finding> {
    let positions = [0, 1, 2, 7, 1000, u32::MAX];
    let files =
        [None, Some(""), Some("Dockerfile"), Some(NASTY), Some("/abs/Dockerfile"), Some("missing")];
    let mut out = Vec::new();
    let mut i = 0usize;
    for file in files {
        for &l in &positions {
            for &c in &positions {
                i += 1;
                let loc = Location {
                    file: file.map(str::to_string),
                    start: Position { line: l, column: c },
                    end: Position {
                        line: positions[i % positions.len()],
                        column: positions[(i / 3) % positions.len()],
                    },
                    bytes: Some(0..usize::MAX),
                };
                let mut f = Finding::new(&common::DW501, Surface::Dockerfile, loc, NASTY);
                if i.is_multiple_of(2) {
                    f = f.with_fix(NASTY).with_target(NASTY);
                }
                if i.is_multiple_of(3) {
                    f = f.with_equivalents([NASTY, ""]);
                }
                if i.is_multiple_of(5) {
                    let reason = i.is_multiple_of(10).then(|| NASTY.to_string());
                    f.suppressed = Some(Suppression { kind: SuppressionKind::Config, reason });
                }
                out.push(f);
            }
        }
    }
    out
}

#[test]
fn every_format_survives_hostile_input() {
    let findings = findings();
    let errors = vec![
        InputError {
            file: Some(NASTY.into()),
            line: Some(u32::MAX),
            column: Some(0),
            message: NASTY.into(),
        },
        InputError { file: None, line: None, column: None, message: String::new() },
    ];
    let mut sources: HashMap<String, Arc<str>> = HashMap::new();
    let long_line = "x\t日".repeat(5000);
    sources.insert(
        "Dockerfile".into(),
        Arc::from(format!("{NASTY}\n\r\n{long_line}\n{NASTY}\r").as_str()),
    );
    sources.insert(NASTY.into(), Arc::from(""));
    sources.insert(String::new(), Arc::from("\n\n\n"));
    let rules = common::catalogue();
    let report = Report {
        findings: &findings,
        errors: &errors,
        rules: &rules,
        sources: &sources,
        files_scanned: 2,
        tool_version: NASTY,
    };
    let unsuppressed = findings.iter().filter(|f| f.suppressed.is_none()).count();

    for color in [false, true] {
        for show_suppressed in [false, true] {
            for code_frames in [false, true] {
                let opts = TextOptions { color, show_suppressed, code_frames, scanned: None };
                for format in Format::ALL {
                    let mut out = Vec::new();
                    dockward_report::write(&report, format, &opts, &mut out).unwrap();
                    let out = String::from_utf8(out).unwrap();
                    match format {
                        Format::Text => {
                            let bad = |c: char| {
                                (c.is_control() && c != '\n' && (c != '\x1b' || !color))
                                    || c == '\u{202E}'
                            };
                            assert!(!out.chars().any(bad), "text leaks a control character");
                            if !color {
                                assert!(!out.contains('\x1b'));
                            }
                        }
                        Format::Json | Format::Sarif => {
                            serde_json::from_str::<serde_json::Value>(&out).unwrap();
                        }
                        Format::Junit => {
                            assert!(!out.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
                            assert!(!out.contains("]]>"));
                            assert_eq!(
                                out.matches("<testcase ").count(),
                                findings.len() + errors.len()
                            );
                        }
                        Format::Github => {
                            let lines: Vec<_> = out.lines().collect();
                            assert_eq!(lines.len(), unsuppressed + errors.len());
                            assert!(lines.iter().all(|l| l.starts_with("::error ")
                                || l.starts_with("::notice ")
                                || l.starts_with("::warning ")));
                            assert!(!out.chars().any(|c| c.is_control() && c != '\n'));
                        }
                    }
                }
            }
        }
    }
}
