//! The one table of input limits: what the scenario check enforces and what every field in
//! the page accepts, so that a number the page takes is a number a scenario may hold.

use super::input::parse_range;
use super::range::Range;

/// The least and most a number may be, and whether it must be whole.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limit {
    /// Smallest allowed.
    pub min: f64,
    /// Largest allowed.
    pub max: f64,
    /// True when only whole numbers are allowed.
    pub whole: bool,
    /// True when a low–high range is allowed.
    pub range: bool,
}

const fn range(min: f64, max: f64) -> Limit {
    Limit {
        min,
        max,
        whole: false,
        range: true,
    }
}

const fn number(min: f64, max: f64) -> Limit {
    Limit {
        min,
        max,
        whole: false,
        range: false,
    }
}

const fn whole(min: f64, max: f64) -> Limit {
    Limit {
        min,
        max,
        whole: true,
        range: false,
    }
}

/// Users now, or at a milestone: 10 billion at most, more than there are people.
pub const USERS: Limit = number(0.0, 1e10);
/// Months of the timeline.
pub const HORIZON_MONTHS: Limit = whole(1.0, 120.0);
/// A milestone's month.
pub const MILESTONE_MONTH: Limit = number(0.0, 120.0);
/// Growth in percent a month; −100 loses every user.
pub const GROWTH_PCT: Limit = number(-100.0, 1000.0);
/// A share of users, in percent.
pub const SHARE_PCT: Limit = range(0.0, 100.0);
/// Utilisation at which a component upgrades, in percent.
pub const UPGRADE_AT_PCT: Limit = number(1.0, 100.0);
/// An extra alert level, in percent of capacity.
pub const ALERT_AT_PCT: Limit = number(1.0, 1000.0);
/// Units a component may run.
pub const UNITS: Limit = whole(0.0, 100_000.0);
/// The most units a component may scale out to.
pub const MAX_UNITS: Limit = whole(1.0, 100_000.0);
/// A driver's amount per unit of its basis.
pub const DRIVER_AMOUNT: Limit = range(0.0, 1e12);
/// What one unit of an offer holds.
pub const CAPACITY: Limit = range(1e-9, 1e15);
/// A monthly price, credit or minimum in USD.
pub const PRICE_USD: Limit = range(0.0, 1e9);
/// A metered rate in USD.
pub const RATE_USD: Limit = range(0.0, 1e9);
/// How many units a rate is quoted per.
pub const RATE_PER: Limit = number(1e-9, 1e12);
/// Units included free with each unit of an offer.
pub const INCLUDED: Limit = number(0.0, 1e15);
/// Share of users who pay, in percent.
pub const CONVERSION_PCT: Limit = range(0.0, 100.0);
/// What a paying user pays a month, in USD.
pub const REVENUE_PRICE_USD: Limit = range(0.0, 1e7);
/// A what-if price, in USD.
pub const WHAT_IF_PRICE_USD: Limit = range(0.01, 1e7);
/// A payment fee's percentage of each charge.
pub const FEE_PCT: Limit = range(0.0, 50.0);
/// A payment fee's fixed amount per charge, in USD.
pub const FEE_FIXED_USD: Limit = range(0.0, 100.0);
/// Paying users who cancel each month, in percent.
pub const CHURN_PCT: Limit = range(0.0, 100.0);
/// A running cost that is not infrastructure, in USD a month.
pub const RUNNING_USD: Limit = range(0.0, 1e10);
/// A one-time cost, in USD.
pub const ONE_TIME_USD: Limit = range(0.0, 1e12);
/// Target availability, in percent.
pub const UPTIME_PCT: Limit = number(0.0, 100.0);
/// Cash in the bank, or an amount raised, in USD.
pub const CASH_USD: Limit = number(0.0, 1e12);
/// The month a raise arrives in; 0 is now.
pub const RAISE_MONTH: Limit = whole(0.0, 120.0);

/// The most components a scenario, or one of its variants, may have.
pub const MAX_COMPONENTS: usize = 64;
/// The most drivers (usage lines) one component may have, in a file of any schema: the
/// page adds no more, and a scenario of schema 1 could not add any.
pub const MAX_DRIVERS: usize = 32;
/// The most milestones a growth curve may have: one a month over the longest timeline.
pub const MAX_MILESTONES: usize = 120;
/// The most alert levels one component may mark.
pub const MAX_ALERTS: usize = 16;
/// The most capacities, prices or rates of a founder's own one component may set, each.
pub const MAX_OVERRIDES: usize = 64;
/// The most plans one component may upgrade between, and the most steps of a staged plan.
pub const MAX_POLICY_OFFERS: usize = 64;
/// The most parts of a mix: six with a share of their own and the one that takes the rest.
pub const MAX_MIX_PARTS: usize = 7;
/// The most what-if prices a scenario may ask break-even at.
pub const MAX_WHAT_IF_PRICES: usize = 16;
/// The most providers of its own a scenario may define.
pub const MAX_OWN_PROVIDERS: usize = 16;
/// The most plans, running costs or one-time costs a scenario may list, each.
pub const MAX_REVENUE_LINES: usize = 32;
/// The most offers one provider of a scenario's own may have.
pub const MAX_OWN_OFFERS: usize = 32;
/// The most things one offer of a scenario's own may hold or charge for, together, and the
/// most tiers one of its rates may have.
pub const MAX_OFFER_LINES: usize = 32;
/// The most web sites a provider of a scenario's own may name as its own.
pub const MAX_DOMAINS: usize = 16;
/// The most notes on where a guide's figures differ that a scenario may carry.
pub const MAX_AUDIT_NOTES: usize = 64;
/// The most other versions of the stack a scenario may carry to compare with.
pub const MAX_VARIANTS: usize = 32;
/// The longest name a founder gives a scenario or a component, in characters; a longer
/// one is cut to it.
pub const MAX_NAME_CHARS: usize = 120;

impl Limit {
    /// True when `v` is allowed.
    pub fn allows(&self, v: f64) -> bool {
        v.is_finite() && v >= self.min && v <= self.max && (!self.whole || v.fract() == 0.0)
    }

    /// Reads what a person typed into a field with this limit.
    ///
    /// # Errors
    /// A sentence saying what is wrong and how to fix it.
    pub fn parse(&self, text: &str) -> Result<Range, String> {
        let r = parse_range(text, self.min, self.max)?;
        if !self.range && !r.is_exact() {
            return Err(format!(
                "Enter one number, such as {}, not a range.",
                super::format::number(self.example(), 2)
            ));
        }
        if self.whole && (r.low.fract() != 0.0 || r.high.fract() != 0.0) {
            return Err(format!(
                "Enter a whole number from {} to {}.",
                super::format::count(self.min),
                super::format::count(self.max)
            ));
        }
        Ok(r)
    }

    /// Reads one number typed into a field with this limit.
    ///
    /// # Errors
    /// As [`Limit::parse`], and when a range is typed.
    pub fn parse_one(&self, text: &str) -> Result<f64, String> {
        let r = Limit {
            range: false,
            ..*self
        }
        .parse(text)?;
        Ok(r.low)
    }

    /// Reads one number typed into a field that may be left blank: blank is `None`.
    ///
    /// # Errors
    /// As [`Limit::parse_one`].
    pub fn parse_blank(&self, text: &str) -> Result<Option<f64>, String> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        self.parse_one(text).map(Some)
    }

    fn example(&self) -> f64 {
        if self.max >= 80.0 && self.min <= 80.0 {
            80.0
        } else {
            self.min.max(1.0).min(self.max)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_read_within_their_limits_and_say_why_not() {
        assert_eq!(UPGRADE_AT_PCT.parse_one("80").unwrap(), 80.0);
        assert!(UPGRADE_AT_PCT
            .parse("70-80")
            .unwrap_err()
            .contains("one number"));
        assert!(UPGRADE_AT_PCT.parse("0.5").unwrap_err().contains("between"));
        assert!(MAX_UNITS.parse("2.5").unwrap_err().contains("whole number"));
        assert_eq!(SHARE_PCT.parse("5–10").unwrap(), Range::new(5.0, 10.0));
        assert!(MAX_UNITS.allows(20.0) && !MAX_UNITS.allows(0.0) && !MAX_UNITS.allows(1.5));
        assert_eq!(CASH_USD.parse_blank("  "), Ok(None));
        assert_eq!(CASH_USD.parse_blank("$25,000"), Ok(Some(25_000.0)));
        assert!(CASH_USD.parse_blank("-5").is_err());
    }
}
