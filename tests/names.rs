//! A founder's names: renaming the scenario and its components through the model's edits,
//! the file names exports take from the scenario's name, and the list a component is added
//! from, grouped by role and narrowed by what is typed.
#![cfg(not(target_arch = "wasm32"))]

use headroom::model::export::{file_stem, FALLBACK_FILE_STEM};
use headroom::model::limits::MAX_NAME_CHARS;
use headroom::model::presets;
use headroom::model::provider_list::provider_groups;
use headroom::model::{Catalogue, RawScenario, Scenario};

fn starter(cat: &Catalogue) -> RawScenario {
    presets::load("starter-saas", cat)
        .unwrap()
        .unwrap()
        .raw()
        .clone()
}

#[test]
fn a_scenario_takes_a_new_name_without_the_spaces_around_it() {
    let cat = Catalogue::builtin();
    let mut raw = starter(&cat);
    assert_eq!(raw.name, "Starter SaaS on DigitalOcean");
    raw.rename("  Launch plan, Q3  ").unwrap();
    assert_eq!(raw.name, "Launch plan, Q3");
    // The renamed scenario passes the scenario check.
    assert_eq!(
        Scenario::new(raw, &cat).unwrap().raw().name,
        "Launch plan, Q3"
    );
}

#[test]
fn an_empty_or_blank_scenario_name_is_refused_and_the_old_one_kept() {
    let cat = Catalogue::builtin();
    let mut raw = starter(&cat);
    for typed in ["", "   ", "\t\n "] {
        let e = raw.rename(typed).unwrap_err();
        assert_eq!(e.0, "Give the scenario a name, such as “Launch plan”.");
        assert_eq!(raw.name, "Starter SaaS on DigitalOcean");
    }
}

#[test]
fn a_long_scenario_name_is_cut_to_120_characters() {
    assert_eq!(MAX_NAME_CHARS, 120);
    let cat = Catalogue::builtin();
    let mut raw = starter(&cat);
    raw.rename(&"a".repeat(130)).unwrap();
    assert_eq!(raw.name, "a".repeat(120));
    // Characters, not bytes: 125 é (250 bytes) keep 120 é.
    raw.rename(&"é".repeat(125)).unwrap();
    assert_eq!(raw.name.chars().count(), 120);
    assert_eq!(raw.name, "é".repeat(120));
    // 119 x, a space, then "yz": the cut falls after the space, which is dropped.
    raw.rename(&format!("{} yz", "x".repeat(119))).unwrap();
    assert_eq!(raw.name, "x".repeat(119));
}

#[test]
fn a_component_is_renamed_refused_blank_and_capped_the_same_way() {
    let cat = Catalogue::builtin();
    let mut raw = starter(&cat);
    raw.rename_component("host", " API server ").unwrap();
    assert_eq!(raw.component("host").unwrap().name, "API server");
    let e = raw.rename_component("host", "  ").unwrap_err();
    assert_eq!(e.0, "Give the component a name, such as “API server”.");
    assert_eq!(raw.component("host").unwrap().name, "API server");
    raw.rename_component("host", &"b".repeat(500)).unwrap();
    assert_eq!(raw.component("host").unwrap().name, "b".repeat(120));
    assert!(raw.rename_component("nope", "Name").is_err());
    assert!(Scenario::new(raw, &cat).is_ok());
}

#[test]
fn file_names_are_made_from_the_scenario_name() {
    assert_eq!(
        file_stem("Starter SaaS on DigitalOcean"),
        "starter-saas-on-digitalocean"
    );
    assert_eq!(file_stem("Q3 — 2026 plan (v2)"), "q3-2026-plan-v2");
    assert_eq!(file_stem("  Plan <b>A</b>!  "), "plan-b-a-b");
    assert_eq!(file_stem("Founder's plan"), "founders-plan");
    assert_eq!(file_stem("Crème brûlée"), "creme-brulee");
    assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
}

#[test]
fn a_file_name_is_at_most_60_characters_and_never_ends_in_a_dash() {
    // 59 a, a space, "b c": "aaa…a-b-c" is 63 long; cut to 60 it ends "a-", and the dash goes.
    let name = format!("{} b c", "a".repeat(59));
    assert_eq!(file_stem(&name), "a".repeat(59));
    assert_eq!(file_stem(&"z".repeat(200)), "z".repeat(60));
}

#[test]
fn a_name_with_nothing_for_a_file_name_falls_back() {
    assert_eq!(FALLBACK_FILE_STEM, "headroom-scenario");
    for name in ["", "   ", "!!!", "日本語", "—"] {
        assert_eq!(file_stem(name), "headroom-scenario", "{name:?}");
    }
}

#[test]
fn the_add_list_groups_every_provider_by_role_in_the_catalogue_order() {
    let cat = Catalogue::builtin();
    let groups = provider_groups(&cat.with(&[]), "");
    let labels: Vec<&str> = groups.iter().map(|g| g.label.as_str()).collect();
    // Every role of the catalogue that has a provider, in the catalogue's order.
    let expected: Vec<&str> = cat
        .roles
        .iter()
        .filter(|r| cat.providers.iter().any(|p| p.role.as_str() == r.key))
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(labels, expected);
    assert_eq!(&labels[..3], ["Hosting", "Database", "Cache"]);
    let listed: usize = groups.iter().map(|g| g.providers.len()).sum();
    assert_eq!(listed, cat.providers.len());
    let hosting = &groups[0].providers[0];
    assert_eq!(hosting.id, "digitalocean-droplet");
    assert_eq!(hosting.plans, 12);
    assert!(hosting.matching_plans.is_empty());
}

#[test]
fn typing_narrows_the_list_by_provider_role_and_plan_names_ignoring_case() {
    let cat = Catalogue::builtin();
    let lookup = cat.with(&[]);
    let ids = |q: &str| -> Vec<(String, Vec<String>)> {
        provider_groups(&lookup, q)
            .into_iter()
            .flat_map(|g| g.providers)
            .map(|p| (p.id, p.matching_plans))
            .collect()
    };
    // By the provider's name: four providers have Postgres in theirs.
    let postgres: Vec<String> = ids("POSTGRES").into_iter().map(|(id, _)| id).collect();
    assert_eq!(
        postgres,
        [
            "managed-postgres",
            "heroku-postgres",
            "aws-rds-postgres",
            "neon"
        ]
    );
    // By the role: "cache" is the role of Redis alone.
    assert_eq!(ids("Cache"), [("redis".to_string(), vec![])]);
    // By plan names: OpenAI's plans holding both "gpt-5" and "mini".
    assert_eq!(
        ids("gpt-5 MINI"),
        [(
            "openai".to_string(),
            vec!["GPT-5 mini".to_string(), "GPT-5.4 mini".to_string()]
        )]
    );
    // A word of the name and a word of a plan: Supabase's Team plan.
    assert_eq!(
        ids("supabase team"),
        [("supabase".to_string(), vec!["Team".to_string()])]
    );
    assert!(ids("xyzzy").is_empty());
    assert!(provider_groups(&lookup, "xyzzy").is_empty());
}

#[test]
fn a_provider_of_the_founders_own_comes_first_in_its_role() {
    let cat = Catalogue::builtin();
    let mut raw = starter(&cat);
    let pid = raw
        .add_own_provider(&cat, "My vector DB", "vector_store")
        .unwrap();
    let groups = provider_groups(&cat.with(&raw.providers), "vector");
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].label, "Vector store");
    let ids: Vec<(&str, bool)> = groups[0]
        .providers
        .iter()
        .map(|p| (p.id.as_str(), p.own))
        .collect();
    assert_eq!(ids, [(pid.as_str(), true), ("pinecone", false)]);
}
