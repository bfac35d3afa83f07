//! ## What it does
//! Flags every `MAINTAINER` instruction.
//!
//! ## Why is this bad?
//! `MAINTAINER` has been deprecated since Docker 1.13: it only sets the legacy `Author` field
//! of the image config, which tools no longer read. Labels are where image metadata lives, and
//! the OCI annotation `org.opencontainers.image.authors` is the standard key for it.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.20
//! MAINTAINER Jane Doe <jane@example.com>
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM alpine:3.20
//! LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
//! ```
//!
//! ## References
//! - hadolint DL4000 (MAINTAINER is deprecated); Trivy DS-0022; Checkov CKV_DOCKER_6;
//!   KICS maintainer_instruction_being_used
//! - BuildKit build check `MaintainerDeprecated`
//! - <https://docs.docker.com/reference/dockerfile/#maintainer-deprecated>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW040",
    name: "maintainer-deprecated",
    summary: "MAINTAINER is deprecated; use a LABEL",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Medium,
    equivalents: &["DL4000", "DS-0022", "CKV_DOCKER_6", "MaintainerDeprecated"],
    default_enabled: true,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for inst in ctx.instructions().iter().filter(|i| i.keyword == Keyword::Maintainer) {
        let who = crate::support::hadolint_compat::one_line(inst.args_text(), ctx.escape(), 200);
        let shown = crate::support::hadolint_compat::one_line(&who, ctx.escape(), 80);
        let label_value = who.replace('"', "");
        let fix = if who.is_empty() {
            "Remove `MAINTAINER`; record authors with `LABEL org.opencontainers.image.authors=\"…\"`.".to_string()
        } else {
            format!("Replace it with `LABEL org.opencontainers.image.authors=\"{label_value}\"`.")
        };
        out.push(
            ctx.finding(&RULE, inst.head_span(), format!("`MAINTAINER {shown}` is deprecated"))
                .with_fix(fix),
        );
    }
}
