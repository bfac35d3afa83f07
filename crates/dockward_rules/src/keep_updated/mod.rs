//! Group 1: keep Docker and base images updated.
use crate::registry::Rule;

pub mod dw101_engine_known_vulnerable;
pub mod dw102_engine_unsupported;
pub mod dw103_base_image_eol;
pub mod dw104_image_stale;
pub mod dw105_container_outdated_image;

pub static RULES: &[Rule] = &[
    Rule {
        meta: &dw101_engine_known_vulnerable::RULE,
        dockerfile: None,
        container: None,
        project: None,
        host: Some(dw101_engine_known_vulnerable::check_host),
        image: None,
    },
    Rule {
        meta: &dw102_engine_unsupported::RULE,
        dockerfile: None,
        container: None,
        project: None,
        host: Some(dw102_engine_unsupported::check_host),
        image: None,
    },
    Rule {
        meta: &dw103_base_image_eol::RULE,
        dockerfile: Some(dw103_base_image_eol::check),
        container: Some(dw103_base_image_eol::check_container),
        project: None,
        host: None,
        image: Some(dw103_base_image_eol::check_image),
    },
    Rule {
        meta: &dw104_image_stale::RULE,
        dockerfile: None,
        container: Some(dw104_image_stale::check_container),
        project: None,
        host: None,
        image: Some(dw104_image_stale::check_image),
    },
    Rule {
        meta: &dw105_container_outdated_image::RULE,
        dockerfile: None,
        container: Some(dw105_container_outdated_image::check_container),
        project: None,
        host: None,
        image: None,
    },
];
