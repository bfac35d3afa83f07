//! Group 7: content trust and supply-chain integrity.
use crate::registry::Rule;

pub mod dw701_content_trust_disabled;
pub mod dw702_remote_script_piped_to_shell;
pub mod dw703_tls_verification_disabled;
pub mod dw704_signature_verification_disabled;
pub mod dw705_add_remote_url;
pub mod dw706_add_instead_of_copy;
pub mod dw707_unpinned_packages;
pub mod dw708_insecure_registry;

pub static RULES: &[Rule] = &[
    Rule {
        meta: &dw701_content_trust_disabled::RULE,
        dockerfile: None,
        container: None,
        project: None,
        host: Some(dw701_content_trust_disabled::check_host),
        image: None,
    },
    Rule {
        meta: &dw702_remote_script_piped_to_shell::RULE,
        dockerfile: Some(dw702_remote_script_piped_to_shell::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw703_tls_verification_disabled::RULE,
        dockerfile: Some(dw703_tls_verification_disabled::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw704_signature_verification_disabled::RULE,
        dockerfile: Some(dw704_signature_verification_disabled::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw705_add_remote_url::RULE,
        dockerfile: Some(dw705_add_remote_url::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw706_add_instead_of_copy::RULE,
        dockerfile: Some(dw706_add_instead_of_copy::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw707_unpinned_packages::RULE,
        dockerfile: Some(dw707_unpinned_packages::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw708_insecure_registry::RULE,
        dockerfile: None,
        container: None,
        project: None,
        host: Some(dw708_insecure_registry::check_host),
        image: None,
    },
];
