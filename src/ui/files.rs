//! Taking a scenario out of the page and back in: a link to copy, JSON to export and import,
//! the timeline and the user sweep as CSV, each chart as PNG, a printed report, embed code.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::persist::{self, expect_notices};
use super::{catalogue, expect_state};
use crate::model::export::{file_stem, sweep_csv, timeline_csv};
use crate::model::storage;
use crate::model::sweep::sweep;

/// The largest file accepted for import.
pub const MAX_IMPORT_BYTES: f64 = 1_048_576.0;

/// Offers `href` to the browser as a download named `file_name`.
fn download_href(href: &str, file_name: &str) -> Result<(), String> {
    let doc = document();
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|_| "the page could not create a link")?
        .unchecked_into();
    a.set_href(href);
    a.set_download(file_name);
    a.set_rel("noopener");
    a.click();
    Ok(())
}

/// Offers text to the browser as a downloaded file.
pub(crate) fn download_text(text: &str, file_name: &str, mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| "the browser could not make the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not make the file")?;
    let result = download_href(&url, file_name);
    let _ = web_sys::Url::revoke_object_url(&url);
    result
}

/// The page's address with the scenario in its fragment.
pub fn share_url(fragment: &str) -> String {
    let loc = window().location();
    let base = loc.href().unwrap_or_default();
    let base = base.split('#').next().unwrap_or_default().to_string();
    format!("{base}#{fragment}")
}

/// The code that embeds the current scenario in a docs page: the frame and its resize
/// script, for this page's own address.
fn embed_snippet(fragment: &str, name: &str) -> String {
    let loc = window().location();
    let origin = loc.origin().unwrap_or_default();
    let path = loc.pathname().unwrap_or_default();
    crate::model::embed::snippet(
        &format!("{origin}{path}"),
        &origin,
        fragment,
        crate::model::embed::DEFAULT_PARTS,
        name,
    )
}

/// Link, files, charts, print and embed.
#[component]
pub fn FilesPanel() -> impl IntoView {
    let state = expect_state();
    let notices = expect_notices();
    let kept = use_context::<super::recovered::Kept>();
    // The link and the embed code follow the scenario once it settles, as the address bar
    // does: a drag rewrites neither. Copying reads the scenario as it is at that moment.
    let persist::SettledLink { fragment, updating } = expect_context();
    let link = move || share_url(&fragment.get());
    let embed_code = move |fragment: &str| {
        state
            .scenario
            .with(|s| embed_snippet(fragment, &s.raw().name))
    };
    // What a copy button did, said beside it: (the sentence, true when it failed).
    let link_status = RwSignal::new(None::<(String, bool)>);
    let embed_status = RwSignal::new(None::<(String, bool)>);
    let copy = move |text: String, what: &'static str, status: RwSignal<Option<(String, bool)>>| {
        let clipboard = window().navigator().clipboard();
        let promise = clipboard.write_text(&text);
        wasm_bindgen_futures::spawn_local(async move {
            let said = match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => (format!("{what} copied."), false),
                Err(_) => (
                    format!(
                        "The browser did not allow copying; select the {} beside this button and copy it by hand.",
                        what.to_lowercase()
                    ),
                    true,
                ),
            };
            let failed = said.1;
            status.set(Some(said.clone()));
            if !failed {
                set_timeout(
                    move || {
                        if status.get_untracked().as_ref() == Some(&said) {
                            status.set(None);
                        }
                    },
                    std::time::Duration::from_secs(6),
                );
            }
        });
    };
    let status_text = move |status: RwSignal<Option<(String, bool)>>| {
        move || status.get().map(|(t, _)| t).unwrap_or_default()
    };
    let name = move || state.scenario.with(|s| file_stem(&s.raw().name));
    // What the file buttons did, said under them: a failure, and an import that worked.
    let import_error = RwSignal::new(None::<String>);
    let imported = RwSignal::new(None::<String>);
    let png_error = RwSignal::new(None::<String>);
    // Offers a file named after the scenario, and says so if the browser refuses.
    let offer = move |text: String, suffix: &str, mime: &str| {
        if let Err(e) = download_text(&text, &format!("{}{suffix}", name()), mime) {
            import_error.set(Some(format!("Could not export: {e}.")));
        }
    };
    let export_json = move |_| {
        let text = state.current_raw().to_json();
        offer(text, ".json", "application/json");
    };
    let export_timeline = move |_| {
        let text = state
            .model
            .with(|m| state.timeline.with(|t| timeline_csv(m, t)));
        offer(text, "-timeline.csv", "text/csv");
    };
    let export_sweep = move |_| {
        offer(
            state.model.with(|m| sweep_csv(&sweep(m, 1e8, 512))),
            "-users.csv",
            "text/csv",
        );
    };
    let chart_png = move |testid: &'static str| match super::charts::chart_png(testid) {
        Some(url) => {
            let _ = download_href(&url, &format!("{}-{testid}.png", name()));
        }
        None => {
            png_error.set(Some(
                "That chart is not on the page to download: reload the page and try again.".into(),
            ));
        }
    };
    let on_import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        if file.size() > MAX_IMPORT_BYTES {
            import_error.set(Some(format!(
                "“{}” is larger than 1 MB; a Headroom scenario is a few KB. Pick the .json file Headroom exported.",
                file.name()
            )));
            return;
        }
        let file_name = file.name();
        wasm_bindgen_futures::spawn_local(async move {
            let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(t) => t.as_string().unwrap_or_default(),
                Err(_) => {
                    import_error.set(Some(format!("“{file_name}” could not be read.")));
                    return;
                }
            };
            // An export holds a bare scenario; stored data may hold an envelope: read both.
            let result = storage::read_import(&text, catalogue());
            match result {
                Ok((s, users)) => {
                    import_error.set(None);
                    super::persist::note_if_older(&s, notices);
                    super::recovered::replace_work(
                        state,
                        kept,
                        s,
                        None,
                        users,
                        format!("opened the file “{file_name}”"),
                    );
                    imported.set(Some(format!("Imported “{file_name}”.")));
                }
                Err(e) => {
                    imported.set(None);
                    import_error.set(Some(format!("“{file_name}” was not imported: {e}")));
                }
            }
        });
    };
    view! {
        <section class="panel files" aria-labelledby="files-title">
            <h2 id="files-title">"Share and export"</h2>
            <div class="field">
                <label for="share-link">"Link to this scenario"</label>
                <div class="copy-row">
                    <input id="share-link" data-testid="share-link" type="text" readonly=true aria-busy=move || updating.get().to_string() prop:value=link/>
                    <button type="button" data-testid="copy-link" on:click=move |_| copy(share_url(&persist::link_fragment(state)), "Link", link_status)>"Copy link"</button>
                    <span class="copy-status" class:error=move || link_status.get().is_some_and(|(_, failed)| failed) data-testid="copy-link-status" role="status">{status_text(link_status)}</span>
                </div>
            </div>
            <div class="buttons">
                <button type="button" data-testid="export-json" on:click=export_json>"Export JSON"</button>
                <label class="button" for="import-json">"Import JSON"</label>
                <input id="import-json" data-testid="import-json" class="visually-hidden" type="file" accept=".json,application/json" on:change=on_import/>
                <button type="button" data-testid="export-timeline-csv" on:click=export_timeline>"Timeline (CSV)"</button>
                <button type="button" data-testid="export-sweep-csv" on:click=export_sweep>"Cost by user count (CSV)"</button>
                <button type="button" data-testid="print" on:click=move |_| { let _ = window().print(); }>"Print report"</button>
            </div>
            <p class="copy-status" data-testid="import-status" role="status">{move || imported.get().unwrap_or_default()}</p>
            <p class="error" data-testid="import-error" role="alert">{move || import_error.get().unwrap_or_default()}</p>
            <div class="buttons">
                <span class="hint">"Charts as PNG:"</span>
                <button type="button" data-testid="png-chart-cost" on:click=move |_| chart_png("chart-cost")>"Cost"</button>
                <button type="button" data-testid="png-chart-revenue" on:click=move |_| chart_png("chart-revenue")>"Revenue"</button>
                <button type="button" data-testid="png-chart-phases" on:click=move |_| chart_png("chart-phases")>"Phases"</button>
                <button type="button" data-testid="png-chart-profit" on:click=move |_| chart_png("chart-profit")>"Profit"</button>
            </div>
            <p class="error" data-testid="png-error" role="alert">{move || png_error.get().unwrap_or_default()}</p>
            <div class="field">
                <label for="embed-code">"Embed in a docs page"</label>
                <div class="copy-row">
                    <input id="embed-code" data-testid="embed-code" type="text" readonly=true aria-busy=move || updating.get().to_string() prop:value=move || fragment.with(|f| embed_code(f))/>
                    <button type="button" data-testid="copy-embed" on:click=move |_| copy(embed_code(&persist::link_fragment(state)), "Embed code", embed_status)>"Copy embed code"</button>
                    <span class="copy-status" class:error=move || embed_status.get().is_some_and(|(_, failed)| failed) data-testid="copy-embed-status" role="status">{status_text(embed_status)}</span>
                </div>
            </div>
        </section>
    }
}
