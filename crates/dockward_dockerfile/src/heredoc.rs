//! Heredoc markers in RUN/COPY/ADD lines (BuildKit's `heredocsFromLine`): every shell word of
//! the form `[fd]<<[-]WORD` starts a heredoc whose body follows the instruction, in order.

use crate::ast::{Instruction, Span};
use crate::words;

pub(crate) struct Marker {
    pub name: String,
    pub chomp: bool,
    pub quoted: bool,
    pub marker_span: Span,
}

pub(crate) fn markers(inst: &Instruction) -> Vec<Marker> {
    let args = inst.args_text();
    let mut out = Vec::new();
    for w in words::split(args, '\\') {
        let raw = w.raw(args);
        let digits = raw.bytes().take_while(u8::is_ascii_digit).count();
        let Some(rest) = raw[digits..].strip_prefix("<<") else { continue };
        let (chomp, rest) = match rest.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        if rest.contains('<') || rest.trim().is_empty() {
            continue;
        }
        let quoted = rest.contains(['"', '\'']);
        let name =
            words::split(rest, '\\').into_iter().map(|w| w.value).collect::<Vec<_>>().join("");
        if name.is_empty() {
            continue;
        }
        out.push(Marker { name, chomp, quoted, marker_span: inst.args_subspan(w.range.clone()) });
    }
    out
}
