//! ## What it does
//! Reports build steps that install packages without checking their signatures:
//! - apt/apt-get/aptitude `--allow-unauthenticated`, `--force-yes`,
//!   `--allow-insecure-repositories`, `-o APT::Get::AllowUnauthenticated=true`,
//!   `-o Acquire::AllowInsecureRepositories=true`, and the same settings written to an apt.conf
//!   file; `[trusted=yes]` (or `allow-insecure=yes`) in a sources line written by `echo`,
//!   `printf`, `sed` or a heredoc;
//! - `apk --allow-untrusted`;
//! - yum/dnf/microdnf/tdnf `--nogpgcheck` and `--setopt=gpgcheck=0` (also `repo_gpgcheck`,
//!   `localpkg_gpgcheck`), zypper `--no-gpg-checks`, and `gpgcheck=0` written to a repository or
//!   `yum.conf`/`dnf.conf` file;
//! - rpm `--nosignature`, `--nodigest`, `--nofiledigest`, `--noverify`;
//! - dpkg `--force-bad-verify`;
//! - `GOSUMDB=off` / `GONOSUMCHECK=1` / `GOFLAGS=-insecure` (Go module checksum database off).
//!
//! A `[trusted=yes]` entry for a local `file:` repository (packages built earlier in the same
//! step, as the official postgres and nginx images do) is not reported: nothing crosses the
//! network. Commands that only read text (`grep gpgcheck=0 …`) and `sed` expressions that turn
//! checks back on (`s/gpgcheck=0/gpgcheck=1/`) are not reported either.
//!
//! ## Why is this bad?
//! Package signatures are what tie a package to its publisher. With the check off, a mirror,
//! proxy or attacker on the path can serve a modified package and it installs as root without
//! a warning. `--force-yes` also lets apt downgrade packages and remove essential ones.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12-slim
//! RUN echo "deb [trusted=yes] http://repo.example.com/debian bookworm main" > /etc/apt/sources.list.d/x.list \
//!  && apt-get update && apt-get install -y --allow-unauthenticated tool
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM debian:12-slim
//! COPY repo-key.gpg /usr/share/keyrings/example.gpg
//! RUN echo "deb [signed-by=/usr/share/keyrings/example.gpg] https://repo.example.com/debian bookworm main" \
//!       > /etc/apt/sources.list.d/x.list \
//!  && apt-get update && apt-get install -y tool=1.2.3-1
//! ```
//!
//! ## References
//! - Checkov CKV2_DOCKER_7 (apk), CKV2_DOCKER_8 (apt-get --allow-unauthenticated/--force-yes),
//!   CKV2_DOCKER_9 (yum/dnf --nogpgcheck), CKV2_DOCKER_10 (rpm --nosignature/--nodigest),
//!   CKV2_DOCKER_11 (--force-yes); each finding names its own.
//! - <https://wiki.debian.org/SecureApt>

use crate::prelude::*;
use crate::support::supply_chain_scripts::{
    cmd_span, excerpt, find_settings, heredoc_lines, program, scripts, text_pieces,
};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW704",
    name: "signature-verification-disabled",
    summary: "Package signature verification turned off",
    practice: Practice::ContentTrust,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::High,
    equivalents: &[
        "CKV2_DOCKER_7",
        "CKV2_DOCKER_8",
        "CKV2_DOCKER_9",
        "CKV2_DOCKER_10",
        "CKV2_DOCKER_11",
    ],
    default_enabled: true,
};

fn truthy(v: &str) -> bool {
    matches!(v, "1" | "true" | "yes" | "on")
}
fn off(v: &str) -> bool {
    matches!(v, "0" | "false" | "no" | "off")
}

struct Hit {
    span: Span,
    message: String,
    fix: &'static str,
    eq: Vec<&'static str>,
}

const FIX_APT: &str = "Remove the switch and install the repository's signing key instead (`signed-by=/usr/share/keyrings/<key>.gpg` in the sources entry).";
const FIX_APK: &str = "Remove `--allow-untrusted`; add the repository's public key to /etc/apk/keys/ (or build the local .apk with your own signing key).";
const FIX_RPM: &str = "Remove the switch and import the repository's key (`rpm --import <key>`, `gpgkey=` in the .repo file) so signatures are checked.";
const FIX_GO: &str = "Leave the checksum database on (`GOSUMDB` default); for private modules use `GOPRIVATE`/`GONOSUMDB` with specific patterns.";

/// (key, separators, is the value bad?, what, fix, Checkov code)
type TextSetting =
    (&'static str, &'static [char], fn(&str) -> bool, &'static str, &'static str, &'static str);

/// Settings found in text (options, written config files).
const TEXT_SETTINGS: &[TextSetting] = &[
    (
        "gpgcheck",
        &['='],
        off,
        "`gpgcheck` is turned off, so package signatures are not checked",
        FIX_RPM,
        "CKV2_DOCKER_9",
    ),
    (
        "allowunauthenticated",
        &['=', ' '],
        truthy,
        "apt `AllowUnauthenticated` installs unsigned packages",
        FIX_APT,
        "CKV2_DOCKER_8",
    ),
    (
        "allowinsecurerepositories",
        &['=', ' '],
        truthy,
        "apt `AllowInsecureRepositories` accepts unsigned repositories",
        FIX_APT,
        "",
    ),
    (
        "allowdowngradetoinsecurerepositories",
        &['=', ' '],
        truthy,
        "apt accepts repositories that lost their signature",
        FIX_APT,
        "",
    ),
];

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    let mut hits: Vec<Hit> = Vec::new();
    for sref in scripts(ctx) {
        let s = &*sref.script;
        for cmd in &s.commands {
            let eff = cmd.effective();
            switches(&eff, cmd_span(cmd, sref.inst), &mut hits);
            for (k, v) in &cmd.assignments {
                go_env(k, v, cmd_span(cmd, sref.inst), &mut hits);
            }
        }
        for piece in text_pieces(&sref, &ctx.df.text) {
            scan_text(&piece.text, piece.span, piece.written, &mut hits);
        }
    }
    for top in ctx.instructions() {
        let inst = top.onbuild.as_deref().unwrap_or(top);
        match inst.keyword {
            Keyword::Copy | Keyword::Add => {
                for (line, span) in heredoc_lines(inst, &ctx.df.text) {
                    scan_text(line, span, true, &mut hits);
                }
            }
            Keyword::Env => {
                for kv in instruction::key_values(inst, ctx.escape()) {
                    go_env(&kv.key, &kv.value, kv.span, &mut hits);
                }
            }
            Keyword::Arg => {
                for d in instruction::arg_defs(inst, ctx.escape()) {
                    if let Some(v) = &d.default {
                        go_env(&d.name, v, d.span, &mut hits);
                    }
                }
            }
            _ => {}
        }
    }
    hits.sort_by_key(|h| (h.span.start, h.span.end));
    hits.dedup_by(|a, b| {
        (a.span.start < b.span.end && b.span.start < a.span.end) || a.span == b.span
    });
    for h in hits {
        out.push(ctx.finding(&RULE, h.span, h.message).with_fix(h.fix).with_equivalents(h.eq));
    }
}

fn go_env(k: &str, v: &str, span: Span, hits: &mut Vec<Hit>) {
    let bad = match k {
        "GOSUMDB" => v == "off",
        "GONOSUMCHECK" => truthy(v),
        "GOFLAGS" => v.split_whitespace().any(|f| f == "-insecure"),
        _ => false,
    };
    if bad {
        hits.push(Hit {
            span,
            message: format!(
                "`{k}={v}` turns off verification of Go modules against the checksum database"
            ),
            fix: FIX_GO,
            eq: vec![],
        });
    }
}

fn scan_text(text: &str, span: Span, written: bool, hits: &mut Vec<Hit>) {
    for (key, seps, bad, what, fix, eq) in TEXT_SETTINGS {
        for (range, value) in find_settings(text, key, seps) {
            if bad(&value) {
                hits.push(Hit {
                    span,
                    message: format!("{what}: `{}`", excerpt(text, range)),
                    fix,
                    eq: if eq.is_empty() { vec![] } else { vec![*eq] },
                });
            }
        }
    }
    if written {
        // deb [trusted=yes] … / deb [ allow-insecure=yes ] … A local `file:` repository (packages
        // built earlier in the same step, as the official postgres/nginx images do) is exempt.
        let l = text.to_ascii_lowercase();
        if l.contains("deb ") || l.contains("deb-src ") || l.contains("deb\t") {
            for (opt, what) in [
                (
                    "trusted",
                    "`[trusted=yes]` makes apt install from this repository without signatures",
                ),
                ("allow-insecure", "`[allow-insecure=yes]` lets apt use this repository unsigned"),
            ] {
                for (range, v) in find_settings(&l, opt, &['=']) {
                    let line = excerpt(text, range);
                    let local = line
                        .split_whitespace()
                        .any(|w| w.starts_with("file:") || w.starts_with("copy:"));
                    if truthy(&v) && !local {
                        hits.push(Hit {
                            span,
                            message: format!("{what}: `{line}`"),
                            fix: FIX_APT,
                            eq: vec!["CKV2_DOCKER_8"],
                        });
                    }
                }
            }
        }
    }
}

fn switches(eff: &ShellCommand, span: Span, hits: &mut Vec<Hit>) {
    let Some((name, args)) = program(eff) else { return };
    let at = |w: &ShellWord| w.span.unwrap_or(span);
    for w in args {
        let v = w.value.as_str();
        if v == "--" {
            break;
        }
        let hit = match name {
            "apt-get" | "apt" | "aptitude" => match v {
                "--allow-unauthenticated" => Some((
                    "installs packages that fail signature checks",
                    FIX_APT,
                    vec!["CKV2_DOCKER_8"],
                )),
                "--force-yes" => Some((
                    "installs unauthenticated packages (and allows downgrades and removals)",
                    FIX_APT,
                    vec!["CKV2_DOCKER_8", "CKV2_DOCKER_11"],
                )),
                "--allow-insecure-repositories" => {
                    Some(("accepts repositories without a valid signature", FIX_APT, vec![]))
                }
                _ => None,
            },
            "apk" => (v == "--allow-untrusted").then(|| {
                (
                    "installs packages with untrusted or missing signatures",
                    FIX_APK,
                    vec!["CKV2_DOCKER_7"],
                )
            }),
            "yum" | "dnf" | "dnf5" | "microdnf" | "tdnf" | "yum-config-manager"
            | "yumdownloader" => {
                let setopt = v.strip_prefix("--setopt=").unwrap_or("");
                let setopt_off =
                    find_settings(setopt, "gpgcheck", &['=']).iter().any(|(_, val)| off(val));
                (v == "--nogpgcheck" || v == "--no-gpgcheck" || setopt_off).then(|| {
                    (
                        "installs packages without checking their GPG signatures",
                        FIX_RPM,
                        vec!["CKV2_DOCKER_9"],
                    )
                })
            }
            "zypper" => {
                matches!(v, "--no-gpg-checks" | "--no-gpgcheck" | "--no-gpg-check").then(|| {
                    (
                        "installs packages without checking their GPG signatures",
                        FIX_RPM,
                        vec!["CKV2_DOCKER_9"],
                    )
                })
            }
            "rpm" => matches!(v, "--nosignature" | "--nodigest" | "--nofiledigest" | "--noverify")
                .then(|| {
                    (
                        "skips verification of package signatures or digests",
                        FIX_RPM,
                        vec!["CKV2_DOCKER_10"],
                    )
                }),
            "dpkg" => matches!(v, "--force-bad-verify" | "--force-all")
                .then(|| ("installs packages that fail signature verification", FIX_APT, vec![])),
            _ => None,
        };
        if let Some((what, fix, eq)) = hit {
            let flag =
                v.split_once("=").map(|(f, _)| if f == "--setopt" { v } else { f }).unwrap_or(v);
            hits.push(Hit { span: at(w), message: format!("`{name} {flag}` {what}"), fix, eq });
        }
    }
}
