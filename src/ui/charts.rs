//! The four charts on canvas. Each canvas is sized to its CSS box times the device pixel
//! ratio and redrawn from scratch whenever its data changes; the drawing lives in `charts`.

use leptos::html;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;

use super::expect_state;
use crate::charts::{
    draw_cost, draw_phases, draw_profit, draw_revenue, CostChart, Geometry, PhaseChart,
    ProfitChart, RevenueChart, Theme,
};
use crate::model::input::SLIDER_MAX_USERS;
use crate::model::scenario::MAX_USERS;

/// Points per curve on the user axis.
pub(crate) const POINTS: usize = 160;

pub(crate) fn prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// The right end of the users axis: a power of ten at least ten times the users of interest.
pub(crate) fn x_max_for(users: f64, end_users: f64) -> f64 {
    let top = users.max(end_users).max(10.0) * 10.0;
    10f64
        .powf(top.log10().ceil())
        .min(SLIDER_MAX_USERS.max(MAX_USERS))
}

pub(crate) type Area = DrawingArea<CanvasBackend, Shift>;

/// A canvas that draws one chart and, when asked, turns a drag into a value on its x axis.
#[component]
pub(crate) fn ChartCanvas(
    /// Stable hook for tests.
    testid: &'static str,
    /// What the chart shows, for screen readers.
    #[prop(into)]
    label: Signal<String>,
    /// Height in CSS pixels.
    height: u32,
    /// Draws the chart; returns where its plotting area lies.
    draw: Callback<Area, Option<Geometry>>,
    /// Receives the x value under the pointer while it is dragged, if the chart has a marker.
    #[prop(optional)]
    on_drag: Option<Callback<f64>>,
) -> impl IntoView {
    let canvas: NodeRef<html::Canvas> = NodeRef::new();
    let geometry = StoredValue::new(None::<Geometry>);
    let resized = RwSignal::new(0u32);
    let handle = window_event_listener(leptos::ev::resize, move |_| resized.update(|n| *n += 1));
    on_cleanup(move || handle.remove());
    // The canvas's CSS width is read only on mount and on resize: reading it on every
    // redraw would force a layout each time a slider moves.
    let css_width = RwSignal::new(0u32);
    Effect::new(move |_| {
        resized.track();
        let Some(el) = canvas.get() else { return };
        // Set through the style object: the Content Security Policy forbids style attributes.
        let _ = web_sys::HtmlElement::style(el.unchecked_ref())
            .set_property("height", &format!("{height}px"));
        let w = el.client_width().max(0) as u32;
        if w != css_width.get_untracked() {
            css_width.set(w);
        }
    });
    let backing = StoredValue::new((0u32, 0u32));
    Effect::new(move |_| {
        let css_w = css_width.get();
        let Some(el) = canvas.get() else { return };
        if css_w == 0 {
            return;
        }
        let dpr = window().device_pixel_ratio().max(1.0);
        let size = (
            (css_w as f64 * dpr).round() as u32,
            (height as f64 * dpr).round() as u32,
        );
        let Some(ctx) = el
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        if backing.get_value() != size {
            // A new backing size clears the canvas and resets its transform.
            el.set_width(size.0);
            el.set_height(size.1);
            backing.set_value(size);
        }
        let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
        let Some(backend) = CanvasBackend::with_canvas_object(el.clone()) else {
            return;
        };
        let root = backend.into_drawing_area().shrink((0, 0), (css_w, height));
        let g = draw.run(root);
        // The plotting area, for tests and for docs that script the chart.
        if let Some(g) = &g {
            for (k, v) in [
                ("data-plot-left", g.x_px.0),
                ("data-plot-right", g.x_px.1),
                ("data-x-min", g.x_range.0),
                ("data-x-max", g.x_range.1),
            ] {
                let _ = el.set_attribute(k, &v.to_string());
            }
            let _ = el.set_attribute("data-log-x", &g.log_x.to_string());
        }
        geometry.set_value(g);
        // The first chart on screen, for the load benchmark (benches/browser.mjs).
        if let Some(perf) = window().performance() {
            if perf.get_entries_by_name("headroom:first-chart").length() == 0 {
                let _ = perf.mark("headroom:first-chart");
            }
        }
    });
    let value_at = move |ev: &web_sys::PointerEvent| {
        geometry.with_value(|g| g.as_ref().map(|g| g.x_value_at(ev.offset_x() as f64)))
    };
    let dragging = RwSignal::new(false);
    let on_down = move |ev: web_sys::PointerEvent| {
        if let (Some(cb), Some(v)) = (on_drag, value_at(&ev)) {
            dragging.set(true);
            if let Some(el) = canvas.get_untracked() {
                let _ = el.set_pointer_capture(ev.pointer_id());
            }
            cb.run(v);
        }
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        if dragging.get_untracked() {
            if let (Some(cb), Some(v)) = (on_drag, value_at(&ev)) {
                cb.run(v);
            }
        }
    };
    let on_up = move |_| dragging.set(false);
    view! {
        <canvas
            node_ref=canvas
            data-testid=testid
            class="chart"
            class:draggable=on_drag.is_some()
            role="img"
            aria-label=move || label.get()
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=on_up
            on:pointercancel=on_up
        ></canvas>
    }
}

/// Cost against users, revenue against cost, the phase timeline and cumulative profit.
#[component]
pub fn Charts(
    /// Which charts to show (`cost`, `revenue`, `phases`, `profit`); all when empty.
    #[prop(optional)]
    only: Vec<String>,
) -> impl IntoView {
    let show = move |name: &str| only.is_empty() || only.iter().any(|o| o == name);
    let (show_cost, show_revenue, show_phases, show_profit) = (
        show("cost"),
        show("revenue"),
        show("phases"),
        show("profit"),
    );
    let state = expect_state();
    let theme = move || {
        if prefers_dark() {
            Theme::dark()
        } else {
            Theme::light()
        }
    };
    // The users axis follows the scenario, not the marker, so that it holds still while the
    // marker is dragged; it widens only when the users go past it.
    let scenario_x_max = Memo::new(move |_| {
        state.model.with(|m| {
            let now = m.scenario().users.now;
            let end = crate::model::timeline::users_at(m, m.scenario().users.horizon_months as f64);
            x_max_for(now, end)
        })
    });
    let x_max = Memo::new(move |_| {
        let u = state.users.get();
        let base = scenario_x_max.get();
        if u * 10.0 > base {
            x_max_for(u, u)
        } else {
            base
        }
    });
    // The curves depend on the scenario and the axis, not on the marker: dragging the
    // marker redraws the chart without rebuilding its data.
    let cost = Memo::new(move |_| {
        let x = x_max.get();
        state
            .model
            .with(|m| CostChart::from_model(m, 0.0, x, POINTS))
    });
    let revenue = Memo::new(move |_| {
        let x = x_max.get();
        state
            .model
            .with(|m| RevenueChart::from_model(m, 0.0, x, POINTS))
    });
    let draw_cost_cb = Callback::new(move |root: Area| {
        let marker = state.users.get();
        cost.with(|c| {
            let mut c = c.clone();
            c.marker_users = marker;
            draw_cost(&root, &c, &theme()).ok()
        })
    });
    let draw_revenue_cb = Callback::new(move |root: Area| {
        let marker = state.users.get();
        revenue.with(|c| {
            let mut c = c.clone();
            c.marker_users = marker;
            draw_revenue(&root, &c, &theme()).ok()
        })
    });
    let phases = Memo::new(move |_| {
        state
            .model
            .with(|m| state.timeline.with(|t| PhaseChart::from_timeline(m, t)))
    });
    let profit = Memo::new(move |_| {
        state
            .model
            .with(|m| state.timeline.with(|t| ProfitChart::from_timeline(m, t)))
    });
    let drag_users = Callback::new(move |x: f64| {
        if x.is_finite() {
            state.users.set(crate::model::input::slider_users(
                crate::model::input::slider_position(x.round().max(1.0)),
            ));
        }
    });
    let draw_phases_cb =
        Callback::new(move |root: Area| phases.with(|c| draw_phases(&root, c, &theme()).ok()));
    let draw_profit_cb =
        Callback::new(move |root: Area| profit.with(|c| draw_profit(&root, c, &theme()).ok()));
    view! {
        <section class="panel charts" aria-labelledby="charts-title">
            <h2 id="charts-title" class="visually-hidden">"Charts"</h2>
            {show_cost.then(|| view! {
                <figure>
                    <figcaption>"Monthly cost by component against users (drag the marker)"</figcaption>
                    <ChartCanvas testid="chart-cost" height=300 draw=draw_cost_cb on_drag=drag_users
                        label="Monthly cost by component against users, with the current users marked"/>
                </figure>
            })}
            {show_revenue.then(|| view! {
                <figure>
                    <figcaption>"Revenue against cost, with break-even"</figcaption>
                    <ChartCanvas testid="chart-revenue" height=260 draw=draw_revenue_cb on_drag=drag_users
                        label="Revenue and cost against users, with the break-even point"/>
                </figure>
            })}
            {show_phases.then(|| view! {
                <figure>
                    <figcaption>"Phases: users over the months and what each component runs"</figcaption>
                    <ChartCanvas testid="chart-phases" height=320 draw=draw_phases_cb
                        label=Signal::derive(move || state.timeline.with(|t| format!("Phase timeline over {} months", t.months.len().saturating_sub(1))))/>
                </figure>
                <PhaseList/>
            })}
            {show_profit.then(|| view! {
                <figure>
                    <figcaption>"Cumulative profit after one-time costs, with payback"</figcaption>
                    <ChartCanvas testid="chart-profit" height=240 draw=draw_profit_cb
                        label="Cumulative profit over the months, with the payback point"/>
                </figure>
            })}
        </section>
    }
}

/// The upgrade events and alerts of the timeline in words, month by month.
#[component]
fn PhaseList() -> impl IntoView {
    let state = expect_state();
    let events = Memo::new(move |_| {
        state.model.with(|m| {
            state.timeline.with(|t| {
                t.events
                    .iter()
                    .map(|e| {
                        (
                            e.month,
                            e.describe(m),
                            matches!(e.kind, crate::model::timeline::EventKind::Alert { .. }),
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let phases = Memo::new(move |_| state.timeline.with(|t| t.phases.len()));
    view! {
        <details class="events" data-testid="phase-events" open=true>
            <summary>{move || format!("{} phase{}, {} event{}", phases.get(), if phases.get() == 1 { "" } else { "s" }, events.with(Vec::len), if events.with(Vec::len) == 1 { "" } else { "s" })}</summary>
            <ol>
                {move || {
                    events
                        .get()
                        .into_iter()
                        .map(|(_, text, alert)| view! { <li class:alert=alert>{text}</li> })
                        .collect_view()
                }}
            </ol>
        </details>
    }
}
