//! ## What it does
//! Reports `wget` run in its default verbose mode with the default progress display: without
//! `--progress=…`, `-q`/`--quiet`, `-nv`/`--no-verbose`, and without sending its messages
//! elsewhere (`-o`/`--output-file`, `-a`/`--append-output`, or a `2>`/`&>` redirection of
//! stderr). Short options are read the way wget reads them (`-qO-` is quiet, `-O/tmp/q` is not).
//! Looks through `sudo`/`env` wrappers, `&&` chains, heredoc scripts, exec form and
//! `ONBUILD RUN`.
//!
//! ## Why is this bad?
//! Without a terminal, wget falls back to printing a line of dots for every few kilobytes: a
//! large download writes thousands of lines into the build log, drowning the useful output and
//! slowing CI log viewers down.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12-slim
//! RUN wget https://example.com/big.tar.gz
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM debian:12-slim
//! RUN wget --progress=dot:giga https://example.com/big.tar.gz
//! ```
//!
//! ## References
//! - hadolint DL3047
//! - Differences from hadolint: options are parsed like wget does, so a `q` inside an option's
//!   value (`-O/tmp/quiet.tgz`) does not count as `-q`; redirecting stderr (`2>/dev/null`,
//!   `&>log`) is accepted, since that is where the progress goes; `wget --help`, `--version` and
//!   `--spider` (which downloads nothing) are not reported.
//! - <https://www.gnu.org/software/wget/manual/wget.html#Download-Options>

use crate::prelude::*;
use crate::support::package_commands::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW032",
    name: "wget-no-progress",
    summary: "`wget` without `--progress` or `-q`/`-nv`",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Info,
    equivalents: &["DL3047"],
    default_enabled: true,
};

/// Short options of GNU wget that take a value (the rest of the cluster or the next word).
const SHORT_WITH_VALUE: &str = "oaieBtOTwQPlARDIXUY";

/// True when wget is told to keep its progress out of the log.
fn quiet(cmd: &ShellCommand) -> bool {
    let args = cmd.args();
    let mut i = 0;
    while i < args.len() {
        let v = args[i].value.as_str();
        i += 1;
        if v == "--" {
            break;
        }
        if let Some(long) = v.strip_prefix("--") {
            let name = long.split('=').next().unwrap_or("");
            if matches!(name, "progress" | "quiet" | "no-verbose" | "output-file" | "append-output")
            {
                return true;
            }
            continue;
        }
        let Some(cluster) = v.strip_prefix('-') else { continue };
        for (k, c) in cluster.char_indices() {
            match c {
                'q' | 'o' | 'a' => return true,
                // `-n` takes the rest as its own letters: `-nv` is --no-verbose, `-nc` is not.
                'n' => return cluster[k + 1..].contains('v'),
                c if SHORT_WITH_VALUE.contains(c) => {
                    if cluster[k + c.len_utf8()..].is_empty() {
                        i += 1;
                    }
                    break;
                }
                _ => {}
            }
        }
    }
    false
}

/// stderr (where wget writes its progress) is redirected away from the log: `2>file`,
/// `2>>file`, `&>file` (the shell model keeps the file descriptor in the operator).
fn stderr_redirected(_ctx: &DockerfileCtx, cmd: &ShellCommand) -> bool {
    cmd.redirects
        .iter()
        .any(|(op, _)| op.starts_with('&') || op == "2>" || op == "2>>" || op == "2>|")
}

/// Is the stage built on Alpine or BusyBox, whose `wget` is BusyBox's (no `--progress`)?
fn busybox_base(ctx: &DockerfileCtx, stage: usize) -> bool {
    let chain = ctx.model.ancestry(stage);
    let Some(root) = chain.last().and_then(|s| ctx.model.stages.get(*s)) else { return false };
    let name = root.base.expanded.to_ascii_lowercase();
    let repo = name.split(['@', ':']).next().unwrap_or("");
    let tag = name.rsplit_once(':').map(|(_, t)| t).unwrap_or("");
    repo.ends_with("alpine") || repo.ends_with("busybox") || tag.contains("alpine")
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for run in shell_runs(ctx) {
        for cmd in run.script.commands.iter() {
            let e = cmd.effective();
            if e.name() != Some("wget") || quiet(&e) || stderr_redirected(ctx, cmd) {
                continue;
            }
            // `wget --help` / `--version` print no progress.
            if e.args().iter().any(|w| {
                matches!(w.value.as_str(), "--help" | "-h" | "--version" | "-V" | "--spider")
            }) {
                continue;
            }
            let fix = if busybox_base(ctx, run.stage) {
                format!(
                    "Add `-q` (this image's BusyBox wget has no `--progress`): `{}`.",
                    render_with(&e, 0, "-q")
                )
            } else {
                format!(
                    "Add `--progress=dot:giga` (or `-nv`/`-q`): `{}`.",
                    render_with(&e, 0, "--progress=dot:giga")
                )
            };
            out.push(
                ctx.finding(
                    &RULE,
                    cmd_span(&run, &e, 0),
                    format!(
                        "`wget` without `--progress` or `-q`/`-nv`{}: `{}`",
                        onbuild_note(&run),
                        render(&e)
                    ),
                )
                .with_fix(fix),
            );
        }
    }
}
