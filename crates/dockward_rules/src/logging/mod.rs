//! Rules of this practice (see RULES.md).
use crate::registry::Rule;

pub static RULES: &[Rule] = &[];
