//! Group 10: regular security audits of the host.
use crate::registry::Rule;

pub mod dw1001_docker_files_not_audited;
pub mod dw1002_socket_permissions;
pub mod dw1003_config_file_permissions;
pub mod dw1004_docker_group_members;
pub mod dw1005_no_separate_partition;
pub mod dw1006_no_authz_plugin;
pub mod dw1007_daemon_hardening;
pub mod dw1008_sprawl;

pub static RULES: &[Rule] = &[
    Rule {
        meta: &dw1001_docker_files_not_audited::RULE,
        dockerfile: None,
        container: None,
        project: None,
        host: Some(dw1001_docker_files_not_audited::check_host),
        image: None,
    },
    Rule {
        meta: &dw1002_socket_permissions::RULE,
        dockerfile: None,
        container: None,
        project: None,
        host: Some(dw1002_socket_permissions::check_host),
        image: None,
    },
    Rule {
        meta: &dw1003_config_file_permissions::RULE,
        dockerfile: None,
        container: None,
        project: None,
        host: Some(dw1003_config_file_permissions::check_host),
        image: None,
    },
    Rule {
        meta: &dw1004_docker_group_members::RULE,
        dockerfile: None,
        container: None,
        project: None,
        host: Some(dw1004_docker_group_members::check_host),
        image: None,
    },
    Rule {
        meta: &dw1005_no_separate_partition::RULE,
        dockerfile: None,
        container: None,
        project: None,
        host: Some(dw1005_no_separate_partition::check_host),
        image: None,
    },
    Rule {
        meta: &dw1006_no_authz_plugin::RULE,
        dockerfile: None,
        container: None,
        project: None,
        host: Some(dw1006_no_authz_plugin::check_host),
        image: None,
    },
    Rule {
        meta: &dw1007_daemon_hardening::RULE,
        dockerfile: None,
        container: None,
        project: None,
        host: Some(dw1007_daemon_hardening::check_host),
        image: None,
    },
    Rule {
        meta: &dw1008_sprawl::RULE,
        dockerfile: None,
        container: None,
        project: None,
        host: Some(dw1008_sprawl::check_host),
        image: None,
    },
];
