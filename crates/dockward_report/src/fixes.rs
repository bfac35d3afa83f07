//! Machine-applicable fixes as reports show them: each edit with its byte range and, when the
//! file's text is in the report, its line and column span (JSON `autofix`, SARIF `fixes`).

use crate::Report;
use dockward_core::{Finding, LineIndex, Position};
use std::collections::HashMap;

/// One edit of a finding's fix, located.
pub(crate) struct EditView<'a> {
    pub(crate) file: &'a str,
    pub(crate) byte_start: usize,
    pub(crate) byte_end: usize,
    /// Line and column of the range's ends (None when the file's text is not in the report).
    pub(crate) start: Option<Position>,
    pub(crate) end: Option<Position>,
    pub(crate) content: &'a str,
}

/// Line indexes of the report's sources, built once per file on first use.
#[derive(Default)]
pub(crate) struct Lines<'r> {
    indexes: HashMap<&'r str, LineIndex>,
}

impl<'r> Lines<'r> {
    /// The edits of `f`'s fix, in order.
    pub(crate) fn edits<'a>(&mut self, report: &'r Report, f: &'a Finding) -> Vec<EditView<'a>> {
        let Some(fix) = &f.autofix else { return Vec::new() };
        fix.edits
            .iter()
            .map(|e| {
                let located = report.sources.get_key_value(e.file.as_str()).map(|(path, text)| {
                    let index =
                        self.indexes.entry(path.as_str()).or_insert_with(|| LineIndex::new(text));
                    (index.position(text, e.range.start), index.position(text, e.range.end))
                });
                EditView {
                    file: &e.file,
                    byte_start: e.range.start,
                    byte_end: e.range.end,
                    start: located.map(|l| l.0),
                    end: located.map(|l| l.1),
                    content: &e.content,
                }
            })
            .collect()
    }
}
