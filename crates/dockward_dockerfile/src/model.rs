//! Meaning on top of the syntax tree: build stages, ARG/ENV scopes, resolved base images, the
//! shell of each instruction and the parsed RUN scripts. Built once per file; rules share it.

use crate::ast::*;
use crate::expand::{Expanded, expand};
use crate::instruction::{self, Arg, ArgDef, CommandForm};
use crate::shell::{self, ShellScript};
use dockward_spec::ImageRef;
use std::collections::BTreeMap;
use std::ops::Range;

/// What a stage is built from.
#[derive(Debug, Clone)]
pub enum BaseKind {
    Scratch,
    /// An earlier stage, by index.
    Stage(usize),
    Image(ImageRef),
    /// Depends on ARGs that have no value.
    Unresolved(Vec<String>),
    /// Expanded, but not a valid image reference.
    Invalid(String),
}

#[derive(Debug, Clone)]
pub struct BaseImage {
    /// As written.
    pub raw: String,
    /// After ARG substitution.
    pub expanded: String,
    pub span: Span,
    pub kind: BaseKind,
}

#[derive(Debug, Clone)]
pub struct Stage {
    pub index: usize,
    /// Index of the FROM instruction.
    pub from: usize,
    /// `AS name`, lower-cased as BuildKit compares it.
    pub name: Option<String>,
    pub name_span: Option<Span>,
    pub base: BaseImage,
    pub platform: Option<String>,
    /// Instruction indices of this stage, FROM included.
    pub instructions: Range<usize>,
    /// Built for Windows (escape directive, Windows base image or a PowerShell/cmd SHELL).
    pub windows: bool,
}

impl Stage {
    /// A display name: the alias or `stage N`.
    pub fn label(&self) -> String {
        match &self.name {
            Some(n) => n.clone(),
            None => format!("stage {}", self.index),
        }
    }
}

/// A RUN instruction with its shell and parsed script.
#[derive(Debug, Clone)]
pub struct Run {
    pub inst: usize,
    pub stage: usize,
    /// The SHELL in effect (`["/bin/sh","-c"]` by default).
    pub shell: Vec<String>,
    /// True when the shell is POSIX-like (sh, bash, ash, dash, zsh, ksh).
    pub posix: bool,
    pub form: CommandForm,
    /// Commands of the shell form and of shell heredoc bodies (None for non-POSIX shells).
    pub script: Option<ShellScript>,
}

#[derive(Debug, Clone)]
struct Decl {
    inst: usize,
    name: String,
    value: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub stages: Vec<Stage>,
    /// ARGs declared before the first FROM.
    pub global_args: Vec<(usize, ArgDef)>,
    pub runs: Vec<Run>,
    /// `ONBUILD RUN` triggers, analysed like RUNs with the shell in effect at the ONBUILD;
    /// `Run::inst` is the index of the ONBUILD instruction.
    pub onbuild_runs: Vec<Run>,
    /// ARG/ENV declarations per stage, in order (for expansion at a given instruction).
    decls: Vec<Vec<Decl>>,
    global_values: BTreeMap<String, Option<String>>,
    /// Stage index of each instruction (None before the first FROM).
    stage_of: Vec<Option<usize>>,
    escape: char,
}

const POSIX_SHELLS: &[&str] = &["sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox"];

pub fn is_posix_shell(program: &str) -> bool {
    let b = shell::basename(program).trim_end_matches(".exe");
    POSIX_SHELLS.contains(&b)
}

fn windows_image(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    l.contains("windows/servercore")
        || l.contains("windows/nanoserver")
        || l.contains("windowsservercore")
        || l.contains("nanoserver")
        || l.starts_with("mcr.microsoft.com/windows")
        || l.contains("-ltsc20")
        || l.contains(":ltsc20")
}

impl Model {
    /// Build the model. `build_args` are `--build-arg` values (from config or CLI); they
    /// override defaults of ARGs that are declared.
    pub fn build(df: &Dockerfile, build_args: &BTreeMap<String, String>) -> Model {
        let escape = df.directives.escape;
        let mut m = Model {
            stages: Vec::new(),
            global_args: Vec::new(),
            runs: Vec::new(),
            onbuild_runs: Vec::new(),
            decls: Vec::new(),
            global_values: BTreeMap::new(),
            stage_of: vec![None; df.instructions.len()],
            escape,
        };
        let mut stage_shell: Vec<Vec<String>> = Vec::new();
        let mut current: Option<usize> = None;
        for inst in &df.instructions {
            match &inst.keyword {
                Keyword::From => {
                    if let Some(c) = current {
                        m.stages[c].instructions.end = inst.index;
                    }
                    let idx = m.stages.len();
                    let stage = m.new_stage(df, inst, idx);
                    let parent_shell = match stage.base.kind {
                        BaseKind::Stage(p) => stage_shell.get(p).cloned(),
                        _ => None,
                    };
                    let windows = stage.windows;
                    m.stages.push(stage);
                    m.decls.push(Vec::new());
                    stage_shell.push(parent_shell.unwrap_or_else(|| default_shell(windows)));
                    current = Some(idx);
                }
                Keyword::Arg => {
                    for def in instruction::arg_defs(inst, escape) {
                        match current {
                            None => {
                                let value = build_args.get(&def.name).cloned().or_else(|| {
                                    def.raw_default.as_ref().map(|d| {
                                        m.expand_with(d, &|n| {
                                            m.global_values.get(n).cloned().flatten()
                                        })
                                        .value
                                    })
                                });
                                m.global_values.insert(def.name.clone(), value);
                                m.global_args.push((inst.index, def));
                            }
                            Some(s) => {
                                // Re-declared ARG: value from --build-arg, else its default,
                                // else the global default.
                                let value = build_args
                                    .get(&def.name)
                                    .cloned()
                                    .or_else(|| {
                                        def.raw_default
                                            .as_ref()
                                            .map(|d| m.expand_at_decls(s, inst.index, d).value)
                                    })
                                    .or_else(|| m.global_values.get(&def.name).cloned().flatten());
                                m.decls[s].push(Decl {
                                    inst: inst.index,
                                    name: def.name.clone(),
                                    value,
                                });
                            }
                        }
                    }
                }
                Keyword::Env => {
                    if let Some(s) = current {
                        for kv in instruction::key_values(inst, escape) {
                            // Expand the value as written: quotes and escapes are resolved once, here.
                            let v = m.expand_at_decls(s, inst.index, &kv.raw_value).value;
                            m.decls[s].push(Decl {
                                inst: inst.index,
                                name: kv.key.clone(),
                                value: Some(v),
                            });
                        }
                    }
                }
                Keyword::Shell => {
                    if let (Some(s), CommandForm::Exec(v)) =
                        (current, instruction::command_form(inst))
                        && !v.is_empty()
                    {
                        stage_shell[s] = v.iter().map(|a| a.value.clone()).collect();
                        if !is_posix_shell(&stage_shell[s][0]) {
                            m.stages[s].windows |=
                                stage_shell[s][0].to_ascii_lowercase().contains("powershell")
                                    || stage_shell[s][0].to_ascii_lowercase().contains("pwsh")
                                    || stage_shell[s][0].eq_ignore_ascii_case("cmd");
                        }
                    }
                }
                Keyword::Run => {
                    if let Some(s) = current {
                        let sh = stage_shell[s].clone();
                        m.runs.push(make_run(df, inst, s, sh));
                    }
                }
                Keyword::Onbuild => {
                    if let (Some(s), Some(sub)) = (current, inst.onbuild.as_deref())
                        && sub.keyword == Keyword::Run
                    {
                        let mut run = make_run(df, sub, s, stage_shell[s].clone());
                        run.inst = inst.index;
                        m.onbuild_runs.push(run);
                    }
                }
                _ => {}
            }
            m.stage_of[inst.index] = current;
        }
        if let Some(c) = current {
            m.stages[c].instructions.end = df.instructions.len();
        }
        m
    }

    fn new_stage(&self, df: &Dockerfile, inst: &Instruction, idx: usize) -> Stage {
        let escape = df.directives.escape;
        let fa = instruction::from_args(inst, escape);
        let (raw, span) = match &fa {
            Some(f) => (f.image.value.clone(), f.image.span),
            None => (String::new(), inst.keyword_span),
        };
        let ex = self.expand_with(&raw, &|n| self.global_values.get(n).cloned().flatten());
        let expanded = ex.value.clone();
        let lower = expanded.to_ascii_lowercase();
        let kind = if !ex.unresolved.is_empty() || !ex.errors.is_empty() {
            let mut v = ex.unresolved.clone();
            v.extend(ex.errors.clone());
            BaseKind::Unresolved(v)
        } else if lower == "scratch" {
            BaseKind::Scratch
        } else if let Some(p) =
            self.stages.iter().position(|s| s.name.as_deref() == Some(lower.as_str()))
        {
            BaseKind::Stage(p)
        } else {
            match ImageRef::parse(&expanded) {
                Ok(r) => BaseKind::Image(r),
                Err(e) => BaseKind::Invalid(e.to_string()),
            }
        };
        let alias = fa.as_ref().and_then(|f| f.alias.clone());
        let platform = fa.as_ref().and_then(|f| f.platform.as_ref()).and_then(|p| p.value.clone());
        let parent_windows = match kind {
            BaseKind::Stage(p) => self.stages.get(p).is_some_and(|s| s.windows),
            _ => false,
        };
        // `AS ${NAME}`: stage names may use global ARGs (buildah and newer BuildKit expand them).
        let name = alias.as_ref().map(|a| {
            let ex = self.expand_with(&a.value, &|n| self.global_values.get(n).cloned().flatten());
            if ex.is_complete() {
                ex.value.to_ascii_lowercase()
            } else {
                a.value.to_ascii_lowercase()
            }
        });
        Stage {
            index: idx,
            from: inst.index,
            name,
            name_span: alias.map(|a| a.span),
            windows: escape == '`'
                || windows_image(&expanded)
                || windows_image(&raw)
                || parent_windows
                || platform
                    .as_deref()
                    .is_some_and(|p| p.to_ascii_lowercase().starts_with("windows")),
            base: BaseImage { raw, expanded, span, kind },
            platform,
            instructions: inst.index..inst.index + 1,
        }
    }

    fn expand_with(&self, text: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Expanded {
        expand(text, self.escape, lookup)
    }

    fn expand_at_decls(&self, stage: usize, inst: usize, text: &str) -> Expanded {
        let decls = &self.decls[stage];
        let lookup = |name: &str| -> Option<String> {
            decls
                .iter()
                .rev()
                .filter(|d| d.inst <= inst)
                .find(|d| d.name == name)
                .and_then(|d| d.value.clone())
        };
        self.expand_with(text, &lookup)
    }

    /// Expand `text` with the ARG/ENV values in scope just before instruction `inst`.
    pub fn expand_at(&self, inst: usize, text: &str) -> Expanded {
        // A FROM line sees only the global (pre-FROM) ARGs.
        let stage = self
            .stage_of
            .get(inst)
            .copied()
            .flatten()
            .filter(|&s| self.stages.get(s).is_none_or(|st| st.from != inst));
        match stage {
            Some(s) => {
                let decls = &self.decls[s];
                let lookup = |name: &str| -> Option<String> {
                    decls
                        .iter()
                        .rev()
                        .filter(|d| d.inst < inst)
                        .find(|d| d.name == name)
                        .and_then(|d| d.value.clone())
                };
                self.expand_with(text, &lookup)
            }
            None => self.expand_with(text, &|n| self.global_values.get(n).cloned().flatten()),
        }
    }

    /// Is `name` declared (ARG or ENV) in scope before instruction `inst`?
    pub fn is_declared_at(&self, inst: usize, name: &str) -> bool {
        match self.stage_of.get(inst).copied().flatten() {
            Some(s) => self.decls[s].iter().any(|d| d.inst < inst && d.name == name),
            None => self.global_values.contains_key(name),
        }
    }

    pub fn stage_of(&self, inst: usize) -> Option<usize> {
        self.stage_of.get(inst).copied().flatten()
    }

    /// The stage that `docker build` produces (the last one).
    pub fn final_stage(&self) -> Option<&Stage> {
        self.stages.last()
    }

    /// Stage referenced by name or index (as in `COPY --from=`), before stage `before`.
    pub fn stage_by_ref(&self, reference: &str, before: usize) -> Option<&Stage> {
        let l = reference.to_ascii_lowercase();
        if let Ok(n) = l.parse::<usize>() {
            return self.stages.get(n).filter(|s| s.index < before);
        }
        self.stages.iter().take(before).find(|s| s.name.as_deref() == Some(l.as_str()))
    }

    /// The `ONBUILD RUN` trigger held by ONBUILD instruction `inst`.
    pub fn onbuild_run(&self, inst: usize) -> Option<&Run> {
        self.onbuild_runs.iter().find(|r| r.inst == inst)
    }

    pub fn run(&self, inst: usize) -> Option<&Run> {
        self.runs.iter().find(|r| r.inst == inst)
    }

    /// The chain of stages from `stage` down to its root (the stage itself first), following
    /// `FROM <stage>` references.
    pub fn ancestry(&self, stage: usize) -> Vec<usize> {
        let mut out = vec![stage];
        let mut cur = stage;
        while let Some(BaseKind::Stage(p)) = self.stages.get(cur).map(|s| &s.base.kind) {
            if out.contains(p) {
                break;
            }
            out.push(*p);
            cur = *p;
        }
        out
    }
}

fn default_shell(windows: bool) -> Vec<String> {
    if windows {
        vec!["cmd".into(), "/S".into(), "/C".into()]
    } else {
        vec!["/bin/sh".into(), "-c".into()]
    }
}

fn make_run(df: &Dockerfile, inst: &Instruction, stage: usize, sh: Vec<String>) -> Run {
    let posix = sh.first().is_some_and(|p| is_posix_shell(p));
    let form = instruction::command_form(inst);
    let script = match (&form, posix) {
        (CommandForm::Shell(a), true) => Some(run_script(df, inst, a)),
        (CommandForm::Exec(v), _) => exec_script(v),
        _ => None,
    };
    Run { inst: inst.index, stage, shell: sh, posix, form, script }
}

/// An exec-form RUN that runs a shell (`["sh", "-c", "..."]`) is analysed like a shell form.
fn exec_script(v: &[Arg]) -> Option<ShellScript> {
    let first = v.first()?;
    // `["sh", "-c", "..."]`, `["bash", "-o", "pipefail", "-c", "..."]`, `["sh", "-ec", "..."]`:
    // the script is the word after the first option cluster holding `c`.
    let c_at = is_posix_shell(&first.value)
        .then(|| {
            let mut i = 1;
            while let Some(w) = v.get(i) {
                if !w.value.starts_with('-') {
                    return None;
                }
                if !w.value.starts_with("--") && w.value.contains('c') {
                    return Some(i);
                }
                // `-o option` takes a value.
                i += if w.value == "-o" || w.value == "+o" { 2 } else { 1 };
            }
            None
        })
        .flatten();
    if let Some(body) = c_at.and_then(|i| v.get(i + 1)) {
        let start = body.span.start + 1; // skip the opening quote
        return Some(shell::analyze(&body.value, &|r| Span::new(start + r.start, start + r.end)));
    }
    // Plain exec form: one command, its words as given.
    let words = v
        .iter()
        .map(|a| shell::ShellWord {
            value: a.value.clone(),
            raw: a.value.clone(),
            span: Some(a.span),
        })
        .collect();
    Some(ShellScript {
        commands: vec![shell::ShellCommand {
            words,
            assignments: Vec::new(),
            redirects: Vec::new(),
            pipeline: 0,
            position: 0,
            in_substitution: false,
            span: v.first().map(|a| a.span.cover(v.last().map(|l| l.span).unwrap_or(a.span))),
        }],
        pipelines: vec![vec![0]],
        parse_error: None,
    })
}

fn run_script(_df: &Dockerfile, inst: &Instruction, args: &Arg) -> ShellScript {
    // Heredoc markers (`<<EOF`) are blanked out with spaces of the same length: the shell
    // would need the body right after the line to parse them, and the bodies are analysed
    // on their own below. Offsets stay valid because the length does not change.
    let mut text = args.value.clone();
    for h in &inst.heredocs {
        let m = h.marker_span;
        let base = args.span.start;
        if m.start >= base
            && m.end <= base + text.len()
            && text.is_char_boundary(m.start - base)
            && text.is_char_boundary(m.end - base)
        {
            text.replace_range(m.start - base..m.end - base, &" ".repeat(m.end - m.start));
        }
    }
    let text = &text;
    let map = |r: Range<usize>| inst.args_subspan(r);
    let mut script = shell::analyze(text, &map);
    // Heredoc bodies that a shell runs: `RUN <<EOF` alone, or fed to sh/bash.
    if !inst.heredocs.is_empty() {
        let only_markers = args
            .value
            .split_whitespace()
            .all(|w| w.trim_start_matches(|c: char| c.is_ascii_digit()).starts_with("<<"));
        let fed_to_shell = script
            .commands
            .iter()
            .any(|c| c.name().is_some_and(is_posix_shell) && !c.has_flag(Some('c'), &[]));
        for h in &inst.heredocs {
            let shebang = h.body.lines().next().filter(|l| l.starts_with("#!")).map(str::to_string);
            let shell_body = match &shebang {
                Some(l) => {
                    l.split_whitespace().any(is_posix_shell)
                        || l.contains("/sh")
                        || l.contains("bash")
                }
                None => only_markers || fed_to_shell,
            };
            if !shell_body {
                continue;
            }
            let (base, end) = (h.body_span.start, h.body_span.end);
            // The body gets a final newline the file may lack: clamp spans to the body.
            let sub = shell::analyze(&h.body, &|r: Range<usize>| {
                Span::new((base + r.start).min(end), (base + r.end).min(end))
            });
            let (oc, op) = (script.commands.len(), script.pipelines.len());
            for mut c in sub.commands {
                c.pipeline += op;
                script.commands.push(c);
            }
            for p in sub.pipelines {
                script.pipelines.push(p.into_iter().map(|k| k + oc).collect());
            }
        }
        if only_markers {
            // The marker words themselves are not commands.
            let keep: Vec<bool> = script
                .commands
                .iter()
                .map(|c| !c.words.first().is_some_and(|w| w.value.starts_with("<<")))
                .collect();
            let mut remap = vec![usize::MAX; keep.len()];
            let mut n = 0;
            for (i, k) in keep.iter().enumerate() {
                if *k {
                    remap[i] = n;
                    n += 1;
                }
            }
            let mut i = 0;
            script.commands.retain(|_| {
                let k = keep[i];
                i += 1;
                k
            });
            for p in &mut script.pipelines {
                *p = p.iter().filter(|&&k| remap[k] != usize::MAX).map(|&k| remap[k]).collect();
            }
        }
    }
    script
}
