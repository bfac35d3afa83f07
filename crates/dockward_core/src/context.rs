//! Where a finding lives ([`Context`]) from path and name conventions, overridable in
//! `dockward.toml`:
//!
//! ```toml
//! [contexts]
//! lower-severity = true                          # non-production findings one level lower (default)
//! production = ["deploy/**"]                     # these paths are production whatever their names say
//! development = ["sandbox/**", "compose.mine.yaml"]
//! test = ["qa/**"]
//! ci = ["pipelines/**"]
//! ```
//!
//! Conventions, applied when no configured pattern matches, look at the words of the path
//! (each folder and the file name split at `.`, `_`, `-`): `.devcontainer`, `dev`, `devel`,
//! `develop`, `development`, `local` mean development; `test`, `tests`, `testing`, `e2e`,
//! `cypress`, `playwright`, `selenium`, `testdata`, `fixtures` mean test; `.github`, `.gitlab`,
//! `.circleci`, `.buildkite`, `ci`, `jenkins` mean CI. The same words in a Compose service name
//! (`web-dev`, `e2e`) or profile (`dev`, `test`) give the service that context. Stage
//! reachability (`build-stage`) and inactive profiles come from the models, not from names.

use crate::{Context, Severity};
use globset::GlobMatcher;
use std::path::Path;

const DEVELOPMENT: &[&str] = &["devcontainer", "dev", "devel", "develop", "development", "local"];
const TEST: &[&str] = &[
    "test",
    "tests",
    "testing",
    "e2e",
    "cypress",
    "playwright",
    "selenium",
    "testdata",
    "fixtures",
];
const CI: &[&str] = &["github", "gitlab", "circleci", "buildkite", "ci", "jenkins"];

/// Configured patterns and whether non-production findings are lowered.
#[derive(Debug, Clone)]
pub struct ContextRules {
    pub lower_severity: bool,
    /// Configured patterns, in the order production, development, test, ci.
    pub patterns: Vec<(Context, GlobMatcher)>,
}

impl Default for ContextRules {
    fn default() -> Self {
        ContextRules { lower_severity: true, patterns: Vec::new() }
    }
}

impl ContextRules {
    /// The context of a file: a configured pattern (matched against `path` and its form
    /// relative to `config_root`, the configuration's folder), else the conventions applied to
    /// the path below `scan_root` (the directory scanned): the folders above the project
    /// (`/var/jenkins_home/workspace/...`, `/home/ci/...`) say nothing about it. A path outside
    /// the scan root is judged by its own relative form, or for an absolute one by its file
    /// name only.
    pub fn for_path(
        &self,
        path: &str,
        config_root: Option<&Path>,
        scan_root: Option<&Path>,
    ) -> Context {
        let below = |root: Option<&Path>| {
            let abs = std::path::absolute(path).ok()?;
            abs.strip_prefix(std::path::absolute(root?).ok()?).ok().map(Path::to_path_buf)
        };
        let rel = below(config_root);
        for (context, glob) in &self.patterns {
            if glob.is_match(path) || rel.as_deref().is_some_and(|r| glob.is_match(r)) {
                return *context;
            }
        }
        match below(scan_root) {
            Some(inside) => by_words(inside.iter().filter_map(|c| c.to_str())),
            None if Path::new(path).is_relative() => by_words(path.split(['/', '\\'])),
            None => by_words(Path::new(path).file_name().and_then(|n| n.to_str()).into_iter()),
        }
    }
}

/// The context the words of `name` (a Compose service name or profile) give, if any.
pub fn for_name(name: &str) -> Option<Context> {
    match by_words(std::iter::once(name)) {
        Context::Production => None,
        c => Some(c),
    }
}

/// Development, test or CI when a word of any part says so (the first part that does wins,
/// so `tests/dev/compose.yaml` is test); production otherwise.
fn by_words<'a>(parts: impl Iterator<Item = &'a str>) -> Context {
    for part in parts {
        for word in part.split(['.', '_', '-', ' ']).filter(|w| !w.is_empty()) {
            let word = word.to_ascii_lowercase();
            if DEVELOPMENT.contains(&word.as_str()) {
                return Context::Development;
            }
            if TEST.contains(&word.as_str()) {
                return Context::Test;
            }
            if CI.contains(&word.as_str()) {
                return Context::Ci;
            }
        }
    }
    Context::Production
}

impl Severity {
    /// One level lower (info stays info): the severity of a finding outside production.
    pub fn lowered(self) -> Severity {
        match self {
            Severity::Critical => Severity::High,
            Severity::High => Severity::Medium,
            Severity::Medium => Severity::Low,
            Severity::Low | Severity::Info => Severity::Info,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conventions() {
        let r = ContextRules::default();
        let c = |p: &str| r.for_path(p, None, None);
        assert_eq!(c(".devcontainer/docker-compose.yml"), Context::Development);
        assert_eq!(c("docker-compose.dev.yml"), Context::Development);
        assert_eq!(c("app/Dockerfile.local"), Context::Development);
        assert_eq!(c("e2e/docker-compose.yml"), Context::Test);
        assert_eq!(c("tests/dev/compose.yaml"), Context::Test);
        assert_eq!(c(".github/workflows/Dockerfile"), Context::Ci);
        assert_eq!(c("compose.yaml"), Context::Production);
        // Words, not substrings: `device`, `latest`, `contest` are not dev or test.
        assert_eq!(c("device-manager/Dockerfile"), Context::Production);
        assert_eq!(c("docker-compose.latest.yml"), Context::Production);
        assert_eq!(for_name("web-dev"), Some(Context::Development));
        assert_eq!(for_name("cypress"), Some(Context::Test));
        assert_eq!(for_name("web"), None);
    }

    #[test]
    fn configured_patterns_win() {
        let glob = |p: &str| globset::Glob::new(p).unwrap().compile_matcher();
        let r = ContextRules {
            lower_severity: true,
            patterns: vec![(Context::Production, glob("deploy/**"))],
        };
        assert_eq!(r.for_path("deploy/docker-compose.dev.yml", None, None), Context::Production);
    }

    #[test]
    fn folders_above_the_scanned_directory_do_not_count() {
        let r = ContextRules::default();
        let root = Path::new("/var/jenkins_home/workspace/shop");
        let f = "/var/jenkins_home/workspace/shop/compose.yaml";
        assert_eq!(r.for_path(f, None, Some(root)), Context::Production);
        assert_eq!(r.for_path("/srv/ci/compose.yaml", None, None), Context::Production);
        assert_eq!(r.for_path("/srv/ci/compose.dev.yaml", None, None), Context::Development);
    }

    #[test]
    fn lowering() {
        assert_eq!(Severity::Critical.lowered(), Severity::High);
        assert_eq!(Severity::Info.lowered(), Severity::Info);
    }
}
