//! ## What it does
//! Flags containers that can drive a container runtime on the host:
//!
//! - a mount of a runtime API socket: `docker.sock` (also Docker Desktop's `docker.sock.raw`
//!   and rootless `/run/user/<uid>/docker.sock`), `containerd.sock`, `podman.sock`,
//!   `crio.sock`, `cri-dockerd.sock`, `dockershim.sock`, in short or long syntax, through a
//!   named volume that binds it (`driver_opts.device`), or as a secret/config `file:`;
//! - a mount of a directory holding one: `/run` and `/var/run` (`docker.sock`,
//!   `containerd/containerd.sock`), `/run/containerd`, `/run/docker` (plugin sockets and, on
//!   some installs, dockerd's own containerd), `/run/podman`, `/run/crio`;
//! - a socket source that comes from `${VAR}` interpolation: the finding says which variable
//!   and where its value came from (`${DOCKER_SOCK:-/var/run/docker.sock}`, a `.env` file);
//!   a socket name stays a socket whatever the prefix (`${XDG_RUNTIME_DIR}/docker.sock`), but
//!   a directory built from an unset variable (`${DATA}/run`) is not reported. When the
//!   variable is unset here (so Compose would create an anonymous volume) but the mount target
//!   is a runtime socket path (`${DOCKER_SOCK}:/var/run/docker.sock`), the intent is reported;
//! - `DOCKER_HOST` in the environment pointing at the host's daemon over `tcp://` (or `ssh://`,
//!   `http(s)://`): `host.docker.internal` and its Docker Desktop/Podman aliases, the default
//!   bridge gateway `172.17.0.1` and the other default-pool gateways `172.18.0.1`–`172.31.0.1`,
//!   the gateway of a network the project defines (`ipam.config[].gateway`, or the first
//!   address of its `subnet`), a name that `extra_hosts` maps to `host-gateway` or to one of
//!   those addresses, and `localhost` when the service uses `network_mode: host`. Service
//!   names (`tcp://docker:2376` for a dind sidecar, `tcp://socket-proxy:2375`) and other
//!   addresses are not the host and are not reported.
//!
//! A read-only mount (`:ro`, `read_only: true`) is still critical: it only stops the
//! container from replacing the socket file; the API behind it accepts every request. The host
//! root `/` holds the socket too; it is reported once, by DW802, as critical in either mode.
//!
//! ## Why is this bad?
//! The runtime API is root on the host: whoever can reach it starts a container with
//! `privileged: true` and the host's `/` mounted, and owns the machine. Docker's API has no
//! per-endpoint authorisation unless an authz plugin is installed, and containerd's socket
//! sits below even that.
//!
//! ## Example
//! ```yaml
//! services:
//!   ci-runner:
//!     image: example/runner:3.2
//!     volumes:
//!       - /var/run/docker.sock:/var/run/docker.sock:ro   # ro does not help
//!   deployer:
//!     image: example/deployer:1.0
//!     environment:
//!       DOCKER_HOST: tcp://host.docker.internal:2375
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   socket-proxy:
//!     image: tecnativa/docker-socket-proxy:0.3
//!     environment:
//!       CONTAINERS: 1          # only the endpoints the client needs
//!     volumes:
//!       - /var/run/docker.sock:/var/run/docker.sock:ro   # still reported: the one place it lives
//!     networks: [docker-api]
//!   ci-runner:
//!     image: example/runner:3.2
//!     environment:
//!       DOCKER_HOST: tcp://socket-proxy:2375
//!     networks: [docker-api]
//! networks:
//!   docker-api:
//!     internal: true
//! ```
//!
//! ## References
//! - CIS Docker Benchmark 5.32 (the Docker socket is not mounted inside any containers)
//! - compose-lint CL-0001; KICS docker_socket_mounted_in_container (neither checks
//!   `DOCKER_HOST`, so those findings name no equivalent)
//! - OWASP Docker Security Cheat Sheet, rule 1
//! - <https://docs.docker.com/engine/security/#docker-daemon-attack-surface>

use crate::prelude::*;
use crate::read_only::dw802_sensitive_host_mount::{HostMount, host_mounts, mount_via, unset_vars};
use dockward_spec::container::MountType;
use std::net::Ipv4Addr;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW803",
    name: "runtime-socket-mount",
    summary: "Container runtime socket reachable from the container",
    practice: Practice::ReadOnly,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::Critical,
    equivalents: &["CL-0001", "KICS-docker_socket_mounted_in_container", "CIS-5.32"],
    default_enabled: true,
};

/// What a host path exposes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum SocketHit {
    /// The socket itself: the runtime's name.
    File(&'static str),
    /// A directory holding sockets: which ones.
    Dir(&'static str),
}

/// Socket file names (matched in the last path component), most specific first.
const SOCKET_NAMES: &[(&str, &str)] = &[
    ("cri-dockerd.sock", "cri-dockerd (Docker)"),
    ("dockershim.sock", "dockershim (Docker)"),
    ("docker.sock", "Docker"),
    ("containerd.sock", "containerd"),
    ("podman.sock", "Podman"),
    ("crio.sock", "CRI-O"),
];

/// Directories holding a socket on a stock host (after `/var/run` → `/run`).
const SOCKET_DIRS: &[(&str, &str)] = &[
    (
        "/run",
        "the Docker and containerd sockets (`/run/docker.sock`, `/run/containerd/containerd.sock`)",
    ),
    ("/run/containerd", "containerd's socket, which is below Docker's authorization layer"),
    (
        "/run/docker",
        "Docker plugin sockets and, on some installs, the containerd socket dockerd manages",
    ),
    ("/run/podman", "Podman's API socket"),
    ("/run/crio", "CRI-O's socket"),
];

/// The runtime whose socket the last component of `path` names (`docker.sock`,
/// `docker.sock.raw`, `my-docker.sock`; not `docker.socket`).
fn socket_runtime(path: &str) -> Option<&'static str> {
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    SOCKET_NAMES
        .iter()
        .find(|(n, _)| last.ends_with(n) || last.contains(&format!("{n}.")))
        .map(|(_, rt)| *rt)
}

/// Does the normalised host path `path` name a runtime socket or a directory holding one?
pub(crate) fn runtime_socket(path: &str) -> Option<SocketHit> {
    if let Some(rt) = socket_runtime(path) {
        return Some(SocketHit::File(rt));
    }
    SOCKET_DIRS.iter().find(|(d, _)| *d == path).map(|(_, what)| SocketHit::Dir(what))
}

const RO_NOTE: &str =
    "; read-only does not help: it only protects the socket file, not the API behind it";

const PROXY: &str = "If it needs the Docker API, run a filtering proxy (e.g. `tecnativa/docker-socket-proxy` allowing only the endpoints it uses) on an `internal: true` network and set `DOCKER_HOST: tcp://socket-proxy:2375` in the client.";

fn mount_finding(ctx: &ContainerCtx, hm: &HostMount, hit: SocketHit) -> Finding {
    let ro = if hm.read_only { RO_NOTE } else { "" };
    let msg = match hit {
        SocketHit::File(rt) => format!(
            "{} {}: that is the {rt} API socket, and whoever reaches it controls the {rt} daemon, i.e. root on the host{ro}",
            ctx.what(),
            hm.describe()
        ),
        SocketHit::Dir(what) => format!(
            "{} {}: that directory holds {what}, and whoever reaches them controls the runtime, i.e. root on the host{ro}",
            ctx.what(),
            hm.describe()
        ),
    };
    let fix = match hit {
        SocketHit::File(_) => format!("Remove the socket mount. {PROXY}"),
        SocketHit::Dir(_) => format!(
            "Mount only the files the container needs from that directory, never the directory itself, and no runtime socket. {PROXY}"
        ),
    };
    ctx.finding_loc(&RULE, hm.loc, &hm.via, msg).with_fix(fix)
}

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    for hm in host_mounts(ctx) {
        if hm.path == "/" {
            continue; // DW802 reports the host root, critical in either mode
        }
        match runtime_socket(&hm.path) {
            // A directory path built from an unset variable (`${DATA}/run`) is not what
            // deploys; a socket name is, whatever the prefix (`${XDG_RUNTIME_DIR}/docker.sock`).
            Some(SocketHit::Dir(_)) if !hm.unset_vars().is_empty() => {}
            Some(hit) => out.push(mount_finding(ctx, &hm, hit)),
            None => {}
        }
    }
    // `${DOCKER_SOCK}:/var/run/docker.sock` with the variable unset: Compose would create an
    // anonymous volume here, but the target says what the variable is meant to hold.
    for m in &ctx.spec.mounts {
        let mv = &m.value;
        let via = mount_via(ctx, m);
        let unset = unset_vars(&via);
        if mv.kind != MountType::Volume || mv.source.is_some() || unset.is_empty() {
            continue;
        }
        let Some(rt) = socket_runtime(&mv.target) else {
            continue;
        };
        let vars = unset.iter().map(|v| format!("`${{{v}}}`")).collect::<Vec<_>>().join(", ");
        out.push(
            ctx.finding_loc(&RULE, &m.loc, &via, format!("{} mounts a host path from {vars} at `{}`: the variable is unset here, but the target is the {rt} API socket, so where it is set this gives the container the {rt} daemon, i.e. root on the host", ctx.what(), mv.target))
                .with_fix(format!("Do not mount the runtime socket, whatever the variable holds. {PROXY}")),
        );
    }
    check_docker_host(ctx, out);
}

/// Hosts that always are the Docker host, seen from a container.
const HOST_ALIASES: &[&str] = &[
    "host.docker.internal",
    "gateway.docker.internal",
    "docker.for.mac.localhost",
    "docker.for.mac.host.internal",
    "docker.for.win.localhost",
    "docker.for.win.host.internal",
    "host.containers.internal",
];

/// `tcp://user@host:2375/path` → `host` (brackets of an IPv6 literal removed).
fn url_host(value: &str) -> Option<(String, String)> {
    let v = value.trim();
    let (scheme, rest) = v.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if !matches!(scheme.as_str(), "tcp" | "http" | "https" | "ssh") {
        return None;
    }
    let authority = rest.split('/').next().unwrap_or("");
    let hostport = authority.rsplit_once('@').map(|(_, h)| h).unwrap_or(authority);
    let host = if let Some(r) = hostport.strip_prefix('[') {
        r.split(']').next().unwrap_or("").to_string()
    } else {
        hostport.split(':').next().unwrap_or("").to_string()
    };
    (!host.is_empty()).then(|| (scheme, host.to_ascii_lowercase()))
}

/// Why an address is the host, if it is one Docker puts there.
fn default_gateway(ip: &str) -> Option<String> {
    let a: Ipv4Addr = ip.parse().ok()?;
    let o = a.octets();
    if o == [172, 17, 0, 1] {
        return Some("the default bridge's gateway, i.e. the host".into());
    }
    if o[0] == 172 && (18..=31).contains(&o[1]) && o[2] == 0 && o[3] == 1 {
        return Some(
            "the gateway of a Docker network from the default address pool, i.e. the host".into(),
        );
    }
    None
}

/// Gateways of the networks the project defines: `(address, network key)`.
fn project_gateways(ctx: &ContainerCtx) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Some(nets) = ctx.project.and_then(|p| p.model.get("networks")).and_then(|n| n.as_map())
    else {
        return out;
    };
    for e in nets {
        let Some(configs) =
            e.value.get("ipam").and_then(|i| i.get("config")).and_then(|c| c.as_seq())
        else {
            continue;
        };
        for c in configs {
            if let Some(gw) = c.get("gateway").and_then(|g| g.scalar_text()) {
                out.push((gw.trim().to_string(), e.key.clone()));
            } else if let Some(subnet) = c.get("subnet").and_then(|s| s.scalar_text())
                && let Some((addr, len)) = subnet.trim().split_once('/')
                && let (Ok(addr), Ok(len)) = (addr.parse::<Ipv4Addr>(), len.parse::<u32>())
                && len < 31
            {
                let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
                let first = Ipv4Addr::from((u32::from(addr) & mask).wrapping_add(1));
                out.push((first.to_string(), e.key.clone()));
            }
        }
    }
    out
}

/// `extra_hosts` of the service: `(name, address)`.
fn extra_hosts(ctx: &ContainerCtx) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Some(node) =
        ctx.project.and_then(|p| p.service(&ctx.spec.name)).and_then(|s| s.node.get("extra_hosts"))
    else {
        return out;
    };
    if let Some(map) = node.as_map() {
        for e in map {
            if let Some(v) = e.value.scalar_text() {
                out.push((e.key.to_ascii_lowercase(), v.trim().to_string()));
            } else if let Some(seq) = e.value.as_seq() {
                out.extend(
                    seq.iter()
                        .filter_map(|v| v.scalar_text())
                        .map(|v| (e.key.to_ascii_lowercase(), v.trim().to_string())),
                );
            }
        }
    } else if let Some(seq) = node.as_seq() {
        for item in seq.iter().filter_map(|i| i.scalar_text()) {
            let split = item.split_once('=').or_else(|| item.split_once(':'));
            if let Some((name, addr)) = split {
                out.push((
                    name.trim().to_ascii_lowercase(),
                    addr.trim().trim_start_matches('[').trim_end_matches(']').to_string(),
                ));
            }
        }
    }
    out
}

/// Is `host` the Docker host, seen from this container? Returns why.
fn host_is_docker_host(ctx: &ContainerCtx, host: &str) -> Option<String> {
    if HOST_ALIASES.contains(&host) {
        return Some(format!("`{host}` resolves to the host"));
    }
    if let Some(why) = default_gateway(host) {
        return Some(format!("`{host}` is {why}"));
    }
    if let Some((_, net)) = project_gateways(ctx).into_iter().find(|(gw, _)| gw == host) {
        return Some(format!("`{host}` is the gateway of network `{net}`, i.e. the host"));
    }
    if let Some((_, addr)) = extra_hosts(ctx).into_iter().find(|(name, _)| name == host) {
        if addr == "host-gateway" {
            return Some(format!("`extra_hosts` maps `{host}` to `host-gateway`, i.e. the host"));
        }
        if let Some(why) = default_gateway(&addr) {
            return Some(format!("`extra_hosts` maps `{host}` to `{addr}`, {why}"));
        }
    }
    let host_net = ctx.spec.network_mode.as_ref().is_some_and(|n| n.value.is_host());
    if host_net && (matches!(host, "localhost" | "::1" | "0.0.0.0") || host.starts_with("127.")) {
        return Some(format!("with `network_mode: host`, `{host}` is the host itself"));
    }
    None
}

fn check_docker_host(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    let Some(var) = ctx.spec.environment.get("DOCKER_HOST") else {
        return;
    };
    let Some(value) = var.value.as_deref() else {
        return;
    };
    let Some((scheme, host)) = url_host(value) else {
        return;
    };
    let Some(why) = host_is_docker_host(ctx, &host) else {
        return;
    };
    let over = if scheme == "ssh" { "over SSH" } else { "over TCP" };
    out.push(
        ctx.finding_at(&RULE, var, format!("{} sets `DOCKER_HOST={}`: {why}, so the container drives the host's Docker daemon {over}, i.e. root on the host", ctx.what(), value.trim()))
            .with_fix("Do not point containers at the host's daemon. If the service needs the Docker API, run a filtering proxy (e.g. `tecnativa/docker-socket-proxy`) as a service on an `internal: true` network and set `DOCKER_HOST: tcp://socket-proxy:2375`; keep the daemon's TCP socket off container-reachable addresses.")
            .with_equivalents(Vec::<String>::new()),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sockets_and_urls() {
        assert_eq!(runtime_socket("/run/docker.sock"), Some(SocketHit::File("Docker")));
        assert_eq!(runtime_socket("/run/user/1000/docker.sock"), Some(SocketHit::File("Docker")));
        assert_eq!(
            runtime_socket("/run/cri-dockerd.sock"),
            Some(SocketHit::File("cri-dockerd (Docker)"))
        );
        assert!(matches!(runtime_socket("/run/containerd"), Some(SocketHit::Dir(_))));
        assert_eq!(runtime_socket("/run/dbus"), None);
        assert_eq!(runtime_socket("/run/docker.socket.d"), None);
        assert_eq!(
            url_host("tcp://host.docker.internal:2375"),
            Some(("tcp".into(), "host.docker.internal".into()))
        );
        assert_eq!(url_host("ssh://me@172.17.0.1"), Some(("ssh".into(), "172.17.0.1".into())));
        assert_eq!(url_host("tcp://[::1]:2375"), Some(("tcp".into(), "::1".into())));
        assert_eq!(url_host("unix:///var/run/docker.sock"), None);
        assert!(default_gateway("172.17.0.1").is_some());
        assert!(default_gateway("172.20.0.1").is_some());
        assert!(default_gateway("172.20.0.5").is_none());
        assert!(default_gateway("10.0.0.1").is_none());
    }
}
