//! ## What it does
//! Flags a comment directly above a build stage (`FROM ... AS name`) or a build argument
//! (`ARG name`) that does not start with that name.
//!
//! ## Why is this bad?
//! BuildKit reads such a comment as the definition's description (`docker buildx build
//! --call=outline` and the docs generated from it show it) only when it follows the format
//! `# <name> <description>`; otherwise the description is lost. BuildKit reports it as the
//! (experimental) build check `InvalidDefinitionDescription`. Off by default, as in BuildKit:
//! enable it with `extend-select` or `profile = "strict"`.
//!
//! ## Example
//! ```dockerfile
//! # The Go version to build with
//! ARG GO_VERSION=1.23
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! # GO_VERSION is the Go version to build with
//! ARG GO_VERSION=1.23
//! ```
//! (A blank line between the comment and the instruction makes the comment an ordinary one.)
//!
//! ## References
//! - BuildKit build check `InvalidDefinitionDescription` (`docker build --check`)
//! - <https://docs.docker.com/reference/build-checks/invalid-definition-description/>

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW058",
    name: "invalid-definition-description",
    summary: "Comment above a stage or ARG does not start with its name",
    practice: Practice::Correctness,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Info,
    equivalents: &["InvalidDefinitionDescription"],
    default_enabled: false,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for inst in ctx.instructions() {
        let name = match inst.keyword {
            Keyword::From => instruction::from_args(inst, ctx.escape())
                .and_then(|f| f.alias)
                .map(|a| a.value),
            Keyword::Arg => match instruction::arg_defs(inst, ctx.escape()).as_slice() {
                [one] => Some(one.name.clone()),
                _ => None,
            },
            _ => None,
        };
        let (Some(name), Some(comment)) = (name, inst.comments_before.last()) else { continue };
        let text = comment.text.trim();
        // Parser directives and suppression comments are not descriptions.
        if text.is_empty()
            || text.starts_with("dockward:")
            || text.starts_with("hadolint")
            || text.split_whitespace().next() == Some(name.as_str())
        {
            continue;
        }
        let what = if inst.keyword == Keyword::Arg { "build argument" } else { "stage" };
        out.push(
            ctx.finding(
                &RULE,
                comment.span,
                format!("the comment above {what} `{name}` does not start with `{name}`, so BuildKit does not take it as its description"),
            )
            .with_fix(format!("Start it with the name (`# {name} <description>`), or separate it from the instruction with a blank line.")),
        );
    }
}
