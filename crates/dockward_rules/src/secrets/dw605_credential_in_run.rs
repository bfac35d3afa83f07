//! ## What it does
//! Flags RUN steps that handle credentials in a way that leaves them in the image or its
//! history, when the step has no `--mount=type=secret`:
//! `aws configure set aws_secret_access_key …`, `echo … > .npmrc` / `npm config set
//! _authToken …`, `git clone https://user:token@…`, `curl -u user:pass` / `--user`,
//! `wget --password=…`, `chpasswd` / `chpasswd` fed by `echo user:pass`, `docker login -p …`,
//! `sshpass -p …`, `mysql -p<password>`, and any known token format (AWS, GitHub, GitLab,
//! Slack, Stripe, npm, PyPI, Docker Hub, private key blocks, JWTs) written literally in the
//! script.
//!
//! A credential given by variable counts when the variable is an `ARG` or `ENV` of the
//! stage (both persist in the image or its history); an undeclared variable is empty at
//! build time and is not flagged.
//!
//! ## Why is this bad?
//! The command line of every RUN is stored in the image history (`docker history
//! --no-trunc`), and files it writes stay in the layer. Build arguments used here are
//! recorded too. BuildKit secret mounts exist exactly to avoid this.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.22
//! ARG GH_TOKEN
//! RUN git clone https://x:${GH_TOKEN}@github.com/acme/app.git
//! RUN echo "root:toor" | chpasswd
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM alpine:3.22
//! RUN --mount=type=secret,id=gh_token,env=GH_TOKEN \
//!     git clone https://x:${GH_TOKEN}@github.com/acme/app.git
//! ```
//!
//! ## References
//! - Trivy DS-0031; Checkov CKV2_DOCKER_17 (chpasswd)
//! - <https://docs.docker.com/build/building/secrets/>

use crate::prelude::*;
use dockward_knowledge::secrets;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW605",
    name: "credential-in-run",
    summary: "Credentials used in RUN without a secret mount",
    practice: Practice::Secrets,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::High,
    equivalents: &["DS-0031", "CKV2_DOCKER_17"],
    default_enabled: true,
};

const FIX: &str = "Use a BuildKit secret: `RUN --mount=type=secret,id=NAME[,env=VAR] ...` and `docker build --secret id=NAME,...`, so the credential never reaches the image or its history.";

/// Does `value` carry a credential: a literal, or a variable that persists (ARG/ENV)?
fn credential_value(ctx: &DockerfileCtx, inst: usize, value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() {
        return false;
    }
    if v.contains('$') {
        return names_in(v).iter().any(|n| ctx.model.is_declared_at(inst, n));
    }
    !secrets::is_non_secret_value(v) || v.len() >= 3
}

fn names_in(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < b.len() {
        if b[i] == '$' {
            i += 1;
            if b.get(i) == Some(&'{') {
                i += 1;
            }
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == '_') {
                i += 1;
            }
            if i > start {
                out.push(b[start..i].iter().collect());
            }
        } else {
            i += 1;
        }
    }
    out
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for run in ctx.runs() {
        let inst = ctx.inst(run.inst);
        if instruction::mounts(inst).iter().any(|m| m.kind == "secret") {
            continue;
        }
        // Literal tokens anywhere in the RUN line (and heredoc bodies).
        for m in secrets::scan_text(inst.args_text()) {
            if m.kind == secrets::SecretKind::NamedCredential {
                continue; // handled per command below, with variable awareness
            }
            out.push(
                ctx.finding(
                    &RULE,
                    inst.args_subspan(m.range.clone()),
                    format!("RUN contains a {}: `{}`", m.description, m.redacted),
                )
                .with_fix(FIX),
            );
        }
        let Some(script) = &run.script else { continue };
        for raw in &script.commands {
            let c = raw.effective();
            let Some(name) = c.name() else { continue };
            let span = c.span.or(raw.span).unwrap_or(inst.head_span());
            let args = c.args();
            let arg_after = |flags: &[&str]| -> Option<&ShellWord> {
                args.iter().enumerate().find_map(|(i, w)| {
                    for f in flags {
                        if w.value == *f {
                            return args.get(i + 1);
                        }
                    }
                    None
                })
            };
            let opt_value = |prefixes: &[&str]| -> Option<String> {
                args.iter().find_map(|w| {
                    prefixes.iter().find_map(|p| w.value.strip_prefix(p).map(str::to_string))
                })
            };
            let mut hit: Option<String> = None;
            match name {
                "aws"
                    if c.has_word("configure")
                        && c.has_word("set")
                        && args.iter().any(|w| {
                            matches!(
                                w.value.as_str(),
                                "aws_secret_access_key" | "aws_session_token" | "aws_access_key_id"
                            )
                        }) =>
                {
                    hit = Some(
                        "`aws configure set` writes an AWS credential into ~/.aws/credentials"
                            .into(),
                    );
                }
                "curl" => {
                    let v = arg_after(&["-u", "--user", "--proxy-user", "-U"])
                        .map(|w| w.value.clone())
                        .or_else(|| opt_value(&["--user=", "-u"]).filter(|v| !v.is_empty()));
                    if let Some(v) = v
                        && v.contains(':')
                        && credential_value(
                            ctx,
                            inst.index,
                            v.split_once(':').map(|x| x.1).unwrap_or(""),
                        )
                    {
                        hit = Some(format!(
                            "`curl` passes credentials on the command line (`{}:****`)",
                            v.split(':').next().unwrap_or("")
                        ));
                    }
                }
                "wget" => {
                    if let Some(v) =
                        opt_value(&["--password=", "--http-password=", "--ftp-password="]).or_else(
                            || {
                                arg_after(&["--password", "--http-password"])
                                    .map(|w| w.value.clone())
                            },
                        )
                        && credential_value(ctx, inst.index, &v)
                    {
                        hit = Some("`wget` passes a password on the command line".into());
                    }
                }
                "chpasswd" => {
                    // Only a password that is written in the build (literal or ARG/ENV) is a
                    // leak; `echo "root:$(openssl rand -base64 12)" | chpasswd` is not.
                    let feeder = (raw.position > 0)
                        .then(|| {
                            script.pipelines.get(raw.pipeline).and_then(|p| p.get(raw.position - 1))
                        })
                        .flatten()
                        .and_then(|&i| script.commands.get(i));
                    if let Some(feed) =
                        feeder.filter(|f| matches!(f.name(), Some("echo" | "printf")))
                    {
                        let text: String = feed
                            .args()
                            .iter()
                            .filter(|w| !w.value.starts_with('-'))
                            .map(|w| w.value.as_str())
                            .collect::<Vec<_>>()
                            .join(" ");
                        let generated =
                            text.contains("$(") || text.contains('`') || text.contains("RANDOM");
                        if let Some((user, pass)) = text.split_once(':')
                            && !generated
                            && credential_value(ctx, inst.index, pass)
                        {
                            hit = Some(format!(
                                "`chpasswd` sets the password of `{}` from a value written in the build (`{}:****`), which stays in the image history",
                                user.trim(),
                                user.trim()
                            ));
                        }
                    }
                }
                "docker" | "podman" | "helm" if c.has_word("login") => {
                    if let Some(v) = arg_after(&["-p", "--password"])
                        .map(|w| w.value.clone())
                        .or_else(|| opt_value(&["--password="]))
                        && credential_value(ctx, inst.index, &v)
                    {
                        hit = Some(format!("`{name} login` with a password on the command line"));
                    }
                }
                "sshpass" => {
                    if let Some(v) = arg_after(&["-p"])
                        .map(|w| w.value.clone())
                        .or_else(|| opt_value(&["-p"]).filter(|v| !v.is_empty()))
                        && credential_value(ctx, inst.index, &v)
                    {
                        hit = Some("`sshpass -p` with a password on the command line".into());
                    }
                }
                "mysql" | "mysqladmin" | "mysqldump" | "mariadb" => {
                    if let Some(v) = args
                        .iter()
                        .find_map(|w| {
                            w.value.strip_prefix("-p").filter(|v| !v.is_empty()).map(str::to_string)
                        })
                        .or_else(|| opt_value(&["--password="]))
                        && credential_value(ctx, inst.index, &v)
                    {
                        hit = Some(format!("`{name}` with a password on the command line"));
                    }
                }
                "npm" | "yarn" | "pnpm"
                    if c.has_word("config")
                        && c.has_word("set")
                        && args.iter().any(|w| {
                            w.value.contains("_authToken")
                                || w.value.contains("_auth")
                                || w.value.contains("_password")
                        }) =>
                {
                    hit = Some(format!("`{name} config set` stores a registry token in the image"));
                }
                "git" => {
                    for w in args {
                        if let Some((_, rest)) = w.value.split_once("://")
                            && let Some((userinfo, _)) = rest.split_once('@')
                            && let Some((_, pass)) = userinfo.split_once(':')
                            && credential_value(ctx, inst.index, pass)
                        {
                            hit = Some("`git` URL with embedded credentials".into());
                        }
                    }
                }
                "echo" | "printf" => {
                    let text: String =
                        args.iter().map(|w| w.value.as_str()).collect::<Vec<_>>().join(" ");
                    let writes_secret_file = c.redirects.iter().any(|(_, t)| {
                        let t = t.value.to_ascii_lowercase();
                        t.ends_with(".npmrc")
                            || t.ends_with(".pypirc")
                            || t.ends_with(".netrc")
                            || t.ends_with(".git-credentials")
                            || t.ends_with("credentials")
                    });
                    let auth_line = text.contains("_authToken")
                        || text.contains("password")
                        || text.contains("_auth=");
                    if writes_secret_file
                        && (auth_line
                            || names_in(&text)
                                .iter()
                                .any(|n| ctx.model.is_declared_at(inst.index, n)))
                    {
                        hit = Some("writes a credential into a file of the image".into());
                    }
                    // `echo user:pass | chpasswd` is reported at chpasswd.
                }
                _ => {}
            }
            if let Some(msg) = hit {
                out.push(ctx.finding(&RULE, span, msg).with_fix(FIX));
            }
        }
    }
}
