//! Typed views of instruction arguments (what BuildKit's `instructions` package parses), and
//! the checks BuildKit applies before building, reported as parse errors (DW001).

use crate::ast::*;
use crate::words::{self, Word};

/// A word of an instruction with its file span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arg {
    pub value: String,
    pub span: Span,
}

fn arg(inst: &Instruction, w: Word) -> Arg {
    Arg { span: inst.args_subspan(w.range.clone()), value: w.value }
}

/// The argument words of an instruction (shell-style splitting, quotes removed).
pub fn words(inst: &Instruction, escape: char) -> Vec<Arg> {
    words::split(inst.args_text(), escape).into_iter().map(|w| arg(inst, w)).collect()
}

/// RUN/CMD/ENTRYPOINT/SHELL/HEALTHCHECK CMD arguments: JSON (exec) form or a shell string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandForm {
    Exec(Vec<Arg>),
    Shell(Arg),
}

impl CommandForm {
    pub fn is_exec(&self) -> bool {
        matches!(self, CommandForm::Exec(_))
    }
}

/// Exec or shell form of a text range of the instruction (`rel` relative to the args).
fn command_form_of(inst: &Instruction, rel: std::ops::Range<usize>) -> CommandForm {
    let text = &inst.args_text()[rel.clone()];
    if let Some(ws) = words::json_array(text) {
        return CommandForm::Exec(
            ws.into_iter()
                .map(|w| Arg {
                    span: inst.args_subspan(rel.start + w.range.start..rel.start + w.range.end),
                    value: w.value,
                })
                .collect(),
        );
    }
    CommandForm::Shell(Arg { value: text.to_string(), span: inst.args_subspan(rel) })
}

pub fn command_form(inst: &Instruction) -> CommandForm {
    command_form_of(inst, 0..inst.args_text().len())
}

#[derive(Debug, Clone)]
pub struct FromArgs {
    pub image: Arg,
    pub alias: Option<Arg>,
    pub platform: Option<Flag>,
}

pub fn from_args(inst: &Instruction, escape: char) -> Option<FromArgs> {
    let ws = words(inst, escape);
    let image = ws.first()?.clone();
    let alias = if ws.len() >= 3 && ws[1].value.eq_ignore_ascii_case("as") {
        Some(ws[2].clone())
    } else {
        None
    };
    Some(FromArgs { image, alias, platform: inst.flag("platform").cloned() })
}

/// `ENV`/`LABEL` pair. `value` has quotes removed.
#[derive(Debug, Clone)]
pub struct KeyValue {
    pub key: String,
    pub value: String,
    /// The value as written (quotes and escapes kept), for variable expansion.
    pub raw_value: String,
    pub key_span: Span,
    pub value_span: Span,
    pub span: Span,
}

/// ENV/LABEL `k=v k2="v 2"` pairs, or the legacy `ENV key value with spaces` form.
pub fn key_values(inst: &Instruction, escape: char) -> Vec<KeyValue> {
    let text = inst.args_text();
    let ws = words::split(text, escape);
    let Some(first) = ws.first() else { return Vec::new() };
    if !first.raw(text).contains('=') {
        // Legacy form: first word is the key, the rest of the line the value.
        let rest_start = ws.get(1).map(|w| w.range.start).unwrap_or(text.len());
        let value_raw = text[rest_start..].trim_end();
        let value = words::split(value_raw, escape)
            .into_iter()
            .map(|w| w.value)
            .collect::<Vec<_>>()
            .join(" ");
        return vec![KeyValue {
            key: first.value.clone(),
            value,
            raw_value: value_raw.to_string(),
            key_span: inst.args_subspan(first.range.clone()),
            value_span: inst.args_subspan(rest_start..rest_start + value_raw.len()),
            span: inst.args_span(),
        }];
    }
    let mut out = Vec::new();
    for w in ws {
        let raw = w.raw(text);
        let Some(eq) = raw.find('=') else { continue };
        let key_raw = &raw[..eq];
        let key = words::split(key_raw, escape).into_iter().map(|w| w.value).collect::<String>();
        let value = words::split(&raw[eq + 1..], escape)
            .into_iter()
            .map(|w| w.value)
            .collect::<Vec<_>>()
            .join(" ");
        out.push(KeyValue {
            key,
            value,
            raw_value: raw[eq + 1..].to_string(),
            key_span: inst.args_subspan(w.range.start..w.range.start + eq),
            value_span: inst.args_subspan(w.range.start + eq + 1..w.range.end),
            span: inst.args_subspan(w.range.clone()),
        });
    }
    out
}

#[derive(Debug, Clone)]
pub struct ArgDef {
    pub name: String,
    pub default: Option<String>,
    /// The default as written (quotes and escapes kept), for variable expansion.
    pub raw_default: Option<String>,
    pub span: Span,
    pub name_span: Span,
}

/// `ARG name[=default] [name2[=default2] ...]`.
pub fn arg_defs(inst: &Instruction, escape: char) -> Vec<ArgDef> {
    let text = inst.args_text();
    words::split(text, escape)
        .into_iter()
        .map(|w| {
            let raw = w.raw(text);
            let span = inst.args_subspan(w.range.clone());
            match raw.find('=') {
                Some(eq) => ArgDef {
                    name: words::split(&raw[..eq], escape).into_iter().map(|w| w.value).collect(),
                    default: Some(
                        words::split(&raw[eq + 1..], escape)
                            .into_iter()
                            .map(|w| w.value)
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                    raw_default: Some(raw[eq + 1..].to_string()),
                    span,
                    name_span: inst.args_subspan(w.range.start..w.range.start + eq),
                },
                None => ArgDef {
                    name: w.value,
                    default: None,
                    raw_default: None,
                    span,
                    name_span: span,
                },
            }
        })
        .collect()
}

/// COPY/ADD sources and destination. Heredoc sources appear as `<<NAME` words.
#[derive(Debug, Clone)]
pub struct CopyArgs {
    pub sources: Vec<Arg>,
    pub dest: Option<Arg>,
    pub json: bool,
}

pub fn copy_args(inst: &Instruction, _escape: char) -> CopyArgs {
    // BuildKit splits COPY/ADD shell-form arguments on whitespace only
    // (`parseStringsWhitespaceDelimited`); quotes are handled later, per word.
    let (mut ws, json) = match command_form(inst) {
        CommandForm::Exec(v) => (v, true),
        CommandForm::Shell(_) => {
            let text = inst.args_text();
            let mut v = Vec::new();
            let mut pos = 0;
            for part in text.split(|c: char| c.is_whitespace()) {
                if !part.is_empty() {
                    v.push(Arg {
                        value: part.to_string(),
                        span: inst.args_subspan(pos..pos + part.len()),
                    });
                }
                pos += part.len() + 1;
            }
            (v, false)
        }
    };
    let dest = if ws.len() >= 2 { ws.pop() } else { None };
    CopyArgs { sources: ws, dest, json }
}

#[derive(Debug, Clone)]
pub enum Healthcheck {
    None,
    Cmd { flags: Vec<Flag>, command: CommandForm },
    Invalid,
}

pub fn healthcheck(inst: &Instruction) -> Healthcheck {
    let text = inst.args_text();
    let first_len = text.find(char::is_whitespace).unwrap_or(text.len());
    let first = &text[..first_len];
    if first.eq_ignore_ascii_case("NONE") {
        return Healthcheck::None;
    }
    if first.eq_ignore_ascii_case("CMD") {
        let rest = first_len + (text[first_len..].len() - text[first_len..].trim_start().len());
        return Healthcheck::Cmd {
            flags: inst.flags.clone(),
            command: command_form_of(inst, rest..text.len()),
        };
    }
    Healthcheck::Invalid
}

/// Flags each instruction accepts (BuildKit 1.x stable and labs). Others are rejected.
fn allowed_flags(k: &Keyword) -> &'static [&'static str] {
    match k {
        Keyword::From => &["platform"],
        Keyword::Run => &["mount", "network", "security", "device"],
        Keyword::Copy => &["from", "chown", "chmod", "link", "parents", "exclude"],
        Keyword::Add => {
            &["chown", "chmod", "link", "checksum", "keep-git-dir", "exclude", "parents", "unpack"]
        }
        Keyword::Healthcheck => {
            &["interval", "timeout", "start-period", "start-interval", "retries"]
        }
        Keyword::Onbuild => &[],
        _ => &[],
    }
}

fn err(df: &mut Dockerfile, span: Span, message: impl Into<String>) {
    df.errors.push(ParseError { message: message.into(), span });
}

fn check_instruction(df: &mut Dockerfile, inst: &Instruction, escape: char, nested: bool) {
    let kw = inst.keyword_text.to_ascii_uppercase();
    if let Keyword::Unknown(w) = &inst.keyword {
        err(df, inst.keyword_span, format!("unknown instruction: {w}"));
        return;
    }
    let allowed = allowed_flags(&inst.keyword);
    // Boolean flags may stand alone; every other flag needs `=value` (BuildKit's BFlags).
    const BOOLEAN: &[&str] = &["link", "parents", "keep-git-dir", "unpack"];
    for f in &inst.flags {
        if !allowed.iter().any(|a| a.eq_ignore_ascii_case(&f.name)) {
            err(df, f.span, format!("unknown flag: --{} is not valid for {kw}", f.name));
        } else if f.value.is_none() && !BOOLEAN.iter().any(|b| b.eq_ignore_ascii_case(&f.name)) {
            err(
                df,
                f.span,
                format!("missing a value on flag: --{} (write `--{}=VALUE`)", f.name, f.name),
            );
        }
    }
    let text = inst.args_text().to_string();
    let n = words::split(&text, escape).len();
    let empty = text.trim().is_empty();
    match &inst.keyword {
        Keyword::From => {
            if n != 1
                && !(n == 3 && words::split(&text, escape)[1].value.eq_ignore_ascii_case("as"))
            {
                err(
                    df,
                    inst.args_span(),
                    "FROM requires either one or three arguments (`FROM image [AS name]`)",
                );
            }
        }
        Keyword::Copy | Keyword::Add => {
            let c = copy_args(inst, escape);
            if c.dest.is_none() {
                err(
                    df,
                    inst.args_span(),
                    format!(
                        "{kw} requires at least two arguments, but only {} provided",
                        c.sources.len()
                    ),
                );
            }
        }
        Keyword::Env | Keyword::Label => {
            if empty {
                err(df, inst.keyword_span, format!("{kw} requires at least one argument"));
            } else {
                let first = words::split(&text, escape);
                if first.len() == 1 && !first[0].raw(&text).contains('=') {
                    err(
                        df,
                        inst.args_span(),
                        format!("{kw} must have two arguments (`{kw} key=value`)"),
                    );
                }
                for kv in key_values(inst, escape) {
                    if kv.key.is_empty() {
                        err(df, kv.span, format!("{kw} names can not be blank"));
                    }
                }
            }
        }
        Keyword::Shell => {
            if !matches!(command_form(inst), CommandForm::Exec(ref v) if !v.is_empty()) {
                err(df, inst.args_span(), "SHELL requires the arguments to be in JSON form");
            }
        }
        Keyword::User | Keyword::Workdir | Keyword::Stopsignal | Keyword::Maintainer => {
            if empty {
                err(df, inst.keyword_span, format!("{kw} requires exactly one argument"));
            }
        }
        Keyword::Arg | Keyword::Expose | Keyword::Volume => {
            if empty {
                err(df, inst.keyword_span, format!("{kw} requires at least one argument"));
            }
        }
        Keyword::Healthcheck => {
            if matches!(healthcheck(inst), Healthcheck::Invalid) {
                err(df, inst.args_span(), "HEALTHCHECK must be `NONE` or `[OPTIONS] CMD command`");
            }
        }
        Keyword::Onbuild => {
            if nested {
                err(df, inst.keyword_span, "ONBUILD ONBUILD is not allowed");
            }
            match &inst.onbuild {
                None => err(df, inst.keyword_span, "ONBUILD requires at least one argument"),
                Some(sub) => {
                    if matches!(sub.keyword, Keyword::From | Keyword::Maintainer | Keyword::Onbuild)
                    {
                        err(
                            df,
                            sub.keyword_span,
                            format!("{} isn't allowed as an ONBUILD trigger", sub.keyword.as_str()),
                        );
                    } else {
                        let sub = (**sub).clone();
                        check_instruction(df, &sub, escape, true);
                    }
                }
            }
        }
        Keyword::Run | Keyword::Cmd | Keyword::Entrypoint => {}
        Keyword::Unknown(_) => {}
    }
}

/// Apply BuildKit's structural checks; push problems into `df.errors`.
pub(crate) fn validate(df: &mut Dockerfile) {
    let escape = df.directives.escape;
    if df.instructions.is_empty() {
        let end = df.text.len();
        err(df, Span::new(0, end.min(1)), "file with no instructions");
        return;
    }
    let insts = std::mem::take(&mut df.instructions);
    let mut seen_from = false;
    let mut reported_no_stage = false;
    for inst in &insts {
        if !seen_from
            && !reported_no_stage
            && !matches!(inst.keyword, Keyword::From | Keyword::Arg | Keyword::Unknown(_))
        {
            reported_no_stage = true;
            err(
                df,
                inst.keyword_span,
                format!(
                    "{} before the first FROM: no build stage in current context",
                    inst.keyword.as_str()
                ),
            );
        }
        if inst.keyword == Keyword::From {
            seen_from = true;
        }
        check_instruction(df, inst, escape, false);
    }
    if !seen_from && !reported_no_stage {
        let s = insts[0].keyword_span;
        err(df, s, "no FROM instruction: the Dockerfile contains no stages to build");
    }
    df.instructions = insts;
    df.errors.sort_by_key(|e| e.span.start);
}

/// One `--mount=type=...,k=v` of a RUN instruction.
#[derive(Debug, Clone)]
pub struct Mount {
    /// `bind` when the type is not given (BuildKit's default).
    pub kind: String,
    pub options: Vec<(String, Option<String>)>,
    pub span: Span,
}

impl Mount {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.options
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .and_then(|(_, v)| v.as_deref())
    }
}

pub fn mounts(inst: &Instruction) -> Vec<Mount> {
    inst.flags_named("mount")
        .map(|f| {
            let mut kind = "bind".to_string();
            let mut options = Vec::new();
            for part in f.value.as_deref().unwrap_or("").split(',') {
                let (k, v) = match part.split_once('=') {
                    Some((k, v)) => (k.trim().to_string(), Some(v.trim().to_string())),
                    None => (part.trim().to_string(), None),
                };
                if k.eq_ignore_ascii_case("type") {
                    kind = v.clone().unwrap_or_default().to_ascii_lowercase();
                }
                options.push((k, v));
            }
            Mount { kind, options, span: f.span }
        })
        .collect()
}
