//! ## What it does
//! Reports `ADD` of a local file or directory that `ADD` would not extract: anything that is
//! not a tar archive (by name: `.tar`, `.tar.gz`/`.tgz`, `.bz2`/`.tbz2`, `.xz`/`.txz`, `.Z`,
//! `.lz`, `.lzma`, `.zst` …) and not a URL. Heredoc sources (`ADD <<EOF /etc/app.conf`) are
//! reported too: `COPY` takes heredocs as well. Each offending source is named.
//!
//! ## Why is this bad?
//! `ADD` does more than copy: it unpacks local archives and fetches URLs. Used for plain files
//! it hides that magic from readers and from reviews (a file renamed to `.tar` silently starts
//! being extracted). `COPY` says exactly what happens, and is what the Docker documentation and
//! the CIS Docker Benchmark recommend for local content.
//!
//! ## Example
//! ```dockerfile
//! FROM nginx:1.27
//! ADD nginx.conf /etc/nginx/nginx.conf
//! ADD ./site /usr/share/nginx/html
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM nginx:1.27
//! COPY nginx.conf /etc/nginx/nginx.conf
//! COPY ./site /usr/share/nginx/html
//! # ADD stays right for a local archive that should be unpacked:
//! ADD rootfs.tar.gz /
//! ```
//!
//! ## References
//! - hadolint DL3020; Trivy DS-0005; Checkov CKV_DOCKER_4; CIS Docker Benchmark 4.9
//! - Differences from hadolint: sources are checked after `ARG`/`ENV` expansion (`ADD $URL`
//!   with a URL default is not a local file); the archive suffix test ignores case and knows
//!   `.zst`/`.tzst` (Docker unpacks zstd tarballs too); git sources (`git@host:repo.git`,
//!   `ssh://`, `git://`) are not local files and are left to DW705; heredoc sources are
//!   reported (hadolint cannot parse heredocs). Like hadolint, `ONBUILD ADD` is not checked.
//! - <https://docs.docker.com/build/building/best-practices/#add-or-copy>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW706",
    name: "add-instead-of-copy",
    summary: "ADD used for local files that COPY should copy",
    practice: Practice::ContentTrust,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL3020", "DS-0005", "CKV_DOCKER_4", "CIS-4.9"],
    default_enabled: true,
};

/// hadolint's archive suffixes (`archiveFileFormatExtensions`) plus zstd.
const ARCHIVES: &[&str] = &[
    ".tar", ".z", ".bz2", ".gz", ".lz", ".lzma", ".tz", ".tb2", ".tbz", ".tbz2", ".tgz", ".tlz",
    ".tpz", ".txz", ".xz", ".zst", ".tzst",
];

pub fn is_archive_name(src: &str) -> bool {
    let l = src.to_ascii_lowercase();
    ARCHIVES.iter().any(|s| l.ends_with(s))
}

/// `http://` / `https://` (BuildKit's test is case-sensitive; so is this one).
pub fn is_http_url(src: &str) -> bool {
    src.starts_with("http://") || src.starts_with("https://")
}

/// Git sources BuildKit fetches with git (not through HTTP).
pub fn is_git_transport(src: &str) -> bool {
    src.starts_with("git@")
        || src.starts_with("git://")
        || src.starts_with("ssh://")
        || src.starts_with("git+ssh://")
}

fn unquote(s: &str) -> &str {
    s.trim_matches(|c| c == '"' || c == '\'')
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    let escape = ctx.escape();
    for inst in ctx.instructions() {
        if inst.keyword != Keyword::Add || ctx.stage_of(inst).is_none() {
            continue;
        }
        let args = instruction::copy_args(inst, escape);
        if args.dest.is_none() {
            continue; // DW001 reports it
        }
        for src in &args.sources {
            let raw = if args.json { src.value.as_str() } else { unquote(&src.value) };
            if raw.starts_with("<<") {
                let name = raw.trim_start_matches("<<").trim_start_matches('-');
                out.push(
                    ctx.finding(&RULE, src.span, format!("`ADD` of the heredoc `{}`: `COPY` writes inline content the same way", unquote(name)))
                        .with_fix("Use `COPY <<EOF /path` for inline files; `ADD` is for archives to unpack and checksummed downloads."),
                );
                continue;
            }
            let ex = ctx.model.expand_at(inst.index, raw);
            let value = if ex.is_complete() { ex.value.as_str() } else { raw };
            if is_archive_name(value) || is_http_url(value) || is_git_transport(value) {
                continue;
            }
            let shown =
                if value != raw { format!("`{raw}` (`{value}`)") } else { format!("`{raw}`") };
            out.push(
                ctx.finding(&RULE, src.span, format!("`ADD` of the local path {shown}, which is not an archive to unpack: use `COPY`"))
                    .with_fix(format!("Replace `ADD` with `COPY` (flags such as `--chown`/`--chmod`/`--link` work the same): `COPY {raw} …`.")),
            );
        }
    }
}
