//! ## What it does
//! Reports build steps that turn off TLS certificate verification:
//! - `curl -k`/`--insecure` (also inside short groups such as `-fsSLk`), `--proxy-insecure`,
//!   `insecure` written to `.curlrc`;
//! - `wget --no-check-certificate`, `check_certificate = off` written to `.wgetrc`;
//! - `pip --trusted-host` (any pip command, `pip config set global.trusted-host`, `trusted-host`
//!   in a written `pip.conf`), `uv pip --allow-insecure-host`;
//! - environment settings in `ENV`, `ARG` defaults, `export`, `env` and `VAR=value cmd`:
//!   `PYTHONHTTPSVERIFY=0`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `NPM_CONFIG_STRICT_SSL=false`,
//!   `GIT_SSL_NO_VERIFY` (any value: git only tests that it is set), `PIP_TRUSTED_HOST`,
//!   `GOINSECURE`, `YARN_ENABLE_STRICT_SSL=false`;
//! - `npm`/`yarn`/`pnpm config set strict-ssl false` (also `strict-ssl=false`, `--strict-ssl=false`,
//!   `--no-strict-ssl`, yarn 2+ `enableStrictSsl false`, `strict-ssl=false` in a written `.npmrc`);
//! - `git config http.sslVerify false` and `git -c http.sslVerify=false`;
//! - yum/dnf `--setopt=sslverify=0|false|no` (any subcommand, `config-manager` included) and
//!   `sslverify=0` written into a repository or `yum.conf`/`dnf.conf` file (by `echo`, `printf`,
//!   `sed`, or a heredoc); zypper `ssl_verify=no`;
//! - apt `Acquire::https::Verify-Peer`/`Verify-Host` set to false (`-o` or an apt.conf file);
//! - `composer config disable-tls true`, `go get -insecure`.
//!
//! `apk --allow-untrusted` and the other package-signature switches are DW704's.
//!
//! ## Why is this bad?
//! Without certificate verification anyone on the network path (a proxy, a compromised Wi-Fi,
//! a hijacked DNS answer in CI) can impersonate the server and hand the build whatever they
//! like: packages, scripts, binaries. The setting often outlives the step that needed it
//! (`ENV` persists into the running container, config files stay in the image).
//!
//! ## Example
//! ```dockerfile
//! FROM python:3.12-slim
//! ENV PYTHONHTTPSVERIFY=0
//! RUN curl -fsSLk https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin
//! RUN pip install --trusted-host pypi.org --trusted-host files.pythonhosted.org flask==3.0.3
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM python:3.12-slim
//! # A private CA? Add it to the trust store instead of turning verification off.
//! COPY corp-ca.crt /usr/local/share/ca-certificates/corp-ca.crt
//! RUN update-ca-certificates
//! RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin
//! RUN pip install flask==3.0.3
//! ```
//!
//! ## References
//! - Checkov CKV2_DOCKER_2 (curl), CKV2_DOCKER_3 (wget), CKV2_DOCKER_4 (pip --trusted-host),
//!   CKV2_DOCKER_5 (PYTHONHTTPSVERIFY), CKV2_DOCKER_6 (NODE_TLS_REJECT_UNAUTHORIZED),
//!   CKV2_DOCKER_12 (NPM_CONFIG_STRICT_SSL), CKV2_DOCKER_13 (npm/yarn strict-ssl),
//!   CKV2_DOCKER_14 (GIT_SSL_NO_VERIFY), CKV2_DOCKER_15 (yum/dnf sslverify),
//!   CKV2_DOCKER_16 (PIP_TRUSTED_HOST), CKV2_DOCKER_18 (GOINSECURE); each finding names its own.
//! - <https://curl.se/docs/sslcerts.html>

use crate::prelude::*;
use crate::support::supply_chain_scripts::{
    CURL_LONG_VALUE, CURL_SHORT_VALUE, cmd_span, excerpt, find_settings, program, scripts,
    text_pieces,
};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW703",
    name: "tls-verification-disabled",
    summary: "TLS certificate verification turned off",
    practice: Practice::ContentTrust,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::High,
    equivalents: &[
        "CKV2_DOCKER_2",
        "CKV2_DOCKER_3",
        "CKV2_DOCKER_4",
        "CKV2_DOCKER_5",
        "CKV2_DOCKER_6",
        "CKV2_DOCKER_12",
        "CKV2_DOCKER_13",
        "CKV2_DOCKER_14",
        "CKV2_DOCKER_15",
        "CKV2_DOCKER_16",
        "CKV2_DOCKER_18",
    ],
    default_enabled: true,
};

const FIX_CA: &str = "Keep verification on; if the server uses a private CA, install its certificate (COPY it to /usr/local/share/ca-certificates/ and run `update-ca-certificates`, or point the tool at it: `--cacert`, `--ca-certificate`, `cert=`, `cafile=`).";

fn off(v: &str) -> bool {
    matches!(v, "0" | "false" | "no" | "off")
}
fn zero(v: &str) -> bool {
    v == "0"
}
fn any(v: &str) -> bool {
    !v.is_empty()
}
fn falsy(v: &str) -> bool {
    matches!(v, "false" | "0")
}

/// (name, is the value bad?, effect, Checkov code)
type EnvKey = (&'static str, fn(&str) -> bool, &'static str, &'static str);

/// Environment variables that turn verification off.
const ENV_KEYS: &[EnvKey] = &[
    (
        "PYTHONHTTPSVERIFY",
        zero,
        "turns off certificate verification in Python's urllib/http.client",
        "CKV2_DOCKER_5",
    ),
    (
        "NODE_TLS_REJECT_UNAUTHORIZED",
        zero,
        "makes Node.js accept any TLS certificate",
        "CKV2_DOCKER_6",
    ),
    ("NPM_CONFIG_STRICT_SSL", falsy, "turns off npm's certificate verification", "CKV2_DOCKER_12"),
    ("npm_config_strict_ssl", falsy, "turns off npm's certificate verification", "CKV2_DOCKER_12"),
    (
        "YARN_ENABLE_STRICT_SSL",
        falsy,
        "turns off yarn's certificate verification",
        "CKV2_DOCKER_13",
    ),
    (
        "GIT_SSL_NO_VERIFY",
        any,
        "turns off git's certificate verification (git only checks that it is set)",
        "CKV2_DOCKER_14",
    ),
    (
        "PIP_TRUSTED_HOST",
        any,
        "makes pip skip certificate verification for these hosts",
        "CKV2_DOCKER_16",
    ),
    (
        "GOINSECURE",
        any,
        "makes the go command skip certificate verification (and allow HTTP) for these modules",
        "CKV2_DOCKER_18",
    ),
];

/// `key=value` settings found in text (arguments, written config, heredoc lines).
struct TextSetting {
    key: &'static str,
    seps: &'static [char],
    bad: fn(&str) -> bool,
    what: &'static str,
    eq: &'static str,
    /// Only in written data (echo/printf/sed/heredoc), not in a program's own options.
    written_only: bool,
}

const TEXT_SETTINGS: &[TextSetting] = &[
    TextSetting {
        key: "sslverify",
        seps: &['='],
        bad: off,
        what: "`sslverify` is turned off",
        eq: "CKV2_DOCKER_15",
        written_only: false,
    },
    TextSetting {
        key: "ssl_verify",
        seps: &['='],
        bad: off,
        what: "zypper `ssl_verify` is turned off",
        eq: "",
        written_only: false,
    },
    TextSetting {
        key: "strict-ssl",
        seps: &['='],
        bad: falsy,
        what: "npm `strict-ssl` is turned off",
        eq: "CKV2_DOCKER_13",
        written_only: true,
    },
    TextSetting {
        key: "trusted-host",
        seps: &['=', ':'],
        bad: any,
        what: "pip `trusted-host` skips certificate verification",
        eq: "CKV2_DOCKER_4",
        written_only: true,
    },
    TextSetting {
        key: "check_certificate",
        seps: &['='],
        bad: off,
        what: "wget `check_certificate` is turned off",
        eq: "CKV2_DOCKER_3",
        written_only: true,
    },
    TextSetting {
        key: "verify-peer",
        seps: &['=', ' '],
        bad: off,
        what: "apt `Verify-Peer` is turned off",
        eq: "",
        written_only: false,
    },
    TextSetting {
        key: "verify-host",
        seps: &['=', ' '],
        bad: off,
        what: "apt `Verify-Host` is turned off",
        eq: "",
        written_only: false,
    },
];

struct Hit {
    span: Span,
    message: String,
    fix: String,
    eq: Vec<&'static str>,
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    let mut hits: Vec<Hit> = Vec::new();
    env_instructions(ctx, &mut hits);
    for sref in scripts(ctx) {
        let s = &*sref.script;
        for cmd in &s.commands {
            let eff = cmd.effective();
            let span = cmd_span(cmd, sref.inst);
            // Environment assignments: `VAR=x cmd`, `export VAR=x`, `env VAR=x cmd`.
            let writes = matches!(eff.name(), Some("echo" | "printf"));
            if !writes {
                // Leading assignments, plus `NAME=VALUE` arguments of the builtins that set
                // variables (`export`, `declare`, `env` …): the shell model keeps those as words.
                let mut pairs: Vec<(String, String)> = cmd.assignments.clone();
                if matches!(
                    cmd.name(),
                    Some("export" | "declare" | "typeset" | "readonly" | "local" | "env")
                ) {
                    for w in cmd.args() {
                        if let Some((k, v)) = w.value.split_once('=')
                            && !k.is_empty()
                            && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                        {
                            pairs.push((k.to_string(), v.to_string()));
                        }
                    }
                }
                for (k, v) in &pairs {
                    if let Some((_, _, what, eq)) =
                        ENV_KEYS.iter().find(|(n, bad, _, _)| n == k && bad(v))
                    {
                        let at = locate(ctx, sref.inst, &format!("{k}="), span).unwrap_or(span);
                        let via = match eff.name() {
                            Some(n @ ("export" | "env" | "declare" | "typeset" | "readonly")) => {
                                format!("{n} ")
                            }
                            _ => String::new(),
                        };
                        hits.push(Hit {
                            span: at,
                            message: format!("`{via}{k}={v}` {what}"),
                            fix: format!("Remove `{k}`. {FIX_CA}"),
                            eq: vec![eq],
                        });
                    }
                }
            }
            command_switches(&eff, cmd, span, &mut hits);
        }
        for piece in text_pieces(&sref, &ctx.df.text) {
            for t in TEXT_SETTINGS {
                if t.written_only && !piece.written {
                    continue;
                }
                for (range, value) in find_settings(&piece.text, t.key, t.seps) {
                    if !(t.bad)(&value) {
                        continue;
                    }
                    let eq = if piece.program == "git"
                        || (t.key == "sslverify"
                            && piece.text.to_ascii_lowercase().contains("http."))
                    {
                        ""
                    } else {
                        t.eq
                    };
                    let what = if eq.is_empty() && t.key == "sslverify" {
                        "git `http.sslVerify` is turned off"
                    } else {
                        t.what
                    };
                    hits.push(Hit {
                        span: piece.span,
                        message: format!("{what}: `{}`", excerpt(&piece.text, range)),
                        fix: FIX_CA.to_string(),
                        eq: if eq.is_empty() { vec![] } else { vec![eq] },
                    });
                }
            }
            // Environment variables written to a profile or /etc/environment.
            if piece.written {
                for (name, bad, what, eq) in ENV_KEYS {
                    for (_, value) in find_settings(&piece.text, name, &['=']) {
                        if bad(&value) && piece.text.contains(name) {
                            hits.push(Hit {
                                span: piece.span,
                                message: format!("`{name}={value}` written to a file {what}"),
                                fix: format!("Remove `{name}`. {FIX_CA}"),
                                eq: vec![eq],
                            });
                        }
                    }
                }
            }
        }
        // `echo insecure >> ~/.curlrc`
        for cmd in &s.commands {
            let eff = cmd.effective();
            if !matches!(eff.name(), Some("echo" | "printf")) {
                continue;
            }
            let to_curlrc = cmd.redirects.iter().any(|(_, w)| w.value.ends_with(".curlrc"));
            if to_curlrc
                && eff.args().iter().any(|w| {
                    w.value
                        .split_whitespace()
                        .any(|t| t == "insecure" || t == "-k" || t == "--insecure")
                })
            {
                hits.push(Hit {
                    span: cmd_span(cmd, sref.inst),
                    message: "`insecure` written to `.curlrc` turns off curl's certificate verification for every later download".into(),
                    fix: FIX_CA.to_string(),
                    eq: vec!["CKV2_DOCKER_2"],
                });
            }
        }
    }
    // COPY/ADD heredocs writing config files.
    for inst in ctx.instructions() {
        if !matches!(inst.keyword, Keyword::Copy | Keyword::Add) || inst.heredocs.is_empty() {
            continue;
        }
        for (line, span) in crate::support::supply_chain_scripts::heredoc_lines(inst, &ctx.df.text)
        {
            for t in TEXT_SETTINGS {
                for (range, value) in find_settings(line, t.key, t.seps) {
                    if (t.bad)(&value) {
                        hits.push(Hit {
                            span,
                            message: format!("{}: `{}`", t.what, excerpt(line, range)),
                            fix: FIX_CA.to_string(),
                            eq: if t.eq.is_empty() { vec![] } else { vec![t.eq] },
                        });
                    }
                }
            }
        }
    }
    // One finding per place.
    hits.sort_by_key(|h| (h.span.start, h.span.end));
    hits.dedup_by(|a, b| {
        a.span.start < b.span.end && b.span.start < a.span.end || a.span == b.span
    });
    for h in hits {
        out.push(ctx.finding(&RULE, h.span, h.message).with_fix(h.fix).with_equivalents(h.eq));
    }
}

/// `ENV`/`ARG` (also as ONBUILD triggers) that set one of [`ENV_KEYS`].
fn env_instructions(ctx: &DockerfileCtx, hits: &mut Vec<Hit>) {
    let escape = ctx.escape();
    for top in ctx.instructions() {
        let inst = top.onbuild.as_deref().unwrap_or(top);
        let pairs: Vec<(String, String, Span)> = match inst.keyword {
            Keyword::Env => instruction::key_values(inst, escape)
                .into_iter()
                .map(|kv| (kv.key, kv.value, kv.span))
                .collect(),
            Keyword::Arg => instruction::arg_defs(inst, escape)
                .into_iter()
                .filter_map(|d| d.default.map(|v| (d.name, v, d.span)))
                .collect(),
            _ => continue,
        };
        for (k, v, span) in pairs {
            if let Some((_, _, what, eq)) =
                ENV_KEYS.iter().find(|(n, bad, _, _)| *n == k && bad(&v))
            {
                let kw = inst.keyword.as_str();
                hits.push(Hit {
                    span,
                    message: format!(
                        "`{kw} {k}={v}` {what}{}",
                        if kw == "ENV" {
                            ", for the build and the running container"
                        } else {
                            " during the build"
                        }
                    ),
                    fix: format!("Remove `{k}`. {FIX_CA}"),
                    eq: vec![eq],
                });
            }
        }
    }
}

/// Where `needle` (e.g. `VAR=`) is written before the end of `near` in the instruction.
/// A prefix assignment (`VAR=x cmd`) is before the command's words; an argument assignment
/// (`export VAR=x`) after its first word.
fn locate(ctx: &DockerfileCtx, inst: &Instruction, needle: &str, near: Span) -> Option<Span> {
    let start = inst.span.start;
    let end = near.end.min(inst.span.end).max(start);
    let before = ctx.df.text.get(start..end).and_then(|h| h.rfind(needle)).map(|p| start + p);
    let after = || {
        ctx.df
            .text
            .get(near.start.max(start)..inst.span.end)
            .and_then(|h| h.find(needle))
            .map(|p| near.start.max(start) + p)
    };
    let abs = before.or_else(after)?;
    let rest = ctx.df.text.get(abs..inst.span.end)?;
    let len = rest
        .find(|c: char| c.is_whitespace() || c == ';' || c == '&' || c == '|')
        .unwrap_or(rest.len());
    Some(Span::new(abs, abs + len))
}

fn is_pip(name: &str) -> bool {
    name.strip_prefix("pip").is_some_and(|r| {
        r.is_empty() || r == "x" || r == "env" || r.chars().all(|c| c.is_ascii_digit() || c == '.')
    })
}

/// Switches of specific programs: `curl -k`, `wget --no-check-certificate`, `pip --trusted-host`,
/// `npm config set strict-ssl false`, `git config http.sslVerify false`, …
fn command_switches(eff: &ShellCommand, cmd: &ShellCommand, span: Span, hits: &mut Vec<Hit>) {
    let Some((name, args)) = program(eff) else { return };
    let at = |w: &ShellWord| w.span.unwrap_or(span);
    let shown = crate::support::supply_chain_scripts::show(cmd);
    match name {
        "curl" => {
            let mut i = 0;
            while i < args.len() {
                let w = &args[i];
                let v = w.value.as_str();
                i += 1;
                if v == "--" {
                    break;
                }
                if let Some(long) = v.strip_prefix("--") {
                    if long == "insecure" || long == "proxy-insecure" || long == "doh-insecure" {
                        hits.push(Hit {
                            span: at(w),
                            message: format!(
                                "`curl {v}` turns off TLS certificate verification: `{shown}`"
                            ),
                            fix: format!("Remove `{v}`. {FIX_CA}"),
                            eq: vec!["CKV2_DOCKER_2"],
                        });
                    } else if !long.contains('=') && CURL_LONG_VALUE.contains(&long) {
                        i += 1;
                    }
                    continue;
                }
                if v.len() > 1 && v.starts_with('-') {
                    let group = &v[1..];
                    for (pos, c) in group.char_indices() {
                        if c == 'k' {
                            hits.push(Hit {
                                span: at(w),
                                message: if v == "-k" {
                                    format!("`curl -k` turns off TLS certificate verification: `{shown}`")
                                } else {
                                    format!("`curl -k` (in `{v}`) turns off TLS certificate verification: `{shown}`")
                                },
                                fix: if v == "-k" { format!("Remove `-k`. {FIX_CA}") } else { format!("Remove `k` from `{v}`. {FIX_CA}") },
                                eq: vec!["CKV2_DOCKER_2"],
                            });
                            break;
                        }
                        if CURL_SHORT_VALUE.contains(c) {
                            // The value is the rest of the group, or the next word.
                            if pos + c.len_utf8() == group.len() {
                                i += 1;
                            }
                            break;
                        }
                    }
                }
            }
        }
        "wget" => {
            for w in args {
                let v = w.value.as_str();
                let bad = v == "--no-check-certificate"
                    || v.strip_prefix("--check-certificate=").is_some_and(off);
                if bad {
                    hits.push(Hit {
                        span: at(w),
                        message: format!(
                            "`wget {v}` turns off TLS certificate verification: `{shown}`"
                        ),
                        fix: format!("Remove `{v}`. {FIX_CA}"),
                        eq: vec!["CKV2_DOCKER_3"],
                    });
                }
            }
        }
        n if is_pip(n) || n.starts_with("python") || n == "uv" => {
            let is_pip_cmd = is_pip(n)
                || n == "uv"
                || args.iter().any(|w| w.value == "pip" || w.value.starts_with("pip"));
            if !is_pip_cmd {
                return;
            }
            for (k, w) in args.iter().enumerate() {
                let v = w.value.as_str();
                if v == "--trusted-host"
                    || v.starts_with("--trusted-host=")
                    || v == "--allow-insecure-host"
                    || v.starts_with("--allow-insecure-host=")
                {
                    let host = v
                        .split_once('=')
                        .map(|(_, h)| h.to_string())
                        .or_else(|| args.get(k + 1).map(|h| h.value.clone()))
                        .unwrap_or_default();
                    hits.push(Hit {
                        span: at(w),
                        message: format!("`{} {}` makes pip skip certificate verification for `{host}`", n, v.split('=').next().unwrap_or(v)),
                        fix: format!("Remove `--trusted-host`; for a private index with its own CA use `--cert /path/ca.pem` (or `PIP_CERT`). {FIX_CA}"),
                        eq: vec!["CKV2_DOCKER_4"],
                    });
                }
            }
            // pip config set global.trusted-host host
            if let Some(k) = args.iter().position(|w| w.value == "set")
                && args.get(..k).is_some_and(|a| a.iter().any(|w| w.value == "config"))
                && let Some(key) = args.get(k + 1)
                && (key.value.ends_with(".trusted-host") || key.value == "trusted-host")
            {
                hits.push(Hit {
                    span: at(key),
                    message: format!(
                        "`pip config set {}` makes pip skip certificate verification: `{shown}`",
                        key.value
                    ),
                    fix: format!("Remove the setting. {FIX_CA}"),
                    eq: vec!["CKV2_DOCKER_4"],
                });
            }
        }
        "npm" | "yarn" | "pnpm" => {
            for (k, w) in args.iter().enumerate() {
                let v = w.value.as_str();
                let flag_off =
                    v == "--no-strict-ssl" || v.strip_prefix("--strict-ssl=").is_some_and(falsy);
                // config set strict-ssl false | set strict-ssl=false | config set enableStrictSsl false
                let key = v.trim_matches(|c| c == '"' || c == '\'');
                let (kname, inline) = match key.split_once('=') {
                    Some((a, b)) => (a, Some(b)),
                    None => (key, None),
                };
                let is_key = kname == "strict-ssl" || kname == "enableStrictSsl";
                let value = inline
                    .map(str::to_string)
                    .or_else(|| args.get(k + 1).map(|n| n.value.to_ascii_lowercase()));
                let preceded_by_set = k > 0 && args[k - 1].value == "set";
                if flag_off || (is_key && preceded_by_set && value.as_deref().is_some_and(falsy)) {
                    hits.push(Hit {
                        span: at(w),
                        message: format!("`{name}` `strict-ssl` is turned off, so registry certificates are not verified: `{shown}`"),
                        fix: format!("Remove the setting; for a private registry CA use `{name} config set cafile /path/ca.pem`. {FIX_CA}"),
                        eq: vec!["CKV2_DOCKER_13"],
                    });
                }
            }
        }
        "git" => {
            // git config [--global] http[.<url>].sslVerify false
            if let Some(k) = args.iter().position(|w| w.value == "config") {
                let rest = args.get(k + 1..).unwrap_or(&[]);
                let ops: Vec<&ShellWord> =
                    rest.iter().filter(|w| !w.value.starts_with('-')).collect();
                if let [key, value, ..] = ops.as_slice() {
                    let kl = key.value.to_ascii_lowercase();
                    if kl.starts_with("http.")
                        && kl.ends_with(".sslverify")
                        && off(&value.value.to_ascii_lowercase())
                    {
                        hits.push(Hit {
                            span: at(key),
                            message: format!("`git config {} {}` turns off git's certificate verification", key.value, value.value),
                            fix: format!("Remove the setting; for a private CA set `http.sslCAInfo`. {FIX_CA}"),
                            eq: vec![],
                        });
                    }
                }
            }
        }
        "composer" => {
            if let Some(k) = args.iter().position(|w| w.value == "disable-tls")
                && args.get(k + 1).is_some_and(|w| matches!(w.value.as_str(), "true" | "1"))
                && args.iter().any(|w| w.value == "config")
            {
                hits.push(Hit {
                    span: at(&args[k]),
                    message: format!("`composer config disable-tls true` turns off TLS for Composer downloads: `{shown}`"),
                    fix: format!("Remove the setting. {FIX_CA}"),
                    eq: vec![],
                });
            }
        }
        "go" if args.first().is_some_and(|w| w.value == "get") => {
            if let Some(w) = args.iter().find(|w| w.value == "-insecure" || w.value == "--insecure")
            {
                hits.push(Hit {
                    span: at(w),
                    message: format!(
                        "`go get {}` skips certificate verification (and allows HTTP): `{shown}`",
                        w.value
                    ),
                    fix: format!("Remove `-insecure`. {FIX_CA}"),
                    eq: vec!["CKV2_DOCKER_18"],
                });
            }
        }
        _ => {}
    }
}
