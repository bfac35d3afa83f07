//! `dockward.toml` / `.dockward.toml`: rule selection, severity overrides, trusted registries,
//! per-path ignores and build arguments.
//!
//! ```toml
//! profile = "strict"                 # enables rules that are off by default (DW203)
//! select = ["DW501", "DW502"]        # only these (codes or names); default: every default rule
//! extend-select = ["DW203"]          # add to the default set
//! ignore = ["DW1205", "unpinned-packages"]
//! trusted-registries = ["docker.io/library/*", "ghcr.io/acme/*", "*.example.com"]
//! accepted-advisories = ["CVE-2024-21626"]   # DW101: checked as fixed (distribution backport) or not applicable
//! docker-group-allowed = ["alice", "deploy"]  # DW1004: trusted members of the Docker socket's group
//! image-max-age-days = 90            # DW104: an image built longer ago than this is stale
//! fixable = ["ALL"]                  # rules whose fixes `--fix` may apply (default: all)
//! unfixable = ["DW505"]              # rules whose fixes are never applied
//! [severity]
//! DW707 = "medium"
//! [per-path-ignores]
//! "legacy/**" = ["DW501"]
//! [build-args]
//! BASE_TAG = "12-slim"
//! [per-service-ignores]             # Compose services, containers, "docker host"
//! "legacy-db" = ["DW401", "DW402"]
//! [contexts]                         # where findings live (see `context`)
//! lower-severity = true
//! production = ["deploy/**"]
//! ```

use crate::{Context, ContextRules, RuleMeta, Severity};
use globset::{Glob, GlobMatcher};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const CONFIG_NAMES: [&str; 2] = ["dockward.toml", ".dockward.toml"];

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    profile: Option<String>,
    select: Option<Vec<String>>,
    #[serde(default)]
    extend_select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, String>,
    #[serde(default)]
    trusted_registries: Vec<String>,
    #[serde(default)]
    per_path_ignores: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    build_args: BTreeMap<String, String>,
    #[serde(default)]
    per_service_ignores: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    accepted_advisories: Vec<String>,
    fixable: Option<Vec<String>>,
    #[serde(default)]
    unfixable: Vec<String>,
    #[serde(default)]
    contexts: RawContexts,
    #[serde(default)]
    docker_group_allowed: Vec<String>,
    image_max_age_days: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawContexts {
    lower_severity: Option<bool>,
    #[serde(default)]
    production: Vec<String>,
    #[serde(default)]
    development: Vec<String>,
    #[serde(default)]
    test: Vec<String>,
    #[serde(default)]
    ci: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    #[default]
    Default,
    Strict,
}

#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file this came from, if any.
    pub path: Option<PathBuf>,
    pub profile: Profile,
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    pub severity: BTreeMap<String, Severity>,
    pub trusted_registries: Vec<String>,
    pub per_path_ignores: Vec<(GlobMatcher, Vec<String>)>,
    pub build_args: BTreeMap<String, String>,
    /// Compose service name → codes ignored for that service.
    pub per_service_ignores: BTreeMap<String, Vec<String>>,
    /// Advisory IDs (CVE, GHSA) DW101 reports as suppressed: verified as fixed by a distribution
    /// backport, or not applicable to this host.
    pub accepted_advisories: Vec<String>,
    /// `docker-group-allowed`: users trusted to be in the Docker socket's group (DW1004 reports
    /// only the other members).
    pub docker_group_allowed: Vec<String>,
    /// `image-max-age-days` (DW104); `None`: the default, [`DEFAULT_IMAGE_MAX_AGE_DAYS`].
    pub image_max_age_days: Option<u32>,
    /// `fixable`: rules whose fixes `--fix` may apply (codes, names or `ALL`); None: all.
    pub fixable: Option<Vec<String>>,
    /// `unfixable`: rules whose fixes are never applied.
    pub unfixable: Vec<String>,
    /// `[contexts]`: where findings live, and whether non-production ones are lowered.
    pub contexts: ContextRules,
}

/// How old (days since `Created`) an image may be before DW104 calls it stale: about one
/// quarter, so a monthly or weekly rebuild schedule never trips it and a forgotten one does.
pub const DEFAULT_IMAGE_MAX_AGE_DAYS: u32 = 90;

impl Config {
    /// Find the nearest config file at or above `start` (a file or directory).
    pub fn discover(start: &Path) -> Result<Config, ConfigError> {
        let abs = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
        let mut dir = if abs.is_dir() { Some(abs.as_path()) } else { abs.parent() };
        while let Some(d) = dir {
            for name in CONFIG_NAMES {
                let p = d.join(name);
                if p.is_file() {
                    return Config::load(&p);
                }
            }
            dir = d.parent();
        }
        Ok(Config::default())
    }

    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| ConfigError::Read { path: path.display().to_string(), source })?;
        let mut c = Config::parse(&text).map_err(|message| ConfigError::Invalid {
            path: path.display().to_string(),
            message,
        })?;
        c.path = Some(path.to_path_buf());
        Ok(c)
    }

    pub fn parse(text: &str) -> Result<Config, String> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| e.to_string())?;
        let profile = match raw.profile.as_deref() {
            None | Some("default") => Profile::Default,
            Some("strict") => Profile::Strict,
            Some(p) => return Err(format!("unknown profile `{p}` (expected default or strict)")),
        };
        let mut severity = BTreeMap::new();
        for (code, sev) in raw.severity {
            severity.insert(code.to_ascii_uppercase(), sev.parse::<Severity>()?);
        }
        let mut per_path_ignores = Vec::new();
        for (pattern, codes) in raw.per_path_ignores {
            let glob = Glob::new(&pattern).map_err(|e| format!("per-path-ignores: {e}"))?;
            per_path_ignores.push((glob.compile_matcher(), codes));
        }
        let mut contexts = ContextRules::default();
        if let Some(lower) = raw.contexts.lower_severity {
            contexts.lower_severity = lower;
        }
        for (context, patterns) in [
            (Context::Production, &raw.contexts.production),
            (Context::Development, &raw.contexts.development),
            (Context::Test, &raw.contexts.test),
            (Context::Ci, &raw.contexts.ci),
        ] {
            for p in patterns {
                let glob = Glob::new(p).map_err(|e| format!("contexts.{context}: {e}"))?;
                contexts.patterns.push((context, glob.compile_matcher()));
            }
        }
        if raw.image_max_age_days == Some(0) {
            return Err("image-max-age-days must be at least 1".into());
        }
        Ok(Config {
            path: None,
            profile,
            select: raw.select,
            extend_select: raw.extend_select,
            ignore: raw.ignore,
            severity,
            trusted_registries: raw.trusted_registries,
            per_path_ignores,
            build_args: raw.build_args,
            per_service_ignores: raw.per_service_ignores,
            accepted_advisories: raw.accepted_advisories,
            docker_group_allowed: raw.docker_group_allowed,
            image_max_age_days: raw.image_max_age_days,
            fixable: raw.fixable,
            unfixable: raw.unfixable,
            contexts,
        })
    }

    /// Directory that per-path globs are relative to.
    pub fn root(&self) -> Option<&Path> {
        self.path.as_deref().and_then(Path::parent)
    }

    /// Is `rule` run under this configuration?
    pub fn is_enabled(&self, rule: &RuleMeta) -> bool {
        let listed =
            |list: &[String]| list.iter().any(|t| t.eq_ignore_ascii_case("ALL") || rule.matches(t));
        if listed(&self.ignore)
            && !self.ignore.iter().all(|t| t.eq_ignore_ascii_case("ALL") && self.select.is_some())
        {
            return false;
        }
        if let Some(select) = &self.select {
            return listed(select) || listed(&self.extend_select);
        }
        rule.default_enabled || self.profile == Profile::Strict || listed(&self.extend_select)
    }

    /// May `--fix` apply `rule`'s fixes (`fixable` / `unfixable`)?
    pub fn is_fixable(&self, rule: &RuleMeta) -> bool {
        let listed =
            |list: &[String]| list.iter().any(|t| t.eq_ignore_ascii_case("ALL") || rule.matches(t));
        !listed(&self.unfixable) && self.fixable.as_deref().is_none_or(listed)
    }

    pub fn severity_for(&self, rule: &RuleMeta, default: Severity) -> Severity {
        self.severity.get(rule.code).copied().unwrap_or(default)
    }

    /// Maximum image age in days for DW104 (`image-max-age-days`, default 90).
    pub fn image_max_age_days(&self) -> u32 {
        self.image_max_age_days.unwrap_or(DEFAULT_IMAGE_MAX_AGE_DAYS)
    }

    /// Codes ignored for a Compose service (or container) by `[per-service-ignores]`.
    pub fn service_ignores(&self, service: &str) -> &[String] {
        self.per_service_ignores.get(service).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Codes ignored for `path` by per-path-ignores. `path` is matched relative to the config
    /// directory when possible, and as given otherwise.
    pub fn path_ignores(&self, path: &Path) -> Vec<&str> {
        if self.per_path_ignores.is_empty() {
            return Vec::new();
        }
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let rel = self.root().and_then(|r| {
            let r = std::path::absolute(r).ok()?;
            abs.strip_prefix(&r).ok().map(Path::to_path_buf)
        });
        let mut out = Vec::new();
        for (glob, codes) in &self.per_path_ignores {
            if glob.is_match(path) || rel.as_deref().is_some_and(|r| glob.is_match(r)) {
                out.extend(codes.iter().map(String::as_str));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Practice, Surface};

    static R: RuleMeta = RuleMeta {
        code: "DW501",
        name: "root-user",
        summary: "",
        practice: Practice::LeastPrivilege,
        surfaces: &[Surface::Dockerfile],
        severity: Severity::High,
        equivalents: &[],
        default_enabled: true,
    };
    static OFF: RuleMeta =
        RuleMeta { code: "DW203", name: "image-no-digest", default_enabled: false, ..R };

    #[test]
    fn selection() {
        let c = Config::default();
        assert!(c.is_enabled(&R));
        assert!(!c.is_enabled(&OFF));
        let c = Config::parse("ignore = [\"root-user\"]").unwrap();
        assert!(!c.is_enabled(&R));
        let c = Config::parse("profile = \"strict\"").unwrap();
        assert!(c.is_enabled(&OFF));
        let c = Config::parse("select = [\"DW203\"]").unwrap();
        assert!(!c.is_enabled(&R));
        assert!(c.is_enabled(&OFF));
        let c = Config::parse("[severity]\ndw501 = \"low\"").unwrap();
        assert_eq!(c.severity_for(&R, Severity::High), Severity::Low);
        assert!(Config::parse("bogus = 1").is_err());
        assert!(Config::parse("[severity]\nDW501 = \"huge\"").is_err());
    }

    #[test]
    fn fixable_and_unfixable() {
        assert!(Config::default().is_fixable(&R));
        let c = Config::parse("unfixable = [\"root-user\"]").unwrap();
        assert!(!c.is_fixable(&R));
        let c = Config::parse("fixable = [\"DW203\"]").unwrap();
        assert!(!c.is_fixable(&R) && c.is_fixable(&OFF));
        let c = Config::parse("fixable = [\"ALL\"]\nunfixable = [\"DW203\"]").unwrap();
        assert!(c.is_fixable(&R) && !c.is_fixable(&OFF));
    }

    #[test]
    fn docker_group_allowed() {
        assert!(Config::default().docker_group_allowed.is_empty());
        let c = Config::parse("docker-group-allowed = [\"alice\", \"deploy\"]").unwrap();
        assert_eq!(c.docker_group_allowed, ["alice", "deploy"]);
        // The kebab-case key only; a typo is refused, not ignored.
        assert!(Config::parse("docker_group_allowed = [\"alice\"]").is_err());
        assert!(Config::parse("docker-group-allowed = \"alice\"").is_err());
    }

    #[test]
    fn image_max_age_days() {
        assert_eq!(Config::default().image_max_age_days(), 90);
        assert_eq!(Config::parse("").unwrap().image_max_age_days(), DEFAULT_IMAGE_MAX_AGE_DAYS);
        assert_eq!(Config::parse("image-max-age-days = 30").unwrap().image_max_age_days(), 30);
        assert!(Config::parse("image-max-age-days = 0").unwrap_err().contains("at least 1"));
        assert!(Config::parse("image-max-age-days = -5").is_err());
        assert!(Config::parse("image-max-age-days = \"90\"").is_err());
    }
}
