//! Physical lines → logical instructions, as BuildKit's `parser.Parse` does it.

use crate::ast::*;
use crate::heredoc;
use crate::words;
use dockward_core::LineIndex;

/// One physical line: `start..end` excludes the line terminator (`\n` or `\r\n`).
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

fn physical_lines(text: &str, from: usize) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = from;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        if b == b'\n' {
            let end = if i > start && bytes[i - 1] == b'\r' { i - 1 } else { i };
            out.push(Line { start, end });
            start = i + 1;
        }
    }
    if start < text.len() {
        let end = if text.ends_with('\r') { text.len() - 1 } else { text.len() };
        out.push(Line { start, end: end.max(start) });
    }
    out
}

fn leading_ws(s: &str) -> usize {
    s.len() - s.trim_start_matches([' ', '\t', '\x0b', '\x0c', '\r']).len()
}

/// `# key=value` parser directive (BuildKit's `reDirective`).
fn directive(line: &str) -> Option<(String, String, usize)> {
    let t = line.trim_start();
    let rest = t.strip_prefix('#')?;
    let rest_trim = rest.trim_start();
    let key_len = rest_trim.bytes().take_while(|b| b.is_ascii_alphanumeric()).count();
    if key_len == 0 || !rest_trim.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let key = &rest_trim[..key_len];
    let after = rest_trim[key_len..].trim_start().strip_prefix('=')?;
    let value = after.trim();
    if value.is_empty() {
        return None;
    }
    let value_offset = line.len() - after.trim_start().len();
    Some((key.to_ascii_lowercase(), value.to_string(), value_offset))
}

/// The escape character at the end of `s` (followed only by spaces/tabs)? Returns the offset
/// of the escape character. As BuildKit's `([^\\])\\[ \t]*$|^\\[ \t]*$`: an escaped escape
/// at the end (`C:\\Windows\\`) is not a continuation.
fn continuation_at(s: &str, escape: char) -> Option<usize> {
    let t = s.trim_end_matches([' ', '\t']);
    let at = t.strip_suffix(escape)?.len();
    match t[..at].chars().next_back() {
        Some(c) if c == escape => None,
        _ => Some(at),
    }
}

/// Parse a Dockerfile. Never fails: problems BuildKit would reject are collected in
/// [`Dockerfile::errors`] with their location, and everything else is still parsed.
pub fn parse(text: &str, path: Option<&str>) -> Dockerfile {
    let text = text.to_string();
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let lines = physical_lines(&text, bom);
    let mut errors = Vec::new();
    let mut directives = Directives { escape: '\\', ..Default::default() };
    let mut comments = Vec::new();
    let mut instructions: Vec<Instruction> = Vec::new();

    // 1. Parser directives: only at the very top, ended by the first line that is not one.
    let mut i = 0;
    let mut seen = Vec::new();
    while i < lines.len() {
        let l = lines[i];
        let s = &text[l.start..l.end];
        let Some((key, value, voff)) = directive(s) else { break };
        if !matches!(key.as_str(), "syntax" | "escape" | "check") {
            break;
        }
        let vspan = Span::new(l.start + voff, l.start + voff + value.len());
        if seen.contains(&key) {
            errors.push(ParseError {
                message: format!("only one {key} parser directive can be used"),
                span: vspan,
            });
        }
        seen.push(key.clone());
        match key.as_str() {
            "escape" => match value.as_str() {
                "\\" => directives.escape = '\\',
                "`" => directives.escape = '`',
                other => errors.push(ParseError {
                    message: format!("invalid escape token `{other}`: it must be ` or \\"),
                    span: vspan,
                }),
            },
            "syntax" => directives.syntax = Some((value, vspan)),
            _ => directives.check = Some((value, vspan)),
        }
        // A directive line is also a comment line.
        i += 1;
    }
    // Directive lines are comments too; collect them from the start.
    i = 0;
    let escape = directives.escape;
    let mut pending: Vec<Comment> = Vec::new();

    while i < lines.len() {
        let l = lines[i];
        let raw = &text[l.start..l.end];
        let ws = leading_ws(raw);
        let content = &raw[ws..];
        i += 1;
        if let Some(text) = content.strip_prefix('#') {
            let c = Comment { text: text.to_string(), span: Span::new(l.start + ws, l.end) };
            comments.push(c.clone());
            if text.trim().is_empty() {
                pending.clear();
            } else {
                pending.push(c);
            }
            continue;
        }
        if content.trim().is_empty() {
            pending.clear();
            continue;
        }

        // 2. A logical line: join continuations, dropping comment and blank lines inside.
        let mut logical = LogicalText::default();
        let mut last_end = l.end;
        let first = &raw[ws..];
        let (piece, mut cont) = match continuation_at(first, escape) {
            Some(p) => (&first[..p], true),
            None => (first, false),
        };
        logical.map.push((0, l.start + ws));
        logical.text.push_str(piece);
        while cont && i < lines.len() {
            let n = lines[i];
            let nraw = &text[n.start..n.end];
            let nws = leading_ws(nraw);
            i += 1;
            if nraw[nws..].starts_with('#') {
                comments.push(Comment {
                    text: nraw[nws + 1..].to_string(),
                    span: Span::new(n.start + nws, n.end),
                });
                continue;
            }
            if nraw.trim().is_empty() {
                continue;
            }
            let (p, c) = match continuation_at(nraw, escape) {
                Some(p) => (&nraw[..p], true),
                None => (nraw, false),
            };
            logical.map.push((logical.text.len(), n.start));
            logical.text.push_str(p);
            last_end = n.end;
            cont = c;
        }
        if logical.text.trim().is_empty() {
            continue;
        }
        let before = std::mem::take(&mut pending);
        let mut inst = instruction_from_logical(logical, escape);
        inst.span = Span::new(inst.keyword_span.start, last_end);
        inst.comments_before = before;
        inst.index = instructions.len();

        // 3. Heredocs: their bodies follow the instruction line.
        if inst.keyword.allows_heredoc() {
            let markers = heredoc::markers(&inst);
            for m in markers {
                let body_start = lines.get(i).map(|l| l.start).unwrap_or(text.len());
                let mut body = String::new();
                let mut terminated = false;
                let mut body_end = body_start;
                while i < lines.len() {
                    let bl = lines[i];
                    i += 1;
                    let s = &text[bl.start..bl.end];
                    let cand = if m.chomp { s.trim_start_matches('\t') } else { s };
                    if cand == m.name {
                        terminated = true;
                        inst.span.end = bl.end;
                        break;
                    }
                    body.push_str(if m.chomp { cand } else { s });
                    body.push('\n');
                    body_end = bl.end;
                    inst.span.end = bl.end;
                }
                if !terminated {
                    errors.push(ParseError {
                        message: format!(
                            "unterminated heredoc `{}`: no line `{}` closes it",
                            m.name, m.name
                        ),
                        span: m.marker_span,
                    });
                }
                inst.heredocs.push(Heredoc {
                    name: m.name,
                    chomp: m.chomp,
                    quoted: m.quoted,
                    body,
                    body_span: Span::new(body_start, body_end.max(body_start)),
                    marker_span: m.marker_span,
                });
            }
        }
        instructions.push(inst);
    }

    let line_index = LineIndex::new(&text);
    let mut df = Dockerfile {
        path: path.map(str::to_string),
        text,
        directives,
        instructions,
        comments,
        errors,
        line_index,
    };
    crate::instruction::validate(&mut df);
    df
}

/// Split a logical line into keyword, flags and arguments.
pub(crate) fn instruction_from_logical(logical: LogicalText, escape: char) -> Instruction {
    let text = &logical.text;
    let lead = leading_ws(text);
    let kw_len = text[lead..].find(|c: char| c.is_whitespace()).unwrap_or(text.len() - lead);
    let keyword_text = text[lead..lead + kw_len].to_string();
    let keyword_span = logical.span(lead..lead + kw_len);
    let after_kw = lead + kw_len;
    let (flag_words, args_rel) = words::leading_flags(&text[after_kw..], escape);
    let flags = flag_words
        .into_iter()
        .map(|w| {
            let abs = after_kw + w.range.start..after_kw + w.range.end;
            let body = w.value.trim_start_matches('-');
            let (name, value) = match body.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(v.to_string())),
                None => (body.to_string(), None),
            };
            let raw = &text[abs.clone()];
            let value_span = raw.find('=').map(|p| logical.span(abs.start + p + 1..abs.end));
            Flag { name, value, span: logical.span(abs), value_span }
        })
        .collect();
    let astart = after_kw + args_rel;
    let aend = astart + text[astart..].trim_end().len();
    let keyword = Keyword::parse(&keyword_text);
    let mut inst = Instruction {
        keyword,
        keyword_text,
        keyword_span,
        span: keyword_span,
        line: logical.clone(),
        flags,
        args: astart..aend.max(astart),
        heredocs: Vec::new(),
        comments_before: Vec::new(),
        onbuild: None,
        index: 0,
    };
    if inst.keyword == Keyword::Onbuild && !inst.args.is_empty() {
        // The wrapped instruction is parsed from the same logical text, offset-shifted:
        // keep each segment of the map that overlaps the arguments, rebased to them.
        let mut sub = LogicalText::default();
        let (a0, a1) = (inst.args.start, inst.args.end);
        for (k, &(t, f)) in logical.map.iter().enumerate() {
            let t_next = logical.map.get(k + 1).map(|m| m.0).unwrap_or(usize::MAX);
            let s0 = t.max(a0);
            if s0 < t_next.min(a1) || (s0 == a0 && t <= a0 && a0 < t_next) {
                sub.map.push((s0 - a0, f + (s0 - t)));
            }
        }
        sub.text = text[inst.args.clone()].to_string();
        let nested = instruction_from_logical(sub, escape);
        inst.onbuild = Some(Box::new(nested));
    }
    inst
}
