//! Keeping scenarios: the link in the address bar, the working scenario saved in the
//! browser as it changes, and named scenarios. Nothing the founder saved is dropped: data
//! that cannot be read is kept aside under its own key and the page says so.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

use super::{catalogue, expect_state, AppState};
use crate::model::share;
use crate::model::storage::{
    self, SavedScenario, Working, ASIDE_PREFIX, MAX_SAVED, SAVED_KEY, WORKING_KEY,
};
use crate::model::Scenario;

/// How long the page waits after the last change before saving and updating the link.
pub const SETTLE_MS: u64 = 250;

/// Says so when a scenario opened from a link, a file or storage was saved by an earlier
/// build: it opens as it was, with today's catalogue prices.
pub fn note_if_older(scenario: &Scenario, notices: Notices) {
    if scenario.raw().schema_version < crate::model::scenario::SCENARIO_SCHEMA_VERSION {
        notices.push(
            format!(
                "This scenario was saved by an earlier version of Headroom. It opens as it was, but catalogue prices are today's (reviewed {}), so a figure can differ from when it was saved; a price you overrode stays yours.",
                catalogue().as_of
            ),
            false,
        );
    }
}

/// A message at the top of the page: what happened and what to do.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// Increasing id, for dismissing.
    pub id: u64,
    /// The text.
    pub text: String,
    /// True for a problem, false for information.
    pub problem: bool,
}

/// The page's notices, shared through context.
#[derive(Clone, Copy)]
pub struct Notices(pub RwSignal<Vec<Notice>>);

impl Notices {
    /// Adds a notice; returns its id.
    pub fn push(&self, text: impl Into<String>, problem: bool) -> u64 {
        let mut id = 0;
        let text = text.into();
        self.0.update(|list| {
            id = list.iter().map(|n| n.id).max().unwrap_or(0) + 1;
            list.retain(|n| n.text != text);
            list.push(Notice { id, text, problem });
        });
        id
    }

    /// Removes a notice.
    pub fn dismiss(&self, id: u64) {
        self.0.update(|list| list.retain(|n| n.id != id));
    }
}

/// The notices put in context by the app.
pub fn expect_notices() -> Notices {
    expect_context::<Notices>()
}

/// The browser's local storage, if the browser lets the page use it.
pub fn storage_available() -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some()
}

fn read_raw(key: &str) -> Option<String> {
    if !storage_available() {
        return None;
    }
    LocalStorage::raw().get_item(key).ok().flatten()
}

fn write_raw(key: &str, text: &str) -> Result<(), String> {
    if !storage_available() {
        return Err(
            "this browser does not let the page store anything (private mode or a setting)".into(),
        );
    }
    LocalStorage::raw().set_item(key, text).map_err(|e| {
        let name = js_sys::Reflect::get(&e, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        if name == "QuotaExceededError" {
            "the browser's storage for this page is full".to_string()
        } else {
            "the browser refused to store it".to_string()
        }
    })
}

/// Keeps unreadable stored text under its own key, and says where.
fn keep_aside(key: &str, text: &str, why: &str, notices: Notices) {
    let aside = format!("{ASIDE_PREFIX}{key}/{}", js_sys::Date::now() as u64);
    let kept = write_raw(&aside, text).is_ok();
    let _ = LocalStorage::raw().remove_item(key);
    notices.push(
        if kept {
            format!("Your saved data could not be read ({why}). It has been kept aside in this browser's storage under “{aside}”, and Headroom started from the default scenario.")
        } else {
            format!("Your saved data could not be read ({why}), and there was no room to keep a copy aside; it is still under “{key}”.")
        },
        true,
    );
}

/// Set for the rest of the browser session when the app stops on an internal error, so that
/// the next start does not reopen the scenario it stopped on.
const CRASH_KEY: &str = "headroom/crashed";

/// Shows an internal error on the page (as text) and remembers it for the next start.
/// Called from the panic hook: it must not panic itself.
pub fn report_crash(message: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(Some(session)) = window.session_storage() {
        let _ = session.set_item(CRASH_KEY, "1");
    }
    let Some(doc) = window.document() else { return };
    let Some(body) = doc.body() else { return };
    if let Ok(p) = doc.create_element("p") {
        p.set_class_name("notice problem crash");
        let _ = p.set_attribute("role", "alert");
        let _ = p.set_attribute("data-testid", "crash");
        let first_line = message.lines().next().unwrap_or("an internal error");
        p.set_text_content(Some(&format!(
            "Headroom stopped on an internal error ({first_line}). Your scenario is saved in this browser; reload the page to go on. Please tell us what you were doing."
        )));
        let _ = body.prepend_with_node_1(&p);
    }
}

/// True once, on the first start after the app stopped on an internal error.
fn crashed_last_time() -> bool {
    let Some(session) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) else {
        return false;
    };
    let crashed = session.get_item(CRASH_KEY).ok().flatten().is_some();
    let _ = session.remove_item(CRASH_KEY);
    crashed
}

/// The address bar's fragment, without `#`.
fn current_fragment() -> String {
    window()
        .location()
        .hash()
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_string()
}

/// Opens the scenario the page starts on: the link if it holds one, else the working
/// scenario saved in this browser, else the default. Then, when `keep` is true, keeps the
/// link and the saved working scenario up to date as the scenario changes (an embedded
/// view keeps nothing, so that it never overwrites the founder's own work).
pub fn start(state: AppState, notices: Notices, keep: bool) {
    let fragment = current_fragment();
    let mut opened = false;
    if !fragment.is_empty() {
        match share::decode(&fragment, catalogue()) {
            Ok(o) => {
                note_if_older(&o.scenario, notices);
                state.load(o.scenario, o.preset);
                state.users.set(o.users);
                opened = true;
            }
            Err(e) => {
                notices.push(format!("{e} Showing your last scenario instead."), true);
            }
        }
    }
    if !opened && keep {
        if let Some(text) = read_raw(WORKING_KEY) {
            if crashed_last_time() {
                keep_aside(
                    WORKING_KEY,
                    &text,
                    "Headroom stopped on an error while it was open",
                    notices,
                );
            } else {
                match storage::read_working(&text, catalogue()) {
                    Ok((w, s)) => {
                        let preset = w
                            .preset
                            .as_deref()
                            .and_then(|id| {
                                crate::model::presets::PRESETS.iter().find(|p| p.id == id)
                            })
                            .map(|p| p.id);
                        note_if_older(&s, notices);
                        state.load(s, preset);
                        state.users.set(w.users);
                    }
                    Err(e) => keep_aside(WORKING_KEY, &text, &e.to_string(), notices),
                }
            }
        }
    }
    if !keep {
        return;
    }
    let save_failed = RwSignal::new(false);
    let fragment = RwSignal::new(link_fragment(state));
    let updating = when_settled(state, move || {
        let link = link_fragment(state);
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("#{link}")),
            );
        }
        fragment.set(link);
        let working = Working {
            scenario: state.scenario.get_untracked().raw().clone(),
            users: state.users.get_untracked(),
            preset: state.preset.get_untracked().map(str::to_string),
        };
        match write_raw(WORKING_KEY, &storage::write_working(&working)) {
            Ok(()) => save_failed.set(false),
            Err(why) => {
                if !save_failed.get_untracked() {
                    notices.push(
                        format!("Your work could not be saved in this browser: {why}. It stays on screen; export it as a file or copy the link to keep it."),
                        true,
                    );
                }
                save_failed.set(true);
            }
        }
    });
    provide_context(SettledLink {
        fragment: fragment.read_only(),
        updating,
    });
}

/// The scenario's link as the address bar has it, put in context by [`start`]: written once
/// the scenario settles, with whether a change is waiting to be.
#[derive(Clone, Copy)]
pub(crate) struct SettledLink {
    /// The fragment of the link, without `#`.
    pub fragment: ReadSignal<String>,
    /// True from a change until the link follows it.
    pub updating: ReadSignal<bool>,
}

/// The scenario as it stands, as the fragment of a link: a preset and a user count, or the
/// whole scenario.
pub(crate) fn link_fragment(state: AppState) -> String {
    let users = state.users.get_untracked();
    match state.preset.get_untracked() {
        Some(id) => share::encode_preset(id, users),
        None => state
            .scenario
            .with_untracked(|s| share::encode(s.raw(), users, None, catalogue())),
    }
}

/// Runs `then` once the scenario, the users and the preset have stopped changing for
/// [`SETTLE_MS`], so that a drag writes nothing until it ends. The signal returned is true
/// from a change until `then` has run for it.
fn when_settled(state: AppState, then: impl Fn() + Clone + 'static) -> ReadSignal<bool> {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let waiting = RwSignal::new(false);
    Effect::new(move |_| {
        state.scenario.track();
        state.users.track();
        state.preset.track();
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        if !waiting.get_untracked() {
            waiting.set(true);
        }
        let then = then.clone();
        let handle = set_timeout_with_handle(
            move || {
                then();
                waiting.set(false);
            },
            std::time::Duration::from_millis(SETTLE_MS),
        )
        .ok();
        pending.set_value(handle);
    });
    waiting.read_only()
}

/// The founder's named scenarios, shared through context.
#[derive(Clone, Copy)]
pub struct SavedList(pub RwSignal<Vec<SavedScenario>>);

/// The named scenarios in this browser; entries that cannot be read are kept aside.
pub fn load_saved(notices: Notices) -> Vec<SavedScenario> {
    let Some(text) = read_raw(SAVED_KEY) else {
        return Vec::new();
    };
    match storage::read_saved(&text, catalogue()) {
        Ok((good, bad)) => {
            for item in bad {
                let aside = format!("{ASIDE_PREFIX}{SAVED_KEY}/{}", js_sys::Date::now() as u64);
                let _ = write_raw(&aside, &item);
                notices.push(
                    format!(
                        "A saved scenario could not be read and was kept aside under “{aside}”."
                    ),
                    true,
                );
            }
            good
        }
        Err(e) => {
            keep_aside(SAVED_KEY, &text, &e.to_string(), notices);
            Vec::new()
        }
    }
}

/// The notices at the top of the page.
#[component]
pub fn NoticeBar() -> impl IntoView {
    let notices = expect_notices();
    view! {
        <div class="notices" data-testid="notices" role="status" aria-live="polite">
            <For each=move || notices.0.get() key=|n| n.id let:n>
                <p class="notice" class:problem=n.problem>
                    <span data-testid="notice-text">{n.text.clone()}</span>
                    <button type="button" class="icon" aria-label="Dismiss this message"
                        on:click=move |_| notices.dismiss(n.id)>"×"</button>
                </p>
            </For>
        </div>
    }
}

/// Saving under a name, and opening, renaming, duplicating and deleting (with undo).
#[component]
pub fn SavedScenarios() -> impl IntoView {
    let state = expect_state();
    let saved = expect_context::<SavedList>().0;
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
    let undo = RwSignal::new(None::<(usize, SavedScenario)>);
    let persist = move |list: Vec<SavedScenario>| -> Result<(), String> {
        write_raw(SAVED_KEY, &storage::write_saved(&list))?;
        saved.set(list);
        Ok(())
    };
    let save_as = move |_| {
        let n = name.get_untracked().trim().to_string();
        done.set(None);
        if n.is_empty() {
            error.set(Some("Give the scenario a name, such as “Plan B”.".into()));
            return;
        }
        if n.chars().count() > 200 {
            error.set(Some("Names can be at most 200 characters.".into()));
            return;
        }
        let mut list = saved.get_untracked();
        // The copy goes by the name it is saved under, so that it opens under that name.
        let mut scenario = state.current_raw();
        let _ = scenario.rename(&n);
        let entry = SavedScenario {
            name: n.clone(),
            scenario,
            users: state.users.get_untracked(),
        };
        let full = list.len() >= MAX_SAVED;
        match list.iter_mut().find(|s| s.name == n) {
            Some(slot) => *slot = entry,
            None if full => {
                error.set(Some(format!(
                    "At most {MAX_SAVED} scenarios can be saved; delete one first."
                )));
                return;
            }
            None => list.push(entry),
        }
        match persist(list) {
            Ok(()) => {
                error.set(None);
                typed.set(None);
                done.set(Some(format!("Saved “{n}” in this browser.")));
            }
            Err(why) => error.set(Some(format!(
                "Could not save: {why}. Export it as a file instead."
            ))),
        }
    };
    let open = move |i: usize| {
        if let Some(s) = saved.get_untracked().get(i).cloned() {
            match Scenario::new(s.scenario, catalogue()) {
                Ok(sc) => {
                    state.load(sc, None);
                    state.users.set(s.users);
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    };
    let duplicate = move |i: usize| {
        let mut list = saved.get_untracked();
        if let Some(s) = list.get(i).cloned() {
            let mut n = 2;
            let base = s.name.clone();
            while list.iter().any(|x| x.name == format!("{base} ({n})")) {
                n += 1;
            }
            list.insert(
                i + 1,
                SavedScenario {
                    name: format!("{base} ({n})"),
                    ..s
                },
            );
            if let Err(why) = persist(list) {
                error.set(Some(format!("Could not save: {why}.")));
            }
        }
    };
    let delete = move |i: usize| {
        let mut list = saved.get_untracked();
        if i < list.len() {
            let removed = list.remove(i);
            match persist(list) {
                Ok(()) => undo.set(Some((i, removed))),
                Err(why) => error.set(Some(format!("Could not delete: {why}."))),
            }
        }
    };
    let undo_delete = move |_| {
        if let Some((i, s)) = undo.get_untracked() {
            let mut list = saved.get_untracked();
            list.insert(i.min(list.len()), s);
            if persist(list).is_ok() {
                undo.set(None);
            }
        }
    };
    let rename = move |i: usize, new_name: String| -> Result<(), String> {
        let new_name = new_name.trim().to_string();
        if new_name.is_empty() {
            return Err("A name cannot be empty.".into());
        }
        let mut list = saved.get_untracked();
        if list
            .iter()
            .enumerate()
            .any(|(j, s)| j != i && s.name == new_name)
        {
            return Err(format!("There is already a scenario called “{new_name}”."));
        }
        if let Some(s) = list.get_mut(i) {
            let _ = s.scenario.rename(&new_name);
            s.name = new_name;
        }
        persist(list)
    };
    let rows = move || saved.get().into_iter().enumerate().collect::<Vec<_>>();
    let row_key = |item: &(usize, SavedScenario)| (item.0, item.1.name.clone());
    view! {
        <section class="panel saved" aria-labelledby="saved-title">
            <h2 id="saved-title">"Saved scenarios"</h2>
            <div class="save-row">
                <div class="field">
                    <label for="save-name">"Save this scenario as"</label>
                    <input id="save-name" data-testid="save-name" type="text" maxlength="200"
                        prop:value=move || name.get()
                        on:input=move |ev| typed.set(Some(event_target_value(&ev)))
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { save_as(()) }
                    />
                </div>
                <button type="button" data-testid="save-button" on:click=move |_| save_as(())>"Save"</button>
            </div>
            <p class="copy-status" data-testid="save-status" role="status">{move || done.get().unwrap_or_default()}</p>
            <p class="error" data-testid="saved-error" role="alert">{move || error.get().unwrap_or_default()}</p>
            <Show when=move || undo.get().is_some()>
                <p class="undo" data-testid="undo-bar">
                    {move || undo.get().map(|(_, s)| format!("Deleted “{}”. ", s.name))}
                    <button type="button" class="link" data-testid="undo-delete" on:click=undo_delete>"Undo"</button>
                </p>
            </Show>
            <ul class="saved-list" data-testid="saved-list">
                <For each=rows key=row_key let:item>
                    <SavedRow index=item.0 name=item.1.name.clone() on_open=Callback::new(open) on_duplicate=Callback::new(duplicate)
                        on_delete=Callback::new(delete) on_rename=Callback::new(move |(i, n)| rename(i, n))/>
                </For>
            </ul>
        </section>
    }
}

#[component]
fn SavedRow(
    index: usize,
    name: String,
    on_open: Callback<usize>,
    on_duplicate: Callback<usize>,
    on_delete: Callback<usize>,
    on_rename: Callback<(usize, String), Result<(), String>>,
) -> impl IntoView {
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(name.clone());
    let error = RwSignal::new(None::<String>);
    let commit = move || match on_rename.run((index, draft.get_untracked())) {
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
                <input type="text" aria-label="New name" data-testid=format!("saved-rename-input-{index}") maxlength="200"
                    prop:value=move || draft.get()
                    on:input=move |ev| draft.set(event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { commit() }
                />
                <button type="button" data-testid=format!("saved-rename-ok-{index}") on:click=move |_| commit()>"OK"</button>
            </Show>
            <span class="saved-actions">
                <button type="button" data-testid=format!("saved-open-{index}") on:click=move |_| on_open.run(index)>"Open"</button>
                <button type="button" data-testid=format!("saved-rename-{index}") on:click=move |_| editing.set(true)>"Rename"</button>
                <button type="button" data-testid=format!("saved-duplicate-{index}") on:click=move |_| on_duplicate.run(index)>"Duplicate"</button>
                <button type="button" data-testid=format!("saved-delete-{index}") on:click=move |_| on_delete.run(index)>"Delete"</button>
            </span>
            <p class="error" role="alert">{move || error.get().unwrap_or_default()}</p>
        </li>
    }
}
