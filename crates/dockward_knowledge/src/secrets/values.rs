//! Is a value a literal secret, or obviously not one (reference, file, placeholder …)?

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// `${NAME}` with an optional operator and word: `${NAME:-default}`, `${NAME-default}`,
/// `${NAME:=default}`, `${NAME:+alt}`, `${NAME:?error}` (POSIX shell, Dockerfile and Compose
/// interpolation).
static BRACED_DEFAULT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\$\{[A-Za-z_][A-Za-z0-9_]*(?::?([-=+?]))(.*)\}$").expect("valid regex")
});

/// `%s`, `%(password)s`, `%PASSWORD%` (printf / Python / Windows placeholders), `@PASSWORD@`
/// (autoconf), `__PASSWORD__` (token-replacement tools).
static TEMPLATE_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:%(?:\([A-Za-z0-9_]+\))?[sdrv]|%[A-Za-z_][A-Za-z0-9_]*%|@[A-Za-z_][A-Za-z0-9_]*@|__[A-Za-z0-9_]+__)$",
    )
    .expect("valid regex")
});

/// Values that stand for "nothing" or are a boolean/flag rather than a credential.
const NULLISH: &[&str] = &[
    "none",
    "null",
    "nil",
    "undefined",
    "undef",
    "false",
    "true",
    "yes",
    "no",
    "on",
    "off",
    "empty",
    "unset",
    "n/a",
    "na",
    "tbd",
    "todo",
    "fixme",
    "placeholder",
    "dummy",
    "redacted",
    "hidden",
    "masked",
    "omitted",
    "0",
    "1",
    "~",
];

/// File extensions that make a bare value a file name (`secret.txt`, `certs/client.key`).
const FILE_EXTENSIONS: &[&str] = &[
    "txt",
    "pem",
    "key",
    "crt",
    "cer",
    "der",
    "p8",
    "p12",
    "pfx",
    "jks",
    "keystore",
    "json",
    "yaml",
    "yml",
    "env",
    "gpg",
    "asc",
    "pub",
    "conf",
    "cfg",
    "ini",
    "properties",
];

/// Prefixes of public-key material (not secrets even under a credential-shaped name).
const PUBLIC_MATERIAL_PREFIXES: &[&str] = &[
    "ssh-rsa ",
    "ssh-dss ",
    "ssh-ed25519 ",
    "ecdsa-sha2-",
    "sk-ssh-ed25519@",
    "sk-ecdsa-sha2-",
    "-----BEGIN PUBLIC KEY-----",
    "-----BEGIN RSA PUBLIC KEY-----",
    "-----BEGIN CERTIFICATE-----",
    "-----BEGIN PGP PUBLIC KEY BLOCK-----",
];

/// Strips one pair of matching surrounding quotes and surrounding whitespace; returns the byte
/// range of the inner text within `value`.
pub(super) fn unquote(value: &str) -> Range<usize> {
    let start = value.len() - value.trim_start().len();
    let end = value.trim_end().len();
    if start >= end {
        return start..start;
    }
    let inner = &value[start..end];
    let bytes = inner.as_bytes();
    if bytes.len() >= 2 {
        let (first, last) = (bytes[0], bytes[bytes.len() - 1]);
        if first == last && (first == b'"' || first == b'\'') {
            // Both ends are ASCII quotes, so these offsets are char boundaries.
            return start + 1..end - 1;
        }
    }
    start..end
}

/// Does the value contain a shell/Dockerfile/Compose reference (`$NAME`, `${NAME}`, `$(cmd)`,
/// `` `cmd` ``)? Docker and Compose expand those, so the literal text is not the credential.
/// `$$` (Compose escape) and `\$` (Dockerfile/shell escape) are literal dollars.
pub(super) fn has_reference(value: &str) -> bool {
    if value.contains('`') {
        return true;
    }
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'$' => match bytes.get(i + 1) {
                Some(b'$') => i += 2,
                Some(b'{') | Some(b'(') => return true,
                Some(&c) if c == b'_' || c.is_ascii_alphabetic() => return true,
                _ => i += 1,
            },
            _ => i += 1,
        }
    }
    false
}

/// Does the value point to a file rather than contain a secret?
pub(super) fn is_file_reference(value: &str) -> bool {
    if value.chars().any(char::is_whitespace) {
        return false;
    }
    if value.starts_with('/')
        || value.starts_with("./")
        || value.starts_with("../")
        || value.starts_with("~/")
        || value.starts_with("file:")
    {
        return true;
    }
    // Windows drive path: `C:\secrets\db.txt`, `C:/secrets`.
    let b = value.as_bytes();
    if b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && (b[2] == b'\\' || b[2] == b'/')
    {
        return true;
    }
    // `secret.txt`, `certs/client.key`: a name with a file extension.
    if let Some((stem, ext)) = value.rsplit_once('.') {
        let stem_ok = !stem.is_empty()
            && stem.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'));
        if stem_ok && FILE_EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(ext)) {
            return true;
        }
    }
    false
}

/// Is the value a reference to a secret store or any URL without embedded credentials
/// (`op://vault/item/password`, `vault:secret/data/db#password`, `arn:aws:secretsmanager:…`,
/// `https://vault.internal/v1/secret`)? URLs *with* credentials are reported by the URL
/// detector instead.
fn is_secret_store_reference(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    if lower.starts_with("arn:aws:") || lower.starts_with("vault:") {
        return true;
    }
    if value.chars().any(char::is_whitespace) {
        return false;
    }
    match value.split_once("://") {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
        }
        None => false,
    }
}

/// Is the value public-key material (an SSH public key, a certificate, a PGP public block)?
fn is_public_material(value: &str) -> bool {
    PUBLIC_MATERIAL_PREFIXES.iter().any(|p| value.starts_with(p))
}

/// Is the value a syntactic placeholder rather than a usable credential?
///
/// Placeholders: `<your-token>`, `{{ .Token }}`, `{password}`, `%s`, `%PASSWORD%`,
/// `@PASSWORD@`, `__PASSWORD__`, masks (`***`, `xxx`, `XXXXXXXX`, `...`, `-`), anything with
/// `REPLACE` in it (`REPLACE_ME`, `replace-with-your-key`), `your_…`/`…_here` templates, and
/// the null/boolean words in [`NULLISH`] (which includes `dummy` and `placeholder`).
///
/// Deliberately *not* placeholders: `changeme`, `password`, `secret`, `admin`, `example`,
/// `test`, `root`, `postgres` … — images and compose files ship with these and they work as
/// the real credential when deployed verbatim.
pub(super) fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() {
        return true;
    }
    if (v.starts_with('<') && v.ends_with('>'))
        || (v.starts_with("{{") && v.ends_with("}}"))
        || (v.starts_with('{') && v.ends_with('}') && !v.contains('"') && !v.contains(':'))
        || (v.starts_with('[') && v.ends_with(']') && !v.contains(','))
    {
        return true;
    }
    if TEMPLATE_TOKEN.is_match(v) {
        return true;
    }
    // Masks: every char is a mask char, or a run of x/X at least three long.
    if v.chars().all(|c| matches!(c, '*' | '•' | '.' | '#' | '?' | '-' | '_')) {
        return true;
    }
    if v.len() >= 3 && v.chars().all(|c| c == 'x' || c == 'X') {
        return true;
    }
    // Masked token: a short prefix then a run of x/X/* (`ghp_xxxx…`, `AKIAXXXXXXXXXXXXXXXX`,
    // `sk_live_****`).
    let unmasked = v.trim_end_matches(['x', 'X', '*']);
    if v.len() - unmasked.len() >= 8 && unmasked.len() <= 12 {
        return true;
    }
    let lower = v.to_ascii_lowercase();
    if NULLISH.contains(&lower.as_str()) {
        return true;
    }
    if lower.contains("replace") {
        return true;
    }
    let sep = |c: Option<char>| c.is_some_and(|c| matches!(c, '_' | '-' | ' ' | '.'));
    if let Some(rest) = lower.strip_prefix("your")
        && sep(rest.chars().next())
    {
        return true;
    }
    if let Some(rest) = lower.strip_suffix("here")
        && sep(rest.chars().last())
    {
        return true;
    }
    false
}

/// The byte range of the literal credential inside `value`, or `None` when the value is not a
/// literal secret. This is the single rule behind [`super::is_non_secret_value`] and the
/// named-credential check.
pub(super) fn literal_span(value: &str) -> Option<Range<usize>> {
    let range = unquote(value);
    let inner = &value[range.clone()];
    if inner.is_empty() {
        return None;
    }
    // `${NAME:-literal}`: the default is committed to the file and used whenever the variable
    // is unset, so it is judged on its own. `${NAME}` / `${NAME:?err}` are pure references.
    if let Some(caps) = BRACED_DEFAULT.captures(inner) {
        let op = caps.get(1).map_or("", |m| m.as_str());
        let default = caps.get(2)?;
        if op == "?" {
            return None;
        }
        let sub = literal_span(default.as_str())?;
        let base = range.start + default.start();
        return Some(base + sub.start..base + sub.end);
    }
    // PEM blocks are judged only by the private-key format detector: a real private key is
    // reported before this point, anything else (public key, certificate, `...` body) is not
    // a literal credential.
    if inner.starts_with("-----BEGIN ") {
        return None;
    }
    if has_reference(inner)
        || is_file_reference(inner)
        || is_secret_store_reference(inner)
        || is_public_material(inner)
        || is_placeholder(inner)
    {
        return None;
    }
    Some(range)
}
