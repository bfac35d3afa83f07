//! `dockward host`: connect to a Docker daemon → its facts (`/version`, `/info`, the default
//! bridge) → the host rules (surface H, target `docker host`) → every container (running or
//! stopped), inspected and normalised into `ContainerSpec` → the container rules (surface R) →
//! every local image (config and history) → the image rules (surface I, target its tag) → one
//! report. With `--container` or `--label` only those containers and the images they run are
//! audited and the host rules are skipped (the question is then about the containers, not the
//! daemon).
//!
//! Exit codes as for `scan`: 0 clean, 1 findings at or above `--fail-on`, 2 when the daemon
//! cannot be reached (within `--timeout` per call), a `--container` matches nothing, or the
//! configuration is invalid.

use crate::cli::{ColorChoice, HostArgs};
use dockward_core::{Config, InputError, Severity};
use dockward_report::{Format, Report, TextOptions};
use dockward_rules::ScanOptions;
use dockward_rules::prelude::{HostFacts, ImageSpec};
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::time::Duration;

fn load_config(args: &HostArgs) -> Result<Config, String> {
    let mut config = if args.no_config {
        Config::default()
    } else if let Some(p) = &args.config {
        Config::load(p).map_err(|e| e.to_string())?
    } else {
        Config::discover(std::path::Path::new(".")).map_err(|e| e.to_string())?
    };
    if !args.select.is_empty() {
        config.select = Some(args.select.clone());
    }
    config.extend_select.extend(args.extend_select.iter().cloned());
    config.ignore.extend(args.ignore.iter().cloned());
    for token in config.select.iter().flatten().chain(&config.extend_select).chain(&config.ignore) {
        if !token.eq_ignore_ascii_case("ALL") && dockward_rules::by_code(token).is_none() {
            return Err(format!("unknown rule `{token}` (see `dockward rules`)"));
        }
    }
    Ok(config)
}

pub fn run(args: HostArgs) -> u8 {
    let config = match load_config(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("dockward: {e}");
            return 2;
        }
    };
    let format: Format = match args.format.parse() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("dockward: {e}");
            return 2;
        }
    };
    for l in &args.labels {
        if l.trim().is_empty() || l.starts_with('=') {
            eprintln!("dockward: --label `{l}`: expected KEY or KEY=VALUE");
            return 2;
        }
    }
    let timeout = Duration::from_secs(args.timeout.max(1));
    let client = match dockward_engine::connect_with_context(args.host.as_deref(), args.context.as_deref(), timeout) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("dockward: {e}");
            return 2;
        }
    };
    let audit_daemon = args.containers.is_empty() && args.labels.is_empty();
    // A daemon whose /version or /info cannot be read (or decoded) still has its containers
    // audited; the host rules are skipped with a warning. An unreachable daemon fails below.
    let mut facts = if audit_daemon {
        match client.host_facts() {
            Ok(f) => Some(f),
            Err(e) => {
                eprintln!("dockward: warning: host rules skipped, cannot read the daemon's configuration: {e}");
                None
            }
        }
    } else {
        None
    };
    let filters = dockward_engine::Filters { containers: args.containers.clone(), labels: args.labels.clone() };
    let mut live = match client.containers(&filters) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("dockward: {e}");
            return 2;
        }
    };
    if live.is_empty() {
        eprintln!("dockward: no containers on {}{}", client.endpoint(), if args.labels.is_empty() { "" } else { " match the --label filters" });
    }
    let images = local_images(&client, &config, &mut live, facts.as_mut(), audit_daemon);
    let today = std::env::var("DOCKWARD_TODAY").unwrap_or_else(|_| dockward_knowledge::eol::today_utc());
    let specs: Vec<_> = live.into_iter().map(|c| c.spec).collect();
    let opts = ScanOptions { today: &today };
    let mut findings = match &facts {
        Some(f) => dockward_rules::check_host(f, &config, &opts),
        None => Vec::new(),
    };
    findings.extend(dockward_rules::check_containers(&specs, &config, &opts));
    findings.extend(dockward_rules::check_images(&images, &config, &opts));

    let errors: Vec<InputError> = Vec::new();
    let sources = HashMap::new();
    let rules = dockward_rules::docs();
    let report = Report { findings: &findings, errors: &errors, rules: &rules, sources: &sources, files_scanned: specs.len(), tool_version: env!("CARGO_PKG_VERSION") };
    let to_tty = args.output.is_none() && std::io::stdout().is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => to_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let text = TextOptions { color, show_suppressed: args.show_suppressed, code_frames: false };
    let mut buf = Vec::new();
    let written = dockward_report::write(&report, format, &text, &mut buf).and_then(|_| {
        if format == Format::Text {
            buf = containers_not_files(&buf, specs.len(), images.len(), facts.is_some());
        }
        match &args.output {
            Some(p) => std::fs::write(p, &buf),
            None => {
                let mut out = std::io::stdout().lock();
                out.write_all(&buf).and_then(|_| out.flush())
            }
        }
    });
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("dockward: cannot write report: {e}");
        return 2;
    }
    let threshold: Option<Severity> = if args.fail_on == "none" { None } else { args.fail_on.parse().ok() };
    match threshold {
        Some(t) if findings.iter().any(|f| f.suppressed.is_none() && f.severity >= t) => 1,
        _ => 0,
    }
}

/// The local images to audit (all of them for the daemon, else those the audited containers
/// run), after linking every container to its image (current tag, Created, Env), listing the
/// processes of running containers (when DW906 runs) and counting the daemon's inventory. An
/// image list the daemon refuses is a warning, not a failure: the containers are audited anyway.
fn local_images(client: &dockward_engine::Client, config: &Config, live: &mut [dockward_engine::LiveContainer], facts: Option<&mut HostFacts>, audit_daemon: bool) -> Vec<ImageSpec> {
    // `/top` runs `ps` on the host for each container: only when a rule reads processes.
    if dockward_rules::by_code("DW906").is_some_and(|r| config.is_enabled(r.meta)) {
        client.add_processes(live);
    }
    let images = match client.images() {
        Ok(i) => i,
        Err(e) => {
            eprintln!("dockward: warning: image rules skipped, cannot read the daemon's images: {e}");
            return Vec::new();
        }
    };
    dockward_engine::link_images(live, &images);
    if let Some(f) = facts {
        f.inventory = Some(dockward_engine::inventory(&images, live));
    }
    if audit_daemon {
        return images;
    }
    let used: std::collections::HashSet<&str> = live.iter().filter_map(|c| c.image_id.as_deref()).collect();
    images.into_iter().filter(|i| used.contains(i.id.as_str())).collect()
}

/// The text summary counts what was scanned as files; here it counts containers and images
/// (and the daemon, when the host rules ran).
fn containers_not_files(text: &[u8], n: usize, images: usize, daemon: bool) -> Vec<u8> {
    let text = String::from_utf8_lossy(text);
    let (from, mut to) = if n == 1 { (" in 1 file".to_string(), " in 1 container".to_string()) } else { (format!(" in {n} files"), format!(" in {n} containers")) };
    match images {
        0 => {}
        1 => to.push_str(" and 1 image"),
        _ => to.push_str(&format!(" and {images} images")),
    }
    if daemon {
        to = format!(" on the Docker host and{to}");
    }
    let start = text.trim_end().rfind('\n').map_or(0, |i| i + 1);
    if !text[start..].contains(&from) {
        return text.into_owned().into_bytes();
    }
    let mut out = text[..start].to_string();
    out.push_str(&text[start..].replacen(&from, &to, 1));
    out.into_bytes()
}
