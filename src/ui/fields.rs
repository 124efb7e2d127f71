//! Labelled inputs that check what is typed: a bad entry shows why under the field and the
//! scenario keeps its last good value.

use leptos::html;
use leptos::prelude::*;

fn is_focused(el: &web_sys::HtmlElement) -> bool {
    document()
        .active_element()
        .is_some_and(|a| el.is_same_node(Some(&a)))
}

/// A text input for a number or a range, committed as the person types.
#[component]
pub fn TextField(
    /// The visible label.
    #[prop(into)]
    label: Signal<String>,
    /// Stable hook for tests and docs; also the element id.
    #[prop(into)]
    testid: String,
    /// The value as text; the field follows it unless the person is typing in it.
    #[prop(into)]
    value: Signal<String>,
    /// Receives the typed text; an error is shown under the field and nothing changes.
    on_commit: Callback<String, Result<(), String>>,
    /// A short hint after the label, e.g. the unit.
    #[prop(optional, into)]
    hint: MaybeProp<String>,
    /// `numeric` or `decimal` for the phone keyboard.
    #[prop(default = "decimal")]
    inputmode: &'static str,
    /// The most characters the field takes, for a name.
    #[prop(optional)]
    maxlength: Option<usize>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let input: NodeRef<html::Input> = NodeRef::new();
    Effect::new(move |_| {
        let v = value.get();
        if let Some(el) = input.get() {
            if !is_focused(&el) {
                el.set_value(&v);
                error.set(None);
            }
        }
    });
    let errors = super::input_errors();
    let field_id = testid.clone();
    Effect::new(move |_| {
        let has = error.with(Option::is_some);
        errors.set(&field_id, &label.get_untracked(), has);
    });
    let gone_id = testid.clone();
    on_cleanup(move || errors.set(&gone_id, "", false));
    let error_id = format!("{testid}-error");
    let described = error_id.clone();
    let error_testid = error_id.clone();
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        error.set(on_commit.run(text).err());
    };
    let on_blur = move |_| {
        if error.get_untracked().is_none() {
            if let Some(el) = input.get_untracked() {
                el.set_value(&value.get_untracked());
            }
        }
    };
    view! {
        <div class="field">
            <label for=testid.clone()>
                {move || label.get()}
                {move || hint.get().filter(|h| !h.is_empty()).map(|h| view! { <span class="hint">" " {h}</span> })}
            </label>
            <input
                node_ref=input
                id=testid.clone()
                data-testid=testid
                type="text"
                inputmode=inputmode
                maxlength=maxlength
                autocomplete="off"
                spellcheck="false"
                aria-describedby=described
                aria-invalid=move || error.with(|e| e.is_some()).to_string()
                prop:value=value.get_untracked()
                on:input=on_input
                on:blur=on_blur
            />
            <p id=error_id class="error" data-testid=error_testid role="alert">
                {move || error.get().unwrap_or_default()}
            </p>
        </div>
    }
}
