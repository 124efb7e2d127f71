//! Monthly cost against users: one stacked area per component (worst case), the
//! best-case total as a dashed line, phase boundaries, and the draggable user marker.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::frame::{self, fin, Frame, Layout, LegendItem, Swatch, XAxis};
use super::geometry::Geometry;
use super::label::short_name;
use super::theme::Theme;
use crate::model::eval::Part;
use crate::model::input::SLIDER_MAX_USERS;
use crate::model::sweep::log_space;
use crate::model::{Case, Model, PerCase};

/// Most phase boundaries drawn; more would hide the areas behind lines.
pub const MAX_BOUNDARIES: usize = 12;
/// Longest component name in a legend.
pub const LEGEND_NAME_CHARS: usize = 26;

/// Monthly cost at log-spaced user counts, ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct CostChart {
    /// User counts along x, ascending, from 1 to `x_max`.
    pub users: Vec<f64>,
    /// Per component, its name and its worst-case monthly cost at each user count.
    pub stacks: Vec<(String, Vec<f64>)>,
    /// Best-case total monthly cost at each user count.
    pub best_total: Vec<f64>,
    /// User counts at which some component's worst-case offers or units change, ascending.
    pub phase_boundaries: Vec<f64>,
    /// The user count the marker stands at.
    pub marker_users: f64,
    /// The right end of the x axis.
    pub x_max: f64,
}

/// Points per curve on the page's users axes.
pub const POINTS: usize = 160;

/// The right end of the page's users axis: a power of ten at least ten times the users of
/// interest, at most the slider's top.
pub fn x_max_for(users: f64, end_users: f64) -> f64 {
    let top = users.max(end_users).max(10.0) * 10.0;
    10f64
        .powf(top.log10().ceil())
        .min(SLIDER_MAX_USERS.max(crate::model::scenario::MAX_USERS))
}

/// A right end for a users axis: `x_max` when it is a finite count above 1, else 10.
pub(crate) fn sane_x_max(x_max: f64) -> f64 {
    if x_max.is_finite() && x_max > 1.0 {
        x_max.min(crate::model::scenario::MAX_USERS)
    } else {
        10.0
    }
}

/// What every component runs at a user count, in each case: `(component, part)` per
/// allocation, components in order.
type Config = PerCase<Vec<(usize, Part)>>;

/// Writes what every component runs at `users` into `out`, reusing its room.
fn config_into(model: &Model, users: f64, out: &mut Config) {
    for (case, parts) in Case::BOTH.into_iter().zip(out.iter_mut()) {
        parts.clear();
        model.runs_at(users, case, |component, a| {
            parts.push((component, a.part()))
        });
    }
}

fn config(model: &Model, users: f64) -> Config {
    let mut out = Config::default();
    config_into(model, users, &mut out);
    out
}

/// A place where the configuration changes: the last user count before it, the first
/// after it, whether the worst case changes, and whether it changes offers (not just units).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Change {
    pub before: f64,
    pub after: f64,
    pub worst: bool,
    pub offers: bool,
}

fn offers_differ(a: &[(usize, Part)], b: &[(usize, Part)]) -> bool {
    a.len() != b.len()
        || a.iter()
            .zip(b)
            .any(|(x, y)| (x.0, x.1.candidate) != (y.0, y.1.candidate))
}

/// Log-spaced user counts from 1 to `x_max`, with a pair of points around every change of
/// configuration so steps in cost draw as steps, and the changes themselves.
pub(crate) fn sample(model: &Model, x_max: f64, points: usize) -> (Vec<f64>, Vec<Change>) {
    let grid: Vec<f64> = log_space(1.0, x_max, points.clamp(2, 4000)).collect();
    let configs: Vec<Config> = grid.iter().map(|u| config(model, *u)).collect();
    let mut changes = Vec::new();
    // Bisections allowed in all; past them a change is placed at its grid interval, so a
    // stack that changes units at every point stays cheap to sample on each drag.
    let mut budget = 96;
    let mut c_mid = Config::default();
    for (i, w) in grid.windows(2).enumerate() {
        let (mut start, mut c0) = (w[0], configs[i].clone());
        let (end, c_end) = (w[1], &configs[i + 1]);
        if budget == 0 && &c0 != c_end {
            changes.push(Change {
                before: start,
                after: end,
                worst: c0.worst != c_end.worst,
                offers: offers_differ(&c0.worst, &c_end.worst),
            });
            continue;
        }
        // Several changes can fall between two grid points; find them in order.
        for _ in 0..8 {
            if &c0 == c_end || budget == 0 {
                break;
            }
            budget -= 1;
            let (mut lo, mut hi) = (start, end);
            let mut c_hi = c_end.clone();
            while hi - lo > (1e-5 * hi).max(1e-3) {
                let mid = 0.5 * (lo + hi);
                config_into(model, mid, &mut c_mid);
                if c_mid == c0 {
                    lo = mid;
                } else {
                    hi = mid;
                    std::mem::swap(&mut c_hi, &mut c_mid);
                }
            }
            changes.push(Change {
                before: lo,
                after: hi,
                worst: c0.worst != c_hi.worst,
                offers: offers_differ(&c0.worst, &c_hi.worst),
            });
            start = hi;
            c0 = c_hi;
        }
    }
    let mut users = grid;
    users.extend(changes.iter().flat_map(|c| [c.before, c.after]));
    users.sort_by(f64::total_cmp);
    users.dedup();
    (users, changes)
}

/// At most `max` of `xs`, evenly spread over the list.
fn thin(xs: Vec<f64>, max: usize) -> Vec<f64> {
    if xs.len() <= max || max == 0 {
        return if max == 0 { Vec::new() } else { xs };
    }
    (0..max)
        .map(|k| xs[k * (xs.len() - 1) / (max - 1).max(1)])
        .collect()
}

/// The worst-case phase boundaries worth drawing: changes of offer first, then changes of
/// units, each kind spread evenly when there are too many, one per 2% of users.
fn boundaries(changes: &[Change], x_max: f64) -> Vec<f64> {
    let inside = |c: &&Change| c.worst && c.after > 1.0 && c.after < x_max;
    let dedupe = |mut xs: Vec<f64>| {
        xs.sort_by(f64::total_cmp);
        let mut out: Vec<f64> = Vec::new();
        for x in xs {
            if out.last().is_none_or(|p| x > p * 1.02) {
                out.push(x);
            }
        }
        out
    };
    let offers = dedupe(
        changes
            .iter()
            .filter(inside)
            .filter(|c| c.offers)
            .map(|c| c.after)
            .collect(),
    );
    let offers = thin(offers, MAX_BOUNDARIES);
    let units = dedupe(
        changes
            .iter()
            .filter(inside)
            .filter(|c| !c.offers)
            .map(|c| c.after)
            .filter(|x| !offers.iter().any(|o| (x / o - 1.0).abs() < 0.02))
            .collect(),
    );
    let mut all = offers.clone();
    all.extend(thin(units, MAX_BOUNDARIES - offers.len()));
    all.sort_by(f64::total_cmp);
    all
}

impl CostChart {
    /// Samples the model at `points` log-spaced user counts from 1 to `x_max` (10 when
    /// `x_max` is not above 1), plus two points at each change of configuration.
    pub fn from_model(model: &Model, marker_users: f64, x_max: f64, points: usize) -> CostChart {
        let x_max = sane_x_max(x_max);
        let (users, changes) = sample(model, x_max, points);
        let stacks = model
            .components
            .iter()
            .map(|c| {
                let costs = users.iter().map(|&u| c.cost(u, Case::Worst)).collect();
                (c.name.clone(), costs)
            })
            .collect();
        CostChart {
            best_total: model.costs_at(&users, Case::Best),
            users,
            stacks,
            phase_boundaries: boundaries(&changes, x_max),
            marker_users,
            x_max,
        }
    }
}

/// Draws the cost chart and returns where its plotting area is.
///
/// # Errors
/// The backend's error, if drawing fails.
pub fn draw_cost<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &CostChart,
    t: &Theme,
) -> Result<Geometry, DrawingAreaErrorKind<DB::ErrorType>> {
    let n = c.users.len();
    // Stacked tops: cumulative worst-case cost, negatives and NaN drawn as zero.
    let mut tops: Vec<Vec<f64>> = Vec::with_capacity(c.stacks.len());
    let mut acc = vec![0.0; n];
    for (_, v) in &c.stacks {
        for (a, x) in acc.iter_mut().zip(v.iter().chain(std::iter::repeat(&0.0))) {
            *a += fin(*x).max(0.0);
        }
        tops.push(acc.clone());
    }
    let y_hi = acc
        .iter()
        .chain(c.best_total.iter())
        .map(|v| fin(*v))
        .fold(0.0, f64::max);
    let mut legend: Vec<LegendItem> = c
        .stacks
        .iter()
        .enumerate()
        .map(|(i, (name, _))| LegendItem {
            text: short_name(name, LEGEND_NAME_CHARS),
            swatch: Swatch::Fill(t.series(i), 0.8),
        })
        .collect();
    legend.push(LegendItem {
        text: "best-case total".into(),
        swatch: Swatch::Line(t.text, true),
    });
    if !c.stacks.is_empty() {
        legend.push(LegendItem {
            text: "shaded: each part, worst case".into(),
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
    let zero = vec![0.0; n];
    for (i, top) in tops.iter().enumerate() {
        let below = if i == 0 { &zero } else { &tops[i - 1] };
        if top.iter().zip(below).all(|(a, b)| a <= b) {
            continue;
        }
        let color = t.series(i);
        frame::band(root, &f, &c.users, below, top, color.mix(0.8).filled())?;
        frame::line(root, &f, &c.users, top, color.stroke_width(1), false)?;
    }
    frame::line(
        root,
        &f,
        &c.users,
        &c.best_total,
        t.text.stroke_width(2),
        true,
    )?;
    draw_boundaries(root, &f, &c.phase_boundaries, t)?;
    frame::marker(root, &f, c.marker_users, t)?;
    root.present()?;
    Ok(f.geo)
}

/// The right end of a users axis: `x_max`, or the largest sampled count when `x_max` is
/// unusable.
pub(crate) fn users_hi(x_max: f64, users: &[f64]) -> f64 {
    if x_max.is_finite() && x_max > 1.0 {
        x_max
    } else {
        users
            .iter()
            .copied()
            .filter(|u| u.is_finite())
            .fold(10.0, f64::max)
    }
}

fn draw_boundaries<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    f: &Frame,
    xs: &[f64],
    t: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (lo, hi) = f.geo.x_range;
    for &x in xs {
        if !(f.has(x) && x > lo && x < hi) {
            continue;
        }
        let px = f.px(x);
        root.draw(&PathElement::new(
            vec![(px, f.top()), (px, f.bottom())],
            t.muted.mix(0.7).stroke_width(1),
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets::{self, PRESETS};
    use crate::model::Catalogue;

    /// What every component runs, as [`CompiledComponent::state`] reports it.
    fn reference_config(model: &Model, users: f64) -> PerCase<Vec<Vec<(usize, u32)>>> {
        PerCase::from_fn(|case| {
            model
                .components
                .iter()
                .map(|c| {
                    c.state(users, case)
                        .allocations
                        .iter()
                        .map(|a| (a.candidate, a.units))
                        .collect()
                })
                .collect()
        })
    }

    #[test]
    fn what_runs_is_the_allocations_of_the_state() {
        let cat = Catalogue::builtin();
        for p in PRESETS {
            let s = presets::load(p.id, &cat).unwrap().unwrap();
            let m = Model::new(&s, &cat);
            for users in log_space(1.0, 1e8, 400).chain([0.0, 0.5, f64::NAN]) {
                let flat = config(&m, users);
                let nested = reference_config(&m, users);
                for case in Case::BOTH {
                    let from_state: Vec<(usize, Part)> = nested[case]
                        .iter()
                        .enumerate()
                        .flat_map(|(i, parts)| {
                            parts
                                .iter()
                                .map(move |&(candidate, units)| (i, Part { candidate, units }))
                        })
                        .collect();
                    assert_eq!(flat[case], from_state, "{} at {users}", p.id);
                }
            }
        }
    }

    #[test]
    fn offers_differ_only_when_a_component_changes_candidates() {
        let p = |component, candidate, units| (component, Part { candidate, units });
        let a = [p(0, 1, 2), p(1, 0, 1)];
        assert!(!offers_differ(&a, &[p(0, 1, 5), p(1, 0, 1)]), "units alone");
        assert!(
            offers_differ(&a, &[p(0, 2, 2), p(1, 0, 1)]),
            "another candidate"
        );
        assert!(offers_differ(&a, &[p(0, 1, 2)]), "a part gone");
        assert!(
            offers_differ(&a, &[p(0, 1, 2), p(0, 0, 1)]),
            "a part moved to another component"
        );
    }
}
