//! `ContainerSpec`: how a container is started, whatever described it.
//!
//! A Compose service and a live container (Engine API `/containers/{id}/json`) are both
//! normalised into this one model so that a rule such as "privileged container" is written once
//! and runs on both. Every field is wrapped in [`Located`], which keeps *where* the value was
//! written ([`SourceLoc`]: file, line and column of the Compose key, or the container and the
//! API field) and *how it got there* ([`Provenance`]: interpolated from `${VAR}`, merged from an
//! override file, inherited through `extends`, brought in by `include`, copied by a YAML alias).
//!
//! The model keeps what was written (raw strings next to parsed forms) so that findings can
//! quote the user's text; nothing here is a default invented by the loader, except where a field
//! documents it. This module does no I/O.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use serde::Serialize;

use crate::ImageRef;

/// Where a value was written. For a Compose file: the file and the position of the YAML key (or
/// of the sequence item). For a live container: `file` is `None` and `path` names the API field.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct SourceLoc {
    pub file: Option<String>,
    /// 1-based line (0 when unknown, e.g. for a live container).
    pub line: u32,
    /// 1-based column in Unicode scalar values.
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    /// Byte range in the file, for code frames.
    #[serde(skip)]
    pub bytes: Option<Range<usize>>,
    /// Dotted path of the key: `services.web.privileged`, `HostConfig.Privileged`.
    pub path: String,
}

impl fmt::Display for SourceLoc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(file) => write!(f, "{}:{}:{}", file, self.line, self.column),
            None => f.write_str(&self.path),
        }
    }
}

/// Where an interpolated variable's value came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum VariableSource {
    /// The process environment of the caller.
    Environment,
    /// The project's `.env` file.
    DotEnv { file: String },
    /// An `--env-file` given on the command line.
    EnvFile { file: String },
    /// Not set: the default written in the expression (`${VAR:-default}`) was used.
    Default,
    /// Not set and no default: replaced by the empty string.
    Unset,
}

/// How a value got to its effective place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Provenance {
    /// The text contained `${VAR}` (or `$VAR`), substituted from `source`.
    Interpolated { variable: String, source: VariableSource },
    /// Copied from an anchor by a YAML alias (`*name`) or a `<<` merge key written at `at`.
    Alias { at: SourceLoc },
    /// Set by `file`, merged over the earlier files of the project (`-f a -f b`,
    /// `compose.override.yaml`).
    Override { file: String },
    /// Inherited through `extends` from service `service` defined in `file`.
    Extends { service: String, file: String },
    /// Defined in a file brought in by `include:` written in `file`.
    Included { file: String },
    /// Read from an `env_file:` of the service.
    EnvFile { file: String },
}

/// A value with its location and provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Located<T> {
    pub value: T,
    pub loc: SourceLoc,
    pub via: Vec<Provenance>,
}

impl<T> Located<T> {
    pub fn new(value: T, loc: SourceLoc) -> Self {
        Located { value, loc, via: Vec::new() }
    }
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Located<U> {
        Located { value: f(self.value), loc: self.loc, via: self.via }
    }
    pub fn as_ref(&self) -> Located<&T> {
        Located { value: &self.value, loc: self.loc.clone(), via: self.via.clone() }
    }
    /// True when any part of the value came from `${VAR}` interpolation.
    pub fn is_interpolated(&self) -> bool {
        self.via.iter().any(|p| matches!(p, Provenance::Interpolated { .. }))
    }
}

/// The image a container runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImageSpecRef {
    /// The reference after interpolation, as written.
    pub raw: String,
    /// Parsed reference; `None` when `raw` does not parse (see `error`).
    pub parsed: Option<ImageRef>,
    pub error: Option<String>,
    /// True when the reference depends on a variable that was not set.
    pub unresolved: bool,
}

/// `build:` of a Compose service.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct BuildSpec {
    /// Context as written (`.`, `./app`, a Git URL).
    pub context: Option<Located<String>>,
    /// Context resolved against the project directory when it is a local path.
    pub context_dir: Option<String>,
    pub dockerfile: Option<Located<String>>,
    /// `context_dir` joined with `dockerfile` (default `Dockerfile`) when both are local.
    pub dockerfile_path: Option<String>,
    pub dockerfile_inline: Option<Located<String>>,
    pub target: Option<Located<String>>,
    /// Build arguments; `None` value for `- ARG` without `=` (taken from the environment).
    pub args: BTreeMap<String, Located<Option<String>>>,
}

/// One `security_opt` entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "kebab-case")]
pub enum SecurityOpt {
    /// `no-new-privileges`, `no-new-privileges:true|false` (also `=`).
    NoNewPrivileges(bool),
    /// `seccomp:unconfined` or `seccomp:/path/profile.json`.
    Seccomp(String),
    /// `apparmor:unconfined` or `apparmor:profile`.
    Apparmor(String),
    /// `label:disable`, `label:type:svirt_t`, ... (SELinux): the part after `label:`.
    Label(String),
    /// `systempaths=unconfined`.
    SystemPaths(String),
    Other(String),
}

impl SecurityOpt {
    /// Parse one entry the way the Docker CLI does (`:` or `=` as separator).
    pub fn parse(s: &str) -> SecurityOpt {
        let t = s.trim();
        let (key, value) = match t.find([':', '=']) {
            Some(i) => (&t[..i], Some(&t[i + 1..])),
            None => (t, None),
        };
        match key.to_ascii_lowercase().as_str() {
            "no-new-privileges" => match value.map(str::trim) {
                None | Some("") => SecurityOpt::NoNewPrivileges(true),
                Some(v) => SecurityOpt::NoNewPrivileges(matches!(
                    v.to_ascii_lowercase().as_str(),
                    "true" | "1" | "yes" | "on"
                )),
            },
            "seccomp" => SecurityOpt::Seccomp(value.unwrap_or("").to_string()),
            "apparmor" => SecurityOpt::Apparmor(value.unwrap_or("").to_string()),
            "label" => SecurityOpt::Label(value.unwrap_or("").to_string()),
            "systempaths" => SecurityOpt::SystemPaths(value.unwrap_or("").to_string()),
            _ => SecurityOpt::Other(t.to_string()),
        }
    }
}

/// A namespace setting: `network_mode`, `pid`, `ipc`, `uts`, `userns_mode`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "kebab-case")]
pub enum NamespaceMode {
    Host,
    None,
    Bridge,
    Private,
    Shareable,
    /// `service:NAME` (Compose) — joins another service's namespace.
    Service(String),
    /// `container:NAME_OR_ID`.
    Container(String),
    /// Anything else (a network name for `network_mode`, ...).
    Other(String),
}

impl NamespaceMode {
    pub fn parse(s: &str) -> NamespaceMode {
        let t = s.trim();
        if let Some(rest) = t.strip_prefix("service:") {
            return NamespaceMode::Service(rest.to_string());
        }
        if let Some(rest) = t.strip_prefix("container:") {
            return NamespaceMode::Container(rest.to_string());
        }
        match t.to_ascii_lowercase().as_str() {
            "host" => NamespaceMode::Host,
            "none" => NamespaceMode::None,
            "bridge" | "default" => NamespaceMode::Bridge,
            "private" => NamespaceMode::Private,
            "shareable" => NamespaceMode::Shareable,
            _ => NamespaceMode::Other(t.to_string()),
        }
    }
    pub fn is_host(&self) -> bool {
        matches!(self, NamespaceMode::Host)
    }
}

/// A service's attachment to a network.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct NetworkAttachment {
    /// The network's key in the project (`frontend`), or its name for a live container.
    pub name: String,
    pub aliases: Vec<String>,
    pub ipv4_address: Option<String>,
    pub ipv6_address: Option<String>,
    /// The network's definition, when the project (or daemon) defines it.
    pub definition: Option<NetworkDef>,
}

/// A network definition (top-level `networks:` of a project, or a daemon network).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct NetworkDef {
    pub key: String,
    /// `name:` when set (the real network name), else the key.
    pub name: Option<String>,
    pub driver: Option<String>,
    pub internal: bool,
    pub external: bool,
    pub attachable: bool,
    pub enable_ipv6: bool,
    pub driver_opts: BTreeMap<String, String>,
    pub labels: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MountType {
    Bind,
    Volume,
    Tmpfs,
    Npipe,
    Cluster,
    Image,
}

/// One entry of `volumes:` (short or long syntax) or a live container's `Mounts`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mount {
    pub kind: MountType,
    /// Host path (bind), volume name (volume), `None` for an anonymous volume or tmpfs.
    pub source: Option<String>,
    /// For a bind mount with a relative source: the source resolved against the project
    /// directory (`~` is left as written, the home directory being unknown).
    pub resolved_source: Option<String>,
    pub target: String,
    pub read_only: bool,
    /// `bind.propagation` or the short-syntax propagation option (`rshared`, ...).
    pub propagation: Option<String>,
    /// SELinux relabelling: `z` or `Z`.
    pub selinux: Option<String>,
    pub create_host_path: Option<bool>,
    pub nocopy: bool,
    pub subpath: Option<String>,
    pub tmpfs_size: Option<String>,
    pub tmpfs_mode: Option<u32>,
    /// Short-syntax options as written (`ro,z`).
    pub options: Vec<String>,
}

/// One entry of the service-level `tmpfs:` key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tmpfs {
    pub target: String,
    /// Options after the first `:`, split at commas (`noexec`, `nosuid`, `size=64m`).
    pub options: Vec<String>,
}

/// `devices:` entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Device {
    pub host: String,
    pub container: Option<String>,
    pub permissions: Option<String>,
    /// CDI device name form (`vendor.com/class=name`).
    pub cdi: bool,
}

/// An inclusive port range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PortRange {
    pub start: u16,
    pub end: u16,
}

impl PortRange {
    pub fn single(p: u16) -> Self {
        PortRange { start: p, end: p }
    }
    /// `80` or `8000-8010`.
    pub fn parse(s: &str) -> Option<PortRange> {
        let s = s.trim();
        match s.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
                (a <= b).then_some(PortRange { start: a, end: b })
            }
            None => s.parse().ok().map(PortRange::single),
        }
    }
    pub fn contains(&self, p: u16) -> bool {
        (self.start..=self.end).contains(&p)
    }
}

impl fmt::Display for PortRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}-{}", self.start, self.end)
        }
    }
}

/// A published or exposed port (`ports:` short or long syntax, or `HostConfig.PortBindings`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PortMapping {
    /// Host address to bind; `None` means all interfaces.
    pub host_ip: Option<String>,
    /// Host port(s); `None` means an ephemeral port is chosen (still published).
    pub published: Option<PortRange>,
    pub target: PortRange,
    /// `tcp` (default), `udp`, `sctp`.
    pub protocol: String,
    /// `ingress` or `host` (long syntax).
    pub mode: Option<String>,
    pub app_protocol: Option<String>,
    pub name: Option<String>,
    /// The text as written for the short syntax.
    pub raw: Option<String>,
}

/// Restart policy, from `restart:` or `deploy.restart_policy`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RestartPolicy {
    /// `no`, `always`, `on-failure`, `unless-stopped` (`restart:`); `none`, `on-failure`, `any`
    /// (`deploy.restart_policy.condition`).
    pub condition: String,
    pub max_attempts: Option<u64>,
}

/// Resource limits, each from whichever key set it (`deploy.resources.limits.*` first, then the
/// legacy service-level keys).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Resources {
    /// Memory limit in bytes.
    pub memory: Option<Located<u64>>,
    pub memory_reservation: Option<Located<u64>>,
    /// `memswap_limit` in bytes; -1 means unlimited swap.
    pub memswap: Option<Located<i64>>,
    pub cpus: Option<Located<f64>>,
    pub cpu_quota: Option<Located<i64>>,
    pub cpu_period: Option<Located<i64>>,
    pub cpu_shares: Option<Located<i64>>,
    pub pids: Option<Located<i64>>,
    pub oom_kill_disable: Option<Located<bool>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Ulimit {
    pub soft: i64,
    pub hard: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Logging {
    pub driver: Option<String>,
    pub options: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Healthcheck {
    /// The test as a list: `["CMD", ...]`, `["CMD-SHELL", "..."]`, `["NONE"]`.
    pub test: Option<Vec<String>>,
    /// `disable: true` or test `NONE`.
    pub disabled: bool,
    pub interval: Option<String>,
    pub timeout: Option<String>,
    pub retries: Option<u64>,
    pub start_period: Option<String>,
    pub start_interval: Option<String>,
}

/// `secrets:` / `configs:` entry of a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct ServiceFileRef {
    pub source: String,
    pub target: Option<String>,
    pub uid: Option<String>,
    pub gid: Option<String>,
    pub mode: Option<u32>,
}

/// A command or entrypoint: shell form (one string) or exec form (a list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "form", content = "value", rename_all = "lowercase")]
pub enum Command {
    Shell(String),
    Exec(Vec<String>),
}

/// How a container is started. Built from a Compose service or a live container.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct ContainerSpec {
    /// Service name (Compose) or container name.
    pub name: String,
    /// Where the service (or container) is defined: the service key.
    pub loc: SourceLoc,
    pub image: Option<Located<ImageSpecRef>>,
    pub build: Option<Located<BuildSpec>>,
    pub user: Option<Located<String>>,
    pub group_add: Vec<Located<String>>,
    pub privileged: Option<Located<bool>>,
    pub cap_add: Vec<Located<String>>,
    pub cap_drop: Vec<Located<String>>,
    pub security_opt: Vec<Located<SecurityOpt>>,
    pub network_mode: Option<Located<NamespaceMode>>,
    pub networks: Vec<Located<NetworkAttachment>>,
    pub pid: Option<Located<NamespaceMode>>,
    pub ipc: Option<Located<NamespaceMode>>,
    pub uts: Option<Located<NamespaceMode>>,
    pub userns_mode: Option<Located<NamespaceMode>>,
    pub cgroup_parent: Option<Located<String>>,
    pub read_only: Option<Located<bool>>,
    pub tmpfs: Vec<Located<Tmpfs>>,
    pub mounts: Vec<Located<Mount>>,
    pub devices: Vec<Located<Device>>,
    pub device_cgroup_rules: Vec<Located<String>>,
    pub ports: Vec<Located<PortMapping>>,
    pub expose: Vec<Located<String>>,
    pub restart: Option<Located<RestartPolicy>>,
    pub deploy_restart: Option<Located<RestartPolicy>>,
    pub resources: Resources,
    pub ulimits: BTreeMap<String, Located<Ulimit>>,
    pub logging: Option<Located<Logging>>,
    pub healthcheck: Option<Located<Healthcheck>>,
    /// Effective environment: `env_file` contents overridden by `environment`. `None` for a
    /// variable listed without a value (`- NAME`), which Compose takes from the environment.
    pub environment: BTreeMap<String, Located<Option<String>>>,
    pub secrets: Vec<Located<ServiceFileRef>>,
    pub configs: Vec<Located<ServiceFileRef>>,
    pub links: Vec<Located<String>>,
    pub external_links: Vec<Located<String>>,
    pub labels: BTreeMap<String, Located<String>>,
    pub sysctls: BTreeMap<String, Located<String>>,
    pub command: Option<Located<Command>>,
    pub entrypoint: Option<Located<Command>>,
    pub working_dir: Option<Located<String>>,
    pub hostname: Option<Located<String>>,
    pub container_name: Option<Located<String>>,
    /// State of a live container (surface R); None for a Compose service.
    pub runtime: Option<RuntimeState>,
}

/// What only a live container has: its identity, state and processes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct RuntimeState {
    /// Full container ID.
    pub id: String,
    /// The image ID the container runs (`sha256:…`).
    pub image_id: Option<String>,
    /// The image ID its image reference points to now, when the daemon has that tag; differs
    /// from `image_id` when the tag moved after the container was created (DW105).
    pub image_current_id: Option<String>,
    /// `Created` (RFC 3339) of the image the container runs, when that image is still local
    /// (DW104 on containers).
    pub image_created: Option<String>,
    /// `Config.Env` of the image the container runs, when that image is still local: the
    /// container's `Config.Env` holds these too (the daemon merges them), so DW604 reports only
    /// the entries the container adds or changes and an image's secret once, on the image.
    pub image_env: Option<Vec<String>>,
    /// `State.Status`: `running`, `exited`, `created`, ...
    pub state: String,
    /// `State.Health.Status` when the container has a health check.
    pub health: Option<String>,
    /// Command lines of its processes (`GET /containers/{id}/top`), for a running container
    /// when they could be listed.
    pub processes: Option<Vec<String>>,
    /// Compose labels: `com.docker.compose.project`, `.service`, `.project.config_files`,
    /// `.project.working_dir`.
    pub compose_project: Option<String>,
    pub compose_service: Option<String>,
    pub compose_files: Vec<String>,
    pub compose_working_dir: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn security_opts() {
        assert_eq!(
            SecurityOpt::parse("no-new-privileges:true"),
            SecurityOpt::NoNewPrivileges(true)
        );
        assert_eq!(SecurityOpt::parse("no-new-privileges"), SecurityOpt::NoNewPrivileges(true));
        assert_eq!(
            SecurityOpt::parse("no-new-privileges=false"),
            SecurityOpt::NoNewPrivileges(false)
        );
        assert_eq!(
            SecurityOpt::parse("seccomp:unconfined"),
            SecurityOpt::Seccomp("unconfined".into())
        );
        assert_eq!(SecurityOpt::parse("seccomp=./p.json"), SecurityOpt::Seccomp("./p.json".into()));
        assert_eq!(
            SecurityOpt::parse("apparmor=unconfined"),
            SecurityOpt::Apparmor("unconfined".into())
        );
        assert_eq!(SecurityOpt::parse("label:disable"), SecurityOpt::Label("disable".into()));
        assert_eq!(
            SecurityOpt::parse("label=type:svirt_t"),
            SecurityOpt::Label("type:svirt_t".into())
        );
    }

    #[test]
    fn namespaces_and_ports() {
        assert!(NamespaceMode::parse("host").is_host());
        assert_eq!(NamespaceMode::parse("service:db"), NamespaceMode::Service("db".into()));
        assert_eq!(PortRange::parse("8000-8010"), Some(PortRange { start: 8000, end: 8010 }));
        assert_eq!(PortRange::parse("10-1"), None);
        assert_eq!(PortRange::parse("x"), None);
    }
}
