//! Suppression comments, shared by Dockerfiles and Compose files.
//!
//! Recognised forms (the leading `#` already stripped by the caller):
//! - `dockward: ignore[DW501,DW502] reason` — applies to the next instruction or key.
//! - `dockward: ignore-file[DW501] reason` — applies to the whole file.
//! - `dockward: ignore` / `dockward: ignore-file` without brackets — every rule.
//! - `hadolint ignore=DL3002,DL3008` — next instruction, matched through rule equivalents.
//! - `hadolint global ignore=DL3002` — whole file, matched through rule equivalents.
//!
//! The Dockerfile parser directive `# check=skip=StageNameCasing,FromAsCasing` (or
//! `skip=all`) silences BuildKit's build checks; [`check_directive`] turns it into a
//! file-wide directive matched through the rules' equivalents (the check names).

use crate::{Finding, Suppression, SuppressionKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Next,
    File,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub scope: Scope,
    /// Codes or names listed; empty means every rule.
    pub codes: Vec<String>,
    pub reason: Option<String>,
    /// Codes are other tools' (hadolint DL codes, BuildKit check names), matched through the
    /// rules' equivalents.
    pub hadolint: bool,
    /// From `# check=skip=...`: BuildKit check names.
    pub buildkit: bool,
}

/// BuildKit's build checks (`docker build --check`), by name: what `# check=skip=all` covers.
pub const BUILDKIT_CHECKS: [&str; 22] = [
    "StageNameCasing",
    "FromAsCasing",
    "NoEmptyContinuation",
    "ConsistentInstructionCasing",
    "DuplicateStageName",
    "ReservedStageName",
    "JSONArgsRecommended",
    "MaintainerDeprecated",
    "UndefinedArgInFrom",
    "WorkdirRelativePath",
    "UndefinedVar",
    "MultipleInstructionsDisallowed",
    "LegacyKeyValueFormat",
    "InvalidBaseImagePlatform",
    "RedundantTargetPlatform",
    "SecretsUsedInArgOrEnv",
    "InvalidDefaultArgInFrom",
    "FromPlatformFlagConstDisallowed",
    "CopyIgnoredFile",
    "InvalidDefinitionDescription",
    "ExposeProtoCasing",
    "ExposeInvalidFormat",
];

/// The file-wide directive of a Dockerfile's `# check=` parser directive value
/// (`skip=StageNameCasing,FromAsCasing;error=true`, `skip=all`), if it skips anything.
pub fn check_directive(value: &str) -> Option<Directive> {
    let skip = value.split(';').find_map(|part| {
        let (k, v) = part.split_once('=')?;
        k.trim().eq_ignore_ascii_case("skip").then(|| v.trim())
    })?;
    let mut codes = split_codes(skip);
    if codes.iter().any(|c| c.eq_ignore_ascii_case("all")) {
        codes = BUILDKIT_CHECKS.iter().map(|c| c.to_string()).collect();
    }
    (!codes.is_empty()).then(|| Directive {
        scope: Scope::File,
        codes,
        reason: Some("`# check=skip` parser directive".into()),
        hadolint: true,
        buildkit: true,
    })
}

impl Directive {
    /// Parse the text of one comment (without its `#`). Returns None for ordinary comments.
    pub fn parse(comment: &str) -> Option<Directive> {
        let t = comment.trim();
        if let Some(rest) = t.strip_prefix("dockward:") {
            let rest = rest.trim_start();
            let (scope, rest) = if let Some(r) = rest.strip_prefix("ignore-file") {
                (Scope::File, r)
            } else if let Some(r) = rest.strip_prefix("ignore") {
                (Scope::Next, r)
            } else {
                return None;
            };
            let (codes, rest) = if let Some(r) = rest.strip_prefix('[') {
                let end = r.find(']')?;
                (split_codes(&r[..end]), &r[end + 1..])
            } else {
                (Vec::new(), rest)
            };
            let reason = rest.trim().trim_start_matches(['-', ':']).trim();
            return Some(Directive {
                scope,
                codes,
                reason: (!reason.is_empty()).then(|| reason.to_string()),
                hadolint: false,
                buildkit: false,
            });
        }
        if let Some(rest) = t.strip_prefix("hadolint") {
            let rest = rest.trim_start();
            let (scope, rest) = if let Some(r) = rest.strip_prefix("global") {
                (Scope::File, r.trim_start())
            } else {
                (Scope::Next, rest)
            };
            let rest = rest.strip_prefix("ignore")?.trim_start().strip_prefix('=')?;
            let list = rest.split_whitespace().next().unwrap_or("");
            let codes = split_codes(list);
            if codes.is_empty() {
                return None;
            }
            return Some(Directive { scope, codes, reason: None, hadolint: true, buildkit: false });
        }
        None
    }

    /// Does this directive cover `finding`?
    pub fn covers(&self, finding: &Finding) -> bool {
        if self.hadolint {
            return self
                .codes
                .iter()
                .any(|c| finding.equivalents.iter().any(|e| e.eq_ignore_ascii_case(c)));
        }
        self.codes.is_empty() || self.codes.iter().any(|c| finding.rule.matches(c))
    }

    pub fn suppression(&self) -> Suppression {
        let kind = match (self.hadolint, &self.scope) {
            (true, _) if self.buildkit => SuppressionKind::Check,
            (true, _) => SuppressionKind::Hadolint,
            (false, Scope::Next) => SuppressionKind::Inline,
            (false, Scope::File) => SuppressionKind::File,
        };
        Suppression { kind, reason: self.reason.clone() }
    }
}

fn split_codes(s: &str) -> Vec<String> {
    s.split([',', ' ']).map(str::trim).filter(|c| !c.is_empty()).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_parser_directive() {
        let d = check_directive("skip=StageNameCasing,FromAsCasing;error=true").unwrap();
        assert_eq!(d.codes, ["StageNameCasing", "FromAsCasing"]);
        assert_eq!(d.scope, Scope::File);
        assert_eq!(d.suppression().kind, SuppressionKind::Check);
        assert_eq!(check_directive("skip=all").unwrap().codes.len(), 22);
        assert!(check_directive("error=true").is_none());
        assert!(check_directive("skip=").is_none());
    }

    #[test]
    fn parses_forms() {
        let d =
            Directive::parse(" dockward: ignore[DW501, DW502] runs as root on purpose").unwrap();
        assert_eq!(d.scope, Scope::Next);
        assert_eq!(d.codes, vec!["DW501", "DW502"]);
        assert_eq!(d.reason.as_deref(), Some("runs as root on purpose"));
        let d = Directive::parse("dockward: ignore-file[DW707]").unwrap();
        assert_eq!(d.scope, Scope::File);
        let d = Directive::parse(" hadolint ignore=DL3008,DL3015").unwrap();
        assert!(d.hadolint);
        assert_eq!(d.codes, vec!["DL3008", "DL3015"]);
        let d = Directive::parse(" hadolint global ignore=DL3002").unwrap();
        assert_eq!(d.scope, Scope::File);
        assert!(Directive::parse(" just a comment").is_none());
        assert!(Directive::parse(" hadolint shell=bash").is_none());
    }
}
