//! ## What it does
//! Flags every swarm overlay network (driver `overlay`, from `GET /networks`) created without
//! the `encrypted` driver option, one finding per network, naming it.
//!
//! Decisions:
//! - The option counts when it is present, whatever its value: the overlay driver enables
//!   IPsec when the `encrypted` key exists (`if _, ok := optMap[secureOption]; ok` in moby's
//!   `libnetwork/drivers/overlay/ov_network.go`), so even `--opt encrypted=false` encrypts.
//! - The `ingress` network counts too. It carries the routing-mesh traffic of every published
//!   service port between nodes, which is exactly the traffic CIS wants encrypted, and Docker
//!   Bench reports it the same way. It can be re-created encrypted (see below).
//!
//! ## Why is this bad?
//! By default, overlay traffic between containers on different nodes travels as plain VXLAN
//! over the nodes' network: anyone on that network can read it, and inject packets into the
//! overlay. Only the swarm's control plane is encrypted out of the box; the data plane needs
//! `--opt encrypted` (IPsec ESP between the nodes).
//!
//! ## Example
//! ```text
//! $ docker network create --driver overlay backend
//! ```
//!
//! ## Use instead
//! ```text
//! $ docker network create --driver overlay --opt encrypted backend
//! ```
//! An existing network cannot be changed: create an encrypted one and move the services to it.
//! For `ingress`: with no service publishing ports, `docker network rm ingress`, then
//! `docker network create --driver overlay --ingress --opt encrypted ingress`. Encrypted
//! overlays need IP protocol 50 (ESP) allowed between the nodes and are not supported on
//! Windows nodes. Older Engines could send some "encrypted" traffic in the clear
//! (CVE-2023-28840/28841/28842; DW101).
//!
//! ## References
//! - CIS Docker Benchmark 7.3 (v1.6.0: Ensure that all Docker swarm overlay networks are
//!   encrypted; 7.4 in v1.2.0)
//! - <https://docs.docker.com/engine/network/drivers/overlay/#encrypt-traffic-on-an-overlay-network>
//! - <https://docs.docker.com/engine/swarm/networking/#customize-the-default-ingress-network>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW910",
    name: "overlay-unencrypted",
    summary: "Swarm overlay network without encryption",
    practice: Practice::Network,
    surfaces: &[Surface::Host],
    severity: Severity::Medium,
    equivalents: &["CIS-7.3"],
    default_enabled: true,
};

pub fn check_host(ctx: &HostCtx, out: &mut Vec<Finding>) {
    for n in ctx.facts.networks.iter().filter(|n| n.driver == "overlay") {
        if n.options.contains_key("encrypted") {
            continue;
        }
        let (what, fix) = if n.name == "ingress" {
            (
                "the swarm `ingress` network (routing-mesh traffic of published ports)".to_string(),
                "Re-create it encrypted while no service publishes ports: `docker network rm ingress`, then `docker network create --driver overlay --ingress --opt encrypted ingress`.",
            )
        } else {
            (
                format!("overlay network `{}`", n.name),
                "Create an encrypted overlay network (`docker network create --driver overlay --opt encrypted NAME`, or `driver_opts: {encrypted: \"\"}` in a stack file) and move the services to it; the option cannot be added to an existing network.",
            )
        };
        out.push(ctx.finding(&RULE, format!("{what} is not encrypted: traffic between containers on different nodes crosses the network as plain VXLAN")).with_fix(fix));
    }
}
