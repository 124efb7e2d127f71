//! A founder's own stack, built with the model's edits as the page makes them: drivers
//! counted per unit of another, a provider of their own, $0 that says why, usage nothing
//! prices refused by name, and round trips through a file, a link and storage.
#![cfg(not(target_arch = "wasm32"))]

use headroom::model::catalogue::{Metered, Overage};
use headroom::model::edit::{blank_offer, PlanChoice};
use headroom::model::explain::{resource_uses, zero_reason};
use headroom::model::presets;
use headroom::model::scenario::{RateOverride, RawScenario, SCENARIO_SCHEMA_VERSION};
use headroom::model::storage::{self, Working};
use headroom::model::usage::Basis;
use headroom::model::{share, Case, Catalogue, Model, Range, Scenario};

mod common;
use common::{driver, empty};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// An LLM component on GPT-5 mini counting tokens per message, built with the edits as
/// the page makes them: the provider's meters, the cached tokens taken out, the rest set.
fn llm_stack(cat: &Catalogue) -> (RawScenario, String) {
    let mut raw = empty();
    let id = raw.add_component(cat, "openai").unwrap();
    raw.set_tier(cat, &id, PlanChoice::Offer("openai/gpt-5-mini".into()))
        .unwrap();
    let at = |raw: &RawScenario, r: &str| {
        raw.component(&id)
            .unwrap()
            .demand
            .iter()
            .position(|d| d.resource == r)
            .unwrap()
    };
    let cached = at(&raw, "cached_input_tokens_per_month");
    assert_eq!(
        raw.remove_driver(cat, &id, cached).unwrap(),
        Vec::<String>::new()
    );
    for (r, amount) in [
        ("messages_per_month", 30.0),
        ("input_tokens_per_month", 1000.0),
        ("output_tokens_per_month", 300.0),
    ] {
        let j = at(&raw, r);
        raw.set_driver_amount(&id, j, Range::exact(amount)).unwrap();
    }
    let d = &raw.component(&id).unwrap().demand;
    assert_eq!(d.len(), 3);
    assert_eq!(d[at(&raw, "messages_per_month")].per, Basis::ActiveUser);
    (raw, id)
}

#[test]
fn taking_out_messages_takes_the_tokens_per_message_and_putting_them_back_brings_them() {
    let cat = Catalogue::builtin();
    let mut raw = empty();
    let id = raw.add_component(&cat, "openai").unwrap();
    // Removing the last driver counted per message leaves messages counting nothing, and
    // no plan charges per message: it goes too, by name.
    for r in ["input_tokens_per_month", "cached_input_tokens_per_month"] {
        let j = raw.components[0]
            .demand
            .iter()
            .position(|d| d.resource == r)
            .unwrap();
        assert!(raw.remove_driver(&cat, &id, j).unwrap().is_empty());
    }
    let out = raw.components[0]
        .demand
        .iter()
        .position(|d| d.resource == "output_tokens_per_month")
        .unwrap();
    assert_eq!(
        raw.remove_driver(&cat, &id, out).unwrap(),
        vec!["messages a month".to_string()]
    );
    assert!(raw.components[0].demand.is_empty());
    Scenario::new(raw.clone(), &cat).unwrap();
    // Adding messages back brings the meters counted per message, at typical amounts.
    let added = raw
        .add_driver(
            &cat,
            &id,
            driver("messages_per_month", Basis::ActiveUser, 30.0),
        )
        .unwrap();
    assert_eq!(
        added,
        vec![
            "input tokens a month".to_string(),
            "cached input tokens a month".to_string(),
            "output tokens a month".to_string()
        ]
    );
    Scenario::new(raw, &cat).unwrap();
}

#[test]
fn a_driver_cannot_count_per_itself() {
    let cat = Catalogue::builtin();
    let mut raw = empty();
    let id = raw.add_component(&cat, "vercel").unwrap();
    let e = raw
        .add_driver(
            &cat,
            &id,
            driver(
                "function_invocations_per_month",
                Basis::Resource("function_invocations_per_month".into()),
                2.0,
            ),
        )
        .unwrap_err();
    assert!(e.to_string().contains("per unit of itself"), "{e}");
}

#[test]
fn extra_seats_are_a_fee_the_usage_credit_does_not_pay() {
    let cat = Catalogue::builtin();
    let mut raw = empty();
    let id = raw.add_component(&cat, "vercel").unwrap();
    let seats = raw.components[0]
        .demand
        .iter()
        .position(|d| d.resource == "seats")
        .unwrap();
    raw.set_driver_amount(&id, seats, Range::exact(3.0))
        .unwrap();
    let m = Model::new(&Scenario::new(raw, &cat).unwrap(), &cat);
    // Pro: $20 with the first seat, 2 more × $20 = $40 outside the credit. At 1,000 users
    // (500 active) the usage is $0.117 (0.5 CPU-hours × $0.128 + 5 GB-hours × $0.0106),
    // inside the $20 credit: $60.
    assert!(close(m.cost_at(1000.0, Case::Worst), 60.0));
}

#[test]
fn tokens_per_message_turn_messages_into_a_token_bill() {
    let cat = Catalogue::builtin();
    let (raw, _) = llm_stack(&cat);
    let s = Scenario::new(raw, &cat).unwrap();
    let m = Model::new(&s, &cat);
    // 1,000 users × 50% active × 30 messages = 15,000 messages a month;
    // × 1,000 input tokens = 15M input tokens × $0.25 per 1M = $3.75;
    // × 300 output tokens = 4.5M output tokens × $2.00 per 1M = $9.00; total $12.75.
    let snap = m.snapshot(1000.0);
    for case in Case::BOTH {
        assert!(close(m.cost_at(1000.0, case), 12.75), "{case:?}");
    }
    let uses = resource_uses(&m, &snap, 0);
    let input = uses
        .iter()
        .find(|u| u.resource == "input_tokens_per_month")
        .unwrap();
    assert!(close(input.demand.high, 15e6));
    assert!(close(input.charge.unwrap().high, 3.75));
    // At 10,000 users: ten times the messages, ten times the bill.
    assert!(close(m.cost_at(10_000.0, Case::Worst), 127.5));
}

#[test]
fn usage_nothing_prices_is_refused_by_name_in_a_file_and_in_an_edit() {
    let cat = Catalogue::builtin();
    let mut raw = empty();
    let id = raw.add_component(&cat, "supabase").unwrap();
    // A typo: `db_gb` for `db_mb`.
    let e = raw
        .add_driver(&cat, &id, driver("db_gb", Basis::User, 1.0))
        .unwrap_err()
        .to_string();
    assert!(e.contains("db gb") && e.contains("Supabase"), "{e}");
    assert!(e.contains("database (MB)"), "names what it does price: {e}");
    // The same typo in an imported file of the current schema.
    raw.components[0]
        .demand
        .push(driver("db_gb", Basis::User, 1.0));
    assert_eq!(raw.schema_version, SCENARIO_SCHEMA_VERSION);
    let e = Scenario::from_json(&raw.to_json(), &cat)
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("components[0].demand["), "{e}");
    assert!(e.contains("db gb") && e.contains("Supabase"), "{e}");
}

#[test]
fn a_component_at_zero_says_why() {
    let cat = Catalogue::builtin();
    let mut raw = empty();
    // Supabase on its free plan with 0.2 MB per user: 500 MB ÷ 0.2 = 2,500 users fit.
    let db = raw.add_component(&cat, "supabase").unwrap();
    raw.set_tier(&cat, &db, PlanChoice::Offer("supabase/free".into()))
        .unwrap();
    raw.components[0].demand = vec![driver("db_mb", Basis::User, 0.2)];
    // An LLM with no usage at all.
    let llm = raw.add_component(&cat, "openai").unwrap();
    raw.remove_driver(&cat, &llm, 0).unwrap();
    assert!(raw.components[1].demand.is_empty());
    raw.set_tier(&cat, &llm, PlanChoice::Offer("openai/gpt-5-mini".into()))
        .unwrap();
    let s = Scenario::new(raw, &cat).unwrap();
    let m = Model::new(&s, &cat);
    let snap = m.snapshot(1000.0);
    let free = zero_reason(&m, &snap, 0).unwrap();
    assert_eq!(
        free,
        "$0: Supabase Free is free up to 2,500 users; past that it must upgrade."
    );
    let none = zero_reason(&m, &snap, 1).unwrap();
    assert!(none.contains("no usage is set"), "{none}");
    // Past 2,500 users the free plan is over its limit, and the component is not $0 for
    // no reason: it is flagged over a hard limit instead.
    let past = m.snapshot(3000.0);
    assert!(past.components[0][Case::Worst].over_limit);
}

#[test]
fn changing_the_provider_keeps_what_it_prices_and_says_what_it_dropped() {
    let cat = Catalogue::builtin();
    let mut raw = empty();
    let id = raw.add_component(&cat, "supabase").unwrap();
    raw.components[0].demand = vec![
        driver("db_mb", Basis::User, 2.0),
        driver("mau", Basis::ActiveUser, 1.0),
    ];
    let change = raw.set_provider(&cat, &id, "heroku-postgres").unwrap();
    let c = raw.component(&id).unwrap();
    assert!(c.demand.iter().any(|d| d.resource == "db_mb"));
    assert!(!c.demand.iter().any(|d| d.resource == "mau"));
    assert_eq!(change.dropped, vec!["monthly active users".to_string()]);
    assert!(change.describe().unwrap().contains("monthly active users"));
    Scenario::new(raw, &cat).unwrap();
}

#[test]
fn a_minimum_is_a_floor_and_a_credit_pays_for_usage() {
    let cat = Catalogue::builtin();
    let mut raw = empty();
    let pid = raw
        .add_own_provider(&cat, "My vector DB", "vector_store")
        .unwrap();
    let mut offer = blank_offer("plan-1", "Standard");
    offer.minimum_usd_per_month = Range::exact(50.0);
    offer.metered.push(Metered {
        resource: "vectors".into(),
        usd: Range::exact(2.0),
        per: 1e6,
        included: 0.0,
        tiers: Vec::new(),
        overage: Overage::Billed,
        fee: false,
    });
    raw.set_own_offer(&cat, &pid, offer).unwrap();
    let id = raw.add_component(&cat, &pid).unwrap();
    raw.add_driver(&cat, &id, driver("vectors", Basis::User, 10_000.0))
        .unwrap();
    let s = Scenario::new(raw.clone(), &cat).unwrap();
    let m = Model::new(&s, &cat);
    // 1,000 users × 10,000 vectors = 10M vectors × $2 per 1M = $20 of usage: the $50
    // minimum is billed. 5,000 users: 50M × $2/M = $100, over the minimum: $100.
    assert!(close(m.cost_at(1000.0, Case::Worst), 50.0));
    assert!(close(m.cost_at(5000.0, Case::Worst), 100.0));
    // A $30 credit instead of the minimum: $20 of usage is covered, $100 bills $70.
    let mut offer = raw.providers[0].offers[0].clone();
    offer.minimum_usd_per_month = Range::exact(0.0);
    offer.credit_usd_per_month = Range::exact(30.0);
    offer.price_usd_per_month = Range::exact(5.0);
    raw.set_own_offer(&cat, &pid, offer).unwrap();
    let m = Model::new(&Scenario::new(raw, &cat).unwrap(), &cat);
    // $5 fee + max(0, $20 − $30) = $5; $5 + max(0, $100 − $30) = $75.
    assert!(close(m.cost_at(1000.0, Case::Worst), 5.0));
    assert!(close(m.cost_at(5000.0, Case::Worst), 75.0));
}

#[test]
fn auto_upgrade_moves_between_a_founders_own_plans() {
    let cat = Catalogue::builtin();
    let mut raw = empty();
    let pid = raw.add_own_provider(&cat, "My host", "host").unwrap();
    let mut small = blank_offer("plan-1", "Small");
    small.price_usd_per_month = Range::exact(10.0);
    small.capacity.insert("ram_mb".into(), Range::exact(1000.0));
    small.source_url = "https://example.com/pricing".into();
    small.checked = "2026-12-01".into();
    raw.set_own_offer(&cat, &pid, small).unwrap();
    let big_ref = raw.add_own_offer(&cat, &pid).unwrap();
    let mut big = raw.providers[0].offers[1].clone();
    big.name = "Big".into();
    big.price_usd_per_month = Range::exact(40.0);
    big.capacity.insert("ram_mb".into(), Range::exact(8000.0));
    raw.set_own_offer(&cat, &pid, big).unwrap();
    let id = raw.add_component(&cat, &pid).unwrap();
    raw.add_driver(&cat, &id, driver("ram_mb", Basis::ConcurrentUser, 10.0))
        .unwrap();
    let s = Scenario::new(raw.clone(), &cat).unwrap();
    let m = Model::new(&s, &cat);
    // 1,000 users × 50% × 10% = 50 online × 10 MB = 500 MB: under 80% of 1,000, Small, $10.
    assert!(close(m.cost_at(1000.0, Case::Worst), 10.0));
    // 2,000 users: 100 online × 10 MB = 1,000 MB, over 800 usable: Big, $40.
    assert!(close(m.cost_at(2000.0, Case::Worst), 40.0));
    let snap = m.snapshot(2000.0);
    let a = snap.components[0][Case::Worst].allocations[0];
    assert_eq!(m.components[0].candidates[a.candidate].offer_ref, big_ref);
}

/// A scenario with edited drivers, an override with its own allowance, and a provider of
/// the founder's own: it must give identical answers after every round trip.
fn edited() -> RawScenario {
    let cat = Catalogue::builtin();
    let (mut raw, llm) = llm_stack(&cat);
    raw.set_driver_amount(&llm, 0, Range::new(20.0, 40.0))
        .unwrap();
    raw.set_rate_override(
        &llm,
        RateOverride {
            offer: "openai/gpt-5-mini".into(),
            resource: "output_tokens_per_month".into(),
            usd: Range::new(1.8, 2.2),
            per: 1e6,
            included: 1e6,
            reason: "negotiated".into(),
        },
    )
    .unwrap();
    let pid = raw
        .add_own_provider(&cat, "Gateway Co", "messaging")
        .unwrap();
    let mut offer = blank_offer("plan-1", "Starter");
    offer.price_usd_per_month = Range::exact(15.0);
    offer.metered.push(Metered {
        resource: "messages_per_month".into(),
        usd: Range::new(0.002, 0.003),
        per: 1.0,
        included: 5000.0,
        tiers: Vec::new(),
        overage: Overage::Billed,
        fee: false,
    });
    raw.set_own_offer(&cat, &pid, offer).unwrap();
    let gw = raw.add_component(&cat, &pid).unwrap();
    raw.add_driver(&cat, &gw, driver("messages_per_month", Basis::User, 12.0))
        .unwrap();
    raw
}

fn answers(s: &Scenario, cat: &Catalogue) -> Vec<u64> {
    let m = Model::new(s, cat);
    [0.0, 10.0, 1000.0, 2500.0, 1e5]
        .iter()
        .flat_map(|&u| {
            let snap = m.snapshot(u);
            let mut out = vec![snap.cost().low.to_bits(), snap.cost().high.to_bits()];
            for c in &snap.components {
                out.push(c[Case::Best].cost_usd.to_bits());
                out.push(c[Case::Worst].cost_usd.to_bits());
            }
            out
        })
        .collect()
}

#[test]
fn edited_drivers_and_own_offers_survive_a_file_a_link_and_storage() {
    let cat = Catalogue::builtin();
    let raw = edited();
    let s = Scenario::new(raw.clone(), &cat).unwrap();
    let want = answers(&s, &cat);
    // The gateway: 1,000 users × 12 = 12,000 messages, 5,000 included: 7,000 × $0.002–0.003
    // = $14–21, plus $15 = $29–36.
    let m = Model::new(&s, &cat);
    let snap = m.snapshot(1000.0);
    assert!(close(snap.components[1][Case::Best].cost_usd, 29.0));
    assert!(close(snap.components[1][Case::Worst].cost_usd, 36.0));
    // A JSON export and import.
    let file = Scenario::from_json(&s.to_json(), &cat).unwrap();
    assert_eq!(file.raw(), s.raw());
    assert_eq!(answers(&file, &cat), want);
    // A link.
    let link = share::encode(s.raw(), 1000.0, None, &cat);
    let opened = share::decode(&link, &cat).unwrap();
    assert_eq!(answers(&opened.scenario, &cat), want);
    // A reload from storage.
    let stored = storage::write_working(&Working {
        scenario: s.raw().clone(),
        users: 1000.0,
        preset: None,
    });
    let (_, back) = storage::read_working(&stored, &cat).unwrap();
    assert_eq!(back.raw(), s.raw());
    assert_eq!(answers(&back, &cat), want);
}

#[test]
fn counting_vectors_per_user_instead_of_per_document_drops_the_unused_documents() {
    let cat = Catalogue::builtin();
    let mut raw = empty();
    let id = raw.add_component(&cat, "pinecone").unwrap();
    let vectors = raw.components[0]
        .demand
        .iter()
        .position(|d| d.resource == "vectors")
        .unwrap();
    assert_eq!(
        raw.components[0].demand[vectors].per,
        Basis::Resource("documents".into())
    );
    let removed = raw
        .set_driver_basis(&cat, &id, vectors, Basis::User)
        .unwrap();
    assert_eq!(removed, vec!["documents".to_string()]);
    assert!(!raw.components[0]
        .demand
        .iter()
        .any(|d| d.resource == "documents"));
    Scenario::new(raw, &cat).unwrap();
}

#[test]
fn no_component_of_any_preset_or_provider_costs_zero_without_saying_why() {
    let cat = Catalogue::builtin();
    let mut scenarios: Vec<Scenario> = presets::PRESETS
        .iter()
        .map(|p| presets::load(p.id, &cat).unwrap().unwrap())
        .collect();
    for p in &cat.providers {
        let mut raw = empty();
        raw.add_component(&cat, &p.id).unwrap();
        scenarios.push(Scenario::new(raw, &cat).unwrap());
    }
    let mut zero = 0;
    for s in &scenarios {
        let m = Model::new(s, &cat);
        for users in [0.0, 1.0, 100.0, 1000.0, 50_000.0, 1e7] {
            let snap = m.snapshot(users);
            for (i, c) in snap.components.iter().enumerate() {
                let free = c.iter().all(|st| st.cost_usd == 0.0);
                let why = zero_reason(&m, &snap, i);
                if free {
                    zero += 1;
                    let why = why.unwrap_or_else(|| {
                        panic!(
                            "{}: {} is $0 at {users} users, unexplained",
                            s.raw().name,
                            m.components[i].name
                        )
                    });
                    assert!(why.starts_with("$0: "), "{why}");
                    // The reason names the plan it runs (or says it runs none), and never
                    // quotes an allowance of nothing.
                    let runs = c[Case::Worst].allocations.first().map(|a| {
                        let cand = &m.components[i].candidates[a.candidate];
                        format!("{} {}", cand.provider, cand.offer)
                    });
                    match runs {
                        Some(offer) => assert!(why.contains(&offer), "{why} names {offer}"),
                        None => assert!(why.contains("not used"), "{why}"),
                    }
                    assert!(!why.contains(" the 0 "), "{why}");
                } else {
                    assert_eq!(why, None, "{} costs something", m.components[i].name);
                }
            }
        }
    }
    assert!(zero > 20, "the sweep meets free components ({zero})");
}

#[test]
fn a_vector_store_added_in_the_page_upgrades_itself_past_its_free_plan() {
    let cat = Catalogue::builtin();
    let mut raw = empty();
    raw.add_component(&cat, "pinecone").unwrap();
    let m = Model::new(&Scenario::new(raw, &cat).unwrap(), &cat);
    let runs = |users: f64| {
        let s = m.snapshot(users);
        let a = s.components[0][Case::Worst].allocations[0];
        m.components[0].candidates[a.candidate].offer_ref.clone()
    };
    // 100 vectors a user: Starter holds 280,000, 224,000 at 80%: 2,240 users.
    assert_eq!(runs(2000.0), "pinecone/starter");
    // 5,000 users: 500,000 vectors, under 80% of Builder's 1,400,000: Builder, $20.
    assert_eq!(runs(5000.0), "pinecone/builder");
    assert!(close(m.cost_at(5000.0, Case::Worst), 20.0));
    // 20,000 users: 2M vectors, past Builder: Standard. 2M × $2.3562/M = $4.71; 300,000
    // queries × 1 RU = 300K × $16/M = $4.80; 800,000 WU × $4/M = $3.20: $12.71, under the
    // $50 minimum.
    assert_eq!(runs(20_000.0), "pinecone/standard");
    assert!(close(m.cost_at(20_000.0, Case::Worst), 50.0));
}

#[test]
fn a_plan_of_ones_own_needs_a_link_and_a_date_as_people_write_them() {
    let cat = Catalogue::builtin();
    let mut raw = empty();
    let pid = raw.add_own_provider(&cat, "Mine", "email").unwrap();
    let mut offer = raw.providers[0].offers[0].clone();
    offer.source_url = "ftp://example".into();
    let e = raw.set_own_offer(&cat, &pid, offer.clone()).unwrap_err();
    assert!(e.to_string().contains("https://"), "{e}");
    offer.source_url = "https://example.com/pricing".into();
    offer.checked = "1 Dec".into();
    let e = raw.set_own_offer(&cat, &pid, offer.clone()).unwrap_err();
    assert!(e.to_string().contains("YYYY-MM-DD"), "{e}");
    offer.checked = "2026-12-01".into();
    raw.set_own_offer(&cat, &pid, offer).unwrap();
    // The same rule holds for a file.
    raw.providers[0].offers[0].checked = "2026-13-01".into();
    let e = Scenario::new(raw, &cat).unwrap_err().to_string();
    assert!(e.contains("providers[0].offers[0].checked"), "{e}");
}
