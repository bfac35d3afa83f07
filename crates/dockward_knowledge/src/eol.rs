//! End-of-life releases of base images and runtimes (DW103 base-image-eol, DW302 os-eol).
//!
//! The table is endoflife.date data of [`DATA_DATE`], embedded from `data/eol/` (see
//! `data/eol/SOURCE.md` for origin and license) and parsed once, lazily, on first use.
//!
//! # How an image reference resolves to a release cycle
//!
//! 1. The image is matched by its familiar name (`debian`, `quay.io/centos/centos`) against the
//!    `image` column of `image-tags.tsv`, after two normalisations: Docker's per-architecture
//!    namespaces of official images (`arm64v8/debian` is `debian`) and the alternative names the
//!    `notes` column lists (`docker.elastic.co/elasticsearch/elasticsearch`, `dotnet/sdk`, …).
//!    Red Hat UBI images carry their release in the name (`ubi8/ubi-minimal` is RHEL 8), so their
//!    tag is not needed.
//! 2. The tag (lower-cased) resolves to a cycle of the image's product:
//!    - an image-specific prefix is dropped (`centos7`, `stream9`, `open-17`, `ltsc2022`);
//!    - a codename as the first `-`-separated token: Debian/Ubuntu codenames from the `codename`
//!      column (`buster`, `jammy-20240101`), Node.js LTS names (`fermium`), non-numeric cycles
//!      (`noetic`, `20h2`);
//!    - otherwise a version `[v]N(.N)*` at the start of the tag, followed by the end, `-`, or a
//!      Java build suffix (`8u402`, `11.0.22_7`). The longest cycle that is a prefix of the version
//!      (component by component) wins: `10.13` → `10`, `26.1.4` → `26.1`, `9.6.24` → `9.6`.
//!      A version with no such cycle that a single longer cycle extends resolves to it (Ruby's
//!      three-part cycles: `ruby:2.0` → `2.0.0`, `ruby:1.9` → `1.9.3`).
//!    - a major-only tag with no cycle of its own (`python:3`, `tomcat:9`) floats to the newest
//!      cycle of that major still supported at [`DATA_DATE`]: that is where docker-library keeps
//!      such aliases (`mongo:7` is 7.0, not the short-lived 7.3; `haproxy:2` is the 2.8 LTS).
//!      When every cycle of the major has ended, the one that ended last is taken, so that a
//!      finding never claims an earlier date than the tag can have (`mongo:5` → 5.0).
//! 3. The rest of the tag is scanned for variant tokens from `tag-suffixes.tsv`: base OS
//!    (`buster`, `alpine3.15`, `al2`, `ubi9`), bundled JDK (`jdk17`, `eclipse-temurin-17`), PHP
//!    (`php7.4`), Erlang (`otp-26`). An end-of-life base is reported when the image's own release
//!    is fine (`python:3.12-slim-buster` → Debian 10).
//!
//! Anything that does not resolve confidently gives `None`, never a guess: no tag, `latest`,
//! digest-only references, aliases (`edge`, `rolling`, `sid`, `testing`, `lts`, `stable`),
//! pre-releases (`3.14.0rc1`, `17beta1`), tags with unexpanded variables (`$`), versions the
//! source does not list (`elasticsearch:8.10.2`), and images not in the table.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use dockward_spec::ImageRef;

/// The date of the endoflife.date data the table was copied from.
pub const DATA_DATE: &str = "2026-08-22";

const RELEASES_TSV: &str = include_str!("../data/eol/releases.tsv");
const IMAGE_TAGS_TSV: &str = include_str!("../data/eol/image-tags.tsv");
const TAG_SUFFIXES_TSV: &str = include_str!("../data/eol/tag-suffixes.tsv");

/// An image (or OS release) that names an end-of-life release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EolVerdict {
    /// The familiar name of the image (`node`, `quay.io/centos/centos`); for
    /// [`os_release_eol`], the os-release `ID`.
    pub image: String,
    /// The endoflife.date product (`debian`, `nodejs`, `alpine-linux`).
    pub product: String,
    /// The release cycle (`10`, `14`, `3.15`).
    pub cycle: String,
    /// The release's codename as the source writes it (`Buster`, `Bionic Beaver`).
    pub codename: Option<String>,
    /// End-of-life date, `YYYY-MM-DD`; `None` when the source only says "end of life".
    pub eol_date: Option<String>,
    /// End of extended support, when the source gives a date (Debian LTS, Ubuntu ESM, RHEL ELS,
    /// SLES LTSS, …); often later than `eol_date` and often paid. Lets a message say "security
    /// support ended …, LTS until …".
    pub extended_support_until: Option<String>,
    /// Where the date comes from, for the finding: `endoflife.date <product> (data of …)`.
    pub source: &'static str,
    /// The part of the reference that selected the cycle (`3.7`, `buster`, `alpine3.15`, `ubi7`).
    pub matched: String,
    /// True when the release is a variant of the tag (base OS, bundled JDK, PHP, Erlang) rather
    /// than the image's own version: `python:3.12-slim-buster` names Debian 10.
    pub from_variant: bool,
}

/// A reference resolved to a release cycle, without judging whether it is end of life.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The familiar name of the image; for [`resolve_os_release`], the os-release `ID`.
    pub image: String,
    /// The endoflife.date product.
    pub product: &'static str,
    /// The release cycle.
    pub cycle: &'static str,
    /// The codename as the source writes it, if any.
    pub codename: Option<&'static str>,
    /// The `eol` field as given: a `YYYY-MM-DD` date, `true` (no date) or `false`.
    pub eol: &'static str,
    /// The end of extended support (`eoes` column) as given: a date, `true`, `false`, or empty
    /// when not stated.
    pub extended_support: &'static str,
    /// Where the data comes from.
    pub source: &'static str,
    /// The part of the reference that selected the cycle.
    pub matched: String,
    /// True when the cycle comes from a variant token of the tag, not the image's own version.
    pub from_variant: bool,
}

impl Resolved {
    /// True when the release is end of life on `today` (`YYYY-MM-DD`): its date is on or before
    /// `today`, or the source says `true`. False for a malformed `today`.
    pub fn is_eol_on(&self, today: &str) -> bool {
        is_iso_date(today) && eol_passed(self.eol, today)
    }

    /// The end-of-life date, when the source gives one.
    pub fn eol_date(&self) -> Option<&'static str> {
        is_iso_date(self.eol).then_some(self.eol)
    }

    fn to_verdict(&self) -> EolVerdict {
        EolVerdict {
            image: self.image.clone(),
            product: self.product.to_owned(),
            cycle: self.cycle.to_owned(),
            codename: self.codename.map(str::to_owned),
            eol_date: self.eol_date().map(str::to_owned),
            extended_support_until: Some(self.extended_support)
                .filter(|d| is_iso_date(d))
                .map(str::to_owned),
            source: self.source,
            matched: self.matched.clone(),
            from_variant: self.from_variant,
        }
    }
}

/// `Some(verdict)` when `image`'s tag resolves to a release cycle whose end-of-life date is on or
/// before `today` (`YYYY-MM-DD`), or that the source marks end of life without a date.
///
/// The image's own release is judged first; when it is supported (or unknown), the first
/// end-of-life variant of the tag (base OS, bundled JDK, …) is reported instead. With both a tag
/// and a digest, the tag is what names the release. `None` when nothing resolves confidently or
/// `today` is not a `YYYY-MM-DD` date.
pub fn image_eol(image: &ImageRef, today: &str) -> Option<EolVerdict> {
    if !is_iso_date(today) {
        return None;
    }
    let (own, variants) = resolve_all(image);
    own.into_iter().chain(variants).find(|r| r.is_eol_on(today)).map(|r| r.to_verdict())
}

/// The release cycle of the image itself (not of its variants), without judging it.
pub fn resolve_image(image: &ImageRef) -> Option<Resolved> {
    resolve_all(image).0
}

/// The releases named by variant tokens of the tag (base OS, bundled JDK, PHP, Erlang), in tag
/// order, without judging them. Releases of the image's own product are not repeated here.
pub fn resolve_variants(image: &ImageRef) -> Vec<Resolved> {
    resolve_all(image).1
}

/// The image's own release and its variants' releases, as public values.
fn resolve_all(image: &ImageRef) -> (Option<Resolved>, Vec<Resolved>) {
    let Some(hits) = resolve_hits(table(), image) else {
        return (None, Vec::new());
    };
    let familiar = image.familiar_name();
    let own = hits.own.map(|hit| hit.into_resolved(&familiar));
    let variants = hits.variants.into_iter().map(|hit| hit.into_resolved(&familiar)).collect();
    (own, variants)
}

/// `Some(verdict)` when an `/etc/os-release` `ID` + `VERSION_ID` (`"debian"`, `"10"`;
/// `"alpine"`, `"3.15.4"`) names a release that is end of life on `today`.
pub fn os_release_eol(id: &str, version_id: &str, today: &str) -> Option<EolVerdict> {
    if !is_iso_date(today) {
        return None;
    }
    resolve_os_release(id, version_id).filter(|r| r.is_eol_on(today)).map(|r| r.to_verdict())
}

/// Resolves an `/etc/os-release` `ID` + `VERSION_ID` to a release cycle, without judging it.
///
/// `VERSION_ID` must be a plain version (`10`, `18.04`, `3.15.4`, `2018.03`); development builds
/// (`3.21_alpha20240807`) and missing versions (Debian testing) give `None`. CentOS Stream has
/// `ID=centos` like CentOS Linux: `8` is read as CentOS Linux 8 (both are end of life), `9` and
/// `10` as CentOS Stream, which is the only one with those releases.
pub fn resolve_os_release(id: &str, version_id: &str) -> Option<Resolved> {
    let table = table();
    let id = unquote(id).to_ascii_lowercase();
    let version_id = unquote(version_id);
    // VERSION_ID is exact: no variants, no build suffixes, no floating.
    let version = parse_version(version_id).filter(|v| v.remainder.is_empty() && !v.had_suffix);
    let products = OS_RELEASE_IDS.iter().filter(|(os_id, _)| *os_id == id).map(|(_, p)| *p);

    for product in products {
        let Some((product, entry)) = table.product(product) else {
            continue;
        };
        let release = if product == "clearlinux" {
            // A single rolling cycle: every build is "current".
            entry.release("current")
        } else {
            version.as_ref().and_then(|v| os_version_cycle(entry, &v.components))
        };
        if let Some(release) = release {
            let hit = Hit {
                product,
                release,
                source: &entry.source,
                matched: version_id.to_owned(),
                from_variant: false,
            };
            return Some(hit.into_resolved(&id));
        }
    }
    None
}

/// The release cycle of `product` (an endoflife.date name the table keeps: `docker-engine`) that
/// `version` belongs to: the longest cycle that prefixes it (`20.10.24+dfsg1` → `20.10`,
/// `29.1.2` → `29`). `None` when the product or no cycle matches.
pub fn resolve_release(product: &str, version: &str) -> Option<Resolved> {
    let (product, entry) = table().product(product)?;
    // Distribution suffixes (`+dfsg1`, `~ds1`) are not part of the upstream version.
    let v = parse_version(version.trim().split(['+', '~']).next().unwrap_or(""))?;
    let release = longest_prefix_cycle(entry, &v.components)?;
    let hit = Hit {
        product,
        release,
        source: &entry.source,
        matched: version.trim().to_owned(),
        from_variant: false,
    };
    Some(hit.into_resolved(product))
}

/// Today's date in UTC, `YYYY-MM-DD`, from the system clock (1970-01-01 if the clock is set
/// before the Unix epoch).
pub fn today_utc() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    // u64::MAX / 86_400 fits in an i64, so the conversion cannot fail; 0 is only a formality.
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Converts days since 1970-01-01 to a proleptic Gregorian (year, month, day).
///
/// Howard Hinnant's `civil_from_days` (<https://howardhinnant.github.io/date_algorithms.html>):
/// shift the epoch to 0000-03-01 so that leap days fall at the end of a year, then split into
/// 400-year eras, years of the era, and months of 153-day five-month blocks.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097); // [0, 146096]
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365; // [0, 399]
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100); // [0, 365]
    let month_index = (5 * day_of_year + 2) / 153; // [0, 11], March = 0
    let day = day_of_year - (153 * month_index + 2) / 5 + 1; // [1, 31]
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 }; // [1, 12]
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    // Both values are within the ranges noted above, so the narrowing is lossless.
    (year, month as u32, day as u32)
}

// ---------------------------------------------------------------------------------------------
// Knowledge that is in the `notes`/`tag_rule` columns as prose, written down as data here.
// ---------------------------------------------------------------------------------------------

/// Other names of images in `image-tags.tsv`, from its `notes` column ("also …", "same for …").
const IMAGE_ALIASES: &[(&str, &str)] = &[
    ("azul/zulu-openjdk", "azul-zulu"),
    ("kong/kong-gateway", "kong"),
    ("mongodb/mongodb-community-server", "mongo"),
    ("docker.elastic.co/elasticsearch/elasticsearch", "elasticsearch"),
    ("docker.elastic.co/kibana/kibana", "kibana"),
    ("docker.elastic.co/logstash/logstash", "logstash"),
    ("clickhouse/clickhouse-server", "clickhouse"),
    ("rocketchat/rocket.chat", "rocket.chat"),
    ("registry.k8s.io/kube-controller-manager", "registry.k8s.io/kube-apiserver"),
    ("registry.k8s.io/kube-scheduler", "registry.k8s.io/kube-apiserver"),
    ("registry.k8s.io/kube-proxy", "registry.k8s.io/kube-apiserver"),
    ("k8s.gcr.io/kube-apiserver", "registry.k8s.io/kube-apiserver"),
    ("k8s.gcr.io/kube-controller-manager", "registry.k8s.io/kube-apiserver"),
    ("k8s.gcr.io/kube-scheduler", "registry.k8s.io/kube-apiserver"),
    ("k8s.gcr.io/kube-proxy", "registry.k8s.io/kube-apiserver"),
    ("mcr.microsoft.com/dotnet/runtime", "mcr.microsoft.com/dotnet/aspnet"),
    ("mcr.microsoft.com/dotnet/runtime-deps", "mcr.microsoft.com/dotnet/aspnet"),
    ("mcr.microsoft.com/dotnet/sdk", "mcr.microsoft.com/dotnet/aspnet"),
    ("mcr.microsoft.com/dotnet/core/aspnet", "mcr.microsoft.com/dotnet/aspnet"),
    ("mcr.microsoft.com/dotnet/core/runtime", "mcr.microsoft.com/dotnet/aspnet"),
    ("mcr.microsoft.com/dotnet/core/runtime-deps", "mcr.microsoft.com/dotnet/aspnet"),
    ("mcr.microsoft.com/dotnet/core/sdk", "mcr.microsoft.com/dotnet/aspnet"),
];

/// docker-library publishes every official image under these per-architecture Docker Hub
/// namespaces too (`arm64v8/debian` is `debian` built for arm64).
const ARCH_NAMESPACES: &[&str] = &[
    "amd64",
    "arm32v5",
    "arm32v6",
    "arm32v7",
    "arm64v8",
    "i386",
    "mips64le",
    "ppc64le",
    "riscv64",
    "s390x",
    "windows-amd64",
];

/// Tag prefixes to drop before reading the version (`tag_rule`/`notes`: `centos7`, `stream9`,
/// `open-17-jre-jammy`, `enterprise-7.2.4`, `ltsc2022`).
const TAG_PREFIXES: &[(&str, &str)] = &[
    ("centos", "centos"),
    ("quay.io/centos/centos", "stream"),
    ("ibm-semeru-runtimes", "open-"),
    ("couchbase", "enterprise-"),
    ("couchbase", "community-"),
    ("mcr.microsoft.com/windows/servercore", "ltsc"),
    ("mcr.microsoft.com/windows/nanoserver", "ltsc"),
];

/// Images with more than one product row, told apart by a tag token (sonarqube: tags ending in
/// `-community` are the community build, `-developer`/`-enterprise`/`-datacenter-*` the server).
/// Without such a token the product, and so the cycle, is unknown.
const PRODUCT_SELECTORS: &[(&str, &str, &str)] = &[
    ("sonarqube", "community", "sonarqube-community"),
    ("sonarqube", "developer", "sonarqube-server"),
    ("sonarqube", "enterprise", "sonarqube-server"),
    ("sonarqube", "datacenter", "sonarqube-server"),
];

/// Tag tokens that mark a development line with no cycle (`almalinux:10-kitten`).
const DEVELOPMENT_TOKENS: &[(&str, &str)] = &[("almalinux", "kitten")];

/// Codename tags that the `codename` column does not carry (node notes: LTS codenames).
const CODENAME_TAGS: &[(&str, &str, &str)] = &[
    ("nodejs", "argon", "4"),
    ("nodejs", "boron", "6"),
    ("nodejs", "carbon", "8"),
    ("nodejs", "dubnium", "10"),
    ("nodejs", "erbium", "12"),
    ("nodejs", "fermium", "14"),
    ("nodejs", "gallium", "16"),
    ("nodejs", "hydrogen", "18"),
    ("nodejs", "iron", "20"),
    ("nodejs", "jod", "22"),
    ("nodejs", "krypton", "24"),
];

/// Products whose tags may be a codename from the `codename` column (its first word, lower-case).
const CODENAME_PRODUCTS: &[&str] = &["debian", "ubuntu"];

/// The `openjdk` image's `8` tags: the source has no cycle 8 for OpenJDK builds from Oracle, and
/// the image notes say to treat those tags as an unsupported upstream build (the docker-library
/// image is deprecated and its 8 tags were not Oracle builds). They are reported as end of life
/// without a date, with this source.
static OPENJDK_8: Release = Release { cycle: "8", codename: "", eol: "true", eoes: "" };
const OPENJDK_PRODUCT: &str = "openjdk-builds-from-oracle";
const OPENJDK_8_SOURCE: &str = "docker-library openjdk image: 8 tags are an unsupported upstream \
     build with no endoflife.date cycle (image-tags.tsv notes, data of 2026-08-22)";

/// `/etc/os-release` `ID` → product. `centos` is tried as CentOS Linux, then CentOS Stream.
const OS_RELEASE_IDS: &[(&str, &str)] = &[
    ("debian", "debian"),
    ("ubuntu", "ubuntu"),
    ("alpine", "alpine-linux"),
    ("centos", "centos"),
    ("centos", "centos-stream"),
    ("rhel", "rhel"),
    ("rocky", "rocky-linux"),
    ("almalinux", "almalinux"),
    ("amzn", "amazon-linux"),
    ("ol", "oracle-linux"),
    ("fedora", "fedora"),
    ("opensuse-leap", "opensuse"),
    ("sles", "sles"),
    ("photon", "vmware-photon"),
    ("mageia", "mageia"),
    ("clear-linux-os", "clearlinux"),
];

/// Red Hat Universal Base Images: the release is in the name (`ubi8`, `ubi9/ubi-minimal`,
/// `ubi9/openjdk-21-runtime`), on Red Hat's registries and Red Hat's Docker Hub namespace.
const UBI_REGISTRIES: &[&str] = &["registry.access.redhat.com/", "registry.redhat.io/"];
const UBI_SUB_IMAGES: &[&str] = &["ubi", "ubi-minimal", "ubi-micro", "ubi-init"];
const UBI_HUB_SUFFIXES: &[&str] = &["", "-minimal", "-micro", "-init"];

// ---------------------------------------------------------------------------------------------
// The table.
// ---------------------------------------------------------------------------------------------

struct Table {
    products: HashMap<&'static str, Product>,
    images: Vec<ImageRow>,
    suffixes: Vec<SuffixRule>,
}

struct Product {
    /// `endoflife.date <product> (data of …)`.
    source: String,
    /// In source order.
    releases: Vec<Release>,
}

struct Release {
    cycle: &'static str,
    codename: &'static str,
    eol: &'static str,
    /// End of extended support (`eoes`), empty when not stated.
    eoes: &'static str,
}

struct ImageRow {
    image: &'static str,
    product: &'static str,
}

/// One form of a variant token sequence from `tag-suffixes.tsv` (`alpine3.15`, `otp-N`).
struct SuffixRule {
    tokens: Vec<TokenPattern>,
    product: &'static str,
    /// A literal cycle, or the placeholder `N` / `X.Y` filled from the tag.
    cycle: &'static str,
    /// The generic `jdkN` forms: temurin unless the tag names another JDK vendor.
    jdk_vendor_from_tag: bool,
}

enum TokenPattern {
    Literal(&'static str),
    /// `<prefix>N`: the prefix, then digits.
    Number(&'static str),
    /// `<prefix>X.Y`: the prefix, then digits.digits.
    MajorMinor(&'static str),
}

/// JDK vendors named in tags next to a generic `jdkN` token (`9.7.1-jdk25-corretto`); `None` is
/// a vendor the table has no product for (GraalVM), so the JDK is left unresolved.
const JDK_VENDORS: &[(&str, Option<&str>)] = &[
    ("corretto", Some("amazon-corretto")),
    ("semeru", Some("ibm-semeru")),
    ("sapmachine", Some("sapmachine")),
    ("graal", None),
];

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(Table::load)
}

/// Data rows of an embedded TSV (header skipped), split into fields. Malformed rows are skipped
/// rather than trusted; the tests check that every row of the shipped files is read.
fn tsv_rows(tsv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.split('\t').collect())
}

impl Table {
    fn load() -> Table {
        let images: Vec<ImageRow> = tsv_rows(IMAGE_TAGS_TSV)
            .filter_map(|f| match f.as_slice() {
                [image, product, ..] if !image.is_empty() && !product.is_empty() => {
                    Some(ImageRow { image, product })
                }
                _ => None,
            })
            .collect();

        let suffixes: Vec<SuffixRule> = tsv_rows(TAG_SUFFIXES_TSV)
            .filter_map(|f| match f.as_slice() {
                [suffix, product, cycle, ..] => Some(SuffixRule::from_row(suffix, product, cycle)),
                _ => None,
            })
            .flatten()
            .collect();

        // Only products that something maps to are kept (containerd and django have no image).
        let wanted: HashSet<&str> = images
            .iter()
            .map(|row| row.product)
            .chain(suffixes.iter().map(|rule| rule.product))
            .chain(JDK_VENDORS.iter().filter_map(|(_, product)| *product))
            .chain(OS_RELEASE_IDS.iter().map(|(_, product)| *product))
            .collect();

        let mut products: HashMap<&'static str, Product> = HashMap::new();
        for fields in tsv_rows(RELEASES_TSV) {
            // product, cycle, codename, release_date, eol, lts, latest, latest_release_date,
            // eoas, eoes, lts_from
            let [product, cycle, codename, _, eol, _, _, _, _, eoes, ..] = fields.as_slice() else {
                continue;
            };
            if !wanted.contains(product) || cycle.is_empty() {
                continue;
            }
            let entry = products.entry(*product).or_insert_with(|| Product {
                source: format!("endoflife.date {product} (data of {DATA_DATE})"),
                releases: Vec::new(),
            });
            entry.releases.push(Release { cycle, codename, eol, eoes });
        }

        Table { products, images, suffixes }
    }

    /// The product's name (borrowed from the data, hence `'static`) and its releases.
    fn product(&'static self, name: &str) -> Option<(&'static str, &'static Product)> {
        self.products.get_key_value(name).map(|(name, product)| (*name, product))
    }
}

impl Product {
    fn release(&self, cycle: &str) -> Option<&Release> {
        self.releases.iter().find(|r| r.cycle == cycle)
    }
}

impl SuffixRule {
    /// The rule(s) for one `tag-suffixes.tsv` row: each `/`-separated form, plus the forms its
    /// notes describe in prose (`alpine-3.23` next to `alpine3.23`; `ubuntu-22.04`).
    fn from_row(
        suffix: &'static str,
        product: &'static str,
        cycle: &'static str,
    ) -> Vec<SuffixRule> {
        let jdk_vendor_from_tag = suffix.starts_with("jdkN");
        let mut forms: Vec<Vec<TokenPattern>> = suffix
            .split('/')
            .map(str::trim)
            .filter(|form| !form.is_empty())
            .map(|form| form.split('-').map(TokenPattern::parse).collect())
            .collect();
        let is_placeholder = matches!(cycle, "N" | "X.Y");
        if product == "alpine-linux" && !is_placeholder && suffix.starts_with("alpine") {
            forms.push(vec![TokenPattern::Literal("alpine"), TokenPattern::Literal(cycle)]);
        }
        if product == "ubuntu" && !is_placeholder {
            forms.push(vec![TokenPattern::Literal("ubuntu"), TokenPattern::Literal(cycle)]);
        }
        forms
            .into_iter()
            .filter(|tokens| !tokens.is_empty())
            .map(|tokens| SuffixRule { tokens, product, cycle, jdk_vendor_from_tag })
            .collect()
    }

    /// Matches the rule at the start of `tokens`; returns the number of tokens used and the
    /// cycle (with its placeholder filled).
    fn match_at<'t>(&self, tokens: &[&'t str]) -> Option<(usize, &'t str)> {
        let mut captured: Option<&'t str> = None;
        for (i, pattern) in self.tokens.iter().enumerate() {
            let token = *tokens.get(i)?;
            match pattern {
                TokenPattern::Literal(literal) => {
                    if token != *literal {
                        return None;
                    }
                }
                TokenPattern::Number(prefix) => {
                    let rest = token.strip_prefix(prefix)?;
                    if !is_digits(rest) {
                        return None;
                    }
                    captured = Some(rest);
                }
                TokenPattern::MajorMinor(prefix) => {
                    let rest = token.strip_prefix(prefix)?;
                    let (major, minor) = rest.split_once('.')?;
                    if !is_digits(major) || !is_digits(minor) {
                        return None;
                    }
                    captured = Some(rest);
                }
            }
        }
        let cycle = match self.cycle {
            "N" | "X.Y" => captured?,
            literal => literal,
        };
        Some((self.tokens.len(), cycle))
    }
}

impl TokenPattern {
    /// `jdkN` → Number("jdk"), `phpX.Y` → MajorMinor("php"), anything else literal. Literal text
    /// in the file is lower-case, so a trailing upper-case `N` is always the placeholder.
    fn parse(token: &'static str) -> TokenPattern {
        if let Some(prefix) = token.strip_suffix("X.Y") {
            TokenPattern::MajorMinor(prefix)
        } else if let Some(prefix) = token.strip_suffix('N') {
            TokenPattern::Number(prefix)
        } else {
            TokenPattern::Literal(token)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Resolution.
// ---------------------------------------------------------------------------------------------

/// A release found for a reference, before it is turned into a public [`Resolved`].
struct Hit {
    product: &'static str,
    release: &'static Release,
    source: &'static str,
    matched: String,
    from_variant: bool,
}

impl Hit {
    fn into_resolved(self, image: &str) -> Resolved {
        Resolved {
            image: image.to_owned(),
            product: self.product,
            cycle: self.release.cycle,
            codename: Some(self.release.codename).filter(|c| !c.is_empty()),
            eol: self.release.eol,
            extended_support: self.release.eoes,
            source: self.source,
            matched: self.matched,
            from_variant: self.from_variant,
        }
    }
}

/// The image's own release (if it resolves) and the releases of its tag's variants.
struct Hits {
    own: Option<Hit>,
    variants: Vec<Hit>,
}

/// `None` when the image is not in the table or the reference cannot name a release at all.
fn resolve_hits(table: &'static Table, image: &ImageRef) -> Option<Hits> {
    let tag = image.tag.as_deref();
    // An unexpanded build argument: whatever it expands to is unknown.
    if image.path.contains('$') || tag.is_some_and(|t| t.contains('$')) {
        return None;
    }
    let name = canonical_name(image);

    if let Some(hit) = resolve_ubi(table, &name) {
        return Some(hit);
    }

    let rows: Vec<&ImageRow> = table.images.iter().filter(|row| row.image == name).collect();
    if rows.is_empty() {
        return None;
    }
    // No tag means `latest` (or a digest alone): it names no release.
    let tag = tag?.to_ascii_lowercase();
    if tag == "latest" {
        return None;
    }

    let (own, rest) = resolve_own(table, &name, &rows, &tag);
    let own_products: Vec<&str> = rows.iter().map(|row| row.product).collect();
    let variants = scan_variants(table, rest, &own_products);
    Some(Hits { own, variants })
}

/// The familiar name, lower-cased, with architecture namespaces and aliases mapped to the name
/// the table uses.
fn canonical_name(image: &ImageRef) -> String {
    let mut name = image.familiar_name().to_ascii_lowercase();
    if image.is_docker_hub()
        && let Some((namespace, rest)) = name.split_once('/')
        && ARCH_NAMESPACES.contains(&namespace)
        && !rest.contains('/')
    {
        name = rest.to_owned();
    }
    if let Some((_, target)) = IMAGE_ALIASES.iter().find(|(alias, _)| *alias == name) {
        name = (*target).to_owned();
    }
    name
}

/// Red Hat UBI images: RHEL N from `ubiN`; Red Hat's OpenJDK M from `ubiN/openjdk-M[-runtime]`
/// (with RHEL N as its base). The tag does not matter.
fn resolve_ubi(table: &'static Table, name: &str) -> Option<Hits> {
    let (ubi, sub_image) =
        if let Some(rest) = UBI_REGISTRIES.iter().find_map(|r| name.strip_prefix(*r)) {
            match rest.split_once('/') {
                Some((ubi, sub)) => (ubi, Some(sub)),
                None => (rest, None),
            }
        } else {
            // Docker Hub: redhat/ubi9, redhat/ubi9-minimal, …
            let rest = name.strip_prefix("redhat/")?;
            let ubi = UBI_HUB_SUFFIXES.iter().find_map(|suffix| {
                rest.strip_suffix(*suffix)
                    .filter(|ubi| is_digits(ubi.strip_prefix("ubi").unwrap_or("")))
            })?;
            (ubi, None)
        };
    let rhel_major = ubi.strip_prefix("ubi").filter(|n| is_digits(n))?;

    let rhel_hit = |from_variant| {
        let (product, entry) = table.product("rhel")?;
        Some(Hit {
            product,
            release: entry.release(rhel_major)?,
            source: &entry.source,
            matched: ubi.to_owned(),
            from_variant,
        })
    };

    match sub_image {
        None => Some(Hits { own: rhel_hit(false), variants: Vec::new() }),
        Some(sub) if UBI_SUB_IMAGES.contains(&sub) => {
            Some(Hits { own: rhel_hit(false), variants: Vec::new() })
        }
        Some(sub) => {
            let java = sub.strip_prefix("openjdk-")?;
            let java = java.strip_suffix("-runtime").unwrap_or(java);
            if !is_digits(java) {
                return None;
            }
            let (product, entry) = table.product("red-hat-build-of-openjdk")?;
            let own = entry.release(java).map(|release| Hit {
                product,
                release,
                source: &entry.source,
                matched: sub.to_owned(),
                from_variant: false,
            });
            Some(Hits { own, variants: rhel_hit(true).into_iter().collect() })
        }
    }
}

/// Resolves the image's own release from the tag. Returns it with the part of the tag left
/// for the variant scan (the whole tag when nothing resolved).
fn resolve_own<'t>(
    table: &'static Table,
    name: &str,
    rows: &[&ImageRow],
    tag: &'t str,
) -> (Option<Hit>, &'t str) {
    let tag = TAG_PREFIXES
        .iter()
        .filter(|(image, _)| *image == name)
        .find_map(|(_, prefix)| tag.strip_prefix(*prefix))
        .unwrap_or(tag);
    let tokens: Vec<&str> = tag.split('-').collect();

    if DEVELOPMENT_TOKENS.iter().any(|(image, token)| *image == name && tokens.contains(token)) {
        return (None, tag);
    }

    // Single rolling cycle: every tag but `latest` is the one cycle.
    if name == "clearlinux"
        && let Some((product, entry)) = table.product("clearlinux")
        && let Some(release) = entry.release("current")
    {
        let hit = Hit {
            product,
            release,
            source: &entry.source,
            matched: tag.to_owned(),
            from_variant: false,
        };
        return (Some(hit), "");
    }

    // Pick the product row(s) the tag can belong to.
    let selectors: Vec<&(&str, &str, &str)> =
        PRODUCT_SELECTORS.iter().filter(|(image, _, _)| *image == name).collect();
    let candidates: Vec<&str> = if selectors.is_empty() {
        rows.iter().map(|row| row.product).collect()
    } else {
        let mut chosen: Vec<&str> = selectors
            .iter()
            .filter(|(_, token, _)| tokens.contains(token))
            .map(|(_, _, product)| *product)
            .collect();
        chosen.dedup();
        chosen
    };

    let mut found: Vec<(Hit, &'t str)> = Vec::new();
    for product in candidates {
        let Some((product, entry)) = table.product(product) else {
            continue;
        };
        if let Some((release, matched, rest)) = resolve_tag(product, entry, tag) {
            let hit = Hit {
                product,
                release,
                source: &entry.source,
                matched: matched.to_owned(),
                from_variant: false,
            };
            found.push((hit, rest));
        }
    }
    // Two products claiming the same tag is ambiguous: say nothing rather than pick one.
    if found.len() == 1
        && let Some(only) = found.pop()
    {
        return (Some(only.0), only.1);
    }
    if !found.is_empty() {
        return (None, tag);
    }

    if name == "openjdk"
        && let Some(version) = parse_version(tag)
        && version.components.first() == Some(&"8")
    {
        let hit = Hit {
            product: OPENJDK_PRODUCT,
            release: &OPENJDK_8,
            source: OPENJDK_8_SOURCE,
            matched: version.text.to_owned(),
            from_variant: false,
        };
        return (Some(hit), version.remainder);
    }

    (None, tag)
}

/// Resolves a (prefix-stripped, lower-case) tag against one product: codename, non-numeric
/// cycle, or version. Returns the release, the matched text and the rest of the tag.
fn resolve_tag<'t>(
    product: &str,
    entry: &'static Product,
    tag: &'t str,
) -> Option<(&'static Release, &'t str, &'t str)> {
    let (first, after_first) = tag.split_once('-').unwrap_or((tag, ""));

    // Named cycles (`noetic`, `20h2`) and codenames (`buster`, `jammy`, `fermium`).
    if let Some(release) =
        entry.releases.iter().find(|r| r.cycle == first && !is_numeric_cycle(r.cycle))
    {
        return Some((release, first, after_first));
    }
    if CODENAME_PRODUCTS.contains(&product)
        && let Some(release) = entry.releases.iter().find(|r| {
            r.codename
                .split_whitespace()
                .next()
                .is_some_and(|word| word.eq_ignore_ascii_case(first))
        })
    {
        return Some((release, first, after_first));
    }
    if let Some((_, _, cycle)) =
        CODENAME_TAGS.iter().find(|(p, codename, _)| *p == product && *codename == first)
    {
        return entry.release(cycle).map(|release| (release, first, after_first));
    }

    let version = parse_version(tag)?;
    let release = longest_prefix_cycle(entry, &version.components)
        .or_else(|| unique_extension(entry, &version.components))
        .or_else(|| match version.components.as_slice() {
            [major] => floating_major(entry, major),
            _ => None,
        })?;
    Some((release, version.text, version.remainder))
}

/// A version at the start of a tag.
struct Version<'t> {
    /// The version as written, without a leading `v` (`14.21.3`).
    text: &'t str,
    components: Vec<&'t str>,
    /// The tag after the version and its separator (`bullseye-slim`).
    remainder: &'t str,
    /// A Java build suffix followed the version (`8u402`, `11.0.22_7`).
    had_suffix: bool,
}

/// Reads `[v]N(.N)*` at the start of `tag`. The version must be followed by the end of the tag,
/// a `-`, or a Java build suffix (`u<digits>` or `_…`) that runs to the next `-`; anything else
/// (`17beta1`, `3.14.0rc1`, `20h2`) is not a release version.
fn parse_version(tag: &str) -> Option<Version<'_>> {
    let s = match tag.strip_prefix('v') {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => rest,
        _ => tag,
    };
    let bytes = s.as_bytes();
    let mut end = 0;
    loop {
        let start = end;
        while bytes.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        if end == start {
            return None;
        }
        let dot_then_digit =
            bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
        if !dot_then_digit {
            break;
        }
        end += 1;
    }
    // Every index used above is at an ASCII byte, so these slices are on char boundaries.
    let text = &s[..end];
    let after = &s[end..];
    fn to_next_dash(rest: &str) -> &str {
        rest.split_once('-').map_or("", |(_, r)| r)
    }
    let (remainder, had_suffix) = match after.as_bytes().first() {
        None => ("", false),
        Some(b'-') => (&after[1..], false),
        Some(b'_') => (to_next_dash(after), true),
        Some(b'u') if after.as_bytes().get(1).is_some_and(u8::is_ascii_digit) => {
            (to_next_dash(after), true)
        }
        Some(_) => return None,
    };
    Some(Version { text, components: text.split('.').collect(), remainder, had_suffix })
}

/// The longest cycle equal to a leading run of the version's components: `10.13` → `10`,
/// `26.1.4` → `26.1`, `2018.03.0.20231218.0` → `2018.03`.
fn longest_prefix_cycle<'e>(entry: &'e Product, components: &[&str]) -> Option<&'e Release> {
    (1..=components.len()).rev().find_map(|len| {
        let candidate = components.get(..len)?.join(".");
        entry.releases.iter().find(|r| r.cycle == candidate && is_numeric_cycle(r.cycle))
    })
}

/// A version of two or more components that no cycle prefixes, but that exactly one longer
/// cycle extends: Ruby's three-part cycles (`2.0` → `2.0.0`, `1.9` → `1.9.3`). A major alone
/// is never extended this way; it floats (see [`floating_major`]).
fn unique_extension<'e>(entry: &'e Product, components: &[&str]) -> Option<&'e Release> {
    if components.len() < 2 {
        return None;
    }
    let mut extending = entry.releases.iter().filter(|r| {
        let cycle: Vec<&str> = r.cycle.split('.').collect();
        is_numeric_cycle(r.cycle) && cycle.len() > components.len() && cycle.starts_with(components)
    });
    match (extending.next(), extending.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// The cycle an os-release `VERSION_ID` names. VERSION_ID is exact, so nothing floats; a bare
/// major may stand for its `.0` release (SLES 15 GA has `VERSION_ID="15"`).
fn os_version_cycle<'e>(entry: &'e Product, components: &[&str]) -> Option<&'e Release> {
    longest_prefix_cycle(entry, components).or_else(|| match components {
        [major] => entry.release(&format!("{major}.0")),
        _ => None,
    })
}

/// A major-only tag with no cycle of that name.
///
/// docker-library points such an alias at the newest line of the major that is still maintained,
/// so that is the cycle while one is supported at [`DATA_DATE`]. When every line of the major has
/// ended, the one that ended last is taken: the tag cannot be newer than that, and the finding
/// then never claims an earlier end-of-life date than the image can have.
fn floating_major<'e>(entry: &'e Product, major: &str) -> Option<&'e Release> {
    let same_major = || {
        entry.releases.iter().filter(move |r| {
            is_numeric_cycle(r.cycle) && r.cycle.split_once('.').is_some_and(|(m, _)| m == major)
        })
    };
    let newest_supported = same_major()
        .filter(|r| !eol_passed(r.eol, DATA_DATE))
        .max_by(|a, b| compare_versions(a.cycle, b.cycle));
    newest_supported.or_else(|| {
        // `true` (ended, no date) sorts before every date.
        let ended_on = |r: &Release| if is_iso_date(r.eol) { r.eol } else { "" };
        same_major().max_by(|a, b| {
            ended_on(a).cmp(ended_on(b)).then_with(|| compare_versions(a.cycle, b.cycle))
        })
    })
}

/// Finds variant tokens (base OS, bundled JDK, PHP, Erlang) in `rest`, in tag order. Releases of
/// the image's own products are skipped (`debian:buster-slim` is not "based on" Debian 10).
fn scan_variants(table: &'static Table, rest: &str, own_products: &[&str]) -> Vec<Hit> {
    let tokens: Vec<&str> = rest.split('-').filter(|t| !t.is_empty()).collect();
    let mut hits: Vec<Hit> = Vec::new();
    for start in 0..tokens.len() {
        let Some(window) = tokens.get(start..) else {
            break;
        };
        for rule in &table.suffixes {
            let Some((len, cycle)) = rule.match_at(window) else {
                continue;
            };
            let product = if rule.jdk_vendor_from_tag {
                match JDK_VENDORS.iter().find(|(word, _)| tokens.iter().any(|t| t.contains(*word)))
                {
                    Some((_, Some(vendor))) => *vendor,
                    Some((_, None)) => continue,
                    None => rule.product,
                }
            } else {
                rule.product
            };
            if own_products.contains(&product) {
                continue;
            }
            let Some((product, entry)) = table.product(product) else {
                continue;
            };
            let Some(release) = entry.release(cycle) else {
                continue;
            };
            if hits.iter().any(|h| h.product == product && h.release.cycle == release.cycle) {
                continue;
            }
            hits.push(Hit {
                product,
                release,
                source: &entry.source,
                matched: window.get(..len).map(|t| t.join("-")).unwrap_or_default(),
                from_variant: true,
            });
        }
    }
    hits
}

// ---------------------------------------------------------------------------------------------
// Small helpers.
// ---------------------------------------------------------------------------------------------

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `N(.N)*`: cycles that versions are matched against (not `noetic`, `20h2`, `2012-r2`).
fn is_numeric_cycle(cycle: &str) -> bool {
    cycle.split('.').all(is_digits)
}

/// Numeric, component by component (`1.10` > `1.9`); a non-numeric component counts as 0.
fn compare_versions(a: &str, b: &str) -> Ordering {
    let parse = |s: &str| -> Vec<u64> { s.split('.').map(|c| c.parse().unwrap_or(0)).collect() };
    parse(a).cmp(&parse(b))
}

/// Whether an `eol` field (date, `true`, `false`) has passed on `today`. ISO dates compare
/// correctly as strings.
fn eol_passed(eol: &str, today: &str) -> bool {
    match eol {
        "true" => true,
        "false" => false,
        date => is_iso_date(date) && date <= today,
    }
}

/// `YYYY-MM-DD` with digits where digits belong (month and day ranges are not checked: the
/// value is only compared, never converted).
fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(
            |(i, c)| {
                if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() }
            },
        )
}

/// os-release values may still carry their quotes (`VERSION_ID="10"`).
fn unquote(s: &str) -> &str {
    let s = s.trim();
    s.strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .or_else(|| s.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')))
        .unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: &str = "2026-11-28";
    const DIGEST: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn image(s: &str) -> ImageRef {
        match ImageRef::parse(s) {
            Ok(r) => r,
            Err(e) => panic!("test reference {s:?} does not parse: {e}"),
        }
    }

    fn eol(s: &str) -> Option<EolVerdict> {
        image_eol(&image(s), TODAY)
    }

    /// Where the verdict comes from: the image's own version or a variant of its tag.
    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Via {
        Own,
        Variant,
    }
    use Via::{Own, Variant};

    /// (reference, product, cycle, eol date, via): end of life on [`TODAY`].
    #[rustfmt::skip]
    const END_OF_LIFE: &[(&str, &str, &str, Option<&str>, Via)] = &[
        // Debian by codename, codename variant, major, point release, dated snapshot.
        ("debian:buster", "debian", "10", Some("2022-09-10"), Own),
        ("debian:buster-slim", "debian", "10", Some("2022-09-10"), Own),
        ("debian:10", "debian", "10", Some("2022-09-10"), Own),
        ("debian:10.13", "debian", "10", Some("2022-09-10"), Own),
        ("debian:buster-20240612", "debian", "10", Some("2022-09-10"), Own),
        ("debian:jessie", "debian", "8", Some("2018-06-17"), Own),
        // The table's Debian eol is the end of security support (LTS is extended support).
        ("debian:bookworm-slim", "debian", "12", Some("2026-07-11"), Own),
        // Ubuntu by version and codename.
        ("ubuntu:18.04", "ubuntu", "18.04", Some("2023-05-31"), Own),
        ("ubuntu:bionic", "ubuntu", "18.04", Some("2023-05-31"), Own),
        ("ubuntu:xenial-20210804", "ubuntu", "16.04", Some("2021-04-02"), Own),
        // Alpine minor and patch; 3.21 ended on 2026-11-01.
        ("alpine:3.15", "alpine-linux", "3.15", Some("2023-11-01"), Own),
        ("alpine:3.15.4", "alpine-linux", "3.15", Some("2023-11-01"), Own),
        ("alpine:3.21", "alpine-linux", "3.21", Some("2026-11-01"), Own),
        // CentOS, with the `centos7` tag style; CentOS Stream on quay.io.
        ("centos:7", "centos", "7", Some("2024-06-30"), Own),
        ("centos:8", "centos", "8", Some("2021-12-31"), Own),
        ("centos:centos7", "centos", "7", Some("2024-06-30"), Own),
        ("centos:7.9.2009", "centos", "7", Some("2024-06-30"), Own),
        ("quay.io/centos/centos:stream8", "centos-stream", "8", Some("2024-05-31"), Own),
        // Other distributions.
        ("amazonlinux:2", "amazon-linux", "2", Some("2026-06-30"), Own),
        ("amazonlinux:2.0.20240101.0", "amazon-linux", "2", Some("2026-06-30"), Own),
        ("amazonlinux:2018.03", "amazon-linux", "2018.03", Some("2023-12-31"), Own),
        ("oraclelinux:7-slim", "oracle-linux", "7", Some("2024-12-31"), Own),
        ("fedora:40", "fedora", "40", Some("2025-05-13"), Own),
        ("clearlinux:base", "clearlinux", "current", Some("2025-07-21"), Own),
        // Every Leap 15.x has ended: `15` is the one that ended last.
        ("opensuse/leap:15", "opensuse", "15.6", Some("2026-04-30"), Own),
        ("registry.access.redhat.com/ubi7/ubi:7.9", "rhel", "7", Some("2024-06-30"), Own),
        ("registry.access.redhat.com/ubi8/openjdk-11:1.20", "red-hat-build-of-openjdk", "11", Some("2024-10-31"), Own),
        // Windows: release ids, case-insensitive.
        ("mcr.microsoft.com/windows/servercore:1809", "windows-server-core", "1809", Some("2020-11-10"), Own),
        ("mcr.microsoft.com/windows/servercore:20H2", "windows-server-core", "20h2", Some("2022-08-09"), Own),
        ("mcr.microsoft.com/windows/nanoserver:1809", "windows-nano-server", "1809", Some("2020-11-10"), Own),
        // Node.js: major, variants, full version, LTS codename. The runtime is reported before
        // its base OS (bullseye is end of life too).
        ("node:14", "nodejs", "14", Some("2023-04-30"), Own),
        ("node:14-alpine", "nodejs", "14", Some("2023-04-30"), Own),
        ("node:14.21.3-bullseye-slim", "nodejs", "14", Some("2023-04-30"), Own),
        ("node:fermium", "nodejs", "14", Some("2023-04-30"), Own),
        ("node:fermium-alpine", "nodejs", "14", Some("2023-04-30"), Own),
        ("node:20-alpine3.15", "nodejs", "20", Some("2026-04-30"), Own),
        // `true` in the source: end of life without a date.
        ("node:3", "nodejs", "3", None, Own),
        // Python: minor, variants, and a major whose every line has ended.
        ("python:3.7", "python", "3.7", Some("2023-06-27"), Own),
        ("python:3.7-slim-buster", "python", "3.7", Some("2023-06-27"), Own),
        ("python:3.7.17-alpine3.18", "python", "3.7", Some("2023-06-27"), Own),
        ("python:2", "python", "2.7", Some("2020-01-01"), Own),
        // A supported runtime on an end-of-life base OS, bundled JDK, PHP or Erlang.
        ("python:3.12-slim-buster", "debian", "10", Some("2022-09-10"), Variant),
        ("node:22-alpine3.15", "alpine-linux", "3.15", Some("2023-11-01"), Variant),
        ("node:lts-buster", "debian", "10", Some("2022-09-10"), Variant),
        ("postgres:16.2-alpine3.19", "alpine-linux", "3.19", Some("2025-11-01"), Variant),
        ("eclipse-temurin:17-jdk-alpine-3.16", "alpine-linux", "3.16", Some("2024-05-23"), Variant),
        ("eclipse-temurin:8u402-b06-jre-focal", "ubuntu", "20.04", Some("2025-05-31"), Variant),
        ("tomcat:9.0-jdk8-temurin-focal", "ubuntu", "20.04", Some("2025-05-31"), Variant),
        ("amazoncorretto:17-al2", "amazon-linux", "2", Some("2026-06-30"), Variant),
        ("ibm-semeru-runtimes:open-8.0.502.0-jdk-focal", "ubuntu", "20.04", Some("2025-05-31"), Variant),
        ("gradle:8.6-jdk16", "eclipse-temurin", "16", Some("2021-09-30"), Variant),
        ("gradle:8.6-jdk16-corretto", "amazon-corretto", "16", Some("2021-10-19"), Variant),
        ("zookeeper:3.9-jre-16", "eclipse-temurin", "16", Some("2021-09-30"), Variant),
        ("maven:3.9.6-eclipse-temurin-16", "eclipse-temurin", "16", Some("2021-09-30"), Variant),
        ("wordpress:7.1-php7.4-apache", "php", "7.4", Some("2022-11-28"), Variant),
        ("elixir:1.16.1-otp-26-alpine", "erlang", "26", Some("2026-05-26"), Variant),
        // Databases and servers.
        ("postgres:9.6", "postgresql", "9.6", Some("2021-11-11"), Own),
        ("postgres:9.6.24-alpine", "postgresql", "9.6", Some("2021-11-11"), Own),
        ("mongo:4.4-focal", "mongodb", "4.4", Some("2024-02-29"), Own),
        ("mongo:5", "mongodb", "5.0", Some("2024-10-31"), Own),
        ("elasticsearch:7.17.18", "elasticsearch", "7", Some("2026-01-15"), Own),
        ("docker.elastic.co/elasticsearch/elasticsearch:7.17.18", "elasticsearch", "7", Some("2026-01-15"), Own),
        ("couchbase:enterprise-6.6.0", "couchbase-server", "6.6", Some("2023-01-31"), Own),
        ("sonarqube:9.9-community", "sonarqube-community", "9", Some("2025-01-20"), Own),
        ("sonarqube:2025.1-developer", "sonarqube-server", "2025.1", Some("2026-07-01"), Own),
        ("ros:melodic-perception-bionic", "ros", "melodic", Some("2023-04-01"), Own),
        // The longest cycle that prefixes the version.
        ("golang:1.15-alpine", "go", "1.15", Some("2021-08-16"), Own),
        ("php:7.4-fpm", "php", "7.4", Some("2022-11-28"), Own),
        ("tomcat:7.0.109", "tomcat", "7", Some("2021-03-31"), Own),
        ("tomcat:8.5.100", "tomcat", "8.5", Some("2024-03-31"), Own),
        ("docker:26.1.4", "docker-engine", "26.1", Some("2025-02-17"), Own),
        ("docker:27-dind", "docker-engine", "27", Some("2025-05-03"), Own),
        ("mcr.microsoft.com/dotnet/sdk:6.0", "dotnet", "6", Some("2024-11-12"), Own),
        ("mcr.microsoft.com/dotnet/core/runtime-deps:3.1", "dotnet", "3.1", Some("2022-12-13"), Own),
        ("mcr.microsoft.com/dotnet/aspnet:8.0-bookworm-slim-amd64", "dotnet", "8", Some("2026-11-10"), Own),
        ("traefik:v2.10", "traefik", "2.10", Some("2024-02-12"), Own),
        ("kindest/node:v1.29.2", "kubernetes", "1.29", Some("2025-02-28"), Own),
        ("registry.k8s.io/kube-proxy:v1.30.1", "kubernetes", "1.30", Some("2025-07-15"), Own),
        ("ruby:2.0", "ruby", "2.0.0", Some("2016-02-24"), Own),
        ("ruby:1.9", "ruby", "1.9.3", Some("2015-02-23"), Own),
        // OpenJDK image: Oracle builds by major; 8 has no cycle and is an unsupported build.
        ("openjdk:8", "openjdk-builds-from-oracle", "8", None, Own),
        ("openjdk:8-jre", "openjdk-builds-from-oracle", "8", None, Own),
        ("openjdk:8u342-jdk", "openjdk-builds-from-oracle", "8", None, Own),
        ("openjdk:17-jdk-slim", "openjdk-builds-from-oracle", "17", Some("2022-03-22"), Own),
        ("openjdk:11.0.16-jre", "openjdk-builds-from-oracle", "11", Some("2019-03-19"), Own),
        // Name normalisation: Docker Hub host names, `library/`, architecture namespaces, and a
        // digest next to the tag.
        ("docker.io/library/python:3.7", "python", "3.7", Some("2023-06-27"), Own),
        ("index.docker.io/library/node:14", "nodejs", "14", Some("2023-04-30"), Own),
        ("library/centos:7", "centos", "7", Some("2024-06-30"), Own),
        ("arm64v8/debian:buster", "debian", "10", Some("2022-09-10"), Own),
    ];

    /// (reference, resolved product and cycle): not end of life on [`TODAY`].
    #[rustfmt::skip]
    const SUPPORTED: &[(&str, &str, &str)] = &[
        ("debian:trixie", "debian", "13"),
        ("debian:trixie-slim", "debian", "13"),
        ("ubuntu:22.04", "ubuntu", "22.04"),
        ("ubuntu:jammy-20240101", "ubuntu", "22.04"),
        ("ubuntu:noble", "ubuntu", "24.04"),
        ("alpine:3.22", "alpine-linux", "3.22"),
        ("alpine:3", "alpine-linux", "3.24"),
        ("amazonlinux:2023", "amazon-linux", "2023"),
        ("rockylinux:8.9-minimal", "rocky-linux", "8"),
        ("oraclelinux:8-slim-fips", "oracle-linux", "8"),
        ("almalinux:10.2-20260602", "almalinux", "10"),
        ("photon:4.0-20240101", "vmware-photon", "4.0"),
        ("quay.io/centos/centos:stream9-minimal", "centos-stream", "9"),
        ("mcr.microsoft.com/windows/servercore:ltsc2022", "windows-server-core", "2022"),
        ("mcr.microsoft.com/windows/servercore:ltsc2025-amd64", "windows-server-core", "2025"),
        ("registry.access.redhat.com/ubi8/ubi-minimal:8.9", "rhel", "8"),
        ("registry.access.redhat.com/ubi9", "rhel", "9"),
        ("redhat/ubi9-minimal", "rhel", "9"),
        ("registry.access.redhat.com/ubi9/openjdk-21-runtime", "red-hat-build-of-openjdk", "21"),
        ("node:22", "nodejs", "22"),
        ("node:jod-slim", "nodejs", "22"),
        ("node:22-trixie-slim", "nodejs", "22"),
        // A major alone floats to the newest line still maintained at the data date.
        ("python:3", "python", "3.14"),
        ("python:3-alpine", "python", "3.14"),
        ("tomcat:9", "tomcat", "9.0"),
        ("mongo:7", "mongodb", "7.0"),
        ("haproxy:2", "haproxy", "2.8"),
        ("mysql:8", "mysql", "8.4"),
        ("redis:7", "redis", "7.4"),
        ("python:3.12-slim-trixie", "python", "3.12"),
        ("postgres:16", "postgresql", "16"),
        ("maven:3.9.16-eclipse-temurin-17", "apache-maven", "3.9"),
        ("gradle:8.6-jdk11-corretto", "gradle", "8"),
        // GraalVM is not in the table: the bundled JDK stays unresolved.
        ("gradle:8.6-jdk16-graal", "gradle", "8"),
        ("ros:humble-ros-core-jammy", "ros-2", "humble"),
        ("eclipse-temurin:11.0.22_7-jdk", "eclipse-temurin", "11"),
        ("neo4j:2026.07.0-enterprise", "neo4j", "2026.07"),
        ("influxdb:1.8", "influxdb", "1"),
    ];

    /// References that name no release: nothing resolves, nothing is reported.
    const UNRESOLVED: &[&str] = &[
        "debian",
        "debian:latest",
        "node:latest",
        "alpine:edge",
        "alpine:20240807",
        "ubuntu:rolling",
        "ubuntu:devel",
        "debian:sid",
        "debian:sid-slim",
        "debian:testing",
        "debian:stable-slim",
        "debian:forky",
        "node:lts",
        "node:current-alpine",
        "fedora:rawhide",
        "almalinux:10-kitten",
        "ros:rolling",
        // Pre-releases.
        "python:3.14.0rc1",
        "python:3.15.0a1-slim",
        "postgres:17beta1",
        // Versions the source does not list (elasticsearch 8.0-8.15, MySQL 26.x innovation).
        "elasticsearch:8.10.2",
        "mysql:26.1",
        // Windows build numbers.
        "mcr.microsoft.com/windows/servercore:10.0.17763.5329",
        // Images not in the table, or a user's image with an official image's name.
        "unknown-image:1.0",
        "busybox:1.36",
        "scratch",
        "myorg/python:3.7",
        "ghcr.io/someone/debian:buster",
        "registry.access.redhat.com/ubi9/python-39:1",
    ];

    #[test]
    fn end_of_life_references() {
        for &(reference, product, cycle, date, via) in END_OF_LIFE {
            let Some(v) = eol(reference) else { panic!("{reference} should be end of life") };
            assert_eq!(
                (v.product.as_str(), v.cycle.as_str()),
                (product, cycle),
                "{reference}: {v:?}"
            );
            assert_eq!(v.eol_date.as_deref(), date, "{reference}: {v:?}");
            assert_eq!(v.from_variant, via == Variant, "{reference}: {v:?}");
        }
    }

    #[test]
    fn supported_references() {
        for &(reference, product, cycle) in SUPPORTED {
            let r = resolve_image(&image(reference));
            assert_eq!(
                r.as_ref().map(|r| (r.product, r.cycle)),
                Some((product, cycle)),
                "{reference}: {r:?}"
            );
            assert_eq!(eol(reference), None, "{reference} should not be reported");
        }
    }

    #[test]
    fn unresolved_references() {
        let digest_only = format!("debian@{DIGEST}");
        for reference in UNRESOLVED.iter().copied().chain([digest_only.as_str()]) {
            let i = image(reference);
            assert_eq!(resolve_image(&i), None, "{reference}");
            assert_eq!(resolve_variants(&i), Vec::new(), "{reference}");
            assert_eq!(image_eol(&i, TODAY), None, "{reference}");
        }
        // An edition-less sonarqube tag could be either product.
        assert_eq!(resolve_image(&image("sonarqube:9.9")), None);
        // An unresolvable runtime version on an end-of-life base: only the base resolves.
        assert_eq!(resolve_image(&image("node:lts-buster")), None);
    }

    #[test]
    fn verdict_details() {
        let v = eol("debian:buster").expect("end of life");
        assert_eq!(v.image, "debian");
        assert_eq!(v.codename.as_deref(), Some("Buster"));
        assert_eq!(v.matched, "buster");
        assert_eq!(v.source, "endoflife.date debian (data of 2026-08-22)");
        assert_eq!(v.extended_support_until.as_deref(), Some("2024-06-30"));
        let v = eol("debian:bookworm").expect("end of life");
        assert_eq!(v.extended_support_until.as_deref(), Some("2028-06-30"), "Debian 12 LTS");
        let v = eol("ubuntu:18.04").expect("end of life");
        assert_eq!(v.codename.as_deref(), Some("Bionic Beaver"));
        let v = eol("python:3.12-slim-buster").expect("end of life");
        assert_eq!((v.image.as_str(), v.matched.as_str()), ("python", "buster"));
        let v = eol("node:22-alpine3.15").expect("end of life");
        assert_eq!(v.matched, "alpine3.15");
        let v = eol("node:14.21.3-bullseye-slim").expect("end of life");
        assert_eq!(v.matched, "14.21.3");
        let v = eol("arm64v8/debian:buster").expect("end of life");
        assert_eq!(v.image, "arm64v8/debian", "the image is named as written");
        let v = eol("registry.access.redhat.com/ubi8/openjdk-11").expect("end of life");
        assert_eq!(v.matched, "openjdk-11");
        let v = eol("openjdk:8").expect("end of life");
        assert_eq!(v.source, OPENJDK_8_SOURCE);
        assert!(eol(&format!("node:14@{DIGEST}")).is_some(), "the tag names the release");
    }

    #[test]
    fn variants_in_tag_order() {
        let variants = resolve_variants(&image("elixir:1.16.1-otp-26-alpine3.19"));
        let found: Vec<(&str, &str)> = variants.iter().map(|r| (r.product, r.cycle)).collect();
        assert_eq!(found, [("erlang", "26"), ("alpine-linux", "3.19")]);
        assert!(variants.iter().all(|r| r.from_variant));
        // The image's own product is not repeated as a variant.
        assert_eq!(resolve_variants(&image("debian:buster-slim")), Vec::new());
        // Tomcat bundles Temurin 8 on Ubuntu 20.04.
        let variants = resolve_variants(&image("tomcat:9.0-jdk8-temurin-focal"));
        let found: Vec<(&str, &str)> = variants.iter().map(|r| (r.product, r.cycle)).collect();
        assert_eq!(found, [("eclipse-temurin", "8"), ("ubuntu", "20.04")]);
    }

    #[test]
    fn unexpanded_variables_give_none() {
        // The parser rejects `$`, but callers may build references from unresolved ARGs.
        let mut r = image("python:3.7");
        r.tag = Some("${PYTHON_VERSION}".to_owned());
        assert_eq!(resolve_image(&r), None);
        assert_eq!(image_eol(&r, TODAY), None);
        r.tag = Some("3.7-${VARIANT}".to_owned());
        assert_eq!(image_eol(&r, TODAY), None);
        let mut r = image("debian:buster");
        r.path = "$BASE".to_owned();
        assert_eq!(image_eol(&r, TODAY), None);
    }

    #[test]
    fn judgement_depends_on_today() {
        let i = image("debian:buster");
        assert_eq!(image_eol(&i, "2022-09-09"), None);
        assert!(image_eol(&i, "2022-09-10").is_some(), "the eol date itself is end of life");
        assert_eq!(image_eol(&i, "not-a-date"), None);
        assert_eq!(image_eol(&i, ""), None);
        let r = resolve_image(&i).expect("resolves");
        assert_eq!((r.eol, r.eol_date()), ("2022-09-10", Some("2022-09-10")));
        assert!(r.is_eol_on(TODAY));
        assert!(!r.is_eol_on("2020-01-01"));
        assert!(!r.is_eol_on("garbage"));
        let r = resolve_image(&image("node:3")).expect("resolves");
        assert_eq!((r.cycle, r.eol, r.eol_date()), ("3", "true", None));
        assert!(r.is_eol_on("1970-01-01"));
    }

    #[test]
    fn odd_tags_do_not_panic() {
        let tags = [
            "v",
            "vv1",
            "1.",
            ".1",
            "1..2",
            "u1",
            "1u",
            "1_",
            "-",
            "--",
            "1-",
            "__",
            "a-b-c-d-e-f",
            "9999999999999999999999",
            "1.2.3.4.5.6.7.8.9",
            "otp-",
            "jre-",
            "alpine-",
            "ubuntu-",
        ];
        for tag in tags {
            let mut r = image("python:3.7");
            r.tag = Some(tag.to_owned());
            let _ = image_eol(&r, TODAY);
            let _ = resolve_variants(&r);
        }
        let mut r = image("python:3.7");
        r.tag = Some("3.7-ümlaut-😀".to_owned());
        assert_eq!(resolve_image(&r).map(|r| r.cycle), Some("3.7"));
    }

    // --- os-release ----------------------------------------------------------------------------

    #[test]
    fn release_of_a_product_version() {
        let r = resolve_release("docker-engine", "20.10.24+dfsg1").unwrap();
        assert_eq!(r.cycle, "20.10");
        assert!(r.is_eol_on("2026-01-01"));
        let r = resolve_release("docker-engine", "29.1.2").unwrap();
        assert_eq!(r.cycle, "29");
        assert!(!r.is_eol_on("2026-11-28"));
        assert!(resolve_release("docker-engine", "abc").is_none());
        assert!(resolve_release("no-such-product", "1.0").is_none());
    }

    #[test]
    fn os_release() {
        let cases = [
            ("debian", "10", Some(("debian", "10"))),
            ("alpine", "3.15.4", Some(("alpine-linux", "3.15"))),
            ("ubuntu", "18.04", Some(("ubuntu", "18.04"))),
            ("amzn", "2", Some(("amazon-linux", "2"))),
            ("centos", "7", Some(("centos", "7"))),
            ("ol", "7.9", Some(("oracle-linux", "7"))),
            ("sles", "15", Some(("sles", "15.0"))),
            ("\"debian\"", "\"11\"", Some(("debian", "11"))),
            ("ubuntu", "24.04", None),
            ("rhel", "9.4", None),
            ("centos", "9", None),
            ("alpine", "3.21_alpha20240807", None),
            ("debian", "", None),
            ("plan9", "4", None),
        ];
        for (id, version_id, expected) in cases {
            let v = os_release_eol(id, version_id, TODAY);
            let got = v.as_ref().map(|v| (v.product.as_str(), v.cycle.as_str()));
            assert_eq!(got, expected, "{id} {version_id}: {v:?}");
        }
        let v = os_release_eol("alpine", "3.15.4", TODAY).expect("end of life");
        assert_eq!((v.image.as_str(), v.matched.as_str()), ("alpine", "3.15.4"));
        assert_eq!(v.eol_date.as_deref(), Some("2023-11-01"));
        assert_eq!(os_release_eol("debian", "10", "yesterday"), None);
        let resolved = |id, v| resolve_os_release(id, v).map(|r| (r.product, r.cycle));
        assert_eq!(resolved("centos", "9"), Some(("centos-stream", "9")));
        assert_eq!(resolved("opensuse-leap", "15.6"), Some(("opensuse", "15.6")));
        assert_eq!(resolved("rocky", "9.3"), Some(("rocky-linux", "9")));
        assert_eq!(resolved("clear-linux-os", "43550"), Some(("clearlinux", "current")));
    }

    // --- dates -----------------------------------------------------------------------------------

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(20_785), (2026, 11, 28));
        assert_eq!(civil_from_days(47_541), (2100, 3, 1));
        assert_eq!(civil_from_days(-135_081), (1600, 2, 29));
        // The largest value today_utc can pass does not overflow.
        let _ = civil_from_days(i64::try_from(u64::MAX / 86_400).unwrap_or(0));
    }

    #[test]
    fn today_is_an_iso_date() {
        let today = today_utc();
        assert!(is_iso_date(&today), "{today}");
        assert!(today.as_str() >= "1970-01-01", "{today}");
    }

    // --- the shipped data ----------------------------------------------------------------------

    #[test]
    fn every_data_row_is_read() {
        let t = table();
        assert_eq!(t.images.len(), IMAGE_TAGS_TSV.lines().count() - 1);
        let suffix_rows = TAG_SUFFIXES_TSV.lines().count() - 1;
        assert!(t.suffixes.len() >= suffix_rows, "{} < {suffix_rows}", t.suffixes.len());
        let kept: usize = t.products.values().map(|p| p.releases.len()).sum();
        let dropped = ["containerd", "django"];
        let expected = RELEASES_TSV
            .lines()
            .skip(1)
            .filter(|l| !dropped.iter().any(|p| l.starts_with(&format!("{p}\t"))))
            .count();
        assert_eq!(kept, expected, "every release of a mapped product is kept");
        // Products nothing maps to are dropped at load.
        for product in dropped {
            assert!(!t.products.contains_key(product), "{product}");
        }
    }

    #[test]
    fn every_mapped_product_and_cycle_exists() {
        // A data refresh that renames a product or cycle must fail here, not silently.
        let t = table();
        for row in &t.images {
            assert!(t.products.contains_key(row.product), "no releases for {}", row.product);
        }
        for rule in &t.suffixes {
            let entry = t.products.get(rule.product);
            assert!(entry.is_some(), "no releases for {}", rule.product);
            if !matches!(rule.cycle, "N" | "X.Y") {
                let release = entry.and_then(|e| e.release(rule.cycle));
                assert!(release.is_some(), "{} {}", rule.product, rule.cycle);
            }
        }
        let coded = ["rhel", "red-hat-build-of-openjdk", "clearlinux", OPENJDK_PRODUCT];
        let os = OS_RELEASE_IDS.iter().map(|(_, p)| *p);
        let selected = PRODUCT_SELECTORS.iter().map(|(_, _, p)| *p);
        let vendors = JDK_VENDORS.iter().filter_map(|(_, p)| *p);
        for product in os.chain(selected).chain(vendors).chain(coded) {
            assert!(t.products.contains_key(product), "no releases for {product}");
        }
        for (product, _, cycle) in CODENAME_TAGS {
            assert!(
                t.products.get(product).and_then(|p| p.release(cycle)).is_some(),
                "{product} {cycle}"
            );
        }
        let images: HashSet<&str> = t.images.iter().map(|row| row.image).collect();
        for (alias, target) in IMAGE_ALIASES {
            assert!(images.contains(target), "{alias} → {target} is not in the table");
        }
        for (image, _) in TAG_PREFIXES.iter().chain(DEVELOPMENT_TOKENS) {
            assert!(images.contains(image), "{image} is not in the table");
        }
    }

    #[test]
    fn every_eol_field_is_a_date_or_boolean() {
        for (name, product) in &table().products {
            assert!(!product.releases.is_empty(), "{name}");
            for r in &product.releases {
                let ok = |v: &str| matches!(v, "true" | "false") || is_iso_date(v);
                assert!(ok(r.eol), "{name} {}: eol {:?}", r.cycle, r.eol);
                assert!(r.eoes.is_empty() || ok(r.eoes), "{name} {}: eoes {:?}", r.cycle, r.eoes);
            }
        }
    }
}
