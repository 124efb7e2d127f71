//! The page a founder uses: Leptos components over the model. Every figure is a memo of
//! the scenario and the user count; effects only talk to the outside world.

mod add;
mod answers;
mod canvas;
mod capacity;
mod charts;
mod compare;
mod decide;
mod embed;
mod fields;
mod files;
mod own;
pub mod persist;
mod recovered;
mod report;
mod reprice;
mod revenue;
mod saved;
mod scenario;
mod stack;
mod users;

use leptos::prelude::*;

use crate::model::break_even::{self, UserRange};
use crate::model::presets::{self, DEFAULT_PRESET};
use crate::model::Timeline;
use crate::model::{Catalogue, Model, PerCase, RawScenario, Scenario, ScenarioError, Snapshot};

pub use answers::{Answers, KpiCard};
pub use capacity::CapacityTable;
pub use charts::{ChartData, Charts};
pub use embed::{embed_parts, EmbedView};
pub use files::FilesPanel;
pub use persist::{NoticeBar, Notices};
pub use recovered::RecoveredPanel;
pub use revenue::RevenueEditor;
pub use saved::SavedScenarios;
pub use scenario::ScenarioPicker;
pub use stack::StackEditor;
pub use users::{GrowthEditor, UserInput, UserSlider};

/// The catalogue shipped with the app, read once.
pub fn catalogue() -> &'static Catalogue {
    Catalogue::shared()
}

/// Today's date on this computer, read once per page load: what a price's check date is
/// measured against.
pub fn today() -> crate::model::date::Date {
    thread_local! {
        static TODAY: crate::model::date::Date = {
            let now = js_sys::Date::new_0();
            crate::model::date::Date::new(
                now.get_full_year(),
                now.get_month() + 1,
                now.get_date(),
            )
            .unwrap_or(crate::model::date::Date { year: 2100, month: 12, day: 31 })
        };
    }
    TODAY.with(|d| *d)
}

/// The built-in scenarios' ids and names.
pub fn preset_names() -> impl Iterator<Item = (&'static str, &'static str)> {
    presets::PRESETS.iter().map(|p| (p.id, p.name))
}

/// The app's state, shared through context: the last good scenario and the user count.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The last scenario that passed its checks; every answer is computed from it.
    pub scenario: RwSignal<Scenario>,
    /// Users now: month 0 of the timeline and the point every answer is shown at.
    pub users: RwSignal<f64>,
    /// The built-in scenario the page was loaded from, if it has not been edited since.
    pub preset: RwSignal<Option<&'static str>>,
    /// The scenario compiled against the catalogue.
    pub model: Memo<Model>,
    /// Every answer at the current user count.
    pub snapshot: Memo<Snapshot>,
    /// Month by month from the current user count.
    pub timeline: Memo<Timeline>,
    /// Every answer at the user count once a drag of the users has settled, 250 ms after
    /// its last step: what the stack editor's per-component figures read, so that a drag
    /// rewrites the answers and the charts and not every line of every card.
    pub settled_snapshot: Memo<Snapshot>,
    /// The ranges of users at which revenue covers infrastructure cost, in each case: what
    /// the break-even answer, the break-even month and the revenue chart's marks read.
    pub break_even: Memo<PerCase<Vec<UserRange>>>,
    /// The user count once a drag of the users has settled, 250 ms after its last step:
    /// what `settled_snapshot` is taken at, and what the tornado, goal seek and the plan
    /// follow.
    pub settled_users: Memo<f64>,
    /// Where the users settle to: set when a drag settles, and at once by a jump.
    settle: RwSignal<f64>,
}

impl AppState {
    /// State for a scenario, at the scenario's own user count.
    pub fn new(scenario: Scenario) -> AppState {
        let users = RwSignal::new(scenario.raw().users.now);
        let scenario = RwSignal::new(scenario);
        let model = Memo::new(move |_| scenario.with(|s| Model::new(s, catalogue())));
        let snapshot = Memo::new(move |_| {
            let u = users.get();
            model.with(|m| m.snapshot(u))
        });
        let settle = RwSignal::new(users.get_untracked());
        let settled_users = Memo::new(move |_| settle.get());
        let pending = StoredValue::new(None::<TimeoutHandle>);
        Effect::new(move |_| {
            let u = users.get();
            if let Some(h) = pending.get_value() {
                h.clear();
            }
            let handle = set_timeout_with_handle(
                move || settle.set(u),
                std::time::Duration::from_millis(persist::SETTLE_MS),
            )
            .ok();
            pending.set_value(handle);
        });
        // Once the users have settled the two snapshots are one: it is taken from the live
        // one, not computed again.
        let settled_snapshot = Memo::new(move |_| {
            let u = settled_users.get();
            if u == users.get_untracked() {
                snapshot.get()
            } else {
                model.with(|m| m.snapshot(u))
            }
        });
        let break_even = Memo::new(move |_| model.with(break_even::break_even));
        let timeline = Memo::new(move |_| {
            let u = users.get();
            break_even.with(|r| model.with(|m| Timeline::starting_at_with(m, u, r)))
        });
        AppState {
            scenario,
            users,
            preset: RwSignal::new(None),
            model,
            snapshot,
            settled_snapshot,
            timeline,
            break_even,
            settled_users,
            settle,
        }
    }

    /// Puts this state in context for every component below.
    pub fn provide(self) -> AppState {
        provide_context(self);
        self
    }

    /// Applies an edit to a copy of the scenario and keeps it only if it passes its checks.
    ///
    /// # Errors
    /// The check that failed; the scenario on screen is unchanged.
    pub fn edit(&self, f: impl FnOnce(&mut RawScenario)) -> Result<(), ScenarioError> {
        let mut raw = self.scenario.with_untracked(|s| s.raw().clone());
        f(&mut raw);
        let checked = self
            .scenario
            .with_untracked(|s| s.edit_of(raw, catalogue()))?;
        self.scenario.set(checked);
        self.preset.set(None);
        Ok(())
    }

    /// Applies one of the model's edits to a copy of the scenario and keeps the result only
    /// if the edit succeeds and the scenario passes its checks.
    ///
    /// # Errors
    /// What the edit or the check said; the scenario on screen is unchanged.
    pub fn apply<T>(
        &self,
        f: impl FnOnce(&mut RawScenario) -> Result<T, crate::model::edit::EditError>,
    ) -> Result<T, String> {
        let mut raw = self.scenario.with_untracked(|s| s.raw().clone());
        let out = f(&mut raw).map_err(|e| e.to_string())?;
        let checked = self
            .scenario
            .with_untracked(|s| s.edit_of(raw, catalogue()))
            .map_err(|e| e.to_string())?;
        self.scenario.set(checked);
        self.preset.set(None);
        Ok(out)
    }

    /// Replaces the scenario (a preset, an import) and moves the users to its own count.
    pub fn load(&self, scenario: Scenario, preset: Option<&'static str>) {
        self.jump_users(scenario.raw().users.now);
        self.scenario.set(scenario);
        self.preset.set(preset);
    }

    /// Puts the users at `users` at once, as opening a scenario, a link or another tab's
    /// work does: unlike a drag's steps, it has nothing to settle, so what follows the
    /// settled users follows at once too.
    pub fn jump_users(&self, users: f64) {
        self.users.set(users);
        self.settle.set(users);
    }

    /// True while the users are moving: from a drag's first step until it settles.
    pub fn settling(&self) -> bool {
        self.users.get() != self.settled_users.get()
    }

    /// The scenario as it stands, with the current user count written into it.
    pub fn current_raw(&self) -> RawScenario {
        let mut raw = self.scenario.with_untracked(|s| s.raw().clone());
        raw.users.now = self.users.get_untracked();
        raw
    }
}

/// True once the page's first frame, with the answers and the charts, is on screen: the
/// parts built only then watch it. Put in context by [`App`]; true where there is none.
#[derive(Clone, Copy)]
pub struct FirstFrameShown(RwSignal<bool>);

/// Whether the parts that wait for the first frame may be built now, as a reactive test.
pub fn first_frame_shown() -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    let shown = use_context::<FirstFrameShown>();
    move || shown.is_none_or(|s| s.0.get())
}

/// The inputs that hold an error now, by field id with their labels, in the order the
/// errors appeared: while any is there, the answers are those of the last valid input.
#[derive(Clone, Copy)]
pub struct InputErrors(Option<RwSignal<Vec<(String, String)>>>);

impl InputErrors {
    /// Notes that the field `id`, labelled `label`, holds an error or no longer does.
    pub fn set(&self, id: &str, label: &str, has_error: bool) {
        let Some(list) = self.0 else { return };
        let present = list.with_untracked(|l| l.iter().any(|(i, _)| i == id));
        if has_error && !present {
            list.update(|l| l.push((id.to_string(), label.to_string())));
        } else if !has_error && present {
            list.update(|l| l.retain(|(i, _)| i != id));
        }
    }

    /// True while some input holds an error.
    pub fn any(&self) -> bool {
        self.0.is_some_and(|l| l.with(|l| !l.is_empty()))
    }

    /// The label of the first field in error, and how many others are, in words:
    /// `Users now`, `Users now (and 2 other fields)`.
    pub fn first_label(&self) -> Option<String> {
        self.0.and_then(|l| {
            l.with(|l| {
                l.first().map(|(_, label)| match l.len() {
                    1 => label.clone(),
                    2 => format!("{label} (and 1 other field)"),
                    n => format!("{label} (and {} other fields)", n - 1),
                })
            })
        })
    }
}

/// The inputs in error, as put in context by [`App`]; none are tracked outside it.
pub fn input_errors() -> InputErrors {
    use_context::<InputErrors>().unwrap_or(InputErrors(None))
}

/// Keeps the answers column in view beside the inputs on a wide screen. A column that fits
/// the window stops at its top. A taller one scrolls with the page until the end that the
/// page moves towards is in view, and stops there: scrolling down shows its bottom (the cost
/// chart), scrolling back up its top (the answers). The page's own scroll reaches every part.
fn follow_outputs(outputs: NodeRef<leptos::html::Div>) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    // The column's `top` and the page's scroll position when it was last set.
    let state = StoredValue::new((0.0f64, 0.0f64));
    let place = move || {
        let Some(el) = outputs.get_untracked() else {
            return;
        };
        let window_h = window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        let scroll = window().scroll_y().unwrap_or(0.0);
        let h = el.get_bounding_client_rect().height();
        let lowest = (window_h - h).min(0.0);
        let (top, last) = state.get_value();
        let top = (top - (scroll - last)).clamp(lowest, 0.0).round();
        state.set_value((top, scroll));
        let want = format!("{top}px");
        let style = web_sys::HtmlElement::style(el.unchecked_ref());
        if style.get_property_value("top").ok().as_deref() != Some(want.as_str()) {
            let _ = style.set_property("top", &want);
        }
    };
    Effect::new(move |_| {
        let Some(el) = outputs.get() else { return };
        let observer = Closure::<dyn Fn()>::new(place);
        if let Ok(watch) = web_sys::ResizeObserver::new(observer.as_ref().unchecked_ref()) {
            watch.observe(&el);
            // The observer lives as long as the page.
            observer.forget();
            std::mem::forget(watch);
        }
        std::mem::forget(window_event_listener(leptos::ev::resize, move |_| place()));
        std::mem::forget(window_event_listener(leptos::ev::scroll, move |_| place()));
    });
}

/// The state put in context by [`App`].
///
/// # Panics
/// When called outside the app's component tree.
pub fn expect_state() -> AppState {
    expect_context::<AppState>()
}

/// The scenario the app opens on.
pub fn default_scenario() -> Scenario {
    match presets::load(DEFAULT_PRESET, catalogue()) {
        Some(Ok(s)) => s,
        _ => unreachable!("the default preset is checked by a native test"),
    }
}

/// The whole page, or in embed mode (`?embed=answers,cost`) only the parts asked for.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new(default_scenario()).provide();
    state.preset.set(Some(DEFAULT_PRESET));
    charts::ColourScheme::watch();
    // Charts out of view are drawn only when needed; a printout needs them all.
    let printing = window_event_listener(leptos::ev::beforeprint, |_| charts::draw_out_of_view());
    on_cleanup(move || printing.remove());
    provide_context(InputErrors(Some(RwSignal::new(Vec::new()))));
    let notices = Notices(RwSignal::new(Vec::new()));
    provide_context(notices);
    let embed = embed_parts();
    let kept = recovered::Kept::provide(notices, embed.is_none());
    if embed.is_none() {
        kept.saved.set(persist::load_saved(notices, kept));
    }
    provide_context(persist::SavedList(kept.saved));
    persist::start(state, notices, kept, embed.is_none());
    ChartData::provide(state);
    if let Some(parts) = embed {
        return view! { <EmbedView parts=parts/> }.into_any();
    }
    // The answers and the charts are built first; the editors and tables further down are
    // built once that first frame is on screen, so that a founder sees numbers sooner.
    let rest = RwSignal::new(false);
    provide_context(FirstFrameShown(rest));
    let shown = first_frame_shown();
    request_animation_frame(move || {
        set_timeout(move || rest.set(true), std::time::Duration::ZERO);
    });
    // While the users move and until they settle, a panel off screen is not laid out or
    // painted; it keeps the size it was last laid out at, so the page is as tall as before,
    // and it is laid out again once they settle.
    let moving = Memo::new(move |_| state.settling());
    let outputs = NodeRef::new();
    follow_outputs(outputs);
    view! {
        <header class="masthead">
            <div>
                <h1>"Headroom"</h1>
                <p class="tagline">"How many users can we take, what will it cost, when do we upgrade what, when do we break even?"</p>
            </div>
        </header>
        <NoticeBar/>
        <div class="notices">
            <persist::OtherTabBar/>
            <recovered::ReplacedBar/>
        </div>
        <reprice::RepricePanel/>
        <main class="layout" class:skip-offscreen=move || moving.get()>
            <div class="work">
                <div class="inputs">
                    <ScenarioPicker/>
                    <section class="panel users-panel" aria-labelledby="users-title">
                        <h2 id="users-title">"Users"</h2>
                        <UserSlider/>
                    </section>
                    <Show when=shown>
                        <section class="panel growth-panel" aria-labelledby="growth-title">
                            <h2 id="growth-title">"Growth over the months"</h2>
                            <GrowthEditor/>
                        </section>
                    </Show>
                    <Show when=shown>
                        <StackEditor/>
                        <RevenueEditor/>
                        <SavedScenarios/>
                        <RecoveredPanel/>
                        <FilesPanel/>
                    </Show>
                </div>
                <div class="outputs" node_ref=outputs>
                    <Show when=shown>
                        <report::Assumptions/>
                    </Show>
                    <Answers/>
                    <Charts only=vec!["cost".to_string()] title="Cost chart" title_id="cost-chart-title"/>
                </div>
            </div>
            <div class="later">
                <Charts only=vec!["revenue".to_string(), "phases".to_string(), "profit".to_string()]
                    title="Revenue, phases and profit" title_id="more-charts-title"/>
                <Show when=shown>
                    <decide::DecidePanel/>
                    <CapacityTable/>
                </Show>
            </div>
        </main>
        <footer class="colophon">
            <p>
                {match catalogue().checked_span() {
                    Some((oldest, newest)) => format!("Prices from the built-in catalogue, checked between {oldest} and {newest}"),
                    None => "Prices from the built-in catalogue".to_string(),
                }}
                "; each row of the capacity table links its source and gives the day it was checked, and marks a price checked more than six months ago. Every figure is computed in your browser; nothing is sent anywhere."
            </p>
        </footer>
    }
    .into_any()
}
