//! Costing over a run of user counts at once, the same bit for bit as count by count: costs
//! that never change, picks that provably hold, and offers sized 64 counts side by side.

use super::compile::{Plan, Sizing, Step, MIX_PARTS};
use super::size::{bill, ceil_units, charge, nothing, Pick, Sized};
use super::CompiledComponent;
use crate::model::range::{Case, PerCase};

/// How the components' costs add up in one case at a finite user count: the same sum, in
/// the same order, as adding every component's cost, with the costs that do not change
/// with users worked out once.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Costing {
    /// The sum of the leading components whose cost does not change with users.
    pub(super) start: f64,
    /// Every later component, in order.
    pub(super) terms: Vec<Term>,
}

/// One component's part of a [`Costing`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Term {
    /// A cost that does not change with users.
    Flat(f64),
    /// The component at this index, evaluated at the user count.
    Live(usize),
}

impl Costing {
    pub(super) fn new(components: &[CompiledComponent], case: Case) -> Costing {
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

/// How a steady component's pick holds at counts above the one it was found at, so that
/// a sweep need not size every candidate again there.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Hold {
    /// The candidate stays the pick, at the same cost, wherever its
    /// [`CompiledComponent::pick_key`] is `key` and (for auto-upgrade) it stays feasible.
    Same {
        /// Index of the candidate.
        candidate: usize,
        /// Its key where it was found.
        key: u32,
    },
    /// Every other candidate needs more units than allowed, here and at every larger count,
    /// so this one is the pick wherever it is feasible, at the cost it is sized at there.
    Alone {
        /// Index of the candidate.
        candidate: usize,
    },
}

/// How many user counts a sweep sizes side by side.
const BATCH: usize = 64;

impl CompiledComponent {
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
    pub(super) fn add_costs(&self, users: &[f64], case: Case, totals: &mut [f64]) {
        if !self.steady[case] {
            match &self.plan {
                // The scenario check keeps a plan's stages non-empty and in increasing order.
                Plan::Staged { steps } => {
                    let start = |j: usize| match j {
                        0 => 0,
                        _ if j == steps.len() => users.len(),
                        _ => users.partition_point(|&u| u < steps[j].from_users),
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
        let sizing: &[Sizing] = &self.sizing[case];
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
                Some(Hold::Same { candidate: p, key }) => {
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
                Some(Hold::Alone { candidate: p }) => {
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
        let sizing: &[Sizing] = &self.sizing[case];
        if let Some(Some(cost)) = stage.and_then(|j| self.flat_cost[case].get(j)) {
            totals.iter_mut().for_each(|t| *t += cost);
            return;
        }
        let one = match &self.plan {
            _ if sizing.is_empty() || users.is_empty() => None,
            Plan::Fixed { units } => Some((0, *units)),
            Plan::Staged { steps } => match stage.map(|j| steps[j]) {
                Some(Step {
                    candidate: Some(ci),
                    units,
                    ..
                }) => Some((ci, units)),
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
        if fit.credit > 0.0 || fit.minimum > 0.0 {
            let mut usage = [0.0f64; BATCH];
            let usage = &mut usage[..users.len()];
            usage.fill(nothing());
            let mut fixed = [0.0f64; BATCH];
            let fixed = &mut fixed[..users.len()];
            for (f, &k) in fixed.iter_mut().zip(&*billed) {
                *f = k as f64 * fit.price;
            }
            for m in &fit.metered {
                let into: &mut [f64] = if m.fee { &mut *fixed } else { &mut *usage };
                for ((v, &k), &u) in into.iter_mut().zip(&*billed).zip(users) {
                    let billable = (m.line.at(u) * share - m.included * k as f64).max(0.0);
                    *v += charge(billable, m.per, m.usd, &m.tiers);
                }
            }
            for ((c, &f), &v) in costs.iter_mut().zip(&*fixed).zip(&*usage) {
                *c = bill(f, v, fit.credit, fit.minimum);
            }
            return;
        }
        for (c, &k) in costs.iter_mut().zip(&*billed) {
            *c = k as f64 * fit.price;
        }
        for m in &fit.metered {
            for ((c, &k), &u) in costs.iter_mut().zip(&*billed).zip(users) {
                let billable = (m.line.at(u) * share - m.included * k as f64).max(0.0);
                *c += charge(billable, m.per, m.usd, &m.tiers);
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
                Some(Hold::Same {
                    candidate: 0,
                    key: self.pick_key(&self.size(fit, users, 1.0, None)),
                })
            }
            Plan::Auto => {
                let Pick {
                    candidate: p,
                    sized: pick,
                } = self.auto(sizing, users)?;
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
                    Some(Hold::Same {
                        candidate: p,
                        key: self.pick_key(&pick),
                    })
                } else if alone {
                    Some(Hold::Alone { candidate: p })
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
    pub(super) fn is_steady(&self, case: Case) -> bool {
        let sizing = &self.sizing[case];
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
            _ => self.flat_cost[case].first().copied().flatten(),
        }
    }

    /// Per case, per stage, the cost when it is the same at every finite user count.
    ///
    /// A stage's cost is unchanging when no demand grows with users (every line's slope is
    /// zero), when the stage runs nothing, or when it runs one offer without metered charges
    /// at a number of units that does not depend on demand (set by the policy, or minimum
    /// and maximum units equal): then cost = units × price.
    pub(super) fn flat_cost(&self) -> PerCase<Vec<Option<f64>>> {
        let flat_demand = self
            .lines
            .iter()
            .all(|lines| lines.iter().all(|line| line.per_user == 0.0));
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
                .map(|s| {
                    s.candidate
                        .is_none_or(|ci| fixed_units(s.units) && unmetered(ci))
                })
                .collect(),
            Plan::Auto | Plan::Mix { .. } => vec![false],
        };
        PerCase::from_fn(|case| {
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
}
