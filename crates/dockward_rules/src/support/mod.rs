//! Helpers shared by several rules (image references, package managers). Pure functions over
//! the model; no I/O.

pub mod images;
pub mod packages_r2;
pub mod images_r4;
pub mod runs_r1;
pub mod packages_r5;
pub mod scripts_r5;
pub mod hadolint_r3;
pub mod network_c4;
pub mod containers_c1;
pub mod via_c2;
