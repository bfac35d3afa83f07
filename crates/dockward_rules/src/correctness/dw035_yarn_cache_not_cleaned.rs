//! ## What it does
//! Flags a `RUN` that runs `yarn install` without cleaning the Yarn cache in the same `RUN`
//! (`yarn cache clean`). A `RUN` whose cache lives in a BuildKit cache mount
//! (`--mount=type=cache,target=…yarn…`), or that deletes the Yarn cache directory itself
//! (`rm -rf /usr/local/share/.cache/yarn`), is fine.
//!
//! ## Why is this bad?
//! `yarn install` keeps a copy of every downloaded package in its global cache
//! (`/usr/local/share/.cache/yarn` as root). Left in the layer, it often doubles the size of
//! `node_modules` in the image for no benefit; cleaning it in a later `RUN` does not help,
//! since the earlier layer still holds it.
//!
//! ## Example
//! ```dockerfile
//! FROM node:20-slim
//! COPY package.json yarn.lock ./
//! RUN yarn install --frozen-lockfile
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM node:20-slim
//! COPY package.json yarn.lock ./
//! RUN yarn install --frozen-lockfile && yarn cache clean
//! ```
//!
//! ## References
//! - hadolint DL3060 (`yarn cache clean` missing after `yarn install`). Like hadolint, any
//!   `yarn cache …` or `yarn clean` in the same RUN counts as cleaning.
//! - Differences from hadolint: `sudo`/`env` wrappers and `/path/to/yarn` are seen through; a
//!   RUN with a cache mount for Yarn, or one that removes the Yarn cache directory with `rm`,
//!   is not reported (the cache is not in the layer).
//! - <https://classic.yarnpkg.com/en/docs/cli/cache>

use crate::prelude::*;
use dockward_dockerfile::instruction;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW035",
    name: "yarn-cache-not-cleaned",
    summary: "yarn install without yarn cache clean in the same RUN",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Info,
    equivalents: &["DL3060"],
    default_enabled: true,
};

fn is_yarn(c: &ShellCommand) -> bool {
    c.name() == Some("yarn")
}

/// A path that is (inside) a Yarn cache directory.
fn is_yarn_cache_path(p: &str) -> bool {
    let l = p.to_ascii_lowercase();
    l.contains("yarn") && l.contains("cache")
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for run in ctx.runs() {
        let Some(script) = &run.script else { continue };
        let cmds: Vec<ShellCommand> = script.effective_commands().collect();
        let Some(at) = cmds.iter().position(|c| is_yarn(c) && c.has_word("install")) else { continue };
        let install = &script.commands[at];
        if cmds.iter().any(|c| is_yarn(c) && (c.has_word("cache") || c.has_word("clean"))) {
            continue;
        }
        if cmds.iter().any(|c| c.name() == Some("rm") && c.args().iter().any(|w| is_yarn_cache_path(&w.value))) {
            continue;
        }
        let inst = ctx.inst(run.inst);
        if instruction::mounts(inst).iter().any(|m| m.kind == "cache" && m.get("target").or(m.get("dst")).or(m.get("destination")).is_some_and(is_yarn_cache_path)) {
            continue;
        }
        let span = install.span.unwrap_or(inst.head_span());
        let shown = crate::support::hadolint_r3::command_text(install, 80);
        out.push(
            ctx.finding(&RULE, span, format!("`{shown}` without `yarn cache clean` in the same RUN: the Yarn package cache stays in the layer"))
                .with_fix("Append `&& yarn cache clean` to this RUN, or keep the cache out of the image with `RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install …`."),
        );
    }
}
