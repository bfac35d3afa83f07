//! The rule catalogue: every rule's metadata, documentation and check functions.

use crate::context::{ContainerCtx, DockerfileCtx, HostCtx, ImageCtx, ProjectCtx};
use dockward_core::{Finding, RuleDoc, RuleMeta};
use std::sync::OnceLock;

pub type DockerfileCheck = fn(&DockerfileCtx, &mut Vec<Finding>);
/// Runs on one container's effective configuration (a Compose service, a live container).
pub type ContainerCheck = fn(&ContainerCtx, &mut Vec<Finding>);
/// Runs on a whole Compose project (topology rules).
pub type ProjectCheck = fn(&ProjectCtx, &mut Vec<Finding>);
/// Runs on the Docker daemon's facts (surface H).
pub type HostCheck = fn(&HostCtx, &mut Vec<Finding>);
/// Runs on one local image's configuration and history (surface I).
pub type ImageCheck = fn(&ImageCtx, &mut Vec<Finding>);

/// A rule: metadata plus one check function per surface it supports (more surfaces — compose,
/// image, container, host — are added as their loaders land).
pub struct Rule {
    pub meta: &'static RuleMeta,
    pub dockerfile: Option<DockerfileCheck>,
    pub container: Option<ContainerCheck>,
    pub project: Option<ProjectCheck>,
    pub host: Option<HostCheck>,
    pub image: Option<ImageCheck>,
}

/// Every rule, ordered by practice then code.
pub fn all() -> &'static [Rule] {
    static FLAT: OnceLock<Vec<Rule>> = OnceLock::new();
    FLAT.get_or_init(|| {
        let groups: &[&'static [Rule]] = &[
            crate::correctness::RULES,
            crate::keep_updated::RULES,
            crate::trusted_images::RULES,
            crate::resource_limits::RULES,
            crate::least_privilege::RULES,
            crate::secrets::RULES,
            crate::content_trust::RULES,
            crate::read_only::RULES,
            crate::network::RULES,
            crate::host_audit::RULES,
            crate::kernel_security::RULES,
            crate::logging::RULES,
        ];
        let mut v: Vec<Rule> = groups
            .iter()
            .flat_map(|g| g.iter())
            .map(|r| Rule {
                meta: r.meta,
                dockerfile: r.dockerfile,
                container: r.container,
                project: r.project,
                host: r.host,
                image: r.image,
            })
            .collect();
        v.sort_by_key(|r| code_key(r.meta.code));
        v
    })
}

/// `DW1205` → (12, 5) style ordering: practice first, then sequence.
pub(crate) fn code_key(code: &str) -> (u32, u32) {
    let n: u32 = code.trim_start_matches("DW").parse().unwrap_or(u32::MAX);
    if n < 100 { (0, n) } else { (n / 100, n % 100) }
}

pub fn by_code(code: &str) -> Option<&'static Rule> {
    all().iter().find(|r| r.meta.matches(code))
}

/// The documentation of a rule (from its file's doc comment).
pub fn doc(code: &str) -> &'static str {
    crate::generated::DOCS
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map(|(_, d)| *d)
        .unwrap_or("")
}

/// The whole catalogue with documentation, for reporters.
pub fn docs() -> Vec<RuleDoc> {
    all().iter().map(|r| RuleDoc { meta: r.meta, doc: doc(r.meta.code) }).collect()
}
