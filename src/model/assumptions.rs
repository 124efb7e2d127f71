//! What every answer assumes, in words: the users and how they grow, what paying users pay,
//! the costs beside infrastructure, and what each part of the stack runs and is asked for.
//! The printed report opens with it.

use super::format::{band, count, pct, usd};
use super::range::{Case, Range};
use super::revenue::{Billing, ConversionBase};
use super::scenario::Growth;
use super::timeline::describe_configuration;
use super::{Model, Snapshot};

/// One assumption: what it is and its value in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Assumption {
    /// `Growth`.
    pub label: String,
    /// `10% a month`.
    pub value: String,
}

/// One part of the stack: what it runs at the user count and what users ask of it.
#[derive(Clone, Debug, PartialEq)]
pub struct StackLine {
    /// The component's name.
    pub name: String,
    /// What it runs in the worst case and what that costs a month:
    /// `2 × Basic 4 GB, $48–$96 a month`.
    pub runs: String,
    /// What users use of it, one line each: `messages a month per active user: 30`.
    pub uses: Vec<String>,
}

fn line(label: &str, value: String) -> Assumption {
    Assumption {
        label: label.to_string(),
        value,
    }
}

fn growth_words(growth: &Growth) -> String {
    match growth {
        Growth::MonthlyPct { pct_per_month } => {
            if *pct_per_month == 0.0 {
                "none: users stay level".to_string()
            } else {
                format!("{} a month", pct(*pct_per_month))
            }
        }
        Growth::Milestones { points } => {
            let steps = points
                .iter()
                .map(|p| format!("{} by month {}", count(p.users), count(p.month)))
                .collect::<Vec<_>>()
                .join(", ");
            format!("along milestones: {steps}")
        }
    }
}

/// The scenario's assumptions, in the order a founder set them.
pub fn assumptions(model: &Model) -> Vec<Assumption> {
    let s = model.scenario();
    let u = &s.users;
    let r = &s.revenue;
    let mut out = vec![
        line("Users now", count(u.now)),
        line("Growth", growth_words(&u.growth)),
        line("Look ahead", format!("{} months", u.horizon_months)),
        line(
            "Active in a month",
            format!("{} of users", band(u.active_share_pct, pct)),
        ),
        line(
            "Online at the busiest moment",
            format!("{} of active users", band(u.concurrent_share_pct, pct)),
        ),
        line(
            "Users who pay",
            format!(
                "{} of {}",
                band(r.conversion_pct, pct),
                if matches!(r.conversion_of, ConversionBase::ActiveUsers) {
                    "active users"
                } else {
                    "all users"
                }
            ),
        ),
    ];
    if r.plans.is_empty() {
        out.push(line(
            "Average price",
            format!("{} a month", band(r.price_usd_per_month, usd)),
        ));
    } else {
        let plans = r
            .plans
            .iter()
            .map(|p| {
                format!(
                    "{} at {} a {} ({} of paying users)",
                    p.name,
                    band(p.price_usd, usd),
                    if matches!(p.billing, Billing::Annual) {
                        "year"
                    } else {
                        "month"
                    },
                    band(p.share_pct, pct)
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        out.push(line("Plans", plans));
    }
    out.push(line(
        "Card fees",
        if r.fees.is_none() {
            "none".to_string()
        } else {
            format!(
                "{} + {} a charge",
                band(r.fees.pct, pct),
                band(r.fees.fixed_usd, usd)
            )
        },
    ));
    if !r.churn_pct_per_month.is_zero() {
        out.push(line(
            "Paying users who cancel",
            format!("{} a month", band(r.churn_pct_per_month, pct)),
        ));
    }
    for c in &s.running_costs {
        out.push(line(
            "Running cost",
            format!("{}: {} a month", c.name, band(c.usd_per_month, usd)),
        ));
    }
    for c in &s.one_time_costs {
        out.push(line(
            "One-time cost",
            format!("{}: {}", c.name, band(c.usd, usd)),
        ));
    }
    out.push(line(
        "Cash in the bank",
        s.cash_usd
            .map_or_else(|| "not entered: no runway".to_string(), usd),
    ));
    if let Some(r) = s.raise {
        out.push(line(
            "Raise",
            if r.month == 0 {
                format!("{} now", usd(r.usd))
            } else {
                format!("{} in month {}", usd(r.usd), r.month)
            },
        ));
    }
    out
}

/// Each part of the stack at the snapshot's user count: what it runs (worst case), its
/// monthly cost low–high, and what users ask of it.
pub fn stack_lines(model: &Model, snapshot: &Snapshot) -> Vec<StackLine> {
    model
        .scenario()
        .components
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            let runs = snapshot.components.get(i).map_or_else(String::new, |st| {
                let parts: Vec<_> = st.worst.allocations.iter().map(|a| a.part()).collect();
                let cost = Range::new(st[Case::Best].cost_usd, st[Case::Worst].cost_usd);
                format!(
                    "{}, {} a month",
                    describe_configuration(model, i, &parts),
                    band(cost, usd)
                )
            });
            let uses = spec
                .demand
                .iter()
                .map(|d| format!("{}: {}", d.words(), band(d.amount, super::format::amount)))
                .collect();
            StackLine {
                name: spec.name.clone(),
                runs,
                uses,
            }
        })
        .collect()
}
