//! Evaluation: what each component needs, holds and costs at a user count, in the best and
//! the worst case, and what the business earns. [`Model`] compiles a scenario once so that
//! evaluating it again on every slider movement is cheap.

use super::catalogue::{Catalogue, Role};
use super::range::{Case, Range};
use std::sync::Arc;

pub use super::scenario::MAX_MIX_SHARES;
use super::scenario::{Basis, Policy, RawScenario, Scenario};

/// Utilisation above this counts as over capacity (a little slack for rounding).
const FULL: f64 = 1.0 + 1e-9;

/// How many users of each kind there are at a user count.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UserBase {
    /// Registered users.
    pub users: f64,
    /// Users active in a month.
    pub active: f64,
    /// Users online at the busiest moment.
    pub concurrent: f64,
    /// Users who pay.
    pub paying: f64,
}

impl UserBase {
    /// The count a driver multiplies.
    pub fn of(&self, basis: Basis) -> f64 {
        match basis {
            Basis::User => self.users,
            Basis::ActiveUser => self.active,
            Basis::ConcurrentUser => self.concurrent,
            Basis::PayingUser => self.paying,
            Basis::Fixed => 1.0,
        }
    }
}

/// One offer a component may use, with the scenario's overrides applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// `provider/offer`.
    pub offer_ref: String,
    /// The provider's name.
    pub provider: String,
    /// The offer's name.
    pub offer: String,
    /// Price of one unit per month.
    pub price_usd_per_month: Range,
    /// True when the scenario replaced the catalogue price.
    pub price_overridden: bool,
    /// Why the price was replaced.
    pub override_reason: String,
    /// What one unit holds, per resource of the component (same order as
    /// [`CompiledComponent::resources`]); `None` where the offer does not limit it.
    pub capacity: Vec<Option<Range>>,
    /// Metered charges: resource index, USD per `per` units, `per`, included per unit.
    pub metered: Vec<(usize, Range, f64, f64)>,
    /// True when capacity is a hard limit.
    pub hard_limit: bool,
    /// Where the price came from.
    pub source: String,
    /// When the price was valid.
    pub as_of: String,
}

/// What the policy asks of the component, in terms of candidates.
#[derive(Clone, Debug, PartialEq)]
enum Plan {
    Fixed {
        units: Option<u32>,
    },
    Auto,
    Staged {
        steps: Vec<(f64, Option<usize>, Option<u32>)>,
    },
    Mix {
        /// The candidate of each part.
        parts: Vec<usize>,
        /// Every combination of share ends to try: the fraction of demand each part serves.
        options: Vec<[f64; MIX_PARTS]>,
    },
}

/// Demand on one resource in one case, as a straight line in users.
///
/// # Formula
/// demand = fixed + per_user × users.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Line {
    /// Index of the resource.
    resource: usize,
    /// Demand at zero users.
    fixed: f64,
    /// Demand each further user adds.
    per_user: f64,
}

impl Line {
    /// Demand at a user count.
    #[inline(always)]
    fn at(&self, users: f64) -> f64 {
        self.fixed + self.per_user * users
    }
}

/// A resource one candidate limits, in one case.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Limit {
    /// Demand on the resource.
    line: Line,
    /// What one unit holds.
    capacity: f64,
    /// What one unit holds before the component upgrades: capacity × upgrade_at.
    usable: f64,
}

/// A metered charge of one candidate, in one case.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Meter {
    /// Demand on the metered resource.
    line: Line,
    /// USD per `per` units.
    usd: f64,
    /// Units the rate is quoted per.
    per: f64,
    /// Units included with each unit of the offer.
    included: f64,
}

/// One candidate's figures in one case, read off its ranges once at compile time so that
/// sizing it at a user count is arithmetic on plain numbers.
#[derive(Clone, Debug, PartialEq)]
struct Sizing {
    /// Price of one unit.
    price: f64,
    /// Every resource the offer limits, in resource order.
    limits: Vec<Limit>,
    /// Every metered charge on a resource the component asks for.
    metered: Vec<Meter>,
    /// The least this candidate can cost at any demand: the fewest units at its price when
    /// the price and every metered rate are non-negative, −∞ otherwise.
    ///
    /// # Formula
    /// min units × price.
    floor: f64,
}

/// A component ready to evaluate: demand as straight lines in users, candidates resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct CompiledComponent {
    /// The component's id.
    pub id: String,
    /// The component's name.
    pub name: String,
    /// Its role in the stack.
    pub role: Role,
    /// The resources it is asked for, in the order demand is reported.
    pub resources: Vec<String>,
    /// Per case, per resource: `(fixed, per_user)`, so demand = fixed + per_user × users.
    lines: [Vec<(f64, f64)>; 2],
    /// Every offer it may use.
    pub candidates: Vec<Candidate>,
    plan: Plan,
    /// Per case, per candidate: what sizing reads, derived from `candidates` and
    /// `upgrade_at`.
    sizing: [Vec<Sizing>; 2],
    /// Per case, per stage (one stage unless staged): the cost when it is the same at every
    /// finite user count, so that the cost there is a lookup.
    flat_cost: [Vec<Option<f64>>; 2],
    /// Per case: true when the plan sizes one offer at a time by demand (auto-upgrade, or a
    /// fixed offer without fixed units) and every limited demand grows with users against a
    /// positive usable capacity, so that units needed never fall as users grow. A sweep
    /// then costs it once per run of user counts over which the pick cannot change.
    steady: [bool; 2],
    /// Utilisation (0–1) above which it upgrades.
    pub upgrade_at: f64,
    /// Extra alert levels (0–1).
    pub alerts: Vec<f64>,
    /// Fewest units billed.
    pub min_units: u32,
    /// Most units allowed.
    pub max_units: u32,
    /// What the first labelled driver counts (e.g. "active test"), and its basis.
    pub basis_label: Option<(Basis, String)>,
}

/// How much of one offer a component uses.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Allocation {
    /// Index into [`CompiledComponent::candidates`].
    pub candidate: usize,
    /// Units billed.
    pub units: u32,
    /// Share of the demand it serves (1 unless mixed).
    pub share: f64,
}

/// A component's state at one user count in one case.
#[derive(Clone, Debug, PartialEq)]
pub struct ComponentState {
    /// Offers in use; empty when the component is not used at this stage.
    pub allocations: Vec<Allocation>,
    /// Units the demand asks for, before the min/max clamp.
    pub units_needed: u32,
    /// Demand per resource.
    pub demand: Vec<f64>,
    /// Monthly cost in USD.
    pub cost_usd: f64,
    /// Demand ÷ capacity of the most loaded resource (0 when nothing limits).
    pub utilisation: f64,
    /// Index of that resource.
    pub binding: Option<usize>,
    /// True when demand exceeds what the largest allowed configuration holds.
    pub over_limit: bool,
}

impl ComponentState {
    /// A component that runs nothing at this user count: no units, no cost.
    pub fn unused(demand: Vec<f64>) -> ComponentState {
        ComponentState {
            allocations: Vec::new(),
            units_needed: 0,
            demand,
            cost_usd: 0.0,
            utilisation: 0.0,
            binding: None,
            over_limit: false,
        }
    }
}

/// Money at one user count in one case.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Money {
    /// Infrastructure cost per month.
    pub cost_usd: f64,
    /// Revenue per month.
    pub revenue_usd: f64,
    /// Paying users.
    pub paying_users: f64,
}

impl Money {
    /// Revenue − cost.
    pub fn profit_usd(&self) -> f64 {
        self.revenue_usd - self.cost_usd
    }
}

/// Everything at one user count, in both cases.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// The user count.
    pub users: f64,
    /// Per component, `[best, worst]`.
    pub components: Vec<[ComponentState; 2]>,
    /// `[best, worst]`.
    pub money: [Money; 2],
}

/// A low–high pair of an answer; `low ≤ high` always.
pub type Band = Range;

fn idx(case: Case) -> usize {
    match case {
        Case::Best => 0,
        Case::Worst => 1,
    }
}

impl Snapshot {
    /// Monthly cost, low–high.
    ///
    /// # Formula
    /// Σ over components of units × price + metered usage.
    pub fn cost(&self) -> Band {
        Range::new(self.money[0].cost_usd, self.money[1].cost_usd)
    }

    /// Monthly revenue, low–high.
    ///
    /// # Formula
    /// users × conversion × average price.
    pub fn revenue(&self) -> Band {
        Range::new(self.money[1].revenue_usd, self.money[0].revenue_usd)
    }

    /// Monthly profit, low–high: the low end pairs the lowest revenue with the highest cost.
    ///
    /// # Formula
    /// revenue − cost.
    pub fn profit(&self) -> Band {
        Range::new(self.money[1].profit_usd(), self.money[0].profit_usd())
    }

    /// Cost per registered user, low–high; `None` at zero users.
    ///
    /// # Formula
    /// cost ÷ users.
    pub fn cost_per_user(&self) -> Option<Band> {
        (self.users > 0.0).then(|| self.cost().scale(1.0 / self.users))
    }

    /// Profit margin in percent, low–high; `None` when there is no revenue.
    ///
    /// # Formula
    /// (revenue − cost) ÷ revenue × 100.
    pub fn margin_pct(&self) -> Option<Band> {
        let m = |m: &Money| m.profit_usd() / m.revenue_usd * 100.0;
        (self.money[1].revenue_usd > 0.0).then(|| Range::new(m(&self.money[1]), m(&self.money[0])))
    }

    /// Return on the monthly infrastructure spend in percent, low–high; `None` at zero cost.
    ///
    /// # Formula
    /// ROI = (revenue − cost) ÷ cost × 100.
    pub fn roi_pct(&self) -> Option<Band> {
        let r = |m: &Money| m.profit_usd() / m.cost_usd * 100.0;
        (self.money[0].cost_usd > 0.0).then(|| Range::new(r(&self.money[1]), r(&self.money[0])))
    }

    /// Revenue as a multiple of cost in percent, low–high (what some guides call ROI).
    ///
    /// # Formula
    /// revenue ÷ cost × 100 = ROI + 100.
    pub fn revenue_cost_pct(&self) -> Option<Band> {
        let r = |m: &Money| m.revenue_usd / m.cost_usd * 100.0;
        (self.money[0].cost_usd > 0.0).then(|| Range::new(r(&self.money[1]), r(&self.money[0])))
    }

    /// The component nearest its ceiling in the worst case: highest utilisation, then the
    /// first listed. `None` when no component has a capacity.
    pub fn bottleneck(&self) -> Option<usize> {
        let mut best: Option<(usize, f64)> = None;
        for (i, c) in self.components.iter().enumerate() {
            let w = &c[1];
            if w.binding.is_none() {
                continue;
            }
            if best.is_none_or(|(_, u)| w.utilisation > u) {
                best = Some((i, w.utilisation));
            }
        }
        best.map(|(i, _)| i)
    }
}

/// Something a founder must act on at a user count.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    /// Index of the component.
    pub component: usize,
    /// What is wrong.
    pub kind: WarningKind,
    /// The sentence shown to people.
    pub message: String,
}

/// The kinds of [`Warning`].
#[derive(Clone, Debug, PartialEq)]
pub enum WarningKind {
    /// More units are needed than the component may have.
    OverMaxUnits {
        /// Units the demand asks for.
        needed: u32,
        /// The most allowed.
        max: u32,
    },
    /// Demand is above what the configuration holds (a staged or fixed plan, or a hard limit).
    OverCapacity {
        /// Demand ÷ capacity.
        utilisation: f64,
        /// True when the limit cannot be bought past (a quota, a free plan).
        hard: bool,
    },
}

/// How the components' costs add up in one case at a finite user count: the same sum, in
/// the same order, as adding every component's cost, with the costs that do not change
/// with users worked out once.
#[derive(Clone, Debug, PartialEq)]
struct Costing {
    /// The sum of the leading components whose cost does not change with users.
    start: f64,
    /// Every later component, in order.
    terms: Vec<Term>,
}

/// One component's part of a [`Costing`].
#[derive(Clone, Copy, Debug, PartialEq)]
enum Term {
    /// A cost that does not change with users.
    Flat(f64),
    /// The component at this index, evaluated at the user count.
    Live(usize),
}

impl Costing {
    fn new(components: &[CompiledComponent], case: Case) -> Costing {
        let mut costing = Costing {
            start: nothing(),
            terms: Vec::new(),
        };
        for (i, c) in components.iter().enumerate() {
            match c.unchanging_cost(case) {
                Some(cost) if costing.terms.is_empty() => costing.start += cost,
                Some(cost) => costing.terms.push(Term::Flat(cost)),
                None => costing.terms.push(Term::Live(i)),
            }
        }
        costing
    }
}

/// A scenario compiled against the catalogue.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// Components, in scenario order.
    pub components: Vec<CompiledComponent>,
    /// Per case, how [`Model::cost_at`] adds up the components at a finite user count.
    costing: [Costing; 2],
    shares: [(f64, f64, f64); 2],
    price: [f64; 2],
    /// The scenario, shared with the [`Scenario`] it was compiled from rather than copied.
    raw: Arc<RawScenario>,
}

/// Whole units for a demand of `x` units: `x` rounded when it is within a billionth of a
/// whole number (demand exactly at a multiple of capacity needs that many units, not one
/// more), `x` rounded up otherwise; 0 for nothing, `u32::MAX` at most.
///
/// Rounding works on the truncated integer and the exact fractional part rather than
/// calling `round` and `ceil`, which are library calls on baseline x86-64; the result is
/// the same for every input.
///
/// # Formula
/// r = round(x); units = r if |x − r| < 1e-9 × max(r, 1), else ⌈x⌉.
#[inline(always)]
fn ceil_units(x: f64) -> u32 {
    if !x.is_finite() || x <= 0.0 {
        0
    } else if x >= u32::MAX as f64 {
        u32::MAX
    } else {
        // 0 < x < 2³²: truncation is the floor, and x − floor(x) is exact.
        let floor = x as u32;
        let fraction = x - floor as f64;
        let r = if fraction >= 0.5 {
            floor as f64 + 1.0
        } else {
            floor as f64
        };
        if (x - r).abs() < 1e-9 * r.max(1.0) {
            r as u32
        } else if fraction > 0.0 {
            floor + 1
        } else {
            floor
        }
    }
}

impl Model {
    /// Compiles a checked scenario against the catalogue it was checked with.
    pub fn new(scenario: &Scenario, catalogue: &Catalogue) -> Model {
        let raw = scenario.shared();
        let u = &raw.users;
        let shares = Case::BOTH.map(|case| {
            let active = u.active_share_pct.cost_end(case) / 100.0;
            let concurrent = u.concurrent_share_pct.cost_end(case) / 100.0;
            let paying = raw.revenue.conversion_pct.benefit_end(case) / 100.0;
            (active, active * concurrent, paying)
        });
        // Demand from paying users takes the worst end too: more of them in the worst case,
        // even though revenue counts fewer, so that no case is better on both sides.
        let paying_demand =
            Case::BOTH.map(|case| raw.revenue.conversion_pct.cost_end(case) / 100.0);
        let price = Case::BOTH.map(|case| raw.revenue.price_usd_per_month.benefit_end(case));
        let components: Vec<CompiledComponent> = raw
            .components
            .iter()
            .map(|c| compile_component(c, catalogue, &shares, &paying_demand))
            .collect();
        Model {
            costing: Case::BOTH.map(|case| Costing::new(&components, case)),
            components,
            shares,
            price,
            raw,
        }
    }

    /// The scenario this model was compiled from.
    pub fn scenario(&self) -> &RawScenario {
        &self.raw
    }

    /// How many users of each kind there are at `users` in a case.
    ///
    /// # Formula
    /// active = users × active share; concurrent = active × concurrent share;
    /// paying = users × conversion.
    pub fn user_base(&self, users: f64, case: Case) -> UserBase {
        let (a, c, p) = self.shares[idx(case)];
        UserBase {
            users,
            active: users * a,
            concurrent: users * c,
            paying: users * p,
        }
    }

    /// Everything at one user count.
    pub fn snapshot(&self, users: f64) -> Snapshot {
        let users = if users.is_finite() {
            users.max(0.0)
        } else {
            0.0
        };
        let components: Vec<[ComponentState; 2]> = self
            .components
            .iter()
            .map(|c| Case::BOTH.map(|case| c.state(users, case)))
            .collect();
        let money = Case::BOTH.map(|case| {
            let k = idx(case);
            let cost_usd = components.iter().map(|c| c[k].cost_usd).sum();
            let paying_users = users * self.shares[k].2;
            Money {
                cost_usd,
                revenue_usd: paying_users * self.price[k],
                paying_users,
            }
        });
        Snapshot {
            users,
            components,
            money,
        }
    }

    /// The components that run out of room at this snapshot, worst case first.
    pub fn warnings(&self, s: &Snapshot) -> Vec<Warning> {
        let mut out = Vec::new();
        for (i, (c, st)) in self.components.iter().zip(&s.components).enumerate() {
            let w = &st[1];
            let resource = w.binding.map(|r| super::format::resource(&c.resources[r]));
            let hard = w
                .allocations
                .iter()
                .any(|a| c.candidates[a.candidate].hard_limit);
            if w.units_needed > c.max_units && c.max_units > 1 {
                out.push(Warning {
                    component: i,
                    kind: WarningKind::OverMaxUnits {
                        needed: w.units_needed,
                        max: c.max_units,
                    },
                    message: format!(
                        "{}: needs {} units, over the maximum of {}; {} users is beyond this stack's ceiling",
                        c.name, w.units_needed, c.max_units, super::format::count(s.users)
                    ),
                });
            } else if w.over_limit {
                let pct = super::format::pct(w.utilisation * 100.0);
                out.push(Warning {
                    component: i,
                    kind: WarningKind::OverCapacity {
                        utilisation: w.utilisation,
                        hard,
                    },
                    message: format!(
                        "{}: {} at {} of what it holds{}",
                        c.name,
                        resource.unwrap_or_else(|| "demand".into()),
                        pct,
                        if hard {
                            " (a hard limit)"
                        } else {
                            "; upgrade or add units"
                        }
                    ),
                });
            }
        }
        out
    }

    /// The stack's ceiling: the component that runs out of room at the fewest users, and
    /// that user count low–high (worst case low). `None` when nothing limits the stack.
    pub fn ceiling(&self, s: &Snapshot) -> Option<(usize, Range)> {
        let mut best: Option<(usize, Range)> = None;
        for (i, (c, st)) in self.components.iter().zip(&s.components).enumerate() {
            let worst = c.ceiling(&st[1], Case::Worst);
            let bestc = c.ceiling(&st[0], Case::Best);
            if let (Some(w), Some(b)) = (worst, bestc) {
                if best.is_none_or(|(_, r)| w < r.low) {
                    best = Some((i, Range::new(w, b)));
                }
            }
        }
        best
    }

    /// Users low–high in words, with what the component's first labelled driver counts:
    /// `500–1,000 users (50–100 running tests)`.
    pub fn users_in_words(&self, component: usize, users: Range) -> String {
        use super::format::{band, count};
        let c = &self.components[component];
        let plain = format!("{} users", band(users, count));
        match &c.basis_label {
            Some((basis, label)) => {
                let low = self.user_base(users.low, Case::Worst).of(*basis);
                let high = self.user_base(users.high, Case::Best).of(*basis);
                format!("{plain} ({} {label}s)", band(Range::new(low, high), count))
            }
            None => plain,
        }
    }

    /// The stack's ceiling in words: how many users it holds and what runs out first.
    pub fn describe_ceiling(&self, s: &Snapshot) -> String {
        match self.ceiling(s) {
            Some((i, users)) => format!(
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
        let costing = &self.costing[idx(case)];
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
        let costing = &self.costing[idx(case)];
        let mut totals = vec![costing.start; users.len()];
        for term in &costing.terms {
            match *term {
                Term::Flat(cost) => totals.iter_mut().for_each(|t| *t += cost),
                Term::Live(i) => self.components[i].add_costs(users, case, &mut totals),
            }
        }
        totals
    }

    /// Monthly revenue in one case at a user count.
    pub fn revenue_at(&self, users: f64, case: Case) -> f64 {
        let k = idx(case);
        users * self.shares[k].2 * self.price[k]
    }
}

fn compile_component(
    c: &super::scenario::ComponentSpec,
    catalogue: &Catalogue,
    shares: &[(f64, f64, f64); 2],
    paying_demand: &[f64; 2],
) -> CompiledComponent {
    let mut resources: Vec<String> = Vec::new();
    for d in &c.demand {
        if !resources.contains(&d.resource) {
            resources.push(d.resource.clone());
        }
    }
    let lines = [Case::Best, Case::Worst].map(|case| {
        let (a, cc, _) = shares[idx(case)];
        let p = paying_demand[idx(case)];
        resources
            .iter()
            .map(|r| {
                let mut line = (0.0, 0.0);
                for d in c.demand.iter().filter(|d| &d.resource == r) {
                    let amount = d.amount.cost_end(case);
                    match d.per {
                        Basis::Fixed => line.0 += amount,
                        Basis::User => line.1 += amount,
                        Basis::ActiveUser => line.1 += amount * a,
                        Basis::ConcurrentUser => line.1 += amount * cc,
                        Basis::PayingUser => line.1 += amount * p,
                    }
                }
                line
            })
            .collect::<Vec<_>>()
    });
    let mut refs: Vec<String> = Vec::new();
    let mut add = |r: &str| -> usize {
        match refs.iter().position(|x| x == r) {
            Some(i) => i,
            None => {
                refs.push(r.to_string());
                refs.len() - 1
            }
        }
    };
    let plan = match &c.policy {
        Policy::Fixed { offer, units } => {
            add(offer);
            Plan::Fixed { units: *units }
        }
        Policy::Auto { offers } => {
            for o in offers {
                add(o);
            }
            Plan::Auto
        }
        Policy::Staged { steps } => Plan::Staged {
            steps: steps
                .iter()
                .map(|s| (s.from_users, s.offer.as_deref().map(&mut add), s.units))
                .collect(),
        },
        Policy::Mix { parts } => {
            let candidates: Vec<usize> = parts.iter().map(|p| add(&p.offer)).collect();
            let n = parts.len().min(MIX_PARTS);
            Plan::Mix {
                parts: candidates[..n].to_vec(),
                options: mix_options(&parts[..n]),
            }
        }
    };
    let candidates: Vec<Candidate> = refs
        .iter()
        .filter_map(|r| {
            let r = r.as_str();
            let (p, o) = catalogue.offer(r)?;
            let over = c.price_overrides.iter().find(|x| x.offer == r);
            let capacity = resources
                .iter()
                .map(|res| {
                    c.capacity_overrides
                        .iter()
                        .find(|x| x.offer == r && &x.resource == res)
                        .map(|x| x.amount)
                        .or_else(|| o.capacity.get(res).copied())
                })
                .collect();
            let mut metered: Vec<(usize, Range, f64, f64)> = o
                .metered
                .iter()
                .filter(|m| {
                    !c.rate_overrides
                        .iter()
                        .any(|x| x.offer == r && x.resource == m.resource)
                })
                .filter_map(|m| {
                    let i = resources.iter().position(|x| *x == m.resource)?;
                    Some((i, m.usd, m.per, m.included))
                })
                .collect();
            for x in c.rate_overrides.iter().filter(|x| x.offer == r) {
                if let Some(i) = resources.iter().position(|res| *res == x.resource) {
                    metered.push((i, x.usd, x.per, 0.0));
                }
            }
            let rate_overridden = c.rate_overrides.iter().any(|x| x.offer == r);
            Some(Candidate {
                offer_ref: r.to_string(),
                provider: p.name.clone(),
                offer: o.name.clone(),
                price_usd_per_month: over.map_or(o.price_usd_per_month, |x| x.usd_per_month),
                price_overridden: over.is_some() || rate_overridden,
                override_reason: over
                    .map(|x| x.reason.clone())
                    .or_else(|| {
                        c.rate_overrides
                            .iter()
                            .find(|x| x.offer == r)
                            .map(|x| x.reason.clone())
                    })
                    .unwrap_or_default(),
                capacity,
                metered,
                hard_limit: o.hard_limit,
                source: o.source.clone(),
                as_of: o.as_of.clone(),
            })
        })
        .collect();
    let basis_label = c
        .demand
        .iter()
        .find(|d| d.per != Basis::Fixed && !d.label.is_empty())
        .map(|d| (d.per, d.label.clone()));
    let upgrade_at = c.upgrade_at_pct / 100.0;
    let sizing = Case::BOTH.map(|case| {
        candidates
            .iter()
            .map(|cand| {
                let line = |resource: usize| {
                    let (fixed, per_user) = lines[idx(case)][resource];
                    Line {
                        resource,
                        fixed,
                        per_user,
                    }
                };
                let price = cand.price_usd_per_month.cost_end(case);
                let metered: Vec<Meter> = cand
                    .metered
                    .iter()
                    .map(|&(i, usd, per, included)| Meter {
                        line: line(i),
                        usd: usd.cost_end(case),
                        per,
                        included,
                    })
                    .collect();
                // Units never fall below the minimum and metered charges never below 0
                // while every rate is non-negative; NaN fails every test here.
                let bounded = price >= 0.0 && metered.iter().all(|m| m.usd >= 0.0 && m.per > 0.0);
                Sizing {
                    price,
                    limits: cand
                        .capacity
                        .iter()
                        .enumerate()
                        .filter_map(|(i, cap)| {
                            let capacity = cap.as_ref()?.benefit_end(case);
                            Some(Limit {
                                line: line(i),
                                capacity,
                                usable: capacity * upgrade_at,
                            })
                        })
                        .collect(),
                    metered,
                    floor: if bounded {
                        c.min_units as f64 * price
                    } else {
                        f64::NEG_INFINITY
                    },
                }
            })
            .collect()
    });
    let mut compiled = CompiledComponent {
        id: c.id.clone(),
        name: c.name.clone(),
        role: c.role,
        resources,
        lines,
        candidates,
        plan,
        sizing,
        flat_cost: [Vec::new(), Vec::new()],
        steady: [false; 2],
        upgrade_at,
        alerts: c.alert_at_pct.iter().map(|a| a / 100.0).collect(),
        min_units: c.min_units,
        max_units: c.max_units,
        basis_label,
    };
    compiled.flat_cost = compiled.flat_cost();
    compiled.steady = Case::BOTH.map(|case| compiled.is_steady(case));
    compiled
}

/// Every combination of ends a mix's explicit shares may take, as the fraction of demand
/// each part serves; the part without a share takes what the others leave.
///
/// # Formula
/// explicit part: its share's low or high end ÷ 100; the rest: max(0, 1 − Σ explicit).
fn mix_options(parts: &[super::scenario::MixPart]) -> Vec<[f64; MIX_PARTS]> {
    let explicit: Vec<usize> = (0..parts.len())
        .filter(|&i| parts[i].share_pct.is_some())
        .collect();
    let k = explicit.len().min(MAX_MIX_SHARES);
    (0u32..(1 << k))
        .map(|mask| {
            let mut fractions = [0.0f64; MIX_PARTS];
            for (i, p) in parts.iter().enumerate() {
                fractions[i] = p.share_pct.map_or(0.0, |r| r.low / 100.0);
            }
            for (bit, &i) in explicit.iter().enumerate() {
                if mask & (1 << bit) != 0 {
                    fractions[i] = parts[i].share_pct.map_or(0.0, |r| r.high / 100.0);
                }
            }
            let taken: f64 = fractions[..parts.len()].iter().sum();
            if let Some(rest) = parts.iter().position(|p| p.share_pct.is_none()) {
                fractions[rest] = (1.0 - taken).max(0.0);
            }
            fractions
        })
        .collect()
}

/// One candidate sized for some demand.
#[derive(Clone, Copy, Debug)]
struct Sized {
    units: u32,
    needed: u32,
    cost: f64,
    utilisation: f64,
    binding: Option<usize>,
    feasible: bool,
}

/// How a steady component's pick holds at counts above the one it was found at, so that
/// a sweep need not size every candidate again there.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Hold {
    /// This candidate stays the pick, at the same cost, wherever its
    /// [`CompiledComponent::pick_key`] is this and (for auto-upgrade) it stays feasible.
    Same(usize, u32),
    /// Every other candidate needs more units than allowed, here and at every larger count,
    /// so this one is the pick wherever it is feasible, at the cost it is sized at there.
    Alone(usize),
}

/// The most parts a mix may have: the shared ones and the one that takes the rest.
const MIX_PARTS: usize = MAX_MIX_SHARES + 1;

/// How many user counts a sweep sizes side by side.
const BATCH: usize = 64;

/// The cost of a component that runs nothing: the sum of no parts.
fn nothing() -> f64 {
    std::iter::empty::<f64>().sum()
}

impl CompiledComponent {
    /// Demand per resource at a user count.
    ///
    /// # Formula
    /// Σ over drivers of amount × (users, active, concurrent or paying users, or 1).
    pub fn demand(&self, users: f64, case: Case) -> Vec<f64> {
        self.lines[idx(case)]
            .iter()
            .map(|(a, b)| a + b * users)
            .collect()
    }

    /// One candidate sized for `share` of `demand`: units needed and billed, utilisation of
    /// the most loaded resource, and cost.
    ///
    /// # Formula
    /// needed = max over limited resources of ⌈demand × share ÷ (capacity × upgrade_at)⌉;
    /// units = the policy's units, else needed clamped to min–max units;
    /// utilisation = max over limited resources of demand × share ÷ (capacity × units);
    /// cost = units × price + Σ metered max(0, demand × share − included × units) ÷ per × USD.
    #[inline(always)]
    fn size(&self, fit: &Sizing, users: f64, share: f64, units: Option<u32>) -> Sized {
        let mut needed = 0;
        for limit in &fit.limits {
            needed = needed.max(ceil_units(limit.line.at(users) * share / limit.usable));
        }
        let units = match units {
            Some(units) => units,
            None => needed.clamp(self.min_units, self.max_units),
        };
        let mut utilisation = 0.0;
        let mut binding = None;
        for limit in &fit.limits {
            let held = limit.capacity * units as f64;
            let asked = limit.line.at(users) * share;
            let u = if held > 0.0 {
                asked / held
            } else if asked > 0.0 {
                f64::INFINITY
            } else {
                0.0
            };
            if binding.is_none() || u > utilisation {
                utilisation = u;
                binding = Some(limit.line.resource);
            }
        }
        let mut cost = units as f64 * fit.price;
        for m in &fit.metered {
            let billable = (m.line.at(users) * share - m.included * units as f64).max(0.0);
            cost += billable / m.per * m.usd;
        }
        Sized {
            units,
            needed,
            cost,
            utilisation,
            binding,
            feasible: utilisation <= FULL && needed <= self.max_units,
        }
    }

    /// Which stage of a staged plan applies at a user count: the last one that has started,
    /// else the first. `Some(0)` for the other plans; `None` for a plan without stages.
    #[inline(always)]
    fn stage(&self, users: f64) -> Option<usize> {
        let Plan::Staged { steps } = &self.plan else {
            return Some(0);
        };
        let mut j = steps.len();
        while j > 0 {
            j -= 1;
            if users >= steps[j].0 {
                return Some(j);
            }
        }
        (!steps.is_empty()).then_some(0)
    }

    /// Sizes what the policy picks for this demand and hands each part to `part`: the
    /// candidate, the share of demand it serves, and its sizing. No part when the component
    /// runs nothing at this stage.
    fn choose(
        &self,
        stage: Option<usize>,
        users: f64,
        case: Case,
        mut part: impl FnMut(usize, f64, Sized),
    ) {
        let sizing: &[Sizing] = &self.sizing[idx(case)];
        if sizing.is_empty() {
            return;
        }
        match &self.plan {
            Plan::Fixed { units } => part(0, 1.0, self.size(&sizing[0], users, 1.0, *units)),
            Plan::Auto => {
                if let Some((ci, s)) = self.auto(sizing, users) {
                    part(ci, 1.0, s);
                }
            }
            Plan::Staged { steps } => {
                if let Some((_, Some(ci), units)) = stage.map(|j| steps[j]) {
                    part(ci, 1.0, self.size(&sizing[ci], users, 1.0, units));
                }
            }
            Plan::Mix { parts, options } => {
                if let Some((o, _)) = self.mix(sizing, parts, options, users, case) {
                    for (&ci, &share) in parts.iter().zip(&options[o]) {
                        part(ci, share, self.size(&sizing[ci], users, share, None));
                    }
                }
            }
        }
    }

    /// The cost of what [`CompiledComponent::choose`] picks: the sum of its parts' costs.
    #[inline(always)]
    fn choose_cost(&self, stage: Option<usize>, users: f64, case: Case) -> f64 {
        let sizing: &[Sizing] = &self.sizing[idx(case)];
        if sizing.is_empty() {
            return nothing();
        }
        let picked = match &self.plan {
            Plan::Fixed { units } => Some(self.size(&sizing[0], users, 1.0, *units).cost),
            Plan::Auto => self.auto(sizing, users).map(|(_, s)| s.cost),
            Plan::Staged { steps } => match stage.map(|j| steps[j]) {
                Some((_, Some(ci), units)) => Some(self.size(&sizing[ci], users, 1.0, units).cost),
                _ => None,
            },
            Plan::Mix { parts, options } => {
                return match self.mix(sizing, parts, options, users, case) {
                    Some((_, cost)) => cost,
                    None => nothing(),
                };
            }
        };
        match picked {
            Some(cost) => nothing() + cost,
            None => nothing(),
        }
    }

    /// The candidate an auto-upgrading plan picks: feasible beats infeasible; among feasible
    /// the cheapest wins; when none fits, the one least overloaded; the first listed on a tie.
    ///
    /// A candidate whose cost cannot fall below that of a feasible pick already made (its
    /// [`Sizing::floor`]) cannot win, so it is not sized.
    #[inline(always)]
    fn auto(&self, sizing: &[Sizing], users: f64) -> Option<(usize, Sized)> {
        let mut pick: Option<(usize, Sized)> = None;
        for (ci, fit) in sizing.iter().enumerate() {
            if let Some((_, p)) = &pick {
                if p.feasible && fit.floor >= p.cost {
                    continue;
                }
            }
            let s = self.size(fit, users, 1.0, None);
            let better = match &pick {
                None => true,
                Some((_, p)) => match (s.feasible, p.feasible) {
                    (true, false) => true,
                    (true, true) => s.cost < p.cost,
                    (false, false) => s.utilisation < p.utilisation,
                    (false, true) => false,
                },
            };
            if better {
                pick = Some((ci, s));
            }
        }
        pick
    }

    /// The option a mix takes, with its cost: each explicit share may sit at either end of
    /// its range, and the best case takes the cheapest combination, the worst case the
    /// dearest; the first tried wins a tie.
    fn mix(
        &self,
        sizing: &[Sizing],
        parts: &[usize],
        options: &[[f64; MIX_PARTS]],
        users: f64,
        case: Case,
    ) -> Option<(usize, f64)> {
        let mut chosen: Option<(usize, f64)> = None;
        for (o, fractions) in options.iter().enumerate() {
            let mut cost = nothing();
            for (&ci, &share) in parts.iter().zip(fractions) {
                cost += self.size(&sizing[ci], users, share, None).cost;
            }
            let better = match chosen {
                None => true,
                Some((_, c)) => match case {
                    Case::Best => cost < c,
                    Case::Worst => cost > c,
                },
            };
            if better {
                chosen = Some((o, cost));
            }
        }
        chosen
    }

    /// What the component runs at a user count in a case, handed to `each` part by part as
    /// `(candidate, units)`: the allocations of [`CompiledComponent::state`], without its
    /// demand and figures, and without allocating.
    pub fn picks(&self, users: f64, case: Case, mut each: impl FnMut(usize, u32)) {
        self.choose(self.stage(users), users, case, |ci, _, s| each(ci, s.units));
    }

    /// The component's state at a user count in a case.
    pub fn state(&self, users: f64, case: Case) -> ComponentState {
        let mut state = ComponentState::unused(self.demand(users, case));
        // Room for every part up front: one allocation, without growing.
        let parts = match &self.plan {
            _ if self.candidates.is_empty() => 0,
            Plan::Mix { parts, .. } => parts.len(),
            _ => 1,
        };
        state.allocations = Vec::with_capacity(parts);
        self.choose(self.stage(users), users, case, |ci, share, s| {
            state.allocations.push(Allocation {
                candidate: ci,
                units: s.units,
                share,
            });
            state.units_needed = state.units_needed.max(s.needed);
            state.cost_usd += s.cost;
            state.over_limit |= s.utilisation > FULL;
            if s.binding.is_some() && (state.binding.is_none() || s.utilisation > state.utilisation)
            {
                state.utilisation = s.utilisation;
                state.binding = s.binding;
            }
        });
        state
    }

    /// The component's monthly cost at a user count in a case: the same figure as
    /// [`CompiledComponent::state`], computed without allocating. A component
    /// whose demand does not grow with users answers from the costs worked out at compile
    /// time.
    pub fn cost(&self, users: f64, case: Case) -> f64 {
        let stage = self.stage(users);
        if let Some(j) = stage {
            let flat: &[Option<f64>] = &self.flat_cost[idx(case)];
            if let (Some(Some(cost)), true) = (flat.get(j), users.is_finite()) {
                return *cost;
            }
        }
        self.choose_cost(stage, users, case)
    }

    /// Adds the component's cost in a case at each of `users` (finite, ascending) to
    /// `totals`: the same figure as [`CompiledComponent::cost`] at each count.
    ///
    /// A component that is not steady is costed a stage at a time: as a staged plan's
    /// stages start at increasing user counts, the counts at one stage form a run, from the
    /// first count at or past the stage's start to the first at or past the next stage's,
    /// and [`CompiledComponent::add_stage_costs`] costs each run at once.
    ///
    /// A steady component is sized in full at the first count of a run; while the offer it
    /// picks is sized alone at later counts with the same units needed, and stays feasible,
    /// the pick and its cost cannot have changed (see [`CompiledComponent::held_pick`]), so
    /// the run takes the first count's cost; or, when every other offer is out of units for
    /// good, the pick alone is sized at each count while it stays feasible. A fixed offer's
    /// cost is its units × price, so there the units billed need only stay the same. The end
    /// of the run is found by doubling and halving, as the counts where the pick holds form
    /// a prefix.
    fn add_costs(&self, users: &[f64], case: Case, totals: &mut [f64]) {
        if !self.steady[idx(case)] {
            match &self.plan {
                // The scenario check keeps a plan's stages non-empty and in increasing order.
                Plan::Staged { steps } => {
                    let start = |j: usize| match j {
                        0 => 0,
                        _ if j == steps.len() => users.len(),
                        _ => users.partition_point(|&u| u < steps[j].0),
                    };
                    for j in 0..steps.len() {
                        let run = start(j)..start(j + 1);
                        self.add_stage_costs(Some(j), &users[run.clone()], case, &mut totals[run]);
                    }
                }
                _ => self.add_stage_costs(Some(0), users, case, totals),
            }
            return;
        }
        let sizing: &[Sizing] = &self.sizing[idx(case)];
        // After a count where the pick could not be shown to hold, the next counts are
        // costed one by one, twice as many after each further such count, so that a pick
        // with metered charges is not sized twice at every count.
        let mut wait = 0usize;
        let mut backoff = 1usize;
        let mut a = 0;
        while a < users.len() {
            let cost = self.cost(users[a], case);
            let mut end = a;
            let held = if wait > 0 {
                wait -= 1;
                None
            } else {
                let held = self.held_pick(sizing, users[a]);
                if held.is_none() {
                    wait = backoff;
                    backoff = (backoff * 2).min(64);
                }
                held
            };
            match held {
                Some(Hold::Same(p, key)) => {
                    backoff = 1;
                    let holds = |i: usize| {
                        let s = self.size(&sizing[p], users[i], 1.0, None);
                        self.pick_key(&s) == key && (s.feasible || !matches!(self.plan, Plan::Auto))
                    };
                    // Double the step while the pick holds, then halve it back down.
                    let mut step = 1;
                    while end + step < users.len() && holds(end + step) {
                        end += step;
                        step *= 2;
                    }
                    while step > 1 {
                        step /= 2;
                        if end + step < users.len() && holds(end + step) {
                            end += step;
                        }
                    }
                }
                Some(Hold::Alone(p)) => {
                    backoff = 1;
                    // The pick alone is sized while it stays feasible; its cost is the
                    // component's, as auto-upgrade adds it to nothing.
                    while end + 1 < users.len() {
                        let s = self.size(&sizing[p], users[end + 1], 1.0, None);
                        if !s.feasible {
                            break;
                        }
                        end += 1;
                        totals[end] += nothing() + s.cost;
                    }
                    totals[a] += cost;
                    a = end + 1;
                    continue;
                }
                None => {}
            }
            for t in &mut totals[a..=end] {
                *t += cost;
            }
            a = end + 1;
        }
    }

    /// Adds the component's cost in a case at each of `users` (finite, ascending, all at
    /// `stage`) to `totals`: the same figure as [`CompiledComponent::cost`] at each count.
    ///
    /// An unchanging stage adds its one cost; one offer, or a mix, is sized for all the
    /// counts at once; an auto-upgrading plan is costed count by count.
    fn add_stage_costs(&self, stage: Option<usize>, users: &[f64], case: Case, totals: &mut [f64]) {
        let sizing: &[Sizing] = &self.sizing[idx(case)];
        if let Some(Some(cost)) = stage.and_then(|j| self.flat_cost[idx(case)].get(j)) {
            totals.iter_mut().for_each(|t| *t += cost);
            return;
        }
        let one = match &self.plan {
            _ if sizing.is_empty() || users.is_empty() => None,
            Plan::Fixed { units } => Some((0, *units)),
            Plan::Staged { steps } => match stage.map(|j| steps[j]) {
                Some((_, Some(ci), units)) => Some((ci, units)),
                _ => None,
            },
            Plan::Mix { parts, options } if !options.is_empty() => {
                self.add_mix_costs(sizing, parts, options, users, case, totals);
                return;
            }
            _ => None,
        };
        match one {
            Some((ci, units)) => {
                // What the policy picks is this offer alone, added to nothing.
                let mut part = [0.0f64; BATCH];
                for (users, totals) in users.chunks(BATCH).zip(totals.chunks_mut(BATCH)) {
                    let part = &mut part[..users.len()];
                    self.sized_costs(&sizing[ci], 1.0, units, users, part);
                    for (t, &p) in totals.iter_mut().zip(&*part) {
                        *t += nothing() + p;
                    }
                }
            }
            None => {
                for (t, &u) in totals.iter_mut().zip(users) {
                    *t += self.choose_cost(stage, u, case);
                }
            }
        }
    }

    /// Adds a mix's cost in a case at each of `users` to `totals`: the same figure as
    /// [`CompiledComponent::cost`] at each count. [`BATCH`] counts at a time, each
    /// combination of share ends is costed at every count, its parts added in order to
    /// nothing, and each count keeps the combination [`CompiledComponent::mix`] keeps
    /// there: the first tried of the cheapest (best case) or the dearest (worst case).
    ///
    /// # Formula
    /// Per count, min (best) or max (worst) over combinations of Σ over parts of the part's
    /// cost at its share.
    fn add_mix_costs(
        &self,
        sizing: &[Sizing],
        parts: &[usize],
        options: &[[f64; MIX_PARTS]],
        users: &[f64],
        case: Case,
        totals: &mut [f64],
    ) {
        let mut chosen = [0.0f64; BATCH];
        let mut cost = [0.0f64; BATCH];
        let mut part = [0.0f64; BATCH];
        for (users, totals) in users.chunks(BATCH).zip(totals.chunks_mut(BATCH)) {
            let n = users.len();
            for (o, fractions) in options.iter().enumerate() {
                cost[..n].fill(nothing());
                for (&ci, &share) in parts.iter().zip(fractions) {
                    self.sized_costs(&sizing[ci], share, None, users, &mut part[..n]);
                    for (c, &p) in cost[..n].iter_mut().zip(&part[..n]) {
                        *c += p;
                    }
                }
                for (k, &c) in chosen[..n].iter_mut().zip(&cost[..n]) {
                    let better = match case {
                        _ if o == 0 => true,
                        Case::Best => c < *k,
                        Case::Worst => c > *k,
                    };
                    if better {
                        *k = c;
                    }
                }
            }
            for (t, &c) in totals.iter_mut().zip(&chosen[..n]) {
                *t += c;
            }
        }
    }

    /// One candidate's cost, sized for `share` of the demand, at each of `users` (at most
    /// [`BATCH`] of them), written to `costs`: the same figure as
    /// [`CompiledComponent::size`] at each count. Each step of the sizing is taken for every
    /// count before the next step, with the same arithmetic in the same order, so that the
    /// counts are worked side by side.
    ///
    /// # Formula
    /// units = the policy's units, else max over limited resources of
    /// ⌈demand × share ÷ (capacity × upgrade_at)⌉ clamped to min–max units;
    /// cost = units × price + Σ metered max(0, demand × share − included × units) ÷ per × USD.
    #[inline(always)]
    fn sized_costs(
        &self,
        fit: &Sizing,
        share: f64,
        units: Option<u32>,
        users: &[f64],
        costs: &mut [f64],
    ) {
        let mut billed = [0u32; BATCH];
        let billed = &mut billed[..users.len()];
        match units {
            Some(units) => billed.fill(units),
            None => {
                for limit in &fit.limits {
                    for (k, &u) in billed.iter_mut().zip(users) {
                        *k = (*k).max(ceil_units(limit.line.at(u) * share / limit.usable));
                    }
                }
                for k in billed.iter_mut() {
                    *k = (*k).clamp(self.min_units, self.max_units);
                }
            }
        }
        for (c, &k) in costs.iter_mut().zip(&*billed) {
            *c = k as f64 * fit.price;
        }
        for m in &fit.metered {
            for ((c, &k), &u) in costs.iter_mut().zip(&*billed).zip(users) {
                let billable = (m.line.at(u) * share - m.included * k as f64).max(0.0);
                *c += billable / m.per * m.usd;
            }
        }
    }

    /// What a steady component picks at `users`, when it provably keeps picking it at later
    /// counts: see [`Hold`]. `None` when that cannot be shown.
    ///
    /// Units needed never fall as users grow (demand lines do not fall, capacities are
    /// positive and rounding up to whole units is monotone). So a candidate that needs more
    /// units than allowed here still does, and is infeasible, at every larger count; and at
    /// a larger count where the pick's key is the same: the pick's units, hence its cost
    /// (units × price, with no metered charge), are the same, and every other candidate
    /// costs at least what it cost here when it has no metered charge and a non-negative
    /// price, or at least its [`Sizing::floor`] otherwise. When that bound is above the
    /// pick's cost (at or above it for a candidate listed after the pick, which loses a
    /// tie), the feasible pick stays the first-listed cheapest feasible candidate.
    fn held_pick(&self, sizing: &[Sizing], users: f64) -> Option<Hold> {
        match &self.plan {
            Plan::Fixed { units: None } => {
                let fit = sizing.first().filter(|f| f.metered.is_empty())?;
                Some(Hold::Same(
                    0,
                    self.pick_key(&self.size(fit, users, 1.0, None)),
                ))
            }
            Plan::Auto => {
                let (p, pick) = self.auto(sizing, users)?;
                if !pick.feasible {
                    return None;
                }
                let mut alone = true;
                let mut same = sizing[p].metered.is_empty();
                for (j, fit) in sizing.iter().enumerate() {
                    if j == p {
                        continue;
                    }
                    let s = self.size(fit, users, 1.0, None);
                    if s.needed > self.max_units {
                        continue;
                    }
                    alone = false;
                    let bound = if fit.metered.is_empty() && fit.price >= 0.0 {
                        s.cost
                    } else {
                        fit.floor
                    };
                    same &= if j < p {
                        bound > pick.cost
                    } else {
                        bound >= pick.cost
                    };
                }
                if same {
                    Some(Hold::Same(p, self.pick_key(&pick)))
                } else if alone {
                    Some(Hold::Alone(p))
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// What must stay the same for a steady component's pick to hold: the units needed
    /// under auto-upgrade, whose feasibility depends on them; the units billed for a fixed
    /// offer, whose cost is all that matters. Both never fall as users grow.
    #[inline(always)]
    fn pick_key(&self, s: &Sized) -> u32 {
        match self.plan {
            Plan::Auto => s.needed,
            _ => s.units,
        }
    }

    /// Whether a sweep may cost the component run by run in a case: the plan sizes one
    /// offer at a time by demand, and every limit's demand line does not fall with users
    /// and meets a positive usable capacity, so that units needed never fall as users grow.
    fn is_steady(&self, case: Case) -> bool {
        let sizing = &self.sizing[idx(case)];
        let plan = match self.plan {
            Plan::Auto => true,
            Plan::Fixed { units: None } => sizing.first().is_some_and(|f| f.metered.is_empty()),
            _ => false,
        };
        plan && sizing.iter().all(|fit| {
            fit.limits.iter().all(|l| {
                l.line.per_user >= 0.0
                    && l.line.per_user.is_finite()
                    && l.line.fixed.is_finite()
                    && l.usable > 0.0
                    && l.capacity > 0.0
            })
        })
    }

    /// The cost in a case at every finite user count when it does not change with users:
    /// demand does not grow and the plan has no stages.
    fn unchanging_cost(&self, case: Case) -> Option<f64> {
        match &self.plan {
            Plan::Staged { .. } => None,
            _ => self.flat_cost[idx(case)].first().copied().flatten(),
        }
    }

    /// Per case, per stage, the cost when it is the same at every finite user count.
    ///
    /// A stage's cost is unchanging when no demand grows with users (every line's slope is
    /// zero), when the stage runs nothing, or when it runs one offer without metered charges
    /// at a number of units that does not depend on demand (set by the policy, or minimum
    /// and maximum units equal): then cost = units × price.
    fn flat_cost(&self) -> [Vec<Option<f64>>; 2] {
        let flat_demand = self
            .lines
            .iter()
            .all(|lines| lines.iter().all(|&(_, b)| b == 0.0));
        let fixed_units = |units: Option<u32>| units.is_some() || self.min_units == self.max_units;
        let unmetered = |ci: usize| {
            self.candidates
                .get(ci)
                .is_some_and(|c| c.metered.is_empty())
        };
        let unchanging: Vec<bool> = match &self.plan {
            _ if flat_demand || self.candidates.is_empty() => {
                vec![true; self.stage_count()]
            }
            Plan::Fixed { units } => vec![fixed_units(*units) && unmetered(0)],
            Plan::Staged { steps } => steps
                .iter()
                .map(|&(_, ci, units)| ci.is_none_or(|ci| fixed_units(units) && unmetered(ci)))
                .collect(),
            Plan::Auto | Plan::Mix { .. } => vec![false],
        };
        Case::BOTH.map(|case| {
            unchanging
                .iter()
                .enumerate()
                .map(|(j, &flat)| flat.then(|| self.choose_cost(Some(j), 0.0, case)))
                .collect()
        })
    }

    /// How many stages the plan has: its steps when staged, one otherwise.
    fn stage_count(&self) -> usize {
        match &self.plan {
            Plan::Staged { steps } => steps.len(),
            _ => 1,
        }
    }

    /// The most users one candidate can serve at `units` units before any resource is full.
    /// `None` when nothing limits it.
    ///
    /// # Formula
    /// min over resources of (capacity × units − fixed demand) ÷ demand per user.
    pub fn ceiling_users(&self, candidate: usize, units: u32, case: Case) -> Option<f64> {
        let cand = self.candidates.get(candidate)?;
        let mut best: Option<f64> = None;
        for (i, (a, b)) in self.lines[idx(case)].iter().enumerate() {
            if let Some(cap) = cand.capacity[i] {
                let held = cap.benefit_end(case) * units as f64;
                let users = if *b > 0.0 {
                    ((held - a) / b).max(0.0)
                } else if *a > held {
                    0.0
                } else {
                    continue;
                };
                best = Some(best.map_or(users, |x: f64| x.min(users)));
            }
        }
        best
    }

    /// The most users the component can serve with what its policy allows: the largest
    /// candidate at the most units for a sized policy, the current step's units otherwise.
    pub fn ceiling(&self, state: &ComponentState, case: Case) -> Option<f64> {
        let units_for = |a: &Allocation| match &self.plan {
            Plan::Fixed { units: Some(u) } => *u,
            Plan::Staged { steps } => steps
                .iter()
                .find(|(_, c, _)| *c == Some(a.candidate))
                .and_then(|(_, _, u)| *u)
                .unwrap_or(self.max_units),
            _ => self.max_units,
        };
        match &self.plan {
            // Auto-upgrade reaches its largest candidate; one without a limit means none.
            Plan::Auto => (0..self.candidates.len())
                .map(|ci| self.ceiling_users(ci, self.max_units, case))
                .try_fold(0.0f64, |acc, x| x.map(|x| acc.max(x))),
            _ => state
                .allocations
                .iter()
                .filter_map(|a| {
                    let full = self.ceiling_users(a.candidate, units_for(a), case)?;
                    Some(if a.share > 0.0 {
                        full / a.share
                    } else {
                        f64::INFINITY
                    })
                })
                .fold(None, |acc: Option<f64>, x| {
                    Some(acc.map_or(x, |a| a.min(x)))
                }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets::{self, PRESETS};
    use crate::model::scenario::ComponentSpec;

    /// Whole units the straightforward way, with the library's `round` and `ceil`.
    fn reference_ceil_units(x: f64) -> u32 {
        if !x.is_finite() || x <= 0.0 {
            0
        } else if x >= u32::MAX as f64 {
            u32::MAX
        } else {
            let r = x.round();
            if (x - r).abs() < 1e-9 * r.max(1.0) {
                r as u32
            } else {
                x.ceil() as u32
            }
        }
    }

    #[test]
    fn whole_units_match_round_and_ceil() {
        let mut values = vec![
            0.0,
            -0.0,
            -1.0,
            f64::NAN,
            f64::INFINITY,
            f64::MIN_POSITIVE,
            0.49999999999999994,
            0.5,
            1.0 - 1e-10,
            1.0 + 1e-10,
            1.0 + 2e-9,
            2.5,
            1e6 + 1e-4,
            u32::MAX as f64 - 0.5,
            u32::MAX as f64 - 1e-6,
            u32::MAX as f64,
            1e300,
        ];
        // The neighbouring doubles of a positive number.
        let up = |x: f64| f64::from_bits(x.to_bits() + 1);
        let down = |x: f64| f64::from_bits(x.to_bits() - 1);
        let mut x: f64 = 1e-6;
        while x < 1e10 {
            for n in [x, x.round().max(1.0), x.round() + 0.5] {
                values.extend([n, n * (1.0 + 1e-9), n * (1.0 - 1e-9), up(n), down(n)]);
            }
            x *= 1.0137;
        }
        for x in values {
            assert_eq!(ceil_units(x), reference_ceil_units(x), "at {x:e}");
        }
    }

    /// Cost, feasibility and utilisation of one candidate the straightforward way: reading
    /// the candidate's ranges at every call.
    fn reference_size(
        c: &CompiledComponent,
        ci: usize,
        demand: &[f64],
        share: f64,
        units: Option<u32>,
        case: Case,
    ) -> (f64, bool, f64) {
        let cand = &c.candidates[ci];
        let mut needed = 0;
        for (i, d) in demand.iter().enumerate() {
            if let Some(cap) = cand.capacity[i] {
                let cap = cap.benefit_end(case);
                needed = needed.max(reference_ceil_units(d * share / (cap * c.upgrade_at)));
            }
        }
        let units = units.unwrap_or_else(|| needed.clamp(c.min_units, c.max_units));
        let mut utilisation = 0.0;
        let mut binding = None;
        for (i, d) in demand.iter().enumerate() {
            if let Some(cap) = cand.capacity[i] {
                let held = cap.benefit_end(case) * units as f64;
                let u = if held > 0.0 {
                    d * share / held
                } else if d * share > 0.0 {
                    f64::INFINITY
                } else {
                    0.0
                };
                if binding.is_none() || u > utilisation {
                    utilisation = u;
                    binding = Some(i);
                }
            }
        }
        let mut cost = units as f64 * cand.price_usd_per_month.cost_end(case);
        for (i, usd, per, included) in &cand.metered {
            let billable = (demand[*i] * share - included * units as f64).max(0.0);
            cost += billable / per * usd.cost_end(case);
        }
        let feasible = utilisation <= FULL && needed <= c.max_units;
        (cost, feasible, utilisation)
    }

    /// A component's cost the straightforward way: every candidate sized at every call, every
    /// mix combination built from the scenario's shares.
    fn reference_cost(c: &CompiledComponent, spec: &ComponentSpec, users: f64, case: Case) -> f64 {
        let demand = c.demand(users, case);
        let index = |offer: &str| c.candidates.iter().position(|x| x.offer_ref == offer);
        let mut parts: Vec<f64> = Vec::new();
        if !c.candidates.is_empty() {
            match &spec.policy {
                Policy::Fixed { units, .. } => {
                    parts.push(reference_size(c, 0, &demand, 1.0, *units, case).0);
                }
                Policy::Auto { .. } => {
                    let mut pick: Option<(f64, bool, f64)> = None;
                    for ci in 0..c.candidates.len() {
                        let s = reference_size(c, ci, &demand, 1.0, None, case);
                        let better = match pick {
                            None => true,
                            Some(p) => match (s.1, p.1) {
                                (true, false) => true,
                                (true, true) => s.0 < p.0,
                                (false, false) => s.2 < p.2,
                                (false, true) => false,
                            },
                        };
                        if better {
                            pick = Some(s);
                        }
                    }
                    parts.extend(pick.map(|p| p.0));
                }
                Policy::Staged { steps } => {
                    let step = steps
                        .iter()
                        .rev()
                        .find(|s| users >= s.from_users)
                        .or(steps.first());
                    if let Some(step) = step {
                        if let Some(ci) = step.offer.as_deref().and_then(index) {
                            parts.push(reference_size(c, ci, &demand, 1.0, step.units, case).0);
                        }
                    }
                }
                Policy::Mix { parts: mix } => {
                    let mix = &mix[..mix.len().min(MIX_PARTS)];
                    let explicit: Vec<usize> = (0..mix.len())
                        .filter(|&i| mix[i].share_pct.is_some())
                        .collect();
                    let mut chosen: Option<Vec<f64>> = None;
                    for mask in 0u32..(1 << explicit.len().min(MAX_MIX_SHARES)) {
                        let mut fractions: Vec<f64> = mix
                            .iter()
                            .map(|p| p.share_pct.map_or(0.0, |r| r.low / 100.0))
                            .collect();
                        for (bit, &i) in explicit.iter().enumerate() {
                            if mask & (1 << bit) != 0 {
                                fractions[i] = mix[i].share_pct.map_or(0.0, |r| r.high / 100.0);
                            }
                        }
                        let taken: f64 = fractions.iter().sum();
                        if let Some(rest) = mix.iter().position(|p| p.share_pct.is_none()) {
                            fractions[rest] = (1.0 - taken).max(0.0);
                        }
                        let option: Vec<f64> = mix
                            .iter()
                            .zip(&fractions)
                            .map(|(p, &f)| {
                                let ci = index(&p.offer).unwrap();
                                reference_size(c, ci, &demand, f, None, case).0
                            })
                            .collect();
                        let cost: f64 = option.iter().sum();
                        let better = chosen.as_ref().is_none_or(|o| {
                            let chosen: f64 = o.iter().sum();
                            match case {
                                Case::Best => cost < chosen,
                                Case::Worst => cost > chosen,
                            }
                        });
                        if better {
                            chosen = Some(option);
                        }
                    }
                    parts = chosen.unwrap_or_default();
                }
            }
        }
        parts.iter().sum()
    }

    /// Every preset, and every preset again with each component allowed 1–4 units and with
    /// exactly 2 units, so that sizing by demand, clamping and fixed unit counts all occur.
    fn scenarios() -> (Catalogue, Vec<Scenario>) {
        let cat = Catalogue::builtin();
        let mut out = Vec::new();
        for p in PRESETS {
            let s = presets::load(p.id, &cat).unwrap().unwrap();
            for (min, max) in [(None, None), (Some(1), Some(4)), (Some(2), Some(2))] {
                let mut raw = s.raw().clone();
                for c in &mut raw.components {
                    c.min_units = min.unwrap_or(c.min_units);
                    c.max_units = max.unwrap_or(c.max_units);
                }
                out.push(Scenario::new(raw, &cat).unwrap());
            }
        }
        (cat, out)
    }

    fn user_counts() -> Vec<f64> {
        let mut users = vec![0.0, -3.0, f64::NAN, f64::INFINITY, 0.5, 1.0, 10.0, 100.0];
        users.extend(super::super::sweep::log_space(1.0, 1e8, 700));
        users
    }

    /// Asserts that every component's cost is the straightforward one, bit for bit, and
    /// its state's cost, at every count of [`user_counts`] in both cases; hands each state
    /// to `seen`.
    fn assert_costs_are_the_reference(
        s: &Scenario,
        m: &Model,
        mut seen: impl FnMut(&CompiledComponent, Case, &ComponentState),
    ) {
        for (c, spec) in m.components.iter().zip(&s.raw().components) {
            for &users in &user_counts() {
                for case in Case::BOTH {
                    let fast = c.cost(users, case);
                    let slow = reference_cost(c, spec, users, case);
                    assert_eq!(
                        fast.to_bits(),
                        slow.to_bits(),
                        "{} {} at {users} users, {case:?}: {fast} vs {slow}",
                        s.raw().name,
                        c.id
                    );
                    let state = c.state(users, case);
                    assert_eq!(fast, state.cost_usd);
                    seen(c, case, &state);
                }
            }
        }
    }

    #[test]
    fn the_fast_cost_equals_the_straightforward_one_bit_for_bit() {
        let (cat, scenarios) = scenarios();
        for s in scenarios {
            let m = Model::new(&s, &cat);
            assert_costs_are_the_reference(&s, &m, |_, _, _| {});
        }
    }

    #[test]
    fn the_model_cost_adds_components_in_order_bit_for_bit() {
        let (cat, scenarios) = scenarios();
        for s in scenarios {
            let m = Model::new(&s, &cat);
            for &users in &user_counts() {
                for case in Case::BOTH {
                    let sum: f64 = m.components.iter().map(|c| c.cost(users, case)).sum();
                    let fast = m.cost_at(users, case);
                    assert_eq!(fast.to_bits(), sum.to_bits(), "{} at {users}", s.raw().name);
                }
            }
        }
    }

    /// Runs of user counts to cost at once: log-spaced sweeps of several lengths and
    /// reaches; fine, uneven and repeated counts from zero; and runs that are not ascending
    /// or not finite, which are answered count by count.
    fn runs() -> Vec<Vec<f64>> {
        let mut runs: Vec<Vec<f64>> = [10.0, 1e3, 1e5, 1e8]
            .iter()
            .flat_map(|&max| {
                [64, 512, 2000].map(|n| super::super::sweep::log_space(1.0, max, n).collect())
            })
            .collect();
        runs.push((0..3000).map(|i| (i as f64 * 0.37).powf(1.7)).collect());
        runs.push([0.0, 0.0, 1.0, 1.0, 1.0, 2.5, 1e4, 1e4, 1e9].to_vec());
        runs.push([5.0, 1.0, 1e6, 3.0].to_vec());
        runs.push([1.0, f64::NAN, 10.0, f64::INFINITY].to_vec());
        runs
    }

    #[test]
    fn costs_over_a_run_of_counts_equal_the_cost_at_each_bit_for_bit() {
        let (cat, scenarios) = scenarios();
        let runs = runs();
        let mut steady = 0;
        // Each scenario also upgrading only when full, where rounding sits at the limit.
        let full: Vec<Scenario> = scenarios
            .iter()
            .map(|s| {
                let mut raw = s.raw().clone();
                for c in &mut raw.components {
                    c.upgrade_at_pct = 100.0;
                }
                Scenario::new(raw, &cat).unwrap()
            })
            .collect();
        for s in scenarios.into_iter().chain(full) {
            let m = Model::new(&s, &cat);
            steady += m.components.iter().filter(|c| c.steady[1]).count();
            for p in super::super::sweep::sweep(&m, 1e6, 300) {
                for case in Case::BOTH {
                    let slow = m.cost_at(p.users, case);
                    assert_eq!(p.cost_usd[idx(case)].to_bits(), slow.to_bits());
                }
            }
            for users in &runs {
                for case in Case::BOTH {
                    let fast = m.costs_at(users, case);
                    assert_eq!(fast.len(), users.len());
                    for (&u, f) in users.iter().zip(fast) {
                        let slow = m.cost_at(u, case);
                        assert_eq!(
                            f.to_bits(),
                            slow.to_bits(),
                            "{} at {u}, {case:?}",
                            s.raw().name
                        );
                    }
                }
            }
        }
        assert!(steady > 0);
    }

    /// Demand that every offer below limits or meters: storage, memory, connections,
    /// egress, monthly users and requests, some of it fixed.
    const DEMAND: &str = r#"[
        { "resource": "db_mb", "per": "fixed", "amount": 50 },
        { "resource": "db_mb", "per": "user", "amount": [0.4, 0.6] },
        { "resource": "ram_mb", "per": "active_user", "amount": 1 },
        { "resource": "connections", "per": "concurrent_user", "amount": 0.05 },
        { "resource": "egress_gb_per_month", "per": "user", "amount": [0.01, 0.03] },
        { "resource": "mau", "per": "active_user", "amount": 1 },
        { "resource": "requests_per_month", "per": "user", "amount": 300 }
    ]"#;

    /// A mix of seven parts with six shares, a staged plan that sizes some stages by demand
    /// and sets the units of others, fixed offers with metered charges, and a mix whose cost
    /// is all metered.
    fn mixed_scenario() -> String {
        format!(
            r#"{{
            "schema_version": 1,
            "name": "Mixes and stages",
            "users": {{
                "now": 100,
                "growth": {{ "kind": "monthly_pct", "pct_per_month": 10 }},
                "horizon_months": 12,
                "active_share_pct": [30, 50],
                "concurrent_share_pct": [5, 15]
            }},
            "components": [
                {{
                    "id": "mix", "name": "Mix", "role": "database", "demand": {DEMAND},
                    "policy": {{ "kind": "mix", "parts": [
                        {{ "offer": "supabase/pro" }},
                        {{ "offer": "supabase/free", "share_pct": [0, 20] }},
                        {{ "offer": "managed-postgres/basic-1gb", "share_pct": [5, 15] }},
                        {{ "offer": "heroku-postgres/essential-0", "share_pct": [1, 10] }},
                        {{ "offer": "digitalocean-droplet/s-1vcpu-1gb", "share_pct": [2, 10] }},
                        {{ "offer": "vercel/pro", "share_pct": [0, 5] }},
                        {{ "offer": "supabase/team", "share_pct": [3, 12] }}
                    ] }}
                }},
                {{
                    "id": "staged", "name": "Staged", "role": "database", "demand": {DEMAND},
                    "policy": {{ "kind": "staged", "steps": [
                        {{ "from_users": 0, "offer": "managed-postgres/basic-1gb" }},
                        {{ "from_users": 300, "offer": "supabase/pro", "units": 2 }},
                        {{ "from_users": 3000, "offer": "digitalocean-droplet/s-1vcpu-1gb" }},
                        {{ "from_users": 10000, "offer": null }},
                        {{ "from_users": 300000, "offer": "vercel/pro", "units": 3 }}
                    ] }}
                }},
                {{
                    "id": "fixed-units", "name": "Fixed units", "role": "host", "demand": {DEMAND},
                    "policy": {{ "kind": "fixed", "offer": "digitalocean-droplet/s-2vcpu-4gb", "units": 3 }}
                }},
                {{
                    "id": "fixed-metered", "name": "Fixed and metered", "role": "database",
                    "demand": {DEMAND},
                    "policy": {{ "kind": "fixed", "offer": "supabase/pro" }}
                }},
                {{
                    "id": "messages", "name": "Messages", "role": "messaging", "demand": [
                        {{ "resource": "messages_per_month", "per": "fixed", "amount": 7 }},
                        {{ "resource": "messages_per_month", "per": "user", "amount": 13.3 }},
                        {{ "resource": "messages_per_month", "per": "active_user", "amount": 2.1 }}
                    ],
                    "policy": {{ "kind": "mix", "parts": [
                        {{ "offer": "whatsapp-business-api/north-america-marketing" }},
                        {{ "offer": "whatsapp-business-api/india-marketing", "share_pct": [10, 30] }},
                        {{ "offer": "whatsapp-business-api/brazil-utility", "share_pct": [5, 25] }}
                    ] }}
                }}
            ],
            "revenue": {{ "conversion_pct": 5, "price_usd_per_month": 10 }}
        }}"#
        )
    }

    #[test]
    fn mixes_and_stages_cost_over_a_run_as_at_each_count_bit_for_bit() {
        let cat = Catalogue::builtin();
        let base = Scenario::from_json(&mixed_scenario(), &cat).unwrap();
        let mut combinations = [std::collections::BTreeSet::new(), Default::default()];
        for (min, max, upgrade) in [(1, 1, 80.0), (1, 6, 80.0), (2, 40, 100.0)] {
            let mut raw = base.raw().clone();
            for c in &mut raw.components {
                (c.min_units, c.max_units, c.upgrade_at_pct) = (min, max, upgrade);
            }
            let s = Scenario::new(raw, &cat).unwrap();
            let m = Model::new(&s, &cat);
            assert_costs_are_the_reference(&s, &m, |c, case, state| {
                if c.id == "mix" && state.cost_usd > 0.0 {
                    let shares: Vec<u64> = state
                        .allocations
                        .iter()
                        .map(|a| a.share.to_bits())
                        .collect();
                    combinations[idx(case)].insert(shares);
                }
            });
            // Counts at each stage's first user count, and either side of it.
            let mut edges = vec![0.0, 299.99, 300.0, 300.0, 300.01, 2999.0, 3000.0];
            edges.extend([1e4, 1e4, 10000.5, 299999.0, 300000.0, 1e6]);
            for users in runs().iter().filter(|r| r.len() <= 512).chain([&edges]) {
                for case in Case::BOTH {
                    let fast = m.costs_at(users, case);
                    for (&u, f) in users.iter().zip(fast) {
                        let slow = m.cost_at(u, case);
                        assert_eq!(f.to_bits(), slow.to_bits(), "{min}–{max} at {u}, {case:?}");
                    }
                }
            }
        }
        // Both cases take more than one combination of share ends somewhere.
        assert!(combinations.iter().all(|c| c.len() > 1), "{combinations:?}");
    }
}
