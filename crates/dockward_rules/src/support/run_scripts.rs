//! Helpers for the hadolint-parity shell rules (DW004-DW012, DW018): every RUN script of the
//! file, ONBUILD RUN triggers included; RUN `--mount` questions; apt-get / apk argument
//! questions; compact rendering of a command for messages.

use crate::context::DockerfileCtx;
use dockward_dockerfile::ast::{Instruction, Keyword, Span};
use dockward_dockerfile::instruction;
use dockward_dockerfile::shell::{ShellCommand, ShellScript, ShellWord};
use std::borrow::Cow;

/// One RUN whose commands can be analysed.
pub struct RunScript<'a> {
    /// The RUN instruction (for `ONBUILD RUN`, the wrapped instruction).
    pub run: &'a Instruction,
    /// The top-level instruction: the RUN itself, or the ONBUILD holding it.
    pub outer: &'a Instruction,
    /// Stage index of the instruction.
    pub stage: usize,
    /// True for an `ONBUILD RUN` trigger (it runs in the builds that use this image).
    pub onbuild: bool,
    pub script: Cow<'a, ShellScript>,
}

/// Every RUN with a shell script we can read: shell-form RUNs of POSIX shells (with heredoc
/// bodies), exec-form RUNs (as one command, or their `sh -c` body), and the same for
/// `ONBUILD RUN` triggers. RUNs of PowerShell/cmd stages are left out.
pub fn run_scripts<'a>(ctx: &DockerfileCtx<'a>) -> Vec<RunScript<'a>> {
    let mut out = Vec::new();
    for run in ctx.runs() {
        if let Some(script) = &run.script {
            let inst = ctx.inst(run.inst);
            out.push(RunScript {
                run: inst,
                outer: inst,
                stage: run.stage,
                onbuild: false,
                script: Cow::Borrowed(script),
            });
        }
    }
    for outer in ctx.instructions() {
        if outer.keyword != Keyword::Onbuild {
            continue;
        }
        let Some(run) = outer.onbuild.as_deref() else { continue };
        if run.keyword != Keyword::Run {
            continue;
        }
        let Some(stage) = ctx.model.stage_of(outer.index) else { continue };
        if ctx.model.stages.get(stage).is_none_or(|s| s.windows) {
            continue;
        }
        let Some(script) = ctx.model.onbuild_run(outer.index).and_then(|r| r.script.as_ref())
        else {
            continue;
        };
        out.push(RunScript { run, outer, stage, onbuild: true, script: Cow::Borrowed(script) });
    }
    out.sort_by_key(|r| r.outer.index);
    out
}

/// Targets of the RUN's `--mount`s of the given types (`cache`, `tmpfs`), trailing `/` removed.
pub fn mount_targets(run: &Instruction, kinds: &[&str]) -> Vec<String> {
    instruction::mounts(run)
        .into_iter()
        .filter(|m| kinds.iter().any(|k| m.kind.eq_ignore_ascii_case(k)))
        .filter_map(|m| {
            m.get("target")
                .or_else(|| m.get("dst"))
                .or_else(|| m.get("destination"))
                .map(str::to_string)
        })
        .map(|t| {
            let t = t.trim_matches(|c| c == '"' || c == '\'');
            let trimmed = t.trim_end_matches('/');
            if trimmed.is_empty() { "/".to_string() } else { trimmed.to_string() }
        })
        .collect()
}

/// Is `path` (no trailing `/`) `dir` itself or one of its parent directories?
pub fn is_dir_or_parent(path: &str, dir: &str) -> bool {
    path == "/" || path == dir || dir.strip_prefix(path).is_some_and(|rest| rest.starts_with('/'))
}

/// The command's words as written, on one line, shortened for a message.
pub fn render(cmd: &ShellCommand) -> String {
    let joined = cmd
        .words
        .iter()
        .map(|w| w.raw.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(" ");
    shorten(&joined, 80)
}

/// At most `max` characters, with `…` when cut (never splits a character).
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Span from the command name to `word` (e.g. `apt-get -y install`), else the command name.
pub fn head_span(cmd: &ShellCommand, word: Option<&ShellWord>) -> Option<Span> {
    let name = cmd.words.first()?.span?;
    match word.and_then(|w| w.span) {
        Some(s) if s.start >= name.start => Some(name.cover(s)),
        _ => Some(name),
    }
}

/// The first argument equal to `sub` (hadolint's `cmdHasArgs name [sub]`: any argument).
pub fn arg_eq<'c>(cmd: &'c ShellCommand, sub: &str) -> Option<&'c ShellWord> {
    cmd.args().iter().find(|w| w.value == sub)
}

/// `apt-get` or `apt` (after wrappers), with the `install` argument.
pub fn apt_install(cmd: &ShellCommand) -> Option<(&str, &ShellWord)> {
    let name = cmd.name()?;
    if name != "apt-get" && name != "apt" {
        return None;
    }
    arg_eq(cmd, "install").map(|w| (name, w))
}

/// Values given to apt's `-o`/`--option` (`-o A=B`, `-oA=B`, `--option=A=B`, `--option A=B`).
pub fn apt_options(cmd: &ShellCommand) -> Vec<String> {
    let args = cmd.args();
    let mut out = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let v = args[i].value.as_str();
        if v == "-o" || v == "--option" {
            if let Some(n) = args.get(i + 1) {
                out.push(n.value.clone());
            }
            i += 2;
            continue;
        }
        if let Some(rest) = v.strip_prefix("--option=") {
            out.push(rest.to_string());
        } else if let Some(rest) =
            v.strip_prefix("-o").filter(|r| !r.is_empty() && !v.starts_with("--"))
        {
            out.push(rest.to_string());
        }
        i += 1;
    }
    out
}

/// The apt configuration `key` set by `-o key=value` to a true (`true`, `1`, `yes`, `on`) or
/// false value. Keys compare case-insensitively, as apt does.
pub fn apt_option_bool(cmd: &ShellCommand, key: &str) -> Option<bool> {
    apt_options(cmd).iter().rev().find_map(|o| {
        let (k, v) = o.split_once('=')?;
        if !k.trim().eq_ignore_ascii_case(key) {
            return None;
        }
        match v.trim().trim_matches(|c| c == '"' || c == '\'').to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => Some(true),
            "false" | "0" | "no" | "off" => Some(false),
            _ => None,
        }
    })
}

/// Number of times short option `c` is given (`-qq` counts 2, `-q -q` counts 2), or the level of
/// `-q=N` / `--quiet=N` style options named `long`.
pub fn short_flag_level(cmd: &ShellCommand, c: char, long: &str) -> usize {
    let mut n = 0;
    for w in cmd.args() {
        let v = w.value.as_str();
        if let Some(l) = v.strip_prefix("--") {
            let (name, val) = match l.split_once('=') {
                Some((a, b)) => (a, Some(b)),
                None => (l, None),
            };
            if name == long {
                n += val.and_then(|x| x.parse::<usize>().ok()).unwrap_or(1);
            }
            continue;
        }
        if let Some(rest) = v.strip_prefix('-') {
            if let Some(level) = rest.strip_prefix(c).and_then(|r| r.strip_prefix('=')) {
                n += level.parse::<usize>().unwrap_or(1);
                continue;
            }
            if !rest.is_empty() && rest.chars().all(|ch| ch.is_ascii_alphanumeric()) {
                n += rest.chars().filter(|&ch| ch == c).count();
            }
        }
    }
    n
}

/// True when a command earlier in the same pipeline is `yes` (`yes | apt-get install x`).
pub fn fed_by_yes(script: &ShellScript, cmd: &ShellCommand) -> bool {
    script.pipelines.get(cmd.pipeline).is_some_and(|p| {
        p.iter()
            .filter_map(|&k| script.commands.get(k))
            .any(|c| c.position < cmd.position && c.effective().name() == Some("yes"))
    })
}

/// Expand `text` the way BuildKit expands a `FROM` line: with the ARGs declared before the
/// first `FROM` (their defaults, or the configured `--build-arg` values).
pub fn expand_global(ctx: &DockerfileCtx, text: &str) -> dockward_dockerfile::expand::Expanded {
    let escape = ctx.escape();
    let mut values: Vec<(String, Option<String>)> = Vec::new();
    for (_, def) in &ctx.model.global_args {
        let value = ctx.config.build_args.get(&def.name).cloned().or_else(|| {
            def.default.as_ref().map(|d| {
                let lookup = |n: &str| {
                    values.iter().rev().find(|(k, _)| k == n).and_then(|(_, v)| v.clone())
                };
                dockward_dockerfile::expand::expand(d, escape, &lookup).value
            })
        });
        values.push((def.name.clone(), value));
    }
    let lookup = |n: &str| values.iter().rev().find(|(k, _)| k == n).and_then(|(_, v)| v.clone());
    dockward_dockerfile::expand::expand(text, escape, &lookup)
}

/// An apt configuration item set in the file for the stage of `current`: written by a RUN of
/// the stage or of the stages it is built from (`echo 'APT::Install-Recommends "false";' >
/// /etc/apt/apt.conf.d/...`), in this RUN or an earlier one. Returns the boolean value, as
/// apt reads it.
pub fn apt_config_in_file(
    ctx: &DockerfileCtx,
    scripts: &[RunScript],
    current: &RunScript,
    key: &str,
) -> Option<bool> {
    let key = key.to_ascii_lowercase();
    let ancestry = ctx.model.ancestry(current.stage);
    let mut found = None;
    for rs in scripts.iter().filter(|r| {
        !r.onbuild && ancestry.contains(&r.stage) && r.outer.index <= current.outer.index
    }) {
        for cmd in &rs.script.commands {
            for w in &cmd.words {
                let lower = w.value.to_ascii_lowercase();
                let Some(pos) = lower.find(&key) else { continue };
                let rest = lower[pos + key.len()..].trim_start_matches(|c: char| {
                    c.is_whitespace() || c == '"' || c == '\'' || c == '='
                });
                let value = rest
                    .split(|c: char| c == '"' || c == '\'' || c == ';' || c.is_whitespace())
                    .next()
                    .unwrap_or("");
                match value {
                    "true" | "1" | "yes" | "on" => found = Some(true),
                    "false" | "0" | "no" | "off" => found = Some(false),
                    _ => {}
                }
            }
        }
    }
    found
}
