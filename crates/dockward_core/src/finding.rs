//! A finding: one rule violated at one place, with the concrete value and a fix.

use crate::{RuleMeta, Severity, Surface};
use serde::Serialize;
use std::ops::Range;

/// 1-based line and column (columns in Unicode scalar values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Default)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// Where a finding is. `file` is None for targets that are not files (a live container).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Location {
    pub file: Option<String>,
    pub start: Position,
    pub end: Position,
    /// Byte range in the file, for code frames.
    #[serde(skip)]
    pub bytes: Option<Range<usize>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SuppressionKind {
    /// `# dockward: ignore[...]` before the instruction or key.
    Inline,
    /// `# dockward: ignore-file[...]` anywhere in the file.
    File,
    /// `# hadolint ignore=DL...` mapped through the rule's equivalents.
    Hadolint,
    /// `# check=skip=<BuildKit check>` (a Dockerfile parser directive), mapped through the
    /// rule's equivalents.
    Check,
    /// `per-path-ignores` in the configuration.
    Config,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suppression {
    pub kind: SuppressionKind,
    pub reason: Option<String>,
}

/// Where a finding lives, which decides how much it matters (DESIGN.md, "Context"). Derived
/// from the model (stage reachability, Compose profiles) and from path and name conventions;
/// non-production contexts lower the severity by default, and every output carries it so CI
/// can gate on production findings while the rest stays visible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Context {
    /// What ships or runs for real (the default).
    #[default]
    Production,
    /// Development set-ups: `.devcontainer/`, `*dev*` Compose files and services.
    Development,
    /// Test set-ups: `test`, `e2e`, `cypress`, `playwright` files and services.
    Test,
    /// CI set-ups: `.github/`, `.gitlab-ci`, `ci/` files.
    Ci,
    /// A Dockerfile build stage that never reaches the final image.
    BuildStage,
    /// A Compose service behind a profile that is not enabled.
    InactiveProfile,
}

impl Context {
    pub const ALL: [Context; 6] = [
        Context::Production,
        Context::Development,
        Context::Test,
        Context::Ci,
        Context::BuildStage,
        Context::InactiveProfile,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Context::Production => "production",
            Context::Development => "development",
            Context::Test => "test",
            Context::Ci => "ci",
            Context::BuildStage => "build-stage",
            Context::InactiveProfile => "inactive-profile",
        }
    }
}

impl std::fmt::Display for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    #[serde(skip)]
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub surface: Surface,
    pub location: Location,
    /// The stage, service, image or container concerned.
    pub target: Option<String>,
    /// What is wrong, naming the concrete value at fault.
    pub message: String,
    /// How to fix it.
    pub fix: Option<String>,
    /// Equivalent codes in other tools. Defaults to the rule's list; a rule may narrow it
    /// (DW707 names only the DL code of the package manager at fault). Borrowed from the
    /// rule's static list in the common case, so findings stay small.
    pub equivalents: Vec<std::borrow::Cow<'static, str>>,
    pub suppressed: Option<Suppression>,
    /// Where the finding lives (production unless the model or a convention says otherwise).
    pub context: Context,
    /// The edits that fix it, when the rule knows a correct rewrite (`dockward scan --fix`).
    pub autofix: Option<crate::fix::Fix>,
}

impl Finding {
    pub fn new(
        rule: &'static RuleMeta,
        surface: Surface,
        location: Location,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            rule,
            severity: rule.severity,
            surface,
            location,
            target: None,
            message: message.into(),
            fix: None,
            equivalents: rule.equivalents.iter().map(|s| std::borrow::Cow::Borrowed(*s)).collect(),
            suppressed: None,
            context: Context::Production,
            autofix: None,
        }
    }
    /// Attach a machine-applicable fix (see [`crate::fix`]).
    pub fn with_autofix(mut self, fix: crate::fix::Fix) -> Self {
        self.autofix = Some(fix);
        self
    }
    pub fn with_fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }
    pub fn with_target(mut self, target: impl Into<String>) -> Self {
        self.target = Some(target.into());
        self
    }
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
    pub fn with_equivalents<I: IntoIterator<Item = S>, S: Into<std::borrow::Cow<'static, str>>>(
        mut self,
        eq: I,
    ) -> Self {
        self.equivalents = eq.into_iter().map(Into::into).collect();
        self
    }
    pub fn code(&self) -> &'static str {
        self.rule.code
    }
    /// Sort key: file, line, column, code.
    pub fn sort_key(&self) -> (Option<&str>, Position, &'static str) {
        (self.location.file.as_deref(), self.location.start, self.rule.code)
    }
}

/// An input that could not be read or parsed. Also reported as a DW001 finding.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct InputError {
    pub file: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: String,
}
