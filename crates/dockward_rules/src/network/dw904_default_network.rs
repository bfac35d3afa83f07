//! ## What it does
//! Reports containers that are not on a network of their own choosing:
//!
//! - `network_mode: bridge` (or `default`), an external network whose real name is `bridge`, or
//!   a live container on the network `bridge`: Docker's default bridge, `docker0`.
//! - A Compose service with neither `networks:` nor `network_mode:`, in a project where at least
//!   one other service is also on the project's `default` network. Compose then attaches it to
//!   `default`, which it shares with all of them.
//!
//! Decisions: Compose's `default` network is not `docker0` — it is a user-defined bridge per
//! project (`<project>_default`), with name resolution and no other project on it. So the CIS
//! 5.30 concern (every container of the host on `docker0`) applies only to `network_mode:
//! bridge`. What remains for a service left on `default` is that the project is one flat
//! network, so it is reported with low severity and only when the service actually shares
//! `default` with another service: a single-service project, or a service whose siblings all
//! use other networks, is not reported. A service that lists `default` under `networks:`
//! chose it and is not reported either. Services in `network_mode: host`, `none`,
//! `service:...` or `container:...` are not on `default` (DW901 covers host networking).
//!
//! ## Why is this bad?
//! On `docker0` a container sits with every container of the host started without a network,
//! from any project or user; inter-container traffic is allowed unless the daemon sets
//! `icc=false`, and there is no name resolution, which pushes people to `links:` and to
//! publishing ports instead. On a project's `default` network every service can reach every
//! other service's ports: a compromised public-facing service reaches the database, the cache
//! and the admin interface directly. Naming networks per tier (`frontend`, `backend` with
//! `internal: true`) states which service may talk to which (see DW905 for the pairs that
//! matter most).
//!
//! ## Example
//! ```yaml
//! services:
//!   web:
//!     image: example/web:1.0
//!     ports: ["127.0.0.1:8080:8080"]
//!   db:
//!     image: postgres:17
//!   legacy:
//!     image: example/legacy:0.9
//!     network_mode: bridge
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   web:
//!     image: example/web:1.0
//!     ports: ["127.0.0.1:8080:8080"]
//!     networks: [frontend, backend]
//!   db:
//!     image: postgres:17
//!     networks: [backend]
//!   legacy:
//!     image: example/legacy:0.9
//!     networks: [frontend]
//! networks:
//!   frontend: {}
//!   backend:
//!     internal: true
//! ```
//!
//! ## References
//! - KICS networks_not_set (flags every service without `networks:`, whatever the rest of the
//!   project); CIS Docker Benchmark 5.30 (ensure that the host's default bridge `docker0` is
//!   not used), which matches only the `docker0` findings
//! - <https://docs.docker.com/compose/how-tos/networking/>
//! - <https://docs.docker.com/engine/network/drivers/bridge/#differences-between-user-defined-bridges-and-the-default-bridge>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW904",
    name: "default-network",
    summary: "Container on a default network",
    practice: Practice::Network,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::Low,
    equivalents: &["KICS-networks_not_set", "CIS-5.30"],
    default_enabled: true,
};

const DOCKER0: &str = "Docker's default bridge (`docker0`), shared with every container on the host started without a network; containers on it reach each other unless the daemon sets `icc=false`, and it has no name resolution";

const FIX_DOCKER0_CONTAINER: &str = "Create a user-defined network (`docker network create backend`) and recreate the container on it (`--network backend`), shared only with the containers it must reach.";

const FIX_DOCKER0: &str = "Attach the service to a user-defined network (`networks: [backend]`, defined under the top-level `networks:`), shared only with the services it must reach.";

/// True when the service is on the project's `default` network without having asked for it.
fn implicit_default(spec: &ContainerSpec) -> bool {
    spec.networks.is_empty() && spec.network_mode.is_none()
}

/// True when the service is on the project's `default` network, implicitly or by name.
fn on_default(spec: &ContainerSpec) -> bool {
    implicit_default(spec)
        || (spec.network_mode.is_none() && spec.networks.iter().any(|a| a.value.name == "default"))
}

/// True when a project network definition is the daemon's `docker0` bridge.
fn is_docker0(def: &dockward_spec::container::NetworkDef) -> bool {
    def.external && def.name.as_deref().unwrap_or(&def.key) == "bridge"
}

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    let spec = ctx.spec;
    if let Some(m) = &spec.network_mode {
        if m.value == NamespaceMode::Bridge {
            out.push(
                ctx.finding_at(
                    &RULE,
                    m,
                    match ctx.surface {
                        Surface::Container => format!(
                            "{} runs on the default network (`HostConfig.NetworkMode`): {DOCKER0}",
                            ctx.what()
                        ),
                        _ => format!("{} uses `network_mode: bridge`: {DOCKER0}", ctx.what()),
                    },
                )
                .with_fix(if ctx.surface == Surface::Container {
                    FIX_DOCKER0_CONTAINER
                } else {
                    FIX_DOCKER0
                }),
            );
        }
        return;
    }
    for a in &spec.networks {
        let docker0 = match &a.value.definition {
            Some(d) => is_docker0(d),
            None => ctx.project.is_none() && a.value.name == "bridge",
        };
        if docker0 {
            let what = if a.value.name == "bridge" {
                "the network `bridge`".to_string()
            } else {
                format!("network `{}`, the external network `bridge`", a.value.name)
            };
            out.push(
                ctx.finding_at(
                    &RULE,
                    a,
                    format!("{} is attached to {what}: {DOCKER0}", ctx.what()),
                )
                .with_fix(FIX_DOCKER0)
                .with_equivalents(["CIS-5.30"]),
            );
        }
    }
    let Some(project) = ctx.project else { return };
    if !implicit_default(spec) {
        return;
    }
    // The project's `default` network may itself be redefined as the external `bridge`.
    if project.networks.get("default").is_some_and(|d| is_docker0(&d.value)) {
        out.push(
            ctx.finding_service(&RULE, format!("{} sets no `networks:`, so Compose attaches it to the project's `default` network, which this project defines as the external `bridge`: {DOCKER0}", ctx.what()))
                .with_fix(FIX_DOCKER0),
        );
        return;
    }
    let others: Vec<&str> = project
        .active_services()
        .filter(|s| s.name != spec.name && on_default(&s.spec))
        .map(|s| s.name.as_str())
        .collect();
    if others.is_empty() {
        return;
    }
    let shown: Vec<String> = others.iter().take(5).map(|n| format!("`{n}`")).collect();
    let more =
        if others.len() > 5 { format!(" and {} more", others.len() - 5) } else { String::new() };
    let plural = if others.len() == 1 { "service" } else { "services" };
    out.push(
        ctx.finding_service(
            &RULE,
            format!(
                "{} sets no `networks:`, so Compose attaches it to the project's `default` network, shared with {} other {plural} ({}{more}) that can all reach each other's ports",
                ctx.what(),
                others.len(),
                shown.join(", ")
            ),
        )
        .with_fix("Give the service the networks it needs by tier, e.g. `networks: [frontend]` for what faces clients and `networks: [backend]` (top-level `backend: {internal: true}`) for data stores; a service on both is the only bridge between them.")
        .with_equivalents(["KICS-networks_not_set"]),
    );
}
