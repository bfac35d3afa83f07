//! ## What it does
//! Reports `FROM --platform=<value>` when the value is a constant platform (`linux/amd64`), or a
//! variable of the file whose value is such a constant. Platform variables that BuildKit sets
//! (`$BUILDPLATFORM`, `$TARGETPLATFORM`, `$TARGETOS/$TARGETARCH`, `$BUILDARCH`, ...) are the
//! intended use and are not reported, nor is a variable with no value in the file (it comes
//! from `--build-arg`). As in Docker's own build check, a stage whose name contains the
//! platform's architecture or OS (`AS build_arm64`) is accepted: it is one branch of a
//! per-platform multi-stage build.
//!
//! ## Why is this bad?
//! A constant `--platform` pins the stage to one platform: the Dockerfile can no longer build a
//! multi-platform image, and on a machine of another architecture the stage runs under
//! emulation (slow) or produces an image for the wrong architecture. Choose the platform on
//! the command line (`docker build --platform`) instead.
//!
//! ## Example
//! ```dockerfile
//! FROM --platform=linux/amd64 python:3.12-slim
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM python:3.12-slim
//! ```
//!
//! ## References
//! - hadolint DL3029; BuildKit check FromPlatformFlagConstDisallowed
//! - Differences from hadolint: hadolint accepts only values containing `BUILDPLATFORM` or
//!   `TARGETPLATFORM`, so it reports `--platform=$TARGETOS/$TARGETARCH` and per-platform stages
//!   such as `FROM --platform=linux/arm64 ... AS build_arm64`, both of which Docker recommends.
//! - <https://docs.docker.com/reference/build-checks/from-platform-flag-const-disallowed/>

use crate::prelude::*;
use crate::support::run_scripts::expand_global;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW019",
    name: "from-platform-flag",
    summary: "FROM --platform with a constant platform",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL3029", "FromPlatformFlagConstDisallowed"],
    default_enabled: true,
};

/// Platform ARGs that BuildKit sets automatically.
const AUTOMATIC: &[&str] = &[
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDARCH",
    "BUILDVARIANT",
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETARCH",
    "TARGETVARIANT",
];

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for stage in &ctx.model.stages {
        let from = ctx.inst(stage.from);
        let Some(flag) = from.flag("platform") else { continue };
        let Some(raw) = flag.value.as_deref() else { continue };
        let raw = raw.trim();
        if raw.is_empty() || AUTOMATIC.iter().any(|a| raw.contains(a)) {
            continue;
        }
        // FROM is expanded with the ARGs declared before the first FROM.
        let ex = expand_global(ctx, raw);
        if !ex.is_complete() {
            continue;
        }
        let value = ex.value.trim();
        if value.is_empty() {
            continue;
        }
        if let Some(name) = &stage.name {
            let parts: Vec<String> =
                value.split('/').map(str::to_ascii_lowercase).filter(|p| !p.is_empty()).collect();
            if parts.iter().any(|p| name.contains(p.as_str())) {
                continue;
            }
        }
        let via = if raw.contains('$') { format!(" (`{raw}`)") } else { String::new() };
        let which = match &stage.name {
            Some(n) => format!("stage `{n}`"),
            None => format!("stage {}", stage.index),
        };
        out.push(
            ctx.finding(&RULE, flag.span, format!("`FROM --platform={value}`{via} pins {which} to one platform: the Dockerfile cannot build other platforms"))
                .with_fix("Drop `--platform` and choose the platform with `docker build --platform`, or use `--platform=$BUILDPLATFORM` for stages that only produce build tools."),
        );
    }
}
