//! Command-line interface definition.

use crate::output::OutputArgs;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "dockward",
    version,
    about = "Docker security auditor: finds what breaks Docker security practices in Dockerfiles, with file and line.",
    propagate_version = true
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Lint Dockerfiles and Compose projects under the given paths (default: the current directory).
    Scan(ScanArgs),
    /// Audit the containers (running and stopped) of a live Docker host through the Engine API.
    Host(HostArgs),
    /// List the rule catalogue.
    Rules(RulesArgs),
    /// Print the documentation of one rule (by code or name), e.g. `dockward rule DW501`.
    Rule(RuleArgs),
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum Kind {
    Dockerfile,
    Compose,
}

#[derive(Args)]
pub(crate) struct ScanArgs {
    /// Files or directories to scan; `-` reads a Dockerfile from standard input.
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub out: OutputArgs,
    /// Compose file of an explicit project, as for `docker compose -f`; repeat to merge
    /// several files in order.
    #[arg(long = "file", short = 'f', value_name = "FILE")]
    pub compose_files: Vec<PathBuf>,
    /// Compose `--env-file` (instead of the project's `.env`); repeatable.
    #[arg(long = "env-file", value_name = "FILE")]
    pub env_files: Vec<PathBuf>,
    /// Compose profile to enable (as `docker compose --profile`); repeatable.
    #[arg(long = "profile", value_name = "NAME")]
    pub profiles: Vec<String>,
    #[command(flatten)]
    pub rules: RuleSelection,
    /// Build argument used to resolve ARGs, as for `docker build --build-arg KEY=VALUE`.
    #[arg(long = "build-arg", value_name = "KEY=VALUE")]
    pub build_args: Vec<String>,
    /// Treat explicitly named files of unknown type as this kind.
    #[arg(long)]
    pub kind: Option<Kind>,
    /// Do not print code frames in text output.
    #[arg(long)]
    pub no_code_frames: bool,
    /// Do not respect .gitignore/.ignore files when walking directories.
    #[arg(long)]
    pub no_ignore: bool,
    /// Do not print loader warnings (e.g. unset Compose variables) on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Number of worker threads (default: number of cores).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
}

#[derive(Args)]
pub(crate) struct HostArgs {
    /// Engine API endpoint (`unix:///var/run/docker.sock`, `tcp://127.0.0.1:2375`; TLS with
    /// `DOCKER_TLS_VERIFY=1` and `DOCKER_CERT_PATH`; `ssh://[user@]host[:port]` through the
    /// `ssh` client and the remote `docker` CLI, key only; as the Docker CLI); default:
    /// `DOCKER_HOST`, else the Docker context, else the default socket, else the rootless
    /// daemon's socket.
    #[arg(long, short = 'H', value_name = "URL")]
    pub host: Option<String>,
    /// Docker CLI context to use (as `docker --context`); default: `DOCKER_HOST`, else
    /// `DOCKER_CONTEXT`, else the CLI's current context.
    #[arg(long, short = 'c', value_name = "NAME")]
    pub context: Option<String>,
    /// Audit only this container (name or ID prefix); repeatable.
    #[arg(long = "container", value_name = "NAME|ID")]
    pub containers: Vec<String>,
    /// Audit only containers with this label (`KEY` or `KEY=VALUE`); repeatable, all must match.
    #[arg(long = "label", value_name = "KEY=VALUE")]
    pub labels: Vec<String>,
    #[command(flatten)]
    pub out: OutputArgs,
    /// Seconds to wait for each Engine API call before giving up (exit 2).
    #[arg(long, default_value_t = 5, value_name = "SECONDS")]
    pub timeout: u64,
    /// Read host files (dockerd's command line, daemon.json, modes of sockets and configuration
    /// files, audit rules, LSMs) under this directory, e.g. the host's / mounted in a container
    /// at /host. Default: / when the daemon is on a local unix socket; with this option they are
    /// read whatever the endpoint.
    #[arg(long, value_name = "DIR")]
    pub host_root: Option<PathBuf>,
    /// Do not read host files: audit only what the Engine API reports.
    #[arg(long, conflicts_with = "host_root")]
    pub no_host_files: bool,
    #[command(flatten)]
    pub rules: RuleSelection,
    /// Report as the CIS Docker Benchmark v1.6.0: each check of sections 1-7 as pass, warn,
    /// info or not applicable, with a score (text, json or sarif).
    #[arg(long)]
    pub cis: bool,
}

#[derive(Args)]
pub(crate) struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum RulesFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Args)]
pub(crate) struct RuleArgs {
    /// Rule code (DW501) or name (root-user).
    pub code: String,
}

/// The configuration file and rule selection, shared by `scan` and `host`.
#[derive(Args)]
pub(crate) struct RuleSelection {
    /// Configuration file (default: the nearest dockward.toml or .dockward.toml above the first
    /// path scanned; for `host`, above the current directory).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long)]
    pub no_config: bool,
    /// Run only these rules (codes or names, comma-separated; `ALL` for every rule).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Add rules to the selection (e.g. the off-by-default DW203).
    #[arg(long, value_delimiter = ',')]
    pub extend_select: Vec<String>,
    /// Do not run these rules.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
}

impl RuleSelection {
    /// The configuration: `--config`, else the nearest file above `discover_from` (none with
    /// `--no-config`), with the command line's selection applied. Unknown rule names are usage
    /// errors, not silent no-ops.
    pub(crate) fn load(
        &self,
        discover_from: &std::path::Path,
    ) -> Result<dockward_core::Config, String> {
        let mut config = if self.no_config {
            dockward_core::Config::default()
        } else if let Some(p) = &self.config {
            dockward_core::Config::load(p).map_err(|e| e.to_string())?
        } else {
            dockward_core::Config::discover(discover_from).map_err(|e| e.to_string())?
        };
        if !self.select.is_empty() {
            config.select = Some(self.select.clone());
        }
        config.extend_select.extend(self.extend_select.iter().cloned());
        config.ignore.extend(self.ignore.iter().cloned());
        for token in
            config.select.iter().flatten().chain(&config.extend_select).chain(&config.ignore)
        {
            if !token.eq_ignore_ascii_case("ALL") && dockward_rules::by_code(token).is_none() {
                return Err(format!("unknown rule `{token}` (see `dockward rules`)"));
            }
        }
        Ok(config)
    }
}
