//! Property tests over random valid scenarios: the model never panics, every figure is
//! finite, costs are non-negative, the low end never exceeds the high end, cost never falls
//! as users rise with tiers held fixed, break-even users do cover cost, every break-even
//! range covers cost at both ends and not one user outside, and costs over a run of user
//! counts are the costs at each count, bit for bit.
#![cfg(not(target_arch = "wasm32"))]

use headroom::model::break_even;
use headroom::model::catalogue::{Provider, Role};
use headroom::model::edit::CostList;
use headroom::model::scenario::{
    Basis, ComponentSpec, ConversionBase, Driver, Growth, MixPart, PaymentFees, Policy,
    RawScenario, RevenueSpec, Stage, UsersSpec, OLDEST_SCHEMA_VERSION,
};
use headroom::model::sweep::{log_space, sweep};
use headroom::model::timeline::{self, Timeline};
use headroom::model::{Case, Catalogue, Model, Range, Scenario};
use proptest::prelude::*;

/// How many random scenarios each property tries.
const CASES: u32 = 256;

/// Counts the cases a property has run, and says so once it has run them all.
fn tried(counter: &std::sync::atomic::AtomicU32, property: &str) {
    let n = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
    if n == CASES {
        println!("property `{property}`: {n} random valid scenarios tried");
    }
}

static FIGURES: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
static MONOTONE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
static BREAK_EVEN: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
static RANGES: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
static TIMELINE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
static ROUND_TRIP: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
static FAST_PATH: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
static RUN: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

fn catalogue() -> &'static Catalogue {
    static CAT: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();
    CAT.get_or_init(Catalogue::builtin)
}

/// A provider of the scenario's own whose plans carry every shape a price sheet takes: a
/// usage credit with a fee beside it, graduated tiers, a minimum bill, usage blocked at an
/// allowance.
fn own_provider() -> Provider {
    serde_json::from_str(
        r#"{"id": "own-shapes", "name": "Shapes", "role": "other", "offers": [
            {"id": "credit", "name": "Credit", "price_usd_per_month": [5, 8],
             "credit_usd_per_month": [10, 12],
             "metered": [
                {"resource": "vectors", "usd": [2, 3], "per": 1000000},
                {"resource": "messages_per_month", "per": 1000, "included": 500,
                 "tiers": [{"up_to": 10000, "usd": 1.5}, {"up_to": 200000, "usd": [0.8, 1]}, {"usd": 0.5}]},
                {"resource": "connections", "usd": 1, "included": 1, "fee": true}]},
            {"id": "minimum", "name": "Minimum", "price_usd_per_month": 0,
             "minimum_usd_per_month": [40, 50],
             "capacity": {"ram_mb": 4096},
             "metered": [{"resource": "messages_per_month", "usd": [0.001, 0.002]},
                         {"resource": "db_mb", "usd": 0.1, "per": 1024, "included": 2048}]},
            {"id": "blocked", "name": "Blocked", "price_usd_per_month": 20,
             "metered": [{"resource": "vectors", "included": 1500000, "overage": "blocked"},
                         {"resource": "ram_mb", "usd": 0.01, "included": 1000}]}
        ]}"#,
    )
    .unwrap()
}

/// Every offer a random component may use: the catalogue's, and the shapes provider's
/// often, so that the price-sheet shapes meet every policy.
fn all_offers() -> Vec<String> {
    let own = own_provider();
    let mut out: Vec<String> = Vec::new();
    for _ in 0..20 {
        out.extend(own.offer_refs());
    }
    out.extend(
        catalogue()
            .providers
            .iter()
            .flat_map(|p| p.offers.iter().map(move |o| format!("{}/{}", p.id, o.id))),
    );
    out
}

const RESOURCES: &[&str] = &[
    "ram_mb",
    "db_mb",
    "connections",
    "vectors",
    "memory_mb",
    "messages_per_month",
    "quota_units_per_day",
    "concurrent_users",
];

fn range(lo: f64, hi: f64) -> impl Strategy<Value = Range> {
    (lo..hi, 0.0..1.0f64).prop_map(move |(a, f)| Range::new(a, a + (hi - a) * f * 0.5))
}

fn basis() -> impl Strategy<Value = Basis> {
    prop_oneof![
        Just(Basis::User),
        Just(Basis::ActiveUser),
        Just(Basis::ConcurrentUser),
        Just(Basis::PayingUser),
        Just(Basis::Fixed),
        (0..RESOURCES.len()).prop_map(|r| Basis::Resource(RESOURCES[r].to_string())),
    ]
}

/// Keeps a driver per another resource only when an earlier driver counts that resource
/// per people, so that drivers never count per each other in a circle; others count per
/// user.
fn chain(mut demand: Vec<Driver>) -> Vec<Driver> {
    let mut counted: Vec<String> = Vec::new();
    for d in &mut demand {
        if let Some(r) = d.per.resource() {
            if r == d.resource || !counted.iter().any(|c| c == r) {
                d.per = Basis::User;
            }
        }
        if d.per.resource().is_none() {
            counted.push(d.resource.clone());
        }
    }
    demand
}

fn driver() -> impl Strategy<Value = Driver> {
    (0..RESOURCES.len(), basis(), range(0.0, 50.0)).prop_map(|(r, per, amount)| Driver {
        resource: RESOURCES[r].to_string(),
        per,
        amount,
        label: String::new(),
        explain: String::new(),
    })
}

fn policy(fixed_only: bool) -> impl Strategy<Value = Policy> {
    let n = all_offers().len();
    let offers = all_offers();
    let o2 = offers.clone();
    let o3 = offers.clone();
    let o4 = offers.clone();
    let fixed = (0..n, prop::option::of(1u32..6)).prop_map(move |(i, units)| Policy::Fixed {
        offer: offers[i].clone(),
        units,
    });
    if fixed_only {
        return fixed.boxed();
    }
    prop_oneof![
        fixed,
        prop::collection::vec(0..n, 1..5).prop_map(move |ix| Policy::Auto {
            offers: ix.into_iter().map(|i| o2[i].clone()).collect()
        }),
        (prop::collection::vec((0..n, 1.0..1e5f64), 1..4)).prop_map(move |steps| {
            let mut from = 0.0;
            Policy::Staged {
                steps: steps
                    .into_iter()
                    .enumerate()
                    .map(|(k, (i, gap))| {
                        if k > 0 {
                            from += gap;
                        }
                        Stage {
                            from_users: from,
                            offer: (i % 5 != 0).then(|| o3[i].clone()),
                            units: None,
                        }
                    })
                    .collect(),
            }
        }),
        (0..n, 0..n, range(0.0, 50.0)).prop_map(move |(a, b, share)| Policy::Mix {
            parts: vec![
                MixPart {
                    offer: o4[a].clone(),
                    share_pct: None
                },
                MixPart {
                    offer: o4[b].clone(),
                    share_pct: Some(share)
                },
            ]
        }),
    ]
    .boxed()
}

fn component(i: usize, fixed_only: bool) -> impl Strategy<Value = ComponentSpec> {
    (
        prop::collection::vec(driver(), 0..4),
        policy(fixed_only),
        10.0..=100.0f64,
        1u32..4,
        0u32..30,
    )
        .prop_map(move |(demand, policy, upgrade, min, extra)| ComponentSpec {
            id: format!("c{i}"),
            name: format!("Component {i}"),
            role: Role::new("other"),
            demand: chain(demand),
            policy,
            upgrade_at_pct: upgrade,
            alert_at_pct: vec![upgrade * 0.9],
            min_units: min,
            max_units: min + extra,
            capacity_overrides: vec![],
            price_overrides: vec![],
            rate_overrides: vec![],
            note: String::new(),
        })
}

fn scenario(fixed_only: bool) -> impl Strategy<Value = Scenario> {
    let components = (1usize..6).prop_flat_map(move |n| {
        (0..n)
            .map(|i| component(i, fixed_only).boxed())
            .collect::<Vec<_>>()
    });
    (
        0.0..1e7f64,
        -20.0..60.0f64,
        1u32..37,
        range(1.0, 100.0),
        range(0.1, 100.0),
        components,
        range(0.0, 30.0),
        range(0.0, 200.0),
    )
        .prop_map(
            |(now, pct, horizon, active, concurrent, components, conversion, price)| {
                // Random drivers meet random offers, so some ask for what no offer of
                // theirs prices: schema 1 reads such a scenario (and reports the driver),
                // where the current schema refuses it.
                let raw = RawScenario {
                    schema_version: OLDEST_SCHEMA_VERSION,
                    name: "random".into(),
                    description: String::new(),
                    guide: None,
                    users: UsersSpec {
                        now,
                        growth: Growth::MonthlyPct { pct_per_month: pct },
                        horizon_months: horizon,
                        active_share_pct: active,
                        concurrent_share_pct: concurrent,
                    },
                    components,
                    revenue: RevenueSpec {
                        conversion_pct: conversion,
                        price_usd_per_month: price,
                        what_if_prices_usd: vec![],
                        fees: PaymentFees::default(),
                        plans: vec![],
                        churn_pct_per_month: Range::exact(0.0),
                        conversion_of: ConversionBase::AllUsers,
                    },
                    one_time_costs: vec![],
                    running_costs: vec![],
                    uptime_target_pct: None,
                    audit: vec![],
                    variants: vec![],
                    providers: vec![own_provider()],
                    priced_with: None,
                    cash_usd: None,
                    raise: None,
                };
                Scenario::new(raw, catalogue()).expect("the generator makes valid scenarios")
            },
        )
}

fn finite_band(r: Range) -> bool {
    r.low.is_finite() && r.high.is_finite() && r.low <= r.high + 1e-9 * r.high.abs().max(1.0)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    #[test]
    fn every_figure_is_finite_non_negative_and_ordered(s in scenario(false), users in 0.0..1e8f64) {
        tried(&FIGURES, "every figure is finite, non-negative and ordered");
        let m = Model::new(&s, catalogue());
        let snap = m.snapshot(users);
        let cost = snap.cost();
        prop_assert!(finite_band(cost) && cost.low >= 0.0, "cost {cost:?}");
        prop_assert!(snap.money.best.cost_usd <= snap.money.worst.cost_usd + 1e-6 * snap.money.worst.cost_usd.max(1.0),
            "best case costs more than worst: {:?}", snap.money);
        let revenue = snap.revenue();
        prop_assert!(finite_band(revenue) && revenue.low >= 0.0, "revenue {revenue:?}");
        prop_assert!(finite_band(snap.profit()));
        for c in &snap.components {
            for st in c {
                prop_assert!(st.cost_usd.is_finite() && st.cost_usd >= 0.0);
                prop_assert!(st.utilisation >= 0.0 && !st.utilisation.is_nan());
                prop_assert!(st.demand.iter().all(|d| d.is_finite() && *d >= 0.0));
            }
        }
        if let Some(r) = snap.roi_pct() { prop_assert!(finite_band(r)); }
        if let Some(r) = snap.margin_pct() { prop_assert!(finite_band(r)); }
        if let Some(r) = snap.cost_per_user() { prop_assert!(finite_band(r)); }
        let _ = m.warnings(&snap);
        let _ = m.ceiling(&snap);
    }

    #[test]
    fn cost_never_falls_as_users_rise_with_tiers_fixed(s in scenario(true), a in 0.0..1e7f64, b in 0.0..1e7f64) {
        tried(&MONOTONE, "cost never falls as users rise with tiers fixed");
        let m = Model::new(&s, catalogue());
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        for case in Case::BOTH {
            let (c1, c2) = (m.cost_at(lo, case), m.cost_at(hi, case));
            prop_assert!(c2 + 1e-9 * c2.max(1.0) >= c1, "{case:?}: {c1} at {lo} users, {c2} at {hi}");
        }
    }

    #[test]
    fn break_even_users_cover_their_cost(s in scenario(false)) {
        tried(&BREAK_EVEN, "break-even users cover their cost");
        let m = Model::new(&s, catalogue());
        for case in Case::BOTH {
            if let Some(u) = timeline::break_even_users(&m, case, 1e8) {
                prop_assert!(m.revenue_at(u, case) + 1e-6 >= m.cost_at(u, case),
                    "{case:?} at {u}: revenue {} cost {}", m.revenue_at(u, case), m.cost_at(u, case));
            }
        }
    }

    #[test]
    fn every_break_even_range_covers_cost_at_both_ends_and_not_one_user_outside(s in scenario(false)) {
        tried(&RANGES, "every break-even range covers cost at both ends and not one user outside");
        let m = Model::new(&s, catalogue());
        let top = headroom::model::scenario::MAX_USERS;
        let ranges = break_even::break_even(&m);
        for case in Case::BOTH {
            let (rev, cost) = (|u: f64| m.revenue_at(u, case), |u: f64| m.cost_at(u, case));
            let mut last_end = 0.0;
            for r in &ranges[case] {
                // Ascending, apart by at least one losing user, in whole users from 1.
                prop_assert!(r.from >= 1.0 && r.from.fract() == 0.0, "{case:?}: {r:?}");
                prop_assert!(r.from == 1.0 || r.from > last_end + 1.0, "{case:?}: {:?}", ranges[case]);
                prop_assert!(rev(r.from) >= cost(r.from),
                    "{case:?} {r:?}: at {} revenue {} < cost {}", r.from, rev(r.from), cost(r.from));
                if r.from > 1.0 {
                    let u = r.from - 1.0;
                    prop_assert!(cost(u) > rev(u),
                        "{case:?} {r:?}: at {u} cost {} ≤ revenue {}", cost(u), rev(u));
                }
                match r.to {
                    Some(to) => {
                        prop_assert!(to >= r.from && to.fract() == 0.0, "{case:?}: {r:?}");
                        prop_assert!(rev(to) >= cost(to),
                            "{case:?} {r:?}: at {to} revenue {} < cost {}", rev(to), cost(to));
                        let u = to + 1.0;
                        prop_assert!(cost(u) > rev(u),
                            "{case:?} {r:?}: at {u} cost {} ≤ revenue {}", cost(u), rev(u));
                        last_end = to;
                    }
                    None => prop_assert!(rev(top) >= cost(top), "{case:?} {r:?} at the top"),
                }
            }
            // The timeline's break-even month is the first whose users lie in a range.
            let t = Timeline::starting_at_with(&m, s.raw().users.now, &ranges);
            let first = t.months.iter().position(|snap| ranges[case].iter().any(|r| r.contains(snap.users)));
            prop_assert_eq!(t.break_even_month[case], first.map(|m| m as u32));
        }
    }

    #[test]
    fn the_timeline_and_sweep_never_panic(s in scenario(false)) {
        tried(&TIMELINE, "the timeline and sweep never panic");
        let m = Model::new(&s, catalogue());
        let t = Timeline::new(&m);
        prop_assert_eq!(t.months.len() as u32, s.raw().users.horizon_months + 1);
        prop_assert!(!t.phases.is_empty());
        prop_assert_eq!(t.phases.last().unwrap().end_month, s.raw().users.horizon_months);
        let points = sweep(&m, 1e7, 64);
        prop_assert!(points.iter().all(|p| p.cost_usd.iter().all(|c| c.is_finite() && *c >= 0.0)));
    }

    #[test]
    fn the_sweep_cost_equals_the_full_snapshot_cost(s in scenario(false), users in 0.0..1e8f64) {
        tried(&FAST_PATH, "the sweep's cost equals the full snapshot's");
        let m = Model::new(&s, catalogue());
        let snap = m.snapshot(users);
        for case in Case::BOTH {
            let fast = m.cost_at(users, case);
            let full = snap.money[case].cost_usd;
            prop_assert!((fast - full).abs() <= 1e-9 * full.abs().max(1.0), "{case:?}: {fast} vs {full}");
        }
    }

    #[test]
    fn costs_over_a_run_of_counts_are_the_costs_at_each_bit_for_bit(s in scenario(false), max in 1.0..1e8f64, points in 2usize..300) {
        tried(&RUN, "costs over a run of counts are the costs at each, bit for bit");
        let m = Model::new(&s, catalogue());
        // A sweep from zero, with every stage's first user count in it.
        let mut users: Vec<f64> = log_space(1.0, max, points).collect();
        users.push(0.0);
        for c in &s.raw().components {
            if let Policy::Staged { steps } = &c.policy {
                users.extend(steps.iter().map(|step| step.from_users));
            }
        }
        users.sort_by(f64::total_cmp);
        for case in Case::BOTH {
            for (&u, fast) in users.iter().zip(m.costs_at(&users, case)) {
                let slow = m.cost_at(u, case);
                prop_assert_eq!(fast.to_bits(), slow.to_bits(), "{:?} at {}: {} vs {}", case, u, fast, slow);
            }
        }
    }

    #[test]
    fn a_scenario_survives_a_round_trip_through_json(s in scenario(false)) {
        tried(&ROUND_TRIP, "a scenario survives a round trip through JSON");
        prop_assert_eq!(s.to_json(), serde_json::to_string_pretty(s.raw()).unwrap());
        let back = Scenario::from_json(&s.to_json(), catalogue()).unwrap();
        let (a, b) = (Model::new(&s, catalogue()), Model::new(&back, catalogue()));
        let u = s.raw().users.now;
        prop_assert_eq!(a.snapshot(u), b.snapshot(u));
    }
}

static REVENUE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    /// Fees, plans, churn, the conversion base and running costs on random scenarios: what
    /// arrives is never more than what is charged, fees never raise revenue, running costs
    /// lower profit by exactly their amount, churn never adds paying users on the timeline,
    /// and a scenario that churns never pays back before the same one without churn.
    #[test]
    fn revenue_as_it_arrives_is_bounded_by_the_gross(
        s in scenario(false),
        users in 0.0..1e7f64,
        fee_pct in range(0.0, 10.0),
        fee_fixed in range(0.0, 2.0),
        churn in range(0.0, 60.0),
        share in range(0.0, 100.0),
        annual in range(1.0, 2000.0),
        running in range(0.0, 5e4),
        active in any::<bool>(),
    ) {
        tried(&REVENUE, "revenue as it arrives is bounded by the gross");
        let cat = catalogue();
        let mut raw = s.raw().clone();
        raw.set_fee_pct(fee_pct).unwrap();
        raw.set_fee_fixed(fee_fixed).unwrap();
        raw.set_conversion_base(if active { ConversionBase::ActiveUsers } else { ConversionBase::AllUsers });
        raw.add_plan().unwrap();
        raw.add_plan().unwrap();
        raw.set_plan_billing(1, headroom::model::revenue::Billing::Annual).unwrap();
        raw.set_plan_price(1, annual).unwrap();
        raw.set_plan_share(1, share).unwrap();
        raw.add_cost(CostList::Running, "Team", running).unwrap();
        raw.add_cost(CostList::OneTime, "Set-up", Range::exact(1000.0)).unwrap();
        let steady = Scenario::new(raw.clone(), cat).unwrap();
        raw.set_churn(churn).unwrap();
        let churned = Scenario::new(raw, cat).unwrap();
        let (ms, mc) = (Model::new(&steady, cat), Model::new(&churned, cat));
        let snap = mc.snapshot(users);
        for case in Case::BOTH {
            let p = mc.per_paying(case);
            prop_assert!(p.net_usd.is_finite() && p.net_usd <= p.gross_usd + 1e-9, "{p:?}");
            let money = snap.money[case];
            prop_assert!(money.revenue_usd <= money.gross_revenue_usd + 1e-6 * money.gross_revenue_usd.max(1.0));
            let drop = money.profit_usd() - money.profit_after_running_usd();
            prop_assert!((drop - running.cost_end(case)).abs() <= 1e-6 * running.high.max(1.0));
        }
        prop_assert!(finite_band(snap.profit_after_running()));
        let (ts, tc) = (Timeline::new(&ms), Timeline::new(&mc));
        for (a, b) in ts.months.iter().zip(&tc.months) {
            for case in Case::BOTH {
                let (steady, churned) = (a.money[case].paying_users, b.money[case].paying_users);
                prop_assert!(churned <= steady * (1.0 + 1e-12) + 1e-9, "{churned} > {steady}");
                prop_assert!(churned >= 0.0);
            }
        }
        for case in Case::BOTH {
            // Net revenue per paying user may be below zero (a fee above a tiny price), and
            // then fewer paying users earn more; otherwise churn only delays payback.
            if mc.per_paying(case).net_usd >= 0.0 {
                match (ts.payback_month[case], tc.payback_month[case]) {
                    (None, Some(m)) => prop_assert!(false, "pays back in month {m} only with churn"),
                    (Some(a), Some(b)) => prop_assert!(b >= a, "churn pays back sooner: {b} < {a}"),
                    _ => {}
                }
            }
        }
    }
}
