//! ## What it does
//! Flags tmpfs mounts that re-enable execution or setuid: a `tmpfs:` entry
//! (`/tmp:exec,size=64m`) or a tmpfs mount (`type: tmpfs`, a live container's
//! `HostConfig.Tmpfs` / `Mounts`) whose options include `exec` or `suid`, where the last of
//! `exec`/`noexec` (and `suid`/`nosuid`) wins, as when the kernel parses them.
//!
//! A tmpfs with no options is **not** reported: Docker (and Podman) mount every tmpfs with
//! `noexec,nosuid,nodev` and append the user's options, so only an explicit `exec` or `suid`
//! weakens it; `size=`/`mode=` keep the defaults. `dev` is not reported either: device nodes
//! on the tmpfs can be created anyway (CAP_MKNOD is a default capability) and opening them is
//! decided by the device cgroup, not by `nodev`, so the option changes nothing a container can
//! do.
//!
//! ## Why is this bad?
//! A tmpfs is writable by design; with `exec` it becomes the place where an attacker drops and
//! runs a payload, which defeats `read_only: true`. With `suid`, a setuid binary placed there
//! (e.g. by a process that shares the mount) runs with its owner's privileges.
//!
//! ## Example
//! ```yaml
//! services:
//!   api:
//!     image: example/api:1.8
//!     read_only: true
//!     tmpfs:
//!       - /tmp:exec,size=64m
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   api:
//!     image: example/api:1.8
//!     read_only: true
//!     tmpfs:
//!       - /tmp:size=64m      # Docker adds noexec,nosuid,nodev
//! ```
//!
//! ## References
//! - compose-lint CL-0022 (which reports `exec` and `suid` only, for the same reason)
//! - <https://docs.docker.com/engine/storage/tmpfs/>

use crate::prelude::*;
use dockward_spec::container::MountType;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW805",
    name: "tmpfs-exec",
    summary: "tmpfs mount allows execution or setuid",
    practice: Practice::ReadOnly,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::Low,
    equivalents: &["CL-0022"],
    default_enabled: true,
};

/// The weakening options in effect: `exec`, `suid` (later options override earlier ones,
/// and Docker's `noexec,nosuid,nodev` come first).
fn weakened(options: &[String]) -> Vec<&'static str> {
    let (mut exec, mut suid) = (false, false);
    for o in options {
        match o.trim().to_ascii_lowercase().as_str() {
            "exec" => exec = true,
            "noexec" => exec = false,
            "suid" => suid = true,
            "nosuid" => suid = false,
            _ => {}
        }
    }
    let mut out = Vec::new();
    if exec {
        out.push("exec");
    }
    if suid {
        out.push("suid");
    }
    out
}

fn message(what: &str, target: &str, opts: &[&str]) -> String {
    let list = opts.iter().map(|o| format!("`{o}`")).collect::<Vec<_>>().join(" and ");
    let effect = match (opts.contains(&"exec"), opts.contains(&"suid")) {
        (true, true) => "programs written there can be run, setuid bits included",
        (true, false) => "programs written there can be run",
        _ => "setuid programs there run with their owner's privileges",
    };
    format!(
        "{what} mounts tmpfs `{target}` with {list}: {effect} (Docker's default is `noexec,nosuid,nodev`)"
    )
}

fn fix(opts: &[&str]) -> String {
    let list = opts.iter().map(|o| format!("`{o}`")).collect::<Vec<_>>().join(" and ");
    format!(
        "Remove {list} from the tmpfs options; Docker then mounts it `noexec,nosuid,nodev`. If something must run from it, keep that out of a writable mount and in the image."
    )
}

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    for t in &ctx.spec.tmpfs {
        let opts = weakened(&t.value.options);
        if !opts.is_empty() {
            out.push(
                ctx.finding_at(&RULE, t, message(&ctx.what(), &t.value.target, &opts))
                    .with_fix(fix(&opts)),
            );
        }
    }
    for m in &ctx.spec.mounts {
        if m.value.kind != MountType::Tmpfs {
            continue;
        }
        let opts = weakened(&m.value.options);
        if !opts.is_empty() {
            out.push(
                ctx.finding_at(&RULE, m, message(&ctx.what(), &m.value.target, &opts))
                    .with_fix(fix(&opts)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<&'static str> {
        weakened(&s.split(',').map(String::from).collect::<Vec<_>>())
    }

    #[test]
    fn last_option_wins() {
        assert_eq!(w("exec"), vec!["exec"]);
        assert_eq!(w("exec,noexec"), Vec::<&str>::new());
        assert_eq!(w("noexec,exec,suid"), vec!["exec", "suid"]);
        assert_eq!(w("size=64m,mode=1777"), Vec::<&str>::new());
        assert_eq!(w("dev"), Vec::<&str>::new());
    }
}
