//! Group 5: run as a non-root user, with least privilege.
use crate::registry::Rule;

pub mod dw501_root_user;

pub static RULES: &[Rule] = &[
    Rule { meta: &dw501_root_user::RULE, dockerfile: Some(dw501_root_user::check) },
];
