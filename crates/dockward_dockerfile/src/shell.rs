//! Shell analysis of RUN scripts (and heredoc bodies): the script is parsed with a real POSIX /
//! bash parser (`brush-parser`) and flattened into simple commands, each with its words, its
//! place in a pipeline, and whether it runs inside a command or process substitution. Rules
//! then ask simple questions ("is there a `curl` piped into `sh`?", "which packages does
//! `apt-get install` get?") without knowing shell grammar.
//!
//! When the parser rejects a script (BuildKit itself does not parse RUN; the shell does at
//! build time, so a Dockerfile may hold scripts a strict parser dislikes), a small fallback
//! tokenizer splits on `&&`, `||`, `;`, `|` and newlines so rules still see the commands; the
//! result records that it came from the fallback.

use crate::ast::Span;
use brush_parser::ast;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShellWord {
    /// Quotes removed (best effort; expansions are left as written).
    pub value: String,
    /// As written.
    pub raw: String,
    /// Where it is in the file, when known.
    pub span: Option<Span>,
}

#[derive(Debug, Clone)]
pub struct ShellCommand {
    /// Command name and arguments (assignments and redirections excluded).
    pub words: Vec<ShellWord>,
    /// `NAME=value` prefixes.
    pub assignments: Vec<(String, String)>,
    /// Redirections as (operator, target), e.g. (">", ".npmrc").
    pub redirects: Vec<(String, ShellWord)>,
    /// Index of the pipeline this command belongs to in [`ShellScript::pipelines`].
    pub pipeline: usize,
    /// Position inside that pipeline (0 = first).
    pub position: usize,
    /// Inside `$(...)`, backticks or `<(...)`.
    pub in_substitution: bool,
    pub span: Option<Span>,
}

/// Options that take a value, for the wrappers we look through.
const SUDO_ARG_OPTS: &[&str] = &["-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U", "-T"];

impl ShellCommand {
    /// Base name of the command (`/usr/bin/apt-get` → `apt-get`).
    pub fn name(&self) -> Option<&str> {
        self.words.first().map(|w| basename(&w.value))
    }
    pub fn args(&self) -> &[ShellWord] {
        self.words.get(1..).unwrap_or(&[])
    }
    /// The command with wrappers (`sudo`, `env`, `nice`, `nohup`, `time`, `exec`, `command`,
    /// `xargs`, `su -c` is not unwrapped) and their options removed.
    /// Index of the first word after wrappers (0 when there is none).
    fn effective_start(&self) -> usize {
        let mut start = 0;
        while let Some(w) = self.words.get(start) {
            let name = basename(&w.value);
            match name {
                "sudo" | "doas" => {
                    start += 1;
                    while let Some(o) = self.words.get(start) {
                        if o.value == "--" {
                            start += 1;
                            break;
                        }
                        if !o.value.starts_with('-') {
                            break;
                        }
                        start += if SUDO_ARG_OPTS.contains(&o.value.as_str()) { 2 } else { 1 };
                    }
                }
                "env" => {
                    start += 1;
                    while let Some(o) = self.words.get(start) {
                        if o.value.starts_with('-') {
                            start += if o.value == "-u" { 2 } else { 1 };
                        } else if o.value.contains('=') {
                            start += 1;
                        } else {
                            break;
                        }
                    }
                }
                // `command -v x` / `command -V x` look a command up; they do not run it.
                "command"
                    if self
                        .words
                        .get(start + 1)
                        .is_some_and(|o| o.value == "-v" || o.value == "-V") =>
                {
                    break;
                }
                "nice" | "nohup" | "time" | "exec" | "command" | "stdbuf" | "timeout" | "xargs" => {
                    start += 1;
                    while let Some(o) = self.words.get(start) {
                        if o.value.starts_with('-') {
                            // Options that take a separate value.
                            let takes_value = matches!(
                                (name, o.value.as_str()),
                                ("nice", "-n")
                                    | ("timeout", "-s" | "-k" | "--signal" | "--kill-after")
                                    | ("xargs", "-I" | "-n" | "-P" | "-L" | "-d" | "-s" | "-E")
                                    | ("stdbuf", "-i" | "-o" | "-e")
                                    | ("exec", "-a")
                            );
                            start += if takes_value { 2 } else { 1 };
                        } else if name == "timeout"
                            && o.value.chars().next().is_some_and(|c| c.is_ascii_digit())
                        {
                            start += 1;
                            break;
                        } else {
                            break;
                        }
                    }
                }
                _ => break,
            }
        }
        start
    }

    /// The command with wrappers (`sudo`, `env`, `nice`, `nohup`, `time`, `exec`, `command`,
    /// `xargs`, `timeout`, `stdbuf`) and their options removed. Borrowed when there is no
    /// wrapper, which is the common case, so rules can call it freely.
    pub fn effective(&self) -> std::borrow::Cow<'_, ShellCommand> {
        match self.effective_start() {
            0 => std::borrow::Cow::Borrowed(self),
            start => std::borrow::Cow::Owned(ShellCommand {
                words: self.words.get(start..).unwrap_or(&[]).to_vec(),
                assignments: self.assignments.clone(),
                redirects: self.redirects.clone(),
                ..*self
            }),
        }
    }
    /// [`effective`](Self::effective) as an owned command.
    pub fn effective_owned(&self) -> ShellCommand {
        self.effective().into_owned()
    }

    /// True if a short flag (`-y`, also inside `-qy`) or one of the long forms is present.
    pub fn has_flag(&self, short: Option<char>, longs: &[&str]) -> bool {
        self.args().iter().any(|w| {
            let v = w.value.as_str();
            if let Some(l) = v.strip_prefix("--") {
                let name = l.split('=').next().unwrap_or("");
                return longs.iter().any(|x| x.trim_start_matches('-') == name);
            }
            if let (Some(s), Some(rest)) = (short, v.strip_prefix('-')) {
                return !rest.is_empty()
                    && rest.chars().all(|c| c.is_ascii_alphanumeric())
                    && rest.contains(s);
            }
            false
        })
    }
    /// Words after the first occurrence of `sub` (e.g. `install`) that are not options.
    pub fn operands_after(&self, sub: &str) -> Vec<&ShellWord> {
        let args = self.args();
        let Some(pos) = args.iter().position(|w| w.value == sub) else { return Vec::new() };
        args[pos + 1..].iter().filter(|w| !w.value.starts_with('-')).collect()
    }
    pub fn has_word(&self, v: &str) -> bool {
        self.args().iter().any(|w| w.value == v)
    }
}

pub fn basename(s: &str) -> &str {
    s.rsplit('/').next().unwrap_or(s)
}

#[derive(Debug, Clone, Default)]
pub struct ShellScript {
    pub commands: Vec<ShellCommand>,
    /// Each pipeline as indices into `commands`, in order.
    pub pipelines: Vec<Vec<usize>>,
    /// The parser's complaint when the fallback tokenizer had to be used.
    pub parse_error: Option<String>,
}

impl ShellScript {
    /// Commands with their wrappers removed (see [`ShellCommand::effective`]).
    pub fn effective_commands(
        &self,
    ) -> impl Iterator<Item = std::borrow::Cow<'_, ShellCommand>> + '_ {
        self.commands.iter().map(ShellCommand::effective)
    }
    /// True when some pipeline has more than one command. A command group or loop in a
    /// pipeline (`{ a; } | b`) is not itself a simple command, so positions are checked too.
    pub fn has_pipe(&self) -> bool {
        self.pipelines.iter().any(|p| p.len() > 1) || self.commands.iter().any(|c| c.position > 0)
    }
}

/// Maps byte ranges of the analysed script to file spans.
pub type Mapper<'a> = &'a dyn Fn(Range<usize>) -> Span;

const MAX_SCRIPT: usize = 1 << 20;
const MAX_DEPTH: usize = 16;

/// Analyse `script`. `map` turns script byte ranges into file spans.
pub fn analyze(script: &str, map: Mapper) -> ShellScript {
    let mut out = ShellScript::default();
    analyze_into(script, 0, map, false, &mut out, 0);
    out
}

fn analyze_into(
    script: &str,
    base: usize,
    map: Mapper,
    in_subst: bool,
    out: &mut ShellScript,
    depth: usize,
) {
    if script.len() > MAX_SCRIPT || depth > MAX_DEPTH {
        out.parse_error.get_or_insert_with(|| "script too large or too deeply nested".into());
        return;
    }
    let options = brush_parser::ParserOptions { sh_mode: false, ..Default::default() };
    if has_oversized_fd(script) {
        // brush-parser 0.4 panics on a redirect fd that does not fit an i32 (`2147483648>x`,
        // found by fuzzing): use the fallback tokenizer for such scripts.
        let mut ctx =
            Ctx { script, base, map, in_subst, out, depth, char_to_byte: char_table(script) };
        ctx.out.parse_error.get_or_insert_with(|| "redirect file descriptor out of range".into());
        fallback(&mut ctx);
        return;
    }
    let parsed = std::panic::catch_unwind(|| {
        let mut parser =
            brush_parser::Parser::new(std::io::Cursor::new(script.as_bytes()), &options);
        parser.parse_program()
    });
    let mut ctx = Ctx { script, base, map, in_subst, out, depth, char_to_byte: char_table(script) };
    match parsed {
        Ok(Ok(program)) => {
            for cc in &program.complete_commands {
                ctx.list(cc);
            }
        }
        Ok(Err(e)) => {
            ctx.out.parse_error.get_or_insert_with(|| e.to_string());
            fallback(&mut ctx);
        }
        Err(_) => {
            ctx.out.parse_error.get_or_insert_with(|| "shell parser failed".into());
            fallback(&mut ctx);
        }
    }
}

/// A run of digits directly before `<` or `>` whose value does not fit an i32.
fn has_oversized_fd(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if matches!(b.get(i), Some(b'<' | b'>')) && s[start..i].parse::<i32>().is_err() {
                return true;
            }
        } else {
            i += 1;
        }
    }
    false
}

/// Byte offset of each char index, only when the script is not pure ASCII.
fn char_table(s: &str) -> Option<Vec<usize>> {
    if s.is_ascii() {
        return None;
    }
    let mut v: Vec<usize> = s.char_indices().map(|(b, _)| b).collect();
    v.push(s.len());
    Some(v)
}

struct Ctx<'a, 'b> {
    script: &'a str,
    base: usize,
    map: Mapper<'a>,
    in_subst: bool,
    out: &'b mut ShellScript,
    depth: usize,
    char_to_byte: Option<Vec<usize>>,
}

impl Ctx<'_, '_> {
    fn byte(&self, char_index: usize) -> usize {
        match &self.char_to_byte {
            None => char_index.min(self.script.len()),
            Some(t) => t.get(char_index).copied().unwrap_or(self.script.len()),
        }
    }
    fn word(&self, w: &ast::Word) -> ShellWord {
        let span = w.loc.as_ref().map(|l| {
            let s = self.byte(l.start.index);
            let e = self.byte(l.end.index).max(s);
            (self.map)(self.base + s..self.base + e)
        });
        ShellWord { value: unquote(&w.value), raw: w.value.clone(), span }
    }
    fn list(&mut self, list: &ast::CompoundList) {
        for item in &list.0 {
            let aol = &item.0;
            self.pipeline(&aol.first);
            for a in &aol.additional {
                match a {
                    ast::AndOr::And(p) | ast::AndOr::Or(p) => self.pipeline(p),
                }
            }
        }
    }
    fn pipeline(&mut self, p: &ast::Pipeline) {
        let id = self.out.pipelines.len();
        self.out.pipelines.push(Vec::new());
        for (pos, cmd) in p.seq.iter().enumerate() {
            self.command(cmd, id, pos);
        }
    }
    fn command(&mut self, cmd: &ast::Command, pipeline: usize, position: usize) {
        match cmd {
            ast::Command::Simple(sc) => self.simple(sc, pipeline, position),
            ast::Command::Compound(cc, _) => {
                // Commands inside a group that is itself piped into (`a | while ...`) read
                // from the pipe: mark the first of them with the group's position.
                let first = self.out.commands.len();
                self.compound(cc);
                if position > 0
                    && let Some(c) = self.out.commands.get_mut(first)
                {
                    c.position = c.position.max(position);
                }
            }
            ast::Command::Function(f) => self.compound(&f.body.0),
            ast::Command::ExtendedTest(..) => {}
        }
    }
    fn compound(&mut self, cc: &ast::CompoundCommand) {
        match cc {
            ast::CompoundCommand::BraceGroup(b) => self.list(&b.list),
            ast::CompoundCommand::Subshell(s) => self.list(&s.list),
            ast::CompoundCommand::ForClause(f) => {
                if let Some(values) = &f.values {
                    for v in values {
                        self.substitutions(v);
                    }
                }
                self.list(&f.body.list)
            }
            ast::CompoundCommand::ArithmeticForClause(f) => self.list(&f.body.list),
            ast::CompoundCommand::CaseClause(c) => {
                for item in &c.cases {
                    if let Some(l) = &item.cmd {
                        self.list(l);
                    }
                }
            }
            ast::CompoundCommand::IfClause(i) => {
                self.list(&i.condition);
                self.list(&i.then);
                for e in i.elses.iter().flatten() {
                    if let Some(c) = &e.condition {
                        self.list(c);
                    }
                    self.list(&e.body);
                }
            }
            ast::CompoundCommand::WhileClause(w) | ast::CompoundCommand::UntilClause(w) => {
                self.list(&w.0);
                self.list(&w.1.list);
            }
            ast::CompoundCommand::Coprocess(c) => {
                self.command(&c.body, self.out.pipelines.len().saturating_sub(1), 0)
            }
            ast::CompoundCommand::Arithmetic(_) => {}
        }
    }
    fn simple(&mut self, sc: &ast::SimpleCommand, pipeline: usize, position: usize) {
        let mut words = Vec::new();
        let mut assignments = Vec::new();
        let mut redirects = Vec::new();
        let mut subst_words: Vec<&ast::Word> = Vec::new();
        let mut proc_subst: Vec<&ast::SubshellCommand> = Vec::new();
        let mut owned_targets: Vec<ast::Word> = Vec::new();
        // Prefix items, then the command name, then suffix items: source order.
        let prefix = sc.prefix.iter().flat_map(|p| p.0.iter()).map(Some);
        let suffix = sc.suffix.iter().flat_map(|s| s.0.iter()).map(Some);
        let items: Vec<Option<&ast::CommandPrefixOrSuffixItem>> =
            prefix.chain(std::iter::once(None)).chain(suffix).collect();
        for item in items {
            match item {
                None => {
                    if let Some(w) = &sc.word_or_name {
                        subst_words.push(w);
                        words.push(self.word(w));
                    }
                }
                Some(ast::CommandPrefixOrSuffixItem::Word(w)) => {
                    subst_words.push(w);
                    words.push(self.word(w));
                }
                // Only assignments before the command name are assignments (POSIX); after it,
                // `flask==2.0` or `A=b` are ordinary arguments.
                Some(ast::CommandPrefixOrSuffixItem::AssignmentWord(_, w)) if words.is_empty() => {
                    subst_words.push(w);
                    let (n, v) = w.value.split_once('=').unwrap_or((&w.value, ""));
                    assignments.push((n.to_string(), unquote(v)));
                }
                Some(ast::CommandPrefixOrSuffixItem::AssignmentWord(_, w)) => {
                    subst_words.push(w);
                    words.push(self.word(w));
                }
                Some(ast::CommandPrefixOrSuffixItem::IoRedirect(r)) => {
                    if let Some((op, target)) = redirect(r) {
                        redirects.push((op, self.word(&target)));
                        owned_targets.push(target);
                    }
                }
                Some(ast::CommandPrefixOrSuffixItem::ProcessSubstitution(_, sub)) => {
                    proc_subst.push(sub)
                }
            }
        }
        let span = match (words.first().and_then(|w| w.span), words.last().and_then(|w| w.span)) {
            (Some(a), Some(b)) => Some(a.cover(b)),
            (a, _) => a,
        };
        if !words.is_empty() {
            let idx = self.out.commands.len();
            self.out.commands.push(ShellCommand {
                words,
                assignments,
                redirects,
                pipeline,
                position,
                in_substitution: self.in_subst,
                span,
            });
            if let Some(p) = self.out.pipelines.get_mut(pipeline) {
                p.push(idx);
            }
        }
        for w in subst_words {
            self.substitutions(w);
        }
        for w in &owned_targets {
            self.substitutions(w);
        }
        for sub in proc_subst {
            let saved = self.in_subst;
            self.in_subst = true;
            self.list(&sub.list);
            self.in_subst = saved;
        }
    }
    /// Find `$(...)` and backticks inside a word and analyse their contents.
    fn substitutions(&mut self, w: &ast::Word) {
        let Some(loc) = &w.loc else { return };
        let wstart = self.byte(loc.start.index);
        let raw = w.value.as_str();
        if !raw.contains("$(") && !raw.contains('`') {
            return;
        }
        for (s, e) in substitution_ranges(raw) {
            let inner = &raw[s..e];
            // Nested scripts are analysed with their own offsets inside this script.
            let base = self.base + wstart + s;
            let mut sub = ShellScript::default();
            let map = self.map;
            analyze_into(inner, base, map, true, &mut sub, self.depth + 1);
            let (oc, op) = (self.out.commands.len(), self.out.pipelines.len());
            for mut c in sub.commands {
                c.pipeline += op;
                c.in_substitution = true;
                self.out.commands.push(c);
            }
            for p in sub.pipelines {
                self.out.pipelines.push(p.into_iter().map(|k| k + oc).collect());
            }
        }
    }
}

/// A redirection as (operator with its file descriptor, target): `2>` `/dev/null`,
/// `>&` `1` for `>&1`, `2>&` `1` for `2>&1`.
fn redirect(r: &ast::IoRedirect) -> Option<(String, ast::Word)> {
    let fd = |f: &Option<ast::IoFd>| f.map(|n| n.to_string()).unwrap_or_default();
    match r {
        ast::IoRedirect::File(f, kind, ast::IoFileRedirectTarget::Filename(w)) => {
            Some((format!("{}{kind}", fd(f)), w.clone()))
        }
        ast::IoRedirect::File(f, kind, ast::IoFileRedirectTarget::Duplicate(w)) => {
            Some((format!("{}{kind}", fd(f)), w.clone()))
        }
        ast::IoRedirect::File(f, kind, ast::IoFileRedirectTarget::Fd(n)) => {
            Some((format!("{}{kind}", fd(f)), ast::Word { value: n.to_string(), loc: None }))
        }
        ast::IoRedirect::OutputAndError(w, append) => {
            Some((if *append { "&>>".into() } else { "&>".into() }, w.clone()))
        }
        _ => None,
    }
}

/// Byte ranges (inside `raw`) of the contents of `$(...)` and `` `...` `` substitutions at the
/// outermost level. `$((...))` arithmetic is skipped.
pub fn substitution_ranges(raw: &str) -> Vec<(usize, usize)> {
    let b = raw.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut in_single = false;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'\'' => {
                in_single = !in_single;
                i += 1;
            }
            b'$' if !in_single && b.get(i + 1) == Some(&b'(') && b.get(i + 2) != Some(&b'(') => {
                let start = i + 2;
                let mut depth = 1;
                let mut j = start;
                let mut q: Option<u8> = None;
                while j < b.len() && depth > 0 {
                    match (b[j], q) {
                        (b'\\', _) => j += 1,
                        (b'\'' | b'"', None) => q = Some(b[j]),
                        (c, Some(qq)) if c == qq => q = None,
                        (b'(', None) => depth += 1,
                        (b')', None) => depth -= 1,
                        _ => {}
                    }
                    j += 1;
                }
                let end = if depth == 0 { j - 1 } else { b.len() };
                if raw.is_char_boundary(start) && raw.is_char_boundary(end) && start <= end {
                    out.push((start, end));
                }
                i = j;
            }
            b'`' if !in_single => {
                let start = i + 1;
                let mut j = start;
                while j < b.len() && b[j] != b'`' {
                    if b[j] == b'\\' {
                        j += 1;
                    }
                    j += 1;
                }
                let end = j.min(b.len());
                if raw.is_char_boundary(start) && raw.is_char_boundary(end) && start <= end {
                    out.push((start, end));
                }
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Remove shell quoting from a word, leaving expansions as written.
pub fn unquote(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut q: Option<char> = None;
    while let Some(c) = chars.next() {
        match (c, q) {
            ('\'', None) | ('"', None) => q = Some(c),
            (c, Some(qq)) if c == qq => q = None,
            ('\\', Some('\'')) => out.push('\\'),
            ('\\', Some('"')) => match chars.peek() {
                Some(&n) if matches!(n, '"' | '\\' | '$' | '`') => {
                    out.push(n);
                    chars.next();
                }
                _ => out.push('\\'),
            },
            ('\\', None) => {
                if let Some(n) = chars.next()
                    && n != '\n'
                {
                    out.push(n);
                }
            }
            (c, _) => out.push(c),
        }
    }
    out
}

/// Fallback: split on unquoted `&&`, `||`, `;`, `|`, `&`, newlines and parentheses.
fn fallback(ctx: &mut Ctx) {
    let s = ctx.script;
    let b = s.as_bytes();
    let mut i = 0;
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut pipeline = ctx.out.pipelines.len();
    ctx.out.pipelines.push(Vec::new());
    let mut position = 0;
    let flush =
        |ctx: &mut Ctx, words: &mut Vec<(usize, usize)>, pipeline: usize, position: usize| {
            if words.is_empty() {
                return;
            }
            let mut ws: Vec<ShellWord> = words
                .iter()
                .map(|&(a, e)| ShellWord {
                    value: unquote(&s[a..e]),
                    raw: s[a..e].to_string(),
                    span: Some((ctx.map)(ctx.base + a..ctx.base + e)),
                })
                .collect();
            let mut assignments = Vec::new();
            while ws.first().is_some_and(|w| is_assignment(&w.raw)) {
                let w = ws.remove(0);
                let (n, v) = w.value.split_once('=').unwrap_or((&w.value, ""));
                assignments.push((n.to_string(), v.to_string()));
            }
            words.clear();
            if ws.is_empty() {
                return;
            }
            let span = match (ws.first().and_then(|w| w.span), ws.last().and_then(|w| w.span)) {
                (Some(a), Some(b)) => Some(a.cover(b)),
                (a, _) => a,
            };
            let idx = ctx.out.commands.len();
            ctx.out.commands.push(ShellCommand {
                words: ws,
                assignments,
                redirects: Vec::new(),
                pipeline,
                position,
                in_substitution: ctx.in_subst,
                span,
            });
            ctx.out.pipelines[pipeline].push(idx);
        };
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\r' => i += 1,
            b'\\' if b.get(i + 1) == Some(&b'\n') => i += 2,
            b'|' if b.get(i + 1) != Some(&b'|') => {
                flush(ctx, &mut words, pipeline, position);
                position += 1;
                i += 1;
            }
            b'&' | b'|' | b';' | b'\n' | b'(' | b')' => {
                flush(ctx, &mut words, pipeline, position);
                i += if matches!(b.get(i + 1), Some(b'&') | Some(b'|')) && c != b'\n' && c != b';' {
                    2
                } else {
                    1
                };
                pipeline = ctx.out.pipelines.len();
                ctx.out.pipelines.push(Vec::new());
                position = 0;
            }
            b'#' if words.is_empty() => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            _ => {
                let start = i;
                let mut q: Option<u8> = None;
                while i < b.len() {
                    let ch = b[i];
                    match q {
                        Some(qq) if ch == qq => q = None,
                        Some(b'"') if ch == b'\\' => i += 1,
                        Some(_) => {}
                        None if ch == b'\'' || ch == b'"' => q = Some(ch),
                        None if ch == b'\\' => i += 1,
                        None if matches!(
                            ch,
                            b' ' | b'\t' | b'\n' | b'\r' | b';' | b'&' | b'|' | b'(' | b')'
                        ) =>
                        {
                            break;
                        }
                        None => {}
                    }
                    i += 1;
                }
                let end = i.min(b.len());
                let (mut a, mut e) = (start, end);
                while a < e && !s.is_char_boundary(a) {
                    a += 1;
                }
                while e > a && !s.is_char_boundary(e) {
                    e -= 1;
                }
                words.push((a, e));
            }
        }
    }
    flush(ctx, &mut words, pipeline, position);
    ctx.out.pipelines.retain(|_| true);
}

fn is_assignment(w: &str) -> bool {
    match w.split_once('=') {
        Some((n, _)) => {
            !n.is_empty()
                && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !n.starts_with(|c: char| c.is_ascii_digit())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> ShellScript {
        analyze(s, &|r| Span::new(r.start, r.end))
    }
    fn names(s: &ShellScript) -> Vec<String> {
        s.commands.iter().map(|c| c.name().unwrap_or("").to_string()).collect()
    }

    #[test]
    fn splits_commands() {
        let s = run("apt-get update && apt-get install -y curl || true; echo hi | tee /x");
        assert_eq!(names(&s), vec!["apt-get", "apt-get", "true", "echo", "tee"]);
        assert!(s.has_pipe());
        assert_eq!(s.commands[1].operands_after("install")[0].value, "curl");
        assert!(s.commands[1].has_flag(Some('y'), &["yes"]));
        assert_eq!(s.commands[1].span, Some(Span::new(18, 41)));
    }

    #[test]
    fn substitutions_and_subshells() {
        let s = run(
            "sh -c \"$(curl -fsSL https://x.sh)\" && (cd /x && make) && for f in $(ls); do rm $f; done",
        );
        let n = names(&s);
        assert!(n.contains(&"curl".to_string()), "{n:?}");
        assert!(n.contains(&"make".to_string()));
        assert!(n.contains(&"ls".to_string()));
        assert!(n.contains(&"rm".to_string()));
        let curl = s.commands.iter().find(|c| c.name() == Some("curl")).unwrap();
        assert!(curl.in_substitution);
        assert_eq!(curl.span, Some(Span::new(9, 32)));
    }

    #[test]
    fn redirects_keep_fd() {
        let s = run("wget -q http://x 2>/dev/null >out 2>&1");
        let ops: Vec<(String, String)> =
            s.commands[0].redirects.iter().map(|(o, w)| (o.clone(), w.value.clone())).collect();
        assert_eq!(
            ops,
            vec![
                ("2>".into(), "/dev/null".into()),
                (">".into(), "out".into()),
                ("2>&".into(), "1".into())
            ]
        );
    }

    #[test]
    fn wrappers() {
        let s = run("sudo -u root env A=1 apt-get install -y vim");
        let e = s.commands[0].effective();
        assert_eq!(e.name(), Some("apt-get"));
        assert_eq!(run("nice -n 10 sudo make").commands[0].effective().name(), Some("make"));
        assert_eq!(run("command -v sudo").commands[0].effective().name(), Some("command"));
        assert_eq!(run("xargs -I {} rm {}").commands[0].effective().name(), Some("rm"));
    }

    #[test]
    fn compound_members_of_pipelines() {
        assert!(run("{ echo a; } | tee f").has_pipe());
        assert!(run("cat f | while read i; do echo $i; done").has_pipe());
        assert!(!run("{ echo a; } && tee f").has_pipe());
    }

    #[test]
    fn assignments_only_before_the_name() {
        let s = run("A=1 pip install flask==2.0 requests");
        let c = &s.commands[0];
        assert_eq!(c.assignments, vec![("A".to_string(), "1".to_string())]);
        let w: Vec<_> = c.words.iter().map(|w| w.value.as_str()).collect();
        assert_eq!(w, vec!["pip", "install", "flask==2.0", "requests"]);
    }

    #[test]
    fn oversized_fd_does_not_panic() {
        let s = run("echo hi 2147483648>/tmp/out");
        assert!(s.parse_error.is_some());
        assert_eq!(s.commands[0].name(), Some("echo"));
        let s = run("5555555555>");
        assert!(s.parse_error.is_some());
        assert!(run("echo 2147483647>/dev/null").parse_error.is_none());
    }

    #[test]
    fn fallback_on_bad_syntax() {
        let s = run("echo 'unterminated && curl http://x | sh");
        assert!(s.parse_error.is_some());
        let s = run("if then fi && curl -k https://x | bash");
        assert!(s.parse_error.is_some());
        assert!(names(&s).contains(&"curl".to_string()));
        assert!(s.has_pipe());
    }
}
