//! ## What it does
//! Flags restart policies that restart a container without bound: `restart: always`,
//! `restart: unless-stopped`, `restart: on-failure` without a retry count (or with `:0`, which
//! Docker reads as unlimited) or with more than 5 retries; and `deploy.restart_policy` with
//! condition `any` (the default when `condition` is not written) or `on-failure` and no
//! `max_attempts` (or more than 5). A live container is judged on its
//! `HostConfig.RestartPolicy`.
//!
//! When a service has both, `deploy.restart_policy` decides: `docker compose` applies it over
//! `restart:`, and `docker stack deploy` ignores `restart:`. So only the policy that takes
//! effect is reported.
//!
//! A `restart_policy` without `condition` means `any` to Swarm (reported) while
//! `docker compose` passes the empty condition on and the container is not restarted; the
//! finding says which default it assumed. No restart policy (Docker's default, `no`) is not
//! reported.
//!
//! ## Why is this bad?
//! A container that is restarted forever hides its failures: a crash loop looks like a
//! running service while it burns CPU, floods the logs and hammers its dependencies. It also
//! gives an attacker unlimited attempts at an exploit that crashes the process on failure
//! (brute-forcing a memory layout, for example). Bounding retries turns a persistent failure
//! into a stopped container that monitoring notices.
//!
//! ## Example
//! ```yaml
//! services:
//!   api:
//!     image: example/api:1.4
//!     restart: always
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   api:
//!     image: example/api:1.4
//!     restart: on-failure:5
//!     healthcheck:
//!       test: ["CMD", "/app/healthcheck"]
//! ```
//! Swarm: `deploy: {restart_policy: {condition: on-failure, max_attempts: 5}}`.
//!
//! ## References
//! - CIS Docker Benchmark 5.15 (the on-failure container restart policy is set to 5); KICS
//!   restart_policy_on_failure_not_set_to_5 (Docker Compose; it only checks an `on-failure`
//!   retry count that is written, so its code is named on those findings only)
//! - <https://docs.docker.com/engine/containers/start-containers-automatically/>
//! - <https://docs.docker.com/reference/compose-file/deploy/#restart_policy>

use crate::prelude::*;
use crate::support::container_values::{fix_for, key_of, written_key};
use dockward_spec::container::RestartPolicy;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW404",
    name: "restart-unbounded",
    summary: "Restart policy restarts the container without bound",
    practice: Practice::ResourceLimits,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::Low,
    equivalents: &["KICS-restart_policy_on_failure_not_set_to_5", "CIS-5.15"],
    default_enabled: true,
};

/// More retries than this are reported (CIS 5.15).
pub const MAX_RETRIES: u64 = 5;

/// Why a policy is unbounded, and whether KICS's query (which only checks an `on-failure`
/// retry count that is written) reports it too.
type Verdict = Option<(String, bool)>;

/// Why a `restart:` (engine) policy is unbounded, or None.
fn engine_policy(p: &RestartPolicy) -> Verdict {
    match p.condition.trim().to_ascii_lowercase().as_str() {
        "always" => {
            Some(("`always`: it is restarted after every exit, forever".to_string(), false))
        }
        "unless-stopped" => Some((
            "`unless-stopped`: it is restarted after every exit, forever, unless stopped by hand"
                .to_string(),
            false,
        )),
        "on-failure" => match p.max_attempts {
            None => Some((
                "`on-failure` without a retry count: it is restarted after every failure, forever"
                    .to_string(),
                false,
            )),
            Some(0) => Some((
                "`on-failure:0`: it is restarted after every failure, forever (0 means no limit)"
                    .to_string(),
                true,
            )),
            Some(n) if n > MAX_RETRIES => Some((
                format!("`on-failure:{n}`: up to {n} restarts, more than {MAX_RETRIES}"),
                true,
            )),
            Some(_) => None,
        },
        _ => None,
    }
}

/// Why a `deploy.restart_policy` is unbounded, or None. `condition_written` is false when the
/// condition is Swarm's default (`any`).
fn deploy_policy(p: &RestartPolicy, condition_written: bool) -> Verdict {
    let cond = p.condition.trim().to_ascii_lowercase();
    let (condition, after) = match cond.as_str() {
        "any" | "always" | "unless-stopped" if !condition_written => {
            ("no `condition` (Swarm's default: `any`)".to_string(), "every exit")
        }
        "any" | "always" | "unless-stopped" => (format!("condition `{cond}`"), "every exit"),
        "on-failure" => ("condition `on-failure`".to_string(), "every failure"),
        _ => return None,
    };
    let kics = cond == "on-failure";
    match p.max_attempts {
        None => Some((
            format!("{condition} and no `max_attempts`: it is restarted after {after}, forever"),
            false,
        )),
        Some(0) => Some((
            format!(
                "{condition} and `max_attempts: 0`: it is restarted after {after}, forever (0 means no limit)"
            ),
            kics,
        )),
        Some(n) if n > MAX_RETRIES => Some((
            format!(
                "{condition} and `max_attempts: {n}`: up to {n} restarts, more than {MAX_RETRIES}"
            ),
            kics,
        )),
        Some(_) => None,
    }
}

fn equivalents(kics: bool) -> Vec<&'static str> {
    RULE.equivalents.iter().copied().filter(|e| kics || !e.starts_with("KICS-")).collect()
}

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    if let Some(d) = &ctx.spec.deploy_restart {
        let condition_written = written_key(ctx, &["deploy.restart_policy.condition"]).is_some()
            || ctx.project.is_none();
        if let Some((why, kics)) = deploy_policy(&d.value, condition_written) {
            let shadow = match &ctx.spec.restart {
                Some(r) => format!(" (it takes precedence over `restart: {}`)", r.value.condition),
                None => String::new(),
            };
            out.push(
                ctx.finding_at(&RULE, d, format!("{} has `{}` with {why}{shadow}", ctx.what(), key_of(ctx, &d.loc)))
                    .with_fix("Bound the retries: `restart_policy: {condition: on-failure, max_attempts: 5}`, and let monitoring (a healthcheck) report the failure.")
                    .with_equivalents(equivalents(kics)),
            );
        }
        return;
    }
    let Some(r) = &ctx.spec.restart else { return };
    let Some((why, kics)) = engine_policy(&r.value) else { return };
    out.push(
        ctx.finding_at(&RULE, r, format!("{} has restart policy {why}", ctx.what()))
            .with_fix(fix_for(
                ctx,
                "Use `restart: on-failure:5` (at most 5 restarts), and let monitoring (a healthcheck) report the failure.",
                "Change the policy with `docker update --restart on-failure:5 <container>`, and let monitoring (a healthcheck) report the failure.",
            ))
            .with_equivalents(equivalents(kics)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(c: &str, n: Option<u64>) -> RestartPolicy {
        RestartPolicy { condition: c.into(), max_attempts: n }
    }

    #[test]
    fn engine_policies() {
        assert!(engine_policy(&p("always", None)).is_some());
        assert!(engine_policy(&p("unless-stopped", None)).is_some());
        assert!(engine_policy(&p("on-failure", None)).is_some());
        assert!(engine_policy(&p("on-failure", Some(0))).is_some());
        assert!(engine_policy(&p("on-failure", Some(6))).is_some());
        assert!(engine_policy(&p("on-failure", Some(5))).is_none());
        assert!(engine_policy(&p("no", None)).is_none());
        assert!(engine_policy(&p("false", None)).is_none());
    }

    #[test]
    fn deploy_policies() {
        assert!(deploy_policy(&p("any", None), true).is_some());
        assert!(deploy_policy(&p("any", None), false).is_some());
        assert!(deploy_policy(&p("any", Some(3)), true).is_none());
        assert!(deploy_policy(&p("on-failure", Some(10)), true).is_some());
        assert!(deploy_policy(&p("none", None), true).is_none());
    }
}
