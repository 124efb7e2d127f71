//! Calendar dates as the catalogue writes them (`YYYY-MM-DD`), and when a price checked on
//! one counts as stale.

use std::fmt;

/// A price checked longer ago than this many months asks to be checked again.
pub const STALE_AFTER_MONTHS: u32 = 6;

/// A day of the Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, 2000–2100.
    pub year: u32,
    /// The month, 1–12.
    pub month: u32,
    /// The day of the month, 1 to the month's length.
    pub day: u32,
}

fn days_in(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

impl Date {
    /// A valid date, or `None`.
    pub fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        ((2000..=2100).contains(&year)
            && (1..=12).contains(&month)
            && (1..=days_in(year, month)).contains(&day))
        .then_some(Date { year, month, day })
    }

    /// Reads `YYYY-MM-DD`; `None` for anything else, including a day the month does not have.
    pub fn parse(text: &str) -> Option<Date> {
        let (year, month, day) = fields(text)?;
        Date::new(year, month, day)
    }

    /// The same day `months` calendar months earlier; the month's last day when it is
    /// shorter (31 August less six months is 28 or 29 February).
    pub fn months_before(self, months: u32) -> Date {
        let total = self.year * 12 + (self.month - 1) - months.min(self.year * 12);
        let (year, month) = (total / 12, total % 12 + 1);
        Date {
            year,
            month,
            day: self.day.min(days_in(year, month)),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// True for text in the shape `YYYY-MM-DD` with a month of 1–12 and a day of 1–31, even a
/// day its month lacks: what earlier builds accepted as a founder's own checked date, so
/// that a file they wrote keeps opening (its date then reads as not given).
pub fn is_written_as_date(text: &str) -> bool {
    matches!(
        fields(text),
        Some((y, m, d)) if (2000..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
    )
}

/// The year, month and day of text in the shape `YYYY-MM-DD`, digits only.
fn fields(text: &str) -> Option<(u32, u32, u32)> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |s: &str| {
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    Some((num(&text[0..4])?, num(&text[5..7])?, num(&text[8..10])?))
}

/// True when a price checked on `checked` is more than [`STALE_AFTER_MONTHS`] months old
/// on `today`: checked before the same day six months earlier.
pub fn is_stale(checked: Date, today: Date) -> bool {
    checked < today.months_before(STALE_AFTER_MONTHS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(t: &str) -> Date {
        Date::parse(t).unwrap()
    }

    #[test]
    fn reads_only_real_days() {
        assert_eq!(d("2026-08-15"), Date::new(2026, 8, 15).unwrap());
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "2026-00-10",
            "2026-8-15",
            "2026-08",
            "undated",
            "+026-08-15",
            "2026-08-1x",
            "1999-12-31",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2100-02-29").is_none());
        assert_eq!(d("2026-03-04").to_string(), "2026-03-04");
        // What earlier builds accepted for a founder's own plan still reads as a date's shape.
        assert!(is_written_as_date("2026-11-31") && Date::parse("2026-11-31").is_none());
        assert!(!is_written_as_date("2026-13-01") && !is_written_as_date("1 Dec"));
    }

    #[test]
    fn six_months_back_keeps_the_day_or_takes_the_months_last() {
        assert_eq!(d("2026-12-01").months_before(6), d("2026-06-01"));
        assert_eq!(d("2026-03-15").months_before(6), d("2025-09-15"));
        assert_eq!(d("2026-08-31").months_before(6), d("2026-02-28"));
        assert_eq!(d("2024-08-31").months_before(6), d("2024-02-29"));
        assert_eq!(d("2026-01-10").months_before(13), d("2024-12-10"));
    }

    #[test]
    fn a_price_is_stale_one_day_past_six_months() {
        let today = d("2026-12-01");
        // Checked exactly six months earlier: still fresh.
        assert!(!is_stale(d("2026-06-01"), today));
        // One day later than that: fresh.
        assert!(!is_stale(d("2026-06-02"), today));
        // One day earlier: stale.
        assert!(is_stale(d("2026-05-31"), today));
        assert!(!is_stale(today, today));
        // At a month end the boundary is the shorter month's last day.
        let today = d("2026-08-31");
        assert!(!is_stale(d("2026-02-28"), today));
        assert!(is_stale(d("2026-02-27"), today));
    }
}
