//! ## What it does
//! Reports `ADD` of a remote source whose content is not verified: an `http://`/`https://`
//! URL without `--checksum=sha256:…`, or a git repository (`https://host/repo.git#ref`,
//! `git@host:repo.git`) that is not pinned to a full commit hash (`#<40 or 64 hex digits>`)
//! and has no `--checksum`. Sources are checked after `ARG`/`ENV` expansion; `ONBUILD ADD`
//! triggers are checked too.
//!
//! ## Why is this bad?
//! `ADD <url>` downloads at build time and trusts whatever the server (or anyone between you
//! and it) returns: a moved release, a compromised mirror or a tag pushed again changes the
//! image without any change to the Dockerfile. `--checksum` (Dockerfile syntax 1.6+) makes
//! BuildKit verify the download; a commit hash does the same for git sources.
//!
//! ## Example
//! ```dockerfile
//! # syntax=docker/dockerfile:1
//! FROM alpine:3.20
//! ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /tini
//! ADD https://github.com/moby/buildkit.git#v0.15.0 /src
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! # syntax=docker/dockerfile:1
//! FROM alpine:3.20
//! ADD --checksum=sha256:c5b0666b4cb676901f90dfcb37106783c5fe2077b04590973b885950611b30ee \
//!     https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /tini
//! ADD https://github.com/moby/buildkit.git#5b6a2aeb9f4a4b3ac46e8c9e9e4fbd2bd21c7f6c /src
//! ```
//!
//! ## References
//! - Trivy DS-0005; KICS "curl_or_wget_instead_of_add" (both flag remote `ADD`)
//! - <https://docs.docker.com/reference/dockerfile/#add---checksum>
//! - <https://docs.docker.com/build/building/best-practices/#add-or-copy>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW705",
    name: "add-remote-url",
    summary: "ADD downloads remote content without verifying it",
    practice: Practice::ContentTrust,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Medium,
    equivalents: &["DS-0005"],
    default_enabled: true,
};

/// A git source as BuildKit recognises it for `ADD`.
fn is_git_source(src: &str) -> bool {
    if src.starts_with("git@")
        || src.starts_with("git://")
        || src.starts_with("ssh://")
        || src.starts_with("git+ssh://")
    {
        return true;
    }
    if src.starts_with("http://") || src.starts_with("https://") {
        let path = src.split('#').next().unwrap_or(src);
        let path = path.split('?').next().unwrap_or(path);
        return path.ends_with(".git") || path.ends_with(".git/");
    }
    false
}

fn is_commit(r: &str) -> bool {
    (r.len() == 40 || r.len() == 64) && r.chars().all(|c| c.is_ascii_hexdigit())
}

/// `#<commit>`, `#<commit>:subdir`, or the query form `?ref=<commit>&…` / `?checksum=<commit>`,
/// with a full SHA-1/SHA-256 commit.
fn git_pinned_to_commit(src: &str) -> bool {
    let (before_frag, frag) = match src.split_once('#') {
        Some((a, f)) => (a, Some(f)),
        None => (src, None),
    };
    if let Some((_, query)) = before_frag.split_once('?') {
        for kv in query.split('&') {
            match kv.split_once('=') {
                Some(("checksum", v)) if is_commit(v) || v.len() >= 7 => return true,
                Some(("ref", v)) if is_commit(v) => return true,
                _ => {}
            }
        }
    }
    frag.is_some_and(|f| is_commit(f.split(':').next().unwrap_or("")))
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    let escape = ctx.escape();
    for top in ctx.instructions() {
        let (inst, onbuild) = match top.onbuild.as_deref() {
            Some(sub) => (sub, true),
            None => (top, false),
        };
        if inst.keyword != Keyword::Add || ctx.stage_of(top).is_none() {
            continue;
        }
        let has_checksum = inst
            .flag("checksum")
            .is_some_and(|f| f.value.as_deref().is_some_and(|v| !v.is_empty()));
        let args = instruction::copy_args(inst, escape);
        if args.dest.is_none() {
            continue;
        }
        let trigger = if onbuild { " (ONBUILD trigger)" } else { "" };
        for src in &args.sources {
            let raw = if args.json {
                src.value.as_str()
            } else {
                src.value.trim_matches(|c| c == '"' || c == '\'')
            };
            let ex = ctx.model.expand_at(top.index, raw);
            let value = if ex.is_complete() { ex.value.as_str() } else { raw };
            let shown =
                if value != raw { format!("`{raw}` (`{value}`)") } else { format!("`{raw}`") };
            if is_git_source(value) {
                if has_checksum || git_pinned_to_commit(value) {
                    continue;
                }
                out.push(
                    ctx.finding(&RULE, src.span, format!("`ADD` of the git repository {shown}{trigger} is not pinned to a commit: a moved branch or tag changes the build"))
                        .with_fix("Pin the source to a full commit hash (`repo.git#<40-hex commit>`), or add `--checksum=<commit>` to a tag reference (Dockerfile syntax 1.10+)."),
                );
            } else if value.starts_with("http://") || value.starts_with("https://") {
                if has_checksum {
                    continue;
                }
                out.push(
                    ctx.finding(&RULE, src.span, format!("`ADD` downloads {shown}{trigger} without `--checksum`: the content is not verified"))
                        .with_fix("Add `--checksum=sha256:<digest of the file>` (Dockerfile syntax 1.6+), or fetch it in a RUN with curl and check it with `sha256sum -c`."),
                );
            }
        }
    }
}
