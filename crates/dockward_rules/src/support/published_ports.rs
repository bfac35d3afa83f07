//! Helpers for the network rules (DW901-DW906): how a published port is shown, whether a bind
//! address means "every interface", whether `ports:` take effect under the service's network
//! mode, and which services hold data (databases, caches, brokers, search engines, object
//! stores). Pure functions over `ContainerSpec`; no I/O.

use dockward_spec::container::{ContainerSpec, MountType, NamespaceMode, PortMapping};
use std::net::IpAddr;

/// True when a bind address publishes on every interface: no address (`None`), an empty one,
/// or any spelling of the unspecified address in either family (`0.0.0.0`, `::`, `[::]`, `::0`,
/// `0:0:0:0:0:0:0:0`, `::ffff:0.0.0.0`). A host name or an address that does not parse is not
/// a wildcard (Docker refuses it; guessing would invent a finding).
pub fn is_wildcard_ip(ip: Option<&str>) -> bool {
    let Some(ip) = ip else { return true };
    let t = ip.trim();
    let t = t.strip_prefix('[').and_then(|s| s.strip_suffix(']')).unwrap_or(t);
    if t.is_empty() || t == "*" {
        return true;
    }
    match t.parse::<IpAddr>() {
        Ok(IpAddr::V4(a)) => a.is_unspecified(),
        Ok(IpAddr::V6(a)) => {
            a.is_unspecified() || a.to_ipv4_mapped().is_some_and(|m| m.is_unspecified())
        }
        Err(_) => false,
    }
}

/// The port mapping as the user wrote it (short syntax), or rendered in short syntax for the
/// long syntax and for live containers: `127.0.0.1:8080:80`, `[::1]:53:53/udp`, `80`.
pub fn port_text(p: &PortMapping) -> String {
    if let Some(raw) = &p.raw {
        return crate::support::image_refs::quote(raw.trim());
    }
    let proto = if p.protocol.eq_ignore_ascii_case("tcp") {
        String::new()
    } else {
        format!("/{}", p.protocol)
    };
    let ip = match p.host_ip.as_deref() {
        Some(ip) if ip.contains(':') && !ip.starts_with('[') => format!("[{ip}]:"),
        Some(ip) => format!("{ip}:"),
        None => String::new(),
    };
    match (&p.published, ip.is_empty()) {
        (Some(h), _) => crate::support::image_refs::quote(&format!("{ip}{h}:{}{proto}", p.target)),
        (None, true) => format!("{}{proto}", p.target),
        (None, false) => crate::support::image_refs::quote(&format!("{ip}:{}{proto}", p.target)),
    }
}

/// The host port(s) a mapping publishes, `None` for an ephemeral port (none written, or `0`).
pub fn host_ports(p: &PortMapping) -> Option<dockward_spec::container::PortRange> {
    p.published.filter(|r| !(r.start == 0 && r.end == 0))
}

/// Why the service's `ports:` do not publish anything, if they do not: Docker discards them in
/// host network mode and has no port mapping for `none`, and refuses them for a container that
/// joins another one's network namespace (`service:` / `container:`).
pub fn ports_ignored(spec: &ContainerSpec) -> Option<&'static str> {
    match spec.network_mode.as_ref().map(|m| &m.value) {
        Some(NamespaceMode::Host) => Some("discarded in host network mode"),
        Some(NamespaceMode::None) => Some("not published with `network_mode: none`"),
        Some(NamespaceMode::Service(_)) | Some(NamespaceMode::Container(_)) => {
            Some("refused by Docker for a container that joins another one's network namespace")
        }
        _ => None,
    }
}

/// Data stores, by the last component of an image's repository path (`postgres`,
/// `bitnami/postgresql`, `docker.elastic.co/elasticsearch/elasticsearch`).
const DATA_IMAGES: &[&str] = &[
    "postgres",
    "postgresql",
    "postgis",
    "timescaledb",
    "timescaledb-ha",
    "pgvector",
    "mysql",
    "mysql-server",
    "percona",
    "percona-server",
    "mariadb",
    "mongo",
    "mongodb",
    "mongodb-community-server",
    "redis",
    "redis-stack",
    "redis-stack-server",
    "valkey",
    "keydb",
    "dragonfly",
    "memcached",
    "elasticsearch",
    "opensearch",
    "solr",
    "cassandra",
    "scylla",
    "couchdb",
    "couchbase",
    "rabbitmq",
    "kafka",
    "influxdb",
    "clickhouse",
    "clickhouse-server",
    "neo4j",
    "etcd",
    "zookeeper",
    "minio",
    "cockroach",
    "arangodb",
    "qdrant",
    "meilisearch",
    "typesense",
    "oracle-xe",
    "oracle-free",
    "db2",
];

/// Words in a service name that name a data store (`db`, `postgres`, `redis-cache`).
const DATA_NAMES: &[&str] = &[
    "db",
    "database",
    "postgres",
    "postgresql",
    "pg",
    "postgis",
    "mysql",
    "mariadb",
    "mongo",
    "mongodb",
    "redis",
    "valkey",
    "keydb",
    "memcached",
    "elasticsearch",
    "elastic",
    "opensearch",
    "cassandra",
    "couchdb",
    "rabbitmq",
    "influxdb",
    "clickhouse",
    "neo4j",
    "etcd",
    "minio",
    "mssql",
];

/// Words that mark a tool around a data store, not the store itself (`pgadmin`,
/// `redis-commander`, `db-migrate`, `postgres-exporter`, `kafka-connect`,
/// `zabbix-web-nginx-mysql`).
const TOOL_NAMES: &[&str] = &[
    "admin",
    "ui",
    "commander",
    "insight",
    "express",
    "exporter",
    "metrics",
    "backup",
    "migrate",
    "migration",
    "migrations",
    "init",
    "setup",
    "seed",
    "seeder",
    "dashboard",
    "dashboards",
    "kibana",
    "proxy",
    "client",
    "cli",
    "console",
    "gui",
    "browser",
    "viewer",
    "explorer",
    "manager",
    "studio",
    "sync",
    "restore",
    "dump",
    "wait",
    "check",
    "healthcheck",
    "connect",
    "connector",
    "rest",
    "registry",
    "ksql",
    "ksqldb",
    "mirror",
    "replicator",
    "nginx",
    "apache",
    "httpd",
    "php",
    "fpm",
    "agent",
    "gateway",
    "worker",
    "producer",
    "consumer",
    "operator",
    "logstash",
    "beat",
    "filebeat",
    "metricbeat",
    "fluentd",
    "hq",
    "akhq",
    "kafdrop",
    "cmak",
    "insights",
    "tools",
    "schema",
    "etl",
];

fn words(s: &str) -> Vec<&str> {
    s.split(['-', '_', '.']).filter(|w| !w.is_empty()).collect()
}

fn is_tool(words: &[&str]) -> bool {
    words.iter().any(|w| {
        TOOL_NAMES.contains(w)
            || w.starts_with("pgadmin")
            || w.starts_with("phpmyadmin")
            || w.starts_with("adminer")
    })
}

/// Why a service counts as a data service: `image `postgres:16``, `name `db``, or `None`.
/// The image decides first: its last path component is a data store (`postgres`,
/// `bitnami/postgresql`), or one of its words is (`cp-kafka`, `postgresql-repmgr`) with no
/// tool word (`postgres-exporter`, `cp-kafka-connect`); an image with a tool word is not a
/// data store whatever the service is called. The service name is used when the image says
/// nothing (built locally, unparsable, a variable, an unknown image).
pub fn data_store(spec: &ContainerSpec) -> Option<String> {
    if let Some(img) = &spec.image
        && let Some(r) = &img.value.parsed
    {
        let path = r.path.to_ascii_lowercase();
        let last = path.rsplit('/').next().unwrap_or(&path);
        let w = words(last);
        let shown = || format!("image `{}`", crate::support::image_refs::quote(&img.value.raw));
        if DATA_IMAGES.contains(&last)
            || path.contains("mssql")
            || (path.contains("oracle") && last.contains("database"))
        {
            return Some(shown());
        }
        if is_tool(&w) {
            return None;
        }
        if w.iter().any(|x| DATA_IMAGES.contains(x)) {
            return Some(shown());
        }
    }
    let name = spec.name.to_ascii_lowercase();
    let w = words(&name);
    let data = w.iter().any(|x| DATA_NAMES.contains(x) || DATA_IMAGES.contains(x));
    (data && !is_tool(&w)).then(|| format!("name `{}`", spec.name))
}

/// Named volumes the service mounts (not anonymous volumes, not bind mounts).
pub fn named_volumes(spec: &ContainerSpec) -> Vec<&str> {
    spec.mounts
        .iter()
        .filter(|m| m.value.kind == MountType::Volume)
        .filter_map(|m| m.value.source.as_deref())
        .filter(|s| !s.is_empty())
        .collect()
}

/// How a service is made reachable through a reverse proxy that discovers it by label or
/// environment (Traefik, caddy-docker-proxy, nginx-proxy), if it is: `label `traefik.enable``.
pub fn proxy_exposure(spec: &ContainerSpec) -> Option<String> {
    for (k, v) in &spec.labels {
        let key = k.to_ascii_lowercase();
        let on = |v: &str| {
            !matches!(v.trim().to_ascii_lowercase().as_str(), "false" | "0" | "no" | "off")
        };
        if (key == "traefik.enable" && on(&v.value))
            || key.starts_with("traefik.http.routers.")
            || key == "caddy"
        {
            return Some(format!("label `{k}`"));
        }
    }
    for k in ["VIRTUAL_HOST", "VIRTUAL_PORT"] {
        if spec
            .environment
            .get(k)
            .is_some_and(|v| v.value.as_deref().is_some_and(|s| !s.is_empty()))
        {
            return Some(format!("environment `{k}` (nginx-proxy)"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use dockward_spec::container::{Located, SourceLoc};

    #[test]
    fn wildcards() {
        for w in [
            None,
            Some(""),
            Some("0.0.0.0"),
            Some("::"),
            Some("[::]"),
            Some("::0"),
            Some("0:0:0:0:0:0:0:0"),
            Some("::ffff:0.0.0.0"),
        ] {
            assert!(is_wildcard_ip(w), "{w:?}");
        }
        for b in [
            Some("127.0.0.1"),
            Some("::1"),
            Some("[::1]"),
            Some("192.168.1.10"),
            Some("::ffff:127.0.0.1"),
            Some("localhost"),
        ] {
            assert!(!is_wildcard_ip(b), "{b:?}");
        }
    }

    fn spec(name: &str, image: Option<&str>) -> ContainerSpec {
        use dockward_spec::container::ImageSpecRef;
        ContainerSpec {
            name: name.into(),
            image: image.map(|i| {
                Located::new(
                    ImageSpecRef {
                        raw: i.into(),
                        parsed: dockward_spec::ImageRef::parse(i).ok(),
                        error: None,
                        unresolved: false,
                    },
                    SourceLoc::default(),
                )
            }),
            ..Default::default()
        }
    }

    #[test]
    fn data_stores() {
        for (n, i) in [
            ("x", Some("postgres:17")),
            ("x", Some("bitnami/postgresql:16")),
            ("x", Some("confluentinc/cp-kafka:7.7.1")),
            ("x", Some("docker.elastic.co/elasticsearch/elasticsearch:8.15.0")),
            ("x", Some("mcr.microsoft.com/mssql/server:2022-latest")),
            ("db", None),
            ("app-db", Some("example/app:1")),
            ("redis-cache", None),
        ] {
            assert!(data_store(&spec(n, i)).is_some(), "{n} {i:?}");
        }
        for (n, i) in [
            ("x", Some("nginx:1.27")),
            ("pgadmin", Some("dpage/pgadmin4:8")),
            ("db", Some("prometheuscommunity/postgres-exporter:v0.15.0")),
            ("x", Some("confluentinc/cp-kafka-connect:7.7.1")),
            ("redis-commander", None),
            ("db-migrate", None),
            ("zabbix-web-nginx-mysql", None),
        ] {
            assert!(data_store(&spec(n, i)).is_none(), "{n} {i:?}");
        }
    }
}
