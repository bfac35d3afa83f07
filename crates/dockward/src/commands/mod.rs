pub(crate) mod host;
pub(crate) mod host_cis;
pub(crate) mod host_compose;
pub(crate) mod rules;
pub(crate) mod scan;
