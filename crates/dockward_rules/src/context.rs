//! What a Dockerfile rule receives: the syntax tree, the semantic model and the configuration.

use dockward_core::{Config, Finding, RuleMeta, Surface};
use dockward_dockerfile::ast::{Dockerfile, Instruction, Span};
use dockward_dockerfile::model::{Model, Run, Stage};

pub struct DockerfileCtx<'a> {
    pub df: &'a Dockerfile,
    pub model: &'a Model,
    pub config: &'a Config,
    /// Today's date (YYYY-MM-DD), injected so tests are reproducible.
    pub today: &'a str,
}

impl<'a> DockerfileCtx<'a> {
    /// A finding at `span`, its target set to the stage holding it.
    pub fn finding(
        &self,
        rule: &'static RuleMeta,
        span: Span,
        message: impl Into<String>,
    ) -> Finding {
        let mut f = Finding::new(rule, Surface::Dockerfile, self.df.location(span), message);
        if let Some(st) = self.stage_at(span.start) {
            f.target = Some(st.label());
        }
        f
    }

    /// A finding on a whole instruction's first line (keyword and arguments).
    pub fn at_instruction(
        &self,
        rule: &'static RuleMeta,
        inst: &Instruction,
        message: impl Into<String>,
    ) -> Finding {
        self.finding(rule, inst.head_span(), message)
    }

    pub fn instructions(&self) -> &'a [Instruction] {
        &self.df.instructions
    }

    pub fn escape(&self) -> char {
        self.df.directives.escape
    }

    pub fn stage_at(&self, offset: usize) -> Option<&'a Stage> {
        let inst = self.df.instructions.iter().rev().find(|i| i.span.start <= offset)?;
        self.model.stage_of(inst.index).and_then(|s| self.model.stages.get(s))
    }

    pub fn stage_of(&self, inst: &Instruction) -> Option<&'a Stage> {
        self.model.stage_of(inst.index).and_then(|s| self.model.stages.get(s))
    }

    /// Instructions of a stage, FROM included.
    pub fn stage_instructions(&self, stage: &Stage) -> &'a [Instruction] {
        self.df.instructions.get(stage.instructions.clone()).unwrap_or(&[])
    }

    pub fn runs(&self) -> &'a [Run] {
        &self.model.runs
    }

    pub fn inst(&self, index: usize) -> &'a Instruction {
        &self.df.instructions[index]
    }
}

use dockward_compose::Project;
use dockward_core::Location;
use dockward_spec::container::{ContainerSpec, Located, Provenance, SourceLoc, VariableSource};

/// What is statically known about the image a container runs, when the service builds it
/// from a local Dockerfile (`build:`): its final USER and HEALTHCHECK, with their location.
#[derive(Debug, Clone)]
pub struct ImageFacts {
    /// The Dockerfile, as shown in reports.
    pub dockerfile: String,
    /// The build target stage, when `build.target` names one.
    pub stage: String,
    /// The last USER of the built stage (inherited through `FROM <stage>` included), as
    /// written and expanded, with its location. None when no USER is set.
    pub user: Option<(String, Location)>,
    /// Some(true): a HEALTHCHECK CMD is set; Some(false): `HEALTHCHECK NONE`; None: none set.
    pub healthcheck: Option<bool>,
    pub healthcheck_loc: Option<Location>,
    /// Location of the built stage's FROM line (where "no USER" is reported).
    pub from_loc: Location,
    /// The base image of the built stage chain (its config is not visible statically).
    pub base_image: String,
}

/// What a container rule receives: one container's effective configuration, from a Compose
/// service or (later) a live container, with the same rule code and message either way.
pub struct ContainerCtx<'a> {
    pub spec: &'a ContainerSpec,
    /// `Compose` or `Container`.
    pub surface: Surface,
    pub config: &'a Config,
    pub today: &'a str,
    /// The image's known configuration (from a local Dockerfile), if any.
    pub image: Option<&'a ImageFacts>,
    /// The whole Compose project, for rules that need project-level definitions (networks).
    pub project: Option<&'a Project>,
    /// The daemon a live container runs on, when `dockward host` read it: rules whose verdict
    /// depends on a daemon-wide default the Engine API does not show in the container's
    /// `HostConfig` (DW406 default ulimits, DW505 no-new-privileges) consult it. None on
    /// Compose services and when the daemon was not audited.
    pub host: Option<&'a dockward_spec::HostFacts>,
}

/// Location of a model value as a finding location.
pub fn loc_to_location(loc: &SourceLoc) -> Location {
    dockward_compose::location(loc)
}

/// "how it got there": a short clause describing provenance, e.g. "(from `${PORT}` set in
/// .env; merged from compose.override.yaml)". Empty when the value was written as is.
pub fn describe_via(via: &[Provenance]) -> String {
    let parts: Vec<String> = via
        .iter()
        .map(|p| match p {
            Provenance::Interpolated { variable, source } => match source {
                VariableSource::Environment => format!("`${{{variable}}}` from the environment"),
                VariableSource::DotEnv { file } => format!("`${{{variable}}}` set in {file}"),
                VariableSource::EnvFile { file } => format!("`${{{variable}}}` set in {file}"),
                VariableSource::Default => format!("the default of `${{{variable}}}`"),
                VariableSource::Unset => format!("`${{{variable}}}` (unset, so empty)"),
            },
            Provenance::Alias { at } => format!("a YAML alias/merge key at {at}"),
            Provenance::Override { file } => format!("set by override file {file}"),
            Provenance::Extends { service, file } => {
                format!("inherited via `extends` from service `{service}` in {file}")
            }
            Provenance::Included { file } => format!("included from {file}"),
            Provenance::EnvFile { file } => format!("read from env_file {file}"),
        })
        .collect();
    if parts.is_empty() { String::new() } else { format!(" ({})", parts.join("; ")) }
}

impl<'a> ContainerCtx<'a> {
    /// A finding at the place `loc` was written; the message gets the provenance appended.
    pub fn finding_loc(
        &self,
        rule: &'static RuleMeta,
        loc: &SourceLoc,
        via: &[Provenance],
        message: impl Into<String>,
    ) -> Finding {
        let mut msg: String = message.into();
        msg.push_str(&describe_via(via));
        Finding::new(rule, self.surface, loc_to_location(loc), msg).with_target(self.target())
    }
    /// A finding at a located value.
    pub fn finding_at<T>(
        &self,
        rule: &'static RuleMeta,
        v: &Located<T>,
        message: impl Into<String>,
    ) -> Finding {
        self.finding_loc(rule, &v.loc, &v.via, message)
    }
    /// A finding on the service (or container) as a whole: for something missing.
    pub fn finding_service(&self, rule: &'static RuleMeta, message: impl Into<String>) -> Finding {
        Finding::new(rule, self.surface, loc_to_location(&self.spec.loc), message)
            .with_target(self.target())
    }
    /// `service web` / `container web`.
    pub fn target(&self) -> String {
        self.spec.name.clone()
    }
    /// "service `web`" or "container `web`", for messages.
    pub fn what(&self) -> String {
        match self.surface {
            Surface::Container => format!("container `{}`", self.spec.name),
            _ => format!("service `{}`", self.spec.name),
        }
    }
}

/// What a project rule receives (Compose topology rules such as DW905).
pub struct ProjectCtx<'a> {
    pub project: &'a Project,
    pub config: &'a Config,
    pub today: &'a str,
}

/// What a host rule receives (surface H): the daemon's facts.
pub struct HostCtx<'a> {
    pub facts: &'a dockward_spec::HostFacts,
    pub config: &'a Config,
    pub today: &'a str,
}

impl<'a> HostCtx<'a> {
    /// A finding on the daemon: no file, target "docker host".
    pub fn finding(&self, rule: &'static RuleMeta, message: impl Into<String>) -> Finding {
        Finding::new(rule, Surface::Host, Location::default(), message)
            .with_target(self.facts.target())
    }

    /// A finding located in a host file: `path` as on the host, `line` 1-based (0: the file as
    /// a whole, e.g. a socket's mode).
    pub fn finding_in(
        &self,
        rule: &'static RuleMeta,
        path: &str,
        line: u32,
        message: impl Into<String>,
    ) -> Finding {
        let pos = dockward_core::Position { line, column: if line > 0 { 1 } else { 0 } };
        let location = Location { file: Some(path.to_string()), start: pos, end: pos, bytes: None };
        Finding::new(rule, Surface::Host, location, message).with_target(self.facts.target())
    }

    /// A finding where a daemon option was set: its daemon.json line, or (for a dockerd flag)
    /// no file, the message naming the flag.
    pub fn finding_setting(
        &self,
        rule: &'static RuleMeta,
        setting: &dockward_spec::host_files::DaemonSetting,
        message: impl Into<String>,
    ) -> Finding {
        use dockward_spec::host_files::SettingSource;
        match &setting.source {
            SettingSource::DaemonJson { path, line } => self.finding_in(rule, path, *line, message),
            SettingSource::CommandLine { flag } => {
                let mut m: String = message.into();
                m.push_str(&format!(" (dockerd `{flag}`)"));
                self.finding(rule, m)
            }
        }
    }

    /// The host-side facts, when they were gathered (local daemon).
    pub fn files(&self) -> Option<&'a dockward_spec::HostFiles> {
        self.facts.files.as_ref()
    }

    /// One info finding per thing in `fact` that could not be read ("not checked: ..."), so an
    /// audit without access to host files says what it skipped instead of passing silently.
    pub fn not_checked(&self, rule: &'static RuleMeta, fact: &str, out: &mut Vec<Finding>) {
        self.not_checked_where(rule, fact, |_| Some(&[]), out);
    }

    /// [`Self::not_checked`] for the entries of `fact` whose path `select` takes, with the CIS
    /// sections it gives (empty: the rule's own equivalents). When two rules share a fact
    /// (`paths`: sockets for DW1002, the other files for DW1003) each reports its own, and an
    /// unread file leaves open only the checks about it.
    pub fn not_checked_where(
        &self,
        rule: &'static RuleMeta,
        fact: &str,
        select: impl Fn(&str) -> Option<&'static [&'static str]>,
        out: &mut Vec<Finding>,
    ) {
        let Some(files) = self.files() else { return };
        for u in files.unreadable(fact) {
            let Some(cis) = select(&u.path) else { continue };
            let f = self
                .finding(rule, format!("not checked: cannot read {} ({})", u.path, u.reason))
                .with_severity(dockward_core::Severity::Info)
                .with_fix("Run the audit as root (or a user who may read this) to check it.");
            out.push(if cis.is_empty() { f } else { f.with_equivalents(cis.iter().copied()) });
        }
    }
}

/// What an image rule receives (surface I): one local image's configuration and history.
pub struct ImageCtx<'a> {
    pub image: &'a dockward_spec::ImageSpec,
    pub config: &'a Config,
    pub today: &'a str,
}

impl<'a> ImageCtx<'a> {
    /// A finding on the image: no file, target its first tag (or short ID).
    pub fn finding(&self, rule: &'static RuleMeta, message: impl Into<String>) -> Finding {
        Finding::new(rule, Surface::Image, Location::default(), message)
            .with_target(self.image.target())
    }

    /// "image `nginx:1.25`", or "untagged image `0123456789ab`", for messages.
    pub fn what(&self) -> String {
        match self.image.repo_tags.iter().find(|t| t.as_str() != "<none>:<none>") {
            Some(tag) => format!("image `{tag}`"),
            None => {
                let id = self.image.id.trim_start_matches("sha256:");
                format!("untagged image `{}`", id.get(..12).unwrap_or(id))
            }
        }
    }
}
