//! Mounts the Headroom app into the page.

#[cfg(target_arch = "wasm32")]
fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        headroom::ui::persist::report_crash(&info.to_string());
    }));
    leptos::mount::mount_to_body(headroom::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Headroom runs in the browser: see README.md (scripts/serve).");
}
