//! Round trips of random valid scenarios: each is built from the blank scenario by a random
//! run of the edits the page makes (components on random providers of the catalogue and of
//! the founder's own, usage lines, plans, overrides, growth by a percentage or milestones,
//! revenue, running and one-time costs), each kept only when the page would keep it, and
//! must come back from a link, the stored working scenario, the saved list and an exported
//! file with the same scenario, the same users and the same figures to the last bit.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::atomic::{AtomicU32, Ordering};

use headroom::model::catalogue::Metered;
use headroom::model::edit::{blank_offer, driver_choices, CostList, EditError, PlanChoice};
use headroom::model::revenue::{Billing, ConversionBase};
use headroom::model::saved::{Clash, SavedBook};
use headroom::model::scenario::{Basis, Driver, Growth, Milestone, RateOverride};
use headroom::model::storage::{self, SavedScenario, Working};
use headroom::model::{break_even, limits, presets, share};
use headroom::model::{Catalogue, Model, Range, RawScenario, Scenario, Timeline};
use proptest::prelude::*;
use proptest::strategy::ValueTree;

/// How many random scenarios are tried.
const CASES: u32 = 128;

static TRIED: AtomicU32 = AtomicU32::new(0);
static EDITS_KEPT: AtomicU32 = AtomicU32::new(0);
static EDITS_REFUSED: AtomicU32 = AtomicU32::new(0);

fn catalogue() -> &'static Catalogue {
    static CAT: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();
    CAT.get_or_init(Catalogue::builtin)
}

/// One edit, drawn as numbers and read against the scenario it is applied to: `pick` and
/// `which` choose among what exists (components, providers, usage lines, offers), `x` and
/// `y` in [0, 1) give the amounts.
#[derive(Clone, Debug)]
struct Edit {
    kind: u8,
    pick: usize,
    which: usize,
    x: f64,
    y: f64,
}

const KINDS: u8 = 24;

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(
        (
            0..KINDS,
            any::<usize>(),
            any::<usize>(),
            0.0..1.0f64,
            0.0..1.0f64,
        )
            .prop_map(|(kind, pick, which, x, y)| Edit {
                kind,
                pick,
                which,
                x,
                y,
            }),
        1..32,
    )
}

/// A number from `lo` to `hi` spread evenly over its powers of ten.
fn log_between(t: f64, lo: f64, hi: f64) -> f64 {
    let v = 10f64.powf(lo.log10() + t * (hi.log10() - lo.log10()));
    (v * 1000.0).round() / 1000.0
}

/// A band from `x`, as wide as `y` says (exact a third of the time).
fn band(x: f64, y: f64, lo: f64, hi: f64) -> Range {
    let a = log_between(x, lo, hi);
    if y < 0.33 {
        Range::exact(a)
    } else {
        Range::new(a, (a * (1.0 + y)).min(hi))
    }
}

fn pct(x: f64, y: f64) -> Range {
    let a = (x * 100.0).round() / 2.0;
    if y < 0.5 {
        Range::exact(a)
    } else {
        Range::new(a, (a + y * 20.0).min(100.0).round())
    }
}

fn nth<T>(list: &[T], i: usize) -> Option<&T> {
    (!list.is_empty()).then(|| &list[i % list.len()])
}

fn component_id(raw: &RawScenario, i: usize) -> Result<String, EditError> {
    nth(&raw.components, i)
        .map(|c| c.id.clone())
        .ok_or_else(|| EditError("no component".into()))
}

/// Applies one edit the way the page does.
fn apply(raw: &mut RawScenario, e: &Edit) -> Result<(), EditError> {
    let cat = catalogue();
    let providers: Vec<String> = cat
        .with(&raw.providers)
        .providers()
        .map(|p| p.id.clone())
        .collect();
    let bases = [
        Basis::User,
        Basis::ActiveUser,
        Basis::ConcurrentUser,
        Basis::PayingUser,
        Basis::Fixed,
    ];
    match e.kind {
        0..=2 => {
            let p = nth(&providers, e.pick).cloned().unwrap_or_default();
            raw.add_component(cat, &p).map(|_| ())
        }
        3..=5 => {
            let id = component_id(raw, e.pick)?;
            let lookup = cat.with(&raw.providers);
            let choices = driver_choices(raw.component(&id).unwrap(), &lookup);
            let Some(resource) = nth(&choices, e.which).cloned() else {
                return Err(EditError("nothing to ask for".into()));
            };
            let driver = Driver {
                resource,
                per: bases[e.which % bases.len()].clone(),
                amount: band(e.x, e.y, 0.01, 1e4),
                label: String::new(),
                explain: String::new(),
            };
            raw.add_driver(cat, &id, driver).map(|_| ())
        }
        6 => {
            let id = component_id(raw, e.pick)?;
            let n = raw.component(&id).unwrap().demand.len();
            raw.set_driver_amount(&id, e.which % n.max(1), band(e.x, e.y, 0.001, 1e5))
        }
        7 => {
            let id = component_id(raw, e.pick)?;
            let n = raw.component(&id).unwrap().demand.len();
            raw.remove_driver(cat, &id, e.which % n.max(1)).map(|_| ())
        }
        8 => {
            let id = component_id(raw, e.pick)?;
            let c = raw.component(&id).unwrap();
            let others: Vec<String> = c.demand.iter().map(|d| d.resource.clone()).collect();
            let per = match nth(&others, e.which) {
                Some(r) if e.x < 0.5 => Basis::Resource(r.clone()),
                _ => bases[e.which % bases.len()].clone(),
            };
            let n = c.demand.len();
            raw.set_driver_basis(cat, &id, e.pick % n.max(1), per)
                .map(|_| ())
        }
        9 => {
            let id = component_id(raw, e.pick)?;
            let tier = match raw
                .component(&id)
                .and_then(|c| c.provider_id())
                .and_then(|p| cat.with(&raw.providers).provider(p).cloned())
            {
                Some(p) if e.x < 0.7 => nth(&p.offer_refs(), e.which)
                    .cloned()
                    .map_or(PlanChoice::Auto, PlanChoice::Offer),
                _ => PlanChoice::Auto,
            };
            raw.set_tier(cat, &id, tier)
        }
        10 => {
            let id = component_id(raw, e.pick)?;
            raw.set_upgrade_at(&id, (1.0 + e.x * 99.0).round())?;
            raw.set_max_units(&id, (1.0 + e.y * 20.0).floor())
        }
        11 => {
            let id = component_id(raw, e.pick)?;
            let offers: Vec<String> = raw
                .component(&id)
                .unwrap()
                .offer_refs()
                .iter()
                .map(|s| s.to_string())
                .collect();
            let offer = nth(&offers, e.which).cloned().unwrap_or_default();
            raw.set_price_override(&id, &offer, band(e.x, e.y, 0.5, 5000.0))
        }
        12 => {
            let id = component_id(raw, e.pick)?;
            let c = raw.component(&id).unwrap();
            let offer = nth(&c.offer_refs(), e.which)
                .map(|s| s.to_string())
                .unwrap_or_default();
            let resource = nth(&c.demand, e.pick)
                .map(|d| d.resource.clone())
                .unwrap_or_else(|| "ram_mb".into());
            raw.set_rate_override(
                &id,
                RateOverride {
                    offer,
                    resource,
                    usd: band(e.x, e.y, 1e-4, 10.0),
                    per: [1.0, 1000.0, 1e6][e.which % 3],
                    included: (e.y * 1000.0).round(),
                    reason: "entered by the founder".into(),
                },
            )
        }
        13 => {
            let p = nth(&providers, e.which).cloned().unwrap_or_default();
            let id = component_id(raw, e.pick)?;
            raw.set_provider(cat, &id, &p).map(|_| ())
        }
        14 => {
            let id = component_id(raw, e.pick)?;
            raw.remove_component(&id).map(|_| ())
        }
        15 => {
            raw.set_users_now(log_between(e.x, 1.0, 1e9).round())?;
            raw.set_horizon((1.0 + e.y * 119.0).round())
        }
        16 => raw.set_growth_pct(((e.x - 0.2) * 60.0 * 10.0).round() / 10.0),
        17 => {
            // The page has no edit for milestones; a file may hold them.
            let n = 1 + e.which % 6;
            let mut month = 0.0;
            let mut users = raw.users.now.max(1.0);
            let points = (0..n)
                .map(|k| {
                    month += 1.0 + ((e.x * 97.0 + k as f64 * 13.0) % 11.0).floor();
                    users *= 0.5 + e.y * 3.0;
                    Milestone {
                        month: month.min(limits::MILESTONE_MONTH.max - (n - k) as f64),
                        users: users.round().min(limits::USERS.max),
                    }
                })
                .collect();
            raw.users.growth = Growth::Milestones { points };
            Ok(())
        }
        18 => {
            raw.set_active_share(pct(e.x, e.y))?;
            raw.set_concurrent_share(pct(e.y, e.x))
        }
        19 => {
            raw.set_conversion(pct(e.x * 0.3, e.y))?;
            raw.set_revenue_price(band(e.y, e.x, 1.0, 500.0))?;
            raw.set_conversion_base(if e.pick % 2 == 0 {
                ConversionBase::AllUsers
            } else {
                ConversionBase::ActiveUsers
            });
            Ok(())
        }
        20 => {
            raw.set_fee_pct(band(e.x, e.y, 0.5, 10.0))?;
            raw.set_fee_fixed(band(e.y, e.x, 0.01, 1.0))?;
            raw.set_churn(pct(e.x * 0.2, e.y))
        }
        21 => {
            let i = raw.add_plan()?;
            raw.set_plan_billing(
                i,
                if e.pick % 2 == 0 {
                    Billing::Monthly
                } else {
                    Billing::Annual
                },
            )?;
            raw.set_plan_price(i, band(e.x, e.y, 1.0, 2000.0))?;
            // The only plan has every paying user; a later one takes a share of them.
            if i > 0 {
                raw.set_plan_share(i, pct(e.y, 0.0))?;
            }
            Ok(())
        }
        22 => {
            let list = if e.pick % 2 == 0 {
                CostList::Running
            } else {
                CostList::OneTime
            };
            let name = ["Team", "Marketing", "Set-up", "Migration"][e.which % 4];
            raw.add_cost(list, name, band(e.x, e.y, 10.0, 1e6))
                .map(|_| ())
        }
        _ => {
            // A provider of the founder's own: one plan with a price, what it holds and a
            // rate, then a component on it.
            let role = ["host", "database", "llm", "other"][e.which % 4];
            let id = raw.add_own_provider(cat, "My own provider", role)?;
            let mut offer = blank_offer("plan-1", "Plan 1");
            offer.price_usd_per_month = band(e.x, e.y, 1.0, 500.0);
            offer.capacity.insert(
                "ram_mb".into(),
                Range::exact(log_between(e.y, 256.0, 65536.0)),
            );
            let metered: Metered = serde_json::from_value(serde_json::json!({
                "resource": "messages_per_month",
                "usd": (e.x * 100.0).round() / 1000.0,
                "per": 1000,
                "included": (e.y * 10_000.0).round()
            }))
            .unwrap();
            offer.metered.push(metered);
            raw.set_own_offer(cat, &id, offer)?;
            if e.pick % 3 == 0 {
                raw.add_own_offer(cat, &id)?;
            }
            raw.add_component(cat, &id).map(|_| ())
        }
    }
}

/// The blank scenario after `edits`, each kept as the page keeps it: only when the edit
/// is made and the scenario still passes its checks.
fn built(edits: &[Edit]) -> Scenario {
    let cat = catalogue();
    let mut s = presets::load("blank", cat).unwrap().unwrap();
    for e in edits {
        let mut raw = s.raw().clone();
        let kept = apply(&mut raw, e)
            .ok()
            .and_then(|_| s.edit_of(raw, cat).ok());
        match kept {
            Some(next) => {
                s = next;
                EDITS_KEPT.fetch_add(1, Ordering::Relaxed);
            }
            None => {
                EDITS_REFUSED.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
    s
}

/// What a founder reads of a scenario at a user count: the answers, the timeline from that
/// count (with its break-even month and payback) and the break-even ranges.
#[derive(Debug, PartialEq)]
struct Figures {
    snapshot: headroom::model::Snapshot,
    timeline: Timeline,
    break_even: headroom::model::PerCase<Vec<break_even::UserRange>>,
}

fn figures(s: &Scenario, users: f64) -> Figures {
    let m = Model::new(s, catalogue());
    let ranges = break_even::break_even(&m);
    Figures {
        snapshot: m.snapshot(users),
        timeline: Timeline::starting_at_with(&m, users, &ranges),
        break_even: ranges,
    }
}

/// The scenario `back` that came out of `what` is `want`'s, and its figures at `users` are
/// `figures` to the last bit.
fn assert_same(
    what: &str,
    want: &Scenario,
    figures_wanted: &Figures,
    back: &Scenario,
    users: f64,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(want.raw(), back.raw(), "{} changed the scenario", what);
    prop_assert_eq!(
        figures_wanted,
        &figures(back, users),
        "{} changed the figures at {} users",
        what,
        users
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    #[test]
    fn a_random_valid_scenario_comes_back_whole_from_a_link_storage_and_a_file(
        edits in edits(),
        users in 0.0..1.0f64,
    ) {
        let n = TRIED.fetch_add(1, Ordering::Relaxed) + 1;
        let cat = catalogue();
        let s = built(&edits);
        let users = log_between(users, 1.0, limits::USERS.max).round();
        // What the page keeps and sends: the scenario with the users on screen in it.
        let mut raw = s.raw().clone();
        raw.users.now = users;
        let now = Scenario::new(raw.clone(), cat).unwrap();
        let (want_now, want_s) = (figures(&now, users), figures(&s, users));

        let link = share::encode(s.raw(), users, None, cat);
        let opened = share::decode(&link, cat).unwrap();
        prop_assert_eq!(opened.users, users);
        prop_assert_eq!(opened.preset, None);
        assert_same("the link", &now, &want_now, &opened.scenario, users)?;

        let working = Working { scenario: s.raw().clone(), users, preset: None };
        let (w, back) = storage::read_working(&storage::write_working(&working), cat).unwrap();
        prop_assert_eq!(&w, &working);
        assert_same("the stored working scenario", &s, &want_s, &back, users)?;

        // The page's saved list: saved by the edit the Save button makes, written and read.
        let saved = SavedScenario { name: s.raw().name.clone(), scenario: s.raw().clone(), users };
        let mut book = SavedBook::default();
        prop_assert!(book.save(saved.clone(), Clash::Ask).is_ok());
        let read = SavedBook::read(&book.write(), cat).unwrap();
        prop_assert!(read.kept.is_empty());
        prop_assert_eq!(&read.entries, &vec![saved]);
        let good = read.entries;
        let from_list = Scenario::new(good[0].scenario.clone(), cat).unwrap();
        assert_same("the saved list", &s, &want_s, &from_list, users)?;

        let (file, file_users) = storage::read_import(&now.to_json(), cat).unwrap();
        prop_assert_eq!(file_users, users);
        assert_same("the exported file", &now, &want_now, &file, users)?;
        prop_assert_eq!(file.to_json(), now.to_json());

        if n == CASES {
            println!(
                "round trip: {n} random valid scenarios through a link, the stored working scenario, the saved list and a file, built by {} edits kept and {} refused",
                EDITS_KEPT.load(Ordering::Relaxed),
                EDITS_REFUSED.load(Ordering::Relaxed)
            );
        }
    }
}

#[test]
fn the_generator_reaches_every_part_of_a_scenario() {
    // The same kind of runs of edits the property draws, from a fixed seed: each part a
    // scenario can hold must turn up in some of the scenarios they build.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut seen = [0u32; 9];
    let runs = 64;
    for _ in 0..runs {
        let edits = edits().new_tree(&mut runner).unwrap().current();
        let s = built(&edits);
        let raw = s.raw();
        let any = |f: &dyn Fn(&headroom::model::scenario::ComponentSpec) -> bool| {
            raw.components.iter().any(f)
        };
        let parts = [
            raw.components.len() > 1,
            any(&|c| c.demand.len() > 2),
            any(&|c| c.demand.iter().any(|d| d.per.resource().is_some())),
            any(&|c| !c.price_overrides.is_empty() || !c.rate_overrides.is_empty()),
            !raw.providers.is_empty(),
            matches!(raw.users.growth, Growth::Milestones { .. }),
            !raw.revenue.plans.is_empty(),
            !raw.running_costs.is_empty() || !raw.one_time_costs.is_empty(),
            raw.revenue.churn_pct_per_month.high > 0.0,
        ];
        for (n, part) in seen.iter_mut().zip(parts) {
            *n += u32::from(part);
        }
    }
    println!(
        "round trip generator, {runs} runs: several components {}, over two usage lines {}, a usage line per another {}, an override {}, a provider of one's own {}, milestones {}, plans {}, running or one-time costs {}, churn {}",
        seen[0], seen[1], seen[2], seen[3], seen[4], seen[5], seen[6], seen[7], seen[8]
    );
    assert!(seen.iter().all(|&n| n > 0), "{seen:?}");
}
