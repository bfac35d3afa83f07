//! ## What it does
//! Flags `COPY`/`ADD` of files that hold credentials: SSH private keys (`id_rsa`,
//! `id_ed25519`, `.ssh/`), cloud credentials (`.aws/credentials`, `.aws/`, GCP
//! service-account JSON named `*credentials*.json`, `.kube/config`, `kubeconfig`), registry
//! and package-manager tokens (`.docker/config.json`, `.npmrc`, `.pypirc`, `.netrc`,
//! `.git-credentials`, `.gem/credentials`), `.env` files (not `.env.example`/`.env.sample`),
//! private keys and keystores (`*.key`, `*-key.pem`, `*.p12`, `*.pfx`, `*.jks`, `*.keystore`),
//! and `.htpasswd`.
//!
//! ## Why is this bad?
//! A file copied into a layer stays in the image even if a later `RUN rm` deletes it: anyone
//! with the image can extract it from the layer tarball.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.22
//! COPY id_rsa /root/.ssh/id_rsa
//! COPY .npmrc /app/
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM alpine:3.22
//! RUN --mount=type=ssh git clone git@github.com:org/repo.git
//! RUN --mount=type=secret,id=npmrc,target=/app/.npmrc npm ci
//! ```
//!
//! ## References
//! - dockle CIS-DI-0010; Trivy secret scanning
//! - <https://docs.docker.com/build/building/secrets/>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW603",
    name: "secret-file-in-image",
    summary: "Credential file copied into the image",
    practice: Practice::Secrets,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::High,
    equivalents: &["CIS-DI-0010"],
    default_enabled: true,
};

/// Why `path` (a COPY/ADD source) looks like a credential file, if it does.
pub fn secret_file_kind(path: &str) -> Option<&'static str> {
    let p = path.trim_end_matches('/').replace('\\', "/");
    let lower = p.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    let has_dir = |d: &str| {
        lower == d
            || lower.starts_with(&format!("{d}/"))
            || lower.contains(&format!("/{d}/"))
            || lower.ends_with(&format!("/{d}"))
    };
    if matches!(
        name,
        "id_rsa" | "id_dsa" | "id_ecdsa" | "id_ed25519" | "id_ecdsa_sk" | "id_ed25519_sk"
    ) {
        return Some("SSH private key");
    }
    // Public halves and host lists in ~/.ssh are not secrets.
    let public = name == "authorized_keys"
        || name == "known_hosts"
        || name.ends_with(".pub")
        || name == "config";
    if has_dir(".ssh") && !public {
        return Some("SSH directory");
    }
    if lower.ends_with(".aws/credentials") || has_dir(".aws") {
        return Some("AWS credentials");
    }
    if lower.ends_with(".docker/config.json") {
        return Some("Docker registry credentials");
    }
    if lower.ends_with(".kube/config") || name == "kubeconfig" {
        return Some("Kubernetes credentials");
    }
    if lower.ends_with(".gem/credentials") {
        return Some("RubyGems credentials");
    }
    match name {
        ".npmrc" => return Some("npm configuration (may hold an auth token)"),
        ".pypirc" => return Some("PyPI configuration (may hold a token)"),
        ".netrc" | "_netrc" => return Some("netrc credentials"),
        ".git-credentials" => return Some("git credentials"),
        ".htpasswd" => return Some("password file"),
        ".env" => return Some("environment file"),
        _ => {}
    }
    if name.starts_with(".env.")
        && !["example", "sample", "template", "dist", "defaults", "default"]
            .iter()
            .any(|s| name.ends_with(s))
    {
        return Some("environment file");
    }
    if name.ends_with(".json")
        && (name.contains("credentials")
            || name.contains("service-account")
            || name.contains("serviceaccount"))
    {
        return Some("cloud service-account credentials");
    }
    if name.ends_with(".p12")
        || name.ends_with(".pfx")
        || name.ends_with(".jks")
        || name.ends_with(".keystore")
    {
        return Some("keystore");
    }
    // `*.key` alone is ambiguous (vendors ship GPG public keys as `jenkins.io-2026.key`): only
    // names that say private/TLS count.
    let tls_key = name.ends_with(".key")
        && ["priv", "server", "tls", "ssl", "client", "local", "cert"]
            .iter()
            .any(|w| name.contains(w));
    if tls_key
        || name.ends_with("-key.pem")
        || name.ends_with("_key.pem")
        || name == "key.pem"
        || name.ends_with(".private.pem")
    {
        return Some("private key");
    }
    None
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for inst in ctx.instructions() {
        if !matches!(inst.keyword, Keyword::Copy | Keyword::Add) {
            continue;
        }
        // Files from another stage or image were not taken from the build context; their
        // own stage is where the file came in.
        if inst.flag("from").is_some() {
            continue;
        }
        let args = instruction::copy_args(inst, ctx.escape());
        for src in &args.sources {
            if src.value.starts_with("<<") || src.value.contains("://") {
                continue;
            }
            let value = ctx.model.expand_at(inst.index, &src.value).value;
            if let Some(kind) = secret_file_kind(&value) {
                out.push(
                    ctx.finding(&RULE, src.span, format!("{} copies `{}` ({kind}) into the image; it stays in the layer even if deleted later", inst.keyword.as_str(), src.value))
                        .with_fix("Keep credentials out of the build context (.dockerignore) and use `RUN --mount=type=secret` or `--mount=type=ssh` for build steps that need them."),
                );
            }
        }
    }
}
