//! Normalisation of an effective service tree into [`ContainerSpec`].
//!
//! Compose allows many spellings of one setting (short and long syntax for ports and volumes,
//! map and list forms for environment and labels, legacy `mem_limit` next to
//! `deploy.resources.limits.memory`, `build: .` next to `build: {context: .}`). Rules should
//! not care: they read one model, shared with live containers. This module does the
//! translation, keeping on each field the location of the key that set it and its provenance.
//!
//! Values are read leniently (a quoted `"true"` is a boolean, a quoted `"512m"` a size), as
//! Compose does after interpolation; a value that cannot be understood is reported as a
//! located `value` diagnostic and left out, never guessed.

use std::collections::BTreeMap;
use std::path::Path;

use dockward_spec::container::{
    BuildSpec, Command, Device, Healthcheck, ImageSpecRef, Logging, Mount, MountType,
    NamespaceMode, NetworkAttachment, NetworkDef, PortMapping, PortRange, Resources, RestartPolicy,
    SecurityOpt, ServiceFileRef, Tmpfs, Ulimit,
};
use dockward_spec::{ContainerSpec, ImageRef, Located, Provenance, VariableSource};

use crate::diag::{Category, Level};
use crate::dotenv;
use crate::interpolate::Environment;
use crate::merge::key_value_entries;
use crate::project::{FileRole, Loader, ResourceDef};
use crate::syntax::{
    is_host_path, parse_bytes, parse_device, parse_port, parse_tmpfs, split_volume_spec,
};
use crate::yaml::{Entry, FileId, Mark, Node, Value};

fn as_bool(n: &Node) -> Option<bool> {
    match &n.value {
        Value::Bool(b) => Some(*b),
        Value::Str(s) => match s.to_ascii_lowercase().as_str() {
            "y" | "yes" | "true" | "on" => Some(true),
            "n" | "no" | "false" | "off" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

fn as_i64(n: &Node) -> Option<i64> {
    match &n.value {
        Value::Int(i) => Some(*i),
        Value::Str(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn as_f64(n: &Node) -> Option<f64> {
    match &n.value {
        Value::Int(i) => Some(*i as f64),
        Value::Float(s) | Value::Str(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn as_bytes(n: &Node) -> Option<u64> {
    match &n.value {
        Value::Int(i) => u64::try_from(*i).ok(),
        Value::Float(s) | Value::Str(s) => parse_bytes(s),
        _ => None,
    }
}

fn strings(n: &Node) -> Vec<&Node> {
    match &n.value {
        Value::Seq(items) => items.iter().collect(),
        Value::Null => Vec::new(),
        _ => vec![n],
    }
}

fn command(n: &Node) -> Option<Command> {
    match &n.value {
        Value::Seq(items) => {
            Some(Command::Exec(items.iter().filter_map(Node::scalar_text).collect()))
        }
        Value::Null => None,
        _ => n.scalar_text().map(Command::Shell),
    }
}

/// Reads one service, holding the pieces every field needs.
struct Reader<'a, 'o> {
    l: &'a mut Loader<'o>,
    svc: &'a str,
}

impl Reader<'_, '_> {
    fn path(&self, key: &str) -> String {
        format!("services.{}.{key}", self.svc)
    }

    fn at<T>(&self, mark: Mark, key: &str, via: &[Provenance], value: T) -> Located<T> {
        Located { value, loc: self.l.source_loc(mark, &self.path(key)), via: via.to_vec() }
    }

    /// Located at the key of entry `e`, with the provenance of its value.
    fn entry<T>(&self, e: &Entry, key: &str, value: T) -> Located<T> {
        self.at(e.key_mark, key, &e.value.via, value)
    }

    fn item<T>(&self, n: &Node, key: &str, value: T) -> Located<T> {
        self.at(n.mark, key, &n.via, value)
    }

    fn bad(&mut self, mark: Mark, msg: String) {
        self.l.diag(Level::Error, Category::Value, mark, msg);
    }

    /// Like [`Self::bad`], but a value that depends on an unset variable is only a warning:
    /// the file is fine, the environment of this run is incomplete.
    fn bad_value(&mut self, n: &Node, msg: String) {
        let unset: Vec<&str> = n
            .via
            .iter()
            .filter_map(|p| match p {
                Provenance::Interpolated { variable, source: VariableSource::Unset } => {
                    Some(variable.as_str())
                }
                _ => None,
            })
            .collect();
        if unset.is_empty() {
            self.bad(n.mark, msg);
        } else {
            let vars = unset.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ");
            self.l.diag(
                Level::Warning,
                Category::Value,
                n.mark,
                format!("{msg} (depends on unset variable {vars})"),
            );
        }
    }

    fn string(&self, node: &Node, key: &str) -> Option<Located<String>> {
        let e = node.entry(key)?;
        Some(self.entry(e, key, e.value.scalar_text()?))
    }

    fn boolean(&mut self, node: &Node, key: &str) -> Option<Located<bool>> {
        let e = node.entry(key)?;
        if e.value.is_null() {
            return None;
        }
        match as_bool(&e.value) {
            Some(b) => Some(self.entry(e, key, b)),
            None => {
                self.bad_value(&e.value, format!("`{key}` must be a boolean"));
                None
            }
        }
    }

    fn namespace(&self, node: &Node, key: &str) -> Option<Located<NamespaceMode>> {
        self.string(node, key).map(|l| l.map(|s| NamespaceMode::parse(&s)))
    }

    fn list(&self, node: &Node, key: &str) -> Vec<Located<String>> {
        node.get(key)
            .map(|n| {
                strings(n)
                    .into_iter()
                    .filter_map(|i| Some(self.item(i, key, i.scalar_text()?)))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn key_values(&self, node: &Node, key: &str) -> BTreeMap<String, Located<Option<String>>> {
        let mut out = BTreeMap::new();
        if let Some(n) = node.get(key) {
            for e in key_value_entries(n) {
                let v = e.value.scalar_text();
                out.insert(
                    e.key.clone(),
                    self.at(e.key_mark, &format!("{key}.{}", e.key), &e.value.via, v),
                );
            }
        }
        out
    }
}

impl Loader<'_> {
    pub(crate) fn normalize_service(
        &mut self,
        name: &str,
        key_mark: Mark,
        node: &Node,
        env: &Environment,
        networks: &BTreeMap<String, Located<NetworkDef>>,
    ) -> ContainerSpec {
        let mut spec = ContainerSpec {
            name: name.to_string(),
            loc: self.source_loc(key_mark, &format!("services.{name}")),
            ..Default::default()
        };
        let mut r = Reader { l: self, svc: name };

        if let Some(e) = node.entry("image")
            && let Some(raw) = e.value.scalar_text()
        {
            let (parsed, error) = match ImageRef::parse(&raw) {
                Ok(p) => (Some(p), None),
                Err(err) => (None, Some(err.to_string())),
            };
            let unresolved = e.value.via.iter().any(|p| {
                matches!(p, Provenance::Interpolated { source: VariableSource::Unset, .. })
            });
            spec.image = Some(r.entry(e, "image", ImageSpecRef { raw, parsed, error, unresolved }));
        }
        if let Some(e) = node.entry("build") {
            spec.build = r.build(e);
        }
        spec.user = r.string(node, "user");
        spec.group_add = r.list(node, "group_add");
        spec.privileged = r.boolean(node, "privileged");
        spec.read_only = r.boolean(node, "read_only");
        spec.cap_add = r.list(node, "cap_add");
        spec.cap_drop = r.list(node, "cap_drop");
        spec.security_opt = r
            .list(node, "security_opt")
            .into_iter()
            .map(|l| l.map(|s| SecurityOpt::parse(&s)))
            .collect();
        spec.network_mode = r.namespace(node, "network_mode");
        spec.pid = r.namespace(node, "pid");
        spec.ipc = r.namespace(node, "ipc");
        spec.uts = r.namespace(node, "uts");
        spec.userns_mode = r.namespace(node, "userns_mode");
        spec.cgroup_parent = r.string(node, "cgroup_parent");
        spec.networks = r.networks(node, networks);
        spec.tmpfs = r
            .list(node, "tmpfs")
            .into_iter()
            .map(|l| {
                l.map(|s| {
                    let (target, options) = parse_tmpfs(&s);
                    Tmpfs { target, options }
                })
            })
            .collect();
        spec.mounts = r.mounts(node);
        spec.devices = r.devices(node);
        spec.device_cgroup_rules = r.list(node, "device_cgroup_rules");
        spec.ports = r.ports(node);
        spec.expose = r.list(node, "expose");
        spec.restart = r.string(node, "restart").map(|l| {
            l.map(|s| match s.split_once(':') {
                Some((c, n)) => {
                    RestartPolicy { condition: c.to_string(), max_attempts: n.trim().parse().ok() }
                }
                None => RestartPolicy { condition: s, max_attempts: None },
            })
        });
        if let Some(deploy) = node.get("deploy")
            && let Some(e) = deploy.entry("restart_policy")
            && matches!(e.value.value, Value::Map(_))
        {
            let condition = e
                .value
                .get("condition")
                .and_then(Node::scalar_text)
                .unwrap_or_else(|| "any".into());
            let max_attempts =
                e.value.get("max_attempts").and_then(as_i64).and_then(|i| u64::try_from(i).ok());
            spec.deploy_restart = Some(r.at(
                e.key_mark,
                "deploy.restart_policy",
                &e.value.via,
                RestartPolicy { condition, max_attempts },
            ));
        }
        spec.resources = r.resources(node);
        spec.ulimits = r.ulimits(node);
        spec.logging = r.logging(node);
        spec.healthcheck = r.healthcheck(node);
        spec.environment = r.environment(node, env);
        spec.secrets = r.file_refs(node, "secrets");
        spec.configs = r.file_refs(node, "configs");
        spec.links = r.list(node, "links");
        spec.external_links = r.list(node, "external_links");
        spec.labels = r
            .key_values(node, "labels")
            .into_iter()
            .map(|(k, v)| (k, v.map(Option::unwrap_or_default)))
            .collect();
        spec.sysctls = r
            .key_values(node, "sysctls")
            .into_iter()
            .map(|(k, v)| (k, v.map(Option::unwrap_or_default)))
            .collect();
        spec.command =
            node.entry("command").and_then(|e| Some(r.entry(e, "command", command(&e.value)?)));
        spec.entrypoint = node
            .entry("entrypoint")
            .and_then(|e| Some(r.entry(e, "entrypoint", command(&e.value)?)));
        spec.working_dir = r.string(node, "working_dir");
        spec.hostname = r.string(node, "hostname");
        spec.container_name = r.string(node, "container_name");
        spec
    }

    pub(crate) fn network_defs(&mut self, model: &Node) -> BTreeMap<String, Located<NetworkDef>> {
        let mut out = BTreeMap::new();
        let Some(entries) = model.get("networks").and_then(Node::as_map) else {
            return out;
        };
        for e in entries {
            let n = &e.value;
            let external = match n.get("external") {
                Some(x) => as_bool(x).unwrap_or(matches!(x.value, Value::Map(_))),
                None => false,
            };
            let def = NetworkDef {
                key: e.key.clone(),
                name: n.get("name").and_then(Node::scalar_text),
                driver: n.get("driver").and_then(Node::scalar_text),
                internal: n.get("internal").and_then(as_bool).unwrap_or(false),
                external,
                attachable: n.get("attachable").and_then(as_bool).unwrap_or(false),
                enable_ipv6: n.get("enable_ipv6").and_then(as_bool).unwrap_or(false),
                driver_opts: string_map(n.get("driver_opts")),
                labels: key_value_entries(
                    n.get("labels").unwrap_or(&Node::new(Value::Null, e.key_mark)),
                )
                .into_iter()
                .map(|x| (x.key, x.value.scalar_text().unwrap_or_default()))
                .collect(),
            };
            out.insert(
                e.key.clone(),
                Located {
                    value: def,
                    loc: self.source_loc(e.key_mark, &format!("networks.{}", e.key)),
                    via: n.via.clone(),
                },
            );
        }
        out
    }

    pub(crate) fn resource_defs(
        &mut self,
        model: &Node,
        section: &str,
    ) -> BTreeMap<String, Located<ResourceDef>> {
        let mut out = BTreeMap::new();
        let Some(entries) = model.get(section).and_then(Node::as_map) else {
            return out;
        };
        for e in entries {
            let n = &e.value;
            let file = n.get("file").and_then(|f| {
                f.scalar_text().map(|t| self.resolve(f.mark, &t).display().to_string())
            });
            let def = ResourceDef {
                key: e.key.clone(),
                name: n.get("name").and_then(Node::scalar_text),
                external: n
                    .get("external")
                    .map(|x| as_bool(x).unwrap_or(matches!(x.value, Value::Map(_))))
                    .unwrap_or(false),
                driver: n.get("driver").and_then(Node::scalar_text),
                file,
                environment: n.get("environment").and_then(Node::scalar_text),
                driver_opts: string_map(n.get("driver_opts")),
            };
            out.insert(
                e.key.clone(),
                Located {
                    value: def,
                    loc: self.source_loc(e.key_mark, &format!("{section}.{}", e.key)),
                    via: n.via.clone(),
                },
            );
        }
        out
    }

    /// Read a service `env_file`, reusing the file if another service already read it.
    fn read_env_file(&mut self, path: &Path, mark: Mark, required: bool) -> Option<FileId> {
        if let Some(i) =
            self.files.iter().position(|f| f.role == FileRole::EnvFile && f.path == path)
        {
            return Some(FileId(i as u32));
        }
        if !required && !path.exists() {
            return None;
        }
        let base = self.base_dir(mark.file);
        self.read_file(path, FileRole::EnvFile, &base, Some(mark), "env_file")
    }
}

fn string_map(n: Option<&Node>) -> BTreeMap<String, String> {
    n.and_then(Node::as_map)
        .map(|m| {
            m.iter().map(|e| (e.key.clone(), e.value.scalar_text().unwrap_or_default())).collect()
        })
        .unwrap_or_default()
}

impl Reader<'_, '_> {
    fn build(&mut self, e: &Entry) -> Option<Located<BuildSpec>> {
        let n = &e.value;
        let mut b = BuildSpec::default();
        match &n.value {
            Value::Str(_) => b.context = Some(self.item(n, "build", n.scalar_text()?)),
            Value::Map(_) => {
                b.context = self.string(n, "context").map(|mut l| {
                    l.loc.path = self.path("build.context");
                    l
                });
                b.dockerfile = self.string(n, "dockerfile");
                b.dockerfile_inline = self.string(n, "dockerfile_inline");
                b.target = self.string(n, "target");
                b.args = self.key_values(n, "args");
                for v in b.args.values_mut() {
                    v.loc.path = v.loc.path.replacen(
                        &format!("services.{}.args", self.svc),
                        &format!("services.{}.build.args", self.svc),
                        1,
                    );
                }
            }
            _ => return None,
        }
        let ctx_text = b.context.as_ref().map(|c| c.value.clone()).unwrap_or_else(|| ".".into());
        let remote = ctx_text.contains("://")
            || ctx_text.starts_with("git@")
            || ctx_text.starts_with("github.com/");
        if !remote {
            let mark = n.get("context").map(|c| c.mark).unwrap_or(n.mark);
            let dir = self.l.resolve(mark, &ctx_text);
            if b.dockerfile_inline.is_none() {
                let df = b
                    .dockerfile
                    .as_ref()
                    .map(|d| d.value.clone())
                    .unwrap_or_else(|| "Dockerfile".into());
                let p = Path::new(&df);
                let full = if p.is_absolute() {
                    p.to_path_buf()
                } else {
                    crate::project::clean_path(&dir.join(p))
                };
                b.dockerfile_path = Some(full.display().to_string());
            }
            b.context_dir = Some(dir.display().to_string());
        }
        Some(self.entry(e, "build", b))
    }

    fn networks(
        &self,
        node: &Node,
        defs: &BTreeMap<String, Located<NetworkDef>>,
    ) -> Vec<Located<NetworkAttachment>> {
        let Some(n) = node.get("networks") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut push = |name: String, cfg: Option<&Node>, mark: Mark, via: &[Provenance]| {
            let mut a = NetworkAttachment {
                name: name.clone(),
                definition: defs.get(&name).map(|d| d.value.clone()),
                ..Default::default()
            };
            if let Some(c) = cfg {
                a.aliases = c
                    .get("aliases")
                    .map(|x| strings(x).into_iter().filter_map(Node::scalar_text).collect())
                    .unwrap_or_default();
                a.ipv4_address = c.get("ipv4_address").and_then(Node::scalar_text);
                a.ipv6_address = c.get("ipv6_address").and_then(Node::scalar_text);
            }
            out.push(self.at(mark, &format!("networks.{name}"), via, a));
        };
        match &n.value {
            Value::Seq(items) => {
                for i in items {
                    if let Some(t) = i.scalar_text() {
                        push(t, None, i.mark, &i.via);
                    }
                }
            }
            Value::Map(entries) => {
                for e in entries {
                    push(e.key.clone(), Some(&e.value), e.key_mark, &e.value.via);
                }
            }
            _ => {}
        }
        out
    }

    fn mounts(&mut self, node: &Node) -> Vec<Located<Mount>> {
        let Some(n) = node.get("volumes") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in strings(n) {
            let m = match &item.value {
                Value::Map(_) => self.long_mount(item),
                _ => match item.scalar_text() {
                    Some(s) => self.short_mount(item, &s),
                    None => None,
                },
            };
            if let Some(m) = m {
                out.push(self.item(item, "volumes", m));
            }
        }
        out
    }

    fn short_mount(&mut self, item: &Node, s: &str) -> Option<Mount> {
        let (source, target, mode) = split_volume_spec(s);
        if target.is_empty() {
            self.bad_value(item, format!("volume `{s}` has no target"));
            return None;
        }
        let kind = match &source {
            Some(src) if is_host_path(src) => MountType::Bind,
            _ => MountType::Volume,
        };
        let mut m = Mount {
            kind,
            resolved_source: None,
            source: source.filter(|s| !s.is_empty()),
            target,
            read_only: false,
            propagation: None,
            selinux: None,
            create_host_path: None,
            nocopy: false,
            subpath: None,
            tmpfs_size: None,
            tmpfs_mode: None,
            options: Vec::new(),
        };
        for opt in mode.iter().flat_map(|m| m.split(',')).map(str::trim).filter(|o| !o.is_empty()) {
            match opt {
                "ro" => m.read_only = true,
                "rw" => m.read_only = false,
                "z" | "Z" => m.selinux = Some(opt.to_string()),
                "nocopy" => m.nocopy = true,
                "shared" | "rshared" | "slave" | "rslave" | "private" | "rprivate" => {
                    m.propagation = Some(opt.to_string())
                }
                _ => {}
            }
            m.options.push(opt.to_string());
        }
        if m.kind == MountType::Bind {
            m.resolved_source =
                m.source.as_ref().map(|src| self.l.resolve(item.mark, src).display().to_string());
        }
        Some(m)
    }

    fn long_mount(&mut self, item: &Node) -> Option<Mount> {
        let text = |k: &str| item.get(k).and_then(Node::scalar_text);
        let kind = match text("type").as_deref() {
            Some("bind") => MountType::Bind,
            Some("volume") | None => MountType::Volume,
            Some("tmpfs") => MountType::Tmpfs,
            Some("npipe") => MountType::Npipe,
            Some("cluster") => MountType::Cluster,
            Some("image") => MountType::Image,
            Some(other) => {
                self.bad(item.mark, format!("unknown volume type `{other}`"));
                return None;
            }
        };
        let Some(target) = text("target") else {
            self.bad(item.mark, "volume has no `target`".into());
            return None;
        };
        let bind = item.get("bind");
        let volume = item.get("volume");
        let tmpfs = item.get("tmpfs");
        let source = text("source").filter(|s| !s.is_empty());
        let resolved_source = match (&kind, &source, item.get("source")) {
            (MountType::Bind, Some(s), Some(n)) => {
                Some(self.l.resolve(n.mark, s).display().to_string())
            }
            _ => None,
        };
        Some(Mount {
            kind,
            source,
            resolved_source,
            target,
            read_only: item.get("read_only").and_then(as_bool).unwrap_or(false),
            propagation: bind.and_then(|b| b.get("propagation")).and_then(Node::scalar_text),
            selinux: bind.and_then(|b| b.get("selinux")).and_then(Node::scalar_text),
            create_host_path: bind.and_then(|b| b.get("create_host_path")).and_then(as_bool),
            nocopy: volume.and_then(|v| v.get("nocopy")).and_then(as_bool).unwrap_or(false),
            subpath: volume.and_then(|v| v.get("subpath")).and_then(Node::scalar_text),
            tmpfs_size: tmpfs.and_then(|t| t.get("size")).and_then(Node::scalar_text),
            tmpfs_mode: tmpfs
                .and_then(|t| t.get("mode"))
                .and_then(as_i64)
                .and_then(|m| u32::try_from(m).ok()),
            options: Vec::new(),
        })
    }

    fn devices(&self, node: &Node) -> Vec<Located<Device>> {
        let Some(n) = node.get("devices") else {
            return Vec::new();
        };
        strings(n)
            .into_iter()
            .filter_map(|i| {
                let d = match &i.value {
                    Value::Map(_) => Device {
                        host: i.get("source").and_then(Node::scalar_text)?,
                        container: i.get("target").and_then(Node::scalar_text),
                        permissions: i.get("permissions").and_then(Node::scalar_text),
                        cdi: false,
                    },
                    _ => {
                        let (host, container, permissions, cdi) = parse_device(&i.scalar_text()?);
                        Device { host, container, permissions, cdi }
                    }
                };
                Some(self.item(i, "devices", d))
            })
            .collect()
    }

    fn ports(&mut self, node: &Node) -> Vec<Located<PortMapping>> {
        let Some(n) = node.get("ports") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in strings(n) {
            let p = match &item.value {
                Value::Int(i) => match u16::try_from(*i) {
                    Ok(p) => Ok(PortMapping {
                        host_ip: None,
                        published: None,
                        target: PortRange::single(p),
                        protocol: "tcp".into(),
                        mode: None,
                        app_protocol: None,
                        name: None,
                        raw: Some(i.to_string()),
                    }),
                    Err(_) => Err(format!("invalid port {i}")),
                },
                Value::Map(_) => long_port(item),
                _ => match item.scalar_text() {
                    Some(s) => parse_port(&s),
                    None => Err("invalid port".to_string()),
                },
            };
            match p {
                Ok(p) => out.push(self.item(item, "ports", p)),
                Err(msg) => self.bad_value(item, msg),
            }
        }
        out
    }

    fn resources(&mut self, node: &Node) -> Resources {
        let mut res = Resources::default();
        let limits =
            node.get("deploy").and_then(|d| d.get("resources")).and_then(|r| r.get("limits"));
        let reservations =
            node.get("deploy").and_then(|d| d.get("resources")).and_then(|r| r.get("reservations"));
        let bytes =
            |r: &mut Self, parent: Option<&Node>, key: &str, label: &str| -> Option<Located<u64>> {
                let e = parent?.entry(key)?;
                match as_bytes(&e.value) {
                    Some(b) => Some(r.entry(e, label, b)),
                    None => {
                        r.bad_value(&e.value, format!("`{label}` is not a size"));
                        None
                    }
                }
            };
        res.memory = bytes(self, limits, "memory", "deploy.resources.limits.memory")
            .or_else(|| bytes(self, Some(node), "mem_limit", "mem_limit"));
        res.memory_reservation =
            bytes(self, reservations, "memory", "deploy.resources.reservations.memory")
                .or_else(|| bytes(self, Some(node), "mem_reservation", "mem_reservation"));
        res.memswap = node.entry("memswap_limit").and_then(|e| {
            let v = as_i64(&e.value)
                .or_else(|| as_bytes(&e.value).and_then(|b| i64::try_from(b).ok()))?;
            Some(self.entry(e, "memswap_limit", v))
        });
        let float =
            |r: &Self, parent: Option<&Node>, key: &str, label: &str| -> Option<Located<f64>> {
                let e = parent?.entry(key)?;
                Some(r.entry(e, label, as_f64(&e.value)?))
            };
        res.cpus = float(self, limits, "cpus", "deploy.resources.limits.cpus")
            .or_else(|| float(self, Some(node), "cpus", "cpus"));
        let int =
            |r: &Self, parent: Option<&Node>, key: &str, label: &str| -> Option<Located<i64>> {
                let e = parent?.entry(key)?;
                Some(r.entry(e, label, as_i64(&e.value)?))
            };
        res.pids = int(self, limits, "pids", "deploy.resources.limits.pids")
            .or_else(|| int(self, Some(node), "pids_limit", "pids_limit"));
        res.cpu_quota = int(self, Some(node), "cpu_quota", "cpu_quota");
        res.cpu_period = int(self, Some(node), "cpu_period", "cpu_period");
        res.cpu_shares = int(self, Some(node), "cpu_shares", "cpu_shares");
        res.oom_kill_disable = self.boolean(node, "oom_kill_disable");
        res
    }

    fn ulimits(&self, node: &Node) -> BTreeMap<String, Located<Ulimit>> {
        let mut out = BTreeMap::new();
        for e in node.get("ulimits").and_then(Node::as_map).unwrap_or(&[]) {
            let u = match &e.value.value {
                Value::Map(_) => {
                    let soft = e.value.get("soft").and_then(as_i64);
                    let hard = e.value.get("hard").and_then(as_i64);
                    match (soft, hard) {
                        (Some(s), Some(h)) => Ulimit { soft: s, hard: h },
                        (Some(s), None) | (None, Some(s)) => Ulimit { soft: s, hard: s },
                        _ => continue,
                    }
                }
                _ => match as_i64(&e.value) {
                    Some(v) => Ulimit { soft: v, hard: v },
                    None => continue,
                },
            };
            out.insert(e.key.clone(), self.entry(e, &format!("ulimits.{}", e.key), u));
        }
        out
    }

    fn logging(&self, node: &Node) -> Option<Located<Logging>> {
        if let Some(e) = node.entry("logging") {
            let l = Logging {
                driver: e.value.get("driver").and_then(Node::scalar_text),
                options: string_map(e.value.get("options")),
            };
            return Some(self.entry(e, "logging", l));
        }
        let d = node.entry("log_driver");
        let o = node.entry("log_opt");
        let e = d.or(o)?;
        let l = Logging {
            driver: d.and_then(|d| d.value.scalar_text()),
            options: string_map(o.map(|o| &o.value)),
        };
        Some(self.entry(e, &e.key, l))
    }

    fn healthcheck(&self, node: &Node) -> Option<Located<Healthcheck>> {
        let e = node.entry("healthcheck")?;
        let n = &e.value;
        let test = n.get("test").and_then(|t| match &t.value {
            Value::Seq(items) => {
                Some(items.iter().filter_map(Node::scalar_text).collect::<Vec<_>>())
            }
            Value::Null => None,
            _ => t
                .scalar_text()
                .map(|s| if s == "NONE" { vec![s] } else { vec!["CMD-SHELL".to_string(), s] }),
        });
        let disabled = n.get("disable").and_then(as_bool).unwrap_or(false)
            || test.as_ref().is_some_and(|t| t.first().is_some_and(|f| f == "NONE"));
        let h = Healthcheck {
            test,
            disabled,
            interval: n.get("interval").and_then(Node::scalar_text),
            timeout: n.get("timeout").and_then(Node::scalar_text),
            retries: n.get("retries").and_then(as_i64).and_then(|r| u64::try_from(r).ok()),
            start_period: n.get("start_period").and_then(Node::scalar_text),
            start_interval: n.get("start_interval").and_then(Node::scalar_text),
        };
        Some(self.entry(e, "healthcheck", h))
    }

    fn environment(
        &mut self,
        node: &Node,
        env: &Environment,
    ) -> BTreeMap<String, Located<Option<String>>> {
        let mut out = BTreeMap::new();
        if let Some(ef) = node.get("env_file") {
            for item in strings(ef) {
                let (path, required, mark) = match &item.value {
                    Value::Map(_) => {
                        let Some(p) = item.get("path") else { continue };
                        (
                            p.scalar_text(),
                            item.get("required").and_then(as_bool).unwrap_or(true),
                            p.mark,
                        )
                    }
                    _ => (item.scalar_text(), true, item.mark),
                };
                let Some(path) = path else { continue };
                let full = self.l.resolve(mark, &path);
                let Some(id) = self.l.read_env_file(&full, mark, required) else {
                    continue;
                };
                let display = self.l.display(id);
                let text = self.l.files[id.0 as usize].text.clone();
                let parsed =
                    dotenv::parse(&text, env, &VariableSource::EnvFile { file: display.clone() });
                if !self.l.diags.iter().any(|d| {
                    d.file.as_deref() == Some(display.as_str()) && d.category == Category::EnvFile
                }) {
                    self.l.report_dotenv(&display, &parsed);
                }
                for en in parsed.entries {
                    let loc = dockward_spec::SourceLoc {
                        file: Some(display.clone()),
                        line: en.line,
                        column: en.column,
                        end_line: en.line,
                        end_column: en.column + en.key.chars().count() as u32,
                        bytes: None,
                        path: self.path(&format!("environment.{}", en.key)),
                    };
                    let via = vec![Provenance::EnvFile { file: display.clone() }];
                    out.insert(en.key, Located { value: Some(en.value), loc, via });
                }
            }
        }
        out.extend(self.key_values(node, "environment"));
        out
    }

    fn file_refs(&self, node: &Node, key: &str) -> Vec<Located<ServiceFileRef>> {
        let Some(n) = node.get(key) else {
            return Vec::new();
        };
        strings(n)
            .into_iter()
            .filter_map(|i| {
                let r = match &i.value {
                    Value::Map(_) => ServiceFileRef {
                        source: i.get("source").and_then(Node::scalar_text)?,
                        target: i.get("target").and_then(Node::scalar_text),
                        uid: i.get("uid").and_then(Node::scalar_text),
                        gid: i.get("gid").and_then(Node::scalar_text),
                        mode: i.get("mode").and_then(|m| match &m.value {
                            Value::Int(v) => u32::try_from(*v).ok(),
                            Value::Str(s) => {
                                u32::from_str_radix(s.trim_start_matches("0o"), 8).ok()
                            }
                            _ => None,
                        }),
                    },
                    _ => ServiceFileRef { source: i.scalar_text()?, ..Default::default() },
                };
                Some(self.item(i, key, r))
            })
            .collect()
    }
}

fn long_port(item: &Node) -> Result<PortMapping, String> {
    let target = item
        .get("target")
        .and_then(|t| match &t.value {
            Value::Int(i) => u16::try_from(*i).ok().map(PortRange::single),
            _ => t.scalar_text().and_then(|s| PortRange::parse(&s)),
        })
        .ok_or_else(|| "port needs a valid `target`".to_string())?;
    let published = match item.get("published") {
        None => None,
        Some(p) if p.is_null() => None,
        Some(p) => match &p.value {
            Value::Int(i) => Some(
                u16::try_from(*i)
                    .map(PortRange::single)
                    .map_err(|_| format!("invalid published port {i}"))?,
            ),
            _ => {
                let s = p.scalar_text().unwrap_or_default();
                if s.is_empty() {
                    None
                } else {
                    Some(
                        PortRange::parse(&s)
                            .ok_or_else(|| format!("invalid published port `{s}`"))?,
                    )
                }
            }
        },
    };
    Ok(PortMapping {
        host_ip: item.get("host_ip").and_then(Node::scalar_text).filter(|s| !s.is_empty()),
        published,
        target,
        protocol: item
            .get("protocol")
            .and_then(Node::scalar_text)
            .unwrap_or_else(|| "tcp".into())
            .to_ascii_lowercase(),
        mode: item.get("mode").and_then(Node::scalar_text),
        app_protocol: item.get("app_protocol").and_then(Node::scalar_text),
        name: item.get("name").and_then(Node::scalar_text),
        raw: None,
    })
}
