//! `--format junit`: JUnit XML for CI test dashboards (GitLab, Jenkins, Azure Pipelines…).
//!
//! One `<testsuite name="dockward">`; one `<testcase>` per finding (classname = file, or the
//! target for a finding without a file; name = `DW501 root-user line 3`) holding a `<failure>`
//! when it is not suppressed and a `<skipped>` when it is; one `<testcase>` holding an
//! `<error>` per input error. Everything is escaped here; characters XML 1.0 cannot carry
//! (C0 and C1 controls but tab, newline and carriage return) are dropped.

use crate::Report;
use dockward_core::{Finding, InputError};
use std::fmt::Write as _;
use std::io;

/// Escape text for an XML attribute value (double-quoted) or, with `attr = false`, for
/// element content. Control characters other than `\t`, `\n`, `\r` are removed; in attributes
/// those three are written as character references so that they survive normalisation.
pub fn escape(s: &str, attr: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\'' if attr => out.push_str("&apos;"),
            '\t' if attr => out.push_str("&#9;"),
            '\n' if attr => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn attr(s: &str) -> String {
    escape(s, true)
}

fn testcase_name(f: &Finding) -> String {
    let mut name = format!("{} {}", f.rule.code, f.rule.name);
    match crate::region(f) {
        Some(r) => {
            let _ = write!(name, " line {}", r.start_line);
        }
        None => {
            if f.location.file.is_some()
                && let Some(t) = &f.target
            {
                let _ = write!(name, " {t}");
            }
        }
    }
    name
}

fn classname(f: &Finding) -> &str {
    f.location.file.as_deref().or(f.target.as_deref()).unwrap_or("dockward")
}

/// `path:line:col` (as far as known) of a finding.
fn place(f: &Finding) -> String {
    let mut s = classname(f).to_string();
    if let Some(r) = crate::region(f) {
        let _ = write!(s, ":{}:{}", r.start_line, r.start_column);
    }
    s
}

fn finding(buf: &mut String, f: &Finding) {
    let _ = write!(
        buf,
        "    <testcase classname=\"{}\" name=\"{}\"",
        attr(classname(f)),
        attr(&testcase_name(f))
    );
    match &f.suppressed {
        Some(s) => {
            let _ = write!(buf, ">\n      <skipped");
            let reason = s.reason.as_deref().unwrap_or("suppressed");
            let _ = write!(buf, " message=\"{}\"", attr(reason));
            buf.push_str("/>\n    </testcase>\n");
        }
        None => {
            let mut body = format!("{}: {} [{}] {}", place(f), f.rule.code, f.severity, f.message);
            if let Some(fix) = &f.fix {
                let _ = write!(body, "\nfix: {fix}");
            }
            if !f.equivalents.is_empty() {
                let _ = write!(body, "\nequivalents: {}", f.equivalents.join(", "));
            }
            let _ = write!(
                buf,
                ">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
                f.severity,
                attr(&f.message),
                escape(&body, false)
            );
        }
    }
}

fn error(buf: &mut String, e: &InputError) {
    let file = e.file.as_deref().unwrap_or("dockward");
    let mut name = "input error".to_string();
    if let Some(line) = e.line.filter(|l| *l > 0) {
        let _ = write!(name, " line {line}");
    }
    let _ = write!(
        buf,
        "    <testcase classname=\"{}\" name=\"{}\">\n      <error type=\"input-error\" message=\"{}\"/>\n    </testcase>\n",
        attr(file),
        attr(&name),
        attr(&e.message)
    );
}

pub fn render(report: &Report) -> String {
    let failures = report.findings.iter().filter(|f| f.suppressed.is_none()).count();
    let skipped = report.findings.len() - failures;
    let errors = report.errors.len();
    let tests = report.findings.len() + errors;
    let counts = format!(
        "tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\""
    );
    let mut buf = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(buf, "<testsuites name=\"dockward\" {counts}>");
    let _ = writeln!(buf, "  <testsuite name=\"dockward\" {counts}>");
    let _ = writeln!(
        buf,
        "    <properties>\n      <property name=\"dockward.version\" value=\"{}\"/>\n      <property name=\"files_scanned\" value=\"{}\"/>\n    </properties>",
        attr(report.tool_version),
        report.files_scanned
    );
    for f in report.findings {
        finding(&mut buf, f);
    }
    for e in report.errors {
        error(&mut buf, e);
    }
    buf.push_str("  </testsuite>\n</testsuites>\n");
    buf
}

pub fn write(report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
    out.write_all(render(report).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_strips_controls() {
        assert_eq!(
            escape(r#"<a href="x">&'</a>"#, true),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;"
        );
        assert_eq!(escape(r#"<"'>"#, false), "&lt;\"'&gt;");
        assert_eq!(escape("a\u{0}b\u{1b}[31mc\u{7f}d\u{85}e\u{FFFF}", true), "ab[31mcde");
        assert_eq!(escape("l1\nl2\tx\r", true), "l1&#10;l2&#9;x&#13;");
        assert_eq!(escape("l1\nl2\tx\r", false), "l1\nl2\tx&#13;");
        assert_eq!(escape("]]> 日本", false), "]]&gt; 日本");
    }
}
