//! Compose loader (surface C): Compose files → a merged, interpolated, located project →
//! one [`ContainerSpec`](dockward_spec::ContainerSpec) per service.
//!
//! The pipeline, one module per step:
//! - [`yaml`]: YAML with positions, anchors/aliases/merge keys under an expansion budget;
//! - [`dotenv`], [`interpolate`]: `.env` files and `${VAR}` interpolation with provenance;
//! - [`project`]: which files and variables (defaults, overrides, `COMPOSE_FILE`, profiles),
//!   and the entry point [`load_project`];
//! - `include`, `extends`, [`merge`]: assembling the effective project with Compose's rules;
//! - [`schema`]: Compose Specification validation (DW002), located per key;
//! - `normalize` (+ [`syntax`]): the service tree → `ContainerSpec`.
//!
//! The loader does no rule checking. It never panics on input and never stops at one bad file:
//! problems are [`Diagnostic`]s with file, line and column.

pub mod diag;
pub mod dotenv;
mod extends;
mod include;
pub mod interpolate;
pub mod merge;
mod normalize;
pub mod project;
pub mod schema;
pub mod syntax;
pub mod yaml;

pub use diag::{Category, Diagnostic, Level};
pub use interpolate::Environment;
pub use project::{
    FileRole, LoadOptions, Project, ResourceDef, Service, SourceFile, SuppressionComment,
    load_project,
};

/// A model location as the core [`Location`](dockward_core::Location) that findings carry.
pub fn location(loc: &dockward_spec::SourceLoc) -> dockward_core::Location {
    use dockward_core::Position;
    dockward_core::Location {
        file: loc.file.clone(),
        start: Position { line: loc.line, column: loc.column },
        end: Position { line: loc.end_line, column: loc.end_column },
        bytes: loc.bytes.clone(),
    }
}
