//! Native tests of the model against hand-worked values.

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
    raw.add_running_cost("Team", Range::exact(3000.0)).unwrap();
    raw.set_running_cost(0, Range::new(2000.0, 3000.0)).unwrap();
    assert!(raw.rename_running_cost(0, " ").is_err());
    raw.remove_running_cost(0).unwrap();
    assert!(raw.running_costs.is_empty());
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
    raw.add_running_cost("Marketing", Range::new(100.0, 300.0))
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
