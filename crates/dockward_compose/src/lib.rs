//! Compose loader (surface C).
pub mod yaml;
