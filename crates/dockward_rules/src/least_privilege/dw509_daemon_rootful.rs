//! ## What it does
//! Flags a Docker daemon that runs as root without user-namespace remapping: neither `rootless`
//! nor `userns` appears in `SecurityOptions` of `docker info`.
//!
//! When dockward reads the daemon's options on its machine, a non-empty `userns-remap`
//! (command line or daemon.json) counts as remapping too, consistently with `docker info`,
//! which lists `name=userns` exactly when the running daemon remaps. If `docker info` did list
//! the daemon's security options and `userns` is not among them while `userns-remap` is set,
//! the setting was made after the daemon started: that is reported, at the setting.
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
    let remap = ctx
        .files()
        .and_then(|files| files.daemon_setting("userns-remap"))
        .filter(|s| s.value.as_str().is_some_and(|v| !v.trim().is_empty()));
    if let Some(s) = remap {
        // `docker info` said nothing about security options: the setting is the evidence.
        if f.security_options.is_empty() {
            return;
        }
        out.push(
            ctx.finding_setting(&RULE, &s, format!("`userns-remap` is set to `{}` but the running daemon does not remap (no `name=userns` in `docker info`): root in a container is root on the host until the daemon is restarted", s.value.as_str().unwrap_or_default()))
                .with_fix("Restart the daemon (`systemctl restart docker`) so it applies `userns-remap`, then check `docker info` lists `name=userns`."),
        );
        return;
    }
    out.push(
        ctx.finding(&RULE, "the daemon runs as root without user-namespace remapping: root in a container is root on the host")
            .with_fix("Enable `\"userns-remap\": \"default\"` in /etc/docker/daemon.json, or run the daemon in rootless mode."),
    );
}
