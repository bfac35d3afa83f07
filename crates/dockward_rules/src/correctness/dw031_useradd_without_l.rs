//! ## What it does
//! Reports `useradd` with a high UID (`-u`/`--uid` of 100000 or more, i.e. more than five
//! digits, hadolint's threshold) that does not pass `-l` (`--no-log-init`). A UID that comes
//! from a build argument (`ARG UID=1000` … `useradd -u $UID`) is reported too, whatever its
//! default: it is there to be overridden (typically with the host user's UID, which can be very
//! high under LDAP/AD), and so is a UID whose value is unknown at lint time (`$(id -u)`). A UID
//! from an `ENV` is judged by its value. Looks through `sudo`, `&&` chains, heredoc scripts, exec
//! form and `ONBUILD RUN`.
//!
//! ## Why is this bad?
//! Without `-l`, `useradd` writes the user's record into `/var/log/lastlog` and
//! `/var/log/faillog` at an offset proportional to the UID. On the host those are sparse files,
//! but image layers store them in full: a UID of 1,000,000 adds about 300 MB of zeros to the
//! layer, and build tools have been known to run out of disk on it.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12-slim
//! RUN useradd -u 1000000 -m app
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM debian:12-slim
//! RUN useradd -l -u 1000000 -m app
//! ```
//!
//! ## References
//! - hadolint DL3046
//! - Differences from hadolint: hadolint measures the UID *text* (more than five characters), so
//!   `-u ${UID}` is reported and `-u $UID` is not, and `ENV APP_UID=1000` … `-u ${APP_UID}` is
//!   reported. Here build arguments and unknown values are reported in any spelling, and ENV
//!   values are judged after substitution. `--uid=N` and `-uN` are understood, and an `l` inside
//!   an option's value (`-d /home/lib`) does not count as `-l`.
//! - <https://github.com/moby/moby/issues/5419>; `useradd(8)`

use crate::prelude::*;
use crate::support::package_commands::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW031",
    name: "useradd-without-l",
    summary: "`useradd` with a high UID without `-l`",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL3046"],
    default_enabled: true,
};

/// Short options of useradd that take a value.
const SHORT_WITH_VALUE: &str = "bcdefgGkKpPRsuZ";
/// Long options of useradd that take a value.
const LONG_WITH_VALUE: &[&str] = &[
    "base-dir",
    "comment",
    "home-dir",
    "expiredate",
    "inactive",
    "gid",
    "groups",
    "skel",
    "key",
    "password",
    "root",
    "prefix",
    "shell",
    "uid",
    "selinux-user",
    "selinux-range",
];

struct Parsed<'a> {
    no_log_init: bool,
    /// The UID value and the word holding it.
    uid: Option<(String, &'a ShellWord)>,
}

fn parse(cmd: &ShellCommand) -> Parsed<'_> {
    let args = cmd.args();
    let mut p = Parsed { no_log_init: false, uid: None };
    let mut i = 0;
    while i < args.len() {
        let w = &args[i];
        let v = w.value.as_str();
        i += 1;
        if v == "--" {
            break;
        }
        if let Some(long) = v.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, val)) => (n, Some(val)),
                None => (long, None),
            };
            if name == "no-log-init" {
                p.no_log_init = true;
            } else if LONG_WITH_VALUE.contains(&name) {
                let value = match inline {
                    Some(val) => Some((val.to_string(), w)),
                    None => {
                        i += 1;
                        args.get(i - 1).map(|n| (n.value.clone(), n))
                    }
                };
                if name == "uid" {
                    p.uid = value;
                }
            }
            continue;
        }
        let Some(cluster) = v.strip_prefix('-') else { continue };
        for (k, c) in cluster.char_indices() {
            if c == 'l' {
                p.no_log_init = true;
            } else if SHORT_WITH_VALUE.contains(c) {
                let rest = &cluster[k + c.len_utf8()..];
                let value = if rest.is_empty() {
                    i += 1;
                    args.get(i - 1).map(|n| (n.value.clone(), n))
                } else {
                    Some((rest.to_string(), w))
                };
                if c == 'u' {
                    p.uid = value;
                }
                break;
            }
        }
    }
    p
}

/// Names of the variables referenced in `s` (`$NAME`, `${NAME…}`).
fn var_names(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(p) = rest.find('$') {
        rest = &rest[p + 1..];
        let body = rest.strip_prefix('{').unwrap_or(rest);
        let name: String =
            body.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if !name.is_empty() {
            out.push(name);
        }
    }
    out
}

/// Is `name`, at instruction `at`, a build argument of the stage (declared by ARG and not
/// overridden by a later ENV)?
fn from_build_arg(ctx: &DockerfileCtx, at: usize, name: &str) -> bool {
    let Some(stage) = ctx.model.stage_of(at).and_then(|s| ctx.model.stages.get(s)) else {
        return false;
    };
    for i in ctx.stage_instructions(stage).iter().rev().filter(|i| i.index < at) {
        match i.keyword {
            Keyword::Arg
                if instruction::arg_defs(i, ctx.escape()).iter().any(|d| d.name == name) =>
            {
                return true;
            }
            Keyword::Env
                if instruction::key_values(i, ctx.escape()).iter().any(|kv| kv.key == name) =>
            {
                return false;
            }
            _ => {}
        }
    }
    false
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for run in shell_runs(ctx) {
        for cmd in run.script.commands.iter() {
            let e = cmd.effective();
            if e.name() != Some("useradd") {
                continue;
            }
            let p = parse(&e);
            let Some((raw, word)) = p.uid else { continue };
            if p.no_log_init {
                continue;
            }
            let span = word.span.unwrap_or_else(|| cmd_span(&run, &e, 0));
            let subst = raw.contains("$(") || raw.contains('`');
            let expanded = if subst {
                None
            } else if raw.contains('$') {
                let ex = ctx.model.expand_at(run.outer.index, &raw);
                ex.is_complete().then_some(ex.value)
            } else {
                Some(raw.clone())
            };
            let numeric = expanded.as_deref().and_then(|v| v.trim().parse::<u64>().ok());
            let build_arg = if subst {
                None
            } else {
                var_names(&raw).into_iter().find(|n| from_build_arg(ctx, run.outer.index, n))
            };
            let msg = match (numeric, build_arg) {
                (Some(uid), _) if uid >= 100_000 => {
                    let v = expanded.clone().unwrap_or_default();
                    let bytes = uid.saturating_mul(324);
                    let size = if bytes >= 1_000_000_000 {
                        format!("{:.1} GB", bytes as f64 / 1e9)
                    } else {
                        format!("{} MB", bytes / 1_000_000)
                    };
                    let shown = if v == raw {
                        format!("UID {uid}")
                    } else {
                        format!("UID `{raw}` (= {uid})")
                    };
                    format!(
                        "`useradd` with {shown} without `-l`{}: lastlog/faillog add about {size} to the layer",
                        onbuild_note(&run)
                    )
                }
                (_, Some(arg)) => format!(
                    "`useradd` with UID `{raw}` from build argument `{arg}` ({}) without `-l`{}: the UID can be set at build time, and a high one adds hundreds of MB of lastlog/faillog to the layer",
                    match &expanded {
                        Some(v) => format!("default {v}"),
                        None => "no default".to_string(),
                    },
                    onbuild_note(&run)
                ),
                (Some(_), None) => continue,
                (None, None) if expanded.is_some() => continue,
                (None, None) => format!(
                    "`useradd` with UID `{raw}`, which is not known at lint time and may be high, without `-l`{}: a high UID adds hundreds of MB of lastlog/faillog to the layer",
                    onbuild_note(&run)
                ),
            };
            out.push(
                ctx.finding(&RULE, span, msg).with_fix(format!(
                    "Add `-l` (`--no-log-init`): `{}`.",
                    render_with(&e, 0, "-l")
                )),
            );
        }
    }
}
