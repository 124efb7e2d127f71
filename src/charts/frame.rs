//! The drawing layer every chart shares: layout of legend, axes and plotting area,
//! data-to-pixel mapping, ticks, and the marker. Pixels here are relative to the root.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::geometry::Geometry;
use super::label::{short_count, short_usd, text_width};
use super::theme::{blend, Theme};

/// The backend's error, as every drawing call returns it.
pub(crate) type DrawError<DB> = DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>;

/// Font family of every label; a system family, so the web needs no font download.
pub(crate) const FAMILY: &str = "sans-serif";
/// Tick labels and legend text.
pub(crate) const SMALL: f64 = 12.0;
/// Labels inside lanes and next to points.
pub(crate) const TINY: f64 = 11.0;
/// Padding around the chart.
pub(crate) const PAD: i32 = 8;
/// Height of the x tick labels under the plot.
const X_AXIS_H: i32 = 22;
/// Below this size a chart only paints its background.
const MIN_W: u32 = 120;
const MIN_H: u32 = 80;
/// The largest magnitude drawn; beyond it values are clamped so ranges stay finite.
const HUGE: f64 = 1e13;

/// A value fit to draw: finite and not absurdly large.
pub(crate) fn fin(v: f64) -> f64 {
    if v.is_finite() {
        v.clamp(-HUGE, HUGE)
    } else {
        0.0
    }
}

/// A text style in the shared family.
pub(crate) fn font(size: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    (FAMILY, size).into_font().color(&color).pos(Pos::new(h, v))
}

/// How a legend entry is drawn.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Swatch {
    /// A filled square at an opacity.
    Fill(RGBColor, f64),
    /// A short line, dashed or not.
    Line(RGBColor, bool),
    /// None: the entry is a note, in muted text.
    Note,
}

/// One legend entry.
#[derive(Clone, Debug)]
pub(crate) struct LegendItem {
    pub text: String,
    pub swatch: Swatch,
}

const LEGEND_ROW: i32 = 18;
const SWATCH: i32 = 14;

/// Where each legend item goes, as (row, x offset), and how many rows it takes.
fn legend_layout(items: &[LegendItem], width: f64) -> (Vec<(i32, f64)>, i32) {
    let mut out = Vec::with_capacity(items.len());
    let (mut row, mut x) = (0, 0.0);
    for it in items {
        let swatch = match it.swatch {
            Swatch::Note => 0.0,
            _ => SWATCH as f64 + 5.0,
        };
        let w = swatch + text_width(&it.text, SMALL);
        if x > 0.0 && x + w > width {
            row += 1;
            x = 0.0;
        }
        out.push((row, x));
        x += w + 16.0;
    }
    let rows = if items.is_empty() { 0 } else { row + 1 };
    (out, rows)
}

/// Height a legend needs at a width.
pub(crate) fn legend_height(items: &[LegendItem], width: f64) -> i32 {
    legend_layout(items, width).1 * LEGEND_ROW
}

/// Draws a legend from `(x, y)`, wrapping at `width`.
pub(crate) fn draw_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    items: &[LegendItem],
    origin: (i32, i32),
    width: f64,
    t: &Theme,
) -> Result<(), DrawError<DB>> {
    let (places, _) = legend_layout(items, width);
    for (it, (row, dx)) in items.iter().zip(places) {
        let x = origin.0 + dx.round() as i32;
        let cy = origin.1 + row * LEGEND_ROW + LEGEND_ROW / 2;
        match it.swatch {
            Swatch::Fill(c, a) => {
                root.draw(&Rectangle::new(
                    [(x, cy - 5), (x + SWATCH, cy + 5)],
                    c.mix(a).filled(),
                ))?;
                root.draw(&Rectangle::new(
                    [(x, cy - 5), (x + SWATCH, cy + 5)],
                    c.stroke_width(1),
                ))?;
            }
            Swatch::Line(c, false) => {
                root.draw(&PathElement::new(
                    vec![(x, cy), (x + SWATCH, cy)],
                    c.stroke_width(2),
                ))?;
            }
            Swatch::Note => {}
            Swatch::Line(c, true) => {
                root.draw(&DashedPathElement::new(
                    vec![(x, cy), (x + SWATCH + 2, cy)],
                    5,
                    3,
                    c.stroke_width(2),
                ))?;
            }
        }
        let (at, ink) = match it.swatch {
            Swatch::Note => (x, t.muted),
            _ => (x + SWATCH + 5, t.text),
        };
        root.draw_text(
            &it.text,
            &font(SMALL, ink, HPos::Left, VPos::Center),
            (at, cy),
        )?;
    }
    Ok(())
}

/// The plotting area of a chart and its data ranges.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Frame {
    /// What the chart returns.
    pub geo: Geometry,
    /// The root's offset in the backend, to turn absolute pixels into root pixels.
    pub base: (i32, i32),
    /// Data values at the bottom and top.
    pub y: (f64, f64),
    /// True when y is on a log₁₀ scale; values at or below the bottom sit on it.
    pub log_y: bool,
}

impl Frame {
    pub fn left(&self) -> i32 {
        self.geo.x_px.0.round() as i32 - self.base.0
    }
    pub fn right(&self) -> i32 {
        self.geo.x_px.1.round() as i32 - self.base.0
    }
    pub fn top(&self) -> i32 {
        self.geo.y_px.0.round() as i32 - self.base.1
    }
    pub fn bottom(&self) -> i32 {
        self.geo.y_px.1.round() as i32 - self.base.1
    }

    /// Root pixel column of `x`, clamped to the plotting area.
    pub fn px(&self, x: f64) -> i32 {
        let p = self.geo.px_of(x).clamp(self.geo.x_px.0, self.geo.x_px.1);
        p.round() as i32 - self.base.0
    }

    /// Root pixel row of `v`, clamped to the plotting area.
    pub fn py(&self, v: f64) -> i32 {
        let (top, bottom) = self.geo.y_px;
        let (lo, hi, v) = if self.log_y {
            let l = |x: f64| x.max(1e-300).log10();
            (l(self.y.0), l(self.y.1), l(fin(v)))
        } else {
            (self.y.0, self.y.1, fin(v))
        };
        let t = if hi > lo {
            ((v - lo) / (hi - lo)).clamp(0.0, 1.0)
        } else {
            0.0
        };
        (bottom - t * (bottom - top)).round() as i32 - self.base.1
    }

    /// True when `x` is a value this frame can place.
    pub fn has(&self, x: f64) -> bool {
        x.is_finite() && (!self.geo.log_x || x > 0.0)
    }
}

/// Ticks at round values covering `lo..hi` with about `target` steps, and the range they
/// span (which becomes the axis range so the top grid line is the top of the plot).
pub(crate) fn nice_ticks(lo: f64, hi: f64, target: i32) -> (Vec<f64>, (f64, f64)) {
    let (mut lo, mut hi) = (fin(lo), fin(hi));
    if hi < lo {
        std::mem::swap(&mut lo, &mut hi);
    }
    if hi - lo <= 1e-12 * hi.abs().max(lo.abs()).max(1.0) {
        // A flat series: give it room above (and below when it is not at zero).
        let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.5 };
        if lo >= 0.0 && lo - pad < 0.0 {
            lo = 0.0;
        } else {
            lo -= pad;
        }
        hi += pad;
    }
    let target = target.clamp(2, 8) as f64;
    let raw = (hi - lo) / target;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let step = mag
        * if norm <= 1.0 {
            1.0
        } else if norm <= 2.0 {
            2.0
        } else if norm <= 2.5 {
            2.5
        } else if norm <= 5.0 {
            5.0
        } else {
            10.0
        };
    // A bound within rounding of a tick is that tick, not one step further out.
    let start = (lo / step + 1e-9).floor() * step;
    let end = (hi / step - 1e-9).ceil() * step;
    let mut ticks = Vec::new();
    let mut k = 0.0;
    while start + k * step <= end + step * 1e-6 && ticks.len() < 40 {
        // Snap to the step grid so that 0.1 + 0.2 reads as 0.3.
        let v = ((start + k * step) / step).round() * step;
        ticks.push(if v.abs() < step * 1e-9 { 0.0 } else { v });
        k += 1.0;
    }
    (ticks, (start, end))
}

/// Ticks for a log users axis: whole decades (every second or third when crowded), or
/// 1–2–5 steps when the range spans less than two decades.
pub(crate) fn log_ticks(lo: f64, hi: f64, max_labels: i32) -> Vec<f64> {
    let max_labels = max_labels.max(2) as usize;
    let (a, b) = (lo.max(1e-300).log10(), hi.max(1e-300).log10());
    let first = (a - 1e-9).ceil() as i32;
    let last = (b + 1e-9).floor() as i32;
    let decades: Vec<i32> = (first..=last).collect();
    if decades.len() >= 3 {
        let stride = decades.len().div_ceil(max_labels);
        // Keep the top decade and step down from it so the largest value is labelled.
        let mut out: Vec<f64> = decades
            .iter()
            .rev()
            .step_by(stride)
            .map(|d| 10f64.powi(*d))
            .collect();
        out.reverse();
        return out;
    }
    let mut out = Vec::new();
    for d in (first - 1)..=(last + 1) {
        for m in [1.0, 2.0, 5.0] {
            let v = m * 10f64.powi(d);
            if v >= lo * (1.0 - 1e-9) && v <= hi * (1.0 + 1e-9) {
                out.push(v);
            }
        }
    }
    if out.len() > max_labels {
        let stride = out.len().div_ceil(max_labels);
        out = out.into_iter().step_by(stride).collect();
    }
    if out.len() < 2 {
        out = vec![lo, hi];
    }
    out
}

/// Decade ticks for a log axis from `lo` (positive) to `hi`, and the whole decades they
/// span; at least one decade.
pub(crate) fn log_range_ticks(lo: f64, hi: f64, max_labels: i32) -> (Vec<f64>, (f64, f64)) {
    let hi = if hi.is_finite() && hi > 0.0 {
        hi.min(HUGE)
    } else {
        1.0
    };
    let lo = if lo.is_finite() && lo > 0.0 {
        lo.min(hi)
    } else {
        hi / 10.0
    };
    let a = (lo.log10() + 1e-9).floor();
    let b = (hi.log10() - 1e-9).ceil().max(a + 1.0);
    let range = (10f64.powf(a), 10f64.powf(b));
    (log_ticks(range.0, range.1, max_labels), range)
}

/// Ticks for a months axis: every 1, 2, 3, 6, 12… months, as many as fit.
pub(crate) fn month_ticks(hi: f64, max_labels: i32) -> Vec<f64> {
    let hi = fin(hi).max(1.0);
    let max_labels = max_labels.max(2) as f64;
    let step = [1.0, 2.0, 3.0, 4.0, 6.0, 12.0, 24.0, 36.0, 60.0, 120.0]
        .into_iter()
        .find(|s| (hi / s).floor() + 1.0 <= max_labels)
        .unwrap_or((hi / (max_labels - 1.0)).ceil());
    let n = (hi / step).floor() as usize;
    (0..=n.min(200)).map(|k| k as f64 * step).collect()
}

/// What lies along x.
#[derive(Clone, Copy, Debug)]
pub(crate) enum XAxis {
    /// Users on a log scale.
    Users { lo: f64, hi: f64 },
    /// Months from zero to `hi`, where the last month ends; month k spans k..k+1, so the
    /// ticks (month starts) run to `hi − 1`.
    Months { hi: f64 },
}

impl XAxis {
    fn range(self) -> (f64, f64, bool) {
        match self {
            XAxis::Users { lo, hi } => {
                let lo = if lo.is_finite() && lo > 0.0 { lo } else { 1.0 };
                let hi = if hi.is_finite() && hi > lo * 1.000_001 {
                    hi
                } else {
                    lo * 10.0
                };
                (lo, hi.min(1e15), true)
            }
            XAxis::Months { hi } => {
                let hi = if hi.is_finite() && hi >= 1.0 {
                    hi.min(1e4)
                } else {
                    1.0
                };
                (0.0, hi, false)
            }
        }
    }

    fn ticks(self, plot_w: f64) -> Vec<(f64, String)> {
        let (lo, hi, _) = self.range();
        match self {
            XAxis::Users { .. } => log_ticks(lo, hi, (plot_w / 52.0) as i32)
                .into_iter()
                .map(|v| (v, short_count(v)))
                .collect(),
            XAxis::Months { .. } => month_ticks((hi - 1.0).max(1.0), (plot_w / 44.0) as i32)
                .into_iter()
                .map(|v| (v, format!("M{}", v.round())))
                .collect(),
        }
    }
}

/// What a chart asks of the shared layout.
pub(crate) struct Layout<'a> {
    pub legend: &'a [LegendItem],
    pub x: XAxis,
    /// Lowest and highest data value along y, before rounding to ticks.
    pub y: (f64, f64),
    /// Log scale along y; `y.0` is then the smallest positive value to show.
    pub y_log: bool,
    pub y_label: fn(f64) -> String,
    /// Extra room above the plot (for event labels).
    pub top_extra: i32,
    /// Room kept below the plot before the x axis (for lanes); the frame ends above it.
    pub bottom_extra: i32,
}

impl<'a> Layout<'a> {
    /// Dollars on a linear y axis from `y.0` to `y.1`, with nothing above or below the plot.
    pub fn dollars(legend: &'a [LegendItem], x: XAxis, y: (f64, f64)) -> Layout<'a> {
        Layout {
            legend,
            x,
            y,
            y_log: false,
            y_label: short_usd,
            top_extra: 0,
            bottom_extra: 0,
        }
    }
}

/// The plotting area of a chart too small to draw in: the whole root.
pub(crate) fn whole(root_dim: (u32, u32), base: (i32, i32), x: XAxis) -> Frame {
    let (lo, hi, log) = x.range();
    Frame {
        geo: Geometry {
            x_px: (base.0 as f64, base.0 as f64 + root_dim.0 as f64),
            y_px: (base.1 as f64, base.1 as f64 + root_dim.1 as f64),
            x_range: (lo, hi),
            log_x: log,
        },
        base,
        y: (0.0, 1.0),
        log_y: false,
    }
}

/// True when the root is too small for anything but its background.
pub(crate) fn too_small(dim: (u32, u32)) -> bool {
    dim.0 < MIN_W || dim.1 < MIN_H
}

/// The rows a chart takes from the top: the legend's height (0 when it is dropped to
/// leave the plot room), and the plot's top and bottom edges, in root pixels.
pub(crate) fn vertical(
    dim: (u32, u32),
    legend: &[LegendItem],
    top_extra: i32,
    bottom_extra: i32,
) -> (i32, i32, i32) {
    let (w, h) = (dim.0 as i32, dim.1 as i32);
    let mut legend_h = legend_height(legend, (w - 2 * PAD) as f64);
    // The plot needs at least this much height; drop the legend before squeezing it.
    let min_plot = 40;
    let fixed = PAD + X_AXIS_H + 4 + 10 + top_extra + bottom_extra;
    if h - fixed - legend_h - 4 < min_plot {
        legend_h = 0;
    }
    let top = PAD + legend_h + if legend_h > 0 { 4 } else { 0 } + 10 + top_extra;
    let bottom = (h - X_AXIS_H - 4 - bottom_extra).max(top + 1);
    (legend_h, top, bottom)
}

/// Finishes a chart whose root is too small to draw in, and says where it would have been.
pub(crate) fn blank<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    x: XAxis,
) -> Result<Geometry, DrawError<DB>> {
    root.present()?;
    Ok(whole(root.dim_in_pixel(), root.get_base_pixel(), x).geo)
}

/// Lays a chart out, paints background, legend, grid and tick labels, and returns the
/// frame to plot in; `None` when the root is too small to draw in.
pub(crate) fn lay_out<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    l: &Layout,
    t: &Theme,
) -> Result<Option<Frame>, DrawError<DB>> {
    let dim = root.dim_in_pixel();
    let base = root.get_base_pixel();
    root.fill(&t.background)?;
    if too_small(dim) {
        return Ok(None);
    }
    let w = dim.0 as i32;
    let (legend_h, top, bottom) = vertical(dim, l.legend, l.top_extra, l.bottom_extra);
    if legend_h > 0 {
        draw_legend(root, l.legend, (PAD, PAD - 2), (w - 2 * PAD) as f64, t)?;
    }
    let plot_h = (bottom - top) as f64;
    let (ticks, y_range) = if l.y_log {
        log_range_ticks(l.y.0, l.y.1, (plot_h / 36.0) as i32)
    } else {
        nice_ticks(l.y.0, l.y.1, ((plot_h / 48.0).round() as i32).max(3))
    };
    let labels: Vec<String> = ticks.iter().map(|v| (l.y_label)(*v)).collect();
    let label_w = labels
        .iter()
        .map(|s| text_width(s, SMALL))
        .fold(0.0, f64::max);
    let left = (PAD + label_w.ceil() as i32 + 8).clamp(36, w / 3);
    let right = w - PAD - 12;
    let (lo, hi, log) = l.x.range();
    let frame = Frame {
        geo: Geometry {
            x_px: (
                (base.0 + left) as f64,
                (base.0 + right.max(left + 1)) as f64,
            ),
            y_px: ((base.1 + top) as f64, (base.1 + bottom) as f64),
            x_range: (lo, hi),
            log_x: log,
        },
        base,
        y: y_range,
        log_y: l.y_log,
    };
    let grid = t.grid.stroke_width(1);
    for (v, s) in ticks.iter().zip(&labels) {
        let y = frame.py(*v);
        root.draw(&PathElement::new(
            vec![(frame.left(), y), (frame.right(), y)],
            grid,
        ))?;
        root.draw_text(
            s,
            &font(SMALL, t.muted, HPos::Right, VPos::Center),
            (frame.left() - 6, y),
        )?;
    }
    draw_x_axis(root, &frame, l.x, frame.bottom() + l.bottom_extra, t)?;
    Ok(Some(frame))
}

/// Vertical grid lines from the plot's top to `axis_y`, the axis line there and the tick
/// labels below it.
pub(crate) fn draw_x_axis<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    f: &Frame,
    x: XAxis,
    axis_y: i32,
    t: &Theme,
) -> Result<(), DrawError<DB>> {
    let w = root.dim_in_pixel().0 as i32;
    let ticks = x.ticks((f.right() - f.left()) as f64);
    for (v, s) in &ticks {
        let px = f.px(*v);
        root.draw(&PathElement::new(
            vec![(px, f.top()), (px, axis_y)],
            t.grid.stroke_width(1),
        ))?;
        root.draw(&PathElement::new(
            vec![(px, axis_y), (px, axis_y + 4)],
            t.muted.stroke_width(1),
        ))?;
        // Keep the first and last labels inside the root.
        let half = (text_width(s, SMALL) / 2.0).ceil() as i32;
        let cx = px.clamp(half + 2, (w - half - 2).max(half + 2));
        root.draw_text(
            s,
            &font(SMALL, t.muted, HPos::Center, VPos::Top),
            (cx, axis_y + 6),
        )?;
    }
    root.draw(&PathElement::new(
        vec![(f.left(), axis_y), (f.right(), axis_y)],
        t.muted.stroke_width(1),
    ))?;
    Ok(())
}

/// A polygon between two series over the same xs: `upper` left to right, then `lower`
/// back. Points whose x cannot be placed are skipped; fewer than two, nothing is drawn.
pub(crate) fn band<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    f: &Frame,
    xs: &[f64],
    lower: &[f64],
    upper: &[f64],
    style: ShapeStyle,
) -> Result<(), DrawError<DB>> {
    let idx: Vec<usize> = (0..xs.len().min(lower.len()).min(upper.len()))
        .filter(|&i| f.has(xs[i]))
        .collect();
    if idx.len() < 2 {
        return Ok(());
    }
    let mut pts: Vec<(i32, i32)> = idx.iter().map(|&i| (f.px(xs[i]), f.py(upper[i]))).collect();
    pts.extend(idx.iter().rev().map(|&i| (f.px(xs[i]), f.py(lower[i]))));
    root.draw(&Polygon::new(pts, style))
}

/// A line through `(xs[i], ys[i])`, dashed or solid; unplaceable points are skipped.
pub(crate) fn line<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    f: &Frame,
    xs: &[f64],
    ys: &[f64],
    style: ShapeStyle,
    dashed: bool,
) -> Result<(), DrawError<DB>> {
    let pts: Vec<(i32, i32)> = xs
        .iter()
        .zip(ys)
        .filter(|(x, y)| f.has(**x) && y.is_finite())
        .map(|(x, y)| (f.px(*x), f.py(*y)))
        .collect();
    if pts.len() < 2 {
        return Ok(());
    }
    if dashed {
        root.draw(&DashedPathElement::new(pts, 6, 4, style))
    } else {
        root.draw(&PathElement::new(pts, style))
    }
}

/// The draggable marker: a bold line at `x` with a round handle at its top and the user
/// count beside the handle.
pub(crate) fn marker<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    f: &Frame,
    x: f64,
    t: &Theme,
) -> Result<(), DrawError<DB>> {
    if !f.has(x) {
        return Ok(());
    }
    let (lo, hi) = f.geo.x_range;
    let x = x.clamp(lo.min(hi), hi.max(lo));
    let px = f.px(x);
    let top = f.top();
    root.draw(&PathElement::new(
        vec![(px, top), (px, f.bottom())],
        t.text.stroke_width(2),
    ))?;
    root.draw(&Circle::new((px, top), 8, t.background.filled()))?;
    root.draw(&Circle::new((px, top), 6, t.text.filled()))?;
    let label = format!("{} users", short_count(x));
    let w = text_width(&label, SMALL).ceil() as i32;
    let right_side = px + 12 + w <= f.right();
    let (at, h, x0) = if right_side {
        (px + 12, HPos::Left, px + 10)
    } else {
        (px - 12, HPos::Right, px - 14 - w)
    };
    // A halo behind the count keeps it readable over the series.
    root.draw(&Rectangle::new(
        [(x0, top - 8), (x0 + w + 4, top + 8)],
        t.background.mix(0.85).filled(),
    ))?;
    root.draw_text(&label, &font(SMALL, t.text, h, VPos::Center), (at, top))
}

/// A dot with a short label above it, moved inside the plot when near an edge.
pub(crate) fn tagged_dot<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    f: &Frame,
    at: (i32, i32),
    label: Option<&str>,
    color: RGBColor,
    t: &Theme,
) -> Result<(), DrawError<DB>> {
    root.draw(&Circle::new(at, 7, t.background.filled()))?;
    root.draw(&Circle::new(at, 5, color.filled()))?;
    if let Some(label) = label {
        let w = text_width(label, TINY).ceil() as i32;
        let y = if at.1 - 20 >= f.top() {
            at.1 - 9
        } else {
            at.1 + 9 + TINY as i32
        };
        let x = (at.0 - w / 2).clamp(f.left() + 2, (f.right() - w - 2).max(f.left() + 2));
        root.draw(&Rectangle::new(
            [(x - 2, y - TINY as i32 - 1), (x + w + 2, y + 2)],
            blend(t.background, 0.85, color).mix(0.9).filled(),
        ))?;
        root.draw_text(label, &font(TINY, t.text, HPos::Left, VPos::Bottom), (x, y))?;
    }
    Ok(())
}

/// The marker alone at `users`, on a transparent layer laid over a chart drawn without
/// one; `geo` is where that chart put its plotting area. Dragging then redraws only this.
///
/// # Errors
/// The backend's error, if drawing fails.
pub fn draw_marker<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    geo: &Geometry,
    users: f64,
    t: &Theme,
) -> Result<(), DrawError<DB>> {
    let f = Frame {
        geo: *geo,
        base: root.get_base_pixel(),
        y: (0.0, 1.0),
        log_y: false,
    };
    marker(root, &f, users, t)?;
    root.present()
}
