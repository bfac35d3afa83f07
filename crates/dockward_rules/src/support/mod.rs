//! Helpers shared by several rules (image references, package managers). Pure functions over
//! the model; no I/O.

pub mod container_values;
pub mod daemon_settings;
pub mod dates;
pub mod hadolint_compat;
pub mod host_paths;
pub mod image_refs;
pub mod images;
pub mod package_commands;
pub mod package_pins;
pub mod published_ports;
pub mod run_scripts;
pub mod security_opts;
pub mod supply_chain_scripts;
