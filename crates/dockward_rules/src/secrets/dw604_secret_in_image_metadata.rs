//! ## What it does
//! Flags secrets in what an image carries besides its files, and in a live container's
//! environment:
//!
//! - the image's `Config.Env` (`ENV DB_PASSWORD=hunter2`),
//! - its labels (`LABEL deploy-token=ghp_…`),
//! - its history (`docker history`): every step's `created_by`, where build arguments used by
//!   a `RUN` are recorded in full (`|1 NPM_TOKEN=npm_… /bin/sh -c npm ci`), and where an `ENV`
//!   or `LABEL` that a later step overwrote is still written;
//! - a live container's `Config.Env` entries that are not its image's (`docker run -e
//!   DB_PASSWORD=hunter2`). The container's environment includes its image's; an entry
//!   identical to one of the image's is the image's secret, reported once, on the image.
//!
//! The detector is dockward's one secret detector (the same as DW601 and DW602): a literal
//! value under a credential-shaped name (`DB_PASSWORD`, `API_KEY`, `GITHUB_TOKEN` …), a
//! connection string with a password, or a value in a known token format whatever the name
//! (AWS keys, GitHub/GitLab/Slack/Stripe/npm tokens, private keys, JWTs …). References,
//! file paths (`POSTGRES_PASSWORD_FILE=/run/secrets/db`) and placeholders are not reported.
//! Findings show the secret masked (`npm_****…0000`), never in full. A secret that the
//! image's history repeats from its `Config.Env` or labels (the `ENV`/`LABEL` step that set
//! it) is reported once; one that several history steps record (a build argument used by
//! several `RUN`s) is reported once, naming the steps.
//!
//! ## Why is this bad?
//! Image configuration and history travel with the image: anyone who can pull it, or run
//! `docker inspect` / `docker history` on a host that has it, reads them, and no later
//! instruction removes them. A container's environment is readable by anyone with access to
//! the Docker API (`docker inspect`), by every process in the container, and ends up in crash
//! dumps and support bundles.
//!
//! ## Example
//! ```dockerfile
//! FROM node:22-slim
//! ARG NPM_TOKEN
//! RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
//! ENV DB_PASSWORD=hunter2
//! ```
//! built with `docker build --build-arg NPM_TOKEN=npm_… .`, or
//! ```sh
//! docker run -d -e DB_PASSWORD=hunter2 example/app:1.0
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM node:22-slim
//! RUN --mount=type=secret,id=npmrc,target=/app/.npmrc npm ci
//! ```
//! built with `docker build --secret id=npmrc,src=$HOME/.npmrc .`, and the database password
//! given at run time from a file or a secret store:
//! ```sh
//! docker run -d --env-file /etc/app/env example/app:1.0   # file readable by root only
//! ```
//!
//! ## References
//! - CIS Docker Benchmark 4.10 (ensure secrets are not stored in Dockerfiles); dockle
//!   CIS-DI-0010 (do not store credentials in environment variables or files)
//! - <https://docs.docker.com/build/building/secrets/>
//! - <https://docs.docker.com/engine/swarm/secrets/>

use crate::prelude::*;
use dockward_knowledge::secrets::{self, SecretKind, SecretMatch};
use std::ops::Range;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW604",
    name: "secret-in-image-metadata",
    summary: "Secret in an image's environment, labels or history, or a container's environment",
    practice: Practice::Secrets,
    surfaces: &[Surface::Image, Surface::Container],
    severity: Severity::High,
    equivalents: &["CIS-4.10", "CIS-DI-0010"],
    default_enabled: true,
};

const IMAGE_EQ: [&str; 2] = ["CIS-4.10", "CIS-DI-0010"];

const FIX_CONFIG: &str = "Rebuild the image without it and pass the secret at run time (`--env-file` from a protected file, Docker/Compose secrets, a secret store); rotate the credential: everyone who has the image has it.";
const FIX_BUILD_ARG: &str = "Pass build-time secrets as BuildKit secrets (`RUN --mount=type=secret,id=…` with `docker build --secret id=…,env=…`), not `--build-arg`; rebuild, delete the old image everywhere it was pushed, and rotate the credential.";
const FIX_HISTORY: &str = "A later step does not remove what an earlier one recorded: rebuild without the secret (pass it at run time or as a BuildKit secret), delete the old image everywhere it was pushed, and rotate the credential.";

/// "a literal value" for a named credential, "a literal <kind>" for a known format.
fn what(m: &SecretMatch) -> String {
    match m.kind {
        SecretKind::NamedCredential => "a literal value".to_string(),
        _ => format!("a literal {}", m.description),
    }
}

/// What was judged, as a key: one secret is reported once per image.
fn key(m: &SecretMatch) -> (String, String) {
    (m.description.clone(), m.redacted.clone())
}

/// The build arguments a history step records before its command, with their byte ranges:
/// `|2 A=1 B=x /bin/sh -c …` (legacy builder) or `RUN |2 A=1 B=x /bin/sh -c …` (BuildKit).
/// Values are taken up to the next space (the daemon writes them unquoted).
fn build_args(created_by: &str) -> Vec<(&str, Range<usize>)> {
    let start = created_by.len() - created_by.trim_start().len();
    let rest = &created_by[start..];
    let (rest, start) = match rest.strip_prefix("RUN ") {
        Some(r) => (r, start + 4),
        None => (rest, start),
    };
    let Some(count) = rest.strip_prefix('|') else { return Vec::new() };
    let digits = count.bytes().take_while(u8::is_ascii_digit).count();
    let Ok(n) = count[..digits].parse::<usize>() else { return Vec::new() };
    let mut out = Vec::new();
    let mut pos = start + 1 + digits;
    for _ in 0..n {
        let tail = &created_by[pos..];
        let word_start = pos + (tail.len() - tail.trim_start().len());
        let word = created_by[word_start..].split(' ').next().unwrap_or("");
        let Some((name, _)) = word.split_once('=') else { break };
        out.push((name, word_start..word_start + word.len()));
        pos = word_start + word.len();
    }
    out
}

/// A history step as shown in a message: the instruction without the legacy builder's
/// `/bin/sh -c #(nop)` prefix, secrets masked, at most 100 characters.
fn shown_step(created_by: &str) -> String {
    let text = match created_by.split_once("#(nop)") {
        Some((_, rest)) => rest.trim(),
        None => created_by.trim(),
    };
    let masked = secrets::redact_text(text);
    let mut short: String = masked.chars().take(100).collect();
    if short.len() < masked.len() {
        short.push('…');
    }
    short
}

pub fn check_image(ctx: &ImageCtx, out: &mut Vec<Finding>) {
    let image = ctx.image;
    let who = ctx.what();
    let mut seen = std::collections::HashSet::new();
    for entry in &image.env {
        let Some((name, value)) = entry.split_once('=') else { continue };
        let Some(m) = secrets::check_assignment(name, value) else { continue };
        seen.insert(key(&m));
        out.push(
            ctx.finding(
                &RULE,
                format!(
                    "{who} sets `{name}` in its `Config.Env` to {}: `{}`",
                    what(&m),
                    m.redacted
                ),
            )
            .with_fix(FIX_CONFIG)
            .with_equivalents(IMAGE_EQ),
        );
    }
    for (name, value) in &image.labels {
        let Some(m) = secrets::check_assignment(name, value) else { continue };
        seen.insert(key(&m));
        out.push(
            ctx.finding(
                &RULE,
                format!("{who} has label `{name}` holding {}: `{}`", what(&m), m.redacted),
            )
            .with_fix(FIX_CONFIG)
            .with_equivalents(IMAGE_EQ),
        );
    }
    // History is newest first; steps are numbered from the oldest, as `docker history` lists
    // them bottom-up.
    let total = image.history.len();
    let mut hits: Vec<HistoryHit> = Vec::new();
    for (i, h) in image.history.iter().enumerate().rev() {
        let step = total - i;
        let args = build_args(&h.created_by);
        for m in secrets::scan_text(&h.created_by) {
            if seen.contains(&key(&m)) {
                continue;
            }
            if let Some(hit) = hits.iter_mut().find(|x| key(&x.found) == key(&m)) {
                if !hit.steps.contains(&step) {
                    hit.steps.push(step);
                }
                continue;
            }
            let build_arg = args
                .iter()
                .find(|(_, r)| r.start <= m.range.start && m.range.end <= r.end)
                .map(|(n, _)| n.to_string());
            hits.push(HistoryHit {
                found: m,
                build_arg,
                steps: vec![step],
                first: shown_step(&h.created_by),
            });
        }
    }
    for hit in hits {
        let m = &hit.found;
        let at = match hit.steps.as_slice() {
            [one] => format!("step {one} of {total}: `{}`", hit.first),
            many => format!(
                "steps {} of {total}; first: `{}`",
                many.iter().map(usize::to_string).collect::<Vec<_>>().join(", "),
                hit.first
            ),
        };
        let (subject, fix) = match &hit.build_arg {
            Some(name) => (format!("build argument `{name}` holding {}", what(m)), FIX_BUILD_ARG),
            None => (what(m), FIX_HISTORY),
        };
        out.push(
            ctx.finding(&RULE, format!("{who} history records {subject}: `{}` ({at})", m.redacted))
                .with_fix(fix)
                .with_equivalents(IMAGE_EQ),
        );
    }
}

/// One secret found in the history: where first (shown masked), in which steps, and the build
/// argument it was passed as, if any.
struct HistoryHit {
    found: SecretMatch,
    build_arg: Option<String>,
    steps: Vec<usize>,
    first: String,
}

/// Live containers: the environment entries the container adds to (or changes from) its
/// image's. Compose services are DW602's.
pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    if ctx.surface != Surface::Container {
        return;
    }
    let image_env = ctx.spec.runtime.as_ref().and_then(|r| r.image_env.as_ref());
    for (name, v) in &ctx.spec.environment {
        let Some(value) = &v.value else { continue };
        if image_env.is_some_and(|env| {
            env.iter().any(|e| e.split_once('=') == Some((name.as_str(), value.as_str())))
        }) {
            continue;
        }
        let Some(m) = secrets::check_assignment(name, value) else { continue };
        out.push(
            ctx.finding_at(&RULE, v, format!("{} sets `{name}` in its environment to {}: `{}`", ctx.what(), what(&m), m.redacted))
                .with_fix("Recreate the container without the literal secret: read it from a file only root can read (`--env-file`), a Docker secret or a secret store, and rotate the credential: anyone with access to the Docker API sees it in `docker inspect`.")
                .with_equivalents(Vec::<&str>::new()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_arg_prefixes() {
        let legacy = "|2 APP_VERSION=2.3 NPM_TOKEN=abc /bin/sh -c npm ci";
        let got: Vec<(&str, &str)> =
            build_args(legacy).into_iter().map(|(n, r)| (n, &legacy[r])).collect();
        assert_eq!(got, [("APP_VERSION", "APP_VERSION=2.3"), ("NPM_TOKEN", "NPM_TOKEN=abc")]);
        let buildkit = "RUN |1 GITHUB_TOKEN=ghp_x /bin/sh -c make # buildkit";
        let got: Vec<&str> = build_args(buildkit).into_iter().map(|(n, _)| n).collect();
        assert_eq!(got, ["GITHUB_TOKEN"]);
        assert!(build_args("/bin/sh -c #(nop)  ENV A=b").is_empty());
        assert!(build_args("|x A=b").is_empty());
        assert!(build_args("|3 A=b").len() == 1, "fewer words than announced: what is there");
        assert!(build_args("|").is_empty() && build_args("").is_empty());
    }

    #[test]
    fn steps_are_shown_short_and_masked() {
        assert_eq!(
            shown_step("/bin/sh -c #(nop)  ENV DB_PASSWORD=hunter2"),
            "ENV DB_PASSWORD=****"
        );
        let long = format!("RUN {}", "x".repeat(300));
        assert_eq!(shown_step(&long).chars().count(), 101);
    }
}
