//! Adding a component: a button that opens every provider, grouped by the part of the stack
//! it serves and narrowed as the founder types. Only picking one adds it.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{catalogue, expect_state};
use crate::model::provider_list::{provider_groups, ProviderChoice};

/// The element id, and test id, of a provider's option in the list.
fn option_id(provider: &str) -> String {
    format!("add-option-{provider}")
}

/// Moves keyboard focus to a component's card once the card is on the page.
pub fn focus_card(component: &str) {
    let heading = format!("component-{component}-heading");
    request_animation_frame(move || {
        if let Some(el) = document()
            .get_element_by_id(&heading)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// What an option says under the provider's name: its plans, or the plans that match.
fn plans_words(p: &ProviderChoice) -> String {
    const SHOWN: usize = 3;
    if p.matching_plans.is_empty() {
        return match p.plans {
            1 => "1 plan".to_string(),
            n => format!("{n} plans"),
        };
    }
    let mut s = format!(
        "Plans: {}",
        p.matching_plans
            .iter()
            .take(SHOWN)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    );
    if p.matching_plans.len() > SHOWN {
        s.push_str(&format!(" and {} more", p.matching_plans.len() - SHOWN));
    }
    s
}

/// "Add a component": opens a searchable list of providers grouped by role. Arrow keys move
/// the highlighted provider, Enter or a click adds it, Escape closes the list; once added,
/// the new component's card takes the focus.
#[component]
pub fn AddComponent() -> impl IntoView {
    let state = expect_state();
    let open = RwSignal::new(false);
    let query = RwSignal::new(String::new());
    let highlight = RwSignal::new(0usize);
    let error = RwSignal::new(None::<String>);
    let button: NodeRef<html::Button> = NodeRef::new();
    let search: NodeRef<html::Input> = NodeRef::new();
    let list: NodeRef<html::Div> = NodeRef::new();
    let groups = Memo::new(move |_| {
        if !open.get() {
            return Vec::new();
        }
        let q = query.get();
        state
            .scenario
            .with(|s| provider_groups(&catalogue().with(&s.raw().providers), &q))
    });
    let order = Memo::new(move |_| {
        groups.with(|gs| {
            gs.iter()
                .flat_map(|g| g.providers.iter().map(|p| p.id.clone()))
                .collect::<Vec<_>>()
        })
    });
    let active = Memo::new(move |_| order.with(|o| o.get(highlight.get()).cloned()));
    let show = move || {
        query.set(String::new());
        highlight.set(0);
        error.set(None);
        open.set(true);
        request_animation_frame(move || {
            if let Some(el) = search.get_untracked() {
                let _ = el.focus();
            }
        });
    };
    let close = move || {
        open.set(false);
        if let Some(b) = button.get_untracked() {
            let _ = b.focus();
        }
    };
    let add = move |provider: String| match state
        .apply(|raw| raw.add_component(catalogue(), &provider))
    {
        Ok(id) => {
            error.set(None);
            open.set(false);
            focus_card(&id);
        }
        Err(e) => error.set(Some(e)),
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" => {
            ev.prevent_default();
            let n = order.with_untracked(Vec::len);
            highlight.update(|h| *h = (*h + 1).min(n.saturating_sub(1)));
        }
        "ArrowUp" => {
            ev.prevent_default();
            highlight.update(|h| *h = h.saturating_sub(1));
        }
        "Enter" => {
            ev.prevent_default();
            if let Some(p) = active.get_untracked() {
                add(p);
            }
        }
        "Escape" => {
            ev.prevent_default();
            close();
        }
        _ => {}
    };
    // The list closes when the focus leaves it for somewhere else on the page.
    let on_focusout = move |ev: leptos::ev::FocusEvent| {
        let Some(wrapper) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        else {
            return;
        };
        let to = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        if !wrapper.contains(to.as_ref()) {
            open.set(false);
        }
    };
    // The highlighted option is scrolled into the list's view, and only the list scrolls.
    Effect::new(move |_| {
        let Some(id) = active.get() else { return };
        let Some(list) = list.get() else { return };
        let Some(el) = document()
            .get_element_by_id(&option_id(&id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        let (top, bottom) = (el.offset_top(), el.offset_top() + el.offset_height());
        if top < list.scroll_top() {
            list.set_scroll_top(top);
        } else if bottom > list.scroll_top() + list.client_height() {
            list.set_scroll_top(bottom - list.client_height());
        }
    });
    let options = move || {
        let mut index = 0;
        groups
            .get()
            .into_iter()
            .map(|g| {
                let gid = format!("add-group-{}", g.role.as_str());
                let (label_id, label_testid) = (gid.clone(), gid.clone());
                let options = g
                    .providers
                    .into_iter()
                    .map(|p| {
                        let i = index;
                        index += 1;
                        let oid = option_id(&p.id);
                        let pid = StoredValue::new(p.id.clone());
                        let plans = plans_words(&p);
                        view! {
                            <div role="option" class="add-option" id=oid.clone() data-testid=oid
                                aria-selected=move || (highlight.get() == i).to_string()
                                on:mousemove=move |_| if highlight.get_untracked() != i { highlight.set(i) }
                                on:click=move |_| add(pid.get_value())>
                                <span class="add-option-name">{p.name}{p.own.then_some(" (yours)")}</span>
                                <span class="add-option-plans">{plans}</span>
                            </div>
                        }
                    })
                    .collect_view();
                view! {
                    <div role="group" class="add-group" aria-labelledby=gid>
                        <div role="presentation" class="add-group-label" id=label_id data-testid=label_testid>{g.label}</div>
                        {options}
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <div class="add-component" on:focusout=on_focusout>
            <button type="button" class="secondary" node_ref=button data-testid="add-component-button"
                aria-expanded=move || open.get().to_string() aria-controls="add-component-picker"
                on:click=move |_| if open.get_untracked() { close() } else { show() }>
                "Add a component"
            </button>
            <div class="add-picker" id="add-component-picker" hidden=move || !open.get()>
                    <label for="add-component-search">
                        "Find a provider " <span class="hint">"by name, plan or what it is for"</span>
                    </label>
                    <input node_ref=search id="add-component-search" data-testid="add-component-search"
                        type="text" role="combobox" aria-expanded=move || open.get().to_string() aria-controls="add-component-list"
                        aria-autocomplete="list" autocomplete="off" spellcheck="false" placeholder="Postgres, Redis, GPT-5 mini…"
                        aria-activedescendant=move || active.get().map(|p| option_id(&p))
                        prop:value=move || query.get()
                        on:input=move |ev| {
                            query.set(event_target_value(&ev));
                            highlight.set(0);
                        }
                        on:keydown=on_key/>
                    // A press in the list keeps the focus in the search field.
                    <div node_ref=list class="add-list" id="add-component-list" data-testid="add-component-list"
                        role="listbox" tabindex="-1" aria-label="Providers" on:mousedown=|ev| ev.prevent_default()>
                        {options}
                    </div>
                    <p class="add-empty" data-testid="add-component-empty" role="status" hidden=move || !order.with(Vec::is_empty)>
                        {move || format!("No provider matches “{}”. ", query.get().trim())}
                        "Define it yourself under “A provider that is not in the list”."
                    </p>
                    <p class="hint add-keys">"↑ ↓ to move, Enter to add, Esc to close"</p>
            </div>
            <p class="error" data-testid="add-component-error" role="alert">{move || error.get().unwrap_or_default()}</p>
        </div>
    }
}
