//! Group 10: regular security audits of the host.
use crate::registry::Rule;

pub mod dw1006_no_authz_plugin;
pub mod dw1007_daemon_hardening;
pub mod dw1008_sprawl;

pub static RULES: &[Rule] = &[
    Rule { meta: &dw1006_no_authz_plugin::RULE, dockerfile: None, container: None, project: None, host: Some(dw1006_no_authz_plugin::check_host), image: None },
    Rule { meta: &dw1007_daemon_hardening::RULE, dockerfile: None, container: None, project: None, host: Some(dw1007_daemon_hardening::check_host), image: None },
    Rule { meta: &dw1008_sprawl::RULE, dockerfile: None, container: None, project: None, host: Some(dw1008_sprawl::check_host), image: None },
];
