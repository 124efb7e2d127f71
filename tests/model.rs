//! Native tests of the model against hand-worked values.

use headroom::model::edit::CostList;
use headroom::model::presets::{self, DEFAULT_PRESET, PRESETS};
use headroom::model::revenue::{Billing, FeeSource};
use headroom::model::{Case, Catalogue, Model, PerCase, Range, Scenario, Timeline};

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

    /// The blank scenario with its one host removed: 5% of users paying $10, with no
    /// payment fees, as the hand-worked examples take it.
    fn empty(cat: &Catalogue) -> RawScenario {
        let mut raw = presets::load("blank", cat).unwrap().unwrap().raw().clone();
        let id = raw.components[0].id.clone();
        raw.remove_component(&id).unwrap();
        raw.set_fees(Default::default());
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

/// A scenario whose stack is one fixed $20 a month line (a price override, so that the
/// catalogue's own prices do not move these sums), with the revenue inputs given.
fn flat_stack(users: &str, revenue: &str, extra: &str) -> Model {
    let cat = Catalogue::builtin();
    let text = format!(
        r#"{{
        "schema_version": 2,
        "name": "Flat",
        "users": {users},
        "components": [{{
            "id": "app", "name": "App", "role": "host",
            "policy": {{ "kind": "fixed", "offer": "digitalocean-droplet/s-1vcpu-1gb" }},
            "price_overrides": [{{ "offer": "digitalocean-droplet/s-1vcpu-1gb", "usd_per_month": 20 }}]
        }}],
        "revenue": {revenue}
        {extra}
    }}"#
    );
    let s = Scenario::from_json(&text, &cat).unwrap();
    Model::new(&s, &cat)
}

const LEVEL_USERS: &str = r#"{ "now": 1000, "growth": { "kind": "monthly_pct", "pct_per_month": 0 },
    "horizon_months": 12, "active_share_pct": 50, "concurrent_share_pct": 10 }"#;

/// Stripe's US online card rate, 2.9% + $0.30 a charge: a $10 monthly plan nets
/// $10 − (2.9% × $10 + $0.30) = $10 − ($0.29 + $0.30) = $9.41.
#[test]
fn a_10_dollar_plan_nets_9_41_after_the_default_card_fee() {
    let fee = FeeSource::builtin();
    assert_eq!((fee.pct, fee.fixed_usd), (2.9, 0.3));
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("assets/payment_fees.json").unwrap())
            .unwrap();
    let embedded: serde_json::Value =
        serde_json::from_str(headroom::model::revenue::PAYMENT_FEES_JSON).unwrap();
    assert_eq!(file, embedded);
    let m = flat_stack(
        LEVEL_USERS,
        r#"{ "conversion_pct": 5, "price_usd_per_month": 10,
             "fees": { "pct": 2.9, "fixed_usd": 0.3 } }"#,
        "",
    );
    for case in Case::BOTH {
        let p = m.per_paying(case);
        assert!((p.net_usd - 9.41).abs() < 1e-12, "{p:?}");
        assert_eq!(p.gross_usd, 10.0);
    }
    // 1,000 users × 5% = 50 paying: $500 charged, 50 × $0.59 = $29.50 in fees,
    // $470.50 arrives; profit 470.50 − 20 = $450.50.
    let s = m.snapshot(1000.0);
    assert!((s.gross_revenue().low - 500.0).abs() < 1e-9);
    assert!((s.fees().low - 29.5).abs() < 1e-9);
    assert!((s.revenue().low - 470.5).abs() < 1e-9);
    assert!((s.profit().high - 450.5).abs() < 1e-9);
    assert!((m.revenue_at(1000.0, Case::Worst) - 470.5).abs() < 1e-9);
}

/// Salesboy charges $5: $5 − (2.9% × $5 + $0.30) = $5 − ($0.145 + $0.30) = $4.555 ≈ $4.56.
/// The guide preset itself keeps its gross revenue; with the card fee set, it nets less.
#[test]
fn salesboys_5_dollars_net_4_56_after_the_card_fee() {
    let cat = Catalogue::builtin();
    let s = presets::load("salesboy-ai", &cat).unwrap().unwrap();
    assert!(
        s.raw().revenue.fees.is_none(),
        "the guide's own inputs carry no fee"
    );
    let mut raw = s.raw().clone();
    raw.use_default_fees();
    let m = Model::new(&Scenario::new(raw, &cat).unwrap(), &cat);
    let net = m.per_paying(Case::Worst).net_usd;
    assert!((net - 4.555).abs() < 1e-12, "{net}");
    assert_eq!(headroom::model::format::usd(net), "$4.56");
    // Every one of 150 users pays: 150 × $4.555 = $683.25.
    assert!((m.snapshot(150.0).revenue().low - 683.25).abs() < 1e-9);
}

/// 70% on a $10 monthly plan, 30% on a $96 annual plan, both with the card fee.
/// Monthly: $10 − $0.59 = $9.41. Annual: $96 − (2.9% × $96 + $0.30) = $96 − $3.084 =
/// $92.916 a year, ÷ 12 = $7.743 a month. Per paying user: 0.7 × 9.41 + 0.3 × 7.743 =
/// 6.587 + 2.3229 = $8.9099 a month; charged 0.7 × 10 + 0.3 × 96 ÷ 12 = 7 + 2.4 = $9.40.
#[test]
fn a_plan_mix_counts_an_annual_plan_as_its_monthly_equivalent() {
    let m = flat_stack(
        LEVEL_USERS,
        r#"{ "conversion_pct": 10, "price_usd_per_month": 10,
             "fees": { "pct": 2.9, "fixed_usd": 0.3 },
             "plans": [
                { "name": "Monthly", "share_pct": 70, "price_usd": 10 },
                { "name": "Annual", "share_pct": 30, "price_usd": 96, "billing": "annual" }
             ] }"#,
        "",
    );
    for case in Case::BOTH {
        let p = m.per_paying(case);
        assert!((p.net_usd - 8.9099).abs() < 1e-12, "{p:?}");
        assert!((p.gross_usd - 9.4).abs() < 1e-12, "{p:?}");
    }
    // 1,000 users × 10% = 100 paying × $8.9099 = $890.99 a month.
    assert!((m.snapshot(1000.0).revenue().low - 890.99).abs() < 1e-9);
}

/// Shares with a range: monthly 60–80%, annual the rest (20–40%), no fee. A monthly user
/// pays $10, an annual one $96 ÷ 12 = $8. Best case: 80% × 10 + 20% × 8 = $9.60; worst:
/// 60% × 10 + 40% × 8 = $9.20.
#[test]
fn uncertain_plan_shares_give_each_case_its_end() {
    let m = flat_stack(
        LEVEL_USERS,
        r#"{ "conversion_pct": 10, "price_usd_per_month": 10,
             "plans": [
                { "name": "Monthly", "share_pct": [60, 80], "price_usd": 10 },
                { "name": "Annual", "share_pct": [20, 40], "price_usd": 96, "billing": "annual" }
             ] }"#,
        "",
    );
    assert!((m.per_paying(Case::Best).net_usd - 9.6).abs() < 1e-12);
    assert!((m.per_paying(Case::Worst).net_usd - 9.2).abs() < 1e-12);
}

/// Users 1,000 → 2,000 → 3,000 → 3,000 over months 0–3; 10% convert at $10, no fee;
/// 5% of paying users cancel each month; the stack costs $20; one-time costs $2,950.
///
/// paying(0) = 10% × 1,000 = 100
/// paying(1) = 100 × 0.95 + 10% × 1,000 new = 95 + 100 = 195
/// paying(2) = 195 × 0.95 + 10% × 1,000 new = 185.25 + 100 = 285.25
/// paying(3) = 285.25 × 0.95 + 0 new = 270.9875
/// profit = paying × $10 − $20: 980, 1,930, 2,832.50, 2,689.875;
/// cumulative: 980, 2,910, 5,742.50, 8,432.375.
/// Payback of $2,950: −2,950 + 980 + 1,930 = −40 after month 1, so month 2. Without churn
/// month 1 earns 200 × 10 − 20 = 1,980 and −2,950 + 980 + 1,980 = 10 pays back in month 1.
#[test]
fn churn_follows_the_timeline_and_moves_payback() {
    let users = r#"{ "now": 1000, "growth": { "kind": "milestones", "points": [
            { "month": 1, "users": 2000 }, { "month": 2, "users": 3000 }, { "month": 3, "users": 3000 } ] },
        "horizon_months": 3, "active_share_pct": 50, "concurrent_share_pct": 10 }"#;
    let one_time = r#", "one_time_costs": [{ "name": "Set-up", "usd": 2950 }]"#;
    let m = flat_stack(
        users,
        r#"{ "conversion_pct": 10, "price_usd_per_month": 10, "churn_pct_per_month": 5 }"#,
        one_time,
    );
    let t = Timeline::new(&m);
    let paying: Vec<f64> = t
        .months
        .iter()
        .map(|s| s.money.worst.paying_users)
        .collect();
    let want = [100.0, 195.0, 285.25, 270.9875];
    for (got, want) in paying.iter().zip(want) {
        assert!((got - want).abs() < 1e-9, "{paying:?}");
    }
    let mut cumulative = 0.0;
    let sums: Vec<f64> = t
        .months
        .iter()
        .map(|s| {
            cumulative += s.money.worst.profit_usd();
            cumulative
        })
        .collect();
    for (got, want) in sums.iter().zip([980.0, 2910.0, 5742.5, 8432.375]) {
        assert!((got - want).abs() < 1e-9, "{sums:?}");
    }
    assert_eq!(
        t.payback_month,
        PerCase {
            best: Some(2),
            worst: Some(2)
        }
    );
    // The snapshot at a user count has no time: 3,000 users × 10% = 300 paying.
    assert_eq!(m.snapshot(3000.0).money.worst.paying_users, 300.0);
    // Without churn the timeline keeps the steady share and pays back in month 1.
    let steady = flat_stack(
        users,
        r#"{ "conversion_pct": 10, "price_usd_per_month": 10 }"#,
        one_time,
    );
    let t = Timeline::new(&steady);
    assert_eq!(t.months[3].money.worst.paying_users, 300.0);
    assert_eq!(
        t.payback_month,
        PerCase {
            best: Some(1),
            worst: Some(1)
        }
    );
    // A churn of 0–5%: the best case loses no one, the worst 5%.
    let ranged = flat_stack(
        users,
        r#"{ "conversion_pct": 10, "price_usd_per_month": 10, "churn_pct_per_month": [0, 5] }"#,
        one_time,
    );
    let t = Timeline::new(&ranged);
    assert_eq!(t.months[3].money.best.paying_users, 300.0);
    assert!((t.months[3].money.worst.paying_users - 270.9875).abs() < 1e-9);
}

/// 1,000 users, 50% active, 10% of active users convert: 1,000 × 50% × 10% = 50 paying,
/// × $10 = $500; counted over all users the same 10% is 100 paying, $1,000. With an active
/// share of 40–60%, revenue takes 40% in the worst case (40 paying) and 60% in the best
/// (60 paying), and a driver per paying user is sized on the worst case's 60.
#[test]
fn conversion_can_count_active_users() {
    let all = flat_stack(
        LEVEL_USERS,
        r#"{ "conversion_pct": 10, "price_usd_per_month": 10 }"#,
        "",
    );
    assert_eq!(all.snapshot(1000.0).revenue().low, 1000.0);
    let active = flat_stack(
        LEVEL_USERS,
        r#"{ "conversion_pct": 10, "price_usd_per_month": 10, "conversion_of": "active_users" }"#,
        "",
    );
    let s = active.snapshot(1000.0);
    assert!((s.money.worst.paying_users - 50.0).abs() < 1e-9);
    assert!((s.revenue().low - 500.0).abs() < 1e-9);
    let ranged_users = r#"{ "now": 1000, "growth": { "kind": "monthly_pct", "pct_per_month": 0 },
        "horizon_months": 12, "active_share_pct": [40, 60], "concurrent_share_pct": 10 }"#;
    let ranged = flat_stack(
        ranged_users,
        r#"{ "conversion_pct": 10, "price_usd_per_month": 10, "conversion_of": "active_users" }"#,
        "",
    );
    let s = ranged.snapshot(1000.0);
    assert!((s.money.worst.paying_users - 40.0).abs() < 1e-9);
    assert!((s.money.best.paying_users - 60.0).abs() < 1e-9);
}

/// Revenue 1,000 × 5% × $10 = $500, the stack $20: $480 profit on infrastructure. A team
/// at $300 and marketing at $100–$200 a month: $400–$500 of running costs, so profit after
/// them is 480 − 500 = −$20 in the worst case and 480 − 400 = $80 in the best.
#[test]
fn running_costs_move_profit_and_stand_apart_from_infrastructure() {
    let m = flat_stack(
        LEVEL_USERS,
        r#"{ "conversion_pct": 5, "price_usd_per_month": 10 }"#,
        r#", "running_costs": [
            { "name": "Team", "usd_per_month": 300 },
            { "name": "Marketing", "usd_per_month": [100, 200] } ]"#,
    );
    let s = m.snapshot(1000.0);
    assert_eq!(s.cost(), Range::exact(20.0));
    assert_eq!(s.running(), Range::new(400.0, 500.0));
    assert_eq!(s.profit(), Range::exact(480.0));
    assert_eq!(s.profit_after_running(), Range::new(-20.0, 80.0));
    assert_eq!(m.running_usd(Case::Worst), 500.0);
    assert_eq!(m.profit_at(1000.0, Case::Worst, true), -20.0);
    assert_eq!(m.profit_at(1000.0, Case::Worst, false), 480.0);
    // Break-even on servers alone: 20 ÷ (5% × $10) = 40 users; after running costs the
    // worst case needs 520 ÷ 0.5 = 1,040 users.
    assert_eq!(m.profit_at(40.0, Case::Worst, false), 0.0);
    assert!(m.profit_at(1039.0, Case::Worst, true) < 0.0);
    assert!(m.profit_at(1040.0, Case::Worst, true) >= 0.0);
    // The same as ranges: on infrastructure from 40 users in both cases; with running costs
    // from 1,040 in the worst case and 420 ÷ 0.5 = 840 in the best.
    use headroom::model::break_even::{self, UserRange};
    let from = |u: f64| vec![UserRange { from: u, to: None }];
    let alone = break_even::break_even(&m);
    assert_eq!(
        (alone.best.clone(), alone.worst.clone()),
        (from(40.0), from(40.0))
    );
    let with = break_even::break_even_after_running(&m);
    assert_eq!(
        (with.best.clone(), with.worst.clone()),
        (from(840.0), from(1040.0))
    );
    assert_eq!(
        break_even::describe(&with),
        "best case from 840 users; worst case from 1,040 users"
    );
}

/// A new scenario starts with the default processor's rate; the guides keep their own.
#[test]
fn new_scenarios_carry_the_default_card_fee_and_guides_none() {
    let cat = Catalogue::builtin();
    let fee = FeeSource::builtin().fees();
    for p in PRESETS {
        let s = presets::load(p.id, &cat).unwrap().unwrap();
        let fees = s.raw().revenue.fees;
        if ["blank", "starter-saas"].contains(&p.id) {
            assert_eq!(fees, fee, "{}", p.id);
        } else {
            assert!(fees.is_none(), "{}", p.id);
        }
    }
}

/// Adding plans, setting one's share and removing one keep the shares adding up to 100%.
#[test]
fn plan_edits_keep_the_shares_at_100() {
    let cat = Catalogue::builtin();
    let mut raw = presets::load("blank", &cat).unwrap().unwrap().raw().clone();
    assert_eq!(raw.add_plan().unwrap(), 0);
    assert_eq!(raw.revenue.plans[0].share_pct, Range::exact(100.0));
    assert_eq!(raw.revenue.plans[0].price_usd, Range::exact(10.0));
    assert!(raw.set_plan_share(0, Range::exact(70.0)).is_err());
    raw.add_plan().unwrap();
    raw.set_plan_share(1, Range::exact(30.0)).unwrap();
    assert_eq!(raw.revenue.plans[0].share_pct, Range::exact(70.0));
    raw.set_plan_billing(1, Billing::Annual).unwrap();
    raw.set_plan_price(1, Range::exact(96.0)).unwrap();
    raw.add_plan().unwrap();
    raw.set_plan_share(0, Range::new(50.0, 60.0)).unwrap();
    // The last plan takes the rest: 100 − (50–60) − 30 = 10–20.
    assert_eq!(raw.revenue.plans[2].share_pct, Range::new(10.0, 20.0));
    assert!(raw.set_plan_share(1, Range::exact(60.0)).is_err());
    assert_eq!(raw.revenue.plans[1].share_pct, Range::exact(30.0));
    raw.remove_plan(2).unwrap();
    // Monthly at 50–60% leaves 40–50% to the annual plan, now the last.
    assert_eq!(raw.revenue.plans[1].share_pct, Range::new(40.0, 50.0));
    assert!(Scenario::new(raw.clone(), &cat).is_ok());
    raw.set_fee_pct(Range::exact(0.0)).unwrap();
    raw.set_fee_fixed(Range::exact(0.0)).unwrap();
    assert!(raw.revenue.fees.is_none());
    assert!(raw.set_churn(Range::exact(101.0)).is_err());
    raw.add_cost(CostList::Running, "Team", Range::exact(3000.0))
        .unwrap();
    raw.set_cost(CostList::Running, 0, Range::new(2000.0, 3000.0))
        .unwrap();
    assert!(raw.rename_cost(CostList::Running, 0, " ").is_err());
    raw.remove_cost(CostList::Running, 0).unwrap();
    assert!(raw.running_costs.is_empty());
}

/// One-time costs are edited by the same rules as running costs, through the model.
#[test]
fn one_time_costs_are_added_renamed_set_and_removed_through_the_model() {
    let mut raw = starter().scenario().clone();
    let before = raw.one_time_costs.len();
    let i = raw
        .add_cost(
            CostList::OneTime,
            "  Migration  ",
            Range::new(2000.0, 5000.0),
        )
        .unwrap();
    assert_eq!(raw.one_time_costs[i].name, "Migration");
    assert_eq!(raw.one_time_costs[i].usd, Range::new(2000.0, 5000.0));
    assert_eq!(
        raw.rename_cost(CostList::OneTime, i, "   ")
            .unwrap_err()
            .to_string(),
        "Give the cost a name, such as Migration."
    );
    raw.rename_cost(CostList::OneTime, i, &"x".repeat(300))
        .unwrap();
    assert_eq!(raw.one_time_costs[i].name.chars().count(), 120);
    // $10¹² is the most a one-time cost may be; $2 × 10¹² is refused and $1,200 kept.
    raw.set_cost(CostList::OneTime, i, Range::exact(1200.0))
        .unwrap();
    assert!(raw
        .set_cost(CostList::OneTime, i, Range::exact(2e12))
        .is_err());
    assert_eq!(raw.one_time_costs[i].usd, Range::exact(1200.0));
    assert_eq!(
        raw.set_cost(CostList::OneTime, i + 5, Range::exact(1.0))
            .unwrap_err()
            .to_string(),
        "There is no such one-time cost."
    );
    raw.remove_cost(CostList::OneTime, i).unwrap();
    assert_eq!(raw.one_time_costs.len(), before);
    // The list holds at most 32.
    for _ in before..32 {
        raw.add_cost(CostList::OneTime, "Set-up", Range::exact(1.0))
            .unwrap();
    }
    assert_eq!(
        raw.add_cost(CostList::OneTime, "Set-up", Range::exact(1.0))
            .unwrap_err()
            .to_string(),
        "A scenario may have at most 32 one-time costs."
    );
}

/// Fees, plans, churn, the conversion base and running costs travel whole in a link, a
/// stored working scenario and a file, and give the same figures when they arrive.
#[test]
fn the_revenue_inputs_travel_in_links_storage_and_files() {
    use headroom::model::{share, storage};
    let cat = Catalogue::builtin();
    let mut raw = presets::load("salesboy-ai", &cat)
        .unwrap()
        .unwrap()
        .raw()
        .clone();
    raw.set_fee_pct(Range::new(2.9, 3.5)).unwrap();
    raw.set_fee_fixed(Range::exact(0.3)).unwrap();
    raw.add_plan().unwrap();
    raw.add_plan().unwrap();
    raw.set_plan_billing(1, Billing::Annual).unwrap();
    raw.set_plan_price(1, Range::exact(48.0)).unwrap();
    raw.set_plan_share(1, Range::new(20.0, 30.0)).unwrap();
    raw.set_churn(Range::new(2.0, 4.0)).unwrap();
    raw.set_conversion_base(headroom::model::revenue::ConversionBase::ActiveUsers);
    raw.add_cost(CostList::Running, "Marketing", Range::new(100.0, 300.0))
        .unwrap();
    // A link carries the users it shows as the scenario's own.
    raw.set_users_now(120.0).unwrap();
    let s = Scenario::new(raw.clone(), &cat).unwrap();
    let figures = |s: &Scenario| {
        let m = Model::new(s, &cat);
        let t = Timeline::new(&m);
        (m.snapshot(120.0).money, t.payback_month, t.months[12].money)
    };
    let link = share::encode(&raw, 120.0, None, &cat);
    let opened = share::decode(&link, &cat).unwrap();
    assert_eq!(opened.scenario.raw(), &raw);
    let stored = storage::write_working(&storage::Working {
        scenario: raw.clone(),
        users: 120.0,
        preset: None,
    });
    let (_, back) = storage::read_working(&stored, &cat).unwrap();
    assert_eq!(back.raw(), &raw);
    let file = Scenario::from_json(&s.to_json(), &cat).unwrap();
    assert_eq!(file.raw(), &raw);
    for other in [&opened.scenario, &back, &file] {
        assert_eq!(figures(other), figures(&s));
    }
}

/// Users 100 → 200 → 400 → 800 over months 0–3; 10% convert at $1, no fee; the stack costs
/// $20. Steady, 200 users pay 20 × $1 = $20: break-even in month 1. With half the paying
/// users cancelling each month: paying(0) = 10, paying(1) = 10 × 0.5 + 10 = 15 ($15 < $20),
/// paying(2) = 15 × 0.5 + 20 = 27.5 ($27.50 ≥ $20): month 2.
#[test]
fn with_churn_the_break_even_month_follows_the_paying_users_who_stay() {
    let users = r#"{ "now": 100, "growth": { "kind": "milestones", "points": [
            { "month": 1, "users": 200 }, { "month": 2, "users": 400 }, { "month": 3, "users": 800 } ] },
        "horizon_months": 3, "active_share_pct": 50, "concurrent_share_pct": 10 }"#;
    let steady = flat_stack(
        users,
        r#"{ "conversion_pct": 10, "price_usd_per_month": 1 }"#,
        "",
    );
    let t = Timeline::new(&steady);
    assert_eq!(t.break_even_month.worst, Some(1));
    let churned = flat_stack(
        users,
        r#"{ "conversion_pct": 10, "price_usd_per_month": 1, "churn_pct_per_month": 50 }"#,
        "",
    );
    let t = Timeline::new(&churned);
    let paying: Vec<f64> = t
        .months
        .iter()
        .map(|s| s.money.worst.paying_users)
        .collect();
    assert_eq!(&paying[..3], &[10.0, 15.0, 27.5]);
    assert_eq!(
        t.break_even_month,
        PerCase {
            best: Some(2),
            worst: Some(2)
        }
    );
}

// ------------------------------------------------------------ what the answers rest on

#[test]
fn the_timeline_says_from_which_month_the_stack_is_full() {
    let cat = Catalogue::builtin();
    let s = headroom::model::presets::load("ai-ceo-replit", &cat)
        .expect("preset")
        .expect("valid");
    let m = Model::new(&s, &cat);
    // 3,000 users growing 10% a month; everyone online at once, 250 per instance and at
    // most 20 instances, so the app holds 20 × 250 = 5,000 users.
    // Month 5: 3,000 × 1.1⁵ = 4,831.53, held. Month 6: 3,000 × 1.1⁶ = 5,314.68, not.
    let t = Timeline::starting_at(&m, 3000.0);
    let full = t.full_from().expect("full within 12 months");
    assert_eq!(full.month, 6);
    assert!((full.users - 5314.683).abs() < 0.001, "{}", full.users);
    assert_eq!(m.components[full.component].id, "app");
    assert_eq!(
        full.describe(&m),
        "The stack is full from month 6, at 5,315 users: Flask app (Replit Autoscale) runs out of room. \
         The figures from month 6 on count it at its largest allowed size, as if it still held everyone; \
         pick a bigger plan for it or raise its limit."
    );
    // At 6,000 users it is full already.
    let now = Timeline::starting_at(&m, 6000.0).full_from().expect("full");
    assert_eq!(now.month, 0);
    assert!(now
        .describe(&m)
        .starts_with("The stack is full now, at 6,000 users"));
    // At 1,000 users it holds for the whole year: 1,000 × 1.1¹² = 3,138.43.
    assert_eq!(Timeline::starting_at(&m, 1000.0).full_from(), None);
}

// ------------------------------------------------------------------ the embed code

#[test]
fn the_embed_code_sizes_its_frame_and_carries_its_resize_script() {
    use headroom::model::embed::{frame_height, snippet, DEFAULT_PARTS};
    // The title line (40) + the answers (640) + the cost chart (360) = 1,040 px.
    assert_eq!(frame_height(DEFAULT_PARTS), 1040);
    let code = snippet(
        "https://docs.example.com/tools/headroom/",
        "https://docs.example.com",
        "s=eyJhIjoxfQ",
        DEFAULT_PARTS,
        "Tom & Jerry's \"AI\" <bot>",
    );
    assert!(code.starts_with(
        "<iframe src=\"https://docs.example.com/tools/headroom/?embed=answers,cost#s=eyJhIjoxfQ\" \
         title=\"Headroom: Tom &amp; Jerry&#39;s &quot;AI&quot; &lt;bot&gt;\" \
         style=\"width:100%;height:1040px;border:0\""
    ));
    // The script listens to the app's own origin only, and sets the frame's height.
    assert!(code.contains("e.origin!==\"https://docs.example.com\""));
    assert!(code.contains("f.style.height=Math.ceil(d.height)+\"px\""));
    assert_eq!(code.matches("<script>").count(), 1);
    assert!(code.ends_with("</script>"));
    // An origin cannot end the script's string.
    let hostile = snippet(
        "x",
        "https://a.b\"</script><script>alert(1)//",
        "s=",
        DEFAULT_PARTS,
        "n",
    );
    assert_eq!(hostile.matches("<script>").count(), 1, "{hostile}");
}

/// A scenario saved when its guide was named by file reads the guide's title.
#[test]
fn a_guide_named_by_its_file_reads_by_its_title() {
    use headroom::model::presets::guide_title;
    assert_eq!(
        guide_title("004_eda5b0e561d71a35.txt").as_deref(),
        Some("Scaling Salesboy AI to 100+ Users")
    );
    assert_eq!(
        guide_title("Scaling Salesboy AI to 100+ Users").as_deref(),
        Some("Scaling Salesboy AI to 100+ Users")
    );
    assert_eq!(guide_title("999_0000000000000000.txt"), None);
}
