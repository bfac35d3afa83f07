//! ## What it does
//! Flags a Docker daemon that runs as root without user-namespace remapping: neither `rootless`
//! nor `userns` appears in `SecurityOptions` of `docker info`.
//!
//! ## Why is this bad?
//! Root in a container is then root on the host (uid 0 maps to uid 0): any container escape,
//! or any container given a sensitive mount, acts with full host privileges. Rootless mode or
//! `userns-remap` maps container root to an unprivileged host user.
//!
//! ## Example
//! ```json
//! { }
//! ```
//!
//! ## Use instead
//! ```json
//! { "userns-remap": "default" }
//! ```
//! or run the daemon rootless (`dockerd-rootless-setuptool.sh install`).
//!
//! ## References
//! - CIS Docker Benchmark 2.1, 2.9
//! - <https://docs.docker.com/engine/security/userns-remap/>
//! - <https://docs.docker.com/engine/security/rootless/>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW509",
    name: "daemon-rootful",
    summary: "Daemon neither rootless nor using userns-remap",
    practice: Practice::LeastPrivilege,
    surfaces: &[Surface::Host],
    severity: Severity::Info,
    equivalents: &["CIS-2.1", "CIS-2.9"],
    default_enabled: true,
};

pub fn check_host(ctx: &HostCtx, out: &mut Vec<Finding>) {
    let f = ctx.facts;
    if f.rootless || f.userns {
        return;
    }
    out.push(
        ctx.finding(&RULE, "the daemon runs as root without user-namespace remapping: root in a container is root on the host")
            .with_fix("Enable `\"userns-remap\": \"default\"` in /etc/docker/daemon.json, or run the daemon in rootless mode."),
    );
}
