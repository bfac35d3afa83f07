//! Kernel security modules from /sys.
//!
//! Missing files mean "not loaded" (`active` empty, the flags None), but only when /sys itself is
//! there: without /sys nothing can be said. A file that exists and cannot be read makes the whole
//! state unknown (`None`, fact `lsm`), so a rule never reports "no LSM" on a guess.

use super::hostfs::{HostFs, ReadOutcome, is_absent, reason};
use dockward_spec::host_files::{LsmState, Unreadable};
use std::path::Path;

const LSM_LIST: &str = "/sys/kernel/security/lsm";
const APPARMOR: &str = "/sys/module/apparmor/parameters/enabled";
const SELINUX: &str = "/sys/fs/selinux/enforce";

pub(super) fn collect(fs: &HostFs, unreadable: &mut Vec<Unreadable>) -> Option<LsmState> {
    if let Err(e) = fs.list(Path::new("/sys")) {
        let why =
            if is_absent(&e) { "not found (is /sys mounted?)".to_string() } else { reason(&e) };
        unreadable.push(Unreadable { fact: "lsm".into(), path: "/sys".into(), reason: why });
        return None;
    }
    let before = unreadable.len();
    let mut read = |path: &str| match fs.read(Path::new(path), 64 * 1024) {
        ReadOutcome::Data(b) => Some(String::from_utf8_lossy(&b).trim().to_string()),
        ReadOutcome::Absent => None,
        ReadOutcome::Failed(why) => {
            unreadable.push(Unreadable { fact: "lsm".into(), path: path.into(), reason: why });
            None
        }
    };
    let active = read(LSM_LIST)
        .map(|s| {
            s.split(',').map(str::trim).filter(|m| !m.is_empty()).map(str::to_string).collect()
        })
        .unwrap_or_default();
    let apparmor_enabled = read(APPARMOR).map(|s| s.eq_ignore_ascii_case("y"));
    let selinux_enforcing = read(SELINUX).map(|s| s == "1");
    // securityfs may be mounted with a directory others cannot search.
    if let Err(e) = fs.list(Path::new("/sys/kernel/security"))
        && !is_absent(&e)
        && unreadable.len() == before
    {
        unreadable.push(Unreadable {
            fact: "lsm".into(),
            path: "/sys/kernel/security".into(),
            reason: reason(&e),
        });
    }
    if unreadable.len() > before {
        return None;
    }
    Some(LsmState { active, apparmor_enabled, selinux_enforcing })
}
