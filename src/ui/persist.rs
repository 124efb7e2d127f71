//! Keeping scenarios: the link in the address bar, the working scenario saved in the
//! browser as it changes, and named scenarios. Nothing the founder saved is dropped: data
//! that cannot be read is kept aside under its own key and the page says so.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

use super::recovered::{self, Kept};
use super::{catalogue, AppState};
use crate::model::saved::SavedBook;
use crate::model::share;
use crate::model::storage::{self, SavedScenario, Working, REPLACED_KEY, SAVED_KEY, WORKING_KEY};
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

/// The text stored under `key`, if any.
pub(crate) fn read_raw(key: &str) -> Option<String> {
    if !storage_available() {
        return None;
    }
    LocalStorage::raw().get_item(key).ok().flatten()
}

/// Stores `text` under `key`, or says in words why the browser would not.
pub(crate) fn write_raw(key: &str, text: &str) -> Result<(), String> {
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

/// Removes what is stored under `key`.
pub(crate) fn remove_raw(key: &str) {
    if storage_available() {
        let _ = LocalStorage::raw().remove_item(key);
    }
}

/// Every key in this page's storage.
pub(crate) fn stored_keys() -> Vec<String> {
    if !storage_available() {
        return Vec::new();
    }
    let store = LocalStorage::raw();
    let n = store.length().unwrap_or(0);
    (0..n).filter_map(|i| store.key(i).ok().flatten()).collect()
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

/// A version of the working scenario another tab wrote while this one was open, offered
/// beside this tab's own until the founder picks one. Until then this tab does not write
/// the working scenario, so that neither version is lost.
#[derive(Clone, Copy)]
pub struct OtherTab(pub RwSignal<Option<(Working, Scenario)>>);

pub(crate) fn preset_id(id: Option<&str>) -> Option<&'static str> {
    id.and_then(|id| crate::model::presets::PRESETS.iter().find(|p| p.id == id))
        .map(|p| p.id)
}

/// The working scenario as it stands on screen.
pub(crate) fn working_now(state: AppState) -> Working {
    Working {
        scenario: state.scenario.get_untracked().raw().clone(),
        users: state.users.get_untracked(),
        preset: state.preset.get_untracked().map(str::to_string),
    }
}

/// Opens the scenario the page starts on: the link if it holds one, else the working
/// scenario saved in this browser, else the default. Then, when `keep` is true, keeps the
/// link and the saved working scenario up to date as the scenario changes, and follows
/// what other tabs store (an embedded view keeps nothing, so that it never overwrites the
/// founder's own work).
pub fn start(state: AppState, notices: Notices, kept: Kept, keep: bool) {
    let fragment = current_fragment();
    let mut opened = false;
    let stored = if keep { read_raw(WORKING_KEY) } else { None };
    let crashed = keep && stored.is_some() && crashed_last_time();
    if !fragment.is_empty() {
        match share::decode(&fragment, catalogue()) {
            Ok(o) => {
                note_if_older(&o.scenario, notices);
                if let Some(Ok((before, _))) = stored
                    .as_deref()
                    .filter(|_| !crashed)
                    .map(|t| storage::read_working(t, catalogue()))
                {
                    let link = Working {
                        scenario: o.scenario.raw().clone(),
                        users: o.users,
                        preset: o.preset.map(str::to_string),
                    };
                    recovered::keep_before_link(before, &link, kept);
                }
                state.load(o.scenario, o.preset);
                state.jump_users(o.users);
                opened = true;
            }
            Err(e) => {
                notices.push(format!("{e} Showing your last scenario instead."), true);
            }
        }
    }
    if let Some(text) = stored {
        if crashed {
            recovered::set_aside(
                WORKING_KEY,
                &text,
                "was set aside because Headroom stopped on an error while it was open; open it under Recovered data to go on with it",
                notices,
                kept,
            );
        } else {
            match storage::read_working(&text, catalogue()) {
                Ok((w, s)) if !opened => {
                    note_if_older(&s, notices);
                    state.load(s, preset_id(w.preset.as_deref()));
                    state.jump_users(w.users);
                }
                Ok(_) => {}
                Err(e) => {
                    recovered::set_aside(
                        WORKING_KEY,
                        &text,
                        &recovered::unusable(&e),
                        notices,
                        kept,
                    );
                }
            }
        }
    }
    if !keep {
        return;
    }
    let other = OtherTab(RwSignal::new(None));
    provide_context(other);
    let keeper = WorkingKeeper {
        state,
        notices,
        kept,
        other,
        synced: StoredValue::new(read_raw(WORKING_KEY)),
        failed: StoredValue::new(false),
    };
    provide_context(keeper);
    follow_other_tabs(keeper);
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
        keeper.save();
    });
    provide_context(SettledLink {
        fragment: fragment.read_only(),
        updating,
    });
}

/// Writes the working scenario to the browser's storage and follows what other tabs write
/// there.
#[derive(Clone, Copy)]
pub(crate) struct WorkingKeeper {
    state: AppState,
    notices: Notices,
    kept: Kept,
    other: OtherTab,
    /// The working scenario as this tab last wrote or read it.
    synced: StoredValue<Option<String>>,
    /// True while saving fails, so that the page says so once.
    failed: StoredValue<bool>,
}

impl WorkingKeeper {
    fn now(&self) -> String {
        storage::write_working(&working_now(self.state))
    }

    /// True when what is on screen is what this tab last wrote or read.
    fn in_step(&self) -> bool {
        self.synced
            .with_value(|s| s.as_deref() == Some(self.now().as_str()))
    }

    /// Saves the working scenario, unless another tab's version waits for the founder's
    /// choice or the key holds data that must not be written over.
    pub(crate) fn save(&self) {
        if self.other.0.with_untracked(Option::is_some) || self.kept.is_held(WORKING_KEY) {
            return;
        }
        let text = self.now();
        if self
            .synced
            .with_value(|s| s.as_deref() == Some(text.as_str()))
        {
            return;
        }
        match write_raw(WORKING_KEY, &text) {
            Ok(()) => {
                self.synced.set_value(Some(text));
                self.failed.set_value(false);
            }
            Err(why) => {
                if !self.failed.get_value() {
                    self.notices.push(
                        format!("Your work could not be saved in this browser: {why}. It stays on screen; export it as a file or copy the link to keep it."),
                        true,
                    );
                }
                self.failed.set_value(true);
            }
        }
    }

    /// Another tab wrote the working scenario: a tab with nothing of its own unsaved
    /// follows it; one with changes of its own is offered both versions.
    fn other_wrote(&self, text: String) {
        if text == self.now() {
            self.other.0.set(None);
            self.synced.set_value(Some(text));
            return;
        }
        match storage::read_working(&text, catalogue()) {
            Ok((w, s)) if self.in_step() && self.other.0.with_untracked(Option::is_none) => {
                self.state.load(s, preset_id(w.preset.as_deref()));
                self.state.jump_users(w.users);
                self.synced.set_value(Some(text));
            }
            Ok(found) => self.other.0.set(Some(found)),
            Err(e) => {
                // A newer Headroom open in another tab: what it wrote is kept before this tab
                // writes again.
                if recovered::copy_aside(WORKING_KEY, &text, self.kept).is_some() {
                    self.notices.push(
                        format!("Another tab wrote a scenario this version of Headroom cannot open ({}). Nothing is lost: it is kept under Recovered data.", crate::model::recovered::why_unusable(&e)),
                        true,
                    );
                } else {
                    self.kept.hold(WORKING_KEY);
                }
            }
        }
    }
}

/// Follows what other tabs of this page store: the saved list and the replaced work are read
/// again, set-aside copies listed again, and the working scenario followed (see
/// [`WorkingKeeper`]). While another tab's version waits, leaving the page asks first.
fn follow_other_tabs(keeper: WorkingKeeper) {
    let kept = keeper.kept;
    let handle = window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
        let key = ev.key();
        let is = |k: &str| key.as_deref().is_none_or(|key| key == k);
        if is(SAVED_KEY) {
            kept.saved.set(read_saved_list());
        }
        if is(REPLACED_KEY) {
            kept.reload_replaced();
        }
        if key
            .as_deref()
            .is_none_or(|k| k.starts_with(storage::ASIDE_PREFIX))
        {
            kept.asides.update(|n| *n += 1);
        }
        if is(WORKING_KEY) {
            if let Some(text) = ev.new_value() {
                keeper.other_wrote(text);
            }
        }
    });
    let leaving = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if keeper.other.0.with_untracked(Option::is_some) && !keeper.in_step() {
            ev.prevent_default();
        }
    });
    on_cleanup(move || {
        handle.remove();
        leaving.remove();
    });
}

/// Offers the working scenario another tab wrote beside this tab's own.
#[component]
pub fn OtherTabBar() -> impl IntoView {
    let state = super::expect_state();
    let (Some(other), Some(kept)) = (use_context::<OtherTab>(), use_context::<Kept>()) else {
        return ().into_any();
    };
    let take = move |_| {
        if let Some((w, s)) = other.0.get_untracked() {
            recovered::replace_work(
                state,
                Some(kept),
                s,
                preset_id(w.preset.as_deref()),
                w.users,
                "took the other tab's version".into(),
            );
        }
        other.0.set(None);
    };
    let keeper = use_context::<WorkingKeeper>();
    let keep_mine = move |_| {
        if let Some((w, _)) = other.0.get_untracked() {
            recovered::keep_other(kept, w);
        }
        other.0.set(None);
        if let Some(k) = keeper {
            k.synced.set_value(None);
            k.save();
        }
    };
    view! {
        {move || other.0.get().map(|(w, _)| view! {
            <p class="notice problem other-tab" data-testid="other-tab" role="alert">
                <span>
                    {format!("Another tab changed the scenario you are working on while this tab had changes of its own: it is now “{}” at {} users. This tab's changes are not saved until you choose. ", w.scenario.name, crate::model::format::count(w.users))}
                    <button type="button" data-testid="other-tab-take" on:click=take>"Open the other tab's version"</button>
                    " "
                    <button type="button" data-testid="other-tab-keep" on:click=keep_mine>"Keep this tab's version"</button>
                    " Either way, the version you do not take is kept under Recovered data, unless it is saved under a name or is a built-in scenario as it was."
                </span>
            </p>
        })}
    }
    .into_any()
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

/// The named scenarios as stored now; empty when the list cannot be read.
pub(crate) fn read_saved_list() -> Vec<SavedScenario> {
    read_raw(SAVED_KEY)
        .and_then(|t| SavedBook::read(&t, catalogue()).ok())
        .map(|b| b.entries)
        .unwrap_or_default()
}

/// The named scenarios in this browser. An entry that cannot be read is set aside under a
/// key of its own, or, when there is no room for the copy, kept in the list as it was.
pub fn load_saved(notices: Notices, kept: Kept) -> Vec<SavedScenario> {
    let Some(text) = read_raw(SAVED_KEY) else {
        return Vec::new();
    };
    match SavedBook::read(&text, catalogue()) {
        Ok(mut book) => {
            if book.kept.is_empty() {
                return book.entries;
            }
            let unread = book.kept.len();
            let all = book.kept.clone();
            let mut copies = Vec::new();
            book.kept
                .retain(|item| match recovered::copy_aside(SAVED_KEY, item, kept) {
                    Some(key) => {
                        copies.push(key);
                        false
                    }
                    None => true,
                });
            // The list is written without the entries copied aside; when it cannot be, the
            // copies go again, so that the next visit does not copy them a second time.
            if write_raw(SAVED_KEY, &book.write()).is_err() {
                copies.iter().for_each(|k| remove_raw(k));
                book.kept = all;
            }
            let what = if unread == 1 {
                "A saved scenario could not be read: it is damaged, or not one this version of Headroom can open.".to_string()
            } else {
                format!("{unread} saved scenarios could not be read: they are damaged, or not ones this version of Headroom can open.")
            };
            notices.push(
                if book.kept.is_empty() {
                    format!("{what} Nothing is lost: it is all kept under Recovered data, below the saved scenarios.")
                } else {
                    format!("{what} The browser's storage is too full to copy {} aside, so {} in the saved list as stored, unread, and {} listed under Recovered data.", if book.kept.len() == 1 { "one".to_string() } else { format!("{} of them", book.kept.len()) }, if book.kept.len() == 1 { "it stays" } else { "they stay" }, if book.kept.len() == 1 { "is" } else { "are" })
                },
                true,
            );
            book.entries
        }
        Err(e) => {
            recovered::set_aside(SAVED_KEY, &text, &recovered::unusable(&e), notices, kept);
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
