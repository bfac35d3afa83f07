//! ## What it does
//! Reports containers that set no `nofile` (open files) or no `nproc` (processes) ulimit, or
//! set one to unlimited (`-1`). Compose: the service's `ulimits:`; live container:
//! `HostConfig.Ulimits`.
//!
//! Without its own ulimits a container gets the daemon's default ulimits (`default-ulimits`
//! in daemon.json, `--default-ulimit`), and without those, the limits the container runtime
//! starts it with (derived from dockerd's own, often very high, and `nproc` often unlimited).
//! A Compose file cannot show the daemon it will run on, so this is an informational finding
//! that says the limit is unknown; the host check of this rule judges the daemon's defaults.
//!
//! Host (surface H, when dockward reads the daemon's options on its machine): the daemon's
//! `default-ulimits` lacks `nofile` or `nproc`, or sets one to unlimited; reported at the
//! setting, or on the daemon when there is none. A live container is then judged with the
//! daemon's defaults: a finite default `nofile`/`nproc` satisfies it. The daemon merges its
//! defaults in when it starts the container, into a copy (`WithRlimits`/`mergeUlimits` in
//! moby's `daemon/oci_linux.go`), so `HostConfig.Ulimits` never shows them and the daemon's
//! options are the only way to know.
//!
//! A Compose service with neither `image:` nor `build:` is a fragment completed by the file
//! it is merged with (an override file linted on its own): what it does not set is not
//! reported, since the other file may set it.
//!
//! ## Why is this bad?
//! `nofile` bounds the file descriptors (and so sockets) one process can hold; `nproc` bounds
//! the processes of the container's user. Unbounded, one container can exhaust kernel
//! resources shared with the host. Note that `nproc` counts every process of that UID on the
//! host, across containers: for a per-container process cap, `pids_limit` (DW403) is the
//! better tool, and `nproc` the second line.
//!
//! ## Example
//! ```yaml
//! services:
//!   api:
//!     image: example/api:1.4
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   api:
//!     image: example/api:1.4
//!     ulimits:
//!       nofile: {soft: 4096, hard: 8192}
//!       nproc: 512
//! ```
//! or set `default-ulimits` in the daemon's `daemon.json` for every container.
//!
//! For the daemon:
//! ```json
//! { "default-ulimits": { "nofile": { "Name": "nofile", "Soft": 4096, "Hard": 8192 },
//!                        "nproc": { "Name": "nproc", "Soft": 512, "Hard": 512 } } }
//! ```
//!
//! ## References
//! - CIS Docker Benchmark 2.8 (the default ulimit is configured appropriately) and 5.19 (the
//!   default ulimit is overwritten at run time only if needed)
//! - <https://docs.docker.com/reference/compose-file/services/#ulimits>
//! - <https://docs.docker.com/reference/cli/dockerd/#default-ulimit-settings>

use crate::prelude::*;
use crate::support::container_values::{fix_for, is_fragment, key_of};
use crate::support::daemon_settings::{container_daemon_options, known_options, ulimits};
use std::collections::BTreeMap;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW406",
    name: "no-ulimits",
    summary: "Container sets no nofile/nproc ulimits",
    practice: Practice::ResourceLimits,
    surfaces: &[Surface::Compose, Surface::Container, Surface::Host],
    severity: Severity::Info,
    equivalents: &["CIS-2.8", "CIS-5.19"],
    default_enabled: true,
};

/// The ulimits this rule asks for.
const NAMES: [&str; 2] = ["nofile", "nproc"];

/// A finite (soft, hard) pair: neither is unlimited (-1).
fn finite(&(soft, hard): &(i64, i64)) -> bool {
    soft >= 0 && hard >= 0
}

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    // A live container of a daemon whose options were read: its finite defaults apply.
    let daemon = container_daemon_options(ctx)
        .map(|f| f.daemon_setting("default-ulimits").map(|s| ulimits(&s)).unwrap_or_default());
    let mut missing: Vec<&str> = Vec::new();
    for name in NAMES {
        match ctx.spec.ulimits.get(name) {
            None if daemon.as_ref().is_some_and(|d| d.get(name).is_some_and(finite)) => {}
            None => missing.push(name),
            Some(u) if u.value.hard < 0 || u.value.soft < 0 => out.push(
                ctx.finding_at(
                    &RULE,
                    u,
                    format!(
                        "{} sets `{}` to unlimited (-1): nothing bounds {}",
                        ctx.what(),
                        key_of(ctx, &u.loc),
                        what_it_bounds(name)
                    ),
                )
                .with_fix(format!("Set a finite `{name}` limit, e.g. `{}`.", example(name))),
            ),
            Some(_) => {}
        }
    }
    // A fragment (no image, no build) is completed elsewhere.
    if missing.is_empty() || is_fragment(ctx) {
        return;
    }
    let list = missing.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" or ");
    let whence = match (ctx.surface, &daemon) {
        (Surface::Container, Some(_)) => {
            "the daemon's `default-ulimits` do not bound it either, so it runs with the limits dockerd itself runs with"
        }
        (Surface::Container, None) => {
            "it runs with the daemon's default ulimits (`default-ulimits` in daemon.json, else those dockerd itself runs with)"
        }
        _ => {
            "it gets the default ulimits of the daemon it runs on (`default-ulimits` in daemon.json, else those dockerd itself runs with, often with `nproc` unlimited), which cannot be known from the Compose file"
        }
    };
    let examples = missing.iter().map(|n| example(n)).collect::<Vec<_>>().join(", ");
    out.push(
        ctx.finding_service(&RULE, format!("{} sets no {list} ulimit: {whence}", ctx.what()))
            .with_fix(fix_for(
                ctx,
                &format!("Set them on the service (`ulimits: {{{examples}}}`), or make sure the daemon's `default-ulimits` bound them."),
                &format!("Recreate the container with `--ulimit` ({}), or set `default-ulimits` in the daemon's daemon.json.", missing.iter().map(|n| format!("`--ulimit {}`", flag_example(n))).collect::<Vec<_>>().join(", ")),
            )),
    );
}

/// The daemon's defaults (surface H): `default-ulimits` must bound `nofile` and `nproc`.
pub fn check_host(ctx: &HostCtx, out: &mut Vec<Finding>) {
    let cis =
        |f: Finding| Finding { equivalents: vec![std::borrow::Cow::Borrowed("CIS-2.8")], ..f };
    let start = out.len();
    let Some(files) = known_options(ctx, &RULE, out) else {
        for f in &mut out[start..] {
            *f = cis(f.clone());
        }
        return;
    };
    let setting = files.daemon_setting("default-ulimits");
    let defaults: BTreeMap<String, (i64, i64)> = setting.as_ref().map(ulimits).unwrap_or_default();
    let fix = "Set `default-ulimits` in daemon.json (`\"nofile\": {\"Name\": \"nofile\", \"Soft\": 4096, \"Hard\": 8192}, \"nproc\": {\"Name\": \"nproc\", \"Soft\": 512, \"Hard\": 512}`) or `--default-ulimit nofile=4096:8192 --default-ulimit nproc=512` on dockerd, sized for your workloads, and restart the daemon.";
    let mut missing = Vec::new();
    for name in NAMES {
        match defaults.get(name) {
            None => missing.push(format!("`{name}`")),
            Some(v) if !finite(v) => {
                if let Some(s) = &setting {
                    out.push(cis(ctx.finding_setting(&RULE, s, format!("the daemon's default ulimit `{name}` (`default-ulimits`) is unlimited (-1): nothing bounds {} in containers that set no `{name}`", what_it_bounds(name))).with_fix(fix)));
                }
            }
            Some(_) => {}
        }
    }
    if missing.is_empty() {
        return;
    }
    let list = missing.join(" or ");
    let f = match &setting {
        Some(s) => ctx.finding_setting(&RULE, s, format!("the daemon's `default-ulimits` bound no {list}: containers that set none run with the limits dockerd itself runs with (often `nproc` unlimited)")),
        None => ctx.finding(&RULE, format!("the daemon sets no default ulimits (no `default-ulimits` in daemon.json, no `--default-ulimit`): containers that set no {list} run with the limits dockerd itself runs with (often `nproc` unlimited)")),
    };
    out.push(cis(f.with_fix(fix)));
}

fn what_it_bounds(name: &str) -> &'static str {
    if name == "nofile" {
        "the open files and sockets of each process"
    } else {
        "the number of processes its user runs"
    }
}

fn example(name: &str) -> &'static str {
    if name == "nofile" { "nofile: {soft: 4096, hard: 8192}" } else { "nproc: 512" }
}

fn flag_example(name: &str) -> &'static str {
    if name == "nofile" { "nofile=4096:8192" } else { "nproc=512" }
}
