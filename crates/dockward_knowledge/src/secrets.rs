//! One secret detector for every surface: Dockerfile `ENV`/`ARG`, Compose `environment`, an
//! image config's `Env`, a container's environment, labels, and free text such as `RUN`
//! command lines or image history `created_by`.
//!
//! # What is detected
//!
//! **Known token formats, anywhere, whatever the variable is called** ([`scan_text`], and
//! [`check_assignment`] on the value). Each pattern in `secrets/formats.rs` names its source
//! (vendor docs, gitleaks):
//!
//! | kind | shape |
//! |---|---|
//! | [`SecretKind::AwsAccessKey`] | `(AKIA\|ASIA\|ABIA\|ACCA)[A-Z0-9]{16}` |
//! | [`SecretKind::AwsSecretKey`] | 40 base64 chars, **only** next to an AWS secret-key name (`aws_secret_access_key=…`, `AWS_SECRET_ACCESS_KEY`) |
//! | [`SecretKind::GitHubToken`] | `ghp_/gho_/ghu_/ghs_/ghr_` + 36, `github_pat_` + 82 |
//! | [`SecretKind::GitLabToken`] | `glpat-/glptt-/glrt-/gldt-` + ≥ 20 |
//! | [`SecretKind::SlackToken`] | `xox[abeoprs]-…` with numeric IDs, `xapp-…`, `hooks.slack.com/services/…` webhooks |
//! | [`SecretKind::StripeKey`] | `sk_live_`, `rk_live_`, and test-mode `sk_test_`/`rk_test_` (description says "test-mode"); never `pk_` |
//! | [`SecretKind::GoogleApiKey`] | `AIza` + 35 |
//! | [`SecretKind::NpmToken`] | `npm_` + 36 |
//! | [`SecretKind::PypiToken`] | `pypi-AgEIcHlwaS5vcmc…` |
//! | [`SecretKind::DockerHubToken`] | `dckr_pat_` + 27 |
//! | [`SecretKind::PrivateKeyBlock`] | `-----BEGIN [RSA \|EC \|DSA \|OPENSSH \|ENCRYPTED \|PGP ]PRIVATE KEY[ BLOCK]-----` followed by a real body (≥ 40 base64 chars) |
//! | [`SecretKind::Jwt`] | `eyJ….eyJ….sig` |
//! | [`SecretKind::UrlCredentials`] | `scheme://user:password@host` with a literal password (any scheme: https, git, postgres, mysql, mongodb(+srv), redis, amqp …); if the password is itself a known token the token's kind is used, described "… in URL" |
//!
//! **Credential-shaped names with a literal value** ([`is_credential_name`] +
//! [`is_non_secret_value`], reported as [`SecretKind::NamedCredential`]): `DB_PASSWORD=hunter2`,
//! `MYSQL_ROOT_PASSWORD: example`, `SECRET_KEY_BASE=…`, `GITHUB_PAT=…`. In free text the same
//! check runs on shell assignments (`export API_KEY=…`, `--build-arg NPM_TOKEN=…`, the
//! `|1 NPM_TOKEN=…` prefix of build-history entries) and on long options
//! (`--password=…`, `--token …`).
//!
//! # What is deliberately not a secret
//!
//! * **Names about a credential, not holding one**: anything whose words after the credential
//!   word include a descriptor (`_FILE`, `_PATH`, `_DIR`, `_URL`, `_LENGTH`, `_POLICY`,
//!   `_ENABLED`, `_REQUIRED`, `_ALGORITHM`, `_TTL`, `_EXPIRY`, `_TIMEOUT`, `_HEADER`, `_NAME`,
//!   `_ID`, `_TYPE`, `_REF` …: `POSTGRES_PASSWORD_FILE`, `TOKEN_HEADER_NAME`,
//!   `AWS_ACCESS_KEY_ID`, `PASSWORD_RESET_TIMEOUT`), or a qualifier anywhere (`PUBLIC`, `MAX`,
//!   `MIN`, `ALLOW`, `EMPTY`, `RANDOM` …: `PUBLIC_KEY`, `MAX_TOKENS`,
//!   `MYSQL_ALLOW_EMPTY_PASSWORD`, `PASSWORD_MIN_LENGTH`). A bare `KEY` is never a credential
//!   word (`GPG_KEY`, `*_GPG_KEYS`, `KEYSERVER`, `KEY_VAULT_NAME`, `CACHE_KEY`): only
//!   `API_KEY`, `SECRET_KEY`, `PRIVATE_KEY`, `ACCESS_KEY`, `APP_KEY`, `ENCRYPTION_KEY` … are.
//!   `PWD`, `PASS` and `PAT` count only as the last word after a prefix (`DB_PWD`, not `PWD` or
//!   `OLDPWD`). Plural `TOKENS` (LLM settings) and `TOKENIZERS_*` are not credentials.
//! * **Values that are not the secret itself**: empty; interpolations and command
//!   substitutions anywhere in the value (`${DB_PASSWORD}`, `$X`, `$(cat /run/secrets/x)`,
//!   backticks — Docker and Compose expand them, so the secret lives elsewhere); file paths
//!   (`/run/secrets/db`, `./secret.txt`, `~/.ssh/id`, `C:\…`, `name.pem`); secret-store and
//!   other URLs without userinfo (`op://…`, `vault:…`, `arn:aws:secretsmanager:…`); public key
//!   material (`ssh-ed25519 …`, `-----BEGIN PUBLIC KEY-----`, certificates).
//!   `${NAME:-literal}` is *not* a pure reference: the literal default is committed and is
//!   judged on its own.
//! * **Syntactic placeholders**: `<your-token>`, `{{ .Token }}`, `{password}`, `%s`,
//!   `%PASS%`, `@PASS@`, `__PASS__`, masks (`***`, `xxx`, `...`), anything containing
//!   `REPLACE` (`REPLACE_ME`), `your_…` / `…_here`, and the null/boolean words `none`, `null`,
//!   `nil`, `false`, `true`, `yes`, `no`, `on`, `off`, `0`, `1`, `dummy`, `placeholder`,
//!   `redacted`, `todo` … . Token-shaped values whose variable part is only `x`/`X`
//!   (`ghp_xxxx…`, `AKIAXXXXXXXXXXXXXXXX`) are masks too.
//! * **Weak literals are NOT placeholders**: `changeme`, `password`, `secret`, `admin`,
//!   `root`, `test`, `postgres` and `example` are reported. The official image docs'
//!   `MYSQL_ROOT_PASSWORD: example` / `POSTGRES_PASSWORD: example` are copied into real
//!   deployments verbatim, and these values *work* as the credential (the image initialises the
//!   database with them). `dummy` is the one "word" placeholder kept non-secret, because it
//!   announces itself as fake and is what local stacks (localstack) use.
//! * **Supabase-style public JWTs** whose payload has `"role":"anon"` (shipped to browsers by
//!   design).
//! * **No generic entropy detection**: official Dockerfiles are full of checksums
//!   (`PYTHON_SHA256`), GPG fingerprints (`ENV GPG_KEY 0D96DF4D…`) and digests, so a
//!   high-entropy string alone is never reported; `GenericHighEntropy` is not a kind.
//! * Not detected (known gaps): `Authorization: Bearer …` headers with an unknown token
//!   format, `curl -u user:pass`, `mysql -pSECRET`, vendor formats not listed above.
//!
//! Note: a credential-named `ARG` with no value (`ARG NPM_TOKEN`) is the caller's business (it
//! is still recorded in the build history); this module only judges name/value pairs.
//!
//! # Ranges and redaction
//!
//! [`SecretMatch::range`] is the byte range, inside the analysed value or text, that
//! [`SecretMatch::redacted`] stands for: splicing `redacted` into that range gives a safely
//! printable string (see [`redact_text`]). For a token that range is the token; for URL
//! credentials it is the whole URL (`postgres://app:****@db/app`); for a named credential it is
//! the literal (inside the quotes, or the `${X:-default}` default).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

mod formats;
mod names;
#[cfg(test)]
mod tests;
mod values;

/// What kind of secret was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretKind {
    /// A literal value under a credential-shaped name (`DB_PASSWORD=hunter2`).
    NamedCredential,
    AwsAccessKey,
    AwsSecretKey,
    GitHubToken,
    GitLabToken,
    SlackToken,
    StripeKey,
    GoogleApiKey,
    PrivateKeyBlock,
    Jwt,
    UrlCredentials,
    NpmToken,
    PypiToken,
    DockerHubToken,
}

impl SecretKind {
    /// A stable, kebab-case identifier (for reports and configuration).
    pub fn as_str(&self) -> &'static str {
        match self {
            SecretKind::NamedCredential => "named-credential",
            SecretKind::AwsAccessKey => "aws-access-key",
            SecretKind::AwsSecretKey => "aws-secret-key",
            SecretKind::GitHubToken => "github-token",
            SecretKind::GitLabToken => "gitlab-token",
            SecretKind::SlackToken => "slack-token",
            SecretKind::StripeKey => "stripe-key",
            SecretKind::GoogleApiKey => "google-api-key",
            SecretKind::PrivateKeyBlock => "private-key",
            SecretKind::Jwt => "jwt",
            SecretKind::UrlCredentials => "url-credentials",
            SecretKind::NpmToken => "npm-token",
            SecretKind::PypiToken => "pypi-token",
            SecretKind::DockerHubToken => "docker-hub-token",
        }
    }
}

/// One secret found in a value or a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretMatch {
    pub kind: SecretKind,
    /// Human description, e.g. "AWS access key ID", "password in URL",
    /// "hard-coded value for credential variable `DB_PASSWORD`".
    pub description: String,
    /// What `range` looks like with the secret part masked, e.g. `AKIA************MPLE` or
    /// `postgres://app:****@db/app`.
    pub redacted: String,
    /// Byte range inside the analysed value/text that `redacted` replaces.
    pub range: Range<usize>,
}

/// Does this variable NAME look like it holds a credential? Case-insensitive; works on
/// `UPPER_SNAKE`, `lower_snake`, `kebab-case`, `dotted.names` and `camelCase`.
///
/// Credentials: `DB_PASSWORD`, `API_KEY`, `GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`,
/// `MYSQL_ROOT_PASSWORD`, `SECRET_KEY_BASE`, `PRIVATE_KEY`, `CLIENT_SECRET`, `PASSWD`,
/// `DB_PWD`, `AUTH_TOKEN`, `ACCESS_KEY`, `CREDENTIALS`, `GITHUB_PAT`, `BASIC_AUTH`.
/// Not credentials: `*_FILE`, `*_PATH`, `*_DIR`, `*_LENGTH`, `*_POLICY`, `*_ENABLED`,
/// `*_REQUIRED`, `*_ALGORITHM`, `*_TTL`, `*_EXPIRY`, `*_HEADER`, `*_NAME`, `*_ID`,
/// `*_KEY_ID`, `PASSWORD_RESET_TIMEOUT`, `KEY_VAULT_NAME`, `TOKENIZERS_PARALLELISM`,
/// `PUBLIC_KEY`, `GPG_KEY`, `*_GPG_KEYS`, `KEYSERVER`, `SSH_AUTH_SOCK`, `PWD`.
/// See the module documentation for the full rule.
pub fn is_credential_name(name: &str) -> bool {
    names::is_credential_name(name)
}

/// Is this VALUE obviously not a secret? True for empty values, interpolations and command
/// substitutions (`${X}`, `$X`, `$(cat /run/secrets/x)`), file paths (`/run/secrets/db`,
/// `./secret.txt`), URLs without credentials / secret-store references, public key material,
/// and placeholders (`<your-token>`, `xxx`, `***`, `REPLACE_ME`, `your_api_key_here`, `dummy`,
/// `none`, `null`, `false`, `true`, `""`).
///
/// Weak literals (`changeme`, `password`, `secret`, `admin`, `example`) are **not**
/// non-secrets. `${X:-literal}` is not a non-secret when `literal` is one.
pub fn is_non_secret_value(value: &str) -> bool {
    values::literal_span(value).is_none()
}

/// Judge a NAME=VALUE pair (env var, build arg, label). Returns a match when the value
/// contains a known token format (regardless of the name; the first one), or else when the
/// name is credential-shaped and the value is a literal secret.
pub fn check_assignment(name: &str, value: &str) -> Option<SecretMatch> {
    if let Some(found) = select(formats::scan_formats(value), Vec::new()).into_iter().next() {
        return Some(found);
    }
    named_credential(name, value, &format!("variable `{name}`"))
}

/// Known token formats anywhere in free text (a `RUN` command line, a label, history
/// `created_by`), plus credential-named shell assignments and long options with literal values.
/// Returns every match, non-overlapping, in order of position.
pub fn scan_text(text: &str) -> Vec<SecretMatch> {
    let specific = formats::scan_formats(text);
    let mut named = Vec::new();
    for caps in ASSIGNMENT.captures_iter(text) {
        let (Some(name), Some(value)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        if !is_credential_name(name.as_str()) {
            continue;
        }
        let what = format!("variable `{}`", name.as_str());
        if let Some(m) = named_credential(name.as_str(), value.as_str(), &what) {
            named.push(shift(m, value.start()));
        }
    }
    for caps in LONG_OPTION.captures_iter(text) {
        let (Some(name), Some(value)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        let v = value.as_str();
        if !is_credential_name(name.as_str()) {
            continue;
        }
        // `--password-stdin -u x`: the next word is another option; `--with-token < file`: a
        // redirection; `--secret id=x,src=y` (BuildKit secret spec) is a reference.
        if v.starts_with(['-', '<', '>'])
            || !v.chars().any(char::is_alphanumeric)
            || OPTION_KV.is_match(v)
        {
            continue;
        }
        let what = format!("option `--{}`", name.as_str());
        if let Some(m) = named_credential(name.as_str(), v, &what) {
            named.push(shift(m, value.start()));
        }
    }
    select(specific, named)
}

/// Redact a secret: keep up to 4 leading and 4 trailing characters of long secrets (≥ 20
/// chars), 2 and 2 of medium ones (12–19), and show short ones as a fixed `****` (so the
/// length of a short password is not revealed). At most 32 stars are printed.
pub fn redact(secret: &str) -> String {
    let n = secret.chars().count();
    let keep = match n {
        0..12 => return "****".to_owned(),
        12..20 => 2,
        _ => 4,
    };
    let head: String = secret.chars().take(keep).collect();
    let tail: String = secret.chars().skip(n - keep).collect();
    format!("{head}{}{tail}", "*".repeat((n - 2 * keep).min(32)))
}

/// `text` with every secret found by [`scan_text`] replaced by its redacted form.
pub fn redact_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for m in scan_text(text) {
        if let Some(before) = text.get(pos..m.range.start) {
            out.push_str(before);
            out.push_str(&m.redacted);
            pos = m.range.end;
        }
    }
    out.push_str(text.get(pos..).unwrap_or(""));
    out
}

/// Shell-style assignment in free text: `NAME=value`, `export NAME="value"`, the `|1 NAME=value`
/// build-arg prefix of history entries, `:_authToken=value` in `.npmrc` lines.
static ASSIGNMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?:^|[\s;&|(:])(?:(?:export|readonly|local|declare(?:\s+-x)?)\s+)?([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|[^\s;&|'"`]*)"#,
    )
    .expect("valid regex")
});

/// Long option with a value: `--password=value`, `--token value`.
static LONG_OPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?:^|\s)--([A-Za-z][A-Za-z0-9-]*)(?:=|[ \t]+)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s;&|'"`]+)"#,
    )
    .expect("valid regex")
});

/// `id=x,src=y`-style option values (BuildKit `--secret`, `--mount`).
static OPTION_KV: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z_][A-Za-z0-9_-]*=").expect("valid regex"));

/// The named-credential check for one name/value pair (no token-format scan).
fn named_credential(name: &str, value: &str, what: &str) -> Option<SecretMatch> {
    if !is_credential_name(name) {
        return None;
    }
    let mut range = values::literal_span(value)?;
    // An unquoted shell word may end with the `)` of an enclosing subshell.
    while value[range.clone()].ends_with(')') && !value[range.clone()].contains('(') {
        range.end -= 1;
    }
    let literal = value.get(range.clone())?;
    values::literal_span(literal)?;
    // A value that merely repeats the variable's name (`CHROME_TOKEN=chrome_token`) is a
    // placeholder, not a credential.
    // (`REDIS_PASS=redispass` is a weak password, not its name: compare as written.)
    if literal.eq_ignore_ascii_case(name) || literal.replace('-', "_").eq_ignore_ascii_case(name) {
        return None;
    }
    let is_aws_secret = names::is_aws_secret_name(name)
        && literal.len() == 40
        && literal.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'+');
    let (kind, description) = if is_aws_secret {
        (SecretKind::AwsSecretKey, "AWS secret access key".to_owned())
    } else {
        (SecretKind::NamedCredential, format!("hard-coded value for credential {what}"))
    };
    Some(SecretMatch { kind, description, redacted: redact(literal), range })
}

fn shift(mut m: SecretMatch, by: usize) -> SecretMatch {
    m.range = m.range.start + by..m.range.end + by;
    m
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Non-overlapping selection: known formats first (earliest, then longest, wins), then named
/// credentials that do not overlap any of them; sorted by position.
fn select(mut specific: Vec<SecretMatch>, named: Vec<SecretMatch>) -> Vec<SecretMatch> {
    specific.sort_by(|a, b| a.range.start.cmp(&b.range.start).then(b.range.end.cmp(&a.range.end)));
    let mut out: Vec<SecretMatch> = Vec::new();
    for m in specific.into_iter().chain(named) {
        if !out.iter().any(|o| overlaps(&o.range, &m.range)) {
            out.push(m);
        }
    }
    out.sort_by_key(|m| m.range.start);
    out
}
