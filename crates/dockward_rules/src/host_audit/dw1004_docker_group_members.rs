//! ## What it does
//! Lists the members of the group that owns the Docker socket (`docker` normally): the users
//! named in /etc/group and those whose primary group it is. `root` is not reported, nor the
//! users listed in `docker-group-allowed` in `dockward.toml`; when every member is allowed the
//! rule is silent. When /etc/group could not be read it says so as "not checked" (info).
//!
//! This is an inventory to review (info severity), not a misconfiguration in itself: CIS 1.1.2
//! asks that only trusted users control the daemon, and only a person can tell who is trusted.
//!
//! ## Why is this bad?
//! Membership of the socket's group is root on the host without a password: a member can run
//! `docker run -v /:/host --privileged` and do anything. Accounts added once for convenience
//! (a former colleague, a CI user, a web application's user) keep that power silently.
//!
//! ## Example
//! ```text
//! docker:x:105:alice,bob,jenkins
//! ```
//!
//! ## Use instead
//! ```sh
//! gpasswd -d bob docker      # remove who does not need it
//! ```
//! and record the trusted ones:
//! ```toml
//! # dockward.toml
//! docker-group-allowed = ["alice", "jenkins"]
//! ```
//! Rootless Docker, or `sudo docker` with an audited sudoers rule, avoid the group entirely.
//!
//! ## References
//! - CIS Docker Benchmark v1.6.0 1.1.2
//! - <https://docs.docker.com/engine/install/linux-postinstall/#manage-docker-as-a-non-root-user>
//! - <https://docs.docker.com/engine/security/#docker-daemon-attack-surface>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW1004",
    name: "docker-group-members",
    summary: "Users in the Docker socket's group (root-equivalent)",
    practice: Practice::HostAudit,
    surfaces: &[Surface::Host],
    severity: Severity::Info,
    equivalents: &["CIS-1.1.2"],
    default_enabled: true,
};

pub fn check_host(ctx: &HostCtx, out: &mut Vec<Finding>) {
    let Some(files) = ctx.files() else { return };
    ctx.not_checked(&RULE, "group", out);
    let Some(group) = &files.socket_group else { return };
    let allowed = &ctx.config.docker_group_allowed;
    let mut listed: Vec<&str> = group
        .members
        .iter()
        .map(String::as_str)
        .filter(|m| !m.is_empty() && *m != "root" && !allowed.iter().any(|a| a == m))
        .collect();
    listed.sort_unstable();
    listed.dedup();
    if listed.is_empty() {
        return;
    }
    let who = listed.join(", ");
    let name = if group.name.is_empty() { group.gid.to_string() } else { group.name.clone() };
    let (members, are) = if listed.len() == 1 { ("member", "is") } else { ("members", "are") };
    out.push(
        ctx.finding(&RULE, format!("group {name} (gid {}), which owns the Docker socket, has {} {members} who can control the daemon and so {are} root on the host: {who}", group.gid, listed.len()))
            .with_fix(format!("Remove who does not need it (`gpasswd -d USER {name}`); list the trusted ones in `docker-group-allowed` in dockward.toml.")),
    );
}
