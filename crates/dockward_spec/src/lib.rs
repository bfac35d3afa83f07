//! Shared models that every surface is normalised into, so that a rule is written once.
//!
//! - [`ImageRef`]: an image reference (`nginx:1.25`, `ghcr.io/o/r@sha256:…`) parsed with the
//!   grammar and normalisation Docker applies (`distribution/reference`).
//! - [`ContainerSpec`]: how a container is started, whether from a Compose service or a live
//!   container; every field keeps its location and provenance ([`Located`]).
//! - Later: `ImageSpec` (an image's effective configuration, whether it comes from a Dockerfile,
//!   an image config JSON or the Engine API).
//!
//! This crate does no I/O; it only defines models and their parsing.

pub mod container;
pub mod host;
pub mod image_ref;

pub use host::HostFacts;
pub use container::{ContainerSpec, Located, Provenance, SourceLoc, VariableSource};
pub use image_ref::{ImageRef, ImageRefError};
