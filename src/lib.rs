//! Headroom: how many users a stack can take, what it costs, when to upgrade what, and
//! when the business breaks even. The model is pure Rust; the UI is Leptos in the browser.

pub mod charts;
pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod ui;
