//! The one post-processing pipeline every surface's findings go through after the rules ran:
//! severity overrides, the context each finding lives in (lowering the severity of findings
//! outside production, unless `[contexts] lower-severity = false`), suppressions, then one
//! order and one de-duplication.
//!
//! Suppressions are tried in a fixed order, the first that applies wins:
//! 1. `[per-path-ignores]` of the configuration, for findings in a scanned file (Dockerfile,
//!    Compose; not the host's own files);
//! 2. `[per-service-ignores]`, keyed by the finding's target (a Compose service, a container, an
//!    image tag, `docker host`; not a Dockerfile's build stage) or by the other name the target
//!    answers to (a Compose container's service);
//! 3. inline comments of the scanned file (`# dockward: ignore[...]`, hadolint pragmas), which
//!    only the surface that read the file can resolve.
//!
//! DW001 (the file could not be read or parsed) is never suppressed: a scan that silently
//! skipped a file would look clean.

use crate::registry::code_key;
use dockward_core::{Config, Context, Finding, Suppression, SuppressionKind, Surface};
use std::path::Path;

/// How the findings of one surface are finished.
pub(crate) struct Finish<'a> {
    pub(crate) config: &'a Config,
    /// The other name a target answers to in `[per-service-ignores]` (a live container's
    /// Compose service).
    pub(crate) alias: &'a dyn Fn(&str) -> Option<String>,
    /// The inline suppression comment covering a finding, from the scanned file.
    pub(crate) inline: &'a dyn Fn(&Finding) -> Option<Suppression>,
    /// Where a finding lives, from the surface's model (build stages, profiles) and names.
    pub(crate) context: &'a dyn Fn(&Finding) -> Context,
}

/// No alias, no inline comments: live targets (the daemon, images).
pub(crate) fn no_alias(_: &str) -> Option<String> {
    None
}

/// No inline comments: targets without a file.
pub(crate) fn no_inline(_: &Finding) -> Option<Suppression> {
    None
}

/// Everything is production (the daemon, images).
pub(crate) fn production(_: &Finding) -> Context {
    Context::Production
}

impl Finish<'_> {
    /// Severity overrides, suppressions, order and de-duplication, in place.
    pub(crate) fn apply(&self, findings: &mut Vec<Finding>) {
        for f in findings.iter_mut() {
            f.severity = self.config.severity_for(f.rule, f.severity);
            // A file that cannot be read or parsed is an error wherever it lives.
            if f.rule.code == "DW001" {
                continue;
            }
            f.context = (self.context)(f);
            if f.context != Context::Production && self.config.contexts.lower_severity {
                f.severity = f.severity.lowered();
            }
            if f.suppressed.is_none() {
                f.suppressed = self.suppression(f);
            }
        }
        findings.sort_by(|a, b| order(a).cmp(&order(b)));
        findings.dedup_by(|a, b| {
            a.rule.code == b.rule.code
                && a.location == b.location
                && a.target == b.target
                && a.message == b.message
        });
    }

    fn suppression(&self, f: &Finding) -> Option<Suppression> {
        fn listed<S: AsRef<str>>(f: &Finding, codes: &[S]) -> bool {
            codes
                .iter()
                .map(AsRef::as_ref)
                .any(|c| c.eq_ignore_ascii_case("ALL") || f.rule.matches(c))
        }
        let scanned_file = matches!(f.surface, Surface::Dockerfile | Surface::Compose);
        if scanned_file
            && let Some(file) = &f.location.file
            && listed(f, &self.config.path_ignores(Path::new(file)))
        {
            return Some(config_suppression("per-path-ignores in configuration".into()));
        }
        if f.surface != Surface::Dockerfile
            && let Some(target) = &f.target
        {
            let alias = (self.alias)(target);
            for name in std::iter::once(target.as_str()).chain(alias.as_deref()) {
                if listed(f, self.config.service_ignores(name)) {
                    let whose = if name == target {
                        format!("`{target}`")
                    } else {
                        format!("Compose service `{name}` (container `{target}`)")
                    };
                    return Some(config_suppression(format!(
                        "per-service-ignores for {whose} in configuration"
                    )));
                }
            }
        }
        (self.inline)(f)
    }
}

fn config_suppression(reason: String) -> Suppression {
    Suppression { kind: SuppressionKind::Config, reason: Some(reason) }
}

/// One order for every report: by file and position (findings without a file first), then
/// target, then rule code in catalogue order (DW201 before DW1205), then message.
fn order(f: &Finding) -> impl Ord + '_ {
    (
        f.location.file.as_deref(),
        f.location.start,
        f.target.as_deref(),
        code_key(f.rule.code),
        f.message.as_str(),
    )
}
