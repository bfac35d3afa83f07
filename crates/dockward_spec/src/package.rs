//! Installed software found in an image (or a root filesystem): the package list that the SBOM
//! writers print and the vulnerability matcher looks up.
//!
//! One [`Package`] per installed package, whatever catalogued it (dpkg, apk, rpm, Python
//! dist-info, npm `package.json`, Go build info, cargo-auditable, Java archives, gemspecs). It
//! keeps what a scanner needs to match advisories exactly and to explain the match:
//! - the binary package's `name` and `version` as the package manager recorded them;
//! - for distribution packages, the SOURCE package and its version (`source_name`,
//!   `source_version`), because Debian, Ubuntu and Alpine publish advisories per source package;
//! - the [`Distro`] it was installed on (from `/etc/os-release`), which decides the advisory
//!   ecosystem (`Debian:12`, `Alpine:v3.20`);
//! - a package URL (purl) as syft emits it;
//! - the layer that added it and the file paths that prove it (evidence).
//!
//! No I/O here: the image crate fills these, the vulnerability crate and reporters read them.

use serde::{Deserialize, Serialize};

/// What kind of package database or artifact a package was found in. Decides the version
/// scheme used to compare its versions and, with [`Distro`], its advisory ecosystem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PackageKind {
    /// Debian/Ubuntu `dpkg` (`/var/lib/dpkg/status`, distroless `status.d/`).
    Deb,
    /// Alpine/Wolfi/Chainguard `apk` (`/lib/apk/db/installed`).
    Apk,
    /// Red Hat family `rpm` (sqlite, BerkeleyDB or ndb database).
    Rpm,
    /// Python distribution (`*.dist-info`, `*.egg-info`).
    Python,
    /// npm package (`node_modules/**/package.json`).
    Npm,
    /// Go module linked into a binary (build info), or the Go standard library (`stdlib`).
    GoModule,
    /// Rust crate linked into a binary (cargo-auditable `.dep-v0` section).
    RustCrate,
    /// Java archive (jar/war/ear, nested jars; pom.properties, MANIFEST.MF).
    Java,
    /// Ruby gem (gemspec).
    Gem,
    /// PHP Composer package (`vendor/composer/installed.json`).
    Composer,
}

impl PackageKind {
    /// The purl type (`deb`, `apk`, `rpm`, `pypi`, `npm`, `golang`, `cargo`, `maven`, `gem`,
    /// `composer`).
    pub fn purl_type(self) -> &'static str {
        match self {
            PackageKind::Deb => "deb",
            PackageKind::Apk => "apk",
            PackageKind::Rpm => "rpm",
            PackageKind::Python => "pypi",
            PackageKind::Npm => "npm",
            PackageKind::GoModule => "golang",
            PackageKind::RustCrate => "cargo",
            PackageKind::Java => "maven",
            PackageKind::Gem => "gem",
            PackageKind::Composer => "composer",
        }
    }

    /// True for packages of the operating system's package manager.
    pub fn is_os(self) -> bool {
        matches!(self, PackageKind::Deb | PackageKind::Apk | PackageKind::Rpm)
    }
}

/// The operating system release, from `/etc/os-release` (or `/usr/lib/os-release`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Distro {
    /// `ID` (`debian`, `ubuntu`, `alpine`, `almalinux`, `rocky`, `rhel`, `wolfi`, `chainguard`).
    pub id: String,
    /// `VERSION_ID` (`12`, `22.04`, `3.20.3`, `9.4`); empty on rolling releases.
    pub version_id: String,
    /// `VERSION_CODENAME` (`bookworm`), when given.
    pub codename: Option<String>,
    /// `ID_LIKE` entries (`rhel centos fedora`).
    pub id_like: Vec<String>,
    /// `PRETTY_NAME`, for messages.
    pub pretty_name: Option<String>,
    /// The file it was read from, inside the image.
    pub evidence: Option<String>,
}

/// The image layer a package or file came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LayerRef {
    /// 0-based index, base layer first.
    pub index: usize,
    /// The layer's DiffID (`sha256:` of the uncompressed tar), when known.
    pub diff_id: Option<String>,
    /// The history `created_by` of the instruction that made the layer, when known.
    pub created_by: Option<String>,
}

/// One installed package.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Package {
    pub name: String,
    /// The version as the package database or metadata recorded it (a dpkg version with its
    /// epoch, an apk `1.2.3-r4`, an rpm `[epoch:]version-release`, a PEP 440 version, …).
    pub version: String,
    pub kind: Option<PackageKind>,
    /// The source package (dpkg `Source:`, apk `origin`, rpm source RPM name), for distro
    /// packages; None when it is the package itself.
    pub source_name: Option<String>,
    /// The source package's version when it differs from `version` (dpkg `Source: x (ver)`).
    pub source_version: Option<String>,
    /// Package URL as syft writes it (`pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12`).
    pub purl: String,
    /// Architecture (`amd64`, `x86_64`, `noarch`), when recorded.
    pub arch: Option<String>,
    /// Licences as recorded (SPDX expressions where the metadata gives them).
    pub licenses: Vec<String>,
    /// For Java: `groupId`; for Go: the module path is `name`; otherwise None.
    pub namespace: Option<String>,
    /// The layer that added the package (the layer where its database entry first appears).
    pub layer: Option<LayerRef>,
    /// Paths inside the image that prove the package (its database, metadata file or binary).
    pub evidence: Vec<String>,
}

impl Package {
    /// The source package name, or the package's own name.
    pub fn source_or_name(&self) -> &str {
        self.source_name.as_deref().unwrap_or(&self.name)
    }

    /// The source package version, or the package's own version.
    pub fn source_or_version(&self) -> &str {
        self.source_version.as_deref().unwrap_or(&self.version)
    }
}

/// What the catalogers found in an image: the SBOM writers' and the matcher's input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PackageCatalog {
    /// The distribution, from `/etc/os-release` (None: no os-release found).
    pub distro: Option<Distro>,
    pub packages: Vec<Package>,
    /// Package databases found (`/var/lib/dpkg/status`, `/lib/apk/db/installed`, an rpmdb):
    /// an empty list means an empty package list proves nothing (DW303).
    pub databases: Vec<String>,
    /// What could not be catalogued and why (a file over the size cap, a corrupt database).
    pub notes: Vec<String>,
}
