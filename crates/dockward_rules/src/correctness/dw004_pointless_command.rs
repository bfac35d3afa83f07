//! ## What it does
//! Reports commands in `RUN` (and `ONBUILD RUN`) that make no sense while building an image:
//! interactive or system-management tools such as `ssh`, `vim`, `nano`, `shutdown`, `service`,
//! `ps`, `free`, `top`, `kill`, `mount` and `ifconfig`. Wrappers are seen through
//! (`sudo service nginx start`), and commands in `&&` chains, pipelines, subshells, command
//! substitutions and shell heredocs are all checked.
//!
//! ## Why is this bad?
//! A build step runs in a throw-away container with no terminal and no init system: an editor
//! waits for input that never comes, `service x start` starts a daemon that dies with the
//! step, `mount` and `ifconfig` change nothing that persists into the image, and `ps`/`top`/
//! `free` only print. At best the step is dead weight; at worst it hangs or fails the build,
//! or hides the assumption that something keeps running.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12
//! RUN service postgresql start && psql -c 'CREATE DATABASE app'
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM postgres:16
//! COPY init.sql /docker-entrypoint-initdb.d/
//! ```
//!
//! ## References
//! - hadolint DL3001
//! - Differences from hadolint: hadolint's list is `free`, `kill`, `mount`, `ps`, `service`,
//!   `shutdown`, `ssh`, `top`, `vim`; dockward adds `nano` and `ifconfig` (named in hadolint's
//!   message but not in its list), and matches the command's base name (`/usr/sbin/service`)
//!   and commands behind `sudo`/`env`.
//! - <https://github.com/hadolint/hadolint/wiki/DL3001>

use crate::prelude::*;
use crate::support::run_scripts::{render, run_scripts};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW004",
    name: "pointless-command",
    summary: "RUN uses a command that makes no sense in an image build",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Info,
    equivalents: &["DL3001"],
    default_enabled: true,
};

/// (command, why it is pointless in a build step).
const POINTLESS: &[(&str, &str)] = &[
    ("free", "it only prints the build container's memory use"),
    ("ifconfig", "network changes made during a build step do not persist into the image"),
    ("kill", "processes of a build step end with it anyway"),
    ("mount", "mounts made during a build step do not persist into the image"),
    ("nano", "an interactive editor has no terminal during a build"),
    ("ps", "it only prints the build container's processes"),
    (
        "service",
        "a service started in a build step dies when the step ends; nothing keeps running in the image",
    ),
    ("shutdown", "there is no system to shut down in a build container"),
    ("ssh", "an interactive remote shell has no place in a build step"),
    ("top", "an interactive monitor has no terminal during a build"),
    ("vim", "an interactive editor has no terminal during a build"),
];

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for rs in run_scripts(ctx) {
        for cmd in rs.script.commands.iter().map(ShellCommand::effective) {
            let Some(name) = cmd.name() else { continue };
            let Some((_, why)) = POINTLESS.iter().find(|(n, _)| *n == name) else { continue };
            let span =
                cmd.words.first().and_then(|w| w.span).unwrap_or_else(|| rs.outer.head_span());
            let fix = match name {
                "service" => {
                    "Do not start services at build time: start them when the container runs (CMD/ENTRYPOINT), or do the setup with the tool directly."
                }
                "vim" | "nano" => {
                    "Remove the interactive editor; change files with COPY, `sed` or a heredoc instead."
                }
                "ssh" => {
                    "Remove `ssh` from the build; fetch what you need with `COPY`, `ADD` or `RUN --mount=type=ssh git clone ...`."
                }
                _ => "Remove the command from the RUN instruction.",
            };
            out.push(
                ctx.finding(
                    &RULE,
                    span,
                    format!("`{name}` in RUN is pointless in a build: {why} (`{}`)", render(&cmd)),
                )
                .with_fix(fix),
            );
        }
    }
}
