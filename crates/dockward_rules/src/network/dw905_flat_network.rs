//! ## What it does
//! Looks at the whole Compose project and reports each data service that shares a network with
//! a service reachable from outside, when no network separates them:
//!
//! - A *data service* is one whose image is a data store (PostgreSQL and its variants, MySQL,
//!   MariaDB, MongoDB, Redis, Valkey, KeyDB, Memcached, Elasticsearch, OpenSearch, Solr,
//!   Cassandra, ScyllaDB, CouchDB, Couchbase, RabbitMQ, Kafka, InfluxDB, ClickHouse, Neo4j,
//!   etcd, ZooKeeper, MinIO, SQL Server, CockroachDB, ArangoDB, Qdrant, Meilisearch,
//!   Typesense, Oracle, Db2), or — when the image says nothing (built locally, a variable, an
//!   unknown image) — whose name says so (`db`, `postgres`, `app-redis`, but not `pgadmin`,
//!   `redis-commander`, `db-migrate`, `kafka-connect`), or a store-like service: it holds a
//!   named volume, publishes nothing, depends on no other service (`depends_on`, `links`), and
//!   other services connect to it. (Any service with a named volume would take in workers and
//!   application servers that keep caches or uploads: they were most of the findings on a
//!   corpus of 1,500 real projects, and they are the application tier, not the data tier.)
//! - A service is *reachable from outside* when it publishes ports (`ports:`, on a network that
//!   is not `internal`, also bound to 127.0.0.1: a host reverse proxy forwards to it), when it
//!   joins the network namespace of one that does (`network_mode: service:x`), or when a
//!   reverse proxy discovers it by label or environment (`traefik.enable`,
//!   `traefik.http.routers.*`, `caddy`, `VIRTUAL_HOST`). A data service that publishes its own
//!   port is not counted as an entry point (DW902 reports that port); the pairs are application
//!   → data store.
//! - They *share* a network when both are attached to it; services without `networks:` are all
//!   on the project's `default` network, services in `network_mode: bridge` all on `docker0`, and
//!   services in the same `network_mode: service:x` namespace share everything, `localhost`
//!   included. A shared network with `internal: true` separates enough: it exists for that
//!   traffic and leads nowhere else.
//!
//! One finding per data service, on its network attachment (or on the service when it is on
//! `default` implicitly), naming the reachable services and the networks they share. The fix
//! proposes concrete networks for the whole project: `frontend` for what is reachable,
//! `backend` with `internal: true` for the data services, and both for the services that
//! connect to a data service (found through `depends_on`, `links` and host names in their
//! environment).
//!
//! ## Why is this bad?
//! On a flat network, every port of the database, cache or broker is one hop away from the
//! service that faces clients. A remote code execution or SSRF in the web application then
//! reaches data stores that were never meant to be exposed (Redis and Memcached without
//! authentication, Elasticsearch's HTTP API, database superuser ports), and the data service
//! itself, on a network with a gateway, can open connections to the internet to exfiltrate
//! data or fetch a second stage. An `internal: true` back-end network shared only with the
//! services that need it removes both paths.
//!
//! ## Example
//! ```yaml
//! services:
//!   web:
//!     image: example/web:1.0
//!     ports: ["8080:8080"]
//!     depends_on: [db]
//!   db:
//!     image: postgres:17
//!     volumes: [pgdata:/var/lib/postgresql/data]
//! volumes:
//!   pgdata: {}
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   web:
//!     image: example/web:1.0
//!     ports: ["8080:8080"]
//!     depends_on: [db]
//!     networks: [frontend, backend]
//!   db:
//!     image: postgres:17
//!     volumes: [pgdata:/var/lib/postgresql/data]
//!     networks: [backend]
//! networks:
//!   frontend: {}
//!   backend:
//!     internal: true
//! volumes:
//!   pgdata: {}
//! ```
//!
//! ## References
//! - No direct equivalent in compose-lint, KICS, Trivy or the CIS Docker Benchmark (CIS 5.30
//!   and KICS networks_not_set only ask for a non-default network; see DW904).
//! - OWASP Docker Security Cheat Sheet, rule 5 (be mindful of inter-container connectivity)
//! - <https://docs.docker.com/reference/compose-file/networks/#internal>
//! - <https://docs.docker.com/compose/how-tos/networking/#specify-custom-networks>

use crate::context::{describe_via, loc_to_location};
use crate::prelude::*;
use crate::support::published_ports::{
    data_store, named_volumes, port_text, ports_ignored, proxy_exposure,
};
use dockward_compose::{Project, Service};
use std::collections::{BTreeMap, BTreeSet};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW905",
    name: "flat-network",
    summary: "Public-facing service and data service share a network",
    practice: Practice::Network,
    surfaces: &[Surface::Compose],
    severity: Severity::Medium,
    equivalents: &[],
    default_enabled: true,
};

/// A network a service is on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Net {
    /// A network of the project, by key (`default` included).
    Project(String),
    /// `network_mode: bridge`: the daemon's `docker0`.
    Docker0,
    /// `network_mode: <name>`: a daemon network by name.
    Daemon(String),
}

impl Net {
    fn describe(&self, project: &Project) -> String {
        match self {
            Net::Project(k) if k == "default" && !project.networks.contains_key("default") => {
                "the project's `default` network".to_string()
            }
            Net::Project(k) => format!("network `{k}`"),
            Net::Docker0 => "Docker's default bridge (`network_mode: bridge`)".to_string(),
            Net::Daemon(n) => format!("network `{n}` (`network_mode: {n}`)"),
        }
    }
    fn internal(&self, project: &Project) -> bool {
        match self {
            Net::Project(k) => project.networks.get(k).is_some_and(|d| d.value.internal),
            _ => false,
        }
    }
}

/// One active service as this rule sees it.
struct Node<'a> {
    svc: &'a Service,
    /// The service whose network namespace it uses (itself, or the end of a `service:` chain).
    root: &'a str,
    nets: BTreeSet<Net>,
    /// Why it is reachable from outside.
    exposed: Option<String>,
    /// Why it holds data.
    data: Option<String>,
}

/// The end of a `network_mode: service:` chain, or `None` when the service is not on the
/// project's networks (host, none, container:, a missing or cyclic chain).
fn stack_root<'a>(project: &'a Project, svc: &'a Service) -> Option<&'a Service> {
    let mut cur = svc;
    for _ in 0..16 {
        match cur.spec.network_mode.as_ref().map(|m| &m.value) {
            Some(NamespaceMode::Service(x)) => {
                cur = project.active_services().find(|s| s.name == x.trim())?;
            }
            Some(NamespaceMode::Host)
            | Some(NamespaceMode::None)
            | Some(NamespaceMode::Container(_)) => return None,
            _ => return Some(cur),
        }
    }
    None
}

fn networks_of(spec: &ContainerSpec) -> BTreeSet<Net> {
    match spec.network_mode.as_ref().map(|m| &m.value) {
        Some(NamespaceMode::Bridge) => [Net::Docker0].into(),
        Some(NamespaceMode::Other(n)) => [Net::Daemon(n.clone())].into(),
        Some(_) => BTreeSet::new(),
        None if spec.networks.is_empty() => [Net::Project("default".into())].into(),
        None => spec.networks.iter().map(|a| Net::Project(a.value.name.clone())).collect(),
    }
}

fn published(spec: &ContainerSpec) -> Option<String> {
    if spec.ports.is_empty() || ports_ignored(spec).is_some() {
        return None;
    }
    let shown: Vec<String> =
        spec.ports.iter().take(3).map(|p| format!("`{}`", port_text(&p.value))).collect();
    let more = if spec.ports.len() > 3 { ", ..." } else { "" };
    Some(format!("publishes {}{more}", shown.join(", ")))
}

fn build_nodes(project: &Project) -> Vec<Node<'_>> {
    let mut nodes = Vec::new();
    for svc in project.active_services() {
        let Some(root) = stack_root(project, svc) else { continue };
        let nets = networks_of(&root.spec);
        if nets.is_empty() {
            continue;
        }
        // Ports on internal networks only are not published by Docker.
        let reachable_nets = nets.iter().any(|n| !n.internal(project));
        let exposed = published(&svc.spec)
            .filter(|_| reachable_nets)
            .or_else(|| {
                proxy_exposure(&svc.spec)
                    .map(|why| format!("exposed through a reverse proxy: {why}"))
            })
            .or_else(|| {
                (root.name != svc.name && reachable_nets)
                    .then(|| {
                        published(&root.spec).map(|p| {
                            format!("in the network namespace of `{}`, which {p}", root.name)
                        })
                    })
                    .flatten()
            });
        let data = data_store(&svc.spec).or_else(|| {
            // A store-like leaf: holds named volumes, publishes nothing, depends on no other
            // service, and other services connect to it.
            let vols = named_volumes(&svc.spec);
            let leaf = svc.node.get("depends_on").is_none() && svc.spec.links.is_empty();
            let used = project.active_services().any(|o| o.name != svc.name && references(o, svc));
            (exposed.is_none()
                && svc.spec.ports.is_empty()
                && root.name == svc.name
                && !vols.is_empty()
                && leaf
                && used)
                .then(|| {
                    let shown: Vec<String> =
                        vols.iter().take(2).map(|v| format!("`{v}`")).collect();
                    format!(
                        "named volume {}, no published port, used by other services",
                        shown.join(", ")
                    )
                })
        });
        nodes.push(Node { svc, root: root.name.as_str(), nets, exposed, data });
    }
    nodes
}

/// Does service `s` connect to service `d`? `depends_on`, `links`, or `d`'s name (or container
/// name) as a host name in an environment value (`DB_HOST=db`, `postgres://u:p@db:5432/x`).
fn references(s: &Service, d: &Service) -> bool {
    let names: Vec<&str> = std::iter::once(d.name.as_str())
        .chain(d.spec.container_name.as_ref().map(|c| c.value.as_str()))
        .collect();
    if let Some(dep) = s.node.get("depends_on") {
        let listed: Vec<String> = match (dep.as_seq(), dep.as_map()) {
            (Some(items), _) => items.iter().filter_map(|i| i.scalar_text()).collect(),
            (_, Some(entries)) => entries.iter().map(|e| e.key.clone()).collect(),
            _ => Vec::new(),
        };
        if listed.iter().any(|l| names.contains(&l.trim())) {
            return true;
        }
    }
    if s.spec.links.iter().any(|l| names.contains(&l.value.split(':').next().unwrap_or("").trim()))
    {
        return true;
    }
    s.spec.environment.values().filter_map(|v| v.value.as_deref()).any(|v| {
        v.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
            .any(|tok| names.contains(&tok))
    })
}

/// The pairs that fire: data node index → [(exposed node index, shared networks or empty
/// for a shared namespace)].
type Pairs = BTreeMap<usize, Vec<(usize, Vec<Net>)>>;

fn pairs(project: &Project, nodes: &[Node]) -> Pairs {
    let mut out: Pairs = BTreeMap::new();
    for (di, d) in nodes.iter().enumerate() {
        if d.data.is_none() {
            continue;
        }
        for (pi, p) in nodes.iter().enumerate() {
            if pi == di || p.exposed.is_none() || p.data.is_some() {
                continue;
            }
            if p.root == d.root {
                out.entry(di).or_default().push((pi, Vec::new()));
                continue;
            }
            let shared: Vec<Net> =
                d.nets.intersection(&p.nets).filter(|n| !n.internal(project)).cloned().collect();
            if !shared.is_empty() {
                out.entry(di).or_default().push((pi, shared));
            }
        }
    }
    out
}

/// The proposed networks for the whole project, as one line of flow-style YAML.
fn proposal(nodes: &[Node], pairs: &Pairs) -> String {
    let data: BTreeSet<usize> = pairs.keys().copied().collect();
    let mut lines: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        if n.root != n.svc.name {
            continue; // follows the namespace it joins
        }
        // Connects to a data service: named in `depends_on`, `links` or the environment, or
        // deliberately put on several networks, one of them the data service's.
        let refs_data = data.iter().any(|&d| {
            references(n.svc, nodes[d].svc)
                || (n.nets.len() > 1
                    && nodes[d]
                        .nets
                        .intersection(&n.nets)
                        .any(|net| matches!(net, Net::Project(k) if k != "default")))
        });
        let nets: &[&str] = if data.contains(&i) {
            if let Some(p) = published(&n.svc.spec) {
                notes.push(format!("`{}` {p}, which stops working on an internal-only network: drop it, or bind it to 127.0.0.1 on a separate non-internal network", n.svc.name));
            }
            &["backend"]
        } else if n.exposed.is_some() {
            if refs_data { &["frontend", "backend"] } else { &["frontend"] }
        } else if refs_data {
            &["backend"]
        } else {
            continue;
        };
        lines.push(format!("`{}: {{networks: [{}]}}`", n.svc.name, nets.join(", ")));
    }
    let mut s = format!(
        "Separate the tiers: add top-level `networks: {{frontend: {{}}, backend: {{internal: true}}}}` and set {}; any other service that connects to a data service joins `backend` too, and one that needs outbound internet access keeps a non-internal network",
        lines.join(", ")
    );
    for n in notes {
        s.push_str("; ");
        s.push_str(&n);
    }
    s.push('.');
    s
}

pub fn check_project(ctx: &ProjectCtx, out: &mut Vec<Finding>) {
    let project = ctx.project;
    let nodes = build_nodes(project);
    let pairs = pairs(project, &nodes);
    if pairs.is_empty() {
        return;
    }
    let fix = proposal(&nodes, &pairs);
    for (di, with) in &pairs {
        let d = &nodes[*di];
        let dspec = &d.svc.spec;
        let why = d.data.as_deref().unwrap_or("");
        // Shared namespace first: nothing can separate those.
        if let Some((pi, _)) = with.iter().find(|(_, nets)| nets.is_empty()) {
            let p = &nodes[*pi];
            let (loc, via) = match &dspec.network_mode {
                Some(m) if matches!(m.value, NamespaceMode::Service(_)) => {
                    (&m.loc, m.via.as_slice())
                }
                _ => (&dspec.loc, &[][..]),
            };
            let msg = format!(
                "service `{}` holds data ({why}) and shares one network namespace with `{}` ({}) through `network_mode: service:{}`: no network can separate them, `localhost` included{}",
                d.svc.name,
                p.svc.name,
                p.exposed.as_deref().unwrap_or("reachable from outside"),
                d.root,
                describe_via(via)
            );
            out.push(
                Finding::new(&RULE, Surface::Compose, loc_to_location(loc), msg)
                    .with_target(d.svc.name.clone())
                    .with_fix(format!("Give `{}` its own network namespace: remove the `network_mode: service:` link between `{}` and `{}`, and attach `{}` to an `internal: true` network shared only with the services that connect to it.", d.svc.name, d.svc.name, p.svc.name, d.svc.name)),
            );
            continue;
        }
        // Group the reachable services by shared network.
        let mut by_net: BTreeMap<&Net, Vec<usize>> = BTreeMap::new();
        for (pi, nets) in with {
            for n in nets {
                by_net.entry(n).or_default().push(*pi);
            }
        }
        let parts: Vec<String> = by_net
            .iter()
            .map(|(net, ps)| {
                let who: Vec<String> = ps
                    .iter()
                    .take(4)
                    .map(|&pi| {
                        format!(
                            "`{}` ({})",
                            nodes[pi].svc.name,
                            nodes[pi].exposed.as_deref().unwrap_or("")
                        )
                    })
                    .collect();
                let more = if ps.len() > 4 {
                    format!(" and {} more", ps.len() - 4)
                } else {
                    String::new()
                };
                format!("{} with {}{more}", net.describe(project), who.join(", "))
            })
            .collect();
        let Some(first) = by_net.keys().next() else { continue };
        let attachment = match first {
            Net::Project(k) => dspec.networks.iter().find(|a| &a.value.name == k),
            _ => None,
        };
        let (loc, via) = match (attachment, first) {
            (Some(a), _) => (&a.loc, a.via.as_slice()),
            (None, Net::Docker0 | Net::Daemon(_)) => match &dspec.network_mode {
                Some(m) => (&m.loc, m.via.as_slice()),
                None => (&dspec.loc, &[][..]),
            },
            (None, _) => (&dspec.loc, &[][..]),
        };
        let none_internal =
            if by_net.len() == 1 { "it is not `internal`" } else { "none of them is `internal`" };
        let msg = format!(
            "service `{}` holds data ({why}) and shares {}: {none_internal} and no network separates the data service from services reachable from outside{}",
            d.svc.name,
            parts.join("; "),
            describe_via(via)
        );
        out.push(
            Finding::new(&RULE, Surface::Compose, loc_to_location(loc), msg)
                .with_target(d.svc.name.clone())
                .with_fix(fix.clone()),
        );
    }
}
