//! The answers, always in view: cost, cost per user, revenue, profit, margin, ROI,
//! break-even, payback, the bottleneck, and warnings when a limit is crossed.

use leptos::prelude::*;

use super::expect_state;
use crate::model::break_even;
use crate::model::format::{self, band, count, pct, pct_band, usd};
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
            <dd class="figure" class:long=move || value.with(|v| v.chars().count() > 11) data-testid=testid>{value}</dd>
            {detail.map(|d| view! { <dd class="kpi-detail" data-testid=format!("{testid}-detail")>{d}</dd> })}
        </div>
    }
}

/// One row of the break-even prices table: an average price and the paying users that
/// cover this month's cost at it.
#[derive(Clone, PartialEq)]
struct PricePoint {
    /// The average price a paying user is charged, before the card fee.
    price: String,
    /// Paying users that cover the infrastructure.
    infrastructure: String,
    /// Paying users that cover the infrastructure and the running costs.
    with_running: String,
}

fn optional_band(ends: PerCase<Option<f64>>, f: impl Fn(f64) -> String, never: &str) -> String {
    match (ends.best, ends.worst) {
        (Some(a), Some(b)) => band(Range::new(a, b), f),
        (Some(a), None) => format!("{} (worst case: {never})", f(a)),
        (None, Some(b)) => format!("{} (best case: {never})", f(b)),
        (None, None) => never.to_string(),
    }
}

/// ROI on infrastructure in words, from each case's figure (`None` where that case's
/// infrastructure costs $0): `260%–1,060%`, `260% or more (best case: $0 infrastructure)`.
pub(crate) fn roi_words(ends: PerCase<Option<f64>>) -> String {
    match (ends.worst, ends.best) {
        (Some(w), Some(b)) => pct_band(Range::new(w, b)),
        (Some(w), None) => format!("{} or more (best case: $0 infrastructure)", pct(w)),
        (None, Some(b)) => format!("up to {} (worst case: $0 infrastructure)", pct(b)),
        (None, None) => "none to measure: $0 infrastructure".into(),
    }
}

/// Margin over infrastructure in words, from each case's figure (`None` where that case
/// has no revenue): `91.9%–97.5%`, `up to 80% (worst case: no revenue)`.
fn margin_words(ends: PerCase<Option<f64>>) -> String {
    match (ends.worst, ends.best) {
        (Some(w), Some(b)) => pct_band(Range::new(w, b)),
        (Some(w), None) => format!("{} or more (best case: no revenue)", pct(w)),
        (None, Some(b)) => format!("up to {} (worst case: no revenue)", pct(b)),
        (None, None) => "no revenue".into(),
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
    let revenue_detail = Signal::derive(move || {
        snap.with(|s| {
            let fees = s.fees();
            if fees.high <= 0.0 {
                "no payment fees".to_string()
            } else {
                format!(
                    "after {} of card fees on {} charged",
                    band(fees, usd),
                    band(s.gross_revenue(), usd)
                )
            }
        })
    });
    let has_running = Memo::new(move |_| snap.with(|s| s.running().high > 0.0));
    let profit = Signal::derive(move || snap.with(|s| band(s.profit_after_running(), usd)));
    let profit_detail = Signal::derive(move || {
        snap.with(|s| {
            if s.running().high > 0.0 {
                format!(
                    "after running costs; on infrastructure alone {}",
                    band(s.profit(), usd)
                )
            } else {
                "revenue after fees − infrastructure".to_string()
            }
        })
    });
    let running = Signal::derive(move || snap.with(|s| band(s.running(), usd)));
    let churn_note = Memo::new(move |_| {
        state.scenario.with(|s| {
            let c = s.raw().revenue.churn_pct_per_month;
            (!c.is_zero()).then(|| {
                format!(
                    "These answers at a user count take the steady share who pay. On the timeline {} of paying users cancel each month, so the break-even month and payback follow the paying users who stay.",
                    pct_band(c)
                )
            })
        })
    });
    let margin = Signal::derive(move || snap.with(|s| margin_words(s.margin_ends())));
    let roi = Signal::derive(move || snap.with(|s| roi_words(s.roi_ends())));
    let multiple = Signal::derive(move || {
        snap.with(|s| {
            s.revenue_cost_pct().map_or_else(String::new, |r| {
                format!("(revenue − cost) ÷ cost; revenue ÷ cost is {}", pct_band(r))
            })
        })
    });
    let break_even_users = Signal::derive(move || state.break_even.with(break_even::describe));
    let break_even_running = Memo::new(move |_| {
        let m = state.model.read();
        (m.running_usd(Case::Worst) > 0.0)
            .then(|| break_even::describe(&break_even::break_even_after_running(&m)))
    });
    let break_even_paying = Signal::derive(move || {
        let m = state.model.read();
        let ends = state
            .break_even
            .with(|r| r.as_ref().map(|r| r.first().map(|r| r.from)));
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
                let running = m.running_usd(Case::Worst) > 0.0;
                format!(
                    "{} paying{}",
                    optional_band(p, paying, "never"),
                    if running {
                        "; on infrastructure alone (the table below adds running costs)"
                    } else {
                        ""
                    }
                )
            }
        }
    });
    let break_even_month = Signal::derive(move || {
        let t = state.timeline.read();
        let h = t.months.len().saturating_sub(1) as u32;
        state
            .break_even
            .with(|r| break_even::describe_month(&t.break_even_month, r, h))
    });
    let full_from = Memo::new(move |_| {
        let m = state.model.read();
        state.timeline.with(|t| {
            t.full_from().map(|f| {
                (
                    f.describe(&m),
                    f.month,
                    m.components[f.component].id.clone(),
                )
            })
        })
    });
    let break_even_month_detail = Signal::derive(move || {
        full_from.with(|f| match f {
            Some((_, 0, _)) => "the stack is full now: see below".to_string(),
            Some((_, month, _)) => format!("the stack is full from month {month}: see below"),
            None => String::new(),
        })
    });
    let stale = super::input_errors();
    let payback = Signal::derive(move || {
        let m = state.model.read();
        let one = timeline::one_time_usd(&m);
        if one.high <= 0.0 {
            return "no one-time costs".to_string();
        }
        let t = state.timeline.read();
        let h = t.months.len().saturating_sub(1);
        let never = format!("not within {h} months");
        match t.payback {
            PerCase {
                best: Some(a),
                worst: Some(b),
            } => format!(
                "{} months",
                band(Range::new(a, b), |x| format::number(x, 1))
            ),
            ends => optional_band(ends, |x| format!("{} months", format::number(x, 1)), &never),
        }
    });
    let payback_detail = Signal::derive(move || {
        let m = state.model.read();
        let one = timeline::one_time_usd(&m);
        if one.high <= 0.0 {
            return String::new();
        }
        format!("{} one-time; months until profit repays it", band(one, usd))
    });
    // Without cash the card is left out, and the cash field says what the runway needs.
    let has_cash = Memo::new(move |_| state.scenario.with(|s| s.raw().cash_usd.is_some()));
    let runway = Signal::derive(move || {
        let t = state.timeline.read();
        let h = t.months.len().saturating_sub(1) as u32;
        crate::model::runway::describe(t.runway.as_ref(), h)
    });
    let runway_detail = Signal::derive(move || {
        let m = state.model.read();
        let t = state.timeline.read();
        match t.runway.as_ref() {
            Some(r) => crate::model::runway::describe_detail(
                m.scenario(),
                Some(r),
                timeline::one_time_usd(&m),
            ),
            None => crate::model::runway::NO_CASH.to_string(),
        }
    });
    let bottleneck = Signal::derive(move || {
        let m = state.model.read();
        snap.with(|s| match s.bottleneck() {
            Some(i) => format!(
                "{}: {} full",
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
                        "{component}: no plan of it charges for or holds {resource}, so that use counts as $0. Change the provider to one that prices it, or remove that line from what users use of it."
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
    // Each price as it arrives after the card fee: the scenario's own (its plan mix, when
    // it has plans) and each what-if average.
    let price_points = Memo::new(move |_| {
        let m = state.model.read();
        let (cost, running) = snap.with(|s| (s.cost(), s.running()));
        let own = PerCase::from_fn(|case: Case| m.per_paying(case));
        let mut rows = vec![(
            Range::new(own.worst.gross_usd, own.best.gross_usd),
            PerCase::from_fn(|case: Case| own[case].net_usd),
        )];
        for p in &m.scenario().revenue.what_if_prices_usd {
            rows.push((
                *p,
                PerCase::from_fn(|case: Case| m.net_of_fees(p.benefit_end(case), case)),
            ));
        }
        rows.into_iter()
            .map(|(p, net)| {
                let cover = |extra: Range| PerCase {
                    best: timeline::paying_users_to_cover(cost.low + extra.low, net.best),
                    worst: timeline::paying_users_to_cover(cost.high + extra.high, net.worst),
                };
                PricePoint {
                    price: band(p, usd),
                    infrastructure: optional_band(cover(Range::exact(0.0)), count, "—"),
                    with_running: optional_band(cover(running), count, "—"),
                }
            })
            .collect::<Vec<_>>()
    });
    let price_rows = Memo::new(move |_| price_points.with(Vec::len));
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
        <section class="panel answers" class:stale=move || stale.any() aria-labelledby="answers-title">
            <h2 id="answers-title">
                "At " <span data-testid="answers-users">{move || count(state.users.get())}</span> " users"
            </h2>
            {move || stale.first_label().map(|label| view! {
                <p class="stale-note" data-testid="answers-stale" role="status">
                    {format!("These answers are for the last valid input. “{label}” has an error: fix it, and the answers follow.")}
                </p>
            })}
            <dl class="kpis">
                <KpiCard label="Monthly cost" testid="kpi-monthly-cost" value=cost/>
                <KpiCard label="Cost per user" testid="kpi-cost-per-user" value=per_user/>
                <KpiCard label="Revenue / month" testid="kpi-revenue" value=revenue detail=revenue_detail/>
                <Show when=move || has_running.get()>
                    <KpiCard label="Running costs / month" testid="kpi-running-costs" value=running detail=Signal::derive(|| "not infrastructure: team, marketing".to_string())/>
                </Show>
                <KpiCard label="Profit / month" testid="kpi-profit" value=profit detail=profit_detail/>
                <KpiCard label="Margin on infrastructure" testid="kpi-margin" value=margin/>
                <KpiCard label="ROI on infrastructure" testid="kpi-roi" value=roi detail=multiple/>
                <KpiCard label="Break-even" testid="kpi-break-even-users" value=break_even_users detail=break_even_paying wide=true/>
                <Show when=move || break_even_running.with(Option::is_some)>
                    <KpiCard label="Break-even with running costs" testid="kpi-break-even-running" value=Signal::derive(move || break_even_running.get().unwrap_or_default())/>
                </Show>
                <KpiCard label="Break-even month" testid="kpi-break-even-month" value=break_even_month detail=break_even_month_detail/>
                <KpiCard label="Payback from launch" testid="kpi-payback-months" value=payback detail=payback_detail/>
                {move || has_cash.get().then(|| view! { <KpiCard label="Cash runs out" testid="kpi-runway" value=runway detail=runway_detail/> })}
                <KpiCard label="Fullest now" testid="kpi-bottleneck" value=bottleneck detail=ceiling wide=true/>
            </dl>
            {move || full_from.get().map(|(text, _, id)| view! {
                <p class="rests-on" data-testid="full-from">
                    {text} " "
                    <button type="button" class="link" on:click=move |_| super::add::focus_card(&id)>"Show that component"</button>
                </p>
            })}
            <Show when=move || !warnings.get().is_empty()>
                <ul class="warnings" data-testid="warnings" role="status">
                    {move || warnings.get().into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
                </ul>
            </Show>
            {move || churn_note.get().map(|n| view! { <p class="hint" data-testid="churn-note">{n}</p> })}
            <table class="break-even-prices" data-testid="break-even-prices">
                <caption>"Paying users that cover this month's cost, after card fees"</caption>
                <thead><tr>
                    <th scope="col">"At an average price of"</th>
                    <th scope="col">"Infrastructure"</th>
                    <Show when=move || has_running.get()><th scope="col">"With running costs"</th></Show>
                </tr></thead>
                <tbody>
                    // The rows are built again only when their number changes; otherwise only
                    // the text that changed is rewritten, so that dragging the users does not
                    // rebuild the table.
                    {move || (0..price_rows.get()).map(|i| {
                        let cell = move |f: fn(&PricePoint) -> &String| {
                            move || price_points.with(|r| r.get(i).map(|row| f(row).clone()).unwrap_or_default())
                        };
                        view! {
                            <tr><td>{cell(|r| &r.price)}</td><td>{cell(|r| &r.infrastructure)}</td><Show when=move || has_running.get()><td>{cell(|r| &r.with_running)}</td></Show></tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {move || downtime.get().map(|d| view! { <p class="downtime" data-testid="downtime">{d}</p> })}
            {move || prices_checked.get().map(|t| view! { <p class="prices-checked" data-testid="prices-checked">{t}</p> })}
        </section>
    }
}
