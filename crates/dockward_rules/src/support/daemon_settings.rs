//! Reading dockerd's options (`HostFiles::daemon_setting`) the way dockerd reads them: Go
//! booleans, `key=value` flag values vs. daemon.json objects, `-H` listeners. Shared by the host
//! rules (DW406, DW509, DW908, DW909, DW1007, DW1202) and by the container rules whose verdict
//! depends on a daemon default (DW406, DW505 on live containers). Pure functions; no I/O.

use crate::context::{ContainerCtx, HostCtx};
use dockward_core::{Finding, RuleMeta, Severity, Surface};
use dockward_spec::host_files::{DaemonSetting, HostFiles};
use serde_json::Value;
use std::collections::BTreeMap;

/// Go's `strconv.ParseBool`, which dockerd's boolean flags use (`--iptables=0` is false).
pub fn go_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Some(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Some(false),
        _ => None,
    }
}

/// A boolean option: daemon.json `true`/`false`, a flag value (`--iptables=false`), a bare
/// flag (`--tlsverify`, read as `true`). A repeated flag: the last one wins, as in pflag.
pub fn setting_bool(s: &DaemonSetting) -> Option<bool> {
    value_bool(&s.value)
}

fn value_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) => go_bool(s.trim()),
        Value::Array(a) => a.last().and_then(value_bool),
        _ => None,
    }
}

/// The strings of an option: a flag value, repeated flags, or a daemon.json array.
pub fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}

/// A map option such as `log-opts`: daemon.json `{"max-size": "10m"}` or flags
/// `--log-opt max-size=10m` (one or repeated). Later entries win.
pub fn key_values(s: &DaemonSetting) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    match &s.value {
        Value::Object(m) => {
            for (k, v) in m {
                let v = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                out.insert(k.clone(), v);
            }
        }
        v => {
            for kv in strings(v) {
                if let Some((k, v)) = kv.split_once('=') {
                    out.insert(k.trim().to_string(), v.trim().to_string());
                }
            }
        }
    }
    out
}

/// `default-ulimits` as name → (soft, hard): daemon.json `{"nofile": {"Name": "nofile",
/// "Soft": 1024, "Hard": 2048}}` (Go decodes the field names case-insensitively) or flags
/// `--default-ulimit nofile=1024:2048` (`name=soft[:hard]`, hard defaults to soft). Entries
/// that do not parse are left out (dockerd refuses to start with them).
pub fn ulimits(s: &DaemonSetting) -> BTreeMap<String, (i64, i64)> {
    let mut out = BTreeMap::new();
    match &s.value {
        Value::Object(m) => {
            for (name, v) in m {
                let field = |f: &str| {
                    v.as_object()
                        .and_then(|o| o.iter().find(|(k, _)| k.eq_ignore_ascii_case(f)))
                        .and_then(|(_, x)| x.as_i64())
                };
                if v.is_object() {
                    out.insert(
                        name.clone(),
                        (field("Soft").unwrap_or(0), field("Hard").unwrap_or(0)),
                    );
                }
            }
        }
        v => {
            for u in strings(v) {
                let Some((name, vals)) = u.split_once('=') else { continue };
                let (soft, hard) = vals.split_once(':').unwrap_or((vals, vals));
                if let (Ok(soft), Ok(hard)) =
                    (soft.trim().parse::<i64>(), hard.trim().parse::<i64>())
                {
                    out.insert(name.trim().to_string(), (soft, hard));
                }
            }
        }
    }
    out
}

/// The host files when dockerd's options are completely known: its command line was read and
/// daemon.json was read and parses (or does not exist, so every option not on the command line
/// has its default). Otherwise `None`, after one info finding per thing that could not be read
/// (a rule that judges an option's absence must not guess). A remote daemon (no host files):
/// `None`, silently.
pub fn known_options<'a>(
    ctx: &HostCtx<'a>,
    rule: &'static RuleMeta,
    out: &mut Vec<Finding>,
) -> Option<&'a HostFiles> {
    let files = ctx.files()?;
    if options_known(files) {
        return Some(files);
    }
    let start = out.len();
    ctx.not_checked(rule, "dockerd", out);
    ctx.not_checked(rule, "daemon.json", out);
    if let Some(j) = &files.daemon_json
        && let Some(e) = &j.error
    {
        out.push(not_checked(
            ctx,
            rule,
            format!(
                "not checked: {} does not parse ({e}), so the daemon's options are unknown",
                j.path
            ),
        ));
    }
    if files.dockerd.is_none() && out.len() == start {
        out.push(not_checked(ctx, rule, "not checked: the running dockerd was not found, so its command-line options are unknown".to_string()));
    }
    None
}

fn options_known(files: &HostFiles) -> bool {
    files.dockerd.is_some()
        && files.unreadable("dockerd").next().is_none()
        && files.unreadable("daemon.json").next().is_none()
        && files.daemon_json.as_ref().is_none_or(|j| j.error.is_none())
}

fn not_checked(ctx: &HostCtx, rule: &'static RuleMeta, message: String) -> Finding {
    ctx.finding(rule, message)
        .with_severity(Severity::Info)
        .with_fix("Run the audit as root (or a user who may read this) to check it.")
}

/// The daemon's host files for a live container's rule, when the audit read them and the
/// daemon's options are completely known (see [`known_options`]); `None` on Compose services.
pub fn container_daemon_options<'a>(ctx: &ContainerCtx<'a>) -> Option<&'a HostFiles> {
    if ctx.surface != Surface::Container {
        return None;
    }
    ctx.host?.files.as_ref().filter(|f| options_known(f))
}

/// Where dockerd listens on TCP, with the setting that says so: `-H`/`--host` values or
/// daemon.json `hosts`. dockerd reads an address without a scheme (`-H 0.0.0.0:2375`,
/// `-H :2375`) as TCP.
pub fn tcp_listeners(files: &HostFiles) -> Vec<(DaemonSetting, Vec<String>)> {
    let Some(s) = files.daemon_setting("hosts") else { return Vec::new() };
    let tcp: Vec<String> = strings(&s.value).into_iter().filter(|h| is_tcp(h)).collect();
    if tcp.is_empty() { Vec::new() } else { vec![(s, tcp)] }
}

fn is_tcp(host: &str) -> bool {
    let h = host.trim();
    match h.split_once("://") {
        Some((scheme, _)) => scheme.eq_ignore_ascii_case("tcp"),
        None => !h.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dockward_spec::host_files::{DaemonJson, DaemonProcess, SettingSource};

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
    fn booleans_flag_and_json() {
        let f = files(
            &["--iptables=false", "--tlsverify"],
            "{\"userland-proxy\": false, \"live-restore\": \"true\"}",
        );
        assert_eq!(setting_bool(&f.daemon_setting("iptables").unwrap()), Some(false));
        assert_eq!(setting_bool(&f.daemon_setting("tlsverify").unwrap()), Some(true));
        assert_eq!(setting_bool(&f.daemon_setting("userland-proxy").unwrap()), Some(false));
        assert_eq!(setting_bool(&f.daemon_setting("live-restore").unwrap()), Some(true));
        let f = files(&["--iptables=0"], "{}");
        assert_eq!(setting_bool(&f.daemon_setting("iptables").unwrap()), Some(false));
        let f = files(&[], "{\"iptables\": false}");
        assert_eq!(setting_bool(&f.daemon_setting("iptables").unwrap()), Some(false));
    }

    #[test]
    fn log_opts_flag_and_json() {
        let f = files(&["--log-opt", "max-size=10m"], "{}");
        let kv = key_values(&f.daemon_setting("log-opts").unwrap());
        assert_eq!(kv.get("max-size").map(String::as_str), Some("10m"));
        let f = files(&["--log-opt", "max-size=10m", "--log-opt=max-file=3"], "{}");
        let kv = key_values(&f.daemon_setting("log-opts").unwrap());
        assert_eq!((kv["max-size"].as_str(), kv["max-file"].as_str()), ("10m", "3"));
        let f = files(&[], "{\"log-opts\": {\"max-file\": \"3\", \"compress\": true}}");
        let kv = key_values(&f.daemon_setting("log-opts").unwrap());
        assert_eq!(
            (kv.get("max-size"), kv["max-file"].as_str(), kv["compress"].as_str()),
            (None, "3", "true")
        );
    }

    #[test]
    fn default_ulimits_flag_and_json() {
        let f =
            files(&["--default-ulimit", "nofile=1024:2048", "--default-ulimit", "nproc=512"], "{}");
        let u = ulimits(&f.daemon_setting("default-ulimits").unwrap());
        assert_eq!((u["nofile"], u["nproc"]), ((1024, 2048), (512, 512)));
        let f = files(
            &[],
            "{\"default-ulimits\": {\"nofile\": {\"Name\": \"nofile\", \"Hard\": 64000, \"Soft\": 64000}, \"nproc\": {\"soft\": -1, \"hard\": -1}}}",
        );
        let u = ulimits(&f.daemon_setting("default-ulimits").unwrap());
        assert_eq!((u["nofile"], u["nproc"]), ((64000, 64000), (-1, -1)));
    }

    #[test]
    fn tcp_listeners_from_short_long_and_json() {
        let f = files(
            &["-H", "fd://", "-H", "tcp://0.0.0.0:2375", "-H=unix:///run/docker.sock", "-H:2376"],
            "{}",
        );
        let l = tcp_listeners(&f);
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].1, ["tcp://0.0.0.0:2375", ":2376"]);
        assert_eq!(l[0].0.source, SettingSource::CommandLine { flag: "-H".into() });
        let f = files(&["--host=tcp://127.0.0.1:2375"], "{}");
        assert_eq!(tcp_listeners(&f)[0].1, ["tcp://127.0.0.1:2375"]);
        let f = files(
            &[],
            "{\n  \"hosts\": [\"unix:///var/run/docker.sock\", \"tcp://0.0.0.0:2375\"]\n}",
        );
        let l = tcp_listeners(&f);
        assert_eq!(l[0].1, ["tcp://0.0.0.0:2375"]);
        assert_eq!(
            l[0].0.source,
            SettingSource::DaemonJson { path: "/etc/docker/daemon.json".into(), line: 2 }
        );
        assert!(tcp_listeners(&files(&["-H", "fd://"], "{}")).is_empty());
    }
}
