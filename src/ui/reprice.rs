//! The prices a scenario uses that changed since it was priced: listed old and new when it
//! opens under a later catalogue, with the choice to keep the old ones or take today's.

use leptos::prelude::*;

use super::expect_state;
use crate::model::reprice::{changes_for, unknown_edition, PriceHistory};

/// The changed prices and the two choices; nothing when no price the scenario uses changed.
#[component]
pub fn RepricePanel() -> impl IntoView {
    let state = expect_state();
    let changes = Memo::new(move |_| {
        let model = state.model.read();
        state
            .scenario
            .with(|s| changes_for(&model, s.raw(), PriceHistory::shared()))
    });
    let since = Memo::new(move |_| {
        state.scenario.with(|s| match &s.raw().priced_with {
            Some(e) => format!("since it was priced with the catalogue of {e}"),
            None => "since it was saved by an earlier version of Headroom".to_string(),
        })
    });
    let unknown = Memo::new(move |_| {
        state
            .scenario
            .with(|s| unknown_edition(s.raw(), PriceHistory::shared()))
    });
    let (result, set_result) = signal(None::<String>);
    let latest = move || {
        PriceHistory::shared()
            .latest()
            .unwrap_or_default()
            .to_string()
    };
    let keep = move |_| {
        let list = changes.get_untracked();
        let edition = latest();
        match state.apply(|raw| raw.keep_saved_prices(&list, &edition)) {
            Ok(not_kept) if not_kept.is_empty() => set_result.set(Some(
                "Kept: the old prices are now your own, marked on each component.".into(),
            )),
            Ok(not_kept) => set_result.set(Some(format!(
                "Kept the old unit prices and rates as your own. These follow today's catalogue, since a minimum or a credit cannot be overridden: {}.",
                not_kept.join("; ")
            ))),
            Err(e) => set_result.set(Some(format!("Could not keep the old prices: {e}"))),
        }
    };
    let today = move |_| {
        let edition = latest();
        match state.apply(|raw| {
            raw.take_todays_prices(&edition);
            Ok(())
        }) {
            Ok(()) => set_result.set(Some("Using today's prices.".into())),
            Err(e) => set_result.set(Some(format!("Could not switch to today's prices: {e}"))),
        }
    };
    view! {
        <Show when=move || !changes.with(Vec::is_empty)>
            <section class="panel reprice" data-testid="reprice" aria-labelledby="reprice-title">
                <h2 id="reprice-title">"Prices changed " {move || since.get()}</h2>
                <p>"The figures below use today's prices. Keep the old ones as your own, or take today's."</p>
                <ul data-testid="reprice-list">
                    {move || changes.get().into_iter().map(|c| view! { <li>{c.words}</li> }).collect_view()}
                </ul>
                <div class="actions">
                    <button type="button" data-testid="reprice-keep" on:click=keep>"Keep the old prices"</button>
                    <button type="button" data-testid="reprice-today" on:click=today>"Use today's prices"</button>
                </div>
            </section>
        </Show>
        {move || unknown.get().map(|t| view! { <p class="panel reprice" data-testid="reprice-unknown" role="status">{t}</p> })}
        {move || result.get().map(|r| view! { <p class="reprice-result" data-testid="reprice-result" role="status">{r}</p> })}
    }
}
