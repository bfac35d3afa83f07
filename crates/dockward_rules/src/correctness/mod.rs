//! Group 0: Dockerfile correctness and hygiene (hadolint DL parity) and parse errors.
use crate::registry::Rule;

pub mod dw001_parse_error;
pub mod dw003_workdir_relative;
pub mod dw004_pointless_command;
pub mod dw005_run_cd;
pub mod dw006_apt_lists_not_deleted;
pub mod dw007_copy_archive_use_add;
pub mod dw008_expose_invalid_port;
pub mod dw009_multiple_healthchecks;
pub mod dw010_apt_get_missing_yes;
pub mod dw011_apt_no_install_recommends;
pub mod dw012_apk_missing_no_cache;
pub mod dw013_copy_dest_not_dir;
pub mod dw014_copy_from_unknown_stage;
pub mod dw015_copy_from_own_stage;
pub mod dw016_duplicate_stage_name;
pub mod dw017_cmd_not_exec_form;
pub mod dw018_apt_instead_of_apt_get;
pub mod dw019_from_platform_flag;

pub static RULES: &[Rule] = &[
    Rule { meta: &dw001_parse_error::RULE, dockerfile: None },
    Rule { meta: &dw003_workdir_relative::RULE, dockerfile: Some(dw003_workdir_relative::check) },
    Rule { meta: &dw004_pointless_command::RULE, dockerfile: Some(dw004_pointless_command::check) },
    Rule { meta: &dw005_run_cd::RULE, dockerfile: Some(dw005_run_cd::check) },
    Rule { meta: &dw006_apt_lists_not_deleted::RULE, dockerfile: Some(dw006_apt_lists_not_deleted::check) },
    Rule { meta: &dw007_copy_archive_use_add::RULE, dockerfile: Some(dw007_copy_archive_use_add::check) },
    Rule { meta: &dw008_expose_invalid_port::RULE, dockerfile: Some(dw008_expose_invalid_port::check) },
    Rule { meta: &dw009_multiple_healthchecks::RULE, dockerfile: Some(dw009_multiple_healthchecks::check) },
    Rule { meta: &dw010_apt_get_missing_yes::RULE, dockerfile: Some(dw010_apt_get_missing_yes::check) },
    Rule { meta: &dw011_apt_no_install_recommends::RULE, dockerfile: Some(dw011_apt_no_install_recommends::check) },
    Rule { meta: &dw012_apk_missing_no_cache::RULE, dockerfile: Some(dw012_apk_missing_no_cache::check) },
    Rule { meta: &dw013_copy_dest_not_dir::RULE, dockerfile: Some(dw013_copy_dest_not_dir::check) },
    Rule { meta: &dw014_copy_from_unknown_stage::RULE, dockerfile: Some(dw014_copy_from_unknown_stage::check) },
    Rule { meta: &dw015_copy_from_own_stage::RULE, dockerfile: Some(dw015_copy_from_own_stage::check) },
    Rule { meta: &dw016_duplicate_stage_name::RULE, dockerfile: Some(dw016_duplicate_stage_name::check) },
    Rule { meta: &dw017_cmd_not_exec_form::RULE, dockerfile: Some(dw017_cmd_not_exec_form::check) },
    Rule { meta: &dw018_apt_instead_of_apt_get::RULE, dockerfile: Some(dw018_apt_instead_of_apt_get::check) },
    Rule { meta: &dw019_from_platform_flag::RULE, dockerfile: Some(dw019_from_platform_flag::check) },
];
