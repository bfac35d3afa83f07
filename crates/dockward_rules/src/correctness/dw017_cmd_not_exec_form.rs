//! ## What it does
//! Reports `CMD` and `ENTRYPOINT` written in shell form (`CMD npm start`) instead of the JSON
//! exec form (`CMD ["npm", "start"]`). Something that looks like JSON but is not valid JSON
//! (single quotes, a missing comma, a trailing comma) counts as shell form, because that is
//! how Docker runs it. As in hadolint, `ONBUILD CMD` and `HEALTHCHECK CMD` are not checked.
//!
//! ## Why is this bad?
//! In shell form Docker runs the command as `/bin/sh -c "<command>"`: the shell becomes PID 1,
//! so `docker stop` sends SIGTERM to the shell, which does not forward it; the application is
//! killed after the grace period instead of shutting down cleanly. A shell-form `ENTRYPOINT`
//! also ignores the arguments given to `docker run` and any `CMD`. Invalid JSON is worse: `CMD
//! ['node', 'app.js']` runs the shell command `['node', 'app.js']`, which fails at start.
//!
//! ## Example
//! ```dockerfile
//! FROM node:20-slim
//! ENTRYPOINT node server.js
//! CMD ['--port', '8080']
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM node:20-slim
//! ENTRYPOINT ["node", "server.js"]
//! CMD ["--port", "8080"]
//! ```
//!
//! ## References
//! - hadolint DL3025; BuildKit check JSONArgsRecommended
//! - <https://docs.docker.com/reference/build-checks/json-args-recommended/>
//! - <https://docs.docker.com/reference/dockerfile/#shell-and-exec-form>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW017",
    name: "cmd-not-exec-form",
    summary: "CMD or ENTRYPOINT in shell form instead of JSON exec form",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL3025", "JSONArgsRecommended"],
    default_enabled: true,
};

/// JSON string literal.
fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn json_array(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|s| json_str(s)).collect::<Vec<_>>().join(", "))
}

/// Shell syntax that needs `sh -c` to keep its meaning.
fn needs_shell(s: &str) -> bool {
    s.contains(['$', '|', '&', ';', '<', '>', '`', '*', '?', '(', ')', '~', '\n'])
        || s.contains("\\")
}

/// The elements of an almost-JSON array (`['a', 'b']`, `["a" "b"]`), best effort.
fn loose_elements(text: &str) -> Option<Vec<String>> {
    let inner = text.trim().strip_prefix('[')?.strip_suffix(']')?;
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut had = false;
    for c in inner.chars() {
        match (c, quote) {
            ('"' | '\'', None) => {
                quote = Some(c);
                had = true;
            }
            (c, Some(q)) if c == q => quote = None,
            (c, Some(_)) => cur.push(c),
            (',', None) => {
                if had {
                    out.push(std::mem::take(&mut cur));
                }
                had = false;
            }
            (c, None) if c.is_whitespace() => {
                if had {
                    out.push(std::mem::take(&mut cur));
                    had = false;
                }
            }
            (c, None) => {
                cur.push(c);
                had = true;
            }
        }
    }
    if quote.is_some() {
        return None;
    }
    if had {
        out.push(cur);
    }
    (!out.is_empty()).then_some(out)
}

/// The SHELL in effect at `inst` (its stage, then the stages it is built from), as text.
fn shell_of(ctx: &DockerfileCtx, inst: &Instruction) -> String {
    let Some(stage) = ctx.stage_of(inst) else { return "/bin/sh -c".into() };
    for sidx in ctx.model.ancestry(stage.index) {
        let Some(st) = ctx.model.stages.get(sidx) else { break };
        let found = ctx
            .stage_instructions(st)
            .iter()
            .rev()
            .filter(|i| i.index < inst.index && i.keyword == Keyword::Shell)
            .find_map(|i| match instruction::command_form(i) {
                CommandForm::Exec(v) if !v.is_empty() => {
                    Some(v.iter().map(|a| a.value.as_str()).collect::<Vec<_>>().join(" "))
                }
                _ => None,
            });
        if let Some(sh) = found {
            return sh;
        }
    }
    if stage.windows { "cmd /S /C".into() } else { "/bin/sh -c".into() }
}

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for inst in ctx.instructions() {
        if !matches!(inst.keyword, Keyword::Cmd | Keyword::Entrypoint) {
            continue;
        }
        let CommandForm::Shell(arg) = instruction::command_form(inst) else { continue };
        let text = arg.value.trim();
        if text.is_empty() {
            continue;
        }
        let kw = inst.keyword.as_str();
        let sh = shell_of(ctx, inst);
        let shown = crate::support::run_scripts::shorten(
            &text.split_whitespace().collect::<Vec<_>>().join(" "),
            60,
        );
        let (msg, fix) = if text.starts_with('[') {
            let fix = match loose_elements(text) {
                Some(els) => format!(
                    "Write valid JSON (double quotes, commas between elements): `{kw} {}`.",
                    json_array(&els)
                ),
                None => "Write valid JSON: double-quoted strings separated by commas.".to_string(),
            };
            (
                format!(
                    "{kw} `{shown}` is not valid JSON, so Docker runs it through the shell (`{sh}`)"
                ),
                fix,
            )
        } else if ctx.stage_of(inst).is_some_and(|s| s.windows) {
            let fix = if needs_shell(text) {
                let mut parts: Vec<String> = sh.split_whitespace().map(str::to_string).collect();
                parts.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
                format!(
                    "Use the exec form, naming the shell explicitly: `{kw} {}`.",
                    json_array(&parts)
                )
            } else {
                let words: Vec<String> =
                    instruction::words(inst, ctx.escape()).into_iter().map(|w| w.value).collect();
                format!("Use the exec form: `{kw} {}`.", json_array(&words))
            };
            (
                format!(
                    "{kw} `{shown}` is in shell form: it runs under `{sh}` instead of as the program itself"
                ),
                fix,
            )
        } else {
            let compound = ["&&", "||", ";", "|", "\n"].iter().any(|op| text.contains(op));
            let fix = if compound {
                format!(
                    "Move the shell logic into a script that ends with `exec <program>`, and run it in exec form, e.g. `{kw} [\"/usr/local/bin/docker-entrypoint.sh\"]`."
                )
            } else if needs_shell(text) {
                let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
                format!(
                    "Use the exec form with `exec`, so the program replaces the shell: `{kw} {}`.",
                    json_array(&["/bin/sh".into(), "-c".into(), format!("exec {one_line}")])
                )
            } else {
                let words: Vec<String> =
                    instruction::words(inst, ctx.escape()).into_iter().map(|w| w.value).collect();
                format!("Use the exec form: `{kw} {}`.", json_array(&words))
            };
            (
                format!(
                    "{kw} `{shown}` is in shell form: it runs under `{sh}`, which does not pass signals such as SIGTERM on to the program"
                ),
                fix,
            )
        };
        out.push(ctx.finding(&RULE, arg.span, msg).with_fix(fix));
    }
}
