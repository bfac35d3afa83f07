pub mod host;
pub mod host_cis;
pub mod host_compose;
pub mod rules;
pub mod scan;
