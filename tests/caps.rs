//! Every list a scenario can hold has a cap in the one table of limits, and every decoder
//! (a file, a link, stored data) refuses a scenario over one with a message naming the
//! field, the cap and how many it holds; so is a stored or imported user count outside
//! the users' limit. A file of 10,000 usage lines is refused at once.
#![cfg(not(target_arch = "wasm32"))]

use std::time::Instant;

use headroom::model::edit::CostList;
use headroom::model::storage::{self, SavedScenario, Working};
use headroom::model::{limits, presets, share, Catalogue, Range, RawScenario, Scenario};
use serde_json::{json, Value};

fn blank() -> Value {
    serde_json::from_str(
        presets::PRESETS
            .iter()
            .find(|p| p.id == "blank")
            .unwrap()
            .json,
    )
    .unwrap()
}

/// `n` copies of `item`, each given to `each` with its index.
fn many(n: usize, item: Value, each: impl Fn(&mut Value, usize)) -> Value {
    Value::Array(
        (0..n)
            .map(|i| {
                let mut v = item.clone();
                each(&mut v, i);
                v
            })
            .collect(),
    )
}

fn copies(n: usize, item: Value) -> Value {
    many(n, item, |_, _| {})
}

/// The message each decoder gives the scenario `v`: as a file, as a link, stored as the
/// working scenario and as an imported file of stored data. Every one must refuse it.
fn refusals(v: &Value) -> [String; 4] {
    let cat = Catalogue::builtin();
    let text = v.to_string();
    let file = Scenario::from_json(&text, &cat).unwrap_err().to_string();
    let raw: RawScenario = serde_json::from_value(v.clone()).unwrap();
    let link = share::decode(&share::encode(&raw, 100.0, None, &cat), &cat)
        .unwrap_err()
        .to_string();
    let stored = storage::write_working(&Working {
        scenario: raw,
        users: 100.0,
        preset: None,
    });
    let working = storage::read_working(&stored, &cat)
        .unwrap_err()
        .to_string();
    let import = storage::read_import(&stored, &cat).unwrap_err();
    [file, link, working, import]
}

/// Every decoder refuses `v` with `message` in its own words around it.
fn assert_refused(v: &Value, message: &str) {
    let [file, link, working, import] = refusals(v);
    assert_eq!(file, message);
    assert_eq!(
        link,
        format!("The scenario in this link is not valid: {message}")
    );
    assert_eq!(
        working,
        format!("the saved scenario is not valid: {message}")
    );
    assert_eq!(import, message);
}

fn opens(v: &Value) -> Scenario {
    Scenario::from_json(&v.to_string(), &Catalogue::builtin()).unwrap_or_else(|e| panic!("{e}"))
}

/// Sets the field at `path`, a JSON pointer, adding it when the scenario leaves it out.
fn set(v: &mut Value, path: &str, to: Value) {
    let (parent, key) = path.rsplit_once('/').unwrap();
    let parent = if parent.is_empty() {
        v
    } else {
        v.pointer_mut(parent).unwrap()
    };
    parent[key] = to;
}

fn driver() -> Value {
    json!({"resource": "ram_mb", "per": "concurrent_user", "amount": 8})
}

#[test]
fn usage_lines_are_capped_at_32_in_files_of_either_schema() {
    let mut v = blank();
    v["components"][0]["demand"] = copies(limits::MAX_DRIVERS, driver());
    opens(&v);
    v["components"][0]["demand"] = copies(33, driver());
    let message = "components[0].demand: at most 32 usage lines on a component; this one has 33";
    assert_refused(&v, message);
    // A file of schema 1 had no cap; the page of that schema could add no usage line, and
    // its presets had two at most, so it takes the same one.
    v["schema_version"] = json!(1);
    assert_refused(&v, message);
}

#[test]
fn a_file_of_10000_usage_lines_under_1_mb_is_refused_at_once() {
    let cat = Catalogue::builtin();
    for schema in [1, 2] {
        let mut v = blank();
        v["schema_version"] = json!(schema);
        // Each a resource of its own that nothing else asks for: checked one by one, the
        // order they are counted in would take their number cubed.
        v["components"][0]["demand"] = many(10_000, driver(), |d, i| {
            d["resource"] = json!(format!("r{i}"));
        });
        let text = v.to_string();
        assert!(text.len() < 1_048_576, "{} bytes", text.len());
        let start = Instant::now();
        let message = Scenario::from_json(&text, &cat).unwrap_err().to_string();
        let took = start.elapsed();
        assert_eq!(
            message,
            "components[0].demand: at most 32 usage lines on a component; this one has 10,000"
        );
        let start = Instant::now();
        let stored = storage::read_import(
            &format!(r#"{{"schema_version":1,"data":{{"scenario":{text},"users":5}}}}"#),
            &cat,
        )
        .unwrap_err();
        let took_stored = start.elapsed();
        assert_eq!(stored, message);
        println!(
            "10,000 usage lines, schema {schema}, {} KB: refused as a file in {:.1} ms, as stored data in {:.1} ms",
            text.len() / 1024,
            took.as_secs_f64() * 1e3,
            took_stored.as_secs_f64() * 1e3
        );
        // About 35 and 85 ms in a debug build on two idle cores; checked one by one they
        // would take hours, so a bound this loose still catches it on a busy machine.
        assert!(took.as_secs_f64() < 5.0 && took_stored.as_secs_f64() < 5.0);
    }
}

#[test]
fn every_list_of_a_component_is_capped() {
    let cases: [(&str, Value, &str); 8] = [
        (
            "alert_at_pct",
            copies(17, json!(90)),
            "components[0].alert_at_pct: at most 16 alert levels on a component; this one has 17",
        ),
        (
            "capacity_overrides",
            copies(
                65,
                json!({"offer": "digitalocean-droplet/s-1vcpu-1gb", "resource": "ram_mb", "amount": 900}),
            ),
            "components[0].capacity_overrides: at most 64 capacities of your own on a component; this one has 65",
        ),
        (
            "price_overrides",
            copies(
                65,
                json!({"offer": "digitalocean-droplet/s-1vcpu-1gb", "usd_per_month": 5}),
            ),
            "components[0].price_overrides: at most 64 prices of your own on a component; this one has 65",
        ),
        (
            "rate_overrides",
            copies(
                65,
                json!({"offer": "digitalocean-droplet/s-1vcpu-1gb", "resource": "ram_mb", "usd": 1}),
            ),
            "components[0].rate_overrides: at most 64 rates of your own on a component; this one has 65",
        ),
        (
            "policy",
            json!({"kind": "auto", "offers": copies(65, json!("digitalocean-droplet/s-1vcpu-1gb"))}),
            "components[0].policy.offers: at most 64 plans to upgrade between; this one has 65",
        ),
        (
            "policy",
            json!({"kind": "staged", "steps": many(65, json!({"offer": "digitalocean-droplet/s-1vcpu-1gb"}), |s, i| {
                s["from_users"] = json!(i * 10);
            })}),
            "components[0].policy.steps: at most 64 steps in a staged plan; this one has 65",
        ),
        (
            "policy",
            json!({"kind": "mix", "parts": copies(8, json!({"offer": "digitalocean-droplet/s-1vcpu-1gb"}))}),
            "components[0].policy.parts: at most 7 parts in a mix; this one has 8",
        ),
        (
            "demand",
            copies(40, driver()),
            "components[0].demand: at most 32 usage lines on a component; this one has 40",
        ),
    ];
    for (field, list, message) in cases {
        let mut v = blank();
        v["components"][0][field] = list;
        assert_refused(&v, message);
    }
    // At their caps, they open.
    let mut v = blank();
    v["components"][0]["alert_at_pct"] = copies(limits::MAX_ALERTS, json!(90));
    v["components"][0]["price_overrides"] = copies(
        limits::MAX_OVERRIDES,
        json!({"offer": "digitalocean-droplet/s-1vcpu-1gb", "usd_per_month": 5}),
    );
    v["components"][0]["policy"] = json!({"kind": "staged", "steps": many(
        limits::MAX_POLICY_OFFERS,
        json!({"offer": "digitalocean-droplet/s-1vcpu-1gb"}),
        |s, i| s["from_users"] = json!(i * 10),
    )});
    let s = opens(&v);
    assert_eq!(s.raw().components[0].price_overrides.len(), 64);
}

#[test]
fn every_list_of_a_scenario_is_capped() {
    let host = blank()["components"][0].clone();
    let milestone = json!({"month": 1, "users": 100});
    let cases: Vec<(&str, Value, String)> = vec![
        (
            "/components",
            many(65, host.clone(), |c, i| c["id"] = json!(format!("c{i}"))),
            "components: at most 64 components in a stack; this one has 65".into(),
        ),
        (
            "/users/growth",
            json!({"kind": "milestones", "points": many(121, milestone, |m, i| m["month"] = json!((i + 1) as f64 * 0.5))}),
            "users.growth.points: at most 120 milestones on the growth curve; this one has 121"
                .into(),
        ),
        (
            "/revenue/what_if_prices_usd",
            copies(17, json!(12)),
            "revenue.what_if_prices_usd: at most 16 what-if prices in a scenario; this one has 17"
                .into(),
        ),
        (
            "/revenue/plans",
            copies(
                33,
                json!({"name": "Pro", "share_pct": 0, "price_usd": 9, "billing": "monthly"}),
            ),
            "revenue.plans: at most 32 plans paying users can be on in a scenario; this one has 33"
                .into(),
        ),
        (
            "/running_costs",
            copies(33, json!({"name": "Team", "usd_per_month": 100})),
            "running_costs: at most 32 running costs in a scenario; this one has 33".into(),
        ),
        (
            "/one_time_costs",
            copies(33, json!({"name": "Set-up", "usd": 100})),
            "one_time_costs: at most 32 one-time costs in a scenario; this one has 33".into(),
        ),
        (
            "/audit",
            copies(
                65,
                json!({"topic": "ROI", "guide_says": "10x", "explanation": "It counts revenue twice."}),
            ),
            "audit: at most 64 notes on a guide's figures in a scenario; this one has 65".into(),
        ),
        (
            "/variants",
            many(33, json!({"name": "Other"}), |v, i| {
                v["id"] = json!(format!("v{i}"))
            }),
            "variants: at most 32 other versions of the stack in a scenario; this one has 33"
                .into(),
        ),
        (
            "/variants",
            json!([{"id": "v", "name": "Other", "components": many(65, host.clone(), |c, i| c["id"] = json!(format!("c{i}")))}]),
            "variants[0].components: at most 64 components in a stack; this one has 65".into(),
        ),
        (
            "/variants",
            json!([{"id": "v", "name": "Other", "remove_components": copies(65, json!("app"))}]),
            "variants[0].remove_components: at most 64 components a version of the stack does without; this one has 65".into(),
        ),
    ];
    for (path, list, message) in cases {
        let mut v = blank();
        set(&mut v, path, list);
        assert_refused(&v, &message);
    }
}

fn own_provider() -> Value {
    json!({"id": "own-1", "name": "Mine", "role": "host", "offers": [
        {"id": "plan-1", "name": "Plan 1", "price_usd_per_month": 5, "capacity": {"ram_mb": 1024}}
    ]})
}

#[test]
fn every_list_of_a_providers_own_is_capped() {
    let cases: [(&str, Value, &str); 6] = [
        (
            "/providers",
            many(17, own_provider(), |p, i| p["id"] = json!(format!("own-{i}"))),
            "providers: at most 16 providers of your own in a scenario; this one has 17",
        ),
        (
            "/providers/0/offers",
            many(33, own_provider()["offers"][0].clone(), |o, i| {
                o["id"] = json!(format!("plan-{i}"))
            }),
            "providers[0].offers: at most 32 plans on a provider of your own; this one has 33",
        ),
        (
            "/providers/0/meters",
            copies(33, driver()),
            "providers[0].meters: at most 32 usage lines a provider of your own starts a component with; this one has 33",
        ),
        (
            "/providers/0/official_domains",
            copies(17, json!("example.com")),
            "providers[0].official_domains: at most 16 web sites of a provider of your own; this one has 17",
        ),
        (
            "/providers/0/offers/0/metered",
            copies(33, json!({"resource": "ram_mb", "usd": 1})),
            "providers[0].offers[0]: at most 32 things a plan holds or charges for; this one has 34",
        ),
        (
            "/providers/0/offers/0/metered",
            json!([{"resource": "ram_mb", "tiers": copies(33, json!({"usd": 1}))}]),
            "providers[0].offers[0].metered[0].tiers: at most 32 tiers on a rate; this one has 33",
        ),
    ];
    for (path, list, message) in cases {
        let mut v = blank();
        v["providers"] = json!([own_provider()]);
        set(&mut v, path, list);
        assert_refused(&v, message);
    }
}

#[test]
fn the_page_adds_no_more_than_the_check_opens() {
    let cat = Catalogue::builtin();
    let mut raw = Scenario::from_json(&blank().to_string(), &cat)
        .unwrap()
        .raw()
        .clone();
    for _ in 0..limits::MAX_REVENUE_LINES {
        raw.add_cost(CostList::OneTime, "Set-up", Range::exact(100.0))
            .unwrap();
        raw.add_cost(CostList::Running, "Team", Range::exact(100.0))
            .unwrap();
        raw.add_plan().unwrap();
    }
    assert!(raw
        .add_cost(CostList::OneTime, "One more", Range::exact(1.0))
        .is_err());
    assert!(raw.add_plan().is_err());
    while raw.components.len() < limits::MAX_COMPONENTS {
        raw.add_component(&cat, "digitalocean-droplet").unwrap();
    }
    assert!(raw.add_component(&cat, "digitalocean-droplet").is_err());
    let s = Scenario::new(raw, &cat).unwrap();
    assert_eq!(s.raw().one_time_costs.len(), 32);
    assert_eq!(s.raw().components.len(), 64);
}

fn stored_users(users: f64) -> String {
    let cat = Catalogue::builtin();
    let raw = Scenario::from_json(&blank().to_string(), &cat)
        .unwrap()
        .raw()
        .clone();
    storage::write_working(&Working {
        scenario: raw,
        users,
        preset: None,
    })
}

#[test]
fn a_stored_or_imported_user_count_outside_the_users_limit_is_refused() {
    let cat = Catalogue::builtin();
    let text = stored_users(1e308);
    assert_eq!(
        storage::read_working(&text, &cat).unwrap_err().to_string(),
        "the saved user count, 1e308, is not between 0 and 10,000,000,000 users"
    );
    assert_eq!(
        storage::read_import(&text, &cat).unwrap_err(),
        "the user count in it, 1e308, is not between 0 and 10,000,000,000 users; export the scenario again from the Headroom it came from"
    );
    assert_eq!(
        storage::read_working(&stored_users(-3.0), &cat)
            .unwrap_err()
            .to_string(),
        "the saved user count, −3, is not between 0 and 10,000,000,000 users"
    );
    assert_eq!(
        storage::read_working(&stored_users(10_000_000_001.0), &cat)
            .unwrap_err()
            .to_string(),
        "the saved user count, 10,000,000,001, is not between 0 and 10,000,000,000 users"
    );
    // At the limit it opens, and the import shows it at the stored count.
    let (w, _) = storage::read_working(&stored_users(1e10), &cat).unwrap();
    assert_eq!(w.users, 1e10);
    let (_, users) = storage::read_import(&stored_users(1e10), &cat).unwrap();
    assert_eq!(users, 1e10);
    // A saved list keeps the entry aside rather than opening it.
    let raw: RawScenario = serde_json::from_value(blank()).unwrap();
    let entry = |users: f64| SavedScenario {
        name: "Plan".into(),
        scenario: raw.clone(),
        users,
    };
    let list = storage::write_saved(&[entry(1e308), entry(500.0)]);
    let (good, bad) = storage::read_saved(&list, &cat).unwrap();
    assert_eq!(good, vec![entry(500.0)]);
    assert_eq!(bad.len(), 1);
    assert_eq!(bad, vec![serde_json::to_string(&entry(1e308)).unwrap()]);
}

#[test]
fn an_imported_envelope_says_what_is_wrong_with_its_scenario() {
    let cat = Catalogue::builtin();
    let mut v = blank();
    v["users"]["now"] = json!(1e308);
    let text = format!(r#"{{"schema_version":1,"data":{{"scenario":{v},"users":5}}}}"#);
    assert_eq!(
        storage::read_import(&text, &cat).unwrap_err(),
        "users.now: must be between 0 and 1e10 (got 1e308)"
    );
    assert_eq!(
        storage::read_import(r#"{"schema_version":9,"data":{}}"#, &cat).unwrap_err(),
        "the saved data was written by a newer Headroom (storage version 9); open it in that Headroom, or export it from there as a scenario"
    );
    // A bare file is read as a scenario, at its own users.
    let (s, users) = storage::read_import(&blank().to_string(), &cat).unwrap();
    assert_eq!((users, s.raw().users.now), (100.0, 100.0));
}

#[test]
fn json_nested_past_any_scenario_is_refused_at_once_without_running_out_of_stack() {
    let cat = Catalogue::builtin();
    // 200,000 brackets, and 10,000 around a number: the reader stops at 128 levels.
    let deep = "[".repeat(200_000);
    let mut v = blank();
    v["users"]["now"] = json!(0);
    let inside = v.to_string().replacen(
        "\"now\":0",
        &format!("\"now\":{}1{}", "[".repeat(10_000), "]".repeat(10_000)),
        1,
    );
    let start = Instant::now();
    assert_eq!(
        Scenario::from_json(&deep, &cat).unwrap_err().to_string(),
        "this file is JSON but not a Headroom scenario: it holds a list, not a scenario's fields. Export a scenario from Headroom and import that file."
    );
    assert_eq!(
        Scenario::from_json(&inside, &cat).unwrap_err().to_string(),
        "in this file, the field “users.now” must be a number; it is a list."
    );
    let link = format!("s=1.{}", share::base64url_encode(inside.as_bytes()));
    assert_eq!(
        share::decode(&link, &cat).unwrap_err().to_string(),
        "In this link, the field “users.now” must be a number; it is a list."
    );
    for text in [&deep, &inside] {
        assert!(storage::read_working(text, &cat).is_err());
        assert!(storage::read_saved(text, &cat).is_err());
        assert!(storage::read_import(text, &cat).is_err());
    }
    let took = start.elapsed().as_secs_f64();
    println!(
        "JSON nested 200,000 and 10,000 deep: refused by every decoder in {:.0} ms",
        took * 1e3
    );
}
