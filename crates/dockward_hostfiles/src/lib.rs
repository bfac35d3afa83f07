//! Host-side facts for `dockward host` when the daemon runs on this machine: dockerd's command
//! line, daemon.json, owners and modes of the files CIS section 3 names, audit rules, kernel
//! security modules, the socket's group and the mount holding DockerRootDir.
//!
//! Everything is read under [`HostFileOptions::root`] (`/`, or the host's `/` mounted in a
//! container, or a fake tree in tests) and reported as a host path. Collection never fails:
//! what is missing is simply absent, what exists but cannot be read (permission denied, a
//! directory where a file belongs, ...) is listed in [`HostFiles::unreadable`] so the rules say
//! what they could not check.

mod accounts;
mod audit;
mod hostfs;
mod lsm;
mod mounts;
mod paths;
mod process;

use dockward_spec::HostFiles;
use dockward_spec::host_files::{DaemonSetting, FileKind};
use hostfs::HostFs;
use paths::{PathCollector, UNIT_DIRS};
use std::path::{Path, PathBuf};

/// What to read and how.
#[derive(Debug, Clone)]
pub struct HostFileOptions {
    /// The host's `/` as seen by this process.
    pub root: PathBuf,
    /// DockerRootDir from `GET /info`; else daemon.json's `data-root`, else /var/lib/docker.
    pub docker_root_dir: Option<String>,
    /// Ask `auditctl -l` for the loaded audit rules (only when `root` is `/`: another root's
    /// rules are not this kernel's).
    pub run_auditctl: bool,
}

impl Default for HostFileOptions {
    fn default() -> Self {
        HostFileOptions { root: PathBuf::from("/"), docker_root_dir: None, run_auditctl: true }
    }
}

/// Reads the host files. Never fails; see the module documentation.
pub fn collect_host_files(opts: &HostFileOptions) -> HostFiles {
    let fs = HostFs::new(&opts.root);
    let mut files = HostFiles { root: hostfs::show(&opts.root), ..HostFiles::default() };
    let accounts = accounts::Accounts::read(&fs, &mut files.unreadable);

    files.dockerd = process::find_dockerd(&fs, &mut files.unreadable);
    // Only dockerd's flags are known yet, so this is `--config-file` or nothing.
    let config_file = files
        .daemon_setting("config-file")
        .and_then(|s| setting_path(&s))
        .unwrap_or_else(|| process::DEFAULT_DAEMON_JSON.to_string());
    files.daemon_json = process::read_daemon_json(&fs, &config_file, &mut files.unreadable);

    let mut pc = PathCollector::new(&fs, &accounts);
    pc.first("docker.sock", &["/var/run/docker.sock".into(), "/run/docker.sock".into()]);
    for sock in process::unix_hosts(files.dockerd.as_ref(), files.daemon_json.as_ref()) {
        pc.add("docker.sock", &sock);
    }
    // The system containerd, and the one dockerd starts itself when there is none.
    let configured = files.daemon_setting("containerd").and_then(|s| setting_path(&s));
    for sock in configured.into_iter().chain([
        "/run/containerd/containerd.sock".into(),
        "/run/docker/containerd/containerd.sock".into(),
    ]) {
        pc.add("containerd.sock", &sock);
    }
    pc.add("daemon.json", &config_file);
    pc.add("etc-docker", "/etc/docker");
    pc.tree("certs.d", "certs.d-file", "/etc/docker/certs.d");
    for (key, default) in [("tlscacert", "ca.pem"), ("tlscert", "cert.pem"), ("tlskey", "key.pem")]
    {
        match files.daemon_setting(key).and_then(|s| setting_path(&s)) {
            Some(p) => {
                pc.add(key, &p);
            }
            // With TLS on and no path given, dockerd uses ~/.docker/<file> of its user (root).
            None if tls_enabled(&files) => {
                pc.add(key, &format!("/root/.docker/{default}"));
            }
            None => {}
        }
    }
    for unit in ["docker.service", "docker.socket", "containerd.service"] {
        pc.first(unit, &UNIT_DIRS.map(|d| format!("{d}/{unit}")));
    }
    pc.drop_ins("docker.service.d", "docker.service");
    pc.add("etc-default-docker", "/etc/default/docker");
    pc.add("etc-sysconfig-docker", "/etc/sysconfig/docker");
    pc.add("containerd-config", "/etc/containerd/config.toml");
    let docker_root = opts
        .docker_root_dir
        .clone()
        .or_else(|| files.daemon_setting("data-root").and_then(|s| setting_path(&s)))
        .unwrap_or_else(|| "/var/lib/docker".into());
    pc.add("docker-root", &docker_root);
    let PathCollector { paths, unreadable, .. } = pc;
    files.paths = paths;
    files.unreadable.extend(unreadable);

    files.socket_group = files
        .paths
        .iter()
        .find(|p| p.role == "docker.sock" && p.kind != FileKind::Symlink)
        .map(|p| accounts.group(p.gid));
    files.audit = audit::collect(
        &fs,
        opts.run_auditctl && opts.root == Path::new("/"),
        &mut files.unreadable,
    );
    files.lsm = lsm::collect(&fs, &mut files.unreadable);
    // The mount holding the real directory (DockerRootDir may be a symlink to another disk).
    let real_root =
        fs.resolve(Path::new(&docker_root)).map(|p| hostfs::show(&p)).unwrap_or(docker_root);
    files.docker_root_mount = mounts::docker_root_mount(
        &fs,
        files.dockerd.as_ref().map(|d| d.pid),
        &real_root,
        &mut files.unreadable,
    );
    files
}

/// A setting naming a path (`"/etc/docker/ca.pem"`); a relative one is taken from `/` (dockerd's
/// working directory under systemd).
fn setting_path(s: &DaemonSetting) -> Option<String> {
    let v = match &s.value {
        serde_json::Value::String(v) => v.trim(),
        serde_json::Value::Array(a) => a.last()?.as_str()?.trim(),
        _ => return None,
    };
    if v.is_empty() {
        None
    } else {
        Some(if v.starts_with('/') { v.to_string() } else { format!("/{v}") })
    }
}

/// `--tlsverify` or `--tls` is on (a bare flag, `=true`, or `true` in daemon.json).
fn tls_enabled(files: &HostFiles) -> bool {
    ["tlsverify", "tls"].iter().any(|k| {
        files.daemon_setting(k).is_some_and(|s| match s.value {
            serde_json::Value::Bool(b) => b,
            serde_json::Value::String(v) => v.eq_ignore_ascii_case("true") || v == "1",
            _ => false,
        })
    })
}
