//! Comparing scenarios side by side: this one against one or two others (its own variants,
//! the built-in presets, the founder's saved scenarios) at the same users, with the answers
//! in columns, the difference per month and per year, and one chart of all their costs.

use leptos::prelude::*;

use super::charts::{x_max_for, Area, ChartCanvas, POINTS};
use super::persist::SavedList;
use super::{catalogue, expect_state};
use crate::charts::{draw_compare, CompareChart, Theme};
use crate::model::format::{band, pct, usd};
use crate::model::presets;
use crate::model::{Model, Range, Scenario, Snapshot};

/// One scenario in the comparison, evaluated at the current users.
#[derive(Clone, Debug, PartialEq)]
struct Column {
    cost: Range,
    cost_per_user: String,
    revenue: String,
    profit: String,
    running: String,
    profit_after_running: String,
    roi: String,
    bottleneck: String,
    ceiling: String,
    warnings: Vec<String>,
    lines: Vec<(String, String)>,
    runway: String,
    price_to_break_even: String,
}

/// When the cash runs out for a compared scenario from `users` now; only a scenario with
/// cash entered is run month by month for it.
fn runway_of(model: &Model, users: f64) -> String {
    use crate::model::runway;
    if model.scenario().cash_usd.is_none() {
        return runway::NO_CASH.to_string();
    }
    let t = crate::model::Timeline::starting_at_with(model, users, &Default::default());
    runway::describe(t.runway.as_ref(), model.scenario().users.horizon_months)
}

fn column(model: &Model, s: &Snapshot) -> Column {
    let bottleneck = s
        .bottleneck()
        .map(|i| {
            format!(
                "{}: {} full",
                model.components[i].name,
                pct(s.components[i].worst.utilisation * 100.0)
            )
        })
        .unwrap_or_else(|| "—".into());
    let lines = model
        .components
        .iter()
        .zip(&s.components)
        .map(|(c, st)| {
            (
                c.name.clone(),
                band(Range::new(st.best.cost_usd, st.worst.cost_usd), usd),
            )
        })
        .collect();
    Column {
        cost: s.cost(),
        cost_per_user: s.cost_per_user().map_or("—".into(), |r| band(r, usd)),
        revenue: band(s.revenue(), usd),
        profit: band(s.profit(), usd),
        running: band(s.running(), usd),
        profit_after_running: band(s.profit_after_running(), usd),
        roi: super::answers::roi_words(s.roi_ends()),
        bottleneck,
        ceiling: model.describe_ceiling(s),
        warnings: model.warnings(s).into_iter().map(|w| w.message).collect(),
        lines,
        runway: String::new(),
        price_to_break_even: {
            use crate::model::goal_seek::{break_even_price, describe, Lever};
            describe(Lever::Price, &break_even_price(model, s.users))
        },
    }
}

/// How much more (or less) `theirs` costs than `ours`, per month and per year.
fn difference(ours: Range, theirs: Range) -> (String, String) {
    let diff = Range::new(theirs.low - ours.low, theirs.high - ours.high);
    let words = |d: Range, unit: &str| {
        if d.high <= 0.0 {
            format!("{} less{unit}", band(Range::new(-d.high, -d.low), usd))
        } else if d.low >= 0.0 {
            format!("{} more{unit}", band(d, usd))
        } else {
            format!("{}{unit}", band(d, usd))
        }
    };
    (words(diff, " / month"), words(diff.scale(12.0), " a year"))
}

/// Picks the scenarios to compare and shows them side by side.
#[component]
pub fn ComparePanel() -> impl IntoView {
    let state = expect_state();
    let saved = use_context::<SavedList>();
    let first = RwSignal::new(String::new());
    let second = RwSignal::new(String::new());
    Effect::new(move |_| {
        state.scenario.track();
        if state.preset.get_untracked().is_some() {
            first.set(String::new());
            second.set(String::new());
        }
    });
    let options = Memo::new(move |_| {
        let mut out: Vec<(String, String)> = state.scenario.with(|s| {
            s.raw()
                .variants
                .iter()
                .map(|v| (format!("variant:{}", v.id), format!("Variant: {}", v.name)))
                .collect()
        });
        for (id, name) in super::preset_names() {
            out.push((format!("preset:{id}"), format!("Built-in: {name}")));
        }
        if let Some(saved) = saved {
            for (i, s) in saved.0.get().iter().enumerate() {
                out.push((format!("saved:{i}"), format!("Saved: {}", s.name)));
            }
        }
        out
    });
    let resolve = move |key: &str| -> Option<(String, String, Scenario)> {
        let (kind, id) = key.split_once(':')?;
        match kind {
            "variant" => {
                let s = state.scenario.with(|s| s.variant(id, catalogue()))?;
                Some((s.raw().name.clone(), s.raw().description.clone(), s))
            }
            "preset" => {
                let s = presets::load(id, catalogue())?.ok()?;
                Some((s.raw().name.clone(), s.raw().description.clone(), s))
            }
            "saved" => {
                let list = saved?.0.get();
                let entry = list.get(id.parse::<usize>().ok()?)?.clone();
                let s = Scenario::new(entry.scenario, catalogue()).ok()?;
                Some((entry.name, s.raw().description.clone(), s))
            }
            _ => None,
        }
    };
    // The scenarios compared are read and compiled when the choice changes; moving the
    // users only evaluates them again.
    let compared = Memo::new(move |_| {
        let mut out = Vec::new();
        for key in [first.get(), second.get()] {
            if let Some((name, description, s)) = resolve(&key) {
                out.push((name, description, Model::new(&s, catalogue())));
            }
        }
        out
    });
    // The compared scenarios' runways run each month by month, so they follow the users
    // once a drag settles rather than at every step of it.
    let runways = Memo::new(move |_| {
        let users = state.settled_users.get();
        compared.with(|alternatives| {
            alternatives
                .iter()
                .map(|(_, _, m)| runway_of(m, users))
                .collect::<Vec<_>>()
        })
    });
    // The figures at the current users; this scenario's come from the page's snapshot.
    let columns = Memo::new(move |_| {
        let users = state.users.get();
        compared.with(|alternatives| {
            if alternatives.is_empty() {
                return Vec::new();
            }
            let mut ours = state.model.with(|m| state.snapshot.with(|s| column(m, s)));
            ours.runway = state.timeline.with(|t| {
                let h = t.months.len().saturating_sub(1) as u32;
                crate::model::runway::describe(t.runway.as_ref(), h)
            });
            let runways = runways.get();
            std::iter::once(ours)
                .chain(
                    alternatives
                        .iter()
                        .zip(runways)
                        .map(|((_, _, m), runway)| Column {
                            runway,
                            ..column(m, &m.snapshot(users))
                        }),
                )
                .collect::<Vec<_>>()
        })
    });
    // What the view is built from, which moving the users leaves alone: the names, and the
    // first alternative's description and components. The figures follow `columns` cell by
    // cell.
    let shape = Memo::new(move |_| {
        compared.with(|alternatives| {
            if alternatives.is_empty() {
                return (Vec::new(), None);
            }
            let ours = state
                .scenario
                .with(|s| format!("This scenario: {}", s.raw().name));
            let names = std::iter::once(ours)
                .chain(alternatives.iter().map(|(n, _, _)| n.clone()))
                .collect::<Vec<_>>();
            let first = alternatives.first().map(|(_, d, m)| {
                let lines: Vec<String> = m.components.iter().map(|c| c.name.clone()).collect();
                (d.clone(), lines)
            });
            (names, first)
        })
    });
    let notes = Memo::new(move |_| {
        columns.with(|cols| {
            cols.get(1).map_or_else(Vec::new, |a| {
                std::iter::once(a.ceiling.clone())
                    .chain(a.warnings.iter().cloned())
                    .collect::<Vec<_>>()
            })
        })
    });
    let cell = move |i: usize, f: fn(&Column) -> String| {
        move || columns.with(|cols| cols.get(i).map(f).unwrap_or_default())
    };
    let against = move |i: usize| {
        move || {
            columns.with(|cols| match (cols.first(), cols.get(i)) {
                (Some(ours), Some(c)) => {
                    let (m, y) = difference(ours.cost, c.cost);
                    format!("{m}, {y}")
                }
                _ => String::new(),
            })
        }
    };
    let x_max = Memo::new(move |_| {
        let u = state.users.get();
        x_max_for(u, u)
    });
    // Sampled when the models or the axis change; a drag only moves the marker.
    let sampled = Memo::new(move |_| {
        let names = shape.with(|(names, _)| names.clone());
        state.model.with(|ours| {
            compared.with(|alternatives| {
                let models: Vec<(String, &Model)> = names
                    .into_iter()
                    .zip(std::iter::once(ours).chain(alternatives.iter().map(|(_, _, m)| m)))
                    .collect();
                CompareChart::from_models(&models, f64::NAN, x_max.get(), POINTS)
            })
        })
    });
    let chart = Memo::new(move |_| {
        let users = state.users.get();
        state.model.with(|ours| {
            compared.with(|alternatives| {
                let models: Vec<&Model> = std::iter::once(ours)
                    .chain(alternatives.iter().map(|(_, _, m)| m))
                    .collect();
                sampled.with(|base| base.with_marker(&models, users))
            })
        })
    });
    let draw = Callback::new(move |(root, theme): (Area, Theme)| {
        chart.with(|c| draw_compare(&root, c, &theme).ok())
    });
    let picker = move |label: &'static str, testid: &'static str, value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=testid>{label}</label>
                <select id=testid data-testid=testid on:change=move |ev| value.set(event_target_value(&ev))>
                    <option value="" selected=move || value.get().is_empty()>"(nothing)"</option>
                    {move || {
                        options
                            .get()
                            .into_iter()
                            .map(|(k, n)| {
                                let key = k.clone();
                                view! { <option value=k selected=move || value.get() == key>{n}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
        }
    };
    view! {
        <div class="compare" data-testid="compare">
            {picker("Compare with", "variant-picker", first)}
            <Show when=move || !first.get().is_empty()>
                {picker("And with", "variant-picker-2", second)}
            </Show>
            <Show when=move || shape.with(|(names, _)| !names.is_empty())>
                {move || {
                    let (names, a) = shape.get();
                    let (description, lines) = a.unwrap_or_default();
                    let columns_of = |f: fn(&Column) -> String| {
                        (0..names.len()).map(|i| view! { <td>{cell(i, f)}</td> }).collect_view()
                    };
                    view! {
                        <div class="compare-result" data-testid="compare-result">
                            <p class="description">{description}</p>
                            <dl>
                                <div><dt>"This scenario"</dt><dd data-testid="compare-ours">{cell(0, |c| format!("{} / month", band(c.cost, usd)))}</dd></div>
                                <div><dt>{names.get(1).cloned()}</dt><dd data-testid="compare-theirs">{cell(1, |c| format!("{} / month", band(c.cost, usd)))}</dd></div>
                                <div><dt>"Difference"</dt><dd data-testid="compare-difference">{against(1)}</dd></div>
                                <div><dt>"Per year"</dt><dd data-testid="compare-years">{move || columns.with(|cols| match (cols.first(), cols.get(1)) {
                                    (Some(o), Some(a)) => format!("{} vs {}", band(o.cost.scale(12.0), usd), band(a.cost.scale(12.0), usd)),
                                    _ => String::new(),
                                })}</dd></div>
                            </dl>
                            <div class="table-scroll">
                                <table class="compare-table" data-testid="compare-table">
                                    <thead>
                                        <tr>
                                            <th scope="col">""</th>
                                            {names.iter().map(|n| view! { <th scope="col">{n.clone()}</th> }).collect_view()}
                                        </tr>
                                    </thead>
                                    <tbody>
                                        <tr><th scope="row">"Monthly cost"</th>{columns_of(|c| band(c.cost, usd))}</tr>
                                        <tr><th scope="row">"Per year"</th>{columns_of(|c| band(c.cost.scale(12.0), usd))}</tr>
                                        <tr><th scope="row">"Against this one"</th>{(0..names.len()).map(|i| {
                                            let text = move || if i == 0 { "—".to_string() } else { against(i)() };
                                            view! { <td data-testid=format!("compare-diff-{i}")>{text}</td> }
                                        }).collect_view()}</tr>
                                        <tr><th scope="row">"Cost per user"</th>{columns_of(|c| c.cost_per_user.clone())}</tr>
                                        <tr><th scope="row">"Revenue"</th>{columns_of(|c| c.revenue.clone())}</tr>
                                        <tr><th scope="row">"Profit"</th>{columns_of(|c| c.profit.clone())}</tr>
                                        <tr><th scope="row">"Running costs"</th>{columns_of(|c| c.running.clone())}</tr>
                                        <tr><th scope="row">"Profit after running costs"</th>{columns_of(|c| c.profit_after_running.clone())}</tr>
                                        <tr><th scope="row">"ROI on infrastructure"</th>{columns_of(|c| c.roi.clone())}</tr>
                                        <tr><th scope="row">"Bottleneck"</th>{columns_of(|c| c.bottleneck.clone())}</tr>
                                        <tr><th scope="row">"Cash runs out"</th>{columns_of(|c| c.runway.clone())}</tr>
                                        <tr><th scope="row">"Lowest price that breaks even"</th>{columns_of(|c| c.price_to_break_even.clone())}</tr>
                                    </tbody>
                                </table>
                            </div>
                            <table class="compare-lines" data-testid="compare-lines">
                                <caption>{format!("{}: monthly cost by component", names.get(1).cloned().unwrap_or_default())}</caption>
                                <tbody>
                                    {lines.into_iter().enumerate().map(|(j, n)| {
                                        let cost = move || columns.with(|cols| cols.get(1).and_then(|a| a.lines.get(j)).map(|l| l.1.clone()).unwrap_or_default());
                                        view! { <tr><th scope="row">{n}</th><td>{cost}</td></tr> }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <ul class="compare-notes" data-testid="compare-notes">
                                {move || notes.get().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                            </ul>
                        </div>
                    }
                }}
                <figure>
                    <figcaption>"Monthly cost of each against users"</figcaption>
                    <ChartCanvas testid="chart-compare" height=240 draw=draw label="Monthly cost of the compared scenarios against users"/>
                </figure>
            </Show>
        </div>
    }
}
