//! Group 12: logging and monitoring.
use crate::registry::Rule;

pub mod dw1201_logging_disabled;
pub mod dw1202_logs_unrotated;
pub mod dw1203_debug_log_level;
pub mod dw1204_no_central_logging;
pub mod dw1205_no_healthcheck;
pub mod dw1206_unhealthy;

pub static RULES: &[Rule] = &[
    Rule {
        meta: &dw1201_logging_disabled::RULE,
        dockerfile: None,
        container: Some(dw1201_logging_disabled::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw1202_logs_unrotated::RULE,
        dockerfile: None,
        container: Some(dw1202_logs_unrotated::check_container),
        project: None,
        host: Some(dw1202_logs_unrotated::check_host),
        image: None,
    },
    Rule {
        meta: &dw1203_debug_log_level::RULE,
        dockerfile: None,
        container: None,
        project: None,
        host: Some(dw1203_debug_log_level::check_host),
        image: None,
    },
    Rule {
        meta: &dw1204_no_central_logging::RULE,
        dockerfile: None,
        container: None,
        project: None,
        host: Some(dw1204_no_central_logging::check_host),
        image: None,
    },
    Rule {
        meta: &dw1205_no_healthcheck::RULE,
        dockerfile: Some(dw1205_no_healthcheck::check),
        container: Some(dw1205_no_healthcheck::check_container),
        project: None,
        host: None,
        image: Some(dw1205_no_healthcheck::check_image),
    },
    Rule {
        meta: &dw1206_unhealthy::RULE,
        dockerfile: None,
        container: Some(dw1206_unhealthy::check_container),
        project: None,
        host: None,
        image: None,
    },
];
