//! `dockward host --cis`: the run's findings as a CIS Docker Benchmark v1.6.0 report. The
//! audit itself is `host.rs`'s; this only says what was audited, evaluates the catalogue
//! (`dockward_rules::cis`) and renders it (`dockward_report::cis`).

use dockward_core::Config;
use dockward_report::{Format, Report, TextOptions};
use dockward_rules::cis::Audited;
use dockward_spec::HostFacts;
use std::io;

/// The formats the CIS report has.
pub(crate) fn supports(format: Format) -> bool {
    matches!(format, Format::Text | Format::Json | Format::Sarif)
}

/// What the run audited: `facts` are the daemon's facts when the host rules ran; `containers`
/// and `images` the numbers audited.
pub(crate) fn audited(facts: Option<&HostFacts>, containers: usize, images: usize) -> Audited {
    Audited {
        daemon: facts.is_some(),
        host_files: facts.is_some_and(|f| f.files.is_some()),
        swarm_active: facts.is_some_and(|f| f.swarm_state.as_deref() == Some("active")),
        containers,
        images,
        host_file_roles: facts
            .and_then(|f| f.files.as_ref())
            .map(|h| h.paths.iter().map(|p| p.role.clone()).collect())
            .unwrap_or_default(),
    }
}

/// Render the CIS report of `report` (the findings of the run) into `out`.
pub(crate) fn write(
    report: &Report,
    config: &Config,
    audited: &Audited,
    format: Format,
    text: &TextOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let cis = dockward_rules::cis::evaluate(report.findings, config, audited);
    dockward_report::cis::write(report, &cis, format, text, out)
}
