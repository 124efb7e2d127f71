//! The user-count input.

use leptos::prelude::*;

use super::expect_state;
use crate::model::input::parse_users;

/// A labelled number input for the user count; a bad entry shows why and keeps the last
/// good count.
#[component]
pub fn UserInput() -> impl IntoView {
    let state = expect_state();
    let error = RwSignal::new(None::<String>);
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        match parse_users(&text) {
            Ok(v) => {
                error.set(None);
                state.users.set(v);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <div class="field">
            <label for="users-input">"Users"</label>
            <input
                id="users-input"
                data-testid="users-input"
                type="text"
                inputmode="numeric"
                autocomplete="off"
                aria-describedby="users-error"
                aria-invalid=move || error.with(|e| e.is_some()).to_string()
                prop:value=move || state.users.get_untracked().to_string()
                on:input=on_input
            />
            <p id="users-error" class="error" data-testid="users-error" role="alert">
                {move || error.get().unwrap_or_default()}
            </p>
        </div>
    }
}
