//! The answers a founder reads: monthly cost, cost per user, revenue, profit.

use leptos::prelude::*;

use super::expect_state;
use crate::model::format;

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
) -> impl IntoView {
    view! {
        <div class="kpi">
            <dt>{label}</dt>
            <dd data-testid=testid>{value}</dd>
        </div>
    }
}

/// The answers at the current user count.
#[component]
pub fn Answers() -> impl IntoView {
    let state = expect_state();
    let snap = state.snapshot;
    let cost = Signal::derive(move || snap.with(|s| format::band(s.cost(), format::usd)));
    let per_user = Signal::derive(move || {
        snap.with(|s| {
            s.cost_per_user()
                .map_or_else(|| "—".into(), |r| format::band(r, format::usd))
        })
    });
    let revenue = Signal::derive(move || snap.with(|s| format::band(s.revenue(), format::usd)));
    let profit = Signal::derive(move || snap.with(|s| format::band(s.profit(), format::usd)));
    view! {
        <section class="answers" aria-label="Answers">
            <dl class="kpis">
                <KpiCard label="Monthly cost" testid="kpi-monthly-cost" value=cost/>
                <KpiCard label="Cost per user" testid="kpi-cost-per-user" value=per_user/>
                <KpiCard label="Revenue / month" testid="kpi-revenue" value=revenue/>
                <KpiCard label="Profit / month" testid="kpi-profit" value=profit/>
            </dl>
        </section>
    }
}
