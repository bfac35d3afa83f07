//! Runs the enabled rules over a parsed Dockerfile, then applies configuration (severity
//! overrides) and suppressions (inline, file-level, hadolint pragmas, per-path ignores).
//! Suppressed findings are kept, marked, so JSON and SARIF can show them.

use crate::context::DockerfileCtx;
use crate::correctness::dw001_parse_error;
use crate::registry;
use dockward_core::suppression::{Directive, Scope};
use dockward_core::{Config, Finding, Suppression, SuppressionKind, Surface};
use dockward_dockerfile::ast::Dockerfile;
use dockward_dockerfile::model::Model;
use std::path::Path;

pub struct ScanOptions<'a> {
    /// YYYY-MM-DD, for date-dependent rules (end of life).
    pub today: &'a str,
}

/// Every finding for one Dockerfile, sorted by position, suppressed ones included.
pub fn check_dockerfile(df: &Dockerfile, model: &Model, config: &Config, opts: &ScanOptions) -> Vec<Finding> {
    let ctx = DockerfileCtx { df, model, config, today: opts.today };
    let mut out = Vec::new();
    if config.is_enabled(&dw001_parse_error::RULE) {
        for e in &df.errors {
            out.push(
                Finding::new(&dw001_parse_error::RULE, Surface::Dockerfile, df.location(e.span), e.message.clone())
                    .with_fix("Fix the syntax; BuildKit rejects this file, so `docker build` fails here."),
            );
        }
    }
    for rule in registry::all() {
        let Some(check) = rule.dockerfile else { continue };
        if !config.is_enabled(rule.meta) {
            continue;
        }
        let start = out.len();
        check(&ctx, &mut out);
        for f in &mut out[start..] {
            f.severity = config.severity_for(f.rule, f.severity);
        }
    }
    apply_suppressions(df, config, &mut out);
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()).then_with(|| a.message.cmp(&b.message)));
    out.dedup_by(|a, b| a.rule.code == b.rule.code && a.location == b.location && a.message == b.message);
    out
}

fn apply_suppressions(df: &Dockerfile, config: &Config, findings: &mut [Finding]) {
    let file_directives: Vec<Directive> = df
        .comments
        .iter()
        .filter_map(|c| Directive::parse(&c.text))
        .filter(|d| d.scope == Scope::File)
        .collect();
    let path_ignores: Vec<String> = df
        .path
        .as_deref()
        .map(|p| config.path_ignores(Path::new(p)).into_iter().map(str::to_string).collect())
        .unwrap_or_default();
    for f in findings.iter_mut() {
        if f.rule.code == "DW001" {
            continue;
        }
        if path_ignores.iter().any(|c| c.eq_ignore_ascii_case("ALL") || f.rule.matches(c)) {
            f.suppressed = Some(Suppression { kind: SuppressionKind::Config, reason: Some("per-path-ignores in configuration".into()) });
            continue;
        }
        let offset = f.location.bytes.as_ref().map(|b| b.start).unwrap_or(0);
        let inst = df.instructions.iter().rev().find(|i| i.span.start <= offset);
        let inline = inst.into_iter().flat_map(|i| i.comments_before.iter()).filter_map(|c| Directive::parse(&c.text)).filter(|d| d.scope == Scope::Next);
        if let Some(d) = inline.chain(file_directives.iter().cloned()).find(|d| d.covers(f)) {
            f.suppressed = Some(d.suppression());
        }
    }
}
