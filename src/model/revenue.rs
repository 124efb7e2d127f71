//! Revenue as it arrives: payment fees on each charge, a mix of monthly and annual plans,
//! monthly churn of paying users, what conversion counts, and running costs beyond servers.

use serde::{Deserialize, Serialize};

use super::range::{Case, PerCase, Range};

/// What a payment processor keeps of each charge: a percentage plus a fixed amount.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentFees {
    /// Percentage of each charge, e.g. 2.9.
    #[serde(default)]
    pub pct: Range,
    /// Fixed amount per charge in USD, e.g. 0.30.
    #[serde(default)]
    pub fixed_usd: Range,
}

impl PaymentFees {
    /// No fees at all: what a scenario without the field has.
    pub fn is_none(&self) -> bool {
        self.pct.is_zero() && self.fixed_usd.is_zero()
    }

    /// What arrives of one charge in a case; the worst case pays the high fee.
    ///
    /// # Formula
    /// charge − (charge × pct ÷ 100 + fixed); a charge of $0 is not made and costs nothing.
    pub fn net(&self, charge: f64, case: Case) -> f64 {
        if self.is_none() || charge <= 0.0 {
            return charge.max(0.0);
        }
        charge - (charge * self.pct.cost_end(case) / 100.0 + self.fixed_usd.cost_end(case))
    }
}

/// How often a plan charges.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Billing {
    /// One charge a month of the plan's price.
    #[default]
    Monthly,
    /// One charge a year of the plan's price; counted as its twelfth each month.
    Annual,
}

impl Billing {
    /// Months one charge pays for.
    pub fn months(self) -> f64 {
        match self {
            Billing::Monthly => 1.0,
            Billing::Annual => 12.0,
        }
    }
}

/// One plan a paying user may be on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Shown to people, e.g. `Pro annual`.
    pub name: String,
    /// Share of paying users on it, in percent; the plans' shares add up to 100.
    pub share_pct: Range,
    /// Price of one charge in USD: a month's for a monthly plan, a year's for an annual one.
    pub price_usd: Range,
    /// How often it charges.
    #[serde(default)]
    pub billing: Billing,
}

/// Which users conversion is a share of.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConversionBase {
    /// Every registered user.
    #[default]
    AllUsers,
    /// Users active in a month (the scenario's active share of all users).
    ActiveUsers,
}

impl ConversionBase {
    /// True for the default, conversion of every registered user.
    pub fn is_all(&self) -> bool {
        *self == ConversionBase::AllUsers
    }
}

/// A cost that is not infrastructure, paid every month whatever the users: the team,
/// marketing, tools.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunningCost {
    /// What it is for.
    pub name: String,
    /// USD a month.
    pub usd_per_month: Range,
}

/// What one paying user brings in a month, before and after payment fees.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PerPaying {
    /// What they are charged, as a monthly amount.
    pub gross_usd: f64,
    /// What arrives after fees.
    pub net_usd: f64,
}

/// Monthly revenue per paying user in a case: the average price when there are no plans,
/// else the plan mix, each plan at its monthly equivalent, with the plans' shares placed
/// within their ranges to give the case its end (most on the best-paying plans in the
/// best case, most on the worst-paying in the worst).
///
/// # Formula
/// Per plan: net = (price − (price × fee % + fixed fee)) ÷ months per charge (12 for an
/// annual plan, 1 for a monthly one), gross = price ÷ months per charge. Per paying user:
/// Σ share × net, and Σ share × gross with the same shares. Without plans: the average price
/// less the fee on one monthly charge.
pub fn per_paying(price: Range, plans: &[Plan], fees: &PaymentFees, case: Case) -> PerPaying {
    if plans.is_empty() {
        let gross = price.benefit_end(case);
        return PerPaying {
            gross_usd: gross,
            net_usd: fees.net(gross, case),
        };
    }
    let values: Vec<PerPaying> = plans
        .iter()
        .map(|p| {
            let charge = p.price_usd.benefit_end(case);
            let months = p.billing.months();
            PerPaying {
                gross_usd: charge / months,
                net_usd: fees.net(charge, case) / months,
            }
        })
        .collect();
    let shares = place_shares(plans, &values, case);
    let mut out = PerPaying::default();
    for (v, s) in values.iter().zip(&shares) {
        out.gross_usd += s * v.gross_usd;
        out.net_usd += s * v.net_usd;
    }
    out
}

/// Each plan's share as a fraction: every plan at the low end of its share, then what is
/// left of 100% given to the plans that pay most (best case) or least (worst case) first,
/// each up to the high end of its share.
fn place_shares(plans: &[Plan], values: &[PerPaying], case: Case) -> Vec<f64> {
    let mut shares: Vec<f64> = plans.iter().map(|p| p.share_pct.low).collect();
    let mut left = 100.0 - shares.iter().sum::<f64>();
    let mut order: Vec<usize> = (0..plans.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (values[a].net_usd, values[b].net_usd);
        match case {
            Case::Best => y.total_cmp(&x),
            Case::Worst => x.total_cmp(&y),
        }
    });
    for i in order {
        if left <= 0.0 {
            break;
        }
        let room = plans[i].share_pct.high - plans[i].share_pct.low;
        let take = room.min(left);
        shares[i] += take;
        left -= take;
    }
    shares.into_iter().map(|s| s / 100.0).collect()
}

/// The plans' shares can add up to 100%: the low ends at most 100, the high ends at least.
pub fn shares_can_total_100(plans: &[Plan]) -> bool {
    const SLACK: f64 = 1e-9;
    let low: f64 = plans.iter().map(|p| p.share_pct.low).sum();
    let high: f64 = plans.iter().map(|p| p.share_pct.high).sum();
    low <= 100.0 + SLACK && high >= 100.0 - SLACK
}

/// The running costs added up, in a case: the low ends in the best case, the high in the worst.
pub fn running_usd(costs: &[RunningCost], case: Case) -> f64 {
    costs.iter().map(|c| c.usd_per_month.cost_end(case)).sum()
}

/// Paying users month by month on a curve of users, with churn.
///
/// # Formula
/// paying(0) = conversion × users(0);
/// paying(m) = min(conversion × users(m),
///                 paying(m − 1) × (1 − churn) + conversion × max(0, users(m) − users(m − 1))):
/// last month's paying users less those who cancel, plus a share of the new users; never
/// more than the steady share of the users there are. With no churn this is
/// conversion × users(m) every month, the same as a snapshot at that user count.
pub fn paying_over_months(users: &[f64], conversion: f64, churn_pct: f64) -> Vec<f64> {
    let mut out: Vec<f64> = Vec::with_capacity(users.len());
    let keep = 1.0 - churn_pct / 100.0;
    for (m, &u) in users.iter().enumerate() {
        let steady = u * conversion;
        let p = if m == 0 || churn_pct <= 0.0 {
            steady
        } else {
            let new = conversion * (u - users[m - 1]).max(0.0);
            (out[m - 1] * keep + new).min(steady)
        };
        out.push(p);
    }
    out
}

/// The default payment fee of a new scenario, with where it comes from, as
/// `assets/payment_fees.json` records it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeSource {
    /// The processor and the kind of charge, e.g. `Stripe, US online card payments`.
    pub name: String,
    /// Percentage of each charge.
    pub pct: f64,
    /// Fixed amount per charge in USD.
    pub fixed_usd: f64,
    /// The processor's pricing page.
    pub source_url: String,
    /// The link text a founder reads.
    pub source_title: String,
    /// The day the rate was last confirmed, `YYYY-MM-DD`.
    pub checked: String,
    /// How it was obtained, in the catalogue's words (`official_page`, `third_party`, …).
    pub evidence: String,
    /// One sentence on how it was obtained.
    pub evidence_note: String,
    /// `solid`, `medium`, `shaky` or `assumed`.
    pub confidence: String,
}

/// `assets/payment_fees.json`, compacted by the build.
pub const PAYMENT_FEES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/payment_fees.json"));

impl FeeSource {
    /// The built-in default.
    ///
    /// # Panics
    /// When the built-in file does not parse; a test reads it.
    pub fn builtin() -> FeeSource {
        serde_json::from_str(PAYMENT_FEES_JSON).expect("assets/payment_fees.json parses")
    }

    /// The fees it sets.
    pub fn fees(&self) -> PaymentFees {
        PaymentFees {
            pct: Range::exact(self.pct),
            fixed_usd: Range::exact(self.fixed_usd),
        }
    }
}

/// Both cases of [`per_paying`].
pub fn per_paying_cases(price: Range, plans: &[Plan], fees: &PaymentFees) -> PerCase<PerPaying> {
    PerCase::from_fn(|case| per_paying(price, plans, fees, case))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_placed_within_their_ranges_to_give_each_case_its_end() {
        // A $10 monthly plan on 60–80% and a $5 one on 20–40%, no fees.
        let plans = [
            Plan {
                name: "Pro".into(),
                share_pct: Range::new(60.0, 80.0),
                price_usd: Range::exact(10.0),
                billing: Billing::Monthly,
            },
            Plan {
                name: "Lite".into(),
                share_pct: Range::new(20.0, 40.0),
                price_usd: Range::exact(5.0),
                billing: Billing::Monthly,
            },
        ];
        let none = PaymentFees::default();
        // Best: 80% × $10 + 20% × $5 = $9; worst: 60% × $10 + 40% × $5 = $8.
        let best = per_paying(Range::exact(0.0), &plans, &none, Case::Best);
        let worst = per_paying(Range::exact(0.0), &plans, &none, Case::Worst);
        assert!((best.net_usd - 9.0).abs() < 1e-12, "{best:?}");
        assert!((worst.net_usd - 8.0).abs() < 1e-12, "{worst:?}");
        assert!(shares_can_total_100(&plans));
        let mut over = plans.clone();
        over[0].share_pct = Range::exact(90.0);
        over[1].share_pct = Range::exact(30.0);
        assert!(!shares_can_total_100(&over));
    }

    #[test]
    fn the_builtin_fee_parses_and_is_dated() {
        let f = FeeSource::builtin();
        assert!(f.pct > 0.0 && f.fixed_usd > 0.0);
        assert!(f.source_url.starts_with("https://"));
        assert!(
            crate::model::date::Date::parse(&f.checked).is_some(),
            "{}",
            f.checked
        );
    }
}
