//! `collect_host_files` on fake host trees built in temporary directories: every field of
//! `HostFiles`, exact modes, symlinks, and what cannot be read.
//!
//! Permission-denied cases need a user the modes apply to: as a normal user the test reads the
//! tree itself; as root (CI) it re-runs this test binary as `nobody` through `setpriv` (skipped
//! with a printed reason when setpriv is missing).

use dockward_hostfiles::{HostFileOptions, collect_host_files};
use dockward_spec::HostFiles;
use dockward_spec::host_files::{
    AuditRules, DaemonJson, DaemonProcess, FileKind, GroupFacts, LsmState, PathFacts, Unreadable,
};
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fake host `/`.
struct Tree {
    dir: tempfile::TempDir,
    uid: u32,
    gid: u32,
}

impl Tree {
    fn new() -> Tree {
        let dir = tempfile::tempdir().unwrap();
        let m = std::fs::metadata(dir.path()).unwrap();
        Tree { uid: m.uid(), gid: m.gid(), dir }
    }
    fn root(&self) -> &Path {
        self.dir.path()
    }
    fn p(&self, host: &str) -> PathBuf {
        self.root().join(host.trim_start_matches('/'))
    }
    fn dir(&self, host: &str, mode: u32) -> &Self {
        std::fs::create_dir_all(self.p(host)).unwrap();
        chmod(&self.p(host), mode);
        self
    }
    fn file(&self, host: &str, content: &str, mode: u32) -> &Self {
        let p = self.p(host);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
        chmod(&p, mode);
        self
    }
    fn link(&self, host: &str, target: &str) -> &Self {
        let p = self.p(host);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        symlink(target, p).unwrap();
        self
    }
    /// A unix socket file (it stays after the listener is dropped).
    fn socket(&self, host: &str, mode: u32) -> &Self {
        let p = self.p(host);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        drop(std::os::unix::net::UnixListener::bind(&p).unwrap());
        chmod(&p, mode);
        self
    }
    /// A process: /proc/<pid>/cmdline with NUL-separated args and its status' NSpid line.
    fn process(&self, pid: u32, argv: &[&str], nspid: &str) -> &Self {
        let mut cmdline = argv.join("\0");
        cmdline.push('\0');
        self.file(&format!("/proc/{pid}/cmdline"), &cmdline, 0o444).file(
            &format!("/proc/{pid}/status"),
            &format!("Name:\tx\nNSpid:\t{nspid}\n"),
            0o444,
        )
    }
    /// Path facts for a file this test created (owned by the test's user).
    fn pf(&self, role: &str, path: &str, kind: FileKind, mode: u32, names: bool) -> PathFacts {
        PathFacts {
            role: role.into(),
            path: path.into(),
            kind,
            uid: self.uid,
            gid: self.gid,
            owner: names.then(|| "tester".into()),
            group: names.then(|| "dockerish".into()),
            mode,
        }
    }
    fn collect(&self, docker_root_dir: Option<&str>) -> HostFiles {
        collect_host_files(&HostFileOptions {
            root: self.root().to_path_buf(),
            docker_root_dir: docker_root_dir.map(str::to_string),
            run_auditctl: true,
        })
    }
}

fn chmod(p: &Path, mode: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn unreadable(fact: &str, path: &str, reason: &str) -> Unreadable {
    Unreadable { fact: fact.into(), path: path.into(), reason: reason.into() }
}

const NO_AUDITCTL: &str = "auditctl not run (host files read under another root)";

#[test]
fn a_full_host() {
    let t = Tree::new();
    let json = "{\n  \"tlsverify\": true,\n  \"tlscacert\": \"/etc/docker/tls/ca.pem\",\n  \"tlskey\": \"/etc/docker/tls/key.pem\",\n  \"data-root\": \"/ignored\"\n}\n";
    t.process(1, &["/sbin/init"], "1")
        // docker-in-docker seen from the host: a lower pid, but in a nested PID namespace.
        .process(900, &["dockerd", "--host=unix:///dind.sock"], "900\t1")
        .process(1426, &["/usr/sbin/dockerd", "-H", "fd://", "-H", "unix:///srv/extra.sock", "--config-file", "/srv/docker/daemon.json", "--containerd=/run/containerd/containerd.sock"], "1426")
        .dir("/proc/sys", 0o555)
        .file("/proc/self/mountinfo", "22 1 0:21 / / rw - ext4 /dev/sda1 rw\n30 22 0:5 / /data rw,relatime - ext4 /dev/sdb1 rw\n31 22 0:6 / /dat rw - ext4 /dev/sdc1 rw\n", 0o444)
        .file("/etc/passwd", &format!("daemon:x:1:1::/:/sbin/nologin\ntester:x:{}:{}::/home/tester:/bin/sh\n", t.uid, t.gid), 0o644)
        .file("/etc/group", &format!("dockerish:x:{}:alice,bob\n", t.gid), 0o644)
        .file("/srv/docker/daemon.json", json, 0o644)
        .file("/etc/docker/daemon.json", "{\"not\": \"read: --config-file wins\"}", 0o644)
        .dir("/etc/docker", 0o755)
        .file("/etc/docker/certs.d/reg.example:5000/ca.crt", "x", 0o644)
        .dir("/etc/docker/certs.d", 0o755)
        .dir("/etc/docker/certs.d/reg.example:5000", 0o755)
        .file("/etc/docker/tls/ca.pem", "x", 0o644)
        .file("/etc/docker/tls/key.pem", "x", 0o600)
        // tlsverify without --tlscert: dockerd's default under root's home.
        .file("/root/.docker/cert.pem", "x", 0o644)
        .socket("/run/docker.sock", 0o660)
        .link("/var/run", "/run") // absolute, as on Debian: must resolve inside the tree
        .socket("/srv/extra.sock", 0o600)
        .socket("/run/containerd/containerd.sock", 0o660)
        .file("/lib/systemd/system/docker.service", "[Service]\n", 0o644)
        .file("/lib/systemd/system/docker.socket", "[Socket]\n", 0o644)
        .link("/etc/systemd/system/docker.service", "/lib/systemd/system/docker.service")
        .file("/etc/systemd/system/docker.service.d/override.conf", "[Service]\n", 0o644)
        .file("/etc/systemd/system/docker.service.d/notes.txt", "not a drop-in", 0o644)
        .file("/etc/default/docker", "DOCKER_OPTS=\n", 0o640)
        .dir("/data/docker", 0o711)
        .link("/var/lib/docker", "/data/docker")
        .file("/etc/audit/rules.d/10-docker.rules", "-w /usr/bin/dockerd -k docker\n-a always,exit -F path=/usr/bin/containerd -F perm=x -k docker\n", 0o640)
        .file("/etc/audit/rules.d/README", "-w /not/a/rules/file\n", 0o644)
        .file("/etc/audit/audit.rules", "-D\n-w /usr/bin/dockerd -k docker\n-w /var/lib/docker -k docker\n", 0o640)
        .file("/sys/kernel/security/lsm", "lockdown,capability,yama,apparmor\n", 0o444)
        .file("/sys/module/apparmor/parameters/enabled", "Y\n", 0o444);

    let got = t.collect(Some("/var/lib/docker"));
    use FileKind::*;
    let expected = HostFiles {
        root: t.root().display().to_string(),
        dockerd: Some(DaemonProcess {
            pid: 1426,
            args: [
                "-H",
                "fd://",
                "-H",
                "unix:///srv/extra.sock",
                "--config-file",
                "/srv/docker/daemon.json",
                "--containerd=/run/containerd/containerd.sock",
            ]
            .map(String::from)
            .to_vec(),
            exe: Some("/usr/sbin/dockerd".into()),
        }),
        daemon_json: Some(DaemonJson {
            path: "/srv/docker/daemon.json".into(),
            text: json.into(),
            value: serde_json::from_str(json).unwrap(),
            error: None,
        }),
        paths: vec![
            t.pf("docker.sock", "/var/run/docker.sock", Socket, 0o660, true), // /run/docker.sock: the same socket
            t.pf("docker.sock", "/srv/extra.sock", Socket, 0o600, true),
            t.pf("containerd.sock", "/run/containerd/containerd.sock", Socket, 0o660, true),
            t.pf("daemon.json", "/srv/docker/daemon.json", File, 0o644, true),
            t.pf("etc-docker", "/etc/docker", Dir, 0o755, true),
            t.pf("certs.d", "/etc/docker/certs.d", Dir, 0o755, true),
            t.pf("certs.d-file", "/etc/docker/certs.d/reg.example:5000", Dir, 0o755, true),
            t.pf("certs.d-file", "/etc/docker/certs.d/reg.example:5000/ca.crt", File, 0o644, true),
            t.pf("tlscacert", "/etc/docker/tls/ca.pem", File, 0o644, true),
            t.pf("tlscert", "/root/.docker/cert.pem", File, 0o644, true),
            t.pf("tlskey", "/etc/docker/tls/key.pem", File, 0o600, true),
            t.pf("docker.service", "/lib/systemd/system/docker.service", File, 0o644, true),
            t.pf("docker.service", "/etc/systemd/system/docker.service", Symlink, 0o777, true),
            t.pf("docker.socket", "/lib/systemd/system/docker.socket", File, 0o644, true),
            t.pf(
                "docker.service.d",
                "/etc/systemd/system/docker.service.d/override.conf",
                File,
                0o644,
                true,
            ),
            t.pf("etc-default-docker", "/etc/default/docker", File, 0o640, true),
            t.pf("docker-root", "/data/docker", Dir, 0o711, true),
            t.pf("docker-root", "/var/lib/docker", Symlink, 0o777, true),
        ],
        audit: Some(AuditRules {
            source: "/etc/audit/rules.d/10-docker.rules, /etc/audit/audit.rules".into(),
            watched: vec![
                "/usr/bin/dockerd".into(),
                "/usr/bin/containerd".into(),
                "/var/lib/docker".into(),
            ],
        }),
        lsm: Some(LsmState {
            active: ["lockdown", "capability", "yama", "apparmor"].map(String::from).to_vec(),
            apparmor_enabled: Some(true),
            selinux_enforcing: None,
        }),
        socket_group: Some(GroupFacts {
            name: "dockerish".into(),
            gid: t.gid,
            members: vec!["alice".into(), "bob".into(), "tester".into()],
        }),
        // DockerRootDir is a link to /data/docker: the mount holding the real directory.
        docker_root_mount: Some("/data".into()),
        unreadable: vec![],
    };
    assert_eq!(got, expected);
    // The settings resolve against what was read.
    assert_eq!(
        got.daemon_setting("tlskey").unwrap().value,
        serde_json::json!("/etc/docker/tls/key.pem")
    );
}

#[test]
fn defaults_invalid_json_and_nothing_else() {
    let t = Tree::new();
    t.process(1, &["/sbin/init", "splash"], "1")
        .file("/etc/docker/daemon.json", "{ \"icc\": false,\n", 0o644)
        .dir("/etc/docker", 0o750)
        .file("/proc/self/mountinfo", "22 1 0:21 / / rw - ext4 /dev/sda1 rw\n", 0o444);
    let mut got = t.collect(None);
    let dj = got.daemon_json.take().unwrap();
    assert_eq!(
        (dj.path.as_str(), dj.text.as_str(), &dj.value),
        ("/etc/docker/daemon.json", "{ \"icc\": false,\n", &serde_json::Value::Null)
    );
    assert!(dj.error.as_deref().is_some_and(|e| e.contains("EOF while parsing")), "{:?}", dj.error);
    let expected = HostFiles {
        root: t.root().display().to_string(),
        paths: vec![
            t.pf("daemon.json", "/etc/docker/daemon.json", FileKind::File, 0o644, false),
            t.pf("etc-docker", "/etc/docker", FileKind::Dir, 0o750, false),
        ],
        docker_root_mount: Some("/".into()), // /var/lib/docker (the default) on the root mount
        unreadable: vec![
            unreadable(
                "audit",
                "/etc/audit/audit.rules",
                &format!("auditd rules not found: no /etc/audit/audit.rules, {NO_AUDITCTL}"),
            ),
            unreadable("lsm", "/sys", "not found (is /sys mounted?)"),
        ],
        ..HostFiles::default()
    };
    assert_eq!(got, expected);
}

#[test]
fn config_file_flag_with_equals_empty_audit_dir_and_quiet_sys() {
    let t = Tree::new();
    t.process(77, &["dockerd", "--config-file=/etc/dw.json", "--data-root", "/srv/d"], "77")
        .file("/etc/dw.json", "\u{feff}", 0o600) // a BOM and nothing else: no settings
        .file("/etc/docker/daemon.json", "{}", 0o644)
        .dir("/etc/audit", 0o750)
        .dir("/sys/kernel/security", 0o755)
        .dir("/srv/d", 0o710)
        .socket("/var/run/docker.sock", 0o666);
    let got = t.collect(None);
    assert_eq!(
        got.dockerd,
        Some(DaemonProcess {
            pid: 77,
            args: ["--config-file=/etc/dw.json", "--data-root", "/srv/d"]
                .map(String::from)
                .to_vec(),
            exe: None
        })
    );
    assert_eq!(
        got.daemon_json,
        Some(DaemonJson {
            path: "/etc/dw.json".into(),
            text: String::new(),
            value: serde_json::json!({}),
            error: None
        })
    );
    use FileKind::*;
    assert_eq!(
        got.paths,
        vec![
            t.pf("docker.sock", "/var/run/docker.sock", Socket, 0o666, false),
            t.pf("daemon.json", "/etc/dw.json", File, 0o600, false),
            t.pf("etc-docker", "/etc/docker", Dir, 0o755, false),
            t.pf("docker-root", "/srv/d", Dir, 0o710, false), // dockerd's --data-root
        ]
    );
    // auditd installed (/etc/audit) without rules: known to watch nothing, not "unknown".
    assert_eq!(
        got.audit,
        Some(AuditRules { source: "/etc/audit (no rule files)".into(), watched: vec![] })
    );
    assert_eq!(got.lsm, Some(LsmState::default()));
    // No /etc/group: the group is known by number only.
    assert_eq!(
        got.socket_group,
        Some(GroupFacts { name: t.gid.to_string(), gid: t.gid, members: vec![] })
    );
    assert_eq!(got.docker_root_mount, None); // no mountinfo in the tree, and that is not an error
    assert_eq!(got.unreadable, vec![]);
}

/// Things that are there but are not what they should be: unreadable for every user, root too.
#[test]
fn directories_where_files_belong() {
    let t = Tree::new();
    t.dir("/proc/self/mountinfo", 0o755)
        .dir("/etc/docker/daemon.json", 0o755)
        .file("/etc/docker/certs.d", "a file, not a directory", 0o644)
        .dir("/etc/audit/audit.rules", 0o755)
        .dir("/sys/kernel/security/lsm", 0o755)
        .dir("/etc/group", 0o755);
    let got = t.collect(None);
    use FileKind::*;
    let expected = HostFiles {
        root: t.root().display().to_string(),
        paths: vec![
            t.pf("daemon.json", "/etc/docker/daemon.json", Dir, 0o755, false),
            t.pf("etc-docker", "/etc/docker", Dir, 0o755, false),
            t.pf("certs.d", "/etc/docker/certs.d", File, 0o644, false),
        ],
        unreadable: vec![
            unreadable("group", "/etc/group", "is a directory"),
            unreadable("daemon.json", "/etc/docker/daemon.json", "is a directory"),
            unreadable(
                "audit",
                "/etc/audit/audit.rules",
                &format!("is a directory; {NO_AUDITCTL}"),
            ),
            unreadable("lsm", "/sys/kernel/security/lsm", "is a directory"),
            unreadable("mounts", "/proc/self/mountinfo", "is a directory"),
        ],
        ..HostFiles::default()
    };
    assert_eq!(got, expected);
}

#[test]
fn certs_d_is_bounded() {
    let t = Tree::new();
    t.dir("/etc/docker/certs.d/a/b/c/d", 0o755).file(
        "/etc/docker/certs.d/a/b/c/d/too-deep.crt",
        "",
        0o644,
    );
    for i in 0..1005 {
        std::fs::write(t.p(&format!("/etc/docker/certs.d/r{i:04}.crt")), "").unwrap();
    }
    let got = t.collect(None);
    let files: Vec<&str> =
        got.paths.iter().filter(|p| p.role == "certs.d-file").map(|p| p.path.as_str()).collect();
    assert_eq!(files.len(), 1000);
    // Depth 3 below certs.d: a, a/b, a/b/c; not a/b/c/d.
    assert_eq!(
        files[..4],
        [
            "/etc/docker/certs.d/a",
            "/etc/docker/certs.d/a/b",
            "/etc/docker/certs.d/a/b/c",
            "/etc/docker/certs.d/r0000.crt"
        ]
    );
    assert_eq!(
        got.unreadable("paths").collect::<Vec<_>>(),
        vec![&unreadable(
            "paths",
            "/etc/docker/certs.d",
            "more than 1000 entries; the rest not checked"
        )]
    );
}

#[test]
fn no_proc_at_all() {
    let t = Tree::new();
    let got = t.collect(None);
    assert_eq!(got.dockerd, None);
    assert_eq!(got.unreadable.first(), Some(&unreadable("dockerd", "/proc", "not found")));
}

/// The tree for [`permission_denied`]: everything interesting is mode 000 (owned by root when the
/// test runs as root, so `nobody` is denied; owned by the user otherwise, who is denied too).
fn denied_tree(t: &Tree) {
    t.process(1426, &["/usr/sbin/dockerd"], "1426")
        .file("/etc/docker/daemon.json", "{}", 0o644)
        .dir("/etc/docker/certs.d", 0o755)
        .dir("/etc/docker", 0o000)
        .file("/etc/audit/audit.rules", "-w /x\n", 0o640)
        .dir("/etc/audit", 0o000)
        .file("/etc/group", "docker:x:1:\n", 0o000)
        .dir("/sys/kernel/security", 0o000)
        .file("/proc/self/mountinfo", "22 1 0:21 / / rw - ext4 /dev/sda1 rw\n", 0o000);
    chmod(&t.p("/proc/1426/cmdline"), 0o000);
    // The tree itself must be searchable by the other user.
    chmod(t.root(), 0o755);
}

fn denied_expected(t: &Tree) -> HostFiles {
    let auditctl = "auditctl not run (host files read under another root)";
    HostFiles {
        root: t.root().display().to_string(),
        paths: vec![PathFacts {
            role: "etc-docker".into(),
            path: "/etc/docker".into(),
            kind: FileKind::Dir,
            uid: t.uid,
            gid: t.gid,
            owner: None,
            group: None,
            mode: 0,
        }],
        unreadable: vec![
            unreadable("group", "/etc/group", "permission denied"),
            unreadable(
                "dockerd",
                "/proc/*/cmdline",
                "dockerd not found; 1 process could not be read (permission denied)",
            ),
            unreadable("daemon.json", "/etc/docker/daemon.json", "permission denied"),
            unreadable("paths", "/etc/docker/daemon.json", "permission denied"),
            unreadable("paths", "/etc/docker/certs.d", "permission denied"),
            unreadable("audit", "/etc/audit/rules.d", &format!("permission denied; {auditctl}")),
            unreadable(
                "audit",
                "/etc/audit/audit.rules",
                &format!("permission denied; {auditctl}"),
            ),
            unreadable("lsm", "/sys/kernel/security/lsm", "permission denied"),
            unreadable("mounts", "/proc/self/mountinfo", "permission denied"),
        ],
        ..HostFiles::default()
    }
}

/// Set by [`permission_denied`] when it re-runs this binary as `nobody`: the tree to read.
const CHILD_ENV: &str = "DOCKWARD_HOST_FILES_CHILD_ROOT";
const MARK: &str = "--- host files ---";

#[test]
fn permission_denied() {
    let t = Tree::new();
    denied_tree(&t);
    let got = if t.uid != 0 {
        t.collect(None)
    } else {
        match collect_as_nobody(t.root()) {
            Ok(files) => files,
            Err(why) => {
                eprintln!("skipped permission_denied: running as root and {why}");
                restore(&t);
                return;
            }
        }
    };
    restore(&t);
    assert_eq!(got, denied_expected(&t));
}

/// Lets the temporary directory be removed by a non-root owner.
fn restore(t: &Tree) {
    for d in ["/etc/docker", "/etc/audit", "/sys/kernel/security"] {
        chmod(&t.p(d), 0o755);
    }
}

/// Runs [`child_collect`] in a copy of this test binary as uid/gid 65534, no groups.
fn collect_as_nobody(root: &Path) -> Result<HostFiles, String> {
    if Command::new("setpriv").arg("--version").output().is_err() {
        return Err("setpriv is not installed".into());
    }
    // The target directory may not be readable by others: run a copy from a 0755 directory.
    let bin_dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    chmod(bin_dir.path(), 0o755);
    let exe = bin_dir.path().join("host_files_test");
    std::fs::copy(std::env::current_exe().map_err(|e| e.to_string())?, &exe)
        .map_err(|e| e.to_string())?;
    chmod(&exe, 0o755);
    let out = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(&exe)
        .args(["--exact", "child_collect", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, root)
        .output()
        .map_err(|e| format!("setpriv failed: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "child failed: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json =
        stdout.split(MARK).nth(1).unwrap_or_else(|| panic!("no output from the child: {stdout}"));
    Ok(serde_json::from_str(json).unwrap())
}

/// On this machine, an unprivileged user sees what root sees, or says why not: every fact root
/// got is either the same for `nobody` or has an `unreadable` entry. Machine-independent (the
/// expectation is root's own view), and it shows the collector never fails or panics there.
#[test]
fn this_machine_as_nobody_sees_the_same_or_says_why() {
    let uid = std::fs::metadata("/proc/self").map(|m| m.uid()).unwrap_or(u32::MAX);
    if uid != 0 {
        eprintln!(
            "skipped: needs root to compare root's view with nobody's (running as uid {uid})"
        );
        return;
    }
    let nobody = match collect_as_nobody(Path::new("/")) {
        Ok(f) => f,
        Err(why) => {
            eprintln!("skipped: {why}");
            return;
        }
    };
    let root = collect_host_files(&HostFileOptions::default());
    let said = |fact: &str, path: Option<&str>| {
        nobody.unreadable.iter().any(|u| u.fact == fact && path.is_none_or(|p| u.path == p))
    };
    assert!(nobody.unreadable.iter().all(|u| !u.reason.is_empty()), "{:#?}", nobody.unreadable);
    assert!(
        nobody.dockerd == root.dockerd || said("dockerd", None),
        "dockerd: {:?} vs {:?}",
        nobody.dockerd,
        root.dockerd
    );
    assert!(
        nobody.daemon_json == root.daemon_json || said("daemon.json", None),
        "daemon.json differs silently"
    );
    for p in &root.paths {
        // A path below an unsearchable directory: nobody cannot even tell it exists.
        let seen = nobody.paths.contains(p)
            || said("paths", Some(&p.path))
            || nobody.paths.iter().any(|n| n.role == p.role && n.path == p.path);
        assert!(
            seen,
            "{p:?} neither seen nor reported unreadable by nobody: {:#?}",
            nobody.unreadable
        );
    }
    assert!(nobody.lsm == root.lsm || said("lsm", None), "lsm: {:?} vs {:?}", nobody.lsm, root.lsm);
    assert!(
        nobody.docker_root_mount == root.docker_root_mount || said("mounts", None),
        "mounts differ silently"
    );
    // auditctl -l needs root: nobody falls back to the rule files, which may differ.
    if root.audit.as_ref().is_none_or(|a| a.source != "auditctl -l") {
        assert!(
            nobody.audit == root.audit || said("audit", None),
            "audit: {:?} vs {:?}",
            nobody.audit,
            root.audit
        );
    }
}

/// Only does something when run by [`collect_as_nobody`].
#[test]
fn child_collect() {
    let Some(root) = std::env::var_os(CHILD_ENV) else { return };
    let files = collect_host_files(&HostFileOptions {
        root: PathBuf::from(root),
        docker_root_dir: None,
        run_auditctl: true,
    });
    println!("{MARK}{}{MARK}", serde_json::to_string(&files).unwrap());
}

/// What this machine looks like (`cargo test -p dockward_docker --test host_files -- --ignored
/// --nocapture this_machine`): for eyeballing, asserts nothing machine-specific.
#[test]
#[ignore]
fn this_machine() {
    let files = collect_host_files(&HostFileOptions::default());
    println!("{}", serde_json::to_string_pretty(&files).unwrap());
}
