//! ## What it does
//! Flags a DockerRootDir (`/var/lib/docker` by default; `data-root` moves it) that lives on the
//! root filesystem: the mount point holding it, read from the host's mount table, is `/`.
//! When the mount table could not be read it says so as "not checked" (info).
//!
//! Decision: a DockerRootDir inside another separate filesystem (`/var` on its own partition)
//! is accepted. CIS 1.1.1 asks for a partition of its own, but the risk it addresses, images,
//! volumes and container logs filling the root filesystem, is already contained there.
//!
//! ## Why is this bad?
//! Images, build cache, volumes and container logs grow without bound. On the root
//! filesystem, a runaway container (or a `docker pull` too many) fills `/`, and then the host
//! itself fails: logins, package updates, log daemons, the Docker daemon's own state. A
//! separate partition also allows mount options (`nodev`, quotas) for that data alone.
//!
//! ## Example
//! ```text
//! $ findmnt -T /var/lib/docker
//! TARGET SOURCE    FSTYPE
//! /      /dev/sda1 ext4
//! ```
//!
//! ## Use instead
//! ```text
//! $ findmnt -T /var/lib/docker
//! TARGET          SOURCE                FSTYPE
//! /var/lib/docker /dev/mapper/vg-docker xfs
//! ```
//! On an installed system, create a logical volume (LVM), stop Docker, copy the directory
//! over and mount it there (an `/etc/fstab` entry), or point `data-root` at a mounted volume.
//!
//! ## References
//! - CIS Docker Benchmark v1.6.0 1.1.1
//! - <https://docs.docker.com/engine/daemon/#daemon-data-directory>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW1005",
    name: "no-separate-partition",
    summary: "DockerRootDir is on the root filesystem",
    practice: Practice::HostAudit,
    surfaces: &[Surface::Host],
    severity: Severity::Low,
    equivalents: &["CIS-1.1.1"],
    default_enabled: true,
};

pub fn check_host(ctx: &HostCtx, out: &mut Vec<Finding>) {
    let Some(files) = ctx.files() else { return };
    ctx.not_checked(&RULE, "mounts", out);
    if files.docker_root_mount.as_deref() != Some("/") {
        return;
    }
    let dir = files
        .path("docker-root")
        .map(|p| p.path.as_str())
        .or(ctx.facts.docker_root_dir.as_deref())
        .unwrap_or("/var/lib/docker");
    out.push(
        ctx.finding(&RULE, format!("Docker's data directory {dir} is on the root filesystem: images, volumes and container logs can fill `/` and take the host down"))
            .with_fix(format!("Mount a dedicated partition or logical volume at {dir} (or set `data-root` to a directory on one)."))
    );
}
