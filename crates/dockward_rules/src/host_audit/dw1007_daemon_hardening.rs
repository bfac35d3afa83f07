//! ## What it does
//! Flags daemon settings the CIS Benchmark asks to change, one finding each: live restore off,
//! experimental features on, the deprecated `aufs`/`devicemapper` storage drivers, swarm mode
//! active. (userland-proxy, CIS 2.16, is not visible through the Engine API and not checked.)
//!
//! ## Why is this bad?
//! - Without live restore, stopping or upgrading the daemon stops every container, which
//!   discourages timely daemon updates (CIS 2.15).
//! - Experimental features are not meant for production and get less security scrutiny (CIS 2.18).
//! - `aufs` and `devicemapper` are deprecated and removed in current Engines (CIS 2.6).
//! - Swarm mode opens management ports (2377, 7946, 4789) and stores secrets on the node; when
//!   unused it only adds attack surface (CIS 5.1).
//!
//! ## Example
//! ```json
//! { "experimental": true, "storage-driver": "devicemapper" }
//! ```
//!
//! ## Use instead
//! ```json
//! { "live-restore": true, "storage-driver": "overlay2" }
//! ```
//! and `docker swarm leave` on hosts that do not run swarm services.
//!
//! ## References
//! - CIS Docker Benchmark v1.6.0 2.6, 2.15, 2.18, 5.1
//! - <https://docs.docker.com/engine/daemon/live-restore/>
//! - <https://docs.docker.com/engine/storage/drivers/select-storage-driver/>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW1007",
    name: "daemon-hardening",
    summary: "Daemon setting weakens the host (live restore, experimental, storage driver, swarm)",
    practice: Practice::HostAudit,
    surfaces: &[Surface::Host],
    severity: Severity::Low,
    equivalents: &["CIS-2.6", "CIS-2.15", "CIS-2.18", "CIS-5.1"],
    default_enabled: true,
};

fn cis(f: Finding, section: &'static str) -> Finding {
    Finding { equivalents: vec![std::borrow::Cow::Borrowed(section)], ..f }
}

pub fn check_host(ctx: &HostCtx, out: &mut Vec<Finding>) {
    let f = ctx.facts;
    if f.live_restore == Some(false) {
        out.push(cis(
            ctx.finding(&RULE, "live restore is disabled: stopping or upgrading the daemon stops every container")
                .with_fix("Set `\"live-restore\": true` in /etc/docker/daemon.json (not available in swarm mode)."),
            "CIS-2.15",
        ));
    }
    if f.experimental == Some(true) {
        out.push(cis(
            ctx.finding(&RULE, "experimental features are enabled on the daemon")
                .with_fix("Remove `\"experimental\": true` from /etc/docker/daemon.json (no `--experimental`)."),
            "CIS-2.18",
        ));
    }
    if let Some(d @ ("aufs" | "devicemapper")) = f.storage_driver.as_deref() {
        out.push(cis(
            ctx.finding(&RULE, format!("the daemon uses the deprecated `{d}` storage driver"))
                .with_fix("Migrate to `overlay2` (`\"storage-driver\": \"overlay2\"`); images and containers must be re-created."),
            "CIS-2.6",
        ));
    }
    if f.swarm_state.as_deref() == Some("active") {
        out.push(cis(
            ctx.finding(&RULE, "swarm mode is active on this node")
                .with_fix("If the host runs no swarm services, `docker swarm leave` (`--force` on a manager)."),
            "CIS-5.1",
        ));
    }
}
