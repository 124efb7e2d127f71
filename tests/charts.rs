//! Native tests of the charts: each preset's four charts rendered to SVG, their data
//! checked against the model, and degenerate inputs drawn without error.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use headroom::charts::{
    draw_cost, draw_phases, draw_profit, draw_revenue, short_name, CostChart, EventMark, Geometry,
    Lane, LaneSpan, PhaseChart, ProfitChart, RevenueChart, Theme, LANE_NAME_CHARS,
    LEGEND_NAME_CHARS, MAX_BOUNDARIES, POINTS,
};
use headroom::model::break_even::UserRange;
use headroom::model::eval::Part;
use headroom::model::presets::{self, PRESETS};
use headroom::model::timeline::one_time_usd;
use headroom::model::{Case, Catalogue, Model, PerCase, Timeline};
use plotters::prelude::*;

/// The presets the charts are checked on.
const NAMED: [&str; 6] = [
    "starter-saas",
    "ai-ceo-replit",
    "chatbot-digitalocean",
    "titletesterpro",
    "video-chat-5k",
    "salesboy-ai",
];

/// Relative tolerance of the pixel round trip: one pixel in 600 on a log axis.
const ROUND_TRIP: f64 = 0.02;

fn model(id: &str) -> Model {
    let cat = Catalogue::builtin();
    let s = presets::load(id, &cat)
        .unwrap_or_else(|| panic!("no preset {id}"))
        .unwrap_or_else(|e| panic!("preset {id}: {e}"));
    Model::new(&s, &cat)
}

/// Ten times the most users the timeline reaches, at least 1,000.
fn x_max(tl: &Timeline) -> f64 {
    tl.months.iter().map(|s| s.users).fold(100.0, f64::max) * 10.0
}

/// Draws with `f` into an 800 × 400 SVG and returns the text and the geometry.
fn svg<F>(f: F) -> (String, Geometry)
where
    F: FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>) -> Geometry,
{
    svg_sized((800, 400), f)
}

fn svg_sized<F>(size: (u32, u32), f: F) -> (String, Geometry)
where
    F: FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>) -> Geometry,
{
    let mut s = String::new();
    let geo = {
        let root = SVGBackend::with_string(&mut s, size).into_drawing_area();
        f(&root)
    };
    (s, geo)
}

/// The text of every `<text>` element, unescaped.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let body = &t[t.find('>')? + 1..t.find("</text>")?];
            Some(
                body.trim()
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&"),
            )
        })
        .collect()
}

fn has_text(svg: &str, s: &str) -> bool {
    texts(svg).iter().any(|t| t == s)
}

/// plotters-svg writes font sizes divided by 1.24 while the canvas uses them as given;
/// the files people look at are scaled back so they show the page's text size.
fn as_on_canvas(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(i) = rest.find("font-size=\"") {
        let (head, tail) = rest.split_at(i + 11);
        out.push_str(head);
        let end = tail.find('"').unwrap_or(0);
        let size: f64 = tail[..end].parse().unwrap_or(0.0);
        out.push_str(&format!("{}", (size * 1.24 * 100.0).round() / 100.0));
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

fn out_dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("test-output/charts");
    std::fs::create_dir_all(&d).unwrap();
    d
}

struct Rendered {
    cost: (String, Geometry),
    revenue: (String, Geometry),
    phases: (String, Geometry),
    profit: (String, Geometry),
}

fn render_all(id: &str, theme: &Theme) -> (Model, Timeline, Rendered) {
    render_sized(id, theme, (800, 400))
}

fn render_sized(id: &str, theme: &Theme, size: (u32, u32)) -> (Model, Timeline, Rendered) {
    let m = model(id);
    let tl = Timeline::new(&m);
    let xm = x_max(&tl);
    let now = m.scenario().users.now;
    let cost = CostChart::from_model(&m, now, xm, POINTS);
    let revenue = RevenueChart::from_model(&m, now, xm, POINTS);
    let phases = PhaseChart::from_timeline(&m, &tl);
    let profit = ProfitChart::from_timeline(&m, &tl);
    let r = Rendered {
        cost: svg_sized(size, |root| draw_cost(root, &cost, theme).unwrap()),
        revenue: svg_sized(size, |root| draw_revenue(root, &revenue, theme).unwrap()),
        phases: svg_sized(size, |root| draw_phases(root, &phases, theme).unwrap()),
        profit: svg_sized(size, |root| draw_profit(root, &profit, theme).unwrap()),
    };
    (m, tl, r)
}

#[test]
fn every_preset_renders_four_charts_to_svg_files() {
    let dir = out_dir();
    let mut ids: Vec<&str> = NAMED.to_vec();
    ids.extend(
        PRESETS
            .iter()
            .map(|p| p.id)
            .filter(|id| !NAMED.contains(id)),
    );
    for id in ids {
        let runs = [
            (Theme::light(), (800, 400), ""),
            (Theme::dark(), (800, 400), "-dark"),
            (Theme::light(), (360, 260), "-phone"),
        ];
        for (theme, size, suffix) in runs {
            let (_, _, r) = render_sized(id, &theme, size);
            let (w, h) = (size.0 as f64, size.1 as f64);
            for (chart, (text, geo)) in [
                ("cost", &r.cost),
                ("revenue", &r.revenue),
                ("phases", &r.phases),
                ("profit", &r.profit),
            ] {
                assert!(text.starts_with("<svg"), "{id} {chart}");
                assert!(text.contains("<polygon") || text.contains("<polyline"));
                assert!(geo.x_px.1 - geo.x_px.0 > w / 2.0, "{id} {chart}: {geo:?}");
                assert!(geo.y_px.1 - geo.y_px.0 > h / 4.0, "{id} {chart}: {geo:?}");
                assert!(geo.x_px.0 >= 0.0 && geo.x_px.1 <= w);
                assert!(geo.y_px.0 >= 0.0 && geo.y_px.1 <= h);
                std::fs::write(
                    dir.join(format!("{id}-{chart}{suffix}.svg")),
                    as_on_canvas(text),
                )
                .unwrap();
            }
        }
    }
}

#[test]
fn cost_legend_and_phase_lanes_name_every_component() {
    for id in NAMED {
        let (m, _, r) = render_all(id, &Theme::light());
        for c in &m.components {
            let legend = short_name(&c.name, LEGEND_NAME_CHARS);
            assert!(has_text(&r.cost.0, &legend), "{id}: {legend}");
            let lane = short_name(&c.name, LANE_NAME_CHARS);
            assert!(has_text(&r.phases.0, &lane), "{id}: {lane}");
        }
    }
}

#[test]
fn stacks_add_up_to_the_worst_case_total() {
    for id in NAMED {
        let m = model(id);
        let c = CostChart::from_model(&m, 100.0, 1e5, POINTS);
        assert_eq!(c.stacks.len(), m.components.len());
        assert!(c.users.len() >= POINTS);
        assert!(
            c.users.windows(2).all(|w| w[0] < w[1]),
            "{id}: users ascend"
        );
        assert_eq!(c.users[0], 1.0);
        assert!((c.users.last().unwrap() / 1e5 - 1.0).abs() < 1e-9);
        for (k, u) in c.users.iter().enumerate() {
            let s = m.snapshot(*u);
            let sum: f64 = c.stacks.iter().map(|(_, v)| v[k]).sum();
            assert!((sum - s.money.worst.cost_usd).abs() < 1e-6, "{id} at {u}");
            assert_eq!(c.best_total[k], s.money.best.cost_usd);
            assert!(
                c.best_total[k] <= sum + 1e-9,
                "{id} at {u}: best above worst"
            );
        }
    }
}

#[test]
fn chart_data_is_the_snapshot_at_each_count_bit_for_bit() {
    for id in PRESETS.iter().map(|p| p.id) {
        let m = model(id);
        for x_max in [10.0, 1e3, 1e5, 1e8] {
            let c = CostChart::from_model(&m, 100.0, x_max, POINTS);
            let r = RevenueChart::from_model(&m, 100.0, x_max, POINTS);
            assert_eq!(r.users, c.users, "{id}: both charts sample the same counts");
            let shared = RevenueChart::at_counts(&m, c.users.clone(), 100.0, x_max);
            assert!(
                shared == r,
                "{id}: the revenue chart at the cost chart's counts"
            );
            for (k, &u) in c.users.iter().enumerate() {
                let s = m.snapshot(u);
                for (i, (_, stack)) in c.stacks.iter().enumerate() {
                    // A component that runs nothing costs zero either way; its sign may differ.
                    let want = s.components[i].worst.cost_usd;
                    let same =
                        stack[k].to_bits() == want.to_bits() || (stack[k] == 0.0 && want == 0.0);
                    assert!(
                        same,
                        "{id}: component {i} at {u}: {} against {want}",
                        stack[k]
                    );
                }
                assert_eq!(
                    c.best_total[k].to_bits(),
                    s.money.best.cost_usd.to_bits(),
                    "{id} at {u}"
                );
                for case in Case::BOTH {
                    let want = s.money[case].cost_usd;
                    assert_eq!(r.cost[case][k].to_bits(), want.to_bits(), "{id} at {u}");
                }
            }
        }
    }
}

/// What every component runs at `users` in the worst case.
fn worst_config(m: &Model, users: f64) -> Vec<Vec<Part>> {
    let mut config = vec![Vec::new(); m.components.len()];
    m.runs_at(users, Case::Worst, |i, a| config[i].push(a.part()));
    config
}

#[test]
fn phase_boundaries_sit_where_the_worst_case_changes() {
    let mut seen = 0;
    for id in NAMED {
        let m = model(id);
        let xm = 1e6;
        let c = CostChart::from_model(&m, 100.0, xm, POINTS);
        assert!(c.phase_boundaries.len() <= MAX_BOUNDARIES, "{id}");
        assert!(c.phase_boundaries.windows(2).all(|w| w[0] < w[1]), "{id}");
        for &b in &c.phase_boundaries {
            assert!(b > 1.0 && b < xm, "{id}: {b}");
            assert_ne!(
                worst_config(&m, b * 0.999),
                worst_config(&m, b),
                "{id}: nothing changes at {b}"
            );
            seen += 1;
        }
    }
    assert!(seen > 0);
}

/// The 4 GB droplet holds 500 concurrent users in the worst case and is upgraded at 85%;
/// 40% of users are online at once: 500 × 0.85 ÷ 0.4 = 1,062.5 users.
#[test]
fn chatbot_moves_off_the_4_gb_droplet_at_1063_users() {
    let m = model("chatbot-digitalocean");
    let c = CostChart::from_model(&m, 100.0, 50_000.0, POINTS);
    let first = *c.phase_boundaries.first().expect("a boundary");
    assert!((first - 1062.5).abs() < 1.0, "{first}");
    // The 8 GB holds 3,000 worst case: 3,000 × 0.85 ÷ 0.4 = 6,375 users for the 16 GB.
    assert!(c.phase_boundaries.iter().any(|b| (b - 6375.0).abs() < 1.0));
    // The stack steps there: the cost just after is the 8 GB droplet's.
    let k = c.users.iter().position(|u| *u >= first).unwrap();
    assert!(c.stacks[0].1[k] > c.stacks[0].1[k - 1]);
}

#[test]
fn pixels_map_back_to_users_on_the_log_axis() {
    let m = model("starter-saas");
    let c = CostChart::from_model(&m, 2_500.0, 1e6, POINTS);
    let (_, geo) = svg(|root| draw_cost(root, &c, &Theme::light()).unwrap());
    assert!(geo.log_x);
    assert_eq!(geo.x_range, (1.0, 1e6));
    assert!((geo.px_of(1.0) - geo.x_px.0).abs() < 1e-9);
    assert!((geo.px_of(1e6) - geo.x_px.1).abs() < 1e-9);
    // Each decade takes the same width.
    let decade = geo.px_of(10.0) - geo.px_of(1.0);
    assert!((geo.px_of(1e5) - geo.px_of(1e4) - decade).abs() < 1e-6);
    for x in [1.0, 3.0, 47.0, 1_000.0, 12_345.0, 999_999.0] {
        let back = geo.x_value_at(geo.px_of(x));
        assert!((back / x - 1.0).abs() < 1e-9, "{x} → {back}");
        // Through whole pixels, as a pointer reports them.
        let back = geo.x_value_at(geo.px_of(x).round());
        assert!((back / x - 1.0).abs() < ROUND_TRIP, "{x} → {back}");
    }
    // Outside the plot, the value clamps to the range's ends.
    assert_eq!(geo.x_value_at(geo.x_px.0 - 50.0), 1.0);
    assert!((geo.x_value_at(geo.x_px.1 + 50.0) / 1e6 - 1.0).abs() < 1e-9);
    let mid_y = 0.5 * (geo.y_px.0 + geo.y_px.1);
    let px = geo.px_of(c.marker_users);
    assert!(geo.contains(px, mid_y));
    assert!(!geo.contains(geo.x_px.0 - 1.0, mid_y));
    assert!(!geo.contains(px, geo.y_px.1 + 1.0));
}

#[test]
fn the_marker_stands_inside_the_plot_on_both_users_charts() {
    for id in NAMED {
        let m = model(id);
        let tl = Timeline::new(&m);
        let xm = x_max(&tl);
        let now = m.scenario().users.now;
        let c = CostChart::from_model(&m, now, xm, POINTS);
        let r = RevenueChart::from_model(&m, now, xm, POINTS);
        let (cost_svg, g1) = svg(|root| draw_cost(root, &c, &Theme::light()).unwrap());
        let (rev_svg, g2) = svg(|root| draw_revenue(root, &r, &Theme::light()).unwrap());
        for (text, g) in [(&cost_svg, g1), (&rev_svg, g2)] {
            let px = g.px_of(now);
            assert!(g.contains(px, g.y_px.0), "{id}: {px} in {g:?}");
            assert!(px > g.x_px.0 && px < g.x_px.1, "{id}");
            let label = format!("{} users", headroom::charts::short_count(now));
            assert!(has_text(text, &label), "{id}: {label}");
        }
    }
}

#[test]
fn video_chat_breaks_even_and_the_chart_says_so() {
    let m = model("video-chat-5k");
    let r = RevenueChart::from_model(&m, 5_000.0, 100_000.0, POINTS);
    for case in Case::BOTH {
        let u = r.break_even[case]
            .first()
            .expect("break-even within 100,000 users")
            .from;
        assert!(u > 1.0 && u < 100_000.0, "{u}");
        assert!(m.revenue_at(u, case) >= m.cost_at(u, case));
        assert!(m.revenue_at(u - 1.0, case) < m.cost_at(u - 1.0, case));
        // Each crossing the chart marks is a range's end.
        assert!(r.crossings().contains(&(u, case)));
    }
    // The best case breaks even no later than the worst.
    assert!(r.break_even.best[0].from <= r.break_even.worst[0].from);
    for k in 0..r.users.len() {
        assert!(r.cost.best[k] <= r.cost.worst[k] + 1e-9);
        assert!(r.revenue.worst[k] <= r.revenue.best[k] + 1e-9);
        assert_eq!(r.revenue.worst[k], m.revenue_at(r.users[k], Case::Worst));
    }
    let (text, _) = svg(|root| draw_revenue(root, &r, &Theme::light()).unwrap());
    assert!(has_text(&text, "break-even"));
}

#[test]
fn profit_chart_pays_back_when_the_timeline_does() {
    for id in NAMED {
        let m = model(id);
        let tl = Timeline::new(&m);
        let p = ProfitChart::from_timeline(&m, &tl);
        assert_eq!(p.payback_month, tl.payback_month, "{id}");
        assert_eq!(p.months.len(), tl.months.len() + 1);
        let one = one_time_usd(&m);
        assert_eq!(p.cumulative.worst[0], -one.high);
        assert_eq!(p.cumulative.best[0], -one.low);
        for (k, month) in tl.months.iter().enumerate() {
            let worst = p.cumulative.worst[k + 1] - p.cumulative.worst[k];
            assert!(
                (worst - month.money.worst.profit_usd()).abs() < 1e-6,
                "{id}"
            );
            let best = p.cumulative.best[k + 1] - p.cumulative.best[k];
            assert!((best - month.money.best.profit_usd()).abs() < 1e-6, "{id}");
        }
        // Paid back during month m: not yet at its start (unless nothing was owed), by its end.
        for case in Case::BOTH {
            if let Some(m) = p.payback_month[case] {
                let m = m as usize;
                assert!(p.cumulative[case][m + 1] >= 0.0, "{id}");
                assert!(m == 0 || p.cumulative[case][m] < 0.0, "{id}");
            }
        }
        let (text, _) = svg(|root| draw_profit(root, &p, &Theme::light()).unwrap());
        assert_eq!(
            has_text(&text, "payback"),
            p.payback_month.iter().any(Option::is_some),
            "{id}"
        );
    }
    // TitleTesterPro carries $30,000–65,000 of one-time costs (migration, DevOps, QA).
    let m = model("titletesterpro");
    let tl = Timeline::new(&m);
    let p = ProfitChart::from_timeline(&m, &tl);
    assert_eq!(p.cumulative.worst[0], -65_000.0);
    assert_eq!(p.cumulative.best[0], -30_000.0);
    assert_eq!(p.one_time_usd, 47_500.0);
    // Both ends pay back within the first two months, so the chart labels it once or twice.
    let (text, _) = svg(|root| draw_profit(root, &p, &Theme::light()).unwrap());
    assert!(has_text(&text, "payback"));
}

#[test]
fn phase_lanes_follow_the_timeline() {
    for id in NAMED {
        let m = model(id);
        let tl = Timeline::new(&m);
        let c = PhaseChart::from_timeline(&m, &tl);
        assert_eq!(c.lanes.len(), m.components.len());
        // One point per month of the timeline and none past the horizon.
        assert_eq!(c.users.len(), tl.months.len());
        assert_eq!(c.months.len(), c.users.len());
        assert_eq!(c.months.last(), Some(&((tl.months.len() - 1) as f64)));
        for (u, s) in c.users.iter().zip(&tl.months) {
            assert_eq!(*u, s.users);
        }
        assert_eq!(c.events.len(), tl.events.len());
        let horizon = (tl.months.len() - 1) as f64;
        for (i, lane) in c.lanes.iter().enumerate() {
            let spans = tl.spans(i);
            assert_eq!(lane.spans.len(), spans.len(), "{id}");
            assert_eq!(lane.spans[0].start_month, 0.0);
            assert_eq!(lane.spans.last().unwrap().end_month, horizon + 1.0);
            for w in lane.spans.windows(2) {
                assert_eq!(
                    w[0].end_month, w[1].start_month,
                    "{id}: lanes are contiguous"
                );
            }
            for s in &lane.spans {
                assert!(s.label.chars().count() <= 40, "{id}: {}", s.label);
            }
        }
        for e in &c.events {
            assert!(e.label.chars().count() <= 44, "{id}: {}", e.label);
        }
    }
    // Chatbot: one droplet, 4 GB then 8 GB in the worst case.
    let m = model("chatbot-digitalocean");
    let tl = Timeline::new(&m);
    let c = PhaseChart::from_timeline(&m, &tl);
    let labels: Vec<&str> = c.lanes[0].spans.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels[0], "Basic 4 GB");
    assert!(labels.contains(&"Basic 8 GB"), "{labels:?}");
    let up = c.events.iter().find(|e| !e.alert).expect("an upgrade");
    assert!(up.label.ends_with("→ Basic 8 GB"), "{}", up.label);
    assert!(c.events.iter().any(|e| e.alert));
    let (text, _) = svg(|root| draw_phases(root, &c, &Theme::light()).unwrap());
    assert!(has_text(&text, "Basic 4 GB"));
    assert!(has_text(&text, &up.label));
}

fn degenerate_costs() -> Vec<CostChart> {
    let base = CostChart {
        users: vec![],
        stacks: vec![],
        best_total: vec![],
        phase_boundaries: vec![],
        marker_users: 10.0,
        x_max: 100.0,
    };
    vec![
        base.clone(),
        CostChart {
            users: vec![5.0],
            stacks: vec![("one".into(), vec![3.0])],
            best_total: vec![2.0],
            ..base.clone()
        },
        CostChart {
            users: vec![1.0, 10.0, 100.0],
            stacks: vec![("zero".into(), vec![0.0; 3])],
            best_total: vec![0.0; 3],
            phase_boundaries: vec![0.0, 1.0, 100.0, 1e9, f64::NAN],
            ..base.clone()
        },
        CostChart {
            users: vec![f64::NAN, 0.0, -5.0, 10.0, f64::INFINITY],
            stacks: vec![
                ("nan".into(), vec![f64::NAN, 1.0, f64::INFINITY, -3.0, 2.0]),
                ("short".into(), vec![1.0]),
            ],
            best_total: vec![f64::NEG_INFINITY; 5],
            marker_users: f64::NAN,
            x_max: f64::NAN,
            ..base.clone()
        },
        CostChart {
            users: vec![1.0, 1.0],
            stacks: vec![("huge".into(), vec![1e300, f64::MAX])],
            best_total: vec![1.0, 1.0],
            marker_users: -1.0,
            x_max: 0.5,
            ..base.clone()
        },
    ]
}

#[test]
fn degenerate_data_draws_without_error() {
    let t = Theme::light();
    let sizes = [
        (800, 400),
        (0, 0),
        (10, 10),
        (130, 90),
        (300, 120),
        (2000, 1000),
    ];
    for size in sizes {
        for c in degenerate_costs() {
            let mut s = String::new();
            let root = SVGBackend::with_string(&mut s, size).into_drawing_area();
            let g = draw_cost(&root, &c, &t).unwrap();
            assert!(g.x_value_at(g.px_of(5.0)).is_finite());
            assert!(g.x_value_at(f64::NAN).is_finite());
            let r = RevenueChart {
                users: c.users.clone(),
                cost: PerCase {
                    best: c.best_total.clone(),
                    worst: c.best_total.clone(),
                },
                revenue: PerCase {
                    worst: vec![f64::NAN; c.users.len()],
                    best: vec![0.0; c.users.len()],
                },
                break_even: PerCase {
                    best: vec![UserRange {
                        from: 1.0,
                        to: Some(f64::NAN),
                    }],
                    worst: vec![UserRange {
                        from: f64::NAN,
                        to: None,
                    }],
                },
                marker_users: c.marker_users,
                x_max: c.x_max,
            };
            draw_revenue(&root, &r, &t).unwrap();
        }
        let phases = [
            PhaseChart {
                months: vec![],
                users: vec![],
                lanes: vec![],
                events: vec![],
            },
            PhaseChart {
                months: vec![0.0],
                users: vec![f64::NAN],
                lanes: vec![Lane {
                    name: String::new(),
                    spans: vec![LaneSpan {
                        start_month: 0.0,
                        end_month: 0.0,
                        label: "x".into(),
                    }],
                }],
                events: vec![EventMark {
                    month: f64::NAN,
                    label: "nan".into(),
                    alert: true,
                }],
            },
            PhaseChart {
                months: vec![0.0, 1.0, 2.0],
                users: vec![0.0; 3],
                lanes: (0..30)
                    .map(|i| Lane {
                        name: format!("lane {i} with a name far too long to fit anywhere at all"),
                        spans: vec![LaneSpan {
                            start_month: 2.0,
                            end_month: 1.0,
                            label: String::new(),
                        }],
                    })
                    .collect(),
                events: (0..40)
                    .map(|i| EventMark {
                        month: (i % 3) as f64,
                        label: format!("M{i} event"),
                        alert: i % 2 == 0,
                    })
                    .collect(),
            },
        ];
        for p in &phases {
            let mut s = String::new();
            let root = SVGBackend::with_string(&mut s, size).into_drawing_area();
            draw_phases(&root, p, &t).unwrap();
        }
        let profits = [
            ProfitChart {
                months: vec![],
                cumulative: PerCase::default(),
                payback_month: PerCase {
                    worst: Some(3),
                    best: None,
                },
                one_time_usd: 0.0,
                balance: None,
                out_month: PerCase::default(),
            },
            ProfitChart {
                months: vec![0.0, 1.0],
                cumulative: PerCase {
                    worst: vec![f64::NAN, -1.0],
                    best: vec![0.0],
                },
                payback_month: PerCase {
                    worst: Some(0),
                    best: Some(99),
                },
                one_time_usd: f64::NAN,
                balance: Some(PerCase {
                    worst: vec![f64::NAN],
                    best: vec![],
                }),
                out_month: PerCase {
                    worst: Some(0),
                    best: Some(7),
                },
            },
            ProfitChart {
                months: vec![0.0, 1.0, 2.0],
                cumulative: PerCase {
                    worst: vec![0.0; 3],
                    best: vec![0.0; 3],
                },
                payback_month: PerCase {
                    worst: Some(0),
                    best: Some(0),
                },
                one_time_usd: 0.0,
                balance: Some(PerCase {
                    worst: vec![1.0, -1.0, -2.0],
                    best: vec![1.0, 0.5, 0.0],
                }),
                out_month: PerCase {
                    worst: Some(0),
                    best: None,
                },
            },
        ];
        for p in &profits {
            let mut s = String::new();
            let root = SVGBackend::with_string(&mut s, size).into_drawing_area();
            draw_profit(&root, p, &t).unwrap();
        }
    }
}

#[test]
fn builders_take_odd_ranges() {
    let m = model("starter-saas");
    for (x_max, points) in [(1.0, 200), (0.0, 0), (f64::NAN, 1), (-5.0, 3), (1e30, 50)] {
        let c = CostChart::from_model(&m, f64::NAN, x_max, points);
        assert!(c.users.len() >= 2);
        assert!(c.x_max > 1.0 && c.x_max.is_finite());
        assert!(c.users.iter().all(|u| u.is_finite() && *u >= 1.0));
        let r = RevenueChart::from_model(&m, 0.0, x_max, points);
        assert_eq!(r.users.len(), r.cost.best.len());
        let (_, g) = svg(|root| draw_cost(root, &c, &Theme::dark()).unwrap());
        assert!(g.x_range.1 > g.x_range.0);
        let (_, g) = svg(|root| draw_revenue(root, &r, &Theme::dark()).unwrap());
        assert!(g.x_range.1 > g.x_range.0);
    }
}

#[test]
fn a_sub_area_reports_backend_pixels() {
    let m = model("starter-saas");
    let c = CostChart::from_model(&m, 1_000.0, 1e5, POINTS);
    let mut s = String::new();
    let root = SVGBackend::with_string(&mut s, (800, 800)).into_drawing_area();
    let (upper, lower) = root.split_vertically(400);
    let g_top = draw_cost(&upper, &c, &Theme::light()).unwrap();
    let g_bottom = draw_cost(&lower, &c, &Theme::light()).unwrap();
    assert_eq!(g_top.x_px, g_bottom.x_px);
    assert_eq!(g_bottom.y_px.0 - g_top.y_px.0, 400.0);
    assert!(g_bottom.y_px.1 <= 800.0);
}

#[test]
fn themes_have_eight_distinct_series_colours() {
    for t in [Theme::light(), Theme::dark()] {
        assert!(t.palette.len() >= 8);
        for (i, a) in t.palette.iter().enumerate() {
            for b in &t.palette[i + 1..] {
                assert_ne!(a, b);
            }
            // Every series colour stands apart from the background.
            let d = (a.0 as i32 - t.background.0 as i32).abs()
                + (a.1 as i32 - t.background.1 as i32).abs()
                + (a.2 as i32 - t.background.2 as i32).abs();
            assert!(d > 150, "{a:?} on {:?}", t.background);
        }
        assert_eq!(t.series(t.palette.len()), t.palette[0]);
    }
}

use headroom::charts::{draw_compare, CompareChart, CompareSeries, COMPARE_NAME_CHARS};

/// Salesboy against two of its variants, named as the compare panel names them.
fn salesboy_compared() -> Vec<(String, Model)> {
    let cat = Catalogue::builtin();
    let s = presets::load("salesboy-ai", &cat).unwrap().unwrap();
    let mut out = vec![(
        format!("This scenario: {}", s.raw().name),
        Model::new(&s, &cat),
    )];
    for id in ["multi-vps", "business-api"] {
        let v = s
            .variant(id, &cat)
            .unwrap_or_else(|| panic!("no variant {id}"));
        out.push((v.raw().name.clone(), Model::new(&v, &cat)));
    }
    out
}

/// The sample nearest `users` on a log scale.
fn nearest(xs: &[f64], users: f64) -> usize {
    (0..xs.len())
        .min_by(|a, b| {
            let d = |i: usize| (xs[i].ln() - users.ln()).abs();
            d(*a).total_cmp(&d(*b))
        })
        .unwrap()
}

#[test]
fn moving_the_compare_marker_is_sampling_again_with_it() {
    let owned = salesboy_compared();
    let models: Vec<(String, &Model)> = owned.iter().map(|(n, m)| (n.clone(), m)).collect();
    for x_max in [1e3, 1e5] {
        let base = CompareChart::from_models(&models, f64::NAN, x_max, POINTS);
        let bare: Vec<&Model> = models.iter().map(|(_, m)| *m).collect();
        // Between samples, on one, at both ends, outside the axis and not a number.
        let on_sample = base.users[base.users.len() / 2];
        for marker in [
            100.0,
            73.5,
            on_sample,
            1.0,
            x_max,
            x_max * 2.0,
            0.5,
            f64::NAN,
        ] {
            let moved = base.with_marker(&bare, marker);
            let fresh = CompareChart::from_models(&models, marker, x_max, POINTS);
            let bits = |c: &CompareChart| -> Vec<u64> {
                let costs = c.series.iter().flat_map(|s| s.cost.iter().flatten());
                c.users.iter().chain(costs).map(|x| x.to_bits()).collect()
            };
            assert_eq!(
                bits(&moved),
                bits(&fresh),
                "marker at {marker}, axis to {x_max}"
            );
            assert_eq!(moved.marker_users.to_bits(), marker.to_bits());
            assert_eq!(moved.x_max, fresh.x_max);
        }
    }
}

#[test]
fn compare_chart_follows_each_salesboy_variant() {
    let owned = salesboy_compared();
    let models: Vec<(String, &Model)> = owned.iter().map(|(n, m)| (n.clone(), m)).collect();
    // As the page sets it for 100 users: the next power of ten above ten times as many.
    let x_max = 1e3;
    let c = CompareChart::from_models(&models, 100.0, x_max, POINTS);
    assert_eq!(c.series.len(), 3);
    assert!(c.users.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(c.users[0], 1.0);
    assert!((c.users[c.users.len() - 1] / x_max - 1.0).abs() < 1e-9);
    let i = nearest(&c.users, 100.0);
    // The marker's user count is sampled, so the lines pass through the panel's figures.
    assert_eq!(c.users[i], 100.0);
    let mut at_100 = Vec::new();
    for ((name, m), s) in owned.iter().zip(&c.series) {
        assert_eq!(&s.name, name);
        assert_eq!(s.cost.best.len(), c.users.len());
        assert_eq!(s.cost.worst.len(), c.users.len());
        assert_eq!(
            s.cost.worst[i],
            m.cost_at(c.users[i], Case::Worst),
            "{name}"
        );
        assert_eq!(s.cost.best[i], m.cost_at(c.users[i], Case::Best), "{name}");
        assert_eq!(s.cost.worst[i], m.cost_at(100.0, Case::Worst), "{name}");
        for (k, (b, w)) in s.cost.best.iter().zip(&s.cost.worst).enumerate() {
            let u = c.users[k];
            assert!(b.is_finite() && w.is_finite(), "{name} at {u}");
            assert!(b <= w, "{name} at {u} users: best {b} > worst {w}");
            assert_eq!(*w, m.cost_at(u, Case::Worst), "{name} at {u}");
            assert_eq!(*b, m.cost_at(u, Case::Best), "{name} at {u}");
        }
        at_100.push(s.cost.worst[i]);
    }
    // The scenarios cost different amounts somewhere, so a series paired with the wrong
    // model would show above.
    for (a, b) in [(0, 1), (1, 2), (0, 2)] {
        assert_ne!(c.series[a].cost, c.series[b].cost);
    }
    assert!(at_100.iter().any(|w| *w != at_100[0]), "{at_100:?}");

    let dir = out_dir();
    let runs = [
        (Theme::light(), (800, 400), ""),
        (Theme::dark(), (800, 400), "-dark"),
        (Theme::light(), (360, 260), "-phone"),
    ];
    for (theme, size, suffix) in runs {
        let (text, geo) = svg_sized(size, |root| draw_compare(root, &c, &theme).unwrap());
        let (w, h) = (size.0 as f64, size.1 as f64);
        assert!(text.starts_with("<svg") && text.contains("<polygon"));
        assert!(geo.x_px.1 - geo.x_px.0 > w / 2.0, "{geo:?}");
        assert!(geo.y_px.1 - geo.y_px.0 > h / 4.0, "{geo:?}");
        assert!(geo.x_px.0 >= 0.0 && geo.x_px.1 <= w);
        assert!(geo.y_px.0 >= 0.0 && geo.y_px.1 <= h);
        assert!((geo.x_value_at(geo.x_px.1) / x_max - 1.0).abs() < 1e-9);
        for name in [
            "This scenario",
            "Multi-VPS gateway (4 × $10 VPS)",
            "WhatsApp Business API",
        ] {
            assert!(has_text(&text, name), "{suffix}: no legend entry {name}");
        }
        assert!(has_text(&text, "100 users"));
        std::fs::write(
            dir.join(format!("compare-salesboy{suffix}.svg")),
            as_on_canvas(&text),
        )
        .unwrap();
    }
}

#[test]
fn compare_chart_draws_degenerate_data() {
    let t = Theme::dark();
    let series = |name: &str, best: Vec<f64>, worst: Vec<f64>| CompareSeries {
        name: name.into(),
        cost: PerCase { best, worst },
    };
    let base = CompareChart {
        users: vec![],
        series: vec![],
        marker_users: 10.0,
        x_max: 100.0,
    };
    let charts = [
        base.clone(),
        CompareChart {
            users: vec![5.0],
            series: vec![series("one point", vec![1.0], vec![2.0])],
            ..base.clone()
        },
        CompareChart {
            users: vec![1.0, 10.0, 100.0],
            series: vec![series("zeros", vec![0.0; 3], vec![0.0; 3]); 2],
            marker_users: 0.0,
            x_max: 1.0,
        },
        CompareChart {
            users: vec![f64::NAN, 0.0, -5.0, 10.0, f64::INFINITY, 20.0],
            series: vec![
                series(
                    "",
                    vec![f64::NAN, 1.0, f64::INFINITY, -3.0, 2.0, 3.0],
                    vec![1.0, f64::NAN, 2.0, -1.0, 5.0, 1.0],
                ),
                series("short", vec![1.0], vec![]),
                series("huge", vec![1e300, f64::MAX], vec![f64::MAX; 9]),
            ],
            marker_users: f64::NAN,
            x_max: f64::NAN,
        },
        CompareChart {
            users: vec![1.0, 1.0],
            series: (0..12)
                .map(|i| {
                    series(
                        &format!("scenario {i}: {}", "long ".repeat(20)),
                        vec![1.0; 2],
                        vec![2.0; 2],
                    )
                })
                .collect(),
            marker_users: f64::INFINITY,
            x_max: -3.0,
        },
    ];
    for size in [
        (800, 400),
        (0, 0),
        (10, 10),
        (130, 90),
        (300, 120),
        (2000, 1000),
    ] {
        for c in &charts {
            let (text, g) = svg_sized(size, |root| draw_compare(root, c, &t).unwrap());
            assert!(text.starts_with("<svg"));
            assert!(g.x_range.1 > g.x_range.0 && g.x_range.0 >= 1.0);
            assert!(g.x_value_at(g.px_of(5.0)).is_finite());
            if size == (800, 400) {
                for s in texts(&text) {
                    assert!(s.chars().count() <= COMPARE_NAME_CHARS.max(40), "{s}");
                }
            }
        }
    }
    // Builders take no models and odd ranges.
    let m = model("starter-saas");
    for (x_max, points) in [(1.0, 200), (0.0, 0), (f64::NAN, 1), (-5.0, 3), (1e30, 50)] {
        for models in [vec![], vec![("only".to_string(), &m)]] {
            let c = CompareChart::from_models(&models, f64::NAN, x_max, points);
            assert!(c.users.len() >= 2);
            assert!(c.x_max > 1.0 && c.x_max.is_finite());
            assert!(c.users.iter().all(|u| u.is_finite() && *u >= 1.0));
            assert!(c.series.iter().all(|s| s.cost.worst.len() == c.users.len()));
            let (_, g) = svg(|root| draw_compare(root, &c, &t).unwrap());
            assert!(g.x_range.1 > g.x_range.0);
        }
    }
}
