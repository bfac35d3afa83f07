//! Word splitting for instruction arguments, the way BuildKit's shell lexer does it:
//! whitespace separates words, single and double quotes group, the escape character escapes
//! the next character (outside single quotes). Every word keeps its byte range.

use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// Quotes removed, escapes resolved.
    pub value: String,
    /// Range of the raw word in the input (quotes included).
    pub range: Range<usize>,
}

impl Word {
    pub(crate) fn raw<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.range.clone()).unwrap_or("")
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
}

/// Split `text` into words. `escape` is `\` or `` ` ``.
pub(crate) fn split(text: &str, escape: char) -> Vec<Word> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if is_space(c) {
            chars.next();
            continue;
        }
        let mut value = String::new();
        let mut end = start;
        let mut quote: Option<char> = None;
        while let Some(&(i, c)) = chars.peek() {
            match quote {
                None if is_space(c) => break,
                None if c == '\'' || c == '"' => quote = Some(c),
                Some(q) if c == q => quote = None,
                Some('\'') => value.push(c),
                _ if c == escape => {
                    chars.next();
                    end = i + c.len_utf8();
                    if let Some(&(j, n)) = chars.peek() {
                        // Inside double quotes only a few characters are escapable; elsewhere
                        // the escape character is kept, as a shell would.
                        if quote == Some('"') && !matches!(n, '"' | '$' | '`') && n != escape {
                            value.push(c);
                        }
                        value.push(n);
                        end = j + n.len_utf8();
                        chars.next();
                    } else {
                        value.push(c);
                    }
                    continue;
                }
                _ => value.push(c),
            }
            end = i + c.len_utf8();
            chars.next();
        }
        out.push(Word { value, range: start..end });
    }
    out
}

/// A JSON array of strings (exec form), with each element's range. None if `text` (trimmed)
/// is not exactly such an array, in which case BuildKit falls back to the shell form.
pub(crate) fn json_array(text: &str) -> Option<Vec<Word>> {
    let trimmed_start = text.len() - text.trim_start().len();
    let t = text.trim();
    if !t.starts_with('[') || !t.ends_with(']') {
        return None;
    }
    let values: Vec<String> = serde_json::from_str(t).ok()?;
    // Locate each string literal to give it a range. serde_json validated the syntax, so a
    // simple scan for string literals is exact.
    let bytes = t.as_bytes();
    let mut ranges = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'"' {
            let s = i;
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                if bytes[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            ranges.push(trimmed_start + s..trimmed_start + (i + 1).min(bytes.len()));
        }
        i += 1;
    }
    if ranges.len() != values.len() {
        return None;
    }
    Some(values.into_iter().zip(ranges).map(|(value, range)| Word { value, range }).collect())
}

/// Leading `--flag[=value]` words (BuildKit's `extractBuilderFlags`). Returns the flags as
/// words (quotes resolved) and the offset where the arguments start.
pub(crate) fn leading_flags(text: &str, escape: char) -> (Vec<Word>, usize) {
    let mut flags = Vec::new();
    let mut pos = text.len() - text.trim_start().len();
    loop {
        let rest = &text[pos..];
        if !rest.starts_with("--") {
            break;
        }
        let Some(word) = split(rest, escape).into_iter().next() else { break };
        if word.value == "--" || word.value.len() <= 2 {
            break;
        }
        let range = pos + word.range.start..pos + word.range.end;
        flags.push(Word { value: word.value, range: range.clone() });
        pos = range.end;
        pos += text[pos..].len() - text[pos..].trim_start().len();
    }
    (flags, pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_quotes() {
        let w = split(r#"a "b c" 'd e' f\ g"#, '\\');
        let v: Vec<_> = w.iter().map(|w| w.value.as_str()).collect();
        assert_eq!(v, vec!["a", "b c", "d e", "f g"]);
        assert_eq!(w[1].range, 2..7);
    }

    #[test]
    fn json() {
        let w = json_array(r#" ["sh", "-c", "echo \"hi\""] "#).unwrap();
        assert_eq!(w[2].value, "echo \"hi\"");
        assert_eq!(w[0].range, 2..6);
        assert!(json_array("[sh -c]").is_none());
        assert!(json_array("[1, 2]").is_none());
    }

    #[test]
    fn flags() {
        let (f, p) = leading_flags("--from=build --chown=\"a b\" /src /dst", '\\');
        assert_eq!(f.len(), 2);
        assert_eq!(f[1].value, "--chown=a b");
        assert_eq!(&"--from=build --chown=\"a b\" /src /dst"[p..], "/src /dst");
    }
}
