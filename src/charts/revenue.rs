//! Cost and revenue against users, each as a best–worst band, with a mark at every
//! crossing: where revenue comes to cover cost and where it stops, and the user marker.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::cost::{sample, sane_x_max, users_hi};
use super::frame::{self, fin, Frame, Layout, LegendItem, Swatch, XAxis};
use super::geometry::Geometry;
use super::label::{short_usd, text_width};
use super::theme::Theme;
use crate::model::break_even::{break_even, UserRange};
use crate::model::{Case, Model, PerCase};

/// Cost and revenue at log-spaced user counts, ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct RevenueChart {
    /// User counts along x, ascending, from 1 to `x_max`.
    pub users: Vec<f64>,
    /// Monthly cost in each case.
    pub cost: PerCase<Vec<f64>>,
    /// Monthly revenue in each case: the worst case's is the band's low end.
    pub revenue: PerCase<Vec<f64>>,
    /// The ranges of users at which revenue covers cost in each case, as the answers
    /// give them ([`crate::model::break_even::break_even`]).
    pub break_even: PerCase<Vec<UserRange>>,
    /// The user count the marker stands at.
    pub marker_users: f64,
    /// The right end of the x axis.
    pub x_max: f64,
}

impl RevenueChart {
    /// Samples the model at `points` log-spaced user counts from 1 to `x_max` (10 when
    /// `x_max` is not above 1), plus two points at each change of configuration.
    pub fn from_model(model: &Model, marker_users: f64, x_max: f64, points: usize) -> RevenueChart {
        let (users, _) = sample(model, sane_x_max(x_max), points);
        RevenueChart::at_counts(model, users, marker_users, x_max)
    }

    /// The same chart at user counts already sampled, such as a [`super::CostChart`]'s for
    /// the same model and `x_max`, so that the page samples the model once for both.
    pub fn at_counts(
        model: &Model,
        users: Vec<f64>,
        marker_users: f64,
        x_max: f64,
    ) -> RevenueChart {
        RevenueChart::at_counts_with(model, users, marker_users, x_max, break_even(model))
    }

    /// [`RevenueChart::at_counts`] with the break-even ranges already found, so that the
    /// page finds them once for the answers and the chart.
    pub fn at_counts_with(
        model: &Model,
        users: Vec<f64>,
        marker_users: f64,
        x_max: f64,
        break_even: PerCase<Vec<UserRange>>,
    ) -> RevenueChart {
        let x_max = sane_x_max(x_max);
        RevenueChart {
            cost: PerCase::from_fn(|case| model.costs_at(&users, case)),
            revenue: PerCase::from_fn(|case| {
                users.iter().map(|u| model.revenue_at(*u, case)).collect()
            }),
            break_even,
            users,
            marker_users,
            x_max,
        }
    }

    /// Every crossing the chart marks, ascending: the first user of each break-even range
    /// after a loss, and the last user of each that a loss follows, in each case, on the
    /// users axis (1 to `x_max`). A range from the first user has no crossing at its start.
    pub fn crossings(&self) -> Vec<(f64, Case)> {
        let mut out: Vec<(f64, Case)> = Case::BOTH
            .into_iter()
            .flat_map(|case| {
                self.break_even[case].iter().flat_map(move |r| {
                    [(r.from > 1.0).then_some(r.from), r.to]
                        .into_iter()
                        .flatten()
                        .map(move |u| (u, case))
                })
            })
            .filter(|(u, _)| u.is_finite() && *u >= 1.0 && *u <= self.x_max)
            .collect();
        out.sort_by(|a, b| a.0.total_cmp(&b.0));
        out
    }

    /// The users of every crossing the chart marks, each once, ascending.
    pub fn crossing_users(&self) -> Vec<f64> {
        let mut u: Vec<f64> = self.crossings().into_iter().map(|(u, _)| u).collect();
        u.dedup();
        u
    }

    /// Revenue where the case breaks even: the break-even point's height on the chart.
    fn revenue_at(&self, users: f64, case: Case) -> f64 {
        interpolate_log(&self.users, &self.revenue[case], users)
    }
}

/// `ys` at `x`, interpolated along log x between the samples around it.
fn interpolate_log(xs: &[f64], ys: &[f64], x: f64) -> f64 {
    let pts: Vec<(f64, f64)> = xs
        .iter()
        .zip(ys)
        .filter(|(a, b)| a.is_finite() && **a > 0.0 && b.is_finite())
        .map(|(a, b)| (*a, *b))
        .collect();
    let Some(first) = pts.first() else {
        return 0.0;
    };
    if x <= first.0 {
        return first.1;
    }
    for w in pts.windows(2) {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        if x <= x1 {
            let t = if x1 > x0 {
                (x.ln() - x0.ln()) / (x1.ln() - x0.ln())
            } else {
                1.0
            };
            return y0 + t.clamp(0.0, 1.0) * (y1 - y0);
        }
    }
    pts.last().map_or(0.0, |p| p.1)
}

/// Draws the cost and revenue bands and returns where the plotting area is.
///
/// # Errors
/// The backend's error, if drawing fails.
pub fn draw_revenue<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &RevenueChart,
    t: &Theme,
) -> Result<Geometry, DrawingAreaErrorKind<DB::ErrorType>> {
    // Log y: cost and revenue differ by orders of magnitude across the users axis, and
    // on a linear axis the crossing would sit flat on zero. Zeros sit on the bottom edge.
    let values = || {
        [
            &c.cost.best,
            &c.cost.worst,
            &c.revenue.worst,
            &c.revenue.best,
        ]
        .into_iter()
        .flatten()
        .map(|v| fin(*v))
        .filter(|v| *v > 0.0)
    };
    let y_hi = values().fold(0.0, f64::max);
    let y_lo = values().fold(f64::INFINITY, f64::min).max(y_hi / 1e6);
    let legend = [
        LegendItem {
            text: "cost, best–worst".into(),
            swatch: Swatch::Fill(t.danger, 0.3),
        },
        LegendItem {
            text: "revenue, low–high".into(),
            swatch: Swatch::Fill(t.good, 0.3),
        },
    ];
    let x = XAxis::Users {
        lo: 1.0,
        hi: users_hi(c.x_max, &c.users),
    };
    let layout = Layout {
        legend: &legend,
        x,
        y: (y_lo, y_hi),
        y_log: true,
        y_label: short_usd,
        top_extra: 0,
        bottom_extra: 0,
    };
    let Some(f) = frame::lay_out(root, &layout, t)? else {
        return frame::blank(root, x);
    };
    let pair = |a: &[f64], b: &[f64]| -> (Vec<f64>, Vec<f64>) {
        a.iter()
            .zip(b)
            .map(|(a, b)| (fin(*a).min(fin(*b)), fin(*a).max(fin(*b))))
            .unzip()
    };
    let bands = [
        ((&c.revenue.worst, &c.revenue.best), t.good),
        ((&c.cost.best, &c.cost.worst), t.danger),
    ];
    for ((a, b), color) in bands {
        let (lo, hi) = pair(a, b);
        frame::band(root, &f, &c.users, &lo, &hi, color.mix(0.22).filled())?;
        frame::line(root, &f, &c.users, &lo, color.stroke_width(2), false)?;
        frame::line(root, &f, &c.users, &hi, color.stroke_width(2), false)?;
    }
    draw_break_even(root, &f, c, t)?;
    frame::marker(root, &f, c.marker_users, t)?;
    root.present()?;
    Ok(f.geo)
}

fn draw_break_even<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    f: &Frame,
    c: &RevenueChart,
    t: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (lo, hi) = f.geo.x_range;
    let mut last_label: Option<i32> = None;
    let label_gap = text_width("break-even", frame::TINY) as i32 + 10;
    for (u, case) in c.crossings() {
        let u = u.clamp(lo, hi);
        let at = (f.px(u), f.py(c.revenue_at(u, case)));
        // One label when both points sit close together.
        let label = match last_label {
            Some(px) if (at.0 - px).abs() < label_gap => None,
            _ => Some("break-even"),
        };
        if label.is_some() {
            last_label = Some(at.0);
        }
        frame::tagged_dot(root, f, at, label, t.text, t)?;
    }
    Ok(())
}
