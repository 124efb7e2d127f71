//! Cumulative profit over the months of the timeline after the one-time costs, as a
//! low–high band, with the month each end pays the one-time costs back.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::frame::{self, fin, Layout, LegendItem, Swatch, XAxis};
use super::geometry::Geometry;
use super::label::text_width;
use super::theme::Theme;
use crate::model::timeline::one_time_usd;
use crate::model::{Case, Model, PerCase, Timeline};

/// Cumulative profit per month, ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct ProfitChart {
    /// Month starts along x: 0, 1, … horizon + 1 (the end of the last month).
    pub months: Vec<f64>,
    /// Cumulative profit after one-time costs at each month start, in each case: the
    /// one-time costs alone at 0, then each month's profit added at its end. The worst case,
    /// the band's low end, pays the high one-time cost and earns the worst case's profit; the
    /// best case, its high end, the opposite.
    pub cumulative: PerCase<Vec<f64>>,
    /// The month during which each case's cumulative profit stops being negative: the
    /// timeline's payback month.
    pub payback_month: PerCase<Option<u32>>,
    /// One-time costs, the middle of their range (the band's ends use the range's ends).
    pub one_time_usd: f64,
    /// Cash in the bank at each month start, in each case, when the scenario says how
    /// much there is: the cash less the one-time costs at 0, then each month's end balance.
    pub balance: Option<PerCase<Vec<f64>>>,
    /// The month in which each case's cash runs out: the timeline's runway.
    pub out_month: PerCase<Option<u32>>,
}

impl ProfitChart {
    /// Adds up each month's profit from the timeline, starting below zero by the one-time
    /// costs.
    ///
    /// # Formula
    /// low_0 = −one-time high, low_{k+1} = low_k + worst profit in month k;
    /// high_0 = −one-time low, high_{k+1} = high_k + best profit in month k.
    pub fn from_timeline(model: &Model, timeline: &Timeline) -> ProfitChart {
        let one = one_time_usd(model);
        let run = |start: f64, case: Case| -> Vec<f64> {
            let mut sum = start;
            std::iter::once(start)
                .chain(timeline.months.iter().map(|s| {
                    sum += s.money[case].profit_usd();
                    sum
                }))
                .collect()
        };
        ProfitChart {
            months: (0..=timeline.months.len()).map(|m| m as f64).collect(),
            cumulative: PerCase {
                worst: run(-one.high, Case::Worst),
                best: run(-one.low, Case::Best),
            },
            payback_month: timeline.payback_month,
            one_time_usd: 0.5 * (one.low + one.high),
            balance: model
                .scenario()
                .cash_usd
                .zip(timeline.runway.as_ref())
                .map(|(cash, r)| {
                    PerCase::from_fn(|case| {
                        std::iter::once(cash - one.cost_end(case))
                            .chain(r.balance[case].iter().copied())
                            .collect()
                    })
                }),
            out_month: timeline.runway.as_ref().map_or(
                PerCase {
                    best: None,
                    worst: None,
                },
                |r| r.out_month,
            ),
        }
    }

    /// Where the cumulative profit of a case crosses zero during payback month `m`: the
    /// month's start plus the share of the month it takes, by straight line.
    fn crossing(&self, case: Case, m: u32) -> Option<f64> {
        self.crossing_of(&self.cumulative[case], m)
    }

    /// Where `v`, one value a month start, crosses zero during month `m`, by straight line.
    fn crossing_of(&self, v: &[f64], m: u32) -> Option<f64> {
        let m = m as usize;
        let (a, b) = (fin(*v.get(m)?), fin(*v.get(m + 1).unwrap_or(v.get(m)?)));
        let share = if a >= 0.0 {
            0.0
        } else if b > a {
            (-a / (b - a)).clamp(0.0, 1.0)
        } else {
            1.0
        };
        let x0 = self.months.get(m).copied().unwrap_or(m as f64);
        Some(x0 + share)
    }

    /// Where the cash of a case falls below zero, during the month it runs out: the month's
    /// start plus the share of the month it takes, by straight line; `None` when it lasts.
    pub fn cash_out_at(&self, case: Case) -> Option<f64> {
        let v = &self.balance.as_ref()?[case];
        let m = self.out_month[case]? as usize;
        let (a, b) = (fin(*v.get(m)?), fin(*v.get(m + 1).unwrap_or(v.get(m)?)));
        let share = if a < 0.0 {
            0.0
        } else if b < a {
            (a / (a - b)).clamp(0.0, 1.0)
        } else {
            1.0
        };
        let x0 = self.months.get(m).copied().unwrap_or(m as f64);
        Some(x0 + share)
    }
}

/// Draws the cumulative profit band and returns where the plotting area is.
///
/// # Errors
/// The backend's error, if drawing fails.
pub fn draw_profit<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &ProfitChart,
    t: &Theme,
) -> Result<Geometry, DrawingAreaErrorKind<DB::ErrorType>> {
    let cash = c.balance.as_ref();
    let all = || {
        [&c.cumulative.worst, &c.cumulative.best]
            .into_iter()
            .chain(cash.into_iter().flat_map(|b| [&b.worst, &b.best]))
            .flatten()
            .map(|v| fin(*v))
    };
    let y_lo = all().fold(0.0, f64::min);
    let y_hi = all().fold(0.0, f64::max);
    let pad = 0.05 * (y_hi - y_lo);
    let cash_colour = t.series(1);
    let mut legend = vec![LegendItem {
        text: "cumulative profit after one-time costs, low–high".into(),
        swatch: Swatch::Fill(t.accent, 0.3),
    }];
    if cash.is_some() {
        legend.push(LegendItem {
            text: "cash in the bank, low–high".into(),
            swatch: Swatch::Line(cash_colour, true),
        });
    }
    let x = XAxis::Months {
        hi: c
            .months
            .iter()
            .copied()
            .filter(|m| m.is_finite())
            .fold(1.0, f64::max),
    };
    let layout = Layout::dollars(
        &legend,
        x,
        (y_lo - if y_lo < 0.0 { pad } else { 0.0 }, y_hi + pad),
    );
    let Some(f) = frame::lay_out(root, &layout, t)? else {
        return frame::blank(root, x);
    };
    let (lo, hi): (Vec<f64>, Vec<f64>) = c
        .cumulative
        .worst
        .iter()
        .zip(&c.cumulative.best)
        .map(|(a, b)| (fin(*a).min(fin(*b)), fin(*a).max(fin(*b))))
        .unzip();
    frame::band(root, &f, &c.months, &lo, &hi, t.accent.mix(0.22).filled())?;
    let y0 = f.py(0.0);
    root.draw(&PathElement::new(
        vec![(f.left(), y0), (f.right(), y0)],
        t.text.mix(0.6).stroke_width(1),
    ))?;
    frame::line(root, &f, &c.months, &lo, t.accent.stroke_width(2), false)?;
    frame::line(root, &f, &c.months, &hi, t.accent.stroke_width(2), false)?;
    if let Some(b) = cash {
        for case in Case::BOTH {
            frame::line(
                root,
                &f,
                &c.months,
                &b[case],
                cash_colour.stroke_width(2),
                true,
            )?;
        }
        // One mark for the earlier month the cash runs out; the band's other end, if it
        // runs out too, is named in the answers.
        let out = [Case::Worst, Case::Best]
            .into_iter()
            .find_map(|case| Some((case, c.out_month[case]?)));
        if let Some((case, _)) = out {
            if let Some(x) = c.cash_out_at(case) {
                frame::tagged_dot(root, &f, (f.px(x), y0), Some("cash runs out"), t.danger, t)?;
            }
        }
    }
    let mut last_label: Option<i32> = None;
    let label_gap = text_width("payback", frame::TINY) as i32 + 10;
    // In month order, the worst case first within a month.
    let mut paybacks: Vec<(u32, Case)> = [Case::Worst, Case::Best]
        .into_iter()
        .filter_map(|case| Some((c.payback_month[case]?, case)))
        .collect();
    paybacks.sort_by_key(|&(m, _)| m);
    for (m, case) in paybacks {
        let Some(x) = c.crossing(case, m) else {
            continue;
        };
        let at = (f.px(x), y0);
        let label = match last_label {
            Some(px) if (at.0 - px).abs() < label_gap => None,
            _ => Some("payback"),
        };
        if label.is_some() {
            last_label = Some(at.0);
        }
        frame::tagged_dot(root, &f, at, label, t.text, t)?;
    }
    root.present()?;
    Ok(f.geo)
}
