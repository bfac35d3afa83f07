//! Core vocabulary of dockward, shared by every other crate.
//!
//! Everything that flows between stages of the pipeline (loaders → rules → filters → reporters)
//! is defined here: [`Finding`], [`Severity`], [`Location`], [`RuleMeta`], [`Config`], the
//! suppression model and machine-applicable fixes ([`Fix`]). This crate does no I/O except reading a configuration file on request.

pub mod cis;
pub mod config;
pub mod context;
pub mod finding;
pub mod fix;
pub mod line_index;
pub mod rule;
pub mod severity;
pub mod suppression;

pub use config::{Config, ConfigError};
pub use context::ContextRules;
pub use finding::{Context, Finding, InputError, Location, Position, Suppression, SuppressionKind};
pub use fix::{Applicability, Edit, Fix};
pub use line_index::LineIndex;
pub use rule::{Practice, RuleDoc, RuleMeta, Surface};
pub use severity::Severity;
