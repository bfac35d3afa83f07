//! ## What it does
//! Reports `RUN` steps that execute a script straight from the network, without verifying it:
//! - a download piped into an interpreter: `curl -fsSL URL | sh`, `wget -qO- URL | sudo bash -s --`,
//!   `curl URL | python3 -`;
//! - a download substituted into a command string: `sh -c "$(curl -fsSL URL)"`,
//!   `bash -c "$(wget -qO- URL)"`, `eval "$(curl URL)"`;
//! - a download read through process substitution: `bash <(curl URL)`, `. <(curl URL)`,
//!   `source <(curl URL)`;
//! - a download saved to a file and run later in the same `RUN` with no `sha256sum`/`shasum`/
//!   `gpg --verify`/`cosign` step in between: `curl -o get.sh URL && sh get.sh`,
//!   `wget URL/install.sh && ./install.sh`, `curl -O URL/get-pip.py && python3 get-pip.py`.
//!
//! Downloaders are `curl` and `wget` (also `busybox wget`) writing the body to stdout.
//! Interpreters are the shells `sh`, `bash`, `zsh`, `ash`, `dash`, `ksh`, `mksh`, `yash`,
//! `fish` and `python*`, `pypy*`, `perl`, `ruby`, `node`/`nodejs`/`deno`/`bun`, `php`, when they
//! read their program from stdin (`sh`, `sh -s`, `python3 -`, `bash /dev/stdin`). An interpreter
//! given inline code (`curl URL | python3 -c 'import json,sys; …'`, `| perl -pe …`) or a module
//! (`python -m json.tool`) only processes the data and is not reported; neither is a syntax
//! check (`sh -n file`) or a program on the PATH that a download replaced (`kubectl version`). `sudo`/`env` wrappers,
//! exec-form `sh -c` and `ONBUILD RUN` are seen through. The finding points at the command that
//! runs the script and names the URL.
//!
//! ## Why is this bad?
//! Whatever the server returns at build time runs as root in the build, with no integrity
//! check: a compromised or hijacked host, a changed script behind the same URL, or a truncated
//! download (a half-received script can run a partial `rm -rf`) goes straight into the image.
//! Nothing in the Dockerfile records what was executed, so the build is neither reproducible
//! nor auditable.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12-slim
//! RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
//! RUN sh -c "$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)"
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM debian:12-slim
//! # Download to a file, check it against a pinned digest, then run it.
//! RUN curl -fsSLo /tmp/setup.sh https://deb.nodesource.com/setup_20.x \
//!  && echo "<sha256 of the reviewed script>  /tmp/setup.sh" | sha256sum -c - \
//!  && bash /tmp/setup.sh && rm /tmp/setup.sh
//! # Better: install from a package repository with a pinned version, or copy the tool from
//! # a pinned image (COPY --from=image@sha256:… /bin/tool /usr/local/bin/).
//! ```
//!
//! ## References
//! - No hadolint/Trivy/Checkov/KICS equivalent (ShellCheck and hadolint only see pipes).
//! - <https://docs.docker.com/build/building/best-practices/#using-pipes>
//! - OpenSSF Scorecard "Pinned-Dependencies" (flags `curl | bash` in Dockerfiles)

use crate::prelude::*;
use crate::support::supply_chain_scripts::{
    ProgramSource, cmd_span, download, is_verification, program, program_source, scripts,
};
use dockward_dockerfile::shell::basename;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW702",
    name: "remote-script-piped-to-shell",
    summary: "Script downloaded and executed without verification",
    practice: Practice::ContentTrust,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::High,
    equivalents: &[],
    default_enabled: true,
};

const FIX: &str = "Download the script to a file, verify it against a pinned checksum (`echo \"<sha256>  /tmp/install.sh\" | sha256sum -c -`) or a signature, then run it; better, install from a package repository with a pinned version.";

fn url_text(url: &Option<String>) -> String {
    match url {
        Some(u) => format!("`{u}`"),
        None => "the download".to_string(),
    }
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for sref in scripts(ctx) {
        let s = &*sref.script;
        let eff: Vec<std::borrow::Cow<'_, ShellCommand>> =
            s.commands.iter().map(ShellCommand::effective).collect();
        let mut reported: Vec<usize> = Vec::new();
        // 1. download | interpreter
        for p in &s.pipelines {
            if p.len() < 2 {
                continue;
            }
            for (i, &ci) in p.iter().enumerate() {
                let Some(d) = eff.get(ci).and_then(|c| download(c)) else { continue };
                if !d.to_stdout {
                    continue;
                }
                for &cj in &p[i + 1..] {
                    let Some(e) = eff.get(cj) else { continue };
                    if let Some((name, ProgramSource::Stdin)) = program_source(e) {
                        reported.push(cj);
                        out.push(
                            ctx.finding(&RULE, cmd_span(&s.commands[cj], sref.inst), format!(
                                "`{}` output is piped into `{name}`: the script from {} runs without any checksum or signature check",
                                d.tool.as_str(),
                                url_text(&d.url)
                            ))
                            .with_fix(FIX),
                        );
                        break;
                    }
                }
                break;
            }
        }
        // 2. sh -c "$(curl …)", eval "$(curl …)", bash <(curl …)
        let text = ctx.df.text.as_str();
        for (di, dcmd) in s.commands.iter().enumerate() {
            if !dcmd.in_substitution {
                continue;
            }
            let Some(d) = eff.get(di).and_then(|c| download(c)) else { continue };
            let Some(dspan) = dcmd.span else { continue };
            if !d.to_stdout {
                continue;
            }
            let before = text.get(..dspan.start).unwrap_or("").trim_end();
            let proc_subst = before.ends_with("<(");
            // The innermost other command around the download.
            let enclosing = s
                .commands
                .iter()
                .enumerate()
                .filter(|(k, c)| {
                    *k != di
                        && c.span.is_some_and(|sp| {
                            (sp.start < dspan.start && sp.end >= dspan.end)
                                || (proc_subst
                                    && sp.end <= dspan.start
                                    && text
                                        .get(sp.end..dspan.start)
                                        .is_some_and(|t| t.trim() == "<("))
                        })
                })
                .max_by_key(|(_, c)| c.span.map(|sp| sp.start).unwrap_or(0));
            let Some((ei, ecmd)) = enclosing else { continue };
            if reported.contains(&ei) {
                continue;
            }
            let e = &eff[ei];
            let Some((name, _)) = program(e) else { continue };
            let holder = e.words.iter().position(|w| {
                w.span.is_some_and(|sp| sp.start <= dspan.start && sp.end >= dspan.end)
            });
            let runs = if proc_subst {
                let src = program_source(e);
                matches!(name, "source" | ".")
                    || matches!(
                        src,
                        Some((_, ProgramSource::Stdin)) | Some((_, ProgramSource::File(_)))
                    )
            } else if name == "eval" {
                holder.is_some()
            } else {
                match (program_source(e), holder) {
                    (Some((_, ProgramSource::Inline(k))), Some(h)) if k == h => {
                        let v = e.words[h].value.trim_start();
                        v.starts_with("$(") || v.starts_with('`')
                    }
                    _ => false,
                }
            };
            if !runs {
                continue;
            }
            reported.push(ei);
            let how =
                if proc_subst { "process substitution `<(…)`" } else { "a command substitution" };
            out.push(
                ctx.finding(&RULE, cmd_span(ecmd, sref.inst), format!(
                    "`{name}` runs the script from {} through {how}, without any checksum or signature check",
                    url_text(&d.url)
                ))
                .with_fix(FIX),
            );
        }
        // 3. curl -o x.sh URL && sh x.sh (no verification in between)
        let mut saved: Vec<(usize, String, Option<String>)> = Vec::new();
        for (ci, e) in eff.iter().enumerate() {
            if let Some(d) = download(e) {
                if let Some(f) = d.file.clone() {
                    saved.push((ci, f, d.url.clone()));
                }
                continue;
            }
            if reported.contains(&ci) {
                continue;
            }
            let Some(target) = executed_file(e) else { continue };
            let Some((di, file, url)) =
                saved.iter().rev().find(|(_, f, _)| same_file(f, &target.0))
            else {
                continue;
            };
            let verified =
                eff.iter().enumerate().any(|(k, c)| k > *di && k < ci && is_verification(c));
            if verified {
                continue;
            }
            let message = if target.1 == target.0 {
                format!(
                    "`{}` is executed right after being downloaded from {}, without a checksum or signature check",
                    target.0,
                    url_text(url)
                )
            } else {
                format!(
                    "`{}` runs `{file}`, downloaded from {} in the same step without a checksum or signature check",
                    target.1,
                    url_text(url)
                )
            };
            out.push(
                ctx.finding(&RULE, cmd_span(&s.commands[ci], sref.inst), message).with_fix(FIX),
            );
        }
    }
}

/// The file a command executes as a script, and the program that runs it: `sh x.sh`,
/// `python3 get-pip.py`, `. ./env.sh`, `./install.sh` (by path, with a script extension).
fn executed_file(e: &ShellCommand) -> Option<(String, String)> {
    let (name, args) = program(e)?;
    if name == "." || name == "source" {
        return args.first().map(|w| (w.value.clone(), name.to_string()));
    }
    if let Some((n, ProgramSource::File(k))) = program_source(e) {
        return e.words.get(k).map(|w| (w.value.clone(), n));
    }
    let first = e.words.first()?.value.as_str();
    let script_ext =
        [".sh", ".bash", ".py", ".pl", ".rb", ".js", ".php"].iter().any(|x| first.ends_with(x));
    if first.contains('/') && script_ext {
        return Some((first.to_string(), first.to_string()));
    }
    None
}

fn same_file(a: &str, b: &str) -> bool {
    let na = a.trim_start_matches("./");
    let nb = b.trim_start_matches("./");
    if na.is_empty() || nb.is_empty() || ((na.contains('$') || nb.contains('$')) && na != nb) {
        return false;
    }
    na == nb || ((!na.contains('/') || !nb.contains('/')) && basename(na) == basename(nb))
}
