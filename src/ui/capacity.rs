//! The capacity table: per component, what runs, how loaded it is, when it is full, what
//! it costs, and where its price came from.

use leptos::prelude::*;

use super::expect_state;
use crate::model::format::{band, count, pct, usd};
use crate::model::{Case, Range};

/// One row of the table, ready to show.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CapacityRow {
    /// The component's id.
    pub id: String,
    /// The component's name.
    pub component: String,
    /// Provider and offer, with units.
    pub running: String,
    /// What users ask of it, per resource.
    pub demand: String,
    /// Utilisation of the most loaded resource, and which resource.
    pub utilisation: String,
    /// Users at which the largest allowed configuration is full.
    pub full_at: String,
    /// Monthly cost, low–high.
    pub cost: String,
    /// Source and as-of date of the price, and whether it was overridden.
    pub source: String,
    /// True for the bottleneck.
    pub bottleneck: bool,
    /// True when over capacity.
    pub over: bool,
}

/// The capacity table at the current user count.
#[component]
pub fn CapacityTable() -> impl IntoView {
    let state = expect_state();
    let rows = Memo::new(move |_| {
        let model = state.model.read();
        state.snapshot.with(|s| {
            let bottleneck = s.bottleneck();
            model
                .components
                .iter()
                .zip(&s.components)
                .enumerate()
                .map(|(i, (c, st))| {
                    let worst = &st.worst;
                    let running = worst
                        .allocations
                        .iter()
                        .map(|a| {
                            let cand = &c.candidates[a.candidate];
                            let share = if worst.allocations.len() > 1 {
                                format!(" ({} of demand)", pct(a.share * 100.0))
                            } else {
                                String::new()
                            };
                            format!("{} × {} {}{share}", a.units, cand.provider, cand.offer)
                        })
                        .collect::<Vec<_>>()
                        .join(" + ");
                    let source = worst
                        .allocations
                        .first()
                        .map(|a| {
                            let cand = &c.candidates[a.candidate];
                            if cand.price_overridden {
                                format!("overridden: {}", cand.override_reason)
                            } else {
                                format!("{} (as of {})", cand.source, cand.as_of)
                            }
                        })
                        .unwrap_or_default();
                    let utilisation = match worst.binding {
                        Some(r) => format!(
                            "{} of {}",
                            band(
                                Range::new(st.best.utilisation * 100.0, worst.utilisation * 100.0),
                                pct
                            ),
                            crate::model::format::resource(&c.resources[r])
                        ),
                        None => "—".into(),
                    };
                    let full_at = match (
                        c.ceiling(worst, Case::Worst),
                        c.ceiling(&st.best, Case::Best),
                    ) {
                        (Some(w), Some(b)) => model.users_in_words(i, Range::new(w, b)),
                        _ => "—".into(),
                    };
                    let demand = c
                        .resources
                        .iter()
                        .enumerate()
                        .map(|(r, name)| {
                            format!(
                                "{} {}",
                                band(Range::new(st.best.demand[r], worst.demand[r]), count),
                                crate::model::format::resource(name)
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                    CapacityRow {
                        id: c.id.clone(),
                        component: c.name.clone(),
                        running: if running.is_empty() {
                            "not used yet".into()
                        } else {
                            running
                        },
                        demand: if demand.is_empty() {
                            "—".into()
                        } else {
                            demand
                        },
                        utilisation,
                        full_at,
                        cost: band(Range::new(st.best.cost_usd, st.worst.cost_usd), usd),
                        source,
                        bottleneck: bottleneck == Some(i),
                        over: worst.over_limit,
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    let ids =
        Memo::new(move |_| rows.with(|r| r.iter().map(|row| row.id.clone()).collect::<Vec<_>>()));
    view! {
        <section class="panel capacity" aria-labelledby="capacity-title">
            <h2 id="capacity-title">"Capacity"</h2>
            <div class="table-scroll">
                <table data-testid="capacity-table">
                    <thead>
                        <tr>
                            <th scope="col">"Component"</th>
                            <th scope="col">"Runs"</th>
                            <th scope="col">"Demand"</th>
                            <th scope="col">"Utilisation"</th>
                            <th scope="col">"Full at"</th>
                            <th scope="col">"Monthly cost"</th>
                            <th scope="col">"Price source"</th>
                        </tr>
                    </thead>
                    <tbody>
                        // Rows are kept per component and only their changed text is
                        // rewritten, so that dragging the users does not rebuild the table.
                        <For each=move || ids.get().into_iter().enumerate() key=|row| row.clone() children=move |(i, id)| {
                            let text = move |f: fn(&CapacityRow) -> &str| {
                                move || rows.with(|r| r.get(i).map(|row| f(row).to_string()).unwrap_or_default())
                            };
                            let flag = move |f: fn(&CapacityRow) -> bool| {
                                move || rows.with(|r| r.get(i).is_some_and(f))
                            };
                            view! {
                                <tr data-testid=format!("capacity-{id}") class:bottleneck=flag(|r| r.bottleneck) class:over=flag(|r| r.over)>
                                    <th scope="row">{text(|r| &r.component)}{move || flag(|r| r.bottleneck)().then_some(" (bottleneck)")}</th>
                                    <td>{text(|r| &r.running)}</td>
                                    <td>{text(|r| &r.demand)}</td>
                                    <td>{text(|r| &r.utilisation)}</td>
                                    <td>{text(|r| &r.full_at)}</td>
                                    <td>{text(|r| &r.cost)}</td>
                                    <td class="source">{text(|r| &r.source)}</td>
                                </tr>
                            }
                        }/>
                    </tbody>
                </table>
            </div>
        </section>
    }
}
