//! ## What it does
//! Flags daemon settings the CIS Benchmark asks to change, one finding each: live restore off,
//! experimental features on, the deprecated `aufs`/`devicemapper` storage drivers, swarm mode
//! active, and the userland proxy on (CIS 2.16). The userland proxy is not visible through the Engine
//! API: it is only checked when dockward reads the daemon's options on its machine
//! (`userland-proxy` on dockerd's command line or in daemon.json; on unless set to false),
//! and reported at the setting, or on the daemon when it is not set.
//!
//! ## Why is this bad?
//! - Without live restore, stopping or upgrading the daemon stops every container, which
//!   discourages timely daemon updates (CIS 2.15).
//! - Experimental features are not meant for production and get less security scrutiny (CIS 2.18).
//! - `aufs` and `devicemapper` are deprecated and removed in current Engines (CIS 2.6).
//! - Swarm mode opens management ports (2377, 7946, 4789) and stores secrets on the node; when
//!   unused it only adds attack surface (CIS 5.1).
//! - The userland proxy runs one `docker-proxy` process per published port, a root-owned
//!   userspace forwarder in front of every published service; with it off, the kernel's NAT
//!   (hairpin) forwards the traffic and that attack surface is gone (CIS 2.16).
//!
//! ## Example
//! ```json
//! { "experimental": true, "storage-driver": "devicemapper" }
//! ```
//!
//! ## Use instead
//! ```json
//! { "live-restore": true, "storage-driver": "overlay2", "userland-proxy": false }
//! ```
//! and `docker swarm leave` on hosts that do not run swarm services.
//!
//! ## References
//! - CIS Docker Benchmark v1.6.0 2.6, 2.15, 2.16, 2.18, 5.1
//! - <https://docs.docker.com/engine/daemon/live-restore/>
//! - <https://docs.docker.com/engine/network/packet-filtering-firewalls/#docker-on-a-router>
//! - <https://docs.docker.com/engine/storage/drivers/select-storage-driver/>

use crate::prelude::*;
use crate::support::daemon_settings::{known_options, setting_bool};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW1007",
    name: "daemon-hardening",
    summary: "Daemon setting weakens the host (live restore, userland proxy, experimental, storage driver, swarm)",
    practice: Practice::HostAudit,
    surfaces: &[Surface::Host],
    severity: Severity::Low,
    equivalents: &["CIS-2.6", "CIS-2.15", "CIS-2.16", "CIS-2.18", "CIS-5.1"],
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
    userland_proxy(ctx, out);
    if f.swarm_state.as_deref() == Some("active") {
        out.push(cis(
            ctx.finding(&RULE, "swarm mode is active on this node")
                .with_fix("If the host runs no swarm services, `docker swarm leave` (`--force` on a manager)."),
            "CIS-5.1",
        ));
    }
}

/// CIS 2.16: `userland-proxy` is on unless set to false (dockerd's default is on).
fn userland_proxy(ctx: &HostCtx, out: &mut Vec<Finding>) {
    let start = out.len();
    let Some(files) = known_options(ctx, &RULE, out) else {
        for f in &mut out[start..] {
            f.equivalents = vec![std::borrow::Cow::Borrowed("CIS-2.16")];
        }
        return;
    };
    let setting = files.daemon_setting("userland-proxy");
    if setting.as_ref().and_then(setting_bool) == Some(false) {
        return;
    }
    let why = "published ports are served by a root-owned `docker-proxy` process each, instead of the kernel's NAT";
    let f = match &setting {
        Some(s) => ctx.finding_setting(&RULE, s, format!("the userland proxy is on (`userland-proxy` is not false): {why}")),
        None => ctx.finding(&RULE, format!("the userland proxy is on (dockerd's default: no `userland-proxy: false` in daemon.json, no `--userland-proxy=false`): {why}")),
    };
    out.push(cis(f.with_fix("Set `\"userland-proxy\": false` in daemon.json and restart the daemon; the kernel's NAT then forwards published ports, also from the host's loopback (check that clients using `localhost:PORT` still work)."), "CIS-2.16"));
}
