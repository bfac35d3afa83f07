//! Group 5: run as a non-root user, with least privilege.
use crate::registry::Rule;

pub mod dw501_root_user;
pub mod dw502_privileged;
pub mod dw503_dangerous_capability;
pub mod dw504_capabilities_not_dropped;
pub mod dw505_no_new_privileges_unset;
pub mod dw506_sudo_in_run;
pub mod dw507_host_devices;
pub mod dw509_daemon_rootful;

pub static RULES: &[Rule] = &[
    Rule {
        meta: &dw501_root_user::RULE,
        dockerfile: Some(dw501_root_user::check),
        container: Some(dw501_root_user::check_container),
        project: None,
        host: None,
        image: Some(dw501_root_user::check_image),
    },
    Rule {
        meta: &dw502_privileged::RULE,
        dockerfile: None,
        container: Some(dw502_privileged::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw503_dangerous_capability::RULE,
        dockerfile: None,
        container: Some(dw503_dangerous_capability::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw504_capabilities_not_dropped::RULE,
        dockerfile: None,
        container: Some(dw504_capabilities_not_dropped::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw505_no_new_privileges_unset::RULE,
        dockerfile: None,
        container: Some(dw505_no_new_privileges_unset::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw506_sudo_in_run::RULE,
        dockerfile: Some(dw506_sudo_in_run::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw507_host_devices::RULE,
        dockerfile: None,
        container: Some(dw507_host_devices::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw509_daemon_rootful::RULE,
        dockerfile: None,
        container: None,
        project: None,
        host: Some(dw509_daemon_rootful::check_host),
        image: None,
    },
];
