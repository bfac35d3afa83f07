//! Calendar arithmetic on the dates rules compare: `today` (`YYYY-MM-DD`) and RFC 3339
//! timestamps from the Engine API (`2026-11-28T13:00:59.188Z`, `0001-01-01T00:00:00Z`).

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`,
/// <https://howardhinnant.github.io/date_algorithms.html>): shift the year to start in March so
/// the leap day comes last, then count 400-year eras.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y.rem_euclid(400);
    let m = i64::from(month);
    let day_of_year = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date part of `YYYY-MM-DD…` (a date or an RFC 3339 timestamp) as days since the Unix
/// epoch; None when it is not a valid date.
pub fn days_since_epoch(s: &str) -> Option<i64> {
    let date = s.get(..10)?;
    let b = date.as_bytes();
    if b[4] != b'-'
        || b[7] != b'-'
        || !date.bytes().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return None;
    }
    let year: i64 = date[..4].parse().ok()?;
    let month: u32 = date[5..7].parse().ok()?;
    let day: u32 = date[8..10].parse().ok()?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days_in_month).contains(&day).then(|| days_from_civil(year, month, day))
}

/// Whole days from `from` to `to` (both `YYYY-MM-DD…`); negative when `from` is later.
pub fn days_between(from: &str, to: &str) -> Option<i64> {
    Some(days_since_epoch(to)? - days_since_epoch(from)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days() {
        assert_eq!(days_since_epoch("1970-01-01"), Some(0));
        assert_eq!(days_since_epoch("2000-03-01T00:00:00Z"), Some(11_017));
        assert_eq!(days_since_epoch("0001-01-01T00:00:00Z"), Some(-719_162));
        assert_eq!(days_between("2024-02-28", "2024-03-01"), Some(2), "leap year");
        assert_eq!(days_between("2023-02-28", "2023-03-01"), Some(1));
        assert_eq!(days_between("2026-11-28T13:00:59.18828482Z", "2026-08-30"), Some(-90));
        for bad in [
            "",
            "2026-1-01",
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026/01/01",
            "２０２６-01-01",
            "abcd-ef-gh",
        ] {
            assert_eq!(days_since_epoch(bad), None, "{bad}");
        }
    }
}
