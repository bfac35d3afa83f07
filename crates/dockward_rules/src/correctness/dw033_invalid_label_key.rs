//! ## What it does
//! Checks `LABEL` keys against Docker's key format: lower-case letters, digits, `.` and `-`
//! only; starting with a letter and ending with a letter or digit; no `..` or `--`; and not in
//! the namespaces Docker reserves for itself (`com.docker.*`, `io.docker.*`,
//! `org.dockerproject.*`). Keys are judged after ARG/ENV substitution.
//!
//! ## Why is this bad?
//! Docker accepts any key, but tools that read labels (registries, orchestrators, scanners,
//! `docker inspect --format`) rely on the documented format, and keys in the reserved
//! namespaces may clash with labels Docker itself sets. Upper-case or underscored keys
//! (`Maintainer`, `build_date`) also break the reverse-DNS convention used by OCI annotations
//! (`org.opencontainers.image.*`).
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.20
//! LABEL Maintainer="team@example.com" build_date="2024-05-01" com.docker.extension="x"
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM alpine:3.20
//! LABEL maintainer="team@example.com" org.opencontainers.image.created="2024-05-01"
//! ```
//!
//! ## References
//! - hadolint DL3048
//! - <https://docs.docker.com/engine/manage-resources/labels/#key-format-recommendations>

use crate::prelude::*;
use dockward_dockerfile::instruction::key_values;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW033",
    name: "invalid-label-key",
    summary: "Invalid `LABEL` key",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Info,
    equivalents: &["DL3048"],
    default_enabled: true,
};

/// Why `key` is not a valid label key, if it is not.
fn problem(key: &str) -> Option<String> {
    for ns in ["com.docker.", "io.docker.", "org.dockerproject."] {
        if key.starts_with(ns) {
            return Some(format!("the `{ns}*` namespace is reserved for Docker"));
        }
    }
    if let Some(c) = key
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '.' || *c == '-'))
    {
        return Some(if c.is_ascii_uppercase() {
            "keys must be lower-case".to_string()
        } else {
            format!("`{c}` is not allowed (only lower-case letters, digits, `.` and `-`)")
        });
    }
    if !key.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Some("keys must start with a lower-case letter".into());
    }
    if !key.ends_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit()) {
        return Some("keys must end with a lower-case letter or a digit".into());
    }
    if key.contains("..") || key.contains("--") {
        return Some("consecutive `.` or `-` are not allowed".into());
    }
    None
}

/// `Maintainer` → `maintainer`, `build_date` → `build-date`, `a..b` → `a.b`.
fn suggestion(key: &str) -> String {
    let mut s: String = key
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '.' { c } else { '-' })
        .collect();
    while s.contains("..") || s.contains("--") {
        s = s.replace("..", ".").replace("--", "-");
    }
    s.trim_matches(|c: char| !c.is_ascii_alphanumeric()).to_string()
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for inst in ctx.instructions() {
        if inst.keyword != Keyword::Label || ctx.model.stage_of(inst.index).is_none() {
            continue;
        }
        for kv in key_values(inst, ctx.escape()) {
            let key = if kv.key.contains('$') {
                let ex = ctx.model.expand_at(inst.index, &kv.key);
                if !ex.is_complete() {
                    continue;
                }
                ex.value
            } else {
                kv.key.clone()
            };
            if key.is_empty() {
                continue;
            }
            let Some(why) = problem(&key) else { continue };
            let fix = if why.contains("reserved") {
                "Use your own reverse-DNS namespace (e.g. `com.example.<name>`) or an `org.opencontainers.image.*` key.".to_string()
            } else {
                let s = suggestion(&key);
                if s.is_empty() || problem(&s).is_some() {
                    "Use lower-case letters, digits, `.` and `-` only, e.g. a reverse-DNS key like `com.example.name`.".to_string()
                } else {
                    format!("Rename the key to `{s}` (lower-case letters, digits, `.` and `-`).")
                }
            };
            let shown = if key == kv.key {
                format!("`{key}`")
            } else {
                format!("`{}` (= `{key}`)", kv.key)
            };
            out.push(
                ctx.finding(&RULE, kv.key_span, format!("invalid label key {shown}: {why}"))
                    .with_fix(fix),
            );
        }
    }
}
