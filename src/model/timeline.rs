//! Users over months, the phases of configuration they pass through, the upgrade events
//! between phases, and when the business breaks even and pays back its one-time costs.

use super::break_even::{self, UserRange};
use super::eval::{Model, Part, Snapshot};
use super::format;
use super::range::{Case, PerCase, Range};
use super::runway::Runway;
use super::scenario::Growth;

/// Users at a month on the growth curve.
///
/// # Formula
/// Monthly %: now × (1 + pct/100)^month. Milestones: straight lines between (0, now) and
/// each milestone; level after the last.
pub fn users_at(model: &Model, month: f64) -> f64 {
    users_from(model, model.scenario().users.now, month)
}

/// Users at a month when month 0 has `now` users, on the scenario's growth curve.
pub fn users_from(model: &Model, now: f64, month: f64) -> f64 {
    let u = &model.scenario().users;
    let v = match &u.growth {
        Growth::MonthlyPct { pct_per_month } => {
            now * (1.0 + pct_per_month / 100.0).max(0.0).powf(month)
        }
        Growth::Milestones { points } => {
            let mut prev = (0.0, now);
            let mut out = None;
            for p in points {
                if month <= p.month {
                    let t = (month - prev.0) / (p.month - prev.0);
                    out = Some(prev.1 + (p.users - prev.1) * t);
                    break;
                }
                prev = (p.month, p.users);
            }
            out.unwrap_or(prev.1)
        }
    };
    if v.is_finite() {
        v.clamp(0.0, super::scenario::MAX_USERS)
    } else {
        super::scenario::MAX_USERS
    }
}

/// What each component runs in one month: its parts, in allocation order.
pub type Configuration = Vec<Vec<Part>>;

/// Writes what each component runs at `users` in a case into `out`, reusing its room.
fn configuration_into(model: &Model, users: f64, case: Case, out: &mut Configuration) {
    out.resize_with(model.components.len(), Vec::new);
    out.iter_mut().for_each(Vec::clear);
    model.runs_at(users, case, |component, a| out[component].push(a.part()));
}

/// A run of months with the same configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Phase {
    /// First month of the phase.
    pub start_month: u32,
    /// Last month of the phase.
    pub end_month: u32,
    /// Users at the first month.
    pub start_users: f64,
    /// Users at the last month.
    pub end_users: f64,
    /// What runs during the phase.
    pub configuration: Configuration,
}

/// Why an event happened.
#[derive(Clone, Debug, PartialEq)]
pub enum EventKind {
    /// The configuration changed: a component moved to other offers or units.
    Upgrade,
    /// Utilisation first crossed one of the component's alert levels.
    Alert {
        /// The level crossed, 0–1.
        level: f64,
    },
}

/// Something on the timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// The month it happens.
    pub month: u32,
    /// Index of the component.
    pub component: usize,
    /// Upgrade or alert.
    pub kind: EventKind,
    /// What the component ran before; for an alert, what it runs.
    pub from: Vec<Part>,
    /// What it runs after; for an alert, the same as before.
    pub to: Vec<Part>,
    /// Index of the resource that forced it, if any.
    pub resource: Option<usize>,
    /// Demand on that resource in that month.
    pub demand: f64,
    /// What the earlier configuration held of that resource.
    pub held: f64,
    /// Users in that month.
    pub users: f64,
}

/// The whole timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    /// One snapshot per month, month 0 first.
    pub months: Vec<Snapshot>,
    /// Phases in the worst case, the configuration to plan for.
    pub phases: Vec<Phase>,
    /// Upgrades and alerts in the worst case, in month order.
    pub events: Vec<Event>,
    /// First month whose users lie in one of the case's break-even ranges
    /// ([`break_even::break_even_ranges`]), in each case; with churn, whose own revenue
    /// (from the paying users who stay) covers its cost.
    pub break_even_month: PerCase<Option<u32>>,
    /// Months from launch until profit after running costs repays the one-time costs, in
    /// each case, with churn (see
    /// [`payback_from_launch`]); `None` when it does not within the horizon.
    pub payback: PerCase<Option<f64>>,
    /// The month during which profit repays the one-time costs, in each case: the whole
    /// part of [`Timeline::payback`], month 0 being the first month after launch.
    pub payback_month: PerCase<Option<u32>>,
    /// The cash in the bank month by month and the month it runs out, when the scenario
    /// says how much cash there is.
    pub runway: Option<Runway>,
}

impl Timeline {
    /// Builds the timeline month by month over the scenario's horizon.
    pub fn new(model: &Model) -> Timeline {
        Timeline::starting_at(model, model.scenario().users.now)
    }

    /// Builds the timeline with `now` users at month 0 instead of the scenario's own count.
    pub fn starting_at(model: &Model, now: f64) -> Timeline {
        Timeline::starting_at_with(model, now, &break_even::break_even(model))
    }

    /// [`Timeline::starting_at`] with the model's break-even ranges already found by
    /// [`break_even::break_even`], so that a page which shows them finds them once.
    pub fn starting_at_with(model: &Model, now: f64, ranges: &PerCase<Vec<UserRange>>) -> Timeline {
        let horizon = model.scenario().users.horizon_months;
        let mut months: Vec<Snapshot> = (0..=horizon)
            .map(|m| model.snapshot(users_from(model, now, m as f64)))
            .collect();
        follow_churn(model, &mut months);
        let mut phases: Vec<Phase> = Vec::new();
        let mut events = Vec::new();
        // What runs this month and what ran the month before, in the worst case.
        let mut config = Configuration::new();
        let mut before = Configuration::new();
        for (m, s) in months.iter().enumerate() {
            configuration_into(model, s.users, Case::Worst, &mut config);
            // A month continues the current phase when it runs what the month before ran.
            let continues = m > 0 && config == before;
            let m = m as u32;
            match phases.last_mut() {
                Some(p) if continues => {
                    p.end_month = m;
                    p.end_users = s.users;
                }
                _ => {
                    if let Some(prev) = phases.last() {
                        for (ci, (before, after)) in
                            prev.configuration.iter().zip(config.iter()).enumerate()
                        {
                            if before != after {
                                events.push(upgrade_event(model, s, m, ci, before, after));
                            }
                        }
                    }
                    phases.push(Phase {
                        start_month: m,
                        end_month: m,
                        start_users: s.users,
                        end_users: s.users,
                        configuration: config.clone(),
                    });
                }
            }
            std::mem::swap(&mut config, &mut before);
        }
        events.extend(alert_events(model, &months, &phases));
        events.sort_by_key(|e| (e.month, e.component, matches!(e.kind, EventKind::Upgrade)));
        let one_time = one_time_usd(model);
        // With churn, the months' paying users fall below the steady share the ranges take,
        // so the month is read off the timeline's own money.
        let churn = !model.scenario().revenue.churn_pct_per_month.is_zero();
        let break_even_month = PerCase::from_fn(|case| {
            if churn {
                months
                    .iter()
                    .position(|s| s.users >= 1.0 && s.money[case].profit_usd() >= 0.0)
                    .map(|m| m as u32)
            } else {
                break_even::first_month_in(months.iter().map(|s| s.users), &ranges[case])
            }
        });
        let payback = PerCase::from_fn(|case| {
            payback_from_launch(
                one_time.cost_end(case),
                months
                    .iter()
                    .map(|s| s.money[case].profit_after_running_usd()),
            )
        });
        let raw = model.scenario();
        let runway = raw
            .cash_usd
            .map(|cash| Runway::new(cash, raw.raise, one_time, &months));
        Timeline {
            months,
            phases,
            events,
            break_even_month,
            payback_month: payback.map(|p| p.map(|m| m.floor() as u32)),
            payback,
            runway,
        }
    }
}

/// The first month of the timeline in which the stack is full: some component, in the
/// worst case, needs more than its largest allowed configuration holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FullFrom {
    /// The month.
    pub month: u32,
    /// Users in that month.
    pub users: f64,
    /// Index of the first component (in stack order) that is past its limit then.
    pub component: usize,
}

impl Timeline {
    /// The first month in which the stack is full, if it is within the horizon: from then
    /// on, the month-based answers count the full component at its largest allowed size,
    /// as if it still held the users.
    pub fn full_from(&self) -> Option<FullFrom> {
        self.months.iter().enumerate().find_map(|(m, s)| {
            s.components
                .iter()
                .position(|c| c.worst.over_limit)
                .map(|component| FullFrom {
                    month: m as u32,
                    users: s.users,
                    component,
                })
        })
    }
}

impl FullFrom {
    /// What the month-based answers rest on, in words: when the stack is full, which
    /// component runs out, and what the figures after that month assume.
    pub fn describe(&self, model: &Model) -> String {
        let name = &model.components[self.component].name;
        let users = super::format::count(self.users);
        if self.month == 0 {
            format!(
                "The stack is full now, at {users} users: {name} runs out of room. The figures count it at its largest allowed size, as if it still held everyone; pick a bigger plan for it or raise its limit."
            )
        } else {
            let m = self.month;
            format!(
                "The stack is full from month {m}, at {users} users: {name} runs out of room. The figures from month {m} on count it at its largest allowed size, as if it still held everyone; pick a bigger plan for it or raise its limit."
            )
        }
    }
}

/// Replaces each month's paying users and revenue with those that churn leaves: a month's
/// paying users are last month's less those who cancel, plus a share of the new users
/// ([`Model::paying_over_months`]). Without churn the months keep the snapshot's steady
/// share, bit for bit.
fn follow_churn(model: &Model, months: &mut [Snapshot]) {
    if !model.churns() {
        return;
    }
    let users: Vec<f64> = months.iter().map(|s| s.users).collect();
    let paying = model.paying_over_months(&users);
    for (m, s) in months.iter_mut().enumerate() {
        for case in Case::BOTH {
            s.money[case] = model.money(s.money[case].cost_usd, paying[case][m], case);
        }
    }
}

/// A run of months in which one component keeps the same offers and units.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    /// First month.
    pub start_month: u32,
    /// Last month.
    pub end_month: u32,
    /// Users at the first month.
    pub start_users: f64,
    /// What it runs; empty when the component is not used.
    pub configuration: Vec<Part>,
}

impl Timeline {
    /// The spans of one component in the worst case: its own lane of the phase timeline,
    /// the phases joined where it runs the same in each.
    pub fn spans(&self, component: usize) -> Vec<Span> {
        let mut out: Vec<Span> = Vec::new();
        for p in &self.phases {
            let config = p
                .configuration
                .get(component)
                .map_or(&[][..], Vec::as_slice);
            match out.last_mut() {
                Some(span) if span.configuration == config => span.end_month = p.end_month,
                _ => out.push(Span {
                    start_month: p.start_month,
                    end_month: p.end_month,
                    start_users: p.start_users,
                    configuration: config.to_vec(),
                }),
            }
        }
        out
    }
}

/// A configuration of one component in words: `2 × Basic 4 GB`, or `not used`.
pub fn describe_configuration(model: &Model, component: usize, config: &[Part]) -> String {
    let comp = &model.components[component];
    if config.is_empty() {
        return "not used".into();
    }
    config
        .iter()
        .map(|p| format!("{} × {}", p.units, comp.candidates[p.candidate].offer))
        .collect::<Vec<_>>()
        .join(" + ")
}

impl Event {
    /// The event in words, with the trigger that fired:
    /// `Month 4 · App server: 1 × Basic 4 GB → 1 × Basic 8 GB; concurrent users 667, over 85%
    /// of 500`; `Now · …` for month 0.
    pub fn describe(&self, model: &Model) -> String {
        let comp = &model.components[self.component];
        match self.kind {
            EventKind::Upgrade => format!(
                "{} · {}: {} → {}; {}",
                month_words(self.month),
                comp.name,
                describe_configuration(model, self.component, &self.from),
                describe_configuration(model, self.component, &self.to),
                self.trigger(model)
            ),
            EventKind::Alert { .. } => format!(
                "{} · {}: {}, on {}",
                month_words(self.month),
                comp.name,
                self.trigger(model),
                describe_configuration(model, self.component, &self.from)
            ),
        }
    }

    /// What fired the event, in words: the load on the resource that forced it,
    /// `concurrent users 667, over 85% of 500`, or `at 1,331 users` when no resource did.
    pub fn trigger(&self, model: &Model) -> String {
        let comp = &model.components[self.component];
        let resource = self
            .resource
            .map(|r| format::resource(&comp.resources[r]))
            .unwrap_or_default();
        let load = |level: f64| {
            format!(
                "{resource} {}, over {} of {}",
                format::count(self.demand),
                format::pct(level * 100.0),
                format::count(self.held)
            )
        };
        match self.kind {
            EventKind::Upgrade
                if self.resource.is_some()
                    && self.held > 0.0
                    && self.demand > self.held * comp.upgrade_at - 1e-9 =>
            {
                load(comp.upgrade_at)
            }
            EventKind::Upgrade => format!("at {} users", format::count(self.users)),
            EventKind::Alert { level } => load(level),
        }
    }
}

/// A month of the timeline as a founder says it: `Now` for month 0, the month the scenario
/// starts in, `Month 4` after.
fn month_words(month: u32) -> String {
    if month == 0 {
        "Now".into()
    } else {
        format!("Month {month}")
    }
}

/// What one configuration of a component holds of a resource in the worst case.
fn held_of(model: &Model, ci: usize, config: &[Part], res: usize) -> f64 {
    let comp = &model.components[ci];
    config
        .iter()
        .filter_map(|p| {
            let cap = comp.candidates[p.candidate].capacity[res]?;
            Some(cap.benefit_end(Case::Worst) * p.units as f64)
        })
        .sum()
}

fn upgrade_event(
    model: &Model,
    s: &Snapshot,
    month: u32,
    ci: usize,
    before: &[Part],
    after: &[Part],
) -> Event {
    let state = &s.components[ci].worst;
    let comp = &model.components[ci];
    // The resource whose load on the earlier configuration is highest forced the change.
    let mut resource = None;
    let mut worst = -1.0;
    let mut held = 0.0;
    for r in 0..comp.resources.len() {
        let h = held_of(model, ci, before, r);
        if h > 0.0 {
            let u = state.demand[r] / h;
            if u > worst {
                worst = u;
                resource = Some(r);
                held = h;
            }
        }
    }
    Event {
        month,
        component: ci,
        kind: EventKind::Upgrade,
        from: before.to_vec(),
        to: after.to_vec(),
        resource,
        demand: resource.map_or(0.0, |r| state.demand[r]),
        held,
        users: s.users,
    }
}

/// The first month each alert level of each component is crossed; `phases` are the
/// timeline's, which say what ran in each month.
fn alert_events(model: &Model, months: &[Snapshot], phases: &[Phase]) -> Vec<Event> {
    let mut out = Vec::new();
    for (ci, comp) in model.components.iter().enumerate() {
        for &level in &comp.alerts {
            // Measured against what ran the month before, as a person watching a dashboard
            // sees it before acting.
            let mut phase = 0;
            for (m, s) in months.iter().enumerate() {
                let state = &s.components[ci].worst;
                let before = m.saturating_sub(1) as u32;
                while phase + 1 < phases.len() && phases[phase].end_month < before {
                    phase += 1;
                }
                let running = phases
                    .get(phase)
                    .and_then(|p| p.configuration.get(ci))
                    .map_or(&[][..], Vec::as_slice);
                let mut hit = None;
                for r in 0..comp.resources.len() {
                    let h = held_of(model, ci, running, r);
                    if h > 0.0 && state.demand[r] / h > level {
                        hit = Some((r, h));
                        break;
                    }
                }
                if let Some((r, h)) = hit {
                    let running = running.to_vec();
                    out.push(Event {
                        month: m as u32,
                        component: ci,
                        kind: EventKind::Alert { level },
                        from: running.clone(),
                        to: running,
                        resource: Some(r),
                        demand: state.demand[r],
                        held: h,
                        users: s.users,
                    });
                    break;
                }
            }
        }
    }
    out
}

/// The one-time costs added up.
pub fn one_time_usd(model: &Model) -> Range {
    model
        .scenario()
        .one_time_costs
        .iter()
        .fold(Range::exact(0.0), |acc, c| {
            Range::new(acc.low + c.usd.low, acc.high + c.usd.high)
        })
}

/// Months from launch until profit repays `one_time_usd`, given each month's profit, month
/// 0 first: the first moment cumulative profit, starting from −one-time costs, stops being
/// negative by the end of a month. `None` when it does not within those months.
///
/// Profit arrives evenly through a month, so repayment can fall inside one: month 0 runs
/// from launch to 1, month 1 from 1 to 2. With nothing to repay it is 0, unless the first
/// months lose money; then it is when their losses are made good.
///
/// # Formula
/// Cumulative profit at the end of month m: C_m = −one-time + Σ_{k≤m} profit_k, with
/// C_{−1} = −one-time. For the first m with C_m ≥ 0:
/// payback = m + max(0, −C_{m−1}) ÷ profit_m.
pub fn payback_from_launch(
    one_time_usd: f64,
    profits: impl IntoIterator<Item = f64>,
) -> Option<f64> {
    let mut before = -one_time_usd;
    for (m, p) in profits.into_iter().enumerate() {
        let after = before + p;
        if after >= 0.0 {
            let share = if before >= 0.0 { 0.0 } else { -before / p };
            return Some(m as f64 + share.clamp(0.0, 1.0));
        }
        before = after;
    }
    None
}

/// Months from launch until profit repays the one-time costs if users held at a
/// snapshot's count, in each case: [`payback_from_launch`] with that profit every month.
/// The best case repays the low end at its profit, the worst the high end at its own;
/// `None` in a case whose profit is not positive. Profit counts the running costs.
///
/// # Formula
/// one-time cost ÷ (revenue − cost − running costs) a month.
pub fn payback_months(model: &Model, snapshot: &Snapshot) -> PerCase<Option<f64>> {
    let one = one_time_usd(model);
    PerCase::from_fn(|case| {
        let profit = snapshot.money[case].profit_after_running_usd();
        (profit > 0.0).then(|| one.cost_end(case) / profit)
    })
}

/// Paying users whose subscriptions cover a monthly cost at an average price.
///
/// # Formula
/// ⌈cost ÷ price⌉.
pub fn paying_users_to_cover(cost_usd: f64, price_usd: f64) -> Option<f64> {
    (price_usd > 0.0 && cost_usd.is_finite()).then(|| (cost_usd / price_usd - 1e-9).ceil().max(0.0))
}

/// The fewest users (from 1) at which revenue covers cost in a case, searched up to
/// `max_users`; `None` if it never does: the start of the first of
/// [`break_even::break_even_ranges`].
pub fn break_even_users(model: &Model, case: Case, max_users: f64) -> Option<f64> {
    break_even::break_even_ranges(model, case, max_users)
        .first()
        .map(|r| r.from)
}

/// Hours of downtime a year allowed by an uptime target.
///
/// # Formula
/// (1 − uptime/100) × 8,760.
pub fn downtime_hours_per_year(uptime_pct: f64) -> f64 {
    (1.0 - uptime_pct / 100.0) * 8760.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::eval::Allocation;
    use crate::model::presets::{self, PRESETS};
    use crate::model::{Catalogue, Scenario};

    /// The parts of a snapshot's allocations.
    fn pairs(allocations: &[Allocation]) -> Vec<Part> {
        allocations
            .iter()
            .map(|a| Part {
                candidate: a.candidate,
                units: a.units,
            })
            .collect()
    }

    /// What each component runs in a snapshot's worst case, read off its allocations.
    fn configuration(s: &Snapshot) -> Configuration {
        s.components
            .iter()
            .map(|c| pairs(&c.worst.allocations))
            .collect()
    }

    /// Phases, upgrade events and alerts the straightforward way: every month's
    /// configuration built and compared whole, alerts measured against a copy of what ran the
    /// month before.
    fn reference(model: &Model, months: &[Snapshot]) -> (Vec<Phase>, Vec<Event>) {
        let mut phases: Vec<Phase> = Vec::new();
        let mut events = Vec::new();
        for (m, s) in months.iter().enumerate() {
            let m = m as u32;
            let config = configuration(s);
            match phases.last_mut() {
                Some(p) if p.configuration == config => {
                    p.end_month = m;
                    p.end_users = s.users;
                }
                _ => {
                    if let Some(prev) = phases.last() {
                        for (ci, (before, after)) in
                            prev.configuration.iter().zip(config.iter()).enumerate()
                        {
                            if before != after {
                                events.push(upgrade_event(model, s, m, ci, before, after));
                            }
                        }
                    }
                    phases.push(Phase {
                        start_month: m,
                        end_month: m,
                        start_users: s.users,
                        end_users: s.users,
                        configuration: config,
                    });
                }
            }
        }
        for (ci, comp) in model.components.iter().enumerate() {
            for &level in &comp.alerts {
                let mut prev: Option<Vec<Part>> = None;
                for (m, s) in months.iter().enumerate() {
                    let state = &s.components[ci].worst;
                    let config = pairs(&state.allocations);
                    let running = prev.clone().unwrap_or_else(|| config.clone());
                    let hit = (0..comp.resources.len()).find_map(|r| {
                        let h = held_of(model, ci, &running, r);
                        (h > 0.0 && state.demand[r] / h > level).then_some((r, h))
                    });
                    if let Some((r, h)) = hit {
                        events.push(Event {
                            month: m as u32,
                            component: ci,
                            kind: EventKind::Alert { level },
                            from: running.clone(),
                            to: running,
                            resource: Some(r),
                            demand: state.demand[r],
                            held: h,
                            users: s.users,
                        });
                        break;
                    }
                    prev = Some(config);
                }
            }
        }
        events.sort_by_key(|e| (e.month, e.component, matches!(e.kind, EventKind::Upgrade)));
        (phases, events)
    }

    #[test]
    fn phases_and_events_match_the_straightforward_timeline() {
        let cat = Catalogue::builtin();
        let (mut upgrades, mut alerts) = (0, 0);
        for p in PRESETS {
            let s = presets::load(p.id, &cat).unwrap().unwrap();
            for (max, alert) in [(None, None), (Some(4), Some(30.0)), (Some(2), Some(5.0))] {
                let mut raw = s.raw().clone();
                for c in &mut raw.components {
                    c.max_units = max.unwrap_or(c.max_units).max(c.min_units);
                    c.alert_at_pct.extend(alert);
                }
                let s = Scenario::new(raw, &cat).unwrap();
                let m = Model::new(&s, &cat);
                for now in [s.raw().users.now, 1.0, 50.0, 3000.0, 1e6] {
                    let t = Timeline::starting_at(&m, now);
                    let (phases, events) = reference(&m, &t.months);
                    assert_eq!(t.phases, phases, "{} from {now}", p.id);
                    assert_eq!(t.events, events, "{} from {now}", p.id);
                    for e in &events {
                        match e.kind {
                            EventKind::Upgrade => upgrades += 1,
                            EventKind::Alert { .. } => alerts += 1,
                        }
                    }
                    for ci in 0..m.components.len() {
                        let spans = t.spans(ci);
                        let ends: Vec<u32> = spans.iter().map(|s| s.end_month).collect();
                        let changes: Vec<u32> = (1..t.months.len())
                            .filter(|&i| {
                                pairs(&t.months[i].components[ci].worst.allocations)
                                    != pairs(&t.months[i - 1].components[ci].worst.allocations)
                            })
                            .map(|i| i as u32 - 1)
                            .chain([t.months.len() as u32 - 1])
                            .collect();
                        assert_eq!(ends, changes, "{} component {ci}", p.id);
                    }
                }
            }
        }
        assert!(
            upgrades > 0 && alerts > 0,
            "{upgrades} upgrades, {alerts} alerts"
        );
    }
}
