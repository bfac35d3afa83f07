//! `dockward host --host ssh://…`, for real: a throwaway `sshd` on 127.0.0.1 (own host key,
//! own authorized key, everything in a tempdir), and this machine's `docker` CLI as the remote
//! side of `docker system dial-stdio`, talking to the local daemon.
//!
//! The ssh client reads its configuration from the passwd home directory, not `$HOME`, so the
//! test puts an `ssh` wrapper first in `PATH` that adds `-F <tempdir>/ssh_config`: the host
//! aliases `dwtest` (the right key) and `dwbad` (a key sshd does not know).
//!
//! Needs root (sshd runs as root and logs in as root), `/usr/sbin/sshd`, `ssh`, `ssh-keygen`
//! and a daemon; otherwise skipped, or failed under `DOCKWARD_REQUIRE_DOCKER=1`.

mod common;

use common::docker::require_docker;

use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const SSHD: &str = "/usr/sbin/sshd";

/// Why the test cannot run here, if it cannot.
fn missing_prerequisite() -> Option<String> {
    // `id -u`: no libc dependency for one getuid().
    let uid = Command::new("id")
        .arg("-u")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if uid.as_deref() != Some("0") {
        return Some("not running as root (sshd must run as root to log in)".into());
    }
    if !Path::new(SSHD).exists() {
        return Some(format!("no {SSHD} (apt-get install openssh-server)"));
    }
    for (tool, arg) in [("ssh", "-V"), ("docker", "version")] {
        match Command::new(tool).arg(arg).output() {
            Ok(o) if o.status.success() => {}
            Ok(o) => {
                return Some(format!(
                    "`{tool} {arg}` failed: {}",
                    String::from_utf8_lossy(&o.stderr).trim()
                ));
            }
            Err(e) => return Some(format!("no `{tool}` ({e})")),
        }
    }
    None
}

fn keygen(path: &Path) {
    let out = Command::new("ssh-keygen")
        .args(["-q", "-N", "", "-t", "ed25519", "-f"])
        .arg(path)
        .output()
        .expect("run ssh-keygen");
    assert!(out.status.success(), "ssh-keygen: {}", String::from_utf8_lossy(&out.stderr));
}

/// The throwaway sshd; killed on drop (also when an assertion fails).
struct Sshd {
    child: Child,
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Keys, configurations and the `ssh` wrapper in `dir`; sshd started on a free port. Returns
/// the sshd guard and the `PATH` that finds the wrapper first.
fn start(dir: &Path) -> (Sshd, String) {
    keygen(&dir.join("host_key"));
    keygen(&dir.join("client_key"));
    keygen(&dir.join("wrong_key"));
    std::fs::copy(dir.join("client_key.pub"), dir.join("authorized_keys")).unwrap();
    // sshd's privilege separation directory (the package creates it only when the service runs).
    std::fs::create_dir_all("/run/sshd").unwrap();
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let d = dir.display();
    std::fs::write(
        dir.join("sshd_config"),
        format!("HostKey {d}/host_key\nAuthorizedKeysFile {d}/authorized_keys\nPidFile {d}/sshd.pid\nStrictModes no\nUsePAM no\nPermitRootLogin yes\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"),
    )
    .unwrap();
    let child = Command::new(SSHD)
        .args(["-D", "-e", "-f"])
        .arg(dir.join("sshd_config"))
        .args(["-p", &port.to_string(), "-o", "ListenAddress=127.0.0.1"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start sshd");
    let sshd = Sshd { child };
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "sshd did not listen on 127.0.0.1:{port}");
        std::thread::sleep(Duration::from_millis(50));
    }
    let host = |alias: &str, key: &str| {
        format!(
            "Host {alias}\n  HostName 127.0.0.1\n  Port {port}\n  User root\n  IdentityFile {d}/{key}\n  IdentitiesOnly yes\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n"
        )
    };
    std::fs::write(
        dir.join("ssh_config"),
        format!("{}{}", host("dwtest", "client_key"), host("dwbad", "wrong_key")),
    )
    .unwrap();
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let ssh = which("ssh");
    std::fs::write(
        bin.join("ssh"),
        format!("#!/bin/sh\nexec {} -F {d}/ssh_config \"$@\"\n", ssh.display()),
    )
    .unwrap();
    std::fs::set_permissions(bin.join("ssh"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    (sshd, path)
}

fn which(tool: &str) -> PathBuf {
    let out = Command::new("sh").args(["-c", &format!("command -v {tool}")]).output().unwrap();
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
}

fn host(path: &str, args: &[&str]) -> (Output, Duration) {
    let start = Instant::now();
    let out = common::bin()
        .env("PATH", path)
        .args(["host", "--no-config"])
        .args(args)
        .output()
        .expect("run dockward");
    (out, start.elapsed())
}

#[test]
fn audits_a_daemon_over_ssh() {
    if let Some(reason) = missing_prerequisite() {
        if require_docker() {
            panic!("DOCKWARD_REQUIRE_DOCKER=1 but {reason}");
        }
        eprintln!("skipping audits_a_daemon_over_ssh: {reason}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (_sshd, path) = start(dir.path());

    // The daemon's facts and its containers, over ssh; host files are not this machine's.
    let (out, _) = host(&path, &["--format", "json", "--host", "ssh://dwtest"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(matches!(out.status.code(), Some(0 | 1)), "exited {:?}: {err}", out.status.code());
    assert!(err.contains("host files not read") && err.contains("ssh://dwtest"), "{err}");
    let v = common::json(&out);
    let host_codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["surface"] == "host")
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(host_codes.contains(&"DW907"), "{host_codes:?}");
    // Plain TCP (DW908) is not what ssh is.
    assert!(!host_codes.contains(&"DW908"), "{host_codes:?}");

    // The same through a Docker context whose endpoint is ssh://.
    let config = dir.path().join("docker-config");
    let meta = config.join("contexts/meta/0123abcd");
    std::fs::create_dir_all(&meta).unwrap();
    std::fs::write(
        meta.join("meta.json"),
        r#"{"Name":"viassh","Endpoints":{"docker":{"Host":"ssh://dwtest"}}}"#,
    )
    .unwrap();
    let start = Instant::now();
    let out = common::bin()
        .env("PATH", &path)
        .env("DOCKER_CONFIG", &config)
        .args([
            "host",
            "--no-config",
            "--format",
            "json",
            "--context",
            "viassh",
            "--select",
            "DW907",
        ])
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "exited {:?}: {} ({:?})",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr),
        start.elapsed()
    );
    assert!(common::codes(&common::json(&out), false).contains(&"DW907".to_string()));

    // A key sshd does not know: exit 2, within the timeout, naming the endpoint and ssh's reason
    // (BatchMode: no password prompt).
    let (out, took) = host(&path, &["--timeout", "5", "--host", "ssh://dwbad"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(took < Duration::from_secs(6), "took {took:?}");
    assert!(err.contains("ssh://dwbad") && err.contains("Permission denied"), "{err}");
    assert!(!err.contains("Permanently added"), "{err}");

    // The remote `docker` cannot reach the socket named in the URL: its own error is shown.
    let (out, _) =
        host(&path, &["--timeout", "5", "--host", "ssh://dwtest/nonexistent/docker.sock"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("ssh://dwtest/nonexistent/docker.sock")
            && err.contains("/nonexistent/docker.sock"),
        "{err}"
    );

    // A host that does not resolve.
    let (out, _) = host(&path, &["--timeout", "3", "--host", "ssh://root@dw-no-such-host.invalid"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("dw-no-such-host.invalid") && err.contains("resolve"), "{err}");
}

#[test]
fn password_in_an_ssh_url_is_refused() {
    let out = common::bin()
        .args(["host", "--no-config", "--host", "ssh://root:secret@127.0.0.1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("password is not supported"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
