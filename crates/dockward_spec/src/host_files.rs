//! What dockward read on the machine the daemon runs on (surface H, host side): dockerd's
//! command line, daemon.json, ownership and modes of the files CIS section 3 names, the audit
//! rules, the kernel security modules, the socket's group and the mount holding DockerRootDir.
//!
//! Filled by `dockward_docker::host_files` (which reads under a root directory, `/` normally, a
//! fake tree in tests); read by the host rules. Everything that could not be read is listed in
//! [`HostFiles::unreadable`] so the rules report it (as info findings) instead of staying
//! silent or guessing. No I/O here.

use serde::{Deserialize, Serialize};

/// Host-side facts. Only gathered when the daemon runs on this machine (a unix socket); for a
/// remote daemon [`crate::HostFacts::files`] is `None`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct HostFiles {
    /// The directory host paths were read under (`/`; a fixture tree in tests). Paths below
    /// are shown as on the host (without this prefix).
    pub root: String,
    /// The running dockerd, found in /proc.
    pub dockerd: Option<DaemonProcess>,
    /// The daemon configuration file (`--config-file`, default /etc/docker/daemon.json), when
    /// it exists and was read.
    pub daemon_json: Option<DaemonJson>,
    /// Ownership and mode of every security-relevant path that exists (docker.sock,
    /// containerd.sock, daemon.json, /etc/docker, certs.d and its files, TLS files named by the
    /// daemon options, systemd units, /etc/default/docker, /etc/sysconfig/docker,
    /// /etc/containerd/config.toml, DockerRootDir). Missing paths are not listed.
    ///
    /// Roles: `docker.sock`, `containerd.sock`, `daemon.json`, `etc-docker`, `certs.d`,
    /// `certs.d-file`, `tlscacert`, `tlscert`, `tlskey`, `docker.service`, `docker.service.d`
    /// (each drop-in `.conf`), `docker.socket`, `containerd.service`, `etc-default-docker`,
    /// `etc-sysconfig-docker`, `containerd-config`, `docker-root`. A role may have several
    /// entries (two docker sockets, every certs.d file). A symlink gives two entries with the
    /// same role: first the file it points to (real path, owner, mode: what to check), then the
    /// link itself with kind [`FileKind::Symlink`] (mode 0777: skip it when checking modes).
    pub paths: Vec<PathFacts>,
    /// Audit rules, when they could be read.
    pub audit: Option<AuditRules>,
    /// Kernel security modules, when /sys could be read.
    pub lsm: Option<LsmState>,
    /// The group owning docker.sock and its members (from /etc/group).
    pub socket_group: Option<GroupFacts>,
    /// The mount point holding DockerRootDir (`/` when it is not on its own partition).
    pub docker_root_mount: Option<String>,
    /// What could not be read, and why (permission denied, absent tool, ...).
    pub unreadable: Vec<Unreadable>,
}

/// dockerd as found in /proc.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DaemonProcess {
    pub pid: u32,
    /// argv without argv[0] (`["-H", "fd://", "--containerd=/run/containerd/containerd.sock"]`).
    pub args: Vec<String>,
    /// Absolute path of the dockerd binary (`/proc/PID/exe`, else argv[0] when absolute), for
    /// the audit rule CIS 1.1.3 asks for; None when unknown (DW1001 then assumes the usual
    /// /usr/bin/dockerd or /usr/sbin/dockerd).
    pub exe: Option<String>,
}

/// The daemon configuration file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DaemonJson {
    /// Path as on the host (`/etc/docker/daemon.json`).
    pub path: String,
    /// The file's text (for locating keys by line).
    pub text: String,
    /// The parsed content; `Null` when it does not parse (see `error`).
    pub value: serde_json::Value,
    /// Why the file does not parse, if it does not.
    pub error: Option<String>,
}

/// A file, directory or socket on the host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathFacts {
    /// What the path is for (`docker.sock`, `daemon.json`, `docker.service`, `tlskey`, ...): the
    /// rules decide by role, not by path, so relocated files are still checked.
    pub role: String,
    /// Path as on the host.
    pub path: String,
    pub kind: FileKind,
    pub uid: u32,
    pub gid: u32,
    /// User and group names from /etc/passwd and /etc/group, when known.
    pub owner: Option<String>,
    pub group: Option<String>,
    /// Permission bits (`mode & 0o7777`). Read from JSON as a number or as an octal string
    /// (`"0660"`), so hand-written fixtures stay readable.
    #[serde(deserialize_with = "mode_number_or_octal")]
    pub mode: u32,
}

fn mode_number_or_octal<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Mode {
        Number(u32),
        Octal(String),
    }
    match Mode::deserialize(d)? {
        Mode::Number(n) => Ok(n),
        Mode::Octal(s) => u32::from_str_radix(s.trim_start_matches("0o"), 8)
            .map_err(|e| serde::de::Error::custom(format!("mode `{s}` is not octal: {e}"))),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    File,
    Dir,
    Socket,
    Symlink,
    Other,
}

/// Loaded audit rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditRules {
    /// Where they came from (`auditctl -l`, or the rule files read).
    pub source: String,
    /// Every path watched (`-w PATH` or `-F path=PATH` / `-F dir=PATH`), as written.
    pub watched: Vec<String>,
}

/// Kernel security module state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LsmState {
    /// /sys/kernel/security/lsm (`lockdown,capability,landlock,yama,apparmor`).
    pub active: Vec<String>,
    /// /sys/module/apparmor/parameters/enabled is `Y`.
    pub apparmor_enabled: Option<bool>,
    /// /sys/fs/selinux/enforce: Some(true) enforcing, Some(false) permissive, None absent.
    pub selinux_enforcing: Option<bool>,
}

/// A group and its members.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupFacts {
    pub name: String,
    pub gid: u32,
    pub members: Vec<String>,
}

/// Something the audit could not read. The rule that needed it reports it as an info finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unreadable {
    /// Which fact: `dockerd`, `daemon.json`, `paths`, `audit`, `lsm`, `group`, `mounts`.
    pub fact: String,
    /// The path (or command) tried.
    pub path: String,
    /// Why (`permission denied`, `auditctl not installed`, ...).
    pub reason: String,
}

/// Where an effective daemon option was set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum SettingSource {
    /// In daemon.json, at this 1-based line (0 when the key's line is not found).
    DaemonJson { path: String, line: u32 },
    /// On dockerd's command line, as this flag.
    CommandLine { flag: String },
}

/// An effective daemon option and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DaemonSetting {
    /// The value: daemon.json's JSON value, or the flag's value as a JSON string (`true` for a
    /// bare boolean flag; repeated flags give an array).
    pub value: serde_json::Value,
    pub source: SettingSource,
}

impl HostFiles {
    /// The daemon option `key` (daemon.json spelling, e.g. `iptables`, `log-opts`,
    /// `default-ulimits`, `userns-remap`): from dockerd's command line ([`DaemonProcess::option`]),
    /// else from daemon.json. Dockerd refuses to start when both set one, so at most one applies.
    pub fn daemon_setting(&self, key: &str) -> Option<DaemonSetting> {
        if let Some((flag, value)) = self.dockerd.as_ref().and_then(|p| p.option(key)) {
            return Some(DaemonSetting { value, source: SettingSource::CommandLine { flag } });
        }
        let dj = self.daemon_json.as_ref()?;
        let value = dj.value.get(key)?.clone();
        Some(DaemonSetting {
            value,
            source: SettingSource::DaemonJson { path: dj.path.clone(), line: dj.line_of_key(key) },
        })
    }

    /// The facts about the path with this role, if it exists.
    pub fn path(&self, role: &str) -> Option<&PathFacts> {
        self.paths.iter().find(|p| p.role == role)
    }

    /// What could not be read for `fact`.
    pub fn unreadable(&self, fact: &str) -> impl Iterator<Item = &Unreadable> {
        self.unreadable.iter().filter(move |u| u.fact == fact)
    }
}

/// `log-opts` → `--log-opts`, `--log-opt`; `default-ulimits` → `--default-ulimits`, `--default-ulimit`.
fn flag_names(key: &str) -> Vec<String> {
    let mut v = vec![format!("--{key}")];
    if let Some(s) = key.strip_suffix('s') {
        v.push(format!("--{s}"));
    }
    v
}

/// dockerd's one-letter aliases (daemon.json key, letter, whether it takes a value).
const SHORT_FLAGS: [(&str, char, bool); 6] = [
    ("hosts", 'H', true),
    ("group", 'G', true),
    ("debug", 'D', false),
    ("log-level", 'l', true),
    ("storage-driver", 's', true),
    ("bridge", 'b', true),
];

impl DaemonProcess {
    /// The option `key` (daemon.json spelling) on this command line, as the flag spelling last
    /// used and its value: `--key=v`, `--key v`, a bare `--key` (`true`), the singular long name
    /// (`--log-opt` for `log-opts`, `--host` for `hosts`) and dockerd's one-letter alias
    /// (`-H v`, `-H=v`, `-Hv`; `-D`). A repeated flag gives an array of its values.
    pub fn option(&self, key: &str) -> Option<(String, serde_json::Value)> {
        use serde_json::Value;
        let flags = flag_names(key);
        let short = SHORT_FLAGS
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, c, takes)| (format!("-{c}"), *takes));
        let mut values: Vec<Value> = Vec::new();
        let mut seen_flag = None;
        let mut i = 0;
        while i < self.args.len() {
            let a = &self.args[i];
            let next = self.args.get(i + 1);
            for f in &flags {
                let Some(rest) = a.strip_prefix(f.as_str()) else { continue };
                if let Some(v) = rest.strip_prefix('=') {
                    values.push(Value::String(v.to_string()));
                    seen_flag = Some(f.clone());
                } else if rest.is_empty() {
                    seen_flag = Some(f.clone());
                    match next {
                        Some(n) if !n.starts_with('-') => {
                            values.push(Value::String(n.clone()));
                            i += 1;
                        }
                        _ => values.push(Value::Bool(true)),
                    }
                }
            }
            if let Some((f, takes_value)) = &short
                && let Some(rest) = a.strip_prefix(f.as_str())
                && !a.starts_with("--")
            {
                match (takes_value, rest) {
                    (true, "") => {
                        if let Some(n) = next {
                            values.push(Value::String(n.clone()));
                            seen_flag = Some(f.clone());
                            i += 1;
                        }
                    }
                    (true, attached) => {
                        values.push(Value::String(
                            attached.strip_prefix('=').unwrap_or(attached).to_string(),
                        ));
                        seen_flag = Some(f.clone());
                    }
                    (false, "") => {
                        values.push(Value::Bool(true));
                        seen_flag = Some(f.clone());
                    }
                    (false, _) => {}
                }
            }
            i += 1;
        }
        let flag = seen_flag?;
        let value =
            if values.len() == 1 { values.pop().unwrap_or_default() } else { Value::Array(values) };
        Some((flag, value))
    }
}

impl DaemonJson {
    /// daemon.json at `path` (as on the host) with this text, parsed as dockerd does: an empty
    /// file means no settings; text that does not parse gives a Null value and `error`.
    pub fn parse(path: &str, text: String) -> DaemonJson {
        let (value, error) = if text.trim().is_empty() {
            (serde_json::Value::Object(Default::default()), None)
        } else {
            match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(v) => (v, None),
                Err(e) => (serde_json::Value::Null, Some(e.to_string())),
            }
        };
        DaemonJson { path: path.to_string(), text, value, error }
    }

    /// 1-based line of the first `"key"` in the text (0 when not found).
    pub fn line_of_key(&self, key: &str) -> u32 {
        let needle = format!("\"{key}\"");
        self.text.find(&needle).map_or(0, |at| self.text[..at].matches('\n').count() as u32 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(args: &[&str], json: &str) -> HostFiles {
        HostFiles {
            dockerd: Some(DaemonProcess {
                pid: 1,
                args: args.iter().map(|s| s.to_string()).collect(),
                exe: None,
            }),
            daemon_json: Some(DaemonJson::parse("/etc/docker/daemon.json", json.into())),
            ..HostFiles::default()
        }
    }

    #[test]
    fn mode_as_number_or_octal_string() {
        let p = |mode: &str| {
            serde_json::from_str::<PathFacts>(&format!(
                r#"{{"role": "docker.sock", "path": "/run/docker.sock", "kind": "socket", "uid": 0, "gid": 0, "mode": {mode}}}"#
            ))
        };
        assert_eq!(p("432").unwrap().mode, 0o660);
        assert_eq!(p("\"0660\"").unwrap().mode, 0o660);
        assert_eq!(p("\"2755\"").unwrap().mode, 0o2755);
        assert!(p("\"0689\"").is_err());
    }

    #[test]
    fn command_line_then_daemon_json() {
        let f = files(
            &[
                "-H",
                "fd://",
                "--iptables=false",
                "--log-opt",
                "max-size=10m",
                "--log-opt",
                "max-file=3",
                "--icc",
            ],
            "{\n  \"live-restore\": true,\n  \"userns-remap\": \"default\"\n}",
        );
        assert_eq!(f.daemon_setting("iptables").unwrap().value, serde_json::json!("false"));
        assert_eq!(
            f.daemon_setting("log-opts").unwrap().value,
            serde_json::json!(["max-size=10m", "max-file=3"])
        );
        assert_eq!(f.daemon_setting("icc").unwrap().value, serde_json::json!(true));
        let s = f.daemon_setting("userns-remap").unwrap();
        assert_eq!(s.value, serde_json::json!("default"));
        assert_eq!(
            s.source,
            SettingSource::DaemonJson { path: "/etc/docker/daemon.json".into(), line: 3 }
        );
        assert!(f.daemon_setting("tlsverify").is_none());
    }

    #[test]
    fn one_letter_aliases() {
        let f = files(
            &["-H", "fd://", "-Htcp://0.0.0.0:2375", "-H=unix:///x.sock", "-G", "ops", "-D"],
            "{}",
        );
        let hosts = f.daemon_setting("hosts").unwrap();
        assert_eq!(
            hosts.value,
            serde_json::json!(["fd://", "tcp://0.0.0.0:2375", "unix:///x.sock"])
        );
        assert_eq!(hosts.source, SettingSource::CommandLine { flag: "-H".into() });
        assert_eq!(f.daemon_setting("group").unwrap().value, serde_json::json!("ops"));
        assert_eq!(f.daemon_setting("debug").unwrap().value, serde_json::json!(true));
        // `--host` is the long name of `hosts`; `-Hx` is never read as a long flag.
        assert_eq!(
            files(&["--host=tcp://:2375"], "{}").daemon_setting("hosts").unwrap().value,
            serde_json::json!("tcp://:2375")
        );
    }
}
