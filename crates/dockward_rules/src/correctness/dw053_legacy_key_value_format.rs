//! ## What it does
//! Flags `ENV` and `LABEL` in the legacy `KEY value` form, without `=`
//! (`ENV GOPATH /go`).
//!
//! ## Why is this bad?
//! The legacy form takes the whole rest of the line as one value, so `ENV A 1 B 2` sets `A` to
//! `1 B 2` rather than two variables, and it cannot set several keys at once. Docker's
//! documentation deprecates it and BuildKit reports it as the build check
//! `LegacyKeyValueFormat`.
//!
//! Off by default (a matter of style, which BuildKit reports as a warning on every build):
//! enable it with `extend-select` or `profile = "strict"`.
//!
//! ## Example
//! ```dockerfile
//! FROM golang:1.23
//! ENV GOPATH /go
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM golang:1.23
//! ENV GOPATH=/go
//! ```
//!
//! ## Fix
//! Safe where the value is one plain word (`ENV KEY value` becomes `ENV KEY=value`); a value
//! with spaces or quotes is left for a person to quote as intended.
//!
//! ## References
//! - BuildKit build check `LegacyKeyValueFormat` (`docker build --check`)
//! - <https://docs.docker.com/reference/build-checks/legacy-key-value-format/>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW053",
    name: "legacy-key-value-format",
    summary: "`ENV`/`LABEL` in the legacy `KEY value` form",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Info,
    equivalents: &["LegacyKeyValueFormat"],
    default_enabled: false,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    let file = ctx.df.path.clone().unwrap_or_default();
    for inst in ctx.instructions() {
        if !matches!(inst.keyword, Keyword::Env | Keyword::Label) {
            continue;
        }
        let pairs = instruction::key_values(inst, ctx.escape());
        let [kv] = pairs.as_slice() else { continue };
        // `KEY=value`: the key is followed by `=` in the file; the legacy form by white space.
        if ctx.df.text.get(kv.key_span.end..).is_none_or(|t| t.starts_with('=')) {
            continue;
        }
        let key = ctx.df.slice(kv.key_span);
        let raw = ctx.df.slice(kv.value_span);
        let plain = !raw.is_empty()
            && raw.chars().all(|c| !c.is_whitespace() && !matches!(c, '"' | '\'' | '\\' | '`'));
        let mut finding = ctx
            .at_instruction(
                &RULE,
                inst,
                format!("`{} {key} {}` uses the legacy `KEY value` form", inst.keyword_text, raw),
            )
            .with_fix(format!("Write `{} {key}=<value>` (quote a value with spaces).", inst.keyword_text));
        if plain {
            // Replace the white space between key and value by `=`.
            finding = finding.with_autofix(Fix::safe(
                format!("write `{key}={raw}`"),
                vec![Edit::replace(file.clone(), kv.key_span.end..kv.value_span.start, "=")],
            ));
        }
        out.push(finding);
    }
}
