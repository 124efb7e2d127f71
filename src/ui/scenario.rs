//! Which scenario is on screen: the built-in presets, the guide each reproduces, where the
//! guide's own figures differ from the model, and a comparison with the guide's alternatives.

use leptos::html;
use leptos::prelude::*;

use super::{catalogue, expect_state};
use crate::model::limits::MAX_NAME_CHARS;
use crate::model::presets::{self, PRESETS};

/// The scenario picker, the scenario's description and its guide-audit notes.
#[component]
pub fn ScenarioPicker() -> impl IntoView {
    let state = expect_state();
    let load_error = RwSignal::new(None::<String>);
    let kept = use_context::<super::recovered::Kept>();
    let on_pick = move |ev| {
        let id = event_target_value(&ev);
        match PRESETS.iter().find(|p| p.id == id) {
            Some(p) => match presets::load(p.id, catalogue()) {
                Some(Ok(s)) => {
                    load_error.set(None);
                    let users = s.raw().users.now;
                    super::recovered::replace_work(
                        state,
                        kept,
                        s,
                        Some(p.id),
                        users,
                        format!("picked the built-in scenario “{}”", p.name),
                    );
                }
                Some(Err(e)) => load_error.set(Some(e.to_string())),
                None => {}
            },
            None => load_error.set(Some(format!("There is no built-in scenario “{id}”."))),
        }
    };
    let description = move || state.scenario.with(|s| s.raw().description.clone());
    let guide = move || {
        state
            .scenario
            .with(|s| s.raw().guide.as_deref().and_then(presets::guide_title))
    };
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
            <ScenarioName/>
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

/// Focuses the element with this id once it is on the page.
fn focus_id(id: &'static str) {
    request_animation_frame(move || {
        if let Some(el) = document()
            .get_element_by_id(id)
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = el.focus();
        }
    });
}

/// The scenario's name as a heading, with a button that turns it into a field: Enter or
/// leaving the field keeps the new name, Escape keeps the old one. The page's title follows
/// the name, so that a printed report is filed under it.
#[component]
fn ScenarioName() -> impl IntoView {
    let state = expect_state();
    let name = Memo::new(move |_| state.scenario.with(|s| s.raw().name.clone()));
    let editing = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let input: NodeRef<html::Input> = NodeRef::new();
    Effect::new(move |_| document().set_title(&format!("{} · Headroom", name.get())));
    let start = move |_| {
        error.set(None);
        if let Some(el) = input.get_untracked() {
            el.set_value(&name.get_untracked());
        }
        editing.set(true);
        request_animation_frame(move || {
            if let Some(el) = input.get_untracked() {
                let _ = el.focus();
                el.select();
            }
        });
    };
    // Keeps what is typed as the name; on a refusal the field stays open with the reason
    // unless the person has left it, and the old name stays.
    let commit = move |stay: bool| {
        if !editing.get_untracked() {
            return;
        }
        let typed = input
            .get_untracked()
            .map(|el| el.value())
            .unwrap_or_default();
        let old = name.get_untracked();
        let result = if typed.trim() == old {
            Ok(())
        } else {
            state.apply(|raw| raw.rename(&typed))
        };
        match result {
            Ok(()) => {
                error.set(None);
                editing.set(false);
                if stay {
                    focus_id("scenario-rename");
                }
            }
            Err(e) => {
                error.set(Some(format!("{e} It is still called “{old}”.")));
                if !stay {
                    editing.set(false);
                }
            }
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Enter" => {
            ev.prevent_default();
            commit(true);
        }
        "Escape" => {
            ev.prevent_default();
            error.set(None);
            editing.set(false);
            focus_id("scenario-rename");
        }
        _ => {}
    };
    view! {
        <div class="scenario-title">
            <h2 id="scenario-name" data-testid="scenario-name" hidden=move || editing.get()>{move || name.get()}</h2>
            <button type="button" class="link" id="scenario-rename" data-testid="scenario-rename" hidden=move || editing.get()
                aria-label=move || format!("Rename “{}”", name.get()) on:click=start>"Rename"</button>
            <div class="field" hidden=move || !editing.get()>
                <label for="scenario-name-input">"Scenario name"</label>
                <input node_ref=input id="scenario-name-input" data-testid="scenario-name-input" type="text"
                    maxlength=MAX_NAME_CHARS autocomplete="off"
                    aria-describedby="scenario-name-input-error scenario-name-keys"
                    aria-invalid=move || error.with(|e| e.is_some()).to_string()
                    on:keydown=on_key on:blur=move |_| commit(false)/>
                <p class="hint" id="scenario-name-keys">"Enter to keep it, Esc to cancel"</p>
            </div>
        </div>
        <p class="error" id="scenario-name-input-error" data-testid="scenario-name-input-error" role="alert">
            {move || error.get().unwrap_or_default()}
        </p>
    }
}
