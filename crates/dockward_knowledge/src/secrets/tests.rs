//! Table-driven tests. Every token below is fake and assembled at run time (prefix +
//! generated filler) so that this file does not itself look like it leaks credentials.

use super::*;

use SecretKind::*;

/// Deterministic pseudo-random filler from `alphabet` (varied characters, unlike
/// `"a".repeat(n)`, so that "all one character" heuristics are exercised too).
fn filler(n: usize, seed: u64, alphabet: &str) -> String {
    let chars: Vec<char> = alphabet.chars().collect();
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    (0..n)
        .map(|_| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            chars[((state >> 33) % chars.len() as u64) as usize]
        })
        .collect()
}

const ALNUM: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UPPER_DIGITS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const B64: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64URL: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn alnum(n: usize, seed: u64) -> String {
    filler(n, seed, ALNUM)
}

fn aws_key_id() -> String {
    format!("{}{}", "AKIA", filler(16, 1, UPPER_DIGITS))
}
fn aws_secret() -> String {
    filler(40, 2, B64)
}
fn ghp() -> String {
    format!("{}_{}", "ghp", alnum(36, 3))
}
fn github_fine_grained() -> String {
    format!("{}_{}_{}", "github_pat", alnum(22, 4), alnum(59, 5))
}
fn glpat() -> String {
    format!("{}-{}", "glpat", alnum(20, 6))
}
fn slack_bot() -> String {
    format!("{}-{}-{}-{}", "xoxb", "1234567890", "1234567890123", alnum(24, 7))
}
fn slack_webhook() -> String {
    format!(
        "https://hooks.slack.com/services/T{}/B{}/{}",
        filler(8, 8, UPPER_DIGITS),
        filler(8, 9, UPPER_DIGITS),
        alnum(24, 10)
    )
}
fn stripe_live() -> String {
    format!("{}_{}_{}", "sk", "live", alnum(24, 11))
}
fn stripe_test() -> String {
    format!("{}_{}_{}", "sk", "test", alnum(24, 12))
}
fn stripe_publishable() -> String {
    format!("{}_{}_{}", "pk", "live", alnum(24, 13))
}
fn google_key() -> String {
    format!("{}{}", "AIza", filler(35, 14, B64URL))
}
fn npm_token() -> String {
    format!("{}_{}", "npm", alnum(36, 15))
}
fn pypi_token() -> String {
    format!("{}-{}{}", "pypi", "AgEIcHlwaS5vcmc", filler(60, 16, B64URL))
}
fn docker_pat() -> String {
    format!("{}_{}_{}", "dckr", "pat", filler(27, 17, B64URL))
}
fn jwt() -> String {
    // {"alg":"HS256","typ":"JWT"} . {"sub":"1234567890","role":"service_role"} . signature
    format!(
        "{}.{}.{}",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
        "eyJzdWIiOiIxMjM0NTY3ODkwIiwicm9sZSI6InNlcnZpY2Vfcm9sZSJ9",
        filler(43, 18, B64URL)
    )
}
fn anon_jwt() -> String {
    // payload {"role":"anon","iss":"supabase"}
    format!(
        "{}.{}.{}",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
        "eyJyb2xlIjoiYW5vbiIsImlzcyI6InN1cGFiYXNlIn0",
        filler(43, 19, B64URL)
    )
}
fn pem(label: &str, sep: &str) -> String {
    let body: Vec<String> = (0..4).map(|i| filler(64, 20 + i, B64)).collect();
    format!("-----BEGIN {label}-----{sep}{}{sep}-----END {label}-----", body.join(sep))
}

// ---------------------------------------------------------------------------------------------
// check_assignment: positives
// ---------------------------------------------------------------------------------------------

fn positive_assignments() -> Vec<(String, String, SecretKind)> {
    let s = |x: &str| x.to_owned();
    vec![
        (s("DB_PASSWORD"), s("hunter2"), NamedCredential),
        (s("MYSQL_ROOT_PASSWORD"), s("example"), NamedCredential),
        (s("POSTGRES_PASSWORD"), s("postgres"), NamedCredential),
        (s("MYSQL_PASSWORD"), s("'example'"), NamedCredential),
        (s("SECRET_KEY_BASE"), filler(128, 30, "0123456789abcdef"), NamedCredential),
        (s("DJANGO_SECRET_KEY"), format!("django-insecure-{}", alnum(40, 31)), NamedCredential),
        (s("API_KEY"), s("abcd1234efgh5678"), NamedCredential),
        (s("apiKey"), alnum(32, 32), NamedCredential),
        (s("spring.datasource.password"), s("secret"), NamedCredential),
        (s("CLIENT_SECRET"), alnum(32, 33), NamedCredential),
        (s("DB_PWD"), s("Passw0rd!"), NamedCredential),
        (s("RABBITMQ_DEFAULT_PASS"), s("guest"), NamedCredential),
        (s("AUTH_TOKEN"), alnum(30, 34), NamedCredential),
        (s("MINIO_ACCESS_KEY"), s("minioadmin"), NamedCredential),
        (s("MINIO_SECRET_KEY"), s("minioadmin"), NamedCredential),
        (s("CREDENTIALS"), s("deploy:s3cr3t"), NamedCredential),
        (s("PASSWD"), s("changeme"), NamedCredential),
        (s("GITHUB_PAT"), alnum(40, 35), NamedCredential),
        (s("ADMIN_PASSWORD"), s("${ADMIN_PASSWORD:-admin123}"), NamedCredential),
        (s("DB_PASSWORD"), s("\"correct horse battery staple\""), NamedCredential),
        (s("ENCRYPTION_KEY"), filler(44, 36, B64), NamedCredential),
        (s("OPENAI_API_KEY"), format!("sk-{}", alnum(48, 37)), NamedCredential),
        (
            s("HF_TOKEN"),
            format!("hf_{}", filler(34, 38, "abcdefghijklmnopqrstuvwxyz")),
            NamedCredential,
        ),
        (s("JWT_SECRET"), s("supersecret"), NamedCredential),
        (s("KEYSTORE_PASSWORD"), s("changeit"), NamedCredential),
        (s("GPG_PASSPHRASE"), s("my passphrase"), NamedCredential),
        (s("BASIC_AUTH"), s("admin:admin"), NamedCredential),
        (s("PGPASSWORD"), s("secret"), NamedCredential),
        (s("AWS_SESSION_TOKEN"), filler(120, 39, B64), NamedCredential),
        (s("AZURE_STORAGE_ACCOUNT_KEY"), format!("{}==", filler(86, 40, B64)), NamedCredential),
        (s("db-password"), s("pässwörd"), NamedCredential),
        (s("REDIS_PASS"), s("redispass"), NamedCredential),
        (s("APP_KEY"), format!("base64:{}", filler(44, 41, B64)), NamedCredential),
        // Known formats, with and without a credential-shaped name.
        (s("GITHUB_TOKEN"), ghp(), GitHubToken),
        (s("GH_FINE_GRAINED"), github_fine_grained(), GitHubToken),
        (s("GITLAB_TOKEN"), glpat(), GitLabToken),
        (s("NPM_TOKEN"), npm_token(), NpmToken),
        (s("NODE_AUTH_TOKEN"), npm_token(), NpmToken),
        (s("AWS_ACCESS_KEY_ID"), aws_key_id(), AwsAccessKey),
        (s("AWS_ACCESS_KEY_ID"), s("AKIAIOSFODNN7EXAMPLE"), AwsAccessKey),
        (s("AWS_SECRET_ACCESS_KEY"), aws_secret(), AwsSecretKey),
        (s("STRIPE_SECRET_KEY"), stripe_live(), StripeKey),
        (s("STRIPE_KEY"), stripe_test(), StripeKey),
        (s("SLACK_BOT_TOKEN"), slack_bot(), SlackToken),
        (s("SLACK_WEBHOOK"), slack_webhook(), SlackToken),
        (s("GOOGLE_MAPS_KEY"), google_key(), GoogleApiKey),
        (s("TWINE_PASSWORD"), pypi_token(), PypiToken),
        (s("DOCKERHUB_TOKEN"), docker_pat(), DockerHubToken),
        (s("SSH_PRIVATE_KEY"), pem("OPENSSH PRIVATE KEY", "\\n"), PrivateKeyBlock),
        (s("TLS_KEY"), pem("RSA PRIVATE KEY", "\n"), PrivateKeyBlock),
        (s("SIGNING_KEY"), pem("PRIVATE KEY", "\n"), PrivateKeyBlock),
        (s("SUPABASE_SERVICE_ROLE_KEY"), jwt(), Jwt),
        (s("DATABASE_URL"), s("postgres://app:s3cr3t@db:5432/app"), UrlCredentials),
        (s("REDIS_URL"), s("redis://:hunter2@redis:6379/0"), UrlCredentials),
        (s("MONGO_URL"), s("mongodb+srv://admin:pa55w0rd@cluster0.example.net/db"), UrlCredentials),
        (s("AMQP_URL"), s("amqp://guest:guest@rabbitmq:5672/"), UrlCredentials),
        (s("MYSQL_DSN"), s("mysql://root:p@ss@mysql:3306/app"), UrlCredentials),
        (s("REPO"), format!("https://oauth2:{}@gitlab.com/org/repo.git", glpat()), GitLabToken),
        (
            s("org.opencontainers.image.description"),
            format!("built with token {} oops", ghp()),
            GitHubToken,
        ),
    ]
}

#[test]
fn check_assignment_positives() {
    let cases = positive_assignments();
    assert!(cases.len() >= 40);
    for (name, value, kind) in &cases {
        let m = check_assignment(name, value)
            .unwrap_or_else(|| panic!("expected a secret: {name}={value}"));
        assert_eq!(&m.kind, kind, "{name}={value}: {m:?}");
        let secret = value.get(m.range.clone()).expect("range inside value, on char boundaries");
        assert!(!secret.is_empty(), "{name}={value}");
        if secret.chars().count() >= 12 {
            assert_ne!(m.redacted, secret, "redaction must mask {name}");
        }
        assert!(!m.description.is_empty());
    }
}

#[test]
fn check_assignment_ranges_and_redaction() {
    let m = check_assignment("MYSQL_PASSWORD", "'example'").unwrap();
    assert_eq!(m.range, 1..8);
    assert_eq!(m.redacted, "****");

    let m = check_assignment("ADMIN_PASSWORD", "${ADMIN_PASSWORD:-admin123}").unwrap();
    assert_eq!(&"${ADMIN_PASSWORD:-admin123}"[m.range.clone()], "admin123");

    let m = check_assignment("DATABASE_URL", "postgres://app:s3cr3t@db:5432/app").unwrap();
    assert_eq!(m.description, "password in URL");
    assert_eq!(m.redacted, "postgres://app:****@db:5432/app");
    assert_eq!(m.range, 0..33);

    let m = check_assignment("MYSQL_DSN", "mysql://root:p@ss@mysql:3306/app").unwrap();
    assert_eq!(m.redacted, "mysql://root:****@mysql:3306/app");

    let m = check_assignment("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE").unwrap();
    assert_eq!(m.redacted, "AKIA************MPLE");
    assert_eq!(m.description, "AWS access key ID");

    let token = ghp();
    let m = check_assignment("GITHUB_TOKEN", &token).unwrap();
    assert!(m.redacted.starts_with("ghp_*"));
    assert!(m.redacted.ends_with(&token[token.len() - 4..]));
    assert_eq!(m.description, "GitHub personal access token");

    let m = check_assignment("STRIPE_KEY", &stripe_test()).unwrap();
    assert_eq!(m.description, "Stripe test-mode secret key");
    let m = check_assignment("STRIPE_KEY", &stripe_live()).unwrap();
    assert_eq!(m.description, "Stripe live secret key");

    let value = format!("https://oauth2:{}@gitlab.com/org/repo.git", glpat());
    let m = check_assignment("REPO", &value).unwrap();
    assert_eq!(m.description, "GitLab personal access token in URL");
    assert_eq!(m.redacted, "https://oauth2:****@gitlab.com/org/repo.git");

    let key = pem("RSA PRIVATE KEY", "\n");
    let m = check_assignment("TLS_KEY", &key).unwrap();
    assert_eq!(m.description, "RSA private key");
    assert_eq!(m.range, 0..key.len());
    assert_eq!(m.redacted, "-----BEGIN RSA PRIVATE KEY-----****-----END RSA PRIVATE KEY-----");

    let m = check_assignment("SLACK_WEBHOOK", &slack_webhook()).unwrap();
    assert!(m.redacted.starts_with("https://hooks.slack.com/services/****"), "{}", m.redacted);

    let m = check_assignment("DB_PASSWORD", "hunter2").unwrap();
    assert_eq!(m.description, "hard-coded value for credential variable `DB_PASSWORD`");
}

// ---------------------------------------------------------------------------------------------
// check_assignment: negatives
// ---------------------------------------------------------------------------------------------

fn negative_assignments() -> Vec<(String, String)> {
    let s = |x: &str| x.to_owned();
    vec![
        (s("GPG_KEY"), s("0D96DF4D4110E5C43FBFB17F2D347EA6AA65421D")),
        (
            s("GPG_KEYS"),
            s("B42F6819007F00F88E364FD4036A9C25BF357DD4 A48C2BEE680E841632CD4E44F07496B3EB3C1762"),
        ),
        (s("NGINX_GPGKEY"), s("573BFD6B3D8FBC641079A6ABABF5BD827BD9BF62")),
        (s("RABBITMQ_PGP_KEY_ID"), s("0x0A9AF2115F4687BD29803A206B73A36E6026DFCA")),
        (s("NODE_VERSION"), s("20.11.1")),
        (s("PYTHON_SHA256"), filler(64, 50, "0123456789abcdef")),
        (s("PASSWORD_MIN_LENGTH"), s("8")),
        (s("JAVA_KEYSTORE_PATH"), s("/x")),
        (s("POSTGRES_PASSWORD_FILE"), s("/run/secrets/pg")),
        (s("AWS_SECRET_ACCESS_KEY_FILE"), s("/run/secrets/aws")),
        (s("SECRET_KEY"), s("${SECRET_KEY}")),
        (s("DB_PASSWORD"), s("$DB_PASSWORD")),
        (s("DB_PASSWORD"), s("$(cat /run/secrets/db)")),
        (s("DB_PASSWORD"), s("`cat /run/secrets/db`")),
        (s("DB_PASSWORD"), s("${DB_PASSWORD:?must be set}")),
        (s("DB_PASSWORD"), s("${DB_PASSWORD:-}")),
        (s("DB_PASSWORD"), s("${DB_PASSWORD:-$FALLBACK}")),
        (s("API_KEY"), s("<your-api-key>")),
        (s("API_KEY"), s("your_api_key_here")),
        (s("API_KEY"), s("dummy")),
        (s("TOKEN"), s("REPLACE_ME")),
        (s("PASSWORD"), s("***")),
        (s("PASSWORD"), s("xxx")),
        (s("PASSWORD"), s("")),
        (s("PASSWORD"), s("\"\"")),
        (s("DB_PASSWORD"), s("none")),
        (s("GITHUB_TOKEN"), format!("ghp_{}", "x".repeat(36))),
        (s("AWS_ACCESS_KEY_ID"), format!("AKIA{}", "X".repeat(16))),
        (s("MYSQL_ALLOW_EMPTY_PASSWORD"), s("yes")),
        (s("MYSQL_RANDOM_ROOT_PASSWORD"), s("yes")),
        (s("TOKEN_HEADER_NAME"), s("X-Auth-Token")),
        (s("PASSWORD_RESET_TIMEOUT"), s("3600")),
        (s("KEY_VAULT_NAME"), s("prod-vault")),
        (s("TOKENIZERS_PARALLELISM"), s("false")),
        (
            s("PUBLIC_KEY"),
            format!("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{} me@host", alnum(43, 51)),
        ),
        (s("SSH_AUTH_SOCK"), s("/run/host-services/ssh-auth.sock")),
        (s("GOOGLE_APPLICATION_CREDENTIALS"), s("/secrets/gcp.json")),
        (s("DATABASE_URL"), s("postgres://app:${DB_PASSWORD}@db:5432/app")),
        (s("DATABASE_URL"), s("postgres://db:5432/app")),
        (s("STRIPE_PUBLISHABLE_KEY"), stripe_publishable()),
        (s("MAX_TOKENS"), s("4096")),
        (s("JWT_ALGORITHM"), s("HS256")),
        (s("ACCESS_TOKEN_EXPIRY"), s("15m")),
        (s("TLS_PRIVATE_KEY"), s("./certs/server.key")),
        (s("SESSION_SECRET"), s("{{ .Values.sessionSecret }}")),
        (s("API_TOKEN"), s("op://vault/item/token")),
        (s("DB_PASSWORD"), s("arn:aws:secretsmanager:eu-west-1:123456789012:secret:db")),
        (s("OLDPWD"), s("/root")),
        (s("PWD"), s("/app")),
        (s("CI_REGISTRY_PASSWORD"), s("%CI_REGISTRY_PASSWORD%")),
        (s("NPM_CONFIG_LOGLEVEL"), s("warn")),
        (s("CERTIFICATE"), pem("CERTIFICATE", "\n")),
        (s("SERVER_PUBLIC_KEY"), pem("PUBLIC KEY", "\n")),
        (
            s("PRIVATE_KEY"),
            s("-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----"),
        ),
        (s("SECRETS_DIR"), s("/run/secrets")),
        (s("SUPABASE_ANON_KEY"), anon_jwt()),
        (s("NEXT_PUBLIC_SUPABASE_KEY"), anon_jwt()),
        (s("API_KEY_HEADER"), s("X-Api-Key")),
        (s("AWS_ACCESS_KEY_ID_REF"), s("prod/aws/key")),
        (s("PASSWORD_AUTH"), s("true")),
        (s("DB_PASSWORD"), s("__DB_PASSWORD__")),
        (
            s("WEBHOOK"),
            s("https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"),
        ),
        (s("GITLAB_TOKEN"), format!("glpat-{}", "x".repeat(20))),
        (s("TOKEN_URL"), s("https://auth.example.com/oauth/token")),
        (s("JENKINS_SHA"), filler(64, 52, "0123456789abcdef")),
        (s("PASSWORD_HASHERS"), s("argon2")),
        (s("GNUPGHOME"), s("/tmp/gnupg")),
    ]
}

#[test]
fn check_assignment_negatives() {
    let cases = negative_assignments();
    assert!(cases.len() >= 40);
    for (name, value) in &cases {
        assert_eq!(check_assignment(name, value), None, "expected no secret: {name}={value}");
    }
}

// ---------------------------------------------------------------------------------------------
// is_credential_name / is_non_secret_value
// ---------------------------------------------------------------------------------------------

#[test]
fn credential_names() {
    let yes = [
        "DB_PASSWORD",
        "API_KEY",
        "GITHUB_TOKEN",
        "AWS_SECRET_ACCESS_KEY",
        "MYSQL_ROOT_PASSWORD",
        "SECRET_KEY_BASE",
        "PRIVATE_KEY",
        "CLIENT_SECRET",
        "PASSWD",
        "DB_PWD",
        "AUTH_TOKEN",
        "ACCESS_KEY",
        "CREDENTIALS",
        "password",
        "dbPassword",
        "clientSecret",
        "x-api-key",
        "spring.datasource.password",
        "PGPASSWORD",
        "GHTOKEN",
        "APIKEY",
        "PASSWORD2",
        "DB_PASSWORD_2",
        "GITHUB_PAT",
        "SMTP_PASS",
        "BASIC_AUTH",
        "PASSWORD_RESET_TOKEN",
        "_authToken",
        "OAuth2Token",
        "SSH_KEY",
        "GPG_PRIVATE_KEY",
        "GPG_PASSPHRASE",
        "JWT_SECRET",
        "CSRF_TOKEN",
        "SECRET",
        "TOKEN",
    ];
    for name in yes {
        assert!(is_credential_name(name), "{name} should be a credential name");
    }
    let no = [
        "POSTGRES_PASSWORD_FILE",
        "DB_PASSWORD_PATH",
        "SECRETS_DIR",
        "TOKEN_URL_FILE",
        "PASSWORD_LENGTH",
        "PASSWORD_MIN_LENGTH",
        "PASSWORD_POLICY",
        "TOKEN_AUTH_ENABLED",
        "PASSWORD_REQUIRED",
        "JWT_SECRET_ALGORITHM",
        "TOKEN_TTL",
        "TOKEN_EXPIRY",
        "TOKEN_HEADER",
        "TOKEN_HEADER_NAME",
        "AWS_ACCESS_KEY_ID",
        "API_KEY_ID",
        "PASSWORD_RESET_TIMEOUT",
        "KEY_VAULT_NAME",
        "TOKENIZERS_PARALLELISM",
        "PUBLIC_KEY",
        "GPG_KEY",
        "GPG_KEYS",
        "NODE_GPG_KEYS",
        "KEYSERVER",
        "SSH_AUTH_SOCK",
        "PWD",
        "OLDPWD",
        "PASS",
        "MAX_TOKENS",
        "OPENAI_MAX_TOKENS",
        "NODE_VERSION",
        "PYTHON_SHA256",
        "JAVA_KEYSTORE_PATH",
        "MYSQL_ALLOW_EMPTY_PASSWORD",
        "STRIPE_PUBLISHABLE_KEY",
        "SECRET_NAME",
        "SECRET_ARN",
        "PASSWORD_HASHERS",
        "AUTH_PASSWORD_VALIDATORS",
        "TOKEN_ENDPOINT",
        "CACHE_KEY",
        "KEY",
        "",
        "_",
        "パスワード",
        "USERNAME",
        "POSTGRES_HOST_AUTH_METHOD",
        "DOCKER_CONTENT_TRUST",
        "PASS_THROUGH",
    ];
    for name in no {
        assert!(!is_credential_name(name), "{name} should not be a credential name");
    }
}

#[test]
fn non_secret_values() {
    let non = [
        "",
        "  ",
        "\"\"",
        "''",
        "${X}",
        "$X",
        "$(cat /run/secrets/x)",
        "`cat f`",
        "/run/secrets/db",
        "./secret.txt",
        "../x",
        "~/.ssh/id_rsa",
        "C:\\secrets\\db.txt",
        "secret.txt",
        "certs/client.key",
        "<your-token>",
        "xxx",
        "XXXXXXXX",
        "***",
        "...",
        "REPLACE_ME",
        "replace-with-your-key",
        "your_api_key_here",
        "your-token",
        "put-token-here",
        "example.pem",
        "dummy",
        "none",
        "null",
        "false",
        "true",
        "yes",
        "off",
        "0",
        "{{ .Token }}",
        "{password}",
        "%s",
        "%(password)s",
        "@PASSWORD@",
        "op://vault/item/field",
        "vault:secret/data/db#pw",
        "${X:-}",
        "${X:-$Y}",
        "pa${X}ss",
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
    ];
    for v in non {
        assert!(is_non_secret_value(v), "{v:?} should be non-secret");
    }
    let secret = [
        "changeme",
        "password",
        "secret",
        "admin",
        "example",
        "hunter2",
        "p@ss$",
        "pa$$word",
        "\\$notavar",
        "${X:-hunter2}",
        "'quoted secret'",
        "correct horse battery staple",
        "yourpassword",
        "there",
        "x",
        "änderung",
    ];
    for v in secret {
        assert!(!is_non_secret_value(v), "{v:?} should be a literal secret");
    }
}

// ---------------------------------------------------------------------------------------------
// scan_text
// ---------------------------------------------------------------------------------------------

fn positive_texts() -> Vec<(String, Vec<SecretKind>)> {
    vec![
        (
            format!("RUN git clone https://x-access-token:{}@github.com/org/repo.git", ghp()),
            vec![GitHubToken],
        ),
        (
            format!("RUN curl -H \"Authorization: token {}\" https://api.github.com/user", ghp()),
            vec![GitHubToken],
        ),
        (
            format!(
                "RUN echo \"//registry.npmjs.org/:_authToken={}\" > ~/.npmrc && npm ci",
                npm_token()
            ),
            vec![NpmToken],
        ),
        (s("RUN export API_KEY=abcdef123456 && ./run.sh"), vec![NamedCredential]),
        (s("|1 NPM_TOKEN=abc123secret /bin/sh -c npm ci"), vec![NamedCredential]),
        (s("RUN mysql --password=hunter2 -e 'select 1'"), vec![NamedCredential]),
        (s("RUN vault login --token s.abcdefghijklmnop"), vec![NamedCredential]),
        (
            format!("RUN aws configure set aws_secret_access_key {}", aws_secret()),
            vec![AwsSecretKey],
        ),
        (
            format!("RUN aws configure set aws_access_key_id {} && aws s3 ls", aws_key_id()),
            vec![AwsAccessKey],
        ),
        (
            s("RUN pip install --index-url https://deploy:pa55word@pypi.example.com/simple pkg"),
            vec![UrlCredentials],
        ),
        (
            format!("RUN echo \"{}\" > /root/.ssh/id_rsa", pem("RSA PRIVATE KEY", "\\n")),
            vec![PrivateKeyBlock],
        ),
        (format!("docker build --build-arg GITHUB_TOKEN={} .", ghp()), vec![GitHubToken]),
        (format!("RUN curl -X POST -d @payload.json {}", slack_webhook()), vec![SlackToken]),
        (
            format!(
                "RUN GITHUB_TOKEN={} DB_PASSWORD=hunter2 ./deploy.sh --api-key {}",
                ghp(),
                google_key()
            ),
            vec![GitHubToken, NamedCredential, GoogleApiKey],
        ),
        (format!("/bin/sh -c #(nop) ENV SUPABASE_SERVICE_KEY={}", jwt()), vec![Jwt]),
        (format!("RUN curl -u me:{} https://api.example.com", stripe_live()), vec![StripeKey]),
        (format!("RUN docker login -u me -p {}", docker_pat()), vec![DockerHubToken]),
        (format!("RUN twine upload -p {} dist/*", pypi_token()), vec![PypiToken]),
        (format!("RUN git clone https://oauth2:{}@gitlab.com/g/p.git", glpat()), vec![GitLabToken]),
        (format!("RUN SLACK_TOKEN={} ./notify", slack_bot()), vec![SlackToken]),
        (
            s("RUN psql \"postgresql://postgres:postgres@localhost:5432/postgres\" -c 'select 1'"),
            vec![UrlCredentials],
        ),
        (s("RUN export DB_PASSWORD='s3cr3t pass' && run"), vec![NamedCredential]),
        (format!("RUN echo {} | base64 -d", github_fine_grained()), vec![GitHubToken]),
        (s("RUN (DB_PASSWORD=hunter2)"), vec![NamedCredential]),
    ]
}

fn s(x: &str) -> String {
    x.to_owned()
}

#[test]
fn scan_text_positives() {
    for (text, kinds) in positive_texts() {
        let found = scan_text(&text);
        let got: Vec<SecretKind> = found.iter().map(|m| m.kind.clone()).collect();
        assert_eq!(got, kinds, "{text}\n{found:#?}");
        let mut last_end = 0;
        for m in &found {
            assert!(m.range.start >= last_end, "overlap or disorder in {text}");
            last_end = m.range.end;
            assert!(text.get(m.range.clone()).is_some(), "bad range in {text}");
        }
        let redacted = redact_text(&text);
        for m in &found {
            let secret = &text[m.range.clone()];
            if secret.len() >= 12 {
                assert!(!redacted.contains(secret), "{redacted}");
            }
        }
    }
}

#[test]
fn scan_text_ranges() {
    let text = "RUN mysql --password=hunter2 -e 'select 1'";
    let found = scan_text(text);
    assert_eq!(&text[found[0].range.clone()], "hunter2");
    assert_eq!(found[0].description, "hard-coded value for credential option `--password`");
    assert_eq!(redact_text(text), "RUN mysql --password=**** -e 'select 1'");

    let text = "RUN (DB_PASSWORD=hunter2)";
    assert_eq!(&text[scan_text(text)[0].range.clone()], "hunter2");

    let text = "x postgres://u:pw@db/app y";
    assert_eq!(redact_text(text), "x postgres://u:****@db/app y");
}

fn negative_texts() -> Vec<String> {
    vec![
        s("RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci"),
        s("RUN echo \"$PASSWORD\" | docker login -u user --password-stdin"),
        s("RUN gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys \"$GPG_KEY\""),
        format!(
            "RUN curl -fsSLO https://nodejs.org/dist/v20.11.1/node.tar.xz && echo \"{}  node.tar.xz\" | sha256sum -c -",
            filler(64, 60, "0123456789abcdef")
        ),
        s("RUN git clone https://${GITHUB_TOKEN}@github.com/org/repo.git"),
        s("RUN git clone https://oauth2:$GITLAB_TOKEN@gitlab.com/org/repo.git"),
        s("docker build --secret id=npm,src=$HOME/.npmrc ."),
        s("RUN set -eux; export GNUPGHOME=\"$(mktemp -d)\"; gpg --batch --recv-keys \"$GPG_KEY\""),
        s("RUN psql \"postgres://user:<password>@db/app\""),
        s("RUN echo \"-----BEGIN RSA PRIVATE KEY-----\" > key && echo \"$KEY\" >> key"),
        s("RUN curl https://user:***@example.com/x"),
        s("RUN pip install --no-cache-dir -r requirements.txt"),
        s("RUN mysql -uroot -p\"$MYSQL_ROOT_PASSWORD\" < init.sql"),
        s("ENV PATH=/usr/local/bin:$PATH"),
        s("HEALTHCHECK CMD curl -f http://localhost:8080/health || exit 1"),
        s("RUN --mount=type=ssh git clone git@github.com:org/repo.git"),
        s("RUN useradd -u 1000 -m app && chown -R 1000:1000 /app"),
        s("ENV POSTGRES_PASSWORD_FILE=/run/secrets/pg PGDATA=/var/lib/postgresql/data"),
        s("RUN echo 'PASSWORD_MIN_LENGTH=8' >> /etc/login.defs"),
        s("RUN ./configure --with-openssl --password-file=/run/secrets/pw"),
        s("RUN curl -H \"PRIVATE-TOKEN: ${CI_JOB_TOKEN}\" https://gitlab.com/api/v4/projects"),
        s("RUN npm config set //registry.npmjs.org/:_authToken=${NPM_TOKEN}"),
        s("LABEL org.opencontainers.image.source=https://github.com/org/repo"),
        s("RUN wget -qO- https://example.com/install.sh | sh -s -- --token-file /run/secrets/t"),
        s("RUN echo 'ssh://git@host:22/repo.git'"),
        s("RUN DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl"),
        s("RUN export TOKEN=\"$(cat /run/secrets/token)\" && ./build"),
        format!("RUN echo {}", anon_jwt()),
        s("RUN curl -d 'api_key=REPLACE_ME' https://example.com"),
        s("RUN echo https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"),
        s("ENV TOKENIZERS_PARALLELISM=false HF_HUB_DISABLE_TELEMETRY=1"),
        s("ARG PASSWORD_MIN_LENGTH=8"),
        s("RUN gh auth login --with-token < /run/secrets/gh"),
        s("RUN sed -i 's/^PASSWORD=.*/PASSWORD=/' /etc/app.conf"),
        s("ENV JAVA_OPTS=\"-Djenkins.install.runSetupWizard=false\""),
        s(
            "RUN for key in 4ED778F539E3634C779C87C6D7062848A1AB005C; do gpg --recv-keys \"$key\"; done",
        ),
        s(
            "RUN echo \"deb [ signed-by=/usr/share/keyrings/pg.asc ] http://apt.postgresql.org/pub/repos/apt bookworm-pgdg main\"",
        ),
    ]
}

#[test]
fn scan_text_negatives() {
    for text in negative_texts() {
        assert_eq!(scan_text(&text), vec![], "expected nothing in: {text}");
    }
}

// ---------------------------------------------------------------------------------------------
// redact, robustness
// ---------------------------------------------------------------------------------------------

#[test]
fn redaction() {
    assert_eq!(redact(""), "****");
    assert_eq!(redact("hunter2"), "****");
    assert_eq!(redact("abcdefghijkl"), "ab********kl");
    assert_eq!(redact("AKIAIOSFODNN7EXAMPLE"), "AKIA************MPLE");
    // 21 non-ASCII chars: 4 + 13 stars + 4, counted in chars, never split inside a char.
    assert_eq!(
        redact("äöüäöüäöüäöüäöüäöüäöü"),
        format!("äöüä{}öüäöü", "*".repeat(13)).replacen("öüäöü", "üäöü", 1)
    );
    let long = "a".repeat(500);
    assert_eq!(redact(&long).len(), 4 + 32 + 4);
}

#[test]
fn no_panic_on_odd_input() {
    let odd = [
        "",
        "$",
        "${",
        "${X:-",
        "${X:-}",
        "${:-a}",
        "\"",
        "'",
        "'\"",
        "\\",
        "\\$",
        "`",
        "://",
        "://:@",
        "a://b:c@",
        "a://:@b",
        "x://u:p@",
        "-----BEGIN RSA PRIVATE KEY-----",
        "-----BEGIN RSA PRIVATE KEY-----\\",
        "eyJ.eyJ.",
        "eyJ",
        "AKIA",
        "ghp_",
        "sk_live_",
        "xoxb-",
        "hooks.slack.com/services/",
        "パスワード=秘密",
        "DB_PASSWORD=秘密のパスワード",
        "--password=ä",
        "--password ",
        "export",
        "=",
        "==",
        "A=",
        "A=\"unterminated",
        "🔑🔑🔑",
        "\u{0}\u{1}",
        "\r\n\t",
        "postgres://ü:ö@ä/ß",
        "https://user:pässwörd@höst/päth",
        "--token 🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑",
        "(((((",
        ")))))",
        "DB_PASSWORD=)",
    ];
    for text in odd {
        for m in scan_text(text) {
            assert!(text.get(m.range.clone()).is_some(), "{text:?}: {m:?}");
        }
        let _ = redact_text(text);
        let _ = redact(text);
        let _ = is_non_secret_value(text);
        let _ = is_credential_name(text);
        for name in ["DB_PASSWORD", "", text] {
            if let Some(m) = check_assignment(name, text) {
                assert!(text.get(m.range.clone()).is_some(), "{name}={text:?}: {m:?}");
            }
        }
    }
    // Non-ASCII secret under a credential name: range on char boundaries.
    let v = "秘密のパスワード";
    let m = check_assignment("DB_PASSWORD", v).unwrap();
    assert_eq!(&v[m.range.clone()], v);
}

#[test]
fn kind_ids_are_unique() {
    let kinds = [
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
    ];
    let mut ids: Vec<&str> = kinds.iter().map(SecretKind::as_str).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), kinds.len());
}

#[test]
fn corpus_false_positives_stay_fixed() {
    assert!(check_assignment("REGISTRY_AUTH_TOKEN_SERVICE", "container_registry").is_none());
    assert!(check_assignment("CHROME_TOKEN", "chrome_token").is_none());
    assert!(check_assignment("DB_PASSWORD", "hunter2").is_some());
}
