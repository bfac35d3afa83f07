//! ## What it does
//! Flags `ENV` and `ARG` instructions that hold a secret: a credential-shaped name
//! (`DB_PASSWORD`, `API_KEY`, `GITHUB_TOKEN` …) with a literal value, a value in a known token
//! format (AWS key, GitHub/GitLab token, Slack, Stripe, private key, JWT, `user:pass@` URL)
//! whatever the name, and credential-shaped `ARG`s without a value (the value given with
//! `--build-arg` is recorded in the image history).
//!
//! Not flagged: references (`ENV DB_PASSWORD=${DB_PASSWORD}`), file pointers
//! (`POSTGRES_PASSWORD_FILE=/run/secrets/pg`), names about credentials rather than holding
//! one (`PASSWORD_MIN_LENGTH`, `GPG_KEY` fingerprints), placeholders (`<your-token>`).
//!
//! ## Why is this bad?
//! `ENV` values are baked into the image config, visible to anyone who can pull the image
//! (`docker inspect`). `ARG` values are recorded in `docker history` of every image built with
//! them. Either way the secret ships with the image.
//!
//! ## Example
//! ```dockerfile
//! FROM node:22-slim
//! ARG NPM_TOKEN
//! ENV DB_PASSWORD=hunter2
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM node:22-slim
//! RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci
//! # and pass DB_PASSWORD at run time (secrets manager, `docker run --env-file`, Compose secrets)
//! ```
//!
//! ## References
//! - BuildKit build check `SecretsUsedInArgOrEnv` (`docker build --check`)
//! - hadolint DL3064 (newer versions); Trivy DS-0031 (secrets in ENV/ARG)
//! - <https://docs.docker.com/build/building/secrets/>

use crate::prelude::*;
use dockward_knowledge::secrets;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW601",
    name: "secret-in-build-env",
    summary: "ENV or ARG holds or names a secret",
    practice: Practice::Secrets,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::High,
    equivalents: &["DL3064", "DS-0031", "SecretsUsedInArgOrEnv"],
    default_enabled: true,
};

const FIX_ENV: &str = "Do not bake secrets into the image: pass them at run time (secret store, `--env-file`, Compose/Swarm secrets), or for build steps use `RUN --mount=type=secret`.";
const FIX_ARG: &str = "Build arguments end up in the image history; use `RUN --mount=type=secret,id=...` (BuildKit secrets) instead.";

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    let esc = ctx.escape();
    for inst in ctx.instructions() {
        match inst.keyword {
            Keyword::Env => {
                for kv in instruction::key_values(inst, esc) {
                    if let Some(m) = secrets::check_assignment(&kv.key, &kv.value) {
                        out.push(
                            ctx.finding(
                                &RULE,
                                kv.span,
                                format!(
                                    "ENV `{}` holds a secret ({}): `{}`",
                                    kv.key, m.description, m.redacted
                                ),
                            )
                            .with_fix(FIX_ENV),
                        );
                    }
                }
            }
            Keyword::Arg => {
                for def in instruction::arg_defs(inst, esc) {
                    match &def.default {
                        Some(v) => {
                            if let Some(m) = secrets::check_assignment(&def.name, v) {
                                out.push(
                                    ctx.finding(
                                        &RULE,
                                        def.span,
                                        format!(
                                            "ARG `{}` has a secret default ({}): `{}`",
                                            def.name, m.description, m.redacted
                                        ),
                                    )
                                    .with_fix(FIX_ARG),
                                );
                            }
                        }
                        None if secrets::is_credential_name(&def.name) => {
                            out.push(
                                ctx.finding(&RULE, def.span, format!("ARG `{}` is a credential passed as a build argument: its value is recorded in the image history", def.name))
                                    .with_fix(FIX_ARG),
                            );
                        }
                        None => {}
                    }
                }
            }
            _ => {}
        }
    }
}
