//! Credential-shaped variable names.
//!
//! A name is split into words (on `_`, `-`, `.`, any other non-alphanumeric character, and
//! camelCase boundaries), upper-cased, and then:
//!
//! 1. it must contain a *credential phrase* (see [`phrase_ends_at`]);
//! 2. no word after the last credential phrase may be a *descriptor* ([`DESCRIPTOR_WORDS`]):
//!    `PASSWORD_FILE`, `TOKEN_HEADER_NAME`, `AWS_ACCESS_KEY_ID`, `PASSWORD_RESET_TIMEOUT` name
//!    something *about* the credential, not the credential itself;
//! 3. no word anywhere may be a *qualifier* ([`QUALIFIER_WORDS`]): `PUBLIC_KEY`,
//!    `MAX_TOKENS`, `MYSQL_ALLOW_EMPTY_PASSWORD`, `PASSWORD_MIN_LENGTH` are settings or public
//!    material.

/// Single words that are a credential on their own.
const CREDENTIAL_WORDS: &[&str] = &[
    "PASSWORD",
    "PASSWORDS",
    "PASSWD",
    "PASSPHRASE",
    "PASSCODE",
    "SECRET",
    "TOKEN",
    "CREDENTIAL",
    "CREDENTIALS",
    "CREDS",
    "APIKEY",
    "PRIVATEKEY",
    "SECRETKEY",
    "ACCESSKEY",
];

/// Suffixes that make a glued word a credential (`DBPASSWORD`, `GHTOKEN`, `CLIENTSECRET`).
const CREDENTIAL_SUFFIXES: &[&str] = &[
    "PASSWORD",
    "PASSWD",
    "PASSPHRASE",
    "TOKEN",
    "SECRET",
    "APIKEY",
    "PRIVATEKEY",
    "SECRETKEY",
    "ACCESSKEY",
];

/// Words that are a credential only as the *last* word and after some prefix
/// (`DB_PASS`, `RABBITMQ_DEFAULT_PASS`, `DB_PWD`, `GITHUB_PAT`) — alone, `PWD` is the working
/// directory and `PASS`/`PAT` are too ambiguous.
const TRAILING_ONLY_WORDS: &[&str] = &["PASS", "PWD", "PAT"];

/// First words of two-word `<X>_KEY` phrases that denote a secret key. A bare `KEY` is not a
/// credential (`GPG_KEY`, `CACHE_KEY`, `PARTITION_KEY`, `SORT_KEY` …).
const KEY_QUALIFIERS: &[&str] = &[
    "API",
    "APP",
    "PRIVATE",
    "SECRET",
    "ACCESS",
    "AUTH",
    "ENCRYPTION",
    "ENCRYPT",
    "SIGNING",
    "MASTER",
    "CLIENT",
    "LICENSE",
    "ACCOUNT",
    "SHARED",
    "SESSION",
    "HMAC",
    "CIPHER",
    "DEPLOY",
    "SERVICE",
    "SSH",
];

/// Words that, when they follow the last credential phrase, make the name describe *something
/// about* a credential (its file, length, header name, identifier, lifetime …).
#[rustfmt::skip]
const DESCRIPTOR_WORDS: &[&str] = &[
    // locations and references
    "FILE", "FILES", "PATH", "PATHS", "DIR", "DIRECTORY", "FOLDER", "LOCATION", "URL", "URI",
    "ENDPOINT", "HOST", "PORT", "REF", "REFERENCE", "ARN", "REGION", "VAULT", "MANAGER", "STORE",
    "BACKEND", "PROVIDER", "SOURCE", "SRC", "MOUNT", "TARGET", "ENV", "VAR", "VARIABLE", "SOCK",
    "SOCKET", "STDIN", "PROMPT", "CMD", "COMMAND", "SCRIPT", "HELPER", "PROGRAM", "EXEC",
    // identity of the credential, not its value
    "NAME", "ID", "IDS", "USER", "USERNAME", "LABEL", "HINT", "FINGERPRINT", "CHECKSUM", "SHA",
    "SHA1", "SHA256", "SHA512", "DIGEST",
    // policy and settings
    "LENGTH", "LEN", "SIZE", "BITS", "MIN", "MAX", "POLICY", "ENABLED", "ENABLE", "DISABLED",
    "DISABLE", "REQUIRED", "ALGORITHM", "ALGO", "ALG", "TYPE", "MODE", "METHOD", "FORMAT",
    "ENCODING", "VERSION", "COUNT", "LIMIT", "RETRIES", "ATTEMPTS", "PREFIX", "SUFFIX", "FIELD",
    "PARAM", "PARAMETER", "ISSUER", "AUDIENCE", "SCOPE", "SCOPES", "REALM", "ROLE", "COMPLEXITY",
    "STRENGTH", "ROTATION", "HISTORY", "PATTERN", "REGEX", "CHARS", "CHARSET", "HASHER", "HASHERS",
    "HASHING", "COST", "ROUNDS", "ITERATIONS", "VALIDATOR", "VALIDATORS", "VALIDATION", "RESET",
    "HEADER", "SERVICE", "ENDPOINT", "HOST", "PORT", "ISSUER_URL",
    // lifetimes
    "TTL", "EXPIRY", "EXPIRE", "EXPIRES", "EXPIRATION", "LIFETIME", "TIMEOUT", "AGE", "DURATION",
    "INTERVAL", "SECONDS", "SECS", "SEC", "MS", "MINUTES", "MINS", "HOURS", "DAYS",
];

/// Words that anywhere in the name make it a setting or public material rather than a secret.
const QUALIFIER_WORDS: &[&str] = &[
    "PUBLIC",
    "PUB",
    "PUBLISHABLE",
    "MAX",
    "MIN",
    "NUM",
    "COUNT",
    "ALLOW",
    "EMPTY",
    "RANDOM",
    "SKIP",
    "DISABLE",
    "ENABLE",
    "REQUIRE",
    "GENERATE",
];

/// Splits a variable name into upper-cased words: separators are any non-alphanumeric
/// character, a lower→upper camelCase boundary, and the end of an acronym (`APIKey` →
/// `API`, `KEY`).
pub(super) fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in name.split(|c: char| !c.is_alphanumeric()) {
        let chars: Vec<char> = part.chars().collect();
        let camel =
            chars.iter().any(|c| c.is_lowercase()) && chars.iter().any(|c| c.is_uppercase());
        let mut current = String::new();
        for (i, &c) in chars.iter().enumerate() {
            if i > 0 && camel && c.is_uppercase() {
                let prev = chars[i - 1];
                let next_is_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
                let boundary = prev.is_lowercase()
                    || prev.is_ascii_digit()
                    || (prev.is_uppercase() && next_is_lower);
                if boundary && !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            current.extend(c.to_uppercase());
        }
        if !current.is_empty() {
            out.push(current);
        }
    }
    out
}

/// `PASSWORD2` → `PASSWORD`: a numbered credential is still a credential.
fn strip_digits(word: &str) -> &str {
    word.trim_end_matches(|c: char| c.is_ascii_digit())
}

/// Does a credential phrase end at word `i`? Returns the index of the phrase's first word.
fn phrase_ends_at(words: &[String], i: usize) -> Option<usize> {
    let w = strip_digits(&words[i]);
    if w.is_empty() {
        return None;
    }
    let last = i + 1 == words.len();
    if TRAILING_ONLY_WORDS.contains(&w) {
        return (last && i > 0).then_some(i);
    }
    if w == "KEY" || w == "KEYS" {
        let prev = i.checked_sub(1)?;
        return KEY_QUALIFIERS.contains(&strip_digits(&words[prev])).then_some(prev);
    }
    if w == "AUTH" {
        let prev = i.checked_sub(1)?;
        return (words[prev] == "BASIC").then_some(prev);
    }
    if CREDENTIAL_WORDS.contains(&w) {
        return Some(i);
    }
    if CREDENTIAL_SUFFIXES.iter().any(|s| w.len() > s.len() && w.ends_with(s)) {
        return Some(i);
    }
    None
}

/// See [`super::is_credential_name`].
pub(super) fn is_credential_name(name: &str) -> bool {
    let words = words(name);
    if words.is_empty() {
        return false;
    }
    if words.iter().any(|w| QUALIFIER_WORDS.contains(&w.as_str())) {
        return false;
    }
    // The last credential phrase in the name; it must not be followed by a descriptor.
    let Some(last_end) = (0..words.len()).rev().find(|&i| phrase_ends_at(&words, i).is_some())
    else {
        return false;
    };
    !words[last_end + 1..].iter().any(|w| DESCRIPTOR_WORDS.contains(&strip_digits(w)))
}

/// Does this name denote an AWS secret access key (`AWS_SECRET_ACCESS_KEY`, `AWS_SECRET_KEY`,
/// `aws_secret_access_key`)?
pub(super) fn is_aws_secret_name(name: &str) -> bool {
    let words = words(name);
    words.iter().any(|w| w == "AWS") && words.iter().any(|w| w == "SECRET")
}
