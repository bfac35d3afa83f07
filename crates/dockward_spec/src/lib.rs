//! Shared models that every surface is normalised into, so that a rule is written once.
//!
//! - [`ImageRef`]: an image reference (`nginx:1.25`, `ghcr.io/o/r@sha256:…`) parsed with the
//!   grammar and normalisation Docker applies (`distribution/reference`).
//! - [`ContainerSpec`]: how a container is started, whether from a Compose service or a live
//!   container; every field keeps its location and provenance ([`Located`]).
//! - [`ImageSpec`]: a local image's configuration and history (Engine API).
//! - [`HostFacts`] and [`HostFiles`]: a Docker daemon and the machine it runs on.
//! - [`Package`]: installed software found in an image, for SBOMs and vulnerability matching.
//!
//! This crate does no I/O; it only defines models and their parsing.

pub mod container;
pub mod host;
pub mod host_files;
pub mod image;
pub mod image_ref;
pub mod package;

pub use container::{ContainerSpec, Located, Provenance, SourceLoc, VariableSource};
pub use host::{HostFacts, Inventory, NetworkFacts};
pub use host_files::HostFiles;
pub use image::ImageSpec;
pub use image_ref::{ImageRef, ImageRefError};
pub use package::{Distro, LayerRef, Package, PackageCatalog, PackageKind};
