//! Image references (`nginx`, `nginx:1.25`, `ghcr.io/owner/repo@sha256:…`).
//!
//! The grammar is the one of `github.com/distribution/reference` as Docker applies it
//! (`ParseNormalizedNamed`):
//!
//! ```text
//! reference  := name [ ":" tag ] [ "@" digest ]
//! name       := [ registry "/" ] path
//! registry   := host [ ":" port ]            host: DNS name, IPv4 or "[" IPv6 "]"
//! path       := component ( "/" component )*
//! component  := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
//! tag        := [A-Za-z0-9_] [A-Za-z0-9_.-]{0,127}
//! digest     := algorithm ":" hex            e.g. sha256 + 64 lower-case hex digits
//! ```
//!
//! The first path component is a registry only when it contains `.` or `:` or is `localhost`
//! (Docker's rule; `bitnami/redis` is a Docker Hub user, `ghcr.io/x/y` names a registry).
//! Nothing is normalised on parse: the fields keep what was written so that findings can quote
//! the user's text; the normalised views (`docker.io/library/nginx`, `nginx`) are methods.
//!
//! Parsing never panics: every split happens at an ASCII delimiter found in the input, and
//! non-ASCII input is rejected before any structural work.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// The registry Docker uses when a reference names none.
pub const DOCKER_HUB: &str = "docker.io";

/// Host names that Docker treats as Docker Hub. `index.docker.io` is the legacy name that
/// `distribution/reference` rewrites to `docker.io`; `registry-1.docker.io` is the API endpoint
/// behind it, which people paste from logs.
const DOCKER_HUB_ALIASES: &[&str] = &[DOCKER_HUB, "index.docker.io", "registry-1.docker.io"];

/// Maximum length of `[registry/]path` (`NameTotalLengthMax` in distribution/reference).
const NAME_MAX_LEN: usize = 255;

/// Maximum length of a tag (the grammar allows 1 + 127 characters).
const TAG_MAX_LEN: usize = 128;

/// How much of the offending input an error message quotes; references come from untrusted
/// files, so an error must not drag a megabyte of garbage into a report.
const ERROR_QUOTE_MAX_CHARS: usize = 120;

/// A parsed image reference. Fields hold the text as written; use the methods for the
/// normalised forms Docker resolves them to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ImageRef {
    /// The reference exactly as given to [`ImageRef::parse`].
    pub raw: String,
    /// The registry host (and port) as written, `None` when the reference names none.
    pub registry: Option<String>,
    /// The repository path as written: `nginx`, `bitnami/redis`, `library/nginx`.
    pub path: String,
    /// The tag, without the `:`.
    pub tag: Option<String>,
    /// The digest, without the `@`: `sha256:…`.
    pub digest: Option<String>,
}

impl ImageRef {
    /// Parses an image reference the way `docker pull` does.
    ///
    /// The input is not trimmed: surrounding whitespace is an error, because Docker rejects it
    /// too and silently accepting it would hide a broken Dockerfile or Compose file.
    pub fn parse(s: &str) -> Result<ImageRef, ImageRefError> {
        let err = |kind| ImageRefError::new(s, kind);

        if s.is_empty() {
            return Err(err(ErrorKind::Empty));
        }
        check_characters(s).map_err(err)?;

        // A 64-hex string alone is an image ID, not a repository (Docker refuses it so that
        // `docker run <id>` can never be confused with a Hub repository of that name).
        if s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            return Err(err(ErrorKind::HexIdentifier));
        }

        // The digest is everything after the first `@`; a second `@` makes the digest invalid.
        let (name_and_tag, digest) = match s.split_once('@') {
            Some((before, after)) => (before, Some(after)),
            None => (s, None),
        };
        if let Some(digest) = digest {
            check_digest(digest).map_err(err)?;
        }

        // The tag is after the last `:` of the last path component, so that the `:` of a
        // registry port (`localhost:5000/app`) is never mistaken for a tag separator.
        let last_component_start = name_and_tag.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match name_and_tag[last_component_start..].rfind(':') {
            Some(i) => {
                let colon = last_component_start + i;
                (&name_and_tag[..colon], Some(&name_and_tag[colon + 1..]))
            }
            None => (name_and_tag, None),
        };
        if name.is_empty() {
            return Err(err(ErrorKind::MissingName));
        }
        if let Some(tag) = tag {
            check_tag(tag).map_err(err)?;
        }

        let (registry, path) = split_registry(name);
        if let Some(registry) = registry {
            check_registry(registry).map_err(err)?;
        }
        check_path(path).map_err(err)?;
        if name.len() > NAME_MAX_LEN {
            return Err(err(ErrorKind::NameTooLong(name.len())));
        }

        Ok(ImageRef {
            raw: s.to_owned(),
            registry: registry.map(str::to_owned),
            path: path.to_owned(),
            tag: tag.map(str::to_owned),
            digest: digest.map(str::to_owned),
        })
    }

    /// The registry Docker contacts: the one written, or `docker.io` when none is written.
    /// Docker Hub's other host names (`index.docker.io`, `registry-1.docker.io`) are reported as
    /// `docker.io` so that trusted-registry lists need only one entry for the Hub.
    pub fn registry_or_default(&self) -> &str {
        match &self.registry {
            None => DOCKER_HUB,
            Some(r) if is_docker_hub_host(r) => DOCKER_HUB,
            Some(r) => r,
        }
    }

    /// True when the image comes from Docker Hub (no registry, or a Docker Hub host name).
    pub fn is_docker_hub(&self) -> bool {
        self.registry.as_deref().is_none_or(is_docker_hub_host)
    }

    /// The repository path Docker resolves: a single-component Docker Hub name gets the
    /// `library/` namespace of official images (`nginx` → `library/nginx`).
    pub fn normalized_path(&self) -> Cow<'_, str> {
        if self.is_docker_hub() && !self.path.contains('/') {
            Cow::Owned(format!("library/{}", self.path))
        } else {
            Cow::Borrowed(&self.path)
        }
    }

    /// True for Docker Official Images: Docker Hub, namespace `library`.
    pub fn is_official(&self) -> bool {
        self.is_docker_hub()
            && self
                .normalized_path()
                .strip_prefix("library/")
                .is_some_and(|rest| !rest.contains('/'))
    }

    /// The short name users type and `docker images` shows: `nginx`, `bitnami/redis`,
    /// `ghcr.io/x/y`. Docker Hub's host and `library/` namespace are dropped; other registries
    /// are kept as written. Tag and digest are not included.
    pub fn familiar_name(&self) -> String {
        if self.is_docker_hub() {
            let path = self.normalized_path();
            match path.strip_prefix("library/") {
                Some(rest) if !rest.contains('/') => rest.to_owned(),
                _ => path.into_owned(),
            }
        } else {
            format!("{}/{}", self.registry_or_default(), self.path)
        }
    }

    /// The fully qualified repository name: `docker.io/library/nginx`, `ghcr.io/x/y`.
    /// Tag and digest are not included.
    pub fn full_name(&self) -> String {
        format!("{}/{}", self.registry_or_default(), self.normalized_path())
    }

    /// The tag, or `latest` when none is written (what Docker pulls when there is no digest
    /// either; with a digest the digest alone decides what is pulled).
    pub fn tag_or_latest(&self) -> &str {
        self.tag.as_deref().unwrap_or("latest")
    }

    /// True for `scratch`, the reserved empty base image of Dockerfiles. Only the bare word
    /// counts: BuildKit pulls `scratch:latest` or `docker.io/library/scratch` like any image.
    pub fn is_scratch(&self) -> bool {
        self.registry.is_none()
            && self.path == "scratch"
            && self.tag.is_none()
            && self.digest.is_none()
    }
}

impl fmt::Display for ImageRef {
    /// The reference as written, so that messages quote exactly what the user wrote.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

impl FromStr for ImageRef {
    type Err = ImageRefError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ImageRef::parse(s)
    }
}

/// Why a string is not a valid image reference. `Display` gives a message fit for a finding
/// or an input error, quoting (a bounded prefix of) the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRefError {
    input: String,
    kind: ErrorKind,
}

/// The kinds of [`ImageRefError`], for callers that branch on the cause.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The reference is empty.
    Empty,
    /// Whitespace or a control character at the given byte offset.
    Whitespace { offset: usize },
    /// A character that no part of a reference may contain (`$`, `!`, non-ASCII, …).
    InvalidCharacter { ch: char, offset: usize },
    /// Only a tag and/or digest, no repository (`:1.0`, `@sha256:…`).
    MissingName,
    /// A 64-hex string, which Docker reserves for image IDs.
    HexIdentifier,
    /// The registry part is not `host[:port]`.
    InvalidRegistry(String),
    /// A repository path component has upper-case letters.
    Uppercase(String),
    /// A repository path component contains a `:` (more than one tag, as in `a:b:c`).
    ExtraColon(String),
    /// A repository path component is empty or breaks the component grammar.
    InvalidPathComponent(String),
    /// The tag is empty, too long or has characters outside `[A-Za-z0-9_.-]`.
    InvalidTag(String),
    /// The digest is malformed or uses an algorithm Docker does not support.
    InvalidDigest { digest: String, reason: &'static str },
    /// `[registry/]path` is longer than 255 characters.
    NameTooLong(usize),
}

impl ImageRefError {
    fn new(input: &str, kind: ErrorKind) -> Self {
        ImageRefError { input: input.to_owned(), kind }
    }

    /// The cause of the error.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The rejected input, in full.
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl fmt::Display for ImageRefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid image reference \"{}\": ", quote(&self.input))?;
        match &self.kind {
            ErrorKind::Empty => f.write_str("empty reference"),
            ErrorKind::Whitespace { offset } => {
                write!(f, "contains whitespace or a control character at byte {offset}")
            }
            ErrorKind::InvalidCharacter { ch: '$', offset } => write!(
                f,
                "contains '$' at byte {offset} (an unexpanded variable?); \
                 only [a-zA-Z0-9._/:@-] may appear"
            ),
            ErrorKind::InvalidCharacter { ch, offset } => write!(
                f,
                "invalid character {ch:?} at byte {offset}; only [a-zA-Z0-9._/:@-] may appear"
            ),
            ErrorKind::MissingName => f.write_str("no repository name before the tag or digest"),
            ErrorKind::HexIdentifier => f.write_str(
                "a 64-character hexadecimal string is an image ID, not a repository name",
            ),
            ErrorKind::InvalidRegistry(r) => write!(
                f,
                "registry \"{}\" is not a host name, IPv4 or [IPv6] address with an optional :port",
                quote(r)
            ),
            ErrorKind::Uppercase(c) => {
                write!(f, "repository name must be lowercase (component \"{}\")", quote(c))
            }
            ErrorKind::ExtraColon(c) => write!(
                f,
                "unexpected ':' in repository name component \"{}\" (only one tag is allowed, \
                 after the last ':')",
                quote(c)
            ),
            ErrorKind::InvalidPathComponent(c) if c.is_empty() => {
                f.write_str("empty repository name component (leading, trailing or double '/')")
            }
            ErrorKind::InvalidPathComponent(c) => write!(
                f,
                "invalid repository name component \"{}\" (lowercase letters and digits, \
                 separated by '.', '_', '__' or dashes)",
                quote(c)
            ),
            ErrorKind::InvalidTag(t) if t.is_empty() => f.write_str("empty tag after ':'"),
            ErrorKind::InvalidTag(t) => write!(
                f,
                "invalid tag \"{}\" (at most {TAG_MAX_LEN} characters of [A-Za-z0-9_.-], \
                 not starting with '.' or '-')",
                quote(t)
            ),
            ErrorKind::InvalidDigest { digest, reason } => {
                write!(f, "invalid digest \"{}\": {reason}", quote(digest))
            }
            ErrorKind::NameTooLong(len) => {
                write!(f, "repository name is {len} characters long (at most {NAME_MAX_LEN})")
            }
        }
    }
}

impl std::error::Error for ImageRefError {}

/// A bounded, char-boundary-safe prefix of `s` for error messages.
fn quote(s: &str) -> Cow<'_, str> {
    match s.char_indices().nth(ERROR_QUOTE_MAX_CHARS) {
        Some((cut, _)) => Cow::Owned(format!("{}…", &s[..cut])),
        None => Cow::Borrowed(s),
    }
}

fn is_docker_hub_host(host: &str) -> bool {
    DOCKER_HUB_ALIASES.iter().any(|alias| host.eq_ignore_ascii_case(alias))
}

/// Rejects anything outside the reference alphabet up front, so that later steps can work on
/// ASCII only. `[`/`]` are for IPv6 registries, `+` for digest algorithm names.
fn check_characters(s: &str) -> Result<(), ErrorKind> {
    for (offset, ch) in s.char_indices() {
        if ch.is_whitespace() || ch.is_control() {
            return Err(ErrorKind::Whitespace { offset });
        }
        let allowed = ch.is_ascii_alphanumeric()
            || matches!(ch, '.' | '_' | '-' | '/' | ':' | '@' | '[' | ']' | '+');
        if !allowed {
            return Err(ErrorKind::InvalidCharacter { ch, offset });
        }
    }
    Ok(())
}

/// Docker's rule for telling a registry from a Docker Hub namespace: the first component is a
/// registry when it contains `.` or `:` or is exactly `localhost`.
fn split_registry(name: &str) -> (Option<&str>, &str) {
    match name.split_once('/') {
        Some((first, rest)) if first.contains(['.', ':']) || first == "localhost" => {
            (Some(first), rest)
        }
        _ => (None, name),
    }
}

/// `host[:port]` where host is a DNS name, an IPv4 address or a bracketed IPv6 address.
fn check_registry(registry: &str) -> Result<(), ErrorKind> {
    let invalid = || ErrorKind::InvalidRegistry(registry.to_owned());

    let (host_ok, port) = if let Some(rest) = registry.strip_prefix('[') {
        // IPv6: hex digits and colons (a dotted IPv4 tail is allowed, as in `::ffff:1.2.3.4`).
        let (addr, after) = rest.split_once(']').ok_or_else(invalid)?;
        let addr_ok = addr.contains(':')
            && addr.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':').ok_or_else(invalid)?),
        };
        (addr_ok, port)
    } else {
        let (host, port) = match registry.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (registry, None),
        };
        (!host.is_empty() && host.split('.').all(is_domain_label), port)
    };

    let port_ok = port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if host_ok && port_ok { Ok(()) } else { Err(invalid()) }
}

/// A DNS label as distribution/reference accepts it: alphanumerics and inner dashes.
fn is_domain_label(label: &str) -> bool {
    !label.is_empty()
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn check_path(path: &str) -> Result<(), ErrorKind> {
    for component in path.split('/') {
        if component.contains(':') {
            return Err(ErrorKind::ExtraColon(component.to_owned()));
        }
        // Upper case gets its own message: it is by far the most common mistake.
        if component.bytes().any(|b| b.is_ascii_uppercase()) {
            return Err(ErrorKind::Uppercase(component.to_owned()));
        }
        if !is_path_component(component) {
            return Err(ErrorKind::InvalidPathComponent(component.to_owned()));
        }
    }
    Ok(())
}

/// `[a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*`
fn is_path_component(component: &str) -> bool {
    let bytes = component.as_bytes();
    let is_alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    if !is_alnum(first) || !is_alnum(last) {
        return false;
    }
    // Every run of non-alphanumerics between two alphanumeric runs must be a valid separator.
    bytes
        .split(is_alnum)
        .filter(|run| !run.is_empty())
        .all(|sep| matches!(sep, b"." | b"_" | b"__") || sep.iter().all(|&b| b == b'-'))
}

fn check_tag(tag: &str) -> Result<(), ErrorKind> {
    let bytes = tag.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let valid = bytes.len() <= TAG_MAX_LEN
        && bytes.first().is_some_and(|&b| is_word(b))
        && bytes.iter().all(|&b| is_word(b) || b == b'.' || b == b'-');
    if valid { Ok(()) } else { Err(ErrorKind::InvalidTag(tag.to_owned())) }
}

/// `algorithm:hex`. The algorithm must be one Docker can verify (go-digest registers sha256,
/// sha384 and sha512) and the hex part must have that algorithm's length, in lower case.
fn check_digest(digest: &str) -> Result<(), ErrorKind> {
    let invalid = |reason| ErrorKind::InvalidDigest { digest: digest.to_owned(), reason };

    let Some((algorithm, hex)) = digest.split_once(':') else {
        return Err(invalid("expected <algorithm>:<hex>, e.g. sha256:<64 hex digits>"));
    };
    let algorithm_well_formed = algorithm.split(['+', '.', '_', '-']).all(|part| {
        part.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
            && part.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    if !algorithm_well_formed {
        return Err(invalid("malformed algorithm name"));
    }
    let expected_len = match algorithm {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => return Err(invalid("unsupported algorithm (sha256, sha384 or sha512)")),
    };
    if !hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        return Err(invalid("the hash must be lower-case hexadecimal"));
    }
    if hex.len() != expected_len {
        return Err(match expected_len {
            64 => invalid("a sha256 hash has 64 hexadecimal digits"),
            96 => invalid("a sha384 hash has 96 hexadecimal digits"),
            _ => invalid("a sha512 hash has 128 hexadecimal digits"),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn parse(s: &str) -> ImageRef {
        match ImageRef::parse(s) {
            Ok(r) => r,
            Err(e) => panic!("{s:?} should parse: {e}"),
        }
    }

    fn parse_err(s: &str) -> ImageRefError {
        match ImageRef::parse(s) {
            Ok(r) => panic!("{s:?} should not parse, got {r:?}"),
            Err(e) => e,
        }
    }

    fn parts(r: &ImageRef) -> (Option<&str>, &str, Option<&str>, Option<&str>) {
        (r.registry.as_deref(), r.path.as_str(), r.tag.as_deref(), r.digest.as_deref())
    }

    #[test]
    fn bare_official_name() {
        let r = parse("nginx");
        assert_eq!(parts(&r), (None, "nginx", None, None));
        assert_eq!(r.registry_or_default(), "docker.io");
        assert_eq!(r.normalized_path(), "library/nginx");
        assert!(r.is_docker_hub());
        assert!(r.is_official());
        assert_eq!(r.familiar_name(), "nginx");
        assert_eq!(r.full_name(), "docker.io/library/nginx");
        assert_eq!(r.tag_or_latest(), "latest");
        assert_eq!(r.to_string(), "nginx");
        assert!(!r.is_scratch());
    }

    #[test]
    fn tagged() {
        let r = parse("nginx:1.25");
        assert_eq!(parts(&r), (None, "nginx", Some("1.25"), None));
        assert_eq!(r.tag_or_latest(), "1.25");
        assert_eq!(r.familiar_name(), "nginx");
        assert_eq!(r.to_string(), "nginx:1.25");
    }

    #[test]
    fn digest_only() {
        let s = format!("nginx@sha256:{HEX}");
        let r = parse(&s);
        let digest = format!("sha256:{HEX}");
        assert_eq!(parts(&r), (None, "nginx", None, Some(digest.as_str())));
        assert_eq!(r.to_string(), s);
        assert!(r.is_official());
    }

    #[test]
    fn tag_and_digest() {
        let r = parse(&format!("nginx:1.25@sha256:{HEX}"));
        let digest = format!("sha256:{HEX}");
        assert_eq!(parts(&r), (None, "nginx", Some("1.25"), Some(digest.as_str())));
    }

    #[test]
    fn localhost_with_port() {
        let r = parse("localhost:5000/app:1");
        assert_eq!(parts(&r), (Some("localhost:5000"), "app", Some("1"), None));
        assert!(!r.is_docker_hub());
        assert!(!r.is_official());
        assert_eq!(r.normalized_path(), "app");
        assert_eq!(r.familiar_name(), "localhost:5000/app");
        assert_eq!(r.full_name(), "localhost:5000/app");
    }

    #[test]
    fn localhost_without_port_is_a_registry() {
        let r = parse("localhost/app");
        assert_eq!(parts(&r), (Some("localhost"), "app", None, None));
    }

    #[test]
    fn registry_with_port_and_nested_path() {
        let r = parse("registry.example.com:443/team/app");
        assert_eq!(parts(&r), (Some("registry.example.com:443"), "team/app", None, None));
        assert_eq!(r.registry_or_default(), "registry.example.com:443");
        assert_eq!(r.full_name(), "registry.example.com:443/team/app");
    }

    #[test]
    fn ghcr() {
        let r = parse("ghcr.io/owner/repo:tag");
        assert_eq!(parts(&r), (Some("ghcr.io"), "owner/repo", Some("tag"), None));
        assert_eq!(r.familiar_name(), "ghcr.io/owner/repo");
        assert_eq!(r.full_name(), "ghcr.io/owner/repo");
        assert!(!r.is_official());
    }

    #[test]
    fn fully_qualified_docker_hub() {
        let r = parse("docker.io/library/nginx:latest");
        assert_eq!(parts(&r), (Some("docker.io"), "library/nginx", Some("latest"), None));
        assert!(r.is_docker_hub());
        assert!(r.is_official());
        assert_eq!(r.normalized_path(), "library/nginx");
        assert_eq!(r.familiar_name(), "nginx");
        assert_eq!(r.full_name(), "docker.io/library/nginx");
    }

    #[test]
    fn legacy_hub_host_names_normalise() {
        let r = parse("index.docker.io/nginx");
        assert_eq!(parts(&r), (Some("index.docker.io"), "nginx", None, None));
        assert_eq!(r.registry_or_default(), "docker.io");
        assert_eq!(r.normalized_path(), "library/nginx");
        assert!(r.is_official());
        assert_eq!(r.familiar_name(), "nginx");
        assert_eq!(r.full_name(), "docker.io/library/nginx");

        let r = parse("registry-1.docker.io/bitnami/redis:7.2");
        assert_eq!(r.registry_or_default(), "docker.io");
        assert_eq!(r.familiar_name(), "bitnami/redis");
        assert!(!r.is_official());
    }

    #[test]
    fn hub_user_namespace() {
        let r = parse("bitnami/redis:7.2");
        assert_eq!(parts(&r), (None, "bitnami/redis", Some("7.2"), None));
        assert!(r.is_docker_hub());
        assert!(!r.is_official());
        assert_eq!(r.normalized_path(), "bitnami/redis");
        assert_eq!(r.familiar_name(), "bitnami/redis");
        assert_eq!(r.full_name(), "docker.io/bitnami/redis");
    }

    #[test]
    fn library_prefix_written_out() {
        let r = parse("library/nginx");
        assert_eq!(parts(&r), (None, "library/nginx", None, None));
        assert!(r.is_official());
        assert_eq!(r.familiar_name(), "nginx");
        assert_eq!(r.full_name(), "docker.io/library/nginx");
    }

    #[test]
    fn mcr_and_quay() {
        let r = parse("mcr.microsoft.com/windows/servercore:ltsc2022");
        assert_eq!(
            parts(&r),
            (Some("mcr.microsoft.com"), "windows/servercore", Some("ltsc2022"), None)
        );
        assert_eq!(r.familiar_name(), "mcr.microsoft.com/windows/servercore");

        let r = parse("quay.io/centos/centos:stream9");
        assert_eq!(parts(&r), (Some("quay.io"), "centos/centos", Some("stream9"), None));
        assert_eq!(r.familiar_name(), "quay.io/centos/centos");
    }

    #[test]
    fn ip_registries() {
        let r = parse("10.0.0.1:5000/app:v2");
        assert_eq!(parts(&r), (Some("10.0.0.1:5000"), "app", Some("v2"), None));
        let r = parse("[::1]:5000/app");
        assert_eq!(parts(&r), (Some("[::1]:5000"), "app", None, None));
        let r = parse("[fe80::1]/app");
        assert_eq!(r.registry.as_deref(), Some("[fe80::1]"));
    }

    #[test]
    fn colon_without_slash_is_a_tag() {
        // As in Docker, `localhost:5000` alone is repository `localhost` with tag `5000`.
        let r = parse("localhost:5000");
        assert_eq!(parts(&r), (None, "localhost", Some("5000"), None));
    }

    #[test]
    fn separators_in_components() {
        for ok in ["a.b", "a_b", "a__b", "a-b", "a---b", "a1/b-2/c_3.d", "0", "my.app__x--y"] {
            parse(ok);
        }
        for bad in ["a..b", "a___b", "a.-b", "-a", "a-", "_a", "a_", ".a"] {
            assert!(matches!(parse_err(bad).kind(), ErrorKind::InvalidPathComponent(_)), "{bad}");
        }
    }

    #[test]
    fn uppercase_is_an_error() {
        let e = parse_err("UPPER/case");
        assert_eq!(e.kind(), &ErrorKind::Uppercase("UPPER".into()));
        assert!(e.to_string().contains("must be lowercase"), "{e}");
        assert!(matches!(parse_err("Nginx").kind(), ErrorKind::Uppercase(_)));
        assert!(matches!(parse_err("ghcr.io/Owner/repo").kind(), ErrorKind::Uppercase(_)));
        // Upper case is fine in registries and tags.
        parse("Registry.Example.com/app:V1_Final");
    }

    #[test]
    fn two_tags_is_an_error() {
        let e = parse_err("a:b:c");
        assert_eq!(e.kind(), &ErrorKind::ExtraColon("a:b".into()));
        assert!(e.to_string().contains("only one tag"), "{e}");
    }

    #[test]
    fn empty_and_missing_name() {
        assert_eq!(parse_err("").kind(), &ErrorKind::Empty);
        assert_eq!(parse_err(":tag").kind(), &ErrorKind::MissingName);
        assert_eq!(parse_err(&format!("@sha256:{HEX}")).kind(), &ErrorKind::MissingName);
        assert!(parse_err(":tag").to_string().contains("no repository name"));
    }

    #[test]
    fn empty_components_and_tags() {
        assert!(
            matches!(parse_err("nginx/").kind(), ErrorKind::InvalidPathComponent(c) if c.is_empty())
        );
        assert!(
            matches!(parse_err("a//b").kind(), ErrorKind::InvalidPathComponent(c) if c.is_empty())
        );
        assert!(matches!(parse_err("/nginx").kind(), ErrorKind::InvalidPathComponent(_)));
        assert_eq!(parse_err("nginx:").kind(), &ErrorKind::InvalidTag(String::new()));
        assert!(parse_err("nginx:").to_string().contains("empty tag"));
    }

    #[test]
    fn whitespace_and_bad_characters() {
        assert_eq!(parse_err("nginx latest").kind(), &ErrorKind::Whitespace { offset: 5 });
        assert_eq!(parse_err(" nginx").kind(), &ErrorKind::Whitespace { offset: 0 });
        assert_eq!(parse_err("nginx\n").kind(), &ErrorKind::Whitespace { offset: 5 });
        assert_eq!(parse_err("nginx\u{0}").kind(), &ErrorKind::Whitespace { offset: 5 });
        let e = parse_err("node:${NODE_VERSION}");
        assert_eq!(e.kind(), &ErrorKind::InvalidCharacter { ch: '$', offset: 5 });
        assert!(e.to_string().contains("unexpanded variable"), "{e}");
        assert!(matches!(parse_err("ngïnx").kind(), ErrorKind::InvalidCharacter { ch: 'ï', .. }));
        assert!(matches!(parse_err("nginx:1.0!").kind(), ErrorKind::InvalidCharacter { .. }));
    }

    #[test]
    fn bad_tags() {
        assert!(matches!(parse_err("nginx:.hidden").kind(), ErrorKind::InvalidTag(_)));
        assert!(matches!(parse_err("nginx:-x").kind(), ErrorKind::InvalidTag(_)));
        let long = format!("nginx:{}", "a".repeat(129));
        assert!(matches!(parse_err(&long).kind(), ErrorKind::InvalidTag(_)));
        parse(&format!("nginx:{}", "a".repeat(128)));
        parse("nginx:_private");
        // A `[` belongs only in an IPv6 registry.
        assert!(matches!(parse_err("nginx:[1]").kind(), ErrorKind::InvalidTag(_)));
    }

    #[test]
    fn bad_digests() {
        let cases = [
            "nginx@sha256:abc".to_owned(),
            format!("nginx@sha256:{}", HEX.to_uppercase()),
            format!("nginx@md5:{HEX}"),
            format!("nginx@{HEX}"),
            format!("nginx@sha256:{HEX}@sha256:{HEX}"),
            format!("nginx@1sha:{HEX}"),
            "nginx@".to_owned(),
        ];
        for case in &cases {
            let e = parse_err(case);
            assert!(matches!(e.kind(), ErrorKind::InvalidDigest { .. }), "{case}: {e:?}");
            assert!(e.to_string().contains("invalid digest"), "{e}");
        }
        parse(&format!("nginx@sha512:{HEX}{HEX}"));
    }

    #[test]
    fn bad_registries() {
        for bad in [
            "-bad.com/app",
            "bad-.com/app",
            "a..b.com/app",
            "host:port/app",
            "host:/app",
            "[::1/app",
            "[zz::1]/app",
            "[::1]x/app",
        ] {
            let e = parse_err(bad);
            assert!(matches!(e.kind(), ErrorKind::InvalidRegistry(_)), "{bad}: {e:?}");
        }
    }

    #[test]
    fn hex_identifier_is_not_a_name() {
        assert_eq!(parse_err(HEX).kind(), &ErrorKind::HexIdentifier);
        // With a registry or tag it is an ordinary (if odd) repository name.
        parse(&format!("{HEX}:1"));
    }

    #[test]
    fn name_length_limit() {
        let ok = format!("a/{}", "b".repeat(253));
        parse(&ok);
        let too_long = format!("a/{}", "b".repeat(254));
        assert_eq!(parse_err(&too_long).kind(), &ErrorKind::NameTooLong(256));
    }

    #[test]
    fn scratch() {
        assert!(parse("scratch").is_scratch());
        assert!(!parse("scratch:latest").is_scratch());
        assert!(!parse("docker.io/library/scratch").is_scratch());
        assert!(!parse("scratchy").is_scratch());
    }

    #[test]
    fn from_str_and_error_quoting() {
        let r: ImageRef = "alpine:3.20".parse().expect("valid");
        assert_eq!(r.tag.as_deref(), Some("3.20"));
        // Long garbage is quoted only in part, and cut on a character boundary.
        let garbage = format!("{}é{}", "A".repeat(119), "x y".repeat(1000));
        let message = parse_err(&garbage).to_string();
        assert!(message.len() < 400, "{message}");
        assert_eq!(parse_err(&garbage).input(), garbage);
    }

    #[test]
    fn never_panics_on_odd_input() {
        let odd = [
            "@",
            ":",
            "/",
            "//",
            ":@",
            "@:",
            "a@",
            "a:@",
            "[",
            "]",
            "[]",
            "[]/a",
            "a/[",
            "é",
            "é:é",
            "a/b:c/d",
            "a:b/c",
            "localhost:/a",
            "a@sha256:",
            "🦀/🦀:🦀",
        ];
        for s in odd {
            let _ = ImageRef::parse(s);
        }
        // `a:b/c` is registry `a:b` with a non-numeric port.
        assert!(matches!(parse_err("a:b/c").kind(), ErrorKind::InvalidRegistry(_)));
        // A tag is only looked for in the last component; `a/b:c/d` has a colon in a path component.
        assert!(matches!(parse_err("a/b:c/d").kind(), ErrorKind::ExtraColon(_)));
    }
}
