//! ## What it does
//! Flags a Docker daemon without an authorization plugin (`Plugins.Authorization` empty in
//! `docker info`).
//!
//! ## Why is this bad?
//! Without one, whoever can reach the Engine API may do everything: any member of the `docker`
//! group can start privileged containers or mount the host's disk. An authorization plugin
//! (e.g. OPA's `opa-docker-authz`) can allow or deny each API request.
//!
//! ## Example
//! ```json
//! { }
//! ```
//!
//! ## Use instead
//! ```json
//! { "authorization-plugins": ["opa-docker-authz"] }
//! ```
//!
//! ## References
//! - CIS Docker Benchmark 2.12
//! - <https://docs.docker.com/engine/extend/plugins_authorization/>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW1006",
    name: "no-authz-plugin",
    summary: "No authorization plugin",
    practice: Practice::HostAudit,
    surfaces: &[Surface::Host],
    severity: Severity::Info,
    equivalents: &["CIS-2.12"],
    default_enabled: true,
};

pub fn check_host(ctx: &HostCtx, out: &mut Vec<Finding>) {
    if ctx.facts.authorization_plugins.is_empty() {
        out.push(
            ctx.finding(&RULE, "the daemon has no authorization plugin: every client that reaches the API may do everything")
                .with_fix("Install an authorization plugin and list it in `authorization-plugins` in /etc/docker/daemon.json, if API access must be restricted per request."),
        );
    }
}
