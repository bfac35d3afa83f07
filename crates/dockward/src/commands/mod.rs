pub mod host;
pub mod rules;
pub mod scan;
