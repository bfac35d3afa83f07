//! ## What it does
//! Checks that a RUN that installs packages with `zypper install` (`zypper in`) also runs
//! `zypper clean` (`zypper cc`, or removes `/var/cache/zypp`) after the last install, in the same
//! RUN. A RUN whose `/var/cache/zypp` is a `--mount=type=cache` or `tmpfs` mount is fine.
//!
//! ## Why is this bad?
//! zypper keeps repository metadata and downloaded packages in `/var/cache/zypp`. Left in the
//! layer, it bloats the image; a `zypper clean` in a later RUN cannot shrink the earlier layer.
//!
//! ## Example
//! ```dockerfile
//! FROM opensuse/leap:15.6
//! RUN zypper --non-interactive install httpd
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM opensuse/leap:15.6
//! RUN zypper --non-interactive install httpd && zypper clean --all
//! ```
//!
//! ## References
//! - hadolint DL3036; Trivy DS-0020
//! - Differences from hadolint: the clean must come after the last install (as in recent
//!   hadolint and Trivy); a cache or tmpfs mount on `/var/cache/zypp` is accepted.
//! - <https://docs.docker.com/build/building/best-practices/#run>

use crate::prelude::*;
use crate::support::package_commands::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW024",
    name: "zypper-no-clean",
    summary: "`zypper install` without `zypper clean` in the same RUN",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL3036", "DS-0020"],
    default_enabled: true,
};

const CACHE_DIRS: &[&str] = &["/var/cache/zypp"];

fn install(c: &ShellCommand) -> Option<Verb> {
    if c.name() != Some("zypper") {
        return None;
    }
    zypper_verb(c).filter(|v| matches!(v.name.as_str(), "install" | "in"))
}

fn clean(c: &ShellCommand) -> bool {
    c.name() == Some("zypper")
        && zypper_verb(c).is_some_and(|v| matches!(v.name.as_str(), "clean" | "cc"))
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for run in shell_runs(ctx) {
        let Some((cmd, verb)) = missing_clean(&run, &install, &clean, CACHE_DIRS) else { continue };
        out.push(
            ctx.finding(
                &RULE,
                cmd_span(&run, &cmd, verb.index),
                format!("`zypper {}` is not followed by `zypper clean` in the same RUN{}: `{}`", verb.name, onbuild_note(&run), render(&cmd)),
            )
            .with_fix("Finish the same RUN with `&& zypper clean --all`, or mount the cache: `RUN --mount=type=cache,target=/var/cache/zypp zypper -n install …`."),
        );
    }
}
