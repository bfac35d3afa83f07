//! Compose loader (surface C).
pub mod dotenv;
pub mod interpolate;
pub mod yaml;
