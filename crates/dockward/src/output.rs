//! What every auditing command (`scan`, `host`, ...) does the same way once the findings are
//! known: the output flags, colour, where the report goes, today's date, and the exit code.
//!
//! Exit codes are decided here and nowhere else: 0 no unsuppressed finding at or above
//! `--fail-on`, 1 some, 2 a usage or input error (the caller returns 2 itself before it gets
//! here, or when writing the report fails).

use clap::{Args, ValueEnum};
use dockward_core::{Finding, Severity};
use dockward_report::{Format, TextOptions};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

/// Report formats of the auditing commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    Text,
    Json,
    Sarif,
    Junit,
    Github,
}

impl From<OutputFormat> for Format {
    fn from(f: OutputFormat) -> Format {
        match f {
            OutputFormat::Text => Format::Text,
            OutputFormat::Json => Format::Json,
            OutputFormat::Sarif => Format::Sarif,
            OutputFormat::Junit => Format::Junit,
            OutputFormat::Github => Format::Github,
        }
    }
}

/// `--fail-on`: the lowest severity that makes the exit code 1, or `none`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOn {
    Info,
    Low,
    Medium,
    High,
    Critical,
    None,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Info => Some(Severity::Info),
            FailOn::Low => Some(Severity::Low),
            FailOn::Medium => Some(Severity::Medium),
            FailOn::High => Some(Severity::High),
            FailOn::Critical => Some(Severity::Critical),
            FailOn::None => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The output flags shared by the auditing commands.
#[derive(Args, Debug)]
pub(crate) struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Exit with 1 when an unsuppressed finding has at least this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Info)]
    pub fail_on: FailOn,
    /// Show suppressed findings in text output (JSON and SARIF always include them, marked).
    #[arg(long)]
    pub show_suppressed: bool,
    /// Colour in text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

impl OutputArgs {
    pub(crate) fn format(&self) -> Format {
        self.format.into()
    }

    /// Text options: colour as asked, or on a terminal unless `NO_COLOR` is set.
    pub(crate) fn text_options(&self, code_frames: bool, scanned: Option<String>) -> TextOptions {
        let to_tty = self.output.is_none() && io::stdout().is_terminal();
        let color = match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                to_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        TextOptions { color, show_suppressed: self.show_suppressed, code_frames, scanned }
    }

    /// Write the report (`render` writes it into the writer it is given) to `--output` or
    /// standard output. A closed pipe (`| head`) is not an error. On failure the message is
    /// printed and Err(2) returned, the exit code to use.
    pub(crate) fn emit(
        &self,
        render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), u8> {
        let written = match &self.output {
            Some(p) => std::fs::File::create(p).and_then(|f| {
                let mut w = io::BufWriter::new(f);
                render(&mut w)?;
                w.flush()
            }),
            None => {
                let stdout = io::stdout();
                let mut w = io::BufWriter::new(stdout.lock());
                render(&mut w).and_then(|_| w.flush())
            }
        };
        match written {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                eprintln!("dockward: cannot write report: {e}");
                Err(2)
            }
            _ => Ok(()),
        }
    }

    /// 1 when an unsuppressed finding reaches `--fail-on`, else 0.
    pub(crate) fn exit_code(&self, findings: &[Finding]) -> u8 {
        match self.fail_on.threshold() {
            Some(t) if findings.iter().any(|f| f.suppressed.is_none() && f.severity >= t) => 1,
            _ => 0,
        }
    }
}

/// Today's date (YYYY-MM-DD) for date-dependent rules; `DOCKWARD_TODAY` pins it (tests).
pub(crate) fn today() -> String {
    std::env::var("DOCKWARD_TODAY").unwrap_or_else(|_| dockward_knowledge::eol::today_utc())
}

/// Print `text` to standard output; a closed pipe (`| head`) ends quietly. Returns the exit
/// code: 0, or 2 when standard output cannot be written.
pub(crate) fn print(text: &str) -> u8 {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("dockward: cannot write to standard output: {e}");
            2
        }
        _ => 0,
    }
}
