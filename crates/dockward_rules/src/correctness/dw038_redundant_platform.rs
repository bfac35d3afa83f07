//! ## What it does
//! Flags `FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`): the platform a stage is
//! built for when no `--platform` is given.
//!
//! ## Why is this bad?
//! The flag changes nothing, and it suggests to readers that the stage is pinned to some
//! platform. `--platform` on `FROM` is useful with `$BUILDPLATFORM` (cross-compiling stages
//! that run on the build host) or with a fixed platform; `$TARGETPLATFORM` is the default.
//!
//! ## Example
//! ```dockerfile
//! FROM --platform=$TARGETPLATFORM alpine:3.20
//! RUN apk add --no-cache ca-certificates
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM alpine:3.20
//! RUN apk add --no-cache ca-certificates
//! ```
//!
//! ## References
//! - hadolint DL3065 (setting `FROM --platform` to the predefined `$TARGETPLATFORM` is
//!   redundant)
//! - BuildKit build check `RedundantTargetPlatform`
//! - <https://docs.docker.com/reference/build-checks/redundant-target-platform/>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW038",
    name: "redundant-platform",
    summary: "FROM --platform=$TARGETPLATFORM is the default",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL3065", "RedundantTargetPlatform"],
    default_enabled: true,
};

fn is_target_platform(value: &str) -> bool {
    let v = value.trim();
    let v = v.strip_prefix('"').and_then(|s| s.strip_suffix('"')).unwrap_or(v);
    v == "$TARGETPLATFORM" || v == "${TARGETPLATFORM}"
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for inst in ctx.instructions().iter().filter(|i| i.keyword == Keyword::From) {
        for flag in inst.flags_named("platform") {
            let Some(value) = &flag.value else { continue };
            if !is_target_platform(value) {
                continue;
            }
            out.push(
                ctx.finding(&RULE, flag.span, format!("`--platform={value}` is redundant: every stage is built for the target platform unless told otherwise"))
                    .with_fix("Remove the `--platform` flag from this FROM (use `--platform=$BUILDPLATFORM` only for stages that must run on the build host)."),
            );
        }
    }
}
