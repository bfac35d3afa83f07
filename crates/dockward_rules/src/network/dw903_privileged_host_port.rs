//! ## What it does
//! Reports each published port whose host side is a privileged port, below 1024 (`"80:8080"`,
//! `"127.0.0.1:443:8443"`, long syntax `published: 25`, or a range that reaches below 1024 such
//! as `"1000-1030:1000-1030"`). Only the host port counts: a container port below 1024 mapped to
//! a high host port (`"8080:80"`) is fine, and so is a random host port (`"80"`, `published`
//! absent or `0`). Ports of a service whose `ports:` Docker discards or refuses
//! (`network_mode: host`, `none`, `service:...`, `container:...`) are not reported.
//!
//! ## Why is this bad?
//! Ports below 1024 are reserved on the host for services started by root, and clients and
//! operators trust them accordingly (SSH on 22, SMTP on 25, DNS on 53, HTTP(S) on 80/443).
//! Docker binds them on the container's behalf whatever user runs in it, so any container can
//! take over a well-known service port of the host, impersonate it, or collide with the host's
//! own daemon. CIS Docker Benchmark 5.8 asks for no privileged host port in container
//! mappings, and notes the one common exception: the HTTP(S) entry point of a host (a reverse
//! proxy or load balancer on 80/443). Findings on 80 and 443 say so.
//!
//! ## Example
//! ```yaml
//! services:
//!   app:
//!     image: example/app:2.1
//!     ports:
//!       - "127.0.0.1:80:8080"
//!   mail:
//!     image: example/mta:3
//!     ports:
//!       - target: 2525
//!         published: 25
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   app:
//!     image: example/app:2.1
//!     ports:
//!       - "127.0.0.1:8080:8080"   # a reverse proxy on the host serves 80/443
//!   proxy:
//!     image: caddy:2
//!     ports:
//!       - "443:443"   # dockward: ignore[DW903] the host's HTTPS entry point
//! ```
//!
//! ## References
//! - CIS Docker Benchmark 5.8 (ensure privileged ports are not mapped within containers);
//!   KICS privileged_ports_mapped_in_container (partly: KICS also flags container ports below
//!   1024, and skips services that drop NET_BIND_SERVICE)
//! - <https://docs.docker.com/engine/network/port-publishing/>

use crate::prelude::*;
use crate::support::published_ports::{host_ports, port_text, ports_ignored};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW903",
    name: "privileged-host-port",
    summary: "Host port below 1024 published",
    practice: Practice::Network,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::Low,
    equivalents: &["KICS-privileged_ports_mapped_in_container", "CIS-5.8"],
    default_enabled: true,
};

const PRIVILEGED_BELOW: u16 = 1024;

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    if ports_ignored(ctx.spec).is_some() {
        return;
    }
    // KICS skips a service that drops NET_BIND_SERVICE.
    let kics = !ctx.spec.cap_drop.iter().any(|c| {
        let c = c.value.trim().to_ascii_uppercase();
        c == "NET_BIND_SERVICE" || c == "CAP_NET_BIND_SERVICE"
    });
    for p in &ctx.spec.ports {
        let m = &p.value;
        let Some(h) = host_ports(m) else { continue };
        if h.start >= PRIVILEGED_BELOW {
            continue;
        }
        let text = port_text(m);
        let what = if h.start == h.end {
            format!("host port {h}, a privileged port (below {PRIVILEGED_BELOW})")
        } else {
            let hi = h.end.min(PRIVILEGED_BELOW - 1);
            let lo = h.start.max(1);
            let part = if lo == hi { format!("{lo}") } else { format!("{lo}-{hi}") };
            format!(
                "host ports {h}, which include privileged ports ({part}, below {PRIVILEGED_BELOW})"
            )
        };
        let web = h.start == h.end && matches!(h.start, 80 | 443);
        let note = if web {
            "; expected only on the host's HTTP(S) entry point (a reverse proxy or load balancer)"
        } else {
            ""
        };
        let fix = if web {
            format!(
                "If this service is the host's public HTTP(S) entry point, suppress the finding with that reason (`# dockward: ignore[DW903] HTTPS entry point`); otherwise publish a port of 1024 or above (`{}:{}`) and let the entry point forward to it.",
                h.start + 8000,
                m.target
            )
        } else {
            let example = if h.start == h.end {
                format!(" (e.g. `{}:{}`)", h.start.max(1).saturating_add(8000), m.target)
            } else {
                String::new()
            };
            format!(
                "Publish host ports of {PRIVILEGED_BELOW} or above{example}; if a well-known port must be served, put it on a dedicated entry point (a reverse proxy or load balancer) and suppress the finding there."
            )
        };
        let mut f = ctx
            .finding_at(&RULE, p, format!("{} publishes `{text}` on {what}{note}", ctx.what()))
            .with_fix(fix);
        if !kics {
            f = f.with_equivalents(["CIS-5.8"]);
        }
        out.push(f);
    }
}
