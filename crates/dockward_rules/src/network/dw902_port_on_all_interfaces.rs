//! ## What it does
//! Reports each published port that listens on every host interface: a `ports:` entry without
//! a host address (`"8080:80"`, `"80"`, `"8000-8010:8000-8010"`, long syntax without
//! `host_ip`), or bound to an unspecified address (`0.0.0.0`, `::`, `[::]`, `::ffff:0.0.0.0`, in
//! the short syntax or as `host_ip`). One finding per mapping, quoting it as written; the same
//! for a live container's port bindings.
//!
//! A port with only a container port (`"80"`, or long syntax with `target` and no
//! `published`) is published too: Docker picks a random host port, on every interface.
//! `expose:` publishes nothing and is not reported. Ports of a service in `network_mode: host`,
//! `none`, `service:...` or `container:...` are not reported: Docker discards or refuses them
//! (DW901 covers host networking). A host address written as a variable counts by its value:
//! `${BIND_IP}:8080:80` with `BIND_IP` unset publishes on every interface, and the finding says
//! so.
//!
//! ## Why is this bad?
//! A port published on all interfaces is reachable from every network the host is attached to
//! (the internet, for a server with a public address), and Docker opens it with its own
//! iptables/nftables rules that take precedence over host firewalls such as UFW or firewalld:
//! "the firewall blocks it" is usually wrong. Databases, admin consoles and debug endpoints end
//! up public this way. Binding to `127.0.0.1` (or to one internal interface) keeps the port for
//! the host, a local reverse proxy or an SSH tunnel.
//!
//! ## Example
//! ```yaml
//! services:
//!   db:
//!     image: postgres:17
//!     ports:
//!       - "5432:5432"
//!   admin:
//!     image: example/admin:1.0
//!     ports:
//!       - target: 8080
//!         published: 8080
//!         host_ip: 0.0.0.0
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   db:
//!     image: postgres:17
//!     ports:
//!       - "127.0.0.1:5432:5432"
//!   admin:
//!     image: example/admin:1.0
//!     ports:
//!       - target: 8080
//!         published: 8080
//!         host_ip: 127.0.0.1
//! ```
//!
//! A service that must be public (the reverse proxy on 80/443) is the one place where an
//! all-interfaces binding is intended: suppress it there with a reason,
//! `# dockward: ignore[DW902] public entry point`.
//!
//! ## References
//! - compose-lint CL-0005; KICS container_traffic_not_bound_to_host_interface (which only
//!   recognises a missing address: it does not flag an explicit `0.0.0.0`); CIS Docker
//!   Benchmark 5.14 (ensure that incoming container traffic is bound to a specific host
//!   interface)
//! - <https://docs.docker.com/engine/network/packet-filtering-firewalls/#docker-and-ufw>
//! - <https://docs.docker.com/reference/compose-file/services/#ports>

use crate::prelude::*;
use crate::support::published_ports::{is_wildcard_ip, port_text, ports_ignored};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW902",
    name: "port-on-all-interfaces",
    summary: "Port published on all host interfaces",
    practice: Practice::Network,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::Medium,
    equivalents: &["CL-0005", "KICS-container_traffic_not_bound_to_host_interface", "CIS-5.14"],
    default_enabled: true,
};

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    if ports_ignored(ctx.spec).is_some() {
        return;
    }
    for p in &ctx.spec.ports {
        let m = &p.value;
        if !is_wildcard_ip(m.host_ip.as_deref()) {
            continue;
        }
        let text = port_text(m);
        let proto = &m.protocol;
        let host = match m.published.filter(|r| !(r.start == 0 && r.end == 0)) {
            Some(h) if h.start == h.end => format!("host port {h}"),
            Some(h) => format!("host ports {h}"),
            None => "a random host port".to_string(),
        };
        let bound = match m.host_ip.as_deref() {
            None => "without a host address".to_string(),
            Some(ip) if ip.trim().is_empty() => "with an empty host address".to_string(),
            Some(ip) => format!("bound to `{ip}`"),
        };
        let msg = format!(
            "{} publishes `{text}` {bound}: {host} → container port {}/{proto} is reachable on every host interface, past host firewalls such as UFW",
            ctx.what(),
            m.target
        );
        // Suggested binding: keep the host/container fields, replace the address.
        let suggestion = match (&m.raw, m.published) {
            (Some(_), Some(h)) => format!("`127.0.0.1:{h}:{}{}`", m.target, proto_suffix(proto)),
            (Some(_), None) => format!("`127.0.0.1::{}{}`", m.target, proto_suffix(proto)),
            (None, _) => "`host_ip: 127.0.0.1`".to_string(),
        };
        // KICS recognises only a missing address (a published value without a dot).
        let equivalents: &[&str] = if m.host_ip.as_deref().is_some_and(|ip| ip.contains('.')) {
            &["CL-0005", "CIS-5.14"]
        } else {
            RULE.equivalents
        };
        out.push(
            ctx.finding_at(&RULE, p, msg)
                .with_fix(format!("Bind it to one interface: {suggestion} for the host only (a local reverse proxy, an SSH tunnel), or a private address; if it must be public, put a reverse proxy with TLS in front and suppress the finding there."))
                .with_equivalents(equivalents.iter().copied()),
        );
    }
}

fn proto_suffix(proto: &str) -> String {
    if proto.eq_ignore_ascii_case("tcp") { String::new() } else { format!("/{proto}") }
}
