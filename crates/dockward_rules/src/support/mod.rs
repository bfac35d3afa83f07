//! Helpers shared by several rules (image references, package managers). Pure functions over
//! the model; no I/O.

pub mod images;
pub mod hadolint_r3;
