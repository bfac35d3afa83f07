//! `dockward host`: connect to a Docker daemon → its facts (`/version`, `/info`, the default
//! bridge; for a daemon on this machine also its host files, see `host_files`) → the host
//! rules (surface H, target `docker host`) → every container (running or stopped), inspected
//! and normalised into `ContainerSpec` → the container rules (surface R) → every local image
//! (config and history) → the image rules (surface I, target its tag) → one report (or, with
//! `--cis`, the CIS Docker Benchmark report). With `--container` or `--label` only those
//! containers and the images they run are audited and the host rules are skipped (the
//! question is then about the containers, not the daemon).
//!
//! With `--cis` the same findings are reported as the CIS Docker Benchmark (`host_cis.rs`).
//!
//! Exit codes as for `scan`: 0 clean, 1 findings at or above `--fail-on`, 2 when the daemon
//! cannot be reached (within `--timeout` per call), a `--container` matches nothing, or the
//! configuration is invalid.

use crate::cli::HostArgs;
use dockward_core::{Config, InputError};
use dockward_report::Report;
use dockward_rules::RunOptions;
use dockward_rules::prelude::{HostFacts, HostFiles, ImageSpec};
use std::collections::HashMap;
use std::time::Duration;

pub(crate) fn run(args: HostArgs) -> u8 {
    let config = match args.rules.load(std::path::Path::new(".")) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("dockward: {e}");
            return 2;
        }
    };
    let format = args.out.format();
    if args.cis && !super::host_cis::supports(format) {
        eprintln!("dockward: --cis reports as text, json or sarif, not {format}");
        return 2;
    }
    for l in &args.labels {
        if l.trim().is_empty() || l.starts_with('=') {
            eprintln!("dockward: --label `{l}`: expected KEY or KEY=VALUE");
            return 2;
        }
    }
    if let Some(r) = &args.host_root
        && !r.is_dir()
    {
        eprintln!("dockward: --host-root {}: not a directory", r.display());
        return 2;
    }
    let timeout = Duration::from_secs(args.timeout.max(1));
    let client = match dockward_docker::connect_with_context(
        args.host.as_deref(),
        args.context.as_deref(),
        timeout,
    ) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("dockward: {e}");
            return 2;
        }
    };
    let audit_daemon = args.containers.is_empty() && args.labels.is_empty();
    // The daemon's facts are read even when only some containers are audited: its defaults
    // (default ulimits, no-new-privileges) decide container rules too. The host rules run only
    // when the daemon itself is audited. A daemon whose /version or /info cannot be read (or
    // decoded) still has its containers audited, with a warning. An unreachable daemon fails below.
    let mut facts = match client.host_facts() {
        Ok(mut f) => {
            f.files = host_files(&args, &f);
            Some(f)
        }
        Err(e) => {
            let what = if audit_daemon { "host rules skipped" } else { "daemon defaults unknown" };
            eprintln!("dockward: warning: {what}, cannot read the daemon's configuration: {e}");
            None
        }
    };
    // DW701: content trust is a setting of the Docker CLI's environment, i.e. of the user running the audit (CIS 4.5).
    if let Some(f) = facts.as_mut() {
        f.content_trust = std::env::var("DOCKER_CONTENT_TRUST").ok();
    }
    let filters = dockward_docker::Filters {
        containers: args.containers.clone(),
        labels: args.labels.clone(),
    };
    let mut live = match client.containers(&filters) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("dockward: {e}");
            return 2;
        }
    };
    if live.is_empty() {
        eprintln!(
            "dockward: no containers on {}{}",
            client.endpoint(),
            if args.labels.is_empty() { "" } else { " match the --label filters" }
        );
    }
    let images = local_images(&client, &config, &mut live, facts.as_mut(), audit_daemon);
    let today = crate::output::today();
    let specs: Vec<_> = live.into_iter().map(|c| c.spec).collect();
    let opts = RunOptions { today: &today, ..Default::default() };
    let mut findings = match &facts {
        Some(f) if audit_daemon => dockward_rules::check_host(f, &config, &opts),
        _ => Vec::new(),
    };
    // With the daemon's facts, daemon-wide defaults (default ulimits, no-new-privileges) count for its containers.
    findings.extend(dockward_rules::check_containers_with_host(
        &specs,
        facts.as_ref(),
        &config,
        &opts,
    ));
    findings.extend(dockward_rules::check_images(&images, &config, &opts));
    // Compose containers: service named, located in their compose file when it is readable.
    crate::commands::host_compose::locate(&specs, &mut findings, &config, &opts)
        .iter()
        .for_each(|n| eprintln!("{n}"));

    let errors: Vec<InputError> = Vec::new();
    let sources = HashMap::new();
    let rules = dockward_rules::docs();
    let report = Report {
        findings: &findings,
        errors: &errors,
        rules: &rules,
        sources: &sources,
        files_scanned: specs.len(),
        tool_version: env!("CARGO_PKG_VERSION"),
    };
    let text = args.out.text_options(
        false,
        Some(audited_phrase(specs.len(), images.len(), audit_daemon && facts.is_some())),
    );
    let written = args.out.emit(|w| {
        if args.cis {
            let audited = super::host_cis::audited(
                facts.as_ref().filter(|_| audit_daemon),
                specs.len(),
                images.len(),
            );
            super::host_cis::write(&report, &config, &audited, format, &text, w)
        } else {
            dockward_report::write(&report, format, &text, w)
        }
    });
    match written {
        Ok(()) => args.out.exit_code(&findings),
        Err(code) => code,
    }
}

/// Host files are read when the daemon runs on this machine: a unix socket endpoint (a socket
/// forwarded from another machine needs `--no-host-files`), or any endpoint with `--host-root`
/// (the user says where the daemon's `/` is). A TCP endpoint, even on 127.0.0.1, may be a
/// forwarded port, so it does not count.
fn host_files(args: &HostArgs, facts: &HostFacts) -> Option<HostFiles> {
    if args.no_host_files {
        return None;
    }
    let local = facts.endpoint.starts_with("unix://") || facts.endpoint.starts_with('/');
    let root = match &args.host_root {
        Some(r) => r.clone(),
        None if local => std::path::PathBuf::from("/"),
        None => {
            eprintln!(
                "dockward: note: host files not read: the daemon at {} is not on this machine (--host-root DIR reads them from its / mounted here)",
                facts.endpoint
            );
            return None;
        }
    };
    Some(dockward_hostfiles::collect_host_files(&dockward_hostfiles::HostFileOptions {
        root,
        docker_root_dir: facts.docker_root_dir.clone(),
        run_auditctl: true,
    }))
}

/// The local images to audit (all of them for the daemon, else those the audited containers
/// run), after linking every container to its image (current tag, Created, Env), listing the
/// processes of running containers (when DW906 runs) and counting the daemon's inventory. An
/// image list the daemon refuses is a warning, not a failure: the containers are audited anyway.
fn local_images(
    client: &dockward_docker::Client,
    config: &Config,
    live: &mut [dockward_docker::LiveContainer],
    facts: Option<&mut HostFacts>,
    audit_daemon: bool,
) -> Vec<ImageSpec> {
    // `/top` runs `ps` on the host for each container: only when a rule reads processes.
    if dockward_rules::by_code("DW906").is_some_and(|r| config.is_enabled(r.meta)) {
        client.add_processes(live);
    }
    let images = match client.images() {
        Ok(i) => i,
        Err(e) => {
            eprintln!(
                "dockward: warning: image rules skipped, cannot read the daemon's images: {e}"
            );
            return Vec::new();
        }
    };
    dockward_docker::link_images(live, &images);
    if let Some(f) = facts {
        f.inventory = Some(dockward_docker::inventory(&images, live));
    }
    if audit_daemon {
        return images;
    }
    let used: std::collections::HashSet<&str> =
        live.iter().filter_map(|c| c.image_id.as_deref()).collect();
    images.into_iter().filter(|i| used.contains(i.id.as_str())).collect()
}

/// What the text summary says was audited: `on the Docker host and in 3 containers and 1
/// image` (the daemon only when the host rules ran).
fn audited_phrase(containers: usize, images: usize, daemon: bool) -> String {
    let mut s = if containers == 1 {
        "in 1 container".to_string()
    } else {
        format!("in {containers} containers")
    };
    match images {
        0 => {}
        1 => s.push_str(" and 1 image"),
        _ => s.push_str(&format!(" and {images} images")),
    }
    if daemon { format!("on the Docker host and {s}") } else { s }
}
