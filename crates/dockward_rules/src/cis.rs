//! The CIS Docker Benchmark v1.6.0 catalogue (`data/cis-docker-1.6.0.tsv`, embedded) and its
//! evaluation against the findings of one `dockward host` run. Pure: no I/O.
//!
//! Each check gets one status, decided in this order:
//!
//! 1. `na`: its condition (the catalogue's `applies`) is not met, e.g. the swarm checks when
//!    swarm mode is inactive, section 5 with no container audited, host-file checks when the
//!    host's files were not read. The detail says which.
//! 2. `warn`: an unsuppressed finding concerns it. A finding concerns a check when its
//!    (possibly narrowed) `equivalents` name `CIS-<id>` and its surface is one the check is
//!    about (a daemon check is judged by host findings, a runtime check by container findings;
//!    DW406 on a container names 2.8 and 5.19, but only 5.19 is about the container). A finding
//!    that names no CIS section at all concerns the checks that list its rule code.
//! 3. `info` "not checked: …": the only unsuppressed findings that concern it say they could
//!    not check (`not checked: cannot read …`, from [`crate::HostCtx::not_checked`]).
//! 4. `info` "manual: …": no rule decides it; the detail says what a person verifies.
//! 5. `info` "not checked: …": none of its rules ran (not implemented yet, not enabled, or its
//!    surface was not audited).
//! 6. `info`: a manual check whose rules ran and found nothing: they help, a person decides.
//! 7. `pass`: an automated check whose rules ran and found nothing.
//!
//! Suppressed findings never make a check `warn`; the detail mentions them.

use crate::registry;
use dockward_core::cis::{
    Applies, Assessment, CisCheck, CisReport, CisResult, CisStatus, finding_sections,
};
use dockward_core::{Config, Finding, Surface};
use std::sync::OnceLock;

/// The catalogue as shipped.
pub const TSV: &str = include_str!("../data/cis-docker-1.6.0.tsv");

/// Every check of the benchmark, in order. Empty only if the embedded catalogue were
/// malformed, which the tests rule out.
pub fn catalogue() -> &'static [CisCheck] {
    static CHECKS: OnceLock<Vec<CisCheck>> = OnceLock::new();
    CHECKS.get_or_init(|| parse(TSV).unwrap_or_default())
}

/// The check with this id (`2.2`).
pub fn check(id: &str) -> Option<&'static CisCheck> {
    catalogue().iter().find(|c| c.id == id)
}

const HEADER: [&str; 6] = ["id", "title", "assessment", "codes", "applies", "verify"];

/// Parse a catalogue: a header row, then one tab-separated row per check. `#` lines are
/// comments. Errors name the line.
pub fn parse(text: &'static str) -> Result<Vec<CisCheck>, String> {
    let mut rows =
        text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
    match rows.next() {
        Some((_, h)) if h.split('\t').eq(HEADER) => {}
        _ => return Err(format!("the first row must be the header `{}`", HEADER.join("\\t"))),
    }
    let mut out: Vec<CisCheck> = Vec::new();
    for (i, line) in rows {
        let n = i + 1;
        let cells: Vec<&'static str> = line.split('\t').collect();
        let [id, title, assessment, codes, applies, verify] = cells[..] else {
            return Err(format!("line {n}: {} cells, expected {}", cells.len(), HEADER.len()));
        };
        if id.is_empty()
            || !id.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(format!("line {n}: malformed id `{id}`"));
        }
        if out.iter().any(|c| c.id == id) {
            return Err(format!("line {n}: duplicate id {id}"));
        }
        if title.trim().is_empty() {
            return Err(format!("line {n}: empty title"));
        }
        let assessment = match assessment {
            "automated" => Assessment::Automated,
            "manual" => Assessment::Manual,
            other => return Err(format!("line {n}: assessment `{other}` (automated or manual)")),
        };
        let codes: Vec<&'static str> =
            if codes.is_empty() { Vec::new() } else { codes.split(',').collect() };
        if let Some(bad) = codes.iter().find(|c| !well_formed_code(c)) {
            return Err(format!("line {n}: malformed rule code `{bad}`"));
        }
        // `host-files:<role>`: about one host file, not applicable where it does not exist.
        let (applies, host_file) = match applies.split_once(':') {
            Some(("host-files", role)) if !role.is_empty() => ("host-files", Some(role)),
            _ => (applies, None),
        };
        let Some(applies) = Applies::parse(applies) else {
            return Err(format!("line {n}: unknown applies keyword `{applies}`"));
        };
        if (codes.is_empty() || assessment == Assessment::Manual) && verify.trim().is_empty() {
            return Err(format!("line {n}: {id} needs `verify` (what a person checks)"));
        }
        out.push(CisCheck { id, title, assessment, codes, applies, host_file, verify });
    }
    Ok(out)
}

/// `DW` and three or four digits.
pub fn well_formed_code(code: &str) -> bool {
    code.strip_prefix("DW")
        .is_some_and(|d| (3..=4).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
}

/// What the run audited.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Audited {
    /// The daemon's facts were read and the host rules ran.
    pub daemon: bool,
    /// The host's files were read (`HostFacts::files`).
    pub host_files: bool,
    /// Swarm mode is active on the daemon.
    pub swarm_active: bool,
    /// Containers audited by the container rules.
    pub containers: usize,
    /// Images audited by the image rules.
    pub images: usize,
    /// The roles of the host files that exist (`PathFacts::role`), when host files were read.
    pub host_file_roles: Vec<String>,
}

/// Why a check's condition is not met, if it is not.
fn not_applicable(applies: Applies, a: &Audited) -> Option<&'static str> {
    const NO_DAEMON: &str = "the daemon's configuration was not audited";
    match applies {
        Applies::Always => None,
        Applies::Daemon => (!a.daemon).then_some(NO_DAEMON),
        Applies::HostFiles if !a.daemon => Some(NO_DAEMON),
        Applies::HostFiles => (!a.host_files).then_some(
            "the host's files were not read (a remote daemon, or they were not collected)",
        ),
        Applies::Containers => (a.containers == 0).then_some("no container was audited"),
        Applies::Images => {
            (a.images == 0 && a.containers == 0).then_some("no image or container was audited")
        }
        Applies::Swarm if !a.daemon => Some(NO_DAEMON),
        Applies::Swarm => (!a.swarm_active).then_some("swarm mode is not active"),
    }
}

/// Whether a finding on `surface` can speak for a check that `applies` there.
fn surface_fits(applies: Applies, surface: Surface) -> bool {
    match applies {
        Applies::Always => true,
        Applies::Daemon | Applies::HostFiles | Applies::Swarm => surface == Surface::Host,
        Applies::Containers => matches!(surface, Surface::Container | Surface::Compose),
        Applies::Images => surface != Surface::Host,
    }
}

fn concerns(f: &Finding, check: &CisCheck) -> bool {
    if !surface_fits(check.applies, f.surface) {
        return false;
    }
    let sections = finding_sections(f);
    if sections.is_empty() {
        check.codes.contains(&f.rule.code)
    } else {
        sections.contains(&check.id)
    }
}

/// A finding that only says what could not be checked. Matched on the message, since a
/// severity override in the configuration changes its `info` severity.
pub fn is_not_checked(f: &Finding) -> bool {
    f.message.starts_with("not checked:")
}

/// Did the rule `code` run in this audit, on a surface the check is about? `Err(why not)`
/// when it did not.
fn ran(code: &str, applies: Applies, config: &Config, a: &Audited) -> Result<(), String> {
    let Some(rule) = registry::all().iter().find(|r| r.meta.code == code) else {
        return Err(format!("{code} is not implemented yet"));
    };
    if !config.is_enabled(rule.meta) {
        return Err(format!("{code} is not enabled"));
    }
    let (host, container, image) =
        (rule.host.is_some(), rule.container.is_some(), rule.image.is_some());
    // The surfaces that can speak for the check, and whether the rule checks one that was audited.
    let (fits, audited) = match applies {
        Applies::Always => (
            host || container || image,
            (host && a.daemon) || (container && a.containers > 0) || (image && a.images > 0),
        ),
        Applies::Daemon | Applies::HostFiles | Applies::Swarm => (host, host && a.daemon),
        Applies::Containers => (container, container && a.containers > 0),
        Applies::Images => {
            (container || image, (container && a.containers > 0) || (image && a.images > 0))
        }
    };
    if audited {
        return Ok(());
    }
    let why = if !fits && !host && !container && !image {
        "it checks Dockerfiles and Compose files: `dockward scan`".to_string()
    } else if !fits {
        let what = match applies {
            Applies::Daemon | Applies::HostFiles | Applies::Swarm => "the daemon",
            Applies::Containers => "containers",
            _ => "images",
        };
        format!("it does not check {what}")
    } else {
        match applies {
            Applies::Daemon | Applies::HostFiles | Applies::Swarm => "the daemon was not audited",
            Applies::Containers => "no container was audited",
            _ if image && !container => "no image was audited",
            _ => "nothing it checks was audited",
        }
        .to_string()
    };
    Err(format!("{code} did not run ({why})"))
}

/// "3 findings: web, db and 1 more".
fn describe(findings: &[&Finding]) -> String {
    const SHOWN: usize = 3;
    let mut targets: Vec<String> = Vec::new();
    for f in findings {
        let t = f
            .target
            .clone()
            .or_else(|| f.location.file.clone())
            .unwrap_or_else(|| f.rule.code.to_string());
        if !targets.contains(&t) {
            targets.push(t);
        }
    }
    let mut s = format!("{} finding{}", findings.len(), if findings.len() == 1 { "" } else { "s" });
    let mut codes: Vec<&str> = findings.iter().map(|f| f.rule.code).collect();
    codes.sort_unstable();
    codes.dedup();
    s.push_str(&format!(" ({})", codes.join(", ")));
    if !targets.is_empty() {
        let more = targets.len().saturating_sub(SHOWN);
        targets.truncate(SHOWN);
        s.push_str(": ");
        s.push_str(&targets.join(", "));
        if more > 0 {
            s.push_str(&format!(" and {more} more"));
        }
    }
    s
}

fn join(parts: &[String]) -> String {
    parts.iter().filter(|p| !p.is_empty()).cloned().collect::<Vec<_>>().join("; ")
}

/// One result per check of the catalogue, in order. `findings` are every finding of the run,
/// suppressed ones included; `config` tells which rules were enabled.
pub fn evaluate(findings: &[Finding], config: &Config, audited: &Audited) -> CisReport {
    let results =
        catalogue().iter().map(|check| evaluate_one(check, findings, config, audited)).collect();
    CisReport { results }
}

fn evaluate_one(
    check: &'static CisCheck,
    findings: &[Finding],
    config: &Config,
    audited: &Audited,
) -> CisResult {
    let result = |status, findings: Vec<usize>, detail: String| CisResult {
        check,
        status,
        findings,
        detail,
    };
    if let Some(why) = not_applicable(check.applies, audited) {
        return result(CisStatus::Na, Vec::new(), format!("not applicable: {why}"));
    }
    if let Some(role) = check.host_file
        && !audited.host_file_roles.iter().any(|r| r == role)
    {
        return result(
            CisStatus::Na,
            Vec::new(),
            format!("not applicable: the host has no {} (file not found)", host_file_name(role)),
        );
    }
    let indices: Vec<usize> =
        findings.iter().enumerate().filter(|(_, f)| concerns(f, check)).map(|(i, _)| i).collect();
    let of = |keep: &dyn Fn(&Finding) -> bool| -> Vec<&Finding> {
        indices.iter().map(|&i| &findings[i]).filter(|f| keep(f)).collect()
    };
    let open = of(&|f| f.suppressed.is_none() && !is_not_checked(f));
    let not_checked = of(&|f| f.suppressed.is_none() && is_not_checked(f));
    let suppressed = of(&|f| f.suppressed.is_some());
    let suppressed_note = match suppressed.len() {
        0 => String::new(),
        n => {
            let reasons: Vec<&str> = suppressed
                .iter()
                .filter_map(|f| f.suppressed.as_ref()?.reason.as_deref())
                .collect();
            let mut s = format!("{n} suppressed finding{}", if n == 1 { "" } else { "s" });
            if let Some(r) = reasons.first() {
                s.push_str(&format!(" ({r})"));
            }
            s
        }
    };
    let verify =
        if check.verify.is_empty() { String::new() } else { format!("manual: {}", check.verify) };

    if !open.is_empty() {
        return result(CisStatus::Warn, indices, join(&[describe(&open), suppressed_note]));
    }
    if let Some(first) = not_checked.first() {
        let more = match not_checked.len() - 1 {
            0 => String::new(),
            n => format!(" (and {n} more not checked)"),
        };
        return result(
            CisStatus::Info,
            indices,
            join(&[format!("{}{more}", first.message), suppressed_note]),
        );
    }
    if check.codes.is_empty() {
        return result(CisStatus::Info, indices, join(&[verify, suppressed_note]));
    }
    let (ran_codes, not_ran): (Vec<_>, Vec<_>) = check
        .codes
        .iter()
        .map(|c| (*c, ran(c, check.applies, config, audited)))
        .partition(|(_, r)| r.is_ok());
    let not_ran: Vec<String> = not_ran.into_iter().filter_map(|(_, r)| r.err()).collect();
    if ran_codes.is_empty() {
        return result(
            CisStatus::Info,
            indices,
            join(&[format!("not checked: {}", not_ran.join(", ")), verify, suppressed_note]),
        );
    }
    let by = ran_codes.iter().map(|(c, _)| *c).collect::<Vec<_>>().join(", ");
    let also = if not_ran.is_empty() {
        String::new()
    } else {
        format!("not checked: {}", not_ran.join(", "))
    };
    match check.assessment {
        Assessment::Manual => result(
            CisStatus::Info,
            indices,
            join(&[format!("{by} found nothing"), verify, also, suppressed_note]),
        ),
        Assessment::Automated => result(
            CisStatus::Pass,
            indices,
            join(&[format!("checked by {by}"), also, suppressed_note]),
        ),
    }
}

#[cfg(test)]
mod tests;

/// How a host file role reads in a report.
fn host_file_name(role: &str) -> &str {
    match role {
        "docker.service" => "docker.service unit",
        "docker.socket" => "docker.socket unit",
        "containerd.sock" => "containerd socket",
        "etc-default-docker" => "/etc/default/docker",
        "etc-sysconfig-docker" => "/etc/sysconfig/docker",
        "containerd-config" => "/etc/containerd/config.toml",
        "certs.d" => "/etc/docker/certs.d (registry certificates)",
        "tlscacert" => "TLS CA certificate (tlscacert)",
        "tlscert" => "TLS server certificate (tlscert)",
        "tlskey" => "TLS server key (tlskey)",
        other => other,
    }
}
