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
    pub fn finding(&self, rule: &'static RuleMeta, span: Span, message: impl Into<String>) -> Finding {
        let mut f = Finding::new(rule, Surface::Dockerfile, self.df.location(span), message);
        if let Some(st) = self.stage_at(span.start) {
            f.target = Some(st.label());
        }
        f
    }

    /// A finding on a whole instruction's first line (keyword and arguments).
    pub fn at_instruction(&self, rule: &'static RuleMeta, inst: &Instruction, message: impl Into<String>) -> Finding {
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
