//! Native tests of the answers a founder decides on: the runway from the cash in the bank,
//! the price or conversion that breaks even, and the plan as text, against hand-worked values.
#![cfg(not(target_arch = "wasm32"))]

use headroom::charts::{draw_profit, ProfitChart, Theme};
use headroom::model::goal_seek::{break_even_conversion, break_even_price, describe, Lever};
use headroom::model::plan;
use headroom::model::presets;
use headroom::model::runway::{self, NO_CASH};
use headroom::model::scenario::Raise;
use headroom::model::Range;
use headroom::model::{Catalogue, Model, Scenario, Timeline};
use plotters::prelude::*;

fn preset(id: &str) -> Scenario {
    presets::load(id, &Catalogue::builtin()).unwrap().unwrap()
}

fn timeline_of(s: &Scenario) -> Timeline {
    Timeline::new(&Model::new(s, &Catalogue::builtin()))
}

fn with_cash(id: &str, cash: f64, raise: Option<Raise>) -> Scenario {
    let mut raw = preset(id).raw().clone();
    raw.set_cash(Some(cash)).unwrap();
    if let Some(r) = raise {
        raw.set_raise_amount(Some(r.usd)).unwrap();
        raw.set_raise_month(f64::from(r.month)).unwrap();
    }
    Scenario::edited(raw, &Catalogue::builtin()).unwrap()
}

#[test]
fn the_cash_runs_out_in_the_month_worked_by_hand_at_both_ends() {
    // The AI-CEO guide loses money every month until month 10: revenue $3,000 at 3,000
    // users against $4,559 (worst) and $4,415 (best) of infrastructure, growing 10% a month.
    // From $10,000 in the bank, no one-time costs:
    //   worst: 10,000 − 1,559 = 8,441; − 2,013 = 6,428; − 2,060 = 4,368; − 2,074 = 2,294;
    //          − 2,428.70 = −134.70 at the end of month 4;
    //   best:  10,000 − 1,415 = 8,585; − 1,845 = 6,740; − 1,880 = 4,860; − 1,882 = 2,978;
    //          − 2,212.70 = 765.30; − 2,503.47 = −1,738.17 at the end of month 5.
    let t = timeline_of(&with_cash("ai-ceo-replit", 10_000.0, None));
    let r = t.runway.as_ref().unwrap();
    assert_eq!((r.out_month.worst, r.out_month.best), (Some(4), Some(5)));
    assert!(
        (r.balance.worst[4] - -134.70).abs() < 1e-6,
        "{}",
        r.balance.worst[4]
    );
    assert!(
        (r.balance.best[4] - 765.30).abs() < 1e-6,
        "{}",
        r.balance.best[4]
    );
    assert!(
        (r.balance.best[5] - -1_738.17).abs() < 1e-6,
        "{}",
        r.balance.best[5]
    );
    assert_eq!(r.describe(12), "month 4–5");
    // The worst case goes on losing to month 9: −134.70 − 2,743.47 − 2,260.32 − 1,728.85 −
    // 1,144.23 − 501.16 = −8,512.73; the best −1,738.17 − 2,020.32 − 1,488.85 − 904.23 −
    // 261.16 = −6,412.73.
    let s = with_cash("ai-ceo-replit", 10_000.0, None);
    assert_eq!(
        runway::describe_detail(s.raw(), Some(r), Range::exact(0.0)),
        "from $10,000 in the bank; lowest balance −\u{2060}$8,513 to −\u{2060}$6,413"
    );
    // The profit chart draws the balance from 10,000 at month 0 and marks the month.
    let m = Model::new(&s, &Catalogue::builtin());
    let chart = ProfitChart::from_timeline(&m, &t);
    let b = chart.balance.as_ref().unwrap();
    assert_eq!((b.worst[0], b.worst[5]), (10_000.0, r.balance.worst[4]));
    // The worst case goes from 2,294 to −134.70 during month 4: it crosses zero
    // 2,294 ÷ 2,428.70 = 0.9445 of the way through, and the chart marks it there.
    let x = chart.cash_out_at(headroom::model::Case::Worst).unwrap();
    assert!((x - (4.0 + 2_294.0 / 2_428.70)).abs() < 1e-9, "{x}");
    assert_eq!(
        chart
            .cash_out_at(headroom::model::Case::Best)
            .map(f64::floor),
        Some(5.0)
    );
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (640, 240)).into_drawing_area();
        draw_profit(&root, &chart, &Theme::light()).unwrap();
    }
    assert!(svg.contains("cash runs out") && svg.contains("cash in the bank"));
}

#[test]
fn a_raise_in_its_month_moves_the_month_the_cash_runs_out() {
    // $5,000 raised at the start of month 4 lifts the worst case's month-4 end from
    // −134.70 to 4,865.30; then 4,865.30 − 2,743.47 = 2,121.83 at the end of month 5 and
    // 2,121.83 − 2,260.32 = −138.49 at the end of month 6: out in month 6. The best case
    // ends month 4 at 5,765.30; − 2,503.47 = 3,261.83; − 2,020.32 = 1,241.51; − 1,488.85 =
    // −247.34 at the end of month 7: out in month 7.
    let raise = Raise {
        usd: 5_000.0,
        month: 4,
    };
    let t = timeline_of(&with_cash("ai-ceo-replit", 10_000.0, Some(raise)));
    let r = t.runway.as_ref().unwrap();
    assert!((r.balance.worst[4] - 4_865.30).abs() < 1e-6);
    assert!(
        (r.balance.worst[6] - -138.487).abs() < 1e-6,
        "{}",
        r.balance.worst[6]
    );
    assert_eq!((r.out_month.worst, r.out_month.best), (Some(6), Some(7)));
    assert_eq!(r.describe(12), "month 6–7");
    // $20,000 raised in month 4 instead: months 5–9 lose 2,743.47 + 2,260.32 + 1,728.85 +
    // 1,144.23 + 501.16 = 8,378.03 in the worst case, leaving 19,865.30 − 8,378.03 =
    // 11,487.27, and profit is positive from month 10; the lowest the cash gets is 2,294, at
    // the end of month 3, before the raise.
    let big = Raise {
        usd: 20_000.0,
        month: 4,
    };
    let t = timeline_of(&with_cash("ai-ceo-replit", 10_000.0, Some(big)));
    let r = t.runway.as_ref().unwrap();
    assert_eq!((r.out_month.worst, r.out_month.best), (None, None));
    assert_eq!(r.describe(12), "lasts past month 12");
    assert!(
        (r.balance.worst[9] - 11_487.27).abs() < 0.01,
        "{}",
        r.balance.worst[9]
    );
    assert!(
        (r.lowest().low - 2_294.0).abs() < 1e-6,
        "lowest before the raise"
    );
}

#[test]
fn one_time_costs_come_out_of_the_cash_first_and_no_cash_says_so() {
    // TitleTesterPro earns $45,950 (worst) to $48,750 (best) a month after $30,000–$65,000
    // one-time. From $40,000 the worst case cannot pay its one-time costs at launch:
    // 40,000 − 65,000 = −25,000, so the cash runs out now, even though month 0 ends at
    // −25,000 + 45,950 = 20,950; the best case pays them, 40,000 − 30,000 = 10,000, and
    // ends month 0 at 10,000 + 48,750 = 58,750.
    let t = timeline_of(&with_cash("titletesterpro", 40_000.0, None));
    let r = t.runway.as_ref().unwrap();
    assert!((r.balance.worst[0] - 20_950.0).abs() < 1e-9);
    assert!((r.balance.best[0] - 58_750.0).abs() < 1e-9);
    assert_eq!(r.describe(12), "now (best case: lasts past month 12)");
    assert!((r.lowest().low - -25_000.0).abs() < 1e-9);
    // From $70,000 both cases pay them: 70,000 − 65,000 = 5,000 at launch (the lowest the
    // worst case gets), 70,000 − 30,000 = 40,000.
    let t = timeline_of(&with_cash("titletesterpro", 70_000.0, None));
    let r = t.runway.as_ref().unwrap();
    assert_eq!(r.describe(12), "lasts past month 12");
    assert!((r.lowest().low - 5_000.0).abs() < 1e-9);
    // From $10,000 neither can: 10,000 − 65,000 and 10,000 − 30,000 are both below zero.
    let t = timeline_of(&with_cash("titletesterpro", 10_000.0, None));
    assert_eq!(t.runway.as_ref().unwrap().describe(12), "now");
    let t = timeline_of(&preset("titletesterpro"));
    assert_eq!(t.runway, None);
    assert_eq!(runway::describe(t.runway.as_ref(), 12), NO_CASH);
}

#[test]
fn cash_and_a_raise_are_checked_and_travel_in_the_scenario() {
    let mut raw = preset("blank").raw().clone();
    assert!(raw.set_cash(Some(-1.0)).unwrap_err().0.contains("cash"));
    assert!(raw
        .set_raise_month(3.0)
        .unwrap_err()
        .0
        .contains("amount raised first"));
    raw.set_cash(Some(25_000.0)).unwrap();
    raw.set_raise_amount(Some(100_000.0)).unwrap();
    assert_eq!(
        raw.raise.unwrap().month,
        6,
        "a new raise arrives in month 6"
    );
    raw.set_raise_month(9.0).unwrap();
    assert!(raw.set_raise_month(2.5).is_err());
    let json = raw.to_json();
    assert!(
        json.contains("\"cash_usd\": 25000") && json.contains("\"month\": 9"),
        "{json}"
    );
    let back = Scenario::from_json(&json, &Catalogue::builtin()).unwrap();
    assert_eq!(back.raw().cash_usd, Some(25_000.0));
    assert_eq!(
        back.raw().raise,
        Some(Raise {
            usd: 100_000.0,
            month: 9
        })
    );
    raw.set_raise_amount(None).unwrap();
    raw.set_cash(None).unwrap();
    assert!(!raw.to_json().contains("cash_usd") && !raw.to_json().contains("raise"));
    let mut bad = raw.clone();
    bad.cash_usd = Some(f64::NAN);
    assert!(Scenario::new(bad, &Catalogue::builtin()).is_err());
}

fn model_of(s: &Scenario) -> Model {
    Model::new(s, &Catalogue::builtin())
}

#[test]
fn the_break_even_price_jumps_where_the_database_upgrades() {
    // The starter's database keeps 0.5 MB a user on Supabase Free (500 MB), upgrading past
    // 80%: 400 MB, so 800 users. At 800 the stack costs $6 (the $6 droplet); at 801 the $25
    // Pro plan joins: $31. 3% pay; the card fee is 2.9% + $0.30 a charge.
    //   800 users: 24 pay, each must bring 6 ÷ 24 = $0.25 after fees:
    //     (0.25 + 0.30) ÷ 0.971 = 0.5664 → $0.57 (0.57 − 0.0165 − 0.30 = 0.2535 ≥ 0.25;
    //     $0.56 leaves 0.2438).
    //   801 users: 24.03 pay, each must bring 31 ÷ 24.03 = $1.2901:
    //     (1.2901 + 0.30) ÷ 0.971 = 1.6375 → $1.64 (1.64 − 0.0476 − 0.30 = 1.2924 ≥ 1.2901;
    //     $1.63 leaves 1.2827).
    let m = model_of(&preset("starter-saas"));
    let at = |u: f64| break_even_price(&m, u);
    assert_eq!(at(800.0).worst, Ok(0.57));
    assert_eq!(at(801.0).worst, Ok(1.64));
    assert_eq!(at(801.0).best, Ok(1.64), "the starter has no ranges");
    assert_eq!(describe(Lever::Price, &at(801.0)), "$1.64 a month");
}

#[test]
fn a_price_past_the_most_a_price_may_be_is_refused_at_once() {
    // The starter at 800 users costs $6. With 0.00000001% paying, 800 × 10⁻¹⁰ = 8 × 10⁻⁸
    // payers must bring $6: (6 ÷ 8 × 10⁻⁸ + 0.30) ÷ 0.971 ≈ $77 million a month, past the
    // $10 million a price may be. (Near such sums a cent no longer changes a price, so the
    // search for the cent that covers the cost must stop at that limit.)
    let mut raw = preset("starter-saas").raw().clone();
    raw.set_conversion(Range::exact(1e-8)).unwrap();
    let m = model_of(&Scenario::edited(raw, &Catalogue::builtin()).unwrap());
    assert_eq!(
        break_even_price(&m, 800.0).worst,
        Err("it would take more than $10,000,000 a month".to_string())
    );
}

#[test]
fn the_break_even_conversion_follows_the_cost_it_brings() {
    // The starter at 800 users with its $12 price: each payer brings 12 − 0.348 − 0.30 =
    // $11.352, so all 800 paying bring $9,081.60; $6 ÷ 9,081.60 = 0.0661% → 0.07%
    // (0.56 payers × 11.352 = 6.36 ≥ 6; 0.06% gives 5.45).
    let s = preset("starter-saas");
    let c = break_even_conversion(s.raw(), &Catalogue::builtin(), 800.0);
    assert_eq!(c.worst, Ok(0.07));
    // Now the database keeps 50 MB per paying user and the price is $1 (net 1 − 0.029 −
    // 0.30 = $0.671): at 1,000 users everyone paying brings $671. From 0%: $6 ÷ 671 =
    // 0.894% → 0.90%, but 9 payers × 50 MB = 450 MB is past Free's 400, so the stack costs
    // $31 there; 31 ÷ 671 = 4.620% → 4.62% (46.2 × 0.671 = 31.0002 ≥ 31; 4.61% brings 30.93).
    let mut raw = s.raw().clone();
    raw.components[1].demand[0].per = headroom::model::usage::Basis::PayingUser;
    raw.components[1].demand[0].amount = Range::exact(50.0);
    raw.set_revenue_price(Range::exact(1.0)).unwrap();
    let c = break_even_conversion(&raw, &Catalogue::builtin(), 1_000.0);
    assert_eq!(c.worst, Ok(4.62));
    assert_eq!(describe(Lever::Conversion, &c), "4.62% of users");
    assert_eq!(
        describe(Lever::ConversionOfActive, &c),
        "4.62% of active users"
    );
    // At $0.34 each payer brings 0.34 − 0.00986 − 0.30 = $0.03014; all 801 users paying
    // bring $24.14 against $31: no conversion can.
    let mut raw = s.raw().clone();
    raw.set_revenue_price(Range::exact(0.34)).unwrap();
    let c = break_even_conversion(&raw, &Catalogue::builtin(), 801.0);
    assert_eq!(
        describe(Lever::Conversion, &c),
        "none: even with every user paying, revenue ($24.14) is below the cost ($31)"
    );
    // With plans, the price is theirs to set.
    let mut raw = s.raw().clone();
    raw.add_plan().unwrap();
    let m = model_of(&Scenario::edited(raw, &Catalogue::builtin()).unwrap());
    assert!(describe(Lever::Price, &break_even_price(&m, 800.0))
        .starts_with("none: the price comes from the plans"));
}

/// The blank scenario made into one whose tornado is known by hand: 1,000 users, level, one
/// $6 droplet that holds them all, no card fees, 3–7% pay $9–$11, and a $1,000–$3,000 team.
fn hand_built() -> headroom::model::RawScenario {
    use headroom::model::revenue::PaymentFees;
    use headroom::model::scenario::Policy;
    let mut raw = preset("blank").raw().clone();
    raw.set_users_now(1_000.0).unwrap();
    raw.set_growth_pct(0.0).unwrap();
    raw.components[0].policy = Policy::Fixed {
        offer: "digitalocean-droplet/s-1vcpu-1gb".into(),
        units: None,
    };
    raw.set_fees(PaymentFees::default());
    raw.set_conversion(Range::new(3.0, 7.0)).unwrap();
    raw.set_revenue_price(Range::new(9.0, 11.0)).unwrap();
    raw.add_cost(
        headroom::model::edit::CostList::Running,
        "Team",
        Range::new(1_000.0, 3_000.0),
    )
    .unwrap();
    raw
}

#[test]
fn the_tornado_ranks_what_moves_the_profit_most_as_worked_by_hand() {
    use headroom::model::sensitivity::{sensitivity, Answer};
    // Profit at month 12 = 1,000 users × conversion × price − $6 − team. At the middle of
    // every range: 1,000 × 5% × $10 − 6 − 2,000 = −$1,506.
    //   Team $1,000 → $3,000:          −506 to −2,506, swing $2,000;
    //   Conversion 3% → 7%:             1,000 × 0.03 × 10 = 300 to 700, swing $400;
    //   Users now 800 → 1,200 (±20%):   800 × 0.05 × 10 = 400 to 600, swing $200;
    //   Price $9 → $11:                 450 to 550, swing $100;
    //   Droplet $4.80 → $7.20 (±20%):   swing $2.40.
    // The droplet's RAM, the shares online and the growth (0%) move nothing.
    let pass = sensitivity(&hand_built(), &Catalogue::builtin());
    assert_eq!(pass.tornadoes.len(), 3, "no cash, no runway tornado");
    let t = pass.of(Answer::HorizonProfit).unwrap();
    assert!((t.base.unwrap() - -1_506.0).abs() < 1e-9);
    let top: Vec<(&str, f64)> = t.bars.iter().map(|b| (b.label.as_str(), b.swing)).collect();
    let want = [
        ("Running cost: Team", 2_000.0),
        ("Users who pay (%)", 400.0),
        ("Users now", 200.0),
        ("Average price", 100.0),
        ("App server: Basic 1 GB / 1 vCPU price", 2.4),
    ];
    assert_eq!(top.len(), want.len(), "{top:?}");
    for ((label, swing), (l, s)) in top.iter().zip(want) {
        assert_eq!(*label, l);
        assert!((swing - s).abs() < 1e-6, "{label}: {swing}");
    }
    assert!(t.bars[2].assumed && !t.bars[1].assumed);
    assert_eq!(
        pass.top(Answer::HorizonProfit, 3),
        vec![
            "Running cost: Team: profit / month at the horizon from −\u{2060}$506 to −\u{2060}$2,506 (swing $2,000)",
            "Users who pay (%): profit / month at the horizon from −\u{2060}$1,706 to −\u{2060}$1,306 (swing $400)",
            "Users now, ±20% as no range is given: profit / month at the horizon from −\u{2060}$1,606 to −\u{2060}$1,406 (swing $200)",
        ]
    );
    // Break-even users = ⌈6 ÷ (conversion × price)⌉: 6 ÷ (0.03 × 10) = 20 and 6 ÷ (0.07 × 10)
    // = 8.6 → 9 at the ends of conversion, swing 11; the price ends 6 ÷ 0.45 = 13.3 → 14 and
    // 6 ÷ 0.55 = 10.9 → 11, swing 3; the droplet 4.8 ÷ 0.5 = 9.6 → 10 and 7.2 ÷ 0.5 = 14.4 →
    // 15, swing 5.
    let b = pass.of(Answer::BreakEvenUsers).unwrap();
    let top: Vec<(&str, f64)> = b
        .bars
        .iter()
        .map(|b| (b.label.as_str(), b.swing))
        .take(3)
        .collect();
    assert_eq!(
        top,
        vec![
            ("Users who pay (%)", 11.0),
            ("App server: Basic 1 GB / 1 vCPU price", 5.0),
            ("Average price", 3.0)
        ]
    );
    // With $10,000 in the bank the runway has its own tornado.
    let mut raw = hand_built();
    raw.set_cash(Some(10_000.0)).unwrap();
    assert!(sensitivity(&raw, &Catalogue::builtin())
        .of(Answer::Runway)
        .is_some());
}

#[test]
fn the_plan_reads_line_by_line_as_worked_by_hand() {
    use headroom::model::sensitivity::{sensitivity, Answer};
    // The starter: 1,000 users growing 10% a month for 24 months; the web app needs 400 MB
    // + 8 MB per user online (40% active × 10% online), upgrading past 80% of its RAM.
    //   Month 3: 1,000 × 1.1³ = 1,331 users; 400 + 8 × 1,331 × 0.04 = 825.9 MB, over 80% of
    //     1,024 (819.2): the $6 droplet gives way to the $12 one.
    //   Month 15: 1,000 × 1.1¹⁵ = 4,177 users; 400 + 8 × 4,177.25 × 0.04 = 1,736.7 MB, over
    //     80% of 2,048 (1,638.4): $12 → $24.
    //   Month 24: 1,000 × 1.1²⁴ = 9,849.7 users; 400 + 8 × 9,849.73 × 0.04 = 3,551.9 MB, over
    //     80% of 4,096 (3,276.8): $24 → $48.
    // Break-even: 18 users × 3% = 0.54 paying × (12 − 0.348 − 0.30 = $11.352) = $6.13 covers
    // the $6 droplet (Supabase Free holds them); 17 bring $5.79. Month 0 has 1,000 users.
    // Runway from $5,000: no one-time costs, so $5,000 at launch; month 0 adds $309.56 and
    // no month loses money, so the lowest balance is the $5,000 at launch and it lasts past
    // month 24.
    // Profit at month 24 is users × 0.03 × 11.352 − $73 (the $48 droplet and $25 Pro):
    //   growth 8% → 12%: 1,000 × 1.08²⁴ = 6,341.2 users → 2,159.55 − 49 ($24 droplet, $25
    //     Pro) = $2,110.55; 1,000 × 1.12²⁴ = 15,178.6 → 5,169.31 − 73 = $5,096.31; swing
    //     $2,985.76;
    //   price $9.60 → $14.40: net 9.0216 and 13.6824, × 295.49 paying − 73 = $2,592.80 and
    //     $3,970.04; swing $1,377.24;
    //   conversion 2.4% → 3.6%: 9,849.73 × 0.024 × 11.352 − 73 = $2,610.54, × 0.036: $3,952.32;
    //     swing $1,341.78.
    let s = with_cash("starter-saas", 5_000.0, None);
    let m = model_of(&s);
    let ranges = headroom::model::break_even::break_even(&m);
    let t = Timeline::new(&m);
    let pass = sensitivity(s.raw(), &Catalogue::builtin());
    let text = plan::markdown(&m, &t, &ranges, Some((&pass, Answer::HorizonProfit)));
    let want = [
        "# Upgrade plan: Starter SaaS on DigitalOcean",
        "",
        "From 1,000 users now, over 24 months; what each part runs and costs in the worst case.",
        "",
        "- Month 3 · Web app: 1 × Basic 1 GB / 1 vCPU → 1 × Basic 2 GB / 1 vCPU; RAM (MB) 826, over 80% of 1,024 · 1,331 users · $6 → $12 a month",
        "- Month 15 · Web app: 1 × Basic 2 GB / 1 vCPU → 1 × Basic 4 GB / 2 vCPU; RAM (MB) 1,737, over 80% of 2,048 · 4,177 users · $12 → $24 a month",
        "- Month 24 · Web app: 1 × Basic 4 GB / 2 vCPU → 1 × Basic 8 GB / 4 vCPU; RAM (MB) 3,552, over 80% of 4,096 · 9,850 users · $24 → $48 a month",
        "",
        "**Break-even:** from 18 users; month: now",
        "**Runway:** lasts past month 24 (from $5,000 in the bank; lowest balance $5,000)",
        "**Assumptions that matter most** (by profit / month at the horizon):",
        "",
        "1. Growth a month (%), ±20% as no range is given: profit / month at the horizon from $2,111 to $5,096 (swing $2,986)",
        "2. Average price, ±20% as no range is given: profit / month at the horizon from $2,593 to $3,970 (swing $1,377)",
        "3. Users who pay (%), ±20% as no range is given: profit / month at the horizon from $2,611 to $3,952 (swing $1,342)",
    ];
    let lines: Vec<&str> = text.lines().collect();
    for (i, (got, want)) in lines.iter().zip(want).enumerate() {
        assert_eq!(*got, want, "line {}", i + 1);
    }
    assert_eq!(lines.len(), want.len());
    // Each upgrade line starts with the event as the phase list on the page says it.
    let upgrades: Vec<String> = t.events.iter().map(|e| e.describe(&m)).collect();
    assert_eq!(upgrades.len(), 3);
    for (line, e) in lines[4..7].iter().zip(&upgrades) {
        assert!(line.starts_with(&format!("- {e} · ")), "{line}");
    }
    // Before the pass is done, and without cash, the plan says so.
    let bare = plan::markdown(&m, &t, &ranges, None);
    assert!(bare.contains("**Assumptions that matter most:** still being worked out"));
    let plain = preset("starter-saas");
    let m = model_of(&plain);
    let text = plan::markdown(&m, &Timeline::new(&m), &ranges, None);
    assert!(text.contains(&format!("**Runway:** {NO_CASH}\n")), "{text}");
}

#[test]
fn the_tornado_chart_draws_the_ranked_bars_around_the_middle() {
    use headroom::charts::{draw_tornado, TornadoChart};
    use headroom::model::sensitivity::{sensitivity, Answer};
    let pass = sensitivity(&hand_built(), &Catalogue::builtin());
    let c = TornadoChart::from_pass(&pass, Answer::HorizonProfit).unwrap();
    // The middle, −$1,506, and the team's ends, −$506 and −$2,506, on top.
    assert_eq!(c.base, -1_506.0);
    assert_eq!(c.bars[0].label, "Running cost: Team");
    assert!(
        (c.bars[0].at_low - -506.0).abs() < 1e-9 && (c.bars[0].at_high - -2_506.0).abs() < 1e-9
    );
    assert!(TornadoChart::from_pass(&pass, Answer::Runway).is_none());
    for (size, theme) in [
        ((900, 260), Theme::light()),
        ((390, 260), Theme::dark()),
        ((40, 20), Theme::light()),
    ] {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
            let g = draw_tornado(&root, &c, &theme).unwrap();
            assert!(g.x_range.0 < g.x_range.1);
        }
        if size.0 > 100 {
            assert!(
                svg.contains("Running cost: Team") && svg.contains("middle: −"),
                "{size:?}"
            );
        }
    }
}
