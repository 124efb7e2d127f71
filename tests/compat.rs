//! What was saved keeps opening: a file, a link and a stored working scenario made by the
//! build before schema 2 (commit bf9e249) open in this one with the same numbers. The
//! figures below were printed by that build from these very fixtures.
#![cfg(not(target_arch = "wasm32"))]

use headroom::model::explain::unpriced_drivers;
use headroom::model::{share, storage, Case, Catalogue, Model, Scenario};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v1");

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("{DIR}/{name}")).unwrap()
}

/// `(users, best, worst)` monthly totals, as the earlier build computed them.
fn assert_totals(m: &Model, want: &[(f64, f64, f64)]) {
    for &(users, best, worst) in want {
        assert_eq!(m.cost_at(users, Case::Best), best, "best case at {users}");
        assert_eq!(
            m.cost_at(users, Case::Worst),
            worst,
            "worst case at {users}"
        );
        let s = m.snapshot(users);
        assert_eq!(
            (s.cost().low, s.cost().high),
            (best, worst),
            "snapshot at {users}"
        );
    }
}

#[test]
fn a_file_of_schema_1_opens_with_the_same_numbers_and_names_its_unpriced_usage() {
    let cat = Catalogue::builtin();
    let s = Scenario::from_json(&read("salesboy-gpt5-mini.json"), &cat).unwrap();
    assert_eq!(s.raw().schema_version, 1);
    // The file names Gemini 2.0 Flash, shut down since; it opens on Gemini 2.5 Flash-Lite
    // and says so. Every use of it in the file carries the guide's own $0.001 a message
    // as a rate override, and the override moves with it, so the totals below, printed by
    // the earlier build, are unchanged: at 100 users in the all-Gemini variant the LLM is
    // 100 × 50 messages × $0.001 = $5 on either model.
    let replaced = s.replaced();
    assert_eq!(replaced.len(), 1);
    assert_eq!(replaced[0].from, "gemini/gemini-2.0-flash");
    assert_eq!(replaced[0].to, "gemini/gemini-2.5-flash-lite");
    assert_eq!(
        replaced[0].message,
        "Gemini 2.0 Flash was shut down on 2026-06-01; this scenario now uses Gemini 2.5 Flash-Lite \
         (Google Gemini API), priced at $0.10 per 1M input tokens, $0.01 per 1M cached input tokens \
         and $0.40 per 1M output tokens."
    );
    assert!(!s.to_json().contains("gemini-2.0-flash"));
    let gemini = s.variant("all-gemini", &cat).unwrap();
    let llm = Model::new(&gemini, &cat).snapshot(100.0);
    let i = gemini
        .raw()
        .components
        .iter()
        .position(|c| c.id == "llm")
        .unwrap();
    assert_eq!(llm.components[i].best.cost_usd, 5.0);
    let w = Model::new(&gemini, &cat).warnings(&llm);
    assert_eq!(w[0].component, i);
    assert_eq!(w[0].message, replaced[0].message);
    let m = Model::new(&s, &cat);
    assert_totals(
        &m,
        &[
            (0.0, 10.0, 10.0),
            (100.0, 120.0, 145.0),
            (1000.0, 345.0, 595.0),
            (2000.0, 595.0986328125, 1095.0986328125),
            (5000.0, 1346.74658203125, 2596.74658203125),
            (100000.0, 25148.931640625, 50148.931640625),
        ],
    );
    // GPT-5 mini is priced per token and the file counts messages: the earlier build
    // costed that usage at $0 without a word. It still does, and now says so.
    let lookup = cat.with(&s.raw().providers);
    let unpriced = unpriced_drivers(s.raw(), &lookup);
    assert_eq!(
        unpriced,
        vec![(
            "LLM replies (Gemini, OpenAI fallback)".to_string(),
            "messages a month".to_string()
        )]
    );
    // The same file written by the current schema is refused, naming the usage.
    let mut raw = s.raw().clone();
    raw.schema_version = headroom::model::scenario::SCENARIO_SCHEMA_VERSION;
    let e = Scenario::new(raw, &cat).unwrap_err().to_string();
    assert!(e.contains("messages a month"), "{e}");
    assert!(e.contains("LLM replies"), "{e}");
}

#[test]
fn a_link_of_schema_1_opens_with_the_same_numbers() {
    let cat = Catalogue::builtin();
    let opened = share::decode(read("blank-with-llm.link").trim(), &cat).unwrap();
    assert_eq!(opened.users, 5000.0);
    let m = Model::new(&opened.scenario, &cat);
    assert_totals(
        &m,
        &[
            (0.0, 4.0, 4.0),
            (100.0, 6.0, 6.0),
            (1000.0, 36.0, 36.0),
            (2000.0, 42.0, 42.0),
            (5000.0, 54.220703125, 54.8310546875),
            (100000.0, 149.4140625, 161.62109375),
        ],
    );
}

#[test]
fn a_stored_working_scenario_of_schema_1_opens_with_the_same_numbers() {
    let cat = Catalogue::builtin();
    let (w, s) = storage::read_working(&read("working-storage.json"), &cat).unwrap();
    assert_eq!(w.users, 3000.0);
    let m = Model::new(&s, &cat);
    assert_totals(
        &m,
        &[
            (0.0, 6.0, 6.0),
            (100.0, 6.0, 6.0),
            (1000.0, 31.0, 31.0),
            (2000.0, 35.0, 39.0),
            (5000.0, 49.0, 49.0),
            (100000.0, 126.103515625, 126.103515625),
        ],
    );
}

#[test]
fn a_schema_1_scenario_edited_into_one_the_current_rules_accept_is_written_in_the_current_schema() {
    let cat = Catalogue::builtin();
    let (w, s) = storage::read_working(&read("working-storage.json"), &cat).unwrap();
    assert_eq!(s.raw().schema_version, 1);
    let mut raw = w.scenario;
    raw.set_users_now(1234.0).unwrap();
    let edited = Scenario::edited(raw, &cat).unwrap();
    assert_eq!(
        edited.raw().schema_version,
        headroom::model::scenario::SCENARIO_SCHEMA_VERSION
    );
    // One whose driver nothing prices stays in its own schema, and stays open.
    let s = Scenario::from_json(&read("salesboy-gpt5-mini.json"), &cat).unwrap();
    let mut raw = s.raw().clone();
    raw.set_users_now(10.0).unwrap();
    assert_eq!(Scenario::edited(raw, &cat).unwrap().raw().schema_version, 1);
}

#[test]
fn a_plan_of_ones_own_saved_with_source_and_as_of_keeps_its_link_and_date() {
    // The build before the catalogue named these fields `source_url` and `checked` wrote a
    // founder's own plan with `source` and `as_of`.
    let cat = Catalogue::builtin();
    let mut raw = headroom::model::presets::load("blank", &cat)
        .unwrap()
        .unwrap()
        .raw()
        .clone();
    raw.add_own_provider(&cat, "Mail", "email").unwrap();
    let text = raw
        .to_json()
        .replace(
            "\"source_url\": \"\"",
            "\"source\": \"https://mail.example/pricing\"",
        )
        .replace("\"checked\": \"\"", "\"as_of\": \"2026-11-02\"");
    assert!(text.contains("\"as_of\""), "{text}");
    let s = Scenario::from_json(&text, &cat).unwrap();
    let offer = &s.raw().providers[0].offers[0];
    assert_eq!(offer.source_url, "https://mail.example/pricing");
    assert_eq!(offer.checked, "2026-11-02");
    let p = offer.provenance(true);
    assert_eq!(p.title, "mail.example");
    assert_eq!(
        p.checked.map(|d| d.to_string()).as_deref(),
        Some("2026-11-02")
    );
}

/// Files made before payment fees, plans, churn, the conversion base and running costs
/// existed have none of them, and keep the revenue they had: users × conversion × price,
/// bit for bit, with no fee, and a timeline whose paying users are that steady share. Read
/// back, they write none of the new fields.
#[test]
fn files_without_the_revenue_fields_keep_their_revenue() {
    let cat = Catalogue::builtin();
    // Salesboy: 100% of users pay $5; the stored starter: 3% pay $12.
    let salesboy = Scenario::from_json(&read("salesboy-gpt5-mini.json"), &cat).unwrap();
    let (_, starter) = storage::read_working(&read("working-storage.json"), &cat).unwrap();
    for (s, conversion, price) in [(salesboy, 100.0, 5.0), (starter, 3.0, 12.0)] {
        let r = &s.raw().revenue;
        assert!(r.fees.is_none() && r.plans.is_empty() && r.churn_pct_per_month.is_zero());
        assert!(s.raw().running_costs.is_empty());
        let json = s.to_json();
        for field in [
            "fees",
            "plans",
            "churn_pct_per_month",
            "conversion_of",
            "running_costs",
        ] {
            assert!(!json.contains(&format!("\"{field}\":")), "{field}");
        }
        let m = Model::new(&s, &cat);
        for users in [0.0, 150.0, 1000.0, 2000.0, 100000.0] {
            let want = users * (conversion / 100.0) * price;
            for case in Case::BOTH {
                assert_eq!(m.revenue_at(users, case), want, "{users}");
                assert_eq!(m.snapshot(users).money[case].revenue_usd, want, "{users}");
                assert_eq!(m.running_usd(case), 0.0);
            }
        }
        let t = headroom::model::Timeline::new(&m);
        for month in &t.months {
            let steady = month.users * (conversion / 100.0);
            assert_eq!(month.money.worst.paying_users, steady);
        }
    }
}

#[test]
fn what_a_file_says_of_its_retired_models_stays_said_after_an_edit() {
    let cat = Catalogue::builtin();
    let s = Scenario::from_json(&read("salesboy-gpt5-mini.json"), &cat).unwrap();
    assert!(!s.replaced().is_empty());
    let mut raw = s.raw().clone();
    raw.users.now = 50.0;
    let edited = s.edit_of(raw, &cat).unwrap();
    assert_eq!(edited.replaced(), s.replaced());
}
