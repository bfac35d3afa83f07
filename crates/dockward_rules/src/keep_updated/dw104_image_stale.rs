//! ## What it does
//! Flags local images built longer ago than a maximum age (default 90 days, `image-max-age-days`
//! in `dockward.toml`), from the image's `Created` and the day of the audit; and live
//! containers running such an image.
//!
//! An image whose `Created` lies before 2013 (before Docker existed) carries a fixed timestamp,
//! not its build time: reproducible builds set `SOURCE_DATE_EPOCH=0` (distroless, ko, Nix,
//! Bazel images say 1970-01-01) and some tools write the zero time (0001-01-01). Its age is
//! unknown, so instead of calling it "20 000 days old" the rule reports that, once, as info on
//! the image (containers running it are not reported).
//!
//! ## Why is this bad?
//! An image gets security fixes only when it is rebuilt (or re-pulled after its publisher
//! rebuilt it): every package in an image built months ago misses the fixes published since.
//! Old images are also the ones nobody remembers how to rebuild.
//!
//! ## Example
//! ```text
//! $ docker image inspect --format '{{.Created}}' example/app:1.0
//! 2025-01-10T08:00:00Z
//! ```
//!
//! ## Use instead
//! Rebuild (with `docker build --pull`, so the base image is fresh too) or re-pull images on a
//! schedule shorter than the limit, and recreate the containers that run them:
//! ```sh
//! docker build --pull -t example/app:1.0 . && docker compose up -d
//! ```
//!
//! ## References
//! - CIS Docker Benchmark 4.4 (ensure images are scanned and rebuilt to include security
//!   patches), 5.28 (ensure containers use the latest version of their image)
//! - <https://docs.docker.com/build/building/best-practices/#rebuild-your-images-often>

use crate::prelude::*;
use crate::support::dates::{days_between, days_since_epoch};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW104",
    name: "image-stale",
    summary: "Image built longer ago than the maximum age",
    practice: Practice::KeepUpdated,
    surfaces: &[Surface::Image, Surface::Container],
    severity: Severity::Low,
    equivalents: &["CIS-4.4", "CIS-5.28"],
    default_enabled: true,
};

/// 2013-01-01: no Docker image was built before Docker's first release (March 2013).
const FIRST_PLAUSIBLE_DAY: i64 = 15_706;

enum Age {
    /// A fixed timestamp (reproducible build, zero time).
    Fixed,
    /// Older than the limit: days.
    Stale(i64),
    Fresh,
}

/// How `created` (RFC 3339) compares with the limit on `today`; None when either date does not
/// parse.
fn age(created: &str, today: &str, max_days: u32) -> Option<Age> {
    if days_since_epoch(created)? < FIRST_PLAUSIBLE_DAY {
        return Some(Age::Fixed);
    }
    let days = days_between(created, today)?;
    Some(if days > i64::from(max_days) { Age::Stale(days) } else { Age::Fresh })
}

fn date(created: &str) -> &str {
    created.get(..10).unwrap_or(created)
}

pub fn check_image(ctx: &ImageCtx, out: &mut Vec<Finding>) {
    let Some(created) = ctx.image.created.as_deref() else { return };
    let max = ctx.config.image_max_age_days();
    let who = ctx.what();
    match age(created, ctx.today, max) {
        Some(Age::Stale(days)) => out.push(
            ctx.finding(&RULE, format!("{who} was built on {}, {days} days ago (more than {max}): it lacks every fix published since", date(created)))
                .with_fix("Rebuild it (`docker build --pull …`) or pull a fresh build of its tag, then recreate its containers; rebuild on a schedule shorter than the limit.")
                .with_equivalents(["CIS-4.4"]),
        ),
        Some(Age::Fixed) => out.push(
            ctx.finding(&RULE, format!("{who} has the fixed creation time `{created}` (a reproducible build or a zero time), so its age cannot be judged"))
                .with_severity(Severity::Info)
                .with_fix("Check its publisher's release feed (or its build pipeline) for newer builds; pin it by digest and update the digest on a schedule.")
                .with_equivalents(["CIS-4.4"]),
        ),
        Some(Age::Fresh) | None => {}
    }
}

/// Live containers: the image they run (by ID), when it is still local.
pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    let Some(created) = ctx.spec.runtime.as_ref().and_then(|r| r.image_created.as_deref()) else {
        return;
    };
    let max = ctx.config.image_max_age_days();
    let Some(Age::Stale(days)) = age(created, ctx.today, max) else { return };
    let image = ctx.spec.image.as_ref().map(|i| format!(" `{}`", i.value.raw)).unwrap_or_default();
    out.push(
        ctx.finding_service(&RULE, format!("{} runs image{image} built on {}, {days} days ago (more than {max})", ctx.what(), date(created)))
            .with_fix("Rebuild or pull a fresh build of the image and recreate the container from it (`docker compose pull && docker compose up -d`, or `docker rm -f` and `docker run` again).")
            .with_equivalents(["CIS-5.28"]),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages() {
        assert!(
            matches!(age("2026-08-30T10:00:00Z", "2026-11-28", 90), Some(Age::Fresh)),
            "exactly 90 days is not more than 90"
        );
        assert!(matches!(age("2026-08-29T10:00:00Z", "2026-11-28", 90), Some(Age::Stale(91))));
        assert!(
            matches!(age("2027-01-01T00:00:00Z", "2026-11-28", 90), Some(Age::Fresh)),
            "clock skew: built in the future"
        );
        assert!(matches!(age("1970-01-01T00:00:00Z", "2026-11-28", 90), Some(Age::Fixed)));
        assert!(matches!(age("0001-01-01T00:00:00Z", "2026-11-28", 90), Some(Age::Fixed)));
        assert!(age("yesterday", "2026-11-28", 90).is_none());
        assert!(age("2026-01-01", "not a date", 90).is_none());
    }
}
