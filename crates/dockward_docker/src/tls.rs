//! TLS to a `tcp://` or `https://` daemon, as the Docker CLI does it.
//!
//! - Environment: `DOCKER_TLS_VERIFY` non-empty (or an `https://` host) → verify the daemon
//!   against `$DOCKER_CERT_PATH/ca.pem` (default: the CLI's config directory, `~/.docker`) and
//!   present `cert.pem`/`key.pem` from there.
//! - Docker contexts: the TLS material the CLI stores in
//!   `contexts/tls/<context id>/docker/{ca,cert,key}.pem`, and the endpoint's `SkipTLSVerify`.
//!
//! The daemon is trusted only through that CA, never the system roots (the CLI uses an
//! exclusive root pool too), so a certificate from some public CA does not pass for the daemon.
//! As in the CLI, a missing `cert.pem` *and* `key.pem` means no client certificate; one
//! without the other is an error. Files are checked before connecting so a mistake names the
//! file instead of surfacing as a handshake failure.
//!
//! The connection is a bollard custom transport over hyper-rustls with the `ring` provider:
//! bollard's own `connect_with_ssl` also trusts the system roots and cannot skip verification.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bollard::{BollardRequest, ClientVersion, Docker};
use futures_util::TryFutureExt;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};

/// Where a daemon's TLS files are and whether its certificate is verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsMaterial {
    /// The directory holding `ca.pem`, `cert.pem` and `key.pem`.
    pub dir: PathBuf,
    /// Accept any server certificate (a context's `SkipTLSVerify: true`).
    pub skip_verify: bool,
    /// Where these settings come from, for messages (`DOCKER_CERT_PATH`, ``context `x` ``).
    pub origin: String,
}

impl TlsMaterial {
    pub fn ca(&self) -> PathBuf {
        self.dir.join("ca.pem")
    }
    pub fn cert(&self) -> PathBuf {
        self.dir.join("cert.pem")
    }
    pub fn key(&self) -> PathBuf {
        self.dir.join("key.pem")
    }
}

/// TLS from the environment for `host`: `Ok(None)` when neither `DOCKER_TLS_VERIFY` is set
/// nor the host is `https://`, or when the host is not a TCP one (TLS does not apply to
/// `unix://`). `config_dir` is the CLI's configuration directory (the default cert path).
pub(crate) fn from_env(
    host: &str,
    var: &dyn Fn(&str) -> Option<String>,
    config_dir: Option<&Path>,
) -> Result<Option<TlsMaterial>, String> {
    let tcp = ["tcp://", "https://", "http://"].iter().any(|s| host.starts_with(s));
    // The CLI tests `DOCKER_TLS_VERIFY != ""`: any value, even `0`, turns verification on.
    let verify = var("DOCKER_TLS_VERIFY").is_some_and(|v| !v.is_empty());
    if !tcp || !(verify || host.starts_with("https://")) {
        return Ok(None);
    }
    let (dir, origin) = match var("DOCKER_CERT_PATH").filter(|p| !p.trim().is_empty()) {
        Some(p) => (PathBuf::from(p), "DOCKER_CERT_PATH".to_string()),
        None => match config_dir {
            Some(d) => (d.to_path_buf(), "the default certificate directory (DOCKER_CERT_PATH is unset)".to_string()),
            None => return Err("TLS is requested but neither DOCKER_CERT_PATH nor HOME is set, so ca.pem cannot be found".into()),
        },
    };
    Ok(Some(TlsMaterial { dir, skip_verify: false, origin }))
}

/// TLS of a Docker context stored under `config_dir/contexts/tls/<id>/docker/`: `None` when
/// the context has no TLS files and does not skip verification (plain `tcp://`).
pub(crate) fn from_context(
    config_dir: &Path,
    id: &str,
    name: &str,
    skip_verify: bool,
) -> Option<TlsMaterial> {
    let dir = config_dir.join("contexts").join("tls").join(id).join("docker");
    let has_files = ["ca.pem", "cert.pem", "key.pem"].iter().any(|f| dir.join(f).is_file());
    (has_files || skip_verify).then(|| TlsMaterial {
        dir,
        skip_verify,
        origin: format!("context `{name}`"),
    })
}

/// A PEM file, bounded in size (certificates and keys are a few KiB).
fn read_pem(path: &Path, what: &str) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path)
        .map_err(|e| format!("cannot read the {what} {}: {e}", path.display()))?;
    if meta.len() > 1024 * 1024 {
        return Err(format!("the {what} {} is larger than 1 MiB", path.display()));
    }
    std::fs::read(path).map_err(|e| format!("cannot read the {what} {}: {e}", path.display()))
}

fn certificates(path: &Path, what: &str) -> Result<Vec<CertificateDer<'static>>, String> {
    let pem = read_pem(path, what)?;
    let certs = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("the {what} {} is not valid PEM: {e}", path.display()))?;
    if certs.is_empty() {
        return Err(format!("the {what} {} holds no certificate", path.display()));
    }
    Ok(certs)
}

/// The rustls configuration for `m`, every file checked and named when wrong.
pub(crate) fn client_config(m: &TlsMaterial) -> Result<rustls::ClientConfig, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS setup: {e}"))?;
    let builder = if m.skip_verify {
        builder.dangerous().with_custom_certificate_verifier(Arc::new(AnyServerCert(provider)))
    } else {
        let ca = m.ca();
        let mut roots = rustls::RootCertStore::empty();
        for cert in certificates(&ca, "CA certificate")? {
            roots
                .add(cert)
                .map_err(|e| format!("the CA certificate {} is not usable: {e}", ca.display()))?;
        }
        builder.with_root_certificates(roots)
    };
    let (cert, key) = (m.cert(), m.key());
    match (cert.exists(), key.exists()) {
        (false, false) => Ok(builder.with_no_client_auth()),
        (true, false) => Err(format!(
            "the client key {} is missing (the client certificate {} is there)",
            key.display(),
            cert.display()
        )),
        (false, true) => Err(format!(
            "the client certificate {} is missing (the client key {} is there)",
            cert.display(),
            key.display()
        )),
        (true, true) => {
            let chain = certificates(&cert, "client certificate")?;
            let pem = read_pem(&key, "client key")?;
            let der = PrivateKeyDer::from_pem_slice(&pem).map_err(|e| {
                format!("the client key {} is not a usable PEM private key: {e}", key.display())
            })?;
            builder.with_client_auth_cert(chain, der).map_err(|e| {
                format!(
                    "the client certificate {} and key {} do not fit together: {e}",
                    cert.display(),
                    key.display()
                )
            })
        }
    }
}

/// A bollard client speaking HTTPS to `addr` (`https://host:port`) with `config`.
pub(crate) fn connect(
    addr: &str,
    config: rustls::ClientConfig,
    timeout_secs: u64,
    version: &ClientVersion,
) -> Result<Docker, bollard::errors::Error> {
    let mut http = hyper_util::client::legacy::connect::HttpConnector::new();
    http.enforce_http(false);
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(config)
        .https_only()
        .enable_http1()
        .wrap_connector(http);
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build(https);
    Docker::connect_with_custom_transport(
        move |req: BollardRequest| client.request(req).map_err(bollard::errors::Error::from),
        Some(addr),
        timeout_secs,
        version,
    )
}

/// The TLS error in `e`'s source chain, if any (hyper and tokio-rustls wrap it in
/// `io::Error`s, whose `source()` skips the wrapped error itself).
pub(crate) fn tls_error<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        if let Some(t) = err.downcast_ref::<rustls::Error>() {
            return Some(t);
        }
        if let Some(inner) = err.downcast_ref::<std::io::Error>().and_then(|io| io.get_ref())
            && let Some(t) = tls_error(inner)
        {
            return Some(t);
        }
        cur = err.source();
    }
    None
}

/// What a TLS failure means for the user.
pub(crate) fn explain(e: &rustls::Error, m: Option<&TlsMaterial>) -> String {
    use rustls::{AlertDescription as A, Error as E};
    let files = |m: &TlsMaterial| format!("{} and {}", m.cert().display(), m.key().display());
    match (e, m) {
        (E::InvalidCertificate(_), Some(m)) if !m.skip_verify => format!(
            "the daemon's certificate does not verify against {} ({}): {e}",
            m.ca().display(),
            m.origin
        ),
        (E::InvalidCertificate(_), _) => format!("the daemon's certificate is not valid: {e}"),
        (
            E::AlertReceived(
                A::CertificateRequired | A::BadCertificate | A::UnknownCA | A::HandshakeFailure,
            ),
            Some(m),
        ) if !m.cert().exists() => {
            format!(
                "the daemon refused the connection ({e}): it wants a client certificate, and there is none ({} missing)",
                files(m)
            )
        }
        (E::AlertReceived(A::CertificateRequired | A::BadCertificate | A::UnknownCA), Some(m)) => {
            format!("the daemon rejected the client certificate {} ({e})", m.cert().display())
        }
        _ => format!("TLS failed: {e}"),
    }
}

/// A context's `SkipTLSVerify`: any server certificate is accepted, but the handshake
/// signatures are still checked (so the session keys belong to whoever holds the key).
#[derive(Debug)]
struct AnyServerCert(Arc<CryptoProvider>);

impl ServerCertVerifier for AnyServerCert {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}
