//! What the printed report opens with: the scenario's assumptions and its stack, so that a
//! printout says what its figures rest on.

use leptos::prelude::*;

use super::expect_state;
use crate::model::assumptions::{assumptions, stack_lines};

/// The assumptions and the stack at the current users; shown in print only, where the
/// inputs that hold them are left out.
#[component]
pub fn Assumptions() -> impl IntoView {
    let state = expect_state();
    let rows = Memo::new(move |_| state.model.with(assumptions));
    let stack = Memo::new(move |_| {
        let m = state.model.read();
        state.settled_snapshot.with(|s| stack_lines(&m, s))
    });
    view! {
        <section class="panel assumptions print-only" aria-labelledby="assumptions-title" data-testid="assumptions">
            <h2 id="assumptions-title">"What these figures assume"</h2>
            <dl class="assumption-list">
                {move || rows.get().into_iter().map(|a| view! {
                    <div><dt>{a.label}</dt><dd>{a.value}</dd></div>
                }).collect_view()}
            </dl>
            <h3>"The stack"</h3>
            <ul class="stack-lines">
                {move || stack.get().into_iter().map(|l| {
                    let uses = if l.uses.is_empty() { String::new() } else { format!("; what users use of it: {}", l.uses.join("; ")) };
                    view! { <li><strong>{l.name}</strong> ": " {l.runs} {uses}</li> }
                }).collect_view()}
            </ul>
        </section>
    }
}
