//! The founder's named scenarios: save under a name (asking before one is reused), open,
//! rename, duplicate and delete, with undo. Each edit is made to the list as it is stored
//! at that moment, so that another tab's saves are kept.

use leptos::prelude::*;

use super::persist::{read_raw, write_raw};
use super::recovered::{self, expect_kept};
use super::{catalogue, expect_state};
use crate::model::limits::MAX_NAME_CHARS;
use crate::model::saved::{Clash, SaveError, Saved, SavedBook};
use crate::model::storage::{SavedScenario, SAVED_KEY};
use crate::model::Scenario;

/// What Undo puts back.
#[derive(Clone, Debug, PartialEq)]
enum Undo {
    /// A scenario deleted from where it was.
    Deleted(usize, SavedScenario),
    /// A scenario a save under its name replaced.
    Replaced(SavedScenario),
}

/// Saving under a name, and opening, renaming, duplicating and deleting (with undo).
#[component]
pub fn SavedScenarios() -> impl IntoView {
    let state = expect_state();
    let kept = expect_kept();
    let saved = kept.saved;
    let notices = super::persist::expect_notices();
    // What the founder typed as the name to save under; until they type, the scenario's
    // own name, following it as it is renamed.
    let typed = RwSignal::new(None::<String>);
    let name = Signal::derive(move || {
        typed
            .get()
            .unwrap_or_else(|| state.scenario.with(|s| s.raw().name.clone()))
    });
    let error = RwSignal::new(None::<String>);
    // What the last save did, said under the Save button.
    let done = RwSignal::new(None::<String>);
    let undo = RwSignal::new(None::<Undo>);
    // A name that is taken, waiting for the founder to say replace or keep both.
    let asking = RwSignal::new(None::<String>);
    // Reads the list as stored now, makes one edit to it and stores it.
    let edit =
        move |change: &mut dyn FnMut(&mut SavedBook) -> Result<(), String>| -> Result<(), String> {
            if kept.is_held(SAVED_KEY) {
                return Err("the saved list in this browser could not be read and there is no room to copy it aside; download it under Recovered data and delete it there first".into());
            }
            let mut book = match read_raw(SAVED_KEY) {
                None => SavedBook::default(),
                Some(text) => match SavedBook::read(&text, catalogue()) {
                    Ok(book) => book,
                    Err(e) => {
                        if recovered::set_aside(
                            SAVED_KEY,
                            &text,
                            &recovered::unusable(&e),
                            notices,
                            kept,
                        )
                        .is_none()
                        {
                            return Err("the saved list in this browser could not be read".into());
                        }
                        SavedBook::default()
                    }
                },
            };
            change(&mut book)?;
            write_raw(SAVED_KEY, &book.write())?;
            saved.set(book.entries);
            Ok(())
        };
    let save_with = move |clash: Clash| {
        done.set(None);
        let n = name.get_untracked();
        let entry = SavedScenario {
            name: n,
            scenario: state.current_raw(),
            users: state.users.get_untracked(),
        };
        let mut outcome = None;
        let mut taken = None;
        let result = edit(&mut |book| match book.save(entry.clone(), clash) {
            Ok(o) => {
                outcome = Some(o);
                Ok(())
            }
            Err(SaveError::Taken(n)) => {
                taken = Some(n);
                Ok(())
            }
            Err(e) => Err(e.to_string()),
        });
        match (result, outcome, taken) {
            (Err(why), ..) => error.set(Some(if why.ends_with('.') {
                why
            } else {
                format!("Could not save: {why}. Export it as a file instead.")
            })),
            (Ok(()), _, Some(n)) => {
                error.set(None);
                asking.set(Some(n));
            }
            (Ok(()), Some(o), None) => {
                error.set(None);
                asking.set(None);
                typed.set(None);
                match o {
                    Saved::Added(n) => done.set(Some(format!("Saved “{n}” in this browser."))),
                    Saved::Replaced(old) => {
                        done.set(Some(format!("Saved over “{}” in this browser.", old.name)));
                        undo.set(Some(Undo::Replaced(*old)));
                    }
                }
            }
            (Ok(()), None, None) => {}
        }
    };
    let open = move |n: String| {
        let Some(s) = saved.get_untracked().into_iter().find(|s| s.name == n) else {
            error.set(Some(SaveError::Missing(n).to_string()));
            return;
        };
        match Scenario::new(s.scenario, catalogue()) {
            Ok(sc) => recovered::replace_work(
                state,
                Some(kept),
                sc,
                None,
                s.users,
                format!("opened the saved scenario “{n}”"),
            ),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let duplicate = move |n: String| {
        if let Err(why) =
            edit(&mut |book| book.duplicate(&n).map(|_| ()).map_err(|e| e.to_string()))
        {
            error.set(Some(format!("Could not duplicate it: {why}")));
        }
    };
    let delete = move |n: String| {
        let mut removed = None;
        match edit(&mut |book| {
            removed = book.delete(&n);
            Ok(())
        }) {
            Ok(()) => undo.set(removed.map(|(i, s)| Undo::Deleted(i, s))),
            Err(why) => error.set(Some(format!("Could not delete it: {why}."))),
        }
    };
    let undo_last = move |_| {
        let Some(u) = undo.get_untracked() else {
            return;
        };
        let result = edit(&mut |book| {
            match u.clone() {
                Undo::Deleted(i, s) => book.put_back(Some(i), s),
                Undo::Replaced(old) => {
                    // The scenario saved over it keeps the name; the old one comes back beside it.
                    let at = book.position(&old.name);
                    book.put_back(at, old)
                }
            }
            .map(|_| ())
            .map_err(|e| e.to_string())
        });
        match result {
            Ok(()) => undo.set(None),
            // The list's own refusals are sentences already; storage's are not.
            Err(why) if why.ends_with('.') => error.set(Some(format!("Could not undo: {why}"))),
            Err(why) => error.set(Some(format!("Could not undo: {why}."))),
        }
    };
    let rename = move |(from, to): (String, String)| -> Result<(), String> {
        edit(&mut |book| book.rename(&from, &to).map_err(|e| e.to_string()))
    };
    let rows = move || saved.get().into_iter().enumerate().collect::<Vec<_>>();
    let row_key = |item: &(usize, SavedScenario)| (item.0, item.1.name.clone());
    view! {
        <section class="panel saved" aria-labelledby="saved-title">
            <h2 id="saved-title">"Saved scenarios"</h2>
            <div class="save-row">
                <div class="field">
                    <label for="save-name">"Save this scenario as"</label>
                    <input id="save-name" data-testid="save-name" type="text" maxlength=MAX_NAME_CHARS.to_string()
                        prop:value=move || name.get()
                        on:input=move |ev| { typed.set(Some(event_target_value(&ev))); asking.set(None); }
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { save_with(Clash::Ask) }
                    />
                </div>
                <button type="button" data-testid="save-button" on:click=move |_| save_with(Clash::Ask)>"Save"</button>
            </div>
            {move || asking.get().map(|n| view! {
                <p class="undo ask" data-testid="save-taken" role="alert">
                    {format!("There is already a scenario called “{n}”. ")}
                    <button type="button" data-testid="save-replace" on:click=move |_| save_with(Clash::Replace)>"Replace it"</button>
                    " "
                    <button type="button" data-testid="save-keep-both" on:click=move |_| save_with(Clash::KeepBoth)>"Keep both"</button>
                    " "
                    <button type="button" class="link" data-testid="save-cancel" on:click=move |_| asking.set(None)>"Cancel"</button>
                </p>
            })}
            <p class="copy-status" data-testid="save-status" role="status">{move || done.get().unwrap_or_default()}</p>
            <p class="error" data-testid="saved-error" role="alert">{move || error.get().unwrap_or_default()}</p>
            <Show when=move || undo.get().is_some()>
                <p class="undo" data-testid="undo-bar">
                    {move || undo.get().map(|u| match u {
                        Undo::Deleted(_, s) => format!("Deleted “{}”. ", s.name),
                        Undo::Replaced(s) => format!("Replaced the earlier “{}”. ", s.name),
                    })}
                    <button type="button" class="link" data-testid="undo-delete" on:click=undo_last>"Undo"</button>
                </p>
            </Show>
            <ul class="saved-list" data-testid="saved-list">
                <For each=rows key=row_key let:item>
                    <SavedRow index=item.0 name=item.1.name.clone() on_open=Callback::new(open) on_duplicate=Callback::new(duplicate)
                        on_delete=Callback::new(delete) on_rename=Callback::new(rename)/>
                </For>
            </ul>
        </section>
    }
}

#[component]
fn SavedRow(
    index: usize,
    name: String,
    on_open: Callback<String>,
    on_duplicate: Callback<String>,
    on_delete: Callback<String>,
    on_rename: Callback<(String, String), Result<(), String>>,
) -> impl IntoView {
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(name.clone());
    let error = RwSignal::new(None::<String>);
    let this = StoredValue::new(name.clone());
    let commit = move || match on_rename.run((this.get_value(), draft.get_untracked())) {
        Ok(()) => {
            editing.set(false);
            error.set(None);
        }
        Err(e) => error.set(Some(e)),
    };
    let shown = name.clone();
    view! {
        <li data-testid=format!("saved-item-{index}")>
            <Show
                when=move || editing.get()
                fallback=move || view! { <span class="saved-name" data-testid=format!("saved-name-{index}")>{shown.clone()}</span> }
            >
                <input type="text" aria-label="New name" data-testid=format!("saved-rename-input-{index}") maxlength=MAX_NAME_CHARS.to_string()
                    prop:value=move || draft.get()
                    on:input=move |ev| draft.set(event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { commit() }
                />
                <button type="button" data-testid=format!("saved-rename-ok-{index}") on:click=move |_| commit()>"OK"</button>
            </Show>
            <span class="saved-actions">
                <button type="button" data-testid=format!("saved-open-{index}") on:click=move |_| on_open.run(this.get_value())>"Open"</button>
                <button type="button" data-testid=format!("saved-rename-{index}") on:click=move |_| editing.set(true)>"Rename"</button>
                <button type="button" data-testid=format!("saved-duplicate-{index}") on:click=move |_| on_duplicate.run(this.get_value())>"Duplicate"</button>
                <button type="button" data-testid=format!("saved-delete-{index}") on:click=move |_| on_delete.run(this.get_value())>"Delete"</button>
            </span>
            <p class="error" role="alert">{move || error.get().unwrap_or_default()}</p>
        </li>
    }
}
