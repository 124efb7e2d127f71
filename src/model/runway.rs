//! Runway: the cash in the bank month by month, after the one-time costs, the running costs
//! and a raise, and the month it runs out in each case.

use super::eval::Snapshot;
use super::range::{Case, PerCase, Range};
use super::scenario::Raise;

/// The cash balance over the timeline, in each case.
#[derive(Clone, Debug, PartialEq)]
pub struct Runway {
    /// Cash in the bank at the end of each month, month 0 first, in each case.
    pub balance: PerCase<Vec<f64>>,
    /// The first month at whose end the cash is below zero, in each case, or month 0 when
    /// the cash (with a raise arriving at once) cannot pay the one-time costs at launch;
    /// `None` when it lasts past the horizon.
    pub out_month: PerCase<Option<u32>>,
    /// The cash at launch once the one-time costs are paid, with a raise arriving at once.
    pub start: PerCase<f64>,
}

impl Runway {
    /// The balance month by month from the cash at month 0: the one-time costs paid at the
    /// start, then each month's profit after running costs, and the raise in its month.
    /// The worst case pays the high one-time cost and earns the worst case's profit.
    ///
    /// # Formula
    /// B₋₁ = cash − one-time cost; B_m = B_{m−1} + raise (in its month) + revenue − cost −
    /// running costs of month m. The cash runs out in the first month m with B_m < 0, or in
    /// month 0 when B₋₁ plus a raise in month 0 is below zero: the one-time costs cannot be
    /// paid at launch.
    pub fn new(
        cash_usd: f64,
        raise: Option<Raise>,
        one_time_usd: Range,
        months: &[Snapshot],
    ) -> Runway {
        let balance = PerCase::from_fn(|case: Case| {
            let mut b = cash_usd - one_time_usd.cost_end(case);
            months
                .iter()
                .enumerate()
                .map(|(m, s)| {
                    if let Some(r) = raise.filter(|r| r.month as usize == m) {
                        b += r.usd;
                    }
                    b += s.money[case].profit_after_running_usd();
                    b
                })
                .collect::<Vec<f64>>()
        });
        let at_once = raise.filter(|r| r.month == 0).map_or(0.0, |r| r.usd);
        let start = PerCase::from_fn(|case: Case| cash_usd - one_time_usd.cost_end(case) + at_once);
        let out_month = PerCase::from_fn(|case: Case| {
            if start[case] < 0.0 {
                return Some(0);
            }
            balance[case]
                .iter()
                .position(|&v| v < 0.0)
                .map(|m| m as u32)
        });
        Runway {
            balance,
            out_month,
            start,
        }
    }

    /// The month the cash runs out in words, as a band: `month 5–8`, `now` for month 0,
    /// `lasts past month 24` in a case where it does not run out within the horizon.
    pub fn describe(&self, horizon_months: u32) -> String {
        let past = format!("lasts past month {horizon_months}");
        let word = |m: u32| {
            if m == 0 {
                "now".to_string()
            } else {
                format!("month {m}")
            }
        };
        match (self.out_month.worst, self.out_month.best) {
            (Some(a), Some(b)) if a == b => word(a),
            (Some(0), Some(b)) => format!("now to month {b}"),
            (Some(a), Some(b)) => format!("month {a}–{b}"),
            (Some(a), None) => format!("{} (best case: {past})", word(a)),
            (None, Some(b)) => format!("{past} (worst case: {})", word(b)),
            (None, None) => past,
        }
    }

    /// The lowest the cash gets over the timeline, low–high: the worst case's lowest is the
    /// low end.
    pub fn lowest(&self) -> Range {
        let min = |v: &Vec<f64>, start: f64| v.iter().copied().fold(start, f64::min);
        Range::new(
            min(&self.balance.worst, self.start.worst),
            min(&self.balance.best, self.start.best),
        )
    }
}

/// What the runway answer says when there is none to give.
pub const NO_CASH: &str = "enter the cash in the bank to see the runway";

/// The runway answer in words: when the cash runs out, or [`NO_CASH`] when no cash is
/// entered.
pub fn describe(runway: Option<&Runway>, horizon_months: u32) -> String {
    runway.map_or_else(|| NO_CASH.to_string(), |r| r.describe(horizon_months))
}

/// What the runway is counted from, in words: `from $10,000 in the bank, less $30,000–$65,000
/// one-time, with $5,000 raised in month 4; lowest balance −$134.70 to $765`; empty when no
/// cash is entered.
pub fn describe_detail(
    raw: &super::scenario::RawScenario,
    runway: Option<&Runway>,
    one_time_usd: Range,
) -> String {
    use super::format::{band, usd};
    let (Some(cash), Some(r)) = (raw.cash_usd, runway) else {
        return String::new();
    };
    let mut out = format!("from {} in the bank", usd(cash));
    if one_time_usd.high > 0.0 {
        out += &format!(", less {} one-time", band(one_time_usd, usd));
    }
    if let Some(raise) = raw.raise {
        out += &format!(
            ", with {} raised {}",
            usd(raise.usd),
            if raise.month == 0 {
                "now".to_string()
            } else {
                format!("in month {}", raise.month)
            }
        );
    }
    out + &format!("; lowest balance {}", band(r.lowest(), usd))
}
