//! Nothing the founder had is lost: unreadable stored data is set aside under a key of its
//! own before its original goes, work that opening something else replaced is kept with a
//! one-click restore, and the Recovered data panel lists all of it to open, download or delete.

use leptos::prelude::*;

use super::persist::{self, read_raw, remove_raw, stored_keys, write_raw, Notices};
use super::{catalogue, expect_state, AppState};
use crate::model::format;
use crate::model::recovered::{self, AsideKey, Replaced};
use crate::model::saved::SavedBook;
use crate::model::storage::{self, SavedScenario, Working, ASIDE_PREFIX, REPLACED_KEY, SAVED_KEY};
use crate::model::Scenario;

/// What the page keeps so that nothing is lost, shared through context.
#[derive(Clone, Copy)]
pub struct Kept {
    /// Keys whose data could not be read nor copied aside: left where they are, and never
    /// written over.
    pub held: RwSignal<Vec<String>>,
    /// Work replaced by something opened, newest first.
    pub replaced: RwSignal<Vec<Replaced>>,
    /// The work the last opening replaced, offered back at the top of the page, with
    /// whether it could be stored.
    pub last_replaced: RwSignal<Option<(Replaced, bool)>>,
    /// Bumped when the set-aside copies may have changed, so that their list is read again.
    pub asides: RwSignal<u32>,
    /// The named scenarios, as the saved list shows them.
    pub saved: RwSignal<Vec<SavedScenario>>,
    /// The page's notices.
    pub notices: Notices,
}

impl Kept {
    /// Puts the page's keeping in context, reading the replaced work stored.
    pub fn provide(notices: Notices, keep: bool) -> Kept {
        let kept = Kept {
            held: RwSignal::new(Vec::new()),
            replaced: RwSignal::new(Vec::new()),
            last_replaced: RwSignal::new(None),
            asides: RwSignal::new(0),
            saved: RwSignal::new(Vec::new()),
            notices,
        };
        provide_context(kept);
        if keep {
            kept.reload_replaced();
        }
        kept
    }

    /// Reads the replaced work stored again.
    pub fn reload_replaced(&self) {
        self.replaced.set(self.stored_replaced());
    }

    /// The replaced work as stored now. An entry that no longer checks is copied aside
    /// first, and a list that cannot be read is set aside, so that writing the list back
    /// loses neither.
    fn stored_replaced(&self) -> Vec<Replaced> {
        if self.is_held(REPLACED_KEY) {
            return self.replaced.get_untracked();
        }
        let Some(text) = read_raw(REPLACED_KEY) else {
            return Vec::new();
        };
        match recovered::read_replaced(&text, catalogue()) {
            Ok((list, bad)) => {
                for item in bad {
                    if copy_aside(REPLACED_KEY, &item, *self).is_none() {
                        // No room for the copy: the list stays as it is stored.
                        self.hold(REPLACED_KEY);
                    }
                }
                list
            }
            Err(e) => {
                set_aside(REPLACED_KEY, &text, &unusable(&e), self.notices, *self);
                Vec::new()
            }
        }
    }

    /// True when the page must not write `key`: it holds data that could not be read and
    /// could not be copied aside.
    pub fn is_held(&self, key: &str) -> bool {
        self.held.with_untracked(|h| h.iter().any(|k| k == key))
    }

    /// Marks `key` as holding data that must not be written over.
    pub fn hold(&self, key: &str) {
        if !self.is_held(key) {
            self.held.update(|h| h.push(key.to_string()));
        }
    }

    /// Writes the replaced work; when the storage is full, the oldest pieces go first, and
    /// false when even the newest cannot be stored.
    fn store_replaced(&self, list: &mut Vec<Replaced>) -> bool {
        if self.is_held(REPLACED_KEY) {
            return false;
        }
        loop {
            if write_raw(REPLACED_KEY, &recovered::write_replaced(list)).is_ok() {
                return true;
            }
            if list.len() <= 1 {
                return false;
            }
            list.pop();
        }
    }

    /// Keeps work something opened replaced; `show` offers it back at the top of the page.
    fn keep(&self, entry: Replaced, show: bool) {
        let mut list = self.stored_replaced();
        recovered::keep_replaced(&mut list, entry.clone());
        let stored = self.store_replaced(&mut list);
        if !stored {
            list = self.replaced.get_untracked();
            recovered::keep_replaced(&mut list, entry.clone());
        }
        self.replaced.set(list);
        if show || !stored {
            self.last_replaced.set(Some((entry, stored)));
        }
    }

    fn forget(&self, entry: &Replaced) {
        let mut list = self.stored_replaced();
        list.retain(|r| r != entry);
        self.store_replaced(&mut list);
        self.replaced.update(|l| l.retain(|r| r != entry));
        if self
            .last_replaced
            .with_untracked(|l| l.as_ref().is_some_and(|(r, _)| r == entry))
        {
            self.last_replaced.set(None);
        }
    }
}

/// The page's keeping, put in context by the app.
pub fn expect_kept() -> Kept {
    expect_context::<Kept>()
}

/// Keeps stored text that cannot be used under a key of its own, and only then removes the
/// original; when the copy cannot be written the original stays where it is, is never
/// written over, and the page says so. `reason` follows what the data is: “could not be
/// read: it is damaged…”.
pub fn set_aside(
    key: &str,
    text: &str,
    reason: &str,
    notices: Notices,
    kept: Kept,
) -> Option<String> {
    let what = recovered::what_key_holds(key);
    let copied = copy_aside(key, text, kept);
    if let Some(aside) = copied {
        remove_raw(key);
        notices.push(
            format!("{what} {reason}. Nothing is lost: it is kept under Recovered data, below the saved scenarios."),
            true,
        );
        Some(aside)
    } else {
        kept.hold(key);
        notices.push(
            format!("{what} {reason}. The browser's storage is too full to copy it aside, so it is left where it is and Headroom will not write over it. Until you delete it under Recovered data (download it there first), changes on screen are not saved in this browser."),
            true,
        );
        None
    }
}

/// Copies `text`, which came from `source`, under a key of its own, and reads it back: the
/// key, once the copy is there as it was.
pub fn copy_aside(source: &str, text: &str, kept: Kept) -> Option<String> {
    let aside = recovered::aside_key(source, js_sys::Date::now() as u64, |k| {
        read_raw(k).is_some()
    });
    let copied = write_raw(&aside, text).is_ok() && read_raw(&aside).as_deref() == Some(text);
    kept.asides.update(|n| *n += 1);
    if copied {
        Some(aside)
    } else {
        remove_raw(&aside);
        None
    }
}

/// Keeps the version of the working scenario another tab wrote, when the founder keeps this
/// tab's instead.
pub fn keep_other(kept: Kept, other: Working) {
    kept.keep(
        Replaced {
            work: other,
            by: "kept this tab's version over another tab's".into(),
            at_ms: js_sys::Date::now(),
        },
        false,
    );
}

/// The reason stored data is set aside, as [`set_aside`] takes it.
pub fn unusable(error: &storage::StoredError) -> String {
    format!("could not be read: {}", recovered::why_unusable(error))
}

/// Opens `next` in place of the work on screen. When that work would otherwise be lost (it is
/// neither a built-in scenario as it was nor saved under a name), it is kept first, and the
/// page offers it back. `by` ends the sentence “Before you …”: “opened the link”.
pub fn replace_work(
    state: AppState,
    kept: Option<Kept>,
    next: Scenario,
    preset: Option<&'static str>,
    users: f64,
    by: String,
) {
    if let Some(kept) = kept {
        let current = persist::working_now(state);
        let incoming = Working {
            scenario: next.raw().clone(),
            users,
            preset: preset.map(str::to_string),
        };
        let saved = kept.saved.get_untracked();
        if recovered::worth_keeping(&current, &saved, Some(&incoming)) {
            kept.keep(
                Replaced {
                    work: current,
                    by,
                    at_ms: js_sys::Date::now(),
                },
                true,
            );
        }
    }
    state.load(next, preset);
    state.jump_users(users);
}

/// Keeps stored work that a link opened at the start of the page replaces.
pub fn keep_before_link(stored: Working, link: &Working, kept: Kept) {
    let saved = kept.saved.get_untracked();
    if recovered::worth_keeping(&stored, &saved, Some(link)) {
        kept.keep(
            Replaced {
                work: stored,
                by: "opened a link".into(),
                at_ms: js_sys::Date::now(),
            },
            true,
        );
    }
}

/// Opens kept work again, keeping what is on screen in its turn.
fn restore(state: AppState, kept: Kept, entry: &Replaced) -> Result<(), String> {
    let scenario =
        Scenario::new(entry.work.scenario.clone(), catalogue()).map_err(|e| e.to_string())?;
    let preset = persist::preset_id(entry.work.preset.as_deref());
    replace_work(
        state,
        Some(kept),
        scenario,
        preset,
        entry.work.users,
        "restored earlier work".into(),
    );
    kept.forget(entry);
    Ok(())
}

fn describe(entry: &Replaced) -> String {
    format!(
        "Before you {}, you were working on “{}” at {} users.",
        entry.by,
        entry.work.scenario.name,
        format::count(entry.work.users)
    )
}

/// At the top of the page after an opening replaced work: what was kept, and one click to
/// bring it back.
#[component]
pub fn ReplacedBar() -> impl IntoView {
    let state = expect_state();
    let kept = expect_kept();
    let error = RwSignal::new(None::<String>);
    view! {
        {move || kept.last_replaced.get().map(|(entry, stored)| {
            let words = describe(&entry);
            let again = entry.clone();
            let file = entry.clone();
            view! {
                <p class="notice replaced" class:problem=!stored data-testid="replaced-bar" role="status">
                    <span>{words}
                        {if stored {
                            " It is kept under Recovered data. ".into_any()
                        } else {
                            view! {
                                " The browser's storage is too full to keep it, so it stays only until this page closes: "
                                <button type="button" class="link" data-testid="download-replaced"
                                    on:click=move |_| if let Err(e) = super::files::download_text(&storage::write_working(&file.work), &format!("{}-before.json", crate::model::export::file_stem(&file.work.scenario.name)), "application/json") { error.set(Some(format!("Could not download it: {e}."))) }>"Download it"</button>
                                " or "
                            }.into_any()
                        }}
                        <button type="button" class="link" data-testid="restore-replaced"
                            on:click=move |_| if let Err(e) = restore(state, kept, &again) { error.set(Some(e)) }>"Restore it"</button>
                        <span class="error" role="alert">{move || error.get().unwrap_or_default()}</span>
                    </span>
                    <button type="button" class="icon" aria-label="Dismiss this message"
                        on:click=move |_| kept.last_replaced.set(None)>"×"</button>
                </p>
            }
        })}
    }
}

/// One thing the Recovered data panel lists.
#[derive(Clone, Debug, PartialEq)]
enum Item {
    /// A copy set aside under its own key.
    Aside { key: String, text: String },
    /// Unreadable data left under its own key, for want of room.
    Held { key: String, text: String },
    /// An entry of the saved list that could not be read, kept in the list.
    Entry { index: usize, text: String },
    /// Work an opening replaced.
    Work(Box<Replaced>),
}

fn when(ms: f64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    String::from(d.to_locale_string("en-GB", &wasm_bindgen::JsValue::UNDEFINED))
}

impl Item {
    fn title(&self) -> String {
        match self {
            Item::Aside { key, .. } => {
                let k = AsideKey::parse(key).unwrap_or(AsideKey {
                    source: key.clone(),
                    stamp_ms: None,
                });
                match k.stamp_ms {
                    Some(ms) => format!("{}, set aside {}", k.what(), when(ms as f64)),
                    None => k.what().to_string(),
                }
            }
            Item::Held { key, .. } => format!(
                "{}, left in place for want of room",
                recovered::what_key_holds(key)
            ),
            Item::Entry { .. } => "A saved scenario that could not be read".to_string(),
            Item::Work(r) => format!(
                "“{}” at {} users, before you {} ({})",
                r.work.scenario.name,
                format::count(r.work.users),
                r.by,
                when(r.at_ms)
            ),
        }
    }

    fn text(&self) -> String {
        match self {
            Item::Aside { text, .. } | Item::Held { text, .. } | Item::Entry { text, .. } => {
                text.clone()
            }
            Item::Work(r) => storage::write_working(&r.work),
        }
    }

    fn why(&self) -> Option<String> {
        match self {
            Item::Work(_) => None,
            _ => recovered::open(&self.text(), catalogue()).err().map(|e| {
                // The reasons start with an ASCII letter; Unicode's case tables would add
                // to the download for this one letter.
                let mut why = recovered::why_unusable(&e);
                if let Some(first) = why.get_mut(0..1) {
                    first.make_ascii_uppercase();
                }
                why
            }),
        }
    }

    fn file_name(&self, n: usize) -> String {
        match self {
            Item::Work(r) => format!(
                "{}-before.json",
                crate::model::export::file_stem(&r.work.scenario.name)
            ),
            _ => format!("headroom-recovered-{}.json", n + 1),
        }
    }
}

fn list_items(kept: Kept, book: Option<SavedBook>) -> Vec<Item> {
    let mut items: Vec<Item> = kept
        .replaced
        .get()
        .into_iter()
        .map(|r| Item::Work(Box::new(r)))
        .collect();
    kept.asides.track();
    let mut keys: Vec<String> = stored_keys()
        .into_iter()
        .filter(|k| k.starts_with(ASIDE_PREFIX))
        .collect();
    keys.sort_unstable_by(|a, b| b.cmp(a));
    items.extend(
        keys.into_iter()
            .filter_map(|key| read_raw(&key).map(|text| Item::Aside { key, text })),
    );
    items.extend(
        kept.held
            .get()
            .into_iter()
            .filter_map(|key| read_raw(&key).map(|text| Item::Held { key, text })),
    );
    if let Some(book) = book {
        items.extend(
            book.kept
                .into_iter()
                .enumerate()
                .map(|(index, text)| Item::Entry { index, text }),
        );
    }
    items
}

/// Deletes an item; hands back what undoing needs.
fn delete(kept: Kept, item: &Item) -> Result<(), String> {
    match item {
        Item::Aside { key, .. } => {
            remove_raw(key);
        }
        Item::Held { key, .. } => {
            remove_raw(key);
            kept.held.update(|h| h.retain(|k| k != key));
        }
        Item::Entry { index, .. } => {
            let text = read_raw(SAVED_KEY).ok_or("the saved list is gone")?;
            let mut book = SavedBook::read(&text, catalogue()).map_err(|e| e.to_string())?;
            book.drop_kept(*index);
            write_raw(SAVED_KEY, &book.write())?;
        }
        Item::Work(r) => kept.forget(r),
    }
    kept.asides.update(|n| *n += 1);
    Ok(())
}

/// Puts a deleted item back.
fn undelete(kept: Kept, item: &Item) -> Result<(), String> {
    match item {
        Item::Aside { key, text } | Item::Held { key, text } => {
            let key = if read_raw(key).is_some() {
                recovered::aside_key(key, js_sys::Date::now() as u64, |k| read_raw(k).is_some())
            } else {
                key.clone()
            };
            write_raw(&key, text)?;
            // Back under its own key, it is held there again; under a new one, it is a copy.
            if matches!(item, Item::Held { key: own, .. } if *own == key) {
                kept.hold(&key);
            }
        }
        Item::Entry { text, .. } => {
            let stored = read_raw(SAVED_KEY).unwrap_or_else(|| SavedBook::default().write());
            let mut book = SavedBook::read(&stored, catalogue()).map_err(|e| e.to_string())?;
            book.kept.push(text.clone());
            write_raw(SAVED_KEY, &book.write())?;
        }
        Item::Work(r) => kept.keep((**r).clone(), false),
    }
    kept.asides.update(|n| *n += 1);
    Ok(())
}

/// Everything kept so that nothing is lost, to open, download or delete. Shown only when
/// there is something.
#[component]
pub fn RecoveredPanel() -> impl IntoView {
    let state = expect_state();
    let kept = expect_kept();
    let saved = kept.saved;
    let error = RwSignal::new(None::<String>);
    let undo = RwSignal::new(None::<Item>);
    let items = Memo::new(move |_| {
        saved.track();
        let book = read_raw(SAVED_KEY).and_then(|t| SavedBook::read(&t, catalogue()).ok());
        list_items(kept, book)
    });
    let open = move |item: Item| {
        error.set(None);
        let result = match &item {
            Item::Work(r) => restore(state, kept, r),
            _ => recovered::open(&item.text(), catalogue())
                .map_err(|e| format!("This cannot be opened: {}.", recovered::why_unusable(&e)))
                .map(|(w, s)| {
                    replace_work(
                        state,
                        Some(kept),
                        s,
                        None,
                        w.users,
                        "opened recovered data".into(),
                    )
                }),
        };
        if let Err(e) = result {
            error.set(Some(e));
        }
    };
    let download = move |(item, n): (Item, usize)| {
        if let Err(e) =
            super::files::download_text(&item.text(), &item.file_name(n), "application/json")
        {
            error.set(Some(format!("Could not download it: {e}.")));
        }
    };
    let remove = move |item: Item| match delete(kept, &item) {
        Ok(()) => {
            error.set(None);
            undo.set(Some(item));
        }
        Err(e) => error.set(Some(format!("Could not delete it: {e}."))),
    };
    let undo_delete = move |_| {
        if let Some(item) = undo.get_untracked() {
            match undelete(kept, &item) {
                Ok(()) => undo.set(None),
                Err(e) => error.set(Some(format!("Could not put it back: {e}."))),
            }
        }
    };
    view! {
        <Show when=move || !items.with(Vec::is_empty) || undo.get().is_some()>
            <section class="panel recovered" aria-labelledby="recovered-title" data-testid="recovered">
                <h2 id="recovered-title">"Recovered data"</h2>
                <p class="hint">"What Headroom kept so that nothing is lost: work replaced when you opened something else, and stored data it could not read. It stays until you delete it."</p>
                <p class="error" data-testid="recovered-error" role="alert">{move || error.get().unwrap_or_default()}</p>
                <Show when=move || undo.get().is_some()>
                    <p class="undo" data-testid="recovered-undo-bar">
                        "Deleted. "
                        <button type="button" class="link" data-testid="recovered-undo" on:click=undo_delete>"Undo"</button>
                    </p>
                </Show>
                <ul class="saved-list" data-testid="recovered-list">
                    {move || items.get().into_iter().enumerate().map(|(n, item)| {
                        let title = item.title();
                        let why = item.why();
                        let openable = why.is_none();
                        let (a, b, c) = (item.clone(), item.clone(), item);
                        view! {
                            <li data-testid=format!("recovered-item-{n}")>
                                <span class="saved-name" data-testid=format!("recovered-title-{n}")>{title}
                                    {why.map(|w| view! { <span class="hint">{w}</span> })}
                                </span>
                                <span class="saved-actions">
                                    <Show when=move || openable>
                                        {let a = a.clone(); view! { <button type="button" data-testid=format!("recovered-open-{n}") on:click=move |_| open(a.clone())>"Open"</button> }}
                                    </Show>
                                    <button type="button" data-testid=format!("recovered-download-{n}") on:click=move |_| download((b.clone(), n))>"Download"</button>
                                    <button type="button" data-testid=format!("recovered-delete-{n}") on:click=move |_| remove(c.clone())>"Delete"</button>
                                </span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}
