//! Shared helpers for the yum/dnf/zypper/pip/wget/useradd rules (DW020–DW032): every shell
//! script a POSIX shell runs for a RUN (including `ONBUILD RUN`, which hadolint checks too),
//! subcommand detection for package managers, cache-directory mounts, and compact rendering of
//! commands for messages.

use crate::context::DockerfileCtx;
use dockward_dockerfile::ast::{Instruction, Keyword, Span};
use dockward_dockerfile::instruction::{self, CommandForm, Mount};
use dockward_dockerfile::model::is_posix_shell;
use dockward_dockerfile::shell::{ShellCommand, ShellScript};
use std::borrow::Cow;

/// A shell script that a RUN (or an `ONBUILD RUN` trigger) runs.
pub struct ScriptRun<'a> {
    /// The RUN instruction: the top-level one, or the one wrapped by ONBUILD.
    pub run: &'a Instruction,
    /// The top-level instruction (RUN or ONBUILD); its index places it in a stage.
    pub outer: &'a Instruction,
    pub stage: usize,
    pub script: Cow<'a, ShellScript>,
    /// True for `ONBUILD RUN`.
    pub onbuild: bool,
}

impl ScriptRun<'_> {
    pub fn mounts(&self) -> Vec<Mount> {
        instruction::mounts(self.run)
    }
    /// The instruction's own text (arguments and heredoc bodies), for plain-text searches.
    pub fn text(&self) -> String {
        let mut s = self.run.args_text().to_string();
        for h in &self.run.heredocs {
            s.push('\n');
            s.push_str(&h.body);
        }
        s
    }
}

/// Every shell script run by a RUN or `ONBUILD RUN` under a POSIX shell, in file order.
/// Exec-form RUNs appear as a single command (or their `sh -c` script).
pub fn shell_runs<'a>(ctx: &DockerfileCtx<'a>) -> Vec<ScriptRun<'a>> {
    let mut out = Vec::new();
    for inst in ctx.instructions() {
        let Some(stage) = ctx.model.stage_of(inst.index) else { continue };
        match inst.keyword {
            Keyword::Run => {
                let Some(run) = ctx.model.run(inst.index) else { continue };
                let Some(script) = &run.script else { continue };
                if !run.posix && !matches!(run.form, CommandForm::Exec(_)) {
                    continue;
                }
                if ctx.model.stages.get(stage).is_some_and(|s| s.windows) && !run.posix {
                    continue;
                }
                out.push(ScriptRun {
                    run: inst,
                    outer: inst,
                    stage,
                    script: Cow::Borrowed(script),
                    onbuild: false,
                });
            }
            Keyword::Onbuild => {
                let Some(sub) = inst.onbuild.as_deref() else { continue };
                if sub.keyword != Keyword::Run {
                    continue;
                }
                if !posix_shell_at(ctx, inst) {
                    continue;
                }
                let Some(script) =
                    ctx.model.onbuild_run(inst.index).and_then(|r| r.script.as_ref())
                else {
                    continue;
                };
                out.push(ScriptRun {
                    run: sub,
                    outer: inst,
                    stage,
                    script: Cow::Borrowed(script),
                    onbuild: true,
                });
            }
            _ => {}
        }
    }
    out
}

/// Is the shell in effect at `inst` (the last SHELL of its stage or of the stages it is built
/// from) a POSIX shell? Windows stages without a SHELL use cmd.
fn posix_shell_at(ctx: &DockerfileCtx, inst: &Instruction) -> bool {
    let Some(stage) = ctx.model.stage_of(inst.index) else { return false };
    for sidx in ctx.model.ancestry(stage) {
        let Some(st) = ctx.model.stages.get(sidx) else { break };
        let shell_inst = ctx
            .stage_instructions(st)
            .iter()
            .rev()
            .filter(|i| i.index < inst.index)
            .find(|i| i.keyword == Keyword::Shell);
        if let Some(s) = shell_inst {
            return match instruction::command_form(s) {
                CommandForm::Exec(v) => v.first().is_some_and(|p| is_posix_shell(&p.value)),
                CommandForm::Shell(_) => false,
            };
        }
    }
    !ctx.model.stages.get(stage).is_some_and(|s| s.windows)
}

/// The command's name and arguments joined by spaces, cut at about 80 characters.
pub fn render(cmd: &ShellCommand) -> String {
    let joined = cmd.words.iter().map(|w| w.raw.as_str()).collect::<Vec<_>>().join(" ");
    let joined = joined.split_whitespace().collect::<Vec<_>>().join(" ");
    truncate(&joined, 80)
}

pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max).collect();
    out.push('…');
    out
}

/// The file span from word `a` to word `b` (indices into `cmd.words`), else the command's span.
pub fn words_span(cmd: &ShellCommand, a: usize, b: usize) -> Option<Span> {
    match (cmd.words.get(a).and_then(|w| w.span), cmd.words.get(b).and_then(|w| w.span)) {
        (Some(x), Some(y)) => Some(x.cover(y)),
        (Some(x), None) => Some(x),
        _ => cmd.span,
    }
}

/// Span of a finding on a command: its name through word `b`, else the command, else the
/// instruction's first line.
pub fn cmd_span(run: &ScriptRun, cmd: &ShellCommand, b: usize) -> Span {
    words_span(cmd, 0, b).unwrap_or_else(|| run.run.head_span())
}

/// A package-manager verb found in a command: its index in `cmd.words` and its value.
#[derive(Debug, Clone)]
pub struct Verb {
    pub index: usize,
    pub name: String,
    /// For `group install` / `module enable`: the second word.
    pub sub: Option<(usize, String)>,
}

impl Verb {
    /// `install`, or `group install`.
    pub fn display(&self) -> String {
        match &self.sub {
            Some((_, s)) => format!("{} {}", self.name, s),
            None => self.name.clone(),
        }
    }
    /// Index of the last word of the verb.
    pub fn last_index(&self) -> usize {
        self.sub.as_ref().map(|s| s.0).unwrap_or(self.index)
    }
}

/// Commands of yum and dnf (and microdnf). The first argument that is one of these is the verb;
/// option values (`-x pkg`, `--setopt k=v`) are never command names, so they are skipped.
const RPM_VERBS: &[&str] = &[
    "install",
    "in",
    "groupinstall",
    "localinstall",
    "reinstall",
    "remove",
    "erase",
    "rm",
    "update",
    "upgrade",
    "up",
    "downgrade",
    "distro-sync",
    "distrosync",
    "dsync",
    "autoremove",
    "swap",
    "groupupdate",
    "groupremove",
    "groupupgrade",
    "group",
    "groups",
    "module",
    "clean",
    "makecache",
    "mc",
    "list",
    "ls",
    "info",
    "search",
    "se",
    "provides",
    "whatprovides",
    "check-update",
    "check-upgrade",
    "repolist",
    "repoinfo",
    "history",
    "hist",
    "config-manager",
    "download",
    "builddep",
    "repoquery",
    "rq",
    "deplist",
    "versionlock",
    "mark",
    "shell",
    "sh",
    "help",
    "updateinfo",
    "upgrade-minimal",
    "update-minimal",
    "install-n",
    "install-na",
    "install-nevra",
    "debuginfo-install",
    "copr",
    "alias",
    "leaves",
    "needs-restarting",
];

/// Verbs with a second word (`group install`, `module enable`).
const RPM_GROUP_VERBS: &[&str] = &["group", "groups", "module"];

/// First argument of `cmd` that is a yum/dnf command (see [`RPM_VERBS`]).
pub fn rpm_verb(cmd: &ShellCommand) -> Option<Verb> {
    verb_in(cmd, RPM_VERBS, RPM_GROUP_VERBS)
}

/// Commands of zypper (long and short forms).
const ZYPPER_VERBS: &[&str] = &[
    "install",
    "in",
    "remove",
    "rm",
    "source-install",
    "si",
    "patch",
    "update",
    "up",
    "dist-upgrade",
    "dup",
    "install-new-recommends",
    "inr",
    "verify",
    "ve",
    "refresh",
    "ref",
    "refresh-services",
    "refs",
    "clean",
    "cc",
    "addrepo",
    "ar",
    "removerepo",
    "rr",
    "modifyrepo",
    "mr",
    "repos",
    "lr",
    "renamerepo",
    "nr",
    "search",
    "se",
    "info",
    "if",
    "list-updates",
    "lu",
    "list-patches",
    "lp",
    "patches",
    "pch",
    "packages",
    "pa",
    "patterns",
    "pt",
    "products",
    "pd",
    "addlock",
    "al",
    "removelock",
    "rl",
    "locks",
    "ll",
    "cleanlocks",
    "cl",
    "addservice",
    "as",
    "removeservice",
    "rs",
    "services",
    "ls",
    "modifyservice",
    "ms",
    "download",
    "source-download",
    "what-provides",
    "wp",
    "patch-check",
    "pchk",
    "purge-kernels",
    "ps",
    "needs-rebooting",
    "versioncmp",
    "vcmp",
    "targetos",
    "tos",
    "licenses",
    "help",
    "shell",
    "sh",
];

pub fn zypper_verb(cmd: &ShellCommand) -> Option<Verb> {
    verb_in(cmd, ZYPPER_VERBS, &[])
}

fn verb_in(cmd: &ShellCommand, verbs: &[&str], group_verbs: &[&str]) -> Option<Verb> {
    let args = cmd.args();
    let (pos, w) = args
        .iter()
        .enumerate()
        .find(|(_, w)| !w.value.starts_with('-') && verbs.contains(&w.value.as_str()))?;
    let index = pos + 1;
    let sub = if group_verbs.contains(&w.value.as_str()) {
        args.iter()
            .enumerate()
            .skip(pos + 1)
            .find(|(_, w)| !w.value.starts_with('-'))
            .map(|(p, w)| (p + 1, w.value.clone()))
    } else {
        None
    };
    Some(Verb { index, name: w.value.clone(), sub })
}

/// Does a yum/dnf verb prompt for confirmation (and so need `-y`)?
pub fn rpm_verb_prompts(v: &Verb) -> bool {
    match v.name.as_str() {
        "install" | "in" | "groupinstall" | "localinstall" | "reinstall" | "remove" | "erase"
        | "rm" | "update" | "upgrade" | "up" | "downgrade" | "distro-sync" | "distrosync"
        | "dsync" | "autoremove" | "swap" | "groupupdate" | "groupremove" | "groupupgrade"
        | "upgrade-minimal" | "update-minimal" | "install-n" | "install-na" | "install-nevra"
        | "builddep" | "debuginfo-install" => true,
        "group" | "groups" => v.sub.as_ref().is_some_and(|(_, s)| {
            matches!(s.as_str(), "install" | "remove" | "erase" | "update" | "upgrade" | "mark")
        }),
        "module" => v.sub.as_ref().is_some_and(|(_, s)| {
            matches!(
                s.as_str(),
                "install"
                    | "enable"
                    | "disable"
                    | "remove"
                    | "reset"
                    | "switch-to"
                    | "update"
                    | "upgrade"
            )
        }),
        _ => false,
    }
}

/// Does a yum/dnf verb install packages (and so fill the cache that `clean all` removes)?
pub fn rpm_verb_installs(v: &Verb) -> bool {
    match v.name.as_str() {
        "install" | "in" | "groupinstall" | "localinstall" | "reinstall" | "install-n"
        | "install-na" | "install-nevra" => true,
        "group" | "groups" | "module" => v.sub.as_ref().is_some_and(|(_, s)| s == "install"),
        _ => false,
    }
}

/// `-y` or `--assumeyes` (also inside a cluster such as `-qy`).
pub fn has_assume_yes(cmd: &ShellCommand) -> bool {
    cmd.has_flag(Some('y'), &["assumeyes", "yes"])
}

/// True when the command reads its input from `yes` (`yes | yum install x`).
pub fn fed_by_yes(script: &ShellScript, cmd_index: usize) -> bool {
    let Some(cmd) = script.commands.get(cmd_index) else { return false };
    if cmd.position == 0 {
        return false;
    }
    script
        .pipelines
        .get(cmd.pipeline)
        .and_then(|p| p.first())
        .and_then(|&i| script.commands.get(i))
        .is_some_and(|first| first.effective().name() == Some("yes"))
}

/// Cache or tmpfs mount targets of a RUN (`--mount=type=cache,target=/var/cache/dnf`).
pub fn cache_mount_targets(run: &ScriptRun) -> Vec<String> {
    run.mounts()
        .into_iter()
        .filter(|m| m.kind == "cache" || m.kind == "tmpfs")
        .filter_map(|m| {
            m.get("target")
                .or_else(|| m.get("dst"))
                .or_else(|| m.get("destination"))
                .map(str::to_string)
        })
        .map(|t| normalize_dir(&t))
        .collect()
}

/// `/var/cache/yum/` → `/var/cache/yum`; `/var/cache/yum/*` → `/var/cache/yum`.
pub fn normalize_dir(p: &str) -> String {
    let t = p.trim().trim_matches(|c| c == '"' || c == '\'');
    let t = t.strip_suffix("/*").unwrap_or(t);
    let t = t.trim_end_matches('/');
    if t.is_empty() { "/".to_string() } else { t.to_string() }
}

/// Is `dir` (normalised) one of `dirs`, a parent of one, or inside one?
pub fn covers(dir: &str, dirs: &[&str]) -> bool {
    let under = |a: &str, b: &str| a.strip_prefix(b).is_some_and(|rest| rest.starts_with('/'));
    dirs.iter().any(|d| *d == dir || under(d, dir) || under(dir, d) || dir == "/")
}

/// Is `cmd` an `rm -r` of one of `dirs` (or a parent of one, or its contents)?
pub fn removes_dir(cmd: &ShellCommand, dirs: &[&str]) -> bool {
    let e = cmd.effective();
    if e.name() != Some("rm") {
        return false;
    }
    let recursive = e.has_flag(Some('r'), &["recursive"]) || e.has_flag(Some('R'), &[]);
    recursive
        && e.args()
            .iter()
            .filter(|w| !w.value.starts_with('-'))
            .any(|w| covers(&normalize_dir(&w.value), dirs))
}

/// The command rendered with `extra` inserted after word `after` (for concrete fixes:
/// `yum install -y httpd`).
pub fn render_with(cmd: &ShellCommand, after: usize, extra: &str) -> String {
    let mut words: Vec<&str> = Vec::with_capacity(cmd.words.len() + 1);
    for (i, w) in cmd.words.iter().enumerate() {
        words.push(w.raw.as_str());
        if i == after {
            words.push(extra);
        }
    }
    let joined = words.join(" ");
    truncate(&joined.split_whitespace().collect::<Vec<_>>().join(" "), 80)
}

/// " (ONBUILD trigger)" for findings on `ONBUILD RUN`.
pub fn onbuild_note(run: &ScriptRun) -> &'static str {
    if run.onbuild { " (in an ONBUILD trigger)" } else { "" }
}

/// For the "clean missing" rules: the last package-installing command of the RUN when no
/// cleaning command follows it, unless a cache/tmpfs mount covers one of `cache_dirs` (then
/// nothing lands in the layer). `install` returns the verb of an installing command; `clean`
/// recognises a cleaning command (it also gets `rm -r` of a cache dir for free).
pub fn missing_clean(
    run: &ScriptRun,
    install: &dyn Fn(&ShellCommand) -> Option<Verb>,
    clean: &dyn Fn(&ShellCommand) -> bool,
    cache_dirs: &[&str],
) -> Option<(ShellCommand, Verb)> {
    if cache_mount_targets(run).iter().any(|t| covers(t, cache_dirs)) {
        return None;
    }
    let cmds = &run.script.commands;
    let (last, verb) = cmds
        .iter()
        .enumerate()
        .filter_map(|(i, c)| install(&c.effective()).map(|v| (i, v)))
        .last()?;
    let cleaned =
        cmds.iter().skip(last + 1).any(|c| clean(&c.effective()) || removes_dir(c, cache_dirs));
    if cleaned {
        return None;
    }
    Some((cmds[last].effective_owned(), verb))
}

/// The value of environment variable `name` for instruction `inst`: an ARG or ENV of its
/// stage declared before it, else the last ENV of the stages it is built `FROM`. None when not
/// set in the Dockerfile or when its value depends on an unset build argument.
pub fn env_at(ctx: &DockerfileCtx, inst: usize, name: &str) -> Option<String> {
    if ctx.model.is_declared_at(inst, name) {
        let ex = ctx.model.expand_at(inst, &format!("${{{name}}}"));
        return ex.is_complete().then_some(ex.value);
    }
    let stage = ctx.model.stage_of(inst)?;
    for sidx in ctx.model.ancestry(stage).into_iter().skip(1) {
        let st = ctx.model.stages.get(sidx)?;
        for i in ctx.stage_instructions(st).iter().rev().filter(|i| i.keyword == Keyword::Env) {
            if let Some(kv) =
                instruction::key_values(i, ctx.escape()).into_iter().rev().find(|kv| kv.key == name)
            {
                let ex = ctx.model.expand_at(i.index, &kv.value);
                return ex.is_complete().then_some(ex.value);
            }
        }
    }
    None
}
