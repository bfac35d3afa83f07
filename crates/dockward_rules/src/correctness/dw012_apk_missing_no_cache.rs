//! ## What it does
//! Reports `apk add` in `RUN` or `ONBUILD RUN` without `--no-cache`, unless the `RUN` mounts a
//! build cache or tmpfs at apk's cache (`--mount=type=cache,target=/var/cache/apk` or
//! `/etc/apk/cache`), or uses `--no-network` (nothing is fetched, so nothing is cached).
//! Wrappers such as `sudo` are seen through.
//!
//! ## Why is this bad?
//! Without `--no-cache`, the package index fetched by `apk add --update` / `apk update` stays in
//! `/var/cache/apk` in the image layer, and removing it needs an extra `rm -rf
//! /var/cache/apk/*` in the same `RUN`. `--no-cache` fetches the index to a temporary place
//! and keeps nothing.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.20
//! RUN apk update && apk add curl
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM alpine:3.20
//! RUN apk add --no-cache curl
//! ```
//!
//! ## References
//! - hadolint DL3019; Trivy DS-0025
//! - Differences from hadolint: a cache mount at `/etc/apk/cache` (apk's package cache) is
//!   accepted like one at `/var/cache/apk`, and `apk add --no-network` (used by the official
//!   images to mark already-installed run-time dependencies) is not reported.
//! - <https://github.com/gliderlabs/docker-alpine/blob/master/docs/usage.md#disabling-cache>

use crate::prelude::*;
use crate::support::run_scripts::{arg_eq, head_span, mount_targets, render, run_scripts};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW012",
    name: "apk-missing-no-cache",
    summary: "apk add without --no-cache",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Info,
    equivalents: &["DL3019", "DS-0025"],
    default_enabled: true,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for rs in run_scripts(ctx) {
        let mounts = mount_targets(rs.run, &["cache", "tmpfs"]);
        if mounts.iter().any(|t| t.contains("/var/cache/apk") || t == "/etc/apk/cache") {
            continue;
        }
        for cmd in rs.script.commands.iter().map(ShellCommand::effective) {
            if cmd.name() != Some("apk") {
                continue;
            }
            let Some(add) = arg_eq(&cmd, "add") else { continue };
            if cmd.has_flag(None, &["no-cache", "no-network"]) {
                continue;
            }
            let span = head_span(&cmd, Some(add)).unwrap_or_else(|| rs.outer.head_span());
            out.push(
                ctx.finding(&RULE, span, format!("`apk add` without `--no-cache`: the package index stays in /var/cache/apk in the image (`{}`)", render(&cmd)))
                    .with_fix("Use `apk add --no-cache ...` (and drop `apk update`, `--update` and `rm -rf /var/cache/apk/*`)."),
            );
        }
    }
}
