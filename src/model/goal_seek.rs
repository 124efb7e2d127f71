//! Goal seek: the lowest price, or the lowest conversion, at which revenue after card fees
//! covers the stack's cost at a given number of users, with the stack's steps counted.

use super::catalogue::Catalogue;
use super::eval::Model;
use super::format::usd;
use super::range::{Case, PerCase, Range};
use super::scenario::{RawScenario, Scenario};

/// What is solved for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lever {
    /// The average price a paying user pays a month, to the cent.
    Price,
    /// The share of users who pay, to the basis point (0.01%).
    Conversion,
    /// The share of active users who pay, for a scenario whose conversion counts them.
    ConversionOfActive,
}

/// The answer in one case: the lowest value that breaks even, or why none does.
pub type Sought = Result<f64, String>;

/// The most times the conversion is raised past a step of the stack before giving up.
const MAX_STEPS: usize = 256;

/// `v` rounded up to a whole number of 1 ÷ `per` (hundredths for `per` = 100), so that a
/// value a hair over a whole cent or basis point, from floating point, is not pushed to the
/// next one.
fn ceil_to(v: f64, per: f64) -> f64 {
    ((v * per) - 1e-7).ceil().max(0.0) / per
}

/// The lowest average price that covers the stack's infrastructure cost at `users`, in
/// each case (the worst case's cost, conversion and fees give the higher price).
///
/// # Errors
/// In words, for a case where no price can: nobody pays, the scenario prices paying users
/// by plans, or the price would pass the most a price may be.
///
/// # Formula
/// Cost C at the users does not depend on the price; paying users P = users × conversion.
/// Net per paying user needed: C ÷ P; the price that leaves it after a fee of f% + $x a
/// charge: (C ÷ P + x) ÷ (1 − f/100), rounded up to the cent.
pub fn break_even_price(model: &Model, users: f64) -> PerCase<Sought> {
    let raw = model.scenario();
    PerCase::from_fn(|case| {
        if !raw.revenue.plans.is_empty() {
            return Err(
                "the price comes from the plans: change their prices, or solve for conversion"
                    .into(),
            );
        }
        let cost = model.cost_at(users, case);
        let paying = model.user_base(users, case).paying;
        if cost <= 0.0 {
            return Ok(0.0);
        }
        if paying <= 0.0 {
            return Err("nobody pays at this conversion, so no price covers the cost".into());
        }
        let fees = raw.revenue.fees;
        let (rate, fixed) = if fees.is_none() {
            (0.0, 0.0)
        } else {
            (
                fees.pct.cost_end(case) / 100.0,
                fees.fixed_usd.cost_end(case),
            )
        };
        let most = super::limits::REVENUE_PRICE_USD.max;
        let too_much = || Err(format!("it would take more than {} a month", usd(most)));
        let mut price = ceil_to((cost / paying + fixed) / (1.0 - rate), 100.0);
        // A cent more where rounding left the revenue a hair short; past the most a price
        // may be, a cent no longer counts, so that is checked first.
        for _ in 0..100 {
            if price.is_nan() || price > most {
                return too_much();
            }
            if paying * model.net_of_fees(price, case) >= cost {
                return Ok(price);
            }
            price = (price * 100.0 + 1.0).round() / 100.0;
        }
        too_much()
    })
}

/// The lowest conversion, in percent, at which revenue covers the stack's infrastructure
/// cost at `users`, in each case, with everything else as the scenario has it.
///
/// More paying users can ask more of the stack (drivers per paying user), so the cost is
/// taken at each conversion tried: from 0, the conversion that would cover the cost found
/// there, rounded up to the basis point, until the cost at it is covered. Since the cost
/// does not fall as more users pay, no lower conversion covers its own cost.
///
/// # Errors
/// In words, for a case where no conversion up to 100% does, or the scenario cannot be
/// compiled with the conversion changed.
///
/// # Formula
/// Revenue is linear in conversion: R(c) = c ÷ 100 × R(100%). From c₀ = 0,
/// c_{k+1} = ⌈100 × cost(c_k) ÷ R(100%)⌉ to 0.01, until R(c_k) ≥ cost(c_k).
pub fn break_even_conversion(
    raw: &RawScenario,
    catalogue: &Catalogue,
    users: f64,
) -> PerCase<Sought> {
    let compile = |c: f64| -> Option<Model> {
        let mut r = raw.clone();
        r.revenue.conversion_pct = Range::exact(c);
        Scenario::new(r, catalogue)
            .ok()
            .map(|s| Model::new(&s, catalogue))
    };
    let Some(full) = compile(100.0) else {
        return PerCase::from_fn(|_| {
            Err("the scenario does not check with the conversion changed".into())
        });
    };
    PerCase::from_fn(|case: Case| {
        let all_pay = full.revenue_at(users, case);
        let mut c = 0.0;
        for _ in 0..MAX_STEPS {
            let Some(m) = compile(c) else {
                break;
            };
            let cost = m.cost_at(users, case);
            if m.revenue_at(users, case) >= cost {
                return Ok(c);
            }
            if all_pay <= 0.0 {
                return Err(
                    "nobody pays anything at this price, so no conversion covers the cost".into(),
                );
            }
            let next =
                ceil_to(100.0 * cost / all_pay, 100.0).max(((c * 100.0) + 1.0).round() / 100.0);
            if next > 100.0 {
                return Err(format!(
                    "even with every user paying, revenue ({}) is below the cost ({})",
                    usd(all_pay),
                    usd(full.cost_at(users, case))
                ));
            }
            c = next;
        }
        Err(format!(
            "the answer did not settle within {MAX_STEPS} tries, as the stack's cost keeps stepping up with the paying users"
        ))
    })
}

/// A goal-seek answer in words, best case first: `$4.50 a month (best case) to $6.20 a
/// month (worst case)`, `1.25% of users`, `any` where the stack costs $0, or why none does.
pub fn describe(lever: Lever, sought: &PerCase<Sought>) -> String {
    let one = |v: f64| match lever {
        _ if v <= 0.0 => "any: the stack costs $0 at these users".to_string(),
        Lever::Price => format!("${v:.2} a month"),
        Lever::Conversion => format!("{v:.2}% of users"),
        Lever::ConversionOfActive => format!("{v:.2}% of active users"),
    };
    match (&sought.best, &sought.worst) {
        (Ok(a), Ok(b)) if (a - b).abs() < 1e-9 => one(*a),
        (Ok(a), Ok(b)) => format!("{} (best case) to {} (worst case)", one(*a), one(*b)),
        (Ok(a), Err(e)) => format!("{} in the best case; in the worst case none: {e}", one(*a)),
        (Err(e), Ok(b)) => format!("{} in the worst case; in the best case none: {e}", one(*b)),
        (Err(a), Err(b)) if a == b => format!("none: {a}"),
        (Err(a), Err(b)) => format!("none: {a} (best case); {b} (worst case)"),
    }
}
