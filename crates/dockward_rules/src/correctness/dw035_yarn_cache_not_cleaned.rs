//! ## What it does
//! Flags a `RUN` that runs `yarn install` without cleaning the Yarn cache in the same `RUN`
//! (`yarn cache clean`), in a stage whose layers end up in the image: the final stage and the
//! stages it is built `FROM`. A builder stage whose files are only picked with
//! `COPY --from=` does not ship its cache and is not reported. `ONBUILD RUN yarn install` is
//! reported wherever it is, since it runs in the images built from this one. A `RUN` whose cache
//! lives in a BuildKit cache mount (`--mount=type=cache,target=…yarn…`), or that deletes the
//! Yarn cache directory itself (`rm -rf /usr/local/share/.cache/yarn`), is fine.
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
//!   `yarn cache …` or `yarn clean` in the same RUN counts as cleaning, and only stages that
//!   reach the image are checked.
//! - Differences from hadolint: hadolint also reports a stage that some non-final stage is
//!   built `FROM`, and any stage whose `FROM` line equals the final one's; here exactly the
//!   final stage and its `FROM` ancestors are checked. `sudo`/`env` wrappers and
//!   `/path/to/yarn` are seen through; a RUN with a cache mount for Yarn, or one that removes
//!   the Yarn cache directory with `rm`, is not reported (the cache is not in the layer).
//! - <https://classic.yarnpkg.com/en/docs/cli/cache>

use crate::prelude::*;
use dockward_dockerfile::shell;

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

/// The `yarn install` of a script that leaves the cache behind, if any.
fn uncleaned_install(script: &ShellScript, inst: &Instruction) -> Option<usize> {
    let cmds: Vec<std::borrow::Cow<'_, ShellCommand>> = script.effective_commands().collect();
    let at = cmds.iter().position(|c| is_yarn(c) && c.has_word("install"))?;
    if cmds.iter().any(|c| is_yarn(c) && (c.has_word("cache") || c.has_word("clean"))) {
        return None;
    }
    if cmds
        .iter()
        .any(|c| c.name() == Some("rm") && c.args().iter().any(|w| is_yarn_cache_path(&w.value)))
    {
        return None;
    }
    let target = |m: &instruction::Mount| {
        m.get("target").or(m.get("dst")).or(m.get("destination")).map(str::to_string)
    };
    if instruction::mounts(inst)
        .iter()
        .any(|m| m.kind == "cache" && target(m).is_some_and(|t| is_yarn_cache_path(&t)))
    {
        return None;
    }
    Some(at)
}

fn report(
    ctx: &DockerfileCtx,
    script: &ShellScript,
    at: usize,
    fallback: Span,
    trigger: bool,
    out: &mut Vec<Finding>,
) {
    let install = &script.commands[at];
    let span = install.span.unwrap_or(fallback);
    let shown = crate::support::hadolint_compat::command_text(install, 80);
    let (what, fix) = if trigger {
        (
            "the ONBUILD trigger leaves the Yarn package cache in every image built from this one",
            "Append `&& yarn cache clean` to the ONBUILD RUN.",
        )
    } else {
        (
            "the Yarn package cache stays in the image",
            "Append `&& yarn cache clean` to this RUN, or keep the cache out of the image with `RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install …`.",
        )
    };
    out.push(
        ctx.finding(
            &RULE,
            span,
            format!("`{shown}` without `yarn cache clean` in the same RUN: {what}"),
        )
        .with_fix(fix),
    );
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    let shipped: Vec<usize> =
        ctx.model.final_stage().map(|f| ctx.model.ancestry(f.index)).unwrap_or_default();
    for run in ctx.runs() {
        if !shipped.contains(&run.stage) {
            continue;
        }
        let Some(script) = &run.script else { continue };
        let inst = ctx.inst(run.inst);
        if let Some(at) = uncleaned_install(script, inst) {
            report(ctx, script, at, inst.head_span(), false, out);
        }
    }
    for inst in ctx.instructions() {
        let Some(sub) = inst.onbuild.as_deref().filter(|s| s.keyword == Keyword::Run) else {
            continue;
        };
        if ctx.stage_of(inst).is_some_and(|st| st.windows) {
            continue;
        }
        let script = match instruction::command_form(sub) {
            CommandForm::Shell(a) => shell::analyze(&a.value, &|r| sub.args_subspan(r)),
            CommandForm::Exec(_) => continue,
        };
        if let Some(at) = uncleaned_install(&script, sub) {
            report(ctx, &script, at, sub.head_span(), true, out);
        }
    }
}
