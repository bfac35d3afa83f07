//! `--format github`: GitHub Actions workflow commands, which GitHub shows as annotations on
//! the pull request.
//!
//! ```text
//! ::error file=Dockerfile,line=3,col=1,endLine=3,endColumn=10,title=DW501 root-user::The final stage runs as root (fix: add `USER app`)
//! ```
//!
//! Critical and high findings are `error`s, medium `warning`s, low and info `notice`s.
//! Suppressed findings are not written. Input errors are `::error` commands too.
//!
//! Values are escaped as the runner expects: in the message `%`, `\r`, `\n` become `%25`,
//! `%0D`, `%0A`; in property values `:` and `,` also become `%3A`, `%2C`. Other control
//! characters are replaced by U+FFFD so that nothing in a scanned file can start a new
//! workflow command or colour the log.

use crate::Report;
use dockward_core::{Finding, InputError, Severity};
use std::fmt::Write as _;
use std::io;

/// Workflow command of a severity.
pub fn command(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "notice",
    }
}

fn escape(s: &str, property: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Escape the message part of a workflow command.
pub fn escape_data(s: &str) -> String {
    escape(s, false)
}

/// Escape a property value of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape(s, true)
}

fn finding(buf: &mut String, f: &Finding) {
    let mut props: Vec<String> = Vec::new();
    if let Some(file) = &f.location.file {
        props.push(format!("file={}", escape_property(file)));
        if let Some(r) = crate::region(f) {
            props.push(format!("line={}", r.start_line));
            props.push(format!("col={}", r.start_column));
            if let Some((l, c)) = r.end {
                props.push(format!("endLine={l}"));
                props.push(format!("endColumn={c}"));
            }
        }
    }
    props.push(format!("title={}", escape_property(&format!("{} {}", f.rule.code, f.rule.name))));
    let mut message = String::new();
    if f.location.file.is_none()
        && let Some(t) = &f.target
    {
        let _ = write!(message, "{t}: ");
    }
    message.push_str(&f.message);
    if let Some(fix) = &f.fix {
        let _ = write!(message, " (fix: {fix})");
    }
    let _ =
        writeln!(buf, "::{} {}::{}", command(f.severity), props.join(","), escape_data(&message));
}

fn error(buf: &mut String, e: &InputError) {
    let mut props: Vec<String> = Vec::new();
    if let Some(file) = &e.file {
        props.push(format!("file={}", escape_property(file)));
        if let Some(line) = e.line.filter(|l| *l > 0) {
            props.push(format!("line={line}"));
            if let Some(col) = e.column.filter(|c| *c > 0) {
                props.push(format!("col={col}"));
            }
        }
    }
    props.push("title=dockward input error".to_string());
    let _ = writeln!(buf, "::error {}::{}", props.join(","), escape_data(&e.message));
}

pub fn render(report: &Report) -> String {
    let mut buf = String::new();
    for f in report.findings.iter().filter(|f| f.suppressed.is_none()) {
        finding(&mut buf, f);
    }
    for e in report.errors {
        error(&mut buf, e);
    }
    buf
}

pub fn write(report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
    out.write_all(render(report).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("100% done\r\nnext:a,b"), "100%25 done%0D%0Anext:a,b");
        assert_eq!(escape_property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
        assert_eq!(escape_data("x\n::error::injected"), "x%0A::error::injected");
        assert_eq!(escape_data("\u{1b}[31mred\u{0}"), "\u{FFFD}[31mred\u{FFFD}");
        assert_eq!(escape_data("日本\tx"), "日本 x");
    }
}
