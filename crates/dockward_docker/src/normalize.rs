//! Engine API `GET /containers/{id}/json` → [`ContainerSpec`].
//!
//! The inspect response is the container's *effective* configuration: the daemon has already
//! merged the image's config (USER, HEALTHCHECK, ENV, ...) into `Config`, so what is read here
//! is what the container runs with. Every value keeps the API field it came from as its
//! [`SourceLoc::path`] (`HostConfig.Privileged`, `HostConfig.CapAdd[0]`); `file` is `None` and
//! the line is 0. Values the API reports as "unset" (`""`, `0`, `null`) become `None`/empty, so
//! the rules see the same absence they see for a Compose service that does not set the key.

use std::collections::BTreeMap;

use bollard::models::{ContainerInspectResponse, HealthConfig};
use dockward_spec::container::{
    Command, Device, Healthcheck, ImageSpecRef, Logging, Mount, MountType, NamespaceMode,
    NetworkAttachment, PortMapping, PortRange, RestartPolicy, SecurityOpt, Tmpfs, Ulimit,
};
use dockward_spec::{ContainerSpec, ImageRef, Located, SourceLoc};

/// A live container: its normalised spec plus what only a live container has.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveContainer {
    pub spec: ContainerSpec,
    /// Full container ID.
    pub id: String,
    /// The image ID the container runs (`sha256:…`).
    pub image_id: Option<String>,
    /// `com.docker.compose.project` label, when Compose created the container.
    pub compose_project: Option<String>,
    /// `com.docker.compose.service` label.
    pub compose_service: Option<String>,
    /// `State.Status`: `running`, `exited`, `created`, ...
    pub state: String,
    /// `State.Health.Status` when the container has a health check: `healthy`, `unhealthy`, `starting`.
    pub health: Option<String>,
}

fn loc(path: impl Into<String>) -> SourceLoc {
    SourceLoc {
        file: None,
        line: 0,
        column: 0,
        end_line: 0,
        end_column: 0,
        bytes: None,
        path: path.into(),
    }
}

fn at<T>(value: T, path: impl Into<String>) -> Located<T> {
    Located::new(value, loc(path))
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Nanoseconds (as the API gives durations) → `30s`, `1m30s`, `500ms`.
fn duration(ns: i64) -> String {
    if ns % 1_000_000_000 == 0 {
        let s = ns / 1_000_000_000;
        if s >= 60 && s % 60 == 0 { format!("{}m", s / 60) } else { format!("{s}s") }
    } else {
        format!("{}ms", ns / 1_000_000)
    }
}

fn healthcheck(h: &HealthConfig) -> Healthcheck {
    let test = h.test.clone().filter(|t| !t.is_empty());
    let disabled = test.as_ref().is_some_and(|t| t[0].eq_ignore_ascii_case("NONE"));
    Healthcheck {
        test,
        disabled,
        interval: h.interval.filter(|v| *v > 0).map(duration),
        timeout: h.timeout.filter(|v| *v > 0).map(duration),
        retries: h.retries.filter(|v| *v > 0).map(|v| v as u64),
        start_period: h.start_period.filter(|v| *v > 0).map(duration),
        start_interval: h.start_interval.filter(|v| *v > 0).map(duration),
    }
}

fn mount_type(t: &str) -> Option<MountType> {
    Some(match t.to_ascii_lowercase().as_str() {
        "bind" => MountType::Bind,
        "volume" => MountType::Volume,
        "tmpfs" => MountType::Tmpfs,
        "npipe" => MountType::Npipe,
        "cluster" => MountType::Cluster,
        "image" => MountType::Image,
        _ => return None,
    })
}

/// Normalise one inspect response.
pub fn normalize(c: &ContainerInspectResponse) -> LiveContainer {
    let mut spec = ContainerSpec::default();
    let id = c.id.clone().unwrap_or_default();
    let name = c.name.as_deref().unwrap_or("").trim_start_matches('/').to_string();
    spec.name = if name.is_empty() { id.chars().take(12).collect() } else { name };
    spec.loc = loc("");
    spec.container_name = Some(at(spec.name.clone(), "Name"));

    let mut compose_project = None;
    let mut compose_service = None;
    if let Some(cfg) = &c.config {
        if let Some(img) = non_empty(&cfg.image) {
            let (parsed, error) = match ImageRef::parse(img) {
                Ok(r) => (Some(r), None),
                Err(e) => (None, Some(e.to_string())),
            };
            spec.image = Some(at(
                ImageSpecRef { raw: img.to_string(), parsed, error, unresolved: false },
                "Config.Image",
            ));
        }
        if let Some(u) = non_empty(&cfg.user) {
            spec.user = Some(at(u.to_string(), "Config.User"));
        }
        if let Some(h) = &cfg.healthcheck {
            spec.healthcheck = Some(at(healthcheck(h), "Config.Healthcheck"));
        }
        for e in cfg.env.iter().flatten() {
            let (k, v) = match e.split_once('=') {
                Some((k, v)) => (k, Some(v.to_string())),
                None => (e.as_str(), None),
            };
            if !k.is_empty() {
                spec.environment.insert(k.to_string(), at(v, format!("Config.Env.{k}")));
            }
        }
        let labels: BTreeMap<_, _> = cfg.labels.iter().flatten().collect();
        for (k, v) in labels {
            spec.labels.insert(k.clone(), at(v.clone(), format!("Config.Labels.{k}")));
            match k.as_str() {
                "com.docker.compose.project" => compose_project = Some(v.clone()),
                "com.docker.compose.service" => compose_service = Some(v.clone()),
                _ => {}
            }
        }
        for p in cfg.exposed_ports.iter().flatten() {
            spec.expose.push(at(p.clone(), format!("Config.ExposedPorts.{p}")));
        }
        if let Some(cmd) = cfg.cmd.clone().filter(|c| !c.is_empty()) {
            spec.command = Some(at(Command::Exec(cmd), "Config.Cmd"));
        }
        if let Some(ep) = cfg.entrypoint.clone().filter(|c| !c.is_empty()) {
            spec.entrypoint = Some(at(Command::Exec(ep), "Config.Entrypoint"));
        }
        if let Some(w) = non_empty(&cfg.working_dir) {
            spec.working_dir = Some(at(w.to_string(), "Config.WorkingDir"));
        }
        if let Some(h) = non_empty(&cfg.hostname) {
            spec.hostname = Some(at(h.to_string(), "Config.Hostname"));
        }
    }

    if let Some(hc) = &c.host_config {
        // `false` is the API's "not set": left unset, as for a service without the key.
        spec.privileged = hc.privileged.filter(|v| *v).map(|v| at(v, "HostConfig.Privileged"));
        spec.read_only =
            hc.readonly_rootfs.filter(|v| *v).map(|v| at(v, "HostConfig.ReadonlyRootfs"));
        for (i, cap) in hc.cap_add.iter().flatten().enumerate() {
            spec.cap_add.push(at(cap.clone(), format!("HostConfig.CapAdd[{i}]")));
        }
        for (i, cap) in hc.cap_drop.iter().flatten().enumerate() {
            spec.cap_drop.push(at(cap.clone(), format!("HostConfig.CapDrop[{i}]")));
        }
        for (i, g) in hc.group_add.iter().flatten().enumerate() {
            spec.group_add.push(at(g.clone(), format!("HostConfig.GroupAdd[{i}]")));
        }
        for (i, o) in hc.security_opt.iter().flatten().enumerate() {
            spec.security_opt
                .push(at(SecurityOpt::parse(o), format!("HostConfig.SecurityOpt[{i}]")));
        }
        if let Some(m) = non_empty(&hc.network_mode) {
            spec.network_mode = Some(at(NamespaceMode::parse(m), "HostConfig.NetworkMode"));
        }
        if let Some(m) = non_empty(&hc.pid_mode) {
            spec.pid = Some(at(NamespaceMode::parse(m), "HostConfig.PidMode"));
        }
        if let Some(m) = non_empty(&hc.ipc_mode) {
            spec.ipc = Some(at(NamespaceMode::parse(m), "HostConfig.IpcMode"));
        }
        if let Some(m) = non_empty(&hc.uts_mode) {
            spec.uts = Some(at(NamespaceMode::parse(m), "HostConfig.UTSMode"));
        }
        if let Some(m) = non_empty(&hc.userns_mode) {
            spec.userns_mode = Some(at(NamespaceMode::parse(m), "HostConfig.UsernsMode"));
        }
        if let Some(p) = non_empty(&hc.cgroup_parent) {
            spec.cgroup_parent = Some(at(p.to_string(), "HostConfig.CgroupParent"));
        }
        let tmpfs: BTreeMap<_, _> = hc.tmpfs.iter().flatten().collect();
        for (target, opts) in tmpfs {
            let options = opts
                .split(',')
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(str::to_string)
                .collect();
            spec.tmpfs.push(at(
                Tmpfs { target: target.clone(), options },
                format!("HostConfig.Tmpfs.{target}"),
            ));
        }
        for (i, d) in hc.devices.iter().flatten().enumerate() {
            let Some(host) = non_empty(&d.path_on_host) else { continue };
            let device = Device {
                host: host.to_string(),
                container: non_empty(&d.path_in_container).map(str::to_string),
                permissions: non_empty(&d.cgroup_permissions).map(str::to_string),
                cdi: false,
            };
            spec.devices.push(at(device, format!("HostConfig.Devices[{i}]")));
        }
        for (i, r) in hc.device_cgroup_rules.iter().flatten().enumerate() {
            spec.device_cgroup_rules
                .push(at(r.clone(), format!("HostConfig.DeviceCgroupRules[{i}]")));
        }
        let bindings: BTreeMap<_, _> = hc.port_bindings.iter().flatten().collect();
        for (port, list) in bindings {
            let (num, proto) = port.split_once('/').unwrap_or((port.as_str(), "tcp"));
            let Some(target) = PortRange::parse(num) else { continue };
            for (i, b) in list.iter().flatten().enumerate() {
                let host_ip = non_empty(&b.host_ip).map(str::to_string);
                let published = non_empty(&b.host_port).and_then(PortRange::parse);
                let raw = format!(
                    "{}{}{port}",
                    host_ip
                        .as_deref()
                        .map(|ip| if ip.contains(':') {
                            format!("[{ip}]:")
                        } else {
                            format!("{ip}:")
                        })
                        .unwrap_or_default(),
                    published.map(|p| format!("{p}:")).unwrap_or_default(),
                );
                let mapping = PortMapping {
                    host_ip,
                    published,
                    target,
                    protocol: proto.to_ascii_lowercase(),
                    mode: None,
                    app_protocol: None,
                    name: None,
                    raw: Some(raw),
                };
                spec.ports.push(at(mapping, format!("HostConfig.PortBindings.{port}[{i}]")));
            }
        }
        // `-P`: every exposed port without an explicit binding is published on all interfaces,
        // on an ephemeral host port.
        if hc.publish_all_ports == Some(true) {
            let exposed: Vec<&String> =
                c.config.iter().flat_map(|cfg| cfg.exposed_ports.iter().flatten()).collect();
            for port in exposed {
                if hc.port_bindings.as_ref().is_some_and(|b| b.contains_key(port.as_str())) {
                    continue;
                }
                let (num, proto) = port.split_once('/').unwrap_or((port.as_str(), "tcp"));
                let Some(target) = PortRange::parse(num) else { continue };
                let mapping = PortMapping {
                    host_ip: None,
                    published: None,
                    target,
                    protocol: proto.to_ascii_lowercase(),
                    mode: None,
                    app_protocol: None,
                    name: None,
                    raw: Some(port.clone()),
                };
                spec.ports.push(at(mapping, "HostConfig.PublishAllPorts"));
            }
        }
        if let Some(rp) = &hc.restart_policy {
            let name = rp.name.map(|n| n.to_string()).unwrap_or_default();
            let condition = if name.is_empty() { "no".to_string() } else { name };
            let max_attempts = (condition == "on-failure")
                .then(|| rp.maximum_retry_count.unwrap_or(0).max(0) as u64);
            spec.restart =
                Some(at(RestartPolicy { condition, max_attempts }, "HostConfig.RestartPolicy"));
        }
        let r = &mut spec.resources;
        r.memory = hc.memory.filter(|v| *v > 0).map(|v| at(v as u64, "HostConfig.Memory"));
        r.memory_reservation = hc
            .memory_reservation
            .filter(|v| *v > 0)
            .map(|v| at(v as u64, "HostConfig.MemoryReservation"));
        r.memswap = hc.memory_swap.filter(|v| *v != 0).map(|v| at(v, "HostConfig.MemorySwap"));
        r.cpus = hc.nano_cpus.filter(|v| *v > 0).map(|v| at(v as f64 / 1e9, "HostConfig.NanoCpus"));
        r.cpu_quota = hc.cpu_quota.filter(|v| *v != 0).map(|v| at(v, "HostConfig.CpuQuota"));
        r.cpu_period = hc.cpu_period.filter(|v| *v > 0).map(|v| at(v, "HostConfig.CpuPeriod"));
        r.cpu_shares = hc.cpu_shares.filter(|v| *v > 0).map(|v| at(v, "HostConfig.CpuShares"));
        // 0 and null both mean "no limit" to the daemon: leave the limit unset, as for a Compose
        // service without `pids_limit`; -1 (explicitly unlimited) is kept so rules can say so.
        r.pids = hc.pids_limit.filter(|v| *v != 0).map(|v| at(v, "HostConfig.PidsLimit"));
        r.oom_kill_disable =
            hc.oom_kill_disable.filter(|v| *v).map(|v| at(v, "HostConfig.OomKillDisable"));
        for u in hc.ulimits.iter().flatten() {
            let Some(name) = non_empty(&u.name) else { continue };
            let soft = u.soft.unwrap_or(0);
            let hard = u.hard.unwrap_or(soft);
            spec.ulimits.insert(
                name.to_string(),
                at(Ulimit { soft, hard }, format!("HostConfig.Ulimits.{name}")),
            );
        }
        if let Some(lc) = &hc.log_config {
            let options = lc.config.iter().flatten().map(|(k, v)| (k.clone(), v.clone())).collect();
            spec.logging = Some(at(
                Logging { driver: non_empty(&lc.typ).map(str::to_string), options },
                "HostConfig.LogConfig",
            ));
        }
        let sysctls: BTreeMap<_, _> = hc.sysctls.iter().flatten().collect();
        for (k, v) in sysctls {
            spec.sysctls.insert(k.clone(), at(v.clone(), format!("HostConfig.Sysctls.{k}")));
        }
        for (i, l) in hc.links.iter().flatten().enumerate() {
            spec.links.push(at(l.clone(), format!("HostConfig.Links[{i}]")));
        }
    }

    for (i, m) in c.mounts.iter().flatten().enumerate() {
        let Some(kind) = m.typ.as_deref().and_then(mount_type) else { continue };
        let Some(target) = non_empty(&m.destination) else { continue };
        let source = match kind {
            MountType::Volume => non_empty(&m.name).or(non_empty(&m.source)),
            _ => non_empty(&m.source),
        };
        let options: Vec<String> = m
            .mode
            .as_deref()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map(str::to_string)
            .collect();
        let selinux = options.iter().find(|o| *o == "z" || *o == "Z").cloned();
        let mount = Mount {
            kind,
            source: source.map(str::to_string),
            resolved_source: None,
            target: target.to_string(),
            read_only: !m.rw.unwrap_or(true),
            propagation: non_empty(&m.propagation).map(str::to_string),
            selinux,
            create_host_path: None,
            nocopy: false,
            subpath: None,
            tmpfs_size: None,
            tmpfs_mode: None,
            options,
        };
        spec.mounts.push(at(mount, format!("Mounts[{i}]")));
    }

    if let Some(ns) = &c.network_settings {
        let nets: BTreeMap<_, _> = ns.networks.iter().flatten().collect();
        for (net, ep) in nets {
            let att = NetworkAttachment {
                name: net.clone(),
                aliases: ep.aliases.clone().unwrap_or_default(),
                ipv4_address: ep.ip_address.clone().filter(|s| !s.is_empty()),
                ipv6_address: ep.global_ipv6_address.clone().filter(|s| !s.is_empty()),
                definition: None,
            };
            spec.networks.push(at(att, format!("NetworkSettings.Networks.{net}")));
        }
    }

    let state = c.state.as_ref();
    let label = |k: &str| spec.labels.get(k).map(|l| l.value.clone()).filter(|v| !v.is_empty());
    let runtime = dockward_spec::container::RuntimeState {
        id: id.clone(),
        image_id: c.image.clone().filter(|s| !s.is_empty()),
        image_current_id: None,
        image_created: None,
        image_env: None,
        state: state.and_then(|s| s.status).map(|s| s.to_string()).unwrap_or_default(),
        health: state
            .and_then(|s| s.health.as_ref())
            .and_then(|h| h.status)
            .map(|s| s.to_string())
            .filter(|s| !s.is_empty() && s != "none"),
        processes: None,
        compose_project: compose_project.clone(),
        compose_service: compose_service.clone(),
        // Compose writes the absolute paths of every file it loaded, comma-separated.
        compose_files: label("com.docker.compose.project.config_files")
            .map(|v| {
                v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
            })
            .unwrap_or_default(),
        compose_working_dir: label("com.docker.compose.project.working_dir"),
    };
    spec.runtime = Some(runtime.clone());
    LiveContainer {
        spec,
        id,
        image_id: runtime.image_id,
        compose_project,
        compose_service,
        state: runtime.state,
        health: runtime.health,
    }
}
