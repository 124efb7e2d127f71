//! Short text for charts: names cut to fit a legend or a lane, counts as `10K`, dollars
//! through the model's formatter, and a width estimate that needs no font measurement.

use crate::model::format;

/// A name shortened to at most `max_chars` characters, the way a person would shorten
/// it: first without its parenthesised details, then up to its first `,` or ` / `, and only
/// then cut at a word with `…`.
pub fn short_name(name: &str, max_chars: usize) -> String {
    let name = name.trim();
    let fits = |s: &str| s.chars().count() <= max_chars;
    if fits(name) {
        return name.to_string();
    }
    if max_chars == 0 {
        return String::new();
    }
    let plain = without_parentheses(name);
    if !plain.is_empty() && fits(&plain) {
        return plain;
    }
    let base = if plain.is_empty() {
        name
    } else {
        plain.as_str()
    };
    for sep in [" / ", ", ", " — ", " - "] {
        if let Some((head, _)) = base.split_once(sep) {
            let head = head.trim();
            if !head.is_empty() && fits(head) {
                return head.to_string();
            }
        }
    }
    cut(base, max_chars)
}

/// An offer's name short enough for a lane (under 18 characters), keeping its memory size
/// where it has one, since that is what tells two offers of a provider apart:
/// `Basic 4 GB / 2 vCPU` becomes `Basic 4 GB`, `Reserved VM, dedicated small (1 vCPU,
/// 4 GB)` becomes `Reserved VM 4 GB`.
pub fn short_offer(offer: &str) -> String {
    const MAX: usize = 17;
    let offer = offer.trim();
    let plain = without_parentheses(offer);
    if offer.chars().count() <= MAX {
        return offer.to_string();
    }
    if !plain.is_empty() && plain.chars().count() <= MAX {
        return plain;
    }
    if let Some(size) = memory_size(offer) {
        let head = [" / ", ", "].iter().fold(plain.as_str(), |h, sep| {
            h.split_once(sep).map_or(h, |(a, _)| a)
        });
        let budget = MAX.saturating_sub(size.chars().count() + 1);
        let mut words = String::new();
        for w in head
            .split_whitespace()
            .filter(|w| !size.split(' ').any(|p| p == *w))
        {
            let next = if words.is_empty() {
                w.to_string()
            } else {
                format!("{words} {w}")
            };
            if next.chars().count() > budget {
                break;
            }
            words = next;
        }
        // A word like "on" or "a" left dangling reads badly: "Gateway on a 4 GB".
        while let Some((rest, last)) = words.rsplit_once(' ') {
            if last.chars().count() > 2 || !last.chars().all(char::is_lowercase) {
                break;
            }
            words = rest.to_string();
        }
        if !words.is_empty() {
            return format!("{words} {size}");
        }
    }
    short_name(offer, MAX)
}

/// The first memory size in a name, as `4 GB` or `2.5 GB`.
fn memory_size(s: &str) -> Option<String> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(2).find_map(|w| {
        let unit = matches!(w[1], "MB" | "GB" | "TB");
        (unit && w[0].parse::<f64>().is_ok()).then(|| format!("{} {}", w[0], w[1]))
    })
}

/// A count with a K, M or B suffix for axis ticks: `1`, `250`, `10K`, `2.5M`.
pub fn short_count(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let a = v.abs();
    let sign = if v < 0.0 { "−" } else { "" };
    for (div, suffix) in [(1e9, "B"), (1e6, "M"), (1e3, "K")] {
        if a >= div {
            return format!("{sign}{}{suffix}", trimmed(a / div));
        }
    }
    format!("{sign}{}", format::number(a, if a < 10.0 { 1 } else { 0 }))
}

/// Dollars for axis ticks: the model's formatter up to a million, `$1.5M` above.
pub(crate) fn short_usd(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let a = v.abs();
    if a < 1e6 {
        // A chart's label never wraps: it goes without the word joiner.
        return format::usd(v).replace('\u{2060}', "");
    }
    let sign = if v < 0.0 { "−" } else { "" };
    let (div, suffix) = if a >= 1e9 { (1e9, "B") } else { (1e6, "M") };
    format!("{sign}${}{suffix}", trimmed(a / div))
}

/// One decimal below 10, none above, no trailing `.0`.
fn trimmed(x: f64) -> String {
    let s = if x < 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.0}")
    };
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// Width of `text` at `size` pixels in a sans-serif face, a little generous so that a
/// label judged to fit does fit. The advances are DejaVu Sans's (Linux's usual
/// sans-serif), about a tenth wider than Arial's. Measuring would go through the DOM on
/// the web.
pub(crate) fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | ' ' => 0.32,
            'f' | 't' | 'r' | '(' | ')' | '-' | '/' => 0.42,
            'm' | 'w' | 'M' | 'W' | '%' | '@' | '—' | '…' => 0.98,
            c if c.is_ascii_uppercase() => 0.72,
            _ => 0.64,
        })
        .sum::<f64>()
        * size
}

fn without_parentheses(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let joined = out.split_whitespace().collect::<Vec<_>>().join(" ");
    joined
        .trim_end_matches([',', ';', ':', '-', '–', '—', ' '])
        .to_string()
}

/// The longest prefix ending at a word boundary that fits `max_chars` with `…`.
fn cut(s: &str, max_chars: usize) -> String {
    let keep = max_chars.saturating_sub(1);
    let prefix: String = s.chars().take(keep).collect();
    let at_word = match prefix.rfind(' ') {
        Some(i) if i >= prefix.len() / 2 => prefix[..i].to_string(),
        _ => prefix,
    };
    let at_word = at_word.trim_end_matches([',', ' ', '(', '/', '-']);
    format!("{at_word}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_shorten_the_way_people_shorten_them() {
        assert_eq!(short_name("Web app", 20), "Web app");
        assert_eq!(
            short_name("App server (FastAPI, Postgres, Redis on one droplet)", 26),
            "App server"
        );
        assert_eq!(short_offer("Basic 4 GB / 2 vCPU"), "Basic 4 GB");
        assert_eq!(
            short_offer("Reserved VM, dedicated small (1 vCPU, 4 GB)"),
            "Reserved VM 4 GB"
        );
        assert_eq!(short_offer("Redis Cloud Essentials 250 MB"), "Redis 250 MB");
        assert_eq!(short_offer("Gateway on a 4 GB VPS"), "Gateway 4 GB");
        assert_eq!(
            short_offer("Performance-M (2.5 GB, dedicated)"),
            "Performance-M"
        );
        assert_eq!(short_offer("Spaces subscription (250 GB)"), "Spaces 250 GB");
        assert_eq!(short_offer("Cloudflare Realtime TURN + SFU"), "Cloudflare…");
        assert!(
            short_name("Supercalifragilisticexpialidocious", 10)
                .chars()
                .count()
                <= 10
        );
        assert_eq!(short_name("anything", 0), "");
    }

    #[test]
    fn counts_and_dollars_are_short() {
        assert_eq!(short_count(1.0), "1");
        assert_eq!(short_count(100.0), "100");
        assert_eq!(short_count(1000.0), "1K");
        assert_eq!(short_count(2500.0), "2.5K");
        assert_eq!(short_count(100_000.0), "100K");
        assert_eq!(short_count(1e6), "1M");
        assert_eq!(short_count(0.5), "0.5");
        assert_eq!(short_usd(1250.0), "$1,250");
        assert_eq!(short_usd(2_500_000.0), "$2.5M");
        assert_eq!(short_usd(-48.0), "−$48");
    }
}
