//! dockerd as found in /proc, and its configuration file.

use super::hostfs::{HostFs, ReadOutcome, read_prefix, reason};
use dockward_spec::host_files::{DaemonJson, DaemonProcess, Unreadable};
use std::path::Path;

/// Bound on one /proc/<pid>/cmdline (dockerd's is a few hundred bytes).
const CMDLINE_CAP: u64 = 128 * 1024;
/// Bound on daemon.json.
const DAEMON_JSON_CAP: u64 = 1024 * 1024;
pub(super) const DEFAULT_DAEMON_JSON: &str = "/etc/docker/daemon.json";

/// The dockerd process: argv[0]'s basename is `dockerd`. When several run (a rootless daemon, a
/// docker-in-docker container seen from the host), one in the host's PID namespace is preferred
/// (its `NSpid` in /proc/<pid>/status has one entry), then the lowest pid.
pub(super) fn find_dockerd(fs: &HostFs, unreadable: &mut Vec<Unreadable>) -> Option<DaemonProcess> {
    let proc_dir = fs.real(Path::new("/proc"));
    let entries = match std::fs::read_dir(&proc_dir) {
        Ok(e) => e,
        Err(e) => {
            unreadable.push(Unreadable {
                fact: "dockerd".into(),
                path: "/proc".into(),
                reason: reason(&e),
            });
            return None;
        }
    };
    let mut found: Vec<(bool, u32, Vec<String>, Option<String>)> = Vec::new();
    let mut denied = 0;
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        let dir = proc_dir.join(pid.to_string());
        // Processes come and go while we scan: any error but "permission denied" is skipped.
        let raw = match read_prefix(&dir.join("cmdline"), CMDLINE_CAP) {
            Ok(b) => b,
            Err(e) => {
                denied += usize::from(e.kind() == std::io::ErrorKind::PermissionDenied);
                continue;
            }
        };
        let mut argv: Vec<String> =
            raw.split(|b| *b == 0).map(|a| String::from_utf8_lossy(a).into_owned()).collect();
        if argv.last().is_some_and(String::is_empty) {
            argv.pop();
        }
        if argv.first().and_then(|a0| a0.rsplit('/').next()) != Some("dockerd") {
            continue;
        }
        // The binary audited by DW1001: /proc/<pid>/exe (root only), else an absolute argv[0].
        let exe = std::fs::read_link(dir.join("exe"))
            .ok()
            .map(|p| p.to_string_lossy().trim_end_matches(" (deleted)").to_string())
            .or_else(|| argv.first().filter(|a| a.starts_with('/')).cloned());
        let args = argv.split_off(1);
        found.push((nested_pid_ns(&dir), pid, args, exe));
    }
    found.sort();
    match found.into_iter().next() {
        Some((_, pid, args, exe)) => Some(DaemonProcess { pid, args, exe }),
        None => {
            if denied > 0 {
                unreadable.push(Unreadable { fact: "dockerd".into(), path: "/proc/*/cmdline".into(), reason: format!("dockerd not found; {denied} process{} could not be read (permission denied)", if denied == 1 { "" } else { "es" }) });
            }
            None
        }
    }
}

/// True when /proc/<pid>/status shows the process in a nested PID namespace (a container).
fn nested_pid_ns(dir: &Path) -> bool {
    let Ok(b) = read_prefix(&dir.join("status"), 16 * 1024) else { return false };
    String::from_utf8_lossy(&b)
        .lines()
        .find_map(|l| l.strip_prefix("NSpid:"))
        .is_some_and(|ids| ids.split_whitespace().count() > 1)
}

/// Reads and parses daemon.json at `path` (host path). Absent → None; unreadable → None and an
/// `unreadable` entry (fact `daemon.json`); unparsable → Some with `error` and a Null value.
pub(super) fn read_daemon_json(
    fs: &HostFs,
    path: &str,
    unreadable: &mut Vec<Unreadable>,
) -> Option<DaemonJson> {
    let bytes = match fs.read(Path::new(path), DAEMON_JSON_CAP) {
        ReadOutcome::Absent => return None,
        ReadOutcome::Failed(reason) => {
            unreadable.push(Unreadable {
                fact: "daemon.json".into(),
                path: path.to_string(),
                reason,
            });
            return None;
        }
        ReadOutcome::Data(b) => b,
    };
    // dockerd strips a UTF-8 BOM and accepts an empty file as "no settings".
    let text =
        String::from_utf8_lossy(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes)).into_owned();
    Some(DaemonJson::parse(path, text))
}

/// The unix socket paths dockerd listens on, from `-H`/`--host` (all spellings) and
/// daemon.json's `hosts`.
pub(super) fn unix_hosts(
    dockerd: Option<&DaemonProcess>,
    daemon_json: Option<&DaemonJson>,
) -> Vec<String> {
    let strings = |v: &serde_json::Value| -> Vec<String> {
        match v {
            serde_json::Value::String(s) => vec![s.clone()],
            serde_json::Value::Array(a) => {
                a.iter().filter_map(|h| h.as_str()).map(str::to_string).collect()
            }
            _ => Vec::new(),
        }
    };
    let mut hosts: Vec<String> =
        dockerd.and_then(|p| p.option("hosts")).map(|(_, v)| strings(&v)).unwrap_or_default();
    if let Some(list) = daemon_json.and_then(|d| d.value.get("hosts")) {
        hosts.extend(strings(list));
    }
    hosts
        .iter()
        .filter_map(|h| h.trim().strip_prefix("unix://"))
        .filter(|p| p.starts_with('/'))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_flags_in_every_spelling() {
        let p = DaemonProcess {
            pid: 1,
            args: [
                "-H",
                "unix:///a.sock",
                "--host=unix:///b.sock",
                "-Hunix:///c.sock",
                "-H=unix:///d.sock",
                "--host",
                "tcp://0.0.0.0:2375",
                "-H",
                "fd://",
            ]
            .map(String::from)
            .to_vec(),
            exe: None,
        };
        let dj = DaemonJson {
            value: serde_json::json!({"hosts": ["unix:///e.sock", "tcp://x"]}),
            ..DaemonJson::default()
        };
        assert_eq!(
            unix_hosts(Some(&p), Some(&dj)),
            ["/a.sock", "/b.sock", "/c.sock", "/d.sock", "/e.sock"]
        );
    }
}
