//! The answers at one user count: what each component runs, its demand, utilisation and
//! cost, and the money, in both cases, with the figures a founder reads off them.

use crate::model::range::{PerCase, Range};

/// How much of one offer a component uses: one part of what it runs, as
/// [`CompiledComponent::runs_at`](super::CompiledComponent::runs_at) reports it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Allocation {
    /// Index into [`CompiledComponent::candidates`](super::CompiledComponent::candidates).
    pub candidate: usize,
    /// Units billed.
    pub units: u32,
    /// Share of the demand it serves (1 unless mixed).
    pub share: f64,
}

impl Allocation {
    /// The offer and units, without the share: what a configuration compares.
    pub fn part(&self) -> Part {
        Part {
            candidate: self.candidate,
            units: self.units,
        }
    }
}

/// An offer and how many units of it run: one part of a component's configuration, as the
/// timeline keeps it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Part {
    /// Index into [`CompiledComponent::candidates`](super::CompiledComponent::candidates).
    pub candidate: usize,
    /// Units billed.
    pub units: u32,
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
    /// Revenue per month after payment fees: what arrives.
    pub revenue_usd: f64,
    /// Revenue per month before payment fees: what paying users are charged.
    pub gross_revenue_usd: f64,
    /// Running costs that are not infrastructure (team, marketing), per month.
    pub running_usd: f64,
    /// Paying users.
    pub paying_users: f64,
}

impl Money {
    /// Revenue − infrastructure cost.
    pub fn profit_usd(&self) -> f64 {
        self.revenue_usd - self.cost_usd
    }

    /// Revenue − infrastructure cost − running costs.
    pub fn profit_after_running_usd(&self) -> f64 {
        self.profit_usd() - self.running_usd
    }
}

/// Everything at one user count, in both cases.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// The user count.
    pub users: f64,
    /// Per component, each case's state.
    pub components: Vec<PerCase<ComponentState>>,
    /// Each case's money.
    pub money: PerCase<Money>,
}

/// A low–high pair of an answer; `low ≤ high` always.
pub type Band = Range;

impl Snapshot {
    /// Monthly cost, low–high.
    ///
    /// # Formula
    /// Σ over components of units × price + metered usage.
    pub fn cost(&self) -> Band {
        Range::new(self.money.best.cost_usd, self.money.worst.cost_usd)
    }

    /// Monthly revenue after payment fees, low–high.
    ///
    /// # Formula
    /// paying users × net revenue per paying user (average price or plan mix, less fees).
    pub fn revenue(&self) -> Band {
        Range::new(self.money.worst.revenue_usd, self.money.best.revenue_usd)
    }

    /// Monthly revenue before payment fees, low–high.
    ///
    /// # Formula
    /// paying users × what each is charged a month.
    pub fn gross_revenue(&self) -> Band {
        Range::new(
            self.money.worst.gross_revenue_usd,
            self.money.best.gross_revenue_usd,
        )
    }

    /// Payment fees a month, low–high.
    ///
    /// # Formula
    /// gross revenue − net revenue, in each case.
    pub fn fees(&self) -> Band {
        let f = |m: &Money| m.gross_revenue_usd - m.revenue_usd;
        Range::new(f(&self.money.best), f(&self.money.worst))
    }

    /// Running costs that are not infrastructure, a month, low–high.
    pub fn running(&self) -> Band {
        Range::new(self.money.best.running_usd, self.money.worst.running_usd)
    }

    /// Monthly profit on infrastructure alone, low–high: the low end pairs the lowest
    /// revenue with the highest cost.
    ///
    /// # Formula
    /// revenue − cost.
    pub fn profit(&self) -> Band {
        Range::new(self.money.worst.profit_usd(), self.money.best.profit_usd())
    }

    /// Monthly profit after the running costs too, low–high.
    ///
    /// # Formula
    /// revenue − cost − running costs.
    pub fn profit_after_running(&self) -> Band {
        Range::new(
            self.money.worst.profit_after_running_usd(),
            self.money.best.profit_after_running_usd(),
        )
    }

    /// Cost per registered user, low–high; `None` at zero users.
    ///
    /// # Formula
    /// cost ÷ users.
    pub fn cost_per_user(&self) -> Option<Band> {
        (self.users > 0.0).then(|| self.cost().scale(1.0 / self.users))
    }

    /// Margin over infrastructure in percent, low–high; `None` when either case has no
    /// revenue (then [`Snapshot::margin_ends`] says which). Infrastructure is the only cost
    /// it counts.
    ///
    /// # Formula
    /// (revenue − infrastructure cost) ÷ revenue × 100.
    pub fn margin_pct(&self) -> Option<Band> {
        let m = |m: &Money| m.profit_usd() / m.revenue_usd * 100.0;
        (self.money.worst.revenue_usd > 0.0)
            .then(|| Range::new(m(&self.money.worst), m(&self.money.best)))
    }

    /// Return on the monthly infrastructure spend in percent, low–high; `None` when the
    /// best case's infrastructure costs $0 (then [`Snapshot::roi_ends`] gives the other
    /// end). Infrastructure is the only cost it counts.
    ///
    /// # Formula
    /// ROI = (revenue − infrastructure cost) ÷ infrastructure cost × 100.
    pub fn roi_pct(&self) -> Option<Band> {
        let r = |m: &Money| m.profit_usd() / m.cost_usd * 100.0;
        (self.money.best.cost_usd > 0.0)
            .then(|| Range::new(r(&self.money.worst), r(&self.money.best)))
    }

    /// Margin over infrastructure in percent in each case; `None` in a case with no
    /// revenue. The worst case's is the band's low end.
    ///
    /// # Formula
    /// (revenue − infrastructure cost) ÷ revenue × 100, per case.
    pub fn margin_ends(&self) -> PerCase<Option<f64>> {
        self.money
            .map(|m| (m.revenue_usd > 0.0).then(|| m.profit_usd() / m.revenue_usd * 100.0))
    }

    /// Return on infrastructure in percent in each case; `None` in a case whose
    /// infrastructure costs $0. The worst case's is the band's low end.
    ///
    /// # Formula
    /// (revenue − infrastructure cost) ÷ infrastructure cost × 100, per case.
    pub fn roi_ends(&self) -> PerCase<Option<f64>> {
        self.money
            .map(|m| (m.cost_usd > 0.0).then(|| m.profit_usd() / m.cost_usd * 100.0))
    }

    /// Revenue as a multiple of cost in percent, low–high (what some guides call ROI).
    ///
    /// # Formula
    /// revenue ÷ cost × 100 = ROI + 100.
    pub fn revenue_cost_pct(&self) -> Option<Band> {
        let r = |m: &Money| m.revenue_usd / m.cost_usd * 100.0;
        (self.money.best.cost_usd > 0.0)
            .then(|| Range::new(r(&self.money.worst), r(&self.money.best)))
    }

    /// The component nearest its ceiling in the worst case: highest utilisation, then the
    /// first listed. `None` when no component has a capacity.
    pub fn bottleneck(&self) -> Option<usize> {
        let mut best: Option<(usize, f64)> = None;
        for (i, c) in self.components.iter().enumerate() {
            let w = &c.worst;
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
