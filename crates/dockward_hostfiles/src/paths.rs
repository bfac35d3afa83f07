//! Ownership and modes of the paths CIS section 3 names, each tagged with a role.
//!
//! A symlink gives two entries with the same role: first the file it points to (its real path,
//! owner and mode: what CIS checks and what a `chmod` changes), then the link itself (kind
//! `symlink`, its own owner, mode 0777), so a rule can mention that the configured path is a
//! link. The same file reached twice under one role (`/var/run/docker.sock` and
//! `/run/docker.sock` when `/var/run -> /run`) is listed once.

use super::accounts::Accounts;
use super::hostfs::{HostFs, is_absent, reason, show};
use dockward_spec::host_files::{FileKind, PathFacts, Unreadable};
use std::collections::HashSet;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

/// certs.d is `<registry>/<file>`: three levels is more than enough.
const CERTS_DEPTH: usize = 3;
/// Bound on certs.d entries reported.
const CERTS_MAX: usize = 1000;

/// Where systemd looks for units, in its order of precedence.
pub(super) const UNIT_DIRS: [&str; 4] = [
    "/etc/systemd/system",
    "/run/systemd/system",
    "/usr/lib/systemd/system",
    "/lib/systemd/system",
];

pub(super) struct PathCollector<'a> {
    fs: &'a HostFs,
    accounts: &'a Accounts,
    /// (role, dev, ino) already listed.
    seen: HashSet<(String, u64, u64)>,
    pub paths: Vec<PathFacts>,
    pub unreadable: Vec<Unreadable>,
}

impl<'a> PathCollector<'a> {
    pub(crate) fn new(fs: &'a HostFs, accounts: &'a Accounts) -> Self {
        PathCollector {
            fs,
            accounts,
            seen: HashSet::new(),
            paths: Vec::new(),
            unreadable: Vec::new(),
        }
    }

    /// Lists `host` under `role` if it exists. Returns whether it does.
    pub(crate) fn add(&mut self, role: &str, host: &str) -> bool {
        let host = Path::new("/").join(host);
        let (Some(parent), Some(name)) = (host.parent(), host.file_name()) else {
            return false; // `/` itself: never a role
        };
        // Resolve the directories (so `/var/run` → `/run` inside the root), not the last component.
        let link = match self.fs.resolve(parent) {
            Ok(p) => p.join(name),
            Err(e) => return self.failed(&host, &e),
        };
        let lmeta = match std::fs::symlink_metadata(self.fs.real(&link)) {
            Ok(m) => m,
            Err(e) => return self.failed(&host, &e),
        };
        if !lmeta.file_type().is_symlink() {
            if self.seen.insert((role.to_string(), lmeta.dev(), lmeta.ino())) {
                self.paths.push(self.facts(role, &host, &lmeta));
            }
            return true;
        }
        let target = self
            .fs
            .resolve(&host)
            .and_then(|t| std::fs::symlink_metadata(self.fs.real(&t)).map(|m| (t, m)));
        match target {
            Ok((t, m)) => {
                if !self.seen.insert((role.to_string(), m.dev(), m.ino())) {
                    return true;
                }
                self.paths.push(self.facts(role, &t, &m));
            }
            Err(e) if is_absent(&e) => {} // dangling: only the link is there
            Err(e) => {
                self.failed(&host, &e);
            }
        }
        self.paths.push(self.facts(role, &host, &lmeta));
        true
    }

    /// The first of `candidates` that exists, under `role`.
    pub(crate) fn first(&mut self, role: &str, candidates: &[String]) -> bool {
        candidates.iter().any(|c| self.add(role, c))
    }

    /// `dir` (role `dir_role`) and every entry below it (role `entry_role`), at most
    /// [`CERTS_DEPTH`] levels and [`CERTS_MAX`] entries. Symlinked directories are not entered.
    pub(crate) fn tree(&mut self, dir_role: &str, entry_role: &str, dir: &str) {
        if !self.add(dir_role, dir) {
            return;
        }
        let mut budget = CERTS_MAX;
        if !self.walk(entry_role, Path::new(dir), 1, &mut budget) {
            self.unreadable.push(Unreadable {
                fact: "paths".into(),
                path: dir.to_string(),
                reason: format!("more than {CERTS_MAX} entries; the rest not checked"),
            });
        }
    }

    /// False when the budget ran out before the tree did.
    fn walk(&mut self, role: &str, dir: &Path, depth: usize, budget: &mut usize) -> bool {
        let names = match self.fs.list(dir) {
            Ok(n) => n,
            Err(e) => {
                // Not a directory (a file where certs.d was expected) has no entries.
                if !is_absent(&e) {
                    self.failed(dir, &e);
                }
                return true;
            }
        };
        for name in names {
            if *budget == 0 {
                return false;
            }
            *budget -= 1;
            let p = dir.join(&name);
            self.add(role, &show(&p));
            let is_dir = self
                .fs
                .resolve(dir)
                .map(|d| self.fs.real(&d.join(&name)))
                .and_then(std::fs::symlink_metadata)
                .is_ok_and(|m| m.is_dir());
            if is_dir && depth < CERTS_DEPTH && !self.walk(role, &p, depth + 1, budget) {
                return false;
            }
        }
        true
    }

    /// Every `<unit dir>/<unit>.d/*.conf` drop-in, in systemd's directory order.
    pub(crate) fn drop_ins(&mut self, role: &str, unit: &str) {
        for dir in UNIT_DIRS {
            let d = PathBuf::from(dir).join(format!("{unit}.d"));
            match self.fs.list(&d) {
                Ok(names) => {
                    for n in names
                        .iter()
                        .filter(|n| Path::new(n).extension().is_some_and(|e| e == "conf"))
                    {
                        self.add(role, &show(&d.join(n)));
                    }
                }
                Err(e) if is_absent(&e) => {}
                Err(e) => {
                    self.failed(&d, &e);
                }
            }
        }
    }

    /// A stat error: absence is not reported, anything else is (fact `paths`). Returns false.
    fn failed(&mut self, host: &Path, e: &std::io::Error) -> bool {
        if !is_absent(e) {
            self.unreadable.push(Unreadable {
                fact: "paths".into(),
                path: show(host),
                reason: reason(e),
            });
        }
        false
    }

    fn facts(&self, role: &str, host: &Path, m: &std::fs::Metadata) -> PathFacts {
        let t = m.file_type();
        let kind = if t.is_symlink() {
            FileKind::Symlink
        } else if t.is_dir() {
            FileKind::Dir
        } else if t.is_file() {
            FileKind::File
        } else if t.is_socket() {
            FileKind::Socket
        } else {
            FileKind::Other
        };
        PathFacts {
            role: role.to_string(),
            path: show(host),
            kind,
            uid: m.uid(),
            gid: m.gid(),
            owner: self.accounts.user_name(m.uid()),
            group: self.accounts.group_name(m.gid()),
            mode: m.mode() & 0o7777,
        }
    }
}
