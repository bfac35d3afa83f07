//! ## What it does
//! Flags an audit run without Docker Content Trust: `DOCKER_CONTENT_TRUST` is unset, empty or
//! false in the environment `dockward host` runs in. The value is read as the Docker CLI reads
//! it: any non-empty value other than a Go false (`0`, `f`, `false`, `FALSE`, ...) enables it,
//! so `1`, `true` and even `yes` count.
//!
//! This checks the environment of the audit, i.e. the Docker CLI environment of the user
//! running it, which is what CIS 4.5 checks: content trust is a client-side setting of the
//! `docker` CLI (pull, run, build, push), not a daemon option, so no daemon setting or API
//! shows it. Run the audit from the account (or CI job) that pulls and runs the images.
//!
//! Docker Content Trust is built on Notary v1, which Docker is retiring: since 2025-08-08 the
//! DCT signing certificates of Docker Official Images expire, and with `DOCKER_CONTENT_TRUST=1`
//! their pulls fail; the Notary v1 service at notary.docker.io is being shut down. The rule
//! stays because the CIS benchmark asks for it, at low severity, and its fix points to the
//! signature verification that replaces DCT.
//!
//! ## Why is this bad?
//! Without signature verification, `docker pull` and `docker run` accept whatever image the
//! registry (or anyone between it and the host) serves for a tag: a compromised registry
//! account or a tampered mirror goes unnoticed.
//!
//! ## Example
//! ```text
//! $ unset DOCKER_CONTENT_TRUST
//! $ docker pull example/api:1.4
//! ```
//!
//! ## Use instead
//! Verify signatures before images run: sign with Sigstore cosign or Notation and verify in CI
//! or with a policy at deployment (`cosign verify`, `notation verify`), and pin images by
//! digest. Where Notary v1 signatures are still served for your own images,
//! `export DOCKER_CONTENT_TRUST=1` is what CIS 4.5 literally asks for.
//!
//! ## References
//! - CIS Docker Benchmark 4.5 (Ensure Content trust for Docker is Enabled)
//! - <https://docs.docker.com/engine/security/trust/>
//! - <https://www.docker.com/blog/retiring-docker-content-trust/>

use crate::prelude::*;
use crate::support::daemon_settings::go_bool;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW701",
    name: "content-trust-disabled",
    summary: "Image signature verification not enforced (Docker Content Trust off)",
    practice: Practice::ContentTrust,
    surfaces: &[Surface::Host],
    severity: Severity::Low,
    equivalents: &["CIS-4.5"],
    default_enabled: true,
};

const FIX: &str = "Verify image signatures before they run (Sigstore cosign or Notation, in CI or a deployment policy) and pin images by digest. `export DOCKER_CONTENT_TRUST=1` satisfies CIS 4.5 but relies on Notary v1, which Docker is retiring: it makes pulls of Docker Official Images fail since 2025-08-08.";

/// As the Docker CLI decides (`WithContentTrustFromEnv`): a non-empty value enables content
/// trust unless it parses as a Go false.
fn enabled(value: Option<&str>) -> bool {
    match value {
        None | Some("") => false,
        Some(v) => go_bool(v) != Some(false),
    }
}

pub fn check_host(ctx: &HostCtx, out: &mut Vec<Finding>) {
    let value = ctx.facts.content_trust.as_deref();
    if enabled(value) {
        return;
    }
    let state = match value {
        None => "is not set".to_string(),
        Some("") => "is empty".to_string(),
        Some(v) => format!("is `{v}`"),
    };
    out.push(
        ctx.finding(&RULE, format!("Docker Content Trust is off in the audit's environment (`DOCKER_CONTENT_TRUST` {state}): the Docker CLI pulls and runs images without verifying their signatures"))
            .with_fix(FIX),
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn as_the_cli_reads_it() {
        for on in ["1", "true", "TRUE", "t", "yes", "on"] {
            assert!(super::enabled(Some(on)), "{on}");
        }
        for off in ["0", "false", "False", "f", ""] {
            assert!(!super::enabled(Some(off)), "{off}");
        }
        assert!(!super::enabled(None));
    }
}
