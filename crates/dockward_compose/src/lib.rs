//! Compose loader (surface C).
pub mod dotenv;
pub mod interpolate;
pub mod merge;
pub mod syntax;
pub mod yaml;
