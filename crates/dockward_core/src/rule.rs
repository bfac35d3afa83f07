//! Static description of a rule: code, name, practice, surfaces, default severity.
//!
//! Rules themselves live in `dockward_rules`; this crate only knows their metadata so that
//! findings, configuration and reporters can refer to them without depending on rule code.

use crate::Severity;
use serde::Serialize;

/// Where a rule applies (RULES.md "surf" column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Surface {
    Dockerfile,
    Compose,
    Image,
    Container,
    Host,
}

impl Surface {
    pub fn as_str(self) -> &'static str {
        match self {
            Surface::Dockerfile => "dockerfile",
            Surface::Compose => "compose",
            Surface::Image => "image",
            Surface::Container => "container",
            Surface::Host => "host",
        }
    }
    pub fn letter(self) -> char {
        match self {
            Surface::Dockerfile => 'D',
            Surface::Compose => 'C',
            Surface::Image => 'I',
            Surface::Container => 'R',
            Surface::Host => 'H',
        }
    }
}

/// The twelve Docker security practices, plus correctness (group 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Practice {
    Correctness,
    KeepUpdated,
    TrustedImages,
    VulnerabilityScanning,
    ResourceLimits,
    LeastPrivilege,
    Secrets,
    ContentTrust,
    ReadOnly,
    Network,
    HostAudit,
    KernelSecurity,
    Logging,
}

impl Practice {
    pub fn number(self) -> u8 {
        self as u8
    }
    pub fn title(self) -> &'static str {
        match self {
            Practice::Correctness => "Correctness and hygiene",
            Practice::KeepUpdated => "Keep Docker updated",
            Practice::TrustedImages => "Use official, trusted images",
            Practice::VulnerabilityScanning => "Scan images for vulnerabilities",
            Practice::ResourceLimits => "Limit container resources",
            Practice::LeastPrivilege => "Run as a non-root user, with least privilege",
            Practice::Secrets => "Manage secrets properly",
            Practice::ContentTrust => "Content trust and supply-chain integrity",
            Practice::ReadOnly => "Read-only containers and safe mounts",
            Practice::Network => "Network segmentation and exposure",
            Practice::HostAudit => "Regular security audits of the host",
            Practice::KernelSecurity => "Kernel security modules and namespaces",
            Practice::Logging => "Logging and monitoring",
        }
    }
}

/// Everything known about a rule without running it.
#[derive(Debug, Serialize)]
pub struct RuleMeta {
    /// Stable code, e.g. `DW501`. Never reused.
    pub code: &'static str,
    /// Kebab-case name, e.g. `root-user`.
    pub name: &'static str,
    /// One-line summary, used in listings and SARIF `shortDescription`.
    pub summary: &'static str,
    pub practice: Practice,
    pub surfaces: &'static [Surface],
    pub severity: Severity,
    /// Equivalent checks in other tools (DL3002, CIS-4.1, CL-0018, ...).
    pub equivalents: &'static [&'static str],
    /// False for rules that run only when selected (e.g. DW203 outside the strict profile).
    pub default_enabled: bool,
}

impl RuleMeta {
    /// True when `token` names this rule: its code or its name, case-insensitively.
    pub fn matches(&self, token: &str) -> bool {
        self.code.eq_ignore_ascii_case(token) || self.name.eq_ignore_ascii_case(token)
    }
}

/// A rule's metadata together with its documentation (Markdown, extracted at build time from
/// the rule file's doc comment). Reporters use it for SARIF help text and `dockward rule`.
#[derive(Debug, Clone, Copy)]
pub struct RuleDoc {
    pub meta: &'static RuleMeta,
    /// Markdown: What it does / Why is this bad? / Example / Use instead / References.
    pub doc: &'static str,
}
