//! The four charts on canvas. Each canvas is sized to its CSS box times the device pixel
//! ratio and redrawn from scratch whenever its data changes; the drawing lives in `charts`.
//! The draggable marker sits on a transparent canvas of its own over the chart, so that
//! moving it redraws a line and a label, not the chart under it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::html;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::canvas::Canvas2d;
use super::expect_state;
use crate::charts::{
    draw_cost, draw_marker, draw_phases, draw_profit, draw_revenue, CostChart, Geometry,
    PhaseChart, ProfitChart, RevenueChart, Theme,
};
pub(crate) use crate::charts::{x_max_for, POINTS};

const DARK_QUERY: &str = "(prefers-color-scheme: dark)";

fn prefers_dark() -> bool {
    window()
        .match_media(DARK_QUERY)
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// Whether the reader's system is in dark mode, as a signal the charts redraw on.
#[derive(Clone, Copy)]
pub struct ColourScheme(ReadSignal<bool>);

impl ColourScheme {
    /// Follows the system's colour scheme for the rest of the page's life, and puts the
    /// signal in context for every chart below.
    pub fn watch() {
        let (dark, set_dark) = signal(prefers_dark());
        if let Ok(Some(query)) = window().match_media(DARK_QUERY) {
            let changed = Closure::<dyn Fn()>::new(move || set_dark.set(prefers_dark()));
            let _ =
                query.add_event_listener_with_callback("change", changed.as_ref().unchecked_ref());
            // The listener lasts as long as the page.
            changed.forget();
        }
        provide_context(ColourScheme(dark));
    }

    /// The scheme in context, or the system's scheme now when there is none.
    fn current() -> Signal<bool> {
        use_context::<ColourScheme>().map_or_else(|| Signal::stored(prefers_dark()), |s| s.0.into())
    }
}

pub(crate) type Area = DrawingArea<Canvas2d, Shift>;

/// The mounted canvas and a backend drawing on it in CSS pixels, once it has a width.
fn backend_for(
    canvas: NodeRef<html::Canvas>,
    css: (u32, u32),
    backing: StoredValue<(u32, u32)>,
) -> Option<(web_sys::HtmlCanvasElement, Canvas2d)> {
    let el = canvas.get_untracked()?;
    if css.0 == 0 {
        return None;
    }
    let ctx = context_for(&el, css, backing)?;
    Some((el, Canvas2d::new(ctx, css)))
}

/// Sizes a canvas's backing store to `css` pixels times the device pixel ratio (only when
/// that changed, since resizing clears it) and returns its context scaled to CSS pixels.
fn context_for(
    el: &web_sys::HtmlCanvasElement,
    css: (u32, u32),
    backing: StoredValue<(u32, u32)>,
) -> Option<web_sys::CanvasRenderingContext2d> {
    let dpr = window().device_pixel_ratio().max(1.0);
    let size = (
        (f64::from(css.0) * dpr).round() as u32,
        (f64::from(css.1) * dpr).round() as u32,
    );
    let ctx = el
        .get_context("2d")
        .ok()
        .flatten()?
        .dyn_into::<web_sys::CanvasRenderingContext2d>()
        .ok()?;
    if backing.get_value() != size {
        el.set_width(size.0);
        el.set_height(size.1);
        backing.set_value(size);
    }
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    Some(ctx)
}

thread_local! {
    static FIRST_CHART_MARKED: Cell<bool> = const { Cell::new(false) };
}

/// Marks the first chart painted, for the load benchmark (benches/browser.mjs).
fn mark_first_chart() {
    if !FIRST_CHART_MARKED.replace(true) {
        if let Some(perf) = window().performance() {
            let _ = perf.mark("headroom:first-chart");
        }
    }
}

/// The charts' "draw now if out of date" hooks, by id, and the last id given out.
type Hooks = (u64, Vec<(u64, Rc<dyn Fn()>)>);

thread_local! {
    static OUT_OF_VIEW: RefCell<Hooks> = RefCell::new((0, Vec::new()));
}

fn register_out_of_view(paint: impl Fn() + 'static) -> u64 {
    OUT_OF_VIEW.with_borrow_mut(|(next, all)| {
        *next += 1;
        all.push((*next, Rc::new(paint)));
        *next
    })
}

fn unregister_out_of_view(id: u64) {
    OUT_OF_VIEW.with_borrow_mut(|(_, all)| all.retain(|(i, _)| *i != id));
}

/// Draws every chart that is out of view and out of date, at once: before printing and
/// before a chart is exported.
pub(crate) fn draw_out_of_view() {
    let all: Vec<Rc<dyn Fn()>> =
        OUT_OF_VIEW.with_borrow(|(_, all)| all.iter().map(|(_, f)| f.clone()).collect());
    for paint in all {
        paint();
    }
}

/// How far outside the viewport a chart is still drawn, in CSS pixels, so that it is
/// ready before it scrolls in.
const VIEW_MARGIN: f64 = 400.0;

/// Gives the canvas its height, then keeps `css_width` at its width and `in_view` true
/// while it is within a margin of the viewport.
fn watch_box(
    canvas: NodeRef<html::Canvas>,
    height: u32,
    css_width: RwSignal<u32>,
    in_view: RwSignal<bool>,
) {
    type Entries = Closure<dyn Fn(js_sys::Array)>;
    type Watch = (
        Option<web_sys::ResizeObserver>,
        Option<web_sys::IntersectionObserver>,
        Entries,
        Entries,
    );
    let watch = StoredValue::new_local(None::<Watch>);
    Effect::new(move |_| {
        let Some(el) = canvas.get() else { return };
        if watch.with_value(Option::is_some) {
            return;
        }
        // Set through the style object: the Content Security Policy forbids style attributes.
        let _ = web_sys::HtmlElement::style(el.unchecked_ref())
            .set_property("height", &format!("{height}px"));
        let first = StoredValue::new(true);
        let sized = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Some(last) = entries.iter().last() {
                let entry: web_sys::ResizeObserverEntry = last.unchecked_into();
                if first.get_value() {
                    // The first size arrives with the first layout, a task before the
                    // intersection observer's first report: a chart on screen is drawn in
                    // the page's first frame, and those just below it a task later.
                    first.set_value(false);
                    let rect = entry.target().get_bounding_client_rect();
                    let screen = window()
                        .inner_height()
                        .ok()
                        .and_then(|h| h.as_f64())
                        .unwrap_or(0.0);
                    in_view.set(rect.bottom() > 0.0 && rect.top() < screen);
                }
                let w = entry.content_rect().width().round().max(0.0) as u32;
                if w != css_width.get_untracked() {
                    css_width.set(w);
                }
            }
        });
        let resize = web_sys::ResizeObserver::new(sized.as_ref().unchecked_ref()).ok();
        match &resize {
            Some(ro) => ro.observe(&el),
            None => css_width.set(el.client_width().max(0) as u32),
        }
        let seen = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Some(last) = entries.iter().last() {
                let entry: web_sys::IntersectionObserverEntry = last.unchecked_into();
                in_view.set(entry.is_intersecting());
            }
        });
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin(&format!("{VIEW_MARGIN}px 0px"));
        let sight = web_sys::IntersectionObserver::new_with_options(
            seen.as_ref().unchecked_ref(),
            &options,
        )
        .ok();
        match &sight {
            Some(io) => io.observe(&el),
            // Without the observer every chart is simply always drawn.
            None => in_view.set(true),
        }
        watch.set_value(Some((resize, sight, sized, seen)));
    });
    on_cleanup(move || {
        let _ = watch.try_with_value(|w| {
            if let Some((resize, sight, _, _)) = w {
                if let Some(ro) = resize {
                    ro.disconnect();
                }
                if let Some(io) = sight {
                    io.disconnect();
                }
            }
        });
    });
}

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
    /// Draws the chart in a theme; returns where its plotting area lies.
    draw: Callback<(Area, Theme), Option<Geometry>>,
    /// The users the marker stands at, drawn on a layer of its own over the chart.
    #[prop(optional)]
    marker: Option<Signal<f64>>,
    /// Receives the x value under the pointer while it is dragged, if the chart has a marker.
    #[prop(optional)]
    on_drag: Option<Callback<f64>>,
    /// The users of the points the chart marks, space-separated, for tests and docs: its
    /// `data-crossings`.
    #[prop(optional, into)]
    crossings: Option<Signal<String>>,
    /// The x of each point of the chart's main line, space-separated, for tests and docs:
    /// its `data-points`.
    #[prop(optional, into)]
    points: Option<Signal<String>>,
) -> impl IntoView {
    let canvas: NodeRef<html::Canvas> = NodeRef::new();
    let layer: NodeRef<html::Canvas> = NodeRef::new();
    let dark = ColourScheme::current();
    let geometry = RwSignal::new(None::<Geometry>);
    // The canvas's CSS width comes from a resize observer, which reports it after layout:
    // reading it from the element would force a layout of its own.
    let css_width = RwSignal::new(0u32);
    // A chart is drawn only while it is on screen or near it; one that scrolled away is
    // drawn again, with whatever changed meanwhile, when it comes back.
    let in_view = RwSignal::new(false);
    watch_box(canvas, height, css_width, in_view);
    let stale = StoredValue::new(true);
    let backing = StoredValue::new((0u32, 0u32));
    let paint = move |css_w: u32, dark: bool| {
        let Some((el, backend)) = backend_for(canvas, (css_w, height), backing) else {
            return;
        };
        let root = backend.into_drawing_area();
        let g = draw.run((root, Theme::for_scheme(dark)));
        stale.set_value(false);
        if g != geometry.get_untracked() {
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
            geometry.set(g);
        }
        mark_first_chart();
    };
    let layer_backing = StoredValue::new((0u32, 0u32));
    // The marker moved while its chart was out of view.
    let marker_stale = StoredValue::new(false);
    let paint_marker = move |users: f64, css_w: u32, dark: bool| {
        marker_stale.set_value(false);
        let Some(g) = geometry.get_untracked() else {
            return;
        };
        let Some((_, backend)) = backend_for(layer, (css_w, height), layer_backing) else {
            return;
        };
        backend.clear();
        let _ = draw_marker(
            &backend.into_drawing_area(),
            &g,
            users,
            &Theme::for_scheme(dark),
        );
    };
    Effect::new(move |_| {
        let (css_w, dark) = (css_width.get(), dark.get());
        if in_view.get() {
            paint(css_w, dark);
        } else {
            stale.set_value(true);
        }
    });
    if let Some(marker) = marker {
        Effect::new(move |_| {
            let users = marker.get();
            geometry.track();
            let (css_w, dark) = (css_width.get(), dark.get());
            if in_view.get() {
                paint_marker(users, css_w, dark);
            } else {
                marker_stale.set_value(true);
            }
        });
    }
    let id = register_out_of_view(move || {
        let chart = stale.get_value();
        if chart || marker_stale.get_value() {
            untrack(|| {
                let (css_w, dark) = (css_width.get(), dark.get());
                if chart {
                    paint(css_w, dark);
                }
                if let Some(marker) = marker {
                    paint_marker(marker.get(), css_w, dark);
                }
            });
        }
    });
    on_cleanup(move || unregister_out_of_view(id));
    let value_at = move |ev: &web_sys::PointerEvent| {
        geometry.with_untracked(|g| g.as_ref().map(|g| g.x_value_at(ev.offset_x() as f64)))
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
        <div class="chart-box">
            <canvas
                node_ref=canvas
                data-testid=testid
                data-crossings=move || crossings.map(|c| c.get())
                data-points=move || points.map(|p| p.get())
                class="chart"
                class:draggable=on_drag.is_some()
                role="img"
                aria-label=move || label.get()
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=on_up
            ></canvas>
            {marker.map(|_| view! { <canvas node_ref=layer class="chart-layer" aria-hidden="true"></canvas> })}
        </div>
    }
}

/// A chart as a PNG data URL, with its marker layer (if any) painted over it.
pub(crate) fn chart_png(testid: &str) -> Option<String> {
    draw_out_of_view();
    let chart = document()
        .query_selector(&format!("canvas[data-testid={testid}]"))
        .ok()??
        .dyn_into::<web_sys::HtmlCanvasElement>()
        .ok()?;
    let layer = chart
        .next_element_sibling()
        .and_then(|e| e.dyn_into::<web_sys::HtmlCanvasElement>().ok());
    let Some(layer) = layer else {
        return chart.to_data_url().ok();
    };
    let both = document()
        .create_element("canvas")
        .ok()?
        .dyn_into::<web_sys::HtmlCanvasElement>()
        .ok()?;
    both.set_width(chart.width());
    both.set_height(chart.height());
    let ctx = both
        .get_context("2d")
        .ok()??
        .dyn_into::<web_sys::CanvasRenderingContext2d>()
        .ok()?;
    ctx.draw_image_with_html_canvas_element(&chart, 0.0, 0.0)
        .ok()?;
    ctx.draw_image_with_html_canvas_element(&layer, 0.0, 0.0)
        .ok()?;
    both.to_data_url().ok()
}

/// What the charts draw, computed once for every chart on the page: the cost chart beside
/// the answers and the others further down share the same curves.
#[derive(Clone, Copy)]
pub struct ChartData {
    cost: Memo<CostChart>,
    revenue: Memo<RevenueChart>,
    crossings: Signal<String>,
    phases: Memo<PhaseChart>,
    phase_months: Memo<String>,
    profit: Memo<ProfitChart>,
}

impl ChartData {
    /// The charts' data over the app's state.
    fn new(state: super::AppState) -> ChartData {
        // The users axis follows the scenario, not the marker, so that it holds still while the
        // marker is dragged; it widens only when the users go past it.
        let scenario_x_max = Memo::new(move |_| {
            state.model.with(|m| {
                let now = m.scenario().users.now;
                let end =
                    crate::model::timeline::users_at(m, m.scenario().users.horizon_months as f64);
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
        // The marker is drawn on its own layer, so the charts' data carry none.
        let cost = Memo::new(move |_| {
            let x = x_max.get();
            state
                .model
                .with(|m| CostChart::from_model(m, f64::NAN, x, POINTS))
        });
        // The revenue chart is drawn at the counts the cost chart sampled.
        let revenue = Memo::new(move |_| {
            let x = x_max.get();
            let users = cost.with(|c| c.users.clone());
            let ranges = state.break_even.get();
            state
                .model
                .with(|m| RevenueChart::at_counts_with(m, users, f64::NAN, x, ranges))
        });
        let crossings = Signal::derive(move || {
            revenue.with(|c| {
                c.crossing_users()
                    .iter()
                    .map(|u| u.to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
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
        // The months change with the horizon, not with the users: a memo, so that a drag
        // does not rewrite the attribute.
        let phase_months = Memo::new(move |_| {
            phases.with(|c| {
                c.months
                    .iter()
                    .map(|m| m.to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
        });
        ChartData {
            cost,
            revenue,
            crossings,
            phases,
            phase_months,
            profit,
        }
    }

    /// Puts the charts' data in context for every chart below.
    pub fn provide(state: super::AppState) {
        provide_context(ChartData::new(state));
    }
}

/// Cost against users, revenue against cost, the phase timeline and cumulative profit.
#[component]
pub fn Charts(
    /// Which charts to show (`cost`, `revenue`, `phases`, `profit`); all when empty.
    #[prop(optional)]
    only: Vec<String>,
    /// The heading read out for the section; shown to screen readers only.
    #[prop(default = "Charts")]
    title: &'static str,
    /// The id of that heading, unique on the page.
    #[prop(default = "charts-title")]
    title_id: &'static str,
) -> impl IntoView {
    let show = move |name: &str| only.is_empty() || only.iter().any(|o| o == name);
    let (show_cost, show_revenue, show_phases, show_profit) = (
        show("cost"),
        show("revenue"),
        show("phases"),
        show("profit"),
    );
    let state = expect_state();
    let data = use_context::<ChartData>().unwrap_or_else(|| ChartData::new(state));
    let (cost, revenue, phases, profit) = (data.cost, data.revenue, data.phases, data.profit);
    let draw_cost_cb = Callback::new(move |(root, theme): (Area, Theme)| {
        cost.with(|c| draw_cost(&root, c, &theme).ok())
    });
    let draw_revenue_cb = Callback::new(move |(root, theme): (Area, Theme)| {
        revenue.with(|c| draw_revenue(&root, c, &theme).ok())
    });
    let marker = Signal::from(state.users);
    let drag_users = Callback::new(move |x: f64| {
        if x.is_finite() {
            state.users.set(crate::model::input::slider_users(
                crate::model::input::slider_position(x.round().max(1.0)),
            ));
        }
    });
    let draw_phases_cb = Callback::new(move |(root, theme): (Area, Theme)| {
        phases.with(|c| draw_phases(&root, c, &theme).ok())
    });
    let draw_profit_cb = Callback::new(move |(root, theme): (Area, Theme)| {
        profit.with(|c| draw_profit(&root, c, &theme).ok())
    });
    view! {
        <section class="panel charts" aria-labelledby=title_id>
            <h2 id=title_id class="visually-hidden">{title}</h2>
            {show_cost.then(|| view! {
                <figure>
                    <figcaption>"Monthly cost by component against users (drag the marker)"</figcaption>
                    <ChartCanvas testid="chart-cost" height=300 draw=draw_cost_cb marker=marker on_drag=drag_users
                        label="Monthly cost by component against users, with the current users marked"/>
                </figure>
            })}
            {show_revenue.then(|| view! {
                <figure>
                    <figcaption>"Revenue against infrastructure cost, with each break-even crossing"</figcaption>
                    <ChartCanvas testid="chart-revenue" height=260 draw=draw_revenue_cb marker=marker on_drag=drag_users
                        crossings=data.crossings
                        label="Revenue and infrastructure cost against users, with a mark where revenue comes to cover cost and where it stops"/>
                </figure>
            })}
            {show_phases.then(|| view! {
                <figure>
                    <figcaption>"Phases: users over the months and what each component runs"</figcaption>
                    <ChartCanvas testid="chart-phases" height=320 draw=draw_phases_cb points=data.phase_months
                        label=Signal::derive(move || state.timeline.with(|t| format!("Phase timeline over {} months", t.months.len().saturating_sub(1))))/>
                </figure>
                <Show when=super::first_frame_shown()>
                    <PhaseList/>
                </Show>
            })}
            {show_profit.then(|| view! {
                <figure>
                    <figcaption>"Cumulative profit after one-time costs, with payback, and the cash in the bank"</figcaption>
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
