//! Group 0: Dockerfile correctness and hygiene (hadolint DL parity) and parse errors.
use crate::registry::Rule;

pub mod dw001_parse_error;
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
    Rule { meta: &dw001_parse_error::RULE, dockerfile: None },
    Rule { meta: &dw034_consecutive_run::RULE, dockerfile: Some(dw034_consecutive_run::check) },
    Rule { meta: &dw035_yarn_cache_not_cleaned::RULE, dockerfile: Some(dw035_yarn_cache_not_cleaned::check) },
    Rule { meta: &dw036_invalid_first_instruction::RULE, dockerfile: Some(dw036_invalid_first_instruction::check) },
    Rule { meta: &dw037_reserved_stage_name::RULE, dockerfile: Some(dw037_reserved_stage_name::check) },
    Rule { meta: &dw038_redundant_platform::RULE, dockerfile: Some(dw038_redundant_platform::check) },
    Rule { meta: &dw039_copy_whole_stage::RULE, dockerfile: Some(dw039_copy_whole_stage::check) },
    Rule { meta: &dw040_maintainer_deprecated::RULE, dockerfile: Some(dw040_maintainer_deprecated::check) },
    Rule { meta: &dw041_wget_and_curl::RULE, dockerfile: Some(dw041_wget_and_curl::check) },
    Rule { meta: &dw042_multiple_cmd::RULE, dockerfile: Some(dw042_multiple_cmd::check) },
    Rule { meta: &dw043_multiple_entrypoint::RULE, dockerfile: Some(dw043_multiple_entrypoint::check) },
    Rule { meta: &dw044_shell_symlink::RULE, dockerfile: Some(dw044_shell_symlink::check) },
    Rule { meta: &dw045_pipe_without_pipefail::RULE, dockerfile: Some(dw045_pipe_without_pipefail::check) },
    Rule { meta: &dw046_package_update_alone::RULE, dockerfile: Some(dw046_package_update_alone::check) },
];
