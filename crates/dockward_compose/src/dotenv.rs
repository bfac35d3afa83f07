//! `.env` / `env_file` syntax (the dotenv dialect Compose reads).
//!
//! - `KEY=VALUE`, optional `export ` prefix, `KEY: VALUE` also accepted;
//! - blank lines and `#` comment lines are skipped; in an unquoted value, ` #` starts a comment;
//! - `'single quoted'` values are literal and may span lines;
//! - `"double quoted"` values may span lines and know `\n`, `\r`, `\t`, `\\`, `\"`, `\$`;
//! - unquoted and double-quoted values are interpolated (`${VAR}`, defaults...), looking a name
//!   up in the caller's environment first, then in the variables defined earlier in the file;
//! - a line with a key alone (`KEY`) takes the value from the caller's environment, if any.
//!
//! Entries keep their line so that a finding about `DB_PASSWORD=...` in an env file can point
//! at it.

use dockward_spec::VariableSource;

use crate::interpolate::{Environment, InterpolationError, interpolate};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DotEnvEntry {
    pub key: String,
    pub value: String,
    /// 1-based line and column of the key.
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DotEnvError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

#[derive(Debug, Clone, Default)]
pub struct DotEnv {
    pub entries: Vec<DotEnvEntry>,
    pub errors: Vec<DotEnvError>,
    /// Variables used in values but set nowhere.
    pub missing: Vec<(u32, String)>,
}

impl DotEnv {
    pub fn get(&self, key: &str) -> Option<&DotEnvEntry> {
        self.entries.iter().rev().find(|e| e.key == key)
    }
}

/// Parse `text`. `lookup` is the caller's environment (process environment, for the project
/// `.env`); `source` is how values from this file are labelled when interpolated later.
pub fn parse(text: &str, lookup: &Environment, source: &VariableSource) -> DotEnv {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = DotEnv::default();
    // Variables of this file seen so far, for interpolation of later values.
    let mut local = lookup.clone();
    let lines: Vec<&str> = text.split('\n').collect();
    let mut i = 0;
    while i < lines.len() {
        let line_no = (i + 1) as u32;
        let raw = lines[i].strip_suffix('\r').unwrap_or(lines[i]);
        i += 1;
        let trimmed = raw.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = (raw.len() - trimmed.len()) as u32;
        let body = trimmed.strip_prefix("export ").map(str::trim_start).unwrap_or(trimmed);
        let col = indent + 1 + (trimmed.len() - body.len()) as u32;
        let sep = body.find(['=', ':']);
        let (key, value_part) = match sep {
            Some(p)
                if body[p..].starts_with('=')
                    || body[p + 1..].starts_with([' ', '\t'])
                    || p + 1 == body.len() =>
            {
                (body[..p].trim(), Some(&body[p + 1..]))
            }
            _ => (body.trim_end(), None),
        };
        if key.is_empty() || key.contains(char::is_whitespace) {
            out.errors.push(DotEnvError {
                line: line_no,
                column: col,
                message: format!("unexpected character in variable name {key:?}"),
            });
            continue;
        }
        let Some(value_part) = value_part else {
            // `KEY` alone: inherit from the caller's environment.
            if let Some(v) = lookup.value(key) {
                let v = v.to_string();
                local.insert(key, v.clone(), source.clone());
                out.entries.push(DotEnvEntry {
                    key: key.to_string(),
                    value: v,
                    line: line_no,
                    column: col,
                });
            }
            continue;
        };
        let v = value_part.trim_start();
        let value = if let Some(rest) = v.strip_prefix('\'') {
            match take_quoted(rest, '\'', &lines, &mut i) {
                Some(s) => s,
                None => {
                    out.errors.push(DotEnvError {
                        line: line_no,
                        column: col,
                        message: "unterminated single-quoted value".into(),
                    });
                    continue;
                }
            }
        } else if let Some(rest) = v.strip_prefix('"') {
            match take_quoted(rest, '"', &lines, &mut i) {
                Some(s) => match expand(&unescape_double(&s), &local) {
                    Ok((s, missing)) => {
                        out.missing.extend(missing.into_iter().map(|m| (line_no, m)));
                        s
                    }
                    Err(e) => {
                        out.errors.push(DotEnvError {
                            line: line_no,
                            column: col,
                            message: e.to_string(),
                        });
                        continue;
                    }
                },
                None => {
                    out.errors.push(DotEnvError {
                        line: line_no,
                        column: col,
                        message: "unterminated double-quoted value".into(),
                    });
                    continue;
                }
            }
        } else {
            let s = strip_inline_comment(v).trim_end();
            match expand(s, &local) {
                Ok((s, missing)) => {
                    out.missing.extend(missing.into_iter().map(|m| (line_no, m)));
                    s
                }
                Err(e) => {
                    out.errors.push(DotEnvError {
                        line: line_no,
                        column: col,
                        message: e.to_string(),
                    });
                    continue;
                }
            }
        };
        // The caller's environment wins over earlier values of the file, as in Compose.
        if lookup.get(key).is_none() {
            local.insert(key, value.clone(), source.clone());
        }
        out.entries.push(DotEnvEntry { key: key.to_string(), value, line: line_no, column: col });
    }
    out
}

fn expand(s: &str, env: &Environment) -> Result<(String, Vec<String>), InterpolationError> {
    let r = interpolate(s, env)?;
    Ok((r.value, r.missing))
}

/// Take a quoted value starting right after the opening quote, continuing on later lines when
/// the closing quote is not on this one. Text after the closing quote is ignored (a comment).
fn take_quoted(first: &str, quote: char, lines: &[&str], next: &mut usize) -> Option<String> {
    let mut acc = String::new();
    let mut cur = first.to_string();
    loop {
        if let Some(end) = find_closing(&cur, quote) {
            acc.push_str(&cur[..end]);
            return Some(acc);
        }
        acc.push_str(&cur);
        let line = lines.get(*next)?;
        *next += 1;
        acc.push('\n');
        cur = line.strip_suffix('\r').unwrap_or(line).to_string();
    }
}

fn find_closing(s: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if quote == '"' && c == '\\' && !escaped {
            escaped = true;
            continue;
        }
        if c == quote && !escaped {
            return Some(i);
        }
        escaped = false;
    }
    None
}

fn unescape_double(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            // Keep `\$` as `$$` so that interpolation yields a literal `$`.
            Some('$') => out.push_str("$$"),
            Some(o) => {
                out.push('\\');
                out.push(o);
            }
            None => out.push('\\'),
        }
    }
    out
}

fn strip_inline_comment(s: &str) -> &str {
    let b = s.as_bytes();
    for i in 0..b.len() {
        if b[i] == b'#' && i > 0 && (b[i - 1] == b' ' || b[i - 1] == b'\t') {
            return &s[..i];
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> DotEnv {
        let mut env = Environment::new();
        env.insert("HOME_DIR", "/home/u", VariableSource::Environment);
        env.insert("OVERRIDDEN", "from-env", VariableSource::Environment);
        parse(text, &env, &VariableSource::DotEnv { file: ".env".into() })
    }

    fn val<'a>(d: &'a DotEnv, k: &str) -> &'a str {
        &d.get(k).unwrap().value
    }

    #[test]
    fn syntax() {
        let d = p(
            "# comment\nA=1\nexport B=two\nC = spaced  \nD='lit ${A} # x'\nE=\"q \\\"x\\\" ${A}\\n\"\nF=val # comment\nG=a#b\nH: yaml\nI=\nHOME_DIR\n",
        );
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert_eq!(val(&d, "A"), "1");
        assert_eq!(val(&d, "B"), "two");
        assert_eq!(val(&d, "C"), "spaced");
        assert_eq!(val(&d, "D"), "lit ${A} # x");
        assert_eq!(val(&d, "E"), "q \"x\" 1\n");
        assert_eq!(val(&d, "F"), "val");
        assert_eq!(val(&d, "G"), "a#b");
        assert_eq!(val(&d, "H"), "yaml");
        assert_eq!(val(&d, "I"), "");
        assert_eq!(val(&d, "HOME_DIR"), "/home/u");
        assert_eq!(d.get("B").unwrap().line, 3);
        assert_eq!(d.get("B").unwrap().column, 8);
    }

    #[test]
    fn interpolation_inside() {
        let d = p(
            "A=x\nB=${A}-${HOME_DIR}\nOVERRIDDEN=file\nC=$OVERRIDDEN\nD=${NOPE:-dflt}\nE=$MISSING\n",
        );
        assert_eq!(val(&d, "B"), "x-/home/u");
        assert_eq!(val(&d, "C"), "from-env");
        assert_eq!(val(&d, "D"), "dflt");
        assert_eq!(d.missing, vec![(6, "MISSING".to_string())]);
    }

    #[test]
    fn multiline_and_errors() {
        let d = p("K=\"line1\nline2\"\nL='a\r\nb'\nbad key=1\nM=\"open\n");
        assert_eq!(val(&d, "K"), "line1\nline2");
        assert_eq!(val(&d, "L"), "a\nb");
        assert_eq!(d.errors.len(), 2);
        assert_eq!(d.errors[0].line, 5);
    }
}
