//! The embeddable view: only the answers and charts asked for, sized to fit an iframe, and
//! telling the parent page its height so that the iframe can grow with it.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::{expect_state, Answers, CapacityTable, Charts};
use crate::model::format::count;

/// The parts an embed may ask for.
pub const EMBED_PARTS: &[&str] = &["answers", "cost", "revenue", "phases", "profit", "capacity"];

/// The parts named by `?embed=…` in the address, or `None` outside embed mode. An empty or
/// unknown list shows the answers and the cost chart.
pub fn embed_parts() -> Option<Vec<String>> {
    let search = window().location().search().unwrap_or_default();
    let value = search.trim_start_matches('?').split('&').find_map(|kv| {
        kv.strip_prefix("embed")
            .map(|v| v.trim_start_matches('=').to_string())
    })?;
    let parts: Vec<String> = value
        .split([',', '+', ' '])
        .map(|p| p.trim().to_ascii_lowercase())
        .filter(|p| EMBED_PARTS.contains(&p.as_str()))
        .collect();
    Some(if parts.is_empty() {
        vec!["answers".into(), "cost".into()]
    } else {
        parts
    })
}

/// The origin of the page that frames this one, from what the browser says of it.
fn parent_origin() -> Option<String> {
    let location = window().location();
    let ancestor = js_sys::Reflect::get(&location, &"ancestorOrigins".into())
        .ok()
        .filter(|list| !list.is_undefined() && !list.is_null())
        .and_then(|list| js_sys::Reflect::get(&list, &0.into()).ok())
        .and_then(|first| first.as_string());
    crate::model::embed::parent_origin(ancestor.as_deref(), &document().referrer())
}

/// Posts the document's height to the page that frames it whenever it changes, addressed
/// to that page's origin only, so that no other page the frame may come to sit in hears
/// it. When that origin cannot be known, nothing is posted and the frame keeps the height
/// the embed code gave it.
fn report_height() {
    let Ok(Some(parent)) = window().parent() else {
        return;
    };
    if JsValue::from(&parent) == JsValue::from(&window()) {
        return;
    }
    let Some(target) = parent_origin() else {
        return;
    };
    let post = move || {
        // The content's own height, not the viewport's, so that the frame can shrink too.
        let height = document()
            .document_element()
            .map(|e| e.get_bounding_client_rect().height().ceil())
            .unwrap_or(0.0);
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"type".into(), &"headroom:height".into());
        let _ = js_sys::Reflect::set(&msg, &"height".into(), &height.into());
        let _ = parent.post_message(&msg, &target);
    };
    post();
    let callback = Closure::<dyn FnMut()>::new(post);
    if let (Ok(observer), Some(body)) = (
        web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()),
        document().body(),
    ) {
        observer.observe(&body);
        // The observer lives as long as the page.
        callback.forget();
    }
}

/// Only the parts asked for, with a link to the whole calculator.
#[component]
pub fn EmbedView(
    /// The parts to show, from [`EMBED_PARTS`].
    parts: Vec<String>,
) -> impl IntoView {
    let state = expect_state();
    let has = |p: &str| parts.iter().any(|x| x == p);
    let charts: Vec<String> = parts
        .iter()
        .filter(|p| ["cost", "revenue", "phases", "profit"].contains(&p.as_str()))
        .cloned()
        .collect();
    let full = move || {
        let href = window().location().href().unwrap_or_default();
        let (before, hash) = href.split_once('#').unwrap_or((&href, ""));
        let base = before.split('?').next().unwrap_or_default();
        format!("{base}#{hash}")
    };
    request_animation_frame(report_height);
    if let Some(body) = document().body() {
        let _ = body.class_list().add_1("embedded");
    }
    view! {
        <main class="embed" data-testid="embed">
            <p class="embed-title">
                <strong>{move || state.scenario.with(|s| s.raw().name.clone())}</strong>
                " · " {move || count(state.users.get())} " users · "
                <a href=full target="_blank" rel="noopener">"Open in Headroom"</a>
            </p>
            {has("answers").then(|| view! { <Answers/> })}
            {(!charts.is_empty()).then(|| view! { <Charts only=charts.clone()/> })}
            {has("capacity").then(|| view! { <CapacityTable/> })}
        </main>
    }
}
