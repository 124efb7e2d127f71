//! Users over the months of the timeline, and under them one lane per component showing
//! what it runs in each phase, with upgrade and alert events marked across both.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, fin, font, Frame, Layout, LegendItem, Swatch, XAxis, PAD, TINY};
use super::geometry::Geometry;
use super::label::{short_count, short_name, short_offer, text_width};
use super::theme::{blend, ink_on, Theme};
use crate::model::eval::{CompiledComponent, Part};
use crate::model::format;
use crate::model::timeline::EventKind;
use crate::model::{Model, Timeline};

/// Longest component name above a lane.
pub const LANE_NAME_CHARS: usize = 40;
/// Longest component name inside an event label.
const EVENT_NAME_CHARS: usize = 18;
/// Height of one row of event labels.
const EVENT_ROW: i32 = 14;
/// Most rows of event labels; labels that do not fit are left out, their lines stay.
const MAX_EVENT_ROWS: usize = 3;

/// The phase timeline, ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct PhaseChart {
    /// Month starts along x: 0, 1, … horizon.
    pub months: Vec<f64>,
    /// Users at each month start, as the timeline has them.
    pub users: Vec<f64>,
    /// One lane per component, in scenario order.
    pub lanes: Vec<Lane>,
    /// Upgrades and alerts, in month order.
    pub events: Vec<EventMark>,
}

/// One component's row: what it runs, phase by phase (worst case).
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    /// The component's name.
    pub name: String,
    /// Runs of months with the same offers and units, in order.
    pub spans: Vec<LaneSpan>,
}

/// A run of months in a lane.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneSpan {
    /// The month it starts.
    pub start_month: f64,
    /// The month the next span starts; horizon + 1 for the last.
    pub end_month: f64,
    /// What runs, as `2 × Basic 4 GB`; empty when the component is not used.
    pub label: String,
}

/// An upgrade or alert on the timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct EventMark {
    /// The month it happens.
    pub month: f64,
    /// A short description: `M4 App server → Basic 8 GB`.
    pub label: String,
    /// True for an alert (drawn dashed), false for an upgrade.
    pub alert: bool,
}

/// What a component runs as a short label: `Basic 4 GB`, `2 × Basic 4 GB`, parts of a
/// mix joined by `+`; empty when nothing runs.
fn config_label(comp: &CompiledComponent, config: &[Part]) -> String {
    config
        .iter()
        .map(|p| {
            let name = comp
                .candidates
                .get(p.candidate)
                .map_or_else(|| "?".to_string(), |c| short_offer(&c.offer));
            if p.units > 1 {
                format!("{} × {name}", p.units)
            } else {
                name
            }
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

impl PhaseChart {
    /// Reads users, the worst-case spans of every component and the events off a timeline
    /// built from the same model.
    pub fn from_timeline(model: &Model, timeline: &Timeline) -> PhaseChart {
        let count = timeline.months.len() as u32;
        let fits = |i: usize| timeline.months.iter().all(|s| s.components.len() > i);
        let lanes = model
            .components
            .iter()
            .enumerate()
            .map(|(i, comp)| Lane {
                name: comp.name.clone(),
                spans: if fits(i) {
                    timeline.spans(i)
                } else {
                    Vec::new()
                }
                .iter()
                .map(|s| LaneSpan {
                    start_month: s.start_month as f64,
                    end_month: (s.end_month + 1) as f64,
                    label: config_label(comp, &s.configuration),
                })
                .collect(),
            })
            .collect();
        let events = timeline
            .events
            .iter()
            .filter_map(|e| {
                let comp = model.components.get(e.component)?;
                let name = short_name(&comp.name, EVENT_NAME_CHARS);
                let (label, alert) = match e.kind {
                    EventKind::Upgrade => {
                        let to = config_label(comp, &e.to);
                        let to = if to.is_empty() {
                            "off".to_string()
                        } else {
                            short_name(&to, 20)
                        };
                        (format!("M{} {name} → {to}", e.month), false)
                    }
                    EventKind::Alert { level } => (
                        format!("M{} {name} ≥ {}", e.month, format::pct(level * 100.0)),
                        true,
                    ),
                };
                Some(EventMark {
                    month: e.month as f64,
                    label,
                    alert,
                })
            })
            .collect();
        // The users line has a point for each month the timeline has, and none past it.
        PhaseChart {
            months: (0..count).map(|m| m as f64).collect(),
            users: timeline.months.iter().map(|s| s.users).collect(),
            lanes,
            events,
        }
    }
}

/// Places event labels in rows above the plot, upgrades first; returns per event its
/// row and the left x of its label, or `None` when it did not fit.
fn place_labels(
    events: &[EventMark],
    px: impl Fn(f64) -> i32,
    right_edge: i32,
    rows: usize,
) -> Vec<Option<(usize, i32)>> {
    let mut taken: Vec<Vec<(i32, i32)>> = vec![Vec::new(); rows];
    let mut out = vec![None; events.len()];
    let order = (0..events.len())
        .filter(|&i| !events[i].alert)
        .chain((0..events.len()).filter(|&i| events[i].alert));
    for i in order {
        let e = &events[i];
        if !e.month.is_finite() {
            continue;
        }
        let x = px(e.month);
        let w = text_width(&e.label, TINY).ceil() as i32;
        let x0 = if x + 3 + w <= right_edge {
            x + 3
        } else if x - 3 - w >= PAD {
            x - 3 - w
        } else {
            continue;
        };
        let span = (x0 - 4, x0 + w + 4);
        if let Some(r) =
            (0..rows).find(|&r| taken[r].iter().all(|&(a, b)| span.1 <= a || span.0 >= b))
        {
            taken[r].push(span);
            out[i] = Some((r, x0));
        }
    }
    out
}

/// Draws the phase timeline and returns where its plotting area (users and lanes) is.
///
/// # Errors
/// The backend's error, if drawing fails.
pub fn draw_phases<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &PhaseChart,
    t: &Theme,
) -> Result<Geometry, DrawingAreaErrorKind<DB::ErrorType>> {
    let dim = root.dim_in_pixel();
    let x_hi = c
        .months
        .iter()
        .copied()
        .chain(
            c.lanes
                .iter()
                .flat_map(|l| l.spans.iter().map(|s| s.end_month)),
        )
        .chain(c.events.iter().map(|e| e.month))
        .filter(|m| m.is_finite())
        .fold(1.0, f64::max);
    let x = XAxis::Months { hi: x_hi };
    let mut legend = vec![LegendItem {
        text: "users".into(),
        swatch: Swatch::Line(t.accent, false),
    }];
    if c.events.iter().any(|e| !e.alert) {
        legend.push(LegendItem {
            text: "upgrade".into(),
            swatch: Swatch::Line(t.muted, false),
        });
    }
    if c.events.iter().any(|e| e.alert) {
        legend.push(LegendItem {
            text: "alert".into(),
            swatch: Swatch::Line(t.danger, true),
        });
    }
    if frame::too_small(dim) {
        root.fill(&t.background)?;
        root.present()?;
        return Ok(frame::whole(dim, root.get_base_pixel(), x).geo);
    }
    // Rows of event labels, judged with a provisional left edge; the final placement
    // below uses the real one and leaves out what no longer fits.
    let (w, h) = (dim.0 as i32, dim.1 as i32);
    let (lo, hi) = (0.0, x_hi);
    let (pl, pr) = (56.0, (w - PAD - 12) as f64);
    let guess = |m: f64| (pl + (m - lo) / (hi - lo) * (pr - pl)).round() as i32;
    let want_rows = place_labels(&c.events, guess, w - PAD, MAX_EVENT_ROWS)
        .iter()
        .flatten()
        .map(|(r, _)| r + 1)
        .max()
        .unwrap_or(0);
    let rows = if h < 220 { want_rows.min(1) } else { want_rows };
    let top_extra = rows as i32 * EVENT_ROW;
    // Lanes take up to 70% of the plot's height, 14–34 px each, leaving the users at
    // least 48 px.
    let n = c.lanes.len() as i32;
    let gap = 10;
    let (_, top, bottom) = frame::vertical(dim, &legend, top_extra, 0);
    let avail = bottom - top;
    let row_h = if n == 0 {
        0
    } else {
        let r = ((avail as f64 * 0.7) / n as f64).clamp(14.0, 34.0) as i32;
        if avail - n * r - gap < 48 {
            ((avail - 48 - gap) / n).max(4)
        } else {
            r
        }
    };
    let lanes_h = if n == 0 { 0 } else { n * row_h + gap };
    let users_hi = c.users.iter().map(|u| fin(*u)).fold(0.0, f64::max);
    let layout = Layout {
        legend: &legend,
        x,
        y: (0.0, users_hi * 1.05),
        y_log: false,
        y_label: short_count,
        top_extra,
        bottom_extra: lanes_h,
    };
    let Some(f) = frame::lay_out(root, &layout, t)? else {
        return frame::blank(root, x);
    };
    let zeros = vec![0.0; c.users.len()];
    frame::band(
        root,
        &f,
        &c.months,
        &zeros,
        &c.users,
        t.accent.mix(0.12).filled(),
    )?;
    frame::line(
        root,
        &f,
        &c.months,
        &c.users,
        t.accent.stroke_width(2),
        false,
    )?;
    let lanes_bottom = f.bottom() + lanes_h;
    let places = place_labels(&c.events, |m| f.px(m), w - PAD, rows);
    let row_y = |r: usize| f.top() - 4 - r as i32 * EVENT_ROW - EVENT_ROW / 2;
    // Lines first, then lanes and labels on a halo, so no line runs through text.
    for (e, place) in c.events.iter().zip(&places) {
        if !e.month.is_finite() {
            continue;
        }
        let px = f.px(e.month);
        let from = place.map_or(f.top(), |(r, _)| row_y(r));
        let pts = vec![(px, from), (px, lanes_bottom)];
        if e.alert {
            root.draw(&DashedPathElement::new(pts, 4, 3, t.danger.stroke_width(1)))?;
        } else {
            root.draw(&PathElement::new(pts, t.muted.stroke_width(1)))?;
        }
    }
    // Lanes over the event lines: where a lane changes, its own boundary shows it.
    let lanes_top = f.bottom() + gap;
    for (i, lane) in c.lanes.iter().enumerate() {
        draw_lane(root, &f, lane, i, lanes_top + i as i32 * row_h, row_h, t)?;
    }
    for (e, place) in c.events.iter().zip(places) {
        let Some((r, x0)) = place else { continue };
        let y = row_y(r);
        let w = text_width(&e.label, TINY).ceil() as i32;
        root.draw(&Rectangle::new(
            [
                (x0 - 1, y - EVENT_ROW / 2 + 1),
                (x0 + w + 1, y + EVENT_ROW / 2 - 1),
            ],
            t.background.mix(0.9).filled(),
        ))?;
        let ink = if e.alert { t.danger } else { t.text };
        root.draw_text(
            &e.label,
            &font(TINY, ink, HPos::Left, VPos::Center),
            (x0, y),
        )?;
    }
    root.present()?;
    let mut geo = f.geo;
    geo.y_px.1 += lanes_h as f64;
    Ok(geo)
}

fn draw_lane<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    f: &Frame,
    lane: &Lane,
    i: usize,
    y0: i32,
    row_h: i32,
    t: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let name = short_name(&lane.name, LANE_NAME_CHARS);
    let name_h = if row_h >= 26 { 13 } else { 0 };
    let bar = (y0 + name_h + 1, (y0 + row_h - 3).max(y0 + name_h + 3));
    let mid = (bar.0 + bar.1) / 2;
    if name_h > 0 {
        root.draw_text(
            &name,
            &font(TINY, t.text, HPos::Left, VPos::Top),
            (f.left(), y0),
        )?;
    }
    let color = t.series(i);
    for (j, s) in lane.spans.iter().enumerate() {
        if !(s.start_month.is_finite() && s.end_month.is_finite()) {
            continue;
        }
        let (x0, x1) = (f.px(s.start_month), f.px(s.end_month));
        // A gap of one pixel between neighbours; a span too narrow for it keeps 2 px.
        let x1 = if x1 - x0 >= 4 { x1 - 1 } else { x1.max(x0 + 2) };
        if s.label.is_empty() {
            root.draw(&Rectangle::new(
                [(x0, bar.0), (x1, bar.1)],
                t.muted.mix(0.6).stroke_width(1),
            ))?;
            continue;
        }
        // Alternate shades so that two neighbouring spans read as two.
        let alpha = if j % 2 == 0 { 0.85 } else { 0.5 };
        root.draw(&Rectangle::new(
            [(x0, bar.0), (x1, bar.1)],
            color.mix(alpha).filled(),
        ))?;
        let ink = ink_on(blend(color, alpha, t.background));
        let fits = |text: &str| text_width(text, TINY) + 8.0 <= (x1 - x0) as f64;
        if name_h > 0 && bar.1 - bar.0 >= 11 && fits(&s.label) {
            root.draw_text(
                &s.label,
                &font(TINY, ink, HPos::Left, VPos::Center),
                (x0 + 4, mid),
            )?;
        }
    }
    if name_h == 0 && row_h >= 10 {
        // No room above the bar: the lane's name goes on it, on a halo.
        let name = short_name(&lane.name, LANE_NAME_CHARS.min(24));
        let w = text_width(&name, TINY).ceil() as i32;
        let x0 = f.left() + 3;
        root.draw(&Rectangle::new(
            [(x0 - 2, mid - 6), (x0 + w + 2, mid + 6)],
            t.background.mix(0.8).filled(),
        ))?;
        root.draw_text(
            &name,
            &font(TINY, t.text, HPos::Left, VPos::Center),
            (x0, mid),
        )?;
    }
    Ok(())
}
