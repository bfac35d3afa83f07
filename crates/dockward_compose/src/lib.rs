//! Compose loader (surface C).
pub mod diag;
pub mod dotenv;
pub mod interpolate;
pub mod merge;
pub mod schema;
pub mod syntax;
pub mod yaml;
