//! The providers a founder building the guides' products picks beyond the first catalogue
//! (AWS, Cloud Run, Render, Fly.io, Railway, Neon, R2, Workers, Twilio, Resend, Postmark):
//! each bills what its price sheet says at a usage worked by hand, and each, added to the
//! blank scenario with the page's edits, has a finite bill that says why when it is $0.
#![cfg(not(target_arch = "wasm32"))]

use headroom::model::catalogue::{is_on_domain, Confidence, Evidence};
use headroom::model::edit::PlanChoice;
use headroom::model::explain::zero_reason;
use headroom::model::usage::{Basis, Driver};
use headroom::model::{Case, Catalogue, Model, RawScenario, Scenario};

mod common;
use common::{driver, empty};

/// The providers this file covers, in catalogue order.
const BREADTH: [&str; 15] = [
    "aws-lightsail",
    "aws-rds-postgres",
    "aws-s3",
    "google-cloud-run",
    "render",
    "fly-io",
    "railway",
    "neon",
    "cloudflare-r2",
    "cloudflare-workers",
    "twilio-whatsapp",
    "twilio-sms",
    "twilio-video",
    "resend",
    "postmark",
];

/// Dollar figures agree to one part in a billion of the expected figure (of $1 below $1).
fn close(actual: f64, expected: f64, what: &str) {
    let tol = 1e-9 * expected.abs().max(1.0);
    assert!(
        (actual - expected).abs() <= tol,
        "{what}: expected ${expected}, got ${actual}"
    );
}

/// What the first component costs at `users`, `[best, worst]`, and the offer it runs in
/// the worst case.
fn bill(raw: RawScenario, cat: &Catalogue, users: f64) -> ([f64; 2], String) {
    let s = Scenario::new(raw, cat).unwrap_or_else(|e| panic!("the scenario is refused: {e}"));
    let m = Model::new(&s, cat);
    let snap = m.snapshot(users);
    let c = &snap.components[0];
    let a = c[Case::Worst]
        .allocations
        .first()
        .expect("the component runs an offer");
    let offer = m.components[0].candidates[a.candidate].offer_ref.clone();
    ([c[Case::Best].cost_usd, c[Case::Worst].cost_usd], offer)
}

/// A component for `provider`, added as a founder adds it.
fn added(cat: &Catalogue, provider: &str) -> RawScenario {
    let mut raw = empty();
    raw.add_component(cat, provider)
        .unwrap_or_else(|e| panic!("{provider}: {e}"));
    raw
}

/// A component for `provider` on one offer, asked only for `demand`.
fn on_offer(cat: &Catalogue, provider: &str, offer: &str, demand: Vec<Driver>) -> RawScenario {
    let mut raw = added(cat, provider);
    raw.set_tier(cat, "c1", PlanChoice::Offer(format!("{provider}/{offer}")))
        .unwrap();
    raw.components[0].demand = demand;
    raw
}

#[test]
fn each_breadth_provider_is_in_the_catalogue() {
    let cat = Catalogue::builtin();
    for id in BREADTH {
        let p = cat
            .provider(id)
            .unwrap_or_else(|| panic!("{id} is missing"));
        assert!(!p.offers.is_empty(), "{id} has offers");
        assert!(!p.meters.is_empty(), "{id} has meters");
    }
}

/// Every new offer names an https page on its provider's own domains, a real checked
/// date, how the figure was obtained and in a sentence how; `solid` only from the
/// provider itself; never a third party's copy as the evidence.
#[test]
fn each_breadth_offer_cites_its_providers_own_page() {
    let cat = Catalogue::builtin();
    for id in BREADTH {
        let p = cat.provider(id).unwrap();
        assert!(!p.official_domains.is_empty(), "{id} names its domains");
        for o in &p.offers {
            let at = format!("{id}/{}", o.id);
            assert!(
                o.source_url.starts_with("https://"),
                "{at}: {}",
                o.source_url
            );
            assert!(
                p.official_domains
                    .iter()
                    .any(|d| is_on_domain(&o.source_url, d)),
                "{at}: {} is not on {:?}",
                o.source_url,
                p.official_domains
            );
            assert!(!o.source_title.trim().is_empty(), "{at} has link text");
            let pv = o.provenance(false);
            let checked = pv
                .checked
                .unwrap_or_else(|| panic!("{at}: checked {}", o.checked));
            assert!(
                checked.to_string().as_str() <= "2026-12-01",
                "{at}: checked in the future"
            );
            let evidence = o
                .evidence
                .unwrap_or_else(|| panic!("{at} says how it was obtained"));
            assert!(evidence.is_official(), "{at}: {evidence:?}");
            assert_ne!(evidence, Evidence::ThirdParty, "{at}");
            assert!(
                !o.evidence_note.trim().is_empty(),
                "{at} has an evidence note"
            );
            if o.confidence == Confidence::Solid {
                assert_eq!(
                    o.checked, "2026-12-01",
                    "{at}: solid only when checked today"
                );
            }
        }
    }
}

#[test]
fn each_breadth_provider_added_to_the_blank_scenario_has_a_finite_explained_bill() {
    let cat = Catalogue::builtin();
    for id in BREADTH {
        let raw = added(&cat, id);
        let s = Scenario::new(raw, &cat).unwrap_or_else(|e| panic!("{id}: {e}"));
        let m = Model::new(&s, &cat);
        for users in [0.0, 1000.0, 100_000.0] {
            let snap = m.snapshot(users);
            let c = &snap.components[0];
            for case in [Case::Best, Case::Worst] {
                let cost = c[case].cost_usd;
                assert!(
                    cost.is_finite() && cost >= 0.0,
                    "{id} at {users} users: ${cost}"
                );
            }
            if c.iter().all(|st| st.cost_usd == 0.0) {
                let why = zero_reason(&m, &snap, 0)
                    .unwrap_or_else(|| panic!("{id} is $0 at {users} users, unexplained"));
                assert!(why.starts_with("$0: "), "{id}: {why}");
            } else {
                assert_eq!(zero_reason(&m, &snap, 0), None, "{id} costs something");
            }
        }
        // At 100,000 users every one of them costs money: none is free without limit.
        let big = m.snapshot(100_000.0);
        assert!(
            big.components[0][Case::Worst].cost_usd > 0.0,
            "{id} is still $0 at 100,000 users"
        );
    }
}

/// S3's storage and data out are graduated: each slice at its own tier's rate.
#[test]
fn s3_bills_storage_and_egress_by_their_tiers() {
    let cat = Catalogue::builtin();
    let raw = on_offer(
        &cat,
        "aws-s3",
        "standard",
        vec![
            driver("storage_gb", Basis::Fixed, 60_000.0),
            driver("egress_gb_per_month", Basis::Fixed, 20_000.0),
            driver("storage_writes_per_month", Basis::Fixed, 2_000_000.0),
            driver("storage_reads_per_month", Basis::Fixed, 50_000_000.0),
        ],
    );
    // Storage: 51,200 GB × $0.023 = $1,177.60; the next 8,800 × $0.022 = $193.60: $1,371.20.
    // Data out: 100 GB free, 19,900 billable: 10,140 × $0.09 = $912.60; 9,760 × $0.085 = $829.60:
    // $1,742.20. Writes 2M × $0.005 / 1,000 = $10; reads 50M × $0.0004 / 1,000 = $20.
    // Total 1,371.20 + 1,742.20 + 10 + 20 = $3,143.40.
    let (cost, offer) = bill(raw, &cat, 1000.0);
    close(cost[0], 3143.4, "S3, best case");
    close(cost[1], 3143.4, "S3, worst case");
    assert_eq!(offer, "aws-s3/standard");
}

/// Cloud Run bills only past its monthly free tier, line by line.
#[test]
fn cloud_run_bills_past_its_free_tier() {
    let cat = Catalogue::builtin();
    // 100,000 users, 50,000 active × 300 = 15M requests: (15M − 2M) × $0.40 / 1M = $5.20.
    // vCPU 15M × 0.1 s = 1.5M − 180,000 = 1.32M × $0.000024 = $31.68.
    // Memory 15M × 0.05 = 750,000 − 360,000 = 390,000 GiB-s × $0.0000025 = $0.975.
    // Total $37.855.
    let (cost, offer) = bill(added(&cat, "google-cloud-run"), &cat, 100_000.0);
    close(cost[0], 37.855, "Cloud Run, best case");
    close(cost[1], 37.855, "Cloud Run, worst case");
    assert_eq!(offer, "google-cloud-run/request-based");
}

/// Workers Paid is a $5 fee plus usage past its allowances (the docs' own example), and
/// the free plan gives way to it once requests pass its daily cap.
#[test]
fn workers_paid_matches_the_docs_example_and_free_upgrades_to_it() {
    let cat = Catalogue::builtin();
    // 15M requests at 7 ms of CPU each: requests (15M − 10M) ÷ 1M × $0.30 = $1.50; CPU
    // 105M − 30M = 75M ms ÷ 1M × $0.02 = $1.50; plus $5: $8.
    let raw = on_offer(
        &cat,
        "cloudflare-workers",
        "paid",
        vec![
            driver("requests_per_month", Basis::Fixed, 15_000_000.0),
            driver("cpu_ms_per_month", Basis::Fixed, 105_000_000.0),
        ],
    );
    let (cost, _) = bill(raw, &cat, 1000.0);
    close(cost[1], 8.0, "Workers Paid, the docs' example");
    // 10,000 users: 5,000 active × 1,000 = 5M requests, past 80% of Free's ~3M a month. Paid:
    // 5M ≤ 10M included, CPU 25M ms ≤ 30M: $5.
    let (cost, offer) = bill(added(&cat, "cloudflare-workers"), &cat, 10_000.0);
    close(cost[1], 5.0, "Workers at 10,000 users");
    assert_eq!(offer, "cloudflare-workers/paid");
}

/// Railway's subscription is a usage commitment: usage under it bills the subscription,
/// usage over it bills the usage.
#[test]
fn railway_subscription_pays_for_the_first_usage() {
    let cat = Catalogue::builtin();
    let hobby = |demand| on_offer(&cat, "railway", "hobby", demand);
    // 256 MB used all month: 256 ÷ 1,024 × $10 = $2.50, inside the $5: the bill is $5.
    let (low, _) = bill(
        hobby(vec![driver("ram_mb", Basis::Fixed, 256.0)]),
        &cat,
        1000.0,
    );
    close(low[1], 5.0, "Railway Hobby, $2.50 of usage");
    // 2 GB and 1 vCPU all month: $20 + $20 = $40 of usage; $5 + (40 − 5) = $40.
    let (high, _) = bill(
        hobby(vec![
            driver("ram_mb", Basis::Fixed, 2048.0),
            driver("vcpu", Basis::Fixed, 1.0),
        ]),
        &cat,
        1000.0,
    );
    close(high[1], 40.0, "Railway Hobby, $40 of usage");
}

/// Neon Launch carries its uncertain $5 minimum as a range: none in the best case, $5 in
/// the worst.
#[test]
fn neon_launch_minimum_is_a_range() {
    let cat = Catalogue::builtin();
    // 20 CU-hours × $0.106 = $2.12. Best max(0, 2.12) = $2.12; worst max(5, 2.12) = $5.
    let raw = on_offer(
        &cat,
        "neon",
        "launch",
        vec![driver("compute_unit_hours_per_month", Basis::Fixed, 20.0)],
    );
    let (cost, _) = bill(raw, &cat, 1000.0);
    close(cost[0], 2.12, "Neon Launch, best case");
    close(cost[1], 5.0, "Neon Launch, worst case");
}

/// Postmark's plans cost more a month but less per extra 1,000: at 30,000 emails Platform
/// is the cheapest, and a component that upgrades itself picks it.
#[test]
fn postmark_overage_crossover_picks_platform() {
    let cat = Catalogue::builtin();
    let at = |offer: &str| {
        let raw = on_offer(
            &cat,
            "postmark",
            offer,
            vec![driver("emails_per_month", Basis::Fixed, 30_000.0)],
        );
        bill(raw, &cat, 1000.0).0[1]
    };
    // 20,000 past the 10,000 included: Basic 15 + 20 × 1.80 = $51; Pro 16.50 + 20 × 1.30 =
    // $42.50; Platform 18 + 20 × 1.20 = $42.
    close(at("basic"), 51.0, "Postmark Basic at 30,000");
    close(at("pro"), 42.5, "Postmark Pro at 30,000");
    close(at("platform"), 42.0, "Postmark Platform at 30,000");
    // 7,500 users: 3,750 active × 8 = 30,000 emails; upgrading over every plan lands on Platform.
    let (cost, offer) = bill(added(&cat, "postmark"), &cat, 7500.0);
    close(cost[1], 42.0, "Postmark at 7,500 users");
    assert_eq!(offer, "postmark/platform");
}

/// Resend's free plan is a hard limit; Pro bills overage per 1,000 past its 50,000.
#[test]
fn resend_free_then_pro_with_overage() {
    let cat = Catalogue::builtin();
    // 500 users: 250 active × 8 = 2,000 emails, under 80% of 3,000: free.
    let (free, offer) = bill(added(&cat, "resend"), &cat, 500.0);
    close(free[1], 0.0, "Resend at 500 users");
    assert_eq!(offer, "resend/free");
    // 20,000 users: 10,000 active × 8 = 80,000 emails. Pro: $20 + 30 × $0.90 = $47, under
    // Scale's $90.
    let (pro, offer) = bill(added(&cat, "resend"), &cat, 20_000.0);
    close(pro[1], 47.0, "Resend at 20,000 users");
    assert_eq!(offer, "resend/pro");
}

/// RDS includes the 20 GB minimum volume in its price and bills storage past it.
#[test]
fn rds_bills_storage_past_the_minimum_volume() {
    let cat = Catalogue::builtin();
    // 50 GB of data on db.t4g.micro: $11.68 + $2.30 for the first 20 GB + 30 × $0.115 = $3.45:
    // $17.43.
    let raw = on_offer(
        &cat,
        "aws-rds-postgres",
        "db-t4g-micro",
        vec![driver("db_mb", Basis::Fixed, 51_200.0)],
    );
    let (cost, _) = bill(raw, &cat, 1000.0);
    close(cost[1], 17.43, "RDS micro with 50 GB");
}

/// Lightsail bills data out past the bundle's allowance at $0.09/GB.
#[test]
fn lightsail_bills_transfer_past_its_allowance() {
    let cat = Catalogue::builtin();
    // Nano: 1 TB = 1,024 GB included; 1,524 GB is 500 over × $0.09 = $45, plus $5: $50.
    let raw = on_offer(
        &cat,
        "aws-lightsail",
        "nano-512mb",
        vec![driver("egress_gb_per_month", Basis::Fixed, 1524.0)],
    );
    let (cost, _) = bill(raw, &cat, 1000.0);
    close(cost[1], 50.0, "Lightsail nano with 1,524 GB out");
}
