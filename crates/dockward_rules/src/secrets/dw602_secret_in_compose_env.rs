//! ## What it does
//! Flags secrets written into a Compose project's environment: a service's `environment:`
//! (map or list form) or the `env_file:` files it reads, where a variable holds
//! - a literal value under a credential-shaped name (`DB_PASSWORD: hunter2`,
//!   `MYSQL_ROOT_PASSWORD=example`, `SECRET_KEY_BASE`, `API_KEY` …),
//! - a connection string with a password (`postgres://app:s3cret@db/app`, `redis://:pw@cache`),
//! - or a value in a known token format whatever the name (AWS keys, GitHub/GitLab/Slack/Stripe
//!   tokens, private key blocks, JWTs …).
//!
//! The detector is dockward's one secret detector (the same as DW601 and DW604): names about a
//! credential rather than holding one (`POSTGRES_PASSWORD_FILE`, `PASSWORD_MIN_LENGTH`), file
//! paths, placeholders (`<your-token>`, `changeme` is *not* one) are not reported.
//!
//! What counts is what is **written in the project's files**, not what a particular run
//! interpolates:
//! - `DB_PASSWORD: ${DB_PASSWORD}` is a reference, not reported, whatever the variable holds;
//! - `DB_PASSWORD: ${DB_PASSWORD:-hunter2}` commits `hunter2` as the fallback: reported, even
//!   when this run's `.env` happens to set the variable;
//! - `DATABASE_URL: postgres://app:s3cret@${DB_HOST}/app` has a literal password: reported;
//!   `postgres://app:${DB_PASSWORD}@db/app` is not;
//! - values read from an `env_file:` are reported at their line in that env file (interpolated
//!   env-file values are judged as written, like the above).
//!
//! Compose only; a live container's environment is DW604's business.
//!
//! ## Why is this bad?
//! Compose files are committed, copied into tickets and wikis, and shared between
//! environments: anyone who reads the file has the credential. The value also ends up in the
//! container's environment, readable through `docker inspect` by anyone with access to the
//! Docker API, and in child processes, crash dumps and logs. Default credentials copied from an
//! image's documentation (`POSTGRES_PASSWORD: example`) are the first thing an attacker tries.
//!
//! ## Example
//! ```yaml
//! services:
//!   db:
//!     image: postgres:17
//!     environment:
//!       POSTGRES_PASSWORD: hunter2
//!   app:
//!     image: example/app:1.0
//!     environment:
//!       DATABASE_URL: postgres://postgres:hunter2@db:5432/app
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   db:
//!     image: postgres:17
//!     environment:
//!       POSTGRES_PASSWORD_FILE: /run/secrets/db_password
//!     secrets: [db_password]
//!   app:
//!     image: example/app:1.0
//!     environment:
//!       DATABASE_URL: postgres://postgres:${DB_PASSWORD:?set DB_PASSWORD}@db:5432/app
//! secrets:
//!   db_password:
//!     file: ./secrets/db_password.txt   # not committed
//! ```
//!
//! ## References
//! - compose-lint CL-0020 (credential-shaped keys with literal values), CL-0021 (credentials in
//!   connection strings); each finding names the one that matches it
//! - <https://docs.docker.com/compose/how-tos/use-secrets/>
//! - <https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html>

use crate::prelude::*;
use dockward_compose::yaml::{Mark, Value};
use dockward_compose::{FileRole, Project};
use dockward_knowledge::secrets::{self, SecretKind};
use dockward_spec::container::{Provenance, VariableSource};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW602",
    name: "secret-in-compose-env",
    summary: "Literal secret in a Compose service's environment",
    practice: Practice::Secrets,
    surfaces: &[Surface::Compose],
    severity: Severity::High,
    equivalents: &["CL-0020", "CL-0021"],
    default_enabled: true,
};

/// The text of `mark` in the file it was read from.
fn source_text<'p>(project: &'p Project, mark: &Mark) -> Option<&'p str> {
    project.file(mark.file)?.text.get(mark.start.offset..mark.end.offset)
}

/// A YAML scalar as written → its string value, without interpolation. `None` for forms that
/// are not worth re-parsing here (block scalars, multi-line plain scalars).
fn yaml_scalar(raw: &str) -> Option<String> {
    let t = raw.trim();
    if t.len() >= 2 && t.starts_with('"') && t.ends_with('"') {
        let inner = &t[1..t.len() - 1];
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(o) => out.push(o),
                None => {}
            }
        }
        return (!inner.contains('\n')).then_some(out);
    }
    if t.len() >= 2 && t.starts_with('\'') && t.ends_with('\'') {
        let inner = &t[1..t.len() - 1];
        return (!inner.contains('\n')).then(|| inner.replace("''", "'"));
    }
    if t.starts_with(['|', '>', '"', '\'']) || t.contains('\n') {
        return None;
    }
    Some(t.to_string())
}

/// The value of `name` as written in the service's `environment:` (before interpolation).
fn written_in_compose(ctx: &ContainerCtx, name: &str) -> Option<String> {
    let project = ctx.project?;
    let svc = project.service(&ctx.spec.name)?;
    let env = svc.node.get("environment")?;
    match &env.value {
        Value::Map(entries) => {
            let e = entries.iter().rev().find(|e| e.key == name)?;
            yaml_scalar(source_text(project, &e.value.mark)?)
        }
        Value::Seq(items) => {
            let item = items.iter().rev().find(|i| {
                i.scalar_text()
                    .and_then(|t| t.split_once('=').map(|(k, _)| k == name))
                    .unwrap_or(false)
            })?;
            let text = yaml_scalar(source_text(project, &item.mark)?)?;
            text.split_once('=').map(|(_, v)| v.to_string())
        }
        _ => None,
    }
}

/// The value of an env-file entry as written (before interpolation), when it differs from the
/// parsed value only by interpolation; `None` when the written form cannot be recovered.
fn written_in_env_file(ctx: &ContainerCtx, loc: &SourceLoc, name: &str) -> Option<String> {
    let project = ctx.project?;
    let display = loc.file.as_deref()?;
    let file =
        project.files.iter().find(|f| f.role == FileRole::EnvFile && f.display == display)?;
    let line = file.text.split('\n').nth(usize::try_from(loc.line).ok()?.checked_sub(1)?)?;
    let line = line.strip_suffix('\r').unwrap_or(line);
    let skip = usize::try_from(loc.column).ok()?.checked_sub(1)?;
    let body: String = line.chars().skip(skip).collect();
    let rest = body.strip_prefix(name)?.trim_start();
    let rest = rest.strip_prefix(['=', ':'])?.trim_start();
    if rest.starts_with('\'') {
        // Single-quoted: literal, never interpolated; the parsed value is exact.
        return None;
    }
    if let Some(q) = rest.strip_prefix('"') {
        let mut esc = false;
        for (i, c) in q.char_indices() {
            match c {
                '\\' if !esc => esc = true,
                '"' if !esc => return Some(format!("\"{}\"", &q[..i])),
                _ => esc = false,
            }
        }
        return None;
    }
    let v = match rest.find(" #") {
        Some(i) => &rest[..i],
        None => rest,
    };
    Some(v.trim_end().to_string())
}

/// Is byte `pos` of `text` inside a `${...}` expression (i.e. in a written default)?
fn inside_braces(text: &str, pos: usize) -> bool {
    let b = text.as_bytes();
    let (mut i, mut depth) = (0usize, 0usize);
    while i < b.len() && i < pos {
        match b[i] {
            b'$' if b.get(i + 1) == Some(&b'$') => i += 1,
            b'$' if b.get(i + 1) == Some(&b'{') => {
                depth += 1;
                i += 1;
            }
            b'}' if depth > 0 => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    depth > 0
}

enum Origin<'a> {
    Compose,
    EnvFile(&'a str),
}

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    if ctx.surface != Surface::Compose {
        return;
    }
    for (name, v) in &ctx.spec.environment {
        let Some(value) = &v.value else { continue };
        let env_file = v.via.iter().find_map(|p| match p {
            Provenance::EnvFile { file } => Some(file.as_str()),
            _ => None,
        });
        let (judged, origin) = match env_file {
            Some(file) => {
                let raw = written_in_env_file(ctx, &v.loc, name).filter(|r| r.contains('$'));
                (raw.unwrap_or_else(|| value.clone()), Origin::EnvFile(file))
            }
            None if v.is_interpolated() || value.contains('$') => {
                match written_in_compose(ctx, name) {
                    // `$$` is Compose's escape for a literal `$`: the container gets `${X}`, a
                    // reference for whatever expands it later, not a credential.
                    Some(raw) => (raw.replace("$$", "$"), Origin::Compose),
                    // Written form unknown: judge the value only when every variable in it fell
                    // back to the default written in the file.
                    None => {
                        let all_defaults = v.via.iter().all(|p| match p {
                            Provenance::Interpolated { source, .. } => {
                                *source == VariableSource::Default
                            }
                            _ => true,
                        });
                        if !all_defaults {
                            continue;
                        }
                        (value.clone(), Origin::Compose)
                    }
                }
            }
            None => (value.clone(), Origin::Compose),
        };
        // `${VAR:-default}` as the whole value: judge the default on its own, so that a URL
        // detector does not run into the closing brace.
        let (judged, whole_default) = match whole_default(&judged) {
            Some(Some(d)) => (d.to_string(), true),
            Some(None) => continue,
            None => (judged.clone(), false),
        };
        let Some(m) = secrets::check_assignment(name, &judged) else { continue };
        let in_default = whole_default || inside_braces(&judged, m.range.start);
        // One finding per written value: services sharing it (YAML anchor, `extends`, one
        // env_file) are named together on the first of them.
        let sharing = sharers(ctx, name, &v.loc);
        if sharing.first().is_some_and(|first| *first != ctx.spec.name) {
            continue;
        }
        let who = if sharing.len() > 1 {
            format!(
                "services {}",
                sharing.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
            )
        } else {
            ctx.what()
        };
        let plural = sharing.len() > 1;
        let verb = |one: &'static str, many: &'static str| if plural { many } else { one };
        let url = m.kind == SecretKind::UrlCredentials || m.description.ends_with(" in URL");
        let what = match m.kind {
            SecretKind::NamedCredential => "a literal value".to_string(),
            _ => format!("a literal {}", m.description),
        };
        let subject = if m.kind == SecretKind::NamedCredential {
            format!("credential variable `{name}`")
        } else {
            format!("`{name}`")
        };
        let mut fix = if url {
            "Keep the password out of the URL: interpolate it (`user:${DB_PASSWORD:?}@host`) from an untracked .env or the deployment environment, or assemble the URL at start-up from a Compose secret; then rotate the exposed password.".to_string()
        } else if in_default {
            format!(
                "Remove the committed default: `${{{name}:?{name} must be set}}` fails fast instead; or use a Compose secret (`{name}_FILE: /run/secrets/...` where the image supports it). Rotate the exposed credential."
            )
        } else {
            format!(
                "Move the secret out of the file: a Compose secret (`secrets:` + `{name}_FILE: /run/secrets/...` where the image supports it), or `${{{name}:?}}` interpolated from an untracked .env or the deployment environment. Rotate the exposed credential."
            )
        };
        let finding = match origin {
            Origin::Compose => {
                let msg = if in_default {
                    format!(
                        "{who} {} {what} for {subject} in a `${{...}}` default: `{}`; it is used whenever the variable is unset",
                        verb("falls back to", "fall back to"),
                        m.redacted
                    )
                } else {
                    format!("{who} {} {subject} to {what}: `{}`", verb("sets", "set"), m.redacted)
                };
                ctx.finding_at(&RULE, v, msg)
            }
            Origin::EnvFile(file) => {
                let how = if in_default { "falls back to" } else { "sets it to" };
                let msg = format!(
                    "{who} {} {subject} from env_file {file}, which {how} {what}: `{}`",
                    verb("reads", "read"),
                    m.redacted
                );
                fix.push_str(" Keep env files that hold secrets out of version control.");
                ctx.finding_loc(&RULE, &v.loc, &[], msg)
            }
        };
        out.push(finding.with_fix(fix).with_equivalents(equivalents(url, name)));
    }
    command_secrets(ctx, out);
}

/// Credentials written into `command:`: known token formats, credential-named options
/// (`--password=…`, `--token …`), and Redis's `--requirepass`/`--masterauth`, which are
/// visible to anyone who can inspect the container or list its processes.
fn command_secrets(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    use dockward_spec::container::Command;
    let Some(cmd) = &ctx.spec.command else { return };
    if cmd.is_interpolated() {
        return;
    }
    let words: Vec<String> = match &cmd.value {
        Command::Shell(s) => s.split_whitespace().map(str::to_string).collect(),
        Command::Exec(v) => v.clone(),
    };
    let text = words.join(" ");
    let mut reported = false;
    for m in dockward_knowledge::secrets::scan_text(&text) {
        out.push(
            ctx.finding_at(&RULE, cmd, format!("{} passes a {} on its command line: `{}`", ctx.what(), m.description, m.redacted))
                .with_fix("Pass the credential through a Compose secret (`secrets:`, read from `/run/secrets/...`) or a configuration file the process reads, not on the command line.")
                .with_equivalents(["CL-0020"]),
        );
        reported = true;
    }
    if reported {
        return;
    }
    for (i, w) in words.iter().enumerate() {
        let opt = w.trim_start_matches('-');
        let (name, value) = match opt.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (opt, words.get(i + 1).cloned()),
        };
        if !w.starts_with("--") || !matches!(name, "requirepass" | "masterauth") {
            continue;
        }
        let Some(v) = value.filter(|v| !v.is_empty() && !v.contains('$') && !v.starts_with('-'))
        else {
            continue;
        };
        if dockward_knowledge::secrets::is_non_secret_value(&v) {
            continue;
        }
        out.push(
            ctx.finding_at(&RULE, cmd, format!("{} sets `--{name}` to a literal password on its command line: `{}`", ctx.what(), dockward_knowledge::secrets::redact(&v)))
                .with_fix("Read the password from a Compose secret, e.g. `command: sh -c 'exec redis-server --requirepass \"$$(cat /run/secrets/redis_password)\"'`.")
                .with_equivalents(["CL-0020"]),
        );
    }
}

/// `${NAME:-default}` (or `-`, `:=`, `=`, `:+`, `+`) as the whole text: `Some(Some(default))`;
/// `${NAME}`, `${NAME:?err}`: `Some(None)` (nothing committed as a value); anything else `None`.
fn whole_default(text: &str) -> Option<Option<&str>> {
    let mut t = text.trim();
    for q in ['"', '\''] {
        if t.len() >= 2 && t.starts_with(q) && t.ends_with(q) {
            t = &t[1..t.len() - 1];
        }
    }
    let inner = t.strip_prefix("${")?.strip_suffix('}')?;
    // The braces must belong together: the expression may not close before the end
    // (`${A:-x}y${B}` is not one expression).
    let mut depth = 1usize;
    let b = inner.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'$' if b.get(i + 1) == Some(&b'$') => i += 1,
            b'$' if b.get(i + 1) == Some(&b'{') => {
                depth += 1;
                i += 1;
            }
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return None;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let name_len = inner.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
    if name_len == 0 {
        return None;
    }
    let rest = &inner[name_len..];
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    match rest.chars().next() {
        None | Some('?') => Some(None),
        Some('-' | '=' | '+') => Some(Some(&rest[1..])),
        _ => None,
    }
}

/// Active services whose `name` variable was read from the same place as `loc`, by name.
fn sharers<'a>(ctx: &'a ContainerCtx, name: &str, loc: &SourceLoc) -> Vec<&'a str> {
    let Some(project) = ctx.project else { return vec![ctx.spec.name.as_str()] };
    let same = |l: &SourceLoc| l.file == loc.file && l.line == loc.line && l.column == loc.column;
    let mut names: Vec<&str> = project
        .active_services()
        .filter(|s| s.spec.environment.get(name).is_some_and(|v| same(&v.loc)))
        .map(|s| s.name.as_str())
        .collect();
    if !names.contains(&ctx.spec.name.as_str()) {
        names.push(ctx.spec.name.as_str());
    }
    names.sort_unstable();
    names
}

fn equivalents(url: bool, name: &str) -> Vec<&'static str> {
    if url {
        vec!["CL-0021"]
    } else if secrets::is_credential_name(name) {
        vec!["CL-0020"]
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_defaults() {
        assert_eq!(whole_default("${A:-x}"), Some(Some("x")));
        assert_eq!(whole_default("\"${A-pg://u:p@h/d}\""), Some(Some("pg://u:p@h/d")));
        assert_eq!(whole_default("${A}"), Some(None));
        assert_eq!(whole_default("${A:?must be set}"), Some(None));
        assert_eq!(whole_default("${A:-x}y${B}"), None);
        assert_eq!(whole_default("${A:-${B:-x}}"), Some(Some("${B:-x}")));
        assert_eq!(whole_default("plain"), None);
    }

    #[test]
    fn braces_and_scalars() {
        assert!(inside_braces("${A:-secret}", 5));
        assert!(!inside_braces("x${A}secret", 6));
        assert!(!inside_braces("$${A}secret", 6));
        assert_eq!(yaml_scalar("\"a\\\"b\"").as_deref(), Some("a\"b"));
        assert_eq!(yaml_scalar("'it''s'").as_deref(), Some("it's"));
        assert_eq!(yaml_scalar("plain"), Some("plain".into()));
        assert_eq!(yaml_scalar("|\n  block"), None);
    }
}
