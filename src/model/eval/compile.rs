//! Compiling a component: its demand as straight lines in users, its offers resolved against
//! the catalogue with the scenario's overrides, and the figures sizing reads in each case.

use super::Shares;
use crate::model::catalogue::{Lookup, Metered, Overage, Provenance, Role, Tier};
use crate::model::date::Date;
use crate::model::range::{PerCase, Range};
use crate::model::scenario::{Basis, ComponentSpec, MixPart, Policy, MAX_MIX_SHARES};

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
    /// Metered charges on the resources the component asks for.
    pub metered: Vec<MeterRate>,
    /// A monthly credit spent on metered usage.
    pub credit: Range,
    /// The least the offer bills a month, whatever the usage.
    pub minimum: Range,
    /// Resources the offer charges for by usage that the component does not ask for: usage
    /// counted as none.
    pub unset: Vec<String>,
    /// True when capacity is a hard limit.
    pub hard_limit: bool,
    /// Where the price came from and when it was checked.
    pub provenance: Provenance,
    /// The day the provider stops serving the offer, when announced.
    pub shutdown: Option<Date>,
    /// True when the provider has announced the offer's end.
    pub deprecated: bool,
    /// The name of the offer its provider recommends instead, for one that is ending.
    pub successor: Option<String>,
}

impl Candidate {
    /// When its provider is ending the offer, in words: "Gemini 2.5 Flash is deprecated and
    /// shuts down on 2026-12-01; pick Gemini 3.5 Flash instead"; `None` when it is not.
    pub fn ending(&self) -> Option<String> {
        if !(self.deprecated || self.shutdown.is_some()) {
            return None;
        }
        let ends = match self.shutdown {
            Some(d) => format!("is deprecated and shuts down on {d}"),
            None => "is deprecated".into(),
        };
        let pick = match &self.successor {
            Some(next) => format!("pick {next} instead"),
            None => "pick another offer".into(),
        };
        Some(format!("{} {ends}; {pick}", self.offer))
    }
}

/// A metered charge of a candidate on one of the component's resources.
#[derive(Clone, Debug, PartialEq)]
pub struct MeterRate {
    /// Index of the resource, in [`CompiledComponent::resources`].
    pub resource: usize,
    /// USD per `per` units, when there are no tiers.
    pub usd: Range,
    /// Units the rate is quoted per.
    pub per: f64,
    /// Units included with each unit of the offer.
    pub included: f64,
    /// Graduated rates, in order; empty for one flat rate.
    pub tiers: Vec<Tier>,
    /// True for a fee the usage credit does not pay for.
    pub fee: bool,
}

impl MeterRate {
    /// The charge for `billable` units beyond the allowance in a case.
    ///
    /// # Formula
    /// billable ÷ per × usd; with tiers, Σ over slices of (billable in slice) ÷ per × the
    /// slice's usd, the last slice taking whatever is left.
    pub fn charge(&self, billable: f64, case: crate::model::range::Case) -> f64 {
        let tiers: Vec<(f64, f64)> = self
            .tiers
            .iter()
            .map(|t| (t.up_to.unwrap_or(f64::INFINITY), t.usd.cost_end(case)))
            .collect();
        super::size::charge(billable, self.per, self.usd.cost_end(case), &tiers)
    }
}

/// What the first labelled driver of a component counts, for figures in words.
#[derive(Clone, Debug, PartialEq)]
pub struct BasisLabel {
    /// The users the driver multiplies.
    pub basis: Basis,
    /// What one of them is, e.g. "active test".
    pub label: String,
}

/// What the policy asks of the component, in terms of candidates.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Plan {
    Fixed {
        units: Option<u32>,
    },
    Auto,
    Staged {
        steps: Vec<Step>,
    },
    Mix {
        /// The candidate of each part.
        parts: Vec<usize>,
        /// Every combination of share ends to try: the fraction of demand each part serves.
        options: Vec<[f64; MIX_PARTS]>,
    },
}

/// One stage of a staged plan.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Step {
    /// The user count from which the stage applies.
    pub(super) from_users: f64,
    /// The candidate it runs; `None` when the component runs nothing at this stage.
    pub(super) candidate: Option<usize>,
    /// The units it sets; `None` to size them by demand.
    pub(super) units: Option<u32>,
}

/// Demand on one resource in one case, as a straight line in users.
///
/// # Formula
/// demand = fixed + per_user × users.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Line {
    /// Index of the resource.
    pub(super) resource: usize,
    /// Demand at zero users.
    pub(super) fixed: f64,
    /// Demand each further user adds.
    pub(super) per_user: f64,
}

impl Line {
    /// Demand at a user count.
    #[inline(always)]
    pub(super) fn at(&self, users: f64) -> f64 {
        self.fixed + self.per_user * users
    }
}

/// A resource one candidate limits, in one case.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Limit {
    /// Demand on the resource.
    pub(super) line: Line,
    /// What one unit holds.
    pub(super) capacity: f64,
    /// What one unit holds before the component upgrades: capacity × upgrade_at.
    pub(super) usable: f64,
}

/// A metered charge of one candidate, in one case.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Meter {
    /// Demand on the metered resource.
    pub(super) line: Line,
    /// USD per `per` units.
    pub(super) usd: f64,
    /// Units the rate is quoted per.
    pub(super) per: f64,
    /// Units included with each unit of the offer.
    pub(super) included: f64,
    /// Graduated rates `(up_to, usd)`; empty for one flat rate.
    pub(super) tiers: Vec<(f64, f64)>,
    /// True for a fee the usage credit does not pay for.
    pub(super) fee: bool,
}

/// One candidate's figures in one case, read off its ranges once at compile time so that
/// sizing it at a user count is arithmetic on plain numbers.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Sizing {
    /// Price of one unit.
    pub(super) price: f64,
    /// Every resource the offer limits, in resource order.
    pub(super) limits: Vec<Limit>,
    /// Every metered charge on a resource the component asks for.
    pub(super) metered: Vec<Meter>,
    /// A monthly credit spent on metered usage.
    pub(super) credit: f64,
    /// The least the offer bills a month.
    pub(super) minimum: f64,
    /// The least this candidate can cost at any demand: the fewest units at its price, or
    /// its minimum, when the price and every metered rate are non-negative; −∞ otherwise.
    ///
    /// # Formula
    /// max(min units × price, minimum).
    pub(super) floor: f64,
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
    /// Per case, the demand on each resource as a line in users, in resource order.
    pub(super) lines: PerCase<Vec<Line>>,
    /// Every offer it may use.
    pub candidates: Vec<Candidate>,
    pub(super) plan: Plan,
    /// Per case, per candidate: what sizing reads, derived from `candidates` and
    /// `upgrade_at`.
    pub(super) sizing: PerCase<Vec<Sizing>>,
    /// Per case, per stage (one stage unless staged): the cost when it is the same at every
    /// finite user count, so that the cost there is a lookup.
    pub(super) flat_cost: PerCase<Vec<Option<f64>>>,
    /// Per case: true when the plan sizes one offer at a time by demand (auto-upgrade, or a
    /// fixed offer without fixed units) and every limited demand grows with users against a
    /// positive usable capacity, so that units needed never fall as users grow. A sweep
    /// then costs it once per run of user counts over which the pick cannot change.
    pub(super) steady: PerCase<bool>,
    /// Utilisation (0–1) above which it upgrades.
    pub upgrade_at: f64,
    /// Extra alert levels (0–1).
    pub alerts: Vec<f64>,
    /// Fewest units billed.
    pub min_units: u32,
    /// Most units allowed.
    pub max_units: u32,
    /// What the first labelled driver counts (e.g. "active test"), and its basis.
    pub basis_label: Option<BasisLabel>,
}

pub(super) fn compile_component(
    c: &ComponentSpec,
    catalogue: &Lookup,
    shares: &PerCase<Shares>,
    paying_demand: &PerCase<f64>,
) -> CompiledComponent {
    let mut resources: Vec<String> = Vec::new();
    for d in &c.demand {
        if !resources.contains(&d.resource) {
            resources.push(d.resource.clone());
        }
    }
    let order = c.demand_order().unwrap_or_default();
    let lines = PerCase::from_fn(|case| {
        let Shares {
            active: a,
            concurrent: cc,
            ..
        } = shares[case];
        let p = paying_demand[case];
        let mut lines: Vec<Line> = (0..resources.len())
            .map(|resource| Line {
                resource,
                fixed: 0.0,
                per_user: 0.0,
            })
            .collect();
        // Each resource after those its drivers count per unit of; the scenario check
        // refuses a circle.
        for r in &order {
            let Some(resource) = resources.iter().position(|x| x == r) else {
                continue;
            };
            let mut line = Line {
                resource,
                fixed: 0.0,
                per_user: 0.0,
            };
            for d in c.demand.iter().filter(|d| &d.resource == r) {
                let amount = d.amount.cost_end(case);
                match &d.per {
                    Basis::Fixed => line.fixed += amount,
                    Basis::User => line.per_user += amount,
                    Basis::ActiveUser => line.per_user += amount * a,
                    Basis::ConcurrentUser => line.per_user += amount * cc,
                    Basis::PayingUser => line.per_user += amount * p,
                    Basis::Resource(b) => {
                        if let Some(k) = resources.iter().position(|x| x == b) {
                            line.fixed += amount * lines[k].fixed;
                            line.per_user += amount * lines[k].per_user;
                        }
                    }
                }
            }
            lines[resource] = line;
        }
        lines
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
                .map(|s| Step {
                    from_users: s.from_users,
                    candidate: s.offer.as_deref().map(&mut add),
                    units: s.units,
                })
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
            let capacity: Vec<Option<Range>> = resources
                .iter()
                .map(|res| {
                    c.capacity_overrides
                        .iter()
                        .find(|x| x.offer == r && &x.resource == res)
                        .map(|x| x.amount)
                        .or_else(|| o.capacity.get(res).copied())
                })
                .collect();
            let overridden = |m: &Metered| {
                c.rate_overrides
                    .iter()
                    .any(|x| x.offer == r && x.resource == m.resource)
            };
            let mut metered: Vec<MeterRate> = o
                .metered
                .iter()
                .filter(|m| m.overage == Overage::Billed && !overridden(m))
                .filter_map(|m| {
                    let i = resources.iter().position(|x| *x == m.resource)?;
                    Some(MeterRate {
                        resource: i,
                        usd: m.usd,
                        per: m.per,
                        included: m.included,
                        tiers: m.tiers.clone(),
                        fee: m.fee,
                    })
                })
                .collect();
            for x in c.rate_overrides.iter().filter(|x| x.offer == r) {
                if let Some(i) = resources.iter().position(|res| *res == x.resource) {
                    metered.push(MeterRate {
                        resource: i,
                        usd: x.usd,
                        per: x.per,
                        included: x.included,
                        tiers: Vec::new(),
                        fee: false,
                    });
                }
            }
            // Usage blocked past an allowance is not billed: the allowance is what one
            // unit holds, and it cannot be bought past.
            let blocked = |res: &str| {
                o.metered
                    .iter()
                    .find(|m| m.overage == Overage::Blocked && m.resource == res && !overridden(m))
                    .map(|m| Range::exact(m.included))
            };
            let capacity: Vec<Option<Range>> = capacity
                .into_iter()
                .zip(&resources)
                .map(|(cap, res)| cap.or_else(|| blocked(res)))
                .collect();
            let hard_limit = o.hard_limit
                || o.metered.iter().any(|m| {
                    m.overage == Overage::Blocked
                        && !overridden(m)
                        && resources.contains(&m.resource)
                });
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
                credit: o.credit_usd_per_month,
                minimum: o.minimum_usd_per_month,
                unset: o
                    .metered
                    .iter()
                    .filter(|m| {
                        m.overage == Overage::Billed
                            && !resources.contains(&m.resource)
                            && (m.usd.high > 0.0 || m.tiers.iter().any(|t| t.usd.high > 0.0))
                    })
                    .map(|m| m.resource.clone())
                    .collect(),
                hard_limit,
                provenance: o.provenance(catalogue.is_own(&p.id)),
                shutdown: o.shutdown_date(),
                deprecated: o.deprecated || o.shutdown.is_some(),
                successor: o
                    .successor
                    .as_ref()
                    .and_then(|next| p.offers.iter().find(|x| &x.id == next))
                    .map(|x| x.name.clone()),
            })
        })
        .collect();
    let basis_label = c
        .demand
        .iter()
        .find(|d| d.per != Basis::Fixed && !d.label.is_empty())
        .map(|d| BasisLabel {
            basis: d.per.clone(),
            label: d.label.clone(),
        });
    let upgrade_at = c.upgrade_at_pct / 100.0;
    let sizing = PerCase::from_fn(|case| {
        candidates
            .iter()
            .map(|cand| {
                let line = |resource: usize| lines[case][resource];
                let price = cand.price_usd_per_month.cost_end(case);
                let metered: Vec<Meter> = cand
                    .metered
                    .iter()
                    .map(|rate| Meter {
                        line: line(rate.resource),
                        usd: rate.usd.cost_end(case),
                        per: rate.per,
                        included: rate.included,
                        tiers: rate
                            .tiers
                            .iter()
                            .map(|t| (t.up_to.unwrap_or(f64::INFINITY), t.usd.cost_end(case)))
                            .collect(),
                        fee: rate.fee,
                    })
                    .collect();
                let credit = cand.credit.benefit_end(case);
                let minimum = cand.minimum.cost_end(case);
                // Units never fall below the minimum and metered charges never below 0
                // while every rate is non-negative; NaN fails every test here.
                let bounded = price >= 0.0
                    && credit >= 0.0
                    && minimum >= 0.0
                    && metered
                        .iter()
                        .all(|m| m.usd >= 0.0 && m.per > 0.0 && m.tiers.iter().all(|t| t.1 >= 0.0));
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
                    credit,
                    minimum,
                    floor: if bounded {
                        (c.min_units as f64 * price).max(minimum)
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
        role: c.role.clone(),
        resources,
        lines,
        candidates,
        plan,
        sizing,
        flat_cost: PerCase::default(),
        steady: PerCase::default(),
        upgrade_at,
        alerts: c.alert_at_pct.iter().map(|a| a / 100.0).collect(),
        min_units: c.min_units,
        max_units: c.max_units,
        basis_label,
    };
    compiled.flat_cost = compiled.flat_cost();
    compiled.steady = PerCase::from_fn(|case| compiled.is_steady(case));
    compiled
}

/// Every combination of ends a mix's explicit shares may take, as the fraction of demand
/// each part serves; the part without a share takes what the others leave.
///
/// # Formula
/// explicit part: its share's low or high end ÷ 100; the rest: max(0, 1 − Σ explicit).
pub(super) fn mix_options(parts: &[MixPart]) -> Vec<[f64; MIX_PARTS]> {
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

/// The most parts a mix may have: the shared ones and the one that takes the rest.
pub(super) const MIX_PARTS: usize = MAX_MIX_SHARES + 1;
