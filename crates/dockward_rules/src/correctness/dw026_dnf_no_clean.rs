//! ## What it does
//! Checks that a RUN that installs packages with `dnf` or `microdnf` (`install`,
//! `groupinstall`, `localinstall`, `reinstall`, `group install`, `module install`) also runs
//! `dnf clean all` / `microdnf clean all` (or removes the cache directory: `/var/cache/dnf`,
//! `/var/cache/yum`, `/var/cache/libdnf5`) after the last install, in the same RUN. A RUN whose
//! cache directory is a `--mount=type=cache` or `tmpfs` mount is fine.
//!
//! ## Why is this bad?
//! dnf keeps repository metadata (often 100 MB and more) and, with `keepcache`, the packages in
//! its cache directory. Left in the layer, it bloats the image; a clean in a later RUN cannot
//! shrink the earlier layer.
//!
//! ## Example
//! ```dockerfile
//! FROM fedora:40
//! RUN dnf install -y httpd
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM fedora:40
//! RUN dnf install -y httpd && dnf clean all
//! ```
//!
//! ## References
//! - hadolint DL3040; Trivy DS-0019
//! - Differences from hadolint: any of `dnf`/`microdnf`/`yum clean` cleans the shared cache (hadolint
//!   wants the same tool's clean); the clean must come after the last install; a cache or tmpfs
//!   mount on the cache directory is accepted.
//! - <https://docs.docker.com/build/building/best-practices/#run>

use crate::prelude::*;
use crate::support::package_commands::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW026",
    name: "dnf-no-clean",
    summary: "`dnf install` without `dnf clean all` in the same RUN",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL3040", "DS-0019"],
    default_enabled: true,
};

const CACHE_DIRS: &[&str] = &["/var/cache/dnf", "/var/cache/yum", "/var/cache/libdnf5"];

fn is_dnf(c: &ShellCommand) -> bool {
    matches!(c.name(), Some("dnf" | "microdnf" | "dnf5" | "dnf-3"))
}

fn install(c: &ShellCommand) -> Option<Verb> {
    if !is_dnf(c) {
        return None;
    }
    rpm_verb(c).filter(rpm_verb_installs)
}

fn clean(c: &ShellCommand) -> bool {
    (is_dnf(c) || c.name() == Some("yum")) && rpm_verb(c).is_some_and(|v| v.name == "clean")
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for run in shell_runs(ctx) {
        let Some((cmd, verb)) = missing_clean(&run, &install, &clean, CACHE_DIRS) else { continue };
        let tool = cmd.name().unwrap_or("dnf").to_string();
        let cache = match tool.as_str() {
            "microdnf" => "/var/cache/yum",
            "dnf5" => "/var/cache/libdnf5",
            _ => "/var/cache/dnf",
        };
        out.push(
            ctx.finding(
                &RULE,
                cmd_span(&run, &cmd, verb.last_index()),
                format!("`{tool} {}` is not followed by `{tool} clean all` in the same RUN{}: `{}`", verb.display(), onbuild_note(&run), render(&cmd)),
            )
            .with_fix(format!("Finish the same RUN with `&& {tool} clean all`, or mount the cache: `RUN --mount=type=cache,target={cache} {tool} install -y …`.")),
        );
    }
}
