//! ## What it does
//! Checks each port of `EXPOSE`: a number from 0 to 65535 or a range `start-end` of such
//! numbers, optionally followed by `/tcp`, `/udp` or `/sctp`. Variables are expanded with the
//! ARG and ENV values of the file; a port that depends on a variable without a value is
//! skipped.
//!
//! ## Why is this bad?
//! Docker parses the ports when it builds the image: a port above 65535, a reversed range, a
//! word that is not a number or an unknown protocol makes `docker build` fail (or, with older
//! builders, produces metadata that `docker run -P` cannot use).
//!
//! ## Example
//! ```dockerfile
//! FROM nginx:1.27
//! EXPOSE 80800 443/https
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM nginx:1.27
//! EXPOSE 8080 443/tcp
//! ```
//!
//! ## References
//! - BuildKit build check `ExposeInvalidFormat` (`docker build --check`)
//! - hadolint DL3011; Trivy DS-0008; KICS unix_ports_out_of_range
//! - Differences from hadolint: hadolint reports only numbers above 65535; dockward also
//!   reports what Docker rejects (non-numeric ports, reversed ranges, unknown protocols) and
//!   checks ports given through ARG/ENV values.
//! - <https://docs.docker.com/reference/dockerfile/#expose>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW008",
    name: "expose-invalid-port",
    summary: "EXPOSE has an invalid port",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Medium,
    equivalents: &["DL3011", "DS-0008", "ExposeInvalidFormat"],
    default_enabled: true,
};

/// What is wrong with one `EXPOSE` port spec, if anything.
fn problem(spec: &str) -> Option<String> {
    let (port, proto) = match spec.split_once('/') {
        Some((p, proto)) => (p, proto.split('/').next().unwrap_or("")),
        None => (spec, ""),
    };
    if !proto.is_empty() && !matches!(proto.to_ascii_lowercase().as_str(), "tcp" | "udp" | "sctp") {
        return Some(format!("`{spec}`: unknown protocol `{proto}` (use tcp, udp or sctp)"));
    }
    // `[ip:][host:]container`: the container port is what EXPOSE declares.
    let container = port.rsplit(':').next().unwrap_or(port);
    let (lo, hi) = match container.split_once('-') {
        Some((a, b)) => (a, Some(b)),
        None => (container, None),
    };
    let mut nums = Vec::new();
    for part in std::iter::once(lo).chain(hi) {
        if part.is_empty() || !part.chars().all(|c| c.is_ascii_digit()) {
            return Some(format!("`{spec}` is not a port number or range"));
        }
        // Digits only: parse cannot fail except by overflow, which is out of range anyway.
        match part.parse::<u64>() {
            Ok(n) if n <= 65535 => nums.push(n),
            _ if part == spec => {
                return Some(format!("port `{part}` is out of range: valid ports are 0-65535"));
            }
            _ => {
                return Some(format!(
                    "port `{part}` in `{spec}` is out of range: valid ports are 0-65535"
                ));
            }
        }
    }
    if let [a, b] = nums[..]
        && a > b
    {
        return Some(format!("port range `{container}` ends before it starts"));
    }
    None
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for inst in ctx.instructions() {
        if inst.keyword != Keyword::Expose {
            continue;
        }
        for w in instruction::words(inst, ctx.escape()) {
            let ex = ctx.model.expand_at(inst.index, &w.value);
            if !ex.is_complete() {
                continue;
            }
            let via = if w.value.contains('$') {
                format!(" (`{}` expands to `{}`)", w.value, ex.value)
            } else {
                String::new()
            };
            for spec in ex.value.split_whitespace() {
                if let Some(p) = problem(spec) {
                    out.push(
                        ctx.finding(&RULE, w.span, format!("EXPOSE {p}{via}"))
                            .with_fix("Expose a port number from 0 to 65535 (or a range `start-end`), optionally with `/tcp`, `/udp` or `/sctp`, e.g. `EXPOSE 8080/tcp`."),
                    );
                }
            }
        }
    }
}
