//! The mount point holding DockerRootDir, from mountinfo.

use super::hostfs::{HostFs, is_absent, read_prefix, reason};
use dockward_spec::host_files::Unreadable;
use std::path::Path;

const CAP: u64 = 16 * 1024 * 1024;

/// The longest mount point that contains `dir` (component-wise: `/var/lib/docker` contains
/// `/var/lib/docker/x`, `/var/lib/dock` does not). dockerd's own mountinfo is preferred (its
/// mount namespace is the one that matters, and it is the host's when the audit runs in a
/// container with the host's / mounted), then the auditor's (`/proc/self`).
pub(super) fn docker_root_mount(
    fs: &HostFs,
    dockerd_pid: Option<u32>,
    dir: &str,
    unreadable: &mut Vec<Unreadable>,
) -> Option<String> {
    let mut candidates: Vec<String> =
        dockerd_pid.map(|p| format!("/proc/{p}/mountinfo")).into_iter().collect();
    candidates.push("/proc/self/mountinfo".into());
    let mut failed: Option<(String, String)> = None;
    for c in &candidates {
        // Not HostFs::read: /proc/self is a symlink only the kernel resolves (to the reader's pid).
        match read_prefix(&fs.real(Path::new(c)), CAP) {
            Ok(b) => return longest_mount(&String::from_utf8_lossy(&b), dir),
            Err(e) if is_absent(&e) => {}
            Err(e) => failed = failed.or(Some((c.clone(), reason(&e)))),
        }
    }
    if let Some((path, reason)) = failed {
        unreadable.push(Unreadable { fact: "mounts".into(), path, reason });
    }
    None
}

pub(super) fn longest_mount(mountinfo: &str, dir: &str) -> Option<String> {
    mountinfo
        .lines()
        .filter_map(|l| l.split(' ').nth(4))
        .map(unescape)
        .filter(|m| contains(m, dir))
        .max_by_key(|m| m.len())
}

fn contains(mount: &str, dir: &str) -> bool {
    let m = mount.trim_end_matches('/');
    m.is_empty() || dir == m || dir.strip_prefix(m).is_some_and(|rest| rest.starts_with('/'))
}

/// mountinfo escapes space, tab, newline and backslash as `\040`, `\011`, `\012`, `\134`.
fn unescape(s: &str) -> String {
    let b = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\'
            && i + 3 < b.len()
            && b[i + 1..i + 4].iter().all(|c| (b'0'..=b'7').contains(c))
        {
            let v = (b[i + 1] - b'0') as u32 * 64
                + (b[i + 2] - b'0') as u32 * 8
                + (b[i + 3] - b'0') as u32;
            if let Ok(byte) = u8::try_from(v) {
                out.push(byte);
                i += 4;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_containing_mount() {
        let mi = "22 1 0:21 / / rw - ext4 /dev/sda1 rw\n42 22 254:0 / /var/lib/docker rw - ext4 /dev/vdb rw\n43 22 254:1 / /var/lib/dock rw - ext4 /dev/vdc rw\n44 22 0:5 / /my\\040data rw - ext4 /dev/x rw\nbroken\n";
        assert_eq!(longest_mount(mi, "/var/lib/docker").as_deref(), Some("/var/lib/docker"));
        assert_eq!(
            longest_mount(mi, "/var/lib/docker/overlay2").as_deref(),
            Some("/var/lib/docker")
        );
        assert_eq!(longest_mount(mi, "/var/lib/dockerx").as_deref(), Some("/"));
        assert_eq!(longest_mount(mi, "/my data/docker").as_deref(), Some("/my data"));
        assert_eq!(unescape("a\\134b\\0"), "a\\b\\0");
    }
}
