//! Group 6: manage secrets properly.
use crate::registry::Rule;

pub mod dw601_secret_in_build_env;
pub mod dw602_secret_in_compose_env;
pub mod dw603_secret_file_in_image;
pub mod dw604_secret_in_image_metadata;
pub mod dw605_credential_in_run;

pub static RULES: &[Rule] = &[
    Rule {
        meta: &dw601_secret_in_build_env::RULE,
        dockerfile: Some(dw601_secret_in_build_env::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw602_secret_in_compose_env::RULE,
        dockerfile: None,
        container: Some(dw602_secret_in_compose_env::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw603_secret_file_in_image::RULE,
        dockerfile: Some(dw603_secret_file_in_image::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw604_secret_in_image_metadata::RULE,
        dockerfile: None,
        container: Some(dw604_secret_in_image_metadata::check_container),
        project: None,
        host: None,
        image: Some(dw604_secret_in_image_metadata::check_image),
    },
    Rule {
        meta: &dw605_credential_in_run::RULE,
        dockerfile: Some(dw605_credential_in_run::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
];
