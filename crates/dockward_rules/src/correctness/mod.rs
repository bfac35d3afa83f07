//! Group 0: Dockerfile correctness and hygiene (hadolint DL parity) and parse errors.
use crate::registry::Rule;

pub mod dw001_parse_error;
pub mod dw002_compose_schema;
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
pub mod dw034_consecutive_run;
pub mod dw035_yarn_cache_not_cleaned;
pub mod dw036_invalid_first_instruction;
pub mod dw037_reserved_stage_name;
pub mod dw038_redundant_platform;
pub mod dw039_copy_whole_stage;
pub mod dw040_maintainer_deprecated;
pub mod dw041_wget_and_curl;
pub mod dw042_multiple_cmd;
pub mod dw043_multiple_entrypoint;
pub mod dw044_shell_symlink;
pub mod dw045_pipe_without_pipefail;
pub mod dw046_package_update_alone;

pub static RULES: &[Rule] = &[
    Rule {
        meta: &dw001_parse_error::RULE,
        dockerfile: None,
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw002_compose_schema::RULE,
        dockerfile: None,
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw003_workdir_relative::RULE,
        dockerfile: Some(dw003_workdir_relative::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw004_pointless_command::RULE,
        dockerfile: Some(dw004_pointless_command::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw005_run_cd::RULE,
        dockerfile: Some(dw005_run_cd::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw006_apt_lists_not_deleted::RULE,
        dockerfile: Some(dw006_apt_lists_not_deleted::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw007_copy_archive_use_add::RULE,
        dockerfile: Some(dw007_copy_archive_use_add::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw008_expose_invalid_port::RULE,
        dockerfile: Some(dw008_expose_invalid_port::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw009_multiple_healthchecks::RULE,
        dockerfile: Some(dw009_multiple_healthchecks::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw010_apt_get_missing_yes::RULE,
        dockerfile: Some(dw010_apt_get_missing_yes::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw011_apt_no_install_recommends::RULE,
        dockerfile: Some(dw011_apt_no_install_recommends::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw012_apk_missing_no_cache::RULE,
        dockerfile: Some(dw012_apk_missing_no_cache::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw013_copy_dest_not_dir::RULE,
        dockerfile: Some(dw013_copy_dest_not_dir::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw014_copy_from_unknown_stage::RULE,
        dockerfile: Some(dw014_copy_from_unknown_stage::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw015_copy_from_own_stage::RULE,
        dockerfile: Some(dw015_copy_from_own_stage::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw016_duplicate_stage_name::RULE,
        dockerfile: Some(dw016_duplicate_stage_name::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw017_cmd_not_exec_form::RULE,
        dockerfile: Some(dw017_cmd_not_exec_form::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw018_apt_instead_of_apt_get::RULE,
        dockerfile: Some(dw018_apt_instead_of_apt_get::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw019_from_platform_flag::RULE,
        dockerfile: Some(dw019_from_platform_flag::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw020_yum_missing_yes::RULE,
        dockerfile: Some(dw020_yum_missing_yes::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw021_yum_no_clean::RULE,
        dockerfile: Some(dw021_yum_no_clean::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw022_zypper_missing_yes::RULE,
        dockerfile: Some(dw022_zypper_missing_yes::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw023_zypper_dist_upgrade::RULE,
        dockerfile: Some(dw023_zypper_dist_upgrade::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw024_zypper_no_clean::RULE,
        dockerfile: Some(dw024_zypper_no_clean::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw025_dnf_missing_yes::RULE,
        dockerfile: Some(dw025_dnf_missing_yes::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw026_dnf_no_clean::RULE,
        dockerfile: Some(dw026_dnf_no_clean::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw027_pip_no_cache_dir::RULE,
        dockerfile: Some(dw027_pip_no_cache_dir::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw028_onbuild_chained::RULE,
        dockerfile: Some(dw028_onbuild_chained::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw029_env_self_reference::RULE,
        dockerfile: Some(dw029_env_self_reference::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw030_copy_relative_no_workdir::RULE,
        dockerfile: Some(dw030_copy_relative_no_workdir::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw031_useradd_without_l::RULE,
        dockerfile: Some(dw031_useradd_without_l::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw032_wget_no_progress::RULE,
        dockerfile: Some(dw032_wget_no_progress::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw033_invalid_label_key::RULE,
        dockerfile: Some(dw033_invalid_label_key::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw034_consecutive_run::RULE,
        dockerfile: Some(dw034_consecutive_run::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw035_yarn_cache_not_cleaned::RULE,
        dockerfile: Some(dw035_yarn_cache_not_cleaned::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw036_invalid_first_instruction::RULE,
        dockerfile: Some(dw036_invalid_first_instruction::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw037_reserved_stage_name::RULE,
        dockerfile: Some(dw037_reserved_stage_name::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw038_redundant_platform::RULE,
        dockerfile: Some(dw038_redundant_platform::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw039_copy_whole_stage::RULE,
        dockerfile: Some(dw039_copy_whole_stage::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw040_maintainer_deprecated::RULE,
        dockerfile: Some(dw040_maintainer_deprecated::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw041_wget_and_curl::RULE,
        dockerfile: Some(dw041_wget_and_curl::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw042_multiple_cmd::RULE,
        dockerfile: Some(dw042_multiple_cmd::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw043_multiple_entrypoint::RULE,
        dockerfile: Some(dw043_multiple_entrypoint::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw044_shell_symlink::RULE,
        dockerfile: Some(dw044_shell_symlink::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw045_pipe_without_pipefail::RULE,
        dockerfile: Some(dw045_pipe_without_pipefail::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
    Rule {
        meta: &dw046_package_update_alone::RULE,
        dockerfile: Some(dw046_package_update_alone::check),
        container: None,
        project: None,
        host: None,
        image: None,
    },
];
