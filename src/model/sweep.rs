//! The user sweep behind the charts: cost and revenue at log-spaced user counts.

use super::eval::Model;
use super::range::PerCase;

/// Cost and revenue at one user count, in each case.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SweepPoint {
    /// The user count.
    pub users: f64,
    /// Monthly cost in each case.
    pub cost_usd: PerCase<f64>,
    /// Monthly revenue in each case.
    pub revenue_usd: PerCase<f64>,
}

/// `points` user counts spaced evenly on a log scale from `min_users` to `max_users`.
///
/// # Formula
/// users_i = min × (max ÷ min)^(i ÷ (points − 1)).
pub fn log_space(min_users: f64, max_users: f64, points: usize) -> impl Iterator<Item = f64> {
    let lo = min_users.max(1.0).ln();
    let hi = max_users.max(min_users.max(1.0)).ln();
    let n = points.max(2);
    (0..points).map(move |i| (lo + (hi - lo) * i as f64 / (n - 1) as f64).exp())
}

/// Cost and revenue at `points` log-spaced user counts up to `max_users`.
///
/// The costs come from [`Model::costs_at`] over all the counts at once: the same figures as
/// [`Model::cost_at`] at each, found with less work where the configuration holds.
pub fn sweep(model: &Model, max_users: f64, points: usize) -> Vec<SweepPoint> {
    let users: Vec<f64> = log_space(1.0, max_users, points).collect();
    let costs = PerCase::from_fn(|c| model.costs_at(&users, c));
    users
        .iter()
        .enumerate()
        .map(|(i, &users)| SweepPoint {
            users,
            cost_usd: costs.as_ref().map(|c| c[i]),
            revenue_usd: PerCase::from_fn(|c| model.revenue_at(users, c)),
        })
        .collect()
}
