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
}
