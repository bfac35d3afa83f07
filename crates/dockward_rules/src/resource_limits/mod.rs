//! Group 4: limit container resources.
use crate::registry::Rule;

pub mod dw401_no_memory_limit;
pub mod dw402_no_cpu_limit;
pub mod dw403_no_pids_limit;
pub mod dw404_restart_unbounded;
pub mod dw405_cgroup_parent_set;
pub mod dw406_no_ulimits;

pub static RULES: &[Rule] = &[
    Rule {
        meta: &dw401_no_memory_limit::RULE,
        dockerfile: None,
        container: Some(dw401_no_memory_limit::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw402_no_cpu_limit::RULE,
        dockerfile: None,
        container: Some(dw402_no_cpu_limit::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw403_no_pids_limit::RULE,
        dockerfile: None,
        container: Some(dw403_no_pids_limit::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw404_restart_unbounded::RULE,
        dockerfile: None,
        container: Some(dw404_restart_unbounded::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw405_cgroup_parent_set::RULE,
        dockerfile: None,
        container: Some(dw405_cgroup_parent_set::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw406_no_ulimits::RULE,
        dockerfile: None,
        container: Some(dw406_no_ulimits::check_container),
        project: None,
        host: Some(dw406_no_ulimits::check_host),
        image: None,
    },
];
