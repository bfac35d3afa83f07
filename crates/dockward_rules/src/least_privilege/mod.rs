//! Group 5: run as a non-root user, with least privilege.
use crate::registry::Rule;

pub mod dw501_root_user;
pub mod dw502_privileged;
pub mod dw506_sudo_in_run;

pub static RULES: &[Rule] = &[
    Rule { meta: &dw501_root_user::RULE, dockerfile: Some(dw501_root_user::check), container: Some(dw501_root_user::check_container), project: None },
    Rule { meta: &dw502_privileged::RULE, dockerfile: None, container: Some(dw502_privileged::check_container), project: None },
    Rule { meta: &dw506_sudo_in_run::RULE, dockerfile: Some(dw506_sudo_in_run::check), container: None, project: None },
];
