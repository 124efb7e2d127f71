//! Numbers formatted for people: `$1,250`, `$0.0096`, `12.5%`, `5,000 users`, `−$48`.
//! Pure functions, shared by the page and the tests; the CSV exports write plain numbers.
//!
//! The rules, the same for every figure: a negative number takes the minus sign `−`
//! (U+2212), never a hyphen; a band reads `low–high` with an en dash, or `low to high` when
//! an end is negative (`−52% to −47%`, never `−52%–−47%`); a band whose two ends read the
//! same is one figure.

use super::range::Range;

/// The minus sign every negative figure takes.
pub const MINUS: char = '\u{2212}';

fn group(int_part: &str) -> String {
    let (sign, digits) = match int_part.strip_prefix('-') {
        Some(d) => ("−", d),
        None => ("", int_part),
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    format!("{sign}{out}")
}

/// A number with thousands separators and at most `decimals` decimals, trailing zeros
/// after the point removed; `−` before a negative one, none before one that rounds to 0.
pub fn number(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let s = format!("{:.*}", decimals, v);
    let (int_part, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), f.trim_end_matches('0').to_string()),
        None => (s.clone(), String::new()),
    };
    let int_part = if int_part == "-0" && frac.is_empty() {
        "0".into()
    } else {
        int_part
    };
    if frac.is_empty() {
        group(&int_part)
    } else {
        format!("{}.{frac}", group(&int_part))
    }
}

/// A whole count: `5,000`.
pub fn count(v: f64) -> String {
    number(v.round(), 0)
}

/// An amount of a resource: whole from 100 up, with up to three significant digits below,
/// so that 0.05 CPU-hours does not read as 0.
pub fn amount(v: f64) -> String {
    let a = v.abs();
    if a >= 100.0 || a == 0.0 || !v.is_finite() {
        count(v)
    } else if a >= 10.0 {
        number(v, 1)
    } else if a >= 1.0 {
        number(v, 2)
    } else {
        let decimals = (2.0 - a.log10().floor()).clamp(0.0, 12.0) as usize;
        number(v, decimals)
    }
}

/// US dollars: whole dollars from $100, cents from 10 cents, two significant digits under
/// that: `$1,250`, `$31.50`, `$0.50`, `$0.024`.
pub fn usd(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    // A word joiner holds the minus sign to the dollar sign: a line never breaks between
    // them.
    let sign = if v < 0.0 { "−\u{2060}" } else { "" };
    let a = v.abs();
    let body = if a >= 100.0 || a == 0.0 {
        number(a.round(), 0)
    } else if (a * 100.0).round() >= 100.0 {
        let cents = (a * 100.0).round() / 100.0;
        if cents.fract() == 0.0 {
            number(cents, 0)
        } else {
            format!("{cents:.2}")
        }
    } else if (a * 100.0).round() >= 10.0 {
        // From 10 cents, cents as money is written: $0.50, not $0.5.
        format!("{:.2}", (a * 100.0).round() / 100.0)
    } else {
        let digits = (-a.log10().floor()) as usize + 1;
        let s = format!("{:.*}", digits.min(8), a);
        let s = s.trim_end_matches('0');
        s.trim_end_matches('.').to_string()
    };
    format!("{sign}${body}")
}

/// A percentage, to three significant figures and at most one decimal: `0.042%`, `4.2%`,
/// `12.5%`, `260%`, `1,070%`.
pub fn pct(v: f64) -> String {
    pct_to(v, v.abs())
}

/// A percentage rounded as a figure of size `scale` would be, so that the two ends of a band
/// take the same rounding.
fn pct_to(v: f64, scale: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let body = if scale >= 1000.0 {
        let step = 10f64.powf(scale.log10().floor() - 2.0);
        number((v / step).round() * step, 0)
    } else if scale >= 100.0 {
        number(v.round(), 0)
    } else if scale >= 1.0 || scale == 0.0 {
        number(v, 1)
    } else {
        let decimals = (1.0 - scale.log10().floor()).clamp(1.0, 6.0) as usize;
        number(v, decimals)
    };
    format!("{body}%")
}

/// A low–high band with one formatter: a single figure when both ends read the same, `low to
/// high` when an end is negative.
pub fn band(r: Range, f: impl Fn(f64) -> String) -> String {
    let (a, b) = (f(r.low), f(r.high));
    if a == b {
        a
    } else if a.starts_with(MINUS) || b.starts_with(MINUS) {
        format!("{a} to {b}")
    } else {
        format!("{a}–{b}")
    }
}

/// A band of percentages: `56%–125%`, `1,070%` for 1,073.4–1,073.6, `−52% to −47.2%`.
/// Ends of one sign within ten times of each other take the rounding of the larger, so that
/// they read alike; others are each rounded on their own, so that a small end, or a loss
/// beside a gain, never reads as 0%.
pub fn pct_band(r: Range) -> String {
    let (small, large) = (r.low.abs().min(r.high.abs()), r.low.abs().max(r.high.abs()));
    let same_sign = (r.low >= 0.0) == (r.high >= 0.0);
    if same_sign && small * 10.0 >= large {
        band(r, |v| pct_to(v, large))
    } else {
        band(r, pct)
    }
}

/// A resource's name for people, from the built-in catalogue's vocabulary: `RAM (MB)`,
/// `messages a month`.
/// A key the vocabulary does not hold (a founder's own) reads with spaces for underscores.
pub fn resource(key: &str) -> String {
    resource_in(super::catalogue::Catalogue::shared(), key)
}

/// "per message", "per document": one unit of a resource a driver counts per; "per unit
/// of RAM (MB)" for a quantity.
pub fn per_one(key: &str) -> String {
    match super::catalogue::Catalogue::shared().resource(key) {
        Some(r) if !r.one.is_empty() => format!("per {}", r.one),
        _ => format!("per unit of {}", resource(key)),
    }
}

/// A resource's name without its period, for an amount per unit of something that is
/// itself counted a month: `input tokens` for `input tokens a month`.
pub fn resource_each(key: &str) -> String {
    let name = resource(key);
    for tail in [" a month", " a day"] {
        if let Some(head) = name.strip_suffix(tail) {
            return head.to_string();
        }
    }
    name
}

/// A resource's name with its unit set off by commas, for a label that goes on with more
/// words: `RAM, MB,` for `RAM (MB)`, so that `RAM, MB, per user` has one bracket fewer.
pub fn unit_aside(name: &str) -> String {
    match name.strip_suffix(')').and_then(|n| n.rsplit_once(" (")) {
        Some((what, unit)) if !what.is_empty() && !unit.contains(['(', ')']) => {
            format!("{what}, {unit},")
        }
        _ => name.to_string(),
    }
}

/// A resource's name for people, from this catalogue's vocabulary.
pub fn resource_in(catalogue: &super::catalogue::Catalogue, key: &str) -> String {
    match catalogue.resource(key) {
        Some(r) => r.label.clone(),
        None => key.replace('_', " "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollars_read_as_people_write_them() {
        assert_eq!(usd(1250.0), "$1,250");
        assert_eq!(usd(45950.0), "$45,950");
        assert_eq!(usd(24.0), "$24");
        assert_eq!(usd(31.5), "$31.50");
        assert_eq!(usd(0.24), "$0.24");
        assert_eq!(usd(0.024), "$0.024");
        assert_eq!(usd(0.0096), "$0.0096");
        assert_eq!(usd(0.0), "$0");
        assert_eq!(usd(-48.0), "−\u{2060}$48");
        assert_eq!(usd(f64::NAN), "—");
    }

    #[test]
    fn percentages_and_counts() {
        assert_eq!(pct(12.5), "12.5%");
        assert_eq!(pct(91.9), "91.9%");
        assert_eq!(pct(1064.6), "1,060%");
        assert_eq!(pct(50.0), "50%");
        assert_eq!(count(5000.0), "5,000");
        assert_eq!(count(1234567.4), "1,234,567");
    }

    #[test]
    fn bands_collapse_when_ends_agree() {
        assert_eq!(band(Range::new(1250.0, 4050.0), usd), "$1,250–$4,050");
        assert_eq!(band(Range::exact(24.0), usd), "$24");
    }
}
