//! ## What it does
//! Reports `sudo` in RUN instructions: as the command (`sudo apt-get install …`), behind a
//! wrapper (`env X=1 sudo …`, `exec sudo …`, `xargs sudo …`), in a pipeline
//! (`… | sudo tee /etc/…`), inside `$(…)`, in exec form (`RUN ["sudo", …]`) and in heredoc
//! scripts. The word `sudo` as an argument (`apt-get install sudo`, `echo sudo`) is not a call
//! of `sudo` and is not reported. PowerShell and cmd stages are not checked.
//!
//! ## Why is this bad?
//! RUN already executes as root unless a `USER` instruction switched away, so `sudo` is either
//! pointless or a sign that the image ships `sudo` and a sudoers rule for its unprivileged user,
//! which hands root back to anyone who gets code execution as that user. `sudo` also behaves
//! unpredictably without a TTY (password prompts, `requiretty`, environment resets), which
//! makes builds flaky.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12-slim
//! RUN useradd -m app && apt-get update && apt-get install -y sudo
//! USER app
//! RUN sudo apt-get install -y curl
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM debian:12-slim
//! RUN apt-get update && apt-get install -y --no-install-recommends curl \
//!  && rm -rf /var/lib/apt/lists/* \
//!  && useradd -m app
//! USER app
//! ```
//! To drop privileges at run time, use `gosu` or `su-exec` in the entrypoint instead.
//!
//! ## References
//! - hadolint DL3004 (do not use sudo); Trivy DS-0010; Checkov CKV2_DOCKER_1
//! - Differences from hadolint: hadolint (through ShellCheck) reports `sudo` when it is the
//!   command name, also behind `command`/`exec`/`builtin` and inside `$(…)`; dockward also sees
//!   it by path (`/usr/bin/sudo`) and behind `env`, `nice`, `nohup`, `time`, `timeout`,
//!   `stdbuf` and `xargs`.
//! - <https://docs.docker.com/build/building/best-practices/#user>

use crate::least_privilege::dw501_root_user::is_root_user;
use crate::prelude::*;
use crate::support::image_refs::quote;
use dockward_dockerfile::shell::basename;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW506",
    name: "sudo-in-run",
    summary: "`sudo` used in RUN",
    practice: Practice::LeastPrivilege,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Medium,
    equivalents: &["DL3004", "DS-0010", "CKV2_DOCKER_1"],
    default_enabled: true,
};

/// Options of the wrappers below that take a separate value.
fn takes_value(wrapper: &str, option: &str) -> bool {
    match wrapper {
        "env" => matches!(option, "-u" | "--unset" | "-C" | "--chdir" | "-S" | "--split-string"),
        "nice" => matches!(option, "-n" | "--adjustment"),
        "timeout" => matches!(option, "-s" | "--signal" | "-k" | "--kill-after"),
        "stdbuf" => matches!(option, "-i" | "-o" | "-e"),
        "xargs" => matches!(option, "-I" | "-n" | "-P" | "-L" | "-d" | "-s" | "-E" | "-a"),
        "exec" => option == "-a",
        _ => false,
    }
}

/// The `sudo` word of `cmd` when the command runs `sudo`: as the command name, or behind
/// wrappers that run their argument as a command (`env`, `exec`, `command`, `builtin`, `nice`,
/// `nohup`, `time`, `timeout`, `stdbuf`, `xargs`). `command -v sudo` only looks the name up.
fn sudo_word(cmd: &ShellCommand) -> Option<&ShellWord> {
    let words = &cmd.words;
    let mut i = 0;
    loop {
        let word = words.get(i)?;
        let name = basename(&word.value);
        match name {
            "sudo" => return Some(word),
            "env" | "exec" | "command" | "builtin" | "nice" | "nohup" | "time" | "timeout"
            | "stdbuf" | "xargs" => {
                i += 1;
                while let Some(o) = words.get(i) {
                    let v = o.value.as_str();
                    if v == "--" {
                        i += 1;
                        break;
                    }
                    if v.starts_with('-') && v.len() > 1 {
                        if name == "command" && !v.starts_with("--") && v.contains(['v', 'V']) {
                            return None;
                        }
                        i += if takes_value(name, v) { 2 } else { 1 };
                    } else if name == "env" && v.contains('=') {
                        i += 1;
                    } else {
                        break;
                    }
                }
                if name == "timeout" {
                    // The duration.
                    i += 1;
                }
            }
            _ => return None,
        }
    }
}

/// The USER in effect at each instruction (its stage, then the stages it is built from), in
/// one forward pass; `None` when no USER was set (the base image's user, usually root).
fn users(ctx: &DockerfileCtx) -> Vec<Option<String>> {
    let mut at: Vec<Option<String>> = vec![None; ctx.instructions().len()];
    let mut at_end: Vec<Option<String>> = Vec::with_capacity(ctx.model.stages.len());
    for stage in &ctx.model.stages {
        let mut current = match stage.base.kind {
            BaseKind::Stage(p) => at_end.get(p).cloned().flatten(),
            _ => None,
        };
        for inst in ctx.stage_instructions(stage) {
            if let Some(slot) = at.get_mut(inst.index) {
                slot.clone_from(&current);
            }
            if inst.keyword == Keyword::User {
                current = Some(ctx.model.expand_at(inst.index, inst.args_text()).value);
            }
        }
        at_end.push(current);
    }
    at
}

/// The command as written, for the message.
fn command_text(cmd: &ShellCommand) -> String {
    let text = cmd.words.iter().map(|w| w.raw.as_str()).collect::<Vec<_>>().join(" ");
    quote(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    let users = users(ctx);
    for run in ctx.runs() {
        let Some(script) = &run.script else { continue };
        let inst = ctx.inst(run.inst);
        let fix = match users.get(run.inst).cloned().flatten() {
            Some(u) if !is_root_user(&u) => format!(
                "Run the steps that need root under `USER root` and switch back with `USER {}` afterwards, instead of shipping sudo; at run time use `gosu`/`su-exec` if privileges must be dropped.",
                quote(u.trim())
            ),
            _ => "RUN already runs as root here: remove `sudo`. To run a step as another user, use `USER <name>` around it (or `gosu`/`su-exec` in the entrypoint).".to_string(),
        };
        for cmd in &script.commands {
            let Some(w) = sudo_word(cmd) else { continue };
            let span = w.span.or(cmd.span).unwrap_or_else(|| inst.head_span());
            let place = if cmd.in_substitution { " (in a command substitution)" } else { "" };
            out.push(
                ctx.finding(&RULE, span, format!("`sudo` in RUN{place}: `{}`", command_text(cmd)))
                    .with_fix(fix.clone()),
            );
        }
    }
}
