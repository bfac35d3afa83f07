//! Group 8: read-only containers and safe mounts.
use crate::registry::Rule;

pub mod dw801_writable_rootfs;
pub mod dw802_sensitive_host_mount;
pub mod dw803_runtime_socket_mount;
pub mod dw804_shared_mount_propagation;
pub mod dw805_tmpfs_exec;
pub mod dw806_system_workdir;

pub static RULES: &[Rule] = &[
    Rule {
        meta: &dw801_writable_rootfs::RULE,
        dockerfile: None,
        container: Some(dw801_writable_rootfs::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw802_sensitive_host_mount::RULE,
        dockerfile: None,
        container: Some(dw802_sensitive_host_mount::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw803_runtime_socket_mount::RULE,
        dockerfile: None,
        container: Some(dw803_runtime_socket_mount::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw804_shared_mount_propagation::RULE,
        dockerfile: None,
        container: Some(dw804_shared_mount_propagation::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw805_tmpfs_exec::RULE,
        dockerfile: None,
        container: Some(dw805_tmpfs_exec::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw806_system_workdir::RULE,
        dockerfile: Some(dw806_system_workdir::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
];
