//! Monthly cost against users for two or three scenarios on one chart: each a worst-case
//! line (the first solid, the others dashed) over a translucent band down to its best
//! case, with the draggable user marker.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::cost::{sample, sane_x_max, users_hi};
use super::frame::{self, fin, Layout, LegendItem, Swatch, XAxis};
use super::geometry::Geometry;
use super::label::short_name;
use super::theme::Theme;
use crate::model::sweep::log_space;
use crate::model::{Case, Model, PerCase};

/// Longest scenario name in the legend: long enough for a variant's name with its
/// parenthesised detail, `Multi-VPS gateway (4 × $10 VPS)`.
pub const COMPARE_NAME_CHARS: usize = 32;
/// Opacity of each best–worst band; low, so that three overlapping bands stay apart.
const BAND_ALPHA: f64 = 0.2;

/// The monthly cost of several scenarios at the same user counts, ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareChart {
    /// User counts along x, ascending, from 1 to `x_max`.
    pub users: Vec<f64>,
    /// One per scenario; the first is the scenario being edited.
    pub series: Vec<CompareSeries>,
    /// The user count the marker stands at.
    pub marker_users: f64,
    /// The right end of the x axis.
    pub x_max: f64,
}

/// One scenario's monthly cost along the users axis.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareSeries {
    /// The scenario's name, as given; the legend shortens it.
    pub name: String,
    /// Total monthly cost at each user count, in each case.
    pub cost: PerCase<Vec<f64>>,
}

impl CompareChart {
    /// Samples every model at the same user counts: `points` log-spaced from 1 to `x_max`
    /// (10 when `x_max` is not above 1), two around each change of configuration of any
    /// model so that steps draw as steps, and the marker's, so that the lines pass through
    /// the costs shown beside the chart.
    pub fn from_models(
        models: &[(String, &Model)],
        marker_users: f64,
        x_max: f64,
        points: usize,
    ) -> CompareChart {
        let x_max = sane_x_max(x_max);
        let mut users: Vec<f64> = log_space(1.0, x_max, points.clamp(2, 4000)).collect();
        for (_, m) in models {
            users.extend(sample(m, x_max, points).0);
        }
        if marker_users.is_finite() && (1.0..=x_max).contains(&marker_users) {
            users.push(marker_users);
        }
        users.sort_by(f64::total_cmp);
        users.dedup();
        let series = models
            .iter()
            .map(|(name, m)| CompareSeries {
                name: name.clone(),
                cost: PerCase::from_fn(|case| users.iter().map(|u| m.cost_at(*u, case)).collect()),
            })
            .collect();
        CompareChart {
            users,
            series,
            marker_users,
            x_max,
        }
    }

    /// The same chart with the marker at `marker_users`: the count added to the samples,
    /// with each model's cost there, as [`CompareChart::from_models`] would have sampled
    /// it. `models` are the ones the chart was sampled from, in the same order; a drag
    /// moves the marker without sampling the models again.
    pub fn with_marker(&self, models: &[&Model], marker_users: f64) -> CompareChart {
        let mut chart = self.clone();
        chart.marker_users = marker_users;
        if !(marker_users.is_finite() && (1.0..=self.x_max).contains(&marker_users)) {
            return chart;
        }
        let at = self.users.partition_point(|&u| u < marker_users);
        if self.users.get(at) == Some(&marker_users) {
            return chart;
        }
        chart.users.insert(at, marker_users);
        for (series, m) in chart.series.iter_mut().zip(models) {
            for case in Case::BOTH {
                series.cost[case].insert(at, m.cost_at(marker_users, case));
            }
        }
        chart
    }
}

/// Legend names for the series: the `: `-separated parts every name shares dropped (a
/// variant is named `Scenario: Variant`), each cut to [`COMPARE_NAME_CHARS`], numbered
/// when two still read the same.
fn legend_names(names: &[&str]) -> Vec<String> {
    let parts: Vec<Vec<&str>> = names
        .iter()
        .map(|n| n.split(": ").map(str::trim).collect())
        .collect();
    let shared = |p: &str| names.len() > 1 && parts.iter().all(|q| q.contains(&p));
    let mut plain: Vec<String> = parts
        .iter()
        .zip(names)
        .map(|(ps, full)| {
            let kept: Vec<&str> = ps.iter().copied().filter(|p| !shared(p)).collect();
            if kept.is_empty() {
                full.trim().to_string()
            } else {
                kept.join(": ")
            }
        })
        .collect();
    // Dropping parts must not make two different names one.
    let merged = (0..names.len())
        .any(|i| (i + 1..names.len()).any(|j| plain[i] == plain[j] && names[i] != names[j]));
    if merged {
        plain = names.iter().map(|n| n.trim().to_string()).collect();
    }
    let short: Vec<String> = plain
        .iter()
        .enumerate()
        .map(|(i, n)| match short_name(n, COMPARE_NAME_CHARS) {
            s if s.is_empty() => format!("Scenario {}", i + 1),
            s => s,
        })
        .collect();
    short
        .iter()
        .enumerate()
        .map(
            |(i, s)| match short[..i].iter().filter(|o| *o == s).count() {
                0 => s.clone(),
                n => format!("{s} ({})", n + 1),
            },
        )
        .collect()
}

/// The points of a series that can be drawn: finite x, finite best and worst, each
/// clamped to the drawable range; `(x, best, worst)`.
fn drawable(users: &[f64], cost: &PerCase<Vec<f64>>) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let mut out = (Vec::new(), Vec::new(), Vec::new());
    for ((x, b), w) in users.iter().zip(&cost.best).zip(&cost.worst) {
        if x.is_finite() && b.is_finite() && w.is_finite() {
            out.0.push(*x);
            out.1.push(fin(*b));
            out.2.push(fin(*w));
        }
    }
    out
}

/// Draws every scenario's cost band and worst-case line and returns where the plotting
/// area is.
///
/// # Errors
/// The backend's error, if drawing fails.
pub fn draw_compare<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &CompareChart,
    t: &Theme,
) -> Result<Geometry, DrawingAreaErrorKind<DB::ErrorType>> {
    let points: Vec<_> = c
        .series
        .iter()
        .map(|s| drawable(&c.users, &s.cost))
        .collect();
    let y_hi = points
        .iter()
        .flat_map(|(_, b, w)| b.iter().chain(w))
        .fold(0.0, |a, v| v.max(a));
    let names: Vec<&str> = c.series.iter().map(|s| s.name.as_str()).collect();
    let mut legend: Vec<LegendItem> = legend_names(&names)
        .into_iter()
        .enumerate()
        .map(|(i, text)| LegendItem {
            text,
            swatch: Swatch::Line(t.series(i), i > 0),
        })
        .collect();
    if !c.series.is_empty() {
        legend.push(LegendItem {
            text: "line: worst case, shaded to best case".into(),
            swatch: Swatch::Note,
        });
    }
    let x = XAxis::Users {
        lo: 1.0,
        hi: users_hi(c.x_max, &c.users),
    };
    let layout = Layout::dollars(&legend, x, (0.0, y_hi * 1.05));
    let Some(f) = frame::lay_out(root, &layout, t)? else {
        return frame::blank(root, x);
    };
    for (i, (xs, best, worst)) in points.iter().enumerate() {
        let (lo, hi): (Vec<f64>, Vec<f64>) = best
            .iter()
            .zip(worst)
            .map(|(b, w)| (b.min(*w), b.max(*w)))
            .unzip();
        let color = t.series(i);
        frame::band(root, &f, xs, &lo, &hi, color.mix(BAND_ALPHA).filled())?;
        frame::line(root, &f, xs, best, color.mix(0.6).stroke_width(1), false)?;
    }
    // The others dashed over the first, so that where two scenarios cost the same both
    // colours show along the line.
    for (i, (xs, _, worst)) in points.iter().enumerate() {
        let width = if i == 0 { 3 } else { 2 };
        frame::line(root, &f, xs, worst, t.series(i).stroke_width(width), i > 0)?;
    }
    frame::marker(root, &f, c.marker_users, t)?;
    root.present()?;
    Ok(f.geo)
}

#[cfg(test)]
mod tests {
    use super::legend_names;

    #[test]
    fn legend_names_drop_what_every_name_shares() {
        let base = "Salesboy AI on WhatsApp to 100+ users";
        let names = [
            format!("This scenario: {base}"),
            format!("{base}: Multi-VPS gateway (4 × $10 VPS)"),
            format!("{base}: WhatsApp Business API"),
        ];
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        assert_eq!(
            legend_names(&refs),
            [
                "This scenario",
                "Multi-VPS gateway (4 × $10 VPS)",
                "WhatsApp Business API"
            ]
        );
        // Alone, a name keeps all its parts; cut, it still fits.
        assert_eq!(legend_names(&["A: B"]), ["A: B"]);
        assert_eq!(legend_names(&["X: A", "X: A", "A"]), ["X", "X (2)", "A"]);
        assert_eq!(legend_names(&["A: B", "B: A"]), ["A: B", "B: A"]);
        assert_eq!(legend_names(&["", " "]), ["Scenario 1", "Scenario 2"]);
        let long = legend_names(&["a very long scenario name that goes on and on and on"]);
        assert!(long[0].chars().count() <= super::COMPARE_NAME_CHARS);
    }
}
