//! ## What it does
//! Reports a file that cannot be read or parsed, at the line where parsing failed. The rest of
//! the run goes on: other files are still scanned.
//!
//! For Dockerfiles, "cannot be parsed" means what BuildKit rejects before building: unknown
//! instructions, instructions before the first `FROM` other than `ARG`, a file without
//! instructions or without `FROM`, wrong argument counts (`FROM a b`, `COPY onlyone`), a
//! `SHELL` not in JSON form, an invalid `# escape=` directive, unknown flags
//! (`COPY --doit`), unterminated heredocs.
//!
//! ## Why is this bad?
//! `docker build` fails on such a file, and no other rule can vouch for it.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12
//! RUNN apt-get update
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM debian:12
//! RUN apt-get update
//! ```
//!
//! ## References
//! - hadolint DL1000
//! - BuildKit `frontend/dockerfile/parser` and `instructions` packages

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW001",
    name: "parse-error",
    summary: "File cannot be read or parsed",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile, Surface::Compose],
    severity: Severity::High,
    equivalents: &["DL1000"],
    default_enabled: true,
};
