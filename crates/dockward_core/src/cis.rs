//! The vocabulary of a CIS Docker Benchmark report (`dockward host --cis`): the checks, their
//! status and the score. The catalogue and its evaluation live in `dockward_rules::cis`, the
//! rendering in `dockward_report::cis`; both meet here so the reporters need no rule code.

use crate::Finding;
use serde::Serialize;

/// The benchmark the catalogue follows.
pub const BENCHMARK: &str = "CIS Docker Benchmark v1.6.0";

/// Section numbers and titles, as Docker Bench for Security prints them.
pub const SECTIONS: [(&str, &str); 7] = [
    ("1", "Host Configuration"),
    ("2", "Docker daemon configuration"),
    ("3", "Docker daemon configuration files"),
    ("4", "Container Images and Build File"),
    ("5", "Container Runtime"),
    ("6", "Docker Security Operations"),
    ("7", "Docker Swarm Configuration"),
];

/// How the benchmark says a check is assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Assessment {
    Automated,
    Manual,
}

/// When a check is applicable (the catalogue's `applies` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applies {
    /// Always; judged by a person, rules only help.
    Always,
    /// The daemon's facts were read.
    Daemon,
    /// The host's files were read (a local daemon, readable files).
    HostFiles,
    /// At least one container was audited.
    Containers,
    /// At least one image or container was audited.
    Images,
    /// Swarm mode is active.
    Swarm,
}

impl Applies {
    pub const KEYWORDS: [(&'static str, Applies); 6] = [
        ("always", Applies::Always),
        ("daemon", Applies::Daemon),
        ("host-files", Applies::HostFiles),
        ("containers", Applies::Containers),
        ("images", Applies::Images),
        ("swarm", Applies::Swarm),
    ];

    pub fn parse(s: &str) -> Option<Applies> {
        Self::KEYWORDS.iter().find(|(k, _)| *k == s).map(|(_, a)| *a)
    }
}

/// One check of the benchmark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CisCheck {
    /// `2.2`, `1.1.18`.
    pub id: &'static str,
    pub title: &'static str,
    pub assessment: Assessment,
    /// dockward rule codes that decide it; empty when none does.
    pub codes: Vec<&'static str>,
    pub applies: Applies,
    /// For `host-files:<role>`: the host path role (`HostFiles` `PathFacts::role`) the check is
    /// about; the check is not applicable on a host without that file (Docker Bench: "file
    /// not found").
    #[serde(skip)]
    pub host_file: Option<&'static str>,
    /// What a person verifies (manual checks, checks no rule decides); may be empty.
    pub verify: &'static str,
}

impl CisCheck {
    /// `2` for `2.2`.
    pub fn section(&self) -> &'static str {
        self.id.split('.').next().unwrap_or(self.id)
    }
}

/// The outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum CisStatus {
    /// The rules that decide it ran and found nothing.
    Pass,
    /// At least one unsuppressed finding of it.
    Warn,
    /// For a person to judge: a manual check, one no rule decides, or one that could not be
    /// checked (the detail says why).
    Info,
    /// Not applicable here (the detail says why).
    Na,
}

impl CisStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CisStatus::Pass => "pass",
            CisStatus::Warn => "warn",
            CisStatus::Info => "info",
            CisStatus::Na => "na",
        }
    }
}

#[derive(Debug, Clone)]
pub struct CisResult {
    pub check: &'static CisCheck,
    pub status: CisStatus,
    /// Indices into the report's findings that concern this check (suppressed ones included).
    pub findings: Vec<usize>,
    /// Why the status: the findings' targets, what was not checked, what to verify.
    pub detail: String,
}

/// Every check of the catalogue, in benchmark order, with its result.
#[derive(Debug, Clone)]
pub struct CisReport {
    pub results: Vec<CisResult>,
}

/// Counts per status and the score.
///
/// `percent` = pass / (pass + warn) × 100, rounded to the nearest integer (`None` when no check
/// passed or warned): the share of the checks dockward could decide that are met. `info` and
/// `na` checks do not count. `bench` is Docker Bench for Security's score, +1 per pass and −1
/// per warn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct CisScore {
    pub pass: usize,
    pub warn: usize,
    pub info: usize,
    pub na: usize,
    pub percent: Option<u32>,
    pub bench: i64,
}

impl CisReport {
    pub fn score(&self) -> CisScore {
        let mut s = CisScore::default();
        for r in &self.results {
            match r.status {
                CisStatus::Pass => s.pass += 1,
                CisStatus::Warn => s.warn += 1,
                CisStatus::Info => s.info += 1,
                CisStatus::Na => s.na += 1,
            }
        }
        let decided = s.pass + s.warn;
        s.percent = (decided > 0).then(|| ((s.pass * 100 + decided / 2) / decided) as u32);
        s.bench = s.pass as i64 - s.warn as i64;
        s
    }
}

/// The CIS Benchmark sections an equivalents list names: `CIS-2.2` → `2.2`. Other `CIS-`
/// codes (dockle's `CIS-DI-0001`) are not sections and are left out.
pub fn sections<'a>(equivalents: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    equivalents.into_iter().filter_map(section_of).collect()
}

/// `CIS-2.2` → `2.2`; None for anything else.
pub fn section_of(equivalent: &str) -> Option<&str> {
    let s = equivalent.strip_prefix("CIS-")?;
    let ok = !s.is_empty()
        && s.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    ok.then_some(s)
}

/// The sections of one finding.
pub fn finding_sections(f: &Finding) -> Vec<&str> {
    sections(f.equivalents.iter().map(|c| c.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_leave_out_dockle_codes() {
        assert_eq!(
            sections([
                "DL3002",
                "CIS-4.1",
                "CIS-DI-0001",
                "CIS-1.1.18",
                "CIS-",
                "CIS-2.x",
                "CIS-2..1"
            ]),
            ["4.1", "1.1.18"]
        );
    }

    #[test]
    fn score_formula() {
        static C: std::sync::LazyLock<CisCheck> = std::sync::LazyLock::new(|| CisCheck {
            id: "2.2",
            title: "t",
            assessment: Assessment::Automated,
            codes: vec![],
            applies: Applies::Always,
            host_file: None,
            verify: "",
        });
        let r = |status| CisResult { check: &C, status, findings: vec![], detail: String::new() };
        let report = CisReport {
            results: vec![
                r(CisStatus::Pass),
                r(CisStatus::Pass),
                r(CisStatus::Warn),
                r(CisStatus::Info),
                r(CisStatus::Na),
            ],
        };
        let s = report.score();
        assert_eq!((s.pass, s.warn, s.info, s.na, s.percent, s.bench), (2, 1, 1, 1, Some(67), 1));
        assert_eq!(CisReport { results: vec![r(CisStatus::Info)] }.score().percent, None);
    }
}
