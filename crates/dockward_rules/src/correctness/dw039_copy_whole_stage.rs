//! ## What it does
//! Flags `COPY --from=<stage or image> / /`: copying the whole root filesystem of another stage
//! (or image) over the current one.
//!
//! ## Why is this bad?
//! Everything comes along: the other stage's package databases, caches, compilers, shells,
//! `/etc/passwd` and `/etc/shadow`, overwriting this stage's own files. The result is as large
//! as the source and loses what multi-stage builds are for — shipping only the artefacts. If a
//! stage really should continue another, write `FROM <stage>`.
//!
//! ## Example
//! ```dockerfile
//! FROM golang:1.22 AS build
//! RUN go build -o /out/app ./cmd/app
//! FROM gcr.io/distroless/static-debian12
//! COPY --from=build / /
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM golang:1.22 AS build
//! RUN go build -o /out/app ./cmd/app
//! FROM gcr.io/distroless/static-debian12
//! COPY --from=build /out/app /app
//! ```
//!
//! ## References
//! - hadolint DL3067 (do not copy an entire filesystem from another stage). Spellings of the
//!   root such as `/.` or `"/"` count as `/` too.
//! - <https://docs.docker.com/build/building/multi-stage/>

use crate::prelude::*;
use crate::support::hadolint_compat::stage_desc;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW039",
    name: "copy-whole-stage",
    summary: "COPY --from copies a whole filesystem (/ to /)",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL3067"],
    default_enabled: true,
};

fn unquote(s: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = s.strip_prefix(q).and_then(|x| x.strip_suffix(q)) {
            return inner;
        }
    }
    s
}

/// `/`, `//`, `/.`, `/./`: the root directory.
fn is_root(path: &str) -> bool {
    let p = unquote(path.trim());
    p.starts_with('/') && p.split('/').all(|seg| seg.is_empty() || seg == ".")
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for inst in ctx.instructions().iter().filter(|i| i.keyword == Keyword::Copy) {
        let Some(from) = inst.flag("from") else { continue };
        let c = instruction::copy_args(inst, ctx.escape());
        let Some(dest) = &c.dest else { continue };
        if !is_root(&dest.value) {
            continue;
        }
        let Some(src) = c.sources.iter().find(|s| is_root(&s.value)) else { continue };
        let value = from.value.clone().unwrap_or_default();
        let stage = ctx.model.stage_of(inst.index).and_then(|cur| {
            ctx.model.stage_by_ref(&ctx.model.expand_at(inst.index, &value).value, cur)
        });
        let (what, base) = match stage {
            Some(st) => (
                stage_desc(st),
                st.name.clone().unwrap_or_else(|| "<that stage, named with AS>".into()),
            ),
            None => (format!("image `{value}`"), value.clone()),
        };
        out.push(
            ctx.finding(&RULE, src.span.cover(dest.span), format!("`COPY --from={value} {} {}` copies the entire filesystem of {what} over this stage", src.value, dest.value))
                .with_fix(format!("Copy only the artefacts you need (e.g. `COPY --from={value} /out/app /usr/local/bin/app`), or start this stage with `FROM {base}` if it should continue that one.")),
        );
    }
}
