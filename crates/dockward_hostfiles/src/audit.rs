//! The paths auditd watches: the loaded rules (`auditctl -l`, root only) or the rule files.
//!
//! "No rules" and "cannot tell" differ: rules that were read (from auditctl or from files) give
//! `Some` with what they watch, possibly nothing; an /etc/audit directory without rule files
//! (auditd installed, no rules) gives `Some` with nothing watched, and so does a host with
//! neither auditctl nor /etc/audit (auditd not installed; only known when reading the real `/`);
//! rule files that cannot be read, or no /etc/audit when auditctl could not be asked, give
//! `None` and an `unreadable` entry (fact `audit`) saying why.

use super::hostfs::{HostFs, ReadOutcome, is_absent, reason, show};
use dockward_spec::host_files::{AuditRules, Unreadable};
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const NOT_INSTALLED: &str = "auditctl not installed";
const AUDITCTL_TIMEOUT: Duration = Duration::from_secs(3);
/// Bound on one rule file and on auditctl's output.
const CAP: u64 = 4 * 1024 * 1024;
/// Where auditctl lives (searched before PATH, which often lacks /sbin for non-root users).
const SBIN: [&str; 2] = ["/usr/sbin", "/sbin"];

pub(super) fn collect(
    fs: &HostFs,
    use_auditctl: bool,
    unreadable: &mut Vec<Unreadable>,
) -> Option<AuditRules> {
    let auditctl_note = if use_auditctl {
        let path = std::env::var("PATH").unwrap_or_default();
        let dirs: Vec<&str> = SBIN.iter().copied().chain(path.split(':')).collect();
        match run_auditctl(&dirs) {
            Ok(text) => {
                return Some(AuditRules {
                    source: "auditctl -l".into(),
                    watched: watched_paths(&text),
                });
            }
            Err(why) => why,
        }
    } else {
        "auditctl not run (host files read under another root)".to_string()
    };
    let mut sources: Vec<String> = Vec::new();
    let mut watched: Vec<String> = Vec::new();
    let mut failures: Vec<(String, String)> = Vec::new();
    let mut files: Vec<String> = Vec::new();
    match fs.list(Path::new("/etc/audit/rules.d")) {
        Ok(names) => files.extend(
            names
                .iter()
                .filter(|n| Path::new(n).extension().is_some_and(|e| e == "rules"))
                .map(|n| show(&Path::new("/etc/audit/rules.d").join(n))),
        ),
        Err(e) if is_absent(&e) => {}
        Err(e) => failures.push(("/etc/audit/rules.d".into(), reason(&e))),
    }
    files.push("/etc/audit/audit.rules".into());
    for f in files {
        match fs.read(Path::new(&f), CAP) {
            ReadOutcome::Data(b) => {
                for w in watched_paths(&String::from_utf8_lossy(&b)) {
                    if !watched.contains(&w) {
                        watched.push(w);
                    }
                }
                sources.push(f);
            }
            ReadOutcome::Absent => {}
            ReadOutcome::Failed(why) => failures.push((f, why)),
        }
    }
    for (path, why) in &failures {
        unreadable.push(Unreadable {
            fact: "audit".into(),
            path: path.clone(),
            reason: format!("{why}; {auditctl_note}"),
        });
    }
    if !sources.is_empty() {
        return Some(AuditRules { source: sources.join(", "), watched });
    }
    if !failures.is_empty() {
        return None;
    }
    match fs.list(Path::new("/etc/audit")) {
        Ok(_) => {
            Some(AuditRules { source: "/etc/audit (no rule files)".into(), watched: Vec::new() })
        }
        // Neither auditctl nor /etc/audit on the host itself: auditd is not installed, so
        // nothing is audited (known, not a guess).
        Err(e) if is_absent(&e) && auditctl_note == NOT_INSTALLED => Some(AuditRules {
            source: "none: auditd is not installed (no auditctl, no /etc/audit)".into(),
            watched: Vec::new(),
        }),
        Err(e) if is_absent(&e) => {
            unreadable.push(Unreadable {
                fact: "audit".into(),
                path: "/etc/audit/audit.rules".into(),
                reason: format!(
                    "auditd rules not found: no /etc/audit/audit.rules, {auditctl_note}"
                ),
            });
            None
        }
        Err(e) => {
            unreadable.push(Unreadable {
                fact: "audit".into(),
                path: "/etc/audit".into(),
                reason: format!("{}; {auditctl_note}", reason(&e)),
            });
            None
        }
    }
}

/// `auditctl -l`'s output, or why it could not be had. auditctl is looked for in `dirs` by hand:
/// an exec search through PATH says "permission denied" when any PATH directory is unsearchable,
/// which would hide that auditctl is simply not installed.
fn run_auditctl(dirs: &[&str]) -> Result<String, String> {
    let Some(prog) = dirs
        .iter()
        .filter(|d| d.starts_with('/'))
        .map(|d| Path::new(d).join("auditctl"))
        .find(|p| p.is_file())
    else {
        return Err(NOT_INSTALLED.into());
    };
    match run_with_timeout(Command::new(&prog).arg("-l"), AUDITCTL_TIMEOUT) {
        Ok((true, out, _)) => Ok(out),
        Ok((false, out, err)) => {
            let msg = if err.trim().is_empty() { out } else { err };
            Err(format!("auditctl -l failed: {}", msg.lines().next().unwrap_or("").trim()))
        }
        Err(e) => Err(format!("auditctl -l: {}", reason(&e))),
    }
}

/// Runs `cmd` (stdin closed) for at most `timeout`, then kills it. Ok((success, stdout, stderr)).
pub(super) fn run_with_timeout(
    cmd: &mut Command,
    timeout: Duration,
) -> std::io::Result<(bool, String, String)> {
    let mut child =
        cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()?;
    // Drain both pipes in threads so a chatty child cannot block on a full pipe.
    let drain = |r: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(r) = r {
                let _ = r.take(CAP).read_to_end(&mut buf);
            }
            String::from_utf8_lossy(&buf).into_owned()
        })
    };
    let out = drain(child.stdout.take().map(|s| Box::new(s) as Box<dyn Read + Send>));
    let err = drain(child.stderr.take().map(|s| Box::new(s) as Box<dyn Read + Send>));
    let deadline = Instant::now() + timeout;
    let status = loop {
        if let Some(s) = child.try_wait()? {
            break Some(s);
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let (out, err) = (out.join().unwrap_or_default(), err.join().unwrap_or_default());
    match status {
        Some(s) => Ok((s.success(), out, err)),
        None => Err(std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            format!("no answer within {} s", timeout.as_secs()),
        )),
    }
}

/// Paths in `-w PATH` and `-F path=PATH` / `-F dir=PATH`, in order, as written.
pub(super) fn watched_paths(rules: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in rules.lines() {
        let line = line.split('#').next().unwrap_or("");
        let words: Vec<&str> = line.split_whitespace().collect();
        let mut i = 0;
        while i < words.len() {
            let (flag, value) = match words[i] {
                "-w" | "-F" => {
                    i += 1;
                    (words[i - 1], words.get(i).copied())
                }
                w if w.starts_with("-F") => ("-F", Some(&w[2..])),
                w if w.starts_with("-w") => ("-w", Some(&w[2..])),
                _ => ("", None),
            };
            let value = value.map(|v| v.trim_matches('"'));
            let path = match (flag, value) {
                ("-w", Some(v)) => Some(v),
                ("-F", Some(v)) => v.strip_prefix("path=").or_else(|| v.strip_prefix("dir=")),
                _ => None,
            };
            if let Some(p) = path.filter(|p| !p.is_empty())
                && !out.iter().any(|o| o == p)
            {
                out.push(p.to_string());
            }
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn watch_forms() {
        let rules = "## docker\n-w /usr/bin/dockerd -k docker\n-w /etc/docker/ -p wa # trailing\n-a always,exit -F arch=b64 -F path=/usr/bin/containerd -F perm=x\n-a exit,always -F dir=/var/lib/docker -F key=d\n-F\"path=/run/containerd\"\n-w\n# -w /commented\n-w /usr/bin/dockerd\n";
        assert_eq!(
            watched_paths(rules),
            [
                "/usr/bin/dockerd",
                "/etc/docker/",
                "/usr/bin/containerd",
                "/var/lib/docker",
                "/run/containerd"
            ]
        );
        assert!(watched_paths("No rules\n").is_empty());
    }

    #[test]
    fn auditctl_found_run_and_failing() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().to_str().unwrap();
        let fake = d.path().join("auditctl");
        let write = |script: &str| {
            std::fs::write(&fake, script).unwrap();
            std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
        };
        // A script just written may be "text file busy" while another test thread forks: retry.
        let run = |dirs: &[&str]| {
            let mut r = run_auditctl(dirs);
            for _ in 0..100 {
                if !r.as_ref().is_err_and(|e| e.contains("busy")) {
                    break;
                }
                std::thread::sleep(Duration::from_millis(10));
                r = run_auditctl(dirs);
            }
            r
        };
        assert_eq!(run(&[dir, "relative/ignored"]), Err("auditctl not installed".into()));
        write(
            "#!/bin/sh\n[ \"$1\" = -l ] || exit 9\necho '-w /usr/bin/dockerd -p rwxa -k docker'\necho '-a always,exit -F arch=b64 -S all -F path=/usr/bin/containerd -F perm=rwxa -F key=docker'\n",
        );
        let out = run(&["/nonexistent", dir]).unwrap();
        assert_eq!(watched_paths(&out), ["/usr/bin/dockerd", "/usr/bin/containerd"]);
        write("#!/bin/sh\necho 'You must be root to run this program.' >&2\nexit 4\n");
        assert_eq!(
            run(&[dir]),
            Err("auditctl -l failed: You must be root to run this program.".into())
        );
    }

    #[test]
    fn commands_are_bounded_in_time() {
        let start = Instant::now();
        let e = run_with_timeout(Command::new("sleep").arg("10"), Duration::from_millis(300))
            .unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::TimedOut);
        assert!(start.elapsed() < Duration::from_secs(3));
        let (ok, out, _) = run_with_timeout(
            Command::new("sh").args(["-c", "echo hi; echo err >&2; exit 3"]),
            Duration::from_secs(3),
        )
        .unwrap();
        assert!(!ok);
        assert_eq!(out, "hi\n");
        assert_eq!(
            run_with_timeout(&mut Command::new("/nonexistent/auditctl"), Duration::from_secs(1))
                .unwrap_err()
                .kind(),
            std::io::ErrorKind::NotFound
        );
    }
}
