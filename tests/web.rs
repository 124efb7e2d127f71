//! Component tests in a real browser (wasm-bindgen-test in headless Chromium): mount a
//! component, change a signal or type into an input, and read the DOM.
#![cfg(target_arch = "wasm32")]

use headroom::ui::{default_scenario, Answers, AppState, CapacityTable, RevenueEditor, UserInput};
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn wrapper() -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn text(root: &web_sys::HtmlElement, testid: &str) -> String {
    root.query_selector(&format!("[data-testid={testid}]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={testid}"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn answers_follow_the_user_count() {
    let root = wrapper();
    let (state_tx, state_rx) = std::sync::mpsc::channel();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let state = AppState::new(default_scenario()).provide();
        state_tx.send(state).unwrap();
        view! { <Answers/> }
    });
    let state = state_rx.recv().unwrap();
    tick().await;
    assert_eq!(text(&root, "kpi-monthly-cost"), "$31");
    state.users.set(10_000.0);
    tick().await;
    assert_eq!(text(&root, "kpi-monthly-cost"), "$73");
    assert_eq!(text(&root, "kpi-cost-per-user"), "$0.0073");
}

#[wasm_bindgen_test]
async fn a_bad_user_count_is_explained_and_the_last_good_one_kept() {
    let root = wrapper();
    let (state_tx, state_rx) = std::sync::mpsc::channel();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let state = AppState::new(default_scenario()).provide();
        state_tx.send(state).unwrap();
        view! { <UserInput/> <Answers/> }
    });
    let state = state_rx.recv().unwrap();
    tick().await;
    let input: web_sys::HtmlInputElement = root
        .query_selector("[data-testid=users-input]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value("-5");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    tick().await;
    assert!(text(&root, "users-input-error").contains("negative"));
    assert_eq!(state.users.get_untracked(), 1000.0);
    assert_eq!(text(&root, "kpi-monthly-cost"), "$31");
}

fn type_into(root: &web_sys::HtmlElement, testid: &str, value: &str) {
    let input: web_sys::HtmlInputElement = root
        .query_selector(&format!("[data-testid={testid}]"))
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value(value);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn revenue_inputs_drive_revenue_and_a_range_becomes_a_band() {
    let root = wrapper();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        AppState::new(default_scenario()).provide();
        view! { <RevenueEditor/> <Answers/> }
    });
    tick().await;
    // 1,000 users × 3% × $12 = $360 charged; the card fee takes 2.9% × $12 + $0.30 = $0.648
    // a charge: 30 × $11.352 = $340.56.
    assert_eq!(text(&root, "kpi-revenue"), "$341");
    // Without fees, revenue is what is charged.
    root.query_selector("[data-testid=revenue-fee-none]")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    tick().await;
    assert_eq!(text(&root, "kpi-revenue"), "$360");
    // 1,000 users × 10% × $12 = $1,200.
    type_into(&root, "revenue-conversion", "10");
    tick().await;
    assert_eq!(text(&root, "kpi-revenue"), "$1,200");
    // × $10–15: $1,000–$1,500.
    type_into(&root, "revenue-price", "10–15");
    tick().await;
    assert_eq!(text(&root, "kpi-revenue"), "$1,000–$1,500");
    type_into(&root, "revenue-price", "15–10");
    tick().await;
    assert!(text(&root, "revenue-price-error").contains("smaller number first"));
    assert_eq!(text(&root, "kpi-revenue"), "$1,000–$1,500");
}

#[wasm_bindgen_test]
async fn the_capacity_table_names_the_bottleneck_and_the_price_source() {
    let root = wrapper();
    let (state_tx, state_rx) = std::sync::mpsc::channel();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let state = AppState::new(default_scenario()).provide();
        state_tx.send(state).unwrap();
        view! { <CapacityTable/> }
    });
    let state = state_rx.recv().unwrap();
    tick().await;
    let host = text(&root, "capacity-host");
    assert!(host.contains("· fullest now"), "{host}");
    assert!(host.contains("Basic 1 GB"), "{host}");
    let source = text(&root, "source-host");
    assert!(
        source.contains("DigitalOcean Droplet pricing ↗ · checked 2026-08-21"),
        "{source}"
    );
    let link = root
        .query_selector("[data-testid=source-host] a")
        .unwrap()
        .unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://www.digitalocean.com/pricing/droplets")
    );
    state.users.set(10_000.0);
    tick().await;
    assert!(text(&root, "capacity-host").contains("Basic 8 GB"));
}

#[wasm_bindgen_test]
fn an_internal_error_is_shown_as_text_and_remembered_for_the_next_start() {
    headroom::ui::persist::report_crash("index out of bounds <b>7</b>\nat src/x.rs");
    let doc = web_sys::window().unwrap().document().unwrap();
    let banner = doc
        .query_selector("[data-testid=crash]")
        .unwrap()
        .expect("a crash banner");
    let text = banner.text_content().unwrap();
    assert!(text.contains("index out of bounds <b>7</b>"), "{text}");
    assert!(!text.contains("src/x.rs"));
    assert_eq!(
        banner.query_selector("b").unwrap(),
        None,
        "shown as text, not markup"
    );
    let session = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    assert_eq!(
        session.get_item("headroom/crashed").unwrap().as_deref(),
        Some("1")
    );
}
