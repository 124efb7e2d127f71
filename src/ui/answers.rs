//! The answers, always in view: cost, cost per user, revenue, profit, margin, ROI,
//! break-even, payback, the bottleneck, and warnings when a limit is crossed.

use leptos::prelude::*;

use super::expect_state;
use crate::model::format::{self, band, count, pct, usd};
use crate::model::timeline;
use crate::model::{Case, PerCase, Range};

/// One answer: a label and its formatted figure.
#[component]
pub fn KpiCard(
    /// What the figure is.
    label: &'static str,
    /// Stable hook for tests and docs, e.g. `kpi-monthly-cost`.
    testid: &'static str,
    /// The formatted figure.
    #[prop(into)]
    value: Signal<String>,
    /// A line of explanation under the figure.
    #[prop(optional, into)]
    detail: Option<Signal<String>>,
    /// True for an answer in words rather than a figure: it takes a wider cell.
    #[prop(optional)]
    wide: bool,
) -> impl IntoView {
    view! {
        <div class="kpi" class:wide=wide>
            <dt>{label}</dt>
            <dd data-testid=testid>{value}</dd>
            {detail.map(|d| view! { <dd class="kpi-detail" data-testid=format!("{testid}-detail")>{d}</dd> })}
        </div>
    }
}

fn optional_band(ends: PerCase<Option<f64>>, f: impl Fn(f64) -> String, never: &str) -> String {
    match (ends.best, ends.worst) {
        (Some(a), Some(b)) => band(Range::new(a, b), f),
        (Some(a), None) => format!("{} (worst case: {never})", f(a)),
        (None, Some(b)) => format!("{} (best case: {never})", f(b)),
        (None, None) => never.to_string(),
    }
}

/// Like [`optional_band`], with the unit once after both ends: `150–410 users`.
fn optional_band_in(
    ends: PerCase<Option<f64>>,
    f: impl Fn(f64) -> String,
    unit: &str,
    never: &str,
) -> String {
    match (ends.best, ends.worst) {
        (Some(a), Some(b)) => format!("{}{unit}", band(Range::new(a, b), f)),
        (Some(a), None) => format!("{}{unit} (worst case: {never})", f(a)),
        (None, Some(b)) => format!("{}{unit} (best case: {never})", f(b)),
        (None, None) => never.to_string(),
    }
}

/// The answers at the current user count.
#[component]
pub fn Answers() -> impl IntoView {
    let state = expect_state();
    let snap = state.snapshot;
    let cost = Signal::derive(move || snap.with(|s| band(s.cost(), usd)));
    let per_user = Signal::derive(move || {
        snap.with(|s| {
            s.cost_per_user()
                .map_or_else(|| "—".into(), |r| band(r, usd))
        })
    });
    let revenue = Signal::derive(move || snap.with(|s| band(s.revenue(), usd)));
    let profit = Signal::derive(move || snap.with(|s| band(s.profit(), usd)));
    let margin = Signal::derive(move || {
        snap.with(|s| {
            s.margin_pct()
                .map_or_else(|| "no revenue".into(), |r| band(r, pct))
        })
    });
    let roi = Signal::derive(move || {
        snap.with(|s| {
            s.roi_pct()
                .map_or_else(|| "no cost".into(), |r| band(r, pct))
        })
    });
    let multiple = Signal::derive(move || {
        snap.with(|s| {
            s.revenue_cost_pct().map_or_else(String::new, |r| {
                format!(
                    "(revenue − cost) ÷ cost; revenue ÷ cost is {}",
                    band(r, pct)
                )
            })
        })
    });
    let break_even_users = Signal::derive(move || {
        optional_band_in(
            state.break_even_users.get(),
            count,
            " users",
            "never: revenue per user is below cost per user",
        )
    });
    let break_even_paying = Signal::derive(move || {
        let m = state.model.read();
        let ends = state.break_even_users.get();
        match ends {
            PerCase {
                best: None,
                worst: None,
            } => String::new(),
            _ => {
                let p =
                    PerCase::from_fn(|case: Case| ends[case].map(|u| m.user_base(u, case).paying));
                // Revenue is a share of users, so a break-even can fall on a fraction of one.
                let paying = |x: f64| {
                    if x < 10.0 {
                        format::number(x, 1)
                    } else {
                        count(x)
                    }
                };
                format!("{} paying", optional_band(p, paying, "never"))
            }
        }
    });
    let break_even_month = Signal::derive(move || {
        let t = state.timeline.read();
        let h = t.months.len().saturating_sub(1);
        let ends = t.break_even_month.map(|m| m.map(f64::from));
        if ends.iter().any(Option::is_some) {
            format!(
                "month {}",
                optional_band(ends, |m| format!("{m}"), &format!("not within {h} months"))
            )
        } else {
            format!("not within {h} months")
        }
    });
    let payback = Signal::derive(move || {
        let m = state.model.read();
        let one = timeline::one_time_usd(&m);
        if one.high <= 0.0 {
            return "no one-time costs".to_string();
        }
        snap.with(|s| match timeline::payback_months(&m, s) {
            PerCase {
                best: Some(a),
                worst: Some(b),
            } => format!(
                "{} months",
                band(Range::new(a, b), |x| format::number(x, 1))
            ),
            ends => optional_band(
                ends,
                |x| format!("{} months", format::number(x, 1)),
                "never at this profit",
            ),
        })
    });
    let payback_detail = Signal::derive(move || {
        let m = state.model.read();
        let one = timeline::one_time_usd(&m);
        let t = state.timeline.read();
        if one.high <= 0.0 {
            return String::new();
        }
        let h = t.months.len().saturating_sub(1);
        format!(
            "{} one-time; on the timeline: {}",
            band(one, usd),
            optional_band(
                t.payback_month.map(|m| m.map(f64::from)),
                |m| format!("month {m}"),
                &format!("not within {h} months"),
            )
        )
    });
    let bottleneck = Signal::derive(move || {
        let m = state.model.read();
        snap.with(|s| match s.bottleneck() {
            Some(i) => format!(
                "{} ({} used)",
                m.components[i].name,
                pct(s.components[i].worst.utilisation * 100.0)
            ),
            None => "nothing limits this stack".into(),
        })
    });
    let ceiling = Signal::derive(move || {
        let m = state.model.read();
        snap.with(|s| m.describe_ceiling(s))
    });
    // Read from a file of an earlier schema, a driver no offer prices still counts $0.
    let unpriced = Memo::new(move |_| {
        state.scenario.with(|s| {
            let lookup = super::catalogue().with(&s.raw().providers);
            crate::model::explain::unpriced_drivers(s.raw(), &lookup)
                .into_iter()
                .map(|(component, resource)| {
                    format!(
                        "{component}: no offer of it charges for or holds {resource}, so that usage counts as $0. Change the provider to one that prices it, or remove the driver."
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let warnings = Memo::new(move |_| {
        let m = state.model.read();
        let mut out = snap.with(|s| {
            m.warnings(s)
                .into_iter()
                .map(|w| w.message)
                .collect::<Vec<_>>()
        });
        out.extend(unpriced.get());
        out
    });
    let price_points = Memo::new(move |_| {
        let m = state.model.read();
        let cost = snap.with(|s| s.cost());
        let mut prices = vec![m.scenario().revenue.price_usd_per_month];
        prices.extend(m.scenario().revenue.what_if_prices_usd.iter().copied());
        prices
            .into_iter()
            .map(|p| {
                let ends = PerCase {
                    best: timeline::paying_users_to_cover(cost.low, p.high),
                    worst: timeline::paying_users_to_cover(cost.high, p.low),
                };
                (band(p, usd), optional_band(ends, count, "—"))
            })
            .collect::<Vec<_>>()
    });
    let today = super::today();
    let prices_checked = Memo::new(move |_| {
        let model = state.model.read();
        state
            .settled_snapshot
            .with(|s| crate::model::explain::prices_checked(&model, s, today).sentence())
    });
    let downtime = Memo::new(move |_| {
        state.scenario.with(|s| {
            s.raw().uptime_target_pct.map(|u| {
                format!(
                    "{} uptime allows {} hours of downtime a year.",
                    pct(u),
                    format::number(timeline::downtime_hours_per_year(u), 2)
                )
            })
        })
    });
    view! {
        <section class="panel answers" aria-labelledby="answers-title">
            <h2 id="answers-title">
                "At " <span data-testid="answers-users">{move || count(state.users.get())}</span> " users"
            </h2>
            <dl class="kpis">
                <KpiCard label="Monthly cost" testid="kpi-monthly-cost" value=cost/>
                <KpiCard label="Cost per user" testid="kpi-cost-per-user" value=per_user/>
                <KpiCard label="Revenue / month" testid="kpi-revenue" value=revenue/>
                <KpiCard label="Profit / month" testid="kpi-profit" value=profit/>
                <KpiCard label="Margin" testid="kpi-margin" value=margin/>
                <KpiCard label="ROI" testid="kpi-roi" value=roi detail=multiple/>
                <KpiCard label="Break-even" testid="kpi-break-even-users" value=break_even_users detail=break_even_paying/>
                <KpiCard label="Break-even month" testid="kpi-break-even-month" value=break_even_month/>
                <KpiCard label="Payback" testid="kpi-payback-months" value=payback detail=payback_detail/>
                <KpiCard label="Bottleneck" testid="kpi-bottleneck" value=bottleneck detail=ceiling wide=true/>
            </dl>
            <Show when=move || !warnings.get().is_empty()>
                <ul class="warnings" data-testid="warnings" role="status">
                    {move || warnings.get().into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
                </ul>
            </Show>
            <table class="break-even-prices" data-testid="break-even-prices">
                <caption>"Paying users that cover this month's cost"</caption>
                <thead><tr><th scope="col">"At an average price of"</th><th scope="col">"Paying users"</th></tr></thead>
                <tbody>
                    {move || price_points.get().into_iter().map(|(p, n)| view! { <tr><td>{p}</td><td>{n}</td></tr> }).collect_view()}
                </tbody>
            </table>
            {move || downtime.get().map(|d| view! { <p class="downtime" data-testid="downtime">{d}</p> })}
            {move || prices_checked.get().map(|t| view! { <p class="prices-checked" data-testid="prices-checked">{t}</p> })}
        </section>
    }
}
