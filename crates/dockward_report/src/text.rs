//! `--format text`: for people, in the style of ruff and rustc.
//!
//! ```text
//! Dockerfile:3:1: DW501 [high] The final stage runs as `root`
//!   |
//! 2 | RUN apt-get update
//! 3 | USER root
//!   | ^^^^^^^^^
//! 4 | CMD ["app"]
//!   |
//!   fix: add a non-root user and `USER app` after the last `RUN`
//!   = equivalents: DL3002, CIS-4.1
//!
//! Found 1 finding (1 high) in 1 file.
//! ```
//!
//! Columns are Unicode scalar values (as in [`dockward_core::Position`]); the frame expands
//! tabs to 4-column stops and measures East Asian wide characters as two columns so that the
//! underline lines up. Characters that a terminal would interpret (C0/C1 controls, escape
//! sequences, bidirectional overrides) never reach the terminal: in messages they are shown as
//! `\u{..}` escapes, in source lines as `�`. Very long lines are cut to a window around the
//! span.

use crate::{Report, Summary};
use dockward_core::{Finding, LineIndex, Severity};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io;
use unicode_width::UnicodeWidthChar;

use crate::TextOptions;

/// Widest source line shown, in display columns; longer lines are cut around the span.
const MAX_WIDTH: usize = 200;
/// Columns kept before the span start when a long line is cut.
const LEAD: usize = 40;
/// Spans longer than this many lines show only their first and last two lines.
const MAX_SPAN_LINES: u32 = 5;
const TAB: usize = 4;

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RED_BOLD: &str = "\x1b[1;31m";
const GREEN: &str = "\x1b[32m";

fn severity_color(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "\x1b[1;35m",
        Severity::High => "\x1b[31m",
        Severity::Medium => "\x1b[33m",
        Severity::Low => "\x1b[34m",
        Severity::Info => "\x1b[36m",
    }
}

/// Wraps text in ANSI styles when colour is on.
#[derive(Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn paint<'s>(self, style: &str, s: &'s str) -> Cow<'s, str> {
        if self.0 && !s.is_empty() {
            Cow::Owned(format!("{style}{s}{RESET}"))
        } else {
            Cow::Borrowed(s)
        }
    }
}

/// True for characters that must not reach a terminal verbatim.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// One-line text for the terminal: unsafe characters become `\u{..}` escapes.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c == '\t' {
            out.push(' ');
        } else if is_unsafe(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Write the report, flushing every 64 KiB so a large report is never held whole.
pub fn write(report: &Report, opts: &TextOptions, out: &mut dyn io::Write) -> io::Result<()> {
    let mut buf = String::new();
    let mut result = Ok(());
    render_with(report, opts, &mut buf, &mut |b: &mut String| {
        if result.is_ok() {
            result = out.write_all(b.as_bytes());
        }
        b.clear();
    });
    result?;
    render_summary(report, opts, &mut buf);
    out.write_all(buf.as_bytes())
}

/// The whole text report as a string.
pub fn render(report: &Report, opts: &TextOptions, buf: &mut String) {
    render_with(report, opts, buf, &mut |_| {});
    render_summary(report, opts, buf);
}

/// The findings and errors without the summary lines (rule snapshots, embedding).
pub fn render_findings(report: &Report, opts: &TextOptions, buf: &mut String) {
    render_with(report, opts, buf, &mut |_| {});
}

/// Render into `buf`, handing it to `flush` whenever it grows past 64 KiB.
fn render_with(
    report: &Report,
    opts: &TextOptions,
    buf: &mut String,
    flush: &mut dyn FnMut(&mut String),
) {
    let p = Paint(opts.color);
    let mut indexes: HashMap<&str, LineIndex> = HashMap::new();
    let mut printed = false;
    for f in report.findings {
        if f.suppressed.is_some() && !opts.show_suppressed {
            continue;
        }
        printed = true;
        header(buf, f, p);
        if opts.code_frames
            && let Some(file) = f.location.file.as_deref()
            && let Some((path, text)) = report.sources.get_key_value(file)
        {
            let index = indexes.entry(path.as_str()).or_insert_with(|| LineIndex::new(text));
            frame(buf, text, index, f, p);
        }
        if let Some(fix) = &f.fix {
            let _ = writeln!(buf, "  {} {}", p.paint(GREEN, "fix:"), clean(fix));
        }
        if !f.equivalents.is_empty() {
            let list: Vec<_> = f.equivalents.iter().map(|e| clean(e)).collect();
            let _ = writeln!(buf, "  {} equivalents: {}", p.paint(DIM, "="), list.join(", "));
        }
        if opts.code_frames {
            buf.push('\n');
        }
        if buf.len() > 1 << 16 {
            flush(buf);
        }
    }
    for e in report.errors {
        printed = true;
        let mut loc = String::new();
        if let Some(file) = &e.file {
            loc.push_str(&clean(file));
            if let Some(line) = e.line.filter(|l| *l > 0) {
                let _ = write!(loc, ":{line}");
            }
            loc.push_str(": ");
        }
        let _ = writeln!(
            buf,
            "{}{} {}",
            p.paint(BOLD, &loc),
            p.paint(RED_BOLD, "error:"),
            clean(&e.message)
        );
    }
    // One blank line before the summary (blocks with frames already end with one).
    if (printed && !opts.code_frames) || !report.errors.is_empty() {
        buf.push('\n');
    }
}

/// The summary line, and what `--fix` can fix.
fn render_summary(report: &Report, opts: &TextOptions, buf: &mut String) {
    let p = Paint(opts.color);
    let summary = Summary::of(report);
    let _ = writeln!(buf, "{}", p.paint(BOLD, &summary_line_of(&summary, opts.scanned.as_deref())));
    if let Some(line) = fixable_line(&summary) {
        let _ = writeln!(buf, "{line}");
    }
}

/// `[*] 3 fixable with `--fix` (2 more with `--unsafe-fixes`).`, when anything is fixable.
pub fn fixable_line(s: &Summary) -> Option<String> {
    match (s.fixable_safe, s.fixable_unsafe) {
        (0, 0) => None,
        (0, u) => Some(format!(
            "{} fixable with `--fix --unsafe-fixes`.",
            plural(u, "finding", "findings")
        )),
        (n, 0) => Some(format!("[*] {n} fixable with `--fix`.")),
        (n, u) => Some(format!("[*] {n} fixable with `--fix` ({u} more with `--unsafe-fixes`).")),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `Found 3 findings (1 critical, 2 high) in 2 files; 1 suppressed; 1 file with errors.`
pub fn summary_line(s: &Summary) -> String {
    summary_line_of(s, None)
}

/// [`summary_line`] with what was audited said by the caller (`scanned`, e.g. `on the Docker
/// host and in 3 containers`) instead of `in N files`.
pub fn summary_line_of(s: &Summary, scanned: Option<&str>) -> String {
    let files = plural(s.files_scanned, "file", "files");
    let scanned = scanned.map_or_else(|| format!("in {files}"), str::to_string);
    let mut line = if s.findings == 0 {
        format!("No findings {scanned}")
    } else {
        let parts: Vec<String> = Severity::ALL
            .iter()
            .rev()
            .filter(|sev| s.count(**sev) > 0)
            .map(|sev| format!("{} {}", s.count(*sev), sev))
            .collect();
        format!(
            "Found {} ({}) {scanned}",
            plural(s.findings, "finding", "findings"),
            parts.join(", "),
        )
    };
    if s.suppressed > 0 {
        let _ = write!(line, "; {} suppressed", s.suppressed);
    }
    if s.files_with_errors > 0 {
        let _ = write!(line, "; {} with errors", plural(s.files_with_errors, "file", "files"));
    }
    line.push('.');
    line
}

/// `[high]`, or `[medium, test]` outside production (the severity already lowered).
fn severity_label(f: &Finding) -> String {
    match f.context {
        dockward_core::Context::Production => format!("[{}]", f.severity),
        c => format!("[{}, {c}]", f.severity),
    }
}

fn header(buf: &mut String, f: &Finding, p: Paint) {
    let mut loc = String::new();
    match (&f.location.file, crate::region(f)) {
        (Some(file), Some(r)) => {
            let _ = write!(loc, "{}:{}:{}:", clean(file), r.start_line, r.start_column);
        }
        (Some(file), None) => {
            let _ = write!(loc, "{}:", clean(file));
        }
        (None, _) => {
            let _ = write!(loc, "{}:", clean(f.target.as_deref().unwrap_or("<no location>")));
        }
    }
    let color = severity_color(f.severity);
    // `[*]`: `--fix` fixes it (as ruff marks fixable findings).
    let fixable = match f.autofix.as_ref().map(|x| x.applicability) {
        Some(dockward_core::Applicability::Safe) => " [*]",
        _ => "",
    };
    let _ = write!(
        buf,
        "{} {}{} {} {}",
        p.paint(BOLD, &loc),
        p.paint(color, f.rule.code),
        fixable,
        p.paint(color, &severity_label(f)),
        p.paint(BOLD, &clean(&f.message)),
    );
    if let Some(s) = &f.suppressed {
        let mark = match &s.reason {
            Some(r) => format!("(suppressed: {})", clean(r)),
            None => "(suppressed)".to_string(),
        };
        let _ = write!(buf, " {}", p.paint(DIM, &mark));
    }
    buf.push('\n');
}

enum Row {
    Line(u32),
    Ellipsis,
}

/// Display column where each char starts (tabs expanded), plus the total width at the end.
fn columns(line: &str) -> Vec<usize> {
    let mut cols = Vec::with_capacity(line.len() + 1);
    let mut col = 0;
    for c in line.chars() {
        cols.push(col);
        col += char_width(c, col);
    }
    cols.push(col);
    cols
}

fn char_width(c: char, col: usize) -> usize {
    if c == '\t' {
        TAB - col % TAB
    } else if is_unsafe(c) {
        1
    } else {
        c.width().unwrap_or(0)
    }
}

/// A source line made safe and cut to `[skip, skip + MAX_WIDTH)` display columns. Returns the
/// text and, for each char index (and one past the end), its display column in that text.
fn render_line(line: &str, skip: usize) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut pos = Vec::with_capacity(line.len() + 1);
    let prefix = if skip > 0 {
        text.push('…');
        1
    } else {
        0
    };
    let mut abs = 0;
    let mut shown = prefix;
    let mut cut = false;
    for c in line.chars() {
        let w = char_width(c, abs);
        if abs < skip {
            pos.push(prefix);
        } else if !cut && abs + w - skip <= MAX_WIDTH {
            pos.push(shown);
            if c == '\t' {
                text.extend(std::iter::repeat_n(' ', w));
            } else if is_unsafe(c) {
                text.push('\u{FFFD}');
            } else {
                text.push(c);
            }
            shown += w;
        } else {
            cut = true;
            pos.push(shown);
        }
        abs += w;
    }
    pos.push(shown);
    if cut {
        text.push('…');
    }
    (text, pos)
}

fn frame(buf: &mut String, text: &str, index: &LineIndex, f: &Finding, p: Paint) {
    let Some(r) = crate::region(f) else { return };
    let count = index.line_count() as u32;
    // The empty "line" after a final newline is not worth showing as context.
    let last = if count > 1 && text.ends_with('\n') { count - 1 } else { count };
    let start = r.start_line;
    if start > count {
        return;
    }
    let end = r.end.map(|e| e.0).unwrap_or(start).clamp(start, count.max(start));
    let line_text = |n: u32| index.line_range(text, n).and_then(|rg| text.get(rg)).unwrap_or("");

    let mut rows = Vec::new();
    if start > 1 {
        rows.push(Row::Line(start - 1));
    }
    if end - start < MAX_SPAN_LINES {
        rows.extend((start..=end).map(Row::Line));
    } else {
        rows.extend([
            Row::Line(start),
            Row::Line(start + 1),
            Row::Ellipsis,
            Row::Line(end - 1),
            Row::Line(end),
        ]);
    }
    if end < last {
        rows.push(Row::Line(end + 1));
    }
    let widest =
        rows.iter().map(|r| if let Row::Line(n) = r { *n } else { 0 }).max().unwrap_or(start);
    let w = widest.to_string().len();

    // Where the underline goes, in chars of the first line.
    let first = line_text(start);
    let cols = columns(first);
    let nchars = cols.len() - 1;
    let s = (r.start_column as usize - 1).min(nchars);
    let e = match r.end {
        Some((l, c)) if l == start => (c as usize - 1).clamp(s, nchars),
        _ => nchars,
    };
    let total = cols[nchars];
    let skip = if total <= MAX_WIDTH {
        0
    } else {
        cols[s].saturating_sub(LEAD).min(total.saturating_sub(MAX_WIDTH))
    };

    let gutter = |n: Option<u32>| {
        let label = n.map(|n| n.to_string()).unwrap_or_default();
        p.paint(DIM, &format!("{label:>w$} |")).into_owned()
    };
    let _ = writeln!(buf, "{}", gutter(None));
    for row in rows {
        match row {
            Row::Ellipsis => {
                let _ = writeln!(buf, "{} ...", p.paint(DIM, &format!("{:>w$} |", "")));
            }
            Row::Line(n) => {
                let (shown, pos) = render_line(line_text(n), skip);
                if shown.is_empty() {
                    let _ = writeln!(buf, "{}", gutter(Some(n)));
                } else {
                    let _ = writeln!(buf, "{} {shown}", gutter(Some(n)));
                }
                if n == start {
                    let from = pos[s];
                    let width = pos[e].saturating_sub(from).max(1);
                    let carets = "^".repeat(width);
                    let _ = writeln!(
                        buf,
                        "{} {}{}",
                        gutter(None),
                        " ".repeat(from),
                        p.paint(severity_color(f.severity), &carets)
                    );
                }
            }
        }
    }
    let _ = writeln!(buf, "{}", gutter(None));
}

#[cfg(test)]
mod tests {
    use super::*;
    use dockward_core::{Location, Position, Practice, RuleMeta, Surface};
    use std::sync::Arc;

    static R: RuleMeta = RuleMeta {
        code: "DW501",
        name: "root-user",
        summary: "",
        practice: Practice::LeastPrivilege,
        surfaces: &[Surface::Dockerfile],
        severity: Severity::High,
        equivalents: &[],
        default_enabled: true,
    };

    fn finding(start: (u32, u32), end: (u32, u32)) -> Finding {
        let loc = Location {
            file: Some("Dockerfile".into()),
            start: Position { line: start.0, column: start.1 },
            end: Position { line: end.0, column: end.1 },
            bytes: None,
        };
        Finding::new(&R, Surface::Dockerfile, loc, "m")
    }

    fn show(text: &str, f: Finding) -> String {
        let mut sources = HashMap::new();
        sources.insert("Dockerfile".to_string(), Arc::<str>::from(text));
        let findings = [f];
        let report = Report {
            findings: &findings,
            errors: &[],
            rules: &[],
            sources: &sources,
            files_scanned: 1,
            tool_version: "0",
        };
        let mut buf = String::new();
        render(&report, &TextOptions::default(), &mut buf);
        buf
    }

    #[test]
    fn tabs_expand_and_underline_aligns() {
        let out = show("FROM x\n\tUSER\troot\n", finding((2, 7), (2, 11)));
        assert!(out.contains("2 |     USER    root\n  |             ^^^^\n"), "{out}");
    }

    #[test]
    fn crlf_is_not_shown() {
        let out = show("FROM x\r\nUSER root\r\nCMD y\r\n", finding((2, 1), (2, 10)));
        assert!(!out.contains('\r'));
        assert!(out.contains("2 | USER root\n  | ^^^^^^^^^\n3 | CMD y\n  |\n"), "{out}");
    }

    #[test]
    fn non_ascii_columns_are_chars_and_wide_chars_count_double() {
        let out = show("LABEL a=\"日本\" b=1\n", finding((1, 13), (1, 16)));
        assert!(out.contains("1 | LABEL a=\"日本\" b=1\n  |               ^^^\n"), "{out}");
    }

    #[test]
    fn span_beyond_line_end_and_beyond_file() {
        let out = show("USER root\n", finding((1, 50), (1, 60)));
        assert!(out.contains("1 | USER root\n  |          ^\n"), "{out}");
        let out = show("USER root\n", finding((7, 1), (7, 2)));
        assert!(out.starts_with("Dockerfile:7:1: DW501 [high] m\n\nFound"), "{out}");
    }

    #[test]
    fn multi_line_spans() {
        let out = show("A\nRUN a \\\n  b \\\n  c\nZ\n", finding((2, 5), (4, 4)));
        assert!(
            out.contains("1 | A\n2 | RUN a \\\n  |     ^^^\n3 |   b \\\n4 |   c\n5 | Z\n"),
            "{out}"
        );
        let long: String = (1..=20).map(|i| format!("l{i}\n")).collect();
        let out = show(&long, finding((3, 1), (15, 2)));
        assert!(
            out.contains(
                " 2 | l2\n 3 | l3\n   | ^^\n 4 | l4\n   | ...\n14 | l14\n15 | l15\n16 | l16\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn hostile_text_is_neutralised() {
        let mut f = finding((1, 1), (1, 2));
        f.message = "evil \x1b[31mred\u{202E} \n next".into();
        let out = show("USER \x1b]0;title\x07root\n", f);
        assert!(!out.contains('\x1b'), "{out:?}");
        assert!(!out.contains('\u{202E}'));
        assert!(out.contains("evil \\u{1b}[31mred\\u{202e} \\u{a} next"), "{out}");
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let line = format!("RUN {}BAD{}", "x".repeat(500), "y".repeat(500));
        let out = show(&line, finding((1, 505), (1, 508)));
        let frame_line = out.lines().find(|l| l.starts_with("1 | ")).unwrap();
        assert!(frame_line.chars().count() < MAX_WIDTH + 10, "{frame_line}");
        let caret_line = out.lines().find(|l| l.contains('^')).unwrap();
        let caret_at = caret_line.find('^').unwrap();
        assert_eq!(&frame_line[caret_at + 2..caret_at + 5], "BAD", "{out}");
    }

    #[test]
    fn nothing_panics_on_odd_positions() {
        let texts = ["", "\n", "a", "é\r\n\t", "x\ny\nz", "\r\r\n\n"];
        let pos = [0, 1, 2, 3, 4, 1000, u32::MAX];
        for t in texts {
            for &l in &pos {
                for &c in &pos {
                    for &el in &pos {
                        for &ec in &[0, 1, 5, u32::MAX] {
                            let _ = show(t, finding((l, c), (el, ec)));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn summary_lines() {
        let mut s = Summary { files_scanned: 1, ..Summary::default() };
        assert_eq!(summary_line(&s), "No findings in 1 file.");
        s.suppressed = 2;
        s.files_with_errors = 1;
        assert_eq!(summary_line(&s), "No findings in 1 file; 2 suppressed; 1 file with errors.");
        s = Summary { files_scanned: 3, findings: 3, ..Summary::default() };
        s.by_severity = [0, 0, 0, 2, 1];
        assert_eq!(summary_line(&s), "Found 3 findings (1 critical, 2 high) in 3 files.");
    }
}
