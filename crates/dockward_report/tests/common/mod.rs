//! A fixed sample report shared by the integration tests.
#![allow(dead_code)]

use dockward_core::{
    Finding, InputError, Location, Position, Practice, RuleDoc, RuleMeta, Severity, Suppression,
    SuppressionKind, Surface,
};
use dockward_report::Report;
use std::collections::HashMap;
use std::sync::Arc;

pub(crate) static DW001: RuleMeta = RuleMeta {
    code: "DW001",
    name: "parse-error",
    summary: "The file cannot be parsed",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile, Surface::Compose],
    severity: Severity::High,
    equivalents: &["DL1000"],
    default_enabled: true,
};
pub(crate) static DW203: RuleMeta = RuleMeta {
    code: "DW203",
    name: "image-no-digest",
    summary: "Base image is not pinned by digest",
    practice: Practice::TrustedImages,
    surfaces: &[Surface::Dockerfile, Surface::Compose],
    severity: Severity::Low,
    equivalents: &["CL-0019"],
    default_enabled: false,
};
pub(crate) static DW501: RuleMeta = RuleMeta {
    code: "DW501",
    name: "root-user",
    summary: "The container runs as root",
    practice: Practice::LeastPrivilege,
    surfaces: &[Surface::Dockerfile, Surface::Compose, Surface::Image, Surface::Container],
    severity: Severity::High,
    equivalents: &["DL3002", "CIS-4.1", "CL-0018"],
    default_enabled: true,
};
pub(crate) static DW502: RuleMeta = RuleMeta {
    code: "DW502",
    name: "privileged",
    summary: "The container runs privileged",
    practice: Practice::LeastPrivilege,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::Critical,
    equivalents: &["CL-0002", "CIS-5.5"],
    default_enabled: true,
};
pub(crate) static DW601: RuleMeta = RuleMeta {
    code: "DW601",
    name: "secret-in-build-env",
    summary: "ENV or ARG holds a secret",
    practice: Practice::Secrets,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::High,
    equivalents: &["DL3064"],
    default_enabled: true,
};
pub(crate) static DW707: RuleMeta = RuleMeta {
    code: "DW707",
    name: "unpinned-packages",
    summary: "Packages are installed without versions",
    practice: Practice::ContentTrust,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &["DL3008", "DL3018"],
    default_enabled: true,
};

const DW501_DOC: &str = "## What it does\nChecks that the final stage does not run as `root`.\n\n## Why is this bad?\nA process running as root in a container is root on the host if it escapes.\n\n## Example\n```dockerfile\nFROM debian\nUSER root\n```\n\n## Use instead\n```dockerfile\nUSER app\n```\n";

pub(crate) fn catalogue() -> Vec<RuleDoc> {
    vec![
        RuleDoc { meta: &DW001, doc: "## What it does\nReports files that cannot be parsed.\n" },
        RuleDoc { meta: &DW203, doc: "" },
        RuleDoc { meta: &DW501, doc: DW501_DOC },
        RuleDoc { meta: &DW502, doc: "## What it does\nFlags `privileged: true`.\n" },
        RuleDoc { meta: &DW601, doc: "## What it does\nFinds secrets in ENV and ARG.\n" },
        RuleDoc { meta: &DW707, doc: "## What it does\nFinds unpinned package installs.\n" },
    ]
}

pub(crate) const DOCKERFILE: &str = "\
# syntax=docker/dockerfile:1
FROM python:3.12 AS build
ENV API_TOKEN=s3cr3t
RUN apt-get update && apt-get install -y curl
# dockward: ignore[DW707] pinned by the base image
RUN apt-get install -y git

FROM python:3.12-slim
USER root
CMD [\"python\", \"app.py\"]
";

pub(crate) const COMPOSE: &str =
    "services:\n  web:\n    image: nginx:1.27\n    # le café\n    privileged: true\n";

pub(crate) const BROKEN: &str = "FROM alpine\nRUN <<EOF\n  echo hi\n";

pub(crate) const COMPOSE_PATH: &str = "services/café/docker compose.yaml";

pub(crate) fn loc(file: &str, start: (u32, u32), end: (u32, u32)) -> Location {
    Location {
        file: Some(file.to_string()),
        start: Position { line: start.0, column: start.1 },
        end: Position { line: end.0, column: end.1 },
        bytes: None,
    }
}

pub(crate) struct Sample {
    pub findings: Vec<Finding>,
    pub errors: Vec<InputError>,
    pub rules: Vec<RuleDoc>,
    pub sources: HashMap<String, Arc<str>>,
}

impl Sample {
    pub(crate) fn report(&self) -> Report<'_> {
        Report {
            findings: &self.findings,
            errors: &self.errors,
            rules: &self.rules,
            sources: &self.sources,
            files_scanned: 3,
            tool_version: "0.1.0",
        }
    }
}

pub(crate) fn sample() -> Sample {
    let d = Surface::Dockerfile;
    let findings = vec![
        Finding::new(
            &DW001,
            d,
            loc("broken/Dockerfile", (2, 5), (2, 10)),
            "unterminated heredoc `<<EOF`",
        )
        .with_fix("end the heredoc with a line holding only `EOF`"),
        Finding::new(
            &DW601,
            d,
            loc("Dockerfile", (3, 5), (3, 21)),
            "ENV `API_TOKEN` holds a secret; it stays in the image",
        )
        .with_target("build")
        .with_fix("use a build secret: `RUN --mount=type=secret,id=api_token`"),
        Finding::new(
            &DW707,
            d,
            loc("Dockerfile", (4, 42), (4, 46)),
            "apt-get installs `curl` without a version",
        )
        .with_target("build")
        .with_equivalents(["DL3008"])
        .with_fix("pin the version: `curl=<version>`"),
        {
            let mut f = Finding::new(
                &DW707,
                d,
                loc("Dockerfile", (6, 1), (6, 27)),
                "apt-get installs `git` without a version",
            )
            .with_target("build")
            .with_equivalents(["DL3008"]);
            f.suppressed = Some(Suppression {
                kind: SuppressionKind::Inline,
                reason: Some("pinned by the base image".into()),
            });
            f
        },
        Finding::new(
            &DW501,
            d,
            loc("Dockerfile", (9, 1), (9, 10)),
            "the final stage runs as `root`",
        )
        .with_fix("create an unprivileged user and end with `USER app`"),
        Finding::new(
            &DW502,
            Surface::Compose,
            loc(COMPOSE_PATH, (5, 5), (5, 21)),
            "service `web` runs privileged",
        )
        .with_target("web")
        .with_fix("remove `privileged: true`; add only the capabilities it needs")
        .with_autofix(dockward_core::Fix::unsafe_(
            "set `privileged: false`",
            vec![dockward_core::Edit::replace(COMPOSE_PATH, 58..74, "privileged: false")],
        )),
        {
            let mut f = Finding::new(
                &DW203,
                Surface::Compose,
                loc(COMPOSE_PATH, (3, 12), (3, 22)),
                "image `nginx:1.27` is not pinned by digest",
            )
            .with_target("web");
            f.suppressed = Some(Suppression { kind: SuppressionKind::Config, reason: None });
            f
        },
        Finding::new(
            &DW502,
            Surface::Container,
            Location::default(),
            "container `nginx-1` runs privileged",
        )
        .with_target("nginx-1 (3f2a9c1b7d0e)")
        .with_fix("recreate it without `--privileged`"),
    ];
    let errors = vec![InputError {
        file: Some("broken/Dockerfile".into()),
        line: Some(2),
        column: Some(5),
        message: "unterminated heredoc `<<EOF`".into(),
    }];
    let mut sources = HashMap::new();
    sources.insert("Dockerfile".to_string(), Arc::from(DOCKERFILE));
    sources.insert(COMPOSE_PATH.to_string(), Arc::from(COMPOSE));
    sources.insert("broken/Dockerfile".to_string(), Arc::from(BROKEN));
    Sample { findings, errors, rules: catalogue(), sources }
}

/// A report with nothing in it.
pub(crate) fn empty() -> Sample {
    Sample { findings: Vec::new(), errors: Vec::new(), rules: catalogue(), sources: HashMap::new() }
}
