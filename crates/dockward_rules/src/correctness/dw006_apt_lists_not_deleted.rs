//! ## What it does
//! Reports a `RUN` that runs `apt-get update` (or `apt update`) without deleting the package
//! lists it downloads (`rm -rf /var/lib/apt/lists/*`) in the same `RUN`. Only stages that end
//! up in the built image are checked: the final stage and the stages it is built `FROM`
//! (directly or through other stages), and `ONBUILD RUN` triggers. Also accepted as cleanup:
//! removing `/var/lib/apt/lists` itself or a parent, `find /var/lib/apt/lists ... -delete`,
//! `apt-get dist-clean`, running a project clean-up script (a command whose name contains
//! `clean`, such as `/scripts/cleanup.sh`), and a `--mount=type=cache` or `type=tmpfs` at
//! `/var/lib/apt/lists` (or `/var/lib/apt`), which keeps the lists out of the layer.
//!
//! ## Why is this bad?
//! The lists are tens of megabytes that nothing in the running container needs. Deleting them
//! in a later `RUN` does not help: they stay in the layer of the `RUN` that created them.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12-slim
//! RUN apt-get update && apt-get install -y --no-install-recommends curl
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM debian:12-slim
//! RUN apt-get update \
//!  && apt-get install -y --no-install-recommends curl \
//!  && rm -rf /var/lib/apt/lists/*
//! ```
//!
//! ## References
//! - hadolint DL3009
//! - Differences from hadolint: hadolint also reports builder stages that only serve as the
//!   base of another builder stage (their layers never reach the image), does not look
//!   through `sudo`, ignores `apt update`, and accepts any `rm -rf` as cleanup; dockward
//!   requires the removal to cover `/var/lib/apt/lists`.
//! - <https://docs.docker.com/build/building/best-practices/#apt-get>

use crate::prelude::*;
use crate::support::run_scripts::{
    arg_eq, head_span, is_dir_or_parent, mount_targets, run_scripts,
};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW006",
    name: "apt-lists-not-deleted",
    summary: "apt-get update without deleting /var/lib/apt/lists in the same RUN",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Info,
    equivalents: &["DL3009"],
    default_enabled: true,
};

const LISTS: &str = "/var/lib/apt/lists";

/// Does this path (as given to `rm`/`find`) cover the apt lists?
fn covers_lists(path: &str) -> bool {
    let mut p = path.trim();
    loop {
        let q = p.trim_end_matches('/').trim_end_matches("/*");
        if q == p {
            break;
        }
        p = q;
    }
    let p = p.trim_end_matches('/');
    if p.is_empty() {
        return false;
    }
    is_dir_or_parent(p, LISTS) || (p.starts_with("/var/lib/apt/lists/") && p.contains('*'))
}

fn is_cleanup(cmd: &ShellCommand) -> bool {
    match cmd.name() {
        Some("rm") => {
            cmd.args().iter().any(|w| !w.value.starts_with('-') && covers_lists(&w.value))
        }
        Some("find") => {
            cmd.args()
                .iter()
                .take_while(|w| !w.value.starts_with('-'))
                .any(|w| covers_lists(&w.value))
                && (cmd.has_word("-delete")
                    || cmd.args().iter().any(|w| w.value == "-exec") && cmd.has_word("rm"))
        }
        Some("apt-get") | Some("apt") => arg_eq(cmd, "dist-clean").is_some(),
        // A project's own clean-up script (`/scripts/cleanup.sh`, `install_clean`, ...).
        Some(name) => {
            name.to_ascii_lowercase().contains("clean")
                && !matches!(name, "apt-get" | "apt" | "yum" | "dnf" | "apk" | "zypper")
        }
        None => false,
    }
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    let in_image: Vec<usize> =
        ctx.model.final_stage().map(|s| ctx.model.ancestry(s.index)).unwrap_or_default();
    for rs in run_scripts(ctx) {
        if !rs.onbuild && !in_image.contains(&rs.stage) {
            continue;
        }
        let cmds: Vec<std::borrow::Cow<'_, ShellCommand>> =
            rs.script.commands.iter().map(ShellCommand::effective).collect();
        let Some((cmd, word)) = cmds.iter().find_map(|c| {
            let name = c.name()?;
            if name != "apt-get" && name != "apt" {
                return None;
            }
            arg_eq(c, "update").map(|w| (c, w))
        }) else {
            continue;
        };
        if cmds.iter().any(|c| is_cleanup(c)) {
            continue;
        }
        let mounts = mount_targets(rs.run, &["cache", "tmpfs"]);
        if mounts.iter().any(|t| is_dir_or_parent(t, LISTS) || t.starts_with(LISTS)) {
            continue;
        }
        let name = cmd.name().unwrap_or("apt-get");
        let span = head_span(cmd, Some(word)).unwrap_or_else(|| rs.outer.head_span());
        let where_ = if rs.onbuild { "ONBUILD RUN" } else { "RUN" };
        out.push(
            ctx.finding(&RULE, span, format!("`{name} update` without `rm -rf /var/lib/apt/lists/*` in the same {where_}: the package lists stay in the image layer"))
                .with_fix("End the same RUN with `&& rm -rf /var/lib/apt/lists/*`, or use `RUN --mount=type=cache,target=/var/lib/apt/lists ...`."),
        );
    }
}
