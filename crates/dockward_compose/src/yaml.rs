//! YAML with positions, built from `saphyr-parser` events.
//!
//! Why not a ready-made YAML tree: a security tool reads hostile files, and every finding must
//! point at the key the user wrote. So the tree is built here, from the parser's event stream,
//! with:
//! - the position (line, column, byte offset, end) of every mapping key and every value;
//! - tags kept on every node (`!reset`, `!override` steer Compose merges);
//! - anchors, aliases and `<<` merge keys (YAML 1.1 merge, which Compose supports) resolved here
//!   under an **expansion budget**: every node copied for an alias (or stored for an anchor)
//!   counts against [`Limits::max_alias_nodes`], checked *before* copying using the anchor's
//!   precomputed size, so a billion-laughs file is refused in microseconds with a located error;
//! - caps on file size, nesting depth and total node count, so memory stays bounded;
//! - duplicate keys reported (Compose refuses them) with both positions.
//!
//! Scalars are resolved with the YAML 1.2 core schema (what Compose's Go YAML library does for
//! untyped values): `true`/`false`, `null`/`~`/empty, integers, floats; quoted scalars and
//! anything else are strings. Numbers keep their source text so that `3.10` stays `3.10`.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use dockward_spec::{Provenance, SourceLoc};

/// Index of a file in the project's file table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A 1-based line/column (columns in Unicode scalar values) and a byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
    pub offset: usize,
}

/// Where a node or key was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Mark {
    pub file: FileId,
    pub start: Pos,
    pub end: Pos,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tag {
    /// `!reset`: remove the value inherited from earlier files.
    Reset,
    /// `!override`: replace the inherited value instead of merging.
    Override,
    /// Any other tag, as written (`!!str`, `!custom`).
    Other(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    /// A float (or an integer too large for i64), as written.
    Float(String),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_mark: Mark,
    pub value: Node,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub mark: Mark,
    pub tag: Option<Tag>,
    /// True for quoted or block scalars (never resolved to a non-string type).
    pub quoted: bool,
    /// How the value got here (alias copies, interpolation, merges).
    pub via: Vec<Provenance>,
}

impl Node {
    pub fn new(value: Value, mark: Mark) -> Node {
        Node { value, mark, tag: None, quoted: false, via: Vec::new() }
    }
    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }
    pub fn as_map_mut(&mut self) -> Option<&mut Vec<Entry>> {
        match &mut self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }
    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }
    /// The scalar as text (strings, numbers, booleans); `None` for null and collections.
    pub fn scalar_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.clone()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
    /// Entry of a mapping by key.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.as_map()?.iter().find(|e| e.key == key)
    }
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        self.as_map_mut()?.iter_mut().find(|e| e.key == key).map(|e| &mut e.value)
    }
    /// Number of nodes in this subtree (keys not counted).
    pub fn size(&self) -> usize {
        1 + match &self.value {
            Value::Seq(s) => s.iter().map(Node::size).sum(),
            Value::Map(m) => m.iter().map(|e| e.value.size()).sum(),
            _ => 0,
        }
    }
    /// Add `p` to this node and every node below it.
    pub fn add_via(&mut self, p: &Provenance) {
        self.via.push(p.clone());
        match &mut self.value {
            Value::Seq(s) => s.iter_mut().for_each(|n| n.add_via(p)),
            Value::Map(m) => m.iter_mut().for_each(|e| e.value.add_via(p)),
            _ => {}
        }
    }
    /// Set the file of every mark in the subtree.
    pub fn set_file(&mut self, file: FileId) {
        self.mark.file = file;
        match &mut self.value {
            Value::Seq(s) => s.iter_mut().for_each(|n| n.set_file(file)),
            Value::Map(m) => m.iter_mut().for_each(|e| {
                e.key_mark.file = file;
                e.value.set_file(file);
            }),
            _ => {}
        }
    }
}

/// Resource caps for one file.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_file_bytes: usize,
    pub max_depth: usize,
    /// Nodes copied by alias expansion (and anchor bookkeeping) per file.
    pub max_alias_nodes: usize,
    /// Nodes built per file, aliases included.
    pub max_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 8 << 20,
            max_depth: 128,
            max_alias_nodes: 200_000,
            max_nodes: 2_000_000,
        }
    }
}

/// Why a file could not be turned into a tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub pos: Pos,
    pub message: String,
    pub kind: YamlErrorKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YamlErrorKind {
    /// The text is not YAML (reported by the parser).
    Syntax,
    /// A limit was hit (size, depth, alias expansion, node count).
    Limit,
    /// YAML that Compose cannot use (duplicate or complex keys, unknown anchor, bad merge).
    Structure,
}

/// The parsed documents of a file, plus non-fatal structure errors (duplicate keys).
#[derive(Debug, Default)]
pub struct Parsed {
    pub documents: Vec<Node>,
    pub errors: Vec<YamlError>,
}

/// Parse `text` into documents. A fatal error (syntax, limit) returns `Err` with everything
/// found so far discarded: a partial tree would produce findings about a file the user never
/// wrote.
pub fn parse(text: &str, file: FileId, limits: &Limits) -> Result<Parsed, YamlError> {
    if text.len() > limits.max_file_bytes {
        return Err(YamlError {
            pos: Pos { line: 1, column: 1, offset: 0 },
            message: format!(
                "file is {} bytes, more than the {} bytes allowed",
                text.len(),
                limits.max_file_bytes
            ),
            kind: YamlErrorKind::Limit,
        });
    }
    // The parser is third-party code fed with hostile input: a panic inside it must become an
    // error for this file, never a crash of the run.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parse_inner(text, file, limits)))
    {
        Ok(r) => r,
        Err(_) => Err(YamlError {
            pos: Pos { line: 1, column: 1, offset: 0 },
            message: "the YAML parser failed on this file".into(),
            kind: YamlErrorKind::Syntax,
        }),
    }
}

fn parse_inner(text: &str, file: FileId, limits: &Limits) -> Result<Parsed, YamlError> {
    match parse_text(text, text, Vec::new(), file, limits) {
        Err(e) if e.kind == YamlErrorKind::Syntax => {
            // Compose's YAML library (like libyaml) accepts a flow collection closed on a line
            // indented less than its content (`command: [` ... `]` at the key's column);
            // saphyr does not. Retry with such closer-only lines indented, mapping positions
            // back to the original text; report the original error if that does not help.
            match reindent_flow_closers(text) {
                Some((fixed, shifts)) => {
                    parse_text(text, &fixed, shifts, file, limits).map_err(|_| e)
                }
                None => Err(e),
            }
        }
        r => r,
    }
}

/// Indent lines holding only flow closers (`]`, `}`, `,`) to the previous line's indentation.
/// Returns the new text and the insertions as (end of inserted spaces in the new text's char
/// indices, total chars inserted so far).
fn reindent_flow_closers(text: &str) -> Option<(String, Vec<(usize, usize)>)> {
    let mut out = String::with_capacity(text.len() + 64);
    let mut shifts = Vec::new();
    let mut prev_indent = 0usize;
    let mut chars_out = 0usize;
    let mut inserted = 0usize;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let body = trimmed.trim_end();
        let closer = !body.is_empty()
            && body.chars().all(|c| matches!(c, ']' | '}' | ','))
            && body.contains([']', '}']);
        if closer && indent < prev_indent {
            let add = prev_indent - indent;
            out.extend(std::iter::repeat_n(' ', add));
            chars_out += add;
            inserted += add;
            shifts.push((chars_out, inserted));
        } else if !body.is_empty() && !body.starts_with('#') {
            prev_indent = indent;
        }
        out.push_str(line);
        chars_out += line.chars().count();
    }
    (!shifts.is_empty()).then_some((out, shifts))
}

fn parse_text(
    original: &str,
    text: &str,
    shifts: Vec<(usize, usize)>,
    file: FileId,
    limits: &Limits,
) -> Result<Parsed, YamlError> {
    let mut b = Builder::new(original, file, limits);
    b.shifts = shifts;
    let mut parser = Parser::new_from_str(text);
    while let Some(ev) = parser.next_event() {
        match ev {
            Ok((event, span)) => {
                if matches!(event, Event::StreamEnd) {
                    break;
                }
                b.on_event(event, span)?;
            }
            Err(e) => {
                let m = e.marker();
                let pos = b.pos_of(m.index(), m.line(), m.col());
                return Err(YamlError {
                    pos,
                    message: e.info().to_string(),
                    kind: YamlErrorKind::Syntax,
                });
            }
        }
    }
    Ok(Parsed { documents: b.docs, errors: b.errors })
}

enum Frame {
    Seq { node: Node, anchor: usize },
    Map { node: Node, anchor: usize, key: Option<PendingKey>, merges: Vec<(Node, Mark)> },
}

enum PendingKey {
    Key(String, Mark),
    /// `<<`: the next value is merged into the mapping.
    Merge(Mark),
    /// A complex key was reported; its value is dropped.
    Skip,
}

struct Builder<'t> {
    text: &'t str,
    file: FileId,
    limits: Limits,
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Node, usize)>,
    docs: Vec<Node>,
    errors: Vec<YamlError>,
    alias_nodes: usize,
    nodes: usize,
    chars: CharIndex,
    /// Insertions made by [`reindent_flow_closers`], to map parser positions back.
    shifts: Vec<(usize, usize)>,
}

impl<'t> Builder<'t> {
    fn new(text: &'t str, file: FileId, limits: &Limits) -> Self {
        Builder {
            text,
            file,
            limits: *limits,
            stack: Vec::new(),
            anchors: HashMap::new(),
            docs: Vec::new(),
            errors: Vec::new(),
            alias_nodes: 0,
            nodes: 0,
            chars: CharIndex::new(text),
            shifts: Vec::new(),
        }
    }

    fn pos_of(&self, char_index: usize, line: usize, col: usize) -> Pos {
        let char_index = match self.shifts.partition_point(|(end, _)| *end <= char_index) {
            0 => char_index,
            i => char_index.saturating_sub(self.shifts[i - 1].1),
        };
        Pos {
            line: u32::try_from(line).unwrap_or(u32::MAX).max(1),
            column: u32::try_from(col).unwrap_or(u32::MAX).saturating_add(1),
            offset: self.chars.byte_offset(self.text, char_index),
        }
    }

    fn mark(&self, span: &Span) -> Mark {
        Mark {
            file: self.file,
            start: self.pos_of(span.start.index(), span.start.line(), span.start.col()),
            end: self.pos_of(span.end.index(), span.end.line(), span.end.col()),
        }
    }

    fn err(pos: Pos, kind: YamlErrorKind, message: impl Into<String>) -> YamlError {
        YamlError { pos, message: message.into(), kind }
    }

    fn count_nodes(&mut self, n: usize, pos: Pos) -> Result<(), YamlError> {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > self.limits.max_nodes {
            return Err(Self::err(
                pos,
                YamlErrorKind::Limit,
                format!("more than {} YAML nodes", self.limits.max_nodes),
            ));
        }
        Ok(())
    }

    fn on_event(&mut self, event: Event<'_>, span: Span) -> Result<(), YamlError> {
        let mark = self.mark(&span);
        match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => Ok(()),
            Event::DocumentStart(_) => {
                self.anchors.clear();
                Ok(())
            }
            Event::Scalar(value, style, anchor, tag) => {
                self.count_nodes(1, mark.start)?;
                let tag = tag.map(|t| convert_tag(&t.handle, &t.suffix));
                let quoted = !matches!(style, ScalarStyle::Plain);
                let forced_str = matches!(&tag, Some(Tag::Other(t)) if t == "!!str");
                let v = if quoted || forced_str {
                    Value::Str(value.into_owned())
                } else {
                    resolve_plain(&value)
                };
                let node = Node { value: v, mark, tag, quoted, via: Vec::new() };
                self.complete(node, anchor)
            }
            Event::SequenceStart(anchor, tag) => {
                self.push_frame(mark)?;
                self.count_nodes(1, mark.start)?;
                let mut node = Node::new(Value::Seq(Vec::new()), mark);
                node.tag = tag.map(|t| convert_tag(&t.handle, &t.suffix));
                self.stack.push(Frame::Seq { node, anchor });
                Ok(())
            }
            Event::MappingStart(anchor, tag) => {
                self.push_frame(mark)?;
                self.count_nodes(1, mark.start)?;
                let mut node = Node::new(Value::Map(Vec::new()), mark);
                node.tag = tag.map(|t| convert_tag(&t.handle, &t.suffix));
                self.stack.push(Frame::Map { node, anchor, key: None, merges: Vec::new() });
                Ok(())
            }
            Event::SequenceEnd => match self.stack.pop() {
                Some(Frame::Seq { node, anchor }) => self.complete(node, anchor),
                _ => Err(Self::err(mark.start, YamlErrorKind::Syntax, "unbalanced sequence end")),
            },
            Event::MappingEnd => match self.stack.pop() {
                Some(Frame::Map { mut node, anchor, merges, .. }) => {
                    apply_merges(&mut node, merges, &mut self.errors);
                    self.complete(node, anchor)
                }
                _ => Err(Self::err(mark.start, YamlErrorKind::Syntax, "unbalanced mapping end")),
            },
            Event::Alias(id) => {
                let Some((target, size)) = self.anchors.get(&id) else {
                    return Err(Self::err(
                        mark.start,
                        YamlErrorKind::Structure,
                        "alias to an unknown anchor",
                    ));
                };
                let size = *size;
                if self.alias_nodes.saturating_add(size) > self.limits.max_alias_nodes {
                    return Err(Self::err(
                        mark.start,
                        YamlErrorKind::Limit,
                        format!(
                            "alias expansion would produce more than {} nodes (a \"billion laughs\" document?)",
                            self.limits.max_alias_nodes
                        ),
                    ));
                }
                self.alias_nodes += size;
                let mut node = target.clone();
                self.count_nodes(size, mark.start)?;
                let at = SourceLoc {
                    file: None,
                    line: mark.start.line,
                    column: mark.start.column,
                    end_line: mark.end.line,
                    end_column: mark.end.column,
                    bytes: Some(mark.start.offset..mark.end.offset),
                    path: String::new(),
                };
                node.add_via(&Provenance::Alias { at });
                // An alias used as a mapping key keeps the alias position for the key.
                self.complete_alias(node, mark)
            }
        }
    }

    fn push_frame(&mut self, mark: Mark) -> Result<(), YamlError> {
        if self.stack.len() >= self.limits.max_depth {
            return Err(Self::err(
                mark.start,
                YamlErrorKind::Limit,
                format!("nesting deeper than {} levels", self.limits.max_depth),
            ));
        }
        Ok(())
    }

    fn complete_alias(&mut self, node: Node, mark: Mark) -> Result<(), YamlError> {
        if let Some(Frame::Map { key: None, .. }) = self.stack.last() {
            // Alias as a key: use its scalar value at the alias position.
            let mut k = node;
            k.mark = mark;
            return self.complete(k, 0);
        }
        self.complete(node, 0)
    }

    /// A node is finished: remember its anchor, then attach it to its parent.
    fn complete(&mut self, node: Node, anchor: usize) -> Result<(), YamlError> {
        if anchor > 0 {
            let size = node.size();
            self.alias_nodes = self.alias_nodes.saturating_add(size);
            if self.alias_nodes > self.limits.max_alias_nodes {
                return Err(Self::err(
                    node.mark.start,
                    YamlErrorKind::Limit,
                    format!("anchors hold more than {} nodes", self.limits.max_alias_nodes),
                ));
            }
            self.anchors.insert(anchor, (node.clone(), size));
        }
        match self.stack.last_mut() {
            None => {
                self.docs.push(node);
                Ok(())
            }
            Some(Frame::Seq { node: parent, .. }) => {
                if let Value::Seq(items) = &mut parent.value {
                    items.push(node);
                }
                Ok(())
            }
            Some(Frame::Map { node: parent, key, merges, .. }) => {
                match key.take() {
                    None => {
                        let k = match &node.value {
                            Value::Seq(_) | Value::Map(_) => {
                                self.errors.push(Self::err(
                                    node.mark.start,
                                    YamlErrorKind::Structure,
                                    "complex mapping key (a sequence or mapping) is not supported by Compose",
                                ));
                                PendingKey::Skip
                            }
                            Value::Str(s) if s == "<<" && !node.quoted => {
                                PendingKey::Merge(node.mark)
                            }
                            Value::Null => PendingKey::Key(String::new(), node.mark),
                            _ => PendingKey::Key(node.scalar_text().unwrap_or_default(), node.mark),
                        };
                        *key = Some(k);
                    }
                    Some(PendingKey::Skip) => {}
                    Some(PendingKey::Merge(m)) => merges.push((node, m)),
                    Some(PendingKey::Key(k, key_mark)) => {
                        if let Value::Map(entries) = &mut parent.value {
                            if let Some(prev) = entries.iter_mut().find(|e| e.key == k) {
                                self.errors.push(Self::err(
                                    key_mark.start,
                                    YamlErrorKind::Structure,
                                    format!(
                                        "duplicate key `{k}` (first defined at line {})",
                                        prev.key_mark.start.line
                                    ),
                                ));
                                prev.value = node;
                                prev.key_mark = key_mark;
                            } else {
                                entries.push(Entry { key: k, key_mark, value: node });
                            }
                        }
                    }
                }
                Ok(())
            }
        }
    }
}

/// `<<` merge keys: entries of the merged mappings are added when the mapping does not define
/// the key itself; with a sequence of mappings, earlier ones win.
fn apply_merges(node: &mut Node, merges: Vec<(Node, Mark)>, errors: &mut Vec<YamlError>) {
    if merges.is_empty() {
        return;
    }
    let Value::Map(entries) = &mut node.value else {
        return;
    };
    for (src, mark) in merges {
        let sources: Vec<Node> = match src.value {
            Value::Map(_) => vec![src],
            Value::Seq(items) => items,
            Value::Null => Vec::new(),
            _ => {
                errors.push(YamlError {
                    pos: mark.start,
                    message: "`<<` merge key needs a mapping or a list of mappings".into(),
                    kind: YamlErrorKind::Structure,
                });
                continue;
            }
        };
        for s in sources {
            let Value::Map(items) = s.value else {
                errors.push(YamlError {
                    pos: s.mark.start,
                    message: "`<<` merge key needs a mapping or a list of mappings".into(),
                    kind: YamlErrorKind::Structure,
                });
                continue;
            };
            for e in items {
                if !entries.iter().any(|x| x.key == e.key) {
                    entries.push(e);
                }
            }
        }
    }
}

fn convert_tag(handle: &str, suffix: &str) -> Tag {
    match (handle, suffix) {
        ("!", "reset") => Tag::Reset,
        ("!", "override") => Tag::Override,
        ("tag:yaml.org,2002:", s) => Tag::Other(format!("!!{s}")),
        ("!", s) => Tag::Other(format!("!{s}")),
        (h, s) => Tag::Other(format!("{h}{s}")),
    }
}

/// YAML 1.2 core schema resolution of a plain scalar.
pub fn resolve_plain(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
        | ".nan" | ".NaN" | ".NAN" => return Value::Float(s.to_string()),
        _ => {}
    }
    let b = s.as_bytes();
    let digits_start = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let body = &s[digits_start..];
    if !body.is_empty() && body.bytes().all(|c| c.is_ascii_digit()) {
        return match s.parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Float(s.to_string()),
        };
    }
    if let Some(h) = s.strip_prefix("0x")
        && !h.is_empty()
        && h.bytes().all(|c| c.is_ascii_hexdigit())
    {
        return i64::from_str_radix(h, 16).map(Value::Int).unwrap_or(Value::Str(s.to_string()));
    }
    if let Some(o) = s.strip_prefix("0o")
        && !o.is_empty()
        && o.bytes().all(|c| (b'0'..=b'7').contains(&c))
    {
        return i64::from_str_radix(o, 8).map(Value::Int).unwrap_or(Value::Str(s.to_string()));
    }
    if is_core_float(body) {
        return Value::Float(s.to_string());
    }
    Value::Str(s.to_string())
}

/// `[0-9]*(\.[0-9]*)?([eE][-+]?[0-9]+)?` with at least one digit.
fn is_core_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let mut digits = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
        digits += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
            digits += 1;
        }
    }
    if digits == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    i == b.len()
}

/// Character index → byte offset. The parser counts characters; code frames need bytes. ASCII
/// text maps 1:1; otherwise a checkpoint every 64 characters keeps lookups cheap on long lines.
struct CharIndex {
    ascii: bool,
    checkpoints: Vec<usize>,
}

const CHECKPOINT: usize = 64;

impl CharIndex {
    fn new(text: &str) -> Self {
        if text.is_ascii() {
            return CharIndex { ascii: true, checkpoints: Vec::new() };
        }
        let checkpoints = text.char_indices().step_by(CHECKPOINT).map(|(b, _)| b).collect();
        CharIndex { ascii: false, checkpoints }
    }
    fn byte_offset(&self, text: &str, char_index: usize) -> usize {
        if self.ascii {
            return char_index.min(text.len());
        }
        let Some(&base) = self.checkpoints.get(char_index / CHECKPOINT) else {
            return text.len();
        };
        let rest = char_index % CHECKPOINT;
        text.get(base..)
            .and_then(|t| t.char_indices().nth(rest).map(|(b, _)| base + b))
            .unwrap_or(text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Node {
        let p = parse(text, FileId(0), &Limits::default()).unwrap();
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        p.documents.into_iter().next().unwrap()
    }

    #[test]
    fn positions_of_keys_and_values() {
        let t = "services:\n  web:\n    image: \"nginx\"\n    é: 1\n    x: 2\n";
        let n = one(t);
        let web = n.get("services").unwrap().get("web").unwrap();
        let e = web.entry("image").unwrap();
        assert_eq!(
            (e.key_mark.start.line, e.key_mark.start.column, e.key_mark.start.offset),
            (3, 5, 21)
        );
        assert_eq!((e.value.mark.start.line, e.value.mark.start.column), (3, 12));
        assert!(e.value.quoted);
        let x = web.entry("x").unwrap();
        assert_eq!((x.key_mark.start.line, x.key_mark.start.column), (5, 5));
        assert_eq!(&t[x.key_mark.start.offset..x.key_mark.end.offset], "x");
    }

    #[test]
    fn core_schema() {
        assert_eq!(resolve_plain("3.10"), Value::Float("3.10".into()));
        assert_eq!(resolve_plain("80"), Value::Int(80));
        assert_eq!(resolve_plain("yes"), Value::Str("yes".into()));
        assert_eq!(resolve_plain("80:80"), Value::Str("80:80".into()));
        assert_eq!(resolve_plain("~"), Value::Null);
        assert_eq!(resolve_plain("1e3"), Value::Float("1e3".into()));
        assert_eq!(resolve_plain("0x1F"), Value::Int(31));
        assert_eq!(resolve_plain("."), Value::Str(".".into()));
    }

    #[test]
    fn anchors_aliases_merge_keys() {
        let t = "x: &base\n  a: 1\n  b: 2\ny:\n  <<: *base\n  b: 3\nz: *base\nw:\n  <<: [{c: 1}, {c: 2, d: 4}]\n";
        let n = one(t);
        let y = n.get("y").unwrap();
        assert_eq!(y.get("a").unwrap().value, Value::Int(1));
        assert_eq!(y.get("b").unwrap().value, Value::Int(3));
        assert!(matches!(y.get("a").unwrap().via[0], Provenance::Alias { .. }));
        assert_eq!(n.get("z").unwrap().get("b").unwrap().value, Value::Int(2));
        let w = n.get("w").unwrap();
        assert_eq!(w.get("c").unwrap().value, Value::Int(1));
        assert_eq!(w.get("d").unwrap().value, Value::Int(4));
    }

    #[test]
    fn tags_kept() {
        let n = one("a: !reset []\nb: !override {x: 1}\nc: !!str 12\n");
        assert_eq!(n.get("a").unwrap().tag, Some(Tag::Reset));
        assert_eq!(n.get("b").unwrap().tag, Some(Tag::Override));
        assert_eq!(n.get("c").unwrap().value, Value::Str("12".into()));
    }

    #[test]
    fn billion_laughs_refused_quickly() {
        let mut t = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        for w in names.windows(2) {
            let refs = vec![format!("*{}", w[0]); 9].join(",");
            t.push_str(&format!("{}: &{} [{}]\n", w[1], w[1], refs));
        }
        let start = std::time::Instant::now();
        let e = parse(&t, FileId(0), &Limits::default()).unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::Limit);
        assert!(e.pos.line > 1);
        assert!(start.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn depth_and_size_limits() {
        // The parser refuses very deep flow nesting itself; the builder caps block nesting.
        let deep = "[".repeat(500) + &"]".repeat(500);
        assert!(parse(&deep, FileId(0), &Limits::default()).is_err());
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert_eq!(
            parse(&deep, FileId(0), &Limits::default()).unwrap_err().kind,
            YamlErrorKind::Limit
        );
        let lim = Limits { max_file_bytes: 10, ..Limits::default() };
        assert_eq!(
            parse("a: 12345678901", FileId(0), &lim).unwrap_err().kind,
            YamlErrorKind::Limit
        );
    }

    #[test]
    fn duplicate_keys_reported() {
        let p = parse("a: 1\nb: 2\na: 3\n", FileId(0), &Limits::default()).unwrap();
        assert_eq!(p.errors.len(), 1);
        assert_eq!(p.errors[0].pos.line, 3);
    }

    #[test]
    fn syntax_error_located() {
        let e = parse("a: [1, 2\nb: 3\n", FileId(0), &Limits::default()).unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::Syntax);
        assert!(e.pos.line >= 1);
    }

    #[test]
    fn flow_closer_at_key_indentation() {
        let t = "a:\n  b: [\n      \"x\",\n  ]\n  c: é\n  d: 1\n";
        let n = one(t);
        let a = n.get("a").unwrap();
        assert_eq!(a.get("b").unwrap().as_seq().unwrap().len(), 1);
        let d = a.entry("d").unwrap();
        assert_eq!((d.key_mark.start.line, d.key_mark.start.column), (6, 3));
        assert_eq!(&t[d.key_mark.start.offset..d.key_mark.end.offset], "d");
        assert_eq!(&t[d.value.mark.start.offset..d.value.mark.end.offset], "1");
    }

    #[test]
    fn non_ascii_offsets() {
        let t = "a: \"ééé\"\nb: x\n";
        let n = one(t);
        let e = n.entry("b").unwrap();
        assert_eq!(&t[e.value.mark.start.offset..e.value.mark.end.offset], "x");
    }
}
