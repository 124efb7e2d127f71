//! Every provider of the catalogue, added to a stack the way a founder adds it, costs at
//! 1,000 users what its meters and offers work out to by hand; and each shape of price
//! sheet (a minimum, a usage credit, graduated tiers, usage blocked at a limit) bills as
//! its sheet says.
//!
//! Every test uses the same stack: 1,000 users, 50% active in a month (500), 10% of the
//! active online at once (50), 5% paying (50) at $10. A component starts with its
//! provider's meters as drivers and its default offer, or auto-upgrade over every offer.

use headroom::model::catalogue::{Metered, Overage, Tier as Slice};
use headroom::model::edit::{blank_offer, PlanChoice};
use headroom::model::scenario::{Basis, Driver};
use headroom::model::{Case, Catalogue, Model, Range, RawScenario, Scenario};

mod common;
use common::driver;

/// Every provider in the catalogue, each with a test below. A provider added to the
/// catalogue without one fails `every_provider_has_a_test`.
const TESTED: [&str; 43] = [
    "digitalocean-droplet",
    "replit-autoscale",
    "replit-reserved-vm",
    "heroku-dyno",
    "vercel",
    "vps-generic",
    "kubernetes",
    "load-balancer",
    "sqlite",
    "supabase",
    "supabase-compute",
    "managed-postgres",
    "heroku-postgres",
    "redis",
    "pinecone",
    "whatsapp-selfhosted",
    "whatsapp-business-api",
    "gemini",
    "openai",
    "anthropic",
    "openai-embeddings",
    "gemini-embeddings",
    "cloudflare",
    "webrtc",
    "monitoring",
    "youtube-data-api",
    "digitalocean-spaces",
    "custom",
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

/// The stack every test starts from, with no components yet.
fn stack() -> RawScenario {
    serde_json::from_str(
        r#"{
            "schema_version": 2,
            "name": "One provider",
            "users": {
                "now": 1000,
                "growth": { "kind": "monthly_pct", "pct_per_month": 0 },
                "horizon_months": 12,
                "active_share_pct": 50,
                "concurrent_share_pct": 10
            },
            "components": [],
            "revenue": { "conversion_pct": 5, "price_usd_per_month": 10 }
        }"#,
    )
    .expect("the test stack is a scenario")
}

/// Dollar figures agree to one part in a billion of the expected figure (of $1 below $1).
fn close(actual: f64, expected: f64, what: &str) {
    let tol = 1e-9 * expected.abs().max(1.0);
    assert!(
        (actual - expected).abs() <= tol,
        "{what}: expected ${expected}, got ${actual}"
    );
}

/// What one component costs and runs at a user count, `[best, worst]`.
struct Priced {
    cost: [f64; 2],
    offer: [String; 2],
    over_limit: [bool; 2],
}

/// Checks the scenario, compiles it and reads its first component at `users`.
fn price(raw: RawScenario, cat: &Catalogue, users: f64) -> Priced {
    let s = Scenario::new(raw, cat).unwrap_or_else(|e| panic!("the scenario is refused: {e}"));
    let m = Model::new(&s, cat);
    let snap = m.snapshot(users);
    let c = &snap.components[0];
    let offer = |k: Case| {
        let a = c[k]
            .allocations
            .first()
            .expect("the component runs an offer");
        m.components[0].candidates[a.candidate].offer_ref.clone()
    };
    Priced {
        cost: [c[Case::Best].cost_usd, c[Case::Worst].cost_usd],
        offer: [offer(Case::Best), offer(Case::Worst)],
        over_limit: [c[Case::Best].over_limit, c[Case::Worst].over_limit],
    }
}

/// A component for `provider`, added as a founder adds it: its meters and default offer.
fn added(cat: &Catalogue, provider: &str) -> RawScenario {
    let mut raw = stack();
    raw.add_component(cat, provider)
        .unwrap_or_else(|e| panic!("{provider}: {e}"));
    raw
}

/// The component for `provider` costs `best` and `worst` at 1,000 users on `offer`, and
/// holds its demand.
fn expect(provider: &str, offer: &str, best: f64, worst: f64) {
    let cat = Catalogue::builtin();
    let p = price(added(&cat, provider), &cat, 1000.0);
    close(p.cost[0], best, &format!("{provider}, best case"));
    close(p.cost[1], worst, &format!("{provider}, worst case"));
    assert_eq!(p.offer, [offer, offer], "{provider}: the offer it runs");
    assert_eq!(
        p.over_limit,
        [false, false],
        "{provider}: within its limits"
    );
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
fn every_provider_has_a_test() {
    let cat = Catalogue::builtin();
    let mut in_catalogue: Vec<&str> = cat.providers.iter().map(|p| p.id.as_str()).collect();
    let mut tested = TESTED.to_vec();
    in_catalogue.sort_unstable();
    tested.sort_unstable();
    assert_eq!(
        in_catalogue, tested,
        "each provider in the catalogue needs a test here, and each test a provider"
    );
}

#[test]
fn every_meter_says_what_it_counts_and_fits_its_default_offer() {
    let cat = Catalogue::builtin();
    for p in &cat.providers {
        for m in &p.meters {
            assert!(
                !m.explain.trim().is_empty(),
                "{}: the meter for {} needs an explain",
                p.id,
                m.resource
            );
        }
        // A meter is priced or held by the offer a new component runs (or by some offer
        // when it upgrades over all of them), unless another meter counts per unit of it.
        let offers: Vec<_> = match &p.default_offer {
            Some(id) => p.offers.iter().filter(|o| &o.id == id).collect(),
            None => p.offers.iter().collect(),
        };
        for m in &p.meters {
            let priced = offers
                .iter()
                .any(|o| o.resources().contains(&m.resource.as_str()));
            let basis = p
                .meters
                .iter()
                .any(|d| d.per.resource() == Some(m.resource.as_str()));
            assert!(
                priced || basis,
                "{}: no offer it starts on prices or holds {}",
                p.id,
                m.resource
            );
        }
    }
}

// ---------------------------------------------------------------------------- hosting

#[test]
fn digitalocean_droplet() {
    // 1,000 users × 50% active × 10% online at once = 50 concurrent users.
    // RAM 400 MB + 50 × 8 MB = 800 MB; CPU 50 × 0.005 = 0.25 vCPU.
    // 512 MB droplet ($4): 800 MB > 80% of 512 = 409.6 MB, too small.
    // 1 GB droplet ($6): 800 ≤ 80% of 1,024 = 819.2 MB and 0.25 ≤ 0.8 vCPU: $6.
    expect(
        "digitalocean-droplet",
        "digitalocean-droplet/s-1vcpu-1gb",
        6.0,
        6.0,
    );
}

#[test]
fn replit_autoscale() {
    // Starts on pay-per-use. 500 active users × 300 requests = 150,000 requests.
    // Compute: 150,000 × 5 CU = 750,000 CU × $3.20 / 1M = $2.40.
    // Requests: 150,000 × $1.20 / 1M = $0.18.
    // Egress: 500 × 0.1 GB = 50 GB, within the 100 GB allowance: $0.
    // Base fee $1. Total 1 + 2.40 + 0.18 = $3.58.
    expect(
        "replit-autoscale",
        "replit-autoscale/pay-per-use",
        3.58,
        3.58,
    );
}

#[test]
fn replit_reserved_vm() {
    // RAM 400 + 50 × 8 = 800 MB; CPU 0.25 vCPU.
    // Shared VM ($20): 800 ≤ 80% of 2,048 = 1,638.4 MB, 0.25 ≤ 80% of 0.5 = 0.4 vCPU: $20.
    expect(
        "replit-reserved-vm",
        "replit-reserved-vm/shared-medium",
        20.0,
        20.0,
    );
}

#[test]
fn heroku_dyno() {
    // RAM 400 + 50 × 8 = 800 MB. Eco, Basic and Standard-1X hold 512 MB: 800 > 409.6.
    // Standard-2X holds 1 GB: 800 ≤ 819.2 MB: $50.
    expect("heroku-dyno", "heroku-dyno/standard-2x", 50.0, 50.0);
}

#[test]
fn vercel() {
    // Starts on Pro. 500 active users.
    // Seats: 1 (fixed), the first seat is the $20 price; 0 extra seats.
    // Edge requests 500 × 1,000 = 500,000, under the 10M included: $0.
    // Invocations 500 × 100 = 50,000, under the 1M included: $0.
    // Active CPU 50,000 × 0.00001 h = 0.5 h × $0.128 = $0.064.
    // Provisioned memory 50,000 × 0.0001 GB-h = 5 GB-h × $0.0106 = $0.053.
    // Fast Data Transfer 500 × 0.2 GB = 100 GB, under the 1 TB included: $0.
    // Usage $0.117, all paid by the $20 credit: bill $20 + max(0, 0.117 − 20) = $20.
    expect("vercel", "vercel/pro", 20.0, 20.0);
}

#[test]
fn vps_generic() {
    // RAM 400 + 50 × 8 = 800 MB ≤ 80% of 1 GB = 819.2 MB: the 1 GB VPS at $5–6.
    expect("vps-generic", "vps-generic/vps-1gb", 5.0, 6.0);
}

#[test]
fn kubernetes() {
    // RAM 800 MB, CPU 0.25 vCPU: one 2 GB / 1 vCPU node (1,638.4 MB and 0.8 vCPU usable): $12.
    expect("kubernetes", "kubernetes/doks-s-1vcpu-2gb", 12.0, 12.0);
}

#[test]
fn load_balancer() {
    // Starts on DigitalOcean's load balancer. 50 concurrent users × 1 connection = 50,
    // under 80% of 10,000: $12.
    expect("load-balancer", "load-balancer/small", 12.0, 12.0);
}

// ---------------------------------------------------------------------------- data

#[test]
fn sqlite() {
    // No meters: the embedded database costs nothing at any usage.
    expect("sqlite", "sqlite/embedded", 0.0, 0.0);
}

#[test]
fn supabase() {
    // Data 1,000 users × 1 MB = 1,000 MB; files 1,000 × 0.01 GB = 10 GB;
    // MAU 500; connections 50 × 0.3 = 15; egress 500 × 0.1 GB = 50 GB.
    // Free: 1,000 MB > 80% of 500 MB, too small.
    // Pro ($25): 15 ≤ 160 connections; 500 MAU ≤ 100,000, 1,000 MB ≤ 8 GB disk, 50 GB ≤ 250 GB
    // egress, 10 GB ≤ 100 GB storage: no overage. $25.
    expect("supabase", "supabase/pro", 25.0, 25.0);
}

#[test]
fn supabase_compute() {
    // Connections 50 × 0.3 = 15 ≤ 80% of Nano's 200 pooler connections: $0.
    expect("supabase-compute", "supabase-compute/nano", 0.0, 0.0);
}

#[test]
fn managed_postgres() {
    // Data 1,000 MB ≤ 80% of the 10–15 GB disk; connections 15 ≤ 80% of 22 = 17.6: $15.
    expect("managed-postgres", "managed-postgres/basic-1gb", 15.0, 15.0);
}

#[test]
fn heroku_postgres() {
    // Data 1,000 MB > 80% of Essential-0's 1 GB (819.2 MB). Essential-1: 10 GB disk and
    // 15 ≤ 80% of 20 connections: $9.
    expect("heroku-postgres", "heroku-postgres/essential-1", 9.0, 9.0);
}

#[test]
fn redis() {
    // Memory 500 × 0.05 MB = 25 MB; commands 500 × 50 = 25,000 a day.
    // Upstash Free: 25,000 > 80% of its ~16,129–16,667 a day. Redis Cloud free: 25 MB > 80% of
    // 30 MB. Heroku Mini: 25 > 80% of 25 MB.
    // Upstash pay-as-you-go: 25,000 ÷ 100,000 × $6.00–6.20 = $1.50–1.55, cheaper than any fixed
    // plan that fits ($5 and up).
    expect("redis", "redis/upstash-payg", 1.5, 1.55);
}

#[test]
fn pinecone() {
    // Upgrades itself, and the cheapest that fits is Starter, listed first among the free
    // plans. Documents 1,000 × 10 = 10,000; vectors × 10 chunks = 100,000, under
    // 80% of 280,000. Queries 500 × 30 = 15,000 × 1 read unit = 15,000 read units, under 1M.
    // Write units 500 × 80 = 40,000, under 2M. Free: $0.
    expect("pinecone", "pinecone/starter", 0.0, 0.0);
}

// ---------------------------------------------------------------------------- messaging

#[test]
fn whatsapp_selfhosted() {
    // 50 paying users connect a number each: 50 sessions × 100 MB + 300 MB = 5,300 MB.
    // 4 GB VPS: 5,300 > 80% of 4,096 = 3,276.8 MB. 8 GB VPS: 5,300 ≤ 6,553.6 MB: $40–48.
    expect(
        "whatsapp-selfhosted",
        "whatsapp-selfhosted/on-vps-8gb",
        40.0,
        48.0,
    );
}

#[test]
fn whatsapp_business_api() {
    // Starts on US/Canada. 500 active users:
    // marketing 500 × 2 = 1,000 × $0.025 = $25;
    // utility 500 × 4 = 2,000 × $0.0034 = $6.80;
    // authentication 500 × 1 = 500 × $0.0034 = $1.70;
    // service replies 500 × 10 = 5,000: the first 1,000 a month free, then the utility rate
    // (Meta, since 2026-10-01): 4,000 × $0.0034 = $13.60.
    // 25 + 6.80 + 1.70 + 13.60 = $47.10 in both cases.
    expect(
        "whatsapp-business-api",
        "whatsapp-business-api/north-america",
        47.1,
        47.1,
    );
}

// ---------------------------------------------------------------------------- LLMs

#[test]
fn gemini() {
    // Starts on 2.5 Flash-Lite. 500 active users × 30 = 15,000 messages.
    // Input 15,000 × 1,000 = 15M × $0.10/M = $1.50;
    // cached 15,000 × 500 = 7.5M × $0.01/M = $0.075;
    // output 15,000 × 300 = 4.5M × $0.40/M = $1.80. Total $3.375.
    expect("gemini", "gemini/gemini-2.5-flash-lite", 3.375, 3.375);
}

#[test]
fn openai() {
    // Starts on GPT-6 Luna. 15,000 messages.
    // Input 15M × $0.10/M = $1.50; cached 7.5M × $0.01/M = $0.075;
    // output 4.5M × $0.50/M = $2.25. Total $3.825.
    expect("openai", "openai/gpt-6-luna", 3.825, 3.825);
}

#[test]
fn anthropic() {
    // Starts on Haiku 5.5. 15,000 messages.
    // Input 15M × $0.10/M = $1.50; cache reads 7.5M × $0.01/M = $0.075;
    // output 4.5M × $0.50/M = $2.25. Total $3.825.
    expect("anthropic", "anthropic/claude-haiku-5.5", 3.825, 3.825);
}

#[test]
fn openai_embeddings() {
    // Starts on text-embedding-3-small. 500 active users × 20,000 tokens = 10M tokens ×
    // $0.02/M = $0.20.
    expect(
        "openai-embeddings",
        "openai-embeddings/text-embedding-3-small",
        0.2,
        0.2,
    );
}

#[test]
fn gemini_embeddings() {
    // Starts on Gemini Embedding (gemini-embedding-001). 10M tokens × $0.15/M = $1.50.
    expect(
        "gemini-embeddings",
        "gemini-embeddings/gemini-embedding-001",
        1.5,
        1.5,
    );
}

// ---------------------------------------------------------------------------- the rest

#[test]
fn cloudflare() {
    // 500 × 1,000 = 500,000 requests; the Free CDN plan charges nothing per request: $0.
    expect("cloudflare", "cloudflare/free", 0.0, 0.0);
}

#[test]
fn webrtc() {
    // Relayed video 500 × 3 GB = 1,500 GB.
    // Cloudflare: (1,500 − 1,000 free) × $0.05 = $25.
    // coturn on a 1 GB droplet: $6 + (1,500 − 1,000 included) × $0.01 = $11, the cheaper.
    expect("webrtc", "webrtc/coturn-on-droplet-1gb", 11.0, 11.0);
}

#[test]
fn monitoring() {
    // Starts on Sentry Developer. Errors 500 × 2 = 1,000 a month, under 80% of its 5,000: $0.
    expect("monitoring", "monitoring/sentry-developer", 0.0, 0.0);
}

#[test]
fn youtube_data_api() {
    // Quota 500 × 10 = 5,000 units a day, under 80% of the default 10,000: $0.
    expect(
        "youtube-data-api",
        "youtube-data-api/default-quota",
        0.0,
        0.0,
    );
}

#[test]
fn digitalocean_spaces() {
    // Storage 1,000 × 0.1 GB = 100 GB ≤ 250 GB; egress 500 × 0.5 GB = 250 GB ≤ 1,024 GB: $5.
    expect(
        "digitalocean-spaces",
        "digitalocean-spaces/spaces-250gb",
        5.0,
        5.0,
    );
}

#[test]
fn custom() {
    // No meters; the line item's price is the founder's to set: $0 until then.
    expect("custom", "custom/line-item", 0.0, 0.0);
}

// ---------------------------------------------------------------------------- sheet shapes

/// Pinecone Standard's $50 is a minimum that usage grows into, not a fee on top.
#[test]
fn pinecone_standard_bills_its_minimum_until_usage_passes_it() {
    let cat = Catalogue::builtin();
    let reads = |n: f64| {
        on_offer(
            &cat,
            "pinecone",
            "standard",
            vec![driver("read_units_per_month", Basis::Fixed, n)],
        )
    };
    // 1.25M read units × $16 / 1M = $20 of usage: the bill is the $50 minimum.
    let low = price(reads(1_250_000.0), &cat, 1000.0);
    close(low.cost[0], 50.0, "usage worth $20");
    close(low.cost[1], 50.0, "usage worth $20");
    // 6.25M read units × $16 / 1M = $100 of usage, above the minimum: the bill is $100.
    let high = price(reads(6_250_000.0), &cat, 1000.0);
    close(high.cost[0], 100.0, "usage worth $100");
    close(high.cost[1], 100.0, "usage worth $100");
    // Storage, reads and writes count toward one minimum together:
    // 10M vectors × $2.3562 / 1M = $23.562; 1M read units = $16; 2M write units × $4 / 1M = $8.
    // $47.562 of usage bills $50.
    let mixed = on_offer(
        &cat,
        "pinecone",
        "standard",
        vec![
            driver("vectors", Basis::Fixed, 10_000_000.0),
            driver("read_units_per_month", Basis::Fixed, 1_000_000.0),
            driver("write_units_per_month", Basis::Fixed, 2_000_000.0),
        ],
    );
    close(
        price(mixed, &cat, 1000.0).cost[1],
        50.0,
        "usage worth $47.562",
    );
}

/// Vercel Pro's $20 credit pays for usage past the included allowances, not for the seat.
#[test]
fn vercel_pro_credit_pays_overage_up_to_20_dollars() {
    let cat = Catalogue::builtin();
    let transfer = |gb: f64| {
        on_offer(
            &cat,
            "vercel",
            "pro",
            vec![
                driver("seats", Basis::Fixed, 1.0),
                driver("egress_gb_per_month", Basis::Fixed, gb),
            ],
        )
    };
    // 1,100 GB: 100 GB past the 1 TB included × $0.15 = $15 of overage, under the $20
    // credit: the bill is the seat alone, $20.
    let under = price(transfer(1100.0), &cat, 1000.0);
    close(under.cost[0], 20.0, "overage worth $15");
    close(under.cost[1], 20.0, "overage worth $15");
    // 1,200 GB: 200 GB × $0.15 = $30 of overage; the credit pays $20: $20 + $10 = $30.
    let over = price(transfer(1200.0), &cat, 1000.0);
    close(over.cost[0], 30.0, "overage worth $30");
    close(over.cost[1], 30.0, "overage worth $30");
    // Within the allowance nothing is billed past the seat.
    close(
        price(transfer(1000.0), &cat, 1000.0).cost[0],
        20.0,
        "no overage",
    );
}

/// Each slice of a graduated rate is priced at its own tier's rate.
#[test]
fn a_graduated_rate_prices_each_slice_at_its_tier() {
    let cat = Catalogue::builtin();
    let mut raw = stack();
    let pid = raw
        .add_own_provider(&cat, "Object store", "storage")
        .unwrap();
    let mut offer = blank_offer("plan-1", "Plan 1");
    offer.price_usd_per_month = Range::exact(5.0);
    offer.metered = vec![Metered {
        resource: "storage_gb".into(),
        usd: Range::exact(0.0),
        per: 1.0,
        included: 100.0,
        tiers: vec![
            Slice {
                up_to: Some(1000.0),
                usd: Range::exact(0.10),
            },
            Slice {
                up_to: Some(5000.0),
                usd: Range::new(0.04, 0.05),
            },
            Slice {
                up_to: None,
                usd: Range::exact(0.02),
            },
        ],
        overage: Overage::Billed,
        fee: false,
    }];
    raw.set_own_offer(&cat, &pid, offer).unwrap();
    let id = raw.add_component(&cat, &pid).unwrap();
    raw.add_driver(&cat, &id, driver("storage_gb", Basis::User, 7.1))
        .unwrap();
    // 1,000 users × 7.1 GB = 7,100 GB; 100 GB included leaves 7,000 GB billable:
    // the first 1,000 at $0.10 = $100; the next 4,000 at $0.04–0.05 = $160–200;
    // the last 2,000 at $0.02 = $40. Plus the $5 price: $305 best, $345 worst.
    let p = price(raw.clone(), &cat, 1000.0);
    close(p.cost[0], 305.0, "7,100 GB, best case");
    close(p.cost[1], 345.0, "7,100 GB, worst case");
    // 500 users × 7.1 GB = 3,550 GB; 3,450 billable: 1,000 × $0.10 + 2,450 × $0.04–0.05
    // = $100 + $98–122.50, plus $5: $203 best, $227.50 worst.
    let half = price(raw, &cat, 500.0);
    close(half.cost[0], 203.0, "3,550 GB, best case");
    close(half.cost[1], 227.5, "3,550 GB, worst case");
}

/// Pinecone Builder refuses usage past its limits rather than billing it: the cost stays
/// $20 and the component is over its limit.
#[test]
fn pinecone_builder_blocks_usage_past_its_limits() {
    let cat = Catalogue::builtin();
    let reads = |n: f64| {
        on_offer(
            &cat,
            "pinecone",
            "builder",
            vec![driver("read_units_per_month", Basis::Fixed, n)],
        )
    };
    // 1M read units, under 80% of the 2M included: $20, within its limits.
    let within = price(reads(1_000_000.0), &cat, 1000.0);
    close(within.cost[0], 20.0, "1M read units");
    close(within.cost[1], 20.0, "1M read units");
    assert_eq!(within.over_limit, [false, false]);
    // 3M read units, past the 2M a month Builder allows: still $20, and over its limit.
    let past = price(reads(3_000_000.0), &cat, 1000.0);
    close(past.cost[0], 20.0, "3M read units");
    close(past.cost[1], 20.0, "3M read units");
    assert_eq!(past.over_limit, [true, true]);
    // With the provider's own meters: at 10,000 users, 100,000 documents × 10 chunks = 1M
    // vectors (under 80% of 1.4M), 5,000 active × 30 = 150,000 read units and 5,000 × 80 =
    // 400,000 write units: $20, within its limits. At 30,000 users the 3M vectors pass the
    // 1.4M it stores: still $20, and over its limit.
    let mut raw = added(&cat, "pinecone");
    raw.set_tier(&cat, "c1", PlanChoice::Offer("pinecone/builder".into()))
        .unwrap();
    let ten = price(raw.clone(), &cat, 10_000.0);
    close(ten.cost[1], 20.0, "10,000 users on Builder");
    assert_eq!(ten.over_limit, [false, false]);
    let thirty = price(raw, &cat, 30_000.0);
    close(thirty.cost[1], 20.0, "30,000 users on Builder");
    assert_eq!(thirty.over_limit, [true, true]);
}

// ---------------------------------------------------------------- breadth

#[test]
fn aws_lightsail() {
    // RAM 400 + 50 × 8 = 800 MB; CPU 50 × 0.005 = 0.25 vCPU; egress 500 × 0.2 GB = 100 GB.
    // Nano (512 MB): 800 > 80% of 512 = 409.6 MB. Micro (1 GB, 0.2 vCPU baseline): 800 ≤ 819.2 MB
    // but 0.25 > 80% of 0.2 = 0.16 vCPU. Small (2 GB, 0.4 vCPU): 0.25 ≤ 0.32; 100 GB ≤ 3 TB: $12.
    expect("aws-lightsail", "aws-lightsail/small-2gb", 12.0, 12.0);
}

#[test]
fn aws_rds_postgres() {
    // Data 1,000 MB, within the 20 GB volume the price includes; connections 50 × 0.3 = 15 ≤ 80% of
    // 112. db.t4g.micro: $0.016 × 730 h = $11.68, plus 20 GB × $0.115 = $2.30: $13.98.
    expect(
        "aws-rds-postgres",
        "aws-rds-postgres/db-t4g-micro",
        13.98,
        13.98,
    );
}

#[test]
fn aws_s3() {
    // Storage 1,000 × 0.1 GB = 100 GB × $0.023 = $2.30; writes 500 × 20 = 10,000 × $0.005 / 1,000
    // = $0.05; reads 500 × 200 = 100,000 × $0.0004 / 1,000 = $0.04; egress 500 × 0.5 GB = 250 GB,
    // the first 100 free, 150 × $0.09 = $13.50. Total $15.89.
    expect("aws-s3", "aws-s3/standard", 15.89, 15.89);
}

#[test]
fn google_cloud_run() {
    // 500 × 300 = 150,000 requests, under the 2M free; 15,000 vCPU-seconds, under 180,000;
    // 7,500 GiB-seconds, under 360,000: $0.
    expect(
        "google-cloud-run",
        "google-cloud-run/request-based",
        0.0,
        0.0,
    );
}

#[test]
fn render() {
    // RAM 800 MB, CPU 0.25 vCPU. Free and Starter hold 512 MB: 800 > 409.6.
    // Standard (2 GB, 1 CPU): 800 ≤ 1,638.4 MB and 0.25 ≤ 0.8: $25.
    expect("render", "render/standard", 25.0, 25.0);
}

#[test]
fn fly_io() {
    // RAM 800 MB: 256 MB and 512 MB are too small (800 > 409.6); 1 GB holds 819.2: $6.79.
    // Egress 500 × 0.2 GB = 100 GB × $0.02 = $2. Total $8.79.
    expect("fly-io", "fly-io/shared-1x-1gb", 8.79, 8.79);
}

#[test]
fn railway() {
    // RAM 800 MB ÷ 1,024 × $10 = $7.8125; CPU 0.25 × $20 = $5; egress 500 × 0.2 GB = 100 GB
    // × $0.05 = $5. Usage $17.8125.
    // Hobby: $5 + max(0, 17.8125 − 5 credit) = $17.8125. Pro: $20 + max(0, 17.8125 − 20) = $20.
    expect("railway", "railway/hobby", 17.8125, 17.8125);
}

#[test]
fn neon() {
    // Compute 90 CU-hours > 80% of Free's 100 (and data 1,000 MB > 80% of 512 MB).
    // Launch: 90 × $0.106 = $9.54; storage 1,000 ÷ 1,024 × $0.35 = $0.341796875; transfer
    // 500 × 0.05 = 25 GB, under 100 GB. $9.881796875, above the $0–5 minimum.
    expect("neon", "neon/launch", 9.881796875, 9.881796875);
}

#[test]
fn cloudflare_r2() {
    // Storage 100 GB: (100 − 10 free) × $0.015 = $1.35. Class A 10,000 under 1M free; Class B
    // 100,000 under 10M free; egress free. $1.35.
    expect("cloudflare-r2", "cloudflare-r2/standard", 1.35, 1.35);
}

#[test]
fn cloudflare_workers() {
    // 500 × 1,000 = 500,000 requests, under 80% of Free's ~3M a month: $0.
    expect("cloudflare-workers", "cloudflare-workers/free", 0.0, 0.0);
}

#[test]
fn twilio_whatsapp() {
    // Marketing 500 × 2 = 1,000 × ($0.005 + $0.025) = $30; utility 2,000 × $0.0084 = $16.80;
    // authentication 500 × $0.0084 = $4.20; service replies 5,000 × $0.005 = $25; inbound
    // 500 × 5 = 2,500 × $0.005 = $12.50. Total $88.50.
    expect("twilio-whatsapp", "twilio-whatsapp/us-canada", 88.5, 88.5);
}

#[test]
fn twilio_sms() {
    // 500 × 4 = 2,000 segments × $0.0108–0.0145 = $21.60–29.00, plus $1.15 for the number:
    // $22.75 best, $30.15 worst.
    expect("twilio-sms", "twilio-sms/us-long-code", 22.75, 30.15);
}

#[test]
fn twilio_video() {
    // 500 × 60 = 30,000 participant-minutes × $0.004 = $120.
    expect("twilio-video", "twilio-video/group-rooms", 120.0, 120.0);
}

#[test]
fn resend() {
    // 500 × 8 = 4,000 emails > 80% of Free's 3,000. Pro: $20 with 50,000 included.
    expect("resend", "resend/pro", 20.0, 20.0);
}

#[test]
fn postmark() {
    // 4,000 emails > 80% of Developer's 100. Basic: $15 with 10,000 included, the cheapest.
    expect("postmark", "postmark/basic", 15.0, 15.0);
}
