//! ## What it does
//! Checks that a RUN that installs packages with `yum` (`install`, `groupinstall`,
//! `localinstall`, `reinstall`, `group install`) also runs `yum clean all` (or removes
//! `/var/cache/yum`) after the last install, in the same RUN. A RUN whose `/var/cache/yum` (or
//! `/var/cache/dnf`, where yum is dnf) is a `--mount=type=cache` or `tmpfs` mount is fine: the
//! cache never reaches the layer.
//!
//! ## Why is this bad?
//! yum keeps repository metadata (and, depending on `keepcache`, the downloaded packages) in
//! `/var/cache/yum`. Left in the layer, it adds tens to hundreds of megabytes to the image; a
//! `yum clean all` in a later RUN cannot shrink the earlier layer.
//!
//! ## Example
//! ```dockerfile
//! FROM centos:7
//! RUN yum install -y httpd
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM centos:7
//! RUN yum install -y httpd && yum clean all && rm -rf /var/cache/yum
//! ```
//!
//! ## References
//! - hadolint DL3032; Trivy DS-0015
//! - Differences from hadolint: the clean must come after the last install (hadolint accepts a
//!   clean anywhere in the RUN, and any `rm -rf`); `groupinstall`/`localinstall`/`reinstall`
//!   count as installs; a cache or tmpfs mount on the yum cache directory is accepted.
//! - <https://docs.docker.com/build/building/best-practices/#run>

use crate::prelude::*;
use crate::support::package_commands::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW021",
    name: "yum-no-clean",
    summary: "`yum install` without `yum clean all` in the same RUN",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL3032", "DS-0015"],
    default_enabled: true,
};

const CACHE_DIRS: &[&str] = &["/var/cache/yum", "/var/cache/dnf"];

fn install(c: &ShellCommand) -> Option<Verb> {
    if c.name() != Some("yum") {
        return None;
    }
    rpm_verb(c).filter(rpm_verb_installs)
}

fn clean(c: &ShellCommand) -> bool {
    matches!(c.name(), Some("yum" | "dnf")) && rpm_verb(c).is_some_and(|v| v.name == "clean")
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for run in shell_runs(ctx) {
        let Some((cmd, verb)) = missing_clean(&run, &install, &clean, CACHE_DIRS) else { continue };
        out.push(
            ctx.finding(
                &RULE,
                cmd_span(&run, &cmd, verb.last_index()),
                format!("`yum {}` is not followed by `yum clean all` in the same RUN{}: `{}`", verb.display(), onbuild_note(&run), render(&cmd)),
            )
            .with_fix("Finish the same RUN with `&& yum clean all && rm -rf /var/cache/yum`, or mount the cache: `RUN --mount=type=cache,target=/var/cache/yum yum install -y …`."),
        );
    }
}
