//! Evaluation: what each component needs, holds and costs at a user count, in both cases, and
//! what the business earns; [`Model`] compiles a scenario once so each evaluation is cheap.

mod answers;
mod batch;
mod compile;
mod size;
#[cfg(test)]
mod tests;
mod warnings;

use std::sync::{Arc, OnceLock};

use super::catalogue::Catalogue;
use super::range::{Case, PerCase, Range};
use super::revenue::{self, ConversionBase, PerPaying};
use super::scenario::{Basis, RawScenario, Scenario};

pub use super::scenario::MAX_MIX_SHARES;
pub use answers::{Allocation, Band, ComponentState, Money, Part, Snapshot};
pub use compile::{BasisLabel, Candidate, CompiledComponent, MeterRate};
pub use warnings::{Warning, WarningKind};

use batch::{Costing, Term};
use compile::compile_component;

/// How many users of each kind there are at a user count.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UserBase {
    /// Registered users.
    pub users: f64,
    /// Users active in a month.
    pub active: f64,
    /// Users online at the busiest moment.
    pub concurrent: f64,
    /// Users who pay, at the steady share (no churn).
    pub paying: f64,
}

impl UserBase {
    /// The count a driver multiplies.
    pub fn of(&self, basis: &Basis) -> f64 {
        match basis {
            Basis::User => self.users,
            Basis::ActiveUser => self.active,
            Basis::ConcurrentUser => self.concurrent,
            Basis::PayingUser => self.paying,
            Basis::Fixed => 1.0,
            // Counted through the other resource's demand, not a kind of user.
            Basis::Resource(_) => 0.0,
        }
    }
}

/// The share of users each kind of user is, in one case: what [`UserBase`] multiplies.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Shares {
    /// Users active in a month, per user.
    active: f64,
    /// Users online at the busiest moment, per user: the active share × the concurrent share.
    concurrent: f64,
    /// Users who pay, per user.
    paying: f64,
}

/// The stack's ceiling: the component that runs out of room at the fewest users.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ceiling {
    /// Index of the component.
    pub component: usize,
    /// The user count at which it is full, low–high: the worst case's is the low end.
    pub users: Range,
}

/// A scenario compiled against the catalogue.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// Components, in scenario order. Read them, never change them: the model keeps figures
    /// found from them (`steps`), and a changed scenario is compiled into a new model.
    pub components: Vec<CompiledComponent>,
    /// Per case, how [`Model::cost_at`] adds up the components at a finite user count.
    costing: PerCase<Costing>,
    shares: PerCase<Shares>,
    /// Per case, what one paying user brings in a month, before and after fees.
    per_paying: PerCase<PerPaying>,
    /// Per case, the running costs that are not infrastructure, a month.
    running: PerCase<f64>,
    /// The scenario, shared with the [`Scenario`] it was compiled from rather than copied.
    raw: Arc<RawScenario>,
    /// The retired offers the scenario named when it was read, now on their replacements.
    replaced: Arc<[crate::model::retired::Replaced]>,
    /// Per case, the user counts at which some configuration changes, up to the most users a
    /// scenario can hold, once something has asked for them.
    steps: PerCase<Found<Vec<f64>>>,
}

/// A figure a [`Model`] works out from itself the first time it is asked for, and keeps. It
/// follows from the rest of the model, so two models equal in the rest are equal whether or
/// not either has worked it out yet.
#[derive(Clone, Default)]
pub(crate) struct Found<T>(OnceLock<T>);

impl<T> std::fmt::Debug for Found<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.get().is_some() {
            "Found(..)"
        } else {
            "Found(not yet)"
        })
    }
}

impl<T> PartialEq for Found<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T> Found<T> {
    /// The figure, worked out by `f` the first time.
    pub(crate) fn get_or_init(&self, f: impl FnOnce() -> T) -> &T {
        self.0.get_or_init(f)
    }
}

impl Model {
    /// Compiles a checked scenario against the catalogue it was checked with.
    pub fn new(scenario: &Scenario, catalogue: &Catalogue) -> Model {
        let raw = scenario.shared();
        let replaced = scenario.replaced_shared();
        let u = &raw.users;
        let of_active = raw.revenue.conversion_of == ConversionBase::ActiveUsers;
        let shares = PerCase::from_fn(|case| {
            let active = u.active_share_pct.cost_end(case) / 100.0;
            let concurrent = u.concurrent_share_pct.cost_end(case) / 100.0;
            let mut paying = raw.revenue.conversion_pct.benefit_end(case) / 100.0;
            if of_active {
                paying *= u.active_share_pct.benefit_end(case) / 100.0;
            }
            Shares {
                active,
                concurrent: active * concurrent,
                paying,
            }
        });
        // Demand from paying users takes the worst end too: more of them in the worst case,
        // even though revenue counts fewer, so that no case is better on both sides.
        let paying_demand = PerCase::from_fn(|case| {
            let p = raw.revenue.conversion_pct.cost_end(case) / 100.0;
            if of_active {
                p * u.active_share_pct.cost_end(case) / 100.0
            } else {
                p
            }
        });
        let r = &raw.revenue;
        let per_paying = revenue::per_paying_cases(r.price_usd_per_month, &r.plans, &r.fees);
        let running = PerCase::from_fn(|case| revenue::running_usd(&raw.running_costs, case));
        let components: Vec<CompiledComponent> = raw
            .components
            .iter()
            .map(|c| compile_component(c, &catalogue.with(&raw.providers), &shares, &paying_demand))
            .collect();
        Model {
            costing: PerCase::from_fn(|case| Costing::new(&components, case)),
            components,
            shares,
            per_paying,
            running,
            raw,
            replaced,
            steps: PerCase::default(),
        }
    }

    /// The user counts, ascending, at which some component's configuration changes in a case,
    /// up to the most users a scenario can hold: [`crate::model::break_even::step_users`],
    /// found once per model.
    pub fn step_users(&self, case: Case) -> &[f64] {
        self.steps[case].get_or_init(|| {
            crate::model::break_even::step_users(self, case, crate::model::scenario::MAX_USERS)
        })
    }

    /// The scenario this model was compiled from.
    pub fn scenario(&self) -> &RawScenario {
        &self.raw
    }

    /// How many users of each kind there are at `users` in a case.
    ///
    /// # Formula
    /// active = users × active share; concurrent = active × concurrent share;
    /// paying = users × conversion, or active × conversion when conversion counts active
    /// users (the active share at its own end for revenue: high in the best case).
    pub fn user_base(&self, users: f64, case: Case) -> UserBase {
        let Shares {
            active,
            concurrent,
            paying,
        } = self.shares[case];
        UserBase {
            users,
            active: users * active,
            concurrent: users * concurrent,
            paying: users * paying,
        }
    }

    /// Everything at one user count.
    pub fn snapshot(&self, users: f64) -> Snapshot {
        let users = if users.is_finite() {
            users.max(0.0)
        } else {
            0.0
        };
        let components: Vec<PerCase<ComponentState>> = self
            .components
            .iter()
            .map(|c| PerCase::from_fn(|case| c.state(users, case)))
            .collect();
        let money = PerCase::from_fn(|case| {
            let cost_usd = components.iter().map(|c| c[case].cost_usd).sum();
            let paying_users = users * self.shares[case].paying;
            self.money(cost_usd, paying_users, case)
        });
        Snapshot {
            users,
            components,
            money,
        }
    }

    /// What every component runs at a user count in a case, handed to `each` part by part
    /// with the component's index, components in order: the allocations of each
    /// [`CompiledComponent::state`], from [`CompiledComponent::runs_at`], without allocating.
    pub fn runs_at(&self, users: f64, case: Case, mut each: impl FnMut(usize, Allocation)) {
        for (i, c) in self.components.iter().enumerate() {
            c.runs_at(users, case, |a| each(i, a));
        }
    }

    /// The stack's ceiling: the component that runs out of room at the fewest users, and
    /// that user count low–high (worst case low). `None` when nothing limits the stack.
    pub fn ceiling(&self, s: &Snapshot) -> Option<Ceiling> {
        let mut best: Option<Ceiling> = None;
        for (i, (c, st)) in self.components.iter().zip(&s.components).enumerate() {
            let worst = c.ceiling(&st.worst, Case::Worst);
            let bestc = c.ceiling(&st.best, Case::Best);
            if let (Some(w), Some(b)) = (worst, bestc) {
                if best.is_none_or(|c| w < c.users.low) {
                    best = Some(Ceiling {
                        component: i,
                        users: Range::new(w, b),
                    });
                }
            }
        }
        best
    }

    /// Users low–high in words, with what the component's first labelled driver counts:
    /// `500–1,000 users (50–100 running tests)`.
    pub fn users_in_words(&self, component: usize, users: Range) -> String {
        use crate::model::format::{band, count};
        let c = &self.components[component];
        let plain = format!("{} users", band(users, count));
        match &c.basis_label {
            Some(BasisLabel { basis, label }) => {
                let low = self.user_base(users.low, Case::Worst).of(basis);
                let high = self.user_base(users.high, Case::Best).of(basis);
                format!("{plain} ({} {label}s)", band(Range::new(low, high), count))
            }
            None => plain,
        }
    }

    /// The stack's ceiling in words: how many users it holds and what runs out first.
    pub fn describe_ceiling(&self, s: &Snapshot) -> String {
        match self.ceiling(s) {
            Some(Ceiling {
                component: i,
                users,
            }) => format!(
                "The stack holds {}; {} runs out first",
                self.users_in_words(i, users),
                self.components[i].name
            ),
            None => "No component of this stack has a capacity limit".into(),
        }
    }

    /// Monthly cost in one case at a user count, without building a full snapshot.
    ///
    /// # Formula
    /// Σ over components of [`CompiledComponent::cost`], added in component order.
    pub fn cost_at(&self, users: f64, case: Case) -> f64 {
        if !users.is_finite() {
            return self.components.iter().map(|c| c.cost(users, case)).sum();
        }
        let costing = &self.costing[case];
        let components: &[CompiledComponent] = &self.components;
        let mut total = costing.start;
        for term in &costing.terms {
            total += match *term {
                Term::Flat(cost) => cost,
                Term::Live(i) => components[i].cost(users, case),
            };
        }
        total
    }

    /// Monthly cost in one case at each of `users`: the same figures, bit for bit, as
    /// [`Model::cost_at`] at each count, for sweeps. When the counts are finite and in
    /// ascending order, each component is costed over the whole run at once, so that a
    /// component whose pick provably holds over a stretch of counts is sized once for it.
    ///
    /// # Formula
    /// Per count, Σ over components of [`CompiledComponent::cost`], added in component order.
    pub fn costs_at(&self, users: &[f64], case: Case) -> Vec<f64> {
        let ascending = users.iter().all(|u| u.is_finite()) && users.is_sorted();
        if !ascending {
            return users.iter().map(|&u| self.cost_at(u, case)).collect();
        }
        let costing = &self.costing[case];
        let mut totals = vec![costing.start; users.len()];
        for term in &costing.terms {
            match *term {
                Term::Flat(cost) => totals.iter_mut().for_each(|t| *t += cost),
                Term::Live(i) => self.components[i].add_costs(users, case, &mut totals),
            }
        }
        totals
    }

    /// Monthly revenue in one case at a user count, after payment fees: what arrives.
    ///
    /// # Formula
    /// users × conversion (× active share when conversion counts active users) × net
    /// revenue per paying user.
    pub fn revenue_at(&self, users: f64, case: Case) -> f64 {
        users * self.shares[case].paying * self.per_paying[case].net_usd
    }

    /// What one paying user brings in a month in a case, before and after payment fees.
    pub fn per_paying(&self, case: Case) -> PerPaying {
        self.per_paying[case]
    }

    /// The running costs that are not infrastructure (team, marketing), a month, in a case.
    pub fn running_usd(&self, case: Case) -> f64 {
        self.running[case]
    }

    /// Monthly profit in a case at a user count, on infrastructure alone or after the
    /// running costs too.
    ///
    /// # Formula
    /// [`Model::revenue_at`] − [`Model::cost_at`] (− [`Model::running_usd`]).
    pub fn profit_at(&self, users: f64, case: Case, with_running: bool) -> f64 {
        let p = self.revenue_at(users, case) - self.cost_at(users, case);
        if with_running {
            p - self.running[case]
        } else {
            p
        }
    }

    /// Monthly profit in a case at each of `users`: the same figures, bit for bit, as
    /// [`Model::profit_at`] at each count, costed by [`Model::costs_at`].
    ///
    /// # Formula
    /// Per count, [`Model::revenue_at`] − the count's [`Model::costs_at`] (− [`Model::running_usd`]).
    pub fn profits_at(&self, users: &[f64], case: Case, with_running: bool) -> Vec<f64> {
        let costs = self.costs_at(users, case);
        users
            .iter()
            .zip(costs)
            .map(|(&u, cost)| {
                let p = self.revenue_at(u, case) - cost;
                if with_running {
                    p - self.running[case]
                } else {
                    p
                }
            })
            .collect()
    }

    /// A price as it arrives after one charge's payment fee, in a case.
    pub fn net_of_fees(&self, price_usd: f64, case: Case) -> f64 {
        self.raw.revenue.fees.net(price_usd, case)
    }

    /// The money in a case for an infrastructure cost and a count of paying users.
    pub fn money(&self, cost_usd: f64, paying_users: f64, case: Case) -> Money {
        let p = self.per_paying[case];
        Money {
            cost_usd,
            revenue_usd: paying_users * p.net_usd,
            gross_revenue_usd: paying_users * p.gross_usd,
            running_usd: self.running[case],
            paying_users,
        }
    }

    /// Paying users in each month of a timeline whose months have `users`, in each case,
    /// with the scenario's churn: [`revenue::paying_over_months`] at the case's conversion
    /// and churn (the worst case loses the most).
    pub fn paying_over_months(&self, users: &[f64]) -> PerCase<Vec<f64>> {
        let churn = self.raw.revenue.churn_pct_per_month;
        PerCase::from_fn(|case| {
            revenue::paying_over_months(users, self.shares[case].paying, churn.cost_end(case))
        })
    }

    /// True when paying users churn in either case, so that the timeline's paying users
    /// differ from a snapshot's steady share.
    pub fn churns(&self) -> bool {
        !self.raw.revenue.churn_pct_per_month.is_zero()
    }
}
