//! Group 11: kernel security modules and namespaces.
use crate::registry::Rule;

pub mod dw1101_seccomp_unconfined;
pub mod dw1102_apparmor_unconfined;
pub mod dw1103_selinux_disabled;
pub mod dw1104_host_pid;
pub mod dw1105_host_ipc;
pub mod dw1106_host_uts;
pub mod dw1107_host_userns;
pub mod dw1108_no_lsm;

pub static RULES: &[Rule] = &[
    Rule {
        meta: &dw1101_seccomp_unconfined::RULE,
        dockerfile: None,
        container: Some(dw1101_seccomp_unconfined::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw1102_apparmor_unconfined::RULE,
        dockerfile: None,
        container: Some(dw1102_apparmor_unconfined::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw1103_selinux_disabled::RULE,
        dockerfile: None,
        container: Some(dw1103_selinux_disabled::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw1104_host_pid::RULE,
        dockerfile: None,
        container: Some(dw1104_host_pid::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw1105_host_ipc::RULE,
        dockerfile: None,
        container: Some(dw1105_host_ipc::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw1106_host_uts::RULE,
        dockerfile: None,
        container: Some(dw1106_host_uts::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw1107_host_userns::RULE,
        dockerfile: None,
        container: Some(dw1107_host_userns::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw1108_no_lsm::RULE,
        dockerfile: None,
        container: None,
        project: None,
        host: Some(dw1108_no_lsm::check_host),
        image: None,
    },
];
