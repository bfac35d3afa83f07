//! What dockward knows about a Docker daemon (surface H): versions from `GET /version`,
//! configuration from `GET /info`, the networks and the default bridge's options
//! (`GET /networks`).
//! Filled by `dockward_docker`; read by the host rules. No I/O here.

use serde::{Deserialize, Serialize};

/// One daemon's security-relevant facts. Absent values are `None`/empty: the rules stay silent
/// about what the daemon did not say.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct HostFacts {
    /// The endpoint audited (`unix:///var/run/docker.sock`, `tcp://…`; `https://host:port` when
    /// reached over TLS); empty in tests.
    pub endpoint: String,
    /// Engine version (`20.10.24+dfsg1`).
    pub engine_version: Option<String>,
    /// API version the daemon speaks at most (`1.41`).
    pub api_version: Option<String>,
    pub containerd_version: Option<String>,
    pub runc_version: Option<String>,
    pub docker_init_version: Option<String>,
    /// `SecurityOptions` as reported (`name=seccomp,profile=default`, `name=rootless`, …).
    pub security_options: Vec<String>,
    /// Seccomp profile name (`default`, `builtin`, `unconfined`, a path); None: seccomp absent.
    pub seccomp_profile: Option<String>,
    pub apparmor: bool,
    pub selinux: bool,
    pub rootless: bool,
    pub userns: bool,
    /// Default log driver (`json-file`).
    pub logging_driver: Option<String>,
    /// Storage driver (`overlay2`).
    pub storage_driver: Option<String>,
    pub live_restore: Option<bool>,
    pub experimental: Option<bool>,
    /// `Debug` of `/info`: the daemon runs with debug enabled (log level debug).
    pub debug: Option<bool>,
    /// `RegistryConfig.InsecureRegistryCIDRs`.
    pub insecure_registry_cidrs: Vec<String>,
    /// Names of `RegistryConfig.IndexConfigs` entries with `Secure: false`.
    pub insecure_registries: Vec<String>,
    /// `Swarm.LocalNodeState` (`inactive`, `active`, `pending`, `error`, `locked`).
    pub swarm_state: Option<String>,
    /// `Plugins.Authorization`.
    pub authorization_plugins: Vec<String>,
    pub docker_root_dir: Option<String>,
    /// `Warnings` of `/info`, verbatim.
    pub warnings: Vec<String>,
    /// `com.docker.network.bridge.enable_icc` of the default bridge; None when unknown.
    pub bridge_icc: Option<bool>,
    /// Every network (`GET /networks`), for overlay encryption (DW910).
    pub networks: Vec<NetworkFacts>,
    /// Counts of images and containers (DW1008); None when not gathered.
    pub inventory: Option<Inventory>,
    /// `DOCKER_CONTENT_TRUST` in the environment of the audit (DW701); None when unset.
    pub content_trust: Option<String>,
    /// Host-side facts (files, processes, audit rules, LSMs); None when the daemon is not on
    /// this machine or host files were not read.
    pub files: Option<crate::host_files::HostFiles>,
}

/// A network as `GET /networks` gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NetworkFacts {
    pub name: String,
    pub id: String,
    /// `bridge`, `overlay`, `macvlan`, ...
    pub driver: String,
    /// `local` or `swarm`.
    pub scope: String,
    pub internal: bool,
    /// `Options` (`encrypted`, `com.docker.network.bridge.enable_icc`, ...).
    pub options: std::collections::BTreeMap<String, String>,
}

/// How many images and containers the daemon holds, and how many of them are unused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Inventory {
    pub images: usize,
    /// Images no container (running or stopped) uses.
    pub images_unused: usize,
    /// Dangling images (no tag).
    pub images_dangling: usize,
    pub containers: usize,
    pub containers_running: usize,
    /// Containers not running (exited, created, dead).
    pub containers_stopped: usize,
}

impl HostFacts {
    /// What findings name as their target (one daemon per report, so always "docker host").
    pub fn target(&self) -> String {
        "docker host".to_string()
    }
}
