//! `dockward host` reading host files: as an unprivileged user (what it cannot read is reported,
//! never a crash), for a daemon reached over TCP (not read, with a note) and the `--host-root`
//! and `--no-host-files` options.
//!
//! The daemon tests are skipped with a printed reason when no daemon answers, unless
//! `DOCKWARD_REQUIRE_DOCKER=1` (as `.ci/run` sets), where they fail.

mod common;

use std::io::Write;
use std::net::TcpListener;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SOCKET: &str = "/var/run/docker.sock";

/// `Err(reason)` when there is no daemon to test against; panics instead under
/// `DOCKWARD_REQUIRE_DOCKER=1`.
fn daemon() -> Result<(), String> {
    let why = match common::docker::daemon_answers() {
        Err(why) => why,
        Ok(()) if !Path::new(SOCKET).exists() => format!("{SOCKET} does not exist"),
        Ok(()) => return Ok(()),
    };
    assert!(!common::docker::require_docker(), "DOCKWARD_REQUIRE_DOCKER=1 but {why}");
    Err(why)
}

fn exited_0_or_1(out: &Output, what: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{what}: exit {:?} (a signal when None): {err}",
        out.status.code()
    );
    assert!(!err.contains("panicked"), "{what}: {err}");
}

fn findings(v: &serde_json::Value) -> &Vec<serde_json::Value> {
    v["findings"].as_array().expect("findings array")
}

#[test]
fn unprivileged_user_gets_a_report_and_info_for_what_it_cannot_read() {
    if let Err(why) = daemon() {
        eprintln!("skipped: {why}");
        return;
    }
    let uid = std::fs::metadata("/proc/self").map(|m| m.uid()).unwrap_or(u32::MAX);
    if uid != 0 {
        eprintln!("skipped: needs root to switch to uid 65534 (running as uid {uid})");
        return;
    }
    if Command::new("setpriv").arg("--version").output().is_err() {
        eprintln!("skipped: setpriv is not installed");
        return;
    }
    // The target directory may not be readable by others: run a copy from a 0755 directory.
    let home = tempfile::tempdir().unwrap();
    std::fs::set_permissions(home.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let exe = home.path().join("dockward");
    std::fs::copy(env!("CARGO_BIN_EXE_dockward"), &exe).unwrap();
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
    // nobody, with only the socket's group: may talk to the daemon, may not read root's files.
    let socket_gid = std::fs::metadata(SOCKET).unwrap().gid();
    let out = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", &format!("--groups={socket_gid}")])
        .arg(&exe)
        .args(["host", "--no-config", "--format", "json"])
        .env("HOME", home.path())
        .env("DOCKWARD_TODAY", "2026-11-28")
        .env("NO_COLOR", "1")
        .current_dir(home.path())
        .output()
        .unwrap();
    exited_0_or_1(&out, "dockward host as nobody");
    let v = common::json(&out);
    let all = findings(&v);
    // The Engine API facts are unaffected by the user: this daemon runs with ICC on.
    assert!(all.iter().any(|f| f["code"] == "DW907"), "no DW907 in {all:#?}");
    // Whatever could not be read is an info finding, never a failure at a higher severity.
    for f in
        all.iter().filter(|f| f["message"].as_str().is_some_and(|m| m.starts_with("not checked:")))
    {
        assert_eq!(f["severity"], "info", "{f:#}");
        assert_eq!(f["target"], "docker host", "{f:#}");
    }

    // The same, deterministic: a host tree (made by root) whose Docker configuration and audit
    // rules nobody may read. Each rule that needed them says so as an info finding, and nothing
    // is guessed (no "no audit rule", no daemon-option findings from an unread daemon.json).
    let tree = tempfile::tempdir().unwrap();
    let root = tree.path();
    std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o755)).unwrap();
    for (dir, mode) in [
        ("etc", 0o755),
        ("etc/docker", 0o700),
        ("etc/audit", 0o700),
        ("proc", 0o755),
        ("proc/4242", 0o755),
        ("sys", 0o755),
    ] {
        std::fs::create_dir_all(root.join(dir)).unwrap();
        std::fs::set_permissions(root.join(dir), std::fs::Permissions::from_mode(mode)).unwrap();
    }
    std::fs::write(root.join("etc/docker/daemon.json"), "{\"iptables\": false}\n").unwrap();
    std::fs::write(root.join("etc/audit/audit.rules"), "-w /usr/bin/dockerd -k docker\n").unwrap();
    std::fs::write(root.join("proc/4242/cmdline"), "/usr/bin/dockerd\0-H\0fd://\0").unwrap();
    let out = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", &format!("--groups={socket_gid}")])
        .arg(&exe)
        .args(["host", "--no-config", "--format", "json", "--host-root"])
        .arg(root)
        .env("HOME", home.path())
        .current_dir(home.path())
        .output()
        .unwrap();
    exited_0_or_1(&out, "dockward host --host-root as nobody");
    let v = common::json(&out);
    let host: Vec<&serde_json::Value> =
        findings(&v).iter().filter(|f| f["surface"] == "host").collect();
    let not_checked = |code: &str, path: &str| {
        host.iter().any(|f| {
            f["code"] == code
                && f["severity"] == "info"
                && f["message"]
                    .as_str()
                    .is_some_and(|m| m.starts_with("not checked: cannot read ") && m.contains(path))
        })
    };
    assert!(not_checked("DW1001", "/etc/audit"), "no DW1001 not-checked: {host:#?}");
    assert!(
        not_checked("DW909", "daemon.json") || not_checked("DW909", "/etc/docker"),
        "no DW909 not-checked: {host:#?}"
    );
    // Unread is not "off": the iptables setting nobody could not read gives no DW909 warning.
    assert!(host.iter().all(|f| f["code"] != "DW909" || f["severity"] == "info"), "{host:#?}");
    assert!(host.iter().all(|f| f["code"] != "DW1001" || f["severity"] == "info"), "{host:#?}");
}

/// A TCP port on 127.0.0.1 forwarding every connection to the daemon's unix socket: a daemon
/// that looks remote.
fn tcp_forwarder() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let (Ok(tcp), Ok(unix)) = (conn, UnixStream::connect(SOCKET)) else { continue };
            let (Ok(mut tcp2), Ok(mut unix2)) = (tcp.try_clone(), unix.try_clone()) else {
                continue;
            };
            let (mut tcp, mut unix) = (tcp, unix);
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut tcp, &mut unix);
                let _ = unix.shutdown(std::net::Shutdown::Write);
            });
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut unix2, &mut tcp2);
                let _ = tcp2.flush();
                let _ = tcp2.shutdown(std::net::Shutdown::Write);
            });
        }
    });
    port
}

#[test]
fn tcp_daemon_host_files_are_not_read_unless_host_root_says_where() {
    if let Err(why) = daemon() {
        eprintln!("skipped: {why}");
        return;
    }
    let endpoint = format!("tcp://127.0.0.1:{}", tcp_forwarder());
    let run = |extra: &[&str]| {
        let mut args = vec![
            "host",
            "--no-config",
            "--format",
            "json",
            "--fail-on",
            "none",
            "--host",
            &endpoint,
        ];
        args.extend_from_slice(extra);
        let out = common::bin().args(&args).output().unwrap();
        exited_0_or_1(&out, &format!("{args:?}"));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let note = format!("host files not read: the daemon at {endpoint} is not on this machine");
    let err = run(&[]);
    assert_eq!(err.matches(&note).count(), 1, "{err}");
    assert!(!run(&["--no-host-files"]).contains("host files not read"));
    assert!(!run(&["--host-root", "/"]).contains("host files not read"));
}

#[test]
fn host_root_must_be_a_directory() {
    let missing = PathBuf::from("/nonexistent/dockward-host-root");
    let out =
        common::bin().args(["host", "--no-config", "--host-root"]).arg(&missing).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--host-root /nonexistent/dockward-host-root: not a directory"), "{err}");
    let out = common::bin()
        .args(["host", "--no-config", "--host-root", "/", "--no-host-files"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "the two options conflict");
}
