//! ## What it does
//! Flags a Docker daemon started with `--iptables=false` (or `"iptables": false` in
//! daemon.json), found on dockerd's command line or in its configuration file. Only checked
//! when dockward audits a daemon on the machine it runs on (the host files are read); the
//! Engine API does not report this option.
//!
//! ## Why is this bad?
//! With iptables management off, Docker no longer writes the rules that isolate its networks
//! from each other (`DOCKER-ISOLATION`), masquerade container traffic, or restrict published
//! ports to what was published. Whatever rules an administrator writes by hand must then keep
//! up with every container and network Docker creates; in practice containers end up either
//! unreachable or reachable from places they should not be. Inter-container communication on
//! the default bridge cannot be turned off either (DW907): dockerd refuses `icc: false` without
//! iptables. CIS asks to let Docker manage iptables.
//!
//! ## Example
//! ```json
//! { "iptables": false }
//! ```
//!
//! ## Use instead
//! ```json
//! { }
//! ```
//! (the default, `iptables: true`), and firewall the host in the `DOCKER-USER` chain, which
//! Docker leaves to the administrator.
//!
//! ## References
//! - CIS Docker Benchmark 2.4 (Ensure Docker is allowed to make changes to iptables)
//! - <https://docs.docker.com/engine/network/packet-filtering-firewalls/>

use crate::prelude::*;
use crate::support::daemon_settings::{known_options, setting_bool};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW909",
    name: "iptables-disabled",
    summary: "Daemon may not manage iptables",
    practice: Practice::Network,
    surfaces: &[Surface::Host],
    severity: Severity::Medium,
    equivalents: &["CIS-2.4"],
    default_enabled: true,
};

pub fn check_host(ctx: &HostCtx, out: &mut Vec<Finding>) {
    let Some(files) = known_options(ctx, &RULE, out) else { return };
    let Some(s) = files.daemon_setting("iptables") else { return };
    if setting_bool(&s) != Some(false) {
        return;
    }
    out.push(
        ctx.finding_setting(&RULE, &s, "the daemon may not manage iptables (`iptables` is false): Docker neither isolates its networks from each other nor restricts traffic to published ports, and inter-container communication cannot be turned off")
            .with_fix("Remove `\"iptables\": false` from daemon.json (or `--iptables=false` from dockerd's command line) and restart the daemon; put your own host firewall rules in the `DOCKER-USER` chain."),
    );
}
