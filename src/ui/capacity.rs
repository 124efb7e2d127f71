//! The capacity table: per component, what runs, how loaded it is, what it costs, and
//! where its price came from.

use leptos::prelude::*;

use super::expect_state;
use crate::model::format;
use crate::model::Range;

/// One row of the table, ready to show.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CapacityRow {
    /// The component's name.
    pub component: String,
    /// Provider and offer, with units.
    pub running: String,
    /// Utilisation of the most loaded resource.
    pub utilisation: String,
    /// Monthly cost, low–high.
    pub cost: String,
    /// Source and as-of date of the price.
    pub source: String,
}

/// The capacity table at the current user count.
#[component]
pub fn CapacityTable() -> impl IntoView {
    let state = expect_state();
    let rows = Memo::new(move |_| {
        let model = state.model.get();
        state.snapshot.with(|s| {
            model
                .components
                .iter()
                .zip(&s.components)
                .map(|(c, st)| {
                    let worst = &st[1];
                    let running = worst
                        .allocations
                        .iter()
                        .map(|a| {
                            let cand = &c.candidates[a.candidate];
                            format!("{} × {} {}", a.units, cand.provider, cand.offer)
                        })
                        .collect::<Vec<_>>()
                        .join(" + ");
                    let source = worst
                        .allocations
                        .first()
                        .map(|a| {
                            let cand = &c.candidates[a.candidate];
                            format!("{} ({})", cand.source, cand.as_of)
                        })
                        .unwrap_or_default();
                    CapacityRow {
                        component: c.name.clone(),
                        running: if running.is_empty() {
                            "not used".into()
                        } else {
                            running
                        },
                        utilisation: if worst.binding.is_some() {
                            format::pct(worst.utilisation * 100.0)
                        } else {
                            "—".into()
                        },
                        cost: format::band(Range::new(st[0].cost_usd, st[1].cost_usd), format::usd),
                        source,
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="capacity" aria-labelledby="capacity-title">
            <h2 id="capacity-title">"Capacity"</h2>
            <table data-testid="capacity-table">
                <thead>
                    <tr>
                        <th scope="col">"Component"</th>
                        <th scope="col">"Running"</th>
                        <th scope="col">"Utilisation"</th>
                        <th scope="col">"Monthly cost"</th>
                        <th scope="col">"Price source"</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || rows.get() key=|r| r.clone() let:row>
                        <tr>
                            <th scope="row">{row.component}</th>
                            <td>{row.running}</td>
                            <td>{row.utilisation}</td>
                            <td>{row.cost}</td>
                            <td class="source">{row.source}</td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </section>
    }
}
