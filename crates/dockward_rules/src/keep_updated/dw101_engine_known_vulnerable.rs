//! ## What it does
//! Compares the daemon's component versions from `GET /version` (Engine, containerd, runc)
//! with an embedded, sourced advisory table (`engine_advisories.tsv`: CVE/GHSA, summary, fixed
//! version per release line, source) and reports one finding per advisory that applies. A
//! version on a release line that never got the fix (older than every fixed line) is affected;
//! one on a newer line than every fixed version is not. Advisories that only matter with an
//! authorization plugin or in swarm mode are reported only then.
//!
//! ## Why is this bad?
//! The daemon and its runtime run as root and hold every container: a runc or Engine bug such
//! as CVE-2024-21626 ("Leaky Vessels") or CVE-2024-41110 (authorization plugin bypass) turns
//! a malicious image or API request into control of the host.
//!
//! ## Example
//! ```text
//! $ docker version --format '{{range .Server.Components}}{{.Name}} {{.Version}}  {{end}}'
//! Engine 24.0.5  containerd 1.6.20  runc 1.1.5  docker-init 0.19.0
//! ```
//!
//! ## Use instead
//! ```text
//! Engine 29.7.0  containerd 2.2.5  runc 1.4.3  docker-init 0.19.0
//! ```
//! Distribution packages (Debian `docker.io`, Ubuntu, RHEL `moby-engine`) backport fixes
//! without changing the upstream version: the finding says when the version is a distribution
//! build; after checking the distribution's security tracker, list the advisory in
//! `accepted-advisories = ["CVE-2024-21626"]` in `dockward.toml` (its finding is then reported
//! as suppressed), or suppress the rule for `docker host` (`[per-service-ignores]`).
//!
//! ## References
//! - CIS Docker Benchmark 1.2.2 (which only asks for an up-to-date Engine)
//! - golang/vulndb, runc and containerd changelogs, Docker Engine release notes, GitHub advisory
//!   database (each table row names its source)
//! - <https://docs.docker.com/engine/release-notes/>

use crate::prelude::*;
use std::cmp::Ordering;
use std::sync::OnceLock;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW101",
    name: "engine-known-vulnerable",
    summary: "Engine, containerd or runc version has known vulnerabilities",
    practice: Practice::KeepUpdated,
    surfaces: &[Surface::Host],
    severity: Severity::High,
    equivalents: &["CIS-1.2.2"],
    default_enabled: true,
};

/// One row of the embedded table.
#[derive(Debug)]
pub struct Advisory {
    pub component: &'static str,
    pub ids: &'static str,
    pub summary: &'static str,
    pub fixed: Vec<Version>,
    pub source: &'static str,
    pub marks: Vec<&'static str>,
    pub since: Option<Version>,
}

/// The advisory table, parsed once.
pub fn advisories() -> &'static [Advisory] {
    static TABLE: OnceLock<Vec<Advisory>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("engine_advisories.tsv")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| {
                let c: Vec<&'static str> = l.split('\t').collect();
                let marks: Vec<&'static str> =
                    c.get(5).copied().unwrap_or("").split_whitespace().collect();
                Advisory {
                    component: c[0],
                    ids: c[1],
                    summary: c[2],
                    fixed: c[3].split(',').filter_map(Version::parse).collect(),
                    source: c[4],
                    since: marks
                        .iter()
                        .find_map(|m| m.strip_prefix("since="))
                        .and_then(Version::parse),
                    marks: marks.into_iter().filter(|m| !m.starts_with("since=")).collect(),
                }
            })
            .collect()
    })
}

/// A release version: numeric parts plus an optional pre-release (`rc.3`, `beta1`). Distribution
/// suffixes (`+dfsg1`, `~ds1`, `-0ubuntu4`, `-1.el9`) are dropped.
#[derive(Debug, Clone)]
pub struct Version {
    pub nums: Vec<u64>,
    pub pre: Option<(String, u64)>,
    /// The text as given.
    pub raw: String,
}

impl Version {
    pub fn parse(s: &str) -> Option<Version> {
        let raw = s.trim();
        let s = raw.trim_start_matches('v');
        let s = s.split(['+', '~']).next().unwrap_or("");
        let (rel, rest) = s.split_once('-').unwrap_or((s, ""));
        let nums: Vec<u64> = rel.split('.').map_while(|p| p.parse().ok()).collect();
        if nums.is_empty() {
            return None;
        }
        let pre = rest.chars().next().filter(char::is_ascii_alphabetic).map(|_| {
            let label: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
            let n: String = rest[label.len()..].chars().filter(char::is_ascii_digit).collect();
            (label.to_ascii_lowercase(), n.parse().unwrap_or(0))
        });
        Some(Version { nums, pre, raw: raw.to_string() })
    }

    /// Release line: major.minor.
    pub fn line(&self) -> (u64, u64) {
        (self.nums[0], self.nums.get(1).copied().unwrap_or(0))
    }

    /// A distribution build (`20.10.24+dfsg1`, `1.6.20~ds1`, `24.0.7-0ubuntu4`), which may carry
    /// backported fixes.
    pub fn is_distro_build(&self) -> bool {
        self.raw.contains(['+', '~']) || (self.pre.is_none() && self.raw.contains('-'))
    }

    fn cmp_release(&self, other: &Version) -> Ordering {
        let n = self.nums.len().max(other.nums.len()).max(3);
        let at = |v: &Version, i: usize| v.nums.get(i).copied().unwrap_or(0);
        (0..n)
            .map(|i| at(self, i).cmp(&at(other, i)))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
            .then_with(|| match (&self.pre, &other.pre) {
                (None, None) => Ordering::Equal,
                (None, Some(_)) => Ordering::Greater,
                (Some(_), None) => Ordering::Less,
                (Some(a), Some(b)) => a.cmp(b),
            })
    }
}

/// Equal as releases: `20.10.24+dfsg1` == `20.10.24`.
impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.cmp_release(other).is_eq()
    }
}
impl Eq for Version {}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        self.cmp_release(other)
    }
}

/// Whether `v` is affected: `Some(fix)` with the version to upgrade to (the fix on its release
/// line, else the lowest fix on a newer line), `None` when not affected.
pub fn affected<'a>(v: &Version, a: &'a Advisory) -> Option<&'a Version> {
    if a.since.as_ref().is_some_and(|s| v < s) {
        return None;
    }
    if let Some(f) = a.fixed.iter().find(|f| f.line() == v.line()) {
        return (v < f).then_some(f);
    }
    a.fixed.iter().filter(|f| f.line() > v.line()).min()
}

/// The first ID of `a` (`CVE-2024-21626`, `GHSA-xr7r-f8xq-vfvv`) listed in `accepted`.
fn accepted<'c>(a: &Advisory, accepted: &'c [String]) -> Option<&'c str> {
    let ids: Vec<&str> =
        a.ids.split([' ', '/', ';', ',']).map(str::trim).filter(|t| !t.is_empty()).collect();
    accepted
        .iter()
        .map(|s| s.trim())
        .find(|want| ids.iter().any(|id| id.eq_ignore_ascii_case(want)))
}

pub fn check_host(ctx: &HostCtx, out: &mut Vec<Finding>) {
    let f = ctx.facts;
    let components = [
        ("engine", "Engine", &f.engine_version),
        ("containerd", "containerd", &f.containerd_version),
        ("runc", "runc", &f.runc_version),
    ];
    for (key, label, version) in components {
        let Some(v) = version.as_deref().and_then(Version::parse) else { continue };
        for a in advisories().iter().filter(|a| a.component == key) {
            if a.marks.contains(&"authz") && f.authorization_plugins.is_empty() {
                continue;
            }
            if a.marks.contains(&"swarm") && f.swarm_state.as_deref() != Some("active") {
                continue;
            }
            let Some(fix) = affected(&v, a) else { continue };
            let mut msg = format!(
                "{label} {} is affected by {}: {} (fixed in {}; source: {})",
                v.raw,
                a.ids,
                a.summary,
                a.fixed.iter().map(|f| f.raw.as_str()).collect::<Vec<_>>().join(", "),
                a.source
            );
            if a.marks.contains(&"verify") {
                msg.push_str(" [advisory data marked 'verify']");
            }
            if a.marks.contains(&"secondary") {
                msg.push_str(" [secondary source]");
            }
            if a.marks.contains(&"cri") {
                msg.push_str(" [CRI: mostly a concern on Kubernetes nodes]");
            }
            if v.is_distro_build() {
                msg.push_str(&format!(" [`{}` is a distribution build: the fix may be backported, check the distribution's security tracker]", v.raw));
            }
            let same_line = fix.line() == v.line();
            let fix_text = if same_line {
                format!("Upgrade {label} to {} or later.", fix.raw)
            } else {
                format!(
                    "Upgrade {label} to a release line that has the fix ({} or later).",
                    fix.raw
                )
            };
            let mut finding = ctx.finding(&RULE, msg).with_fix(fix_text);
            if a.marks.contains(&"cri") {
                finding.severity = Severity::Medium;
            }
            if let Some(id) = accepted(a, &ctx.config.accepted_advisories) {
                finding.suppressed = Some(dockward_core::Suppression {
                    kind: dockward_core::SuppressionKind::Config,
                    reason: Some(format!("accepted-advisories lists {id} in configuration")),
                });
            }
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn versions() {
        assert!(v("1.0.0-rc93") < v("1.0.0"));
        assert!(v("1.0.0-rc6") < v("1.0.0-rc7"));
        assert!(v("1.4.0-rc.3") < v("1.4.0"));
        assert!(v("20.10.24+dfsg1") == v("20.10.24"));
        assert!(v("18.09.2") > v("18.9.1"));
        assert_eq!(v("1.6.20~ds1").nums, [1, 6, 20]);
        assert_eq!(v("24.0.7-0ubuntu4").pre, None);
        assert!(v("24.0.7-0ubuntu4").is_distro_build() && v("1.1.5+ds1").is_distro_build());
        assert!(!v("29.7.0").is_distro_build() && !v("1.4.0-rc.3").is_distro_build());
    }

    #[test]
    fn table_parses_and_applies() {
        let t = advisories();
        assert!(t.len() > 60);
        assert!(
            t.iter()
                .all(|a| !a.fixed.is_empty()
                    && ["engine", "containerd", "runc"].contains(&a.component)),
            "every row has a fixed version"
        );
        let leaky = t.iter().find(|a| a.ids.starts_with("CVE-2024-21626")).unwrap();
        assert_eq!(affected(&v("1.1.5"), leaky).map(|f| f.raw.as_str()), Some("1.1.12"));
        assert_eq!(affected(&v("1.1.12"), leaky), None);
        assert_eq!(affected(&v("1.2.0"), leaky), None, "newer line than every fix");
        assert_eq!(affected(&v("1.0.0-rc92"), leaky), None, "before the bug");
        let escape = t.iter().find(|a| a.ids.starts_with("CVE-2025-31133")).unwrap();
        assert_eq!(
            affected(&v("1.1.15"), escape).map(|f| f.raw.as_str()),
            Some("1.2.8"),
            "older line without a fix"
        );
        assert_eq!(affected(&v("1.3.2"), escape).map(|f| f.raw.as_str()), Some("1.3.3"));
        assert_eq!(affected(&v("1.4.0"), escape), None);
    }
}
