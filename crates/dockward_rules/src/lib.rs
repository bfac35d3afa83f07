//! Every dockward rule and the engine that runs them.
//!
//! Layout (one file per rule, grouped by practice, as in RULES.md):
//! `src/<practice>/dw<code>_<name>.rs` holds the rule's documentation (`//!` doc comment with
//! What it does / Why is this bad? / Example / Use instead / References), its [`RuleMeta`]
//! static `RULE`, and its check function. Each practice's `mod.rs` lists its rules in
//! `RULES`; [`registry::all`] concatenates them. Adding a rule touches the rule file, its
//! fixtures in `tests/fixtures/<CODE>/`, and one line of the practice's `mod.rs`.
//!
//! Rules never do I/O: everything they need is in the context they receive.

pub mod cis;
pub mod context;
pub mod registry;
pub mod runner;
pub mod support;

pub mod content_trust;
pub mod correctness;
pub mod host_audit;
pub mod keep_updated;
pub mod kernel_security;
pub mod least_privilege;
pub mod logging;
pub mod network;
pub mod read_only;
pub mod resource_limits;
pub mod secrets;
pub mod trusted_images;

pub use context::{ContainerCtx, DockerfileCtx, HostCtx, ImageCtx, ImageFacts, ProjectCtx};
pub use registry::{Rule, all, by_code, docs};
pub use runner::{
    RunOptions, check_compose, check_containers, check_containers_with_host, check_dockerfile,
    check_host, check_images,
};

mod generated {
    include!(concat!(env!("OUT_DIR"), "/rule_docs.rs"));
}

/// Everything a rule file needs.
pub mod prelude {
    pub use crate::context::{ContainerCtx, DockerfileCtx, HostCtx, ImageCtx, ProjectCtx};
    pub use crate::registry::Rule;
    pub use dockward_core::{Finding, Practice, RuleMeta, Severity, Surface};
    pub use dockward_dockerfile::ast::{Instruction, Keyword, Span};
    pub use dockward_dockerfile::instruction::{self, CommandForm};
    pub use dockward_dockerfile::model::{BaseKind, Run, Stage};
    pub use dockward_dockerfile::shell::{ShellCommand, ShellScript, ShellWord};
    pub use dockward_spec::container::{
        ContainerSpec, Located, NamespaceMode, SecurityOpt, SourceLoc,
    };
    pub use dockward_spec::{HostFacts, HostFiles, ImageSpec};
}
