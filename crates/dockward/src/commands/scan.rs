//! `dockward scan`: discover → parse → check (in parallel, one file per task) → report.

use crate::cli::{Kind, ScanArgs};
use crate::discover::{self, Input};
use dockward_core::{Config, Finding, InputError, Surface};
use dockward_dockerfile::{Model, parse};
use dockward_report::Report;
use dockward_rules::{RunOptions, check_dockerfile};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::Read;
use std::sync::Arc;

/// Files larger than this are refused (a Dockerfile is a few KiB; this bounds memory).
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

struct FileResult {
    path: String,
    /// Every file read (path as shown → text), for code frames.
    sources: Vec<(String, Arc<str>)>,
    /// Number of files this result covers (a Compose project may span several).
    files: usize,
    /// Loader warnings (e.g. an unset variable replaced by an empty string), printed to
    /// standard error so they are never lost and never mixed into machine-readable output.
    warnings: Vec<String>,
    findings: Vec<Finding>,
    errors: Vec<InputError>,
}

fn load_config(args: &ScanArgs) -> Result<Config, String> {
    let start =
        args.paths.iter().find(|p| p.as_os_str() != "-").cloned().unwrap_or_else(|| ".".into());
    let mut config = args.rules.load(&start)?;
    for ba in &args.build_args {
        match ba.split_once('=') {
            Some((k, v)) => {
                config.build_args.insert(k.to_string(), v.to_string());
            }
            None => return Err(format!("--build-arg `{ba}`: expected KEY=VALUE")),
        }
    }
    Ok(config)
}

fn read_input(input: &Input) -> Result<(String, String), (String, String)> {
    match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .take(MAX_FILE_BYTES + 1)
                .read_to_end(&mut buf)
                .map_err(|e| ("-".to_string(), format!("cannot read standard input: {e}")))?;
            if buf.len() as u64 > MAX_FILE_BYTES {
                return Err(("-".into(), format!("input larger than {MAX_FILE_BYTES} bytes")));
            }
            Ok(("-".into(), String::from_utf8_lossy(&buf).into_owned()))
        }
        Input::Compose(files) => Err((
            files.first().map(|p| discover::display(p)).unwrap_or_default(),
            "internal: Compose project read as a Dockerfile".into(),
        )),
        Input::File(p) => {
            let shown = discover::display(p);
            let meta =
                std::fs::metadata(p).map_err(|e| (shown.clone(), format!("cannot read: {e}")))?;
            if meta.len() > MAX_FILE_BYTES {
                return Err((
                    shown,
                    format!(
                        "file is {} bytes, larger than the {MAX_FILE_BYTES}-byte limit",
                        meta.len()
                    ),
                ));
            }
            let bytes =
                std::fs::read(p).map_err(|e| (shown.clone(), format!("cannot read: {e}")))?;
            Ok((shown, String::from_utf8_lossy(&bytes).into_owned()))
        }
    }
}

/// Explicitly named files that are not Dockerfiles by name or content.
fn refuse_non_dockerfile(input: &Input, text: &str, kind: Option<Kind>) -> Option<String> {
    let Input::File(p) = input else { return None };
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if discover::is_dockerfile_name(name) || kind == Some(Kind::Dockerfile) {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".yml") || lower.ends_with(".yaml") {
        return Some("a YAML file that is neither named nor shaped like a Compose file (no top-level `services:`); pass `--kind compose` or `--kind dockerfile` to force".into());
    }
    // By content: the first instruction of a Dockerfile is FROM or ARG (after directives and comments).
    let first =
        text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#')).unwrap_or("");
    let word = first.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
    if matches!(word.as_str(), "FROM" | "ARG") {
        return None;
    }
    Some("not recognised as a Dockerfile by name or content; pass `--kind dockerfile` to scan it anyway".into())
}

/// Is this explicitly named file a Compose file by content (or `--kind compose`)?
fn is_compose_content(input: &Input, kind: Option<Kind>) -> bool {
    let Input::File(p) = input else { return false };
    if kind == Some(Kind::Compose) {
        return true;
    }
    if kind.is_some()
        || discover::is_dockerfile_name(p.file_name().and_then(|n| n.to_str()).unwrap_or(""))
    {
        return false;
    }
    let lower = p.to_string_lossy().to_ascii_lowercase();
    (lower.ends_with(".yml") || lower.ends_with(".yaml"))
        && std::fs::read_to_string(p).is_ok_and(|t| t.lines().any(|l| l.starts_with("services:")))
}

/// Load and check one Compose project.
fn scan_compose(
    files: &[std::path::PathBuf],
    config: &Config,
    today: &str,
    args: &ScanArgs,
) -> FileResult {
    let env: std::collections::BTreeMap<String, String> = std::env::vars().collect();
    let opts = dockward_compose::LoadOptions {
        env,
        env_files: args.env_files.clone(),
        profiles: args.profiles.clone(),
        ..Default::default()
    };
    let project = dockward_compose::load_project(files, &opts);
    let images = dockward_rules::runner::compose_image_facts(&project);
    let mut findings = dockward_rules::check_compose(
        &project,
        config,
        &run_options(today, files.first(), args),
        &images,
    );
    for f in &mut findings {
        if let Some(file) = &mut f.location.file {
            *file = discover::display(std::path::Path::new(file.as_str()));
        }
    }
    let errors: Vec<InputError> = project
        .errors()
        .filter(|d| d.category != dockward_compose::Category::Schema)
        .map(|d| {
            let mut e = d.to_input_error();
            e.file = e.file.map(|f| discover::display(std::path::Path::new(&f)));
            e
        })
        .collect();
    let sources = project
        .files
        .iter()
        .map(|f| (discover::display(std::path::Path::new(&f.display)), Arc::from(f.text.as_str())))
        .collect();
    let warnings = project
        .warnings()
        .map(|d| {
            let file = d
                .file
                .as_deref()
                .map(|f| discover::display(std::path::Path::new(f)))
                .unwrap_or_default();
            format!("{file}:{}:{}: warning: {}", d.line, d.column, d.message)
        })
        .collect();
    let path = files.first().map(|p| discover::display(p)).unwrap_or_else(|| "compose".into());
    FileResult { path, sources, files: files.len().max(1), warnings, findings, errors }
}

fn scan_input(input: &Input, config: &Config, today: &str, args: &ScanArgs) -> FileResult {
    match input {
        Input::Compose(files) => scan_compose(files, config, today, args),
        Input::File(p) if is_compose_content(input, args.kind) => {
            scan_compose(std::slice::from_ref(p), config, today, args)
        }
        _ => scan_one(input, config, today, args),
    }
}

/// Run options for a file: today, and the scanned directory that holds it (path conventions
/// such as `tests/` are read below it; an explicitly named file is judged by its path as given).
fn run_options<'a>(
    today: &'a str,
    file: Option<&std::path::PathBuf>,
    args: &'a ScanArgs,
) -> RunOptions<'a> {
    let scan_root = file.and_then(|f| {
        args.paths.iter().find(|dir| dir.is_dir() && f.starts_with(dir)).map(|d| d.as_path())
    });
    RunOptions { today, scan_root }
}

fn scan_one(input: &Input, config: &Config, today: &str, args: &ScanArgs) -> FileResult {
    let kind = args.kind;
    let read = read_input(input).and_then(|(path, text)| {
        match refuse_non_dockerfile(input, &text, kind) {
            Some(m) => Err((path, m)),
            None => Ok((path, text)),
        }
    });
    let (path, text) = match read {
        Ok(x) => x,
        Err((path, message)) => {
            let err = InputError {
                file: Some(path.clone()),
                line: None,
                column: None,
                message: message.clone(),
            };
            let f = Finding::new(
                &dockward_rules::correctness::dw001_parse_error::RULE,
                Surface::Dockerfile,
                dockward_core::Location { file: Some(path.clone()), ..Default::default() },
                message,
            );
            return FileResult {
                path,
                sources: Vec::new(),
                files: 1,
                warnings: Vec::new(),
                findings: vec![f],
                errors: vec![err],
            };
        }
    };
    let df = parse(&text, Some(&path));
    let model = Model::build(&df, &config.build_args);
    let file = match input {
        Input::File(p) => Some(p),
        _ => None,
    };
    let findings = check_dockerfile(&df, &model, config, &run_options(today, file, args));
    let errors = df
        .errors
        .iter()
        .map(|e| {
            let p = df.position(e.span.start);
            InputError {
                file: Some(path.clone()),
                line: Some(p.line),
                column: Some(p.column),
                message: e.message.clone(),
            }
        })
        .collect();
    FileResult {
        path: path.clone(),
        sources: vec![(path, Arc::from(df.text.as_str()))],
        files: 1,
        warnings: Vec::new(),
        findings,
        errors,
    }
}

pub(crate) fn run(args: ScanArgs) -> u8 {
    let config = match load_config(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("dockward: {e}");
            return 2;
        }
    };
    if let Some(j) = args.jobs {
        let _ = rayon::ThreadPoolBuilder::new().num_threads(j.max(1)).build_global();
    }
    let today = crate::output::today();
    let (mut inputs, walk_errors) = if args.paths.is_empty() && !args.compose_files.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        discover::discover(&args.paths, !args.no_ignore)
    };
    if !args.compose_files.is_empty() {
        inputs.push(Input::Compose(args.compose_files.clone()));
    }

    let mut results: Vec<FileResult> =
        inputs.par_iter().map(|i| scan_input(i, &config, &today, &args)).collect();
    results.sort_by(|a, b| a.path.cmp(&b.path));

    let mut findings = Vec::new();
    let mut errors: Vec<InputError> = walk_errors
        .into_iter()
        .map(|(file, message)| InputError { file: Some(file), line: None, column: None, message })
        .collect();
    let mut sources = HashMap::new();
    let files_scanned = results.iter().map(|r| r.files).sum();
    let mut warnings = Vec::new();
    for r in results {
        warnings.extend(r.warnings);
        findings.extend(r.findings);
        errors.extend(r.errors);
        for (p, s) in r.sources {
            sources.insert(p, s);
        }
    }

    if !args.quiet {
        for w in &warnings {
            eprintln!("{w}");
        }
    }
    let rules = dockward_rules::docs();
    let report = Report {
        findings: &findings,
        errors: &errors,
        rules: &rules,
        sources: &sources,
        files_scanned,
        tool_version: env!("CARGO_PKG_VERSION"),
    };
    let text = args.out.text_options(!args.no_code_frames, None);
    if let Err(code) =
        args.out.emit(|w| dockward_report::write(&report, args.out.format(), &text, w))
    {
        return code;
    }
    if files_scanned == 0 && errors.is_empty() {
        eprintln!(
            "dockward: no Dockerfiles or Compose files found under {}",
            args.paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
                .if_empty(".")
        );
    }
    if errors.is_empty() { args.out.exit_code(&findings) } else { 2 }
}

trait IfEmpty {
    fn if_empty(self, d: &str) -> String;
}
impl IfEmpty for String {
    fn if_empty(self, d: &str) -> String {
        if self.is_empty() { d.to_string() } else { self }
    }
}
