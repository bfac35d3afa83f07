//! Group 8: read-only containers and safe mounts.
use crate::registry::Rule;

pub mod dw806_system_workdir;

pub static RULES: &[Rule] = &[
    Rule { meta: &dw806_system_workdir::RULE, dockerfile: Some(dw806_system_workdir::check), container: None, project: None },
];
