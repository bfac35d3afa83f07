//! ## What it does
//! Flags a Docker Engine whose release line (`20.10`, `24.0`, `28`) is past its end of life on
//! the day of the audit, from the Engine version of `GET /version` and the embedded
//! endoflife.date table (`docker-engine` product).
//!
//! ## Why is this bad?
//! An unmaintained release line gets no more security fixes: every advisory published after its
//! end of life stays open on this host (see DW101 for the known ones).
//!
//! ## Example
//! ```text
//! $ docker version --format '{{.Server.Version}}'
//! 20.10.24
//! ```
//!
//! ## Use instead
//! ```text
//! $ docker version --format '{{.Server.Version}}'
//! 29.7.2
//! ```
//! Distribution packages (Debian, Ubuntu, RHEL) may be maintained by the distribution beyond the
//! upstream date: the finding says when the version is a distribution build.
//!
//! ## References
//! - CIS Docker Benchmark 1.2.2
//! - <https://endoflife.date/docker-engine>
//! - <https://docs.docker.com/engine/release-notes/>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW102",
    name: "engine-unsupported",
    summary: "Engine release line no longer maintained",
    practice: Practice::KeepUpdated,
    surfaces: &[Surface::Host],
    severity: Severity::Medium,
    equivalents: &["CIS-1.2.2"],
    default_enabled: true,
};

pub fn check_host(ctx: &HostCtx, out: &mut Vec<Finding>) {
    let Some(version) = ctx.facts.engine_version.as_deref() else { return };
    let Some(r) = dockward_knowledge::eol::resolve_release("docker-engine", version) else {
        return;
    };
    if !r.is_eol_on(ctx.today) {
        return;
    }
    let when = r.eol_date().map(|d| format!(" on {d}")).unwrap_or_default();
    let mut msg = format!(
        "Docker Engine {version} belongs to release line {}, which reached end of life{when} ({})",
        r.cycle, r.source
    );
    if version.contains(['+', '~']) || version.contains("ubuntu") || version.contains(".el") {
        msg.push_str(&format!(" [`{version}` is a distribution build: the distribution may still patch it, check its support policy]"));
    }
    out.push(ctx.finding(&RULE, msg).with_fix("Upgrade to a maintained Docker Engine release line (https://endoflife.date/docker-engine)."));
}
