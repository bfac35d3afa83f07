//! Group 2: use official, trusted images.
use crate::registry::Rule;

pub mod dw201_image_untagged;
pub mod dw202_image_latest;
pub mod dw203_image_no_digest;
pub mod dw204_image_untrusted_registry;
pub mod dw205_image_unofficial;
pub mod dw206_image_unresolved;

pub static RULES: &[Rule] = &[
    Rule {
        meta: &dw201_image_untagged::RULE,
        dockerfile: Some(dw201_image_untagged::check),
        container: Some(dw201_image_untagged::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw202_image_latest::RULE,
        dockerfile: Some(dw202_image_latest::check),
        container: Some(dw202_image_latest::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw203_image_no_digest::RULE,
        dockerfile: Some(dw203_image_no_digest::check),
        container: Some(dw203_image_no_digest::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw204_image_untrusted_registry::RULE,
        dockerfile: Some(dw204_image_untrusted_registry::check),
        container: Some(dw204_image_untrusted_registry::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw205_image_unofficial::RULE,
        dockerfile: Some(dw205_image_unofficial::check),
        container: Some(dw205_image_unofficial::check_container),
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw206_image_unresolved::RULE,
        dockerfile: Some(dw206_image_unresolved::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
];
