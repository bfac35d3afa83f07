//! Catalogers: what software an image contains, from files the image reader hands over.
//!
//! The contract with the image reader (`dockward_image`), which streams layers and never
//! extracts them to disk:
//! 1. For every regular file of every layer the reader calls [`interest`] (cheap: path, mode
//!    and size only). `None`: the catalogers do not need the file.
//! 2. [`Interest::Capture`]: the reader keeps the file's bytes (package databases, metadata
//!    files: small) as a [`CapturedFile`] for step 4.
//! 3. [`Interest::Extract`]: the reader calls [`extract`] with the bytes at once, during the
//!    layer read, and keeps only the packages it returns (binaries and archives are too large
//!    to keep).
//! 4. After all layers, whiteouts applied, the reader calls [`catalog`] with a
//!    [`CapturedView`] of the final image. OS package databases decide which files are owned by
//!    an OS package; language packages evidenced only by such files are dropped (as syft does).
//!
//! Per-layer results (captured files, extracted packages) are serialisable so the reader can
//! cache them by layer DiffID. No I/O here: everything arrives as bytes.

pub use dockward_spec::{Distro, LayerRef, Package, PackageCatalog, PackageKind};
use serde::{Deserialize, Serialize};

/// How the image reader should hand a file to the catalogers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interest {
    /// Keep the file's bytes for [`catalog`] (files larger than `max` bytes are skipped, with a
    /// note in the catalog).
    Capture { max: u64 },
    /// Call [`extract`] with the file's bytes during the layer read and keep only the result
    /// (files larger than `max` bytes are skipped, with a note).
    Extract { max: u64 },
}

/// Which files the catalogers need, from the path inside the image (absolute, `/`-separated,
/// normalised: no `.` or `..` components), the mode bits (with the file type bits) and the
/// size. Called for every regular file of every layer: must be cheap.
pub fn interest(path: &str, mode: u32, size: u64) -> Option<Interest> {
    let _ = (path, mode, size);
    None
}

/// A file kept for cataloging.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapturedFile {
    /// Absolute path inside the image.
    pub path: String,
    /// Index of the layer that wrote this version (0 = base layer).
    pub layer: usize,
    pub bytes: Vec<u8>,
}

/// Packages found in one file (a Go or Rust binary, a jar): evidence is `path`; the caller sets
/// [`Package::layer`].
pub fn extract(path: &str, bytes: &[u8]) -> Vec<Package> {
    let _ = (path, bytes);
    Vec::new()
}

/// The final image as the catalogers see it: what was captured and extracted, after whiteouts.
pub trait CapturedView {
    /// The captured file at `path` in the final image.
    fn file(&self, path: &str) -> Option<&CapturedFile>;
    /// Every captured file of the final image, in path order.
    fn files(&self) -> Box<dyn Iterator<Item = &CapturedFile> + '_>;
    /// Every version of `path` that a layer wrote, oldest first (the layer that added a
    /// package is the first whose database lists it).
    fn history(&self, path: &str) -> Vec<&CapturedFile>;
    /// Packages [`extract`]ed from files present in the final image: (path, layer, package).
    fn extracted(&self) -> Box<dyn Iterator<Item = (&str, usize, &Package)> + '_>;
}

/// Everything installed in the image: the distribution (os-release), OS packages (dpkg, apk,
/// rpm) and language packages, each with its layer (`layers[i]` describes layer `i`) and
/// evidence paths; files owned by an OS package yield no second, language-level package.
pub fn catalog(view: &dyn CapturedView, layers: &[LayerRef]) -> PackageCatalog {
    let _ = (view, layers);
    PackageCatalog::default()
}
