//! Reading what people type: counts with separators, with errors that say how to fix them.
//! Pure functions, tested natively.

use super::format;
use super::range::Range;
use super::scenario::MAX_USERS;

/// True for a link a founder may give as the source of a price: empty, or http(s).
pub fn is_source_link(t: &str) -> bool {
    t.is_empty() || t.starts_with("https://") || t.starts_with("http://")
}

/// The page writes negatives with `−`; a person may type either.
fn minus_as_hyphen(c: char) -> char {
    if c == format::MINUS {
        '-'
    } else {
        c
    }
}

/// True for digits in groups of three after the first, such as `1,000` or `12,345,678`,
/// with an optional decimal part after a point: commas that separate thousands.
fn grouped_in_thousands(numeral: &str) -> bool {
    let whole = numeral.split_once('.').map_or(numeral, |(w, _)| w);
    let fraction_ok = numeral
        .split_once('.')
        .is_none_or(|(_, f)| f.bytes().all(|b| b.is_ascii_digit()));
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or_default();
    fraction_ok
        && (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Refuses a comma that is not a thousands separator, so that “12,5” is never read as 125.
/// A comma between digits in groups of three (`1,000`, `12,345,678.5`) separates
/// thousands; any other comma may be meant as a decimal point, and the sentence says how
/// to write the number either way.
///
/// # Errors
/// A sentence quoting what was typed and saying how to write it.
fn check_commas(text: &str) -> Result<(), String> {
    let is_numeral = |c: char| c.is_ascii_digit() || c == ',' || c == '.';
    let mut decimal = String::with_capacity(text.len());
    let mut thousands = Some(String::with_capacity(text.len()));
    let mut wrong = false;
    let mut rest = text;
    while let Some(start) = rest.find(is_numeral) {
        decimal.push_str(&rest[..start]);
        if let Some(t) = &mut thousands {
            t.push_str(&rest[..start]);
        }
        let tail = &rest[start..];
        let end = tail.find(|c| !is_numeral(c)).unwrap_or(tail.len());
        let numeral = &tail[..end];
        rest = &tail[end..];
        if !numeral.contains(',') || grouped_in_thousands(numeral) {
            decimal.push_str(numeral);
            if let Some(t) = &mut thousands {
                t.push_str(numeral);
            }
            continue;
        }
        wrong = true;
        // One comma between digits and no point: a decimal comma, or thousands short of
        // their zeros (12,5 for 12,500).
        let simple = numeral.split_once(',').filter(|(a, b)| {
            !a.is_empty()
                && !b.is_empty()
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        });
        match simple {
            Some((a, b)) => {
                decimal.push_str(&format!("{a}.{b}"));
                thousands = thousands.filter(|_| b.len() < 3 && !a.starts_with('0') && a.len() <= 3);
                if let Some(t) = &mut thousands {
                    t.push_str(&format!("{a},{b:0<3}"));
                }
            }
            None => {
                return Err(format!(
                    "“{text}” has commas where a number has none: write thousands as 12,500 and decimals with a point, as 12.5."
                ))
            }
        }
    }
    if !wrong {
        return Ok(());
    }
    decimal.push_str(rest);
    Err(match thousands {
        Some(mut t) => {
            t.push_str(rest);
            format!("“{text}” has a comma where a decimal point may be meant: write {decimal} (or {t} if you mean thousands).")
        }
        None => {
            format!("“{text}” has a comma where a decimal point may be meant: write {decimal}.")
        }
    })
}

/// Reads a user count typed by a person: digits with optional separators, a comma only
/// between groups of three digits.
///
/// # Errors
/// A sentence saying what is wrong and how to fix it.
pub fn parse_users(text: &str) -> Result<f64, String> {
    check_commas(text.trim())?;
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}'))
        .map(minus_as_hyphen)
        .collect();
    if cleaned.is_empty() {
        return Err("Enter a number of users, for example 5000.".into());
    }
    let v: f64 = cleaned.parse().map_err(|_| {
        format!(
            "“{}” is not a number; type digits only, for example 5000.",
            text.trim()
        )
    })?;
    if !v.is_finite() {
        return Err("Enter a finite number of users, for example 5000.".into());
    }
    if v < 0.0 {
        return Err("Users cannot be negative; enter 0 or more.".into());
    }
    if v > MAX_USERS {
        return Err(format!(
            "That is more than {} users; enter a smaller number.",
            format::count(MAX_USERS)
        ));
    }
    Ok(v.round())
}

/// Reads a number or a low–high range typed by a person: `5`, `5-10`, `5–10`, `5 to 10`,
/// with optional `$`, `%` and thousands separators. A comma separates thousands only
/// between groups of three digits; “12,5” is refused, never read as 125.
///
/// # Errors
/// A sentence saying what is wrong and how to fix it.
pub fn parse_range(text: &str, min: f64, max: f64) -> Result<Range, String> {
    check_commas(text.trim())?;
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | '$' | '%' | ' ' | '\u{a0}'))
        .map(minus_as_hyphen)
        .collect();
    if cleaned.is_empty() {
        return Err("Enter a number, or a low–high range such as 5–10.".into());
    }
    let lowered = cleaned.to_lowercase();
    let parts: Vec<&str> = if let Some((a, b)) = lowered.split_once("to") {
        vec![a, b]
    } else if let Some((a, b)) = lowered.split_once('–') {
        vec![a, b]
    } else if let Some((a, b)) = lowered.get(1..).and_then(|rest| rest.split_once('-')) {
        // A leading minus belongs to the first number.
        vec![&lowered[..a.len() + 1], b]
    } else {
        vec![lowered.as_str()]
    };
    let mut ends = Vec::with_capacity(2);
    for p in &parts {
        let v: f64 = p.parse().map_err(|_| {
            format!(
                "“{}” is not a number; type a number such as 12.5, or a range such as 5–10.",
                text.trim()
            )
        })?;
        if !v.is_finite() {
            return Err("Enter a finite number.".into());
        }
        if v < min || v > max {
            return Err(format!(
                "Must be between {} and {}.",
                format::number(min, 4),
                format::number(max, 4)
            ));
        }
        ends.push(v);
    }
    Ok(match ends.as_slice() {
        [a] => Range::exact(*a),
        [a, b] if a <= b => Range::new(*a, *b),
        _ => {
            return Err("The low end is above the high end; write the smaller number first.".into())
        }
    })
}

/// Writes a range the way [`parse_range`] reads it, by the rules of [`format::band`].
pub fn range_text(r: Range) -> String {
    if r.is_exact() {
        format::number(r.low, 9)
    } else {
        format::band(r, |v| format::number(v, 9))
    }
}

/// The most users the slider reaches.
pub const SLIDER_MAX_USERS: f64 = 1e8;

/// Steps of the user slider from 1 user to [`SLIDER_MAX_USERS`].
pub const SLIDER_STEPS: f64 = 1000.0;

/// The slider position for a user count.
///
/// # Formula
/// position = log10(users) ÷ log10(max) × steps.
pub fn slider_position(users: f64) -> f64 {
    (users.max(1.0).log10() / SLIDER_MAX_USERS.log10() * SLIDER_STEPS)
        .round()
        .clamp(0.0, SLIDER_STEPS)
}

/// The user count at a slider position, rounded to three significant figures so that the
/// numbers a person lands on read cleanly and every step of the slider still moves them.
pub fn slider_users(position: f64) -> f64 {
    let raw =
        10f64.powf(position.clamp(0.0, SLIDER_STEPS) / SLIDER_STEPS * SLIDER_MAX_USERS.log10());
    if raw < 1000.0 {
        raw.round()
    } else {
        let magnitude = 10f64.powf(raw.log10().floor() - 2.0);
        (raw / magnitude).round() * magnitude
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_separators_and_rejects_nonsense() {
        assert_eq!(parse_users("5,000"), Ok(5000.0));
        assert!(parse_users("-1").unwrap_err().contains("negative"));
        assert!(parse_users("abc").unwrap_err().contains("not a number"));
        assert!(parse_users("").is_err());
        assert!(parse_users("1e308").unwrap_err().contains("smaller"));
        assert!(parse_users("NaN").is_err());
    }

    #[test]
    fn reads_numbers_and_ranges() {
        assert_eq!(parse_range("5", 0.0, 100.0), Ok(Range::exact(5.0)));
        assert_eq!(parse_range("5–10", 0.0, 100.0), Ok(Range::new(5.0, 10.0)));
        assert_eq!(
            parse_range("$1,250 - $4,050", 0.0, 1e6),
            Ok(Range::new(1250.0, 4050.0))
        );
        assert_eq!(
            parse_range("5 to 10%", 0.0, 100.0),
            Ok(Range::new(5.0, 10.0))
        );
        assert!(parse_range("10-5", 0.0, 100.0)
            .unwrap_err()
            .contains("smaller number first"));
        assert!(parse_range("-5", 0.0, 100.0)
            .unwrap_err()
            .contains("between 0 and 100"));
        assert!(parse_range("abc", 0.0, 100.0)
            .unwrap_err()
            .contains("not a number"));
        assert!(parse_range("", 0.0, 100.0).is_err());
        assert_eq!(range_text(Range::new(5.0, 10.0)), "5–10");
        assert_eq!(range_text(Range::new(-10.0, -2.5)), "−10 to −2.5");
        assert_eq!(
            parse_range(&range_text(Range::new(-10.0, -2.5)), -100.0, 100.0),
            Ok(Range::new(-10.0, -2.5))
        );
        assert_eq!(parse_range("−5", -100.0, 100.0), Ok(Range::exact(-5.0)));
        assert_eq!(
            parse_range(&range_text(Range::new(0.125, 33.3333333)), 0.0, 100.0),
            Ok(Range::new(0.125, 33.3333333))
        );
    }

    #[test]
    fn a_comma_separates_thousands_only_between_groups_of_three_digits() {
        let read = |t: &str| parse_range(t, -1e12, 1e12);
        assert_eq!(read("1,000"), Ok(Range::exact(1000.0)));
        assert_eq!(read("12,345,678"), Ok(Range::exact(12_345_678.0)));
        assert_eq!(read("12,345.5"), Ok(Range::exact(12_345.5)));
        assert_eq!(read("−1,000"), Ok(Range::exact(-1000.0)));
        assert_eq!(read("1,000–2,500"), Ok(Range::new(1000.0, 2500.0)));
        assert_eq!(parse_users("12,345,678"), Ok(12_345_678.0));
        assert_eq!(
            read("12,5"),
            Err("“12,5” has a comma where a decimal point may be meant: write 12.5 (or 12,500 if you mean thousands).".into())
        );
        assert_eq!(
            read("0,25"),
            Err("“0,25” has a comma where a decimal point may be meant: write 0.25.".into())
        );
        assert_eq!(
            read("1,5–2,5"),
            Err("“1,5–2,5” has a comma where a decimal point may be meant: write 1.5–2.5 (or 1,500–2,500 if you mean thousands).".into())
        );
        assert_eq!(
            read("1,00"),
            Err("“1,00” has a comma where a decimal point may be meant: write 1.00 (or 1,000 if you mean thousands).".into())
        );
        assert_eq!(
            read("$1,5 - $2,000"),
            Err("“$1,5 - $2,000” has a comma where a decimal point may be meant: write $1.5 - $2,000 (or $1,500 - $2,000 if you mean thousands).".into())
        );
        assert_eq!(
            read("1234,5"),
            Err("“1234,5” has a comma where a decimal point may be meant: write 1234.5.".into())
        );
        let misplaced = "has commas where a number has none: write thousands as 12,500 and decimals with a point, as 12.5.";
        for t in [
            "1,2.3.4", "1,000,00", "1,,000", ",5", "5,", "1, 000", "12,5,0",
        ] {
            assert_eq!(read(t), Err(format!("“{t}” {misplaced}")), "{t}");
        }
        assert_eq!(
            parse_users("12,5"),
            Err("“12,5” has a comma where a decimal point may be meant: write 12.5 (or 12,500 if you mean thousands).".into())
        );
        // What the page writes, it reads back.
        assert_eq!(
            read(&range_text(Range::new(1234.5, 98_765_432.25))),
            Ok(Range::new(1234.5, 98_765_432.25))
        );
    }

    #[test]
    fn slider_round_trips_through_round_numbers() {
        assert_eq!(slider_users(0.0), 1.0);
        assert_eq!(slider_users(1000.0), 1e8);
        assert_eq!(slider_position(1e8), 1000.0);
        let back = slider_users(slider_position(5000.0));
        assert!((back - 5000.0).abs() / 5000.0 < 0.01, "{back}");
        assert_eq!(slider_users(500.0), 10_000.0);
        assert_eq!(slider_users(501.0), 10_200.0);
    }
}
