//! ## What it does
//! Flags an `EXPOSE` protocol not written in lowercase (`EXPOSE 53/UDP`).
//!
//! ## Why is this bad?
//! Docker matches protocols in lowercase (`tcp`, `udp`, `sctp`); an uppercase protocol is
//! accepted by the builder today, but tools that read the image configuration compare the
//! port key (`53/UDP` vs `53/udp`) literally. BuildKit reports it as the build check
//! `ExposeProtoCasing`.
//!
//! ## Example
//! ```dockerfile
//! FROM coredns/coredns:1.11.1
//! EXPOSE 53/UDP
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM coredns/coredns:1.11.1
//! EXPOSE 53/udp
//! ```
//!
//! ## Fix
//! Safe: the protocol is rewritten in lowercase.
//!
//! ## References
//! - BuildKit build check `ExposeProtoCasing` (`docker build --check`)
//! - <https://docs.docker.com/reference/build-checks/expose-proto-casing/>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW055",
    name: "expose-proto-casing",
    summary: "`EXPOSE` protocol not in lowercase",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Info,
    equivalents: &["ExposeProtoCasing"],
    default_enabled: true,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    let file = ctx.df.path.clone().unwrap_or_default();
    for inst in ctx.instructions().iter().filter(|i| i.keyword == Keyword::Expose) {
        for word in instruction::words(inst, ctx.escape()) {
            let Some((_, proto)) = word.value.rsplit_once('/') else { continue };
            if !proto.chars().any(|c| c.is_uppercase()) || proto.contains('$') {
                continue;
            }
            let written = ctx.df.slice(word.span);
            let Some(at) = written.rfind(proto) else { continue };
            let proto_span = Span::new(word.span.start + at, word.span.start + at + proto.len());
            let lower = proto.to_lowercase();
            out.push(
                ctx.finding(&RULE, proto_span, format!("protocol `{proto}` of `EXPOSE {written}` should be lowercase"))
                    .with_fix(format!("Write `{lower}`."))
                    .with_autofix(Fix::safe(
                        format!("write `{lower}`"),
                        vec![Edit::replace(file.clone(), proto_span.range(), lower)],
                    )),
            );
        }
    }
}
