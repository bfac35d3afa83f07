//! ## What it does
//! Flags containers that log to a `json-file` on the host without rotation: log driver
//! `json-file` with no `max-size` option (or a `max-size` that is not a positive size). A
//! `max-file` alone does nothing: files are only rotated once `max-size` is reached. Compose:
//! `logging:` (or the legacy `log_driver` / `log_opt`); live container:
//! `HostConfig.LogConfig`, where the daemon has already merged its default `log-opts`, so
//! the value is the effective one.
//!
//! What is not reported, and why:
//! - The `local` driver: it rotates by default (20 MB per file, 5 files).
//! - Drivers that send logs elsewhere (`syslog`, `journald`, `fluentd`, `gelf`, `awslogs`,
//!   `splunk`, `gcplogs`, `loki`, `etwlogs`, …): the host keeps at most a bounded buffer.
//!   `none` is DW1201.
//! - A Compose service with no `logging:` at all (nor a `driver:` in it): it uses the daemon's
//!   default driver and default `log-opts`. Docker's out-of-the-box default is `json-file`
//!   without rotation, but the daemon the file will run on is not known from the Compose file,
//!   and reporting a host setting on every service would bury the services that choose
//!   `json-file` explicitly. The daemon default is judged by this rule's host check, and a
//!   running container by its effective `LogConfig`. A `logging:` block with rotation options
//!   but no `driver:` (the daemon's driver) and no `max-size` is reported: its `max-file` has
//!   no effect.
//!
//! Host (surface H, when dockward reads the daemon's options on its machine): the daemon's
//! default log driver (`docker info`, else `log-driver`, else Docker's default `json-file`) is
//! `json-file` and its default `log-opts` have no positive `max-size`; reported at `log-opts`,
//! or on the daemon when there are none. `local` is not reported (it rotates by default: 20 MB
//! per file, 5 files, compressed), nor drivers that ship logs elsewhere. The defaults only
//! reach containers created afterwards, which carry them in their own `LogConfig`.
//!
//! ## Why is this bad?
//! `json-file` without `max-size` appends to one file under `/var/lib/docker/containers/`
//! forever. A chatty or attacker-driven container (every failed login logged, for example)
//! fills the disk that holds Docker's data, and then every container on the host fails.
//!
//! ## Example
//! ```yaml
//! services:
//!   api:
//!     image: example/api:1.4
//!     logging:
//!       driver: json-file
//!       options:
//!         max-file: "5"
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   api:
//!     image: example/api:1.4
//!     logging:
//!       driver: json-file
//!       options:
//!         max-size: 10m
//!         max-file: "5"
//! ```
//! or `driver: local`, which rotates and compresses by default. For the daemon:
//! ```json
//! { "log-driver": "json-file", "log-opts": { "max-size": "10m", "max-file": "3" } }
//! ```
//!
//! ## References
//! - No equivalent in compose-lint, KICS or the CIS Docker Benchmark (CIS 2.13 asks for
//!   central logging at the daemon, DW1204)
//! - <https://docs.docker.com/engine/logging/drivers/json-file/>
//! - <https://docs.docker.com/engine/logging/drivers/local/>

use crate::prelude::*;
use crate::support::container_values::{fix_for, key_of, with_node_via};
use crate::support::daemon_settings::{key_values, known_options};
use crate::support::image_refs::quote;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW1202",
    name: "logs-unrotated",
    summary: "Container logs are not rotated",
    practice: Practice::Logging,
    surfaces: &[Surface::Compose, Surface::Container, Surface::Host],
    severity: Severity::Low,
    equivalents: &[],
    default_enabled: true,
};

/// Is `v` a positive size as the json-file driver reads `max-size` (`10m`, `1g`, `500k`,
/// `1048576`)?
fn positive_size(v: &str) -> bool {
    let t = v.trim();
    let end = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let (num, unit) = t.split_at(end);
    let Ok(n) = num.parse::<f64>() else { return false };
    let unit = unit.trim().to_ascii_lowercase();
    let known = matches!(
        unit.as_str(),
        "" | "b"
            | "k"
            | "kb"
            | "kib"
            | "m"
            | "mb"
            | "mib"
            | "g"
            | "gb"
            | "gib"
            | "t"
            | "tb"
            | "tib"
            | "p"
            | "pb"
            | "pib"
    );
    known && n.is_finite() && n >= 1.0
}

// A live container needs no daemon facts here, unlike DW406/DW505: the daemon merges its
// default `log-opts` into the container's own `HostConfig.LogConfig` when it creates it (when
// the container uses the daemon's default driver), so the inspected value is the effective
// one. See `mergeAndVerifyLogConfig` in moby's `daemon/logs.go`, called from `create` in
// `daemon/create.go`.
pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    let Some(l) = &ctx.spec.logging else { return };
    let driver = l.value.driver.as_deref().map(str::trim).unwrap_or("");
    let opts = &l.value.options;
    let explicit = driver.eq_ignore_ascii_case("json-file");
    // No driver: the daemon's. Only a block that tries to rotate (max-file) and cannot is
    // reported; anything else is the daemon's business (see the rule documentation).
    let daemon_default_with_rotation_attempt =
        driver.is_empty() && opts.contains_key("max-file") && !opts.contains_key("max-size");
    if !explicit && !daemon_default_with_rotation_attempt {
        return;
    }
    let max_file = match opts.get("max-file") {
        Some(n) => format!(" (its `max-file: {}` does nothing without `max-size`)", quote(n)),
        None => String::new(),
    };
    let problem = match opts.get("max-size") {
        Some(s) if positive_size(s) => return,
        Some(s) => format!("`max-size: {}`, which is not a positive size", quote(s)),
        None => format!("no `max-size`{max_file}"),
    };
    let key = key_of(ctx, &l.loc);
    let how = if explicit {
        format!("logs with driver `json-file` and {problem}")
    } else {
        format!(
            "sets `{key}` options but no `driver:` (so the daemon's default driver, `json-file` unless configured otherwise) and {problem}"
        )
    };
    // The model keeps no location for `driver:` and the options: take their provenance
    // (`${LOG_DRIVER:-json-file}`) from the Compose tree.
    let mut via = l.via.clone();
    if key == "logging" {
        via = with_node_via(ctx, &via, "logging.driver");
        via = with_node_via(ctx, &via, "logging.options.max-size");
    }
    out.push(
        ctx.finding_loc(&RULE, &l.loc, &via, format!("{} {how}: the log file is never rotated, so a chatty or flooded container can fill the host's disk", ctx.what()))
            .with_fix(fix_for(
                ctx,
                "Rotate the logs: `logging: {driver: json-file, options: {max-size: \"10m\", max-file: \"3\"}}`, or use `driver: local`, which rotates by default.",
                "Recreate the container with `--log-opt max-size=10m --log-opt max-file=3` (or `--log-driver local`), or set `log-opts` in daemon.json for new containers.",
            )),
    );
}

/// The daemon's defaults (surface H): a default `json-file` driver needs a default `max-size`.
pub fn check_host(ctx: &HostCtx, out: &mut Vec<Finding>) {
    // Another default driver (docker info) makes the log options irrelevant: nothing to read.
    if ctx.facts.logging_driver.as_deref().is_some_and(|d| d != "json-file") {
        return;
    }
    let Some(files) = known_options(ctx, &RULE, out) else { return };
    let from_setting =
        || files.daemon_setting("log-driver").and_then(|s| s.value.as_str().map(str::to_string));
    let driver = ctx
        .facts
        .logging_driver
        .clone()
        .or_else(from_setting)
        .unwrap_or_else(|| "json-file".to_string());
    if driver != "json-file" {
        return;
    }
    let setting = files.daemon_setting("log-opts");
    let opts = setting.as_ref().map(key_values).unwrap_or_default();
    let max_file = match opts.get("max-file") {
        Some(n) => format!(" (its `max-file={n}` does nothing without `max-size`)"),
        None => String::new(),
    };
    let problem = match opts.get("max-size") {
        Some(s) if positive_size(s) => return,
        Some(s) => format!("`max-size={s}`, which is not a positive size"),
        None => format!("no `max-size`{max_file}"),
    };
    let consequence = "containers created without their own log options write one log file each that is never rotated, so a chatty or flooded container can fill the host's disk";
    let f = match &setting {
        Some(s) => ctx.finding_setting(&RULE, s, format!("the daemon's default log driver is `json-file` and its default `log-opts` have {problem}: {consequence}")),
        None => ctx.finding(&RULE, format!("the daemon's default log driver is `json-file` with no default log options (no `log-opts` in daemon.json, no `--log-opt`): {consequence}")),
    };
    out.push(f.with_fix("Set `\"log-opts\": {\"max-size\": \"10m\", \"max-file\": \"3\"}` in daemon.json (or `\"log-driver\": \"local\"`) and restart the daemon; existing containers keep their log configuration until re-created."));
}

#[cfg(test)]
mod tests {
    use super::positive_size;

    #[test]
    fn sizes() {
        for ok in ["10m", "1g", "500k", "1048576", "1.5M", "20MB"] {
            assert!(positive_size(ok), "{ok}");
        }
        for bad in ["", "-1", "0", "0m", "abc", "10x", "0.5"] {
            assert!(!positive_size(bad), "{bad}");
        }
    }
}
