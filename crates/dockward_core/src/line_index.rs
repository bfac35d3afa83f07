//! Byte offset → (line, column) conversion.
//!
//! Columns are 1-based and counted in Unicode scalar values, which is what editors, SARIF
//! (`columnKind: unicodeCodePoints`) and GitHub annotations expect.

use crate::Position;

#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset at which each line starts. Always starts with 0.
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
            }
        }
        LineIndex { starts }
    }

    /// Position of `offset` (clamped to the text). A `\r` before `\n` belongs to the line.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let mut end = offset;
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        let column = text[start..end].chars().count() + 1;
        Position { line: line as u32 + 1, column: column as u32 }
    }

    /// Byte range of 1-based `line`, without its line terminator.
    pub fn line_range(&self, text: &str, line: u32) -> Option<std::ops::Range<usize>> {
        let i = (line as usize).checked_sub(1)?;
        let start = *self.starts.get(i)?;
        let mut end = self.starts.get(i + 1).map(|e| e - 1).unwrap_or(text.len());
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Some(start..end.max(start))
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions() {
        let t = "ab\ncdé\r\nx";
        let li = LineIndex::new(t);
        assert_eq!(li.position(t, 0), Position { line: 1, column: 1 });
        assert_eq!(li.position(t, 3), Position { line: 2, column: 1 });
        assert_eq!(li.position(t, 7), Position { line: 2, column: 4 });
        assert_eq!(li.position(t, 9), Position { line: 3, column: 1 });
        assert_eq!(&t[li.line_range(t, 2).unwrap()], "cdé");
        assert_eq!(li.position(t, 999), Position { line: 3, column: 2 });
    }
}
