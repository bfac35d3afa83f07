//! Helpers for the trusted-images rules (DW201-DW206): what is known about an image use's tag
//! and digest (also when an unresolved ARG only affects the registry part), how a use is
//! quoted in a message, where it points, and how `trusted-registries` patterns match.

use crate::context::DockerfileCtx;
use crate::support::images::{ImageUse, RefState};
use dockward_dockerfile::ast::Span;
use dockward_spec::ImageRef;

/// Longest piece of user text quoted in a message.
const QUOTE_MAX_CHARS: usize = 120;

/// A bounded, char-boundary-safe rendering of user text for a message.
pub fn quote(s: &str) -> String {
    match s.char_indices().nth(QUOTE_MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

/// ARGs BuildKit defines by itself for every build: in global scope (FROM) without a
/// declaration, in a stage once declared with `ARG NAME`.
pub const PLATFORM_ARGS: &[&str] = &[
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETARCH",
    "TARGETVARIANT",
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDARCH",
    "BUILDVARIANT",
];

/// Does BuildKit set platform ARG `name` where `u` is expanded?
pub fn platform_arg_set(ctx: &DockerfileCtx, u: &ImageUse, name: &str) -> bool {
    PLATFORM_ARGS.contains(&name) && (u.via == "FROM" || ctx.model.is_declared_at(u.inst, name))
}

/// Names of the variables referenced in `text` (`$NAME`, `${NAME...}`).
fn referenced_vars(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'$' {
            let start = if b.get(i + 1) == Some(&b'{') { i + 2 } else { i + 1 };
            let mut end = start;
            while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'_') {
                end += 1;
            }
            if end > start {
                out.push(&text[start..end]);
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// `text` with every variable reference (`$NAME`, `${...}`) replaced by `*`.
fn vars_to_wildcards(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '$' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        if chars.get(i + 1) == Some(&'{') {
            let mut depth = 0usize;
            let mut j = i + 1;
            while j < chars.len() {
                match chars[j] {
                    '{' => depth += 1,
                    '}' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            i = j + 1;
        } else {
            let mut j = i + 1;
            while j < chars.len() && (chars[j].is_ascii_alphanumeric() || chars[j] == '_') {
                j += 1;
            }
            i = j;
        }
        out.push('*');
    }
    out
}

/// The state of an image use, corrected for BuildKit's platform ARGs (`TARGETARCH`, ...): the
/// model treats them as unset, but BuildKit always sets them, so a reference that uses one
/// is unresolved whatever the model expanded it to (`busybox${TARGETARCH:+@sha256:…}`).
/// `None` when the reference, with platform ARGs in it, matches the name of an earlier stage
/// (`FROM runc-${TARGETOS}` with a stage `runc-linux`): it is a stage, not an image.
pub fn classify(ctx: &DockerfileCtx, u: &ImageUse) -> Option<RefState> {
    let platform: Vec<String> = referenced_vars(&u.raw)
        .into_iter()
        .filter(|n| platform_arg_set(ctx, u, n))
        .map(str::to_string)
        .collect();
    let state = match &u.state {
        RefState::Image(_) if !platform.is_empty() => RefState::Unresolved(platform.clone()),
        other => other.clone(),
    };
    if let RefState::Unresolved(items) = &state {
        let only_platform = !items.is_empty() && items.iter().all(|n| platform.contains(n));
        if only_platform {
            let pattern = vars_to_wildcards(&u.raw).to_ascii_lowercase();
            let before = ctx.model.stage_of(u.inst).unwrap_or(0);
            let is_stage = pattern.chars().any(|c| c != '*')
                && ctx
                    .model
                    .stages
                    .iter()
                    .take(before)
                    .filter_map(|s| s.name.as_deref())
                    .any(|n| glob(&pattern, n));
            if is_stage {
                return None;
            }
        }
    }
    Some(state)
}

/// The tag and digest of an image use, when they are certain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pinning {
    pub tag: Option<String>,
    pub digest: Option<String>,
    /// True when the reference still holds an unresolved ARG (in its registry or namespace
    /// part only: the last path component, with tag and digest, is literal).
    pub partial: bool,
    /// Why the reference is not valid, when it is not (`FROM REPLACE-ME`): tag and digest are
    /// then read leniently, as hadolint does.
    pub invalid: Option<String>,
}

/// Tag and digest of `u`: from the parsed reference, or, for a reference with an unresolved
/// ARG, from its last path component when that is literal text (`${REGISTRY}/nginx:1.27`: no
/// value of `REGISTRY` can change the tag). `None` when unknown or invalid.
pub fn pinning(u: &ImageUse, state: &RefState) -> Option<Pinning> {
    match state {
        RefState::Image(r) => Some(Pinning {
            tag: r.tag.clone(),
            digest: r.digest.clone(),
            partial: false,
            invalid: None,
        }),
        RefState::Invalid(e) => {
            let text = u.expanded.as_str();
            if text.is_empty() || text.contains('$') || text.chars().any(char::is_whitespace) {
                return None;
            }
            let (name, digest) = match text.split_once('@') {
                Some((n, d)) => (n, Some(d.to_string())),
                None => (text, None),
            };
            let tail = name.rsplit('/').next().unwrap_or(name);
            let tag = tail.split_once(':').map(|(_, t)| t.to_string());
            Some(Pinning { tag, digest, partial: false, invalid: Some(e.clone()) })
        }
        RefState::Unresolved(_) => {
            let (_, tail) = u.raw.rsplit_once('/')?;
            let literal = !tail.is_empty()
                && tail.chars().all(|c| {
                    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | ':' | '@' | '+')
                });
            if !literal {
                return None;
            }
            // Validate the tail with the real grammar under a placeholder registry.
            let r = ImageRef::parse(&format!("unresolved.invalid/{tail}")).ok()?;
            Some(Pinning { tag: r.tag, digest: r.digest, partial: true, invalid: None })
        }
    }
}

/// "`nginx`", or "`${BASE}` (= `nginx:1.27`)" when ARGs were expanded.
pub fn describe(u: &ImageUse, state: &RefState) -> String {
    let raw = quote(&u.raw);
    if u.raw != u.expanded && matches!(state, RefState::Image(_)) {
        format!("`{raw}` (= `{}`)", quote(&u.expanded))
    } else {
        format!("`{raw}`")
    }
}

/// " (not a valid reference either: …)" for an invalid reference.
pub fn invalid_note(p: &Pinning) -> String {
    match &p.invalid {
        Some(e) => format!(" (and it is not a valid reference: {})", quote(e)),
        None => String::new(),
    }
}

/// The reference text a fix should start from: the expanded reference when resolved, the
/// text as written otherwise.
pub fn shown_ref(u: &ImageUse, state: &RefState) -> String {
    match state {
        RefState::Image(_) | RefState::Invalid(_) => quote(&u.expanded),
        _ => quote(&u.raw),
    }
}

/// A hint for fixes when the repository name, tag or digest come from a variable (the last
/// path component holds a `$`): the fix belongs where the ARG gets its value.
pub fn arg_note(u: &ImageUse) -> &'static str {
    let tail = u.raw.rsplit('/').next().unwrap_or(&u.raw);
    if tail.contains('$') {
        " (set it where the ARG value comes from: its default or `--build-arg`)"
    } else {
        ""
    }
}

/// The name part of a reference (no tag, no digest), for fix suggestions.
pub fn name_part(reference: &str) -> &str {
    let no_digest = reference.split('@').next().unwrap_or(reference);
    let last_slash = no_digest.rfind('/').map_or(0, |i| i + 1);
    match no_digest.get(last_slash..).and_then(|t| t.rfind(':')) {
        Some(i) => no_digest.get(..last_slash + i).unwrap_or(no_digest),
        None => no_digest,
    }
}

/// The narrowest span for an image use: the image word for FROM and `COPY --from`, the value
/// of the `from=` option for `RUN --mount` (the helper gives the whole flag).
pub fn image_span(ctx: &DockerfileCtx, u: &ImageUse) -> Span {
    if u.via != "RUN --mount=from" {
        return u.span;
    }
    let text = ctx.df.slice(u.span);
    let lower = text.to_ascii_lowercase();
    // Look for `from=` at an option start (after `=` of `--mount` or after a `,`).
    let mut search = 0;
    while let Some(i) = lower.get(search..).and_then(|s| s.find("from=")).map(|i| i + search) {
        let at_option_start =
            i > 0 && matches!(lower.as_bytes().get(i - 1), Some(b',') | Some(b'=') | Some(b'"'));
        if at_option_start {
            let start = i + "from=".len();
            let end = lower[start..]
                .find([',', '"', ' ', '\t', '\n', '\r'])
                .map_or(lower.len(), |e| start + e);
            if end > start {
                return Span::new(u.span.start + start, u.span.start + end);
            }
            return u.span;
        }
        search = i + 5;
    }
    u.span
}

/// Findings on FROM carry every equivalent; other tools check only FROM, so their codes are
/// dropped for `COPY --from` and `RUN --mount=from` findings.
pub fn equivalents_for(u: &ImageUse, all: &[&'static str], from_only: &[&str]) -> Vec<String> {
    all.iter()
        .filter(|e| u.via == "FROM" || !from_only.contains(e))
        .map(|e| e.to_string())
        .collect()
}

/// Host names of Docker Hub, as they may appear in a trusted-registries pattern.
const HUB_NAMES: &[&str] =
    &["docker.io", "index.docker.io", "registry-1.docker.io", "hub.docker.com"];

/// Does `pattern` (an entry of `trusted-registries`) allow the image `r`?
///
/// - `registry.example.com`: that registry (any port when the pattern names none);
/// - `registry.example.com:5000`: that registry and port;
/// - `*.example.com`: any host under `example.com` (not `example.com` itself);
/// - `ghcr.io/acme/*`: repositories under `ghcr.io/acme/`; `ghcr.io/acme/app`: that repository;
/// - `docker.io` (also `hub.docker.com`, `index.docker.io`): Docker Hub, including images
///   named without a registry; `docker.io/library/*`: official images only;
/// - `bitnami/*` (first component neither a host nor a wildcard): Docker Hub paths;
/// - `*`: everything.
pub fn registry_pattern_matches(pattern: &str, r: &ImageRef) -> bool {
    let p = pattern.trim().trim_end_matches('/').to_ascii_lowercase();
    if p.is_empty() {
        return false;
    }
    if p == "*" {
        return true;
    }
    let (host_pat, path_pat) = match p.split_once('/') {
        Some((first, rest)) if is_host_like(first) => (first.to_string(), Some(rest.to_string())),
        Some(_) => ("docker.io".to_string(), Some(p.clone())),
        None => (p.clone(), None),
    };
    let host_pat =
        if HUB_NAMES.contains(&host_pat.as_str()) { "docker.io".to_string() } else { host_pat };
    let registry = r.registry_or_default().to_ascii_lowercase();
    let host = if has_port(&host_pat) { registry.as_str() } else { strip_port(&registry) };
    if !glob(&host_pat, host) {
        return false;
    }
    match path_pat {
        None => true,
        Some(pp) => {
            let pp = if host_pat == "docker.io" && !pp.contains('/') && !pp.contains('*') {
                format!("library/{pp}")
            } else {
                pp
            };
            glob(&pp, &r.normalized_path())
        }
    }
}

/// The first pattern of `patterns` that allows `r`.
pub fn trusted_by<'a>(patterns: &'a [String], r: &ImageRef) -> Option<&'a str> {
    patterns.iter().map(String::as_str).find(|p| registry_pattern_matches(p, r))
}

fn is_host_like(component: &str) -> bool {
    component.contains('.')
        || component.contains(':')
        || component.contains('*')
        || component == "localhost"
        || component.starts_with('[')
}

fn has_port(host: &str) -> bool {
    match host.rfind(']') {
        Some(i) => host[i..].contains(':'),
        None => host.contains(':'),
    }
}

fn strip_port(host: &str) -> &str {
    if let Some(i) = host.rfind(']') {
        return &host[..=i];
    }
    host.split(':').next().unwrap_or(host)
}

/// `*` matches any run of characters (also `.` and `/`), `?` one character.
fn glob(pattern: &str, s: &str) -> bool {
    dockward_dockerfile::expand::glob_match(pattern, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, r: &str) -> bool {
        registry_pattern_matches(p, &ImageRef::parse(r).expect("valid test reference"))
    }

    #[test]
    fn registry_patterns() {
        assert!(m("registry.example.com", "registry.example.com/app:1"));
        assert!(m("registry.example.com", "registry.example.com:5000/app:1"));
        assert!(m("Registry.Example.com", "registry.example.com/app"));
        assert!(!m("registry.example.com", "registry.example.com.evil.io/app"));
        assert!(!m("registry.example.com", "evilregistry.example.com/app"));
        assert!(m("registry.example.com:5000", "registry.example.com:5000/app"));
        assert!(!m("registry.example.com:5000", "registry.example.com:6000/app"));
        assert!(!m("registry.example.com:5000", "registry.example.com/app"));
        assert!(m("*.example.com", "a.example.com/app"));
        assert!(m("*.example.com", "a.b.example.com/x/y:1"));
        assert!(!m("*.example.com", "example.com/app"));
        assert!(!m("*.example.com", "a.example.com.evil.io/app"));
        assert!(m("ghcr.io/acme/*", "ghcr.io/acme/app:1"));
        assert!(m("ghcr.io/acme/*", "ghcr.io/acme/team/app:1"));
        assert!(!m("ghcr.io/acme/*", "ghcr.io/acme-evil/app:1"));
        assert!(!m("ghcr.io/acme/*", "ghcr.io/other/app:1"));
        assert!(m("ghcr.io/acme/app", "ghcr.io/acme/app:1"));
        assert!(!m("ghcr.io/acme/app", "ghcr.io/acme/app2:1"));
        assert!(m("docker.io", "nginx:1"));
        assert!(m("docker.io", "bitnami/redis:7"));
        assert!(m("docker.io", "index.docker.io/library/nginx"));
        assert!(m("hub.docker.com", "nginx"));
        assert!(!m("docker.io", "ghcr.io/x/y"));
        assert!(m("docker.io/library/*", "nginx:1"));
        assert!(m("docker.io/library/*", "docker.io/library/nginx:1"));
        assert!(!m("docker.io/library/*", "bitnami/redis:7"));
        assert!(m("docker.io/nginx", "nginx:1"));
        assert!(m("bitnami/*", "bitnami/redis:7"));
        assert!(!m("bitnami/*", "nginx"));
        assert!(m("*", "quay.io/x/y"));
        assert!(!m("", "nginx"));
        assert!(m("localhost:5000", "localhost:5000/app"));
        assert!(m("localhost", "localhost:5000/app"));
        assert!(m("[::1]", "[::1]:5000/app"));
    }

    #[test]
    fn variables() {
        assert_eq!(referenced_vars("a-${TARGETOS}$X${Y:-$Z}"), vec!["TARGETOS", "X", "Y", "Z"]);
        assert_eq!(vars_to_wildcards("runc-${TARGETOS}"), "runc-*");
        assert_eq!(vars_to_wildcards("b-$TARGETOS${D:+-debug}"), "b-**");
        assert_eq!(vars_to_wildcards("${A:-${B}}x"), "*x");
        assert_eq!(vars_to_wildcards("${"), "*");
        assert_eq!(vars_to_wildcards("é$"), "é*");
    }

    #[test]
    fn name_parts() {
        assert_eq!(name_part("nginx"), "nginx");
        assert_eq!(name_part("nginx:1.2"), "nginx");
        assert_eq!(name_part("localhost:5000/app:1"), "localhost:5000/app");
        assert_eq!(name_part("localhost:5000/app"), "localhost:5000/app");
        assert_eq!(name_part("a/b@sha256:00"), "a/b");
    }

    #[test]
    fn quoting_is_bounded() {
        let long = "é".repeat(500);
        assert!(quote(&long).chars().count() <= QUOTE_MAX_CHARS + 1);
    }
}
