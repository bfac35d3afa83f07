pub mod host;
pub mod host_cis;
pub mod rules;
pub mod scan;
