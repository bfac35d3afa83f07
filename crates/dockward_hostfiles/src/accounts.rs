//! Users and groups from the host's /etc/passwd and /etc/group (names for uids and gids, and the
//! members of docker.sock's group). Only the local files: users from LDAP or other NSS sources
//! are not seen.

use super::hostfs::{HostFs, ReadOutcome, show};
use dockward_spec::host_files::{GroupFacts, Unreadable};
use std::path::Path;

/// /etc/passwd and /etc/group are small; bound them anyway.
const CAP: u64 = 8 * 1024 * 1024;

#[derive(Debug, Default)]
pub(super) struct Accounts {
    /// (name, uid, primary gid)
    users: Vec<(String, u32, u32)>,
    /// (name, gid, listed members)
    groups: Vec<(String, u32, Vec<String>)>,
}

impl Accounts {
    /// Reads both files; a file that exists but cannot be read is reported (fact `group`).
    pub(crate) fn read(fs: &HostFs, unreadable: &mut Vec<Unreadable>) -> Accounts {
        let mut text = |path: &str| match fs.read(Path::new(path), CAP) {
            ReadOutcome::Data(b) => String::from_utf8_lossy(&b).into_owned(),
            ReadOutcome::Absent => String::new(),
            ReadOutcome::Failed(reason) => {
                unreadable.push(Unreadable {
                    fact: "group".into(),
                    path: show(Path::new(path)),
                    reason,
                });
                String::new()
            }
        };
        let passwd = text("/etc/passwd");
        let group = text("/etc/group");
        Accounts::parse(&passwd, &group)
    }

    pub(crate) fn parse(passwd: &str, group: &str) -> Accounts {
        let records = |text: &str| -> Vec<Vec<String>> {
            text.lines()
                .map(str::trim_end)
                // `+`/`-` lines are NIS compat entries, not accounts.
                .filter(|l| {
                    !l.is_empty()
                        && !l.starts_with('#')
                        && !l.starts_with('+')
                        && !l.starts_with('-')
                })
                .map(|l| l.split(':').map(str::to_string).collect())
                .collect()
        };
        let users = records(passwd)
            .into_iter()
            .filter_map(|f| {
                Some((
                    f.first()?.clone(),
                    f.get(2)?.trim().parse().ok()?,
                    f.get(3)?.trim().parse().ok()?,
                ))
            })
            .collect();
        let groups = records(group)
            .into_iter()
            .filter_map(|f| {
                let members = f
                    .get(3)
                    .map(|m| {
                        m.split(',')
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default();
                Some((f.first()?.clone(), f.get(2)?.trim().parse().ok()?, members))
            })
            .collect();
        Accounts { users, groups }
    }

    pub(crate) fn user_name(&self, uid: u32) -> Option<String> {
        self.users.iter().find(|u| u.1 == uid).map(|u| u.0.clone())
    }

    pub(crate) fn group_name(&self, gid: u32) -> Option<String> {
        self.groups.iter().find(|g| g.1 == gid).map(|g| g.0.clone())
    }

    /// Group `gid` with its members: those listed in /etc/group plus the users whose primary
    /// group it is (sorted, deduplicated). A gid missing from /etc/group is named by its number.
    pub(crate) fn group(&self, gid: u32) -> GroupFacts {
        let mut members: Vec<String> =
            self.groups.iter().filter(|g| g.1 == gid).flat_map(|g| g.2.iter().cloned()).collect();
        members.extend(self.users.iter().filter(|u| u.2 == gid).map(|u| u.0.clone()));
        members.sort();
        members.dedup();
        GroupFacts { name: self.group_name(gid).unwrap_or_else(|| gid.to_string()), gid, members }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_members() {
        let a = Accounts::parse(
            "root:x:0:0:root:/root:/bin/bash\n# comment\n+nis\nci:x:1000:105::/home/ci:/bin/sh\nbad line\n",
            "root:x:0:\ndocker:x:105:alice, bob,alice\nempty:x:7\n",
        );
        assert_eq!(a.user_name(1000).as_deref(), Some("ci"));
        assert_eq!(a.group_name(105).as_deref(), Some("docker"));
        assert_eq!(
            a.group(105),
            GroupFacts {
                name: "docker".into(),
                gid: 105,
                members: vec!["alice".into(), "bob".into(), "ci".into()]
            }
        );
        assert_eq!(a.group(7).members, Vec::<String>::new());
        assert_eq!(a.group(999), GroupFacts { name: "999".into(), gid: 999, members: vec![] });
    }
}
