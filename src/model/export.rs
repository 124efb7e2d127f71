//! Spreadsheet exports: the timeline month by month and the user sweep, as CSV that opens
//! cleanly in any spreadsheet (RFC 4180 quoting, no formulas from names).

use super::eval::Model;
use super::range::Case;
use super::sweep::SweepPoint;
use super::timeline::{describe_configuration, Timeline};

/// The timeline's columns, in order.
pub const TIMELINE_COLUMNS: &[&str] = &[
    "month",
    "users",
    "cost_low_usd",
    "cost_high_usd",
    "revenue_low_usd",
    "revenue_high_usd",
    "profit_low_usd",
    "profit_high_usd",
    "configuration",
];

/// The sweep's columns, in order.
pub const SWEEP_COLUMNS: &[&str] = &[
    "users",
    "cost_low_usd",
    "cost_high_usd",
    "revenue_low_usd",
    "revenue_high_usd",
];

/// What an exported file is named when nothing of the scenario's name is left to name it.
pub const FALLBACK_FILE_STEM: &str = "headroom-scenario";

/// The longest file name stem made from a scenario's name, in characters.
pub const MAX_FILE_STEM_CHARS: usize = 60;

/// A file name (without its extension) made from a scenario's name: lower-case ASCII
/// letters and digits, with one dash for each run of anything else, at most
/// [`MAX_FILE_STEM_CHARS`] characters, or [`FALLBACK_FILE_STEM`] when that leaves
/// nothing. Accented Latin letters keep their base letter ("Café" gives "cafe"), and
/// apostrophes are dropped ("Founder's plan" gives "founders-plan").
pub fn file_stem(name: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in name.chars() {
        if matches!(c, '\'' | '’' | '`') {
            continue;
        }
        match ascii_of(c) {
            Some(letters) => {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push_str(letters);
            }
            None => dash = true,
        }
        if out.len() >= MAX_FILE_STEM_CHARS {
            break;
        }
    }
    out.truncate(MAX_FILE_STEM_CHARS);
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        FALLBACK_FILE_STEM.to_string()
    } else {
        out.to_string()
    }
}

/// A letter or digit as lower-case ASCII, or `None` for anything that separates words.
fn ascii_of(c: char) -> Option<&'static str> {
    const DIGITS_AND_LETTERS: &str = "0123456789abcdefghijklmnopqrstuvwxyz";
    let c = c.to_lowercase().next().unwrap_or(c);
    if let Some(i) = DIGITS_AND_LETTERS.find(c) {
        return DIGITS_AND_LETTERS.get(i..i + 1);
    }
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ł' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' => "s",
        'ß' => "ss",
        'ť' | 'ţ' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// One text field, quoted when it must be and defused when a spreadsheet would run it.
pub fn csv_text(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn num(v: f64) -> String {
    if v.is_finite() {
        let r = (v * 100.0).round() / 100.0;
        if r == r.trunc() {
            format!("{}", r as i64)
        } else {
            format!("{r}")
        }
    } else {
        String::new()
    }
}

/// The timeline as CSV, a header row then one row per month, with what each component
/// runs that month in the worst case.
pub fn timeline_csv(model: &Model, timeline: &Timeline) -> String {
    let mut out = TIMELINE_COLUMNS.join(",");
    out.push_str("\r\n");
    let mut parts = Vec::new();
    for (m, s) in timeline.months.iter().enumerate() {
        let config = model
            .components
            .iter()
            .enumerate()
            .map(|(i, c)| {
                parts.clear();
                c.runs_at(s.users, Case::Worst, |a| parts.push(a.part()));
                format!("{}: {}", c.name, describe_configuration(model, i, &parts))
            })
            .collect::<Vec<_>>()
            .join("; ");
        let row = [
            m.to_string(),
            num(s.users),
            num(s.cost().low),
            num(s.cost().high),
            num(s.revenue().low),
            num(s.revenue().high),
            num(s.profit().low),
            num(s.profit().high),
            csv_text(&config),
        ];
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The sweep as CSV, a header row then one row per user count.
pub fn sweep_csv(points: &[SweepPoint]) -> String {
    let mut out = SWEEP_COLUMNS.join(",");
    out.push_str("\r\n");
    for p in points {
        let (cost_low, cost_high) = (
            p.cost_usd.best.min(p.cost_usd.worst),
            p.cost_usd.best.max(p.cost_usd.worst),
        );
        let (rev_low, rev_high) = (
            p.revenue_usd.best.min(p.revenue_usd.worst),
            p.revenue_usd.best.max(p.revenue_usd.worst),
        );
        let row = [
            num(p.users.round()),
            num(cost_low),
            num(cost_high),
            num(rev_low),
            num(rev_high),
        ];
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_quoted_and_formulas_defused() {
        assert_eq!(csv_text("plain"), "plain");
        assert_eq!(csv_text("a, b"), "\"a, b\"");
        assert_eq!(csv_text("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_text("-1"), "'-1");
    }

    #[test]
    fn file_stems_are_lower_case_words_joined_by_dashes() {
        assert_eq!(
            file_stem("ChatBot SaaS on DigitalOcean"),
            "chatbot-saas-on-digitalocean"
        );
        assert_eq!(file_stem("  --Plan B!!  "), "plan-b");
        assert_eq!(file_stem("Café Müller's Straße"), "cafe-mullers-strasse");
        assert_eq!(file_stem("日本語"), FALLBACK_FILE_STEM);
        assert_eq!(file_stem(""), FALLBACK_FILE_STEM);
    }
}
