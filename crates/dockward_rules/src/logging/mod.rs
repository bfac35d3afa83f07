//! Group 12: logging and monitoring.
use crate::registry::Rule;

pub mod dw1201_logging_disabled;
pub mod dw1202_logs_unrotated;
pub mod dw1205_no_healthcheck;

pub static RULES: &[Rule] = &[
    Rule { meta: &dw1201_logging_disabled::RULE, dockerfile: None, container: Some(dw1201_logging_disabled::check_container), project: None },
    Rule { meta: &dw1202_logs_unrotated::RULE, dockerfile: None, container: Some(dw1202_logs_unrotated::check_container), project: None },
    Rule { meta: &dw1205_no_healthcheck::RULE, dockerfile: Some(dw1205_no_healthcheck::check), container: Some(dw1205_no_healthcheck::check_container), project: None },
];
