//! Native tests of the answers a founder decides on: the runway from the cash in the bank,
//! the price or conversion that breaks even, and the plan as text, against hand-worked values.

use headroom::charts::{draw_profit, ProfitChart, Theme};
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
    // one-time. From $40,000: worst 40,000 − 65,000 + 45,950 = 20,950 at the end of month 0,
    // never below zero; best 40,000 − 30,000 + 48,750 = 58,750.
    let t = timeline_of(&with_cash("titletesterpro", 40_000.0, None));
    let r = t.runway.as_ref().unwrap();
    assert!((r.balance.worst[0] - 20_950.0).abs() < 1e-9);
    assert!((r.balance.best[0] - 58_750.0).abs() < 1e-9);
    assert_eq!(r.describe(12), "lasts past month 12");
    // From $10,000 the worst case cannot pay the one-time costs and month 0 together:
    // 10,000 − 65,000 + 45,950 = −9,050, out now; the best case 10,000 − 30,000 + 48,750.
    let t = timeline_of(&with_cash("titletesterpro", 10_000.0, None));
    assert_eq!(
        t.runway.as_ref().unwrap().describe(12),
        "now (best case: lasts past month 12)"
    );
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
