//! ## What it does
//! Reports a Compose file that violates the Compose Specification schema: an unknown key
//! (`restart_policy:` at service level, `enviroment:`), a value of the wrong type
//! (`ports: 8080`), an invalid enum value. Each violation is located at the offending key.
//! Validation runs after interpolation, on each file of the project, against the Compose
//! Specification JSON schema embedded in dockward (compose-spec/compose-go).
//!
//! ## Why is this bad?
//! `docker compose` refuses such files, or (for keys Compose ignores) the setting silently
//! has no effect: a misspelt `read_only`, `cap_drop` or `mem_limit` leaves the container
//! unhardened while the author believes otherwise.
//!
//! ## Example
//! ```yaml
//! services:
//!   web:
//!     image: nginx:1.27
//!     readonly: true
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   web:
//!     image: nginx:1.27
//!     read_only: true
//! ```
//!
//! ## References
//! - Compose Specification: <https://github.com/compose-spec/compose-spec/blob/main/spec.md>
//! - dclint (DCLint) schema validation

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {
    code: "DW002",
    name: "compose-schema",
    summary: "Compose file violates the Compose Specification schema",
    practice: Practice::Correctness,
    surfaces: &[Surface::Compose],
    severity: Severity::Medium,
    equivalents: &["dclint"],
    default_enabled: true,
};
