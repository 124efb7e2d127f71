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

// ---------------------------------------------------------------- break-even and payback

mod break_even_and_payback {
    use headroom::model::break_even::{self, UserRange};
    use headroom::model::edit::PlanChoice;
    use headroom::model::presets;
    use headroom::model::scenario::RawScenario;
    use headroom::model::timeline::{self, Timeline};
    use headroom::model::usage::Basis;
    use headroom::model::{Case, Catalogue, Model, PerCase, Range, Scenario};

    /// The blank scenario with its one host removed: 5% of users paying $10.
    fn empty(cat: &Catalogue) -> RawScenario {
        let mut raw = presets::load("blank", cat).unwrap().unwrap().raw().clone();
        let id = raw.components[0].id.clone();
        raw.remove_component(&id).unwrap();
        raw
    }

    fn driver(raw: &RawScenario, id: &str, resource: &str) -> usize {
        raw.component(id)
            .unwrap()
            .demand
            .iter()
            .position(|d| d.resource == resource)
            .unwrap_or_else(|| panic!("{id} has no driver {resource}"))
    }

    /// Removes every driver of a component but `keep`.
    fn keep_only(cat: &Catalogue, raw: &mut RawScenario, id: &str, keep: &str) {
        while let Some(j) = raw
            .component(id)
            .unwrap()
            .demand
            .iter()
            .position(|d| d.resource != keep)
        {
            raw.remove_driver(cat, id, j).unwrap();
        }
    }

    /// A $0 host (Vercel Hobby) and GPT-4o at 200K input and 50K output tokens a user.
    fn llm_on_a_free_host(cat: &Catalogue) -> Model {
        let mut raw = empty(cat);
        let host = raw.add_component(cat, "vercel").unwrap();
        raw.set_tier(cat, &host, PlanChoice::Offer("vercel/hobby".into()))
            .unwrap();
        let llm = raw.add_component(cat, "openai").unwrap();
        raw.set_tier(cat, &llm, PlanChoice::Offer("openai/gpt-4o".into()))
            .unwrap();
        let cached = driver(&raw, &llm, "cached_input_tokens_per_month");
        raw.remove_driver(cat, &llm, cached).unwrap();
        // One message a user, carrying the whole month's tokens.
        let messages = driver(&raw, &llm, "messages_per_month");
        raw.set_driver_basis(cat, &llm, messages, Basis::User)
            .unwrap();
        raw.set_driver_amount(&llm, messages, Range::exact(1.0))
            .unwrap();
        for (r, amount) in [
            ("input_tokens_per_month", 200_000.0),
            ("output_tokens_per_month", 50_000.0),
        ] {
            let j = driver(&raw, &llm, r);
            raw.set_driver_amount(&llm, j, Range::exact(amount))
                .unwrap();
        }
        let s = Scenario::new(raw, cat).unwrap();
        Model::new(&s, cat)
    }

    #[test]
    fn a_user_who_costs_more_than_they_pay_never_breaks_even() {
        let cat = Catalogue::builtin();
        let m = llm_on_a_free_host(&cat);
        for case in Case::BOTH {
            for u in [1.0, 100.0, 1_000.0] {
                // 200K × $2.50/M + 50K × $10/M = $0.50 + $0.50 = $1.00 a user, on a $0 host;
                // 5% × $10 = $0.50 a user.
                let cost = m.cost_at(u, case);
                assert!((cost - u).abs() < 1e-9 * u, "{case:?} at {u}: {cost}");
                assert!((m.revenue_at(u, case) - 0.5 * u).abs() < 1e-9 * u);
            }
            // $0 at no users: that is not a break-even.
            assert_eq!(m.cost_at(0.0, case), 0.0);
            assert_eq!(
                break_even::break_even_ranges(&m, case, 1e10),
                Vec::<UserRange>::new()
            );
            assert_eq!(timeline::break_even_users(&m, case, 1e10), None);
        }
        let ranges = break_even::break_even(&m);
        let t = Timeline::new(&m);
        assert_eq!(
            t.break_even_month,
            PerCase {
                best: None,
                worst: None
            }
        );
        assert_eq!(
            break_even::describe(&ranges),
            "never, up to 10,000,000,000 users"
        );
        assert_eq!(
            break_even::describe_month(&t.break_even_month, &ranges, 12),
            "never: no number of users breaks even"
        );
    }

    /// A $4 droplet and Supabase counting 1 MB of database a user, upgrading from Free to
    /// Pro only when Free's 500 MB is full; 1% of users paying $5.
    fn droplet_and_supabase(cat: &Catalogue) -> Model {
        let mut raw = empty(cat);
        let host = raw.add_component(cat, "digitalocean-droplet").unwrap();
        raw.set_tier(
            cat,
            &host,
            PlanChoice::Offer("digitalocean-droplet/s-1vcpu-512mb-10gb".into()),
        )
        .unwrap();
        let db = raw.add_component(cat, "supabase").unwrap();
        keep_only(cat, &mut raw, &db, "db_mb");
        let j = driver(&raw, &db, "db_mb");
        raw.set_driver_amount(&db, j, Range::exact(1.0)).unwrap();
        raw.set_upgrade_at(&db, 100.0).unwrap();
        raw.set_conversion(Range::exact(1.0)).unwrap();
        raw.set_revenue_price(Range::exact(5.0)).unwrap();
        let s = Scenario::new(raw, cat).unwrap();
        Model::new(&s, cat)
    }

    #[test]
    fn a_plan_upgrade_opens_a_loss_between_two_break_even_ranges() {
        let cat = Catalogue::builtin();
        let m = droplet_and_supabase(&cat);
        // The catalogue: the droplet is $4; Supabase Free holds 500 MB of database for $0,
        // Pro is $25 with 8 GB included. Revenue is 1% × $5 = $0.05 a user.
        for case in Case::BOTH {
            assert_eq!(m.cost_at(79.0, case), 4.0);
            assert_eq!(m.cost_at(500.0, case), 4.0);
            assert_eq!(m.cost_at(501.0, case), 29.0);
            assert_eq!(m.cost_at(8_000.0, case), 29.0);
            // $0.05 × 80 = $4.00 covers $4 (79 users bring $3.95); $0.05 × 500 = $25 still
            // covers $4, but at 501 users Pro makes it $29 against $25.05; $0.05 × 580 = $29
            // covers it again (579 bring $28.95).
            assert_eq!(
                break_even::break_even_ranges(&m, case, 1e10),
                vec![
                    UserRange {
                        from: 80.0,
                        to: Some(500.0)
                    },
                    UserRange {
                        from: 580.0,
                        to: None
                    }
                ],
                "{case:?}"
            );
            assert_eq!(timeline::break_even_users(&m, case, 1e10), Some(80.0));
        }
        let ranges = break_even::break_even(&m);
        assert_eq!(
            break_even::describe(&ranges),
            "80–500 users, and again from 580"
        );
    }

    #[test]
    fn the_break_even_month_is_the_first_whose_users_lie_in_a_range() {
        let cat = Catalogue::builtin();
        let m = droplet_and_supabase(&cat);
        let ranges = break_even::break_even(&m);
        // The blank scenario grows 10% a month. From 450 users: 450, 495, 544.5 (in the
        // loss from 501 to 579), 598.95 (from 580): months 0 and 1 break even, 2 does not.
        let t = Timeline::starting_at(&m, 450.0);
        assert_eq!(
            t.break_even_month,
            PerCase {
                best: Some(0),
                worst: Some(0)
            }
        );
        // From 520 users: 520, 572 in the loss, 629.2 breaks even again in month 2.
        let t = Timeline::starting_at_with(&m, 520.0, &ranges);
        assert!((t.months[1].users - 572.0).abs() < 1e-9);
        assert_eq!(
            t.break_even_month,
            PerCase {
                best: Some(2),
                worst: Some(2)
            }
        );
        assert_eq!(
            break_even::describe_month(&t.break_even_month, &ranges, 12),
            "month 2"
        );
        // From 10 users: 10 × 1.1^m first reaches 79.5 (80 whole users) at m = 22, past the
        // 12-month horizon.
        let t = Timeline::starting_at(&m, 10.0);
        assert_eq!(
            t.break_even_month,
            PerCase {
                best: None,
                worst: None
            }
        );
        assert_eq!(
            break_even::describe_month(&t.break_even_month, &ranges, 12),
            "not within 12 months"
        );
    }

    #[test]
    fn titletesterpro_pays_back_its_one_time_costs_in_months_from_launch() {
        let cat = Catalogue::builtin();
        let s = presets::load("titletesterpro", &cat).unwrap().unwrap();
        let m = Model::new(&s, &cat);
        let t = Timeline::new(&m);
        // Users hold at 10,000 (0% growth): every month earns $50,000 against $1,250 of cost
        // in the best case ($48,750 profit) and $4,050 in the worst ($45,950).
        // Best: −$30,000 + $48,750 ≥ 0 by the end of month 0: repaid 30,000 ÷ 48,750 = 0.615
        // of the way through it.
        // Worst: −$65,000 + $45,950 = −$19,050 at the end of month 0; month 1 repays the
        // $19,050 in 19,050 ÷ 45,950 = 0.415 of itself: 1.415 months from launch.
        let best = t.payback.best.unwrap();
        let worst = t.payback.worst.unwrap();
        assert!((best - 30_000.0 / 48_750.0).abs() < 1e-9, "{best}");
        assert!(
            (worst - (1.0 + 19_050.0 / 45_950.0)).abs() < 1e-9,
            "{worst}"
        );
        assert!((best - 0.615).abs() < 5e-4 && (worst - 1.415).abs() < 5e-4);
        // The month during which it happens, and the figure at a constant user count, are
        // the same reckoning.
        assert_eq!(
            t.payback_month,
            PerCase {
                best: Some(0),
                worst: Some(1)
            }
        );
        let steady = timeline::payback_months(&m, &m.snapshot(10_000.0));
        assert!((steady.best.unwrap() - best).abs() < 1e-9);
        assert!((steady.worst.unwrap() - worst).abs() < 1e-9);
    }

    #[test]
    fn payback_counts_month_zero_as_it_happens() {
        // $100 owed, $40 a month: −60 after month 0, −20 after month 1, +20 after month 2,
        // halfway through which the $20 still owed is made: 2.5 months.
        assert_eq!(timeline::payback_from_launch(100.0, [40.0; 12]), Some(2.5));
        // Month 0's profit is not counted before it is earned: $100 owed and $100 a month is
        // 1 month, not 0.
        assert_eq!(timeline::payback_from_launch(100.0, [100.0; 12]), Some(1.0));
        // Nothing owed and no loss: at launch. Nothing owed but $10 lost in month 0 and
        // $20 made in month 1: the loss is made good halfway through month 1.
        assert_eq!(timeline::payback_from_launch(0.0, [5.0; 3]), Some(0.0));
        assert_eq!(timeline::payback_from_launch(0.0, [-10.0, 20.0]), Some(1.5));
        assert_eq!(timeline::payback_from_launch(100.0, [10.0; 3]), None);
    }
}
