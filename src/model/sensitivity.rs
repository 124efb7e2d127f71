//! Sensitivity: each assumption moved on its own from its low to its high end (±20% where it
//! has no range), and how far that moves break-even, the profit at the horizon and the
//! runway, ranked for a tornado chart.

use super::break_even;
use super::catalogue::Catalogue;
use super::eval::Model;
use super::format::{self, usd};
use super::limits::{self, Limit};
use super::range::{Case, PerCase, Range};
use super::scenario::{Growth, PriceOverride, RateOverride, RawScenario, Scenario};
use super::timeline::Timeline;

/// How far an assumption with no range is moved each way, as a share of its value.
pub const ASSUMED_SHARE: f64 = 0.2;

/// An answer the tornado ranks assumptions by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// The fewest users at which revenue covers infrastructure.
    BreakEvenUsers,
    /// The first month that breaks even.
    BreakEvenMonth,
    /// Profit after running costs in the last month of the timeline.
    HorizonProfit,
    /// The month the cash runs out.
    Runway,
}

impl Answer {
    /// Every answer, in the order the page offers them.
    pub const ALL: [Answer; 4] = [
        Answer::BreakEvenUsers,
        Answer::BreakEvenMonth,
        Answer::HorizonProfit,
        Answer::Runway,
    ];

    /// Its name for people.
    pub fn label(self) -> &'static str {
        match self {
            Answer::BreakEvenUsers => "Break-even users",
            Answer::BreakEvenMonth => "Break-even month",
            Answer::HorizonProfit => "Profit / month at the horizon",
            Answer::Runway => "Month the cash runs out",
        }
    }

    /// A value of the answer in words; `None` is never (users), not within the horizon
    /// (break-even month) or past the horizon (runway).
    pub fn words(self, v: Option<f64>, horizon_months: u32) -> String {
        match (self, v) {
            (Answer::BreakEvenUsers, Some(u)) => format!("{} users", format::count(u)),
            (Answer::BreakEvenUsers, None) => "never".into(),
            (Answer::HorizonProfit, Some(p)) => usd(p),
            (Answer::HorizonProfit, None) => "—".into(),
            (_, Some(m)) if m.round() == 0.0 => "now".into(),
            (_, Some(m)) => format!("month {}", format::count(m)),
            (_, None) => format!("past month {horizon_months}"),
        }
    }

    /// A swing of the answer in words, in its unit: `1,200 users`, `$340`, `3 months`.
    pub fn swing_words(self, swing: f64) -> String {
        match self {
            _ if swing.is_infinite() => "never at one end".into(),
            Answer::BreakEvenUsers => format!("{} users", format::count(swing)),
            Answer::HorizonProfit => usd(swing),
            _ if swing == 1.0 => "1 month".into(),
            _ => format!("{} months", format::count(swing)),
        }
    }
}

/// One bar of a tornado: an assumption, the ends it was moved between, and the answer at
/// each end.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// The assumption, e.g. `Conversion` or `LLM: messages a month per active user`.
    pub label: String,
    /// The low and high ends it was moved between.
    pub ends: Range,
    /// True when it has no range and was moved by ±20%.
    pub assumed: bool,
    /// The answer with the assumption at its low end.
    pub at_low: Option<f64>,
    /// The answer with the assumption at its high end.
    pub at_high: Option<f64>,
    /// How far the answer moves, in its unit; infinite when one end never gets there.
    pub swing: f64,
}

/// The bars of one answer, the largest swing first.
#[derive(Clone, Debug, PartialEq)]
pub struct Tornado {
    /// The answer.
    pub answer: Answer,
    /// The answer with every assumption at the middle of its range.
    pub base: Option<f64>,
    /// The assumptions that move it, the largest swing first; those that do not are left
    /// out.
    pub bars: Vec<Bar>,
}

/// A whole sensitivity pass: a tornado for each answer the scenario has.
#[derive(Clone, Debug, PartialEq)]
pub struct Sensitivity {
    /// One tornado per answer; the runway only when cash is entered.
    pub tornadoes: Vec<Tornado>,
    /// How many assumptions were moved.
    pub moved: usize,
    /// How many of those had no range and were moved by ±20%.
    pub assumed: usize,
    /// The timeline's length in months.
    pub horizon_months: u32,
}

impl Sensitivity {
    /// The tornado of one answer, if the scenario has it.
    pub fn of(&self, answer: Answer) -> Option<&Tornado> {
        self.tornadoes.iter().find(|t| t.answer == answer)
    }

    /// The `n` assumptions that move an answer most, in words: `Users who pay (%): profit /
    /// month at the horizon from −$1,606 to −$1,206 (swing $400)`.
    pub fn top(&self, answer: Answer, n: usize) -> Vec<String> {
        let Some(t) = self.of(answer) else {
            return Vec::new();
        };
        let h = self.horizon_months;
        t.bars
            .iter()
            .take(n)
            .map(|b| {
                format!(
                    "{}{}: {} from {} to {} (swing {})",
                    b.label,
                    if b.assumed {
                        ", ±20% as no range is given"
                    } else {
                        ""
                    },
                    t.answer.label().to_lowercase(),
                    t.answer.words(b.at_low, h),
                    t.answer.words(b.at_high, h),
                    t.answer.swing_words(b.swing)
                )
            })
            .collect()
    }
}

/// One assumption the pass moves.
#[derive(Clone, Debug, PartialEq)]
enum Knob {
    UsersNow,
    Growth,
    Active,
    Concurrent,
    Driver(usize, usize),
    Price(usize, String),
    Rate(usize, String, String),
    Conversion,
    RevenuePrice,
    PlanPrice(usize),
    FeePct,
    FeeFixed,
    Churn,
    Running(usize),
    OneTime(usize),
}

/// The most users a knob moved up may name.
const USERS_LIMIT: Limit = limits::USERS;

impl Knob {
    /// Every assumption of the scenario, with its label, the range it holds and the limit
    /// it stays within.
    fn all(raw: &RawScenario, catalogue: &Catalogue) -> Vec<(Knob, String, Range, Limit)> {
        let lookup = catalogue.with(&raw.providers);
        let u = &raw.users;
        let r = &raw.revenue;
        let mut out = vec![(
            Knob::UsersNow,
            "Users now".to_string(),
            Range::exact(u.now),
            USERS_LIMIT,
        )];
        match &u.growth {
            Growth::MonthlyPct { pct_per_month } => out.push((
                Knob::Growth,
                "Growth a month (%)".into(),
                Range::exact(*pct_per_month),
                limits::GROWTH_PCT,
            )),
            Growth::Milestones { .. } => out.push((
                Knob::Growth,
                "Users at each milestone (× 1)".into(),
                Range::exact(1.0),
                USERS_LIMIT,
            )),
        }
        out.push((
            Knob::Active,
            "Active in a month (%)".into(),
            u.active_share_pct,
            limits::SHARE_PCT,
        ));
        out.push((
            Knob::Concurrent,
            "Online at the busiest moment (%)".into(),
            u.concurrent_share_pct,
            limits::SHARE_PCT,
        ));
        for (ci, c) in raw.components.iter().enumerate() {
            for (j, d) in c.demand.iter().enumerate() {
                out.push((
                    Knob::Driver(ci, j),
                    format!("{}: {}", c.name, format::resource(&d.resource)),
                    d.amount,
                    limits::DRIVER_AMOUNT,
                ));
            }
            for offer in c.offer_refs() {
                let Some((_, o)) = lookup.offer(offer) else {
                    continue;
                };
                let price = c
                    .price_overrides
                    .iter()
                    .find(|p| p.offer == offer)
                    .map_or(o.price_usd_per_month, |p| p.usd_per_month);
                out.push((
                    Knob::Price(ci, offer.to_string()),
                    format!("{}: {} price", c.name, o.name),
                    price,
                    limits::PRICE_USD,
                ));
                for m in o.metered.iter().filter(|m| m.tiers.is_empty()) {
                    let rate = c
                        .rate_overrides
                        .iter()
                        .find(|x| x.offer == offer && x.resource == m.resource)
                        .map_or(m.usd, |x| x.usd);
                    out.push((
                        Knob::Rate(ci, offer.to_string(), m.resource.clone()),
                        format!(
                            "{}: {} rate for {}",
                            c.name,
                            o.name,
                            format::resource(&m.resource)
                        ),
                        rate,
                        limits::RATE_USD,
                    ));
                }
            }
        }
        out.push((
            Knob::Conversion,
            "Users who pay (%)".into(),
            r.conversion_pct,
            limits::CONVERSION_PCT,
        ));
        if r.plans.is_empty() {
            out.push((
                Knob::RevenuePrice,
                "Average price".into(),
                r.price_usd_per_month,
                limits::REVENUE_PRICE_USD,
            ));
        }
        for (k, p) in r.plans.iter().enumerate() {
            out.push((
                Knob::PlanPrice(k),
                format!("Plan {} price", p.name),
                p.price_usd,
                limits::REVENUE_PRICE_USD,
            ));
        }
        if !r.fees.is_none() {
            out.push((
                Knob::FeePct,
                "Card fee (%)".into(),
                r.fees.pct,
                limits::FEE_PCT,
            ));
            out.push((
                Knob::FeeFixed,
                "Card fee per charge".into(),
                r.fees.fixed_usd,
                limits::FEE_FIXED_USD,
            ));
        }
        out.push((
            Knob::Churn,
            "Paying users who cancel (% a month)".into(),
            r.churn_pct_per_month,
            limits::CHURN_PCT,
        ));
        for (k, c) in raw.running_costs.iter().enumerate() {
            out.push((
                Knob::Running(k),
                format!("Running cost: {}", c.name),
                c.usd_per_month,
                limits::RUNNING_USD,
            ));
        }
        for (k, c) in raw.one_time_costs.iter().enumerate() {
            out.push((
                Knob::OneTime(k),
                format!("One-time cost: {}", c.name),
                c.usd,
                limits::ONE_TIME_USD,
            ));
        }
        out
    }

    /// Sets the assumption to one value in `raw`; `base` is the scenario as it was read,
    /// for the milestones a growth factor scales and the catalogue rates an override copies.
    fn set(&self, raw: &mut RawScenario, base: &RawScenario, catalogue: &Catalogue, v: f64) {
        let x = Range::exact(v);
        match self {
            Knob::UsersNow => raw.users.now = v,
            Knob::Growth => match (&mut raw.users.growth, &base.users.growth) {
                (Growth::MonthlyPct { pct_per_month }, _) => *pct_per_month = v,
                (Growth::Milestones { points }, Growth::Milestones { points: from }) => {
                    for (p, f) in points.iter_mut().zip(from) {
                        p.users = (f.users * v).min(USERS_LIMIT.max);
                    }
                }
                _ => {}
            },
            Knob::Active => raw.users.active_share_pct = x,
            Knob::Concurrent => raw.users.concurrent_share_pct = x,
            Knob::Driver(ci, j) => raw.components[*ci].demand[*j].amount = x,
            Knob::Price(ci, offer) => {
                let c = &mut raw.components[*ci];
                c.price_overrides.retain(|p| &p.offer != offer);
                c.price_overrides.push(PriceOverride {
                    offer: offer.clone(),
                    usd_per_month: x,
                    reason: String::new(),
                });
            }
            Knob::Rate(ci, offer, resource) => {
                let lookup = catalogue.with(&base.providers);
                let c = &mut raw.components[*ci];
                let kept = c
                    .rate_overrides
                    .iter()
                    .find(|r| &r.offer == offer && &r.resource == resource)
                    .map(|r| (r.per, r.included));
                let (per, included) = kept
                    .or_else(|| {
                        let (_, o) = lookup.offer(offer)?;
                        let m = o.metered.iter().find(|m| &m.resource == resource)?;
                        Some((m.per, m.included))
                    })
                    .unwrap_or((1.0, 0.0));
                c.rate_overrides
                    .retain(|r| !(&r.offer == offer && &r.resource == resource));
                c.rate_overrides.push(RateOverride {
                    offer: offer.clone(),
                    resource: resource.clone(),
                    usd: x,
                    per,
                    included,
                    reason: String::new(),
                });
            }
            Knob::Conversion => raw.revenue.conversion_pct = x,
            Knob::RevenuePrice => raw.revenue.price_usd_per_month = x,
            Knob::PlanPrice(k) => raw.revenue.plans[*k].price_usd = x,
            Knob::FeePct => raw.revenue.fees.pct = x,
            Knob::FeeFixed => raw.revenue.fees.fixed_usd = x,
            Knob::Churn => raw.revenue.churn_pct_per_month = x,
            Knob::Running(k) => raw.running_costs[*k].usd_per_month = x,
            Knob::OneTime(k) => raw.one_time_costs[*k].usd = x,
        }
    }
}

/// The ends an assumption is moved between: its own range, or ±20% of its value within its
/// limit when it has none; `None` for a value of exactly 0, which 20% does not move.
fn ends_of(r: Range, limit: &Limit) -> Option<(Range, bool)> {
    if !r.is_exact() {
        return Some((r, false));
    }
    if r.low == 0.0 {
        return None;
    }
    let a = (r.low * (1.0 - ASSUMED_SHARE)).clamp(limit.min, limit.max);
    let b = (r.low * (1.0 + ASSUMED_SHARE)).clamp(limit.min, limit.max);
    let (a, b) = if limit.whole {
        (a.round(), b.round())
    } else {
        (a, b)
    };
    (a != b).then(|| (Range::new(a, b), true))
}

/// The four answers for one scenario, read in the worst case (every assumption moved is
/// exact, so the cases differ only by what the pass leaves alone: capacities and shares of
/// plans or mixes); `None` when the scenario does not check.
fn answers(raw: &RawScenario, catalogue: &Catalogue) -> Option<[Option<f64>; 4]> {
    let s = Scenario::new(raw.clone(), catalogue).ok()?;
    let m = Model::new(&s, catalogue);
    let ranges = break_even::break_even_ranges(&m, Case::Worst, super::scenario::MAX_USERS);
    let first = ranges.first().map(|r| r.from);
    let t = Timeline::starting_at_with(
        &m,
        raw.users.now,
        &PerCase {
            best: ranges.clone(),
            worst: ranges,
        },
    );
    let profit = t
        .months
        .last()
        .map(|s| s.money[Case::Worst].profit_after_running_usd());
    let runway = t
        .runway
        .as_ref()
        .and_then(|r| r.out_month.worst)
        .map(f64::from);
    Some([
        first,
        t.break_even_month.worst.map(f64::from),
        profit,
        runway,
    ])
}

/// How far an answer moves between two values; a month past the horizon counts as the
/// month after it, and users that never break even as infinitely many.
fn swing(answer: Answer, a: Option<f64>, b: Option<f64>, horizon: u32) -> f64 {
    let past = f64::from(horizon) + 1.0;
    match (answer, a, b) {
        (_, Some(a), Some(b)) => (a - b).abs(),
        (_, None, None) => 0.0,
        (Answer::BreakEvenMonth | Answer::Runway, a, b) => {
            (a.unwrap_or(past) - b.unwrap_or(past)).abs()
        }
        _ => f64::INFINITY,
    }
}

/// A sensitivity pass under way, one assumption at a time, so that a page can spread it
/// over several turns of its event loop instead of blocking one frame.
#[derive(Clone, Debug)]
pub struct Pass {
    raw: RawScenario,
    base: RawScenario,
    scratch: RawScenario,
    knobs: Vec<(Knob, String, Range, Limit)>,
    next: usize,
    out: Sensitivity,
}

impl Pass {
    /// Starts a pass over the scenario: every ranged assumption set to the middle of its
    /// range, and the answers there.
    pub fn new(raw: &RawScenario, catalogue: &Catalogue) -> Pass {
        let knobs = Knob::all(raw, catalogue);
        let mut base = raw.clone();
        for (k, _, r, _) in &knobs {
            if !r.is_exact() {
                k.set(&mut base, raw, catalogue, 0.5 * (r.low + r.high));
            }
        }
        let base_answers = answers(&base, catalogue).unwrap_or([None; 4]);
        let with_cash = raw.cash_usd.is_some();
        let tornadoes = Answer::ALL
            .iter()
            .enumerate()
            .filter(|(_, a)| with_cash || **a != Answer::Runway)
            .map(|(i, &answer)| Tornado {
                answer,
                base: base_answers[i],
                bars: Vec::new(),
            })
            .collect();
        Pass {
            raw: raw.clone(),
            scratch: base.clone(),
            base,
            knobs,
            next: 0,
            out: Sensitivity {
                tornadoes,
                moved: 0,
                assumed: 0,
                horizon_months: raw.users.horizon_months,
            },
        }
    }

    /// Moves the next assumption to both ends; true once every assumption has been moved.
    pub fn step(&mut self, catalogue: &Catalogue) -> bool {
        let Some((knob, label, r, limit)) = self.knobs.get(self.next) else {
            return true;
        };
        self.next += 1;
        let Some((ends, guessed)) = ends_of(*r, limit) else {
            return self.next >= self.knobs.len();
        };
        let mut at = |v: f64| {
            self.scratch.clone_from(&self.base);
            knob.set(&mut self.scratch, &self.raw, catalogue, v);
            answers(&self.scratch, catalogue)
        };
        if let (Some(low), Some(high)) = (at(ends.low), at(ends.high)) {
            self.out.moved += 1;
            self.out.assumed += usize::from(guessed);
            let horizon = self.out.horizon_months;
            for t in &mut self.out.tornadoes {
                let i = Answer::ALL.iter().position(|a| *a == t.answer).unwrap_or(0);
                let s = swing(t.answer, low[i], high[i], horizon);
                if s > 1e-9 {
                    t.bars.push(Bar {
                        label: label.clone(),
                        ends,
                        assumed: guessed,
                        at_low: low[i],
                        at_high: high[i],
                        swing: s,
                    });
                }
            }
        }
        self.next >= self.knobs.len()
    }

    /// The pass's result, each answer's bars ranked, the largest swing first (ties keep the
    /// order the assumptions are listed in).
    pub fn finish(mut self) -> Sensitivity {
        for t in &mut self.out.tornadoes {
            t.bars.sort_by(|a, b| b.swing.total_cmp(&a.swing));
        }
        self.out
    }
}

/// Moves each assumption of the scenario on its own from its low to its high end, every
/// other at the middle of its range, and ranks them by how far they move each answer.
/// Month 0 has the scenario's own users; the runway is there only when cash is entered.
///
/// # Formula
/// base = every assumption at (low + high) ÷ 2; for assumption i, answer at low_i and at
/// high_i with the rest at base; swing = |answer(high_i) − answer(low_i)|. With no range,
/// low = 0.8 × value and high = 1.2 × value, within the field's limits.
pub fn sensitivity(raw: &RawScenario, catalogue: &Catalogue) -> Sensitivity {
    let mut pass = Pass::new(raw, catalogue);
    while !pass.step(catalogue) {}
    pass.finish()
}
