//! The capacity table: per component, what runs, how loaded it is, when it is full, what
//! it costs, and where its price came from.

use leptos::prelude::*;

use super::expect_state;
use crate::model::format::{band, count, pct, pct_band, usd};
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
    /// The link text of the price's source, or why the price is the founder's own.
    pub source: String,
    /// The source's address; empty when there is no page to link.
    pub source_url: String,
    /// "checked 2026-08-15", or that no date was given.
    pub checked: String,
    /// True when the price was checked more than six months ago.
    pub stale: bool,
    /// How the figure was obtained and how sure it is.
    pub how: String,
    /// When the provider is ending the offer, in words; empty when it is not.
    pub ending: String,
    /// True for the bottleneck.
    pub bottleneck: bool,
    /// True when over capacity.
    pub over: bool,
}

/// The capacity table at the current user count.
#[component]
pub fn CapacityTable() -> impl IntoView {
    let state = expect_state();
    let today = super::today();
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
                                format!(" for {} of the demand", pct(a.share * 100.0))
                            } else {
                                String::new()
                            };
                            format!("{} × {} {}{share}", a.units, cand.provider, cand.offer)
                        })
                        .collect::<Vec<_>>()
                        .join(" + ");
                    let cand = worst
                        .allocations
                        .first()
                        .map(|a| &c.candidates[a.candidate]);
                    let (source, source_url, checked, stale, how) = match cand {
                        Some(cand) if cand.price_overridden => (
                            format!("your price: {}", cand.override_reason),
                            String::new(),
                            String::new(),
                            false,
                            String::new(),
                        ),
                        Some(cand) => {
                            let p = &cand.provenance;
                            (
                                p.title.clone(),
                                p.url.clone(),
                                match p.checked {
                                    Some(d) => format!("checked {d}"),
                                    None => "no date given".into(),
                                },
                                p.is_stale(today),
                                p.how(),
                            )
                        }
                        None => Default::default(),
                    };
                    let ending = cand
                        .and_then(|cand| cand.ending())
                        .map(|e| format!("{e}."))
                        .unwrap_or_default();
                    let utilisation = match worst.binding {
                        Some(r) => format!(
                            "{} of {}",
                            pct_band(Range::new(
                                st.best.utilisation * 100.0,
                                worst.utilisation * 100.0
                            )),
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
                        source_url,
                        checked,
                        stale,
                        how,
                        ending,
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
            <p class="scroll-hint" aria-hidden="true">"The table is wider than the screen: scroll it sideways for every column →"</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="capacity-title" data-testid="capacity-scroll">
                <table data-testid="capacity-table">
                    <thead>
                        <tr>
                            <th scope="col">"Component"</th>
                            <th scope="col">"Runs"</th>
                            <th scope="col">"Use now"</th>
                            <th scope="col">"How full"</th>
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
                                    <th scope="row">{text(|r| &r.component)}{move || flag(|r| r.bottleneck)().then_some(" · fullest now")}</th>
                                    <td>{text(|r| &r.running)}</td>
                                    <td>{text(|r| &r.demand)}</td>
                                    <td>{text(|r| &r.utilisation)}</td>
                                    <td>{text(|r| &r.full_at)}</td>
                                    <td>{text(|r| &r.cost)}</td>
                                    <td class="source" data-testid=format!("source-{id}")>
                                        <SourceCell row=Signal::derive(move || rows.with(|r| r.get(i).cloned()))/>
                                    </td>
                                </tr>
                            }
                        }/>
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// Where a row's price comes from: the source as a link with the day it was checked, a mark
/// when that was more than six months ago, and how it was obtained one click away.
#[component]
fn SourceCell(
    /// The row, or `None` while it is being removed.
    #[prop(into)]
    row: Signal<Option<CapacityRow>>,
) -> impl IntoView {
    let part = move |f: fn(&CapacityRow) -> String| {
        move || row.with(|r| r.as_ref().map(f).unwrap_or_default())
    };
    let url = Memo::new(move |_| {
        row.with(|r| r.as_ref().map(|r| r.source_url.clone()).unwrap_or_default())
    });
    // A memo, so that the link is built again only when the source changes, not at every
    // change of the row's figures.
    let title =
        Memo::new(move |_| row.with(|r| r.as_ref().map(|r| r.source.clone()).unwrap_or_default()));
    let stale = move || row.with(|r| r.as_ref().is_some_and(|r| r.stale));
    view! {
        {move || {
            let title = title.get();
            let href = url.get();
            if href.is_empty() {
                view! { <span class="source-title">{title}</span> }.into_any()
            } else {
                view! {
                    <a class="source-title" href=href target="_blank" rel="noopener noreferrer">{title}" ↗"</a>
                }
                .into_any()
            }
        }}
        <Show when=move || row.with(|r| r.as_ref().is_some_and(|r| !r.checked.is_empty()))>
            " · "<span class="checked" data-testid="checked">{part(|r| r.checked.clone())}</span>
        </Show>
        <Show when=stale>
            " "<span class="stale" data-testid="stale" title="Checked more than six months ago: confirm it on the provider's page before you rely on it.">"check this price"</span>
        </Show>
        <Show when=move || row.with(|r| r.as_ref().is_some_and(|r| !r.ending.is_empty()))>
            <span class="ending" data-testid="ending">{part(|r| r.ending.clone())}</span>
        </Show>
        <Show when=move || row.with(|r| r.as_ref().is_some_and(|r| !r.how.is_empty()))>
            <details class="how">
                <summary>"How sure?"</summary>
                <p data-testid="how">{part(|r| r.how.clone())}</p>
            </details>
        </Show>
    }
}
