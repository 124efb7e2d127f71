//! Sizing a component at one user count: the units each offer needs, what the policy picks,
//! and the state, cost and ceiling that follow.

use super::compile::{Plan, Sizing, Step, MIX_PARTS};
use super::{Allocation, CompiledComponent, ComponentState};
use crate::model::range::Case;

/// Utilisation above this counts as over capacity (a little slack for rounding).
pub(super) const FULL: f64 = 1.0 + 1e-9;

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
pub(super) fn ceil_units(x: f64) -> u32 {
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

/// One candidate sized for some demand.
#[derive(Clone, Copy, Debug)]
pub(super) struct Sized {
    pub(super) units: u32,
    pub(super) needed: u32,
    pub(super) cost: f64,
    pub(super) utilisation: f64,
    pub(super) binding: Option<usize>,
    pub(super) feasible: bool,
}

/// The candidate an auto-upgrading plan picks, sized.
#[derive(Clone, Copy, Debug)]
pub(super) struct Pick {
    /// Index of the candidate.
    pub(super) candidate: usize,
    /// How it is sized for the demand.
    pub(super) sized: Sized,
}

/// The combination of share ends a mix takes.
#[derive(Clone, Copy, Debug)]
pub(super) struct MixChoice {
    /// Index of the combination in the plan's options.
    pub(super) option: usize,
    /// The mix's cost with it.
    pub(super) cost: f64,
}

impl Allocation {
    /// One part of what a policy picks, as it is reported: its candidate, the units billed
    /// and the share of demand it serves.
    #[inline(always)]
    fn of(candidate: usize, share: f64, sized: &Sized) -> Allocation {
        Allocation {
            candidate,
            units: sized.units,
            share,
        }
    }
}

/// The cost of a component that runs nothing: the sum of no parts.
pub(super) fn nothing() -> f64 {
    std::iter::empty::<f64>().sum()
}

impl CompiledComponent {
    /// Demand per resource at a user count.
    ///
    /// # Formula
    /// Σ over drivers of amount × (users, active, concurrent or paying users, or 1).
    pub fn demand(&self, users: f64, case: Case) -> Vec<f64> {
        self.lines[case].iter().map(|line| line.at(users)).collect()
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
    pub(super) fn size(&self, fit: &Sizing, users: f64, share: f64, units: Option<u32>) -> Sized {
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
        let cost = if fit.credit > 0.0 || fit.minimum > 0.0 {
            let mut fixed = units as f64 * fit.price;
            let mut usage = nothing();
            for m in &fit.metered {
                let billable = (m.line.at(users) * share - m.included * units as f64).max(0.0);
                let c = charge(billable, m.per, m.usd, &m.tiers);
                if m.fee {
                    fixed += c;
                } else {
                    usage += c;
                }
            }
            bill(fixed, usage, fit.credit, fit.minimum)
        } else {
            let mut cost = units as f64 * fit.price;
            for m in &fit.metered {
                let billable = (m.line.at(users) * share - m.included * units as f64).max(0.0);
                cost += charge(billable, m.per, m.usd, &m.tiers);
            }
            cost
        };
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
    pub(super) fn stage(&self, users: f64) -> Option<usize> {
        let Plan::Staged { steps } = &self.plan else {
            return Some(0);
        };
        let mut j = steps.len();
        while j > 0 {
            j -= 1;
            if users >= steps[j].from_users {
                return Some(j);
            }
        }
        (!steps.is_empty()).then_some(0)
    }

    /// Sizes what the policy picks for this demand and hands each part to `part`: the
    /// candidate, the share of demand it serves, and its sizing. No part when the component
    /// runs nothing at this stage.
    pub(super) fn choose(
        &self,
        stage: Option<usize>,
        users: f64,
        case: Case,
        mut part: impl FnMut(usize, f64, Sized),
    ) {
        let sizing: &[Sizing] = &self.sizing[case];
        if sizing.is_empty() {
            return;
        }
        match &self.plan {
            Plan::Fixed { units } => part(0, 1.0, self.size(&sizing[0], users, 1.0, *units)),
            Plan::Auto => {
                if let Some(Pick { candidate, sized }) = self.auto(sizing, users) {
                    part(candidate, 1.0, sized);
                }
            }
            Plan::Staged { steps } => {
                if let Some(Step {
                    candidate: Some(ci),
                    units,
                    ..
                }) = stage.map(|j| steps[j])
                {
                    part(ci, 1.0, self.size(&sizing[ci], users, 1.0, units));
                }
            }
            Plan::Mix { parts, options } => {
                if let Some(MixChoice { option, .. }) =
                    self.mix(sizing, parts, options, users, case)
                {
                    for (&ci, &share) in parts.iter().zip(&options[option]) {
                        part(ci, share, self.size(&sizing[ci], users, share, None));
                    }
                }
            }
        }
    }

    /// The cost of what [`CompiledComponent::choose`] picks: the sum of its parts' costs.
    #[inline(always)]
    pub(super) fn choose_cost(&self, stage: Option<usize>, users: f64, case: Case) -> f64 {
        let sizing: &[Sizing] = &self.sizing[case];
        if sizing.is_empty() {
            return nothing();
        }
        let picked = match &self.plan {
            Plan::Fixed { units } => Some(self.size(&sizing[0], users, 1.0, *units).cost),
            Plan::Auto => self.auto(sizing, users).map(|p| p.sized.cost),
            Plan::Staged { steps } => match stage.map(|j| steps[j]) {
                Some(Step {
                    candidate: Some(ci),
                    units,
                    ..
                }) => Some(self.size(&sizing[ci], users, 1.0, units).cost),
                _ => None,
            },
            Plan::Mix { parts, options } => {
                return match self.mix(sizing, parts, options, users, case) {
                    Some(MixChoice { cost, .. }) => cost,
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
    pub(super) fn auto(&self, sizing: &[Sizing], users: f64) -> Option<Pick> {
        let mut pick: Option<Pick> = None;
        for (ci, fit) in sizing.iter().enumerate() {
            if let Some(Pick { sized: p, .. }) = &pick {
                if p.feasible && fit.floor >= p.cost {
                    continue;
                }
            }
            let s = self.size(fit, users, 1.0, None);
            let better = match &pick {
                None => true,
                Some(Pick { sized: p, .. }) => match (s.feasible, p.feasible) {
                    (true, false) => true,
                    (true, true) => s.cost < p.cost,
                    (false, false) => s.utilisation < p.utilisation,
                    (false, true) => false,
                },
            };
            if better {
                pick = Some(Pick {
                    candidate: ci,
                    sized: s,
                });
            }
        }
        pick
    }

    /// The option a mix takes, with its cost: each explicit share may sit at either end of
    /// its range, and the best case takes the cheapest combination, the worst case the
    /// dearest; the first tried wins a tie.
    pub(super) fn mix(
        &self,
        sizing: &[Sizing],
        parts: &[usize],
        options: &[[f64; MIX_PARTS]],
        users: f64,
        case: Case,
    ) -> Option<MixChoice> {
        let mut chosen: Option<MixChoice> = None;
        for (o, fractions) in options.iter().enumerate() {
            let mut cost = nothing();
            for (&ci, &share) in parts.iter().zip(fractions) {
                cost += self.size(&sizing[ci], users, share, None).cost;
            }
            let better = match chosen {
                None => true,
                Some(MixChoice { cost: c, .. }) => match case {
                    Case::Best => cost < c,
                    Case::Worst => cost > c,
                },
            };
            if better {
                chosen = Some(MixChoice { option: o, cost });
            }
        }
        chosen
    }

    /// What the component runs at a user count in a case, handed to `each` part by part:
    /// the allocations of [`CompiledComponent::state`], without its demand and figures, and
    /// without allocating. Nothing is handed over when it runs nothing there.
    pub fn runs_at(&self, users: f64, case: Case, mut each: impl FnMut(Allocation)) {
        self.choose(self.stage(users), users, case, |ci, share, s| {
            each(Allocation::of(ci, share, &s))
        });
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
            state.allocations.push(Allocation::of(ci, share, &s));
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
            let flat: &[Option<f64>] = &self.flat_cost[case];
            if let (Some(Some(cost)), true) = (flat.get(j), users.is_finite()) {
                return *cost;
            }
        }
        self.choose_cost(stage, users, case)
    }

    /// The most users one candidate can serve at `units` units before any resource is full.
    /// `None` when nothing limits it.
    ///
    /// # Formula
    /// min over resources of (capacity × units − fixed demand) ÷ demand per user.
    pub fn ceiling_users(&self, candidate: usize, units: u32, case: Case) -> Option<f64> {
        let cand = self.candidates.get(candidate)?;
        let mut best: Option<f64> = None;
        for (i, line) in self.lines[case].iter().enumerate() {
            if let Some(cap) = cand.capacity[i] {
                let held = cap.benefit_end(case) * units as f64;
                let users = if line.per_user > 0.0 {
                    ((held - line.fixed) / line.per_user).max(0.0)
                } else if line.fixed > held {
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
                .find(|s| s.candidate == Some(a.candidate))
                .and_then(|s| s.units)
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

/// What `billable` units cost at a flat rate or over graduated tiers `(up_to, usd)`.
///
/// # Formula
/// billable ÷ per × usd without tiers; Σ over tiers of min(left, up_to − start) ÷ per × usd,
/// the last tier taking whatever is left.
#[inline(always)]
pub(super) fn charge(billable: f64, per: f64, usd: f64, tiers: &[(f64, f64)]) -> f64 {
    if tiers.is_empty() {
        return billable / per * usd;
    }
    let mut total = nothing();
    let mut start = 0.0;
    let mut left = billable;
    for (k, &(up_to, usd)) in tiers.iter().enumerate() {
        let take = if k + 1 == tiers.len() {
            left
        } else {
            left.min(up_to - start)
        };
        total += take / per * usd;
        left -= take;
        start = up_to;
        if left <= 0.0 {
            break;
        }
    }
    total
}

/// A candidate's bill from its unit price and fees and its metered usage.
///
/// # Formula
/// max(minimum, fixed + usage) without a credit;
/// max(minimum, fixed + max(0, usage − credit)) with one; fixed = units × price + fees.
#[inline(always)]
pub(super) fn bill(fixed: f64, usage: f64, credit: f64, minimum: f64) -> f64 {
    let cost = if credit > 0.0 {
        fixed + (usage - credit).max(0.0)
    } else {
        fixed + usage
    };
    if minimum > 0.0 {
        cost.max(minimum)
    } else {
        cost
    }
}
