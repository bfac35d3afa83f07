//! Group 5: run as a non-root user, with least privilege.
use crate::registry::Rule;

pub mod dw501_root_user;
pub mod dw506_sudo_in_run;

pub static RULES: &[Rule] = &[
    Rule { meta: &dw501_root_user::RULE, dockerfile: Some(dw501_root_user::check) },
    Rule { meta: &dw506_sudo_in_run::RULE, dockerfile: Some(dw506_sudo_in_run::check) },
];
