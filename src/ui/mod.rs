//! The page a founder uses: Leptos components over the model. Every figure is a memo of
//! the scenario and the user count; effects only talk to the outside world.

mod answers;
mod capacity;
mod users;

use std::sync::OnceLock;

use leptos::prelude::*;

use crate::model::presets::{self, DEFAULT_PRESET};
use crate::model::{Catalogue, Model, Scenario, Snapshot};

pub use answers::{Answers, KpiCard};
pub use capacity::CapacityTable;
pub use users::UserInput;

/// The catalogue shipped with the app, read once.
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(Catalogue::builtin)
}

/// The app's state, shared through context: the last good scenario and the user count.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The scenario every answer is computed from.
    pub scenario: RwSignal<Scenario>,
    /// Users at which the answers are shown.
    pub users: RwSignal<f64>,
    /// The scenario compiled against the catalogue.
    pub model: Memo<Model>,
    /// Every answer at the current user count.
    pub snapshot: Memo<Snapshot>,
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
        AppState {
            scenario,
            users,
            model,
            snapshot,
        }
    }

    /// Puts this state in context for every component below.
    pub fn provide(self) -> AppState {
        provide_context(self);
        self
    }
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

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new(default_scenario()).provide();
    let name = move || state.scenario.with(|s| s.raw().name.clone());
    let description = move || state.scenario.with(|s| s.raw().description.clone());
    view! {
        <header class="masthead">
            <h1>"Headroom"</h1>
            <p class="tagline">"How many users can we take, what will it cost, when do we upgrade?"</p>
        </header>
        <main class="layout">
            <section class="scenario" aria-labelledby="scenario-name">
                <h2 id="scenario-name" data-testid="scenario-name">{name}</h2>
                <p class="description">{description}</p>
                <UserInput/>
            </section>
            <Answers/>
            <CapacityTable/>
        </main>
        <footer class="colophon">
            <p>
                "Prices from the built-in catalogue (as of " {catalogue().as_of.clone()}
                "). Every figure is computed in your browser; nothing is sent anywhere."
            </p>
        </footer>
    }
}
