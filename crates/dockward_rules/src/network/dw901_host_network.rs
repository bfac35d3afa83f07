//! ## What it does
//! Flags containers that share the host's network namespace: Compose `network_mode: host`
//! (also when it comes from a variable such as `${NET:-host}`), a service attached to an
//! external network whose real name is `host` (`networks: {hostnet: {external: true, name:
//! host}}`, the spelling Swarm stacks use), or a live container whose `HostConfig.NetworkMode`
//! is `host`.
//!
//! ## Why is this bad?
//! With the host's network stack the container is not network-isolated at all: it can bind any
//! port on every host interface (no `ports:` decide what is reachable: they are discarded),
//! reach services that listen only on the host's loopback (databases, the Docker API on
//! `127.0.0.1:2375`, cloud metadata proxies, admin consoles), see every host interface and, with
//! `NET_RAW` (granted by default) or `NET_ADMIN`, sniff or reshape the host's traffic. Docker's
//! firewall rules for published ports and inter-container isolation do not apply to it.
//!
//! ## Example
//! ```yaml
//! services:
//!   app:
//!     image: example/app:2.1
//!     network_mode: host
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   app:
//!     image: example/app:2.1
//!     networks: [frontend]
//!     ports:
//!       - "127.0.0.1:8080:8080"   # only what the service serves, on one interface
//! networks:
//!   frontend: {}
//! ```
//!
//! Tools that genuinely need the host's network (a DHCP server, some VPN or monitoring agents)
//! should say so with a suppression that names the reason:
//! `# dockward: ignore[DW901] DHCP server needs broadcast on the LAN`.
//!
//! ## References
//! - compose-lint CL-0008; KICS shared_host_network_namespace; CIS Docker Benchmark 5.10
//!   (ensure that the host's network namespace is not shared)
//! - <https://docs.docker.com/engine/network/drivers/host/>
//! - <https://docs.docker.com/reference/compose-file/services/#network_mode>

use crate::prelude::*;
use crate::support::published_ports::port_text;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW901",
    name: "host-network",
    summary: "Container shares the host's network namespace",
    practice: Practice::Network,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::High,
    equivalents: &["CL-0008", "KICS-shared_host_network_namespace", "CIS-5.10"],
    default_enabled: true,
};

const FIX_CONTAINER: &str = "Recreate the container without `--network host`: on a user-defined network (`docker network create app`, `--network app`), publishing only the ports it serves, bound to one interface (`-p 127.0.0.1:8080:8080`).";
const FIX: &str = "Remove host networking; attach the service to a user-defined network (`networks: [frontend]`) and publish only the ports it serves, bound to one interface (`ports: [\"127.0.0.1:8080:8080\"]`).";

/// "; its `ports:` (`8080:80`, `443`) are discarded" when the service also lists ports.
fn discarded_ports(spec: &ContainerSpec) -> String {
    if spec.ports.is_empty() {
        return String::new();
    }
    let shown: Vec<String> =
        spec.ports.iter().take(4).map(|p| format!("`{}`", port_text(&p.value))).collect();
    let more = if spec.ports.len() > 4 { ", ..." } else { "" };
    format!("; its `ports:` ({}{more}) are discarded", shown.join(", "))
}

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    let spec = ctx.spec;
    if let Some(m) = &spec.network_mode
        && m.value.is_host()
    {
        out.push(
                ctx.finding_at(
                    &RULE,
                    m,
                    format!(
                        "{} uses the host's network namespace (`network_mode: host`): it can bind any port on every host interface and reach services listening on the host's loopback{}",
                        ctx.what(),
                        discarded_ports(spec)
                    ),
                )
                .with_fix(if ctx.surface == Surface::Container { FIX_CONTAINER } else { FIX }),
            );
    }
    for a in &spec.networks {
        // Compose: a project network that is the daemon's `host` network (external, named
        // `host`). A live container: an attachment to the network called `host`.
        let is_host = match &a.value.definition {
            Some(d) => d.external && d.name.as_deref().unwrap_or(&d.key) == "host",
            None => ctx.project.is_none() && a.value.name == "host",
        };
        if !is_host || spec.network_mode.as_ref().is_some_and(|m| m.value.is_host()) {
            continue;
        }
        let what = if a.value.name == "host" {
            "the network `host`".to_string()
        } else {
            format!("network `{}`, the external network `host`,", a.value.name)
        };
        out.push(
            ctx.finding_at(
                &RULE,
                a,
                format!(
                    "{} is attached to {what} and so uses the host's network namespace: it can bind any port on every host interface and reach services listening on the host's loopback{}",
                    ctx.what(),
                    discarded_ports(spec)
                ),
            )
            .with_fix(if ctx.surface == Surface::Container { FIX_CONTAINER } else { FIX })
            .with_equivalents(["CIS-5.10"]),
        );
    }
}
