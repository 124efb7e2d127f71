//! Why a component costs what it does, in words: what each resource it is asked for uses
//! and costs, why a cost is $0, and what its offer charges for that nothing here sets.

use super::catalogue::Lookup;
use super::date::Date;
use super::eval::{MeterRate, Model, Snapshot};
use super::format;
use super::range::{Case, Range};
use super::scenario::RawScenario;

/// One resource a component is asked for, at the snapshot's user count.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceUse {
    /// The resource's key.
    pub resource: String,
    /// Demand, best case to worst case.
    pub demand: Range,
    /// What the running offers charge for it before any credit or minimum, best to worst;
    /// `None` when they do not charge for it.
    pub charge: Option<Range>,
    /// What the running offers hold of it, best to worst; `None` when they do not limit it.
    pub held: Option<Range>,
}

/// Every resource a component is asked for, with its demand, charge and what is held, at
/// the snapshot's user count.
///
/// # Formula
/// charge = Σ over running offers of their metered charge on the resource for
/// max(0, demand × share − included × units); held = Σ capacity × units.
pub fn resource_uses(model: &Model, s: &Snapshot, component: usize) -> Vec<ResourceUse> {
    let c = &model.components[component];
    let per_case = Case::BOTH.map(|case| {
        let state = &s.components[component][case];
        let demand = c.demand(s.users, case);
        let mut charge: Vec<Option<f64>> = vec![None; c.resources.len()];
        let mut held: Vec<Option<f64>> = vec![None; c.resources.len()];
        for a in &state.allocations {
            let cand = &c.candidates[a.candidate];
            for m in &cand.metered {
                let billable =
                    (demand[m.resource] * a.share - m.included * a.units as f64).max(0.0);
                *charge[m.resource].get_or_insert(0.0) += m.charge(billable, case);
            }
            for (i, cap) in cand.capacity.iter().enumerate() {
                if let Some(cap) = cap {
                    *held[i].get_or_insert(0.0) += cap.benefit_end(case) * a.units as f64;
                }
            }
        }
        (demand, charge, held)
    });
    let [(d0, c0, h0), (d1, c1, h1)] = per_case;
    let pair = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (None, None) => None,
        (a, b) => Some(Range::new(a.unwrap_or(0.0), b.unwrap_or(0.0))),
    };
    c.resources
        .iter()
        .enumerate()
        .map(|(i, r)| ResourceUse {
            resource: r.clone(),
            demand: Range::new(d0[i], d1[i]),
            charge: pair(c0[i], c1[i]),
            held: pair(h0[i], h1[i]),
        })
        .collect()
}

/// Why a component costs $0 at the snapshot's user count, in a sentence a founder
/// understands; `None` when it costs something in either case.
pub fn zero_reason(model: &Model, s: &Snapshot, component: usize) -> Option<String> {
    zero_reason_from(model, s, component, &resource_uses(model, s, component))
}

fn zero_reason_from(
    model: &Model,
    s: &Snapshot,
    component: usize,
    uses: &[ResourceUse],
) -> Option<String> {
    let c = &model.components[component];
    let states = &s.components[component];
    if states.iter().any(|st| st.cost_usd != 0.0) {
        return None;
    }
    let worst = &states[Case::Worst];
    let Some(a) = worst.allocations.first() else {
        return Some(format!(
            "$0: {} is not used at {} users; its plan starts it later.",
            c.name,
            format::count(s.users)
        ));
    };
    let cand = &c.candidates[a.candidate];
    let offer = format!("{} {}", cand.provider, cand.offer);
    if cand.price_overridden && cand.price_usd_per_month.high == 0.0 && cand.metered.is_empty() {
        return Some(format!("$0: you set the price of {offer} to $0."));
    }
    // Rates of $0 are not charges: such a plan is free by its limits, or free outright.
    let charging: Vec<&MeterRate> = cand
        .metered
        .iter()
        .filter(|m| m.usd.high > 0.0 || m.tiers.iter().any(|t| t.usd.high > 0.0))
        .collect();
    let limited = cand.capacity.iter().any(Option::is_some);
    if !charging.is_empty() || !cand.unset.is_empty() {
        if charging.iter().all(|m| uses[m.resource].demand.high == 0.0) {
            let names: Vec<String> = charging
                .iter()
                .map(|m| format::resource(&c.resources[m.resource]))
                .chain(cand.unset.iter().map(|r| format::resource(r)))
                .collect();
            return Some(format!(
                "$0: no usage is set for what {offer} charges for ({}); add how much each user uses.",
                names.join(", ")
            ));
        }
        if cand.credit.low > 0.0 {
            return Some(format!(
                "$0: the usage is within {offer}'s {} monthly credit.",
                format::band(cand.credit, format::usd)
            ));
        }
        let within: Vec<String> = charging
            .iter()
            .filter(|m| uses[m.resource].demand.high > 0.0)
            .map(|m| {
                format!(
                    "{} of the {} {} included",
                    format::band(uses[m.resource].demand, format::amount),
                    format::amount(m.included * a.units as f64),
                    format::resource(&c.resources[m.resource])
                )
            })
            .collect();
        return Some(format!(
            "$0: the usage is within what {offer} includes: {}.",
            within.join("; ")
        ));
    }
    if limited {
        let up_to = c.ceiling_users(a.candidate, a.units, Case::Worst);
        return Some(match up_to {
            Some(u) => format!(
                "$0: {offer} is free up to {} users; past that it must upgrade.",
                format::count(u)
            ),
            None => format!("$0: {offer} is free and holds this usage."),
        });
    }
    if c.resources.is_empty() {
        return Some(format!(
            "$0: {offer} has no monthly price and no usage is set; if it charges by usage, add what users use of it."
        ));
    }
    Some(format!(
        "$0: {offer} has no price and charges nothing for this usage."
    ))
}

/// What the offer a component runs charges for that no driver of it asks for: usage
/// counted as none. Labels, in the offer's order.
pub fn unset_charges(model: &Model, s: &Snapshot, component: usize) -> Vec<String> {
    let c = &model.components[component];
    let mut out = Vec::new();
    for a in &s.components[component][Case::Worst].allocations {
        for r in &c.candidates[a.candidate].unset {
            let label = format::resource(r);
            if !out.contains(&label) {
                out.push(label);
            }
        }
    }
    out
}

/// What a component is asked for that the plans it runs now neither charge for nor hold,
/// and that nothing else counts per: usage that costs $0 on this plan. Labels.
pub fn idle_usage(model: &Model, s: &Snapshot, component: usize) -> Vec<String> {
    idle_from(model, s, component, &resource_uses(model, s, component))
}

fn idle_from(model: &Model, s: &Snapshot, component: usize, uses: &[ResourceUse]) -> Vec<String> {
    let c = &model.components[component];
    let Some(spec) = model.scenario().components.iter().find(|x| x.id == c.id) else {
        return Vec::new();
    };
    if s.components[component][Case::Worst].allocations.is_empty() {
        return Vec::new();
    }
    uses.iter()
        .filter(|u| {
            u.demand.high > 0.0
                && u.charge.is_none()
                && u.held.is_none()
                && !spec
                    .demand
                    .iter()
                    .any(|d| d.per.resource() == Some(u.resource.as_str()))
        })
        .map(|u| format::resource(&u.resource))
        .collect()
}

/// Everything the page says about one component at a snapshot, worked out once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Explained {
    /// Monthly cost, best to worst.
    pub cost: Range,
    /// What each resource it is asked for uses, costs and is held.
    pub uses: Vec<ResourceUse>,
    /// Why it costs $0, when it does.
    pub zero: Option<String>,
    /// What its plan charges for that nothing sets, and usage the plan neither charges for
    /// nor holds, in words; `None` when there is neither.
    pub notes: Option<String>,
}

/// A component's cost, uses, $0 reason and notes at a snapshot, each worked out once.
pub fn explain(model: &Model, s: &Snapshot, component: usize) -> Explained {
    let st = &s.components[component];
    let uses = resource_uses(model, s, component);
    let zero = zero_reason_from(model, s, component, &uses);
    let unset = unset_charges(model, s, component);
    let idle = idle_from(model, s, component, &uses);
    let mut notes = Vec::new();
    if !unset.is_empty() {
        let one = unset.len() == 1;
        notes.push(format!(
            "Its plan also charges for {}; nothing here sets {}, so {} counted as none. Add what your users use of {}.",
            unset.join(", "),
            if one { "it" } else { "them" },
            if one { "it is" } else { "they are" },
            if one { "it" } else { "them" },
        ));
    }
    if !idle.is_empty() {
        notes.push(format!(
            "The plan it runs now neither charges for nor holds {}: that usage costs $0 on this plan.",
            idle.join(", ")
        ));
    }
    Explained {
        cost: Range::new(st.best.cost_usd, st.worst.cost_usd),
        uses,
        zero,
        notes: (!notes.is_empty()).then(|| notes.join(" ")),
    }
}

/// Drivers of a scenario that no offer of their component prices or holds, as
/// `(component name, resource label)`: read from a file of schema 1, they count as $0.
pub fn unpriced_drivers(raw: &RawScenario, lookup: &Lookup) -> Vec<(String, String)> {
    raw.components
        .iter()
        .flat_map(|c| {
            c.unpriced(lookup)
                .into_iter()
                .map(move |j| (c.name.clone(), format::resource(&c.demand[j].resource)))
        })
        .collect()
}

/// The prices a snapshot rests on and which of them are stale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PricesChecked {
    /// Distinct catalogue prices in use, in either case (prices of the founder's own and
    /// overridden ones excluded).
    pub total: usize,
    /// Names of those checked more than six months before today, "Provider Offer".
    pub stale: Vec<String>,
}

impl PricesChecked {
    /// What the answers say: how many prices are stale, in words.
    pub fn sentence(&self) -> Option<String> {
        match self.stale.len() {
            _ if self.total == 0 => None,
            0 => Some(format!(
                "{} in use {} checked within the last six months.",
                plural(self.total, "catalogue price", "catalogue prices"),
                if self.total == 1 { "was" } else { "were" }
            )),
            n => Some(format!(
                "{n} of the {} in use {} checked more than six months ago ({}): check {} on the provider's page before you rely on {}.",
                plural(self.total, "catalogue price", "catalogue prices"),
                if n == 1 { "was" } else { "were" },
                self.stale.join(", "),
                if n == 1 { "it" } else { "them" },
                if n == 1 { "it" } else { "them" },
            )),
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The catalogue prices a snapshot runs on, and which were checked more than six months
/// before `today`.
pub fn prices_checked(model: &Model, s: &Snapshot, today: Date) -> PricesChecked {
    let mut seen: Vec<&str> = Vec::new();
    let mut stale = Vec::new();
    for (c, st) in model.components.iter().zip(&s.components) {
        for a in st.best.allocations.iter().chain(&st.worst.allocations) {
            let cand = &c.candidates[a.candidate];
            if cand.price_overridden
                || cand.provenance.own
                || seen.contains(&cand.offer_ref.as_str())
            {
                continue;
            }
            seen.push(&cand.offer_ref);
            if cand.provenance.is_stale(today) {
                stale.push(format!("{} {}", cand.provider, cand.offer));
            }
        }
    }
    PricesChecked {
        total: seen.len(),
        stale,
    }
}
