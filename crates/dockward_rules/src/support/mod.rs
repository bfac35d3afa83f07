//! Helpers shared by several rules (image references, package managers). Pure functions over
//! the model; no I/O.

pub mod images;
pub mod packages_r5;
pub mod scripts_r5;
