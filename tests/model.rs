//! Native tests of the model against hand-worked values.

use headroom::model::presets::{self, DEFAULT_PRESET, PRESETS};
use headroom::model::{Case, Catalogue, Model};

fn starter() -> Model {
    let cat = Catalogue::builtin();
    let s = presets::load(DEFAULT_PRESET, &cat).unwrap().unwrap();
    Model::new(&s, &cat)
}

#[test]
fn every_preset_checks_against_the_catalogue() {
    let cat = Catalogue::builtin();
    for p in PRESETS {
        if let Err(e) = presets::load(p.id, &cat).unwrap() {
            panic!("preset {}: {e}", p.id);
        }
    }
}

/// The picker lists presets by the name in their table entry; it must be the file's own.
#[test]
fn every_preset_is_listed_under_its_own_name() {
    let cat = Catalogue::builtin();
    for p in PRESETS {
        let s = presets::load(p.id, &cat).unwrap().unwrap();
        assert_eq!(p.name, s.raw().name, "preset {}", p.id);
    }
}

/// The embedded files are the files in `assets/`, less the whitespace between tokens.
#[test]
fn embedded_data_is_the_assets_compacted() {
    let read = |path: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    let embedded = |text: &str| -> serde_json::Value { serde_json::from_str(text).unwrap() };
    assert_eq!(
        read("assets/catalogue.json"),
        embedded(headroom::model::catalogue::BUILTIN_CATALOGUE_JSON)
    );
    assert!(!headroom::model::catalogue::BUILTIN_CATALOGUE_JSON.contains("\n  "));
    for p in PRESETS {
        assert_eq!(
            read(&format!("assets/presets/{}.json", p.id)),
            embedded(p.json),
            "preset {}",
            p.id
        );
        assert!(!p.json.starts_with("{\n"), "preset {} is compacted", p.id);
    }
}

/// 1,000 users × 40% active × 10% concurrent = 40 concurrent; RAM 400 + 40 × 8 = 720 MB,
/// under 80% of the 1 GB droplet (819 MB): $6. Data 1,000 × 0.5 MB = 500 MB, over 80% of
/// Supabase Free's 500 MB: Pro, $25. Total $31.
#[test]
fn starter_cost_at_1000_users_is_31_dollars() {
    let s = starter().snapshot(1000.0);
    assert_eq!(s.money.best.cost_usd, 31.0);
    assert_eq!(s.money.worst.cost_usd, 31.0);
}

/// 10,000 users → 400 concurrent; RAM 400 + 3,200 = 3,600 MB: over 80% of 4 GB (3,277 MB),
/// under 80% of 8 GB: $48. Data 5,000 MB on Pro: $25. Total $73.
#[test]
fn starter_cost_at_10000_users_is_73_dollars() {
    let m = starter();
    assert_eq!(m.cost_at(10_000.0, Case::Worst), 73.0);
    let s = m.snapshot(10_000.0);
    let host = &s.components[0].worst;
    assert_eq!(
        m.components[0].candidates[host.allocations[0].candidate].offer_ref,
        "digitalocean-droplet/s-4vcpu-8gb"
    );
    assert!((host.utilisation - 3600.0 / 8192.0).abs() < 1e-12);
}
