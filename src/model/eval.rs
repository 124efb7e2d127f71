//! Evaluation: what each component needs, holds and costs at a user count, in the best and
//! the worst case, and what the business earns. [`Model`] compiles a scenario once so that
//! evaluating it again on every slider movement is cheap.

use super::catalogue::{Catalogue, Role};
use super::range::{Case, Range};
use super::scenario::{Basis, Policy, RawScenario, Scenario};

/// The most parts of a mix that carry their own share; the scenario check enforces it.
pub const MAX_MIX_SHARES: usize = 6;

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
        parts: Vec<(usize, Option<Range>)>,
    },
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

/// A scenario compiled against the catalogue.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// Components, in scenario order.
    pub components: Vec<CompiledComponent>,
    shares: [(f64, f64, f64); 2],
    price: [f64; 2],
    raw: RawScenario,
}

fn ceil_units(x: f64) -> u32 {
    if !x.is_finite() || x <= 0.0 {
        0
    } else if x >= u32::MAX as f64 {
        u32::MAX
    } else {
        // Demand exactly at a multiple of capacity needs that many units, not one more.
        let r = x.round();
        if (x - r).abs() < 1e-9 * r.max(1.0) {
            r as u32
        } else {
            x.ceil() as u32
        }
    }
}

impl Model {
    /// Compiles a checked scenario against the catalogue it was checked with.
    pub fn new(scenario: &Scenario, catalogue: &Catalogue) -> Model {
        let raw = scenario.raw().clone();
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
        let components = raw
            .components
            .iter()
            .map(|c| compile_component(c, catalogue, &shares, &paying_demand))
            .collect();
        Model {
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
    pub fn cost_at(&self, users: f64, case: Case) -> f64 {
        self.components.iter().map(|c| c.cost(users, case)).sum()
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
        Policy::Mix { parts } => Plan::Mix {
            parts: parts.iter().map(|p| (add(&p.offer), p.share_pct)).collect(),
        },
    };
    let candidates = refs
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
    CompiledComponent {
        id: c.id.clone(),
        name: c.name.clone(),
        role: c.role,
        resources,
        lines,
        candidates,
        plan,
        upgrade_at: c.upgrade_at_pct / 100.0,
        alerts: c.alert_at_pct.iter().map(|a| a / 100.0).collect(),
        min_units: c.min_units,
        max_units: c.max_units,
        basis_label,
    }
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

impl Sized {
    const ZERO: Sized = Sized {
        units: 0,
        needed: 0,
        cost: 0.0,
        utilisation: 0.0,
        binding: None,
        feasible: true,
    };
}

/// The most parts a mix may have: the shared ones and the one that takes the rest.
const MIX_PARTS: usize = MAX_MIX_SHARES + 1;

/// One part of a choice: the candidate, the share of demand it serves, and its sizing.
type Part = (usize, f64, Sized);

/// What a policy picked for some demand: no part (unused), one sized offer, or the parts
/// of a mix. Fixed size, so that a sweep allocates nothing.
#[derive(Clone, Copy, Debug)]
struct Choice {
    parts: [Part; MIX_PARTS],
    len: usize,
}

impl Choice {
    const UNUSED: Choice = Choice {
        parts: [(0, 0.0, Sized::ZERO); MIX_PARTS],
        len: 0,
    };

    fn one(part: Part) -> Choice {
        let mut c = Choice::UNUSED;
        c.parts[0] = part;
        c.len = 1;
        c
    }

    /// Every part picked.
    fn parts(&self) -> &[Part] {
        &self.parts[..self.len]
    }

    fn cost(&self) -> f64 {
        self.parts().iter().map(|p| p.2.cost).sum()
    }
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

    /// Units of a candidate needed so that no resource is above `upgrade_at`.
    ///
    /// # Formula
    /// max over resources of ⌈demand ÷ (capacity × upgrade_at)⌉.
    fn needed(&self, cand: &Candidate, demand: &[f64], share: f64, case: Case) -> u32 {
        let mut n = 0;
        for (i, d) in demand.iter().enumerate() {
            if let Some(cap) = cand.capacity[i] {
                let cap = cap.benefit_end(case);
                n = n.max(ceil_units(d * share / (cap * self.upgrade_at)));
            }
        }
        n
    }

    fn size(&self, ci: usize, demand: &[f64], share: f64, units: Option<u32>, case: Case) -> Sized {
        let cand = &self.candidates[ci];
        let needed = self.needed(cand, demand, share, case);
        let units = units.unwrap_or_else(|| needed.clamp(self.min_units, self.max_units));
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
        Sized {
            units,
            needed,
            cost,
            utilisation,
            binding,
            feasible: utilisation <= FULL && needed <= self.max_units,
        }
    }

    /// Which offers and units the policy picks for this demand, without allocating.
    fn choose(&self, users: f64, demand: &[f64], case: Case) -> Choice {
        if self.candidates.is_empty() {
            return Choice::UNUSED;
        }
        match &self.plan {
            Plan::Fixed { units } => Choice::one((0, 1.0, self.size(0, demand, 1.0, *units, case))),
            Plan::Auto => {
                let mut pick: Option<(usize, Sized)> = None;
                for ci in 0..self.candidates.len() {
                    let s = self.size(ci, demand, 1.0, None, case);
                    // Feasible beats infeasible; among feasible the cheapest wins; when none
                    // fits, the one least overloaded.
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
                pick.map_or(Choice::UNUSED, |(ci, s)| Choice::one((ci, 1.0, s)))
            }
            Plan::Staged { steps } => {
                let step = steps
                    .iter()
                    .rev()
                    .find(|(from, _, _)| users >= *from)
                    .or(steps.first());
                match step {
                    Some((_, Some(ci), units)) => {
                        Choice::one((*ci, 1.0, self.size(*ci, demand, 1.0, *units, case)))
                    }
                    _ => Choice::UNUSED,
                }
            }
            Plan::Mix { parts } => self.mix(parts, demand, case),
        }
    }

    /// The component's state at a user count in a case.
    pub fn state(&self, users: f64, case: Case) -> ComponentState {
        let demand = self.demand(users, case);
        let choice = self.choose(users, &demand, case);
        let mut state = ComponentState::unused(Vec::new());
        for &(ci, share, s) in choice.parts() {
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
        }
        state.demand = demand;
        state
    }

    /// The component's monthly cost at a user count in a case: the same figure as
    /// [`CompiledComponent::state`], computed without allocating, for sweeps.
    pub fn cost(&self, users: f64, case: Case) -> f64 {
        let lines = &self.lines[idx(case)];
        let mut buffer = [0.0f64; 16];
        let heap;
        let demand: &[f64] = if lines.len() <= buffer.len() {
            for (slot, (a, b)) in buffer.iter_mut().zip(lines) {
                *slot = a + b * users;
            }
            &buffer[..lines.len()]
        } else {
            heap = self.demand(users, case);
            &heap
        };
        self.choose(users, demand, case).cost()
    }

    /// A mixed component: each explicit share may sit at either end of its range, and the
    /// best case takes the cheapest combination, the worst case the dearest.
    fn mix(&self, parts: &[(usize, Option<Range>)], demand: &[f64], case: Case) -> Choice {
        let n = parts.len().min(MIX_PARTS);
        let mut explicit = [0usize; MIX_PARTS];
        let mut k = 0;
        for (i, (_, share)) in parts.iter().take(n).enumerate() {
            if share.is_some() {
                explicit[k] = i;
                k += 1;
            }
        }
        let mut chosen: Option<Choice> = None;
        for mask in 0u32..(1 << k.min(MAX_MIX_SHARES)) {
            let mut fractions = [0.0f64; MIX_PARTS];
            for (i, (_, share)) in parts.iter().take(n).enumerate() {
                fractions[i] = share.map_or(0.0, |r| r.low / 100.0);
            }
            for (bit, &i) in explicit[..k].iter().enumerate() {
                if mask & (1 << bit) != 0 {
                    fractions[i] = parts[i].1.map_or(0.0, |r| r.high / 100.0);
                }
            }
            let taken: f64 = fractions[..n].iter().sum();
            if let Some(rest) = parts.iter().take(n).position(|(_, s)| s.is_none()) {
                fractions[rest] = (1.0 - taken).max(0.0);
            }
            let mut sized = [(0usize, 0.0f64, Sized::ZERO); MIX_PARTS];
            for (i, (ci, _)) in parts.iter().take(n).enumerate() {
                sized[i] = (
                    *ci,
                    fractions[i],
                    self.size(*ci, demand, fractions[i], None, case),
                );
            }
            let option = Choice {
                parts: sized,
                len: n,
            };
            let better = chosen.as_ref().is_none_or(|c| match case {
                Case::Best => option.cost() < c.cost(),
                Case::Worst => option.cost() > c.cost(),
            });
            if better {
                chosen = Some(option);
            }
        }
        chosen.unwrap_or(Choice::UNUSED)
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
