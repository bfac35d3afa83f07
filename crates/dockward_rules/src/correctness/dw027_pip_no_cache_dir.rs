//! ## What it does
//! Checks that `pip install` (also `pip3`, `pip3.12`, `/opt/venv/bin/pip`, `python -m pip
//! install`) does not leave pip's download cache in the image. Any of these is enough:
//! - `--no-cache-dir` on the command;
//! - `PIP_NO_CACHE_DIR` set by an `ENV` or `ARG` of the stage (or an `ENV` of a stage it is built
//!   `FROM`), or in the RUN itself (`PIP_NO_CACHE_DIR=1 pip install …`, `export …`);
//! - a `--mount=type=cache` or `tmpfs` mount on the pip cache (`…/.cache/pip`, `…/.cache`,
//!   `$PIP_CACHE_DIR`);
//! - `pip cache purge` or `rm -rf …/.cache/pip` after the install in the same RUN.
//!
//! `pipx` and `pipenv` manage their own caches and are not checked.
//!
//! ## Why is this bad?
//! pip keeps every wheel it downloads or builds in `~/.cache/pip`. In an image nobody runs pip
//! again with that cache: it only adds (often hundreds of) megabytes to the layer.
//!
//! ## Example
//! ```dockerfile
//! FROM python:3.12-slim
//! COPY requirements.txt /app/
//! RUN pip install -r /app/requirements.txt
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM python:3.12-slim
//! COPY requirements.txt /app/
//! RUN pip install --no-cache-dir -r /app/requirements.txt
//! ```
//! or keep the cache outside the image:
//! ```dockerfile
//! RUN --mount=type=cache,target=/root/.cache/pip pip install -r /app/requirements.txt
//! ```
//!
//! ## References
//! - hadolint DL3042
//! - Differences from hadolint: any value pip accepts for `PIP_NO_CACHE_DIR` disables the cache
//!   (pip deliberately treats `0`/`false`/`no`/`off` the same as `1`, see its
//!   `_handle_no_cache_dir`), so those are accepted too; `ARG PIP_NO_CACHE_DIR=…`, the `--no-cache`
//!   abbreviation, cache/tmpfs mounts on the pip cache and a later `pip cache purge` /
//!   `rm -rf ~/.cache/pip` are accepted.
//! - <https://pip.pypa.io/en/stable/topics/caching/>

use crate::prelude::*;
use crate::support::package_commands::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW027",
    name: "pip-no-cache-dir",
    summary: "`pip install` without `--no-cache-dir`",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL3042"],
    default_enabled: true,
};

/// `pip`, `pip3`, `pip3.12` (not `pipx`, `pipenv`, `pip-compile`).
fn is_pip_name(n: &str) -> bool {
    n.strip_prefix("pip").is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// `python`, `python3`, `python3.12`.
fn is_python_name(n: &str) -> bool {
    n.strip_prefix("python")
        .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// Index (in `words`) of the `install` word when `c` is a pip install.
fn pip_install(c: &ShellCommand) -> Option<usize> {
    let name = c.name()?;
    let args = c.args();
    if is_pip_name(name) {
        return args.iter().position(|w| w.value == "install").map(|p| p + 1);
    }
    if is_python_name(name) {
        return args
            .windows(3)
            .position(|w| w[0].value == "-m" && w[1].value == "pip" && w[2].value == "install")
            .map(|p| p + 3)
            .or_else(|| {
                args.windows(2)
                    .position(|w| w[0].value == "-mpip" && w[1].value == "install")
                    .map(|p| p + 2)
            });
    }
    None
}

/// Values pip's `strtobool` accepts; every one of them disables the cache.
fn pip_bool(v: &str) -> bool {
    matches!(
        v.trim().to_ascii_lowercase().as_str(),
        "y" | "yes" | "t" | "true" | "on" | "1" | "n" | "no" | "f" | "false" | "off" | "0"
    )
}

/// `PIP_NO_CACHE_DIR=<bool>` somewhere in the RUN's text.
fn inline_no_cache(text: &str) -> bool {
    text.match_indices("PIP_NO_CACHE_DIR=").any(|(i, m)| {
        let rest = &text[i + m.len()..];
        let value: String = rest
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        pip_bool(&value)
    })
}

fn is_pip_cache_dir(dir: &str, pip_cache_dir: Option<&str>, xdg: Option<&str>) -> bool {
    dir.ends_with("/.cache/pip")
        || dir.ends_with("/.cache")
        || dir == "~/.cache"
        || dir == "~/.cache/pip"
        || pip_cache_dir.is_some_and(|p| covers(dir, &[p]))
        || xdg.is_some_and(|x| covers(dir, &[x]))
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for run in shell_runs(ctx) {
        let at = run.outer.index;
        if env_at(ctx, at, "PIP_NO_CACHE_DIR").is_some_and(|v| pip_bool(&v))
            || inline_no_cache(&run.text())
        {
            continue;
        }
        let pip_cache = env_at(ctx, at, "PIP_CACHE_DIR").map(|v| normalize_dir(&v));
        let xdg = env_at(ctx, at, "XDG_CACHE_HOME").map(|v| normalize_dir(&v));
        if cache_mount_targets(&run)
            .iter()
            .any(|t| is_pip_cache_dir(t, pip_cache.as_deref(), xdg.as_deref()))
        {
            continue;
        }
        let cmds = &run.script.commands;
        for (i, cmd) in cmds.iter().enumerate() {
            let e = cmd.effective();
            let Some(install) = pip_install(&e) else { continue };
            if e.args().iter().any(|w| w.value == "--no-cache-dir" || w.value == "--no-cache") {
                continue;
            }
            let purged = cmds.iter().skip(i + 1).map(|c| c.effective()).any(|c| {
                let purge = c.name().is_some_and(|n| is_pip_name(n) || is_python_name(n))
                    && c.args().windows(2).any(|w| w[0].value == "cache" && w[1].value == "purge");
                let rm = c.name() == Some("rm")
                    && (c.has_flag(Some('r'), &["recursive"]) || c.has_flag(Some('R'), &[]))
                    && c.args().iter().filter(|w| !w.value.starts_with('-')).any(|w| {
                        let d =
                            normalize_dir(&w.value.replace("$HOME", "~").replace("${HOME}", "~"));
                        is_pip_cache_dir(&d, pip_cache.as_deref(), xdg.as_deref())
                    });
                purge || rm
            });
            if purged {
                continue;
            }
            let verb = e
                .words
                .iter()
                .take(install + 1)
                .enumerate()
                .map(|(k, w)| if k == 0 { e.name().unwrap_or("pip") } else { w.value.as_str() })
                .collect::<Vec<_>>()
                .join(" ");
            out.push(
                ctx.finding(&RULE, cmd_span(&run, &e, install), format!("`{verb}` without `--no-cache-dir`{}: `{}`", onbuild_note(&run), render(&e)))
                    .with_fix(format!(
                        "Add `--no-cache-dir`: `{}`; or set `ENV PIP_NO_CACHE_DIR=1`, or mount the cache with `RUN --mount=type=cache,target=/root/.cache/pip …`.",
                        render_with(&e, install, "--no-cache-dir")
                    )),
            );
        }
    }
}
