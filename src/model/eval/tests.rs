//! Tests of the evaluation: every fast path against a straightforward reference, bit for
//! bit, over the presets and a scenario of mixes and stages.

use super::compile::MIX_PARTS;
use super::size::{ceil_units, FULL};
use super::*;
use crate::model::presets::{self, PRESETS};
use crate::model::range::PerCase;
use crate::model::scenario::{ComponentSpec, Policy};

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
    let fee = units as f64 * cand.price_usd_per_month.cost_end(case);
    let credit = cand.credit.benefit_end(case);
    let minimum = cand.minimum.cost_end(case);
    // Without a credit or a minimum the charges add to the fee one by one, as the model
    // adds them; with either, fees join the unit price and usage is summed and billed.
    let billed = credit > 0.0 || minimum > 0.0;
    let mut cost = if billed { 0.0 } else { fee };
    let mut fixed = fee;
    for m in &cand.metered {
        let billable = (demand[m.resource] * share - m.included * units as f64).max(0.0);
        if billed && m.fee {
            fixed += m.charge(billable, case);
        } else {
            cost += m.charge(billable, case);
        }
    }
    if billed {
        let after_credit = if credit > 0.0 {
            (cost - credit).max(0.0)
        } else {
            cost
        };
        cost = (fixed + after_credit).max(minimum);
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
        steady += m.components.iter().filter(|c| c.steady.worst).count();
        for p in super::super::sweep::sweep(&m, 1e6, 300) {
            for case in Case::BOTH {
                let slow = m.cost_at(p.users, case);
                assert_eq!(p.cost_usd[case].to_bits(), slow.to_bits());
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
    let mut combinations = PerCase::<std::collections::BTreeSet<Vec<u64>>>::default();
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
                combinations[case].insert(shares);
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
