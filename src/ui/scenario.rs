//! Which scenario is on screen: the built-in presets, the guide each reproduces, where the
//! guide's own figures differ from the model, and a comparison with the guide's alternatives.

use leptos::prelude::*;

use super::{catalogue, expect_state};
use crate::model::presets::{self, PRESETS};

/// The scenario picker, the scenario's description and its guide-audit notes.
#[component]
pub fn ScenarioPicker() -> impl IntoView {
    let state = expect_state();
    let load_error = RwSignal::new(None::<String>);
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
                    {super::preset_names()
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
                        view! { <p class="guide">"Reproduces the founder's guide “" <cite>{g}</cite> "”."</p> }
                    })
            }}
            <Show when=move || !audit().is_empty()>
                // Closed at first, so that the users slider is on the first screen; the
                // summary says how many notes it holds.
                <details class="audit" data-testid="audit-notes">
                    <summary>{move || {
                        let n = state.scenario.with(|s| s.raw().audit.len());
                        format!("Where Headroom's figures differ from the guide's ({n} note{})", if n == 1 { "" } else { "s" })
                    }}</summary>
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
            <Show when=super::first_frame_shown()>
                <super::compare::ComparePanel/>
            </Show>
        </section>
    }
}
