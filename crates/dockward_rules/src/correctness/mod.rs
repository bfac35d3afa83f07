//! Group 0: Dockerfile correctness and hygiene (hadolint DL parity) and parse errors.
use crate::registry::Rule;

pub mod dw001_parse_error;

pub static RULES: &[Rule] = &[
    Rule { meta: &dw001_parse_error::RULE, dockerfile: None },
];
