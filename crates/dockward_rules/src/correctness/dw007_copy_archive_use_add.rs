//! ## What it does
//! Reports a local tar archive that is copied in with `COPY` and then extracted by a later
//! `RUN` of the same stage (`tar -x`, `tar xzf`, `tar --extract`, or a decompressor such as
//! `gunzip`, `unxz`, `zcat` on a tar archive). The archive is matched by file name: the
//! `COPY` destination when it names the archive (`COPY app.tgz /tmp/app.tgz`), else the
//! source (`COPY app.tgz /tmp/`).
//!
//! ## Why is this bad?
//! The archive stays in the layer of the `COPY`, even if the `RUN` deletes it afterwards, so
//! the image carries both the archive and its contents. `ADD` extracts a local tar archive
//! (plain, gzip, bzip2, xz or zstd) in one step, without keeping the archive.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12-slim
//! COPY app.tar.gz /tmp/
//! RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM debian:12-slim
//! ADD app.tar.gz /opt/
//! ```
//!
//! ## References
//! - hadolint DL3010
//! - Differences from hadolint: a decompressor alone (`gunzip file.gz`) is reported only for
//!   tar archives (`.tar.gz`, `.tgz`, ...), since `ADD` does not unpack a compressed file that
//!   is not a tar; old-style `tar xzf` (no dash) is recognised; tar options that merely
//!   contain an `x` (`--exclude`) do not count as extraction.
//! - <https://docs.docker.com/reference/dockerfile/#add>

use crate::prelude::*;
use crate::support::run_scripts::{render, run_scripts};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW007",
    name: "copy-archive-use-add",
    summary: "Local archive copied with COPY and extracted in RUN; ADD extracts it",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Info,
    equivalents: &["DL3010"],
    default_enabled: true,
};

/// hadolint's archive extensions.
const ARCHIVE_EXT: &[&str] = &[
    ".tar", ".Z", ".bz2", ".gz", ".lz", ".lzma", ".tZ", ".tb2", ".tbz", ".tbz2", ".tgz", ".tlz",
    ".tpz", ".txz", ".xz",
];
const TAR_EXT: &[&str] = &[".tZ", ".tb2", ".tbz", ".tbz2", ".tgz", ".tlz", ".tpz", ".txz"];
const DECOMPRESSORS: &[&str] = &[
    "unzip",
    "gunzip",
    "bunzip2",
    "unlzma",
    "unxz",
    "zgz",
    "uncompress",
    "zcat",
    "gzcat",
    "bzcat",
    "xzcat",
    "unzstd",
    "zstdcat",
];

fn basename(s: &str) -> &str {
    let s = s.trim_matches(|c| c == '"' || c == '\'');
    s.rsplit(['/', '\\']).next().unwrap_or(s)
}

fn is_archive(name: &str) -> bool {
    ARCHIVE_EXT.iter().any(|e| name.ends_with(e))
}

fn is_tarish(name: &str) -> bool {
    name.contains(".tar") || TAR_EXT.iter().any(|e| name.ends_with(e))
}

/// `tar -x...`, `tar --extract`, `tar --get`, or old-style `tar xzf`.
fn is_tar_extract(cmd: &ShellCommand) -> bool {
    let args = cmd.args();
    if args.first().is_some_and(|w| {
        !w.value.starts_with('-')
            && !w.value.is_empty()
            && w.value.chars().all(|c| c.is_ascii_alphabetic())
            && w.value.contains('x')
    }) {
        return true;
    }
    args.iter().any(|w| {
        let v = w.value.as_str();
        if let Some(long) = v.strip_prefix("--") {
            return long == "extract" || long == "get";
        }
        v.strip_prefix('-').is_some_and(|r| {
            !r.is_empty() && r.chars().all(|c| c.is_ascii_alphanumeric()) && r.contains('x')
        })
    })
}

/// File names the command works on: operands and `--file=` values.
fn operand_names(cmd: &ShellCommand) -> Vec<&str> {
    cmd.args()
        .iter()
        .filter_map(|w| {
            let v = w.value.as_str();
            if let Some(f) = v.strip_prefix("--file=") {
                return Some(basename(f));
            }
            (!v.starts_with('-')).then(|| basename(v))
        })
        .collect()
}

struct Archive {
    name: String,
    /// The COPY source to put in `ADD`.
    source: String,
    span: Span,
    copy: usize,
    reported: bool,
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    let scripts = run_scripts(ctx);
    for stage in &ctx.model.stages {
        let mut archives: Vec<Archive> = Vec::new();
        for inst in ctx.stage_instructions(stage) {
            match inst.keyword {
                Keyword::Copy if inst.flag("from").is_none() => {
                    let c = instruction::copy_args(inst, ctx.escape());
                    let Some(dest) = &c.dest else { continue };
                    let dname = basename(&dest.value);
                    if is_archive(dname) {
                        let source = c
                            .sources
                            .iter()
                            .map(|s| s.value.as_str())
                            .collect::<Vec<_>>()
                            .join(" ");
                        archives.push(Archive {
                            name: dname.to_string(),
                            source,
                            span: dest.span,
                            copy: inst.index,
                            reported: false,
                        });
                    } else {
                        for s in c.sources.iter().filter(|s| !s.value.starts_with("<<")) {
                            let n = basename(&s.value);
                            if is_archive(n) {
                                archives.push(Archive {
                                    name: n.to_string(),
                                    source: s.value.clone(),
                                    span: s.span,
                                    copy: inst.index,
                                    reported: false,
                                });
                            }
                        }
                    }
                }
                Keyword::Run if !archives.is_empty() => {
                    let Some(rs) = scripts.iter().find(|r| !r.onbuild && r.run.index == inst.index)
                    else {
                        continue;
                    };
                    for cmd in rs.script.commands.iter().map(ShellCommand::effective) {
                        let Some(name) = cmd.name() else { continue };
                        let tar = name == "tar" || name == "bsdtar";
                        let decomp = DECOMPRESSORS.contains(&name);
                        if !(decomp || tar && is_tar_extract(&cmd)) {
                            continue;
                        }
                        let names = operand_names(&cmd);
                        for a in archives.iter_mut().filter(|a| !a.reported) {
                            if !names.contains(&a.name.as_str()) || (!tar && !is_tarish(&a.name)) {
                                continue;
                            }
                            a.reported = true;
                            let line = ctx
                                .df
                                .position(cmd.span.map(|s| s.start).unwrap_or(inst.span.start))
                                .line;
                            let copy = ctx.inst(a.copy);
                            out.push(
                                ctx.finding(&RULE, a.span, format!("archive `{}` is copied with COPY and extracted by `{}` (line {line}): the archive stays in the COPY layer", a.name, render(&cmd)))
                                    .with_fix(format!(
                                        "Replace the COPY on line {} with `ADD {} <destination dir>/`, which unpacks a local tar archive itself, and drop the extraction from the RUN.",
                                        ctx.df.position(copy.span.start).line,
                                        a.source
                                    )),
                            );
                        }
                    }
                }
                _ => {}
            }
        }
    }
}
