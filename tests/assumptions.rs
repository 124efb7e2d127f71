//! What the printed report says the answers assume, against the presets' own files.

use headroom::model::assumptions::{assumptions, stack_lines};
use headroom::model::presets;
use headroom::model::{Catalogue, Model};

fn model(id: &str) -> Model {
    let cat = Catalogue::builtin();
    let s = presets::load(id, &cat).expect("preset").expect("valid");
    Model::new(&s, &cat)
}

#[test]
fn the_report_lists_what_the_ai_ceo_guide_assumes() {
    let m = model("ai-ceo-replit");
    let rows: Vec<(String, String)> = assumptions(&m)
        .into_iter()
        .map(|a| (a.label, a.value))
        .collect();
    let want = [
        ("Users now", "3,000"),
        ("Growth", "10% a month"),
        ("Look ahead", "12 months"),
        ("Active in a month", "100% of users"),
        ("Online at the busiest moment", "100% of active users"),
        ("Users who pay", "5% of all users"),
        ("Average price", "$20 a month"),
        ("Card fees", "none"),
        ("Cash in the bank", "not entered: no runway"),
    ];
    assert_eq!(
        rows,
        want.map(|(a, b)| (a.to_string(), b.to_string())).to_vec()
    );
    // 3,000 users, all online at once, 250 to an instance: 3,000 ÷ 250 = 12 instances at
    // $365–$377 a month each: 12 × 365 = $4,380 and 12 × 377 = $4,524.
    let s = m.snapshot(3000.0);
    let stack = stack_lines(&m, &s);
    assert_eq!(stack.len(), 3);
    assert_eq!(stack[0].name, "Flask app (Replit Autoscale)");
    assert_eq!(
        stack[0].runs,
        "12 × Medium (2 vCPU, 4 GB RAM), $4,380–$4,524 a month"
    );
    assert_eq!(stack[1].runs, "1 × 1 vCPU / 2 GB RAM, $30 a month");
    assert!(stack[1].uses.is_empty());
}

#[test]
fn milestones_fees_and_drivers_read_in_words() {
    let m = model("salesboy-ai");
    let growth = assumptions(&m)
        .into_iter()
        .find(|a| a.label == "Growth")
        .expect("growth");
    assert_eq!(
        growth.value,
        "along milestones: 10 by month 1, 50 by month 3, 100 by month 6, 150 by month 12"
    );
    let s = m.snapshot(m.scenario().users.now);
    let gateway = stack_lines(&m, &s)
        .into_iter()
        .find(|l| l.name == "WhatsApp gateway")
        .expect("gateway");
    // RAM is counted per user under the gateway's own label for them, a WhatsApp session;
    // messages per user.
    assert_eq!(
        gateway.uses,
        [
            "RAM, MB, per WhatsApp session: 100",
            "messages a month per user: 50"
        ]
    );
    // The starter carries Stripe's card fee and a driver for the whole app.
    let m = model("starter-saas");
    let fees = assumptions(&m)
        .into_iter()
        .find(|a| a.label == "Card fees")
        .expect("fees");
    assert_eq!(fees.value, "2.9% + $0.30 a charge");
    let s = m.snapshot(1000.0);
    let web = &stack_lines(&m, &s)[0];
    assert_eq!(
        web.uses[0], "RAM, MB, for the whole app, whatever the users: 400",
        "{:?}",
        web.uses
    );
}
