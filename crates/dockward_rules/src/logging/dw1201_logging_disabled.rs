//! ## What it does
//! Flags containers whose log driver is `none`: Compose `logging: {driver: none}` (or the
//! legacy `log_driver: none`), or a live container whose `HostConfig.LogConfig.Type` is
//! `none`.
//!
//! ## Why is this bad?
//! With the `none` driver everything the container writes to stdout and stderr is discarded:
//! `docker logs` shows nothing, no collector receives anything, and after an incident there is
//! no trace of what the process did or what was sent to it. Attackers like services that
//! leave no record.
//!
//! ## Example
//! ```yaml
//! services:
//!   api:
//!     image: example/api:1.4
//!     logging:
//!       driver: none
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   api:
//!     image: example/api:1.4
//!     logging:
//!       driver: local          # rotated on the host; or ship them: syslog, journald, fluentd, gelf …
//!       options:
//!         max-size: 10m
//!         max-file: "3"
//! ```
//!
//! ## References
//! - compose-lint CL-0014 (logging driver disabled)
//! - <https://docs.docker.com/engine/logging/configure/>

use crate::prelude::*;
use crate::support::container_values::{fix_for, key_of, with_node_via};
use crate::support::image_refs::quote;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW1201",
    name: "logging-disabled",
    summary: "Container logging is disabled",
    practice: Practice::Logging,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::Medium,
    equivalents: &["CL-0014"],
    default_enabled: true,
};

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    let Some(l) = &ctx.spec.logging else { return };
    let Some(driver) = l.value.driver.as_deref() else { return };
    if !driver.trim().eq_ignore_ascii_case("none") {
        return;
    }
    let key = key_of(ctx, &l.loc);
    let key = if key == "logging" { "logging.driver".to_string() } else { key };
    // The model keeps no location for `driver:` itself: point at `logging:` and take the
    // provenance (`${LOG_DRIVER:-none}`) from the Compose tree.
    let via = with_node_via(ctx, &l.via, &key);
    out.push(
        ctx.finding_loc(&RULE, &l.loc, &via, format!("{} sets `{key}: {}`: everything it writes to stdout and stderr is discarded, nothing is kept for monitoring or incident response", ctx.what(), quote(driver.trim())))
            .with_fix(fix_for(
                ctx,
                "Remove `driver: none` to use the daemon's default driver, or pick one that keeps the logs: `logging: {driver: local}` (rotated on the host) or a shipping driver (syslog, journald, fluentd, gelf, …).",
                "Recreate the container with a log driver that keeps the logs (`--log-driver local`, or a shipping driver such as syslog, journald, fluentd, gelf).",
            )),
    );
}
