//! ## What it does
//! Flags a `RUN` that replaces `/bin/sh` with a symbolic link (`ln -sf /bin/bash /bin/sh`) to
//! change the shell that later `RUN` instructions use. `/usr/bin/sh` counts too (on merged-`/usr`
//! systems it is the same file), as do `ln -s bash /bin/` and `ln -t /bin …` forms that end up
//! creating `/bin/sh`. A stage built on `scratch` (directly or through its `FROM` stages) has no
//! `/bin/sh` to replace: creating one there (`RUN ["/busybox/ln", "-s", "/busybox/sh",
//! "/bin/sh"]`) is not reported.
//!
//! ## Why is this bad?
//! It silently changes the system shell of the image for every program that runs `/bin/sh` —
//! maintainer scripts of packages, `system(3)`, cron jobs — not just for the Dockerfile, and the
//! change is invisible to readers of the Dockerfile and to tools. The `SHELL` instruction
//! changes the shell of the following `RUN` instructions explicitly and leaves the image alone.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12-slim
//! RUN ln -sf /bin/bash /bin/sh
//! RUN source /opt/venv/bin/activate && pip install -r requirements.txt
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM debian:12-slim
//! SHELL ["/bin/bash", "-o", "pipefail", "-c"]
//! RUN source /opt/venv/bin/activate && pip install -r requirements.txt
//! ```
//!
//! ## References
//! - hadolint DL4005 (use `SHELL` to change the default shell)
//! - Differences from hadolint: hadolint reports any `ln` with a `/bin/sh` argument, including
//!   `ln -s /bin/sh /usr/local/bin/sh`, which does not touch `/bin/sh`; here only an `ln` that
//!   creates `/bin/sh` (or `/usr/bin/sh`) is reported, and not in stages built on `scratch`.
//!   Wrapped commands (`sudo ln …`) and `/path/to/ln` count.
//! - <https://docs.docker.com/reference/dockerfile/#shell>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW044",
    name: "shell-symlink",
    summary: "ln replaces /bin/sh instead of using SHELL",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL4005"],
    default_enabled: true,
};

/// `/bin/sh`, `/usr/bin/sh`, `//bin/./sh` …
fn is_system_sh(path: &str) -> bool {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty() && *s != ".").collect();
    path.starts_with('/') && (segs == ["bin", "sh"] || segs == ["usr", "bin", "sh"])
}

fn basename(p: &str) -> &str {
    p.trim_end_matches('/').rsplit('/').next().unwrap_or(p)
}

/// (link path, word naming it, target) of every link an `ln` command creates, when known.
fn links(cmd: &ShellCommand) -> Vec<(String, ShellWord, String)> {
    let args = cmd.args();
    let mut operands: Vec<&ShellWord> = Vec::new();
    // `-t DIR`, `-tDIR`, `--target-directory=DIR`, `--target-directory DIR`: (DIR, its word).
    let mut target_dir: Option<(String, &ShellWord)> = None;
    let mut no_target_dir = false;
    let mut options_done = false;
    let mut i = 0;
    while let Some(w) = args.get(i) {
        let v = w.value.as_str();
        i += 1;
        if options_done || !v.starts_with('-') || v == "-" {
            operands.push(w);
        } else if v == "--" {
            options_done = true;
        } else if let Some(long) = v.strip_prefix("--") {
            match long.split_once('=') {
                Some(("target-directory", d)) => target_dir = Some((d.to_string(), w)),
                Some(_) => {}
                None => match long {
                    "target-directory" => {
                        target_dir = args.get(i).map(|d| (d.value.clone(), d));
                        i += 1;
                    }
                    "suffix" => i += 1,
                    "no-target-directory" => no_target_dir = true,
                    _ => {}
                },
            }
        } else {
            let cluster = &v[1..];
            for (k, c) in cluster.char_indices() {
                match c {
                    'T' => no_target_dir = true,
                    't' | 'S' => {
                        // The option's value is the rest of the cluster, or the next word.
                        let rest = &cluster[k + 1..];
                        let value = if rest.is_empty() {
                            i += 1;
                            args.get(i - 1).map(|d| (d.value.clone(), d))
                        } else {
                            Some((rest.to_string(), w))
                        };
                        if c == 't' {
                            target_dir = value;
                        }
                        break;
                    }
                    _ => {}
                }
            }
        }
    }
    let mut out = Vec::new();
    if let Some((dir, word)) = target_dir {
        for src in &operands {
            out.push((
                format!("{}/{}", dir.trim_end_matches('/'), basename(&src.value)),
                word.clone(),
                src.value.clone(),
            ));
        }
        return out;
    }
    let Some((last, sources)) = operands.split_last() else { return out };
    let into_dir = !no_target_dir
        && (sources.len() > 1
            || last.value.ends_with('/')
            || matches!(last.value.as_str(), "/bin" | "/usr/bin"));
    for src in sources {
        let link = if into_dir {
            format!("{}/{}", last.value.trim_end_matches('/'), basename(&src.value))
        } else {
            last.value.clone()
        };
        out.push((link, (*last).clone(), src.value.clone()));
    }
    out
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for run in ctx.runs() {
        let Some(script) = &run.script else { continue };
        let root = ctx.model.ancestry(run.stage).last().and_then(|&s| ctx.model.stages.get(s));
        if root.is_some_and(|st| matches!(st.base.kind, BaseKind::Scratch)) {
            continue;
        }
        for cmd in script.effective_commands() {
            if cmd.name() != Some("ln") {
                continue;
            }
            let Some((link, word, target)) =
                links(&cmd).into_iter().find(|(l, _, _)| is_system_sh(l))
            else {
                continue;
            };
            let span = word.span.or(cmd.span).unwrap_or(ctx.inst(run.inst).head_span());
            let shell = if target.starts_with('/') {
                target.clone()
            } else {
                format!("/bin/{}", basename(&target))
            };
            let shown = crate::support::hadolint_compat::command_text(&cmd, 80);
            let shell_json = if basename(&shell) == "bash" {
                format!("\"{shell}\", \"-o\", \"pipefail\", \"-c\"")
            } else {
                format!("\"{shell}\", \"-c\"")
            };
            out.push(
                ctx.finding(&RULE, span, format!("`{shown}` replaces `{link}` with a link to `{target}` to change the shell of later RUNs"))
                    .with_fix(format!("Drop the link and set the shell explicitly before the RUNs that need it: `SHELL [{shell_json}]`.")),
            );
        }
    }
}
