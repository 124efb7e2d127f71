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
use crate::model::{Model, Range, Scenario};

/// One scenario in the comparison, evaluated.
#[derive(Clone, Debug, PartialEq)]
struct Column {
    name: String,
    description: String,
    model: Model,
    cost: Range,
    cost_per_user: String,
    revenue: String,
    profit: String,
    roi: String,
    bottleneck: String,
    ceiling: String,
    warnings: Vec<String>,
    lines: Vec<(String, String)>,
}

fn column(name: String, description: String, model: Model, users: f64) -> Column {
    let s = model.snapshot(users);
    let bottleneck = s
        .bottleneck()
        .map(|i| {
            format!(
                "{} ({})",
                model.components[i].name,
                pct(s.components[i][1].utilisation * 100.0)
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
                band(Range::new(st[0].cost_usd, st[1].cost_usd), usd),
            )
        })
        .collect();
    Column {
        name,
        description,
        cost: s.cost(),
        cost_per_user: s.cost_per_user().map_or("—".into(), |r| band(r, usd)),
        revenue: band(s.revenue(), usd),
        profit: band(s.profit(), usd),
        roi: s.roi_pct().map_or("—".into(), |r| band(r, pct)),
        bottleneck,
        ceiling: model.describe_ceiling(&s),
        warnings: model.warnings(&s).into_iter().map(|w| w.message).collect(),
        lines,
        model,
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
    let columns = Memo::new(move |_| {
        let users = state.users.get();
        let mut cols = Vec::new();
        for key in [first.get(), second.get()] {
            if let Some((name, description, s)) = resolve(&key) {
                cols.push(column(
                    name,
                    description,
                    Model::new(&s, catalogue()),
                    users,
                ));
            }
        }
        if cols.is_empty() {
            return Vec::new();
        }
        let ours = state.model.get();
        let name = state.scenario.with(|s| s.raw().name.clone());
        cols.insert(
            0,
            column(format!("This scenario: {name}"), String::new(), ours, users),
        );
        cols
    });
    let x_max = Memo::new(move |_| {
        let u = state.users.get();
        x_max_for(u, u)
    });
    let chart = Memo::new(move |_| {
        let cols = columns.get();
        let models: Vec<(String, &Model)> =
            cols.iter().map(|c| (c.name.clone(), &c.model)).collect();
        CompareChart::from_models(&models, state.users.get(), x_max.get(), POINTS)
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
            <Show when=move || !columns.get().is_empty()>
                {move || {
                    let cols = columns.get();
                    let ours = cols[0].clone();
                    let a = cols[1].clone();
                    let (diff_month, diff_year) = difference(ours.cost, a.cost);
                    view! {
                        <div class="compare-result" data-testid="compare-result">
                            <p class="description">{a.description.clone()}</p>
                            <dl>
                                <div><dt>"This scenario"</dt><dd data-testid="compare-ours">{format!("{} / month", band(ours.cost, usd))}</dd></div>
                                <div><dt>{a.name.clone()}</dt><dd data-testid="compare-theirs">{format!("{} / month", band(a.cost, usd))}</dd></div>
                                <div><dt>"Difference"</dt><dd data-testid="compare-difference">{format!("{diff_month}, {diff_year}")}</dd></div>
                                <div><dt>"Per year"</dt><dd data-testid="compare-years">{format!("{} vs {}", band(ours.cost.scale(12.0), usd), band(a.cost.scale(12.0), usd))}</dd></div>
                            </dl>
                            <div class="table-scroll">
                                <table class="compare-table" data-testid="compare-table">
                                    <thead>
                                        <tr>
                                            <th scope="col">""</th>
                                            {cols.iter().map(|c| view! { <th scope="col">{c.name.clone()}</th> }).collect_view()}
                                        </tr>
                                    </thead>
                                    <tbody>
                                        <tr><th scope="row">"Monthly cost"</th>{cols.iter().map(|c| view! { <td>{band(c.cost, usd)}</td> }).collect_view()}</tr>
                                        <tr><th scope="row">"Per year"</th>{cols.iter().map(|c| view! { <td>{band(c.cost.scale(12.0), usd)}</td> }).collect_view()}</tr>
                                        <tr><th scope="row">"Against this one"</th>{cols.iter().enumerate().map(|(i, c)| {
                                            let t = if i == 0 { "—".to_string() } else { let (m, y) = difference(ours.cost, c.cost); format!("{m}, {y}") };
                                            view! { <td data-testid=format!("compare-diff-{i}")>{t}</td> }
                                        }).collect_view()}</tr>
                                        <tr><th scope="row">"Cost per user"</th>{cols.iter().map(|c| view! { <td>{c.cost_per_user.clone()}</td> }).collect_view()}</tr>
                                        <tr><th scope="row">"Revenue"</th>{cols.iter().map(|c| view! { <td>{c.revenue.clone()}</td> }).collect_view()}</tr>
                                        <tr><th scope="row">"Profit"</th>{cols.iter().map(|c| view! { <td>{c.profit.clone()}</td> }).collect_view()}</tr>
                                        <tr><th scope="row">"ROI"</th>{cols.iter().map(|c| view! { <td>{c.roi.clone()}</td> }).collect_view()}</tr>
                                        <tr><th scope="row">"Bottleneck"</th>{cols.iter().map(|c| view! { <td>{c.bottleneck.clone()}</td> }).collect_view()}</tr>
                                    </tbody>
                                </table>
                            </div>
                            <table class="compare-lines" data-testid="compare-lines">
                                <caption>{format!("{}: monthly cost by component", a.name)}</caption>
                                <tbody>
                                    {a.lines.iter().map(|(n, c)| view! { <tr><th scope="row">{n.clone()}</th><td>{c.clone()}</td></tr> }).collect_view()}
                                </tbody>
                            </table>
                            <ul class="compare-notes" data-testid="compare-notes">
                                <li>{a.ceiling.clone()}</li>
                                {a.warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}
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
