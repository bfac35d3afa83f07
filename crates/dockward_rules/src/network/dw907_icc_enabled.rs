//! ## What it does
//! Flags a Docker daemon whose default bridge network lets containers talk to each other
//! (`com.docker.network.bridge.enable_icc` is `true` on the `bridge` network, the default).
//!
//! ## Why is this bad?
//! Every container started without a network joins the default bridge, and with inter-container
//! communication (ICC) on, each of them can reach every port of every other one: a compromised
//! container can probe and attack unrelated services on the same host.
//!
//! ## Example
//! ```json
//! { }
//! ```
//! (`/etc/docker/daemon.json` without `"icc": false`: ICC is on.)
//!
//! ## Use instead
//! ```json
//! { "icc": false }
//! ```
//! and connect containers that must talk to each other through user-defined networks.
//!
//! ## References
//! - CIS Docker Benchmark 2.2
//! - <https://docs.docker.com/engine/network/drivers/bridge/#differences-between-user-defined-bridges-and-the-default-bridge>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW907",
    name: "icc-enabled",
    summary: "Inter-container traffic allowed on the default bridge",
    practice: Practice::Network,
    surfaces: &[Surface::Host],
    severity: Severity::Medium,
    equivalents: &["CIS-2.2"],
    default_enabled: true,
};

pub fn check_host(ctx: &HostCtx, out: &mut Vec<Finding>) {
    if ctx.facts.bridge_icc == Some(true) {
        out.push(
            ctx.finding(&RULE, "inter-container communication is enabled on the default bridge (`com.docker.network.bridge.enable_icc=true`): every container on it can reach every other")
                .with_fix("Set `\"icc\": false` in /etc/docker/daemon.json (or `dockerd --icc=false`), restart the daemon, and connect containers that must talk through user-defined networks."),
        );
    }
}
