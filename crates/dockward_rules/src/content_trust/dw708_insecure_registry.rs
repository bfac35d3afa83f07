//! ## What it does
//! Flags a Docker daemon that trusts insecure registries: `RegistryConfig.InsecureRegistryCIDRs`
//! beyond loopback (`127.0.0.0/8`, `::1/128`, always there), or a registry in
//! `RegistryConfig.IndexConfigs` with `Secure: false` (`insecure-registries` in daemon.json)
//! other than one on this host (`localhost:5000`, `127.0.0.1:5000`).
//!
//! ## Why is this bad?
//! For an insecure registry the daemon accepts plain HTTP and any TLS certificate, so anyone on
//! the network path can serve altered images that the host then runs.
//!
//! ## Example
//! ```json
//! { "insecure-registries": ["10.0.0.0/8", "registry.internal:5000"] }
//! ```
//!
//! ## Use instead
//! ```json
//! { }
//! ```
//! Serve the registry over TLS; for a private CA, put its certificate in
//! `/etc/docker/certs.d/registry.internal:5000/ca.crt`.
//!
//! ## References
//! - CIS Docker Benchmark 2.5
//! - <https://docs.docker.com/reference/cli/dockerd/#insecure-registries>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW708",
    name: "insecure-registry",
    summary: "Daemon trusts insecure registries",
    practice: Practice::ContentTrust,
    surfaces: &[Surface::Host],
    severity: Severity::High,
    equivalents: &["CIS-2.5"],
    default_enabled: true,
};

/// `127.0.0.0/8` and narrower, `::1/128`: the daemon's built-in insecure loopback ranges.
fn is_loopback(cidr: &str) -> bool {
    let (addr, len) = cidr.split_once('/').unwrap_or((cidr, ""));
    match addr.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(a)) => {
            a.is_loopback() && len.parse::<u8>().map_or(true, |l| l >= 8)
        }
        Ok(std::net::IpAddr::V6(a)) => {
            a.is_loopback() && len.parse::<u8>().map_or(true, |l| l == 128)
        }
        Err(_) => false,
    }
}

/// `localhost:5000`, `127.0.0.1:5000`, `[::1]:5000`: a registry on this host.
fn is_loopback_registry(name: &str) -> bool {
    if name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback()) {
        return true;
    }
    let host = match name.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => name.rsplit_once(':').map_or(name, |(h, port)| {
            if port.chars().all(|c| c.is_ascii_digit()) { h } else { name }
        }),
    };
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

const FIX: &str = "Remove it from `insecure-registries` in /etc/docker/daemon.json and serve the registry over TLS (a private CA goes in /etc/docker/certs.d/<registry>/ca.crt).";

pub fn check_host(ctx: &HostCtx, out: &mut Vec<Finding>) {
    for cidr in ctx.facts.insecure_registry_cidrs.iter().filter(|c| !is_loopback(c)) {
        out.push(
            ctx.finding(
                &RULE,
                format!(
                    "the daemon trusts every registry in `{cidr}` over plain HTTP or unverified TLS"
                ),
            )
            .with_fix(FIX),
        );
    }
    for name in ctx.facts.insecure_registries.iter().filter(|n| !is_loopback_registry(n)) {
        out.push(
            ctx.finding(
                &RULE,
                format!("the daemon trusts registry `{name}` over plain HTTP or unverified TLS"),
            )
            .with_fix(FIX),
        );
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn loopback() {
        assert!(super::is_loopback("127.0.0.0/8"));
        assert!(super::is_loopback("127.0.0.1/32"));
        assert!(super::is_loopback("::1/128"));
        assert!(!super::is_loopback("0.0.0.0/0"));
        assert!(!super::is_loopback("10.0.0.0/8"));
        assert!(!super::is_loopback("::/0"));
    }

    #[test]
    fn loopback_registry_names() {
        for n in ["localhost:5000", "LOCALHOST", "127.0.0.1:5000", "[::1]:5000", "::1"] {
            assert!(super::is_loopback_registry(n), "{n}");
        }
        for n in [
            "registry.internal:5000",
            "10.1.2.3:5000",
            "localhost.example.com:5000",
            "[2001:db8::1]:5000",
        ] {
            assert!(!super::is_loopback_registry(n), "{n}");
        }
    }
}
