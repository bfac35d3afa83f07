//! Docker Engine API access for `dockward host`.
//!
//! This crate is the only one that talks to a daemon. It connects where and how the Docker CLI
//! would (`--host`, `--context`, `DOCKER_HOST`, `DOCKER_CONTEXT`, the CLI's current context, the
//! default unix socket, the rootless one; TLS from `DOCKER_TLS_VERIFY`/`DOCKER_CERT_PATH` or the
//! context: see [`resolve_endpoint`] and [`tls`]; `ssh://` through the OpenSSH client, see
//! [`ssh`]), negotiates the API version with the daemon
//! (so a 20.10 Engine speaking API 1.41 is asked in 1.41), bounds every call with a timeout,
//! and turns each container (running or stopped) into a
//! [`ContainerSpec`](dockward_spec::ContainerSpec) via [`normalize`], so the container rules
//! run on live containers unchanged.
//!
//! The API is blocking: a [`Client`] owns a current-thread tokio runtime and the bollard
//! client, so callers need no async code. Independent calls still overlap on that one thread
//! (the daemon's facts, the container inspections): the time is spent waiting on the daemon.

pub mod host;
pub mod images;
pub mod networks;
pub mod normalize;
pub mod ssh;
pub mod tls;

use std::collections::HashMap;
use std::future::Future;
use std::path::Path;
use std::time::Duration;

use bollard::Docker;
use bollard::query_parameters::ListContainersOptionsBuilder;
use futures_util::StreamExt;

pub use host::host_facts_from;
pub use images::{image_from, inventory, link_images, processes_from};
pub use normalize::{LiveContainer, normalize};
pub use ssh::SshTarget;
pub use tls::TlsMaterial;

/// Default bound on each Engine API call.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// Container inspections in flight at once: enough to hide the per-call latency of a local or
/// remote daemon, few enough not to load it (each is one small JSON answer).
pub const INSPECT_CONCURRENCY: usize = 16;

/// The port the Docker CLI assumes for `tcp://` without TLS, and with TLS.
const PLAIN_PORT: u16 = 2375;
const TLS_PORT: u16 = 2376;

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
    /// TLS could not be set up (a certificate or key file missing or unusable) or the
    /// handshake failed (the daemon's certificate does not verify, ours was refused).
    #[error("TLS to the Docker daemon at {endpoint}: {reason}")]
    Tls { endpoint: String, reason: String },
    /// `--container NAME|ID` matched no container.
    #[error("no container named `{name}` or with an ID starting with it{}", if *.labelled { " (among those matching the --label filters)" } else { "" })]
    NoSuchContainer { name: String, labelled: bool },
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
    /// What [`HostFacts::endpoint`](dockward_spec::HostFacts) says: the endpoint, or the
    /// `https://host:port` URL it was reached at over TLS (so DW908 does not take it for
    /// plain TCP).
    audited: String,
    /// Calls in flight at once (inspections, images, /top): [`INSPECT_CONCURRENCY`], or
    /// [`ssh::SSH_IN_FLIGHT`] when each connection is an ssh process.
    in_flight: usize,
}

/// Where to connect and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// `unix:///var/run/docker.sock`, `tcp://host:2376`, ...
    pub host: String,
    /// TLS for a `tcp://`/`https://` host; None: plain HTTP (or a socket).
    pub tls: Option<TlsMaterial>,
}

/// Where to connect, as the Docker CLI decides it: `--host`, else `--context`, else
/// `DOCKER_HOST`, else `DOCKER_CONTEXT`, else the `currentContext` of the CLI's config.json
/// (`$DOCKER_CONFIG`, default `~/.docker`), else the default socket, else (when the default
/// socket does not exist) the rootless daemon's `$XDG_RUNTIME_DIR/docker.sock`.
pub fn resolve_host(host: Option<&str>, context: Option<&str>) -> Result<String, EngineError> {
    resolve_endpoint(host, context).map(|e| e.host)
}

/// [`resolve_host`] with the TLS settings that go with the endpoint: from the context, or for
/// `--host`/`DOCKER_HOST` from `DOCKER_TLS_VERIFY`/`DOCKER_CERT_PATH` (see [`tls`]).
pub fn resolve_endpoint(
    host: Option<&str>,
    context: Option<&str>,
) -> Result<Endpoint, EngineError> {
    resolve_endpoint_in(
        host,
        context,
        &|k| std::env::var(k).ok(),
        Path::new(DEFAULT_SOCKET).exists(),
    )
}

/// [`resolve_host`] with the environment given as a function (for tests).
pub fn resolve_host_in(
    host: Option<&str>,
    context: Option<&str>,
    var: &dyn Fn(&str) -> Option<String>,
    default_socket_exists: bool,
) -> Result<String, EngineError> {
    resolve_endpoint_in(host, context, var, default_socket_exists).map(|e| e.host)
}

/// [`resolve_endpoint`] with the environment given as a function (for tests).
pub fn resolve_endpoint_in(
    host: Option<&str>,
    context: Option<&str>,
    var: &dyn Fn(&str) -> Option<String>,
    default_socket_exists: bool,
) -> Result<Endpoint, EngineError> {
    let non_empty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let host = non_empty(host.map(str::to_string));
    let context = non_empty(context.map(str::to_string));
    if let (Some(h), Some(c)) = (&host, &context) {
        return Err(EngineError::BadHost {
            endpoint: h.clone(),
            reason: format!("--host and --context `{c}` conflict: give one of them"),
        });
    }
    let config_dir = non_empty(var("DOCKER_CONFIG"))
        .map(std::path::PathBuf::from)
        .or_else(|| non_empty(var("HOME")).map(|h| Path::new(&h).join(".docker")));
    // `--host` and `DOCKER_HOST` take their TLS from the environment; a context has its own.
    let from_env = |host: String| -> Result<Endpoint, EngineError> {
        let tls = tls::from_env(&host, var, config_dir.as_deref())
            .map_err(|reason| EngineError::Tls { endpoint: host.clone(), reason })?;
        Ok(Endpoint { host, tls })
    };
    if let Some(h) = host {
        return from_env(h);
    }
    let context = match context {
        Some(c) => Some(c),
        None => match non_empty(var("DOCKER_HOST")) {
            Some(h) => return from_env(h),
            None => non_empty(var("DOCKER_CONTEXT"))
                .or_else(|| config_dir.as_deref().and_then(current_context)),
        },
    };
    if let Some(name) = context.filter(|c| c != "default") {
        let Some(dir) = config_dir else {
            return Err(EngineError::BadHost {
                endpoint: format!("context `{name}`"),
                reason: "neither DOCKER_CONFIG nor HOME is set, so contexts cannot be read".into(),
            });
        };
        return context_endpoint(&dir, &name);
    }
    if !default_socket_exists && let Some(dir) = non_empty(var("XDG_RUNTIME_DIR")) {
        let rootless = Path::new(&dir).join("docker.sock");
        if rootless.exists() {
            return Ok(Endpoint { host: format!("unix://{}", rootless.display()), tls: None });
        }
    }
    Ok(Endpoint { host: format!("unix://{DEFAULT_SOCKET}"), tls: None })
}

/// Reads a small JSON file (contexts and config.json are a few hundred bytes).
fn read_json(path: &Path) -> Option<serde_json::Value> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.len() > 1024 * 1024 {
        return None;
    }
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
}

/// `currentContext` of the Docker CLI's config.json.
fn current_context(config_dir: &Path) -> Option<String> {
    let v = read_json(&config_dir.join("config.json"))?;
    v.get("currentContext")?.as_str().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// The Docker endpoint of context `name`: `contexts/meta/<sha256(name)>/meta.json`, found by
/// its `Name` field (so no hashing is needed), with its TLS material from
/// `contexts/tls/<the same directory name>/docker/` and its `SkipTLSVerify`.
fn context_endpoint(config_dir: &Path, name: &str) -> Result<Endpoint, EngineError> {
    let meta_dir = config_dir.join("contexts").join("meta");
    let bad =
        |reason: String| EngineError::BadHost { endpoint: format!("context `{name}`"), reason };
    let entries = std::fs::read_dir(&meta_dir)
        .map_err(|_| bad(format!("no such context (no {})", meta_dir.display())))?;
    for e in entries.flatten() {
        let Some(v) = read_json(&e.path().join("meta.json")) else { continue };
        if v.get("Name").and_then(|n| n.as_str()) != Some(name) {
            continue;
        }
        let Some(host) = v
            .pointer("/Endpoints/docker/Host")
            .and_then(|h| h.as_str())
            .map(str::trim)
            .filter(|h| !h.is_empty())
        else {
            return Err(bad("the context has no Docker endpoint (`Endpoints.docker.Host`)".into()));
        };
        let skip_verify =
            v.pointer("/Endpoints/docker/SkipTLSVerify").and_then(|s| s.as_bool()).unwrap_or(false);
        let tcp = host.starts_with("tcp://") || host.starts_with("https://");
        let id = e.file_name().to_string_lossy().into_owned();
        let tls = if tcp { tls::from_context(config_dir, &id, name, skip_verify) } else { None };
        return Ok(Endpoint { host: host.to_string(), tls });
    }
    Err(bad(format!("no such context in {}", meta_dir.display())))
}

/// Connect with the default timeout. See [`connect_with_timeout`].
pub fn connect(host: Option<&str>) -> Result<Client, EngineError> {
    connect_with_timeout(host, DEFAULT_TIMEOUT)
}

/// Connect to `host`, else Docker context `context`, else the environment's choice (see
/// [`resolve_host`]), each call bounded by `timeout`.
pub fn connect_with_context(
    host: Option<&str>,
    context: Option<&str>,
    timeout: Duration,
) -> Result<Client, EngineError> {
    connect_endpoint(resolve_endpoint(host, context)?, timeout)
}

/// Connect to the daemon and negotiate the API version (one `GET /version`), each call bounded
/// by `timeout`. A daemon that does not answer is an [`EngineError::Unreachable`].
pub fn connect_with_timeout(host: Option<&str>, timeout: Duration) -> Result<Client, EngineError> {
    connect_with_context(host, None, timeout)
}

/// Connect to a resolved endpoint (see [`connect_with_context`]).
pub fn connect_endpoint(target: Endpoint, timeout: Duration) -> Result<Client, EngineError> {
    let Endpoint { host: endpoint, tls } = target;
    let bad = |reason: &str| EngineError::BadHost {
        endpoint: endpoint.clone(),
        reason: reason.to_string(),
    };
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| {
        EngineError::Unreachable {
            endpoint: endpoint.clone(),
            reason: format!("cannot start the I/O runtime: {e}"),
        }
    })?;
    let secs = timeout.as_secs().max(1);
    let version = bollard::API_DEFAULT_VERSION;
    let mut audited = endpoint.clone();
    let mut in_flight = INSPECT_CONCURRENCY;
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
        } else if let Some(m) = &tls {
            if endpoint.starts_with("http://") {
                return Err(bad(&format!("http:// is plain HTTP, but TLS is requested ({}): use tcp:// or https://", m.origin)));
            }
            let config = tls::client_config(m).map_err(|reason| EngineError::Tls { endpoint: endpoint.clone(), reason })?;
            let (_, rest) = endpoint.split_once("://").unwrap_or(("tcp", &endpoint));
            audited = with_default_port(&format!("https://{}", rest.trim_end_matches('/')), TLS_PORT);
            tls::connect(&audited, config, secs, version)
        } else if endpoint.starts_with("https://") {
            return Err(bad("https:// needs TLS settings (DOCKER_CERT_PATH)"));
        } else if endpoint.starts_with("tcp://") || endpoint.starts_with("http://") {
            Docker::connect_with_http(&with_default_port(&endpoint, PLAIN_PORT), secs, version)
        } else if endpoint.starts_with("ssh://") {
            let target = ssh::SshTarget::parse(&endpoint).map_err(|r| bad(&r))?;
            in_flight = ssh::SSH_IN_FLIGHT;
            ssh::connect(&target, secs, version)
        } else if endpoint.starts_with('/') {
            Docker::connect_with_unix(&endpoint, secs, version)
        } else {
            return Err(bad("expected unix:///path/to/docker.sock or tcp://host:port"));
        }
    }
    .map_err(|e| EngineError::Unreachable { endpoint: endpoint.clone(), reason: e.to_string() })?
    .with_timeout(timeout);
    // The first call is where a TLS handshake fails: explain it with the files involved.
    let docker =
        rt.block_on(within_tls(timeout, &endpoint, tls.as_ref(), docker.negotiate_version()))?;
    Ok(Client { docker, rt, endpoint, timeout, audited, in_flight })
}

/// `tcp://host` → `tcp://host:PORT`, the port the Docker CLI assumes (2375, or 2376 with TLS).
fn with_default_port(endpoint: &str, port: u16) -> String {
    let (scheme, rest) = endpoint.split_once("://").unwrap_or(("tcp", endpoint));
    let authority = rest.split('/').next().unwrap_or("");
    let has_port = match authority.rfind(']') {
        Some(i) => authority[i..].contains(':'), // [::1]:2375
        None => authority.contains(':'),
    };
    if has_port {
        endpoint.to_string()
    } else {
        format!("{scheme}://{authority}:{port}{}", &rest[authority.len()..])
    }
}

/// Run `fut` to completion within `timeout`, mapping errors to [`EngineError`].
fn bounded<T>(
    rt: &tokio::runtime::Runtime,
    timeout: Duration,
    endpoint: &str,
    fut: impl Future<Output = Result<T, bollard::errors::Error>>,
) -> Result<T, EngineError> {
    rt.block_on(within(timeout, endpoint, fut))
}

/// `fut` bounded by `timeout`, errors mapped to [`EngineError`] (for calls run together).
async fn within<T>(
    timeout: Duration,
    endpoint: &str,
    fut: impl Future<Output = Result<T, bollard::errors::Error>>,
) -> Result<T, EngineError> {
    within_tls(timeout, endpoint, None, fut).await
}

/// [`within`], a TLS failure explained with the TLS files of `tls`.
async fn within_tls<T>(
    timeout: Duration,
    endpoint: &str,
    tls: Option<&TlsMaterial>,
    fut: impl Future<Output = Result<T, bollard::errors::Error>>,
) -> Result<T, EngineError> {
    match tokio::time::timeout(timeout, fut).await {
        Err(_) | Ok(Err(bollard::errors::Error::RequestTimeoutError)) => {
            Err(EngineError::Unreachable {
                endpoint: endpoint.to_string(),
                reason: format!("no answer within {} s", timeout.as_secs_f32()),
            })
        }
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(map_error(endpoint, tls, e)),
    }
}

fn map_error(endpoint: &str, tls: Option<&TlsMaterial>, e: bollard::errors::Error) -> EngineError {
    use bollard::errors::Error as E;
    match e {
        E::DockerResponseServerError { status_code, message } => EngineError::Api {
            endpoint: endpoint.to_string(),
            reason: format!("{message} (HTTP {status_code})"),
        },
        other => {
            if let Some(t) = tls::tls_error(&other) {
                return EngineError::Tls {
                    endpoint: endpoint.to_string(),
                    reason: tls::explain(t, tls),
                };
            }
            if let Some(s) = ssh::ssh_error(&other) {
                return EngineError::Unreachable {
                    endpoint: endpoint.to_string(),
                    reason: format!("ssh failed: {s}"),
                };
            }
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
    /// The daemon's security-relevant facts: `GET /version`, `GET /info` and `GET /networks`,
    /// issued together, each bounded by the timeout. A daemon that refuses the network list
    /// (an authorization plugin, say) leaves the networks and
    /// [`HostFacts::bridge_icc`](dockward_spec::HostFacts) unknown; so does one without a
    /// default bridge (`--bridge=none`).
    pub fn host_facts(&self) -> Result<dockward_spec::HostFacts, EngineError> {
        let json =
            |v: Result<serde_json::Value, serde_json::Error>| v.unwrap_or(serde_json::Value::Null);
        let (t, e) = (self.timeout, self.endpoint.as_str());
        let (version, info, networks) = self.rt.block_on(async {
            tokio::join!(
                within(t, e, self.docker.version()),
                within(t, e, self.docker.info()),
                within(t, e, self.docker.list_networks(None))
            )
        });
        let networks = match networks {
            Ok(n) => json(serde_json::to_value(n)),
            Err(EngineError::Api { .. }) => serde_json::Value::Null,
            Err(e) => return Err(e),
        };
        let mut facts = host_facts_from(
            &json(serde_json::to_value(version?)),
            &json(serde_json::to_value(info?)),
            &networks,
        );
        facts.endpoint = self.audited.clone();
        Ok(facts)
    }

    /// The endpoint connected to (`unix:///var/run/docker.sock`, `tcp://…`).
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The negotiated API version (`1.41`).
    pub fn api_version(&self) -> String {
        self.docker.client_version().to_string()
    }

    /// Every container (running or stopped) that matches `filters`, inspected and normalised,
    /// sorted by name. The inspections run [`INSPECT_CONCURRENCY`] at a time (over ssh
    /// [`ssh::SSH_IN_FLIGHT`]), each bounded by
    /// the timeout. A container removed between listing and inspecting is skipped.
    pub fn containers(&self, filters: &Filters) -> Result<Vec<LiveContainer>, EngineError> {
        let mut f: HashMap<String, Vec<String>> = HashMap::new();
        if !filters.labels.is_empty() {
            f.insert("label".into(), filters.labels.clone());
        }
        let opts = ListContainersOptionsBuilder::default().all(true).filters(&f).build();
        let list = bounded(
            &self.rt,
            self.timeout,
            &self.endpoint,
            self.docker.list_containers(Some(opts)),
        )?;
        let mut ids: Vec<String> = Vec::new();
        if filters.containers.is_empty() {
            ids = list.iter().filter_map(|c| c.id.clone()).collect();
        } else {
            for want in &filters.containers {
                let want_name = want.trim_start_matches('/');
                let by_name: Vec<&String> = list
                    .iter()
                    .filter(|c| {
                        c.names.iter().flatten().any(|n| n.trim_start_matches('/') == want_name)
                    })
                    .filter_map(|c| c.id.as_ref())
                    .collect();
                let hits = if by_name.is_empty() {
                    list.iter()
                        .filter_map(|c| c.id.as_ref())
                        .filter(|id| !want.is_empty() && id.starts_with(want.as_str()))
                        .collect()
                } else {
                    by_name
                };
                if hits.is_empty() {
                    return Err(EngineError::NoSuchContainer {
                        name: want.clone(),
                        labelled: !filters.labels.is_empty(),
                    });
                }
                for id in hits {
                    if !ids.contains(id) {
                        ids.push(id.clone());
                    }
                }
            }
        }
        let (t, e) = (self.timeout, self.endpoint.as_str());
        let mut inspected: Vec<(usize, Result<_, EngineError>)> = self.rt.block_on(
            futures_util::stream::iter(ids.iter().enumerate())
                .map(|(i, id)| async move {
                    (i, within(t, e, self.docker.inspect_container(id, None)).await)
                })
                .buffer_unordered(self.in_flight)
                .collect(),
        );
        // Listing order, so the error reported is the same whichever call finished first.
        inspected.sort_by_key(|(i, _)| *i);
        let mut out = Vec::with_capacity(ids.len());
        for (_, r) in inspected {
            match r {
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

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
        let pairs: Vec<(String, String)> =
            pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
    }

    fn context_dir() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        let meta = d
            .path()
            .join("contexts/meta/628b49d96dcde97a430dd4f597705899e09a968f793491e4b704cae33a40dc02");
        std::fs::create_dir_all(&meta).unwrap();
        std::fs::write(meta.join("meta.json"), r#"{"Name":"t1","Metadata":{},"Endpoints":{"docker":{"Host":"unix:///run/t1.sock","SkipTLSVerify":false}}}"#).unwrap();
        let other = d.path().join("contexts/meta/0000");
        std::fs::create_dir_all(&other).unwrap();
        std::fs::write(
            other.join("meta.json"),
            r#"{"Name":"remote","Endpoints":{"docker":{"Host":"tcp://10.0.0.1:2375"}}}"#,
        )
        .unwrap();
        std::fs::write(
            d.path().join("config.json"),
            "{\n\t\"auths\": {},\n\t\"currentContext\": \"t1\"\n}",
        )
        .unwrap();
        d
    }

    #[test]
    fn explicit_host_wins() {
        let e = env(&[("DOCKER_HOST", "unix:///other.sock")]);
        assert_eq!(
            resolve_host_in(Some("tcp://127.0.0.1:2375"), None, &e, true).unwrap(),
            "tcp://127.0.0.1:2375"
        );
        assert!(
            resolve_host_in(Some("tcp://127.0.0.1:2375"), Some("t1"), &e, true).is_err(),
            "--host and --context conflict"
        );
    }

    #[test]
    fn docker_host_then_contexts_then_default() {
        let d = context_dir();
        let cfg = d.path().to_str().unwrap();
        // DOCKER_HOST beats the config's current context, --context beats DOCKER_HOST.
        let e = env(&[("DOCKER_HOST", "tcp://127.0.0.1:2375"), ("DOCKER_CONFIG", cfg)]);
        assert_eq!(resolve_host_in(None, None, &e, true).unwrap(), "tcp://127.0.0.1:2375");
        assert_eq!(resolve_host_in(None, Some("remote"), &e, true).unwrap(), "tcp://10.0.0.1:2375");
        // config.json currentContext, overridden by DOCKER_CONTEXT.
        let e = env(&[("DOCKER_CONFIG", cfg)]);
        assert_eq!(resolve_host_in(None, None, &e, true).unwrap(), "unix:///run/t1.sock");
        let e = env(&[("DOCKER_CONFIG", cfg), ("DOCKER_CONTEXT", "remote")]);
        assert_eq!(resolve_host_in(None, None, &e, true).unwrap(), "tcp://10.0.0.1:2375");
        // `default` is the default socket.
        let e = env(&[("DOCKER_CONFIG", cfg), ("DOCKER_CONTEXT", "default")]);
        assert_eq!(resolve_host_in(None, None, &e, true).unwrap(), "unix:///var/run/docker.sock");
        // An unknown context is an error naming it.
        let err =
            resolve_host_in(None, Some("nope"), &env(&[("DOCKER_CONFIG", cfg)]), true).unwrap_err();
        assert!(matches!(err, EngineError::BadHost { .. }));
        assert!(err.to_string().contains("context `nope`"), "{err}");
    }

    #[test]
    fn rootless_socket_when_the_default_is_missing() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("docker.sock"), "").unwrap();
        let dir = d.path().to_str().unwrap();
        let e = env(&[("XDG_RUNTIME_DIR", dir), ("HOME", "/nonexistent")]);
        assert_eq!(
            resolve_host_in(None, None, &e, false).unwrap(),
            format!("unix://{dir}/docker.sock")
        );
        assert_eq!(resolve_host_in(None, None, &e, true).unwrap(), "unix:///var/run/docker.sock");
    }

    #[test]
    fn tcp_default_port() {
        assert_eq!(with_default_port("tcp://127.0.0.1", PLAIN_PORT), "tcp://127.0.0.1:2375");
        assert_eq!(with_default_port("tcp://127.0.0.1:9", PLAIN_PORT), "tcp://127.0.0.1:9");
        assert_eq!(with_default_port("tcp://[::1]", PLAIN_PORT), "tcp://[::1]:2375");
        assert_eq!(with_default_port("http://[::1]:1/", PLAIN_PORT), "http://[::1]:1/");
        assert_eq!(
            with_default_port("https://docker.example", TLS_PORT),
            "https://docker.example:2376"
        );
    }

    #[test]
    fn tls_from_the_environment() {
        let tls = |host: Option<&str>, pairs: &[(&str, &str)]| {
            resolve_endpoint_in(host, None, &env(pairs), true).unwrap().tls
        };
        // No DOCKER_TLS_VERIFY: tcp:// stays plain.
        assert_eq!(tls(Some("tcp://h:2375"), &[("HOME", "/home/u")]), None);
        // Any non-empty value turns verification on (as in the CLI, even `0`).
        for v in ["1", "0", "yes"] {
            let m = tls(
                Some("tcp://h:2376"),
                &[("DOCKER_TLS_VERIFY", v), ("DOCKER_CERT_PATH", "/certs")],
            )
            .unwrap();
            assert_eq!((m.dir.as_path(), m.skip_verify), (Path::new("/certs"), false));
        }
        assert_eq!(tls(Some("tcp://h"), &[("DOCKER_TLS_VERIFY", ""), ("HOME", "/home/u")]), None);
        // Default cert path: the CLI's config directory.
        let m = tls(
            None,
            &[("DOCKER_HOST", "tcp://h"), ("DOCKER_TLS_VERIFY", "1"), ("HOME", "/home/u")],
        )
        .unwrap();
        assert_eq!(m.ca(), Path::new("/home/u/.docker/ca.pem"));
        let m = tls(
            None,
            &[("DOCKER_HOST", "tcp://h"), ("DOCKER_TLS_VERIFY", "1"), ("DOCKER_CONFIG", "/cfg")],
        )
        .unwrap();
        assert_eq!(m.key(), Path::new("/cfg/key.pem"));
        // https:// is TLS without DOCKER_TLS_VERIFY; a socket never is.
        assert!(tls(Some("https://h"), &[("HOME", "/home/u")]).is_some());
        assert_eq!(
            tls(Some("unix:///run/d.sock"), &[("DOCKER_TLS_VERIFY", "1"), ("HOME", "/home/u")]),
            None
        );
        // Nowhere to look for ca.pem.
        let err =
            resolve_endpoint_in(Some("tcp://h"), None, &env(&[("DOCKER_TLS_VERIFY", "1")]), true)
                .unwrap_err();
        assert!(
            matches!(err, EngineError::Tls { .. }) && err.to_string().contains("DOCKER_CERT_PATH"),
            "{err}"
        );
    }

    #[test]
    fn tls_from_a_context() {
        let d = context_dir();
        let cfg = d.path().to_str().unwrap();
        let add = |id: &str, name: &str, host: &str, skip: bool, files: &[&str]| {
            let meta = d.path().join("contexts/meta").join(id);
            std::fs::create_dir_all(&meta).unwrap();
            let json = serde_json::json!({"Name": name, "Endpoints": {"docker": {"Host": host, "SkipTLSVerify": skip}}});
            std::fs::write(meta.join("meta.json"), json.to_string()).unwrap();
            let tls = d.path().join("contexts/tls").join(id).join("docker");
            std::fs::create_dir_all(&tls).unwrap();
            for f in files {
                std::fs::write(tls.join(f), "").unwrap();
            }
        };
        add("aaaa", "secure", "tcp://10.0.0.2:2376", false, &["ca.pem", "cert.pem", "key.pem"]);
        add("bbbb", "skip", "tcp://10.0.0.3:2376", true, &[]);
        add("cccc", "sock", "unix:///run/x.sock", false, &["ca.pem"]);
        // The context's TLS, not the environment's.
        let e = env(&[
            ("DOCKER_CONFIG", cfg),
            ("DOCKER_TLS_VERIFY", "1"),
            ("DOCKER_CERT_PATH", "/elsewhere"),
        ]);
        let m = resolve_endpoint_in(None, Some("secure"), &e, true).unwrap().tls.unwrap();
        assert_eq!(
            (m.dir.clone(), m.skip_verify),
            (d.path().join("contexts/tls/aaaa/docker"), false)
        );
        assert_eq!(m.origin, "context `secure`");
        let m = resolve_endpoint_in(None, Some("skip"), &e, true).unwrap().tls.unwrap();
        assert!(m.skip_verify);
        assert_eq!(resolve_endpoint_in(None, Some("sock"), &e, true).unwrap().tls, None);
        // A tcp:// context without TLS files is plain HTTP, whatever the environment says.
        assert_eq!(resolve_endpoint_in(None, Some("remote"), &e, true).unwrap().tls, None);
    }

    #[test]
    fn tls_files_are_checked_and_named() {
        let d = tempfile::tempdir().unwrap();
        let m = TlsMaterial {
            dir: d.path().to_path_buf(),
            skip_verify: false,
            origin: "DOCKER_CERT_PATH".into(),
        };
        let e = connect_endpoint(
            Endpoint { host: "tcp://127.0.0.1:9".into(), tls: Some(m.clone()) },
            Duration::from_secs(1),
        )
        .err()
        .unwrap();
        assert!(matches!(e, EngineError::Tls { .. }), "{e:?}");
        assert!(e.to_string().contains(&m.ca().display().to_string()), "{e}");
        std::fs::write(m.ca(), "not pem").unwrap();
        let e = tls::client_config(&m).unwrap_err();
        assert!(e.contains("ca.pem") && e.contains("no certificate"), "{e}");
        // Skipping verification needs no CA; a lone key is an error naming the missing cert.
        let skip = TlsMaterial { skip_verify: true, ..m.clone() };
        assert!(tls::client_config(&skip).is_ok());
        std::fs::write(m.key(), "").unwrap();
        let e = tls::client_config(&skip).unwrap_err();
        assert!(e.contains(&m.cert().display().to_string()) && e.contains("missing"), "{e}");
        // http:// with TLS requested is a contradiction, not a silent downgrade.
        let e = connect_endpoint(
            Endpoint { host: "http://127.0.0.1:9".into(), tls: Some(skip) },
            Duration::from_secs(1),
        )
        .err()
        .unwrap();
        assert!(matches!(e, EngineError::BadHost { .. }), "{e:?}");
    }

    #[test]
    fn missing_socket_is_unreachable_and_named() {
        let e = connect_with_timeout(Some("unix:///nonexistent.sock"), Duration::from_secs(1))
            .err()
            .unwrap();
        assert!(matches!(e, EngineError::Unreachable { .. }), "{e:?}");
        assert!(e.to_string().contains("/nonexistent.sock"), "{e}");
    }

    #[test]
    fn unsupported_schemes() {
        for h in ["ssh://u:password@h", "npipe:////./pipe/docker_engine"] {
            let e = connect_with_timeout(Some(h), Duration::from_secs(1)).err().unwrap();
            assert!(matches!(e, EngineError::BadHost { .. }), "{h}: {e:?}");
        }
    }

    #[test]
    fn refused_tcp_is_unreachable_quickly() {
        // Port 9 (discard) on loopback: nothing listens in test environments.
        let start = std::time::Instant::now();
        let e =
            connect_with_timeout(Some("tcp://127.0.0.1:9"), Duration::from_secs(2)).err().unwrap();
        assert!(matches!(e, EngineError::Unreachable { .. }), "{e:?}");
        assert!(start.elapsed() < Duration::from_secs(5));
    }
}
