//! Docker Engine API access for `dockward host`.
//!
//! This crate is the only one that talks to a daemon. It connects (`--host`, else
//! `DOCKER_HOST`, else the default unix socket, else the rootless one), negotiates the API
//! version with the daemon (so a 20.10 Engine speaking API 1.41 is asked in 1.41), bounds every
//! call with a timeout, and turns each container (running or stopped) into a
//! [`ContainerSpec`](dockward_spec::ContainerSpec) via [`normalize`], so the container rules
//! run on live containers unchanged.
//!
//! The API is blocking: a [`Client`] owns a current-thread tokio runtime and the bollard
//! client, so callers need no async code.

pub mod normalize;

use std::collections::HashMap;
use std::future::Future;
use std::path::Path;
use std::time::Duration;

use bollard::Docker;
use bollard::query_parameters::ListContainersOptionsBuilder;

pub use normalize::{LiveContainer, normalize};

/// Default bound on each Engine API call.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// The socket a rootful daemon listens on by default.
pub const DEFAULT_SOCKET: &str = "/var/run/docker.sock";

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The endpoint is not one dockward can use (scheme unsupported, malformed).
    #[error("Docker host `{endpoint}`: {reason}")]
    BadHost { endpoint: String, reason: String },
    /// The daemon did not answer (no socket, connection refused, timeout).
    #[error("cannot reach the Docker daemon at {endpoint}: {reason}")]
    Unreachable { endpoint: String, reason: String },
    /// The daemon answered with an error.
    #[error("Docker daemon at {endpoint}: {reason}")]
    Api { endpoint: String, reason: String },
    /// `--container NAME|ID` matched no container.
    #[error("no container named `{0}` or with an ID starting with it")]
    NoSuchContainer(String),
}

/// Which containers to audit.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Names (with or without the leading `/`) or ID prefixes; empty = every container.
    pub containers: Vec<String>,
    /// `KEY` or `KEY=VALUE` label filters (all must match), applied by the daemon.
    pub labels: Vec<String>,
}

/// A connected Engine API client (blocking).
pub struct Client {
    docker: Docker,
    rt: tokio::runtime::Runtime,
    endpoint: String,
    timeout: Duration,
}

/// Where to connect: `--host`, else `DOCKER_HOST`, else the default socket, else (when the
/// default socket does not exist) the rootless daemon's `$XDG_RUNTIME_DIR/docker.sock`.
pub fn resolve_host(host: Option<&str>) -> String {
    if let Some(h) = host.map(str::trim).filter(|h| !h.is_empty()) {
        return h.to_string();
    }
    if let Some(h) = std::env::var("DOCKER_HOST").ok().map(|h| h.trim().to_string()).filter(|h| !h.is_empty()) {
        return h;
    }
    if !Path::new(DEFAULT_SOCKET).exists() {
        if let Some(dir) = std::env::var_os("XDG_RUNTIME_DIR") {
            let rootless = Path::new(&dir).join("docker.sock");
            if rootless.exists() {
                return format!("unix://{}", rootless.display());
            }
        }
    }
    format!("unix://{DEFAULT_SOCKET}")
}

/// Connect with the default timeout. See [`connect_with_timeout`].
pub fn connect(host: Option<&str>) -> Result<Client, EngineError> {
    connect_with_timeout(host, DEFAULT_TIMEOUT)
}

/// Connect to the daemon and negotiate the API version (one `GET /version`), each call bounded
/// by `timeout`. A daemon that does not answer is an [`EngineError::Unreachable`].
pub fn connect_with_timeout(host: Option<&str>, timeout: Duration) -> Result<Client, EngineError> {
    let endpoint = resolve_host(host);
    let bad = |reason: &str| EngineError::BadHost { endpoint: endpoint.clone(), reason: reason.to_string() };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| EngineError::Unreachable { endpoint: endpoint.clone(), reason: format!("cannot start the I/O runtime: {e}") })?;
    let secs = timeout.as_secs().max(1);
    let version = bollard::API_DEFAULT_VERSION;
    let docker = {
        let _guard = rt.enter();
        if let Some(path) = endpoint.strip_prefix("unix://") {
            if path.is_empty() {
                return Err(bad("empty socket path"));
            }
            if !Path::new(path).exists() {
                return Err(EngineError::Unreachable { endpoint: endpoint.clone(), reason: format!("socket {path} does not exist (is the daemon running? set DOCKER_HOST or --host)") });
            }
            Docker::connect_with_unix(path, secs, version)
        } else if endpoint.starts_with("tcp://") || endpoint.starts_with("http://") {
            if std::env::var("DOCKER_TLS_VERIFY").is_ok_and(|v| !v.is_empty() && v != "0") && host.is_none() {
                return Err(bad("DOCKER_TLS_VERIFY is set, but TLS connections are not supported yet"));
            }
            Docker::connect_with_http(&endpoint, secs, version)
        } else if endpoint.starts_with("https://") {
            return Err(bad("TLS connections are not supported yet; use a unix socket or an SSH tunnel to it"));
        } else if endpoint.starts_with("ssh://") {
            return Err(bad("ssh:// is not supported yet; forward the socket (`ssh -L /tmp/d.sock:/var/run/docker.sock host`) and use unix:///tmp/d.sock"));
        } else if endpoint.starts_with('/') {
            Docker::connect_with_unix(&endpoint, secs, version)
        } else {
            return Err(bad("expected unix:///path/to/docker.sock or tcp://host:port"));
        }
    }
    .map_err(|e| EngineError::Unreachable { endpoint: endpoint.clone(), reason: e.to_string() })?
    .with_timeout(timeout);
    let docker = bounded(&rt, timeout, &endpoint, docker.negotiate_version())?;
    Ok(Client { docker, rt, endpoint, timeout })
}

/// Run `fut` to completion within `timeout`, mapping errors to [`EngineError`].
fn bounded<T>(rt: &tokio::runtime::Runtime, timeout: Duration, endpoint: &str, fut: impl Future<Output = Result<T, bollard::errors::Error>>) -> Result<T, EngineError> {
    match rt.block_on(async { tokio::time::timeout(timeout, fut).await }) {
        Err(_) | Ok(Err(bollard::errors::Error::RequestTimeoutError)) => Err(EngineError::Unreachable { endpoint: endpoint.to_string(), reason: format!("no answer within {} s", timeout.as_secs_f32()) }),
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(map_error(endpoint, e)),
    }
}

fn map_error(endpoint: &str, e: bollard::errors::Error) -> EngineError {
    use bollard::errors::Error as E;
    match e {
        E::DockerResponseServerError { status_code, message } => EngineError::Api { endpoint: endpoint.to_string(), reason: format!("{message} (HTTP {status_code})") },
        other => {
            // hyper's errors hide the cause (e.g. "connection refused") in their source chain.
            let mut reason = other.to_string();
            let mut src = std::error::Error::source(&other);
            while let Some(s) = src {
                let t = s.to_string();
                if !reason.contains(&t) {
                    reason.push_str(": ");
                    reason.push_str(&t);
                }
                src = s.source();
            }
            EngineError::Unreachable { endpoint: endpoint.to_string(), reason }
        }
    }
}

impl Client {
    /// The endpoint connected to (`unix:///var/run/docker.sock`, `tcp://…`).
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The negotiated API version (`1.41`).
    pub fn api_version(&self) -> String {
        self.docker.client_version().to_string()
    }

    /// Every container (running or stopped) that matches `filters`, inspected and normalised,
    /// sorted by name. A container removed between listing and inspecting is skipped.
    pub fn containers(&self, filters: &Filters) -> Result<Vec<LiveContainer>, EngineError> {
        let mut f: HashMap<String, Vec<String>> = HashMap::new();
        if !filters.labels.is_empty() {
            f.insert("label".into(), filters.labels.clone());
        }
        let opts = ListContainersOptionsBuilder::default().all(true).filters(&f).build();
        let list = bounded(&self.rt, self.timeout, &self.endpoint, self.docker.list_containers(Some(opts)))?;
        let mut ids: Vec<String> = Vec::new();
        if filters.containers.is_empty() {
            ids = list.iter().filter_map(|c| c.id.clone()).collect();
        } else {
            for want in &filters.containers {
                let want_name = want.trim_start_matches('/');
                let by_name: Vec<&String> = list
                    .iter()
                    .filter(|c| c.names.iter().flatten().any(|n| n.trim_start_matches('/') == want_name))
                    .filter_map(|c| c.id.as_ref())
                    .collect();
                let hits = if by_name.is_empty() {
                    list.iter().filter_map(|c| c.id.as_ref()).filter(|id| !want.is_empty() && id.starts_with(want.as_str())).collect()
                } else {
                    by_name
                };
                if hits.is_empty() {
                    return Err(EngineError::NoSuchContainer(want.clone()));
                }
                for id in hits {
                    if !ids.contains(id) {
                        ids.push(id.clone());
                    }
                }
            }
        }
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            match bounded(&self.rt, self.timeout, &self.endpoint, self.docker.inspect_container(&id, None)) {
                Ok(c) => out.push(normalize(&c)),
                Err(EngineError::Api { reason, .. }) if reason.contains("HTTP 404") => continue,
                Err(e) => return Err(e),
            }
        }
        out.sort_by(|a, b| a.spec.name.cmp(&b.spec.name).then_with(|| a.id.cmp(&b.id)));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_host_wins() {
        assert_eq!(resolve_host(Some("tcp://127.0.0.1:2375")), "tcp://127.0.0.1:2375");
    }

    #[test]
    fn missing_socket_is_unreachable_and_named() {
        let e = connect_with_timeout(Some("unix:///nonexistent.sock"), Duration::from_secs(1)).err().unwrap();
        assert!(matches!(e, EngineError::Unreachable { .. }), "{e:?}");
        assert!(e.to_string().contains("/nonexistent.sock"), "{e}");
    }

    #[test]
    fn unsupported_schemes() {
        for h in ["https://x:2376", "ssh://u@h", "npipe:////./pipe/docker_engine"] {
            let e = connect_with_timeout(Some(h), Duration::from_secs(1)).err().unwrap();
            assert!(matches!(e, EngineError::BadHost { .. }), "{h}: {e:?}");
        }
    }

    #[test]
    fn refused_tcp_is_unreachable_quickly() {
        // Port 9 (discard) on loopback: nothing listens in test environments.
        let start = std::time::Instant::now();
        let e = connect_with_timeout(Some("tcp://127.0.0.1:9"), Duration::from_secs(2)).err().unwrap();
        assert!(matches!(e, EngineError::Unreachable { .. }), "{e:?}");
        assert!(start.elapsed() < Duration::from_secs(5));
    }
}
