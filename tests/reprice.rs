//! A scenario opened under a later catalogue lists the prices it uses that changed since it
//! was priced, old and new, and the founder can keep the old ones or take today's.
#![cfg(not(target_arch = "wasm32"))]

use headroom::model::edit::PlanChoice;
use headroom::model::reprice::{changes_for, PriceHistory};
use headroom::model::{presets, Case, Catalogue, Model, Range, RawScenario, Scenario};

/// A droplet of 1 GB, fixed, at one user: it runs one unit.
fn droplet(cat: &Catalogue) -> (RawScenario, String) {
    let mut raw = presets::load("blank", cat).unwrap().unwrap().raw().clone();
    raw.components.clear();
    raw.users.now = 1.0;
    let id = raw.add_component(cat, "digitalocean-droplet").unwrap();
    raw.set_tier(
        cat,
        &id,
        PlanChoice::Offer("digitalocean-droplet/s-1vcpu-1gb".into()),
    )
    .unwrap();
    (raw, id)
}

/// Two editions: the earlier priced the 1 GB droplet at $5 and its egress at $0.02/GB with
/// 500 GB included; the later at today's $6, $0.01/GB and 1,000 GB. A change to an offer
/// the scenario does not use is not listed.
fn history() -> PriceHistory {
    serde_json::from_str(
        r#"{"editions":[
            {"edition":"2026-06-01","changes":[]},
            {"edition":"2026-12-01","changes":[
                {"offer":"digitalocean-droplet/s-1vcpu-1gb","what":"price","old":5,"new":6},
                {"offer":"digitalocean-droplet/s-1vcpu-1gb","what":"rate","resource":"egress_gb_per_month","old":0.02,"new":0.01,"old_included":500,"new_included":1000},
                {"offer":"heroku-dyno/basic","what":"price","old":5,"new":7}
            ]}
        ]}"#,
    )
    .unwrap()
}

fn cost(raw: &RawScenario, cat: &Catalogue) -> f64 {
    let s = Scenario::new(raw.clone(), cat).unwrap();
    Model::new(&s, cat).cost_at(1.0, Case::Worst)
}

#[test]
fn a_scenario_priced_with_an_earlier_edition_lists_what_changed_old_and_new() {
    let cat = Catalogue::builtin();
    let (mut raw, _) = droplet(&cat);
    raw.priced_with = Some("2026-06-01".into());
    let s = Scenario::new(raw.clone(), &cat).unwrap();
    let m = Model::new(&s, &cat);
    let changes = changes_for(&m, &raw, &history());
    let words: Vec<&str> = changes.iter().map(|c| c.words.as_str()).collect();
    assert_eq!(words.len(), 2, "{words:?}");
    assert!(words[0].ends_with("$5 → $6 a month"), "{}", words[0]);
    assert!(
        words[1].contains("$0.02 → $0.01") && words[1].contains("(included: 500 → 1,000)"),
        "{}",
        words[1]
    );
    // Priced with the latest edition, or with one the history does not know: nothing.
    raw.priced_with = Some("2026-12-01".into());
    assert!(changes_for(&m, &raw, &history()).is_empty());
    raw.priced_with = Some("2027-03-01".into());
    assert!(changes_for(&m, &raw, &history()).is_empty());
    // Saved before scenarios recorded an edition: every change the history holds.
    raw.priced_with = None;
    assert_eq!(changes_for(&m, &raw, &history()).len(), 2);
}

#[test]
fn keeping_the_saved_prices_makes_them_the_founders_own_and_taking_todays_clears_the_list() {
    let cat = Catalogue::builtin();
    let (mut raw, id) = droplet(&cat);
    raw.priced_with = Some("2026-06-01".into());
    let s = Scenario::new(raw.clone(), &cat).unwrap();
    let m = Model::new(&s, &cat);
    let changes = changes_for(&m, &raw, &history());
    // Today: one unit at $6, no egress driven.
    assert_eq!(cost(&raw, &cat), 6.0);

    let mut kept = raw.clone();
    assert!(kept
        .keep_saved_prices(&changes, "2026-12-01")
        .unwrap()
        .is_empty());
    assert_eq!(kept.priced_with.as_deref(), Some("2026-12-01"));
    let c = kept.component(&id).unwrap();
    assert_eq!(c.price_overrides.len(), 1);
    assert_eq!(c.price_overrides[0].usd_per_month.high, 5.0);
    assert!(c.price_overrides[0].reason.contains("2026-06-01"));
    assert_eq!(c.rate_overrides[0].usd.high, 0.02);
    assert_eq!(c.rate_overrides[0].included, 500.0);
    // The old unit price: one unit at $5.
    assert_eq!(cost(&kept, &cat), 5.0);
    let s = Scenario::new(kept.clone(), &cat).unwrap();
    assert!(changes_for(&Model::new(&s, &cat), &kept, &history()).is_empty());

    let mut today = raw.clone();
    today.take_todays_prices("2026-12-01");
    assert_eq!(cost(&today, &cat), 6.0);
    let s = Scenario::new(today.clone(), &cat).unwrap();
    assert!(changes_for(&Model::new(&s, &cat), &today, &history()).is_empty());
}

#[test]
fn a_price_the_founder_overrode_is_theirs_and_not_listed() {
    let cat = Catalogue::builtin();
    let (mut raw, id) = droplet(&cat);
    raw.priced_with = Some("2026-06-01".into());
    raw.set_price_override(&id, "digitalocean-droplet/s-1vcpu-1gb", Range::exact(4.0))
        .unwrap();
    let s = Scenario::new(raw.clone(), &cat).unwrap();
    let changes = changes_for(&Model::new(&s, &cat), &raw, &history());
    assert_eq!(changes.len(), 1, "only the egress rate: {changes:?}");
}

#[test]
fn the_shipped_history_reads_and_ends_with_this_catalogue() {
    let cat = Catalogue::builtin();
    let h = PriceHistory::shared();
    assert_eq!(h.latest(), Some(cat.as_of.as_str()));
    // Presets are priced with this catalogue: they list nothing.
    for p in presets::PRESETS {
        let s = presets::load(p.id, &cat).unwrap().unwrap();
        assert!(
            changes_for(&Model::new(&s, &cat), s.raw(), h).is_empty(),
            "{}",
            p.id
        );
    }
}

#[test]
fn each_figure_the_history_last_changed_is_the_catalogues_figure_today() {
    use headroom::model::reprice::What;
    let cat = Catalogue::builtin();
    let h = PriceHistory::shared();
    let mut last = std::collections::BTreeMap::new();
    for e in &h.editions {
        for c in &e.changes {
            last.insert((c.offer.clone(), c.what, c.resource.clone()), c);
        }
    }
    for ((offer, what, resource), c) in last {
        // An offer the catalogue no longer has was retired; its replacement is named by
        // the catalogue's list of retired offers.
        let Some((_, o)) = cat.offer(&offer) else {
            continue;
        };
        let today = match what {
            What::Price => o.price_usd_per_month,
            What::Minimum => o.minimum_usd_per_month,
            What::Credit => o.credit_usd_per_month,
            What::Rate => {
                let m = o
                    .metered
                    .iter()
                    .find(|m| m.resource == resource)
                    .unwrap_or_else(|| panic!("{offer} has no {resource} rate"));
                assert_eq!(m.per, c.per, "{offer} {resource} per");
                assert_eq!(m.included, c.new_included, "{offer} {resource} included");
                m.usd
            }
        };
        assert_eq!(today, c.new, "{offer} {what:?} {resource}");
    }
}

#[test]
fn an_edition_this_build_does_not_know_is_said_and_lists_nothing() {
    use headroom::model::reprice::unknown_edition;
    let cat = Catalogue::builtin();
    let (mut raw, _) = droplet(&cat);
    raw.priced_with = Some("2027-03-01".into());
    let said = unknown_edition(&raw, &history()).unwrap();
    assert!(
        said.contains("“2027-03-01”") && said.contains("today's prices"),
        "{said}"
    );
    raw.priced_with = Some("2026-06-01".into());
    assert_eq!(unknown_edition(&raw, &history()), None);
    raw.priced_with = None;
    assert_eq!(unknown_edition(&raw, &history()), None);
}
