//! Group 12: logging and monitoring.
use crate::registry::Rule;

pub mod dw1205_no_healthcheck;

pub static RULES: &[Rule] = &[
    Rule { meta: &dw1205_no_healthcheck::RULE, dockerfile: Some(dw1205_no_healthcheck::check), container: None, project: None },
];
