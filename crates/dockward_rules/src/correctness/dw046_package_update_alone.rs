//! ## What it does
//! Flags a `RUN` that refreshes or updates packages with `apt-get update`/`apt update`,
//! `apk update`, `yum update`, `dnf update` or `zypper update`/`zypper up`, with no install of
//! the same package manager after it in the same `RUN` (`install`, `add`, `upgrade`,
//! `reinstall`, `groupinstall`, `localinstall`, `source-install`; also `dist-upgrade`,
//! `full-upgrade` and zypper's `in`). `apt` and `apt-get` count as one package manager. A `RUN`
//! that deletes the fetched index again after the update (`rm -rf /var/lib/apt/lists/*`,
//! `yum clean all`, `dnf clean all`, `zypper clean`, `rm -rf /var/cache/apk/*`) leaves nothing
//! to go stale and is not reported, nor is `yum update <package>` (an upgrade of named
//! packages, not an index refresh).
//!
//! ## Why is this bad?
//! Docker caches each `RUN` as a layer. An `apt-get update` alone in its layer is reused from
//! the cache on later builds, so the `apt-get install` in a following `RUN` works from an index
//! that may be weeks old: it installs outdated packages — missing security fixes — or fails
//! when the listed versions have left the mirror. Updating and installing in one `RUN` keeps
//! the index and the installation in the same cache step.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12-slim
//! RUN apt-get update
//! RUN apt-get install -y --no-install-recommends curl
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
//! - Trivy DS-0017 ('RUN <package-manager> update' instruction alone); Checkov CKV_DOCKER_5;
//!   KICS update_instruction_alone. No hadolint equivalent.
//! - Differences from Trivy: `apt-get dist-upgrade`, `apt-get full-upgrade` and
//!   `zypper in` after the update count as using it; a RUN that removes the index or cleans the
//!   package cache after the update is not reported (e.g. `dnf -y update && dnf clean all`, a
//!   full upgrade that leaves no metadata behind); `yum`/`dnf`/`zypper update <packages>` is
//!   not reported.
//! - <https://docs.docker.com/build/building/best-practices/#apt-get>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW046",
    name: "package-update-alone",
    summary: "Package index update without an install in the same RUN",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Medium,
    equivalents: &["DS-0017", "CKV_DOCKER_5"],
    default_enabled: true,
};

/// Package managers; names in one group share an index.
const MANAGERS: &[&[&str]] = &[&["apt-get", "apt"], &["yum"], &["apk"], &["dnf"], &["zypper"]];
const UPDATE: &[&str] = &["update", "up"];
const INSTALL: &[&str] = &[
    "install",
    "add",
    "upgrade",
    "reinstall",
    "groupinstall",
    "localinstall",
    "source-install",
    "dist-upgrade",
    "full-upgrade",
    "in",
];

fn group_of(cmd: &ShellCommand) -> Option<usize> {
    let n = cmd.name()?;
    MANAGERS.iter().position(|g| g.contains(&n))
}

/// `yum update foo`: operands after the update word.
fn has_package_operands(cmd: &ShellCommand) -> bool {
    let args = cmd.args();
    let Some(pos) = args.iter().position(|w| UPDATE.contains(&w.value.as_str())) else {
        return false;
    };
    args[pos + 1..].iter().any(|w| !w.value.starts_with('-'))
}

/// Does `cmd` delete what an update of package manager group `g` fetched?
fn cleans_index(cmd: &ShellCommand, g: usize) -> bool {
    let rm_path = |needles: &[&str]| {
        cmd.name() == Some("rm")
            && cmd.args().iter().any(|w| needles.iter().any(|n| w.value.contains(n)))
    };
    let own = group_of(cmd) == Some(g);
    match MANAGERS[g][0] {
        "apt-get" => rm_path(&["/var/lib/apt/lists"]),
        "apk" => {
            rm_path(&["/var/cache/apk"]) || (own && cmd.has_word("cache") && cmd.has_word("clean"))
        }
        "yum" | "dnf" => {
            rm_path(&["/var/cache/yum", "/var/cache/dnf"]) || (own && cmd.has_word("clean"))
        }
        "zypper" => {
            rm_path(&["/var/cache/zypp"]) || (own && (cmd.has_word("clean") || cmd.has_word("cc")))
        }
        _ => false,
    }
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for run in ctx.runs() {
        let Some(script) = &run.script else { continue };
        // (as written, wrappers removed), outside `$(...)`, in source order (heredoc bodies are
        // appended by the parser).
        let mut pairs: Vec<(&ShellCommand, ShellCommand)> = script
            .commands
            .iter()
            .filter(|c| !c.in_substitution)
            .map(|c| (c, c.effective_owned()))
            .collect();
        pairs.sort_by_key(|(c, _)| c.span.map(|s| s.start).unwrap_or(usize::MAX));
        let cmds: Vec<&ShellCommand> = pairs.iter().map(|(_, e)| e).collect();
        for (g, group) in MANAGERS.iter().enumerate() {
            let is = |c: &&ShellCommand, words: &[&str]| {
                group_of(c) == Some(g) && c.args().iter().any(|w| words.contains(&w.value.as_str()))
            };
            // RPM managers: `update <packages>` upgrades those packages, it is not an index refresh.
            let rpm = matches!(group[0], "yum" | "dnf" | "zypper");
            let updates: Vec<usize> = (0..cmds.len())
                .filter(|&i| is(&cmds[i], UPDATE) && !(rpm && has_package_operands(cmds[i])))
                .collect();
            let Some(&first) = updates.first() else { continue };
            if cmds
                .iter()
                .enumerate()
                .any(|(i, c)| i > first && (is(c, INSTALL) || cleans_index(c, g)))
            {
                continue;
            }
            let cmd = cmds[first];
            let span = cmd.span.unwrap_or(ctx.inst(run.inst).head_span());
            let shown = crate::support::hadolint_compat::command_text(pairs[first].0, 60);
            let pm = cmd.name().unwrap_or(group[0]);
            let clean = if pm == "zypper" {
                "zypper clean --all".to_string()
            } else {
                format!("{pm} clean all")
            };
            let (install, fix) = match g {
                0 => ("apt-get install", "Update and install in one RUN: `RUN apt-get update && apt-get install -y --no-install-recommends … && rm -rf /var/lib/apt/lists/*`.".to_string()),
                2 => ("apk add", "Use `apk add --no-cache …`, which fetches a fresh index itself, or run `apk update && apk add …` in one RUN.".to_string()),
                _ => (
                    "install",
                    format!("Run `{shown}` in the same RUN as the `{pm} install` that needs it, cleaning the cache at its end (`{clean}`), or drop it and rely on an up-to-date base image."),
                ),
            };
            let install =
                if g == 0 || g == 2 { install.to_string() } else { format!("{pm} install") };
            out.push(
                ctx.finding(&RULE, span, format!("`{shown}` with no `{install}` after it in the same RUN: the package index it fetches is cached in a layer of its own and goes stale"))
                    .with_fix(fix),
            );
        }
    }
}
