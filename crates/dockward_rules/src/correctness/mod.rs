//! Group 0: Dockerfile correctness and hygiene (hadolint DL parity) and parse errors.
use crate::registry::Rule;

pub mod dw001_parse_error;
pub mod dw020_yum_missing_yes;
pub mod dw021_yum_no_clean;
pub mod dw022_zypper_missing_yes;
pub mod dw023_zypper_dist_upgrade;
pub mod dw024_zypper_no_clean;
pub mod dw025_dnf_missing_yes;
pub mod dw026_dnf_no_clean;
pub mod dw027_pip_no_cache_dir;
pub mod dw028_onbuild_chained;
pub mod dw029_env_self_reference;
pub mod dw030_copy_relative_no_workdir;
pub mod dw031_useradd_without_l;
pub mod dw032_wget_no_progress;
pub mod dw033_invalid_label_key;

pub static RULES: &[Rule] = &[
    Rule { meta: &dw001_parse_error::RULE, dockerfile: None },
    Rule { meta: &dw020_yum_missing_yes::RULE, dockerfile: Some(dw020_yum_missing_yes::check) },
    Rule { meta: &dw021_yum_no_clean::RULE, dockerfile: Some(dw021_yum_no_clean::check) },
    Rule { meta: &dw022_zypper_missing_yes::RULE, dockerfile: Some(dw022_zypper_missing_yes::check) },
    Rule { meta: &dw023_zypper_dist_upgrade::RULE, dockerfile: Some(dw023_zypper_dist_upgrade::check) },
    Rule { meta: &dw024_zypper_no_clean::RULE, dockerfile: Some(dw024_zypper_no_clean::check) },
    Rule { meta: &dw025_dnf_missing_yes::RULE, dockerfile: Some(dw025_dnf_missing_yes::check) },
    Rule { meta: &dw026_dnf_no_clean::RULE, dockerfile: Some(dw026_dnf_no_clean::check) },
    Rule { meta: &dw027_pip_no_cache_dir::RULE, dockerfile: Some(dw027_pip_no_cache_dir::check) },
    Rule { meta: &dw028_onbuild_chained::RULE, dockerfile: Some(dw028_onbuild_chained::check) },
    Rule { meta: &dw029_env_self_reference::RULE, dockerfile: Some(dw029_env_self_reference::check) },
    Rule { meta: &dw030_copy_relative_no_workdir::RULE, dockerfile: Some(dw030_copy_relative_no_workdir::check) },
    Rule { meta: &dw031_useradd_without_l::RULE, dockerfile: Some(dw031_useradd_without_l::check) },
    Rule { meta: &dw032_wget_no_progress::RULE, dockerfile: Some(dw032_wget_no_progress::check) },
    Rule { meta: &dw033_invalid_label_key::RULE, dockerfile: Some(dw033_invalid_label_key::check) },
];
