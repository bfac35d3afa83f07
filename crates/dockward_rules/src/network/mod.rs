//! Group 9: network segmentation and exposure.
use crate::registry::Rule;

pub mod dw901_host_network;
pub mod dw902_port_on_all_interfaces;
pub mod dw903_privileged_host_port;
pub mod dw904_default_network;
pub mod dw905_flat_network;
pub mod dw906_ssh_exposed;
pub mod dw907_icc_enabled;
pub mod dw908_api_tcp_without_tls;
pub mod dw909_iptables_disabled;
pub mod dw910_overlay_unencrypted;

pub static RULES: &[Rule] = &[
    Rule {
        meta: &dw901_host_network::RULE,
        dockerfile: None,
        container: Some(dw901_host_network::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw902_port_on_all_interfaces::RULE,
        dockerfile: None,
        container: Some(dw902_port_on_all_interfaces::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw903_privileged_host_port::RULE,
        dockerfile: None,
        container: Some(dw903_privileged_host_port::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw904_default_network::RULE,
        dockerfile: None,
        container: Some(dw904_default_network::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw905_flat_network::RULE,
        dockerfile: None,
        container: None,
        project: Some(dw905_flat_network::check_project),
        host: None,
        image: None,
    },
    Rule {
        meta: &dw906_ssh_exposed::RULE,
        dockerfile: Some(dw906_ssh_exposed::check),
        container: Some(dw906_ssh_exposed::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw907_icc_enabled::RULE,
        dockerfile: None,
        container: None,
        project: None,
        host: Some(dw907_icc_enabled::check_host),
        image: None,
    },
    Rule {
        meta: &dw908_api_tcp_without_tls::RULE,
        dockerfile: None,
        container: None,
        project: None,
        host: Some(dw908_api_tcp_without_tls::check_host),
        image: None,
    },
    Rule {
        meta: &dw909_iptables_disabled::RULE,
        dockerfile: None,
        container: None,
        project: None,
        host: Some(dw909_iptables_disabled::check_host),
        image: None,
    },
    Rule {
        meta: &dw910_overlay_unencrypted::RULE,
        dockerfile: None,
        container: None,
        project: None,
        host: Some(dw910_overlay_unencrypted::check_host),
        image: None,
    },
];
