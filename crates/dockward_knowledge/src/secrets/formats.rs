//! Known token formats, found anywhere in a text regardless of any variable name.
//!
//! Every pattern names its source. Where the source pattern has no trailing boundary we check
//! the following character by hand (the `regex` crate has no look-around), so that a token
//! embedded in a longer run of token characters is not reported.

use std::sync::LazyLock;

use regex::Regex;

use super::values::{has_reference, is_placeholder};
use super::{SecretKind, SecretMatch, redact};

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid built-in regex")
}

/// AWS access key ID. Source: AWS IAM docs ("Unique identifier prefixes": AKIA = access key,
/// ASIA = temporary STS key, ABIA = STS service bearer token, ACCA = context-specific) and
/// gitleaks `aws-access-token`.
static AWS_ACCESS_KEY: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b"));

/// AWS secret access key: 40 base64 characters, only recognised next to its name
/// (`aws_secret_access_key = …`, `AWS_SECRET_ACCESS_KEY=…`, `aws configure set
/// aws_secret_access_key …`). A bare 40-char base64 string is far too common (hashes, IDs).
static AWS_SECRET_IN_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i)aws[_.-]?secret[_.-]?(?:access[_.-]?)?key["']?(?:[ \t]*[:=][ \t]*|[ \t]+)["']?([A-Za-z0-9/+]{40})"#,
    )
});

/// GitHub tokens. Source: GitHub docs "About authentication to GitHub — GitHub's token
/// formats" and gitleaks `github-pat`, `github-oauth`, `github-app-token`,
/// `github-refresh-token`, `github-fine-grained-pat`.
static GITHUB: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(?:(?:ghp|gho|ghu|ghs|ghr)_[0-9A-Za-z]{36}|github_pat_[0-9A-Za-z_]{82})\b")
});

/// GitLab tokens. Source: GitLab docs "Token prefixes" and gitleaks `gitlab-pat`
/// (`glpat-` + 20, or the longer routable form), `gitlab-ptt`, `gitlab-runner-authentication-token`,
/// `gitlab-deploy-token`.
static GITLAB: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(?:glpat|glptt|glrt|gldt)-[0-9A-Za-z_-]{20,}(?:\.[0-9a-z]{9})?"));

/// Slack tokens. Source: Slack API docs "Token types" and gitleaks `slack-bot-token`,
/// `slack-user-token`, `slack-legacy-*`, `slack-app-token`.
static SLACK_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:xox[abeoprs]-(?:[0-9A-Za-z]+-)*[0-9A-Za-z]+|xapp-[0-9]-[0-9A-Za-z]+-[0-9]+-[0-9A-Za-z]+)",
    )
});

/// Slack incoming webhook. Source: Slack docs "Sending messages using incoming webhooks" and
/// gitleaks `slack-webhook-url`.
static SLACK_WEBHOOK: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56}")
});

/// Stripe secret and restricted keys. Source: Stripe docs "API keys" (`sk_live_`, `rk_live_`,
/// `sk_test_`, `rk_test_`; `pk_` publishable keys are public by design) and gitleaks
/// `stripe-access-token`.
static STRIPE: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(?:sk|rk)_(?:live|test|prod)_[0-9A-Za-z]{10,99}\b"));

/// Google API key. Source: gitleaks `gcp-api-key` (`AIza` + 35).
static GOOGLE_API_KEY: LazyLock<Regex> = LazyLock::new(|| re(r"\bAIza[0-9A-Za-z_-]{35}"));

/// npm access token. Source: npm docs "About access tokens" / GitHub blog "npm token format"
/// and gitleaks `npm-access-token`.
static NPM: LazyLock<Regex> = LazyLock::new(|| re(r"\bnpm_[0-9A-Za-z]{36}\b"));

/// PyPI API token: a macaroon whose serialised form starts with `pypi-AgEIcHlwaS5vcmc`
/// (base64 of the `pypi.org` location). Source: PyPI docs "API tokens" and gitleaks
/// `pypi-upload-token`.
static PYPI: LazyLock<Regex> = LazyLock::new(|| re(r"\bpypi-AgEIcHlwaS5vcmc[0-9A-Za-z_-]{50,}"));

/// Docker Hub personal access token. Source: Docker docs "Personal access tokens"
/// (`dckr_pat_` prefix) and GitGuardian's Docker detector (`dckr_pat_` + 27).
static DOCKER_HUB: LazyLock<Regex> = LazyLock::new(|| re(r"\bdckr_pat_[0-9A-Za-z_-]{27}"));

/// PEM / OpenSSH / PGP private key header. Source: RFC 7468 labels, OpenSSH `PROTOCOL.key`,
/// RFC 4880 armor headers, gitleaks `private-key`. `PUBLIC KEY` and `CERTIFICATE` blocks are
/// public and never match.
static PRIVATE_KEY_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"-----BEGIN (?:(RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----")
});
static PRIVATE_KEY_FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"-----END (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----")
});

/// JSON Web Token: three base64url parts, the first two being JSON objects (`{"` encodes as
/// `eyJ`). Source: RFC 7519 and gitleaks `jwt`.
static JWT: LazyLock<Regex> =
    LazyLock::new(|| re(r"\beyJ[0-9A-Za-z_-]{10,}\.eyJ[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{10,}"));

/// Credentials in a URL's userinfo: `scheme://user:password@host…` (RFC 3986 §3.2.1). The
/// password part is greedy up to the last `@` before the host so that an unencoded `@` in a
/// password is still masked completely.
static URL_CREDENTIALS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"\b[A-Za-z][A-Za-z0-9+.-]{0,30}://([^\s:/?#@'"`<>]*):([^\s/?#'"`<>]+)@[^\s/?#@'"`<>|;&()]*[A-Za-z0-9\]][^\s'"`<>|;&()]*"#,
    )
});

/// The character after `end` (if any).
fn next_char(text: &str, end: usize) -> Option<char> {
    text.get(end..).and_then(|rest| rest.chars().next())
}

fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// A token whose variable part is only `x`/`X` (or `*`) is a documentation mask
/// (`ghp_xxxxxxxx…`, `AKIAXXXXXXXXXXXXXXXX`), not a secret.
fn is_masked(variable: &str) -> bool {
    !variable.is_empty() && variable.chars().all(|c| matches!(c, 'x' | 'X' | '*'))
}

/// Mask a token but keep its (public, identifying) prefix: `ghp_` + stars + last 4.
fn redact_token(token: &str, prefix_len: usize) -> String {
    let (prefix, rest) = token.split_at_checked(prefix_len).unwrap_or(("", token));
    let n = rest.chars().count();
    if n < 16 {
        return format!("{prefix}****");
    }
    let tail: String = rest.chars().skip(n - 4).collect();
    format!("{prefix}{}{tail}", "*".repeat((n - 4).min(32)))
}

fn push(
    out: &mut Vec<SecretMatch>,
    kind: SecretKind,
    description: impl Into<String>,
    range: std::ops::Range<usize>,
    redacted: String,
) {
    out.push(SecretMatch { kind, description: description.into(), redacted, range });
}

/// Classifies a token that is entirely one known format (used for URL passwords).
pub(super) fn classify_token(token: &str) -> Option<(SecretKind, String)> {
    let found = scan_formats(token);
    found.into_iter().find(|m| m.range == (0..token.len())).map(|m| (m.kind, m.description))
}

/// Every known-format match in `text`; may overlap (the caller selects).
pub(super) fn scan_formats(text: &str) -> Vec<SecretMatch> {
    let mut out = Vec::new();
    aws(text, &mut out);
    github(text, &mut out);
    gitlab(text, &mut out);
    slack(text, &mut out);
    stripe(text, &mut out);
    simple(text, &mut out);
    private_keys(text, &mut out);
    jwts(text, &mut out);
    url_credentials(text, &mut out);
    out
}

fn aws(text: &str, out: &mut Vec<SecretMatch>) {
    for m in AWS_ACCESS_KEY.find_iter(text) {
        let token = m.as_str();
        if is_masked(token.get(4..).unwrap_or("")) {
            continue;
        }
        let description = if token.starts_with("ASIA") {
            "AWS temporary (STS) access key ID"
        } else {
            "AWS access key ID"
        };
        push(out, SecretKind::AwsAccessKey, description, m.range(), redact_token(token, 4));
    }
    for caps in AWS_SECRET_IN_CONTEXT.captures_iter(text) {
        let Some(m) = caps.get(1) else { continue };
        if next_char(text, m.end()).is_some_and(|c| c.is_ascii_alphanumeric() || "+/=".contains(c))
            || is_masked(m.as_str())
        {
            continue;
        }
        push(out, SecretKind::AwsSecretKey, "AWS secret access key", m.range(), redact(m.as_str()));
    }
}

fn github(text: &str, out: &mut Vec<SecretMatch>) {
    for m in GITHUB.find_iter(text) {
        let token = m.as_str();
        let (prefix_len, description) = match token.get(..4) {
            Some("ghp_") => (4, "GitHub personal access token"),
            Some("gho_") => (4, "GitHub OAuth access token"),
            Some("ghu_") => (4, "GitHub user-to-server token"),
            Some("ghs_") => (4, "GitHub server-to-server token"),
            Some("ghr_") => (4, "GitHub refresh token"),
            _ => (11, "GitHub fine-grained personal access token"),
        };
        if is_masked(token.get(prefix_len..).unwrap_or("")) {
            continue;
        }
        push(out, SecretKind::GitHubToken, description, m.range(), redact_token(token, prefix_len));
    }
}

fn gitlab(text: &str, out: &mut Vec<SecretMatch>) {
    for m in GITLAB.find_iter(text) {
        let token = m.as_str();
        if next_char(text, m.end()).is_some_and(is_token_char) {
            continue;
        }
        let Some((prefix, rest)) = token.split_once('-') else {
            continue;
        };
        if is_masked(rest) {
            continue;
        }
        let description = match prefix {
            "glpat" => "GitLab personal access token",
            "glptt" => "GitLab pipeline trigger token",
            "glrt" => "GitLab runner authentication token",
            _ => "GitLab deploy token",
        };
        push(
            out,
            SecretKind::GitLabToken,
            description,
            m.range(),
            redact_token(token, prefix.len() + 1),
        );
    }
}

fn slack(text: &str, out: &mut Vec<SecretMatch>) {
    for m in SLACK_TOKEN.find_iter(text) {
        let token = m.as_str();
        let body = token.get(5..).unwrap_or("");
        // Real tokens carry numeric workspace/user IDs; `xoxb-your-token-here` does not.
        if body.len() < 10 || !body.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        // `xoxb-123456789012-xxxxxxxxxxxx`: the letters are only a mask.
        let letters: String = body.chars().filter(|c| c.is_ascii_alphabetic()).collect();
        if is_masked(&letters) {
            continue;
        }
        let description = match token.get(..4) {
            Some("xoxb") => "Slack bot token",
            Some("xoxp") => "Slack user token",
            Some("xapp") => "Slack app-level token",
            _ => "Slack token",
        };
        push(out, SecretKind::SlackToken, description, m.range(), redact_token(token, 5));
    }
    for m in SLACK_WEBHOOK.find_iter(text) {
        let url = m.as_str();
        // Keep `…hooks.slack.com/services/`, mask the secret path (IDs and key).
        let keep = ["/services/", "/workflows/", "/triggers/"]
            .iter()
            .find_map(|seg| url.find(seg).map(|i| i + seg.len()))
            .unwrap_or(0);
        let (head, secret) = url.split_at_checked(keep).unwrap_or(("", url));
        // Slack's own documentation example ends in `/XXXXXXXXXXXXXXXXXXXXXXXX`.
        if is_masked(secret.rsplit('/').next().unwrap_or("")) {
            continue;
        }
        push(
            out,
            SecretKind::SlackToken,
            "Slack incoming webhook URL",
            m.range(),
            format!("{head}{}", redact_token(secret, 0)),
        );
    }
}

fn stripe(text: &str, out: &mut Vec<SecretMatch>) {
    for m in STRIPE.find_iter(text) {
        let token = m.as_str();
        let Some((kind, rest)) = token.split_once('_') else {
            continue;
        };
        let Some((mode, key)) = rest.split_once('_') else {
            continue;
        };
        if is_masked(key) {
            continue;
        }
        let what = if kind == "rk" { "restricted key" } else { "secret key" };
        // Test-mode keys are reported too (they read and write the account's test data and
        // show a secret-handling problem) but say so, so a rule can lower the severity.
        let description = match mode {
            "test" => format!("Stripe test-mode {what}"),
            _ => format!("Stripe live {what}"),
        };
        let prefix_len = kind.len() + mode.len() + 2;
        push(out, SecretKind::StripeKey, description, m.range(), redact_token(token, prefix_len));
    }
}

/// Fixed-prefix formats without sub-types.
fn simple(text: &str, out: &mut Vec<SecretMatch>) {
    let rules: [(&Regex, SecretKind, &str, usize); 4] = [
        (&GOOGLE_API_KEY, SecretKind::GoogleApiKey, "Google API key", 4),
        (&NPM, SecretKind::NpmToken, "npm access token", 4),
        (&PYPI, SecretKind::PypiToken, "PyPI API token", 5),
        (&DOCKER_HUB, SecretKind::DockerHubToken, "Docker Hub personal access token", 9),
    ];
    for (regex, kind, description, prefix_len) in rules {
        for m in regex.find_iter(text) {
            let token = m.as_str();
            if next_char(text, m.end()).is_some_and(is_token_char)
                || is_masked(token.get(prefix_len..).unwrap_or(""))
            {
                continue;
            }
            push(out, kind.clone(), description, m.range(), redact_token(token, prefix_len));
        }
    }
}

/// Counts base64 characters of a PEM body, skipping `\n`-style escapes.
fn base64_chars(body: &str) -> (usize, bool) {
    let mut count = 0;
    let mut first = None;
    let mut varied = false;
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            chars.next();
            continue;
        }
        if c.is_ascii_alphanumeric() || c == '+' || c == '/' {
            count += 1;
            match first {
                None => first = Some(c),
                Some(f) if f != c => varied = true,
                _ => {}
            }
        }
    }
    (count, varied)
}

fn private_keys(text: &str, out: &mut Vec<SecretMatch>) {
    let mut search_from = 0;
    while let Some(caps) = text.get(search_from..).and_then(|t| PRIVATE_KEY_HEADER.captures(t)) {
        let Some(header) = caps.get(0) else { break };
        let (h_start, h_end) = (search_from + header.start(), search_from + header.end());
        search_from = h_end;
        let flavour = caps.get(1).map(|m| m.as_str());
        let rest = &text[h_end..];
        let (body, footer) = match PRIVATE_KEY_FOOTER.find(rest) {
            Some(f) => (&rest[..f.start()], Some((h_end + f.start(), h_end + f.end()))),
            None => {
                // No footer (e.g. a truncated line): the body is the run of PEM characters.
                let len = rest
                    .char_indices()
                    .find(|&(_, c)| {
                        !(c.is_ascii_alphanumeric()
                            || c.is_whitespace()
                            || matches!(c, '+' | '/' | '=' | '\\' | ':' | ',' | '-'))
                    })
                    .map_or(rest.len(), |(i, _)| i);
                (&rest[..len], None)
            }
        };
        let (count, varied) = base64_chars(body);
        // A real key body has at least a few dozen base64 characters; `...`, `${KEY}` or an
        // `echo` of the header alone do not.
        if count < 40 || !varied || has_reference(body) {
            continue;
        }
        let end = footer.map_or(h_end + body.len(), |(_, e)| e);
        let description = match flavour {
            Some("RSA") => "RSA private key",
            Some("EC") => "EC private key",
            Some("DSA") => "DSA private key",
            Some("OPENSSH") => "OpenSSH private key",
            Some("ENCRYPTED") => "encrypted private key (PKCS#8)",
            Some("PGP") => "PGP private key block",
            _ => "private key (PKCS#8)",
        };
        let redacted = match footer {
            Some((fs, fe)) => format!("{}****{}", header.as_str(), &text[fs..fe]),
            None => format!("{}****", header.as_str()),
        };
        push(out, SecretKind::PrivateKeyBlock, description, h_start..end, redacted);
        search_from = end;
    }
}

/// Decodes base64url (or standard base64), ignoring padding. `None` on invalid input.
fn base64url_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut buf, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            b'=' => break,
            _ => return None,
        };
        buf = (buf << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
            buf &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// Supabase-style "anon" keys are JWTs designed to be shipped to browsers; their payload says
/// `"role":"anon"`. Everything else shaped like a JWT is reported.
fn is_public_jwt(token: &str) -> bool {
    let Some(payload) = token.split('.').nth(1) else {
        return false;
    };
    if payload.len() > 8192 {
        return false;
    }
    let Some(bytes) = base64url_decode(payload) else {
        return false;
    };
    let json: String =
        String::from_utf8_lossy(&bytes).chars().filter(|c| !c.is_whitespace()).collect();
    json.contains(r#""role":"anon""#)
}

fn jwts(text: &str, out: &mut Vec<SecretMatch>) {
    for m in JWT.find_iter(text) {
        let token = m.as_str();
        if is_public_jwt(token) {
            continue;
        }
        push(out, SecretKind::Jwt, "JSON Web Token", m.range(), redact(token));
    }
}

fn url_credentials(text: &str, out: &mut Vec<SecretMatch>) {
    for caps in URL_CREDENTIALS.captures_iter(text) {
        let (Some(whole), Some(password)) = (caps.get(0), caps.get(2)) else {
            continue;
        };
        let pw = password.as_str();
        if has_reference(pw) || pw.starts_with('$') || is_placeholder(pw) {
            continue;
        }
        let (kind, description) = match classify_token(pw) {
            Some((kind, description)) => (kind, format!("{description} in URL")),
            None => (SecretKind::UrlCredentials, "password in URL".to_owned()),
        };
        let redacted = format!(
            "{}****{}",
            &text[whole.start()..password.start()],
            &text[password.end()..whole.end()]
        );
        push(out, kind, description, whole.range(), redacted);
    }
}
