//! Break-even in users: every range of whole users at which profit is at least zero,
//! found exactly despite a cost that steps up when the configuration changes.

use super::eval::{Model, Part};
use super::format;
use super::range::{Case, PerCase};

/// A run of whole users over which profit is at least zero.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UserRange {
    /// The fewest users of the run.
    pub from: f64,
    /// The most users of the run; `None` when it lasts to the top of the search.
    pub to: Option<f64>,
}

impl UserRange {
    /// True when `users`, counted as a person reads them (rounded to a whole user), lie in
    /// the run.
    pub fn contains(&self, users: f64) -> bool {
        let u = users.round();
        u >= self.from && self.to.is_none_or(|to| u <= to)
    }
}

/// Counts looked at one by one before the log grid takes over.
const EVERY_USER_UP_TO: f64 = 100.0;
/// Grid points per decade of users above [`EVERY_USER_UP_TO`].
const POINTS_PER_DECADE: f64 = 200.0;
/// Changes of configuration narrowed to the user, per case; past them a change stays
/// between its grid points, which the sign test still brackets.
const STEP_BUDGET: usize = 512;
/// Changes narrowed within one interval of the grid.
const STEPS_PER_INTERVAL: usize = 8;

/// The whole user counts the search looks at first, ascending, from 1 to `top`: every count
/// up to 100, then 200 a decade.
fn grid(top: f64) -> Vec<f64> {
    let mut out: Vec<f64> = (1..=EVERY_USER_UP_TO.min(top) as u32)
        .map(f64::from)
        .collect();
    if top > EVERY_USER_UP_TO {
        let decades = (top / EVERY_USER_UP_TO).log10();
        let n = (decades * POINTS_PER_DECADE).ceil().max(1.0) as u32;
        for i in 1..=n {
            let u = (EVERY_USER_UP_TO * 10f64.powf(decades * f64::from(i) / f64::from(n)))
                .round()
                .min(top);
            if out.last().is_none_or(|&l| u > l) {
                out.push(u);
            }
        }
    }
    out
}

/// The search's top: whole users, at least 1.
fn top_of(max_users: f64) -> f64 {
    if max_users.is_finite() {
        max_users.floor().max(1.0)
    } else {
        super::scenario::MAX_USERS
    }
}

/// Every range of whole users from 1 to `max_users` at which `profit` (users → monthly
/// profit) is at least zero, ascending.
///
/// The search evaluates profit at every count up to 100, at 200 counts a decade above, and
/// on both sides of each count in `steps` (where cost can jump: see [`step_users`]); each
/// change of sign between two neighbouring counts is then narrowed by bisection to the
/// user. So at both ends of a reported range profit is at least zero, and one user outside
/// it (where there is one in the search) it is below zero. A profit that is not a number
/// counts as below zero.
pub fn profit_ranges(profit: impl Fn(f64) -> f64, max_users: f64, steps: &[f64]) -> Vec<UserRange> {
    profit_ranges_by(
        |counts| counts.iter().map(|&u| profit(u)).collect(),
        &profit,
        max_users,
        steps,
    )
}

/// [`profit_ranges`] with the profit at the search's counts, ascending, worked out at once
/// by `profits`, and one count at a time by `profit` while narrowing: the two must agree.
fn profit_ranges_by(
    profits: impl Fn(&[f64]) -> Vec<f64>,
    profit: impl Fn(f64) -> f64,
    max_users: f64,
    steps: &[f64],
) -> Vec<UserRange> {
    let top = top_of(max_users);
    let mut counts = grid(top);
    for &s in steps {
        for u in [s.floor(), s.floor() + 1.0] {
            if u.is_finite() && (1.0..=top).contains(&u) {
                counts.push(u);
            }
        }
    }
    counts.sort_by(f64::total_cmp);
    counts.dedup();
    let covers = |p: f64| p >= 0.0;
    let at_counts = profits(&counts);
    let mut out: Vec<UserRange> = Vec::new();
    let mut prev = (counts[0], covers(at_counts[0]));
    if prev.1 {
        out.push(UserRange {
            from: prev.0,
            to: None,
        });
    }
    for (&u, &p) in counts[1..].iter().zip(&at_counts[1..]) {
        let here = covers(p);
        if here != prev.1 {
            // Whole users: the last count with the earlier sign, next to the first without.
            let (mut a, mut b) = (prev.0, u);
            while b - a > 1.0 {
                let mid = ((a + b) / 2.0).floor();
                if covers(profit(mid)) == prev.1 {
                    a = mid;
                } else {
                    b = mid;
                }
            }
            if here {
                out.push(UserRange { from: b, to: None });
            } else if let Some(last) = out.last_mut() {
                last.to = Some(a);
            }
        }
        prev = (u, here);
    }
    out
}

/// What every component runs at a user count in one case.
fn configuration(model: &Model, users: f64, case: Case, out: &mut Vec<(usize, Part)>) {
    out.clear();
    model.runs_at(users, case, |component, a| out.push((component, a.part())));
}

/// The whole user counts, ascending, at which some component's configuration in a case
/// changes (other offers or other units), up to `max_users`: each is the last count of the
/// earlier configuration. Cost can jump there and nowhere else.
///
/// Changes are found between neighbouring counts of the search grid and narrowed by
/// bisection, at most 512 of them, the fewest users first.
pub fn step_users(model: &Model, case: Case, max_users: f64) -> Vec<f64> {
    let counts = grid(top_of(max_users));
    let mut out = Vec::new();
    let mut budget = STEP_BUDGET;
    // What runs at the earlier and the later count of the interval, and at a midpoint.
    let mut at_start = Vec::new();
    let mut at_end = Vec::new();
    let mut mid_config = Vec::new();
    configuration(model, counts[0], case, &mut at_start);
    for w in counts.windows(2) {
        if budget == 0 {
            break;
        }
        configuration(model, w[1], case, &mut at_end);
        let mut start = (w[0], at_start.clone());
        for _ in 0..STEPS_PER_INTERVAL {
            if start.1 == at_end || budget == 0 {
                break;
            }
            budget -= 1;
            let (mut a, mut b) = (start.0, w[1]);
            let mut b_config = at_end.clone();
            while b - a > 1.0 {
                let mid = ((a + b) / 2.0).floor();
                configuration(model, mid, case, &mut mid_config);
                if mid_config == start.1 {
                    a = mid;
                } else {
                    b = mid;
                    std::mem::swap(&mut b_config, &mut mid_config);
                }
            }
            out.push(a);
            start = (b, b_config);
        }
        std::mem::swap(&mut at_start, &mut at_end);
    }
    out
}

/// Every range of whole users from 1 to `max_users` at which revenue covers infrastructure
/// cost in a case, ascending.
///
/// # Formula
/// profit(users) = [`Model::revenue_at`] − [`Model::cost_at`], searched by
/// [`profit_ranges`] with the model's [`step_users`].
pub fn break_even_ranges(model: &Model, case: Case, max_users: f64) -> Vec<UserRange> {
    ranges_of(model, case, max_users, false)
}

/// Every range of whole users where [`Model::profit_at`], with or without the running
/// costs, is ≥ 0.
fn ranges_of(model: &Model, case: Case, max_users: f64, with_running: bool) -> Vec<UserRange> {
    let found;
    let steps = if max_users == super::scenario::MAX_USERS {
        model.step_users(case)
    } else {
        found = step_users(model, case, max_users);
        &found
    };
    profit_ranges_by(
        |counts| model.profits_at(counts, case, with_running),
        |u| model.profit_at(u, case, with_running),
        max_users,
        steps,
    )
}

/// Every range of whole users at which revenue covers infrastructure and the running costs
/// beyond it (team, marketing) in each case; the same as [`break_even`] when there are
/// none.
///
/// # Formula
/// profit(users) = [`Model::revenue_at`] − [`Model::cost_at`] − running costs.
pub fn break_even_after_running(model: &Model) -> PerCase<Vec<UserRange>> {
    PerCase::from_fn(|case| ranges_of(model, case, super::scenario::MAX_USERS, true))
}

/// [`break_even_ranges`] in each case, up to the most users a scenario can hold.
pub fn break_even(model: &Model) -> PerCase<Vec<UserRange>> {
    PerCase::from_fn(|case| break_even_ranges(model, case, super::scenario::MAX_USERS))
}

/// The first of `users` (one count a month, month 0 first) that lies in one of `ranges`.
pub fn first_month_in(users: impl IntoIterator<Item = f64>, ranges: &[UserRange]) -> Option<u32> {
    users
        .into_iter()
        .position(|u| ranges.iter().any(|r| r.contains(u)))
        .map(|m| m as u32)
}

/// Most ranges named one by one in words; past them the rest are counted.
const RANGES_NAMED: usize = 3;

/// A case's break-even ranges in words: `80–500 users, and again from 580`, `from 1 user`,
/// or `never, up to 10,000,000,000 users` when there are none.
pub fn describe_ranges(ranges: &[UserRange]) -> String {
    let one = |r: &UserRange| match r.to {
        None => format!("from {}", format::count(r.from)),
        Some(to) if to == r.from => format::count(to),
        Some(to) => format!("{}–{}", format::count(r.from), format::count(to)),
    };
    let Some(first) = ranges.first() else {
        return format!(
            "never, up to {} users",
            format::count(super::scenario::MAX_USERS)
        );
    };
    let unit = if first.from == 1.0 && first.to.is_none_or(|t| t == 1.0) {
        "user"
    } else {
        "users"
    };
    let mut out = format!("{} {unit}", one(first));
    let rest = &ranges[1..];
    let named = if ranges.len() > RANGES_NAMED + 1 {
        RANGES_NAMED - 1
    } else {
        rest.len()
    };
    for (i, r) in rest[..named].iter().enumerate() {
        out += if i == 0 { ", and again " } else { ", " };
        out += &one(r);
    }
    if named < rest.len() {
        let more = &rest[named..];
        out += &format!(
            ", and {} more, the last {}",
            more.len(),
            one(more.last().unwrap_or(first))
        );
    }
    out
}

/// The break-even ranges of both cases in words: one description when the cases agree,
/// else each case's, the best first.
pub fn describe(ranges: &PerCase<Vec<UserRange>>) -> String {
    if ranges.best == ranges.worst {
        describe_ranges(&ranges.best)
    } else {
        format!(
            "best case {}; worst case {}",
            describe_ranges(&ranges.best),
            describe_ranges(&ranges.worst)
        )
    }
}

/// The break-even month of both cases in words, agreeing with the ranges: `month 3–5`;
/// `now` for month 0, the month the scenario starts in (`now to month 4`); `never` in a case
/// with no range; `not within 12 months` in a case whose users do not reach one within the
/// horizon.
pub fn describe_month(
    months: &PerCase<Option<u32>>,
    ranges: &PerCase<Vec<UserRange>>,
    horizon_months: u32,
) -> String {
    let word = |case: Case| match months[case] {
        Some(0) => "now".to_string(),
        Some(m) => format!("month {m}"),
        None if ranges[case].is_empty() => "never: no number of users breaks even".to_string(),
        None => format!("not within {horizon_months} months"),
    };
    let (best, worst) = (word(Case::Best), word(Case::Worst));
    match (months.best, months.worst) {
        (Some(0), Some(b)) if b != 0 => format!("now to month {b}"),
        (Some(a), Some(b)) if a != b => format!("month {a}–{b}"),
        _ if best == worst => best,
        (None, Some(_)) => format!("{worst} (best case: {best})"),
        _ => format!("{best} (worst case: {worst})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Revenue of $0.05 a user against a $4 server, and a $25 plan from 501 users on.
    fn stepped(u: f64) -> f64 {
        0.05 * u - 4.0 - if u > 500.0 { 25.0 } else { 0.0 }
    }

    #[test]
    fn every_range_is_found_to_the_user() {
        // $0.05 × 80 = $4; $0.05 × 580 = $29 = $4 + $25.
        let r = profit_ranges(stepped, 1e10, &[]);
        assert_eq!(
            r,
            vec![
                UserRange {
                    from: 80.0,
                    to: Some(500.0)
                },
                UserRange {
                    from: 580.0,
                    to: None
                }
            ]
        );
    }

    #[test]
    fn a_dip_narrower_than_the_grid_is_found_through_its_step() {
        // Around 1e6 users the grid is 1.2% apart (≈ 11,500 users); a $1 plan from 1,000,001
        // to 1,000,010 users pushes $0.000001 × u − $1 (zero at 1,000,000) below zero there.
        let p = |u: f64| {
            1e-6 * u
                - 1.0
                - if u > 1e6 && u <= 1_000_010.0 {
                    1.0
                } else {
                    0.0
                }
        };
        let without = profit_ranges(p, 1e10, &[]);
        assert_eq!(without.len(), 1);
        let with = profit_ranges(p, 1e10, &[1e6, 1_000_010.0]);
        assert_eq!(
            with,
            vec![
                UserRange {
                    from: 1e6,
                    to: Some(1e6)
                },
                UserRange {
                    from: 1_000_011.0,
                    to: None
                }
            ]
        );
    }

    #[test]
    fn the_model_search_finds_what_the_count_by_count_search_finds() {
        // The page's search costs the grid at once (Model::profits_at) and keeps each model's
        // steps; the plain search evaluates Model::profit_at at every count. Both must give
        // the same ranges for every built-in scenario, in both cases, with and without the
        // running costs.
        use crate::model::presets::{self, PRESETS};
        use crate::model::{Case, Catalogue};
        let cat = Catalogue::builtin();
        let top = crate::model::scenario::MAX_USERS;
        for p in PRESETS {
            let s = presets::load(p.id, &cat).unwrap().unwrap();
            let m = Model::new(&s, &cat);
            for case in [Case::Best, Case::Worst] {
                let steps = step_users(&m, case, top);
                assert_eq!(m.step_users(case), &steps[..], "{}", p.id);
                // The grid and both sides of each step, costed at once, bit for bit.
                let mut counts = grid(top);
                counts.extend(steps.iter().flat_map(|&s| [s.floor(), s.floor() + 1.0]));
                counts.sort_by(f64::total_cmp);
                counts.dedup();
                for with_running in [false, true] {
                    let at_once = m.profits_at(&counts, case, with_running);
                    for (&u, p) in counts.iter().zip(at_once) {
                        assert_eq!(p.to_bits(), m.profit_at(u, case, with_running).to_bits());
                    }
                    let plain = profit_ranges(|u| m.profit_at(u, case, with_running), top, &steps);
                    assert_eq!(ranges_of(&m, case, top, with_running), plain, "{}", p.id);
                    // Below the top the steps are found afresh, to that count.
                    let to = 5_000.0;
                    let steps = step_users(&m, case, to);
                    let plain = profit_ranges(|u| m.profit_at(u, case, with_running), to, &steps);
                    assert_eq!(ranges_of(&m, case, to, with_running), plain, "{}", p.id);
                }
            }
        }
    }

    #[test]
    fn never_and_always() {
        assert_eq!(profit_ranges(|u| -u, 1e10, &[]), vec![]);
        assert_eq!(
            profit_ranges(|_| 0.0, 1e3, &[]),
            vec![UserRange {
                from: 1.0,
                to: None
            }]
        );
        assert_eq!(profit_ranges(|_| f64::NAN, 1e3, &[]), vec![]);
    }

    #[test]
    fn a_month_lies_in_a_range_by_its_whole_users() {
        let r = [UserRange {
            from: 80.0,
            to: Some(500.0),
        }];
        assert_eq!(first_month_in([10.0, 79.4, 79.5, 600.0], &r), Some(2));
        assert_eq!(first_month_in([10.0, 500.6], &r), None);
        assert_eq!(first_month_in([10.0, 500.4], &r), Some(1));
    }

    #[test]
    fn ranges_read_as_a_founder_says_them() {
        let r = |from: f64, to: Option<f64>| UserRange { from, to };
        assert_eq!(
            describe_ranges(&[r(80.0, Some(500.0)), r(580.0, None)]),
            "80–500 users, and again from 580"
        );
        assert_eq!(describe_ranges(&[r(1.0, None)]), "from 1 user");
        assert_eq!(describe_ranges(&[r(1_500.0, None)]), "from 1,500 users");
        assert_eq!(describe_ranges(&[]), "never, up to 10,000,000,000 users");
        assert_eq!(
            describe_ranges(&[
                r(1.0, Some(2.0)),
                r(4.0, Some(4.0)),
                r(6.0, Some(7.0)),
                r(9.0, Some(10.0)),
                r(12.0, None)
            ]),
            "1–2 users, and again 4, 6–7, and 2 more, the last from 12"
        );
        let both = PerCase {
            best: vec![r(80.0, None)],
            worst: vec![],
        };
        assert_eq!(
            describe(&both),
            "best case from 80 users; worst case never, up to 10,000,000,000 users"
        );
        let month = |best, worst| PerCase { best, worst };
        assert_eq!(
            describe_month(&month(None, None), &both, 12),
            "not within 12 months (worst case: never: no number of users breaks even)"
        );
        assert_eq!(
            describe_month(&month(Some(2), Some(5)), &both, 12),
            "month 2–5"
        );
        assert_eq!(
            describe_month(&month(Some(2), Some(2)), &both, 12),
            "month 2"
        );
        let never = PerCase {
            best: vec![],
            worst: vec![],
        };
        assert_eq!(
            describe_month(&month(None, None), &never, 12),
            "never: no number of users breaks even"
        );
    }
}
