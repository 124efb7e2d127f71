//! The tornado chart: one bar per assumption, from the answer with it at its low end to
//! the answer at its high end, the largest swing on top, around the answer at the middle.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{fin, font, PAD, SMALL, TINY};
use super::geometry::Geometry;
use super::label::{short_name, text_width};
use super::theme::Theme;
use crate::model::sensitivity::{Answer, Sensitivity};

/// The most bars drawn; the rest are in the list beside the chart.
pub const TORNADO_BARS: usize = 8;

/// The longest label drawn beside a bar, in characters.
const LABEL_CHARS: usize = 30;

/// One bar, ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct TornadoBar {
    /// The assumption.
    pub label: String,
    /// The answer with the assumption at its low end, and at its high end, in the
    /// answer's unit; never or past the horizon drawn at the axis's far end.
    pub at_low: f64,
    /// See `at_low`.
    pub at_high: f64,
}

/// A tornado chart of one answer.
#[derive(Clone, Debug, PartialEq)]
pub struct TornadoChart {
    /// The answer.
    pub answer: Answer,
    /// The answer with every assumption at the middle of its range.
    pub base: f64,
    /// The bars, the largest swing first.
    pub bars: Vec<TornadoBar>,
    /// The timeline's length, for month answers.
    pub horizon_months: u32,
}

impl TornadoChart {
    /// The chart of one answer of a sensitivity pass; `None` when the pass does not have it.
    /// A month past the horizon is drawn at the month after it; users that never break
    /// even at twice the largest count that does.
    pub fn from_pass(pass: &Sensitivity, answer: Answer) -> Option<TornadoChart> {
        let t = pass.of(answer)?;
        let h = pass.horizon_months;
        let finite = t
            .bars
            .iter()
            .flat_map(|b| [b.at_low, b.at_high])
            .chain([t.base])
            .flatten()
            .fold(0.0, f64::max);
        let none = match answer {
            Answer::BreakEvenUsers => (finite * 2.0).max(1.0),
            Answer::HorizonProfit => 0.0,
            _ => f64::from(h) + 1.0,
        };
        let v = |x: Option<f64>| x.unwrap_or(none);
        Some(TornadoChart {
            answer,
            base: v(t.base),
            bars: t
                .bars
                .iter()
                .take(TORNADO_BARS)
                .map(|b| TornadoBar {
                    label: b.label.clone(),
                    at_low: v(b.at_low),
                    at_high: v(b.at_high),
                })
                .collect(),
            horizon_months: h,
        })
    }
}

/// Draws the tornado and returns where its plotting area is.
///
/// # Errors
/// The backend's error, if drawing fails.
pub fn draw_tornado<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &TornadoChart,
    t: &Theme,
) -> Result<Geometry, DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&t.background)?;
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let (low_colour, high_colour) = (t.series(0), t.series(1));
    let legend_h = SMALL as i32 + PAD;
    let axis_h = TINY as i32 + PAD;
    // Labels are shortened until they fit two fifths of the width.
    let room = f64::from(w * 2 / 5);
    let labels: Vec<String> = c
        .bars
        .iter()
        .map(|b| {
            let mut n = LABEL_CHARS;
            let mut l = short_name(&b.label, n);
            while n > 6 && text_width(&l, TINY) > room {
                n -= 2;
                l = short_name(&b.label, n);
            }
            l
        })
        .collect();
    let label_w = labels
        .iter()
        .map(|l| text_width(l, TINY) as i32)
        .max()
        .unwrap_or(0)
        .min(w * 2 / 5);
    let left = PAD + label_w + PAD;
    let right = w - PAD;
    let top = legend_h + PAD;
    let bottom = h - axis_h - PAD;
    let geo = |lo: f64, hi: f64| Geometry {
        x_px: (f64::from(left), f64::from(right)),
        y_px: (f64::from(top), f64::from(bottom)),
        x_range: (lo, hi),
        log_x: false,
    };
    // Legend: which colour is which end.
    let mut x = PAD;
    for (text, colour) in [
        ("assumption at its low end", low_colour),
        ("high end", high_colour),
    ] {
        root.draw(&Rectangle::new(
            [(x, PAD / 2), (x + 10, PAD / 2 + 10)],
            colour.filled(),
        ))?;
        root.draw(&Text::new(
            text,
            (x + 14, PAD / 2 + 5),
            font(TINY, t.text, HPos::Left, VPos::Center),
        ))?;
        x += 14 + text_width(text, TINY) as i32 + 2 * PAD;
    }
    if c.bars.is_empty() || right - left < 20 || bottom - top < 10 {
        root.present()?;
        return Ok(geo(0.0, 1.0));
    }
    let values = c
        .bars
        .iter()
        .flat_map(|b| [fin(b.at_low), fin(b.at_high)])
        .chain([fin(c.base)]);
    let lo = values.clone().fold(f64::INFINITY, f64::min);
    let hi = values.fold(f64::NEG_INFINITY, f64::max);
    let pad = 0.05 * (hi - lo).max(1e-9);
    let (lo, hi) = (lo - pad, hi + pad);
    let px = |v: f64| left + ((v - lo) / (hi - lo) * f64::from(right - left)).round() as i32;
    let row = f64::from(bottom - top) / c.bars.len() as f64;
    let bar_h = ((row * 0.6).round() as i32).max(3);
    let base_x = px(c.base);
    for (i, (b, label)) in c.bars.iter().zip(&labels).enumerate() {
        let mid = top + (row * (i as f64 + 0.5)).round() as i32;
        root.draw(&Text::new(
            label.clone(),
            (left - PAD, mid),
            font(TINY, t.text, HPos::Right, VPos::Center),
        ))?;
        for (v, colour) in [(b.at_low, low_colour), (b.at_high, high_colour)] {
            let x = px(fin(v));
            let (a, z) = (x.min(base_x), x.max(base_x).max(x.min(base_x) + 1));
            root.draw(&Rectangle::new(
                [(a, mid - bar_h / 2), (z, mid + bar_h / 2)],
                colour.mix(0.85).filled(),
            ))?;
        }
    }
    root.draw(&PathElement::new(
        vec![(base_x, top - PAD / 2), (base_x, bottom)],
        t.text.stroke_width(1),
    ))?;
    let h_months = c.horizon_months;
    let words = |v: f64| c.answer.words(Some(v), h_months);
    let middle = format!("middle: {}", words(c.base));
    let half = text_width(&middle, TINY) as i32 / 2 + PAD;
    for (v, pos) in [(lo + pad, HPos::Left), (hi - pad, HPos::Right)] {
        let text = words(v);
        // An end's value is left out where it would run into the middle's.
        if (px(v) - base_x).abs() < half + text_width(&text, TINY) as i32 {
            continue;
        }
        root.draw(&Text::new(
            text,
            (px(v), bottom + PAD / 2),
            font(TINY, t.muted, pos, VPos::Top),
        ))?;
    }
    root.draw(&Text::new(
        middle,
        (base_x, bottom + PAD / 2),
        font(TINY, t.text, HPos::Center, VPos::Top),
    ))?;
    root.present()?;
    Ok(geo(lo, hi))
}
