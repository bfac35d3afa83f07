//! `dockward host` over TLS, as the Docker CLI connects: `DOCKER_TLS_VERIFY` +
//! `DOCKER_CERT_PATH`, or a context with TLS material.
//!
//! The daemon is a stand-in (`fake_tls_daemon.py`: Python's `ssl`, a client certificate
//! required as with `dockerd --tlsverify`) serving the answers recorded from Engine 20.10.24 in
//! `crates/dockward_docker/tests/fixtures/` and one privileged container (`bad.json`).
//! Certificates are made for each run with the `openssl` CLI: a CA, a server certificate for
//! 127.0.0.1, an RSA client key in the traditional PKCS#1 form Docker's docs produce, and a
//! second CA that signed nothing here. Without `python3` or `openssl` the tests are skipped
//! with a printed reason.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

fn tool_missing() -> Option<String> {
    for (tool, arg) in [("python3", "--version"), ("openssl", "version")] {
        match Command::new(tool).arg(arg).output() {
            Ok(o) if o.status.success() => {}
            _ => return Some(format!("no `{tool}`")),
        }
    }
    None
}

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl").args(args).current_dir(dir).output().expect("run openssl");
    assert!(
        out.status.success(),
        "openssl {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Certificates in `dir`: `ca.pem`, `other-ca.pem`, `server-*.pem`, `client-ca.pem` (what the
/// server trusts for clients) and `certs/` (a `DOCKER_CERT_PATH`: ca.pem, cert.pem, key.pem).
fn make_pki(dir: &Path) -> PathBuf {
    for ca in ["ca", "other-ca"] {
        let (key, cert, subj) =
            (format!("{ca}-key.pem"), format!("{ca}.pem"), format!("/CN=dockward test {ca}"));
        openssl(
            dir,
            &[
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                &key,
                "-out",
                &cert,
                "-days",
                "2",
                "-subj",
                &subj,
            ],
        );
    }
    // Server: EC key, SAN 127.0.0.1 (what the client connects to).
    std::fs::write(
        dir.join("server.ext"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(
        dir,
        &[
            "req",
            "-new",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "server-key.pem",
            "-out",
            "server.csr",
            "-subj",
            "/CN=127.0.0.1",
        ],
    );
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca-key.pem",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "server.ext",
            "-out",
            "server-cert.pem",
        ],
    );
    // Client: RSA key in PKCS#1 (`BEGIN RSA PRIVATE KEY`), as `openssl genrsa` made it for years.
    std::fs::write(dir.join("client.ext"), "extendedKeyUsage=clientAuth\n").unwrap();
    openssl(dir, &["genrsa", "-traditional", "-out", "client-key.pem", "2048"]);
    openssl(
        dir,
        &["req", "-new", "-key", "client-key.pem", "-out", "client.csr", "-subj", "/CN=client"],
    );
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "client.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca-key.pem",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "client.ext",
            "-out",
            "client-cert.pem",
        ],
    );
    std::fs::copy(dir.join("ca.pem"), dir.join("client-ca.pem")).unwrap();
    let certs = dir.join("certs");
    std::fs::create_dir_all(&certs).unwrap();
    for (from, to) in
        [("ca.pem", "ca.pem"), ("client-cert.pem", "cert.pem"), ("client-key.pem", "key.pem")]
    {
        std::fs::copy(dir.join(from), certs.join(to)).unwrap();
    }
    certs
}

/// The stand-in daemon; killed on drop (also when an assertion fails).
struct Daemon {
    child: Child,
    port: u16,
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_daemon(pki: &Path) -> Daemon {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fake_tls_daemon.py");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../dockward_docker/tests/fixtures");
    let mut child = Command::new("python3")
        .arg(script)
        .arg(pki)
        .arg(fixtures)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start python3");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let port = line
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("fake daemon did not print its port: {line:?}"));
    Daemon { child, port }
}

fn host(d: &Daemon, env: &[(&str, &Path)], extra: &[&str]) -> Output {
    let endpoint = format!("tcp://127.0.0.1:{}", d.port);
    let mut cmd = common::bin();
    for v in
        ["DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH", "DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG"]
    {
        cmd.env_remove(v);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut args = vec!["host", "--no-config", "--format", "json", "--timeout", "5"];
    if !extra.contains(&"--context") {
        args.extend(["--host", &endpoint]);
    }
    args.extend(extra);
    cmd.args(&args).output().expect("run dockward")
}

fn codes(out: &Output) -> BTreeSet<String> {
    common::codes(&common::json(out), true).into_iter().collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

macro_rules! require_tools {
    ($name:literal) => {
        if let Some(reason) = tool_missing() {
            eprintln!("skipping {}: {reason}", $name);
            return;
        }
    };
}

#[test]
fn verified_tls_daemon_is_audited() {
    require_tools!("verified_tls_daemon_is_audited");
    let pki = tempfile::tempdir().unwrap();
    let certs = make_pki(pki.path());
    let d = start_daemon(pki.path());
    let verify: &Path = Path::new("1");

    let out = host(&d, &[("DOCKER_TLS_VERIFY", verify), ("DOCKER_CERT_PATH", &certs)], &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let got = codes(&out);
    // Host rules from /version, /info and /networks (ICC on the default bridge: DW907) and the
    // container rules on the privileged container; TLS is not taken for plain TCP (DW908).
    for want in ["DW101", "DW907", "DW1007", "DW502", "DW803"] {
        assert!(got.contains(want), "{want} missing from {got:?}");
    }
    assert!(!got.contains("DW908"), "{got:?}");
    let v = common::json(&out);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "DW502" && f["target"] == "fx-bad")
    );
    // The container that is gone by the time it is inspected (404) is skipped, not an error.
    assert_eq!(v["summary"]["files_scanned"], 1);
    assert!(v["findings"].as_array().unwrap().iter().all(|f| f["target"] != "gone"));

    // The same through a Docker context holding the TLS material (the environment's TLS
    // settings do not apply to a context: here they point at a directory without files).
    let cfg = tempfile::tempdir().unwrap();
    let meta = cfg.path().join("contexts/meta/abcd");
    let tls = cfg.path().join("contexts/tls/abcd/docker");
    std::fs::create_dir_all(&meta).unwrap();
    std::fs::create_dir_all(&tls).unwrap();
    let endpoint = format!("tcp://127.0.0.1:{}", d.port);
    let json = serde_json::json!({"Name": "tls-it", "Metadata": {}, "Endpoints": {"docker": {"Host": endpoint, "SkipTLSVerify": false}}});
    std::fs::write(meta.join("meta.json"), json.to_string()).unwrap();
    for f in ["ca.pem", "cert.pem", "key.pem"] {
        std::fs::copy(certs.join(f), tls.join(f)).unwrap();
    }
    let empty = tempfile::tempdir().unwrap();
    let out = host(
        &d,
        &[
            ("DOCKER_CONFIG", cfg.path()),
            ("DOCKER_TLS_VERIFY", verify),
            ("DOCKER_CERT_PATH", empty.path()),
        ],
        &["--context", "tls-it"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(codes(&out).contains("DW907"));

    // `SkipTLSVerify` in the context: a CA that signed nothing here does not matter.
    std::fs::copy(pki.path().join("other-ca.pem"), tls.join("ca.pem")).unwrap();
    let out = host(&d, &[("DOCKER_CONFIG", cfg.path())], &["--context", "tls-it"]);
    assert_eq!(out.status.code(), Some(2), "the wrong CA fails without SkipTLSVerify");
    let json = serde_json::json!({"Name": "tls-it", "Metadata": {}, "Endpoints": {"docker": {"Host": endpoint, "SkipTLSVerify": true}}});
    std::fs::write(meta.join("meta.json"), json.to_string()).unwrap();
    let out = host(&d, &[("DOCKER_CONFIG", cfg.path())], &["--context", "tls-it"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn wrong_ca_exits_2_naming_the_endpoint_and_the_certificate() {
    require_tools!("wrong_ca_exits_2_naming_the_endpoint_and_the_certificate");
    let pki = tempfile::tempdir().unwrap();
    let certs = make_pki(pki.path());
    std::fs::copy(pki.path().join("other-ca.pem"), certs.join("ca.pem")).unwrap();
    let d = start_daemon(pki.path());
    let out = host(&d, &[("DOCKER_TLS_VERIFY", Path::new("1")), ("DOCKER_CERT_PATH", &certs)], &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&format!("tcp://127.0.0.1:{}", d.port)), "{err}");
    assert!(
        err.contains("certificate") && err.contains(&certs.join("ca.pem").display().to_string()),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn missing_tls_files_exit_2_naming_the_file() {
    require_tools!("missing_tls_files_exit_2_naming_the_file");
    let pki = tempfile::tempdir().unwrap();
    let certs = make_pki(pki.path());
    let d = start_daemon(pki.path());
    let env = [("DOCKER_TLS_VERIFY", Path::new("1")), ("DOCKER_CERT_PATH", certs.as_path())];

    // A key without its certificate, then no CA at all: the missing file is named.
    std::fs::remove_file(certs.join("cert.pem")).unwrap();
    let out = host(&d, &env, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&certs.join("cert.pem").display().to_string()),
        "{}",
        stderr(&out)
    );
    std::fs::remove_file(certs.join("ca.pem")).unwrap();
    let out = host(&d, &env, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(&certs.join("ca.pem").display().to_string()), "{}", stderr(&out));

    // Neither cert.pem nor key.pem: as the Docker CLI, no client certificate is sent; this
    // daemon requires one, and the message says so.
    std::fs::copy(pki.path().join("ca.pem"), certs.join("ca.pem")).unwrap();
    std::fs::remove_file(certs.join("key.pem")).unwrap();
    let out = host(&d, &env, &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("client certificate") && err.contains("cert.pem"), "{err}");
}

#[test]
fn tcp_without_tls_settings_stays_plain_http() {
    require_tools!("tcp_without_tls_settings_stays_plain_http");
    let pki = tempfile::tempdir().unwrap();
    make_pki(pki.path());
    let d = start_daemon(pki.path());
    // Plain HTTP to a TLS port: the daemon hangs up; no TLS error, no fallback to TLS.
    let out = host(&d, &[], &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("cannot reach the Docker daemon") && !err.contains("TLS"), "{err}");
}
