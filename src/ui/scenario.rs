//! Which scenario is on screen: the built-in presets, the guide each reproduces, where the
//! guide's own figures differ from the model, and a comparison with the guide's alternatives.

use leptos::prelude::*;

use super::{catalogue, expect_state};
use crate::model::format;
use crate::model::presets::{self, PRESETS};
use crate::model::{Model, Range};

/// The scenario picker, the scenario's description and its guide-audit notes.
#[component]
pub fn ScenarioPicker() -> impl IntoView {
    let state = expect_state();
    let load_error = RwSignal::new(None::<String>);
    let names: Vec<(&'static str, String)> = PRESETS
        .iter()
        .filter_map(|p| {
            let s = presets::load(p.id, catalogue())?.ok()?;
            Some((p.id, s.raw().name.clone()))
        })
        .collect();
    let on_pick = move |ev| {
        let id = event_target_value(&ev);
        match PRESETS.iter().find(|p| p.id == id) {
            Some(p) => match presets::load(p.id, catalogue()) {
                Some(Ok(s)) => {
                    load_error.set(None);
                    state.load(s, Some(p.id));
                }
                Some(Err(e)) => load_error.set(Some(e.to_string())),
                None => {}
            },
            None => load_error.set(Some(format!("There is no built-in scenario “{id}”."))),
        }
    };
    let name = move || state.scenario.with(|s| s.raw().name.clone());
    let description = move || state.scenario.with(|s| s.raw().description.clone());
    let guide = move || state.scenario.with(|s| s.raw().guide.clone());
    let audit = move || state.scenario.with(|s| s.raw().audit.clone());
    view! {
        <section class="panel scenario" aria-labelledby="scenario-name">
            <div class="field">
                <label for="preset-picker">"Scenario"</label>
                <select id="preset-picker" data-testid="preset-picker" on:change=on_pick>
                    {names
                        .into_iter()
                        .map(|(id, n)| {
                            view! {
                                <option value=id selected=move || state.preset.get() == Some(id)>{n}</option>
                            }
                        })
                        .collect_view()}
                    <option value="" disabled=true selected=move || state.preset.get().is_none()>"Your own (edited)"</option>
                </select>
                <p class="error" role="alert">{move || load_error.get().unwrap_or_default()}</p>
            </div>
            <h2 id="scenario-name" data-testid="scenario-name">{name}</h2>
            <p class="description" data-testid="scenario-description">{description}</p>
            {move || {
                guide()
                    .map(|g| {
                        view! { <p class="guide">"Reproduces the founder's guide " <code>{g}</code> "."</p> }
                    })
            }}
            <Show when=move || !audit().is_empty()>
                <details class="audit" data-testid="audit-notes" open=true>
                    <summary>"Where the guide's own figures differ"</summary>
                    <ul>
                        {move || {
                            audit()
                                .into_iter()
                                .map(|n| {
                                    view! {
                                        <li>
                                            <strong>{n.topic}</strong>
                                            <span class="guide-says">" The guide: “" {n.guide_says} "”. "</span>
                                            <span>{n.explanation}</span>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </details>
            </Show>
            <VariantCompare/>
        </section>
    }
}

/// The scenario against one of its variants at the same users: cost of each and the
/// difference per month and per year.
#[component]
fn VariantCompare() -> impl IntoView {
    let state = expect_state();
    let chosen = RwSignal::new(String::new());
    Effect::new(move |_| {
        state.scenario.track();
        chosen.set(String::new());
    });
    let variants = move || {
        state.scenario.with(|s| {
            s.raw()
                .variants
                .iter()
                .map(|v| (v.id.clone(), v.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let result = Memo::new(move |_| {
        let id = chosen.get();
        if id.is_empty() {
            return None;
        }
        let users = state.users.get();
        let other = state.scenario.with(|s| s.variant(&id, catalogue()))?;
        let m = Model::new(&other, catalogue());
        let theirs = m.snapshot(users);
        let ours = state.snapshot.get();
        let diff = Range::new(
            theirs.money[0].cost_usd - ours.money[0].cost_usd,
            theirs.money[1].cost_usd - ours.money[1].cost_usd,
        );
        let mut warnings: Vec<String> =
            m.warnings(&theirs).into_iter().map(|w| w.message).collect();
        warnings.insert(0, m.describe_ceiling(&theirs));
        let lines: Vec<(String, String)> = m
            .components
            .iter()
            .zip(&theirs.components)
            .map(|(c, st)| {
                (
                    c.name.clone(),
                    format::band(Range::new(st[0].cost_usd, st[1].cost_usd), format::usd),
                )
            })
            .collect();
        Some((
            other.raw().name.clone(),
            other.raw().description.clone(),
            ours.cost(),
            theirs.cost(),
            diff,
            warnings,
            lines,
        ))
    });
    view! {
        <Show when=move || !variants().is_empty()>
            <div class="compare">
                <div class="field">
                    <label for="variant-picker">"Compare with"</label>
                    <select
                        id="variant-picker"
                        data-testid="variant-picker"
                        on:change=move |ev| chosen.set(event_target_value(&ev))
                    >
                        <option value="" selected=move || chosen.get().is_empty()>"(nothing)"</option>
                        {move || {
                            variants()
                                .into_iter()
                                .map(|(id, n)| view! { <option value=id>{n}</option> })
                                .collect_view()
                        }}
                    </select>
                </div>
                {move || {
                    result
                        .get()
                        .map(|(name, description, ours, theirs, diff, warnings, lines)| {
                            let usd = |r: Range| format::band(r, format::usd);
                            let diff_text = if diff.high <= 0.0 {
                                format!("{} less", usd(Range::new(-diff.high, -diff.low)))
                            } else if diff.low >= 0.0 {
                                format!("{} more", usd(diff))
                            } else {
                                usd(diff)
                            };
                            let year = diff.scale(12.0);
                            let year_text = if year.high <= 0.0 {
                                format!("{} a year less", usd(Range::new(-year.high, -year.low)))
                            } else if year.low >= 0.0 {
                                format!("{} a year more", usd(year))
                            } else {
                                format!("{} a year", usd(year))
                            };
                            view! {
                                <div class="compare-result" data-testid="compare-result">
                                    <p class="description">{description}</p>
                                    <dl>
                                        <div><dt>"This scenario"</dt><dd data-testid="compare-ours">{format!("{} / month", usd(ours))}</dd></div>
                                        <div><dt>{name}</dt><dd data-testid="compare-theirs">{format!("{} / month", usd(theirs))}</dd></div>
                                        <div><dt>"Difference"</dt><dd data-testid="compare-difference">{format!("{diff_text} / month, {year_text}")}</dd></div>
                                        <div><dt>"Per year"</dt><dd data-testid="compare-years">{format!("{} vs {}", usd(ours.scale(12.0)), usd(theirs.scale(12.0)))}</dd></div>
                                    </dl>
                                    <table class="compare-lines" data-testid="compare-lines">
                                        <caption>"Its monthly cost by component"</caption>
                                        <tbody>
                                            {lines.into_iter().map(|(n, c)| view! { <tr><th scope="row">{n}</th><td>{c}</td></tr> }).collect_view()}
                                        </tbody>
                                    </table>
                                    <ul class="compare-notes" data-testid="compare-notes">
                                        {warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
                                    </ul>
                                </div>
                            }
                        })
                }}
            </div>
        </Show>
    }
}
