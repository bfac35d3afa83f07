//! Syntax tree of a Dockerfile. Offsets are byte offsets into [`Dockerfile::text`].

use dockward_core::{LineIndex, Location, Position};
use std::ops::Range;

/// A byte range in the original file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end: end.max(start) }
    }
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub span: Span,
}

/// The instruction keywords BuildKit knows. Unknown words are kept (BuildKit's parser accepts
/// them; its instruction dispatcher then fails, which we report as DW001).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Keyword {
    Add,
    Arg,
    Cmd,
    Copy,
    Entrypoint,
    Env,
    Expose,
    From,
    Healthcheck,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    Stopsignal,
    User,
    Volume,
    Workdir,
    Unknown(String),
}

impl Keyword {
    pub fn parse(word: &str) -> Keyword {
        match word.to_ascii_uppercase().as_str() {
            "ADD" => Keyword::Add,
            "ARG" => Keyword::Arg,
            "CMD" => Keyword::Cmd,
            "COPY" => Keyword::Copy,
            "ENTRYPOINT" => Keyword::Entrypoint,
            "ENV" => Keyword::Env,
            "EXPOSE" => Keyword::Expose,
            "FROM" => Keyword::From,
            "HEALTHCHECK" => Keyword::Healthcheck,
            "LABEL" => Keyword::Label,
            "MAINTAINER" => Keyword::Maintainer,
            "ONBUILD" => Keyword::Onbuild,
            "RUN" => Keyword::Run,
            "SHELL" => Keyword::Shell,
            "STOPSIGNAL" => Keyword::Stopsignal,
            "USER" => Keyword::User,
            "VOLUME" => Keyword::Volume,
            "WORKDIR" => Keyword::Workdir,
            _ => Keyword::Unknown(word.to_string()),
        }
    }
    pub fn as_str(&self) -> &str {
        match self {
            Keyword::Add => "ADD",
            Keyword::Arg => "ARG",
            Keyword::Cmd => "CMD",
            Keyword::Copy => "COPY",
            Keyword::Entrypoint => "ENTRYPOINT",
            Keyword::Env => "ENV",
            Keyword::Expose => "EXPOSE",
            Keyword::From => "FROM",
            Keyword::Healthcheck => "HEALTHCHECK",
            Keyword::Label => "LABEL",
            Keyword::Maintainer => "MAINTAINER",
            Keyword::Onbuild => "ONBUILD",
            Keyword::Run => "RUN",
            Keyword::Shell => "SHELL",
            Keyword::Stopsignal => "STOPSIGNAL",
            Keyword::User => "USER",
            Keyword::Volume => "VOLUME",
            Keyword::Workdir => "WORKDIR",
            Keyword::Unknown(w) => w,
        }
    }
    /// Instructions whose arguments may hold heredocs (BuildKit: RUN, COPY, ADD).
    pub fn allows_heredoc(&self) -> bool {
        matches!(self, Keyword::Run | Keyword::Copy | Keyword::Add)
    }
}

/// Parser directives from the top of the file.
#[derive(Debug, Clone, Default)]
pub struct Directives {
    pub syntax: Option<(String, Span)>,
    /// `\` unless `# escape=` says otherwise (`` ` `` for Windows images).
    pub escape: char,
    pub check: Option<(String, Span)>,
}

/// A comment line (outside heredoc bodies). `text` excludes the `#`.
#[derive(Debug, Clone)]
pub struct Comment {
    pub text: String,
    pub span: Span,
}

/// The text of one logical line: physical lines joined at escape-continuations, comment and
/// blank lines inside the continuation removed. `map` turns offsets in `text` back into file
/// offsets, so a word found in the joined text still points at its real place.
#[derive(Debug, Clone, Default)]
pub struct LogicalText {
    pub text: String,
    /// (offset in `text`, offset in file) at the start of each contiguous segment, ascending.
    pub map: Vec<(usize, usize)>,
}

impl LogicalText {
    /// File offset of `offset` in this text.
    pub fn to_file(&self, offset: usize) -> usize {
        let i = match self.map.binary_search_by(|(t, _)| t.cmp(&offset)) {
            Ok(i) => i,
            Err(0) => return self.map.first().map(|m| m.1).unwrap_or(0),
            Err(i) => i - 1,
        };
        let (t, f) = self.map[i];
        f + (offset - t)
    }
    /// File span of a range in this text. The end maps from the last byte, so a range that
    /// ends exactly at a continuation does not stretch over the next line's indentation.
    pub fn span(&self, r: Range<usize>) -> Span {
        if r.is_empty() {
            let s = self.to_file(r.start);
            return Span::new(s, s);
        }
        Span::new(self.to_file(r.start), self.to_file(r.end - 1) + 1)
    }
}

/// `--name=value` or `--name` before the arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    pub name: String,
    pub value: Option<String>,
    pub span: Span,
    /// Span of the value, when present.
    pub value_span: Option<Span>,
}

/// A heredoc attached to RUN/COPY/ADD: `<<EOF`, `<<-EOF`, `<<"EOF"`.
#[derive(Debug, Clone)]
pub struct Heredoc {
    pub name: String,
    /// `<<-`: leading tabs are stripped from the body and the terminator.
    pub chomp: bool,
    /// Quoted delimiter: the body is not expanded.
    pub quoted: bool,
    /// Body as BuildKit hands it over (tabs stripped for `<<-`), each line ending in `\n`.
    pub body: String,
    /// Span of the raw body in the file (excluding the terminator line).
    pub body_span: Span,
    /// Span of the `<<EOF` word in the instruction line.
    pub marker_span: Span,
}

#[derive(Debug, Clone)]
pub struct Instruction {
    pub keyword: Keyword,
    /// The keyword as written (case preserved).
    pub keyword_text: String,
    pub keyword_span: Span,
    /// From the keyword to the end of the last physical line, heredoc bodies included.
    pub span: Span,
    /// The joined logical line (keyword, flags and arguments).
    pub line: LogicalText,
    pub flags: Vec<Flag>,
    /// Range of the arguments (after flags) in `line.text`, trimmed.
    pub args: Range<usize>,
    pub heredocs: Vec<Heredoc>,
    /// Comment lines directly above this instruction (no blank line or instruction between).
    pub comments_before: Vec<Comment>,
    /// For ONBUILD: the wrapped instruction.
    pub onbuild: Option<Box<Instruction>>,
    /// 0-based index in [`Dockerfile::instructions`].
    pub index: usize,
}

impl Instruction {
    pub fn args_text(&self) -> &str {
        self.line.text.get(self.args.clone()).unwrap_or("")
    }
    /// File span of the arguments (or of the keyword when there are none).
    pub fn args_span(&self) -> Span {
        if self.args.is_empty() { self.keyword_span } else { self.line.span(self.args.clone()) }
    }
    /// File span of a range relative to the argument text.
    pub fn args_subspan(&self, r: Range<usize>) -> Span {
        let base = self.args.start;
        self.line.span(base + r.start..base + r.end)
    }
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().find(|f| f.name.eq_ignore_ascii_case(name))
    }
    pub fn flags_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Flag> + 'a {
        self.flags.iter().filter(move |f| f.name.eq_ignore_ascii_case(name))
    }
    pub fn is(&self, k: Keyword) -> bool {
        self.keyword == k
    }
    /// The span of the first physical line only (for a compact code frame).
    pub fn head_span(&self) -> Span {
        self.keyword_span.cover(self.args_span())
    }
}

#[derive(Debug, Clone)]
pub struct Dockerfile {
    pub path: Option<String>,
    pub text: String,
    pub directives: Directives,
    pub instructions: Vec<Instruction>,
    pub comments: Vec<Comment>,
    /// Problems BuildKit would reject the file for (reported as DW001).
    pub errors: Vec<ParseError>,
    pub line_index: LineIndex,
}

impl Dockerfile {
    pub fn position(&self, offset: usize) -> Position {
        self.line_index.position(&self.text, offset)
    }
    pub fn location(&self, span: Span) -> Location {
        Location {
            file: self.path.clone(),
            start: self.position(span.start),
            end: self.position(span.end),
            bytes: Some(span.range()),
        }
    }
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }
}
