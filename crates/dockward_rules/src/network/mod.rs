//! Group 9: network segmentation and exposure.
use crate::registry::Rule;

pub mod dw906_ssh_exposed;

pub static RULES: &[Rule] = &[
    Rule { meta: &dw906_ssh_exposed::RULE, dockerfile: Some(dw906_ssh_exposed::check), container: None, project: None },
];
