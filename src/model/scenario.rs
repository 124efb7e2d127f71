//! A founder's scenario: users and their growth, the stack's components and how each picks
//! an offer, revenue and one-time costs. A [`Scenario`] exists only once it has been checked.

use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::catalogue::{Catalogue, Lookup, Provider, Role};
use super::limits::{self, Limit};
use super::range::Range;
use super::retired::Replaced;

/// The scenario schema this build writes.
///
/// Version 2 added a founder's own providers, drivers counted per unit of another
/// resource, and rate overrides with their own included amount; it refuses a driver that
/// no offer of its component prices or holds. Version 1 files still open, with such a
/// driver reported on the page instead of refused, and with the same numbers as before.
pub const SCENARIO_SCHEMA_VERSION: u32 = 2;

/// The oldest scenario schema this build reads.
pub const OLDEST_SCHEMA_VERSION: u32 = 1;

/// The most users a scenario may name: 10 billion, more than there are people.
pub const MAX_USERS: f64 = limits::USERS.max;

/// The longest timeline, in months.
pub const MAX_HORIZON_MONTHS: u32 = limits::HORIZON_MONTHS.max as u32;

/// The longest name or text field, in characters.
pub const MAX_TEXT_CHARS: usize = 2_000;

/// The most parts of a mix that carry their own share; the scenario check enforces it.
pub const MAX_MIX_SHARES: usize = limits::MAX_MIX_PARTS - 1;

/// How users grow over the timeline.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Growth {
    /// Users multiply by `1 + pct_per_month / 100` every month.
    MonthlyPct {
        /// Growth per month in percent; may be negative down to -100.
        pct_per_month: f64,
    },
    /// Users follow straight lines between milestones; month 0 is `users.now`, and after
    /// the last milestone users stay level.
    Milestones {
        /// Points on the curve, months in increasing order.
        points: Vec<Milestone>,
    },
}

/// One point on a milestone growth curve.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// Months from now.
    pub month: f64,
    /// Users at that month.
    pub users: f64,
}

/// How many users there are and how they behave.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UsersSpec {
    /// Registered users now (month 0).
    pub now: f64,
    /// How users grow.
    pub growth: Growth,
    /// Length of the timeline in months.
    pub horizon_months: u32,
    /// Share of users active in a month, in percent.
    pub active_share_pct: Range,
    /// Share of active users online at the busiest moment, in percent.
    pub concurrent_share_pct: Range,
}

pub use super::revenue::{Billing, ConversionBase, PaymentFees, Plan, RunningCost};
pub use super::usage::{Basis, Driver};

/// A reference to a catalogue offer, written `provider/offer`.
pub type OfferRef = String;

/// One step of a staged plan: from `from_users` on, run `units` of `offer` (none: drop it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// The step starts at this many users.
    pub from_users: f64,
    /// The offer in this step; `None` means the component is not used yet.
    pub offer: Option<OfferRef>,
    /// How many units; `None` sizes them by demand.
    #[serde(default)]
    pub units: Option<u32>,
}

/// One share of a mixed component (e.g. most LLM traffic to Gemini, some to OpenAI).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MixPart {
    /// The offer taking this share.
    pub offer: OfferRef,
    /// Share of the demand in percent; the one part without a share takes the rest.
    #[serde(default)]
    pub share_pct: Option<Range>,
}

/// How a component chooses its offer and units.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Policy {
    /// Always this offer.
    Fixed {
        /// The offer.
        offer: OfferRef,
        /// How many units; `None` sizes them by demand within the component's min and max.
        units: Option<u32>,
    },
    /// The cheapest of these offers that keeps utilisation at or under `upgrade_at_pct`.
    Auto {
        /// Candidates, smallest first.
        offers: Vec<OfferRef>,
    },
    /// A plan the founder wrote down: steps by user count.
    Staged {
        /// Steps, `from_users` increasing; the first starts at 0.
        steps: Vec<Stage>,
    },
    /// Demand split over several offers by share.
    Mix {
        /// Parts; exactly one has no share and takes the rest.
        parts: Vec<MixPart>,
    },
}

// `Growth` and `Policy` are written as objects tagged by `kind`. They are read through a
// struct holding every field any kind may have, which the parser fills in one pass, rather
// than by serde's tagged-enum support, which buffers the whole object first to find the tag
// and roughly doubles the code that reading a scenario takes in the bundle.

fn required<T, E: serde::de::Error>(value: Option<T>, field: &'static str) -> Result<T, E> {
    value.ok_or_else(|| E::missing_field(field))
}

impl<'de> Deserialize<'de> for Growth {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Fields {
            kind: String,
            #[serde(default)]
            pct_per_month: Option<f64>,
            #[serde(default)]
            points: Option<Vec<Milestone>>,
        }
        let f = Fields::deserialize(deserializer)?;
        match f.kind.as_str() {
            "monthly_pct" => Ok(Growth::MonthlyPct {
                pct_per_month: required(f.pct_per_month, "pct_per_month")?,
            }),
            "milestones" => Ok(Growth::Milestones {
                points: required(f.points, "points")?,
            }),
            other => Err(serde::de::Error::unknown_variant(
                other,
                &["monthly_pct", "milestones"],
            )),
        }
    }
}

impl<'de> Deserialize<'de> for Policy {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Fields {
            kind: String,
            #[serde(default)]
            offer: Option<OfferRef>,
            #[serde(default)]
            units: Option<u32>,
            #[serde(default)]
            offers: Option<Vec<OfferRef>>,
            #[serde(default)]
            steps: Option<Vec<Stage>>,
            #[serde(default)]
            parts: Option<Vec<MixPart>>,
        }
        let f = Fields::deserialize(deserializer)?;
        match f.kind.as_str() {
            "fixed" => Ok(Policy::Fixed {
                offer: required(f.offer, "offer")?,
                units: f.units,
            }),
            "auto" => Ok(Policy::Auto {
                offers: required(f.offers, "offers")?,
            }),
            "staged" => Ok(Policy::Staged {
                steps: required(f.steps, "steps")?,
            }),
            "mix" => Ok(Policy::Mix {
                parts: required(f.parts, "parts")?,
            }),
            other => Err(serde::de::Error::unknown_variant(
                other,
                &["fixed", "auto", "staged", "mix"],
            )),
        }
    }
}

/// Replaces the capacity of one offer in one resource with the scenario's own assumption.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapacityOverride {
    /// The offer.
    pub offer: OfferRef,
    /// The resource.
    pub resource: String,
    /// What one unit holds.
    pub amount: Range,
}

/// Replaces the list price of one offer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceOverride {
    /// The offer.
    pub offer: OfferRef,
    /// Price of one unit per month.
    pub usd_per_month: Range,
    /// Why, e.g. "the guide's price".
    #[serde(default)]
    pub reason: String,
}

/// Replaces (or adds) a metered rate of one offer, e.g. a guide's own per-message estimate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateOverride {
    /// The offer.
    pub offer: OfferRef,
    /// The metered resource, e.g. `messages_per_month`.
    pub resource: String,
    /// USD for every `per` units.
    pub usd: Range,
    /// How many units the price is for.
    #[serde(default = "one_per")]
    pub per: f64,
    /// Units of the resource included free with each unit of the offer.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub included: f64,
    /// Why, e.g. "the guide's per-message estimate".
    #[serde(default)]
    pub reason: String,
}

fn one_per() -> f64 {
    1.0
}

fn is_zero(v: &f64) -> bool {
    *v == 0.0
}

/// One part of the stack.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComponentSpec {
    /// Unique in the scenario, e.g. `host`.
    pub id: String,
    /// Shown to people, e.g. `Web app`.
    pub name: String,
    /// The part of the stack it serves.
    pub role: Role,
    /// What users ask of it.
    #[serde(default)]
    pub demand: Vec<Driver>,
    /// How it picks an offer.
    pub policy: Policy,
    /// Utilisation in percent above which it upgrades (or adds a unit).
    #[serde(default = "hundred")]
    pub upgrade_at_pct: f64,
    /// Extra utilisation levels in percent whose first crossing is marked on the timeline.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alert_at_pct: Vec<f64>,
    /// Fewest units billed, even at zero demand.
    #[serde(default = "one_unit")]
    pub min_units: u32,
    /// Most units it may scale out to.
    #[serde(default = "one_unit")]
    pub max_units: u32,
    /// The scenario's own capacity assumptions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capacity_overrides: Vec<CapacityOverride>,
    /// Prices that differ from the catalogue.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub price_overrides: Vec<PriceOverride>,
    /// Metered rates that differ from the catalogue.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rate_overrides: Vec<RateOverride>,
    /// Anything a founder should know.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

fn hundred() -> f64 {
    100.0
}

fn one_unit() -> u32 {
    1
}

impl ComponentSpec {
    /// The offers its policy names, each once, in order.
    pub fn offer_refs(&self) -> Vec<&str> {
        let all: Vec<&str> = match &self.policy {
            Policy::Fixed { offer, .. } => vec![offer.as_str()],
            Policy::Auto { offers } => offers.iter().map(String::as_str).collect(),
            Policy::Staged { steps } => steps.iter().filter_map(|s| s.offer.as_deref()).collect(),
            Policy::Mix { parts } => parts.iter().map(|p| p.offer.as_str()).collect(),
        };
        let mut out: Vec<&str> = Vec::with_capacity(all.len());
        for r in all {
            if !out.contains(&r) {
                out.push(r);
            }
        }
        out
    }

    /// The provider of its first offer.
    pub fn provider_id(&self) -> Option<&str> {
        self.offer_refs()
            .first()
            .map(|r| r.split_once('/').map_or(*r, |(p, _)| p))
    }

    /// Every resource an offer of a provider it uses charges for or holds, counting the
    /// component's capacity and rate overrides for the offers it runs, each once.
    pub fn priced_resources(&self, lookup: &Lookup) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut add = |r: &str| {
            if !out.iter().any(|x| x == r) {
                out.push(r.to_string());
            }
        };
        // Every plan of the providers it uses counts: a driver one plan prices is not a
        // typo while the component runs another, and switching plans keeps it.
        let refs = self.offer_refs();
        let mut providers: Vec<&str> = Vec::new();
        for r in &refs {
            let p = r.split_once('/').map_or(*r, |(p, _)| p);
            if !providers.contains(&p) {
                providers.push(p);
            }
        }
        for p in providers {
            if let Some(p) = lookup.provider(p) {
                for o in &p.offers {
                    o.resources().into_iter().for_each(&mut add);
                }
            }
        }
        // An override counts only for an offer the policy runs.
        let runs = |offer: &str| refs.contains(&offer);
        self.capacity_overrides
            .iter()
            .filter(|o| runs(&o.offer))
            .for_each(|o| add(&o.resource));
        self.rate_overrides
            .iter()
            .filter(|o| runs(&o.offer))
            .for_each(|o| add(&o.resource));
        out
    }

    /// The drivers whose resource no offer of the component charges for or holds, and
    /// that no other driver counts per unit of: usage that could only cost $0 unseen.
    pub fn unpriced(&self, lookup: &Lookup) -> Vec<usize> {
        let priced = self.priced_resources(lookup);
        (0..self.demand.len())
            .filter(|&j| {
                let r = &self.demand[j].resource;
                !priced.contains(r)
                    && !self
                        .demand
                        .iter()
                        .any(|d| d.per.resource() == Some(r.as_str()))
            })
            .collect()
    }

    /// The resources it asks for, ordered so that each comes after every resource its
    /// drivers count per unit of; `None` when they count per unit of each other in a circle.
    pub fn demand_order(&self) -> Option<Vec<&str>> {
        let mut all: Vec<&str> = Vec::new();
        for d in &self.demand {
            if !all.contains(&d.resource.as_str()) {
                all.push(&d.resource);
            }
        }
        let mut done: Vec<&str> = Vec::with_capacity(all.len());
        while done.len() < all.len() {
            let before = done.len();
            for &r in &all {
                if done.contains(&r) {
                    continue;
                }
                let ready = self
                    .demand
                    .iter()
                    .filter(|d| d.resource == r)
                    .all(|d| d.per.resource().is_none_or(|b| b != r && done.contains(&b)));
                if ready {
                    done.push(r);
                }
            }
            if done.len() == before {
                return None;
            }
        }
        Some(done)
    }
}

/// What the business earns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevenueSpec {
    /// Share of users who pay, in percent.
    pub conversion_pct: Range,
    /// Average price a paying user pays per month.
    pub price_usd_per_month: Range,
    /// Other average prices at which to report break-even paying users.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub what_if_prices_usd: Vec<Range>,
    /// What the payment processor keeps of each charge; none when absent.
    #[serde(default, skip_serializing_if = "PaymentFees::is_none")]
    pub fees: PaymentFees,
    /// The plans paying users are on; when empty, everyone pays the average price monthly.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plans: Vec<Plan>,
    /// Share of paying users who cancel each month, in percent, on the timeline.
    #[serde(default, skip_serializing_if = "Range::is_zero")]
    pub churn_pct_per_month: Range,
    /// Which users conversion is a share of.
    #[serde(default, skip_serializing_if = "ConversionBase::is_all")]
    pub conversion_of: ConversionBase,
}

/// A cost paid once (migration, set-up).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OneTimeCost {
    /// What it is for.
    pub name: String,
    /// Amount in USD.
    pub usd: Range,
}

/// Where a guide's own figure differs from what the model computes on the guide's inputs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditNote {
    /// The claim, e.g. "ROI".
    pub topic: String,
    /// The guide's figure, as the guide writes it.
    pub guide_says: String,
    /// Which figure is whose and why they differ.
    pub explanation: String,
}

/// Another version of the same scenario: some components replaced, added or removed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// Unique in the scenario.
    pub id: String,
    /// Shown to people.
    pub name: String,
    /// What differs.
    #[serde(default)]
    pub description: String,
    /// Components replacing those with the same id, or added.
    #[serde(default)]
    pub components: Vec<ComponentSpec>,
    /// Ids of components this variant does without.
    #[serde(default)]
    pub remove_components: Vec<String>,
}

/// A scenario as written in a file, a URL or storage: not yet checked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    /// Must equal [`SCENARIO_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Shown to people.
    pub name: String,
    /// What the scenario is.
    #[serde(default)]
    pub description: String,
    /// The title of the founder's scaling guide this scenario reproduces, if any, as the
    /// guide gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guide: Option<String>,
    /// Users and growth.
    pub users: UsersSpec,
    /// The stack.
    pub components: Vec<ComponentSpec>,
    /// What the business earns.
    pub revenue: RevenueSpec,
    /// Costs paid once.
    #[serde(default)]
    pub one_time_costs: Vec<OneTimeCost>,
    /// Costs paid every month that are not infrastructure: the team, marketing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub running_costs: Vec<RunningCost>,
    /// Target availability in percent, for the downtime budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uptime_target_pct: Option<f64>,
    /// Where the guide's own figures differ from the model's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audit: Vec<AuditNote>,
    /// Other versions of this stack to compare against.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Variant>,
    /// Providers the founder defines: offers the catalogue does not have, with the
    /// founder's own prices, capacities and allowances. Their offers are named
    /// `provider/offer` like the catalogue's, and one with a catalogue provider's id
    /// takes its place in this scenario.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub providers: Vec<Provider>,
    /// The catalogue edition (its `as_of`) whose prices the scenario was last priced with;
    /// `None` for one saved before scenarios recorded it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priced_with: Option<String>,
    /// Cash in the bank at month 0, in USD, for the runway; `None` when the founder has not
    /// entered it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cash_usd: Option<f64>,
    /// Money raised later, added to the cash in the month it arrives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raise: Option<Raise>,
}

/// Money raised, arriving at the start of a month of the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Raise {
    /// The amount, in USD.
    pub usd: f64,
    /// The month it arrives in; 0 is now.
    pub month: u32,
}

impl RawScenario {
    /// The scenario as JSON indented two spaces a level, as people read and write it: the
    /// same text as `serde_json::to_string_pretty`, from the compact serializer the page
    /// already carries for links and storage.
    pub fn to_json(&self) -> String {
        indent_json(&serde_json::to_string(self).unwrap_or_default())
    }
}

/// Compact JSON laid out one value per line, indented two spaces a level, with `": "`
/// after each key; empty arrays and objects stay on one line.
fn indent_json(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        (0..depth).for_each(|_| out.push_str("  "));
    };
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push('"');
                while let Some(c) = chars.next() {
                    out.push(c);
                    match c {
                        '\\' => out.extend(chars.next()),
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    out.extend(chars.next());
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

/// What is wrong with a scenario: the field, in dotted form, and the rule it breaks.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioError {
    /// The field, e.g. `users.now` or `components[2].upgrade_at_pct`.
    pub field: String,
    /// What is wrong and how to fix it.
    pub problem: Problem,
}

/// The rule a field breaks.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The text is not a scenario at all.
    Malformed(String),
    /// The schema version is not one this build reads.
    Version {
        /// The version found.
        found: u32,
    },
    /// Not a finite number.
    NotFinite,
    /// Outside the allowed interval.
    OutOfRange {
        /// Smallest allowed.
        min: f64,
        /// Largest allowed.
        max: f64,
        /// What was given.
        value: f64,
    },
    /// The low end of a range is above its high end.
    LowAboveHigh,
    /// Must not be empty.
    Empty,
    /// Longer than [`MAX_TEXT_CHARS`].
    TooLong,
    /// Used twice.
    Duplicate(String),
    /// No such offer in the catalogue.
    UnknownOffer(String),
    /// No such role in the catalogue.
    UnknownRole(String),
    /// A driver counts per unit of a resource no other driver of the component asks for,
    /// or drivers count per unit of each other in a circle.
    UnknownBasis(String),
    /// A driver asks for a resource that no offer of its component prices or holds, so
    /// it could only ever cost $0.
    Unpriced {
        /// The resource's label.
        resource: String,
        /// The component's name.
        component: String,
        /// Labels of the resources its offers do price or hold.
        known: Vec<String>,
    },
    /// A list holds more entries than the one table of limits allows.
    TooMany {
        /// What the list holds and what holds it, e.g. `usage lines on a component`.
        what: &'static str,
        /// The most allowed.
        max: usize,
        /// How many it holds.
        found: usize,
    },
    /// A founder's own provider breaks a catalogue rule.
    BadProvider(String),
    /// Some other rule, stated in words.
    Rule(&'static str),
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = &self.field;
        match &self.problem {
            Problem::Malformed(m) => write!(f, "{m}"),
            Problem::Version { found } => write!(
                f,
                "{field}: version {found} is not one this app reads (it reads {SCENARIO_SCHEMA_VERSION}); export it again from a current Headroom"
            ),
            Problem::NotFinite => write!(f, "{field}: must be a number"),
            Problem::OutOfRange { min, max, value } => write!(
                f,
                "{field}: must be between {} and {} (got {})",
                short(*min),
                short(*max),
                short(*value)
            ),
            Problem::LowAboveHigh => write!(f, "{field}: the low end is above the high end; swap them"),
            Problem::Empty => write!(f, "{field}: must not be empty"),
            Problem::TooLong => write!(f, "{field}: must be at most {MAX_TEXT_CHARS} characters"),
            Problem::Duplicate(id) => write!(f, "{field}: `{id}` is used twice; give each a different id"),
            Problem::UnknownOffer(r) => write!(
                f,
                "{field}: there is no plan `{r}` in the catalogue; pick one from the list"
            ),
            Problem::UnknownRole(r) => write!(
                f,
                "{field}: there is no role `{r}` in the catalogue; pick one from the list"
            ),
            Problem::UnknownBasis(r) => write!(
                f,
                "{field}: is counted per `{r}`, which nothing else this part of the stack uses sets; count it per user, or first add how much of `{r}` users use"
            ),
            Problem::Unpriced {
                resource,
                component,
                known,
            } => {
                write!(
                    f,
                    "{field}: no plan of {component} charges for or holds {resource}, so it would cost $0 without showing it; "
                )?;
                if known.is_empty() {
                    write!(f, "its plans price nothing by usage, so remove this line")
                } else {
                    write!(f, "use one its plans do ({})", known.join(", "))
                }
            }
            Problem::TooMany { what, max, found } => write!(
                f,
                "{field}: at most {} {what}; this one has {}",
                super::format::count(*max as f64),
                super::format::count(*found as f64)
            ),
            Problem::BadProvider(m) => write!(f, "{field}: {m}"),
            Problem::Rule(r) => write!(f, "{field}: {r}"),
        }
    }
}

fn short(v: f64) -> String {
    if v.abs() >= 1e6 || (v != 0.0 && v.abs() < 1e-3) {
        format!("{v:e}")
    } else {
        format!("{}", (v * 1000.0).round() / 1000.0)
    }
}

impl std::error::Error for ScenarioError {}

/// A scenario that has been checked against the rules and the catalogue.
///
/// The checked fields are shared rather than owned, so that cloning a scenario, or compiling
/// a [`Model`](super::eval::Model) from it, copies a pointer instead of every component,
/// note and variant.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    raw: Arc<RawScenario>,
    replaced: Arc<[Replaced]>,
}

struct Checker<'a> {
    lookup: Lookup<'a>,
    /// True for the current schema: a driver nothing prices is refused, not reported.
    strict: bool,
}

pub(crate) fn err(field: impl Into<String>, problem: Problem) -> ScenarioError {
    ScenarioError {
        field: field.into(),
        problem,
    }
}

impl Checker<'_> {
    fn number(&self, field: &str, v: f64, min: f64, max: f64) -> Result<(), ScenarioError> {
        if !v.is_finite() {
            return Err(err(field, Problem::NotFinite));
        }
        if v < min || v > max {
            return Err(err(field, Problem::OutOfRange { min, max, value: v }));
        }
        Ok(())
    }

    fn range(&self, field: &str, r: &Range, min: f64, max: f64) -> Result<(), ScenarioError> {
        self.number(field, r.low, min, max)?;
        self.number(field, r.high, min, max)?;
        if r.low > r.high {
            return Err(err(field, Problem::LowAboveHigh));
        }
        Ok(())
    }

    fn text(&self, field: &str, s: &str, required: bool) -> Result<(), ScenarioError> {
        if required && s.trim().is_empty() {
            return Err(err(field, Problem::Empty));
        }
        if s.chars().count() > MAX_TEXT_CHARS {
            return Err(err(field, Problem::TooLong));
        }
        Ok(())
    }

    fn limited(&self, field: &str, v: f64, limit: &Limit) -> Result<(), ScenarioError> {
        self.number(field, v, limit.min, limit.max)?;
        if limit.whole && v.fract() != 0.0 {
            return Err(err(field, Problem::Rule("must be a whole number")));
        }
        Ok(())
    }

    fn ranged(&self, field: &str, r: &Range, limit: &Limit) -> Result<(), ScenarioError> {
        self.range(field, r, limit.min, limit.max)
    }

    /// A list no longer than its cap, checked before any of its entries.
    fn at_most(
        &self,
        field: &str,
        found: usize,
        max: usize,
        what: &'static str,
    ) -> Result<(), ScenarioError> {
        if found > max {
            return Err(err(field, Problem::TooMany { what, max, found }));
        }
        Ok(())
    }

    fn offer(&self, field: &str, r: &str) -> Result<(), ScenarioError> {
        if self.lookup.offer(r).is_none() {
            return Err(err(field, Problem::UnknownOffer(r.to_string())));
        }
        Ok(())
    }

    fn users(&self, u: &UsersSpec) -> Result<(), ScenarioError> {
        self.limited("users.now", u.now, &limits::USERS)?;
        if u.horizon_months == 0 || u.horizon_months > MAX_HORIZON_MONTHS {
            return Err(err(
                "users.horizon_months",
                Problem::OutOfRange {
                    min: 1.0,
                    max: MAX_HORIZON_MONTHS as f64,
                    value: u.horizon_months as f64,
                },
            ));
        }
        self.ranged(
            "users.active_share_pct",
            &u.active_share_pct,
            &limits::SHARE_PCT,
        )?;
        self.ranged(
            "users.concurrent_share_pct",
            &u.concurrent_share_pct,
            &limits::SHARE_PCT,
        )?;
        match &u.growth {
            Growth::MonthlyPct { pct_per_month } => self.limited(
                "users.growth.pct_per_month",
                *pct_per_month,
                &limits::GROWTH_PCT,
            )?,
            Growth::Milestones { points } => {
                self.at_most(
                    "users.growth.points",
                    points.len(),
                    limits::MAX_MILESTONES,
                    "milestones on the growth curve",
                )?;
                let mut last = 0.0;
                for (i, p) in points.iter().enumerate() {
                    let f = format!("users.growth.points[{i}]");
                    self.limited(&format!("{f}.month"), p.month, &limits::MILESTONE_MONTH)?;
                    self.limited(&format!("{f}.users"), p.users, &limits::USERS)?;
                    if p.month <= last {
                        return Err(err(
                            format!("{f}.month"),
                            Problem::Rule("milestones must come after month 0, months increasing"),
                        ));
                    }
                    last = p.month;
                }
            }
        }
        Ok(())
    }

    fn component(&self, i: usize, c: &ComponentSpec) -> Result<(), ScenarioError> {
        let f = format!("components[{i}]");
        self.component_lists(&f, c)?;
        self.text(&format!("{f}.id"), &c.id, true)?;
        self.text(&format!("{f}.name"), &c.name, true)?;
        self.text(&format!("{f}.note"), &c.note, false)?;
        self.limited(
            &format!("{f}.upgrade_at_pct"),
            c.upgrade_at_pct,
            &limits::UPGRADE_AT_PCT,
        )?;
        if self.lookup.catalogue.role(&c.role).is_none() {
            return Err(err(
                format!("{f}.role"),
                Problem::UnknownRole(c.role.0.clone()),
            ));
        }
        for (j, a) in c.alert_at_pct.iter().enumerate() {
            self.limited(&format!("{f}.alert_at_pct[{j}]"), *a, &limits::ALERT_AT_PCT)?;
        }
        if c.min_units > c.max_units {
            return Err(err(
                format!("{f}.min_units"),
                Problem::Rule("must not be above max_units"),
            ));
        }
        self.limited(
            &format!("{f}.max_units"),
            c.max_units as f64,
            &limits::MAX_UNITS,
        )?;
        for (j, d) in c.demand.iter().enumerate() {
            let df = format!("{f}.demand[{j}]");
            self.text(&format!("{df}.resource"), &d.resource, true)?;
            self.text(&format!("{df}.label"), &d.label, false)?;
            self.text(&format!("{df}.explain"), &d.explain, false)?;
            self.ranged(&format!("{df}.amount"), &d.amount, &limits::DRIVER_AMOUNT)?;
            // Files of schema 1 did not have this rule; they keep opening.
            if self.strict && Basis::is_reserved(&d.resource) {
                return Err(err(
                    format!("{df}.resource"),
                    Problem::Rule("names a count of people, not a resource"),
                ));
            }
        }
        self.bases(&f, c)?;
        for (j, o) in c.capacity_overrides.iter().enumerate() {
            let of = format!("{f}.capacity_overrides[{j}]");
            self.offer(&format!("{of}.offer"), &o.offer)?;
            self.text(&format!("{of}.resource"), &o.resource, true)?;
            self.ranged(&format!("{of}.amount"), &o.amount, &limits::CAPACITY)?;
        }
        for (j, o) in c.price_overrides.iter().enumerate() {
            let of = format!("{f}.price_overrides[{j}]");
            self.offer(&format!("{of}.offer"), &o.offer)?;
            self.ranged(
                &format!("{of}.usd_per_month"),
                &o.usd_per_month,
                &limits::PRICE_USD,
            )?;
            self.text(&format!("{of}.reason"), &o.reason, false)?;
        }
        for (j, o) in c.rate_overrides.iter().enumerate() {
            let of = format!("{f}.rate_overrides[{j}]");
            self.offer(&format!("{of}.offer"), &o.offer)?;
            self.text(&format!("{of}.resource"), &o.resource, true)?;
            self.ranged(&format!("{of}.usd"), &o.usd, &limits::RATE_USD)?;
            self.limited(&format!("{of}.per"), o.per, &limits::RATE_PER)?;
            self.limited(&format!("{of}.included"), o.included, &limits::INCLUDED)?;
            self.text(&format!("{of}.reason"), &o.reason, false)?;
        }
        let pf = format!("{f}.policy");
        match &c.policy {
            Policy::Fixed { offer, units } => {
                self.offer(&format!("{pf}.offer"), offer)?;
                if let Some(u) = units {
                    self.limited(&format!("{pf}.units"), *u as f64, &limits::UNITS)?;
                }
            }
            Policy::Auto { offers } => {
                if offers.is_empty() {
                    return Err(err(format!("{pf}.offers"), Problem::Empty));
                }
                for (j, o) in offers.iter().enumerate() {
                    self.offer(&format!("{pf}.offers[{j}]"), o)?;
                }
            }
            Policy::Staged { steps } => {
                if steps.is_empty() {
                    return Err(err(format!("{pf}.steps"), Problem::Empty));
                }
                let mut last = -1.0;
                for (j, s) in steps.iter().enumerate() {
                    let sf = format!("{pf}.steps[{j}]");
                    self.limited(&format!("{sf}.from_users"), s.from_users, &limits::USERS)?;
                    if j == 0 && s.from_users != 0.0 {
                        return Err(err(
                            format!("{sf}.from_users"),
                            Problem::Rule("the first step must start at 0 users"),
                        ));
                    }
                    if s.from_users <= last {
                        return Err(err(
                            format!("{sf}.from_users"),
                            Problem::Rule("steps must start at increasing user counts"),
                        ));
                    }
                    last = s.from_users;
                    if let Some(o) = &s.offer {
                        self.offer(&format!("{sf}.offer"), o)?;
                    }
                }
            }
            Policy::Mix { parts } => {
                if parts.is_empty() {
                    return Err(err(format!("{pf}.parts"), Problem::Empty));
                }
                let rest = parts.iter().filter(|p| p.share_pct.is_none()).count();
                if rest != 1 {
                    return Err(err(
                        format!("{pf}.parts"),
                        Problem::Rule("exactly one part must have no share_pct: it takes the rest"),
                    ));
                }
                let mut sum = Range::exact(0.0);
                for (j, p) in parts.iter().enumerate() {
                    let mf = format!("{pf}.parts[{j}]");
                    self.offer(&format!("{mf}.offer"), &p.offer)?;
                    if let Some(s) = &p.share_pct {
                        self.ranged(&format!("{mf}.share_pct"), s, &limits::SHARE_PCT)?;
                        sum = Range::new(sum.low + s.low, sum.high + s.high);
                    }
                }
                if sum.high > 100.0 {
                    return Err(err(
                        format!("{pf}.parts"),
                        Problem::Rule("the shares add up to more than 100%"),
                    ));
                }
            }
        }
        if self.strict {
            if let Some(&j) = c.unpriced(&self.lookup).first() {
                return Err(self.unpriced(&f, j, c));
            }
        }
        Ok(())
    }

    /// Every list of a component within its cap, before any entry of any of them is read:
    /// a file of thousands of entries is refused at once, not after checking each.
    fn component_lists(&self, f: &str, c: &ComponentSpec) -> Result<(), ScenarioError> {
        let lists: [(&str, usize, usize, &'static str); 5] = [
            (
                "demand",
                c.demand.len(),
                limits::MAX_DRIVERS,
                "usage lines on a component",
            ),
            (
                "alert_at_pct",
                c.alert_at_pct.len(),
                limits::MAX_ALERTS,
                "alert levels on a component",
            ),
            (
                "capacity_overrides",
                c.capacity_overrides.len(),
                limits::MAX_OVERRIDES,
                "capacities of your own on a component",
            ),
            (
                "price_overrides",
                c.price_overrides.len(),
                limits::MAX_OVERRIDES,
                "prices of your own on a component",
            ),
            (
                "rate_overrides",
                c.rate_overrides.len(),
                limits::MAX_OVERRIDES,
                "rates of your own on a component",
            ),
        ];
        for (name, found, max, what) in lists {
            self.at_most(&format!("{f}.{name}"), found, max, what)?;
        }
        let pf = format!("{f}.policy");
        match &c.policy {
            Policy::Fixed { .. } => Ok(()),
            Policy::Auto { offers } => self.at_most(
                &format!("{pf}.offers"),
                offers.len(),
                limits::MAX_POLICY_OFFERS,
                "plans to upgrade between",
            ),
            Policy::Staged { steps } => self.at_most(
                &format!("{pf}.steps"),
                steps.len(),
                limits::MAX_POLICY_OFFERS,
                "steps in a staged plan",
            ),
            Policy::Mix { parts } => self.at_most(
                &format!("{pf}.parts"),
                parts.len(),
                limits::MAX_MIX_PARTS,
                "parts in a mix",
            ),
        }
    }

    fn unpriced(&self, f: &str, j: usize, c: &ComponentSpec) -> ScenarioError {
        let label = |key: &str| super::format::resource_in(self.lookup.catalogue, key);
        err(
            format!("{f}.demand[{j}].resource"),
            Problem::Unpriced {
                resource: label(&c.demand[j].resource),
                component: c.name.clone(),
                known: c
                    .priced_resources(&self.lookup)
                    .iter()
                    .map(|r| label(r))
                    .collect(),
            },
        )
    }

    /// Every driver that counts per unit of a resource must name one that another driver
    /// of the component asks for, and no chain of them may come back to where it started.
    fn bases(&self, f: &str, c: &ComponentSpec) -> Result<(), ScenarioError> {
        for (j, d) in c.demand.iter().enumerate() {
            let Some(r) = d.per.resource() else { continue };
            if !c.demand.iter().any(|x| x.resource == r) {
                return Err(err(
                    format!("{f}.demand[{j}].per"),
                    Problem::UnknownBasis(r.to_string()),
                ));
            }
        }
        if c.demand_order().is_none() {
            return Err(err(
                format!("{f}.demand"),
                Problem::Rule("drivers count per unit of each other in a circle; make one of them count per user"),
            ));
        }
        Ok(())
    }

    fn own_providers(&self, list: &[Provider]) -> Result<(), ScenarioError> {
        self.at_most(
            "providers",
            list.len(),
            limits::MAX_OWN_PROVIDERS,
            "providers of your own in a scenario",
        )?;
        let mut ids = HashSet::new();
        for (i, p) in list.iter().enumerate() {
            let f = format!("providers[{i}]");
            self.at_most(
                &format!("{f}.offers"),
                p.offers.len(),
                limits::MAX_OWN_OFFERS,
                "plans on a provider of your own",
            )?;
            self.at_most(
                &format!("{f}.meters"),
                p.meters.len(),
                limits::MAX_DRIVERS,
                "usage lines a provider of your own starts a component with",
            )?;
            self.at_most(
                &format!("{f}.official_domains"),
                p.official_domains.len(),
                limits::MAX_DOMAINS,
                "web sites of a provider of your own",
            )?;
            for (j, o) in p.offers.iter().enumerate() {
                let of = format!("{f}.offers[{j}]");
                self.at_most(
                    &of,
                    o.capacity.len() + o.metered.len(),
                    limits::MAX_OFFER_LINES,
                    "things a plan holds or charges for",
                )?;
                for (k, m) in o.metered.iter().enumerate() {
                    self.at_most(
                        &format!("{of}.metered[{k}].tiers"),
                        m.tiers.len(),
                        limits::MAX_OFFER_LINES,
                        "tiers on a rate",
                    )?;
                }
            }
            self.text(&format!("{f}.id"), &p.id, true)?;
            self.text(&format!("{f}.name"), &p.name, true)?;
            self.text(&format!("{f}.note"), &p.note, false)?;
            if p.id.contains('/') {
                return Err(err(
                    format!("{f}.id"),
                    Problem::Rule("must not contain `/`"),
                ));
            }
            if !ids.insert(p.id.as_str()) {
                return Err(err(format!("{f}.id"), Problem::Duplicate(p.id.clone())));
            }
            if p.offers.is_empty() {
                return Err(err(format!("{f}.offers"), Problem::Empty));
            }
            for (j, o) in p.offers.iter().enumerate() {
                let of = format!("{f}.offers[{j}]");
                self.text(&format!("{of}.id"), &o.id, true)?;
                self.text(&format!("{of}.name"), &o.name, true)?;
                self.text(&format!("{of}.source_url"), &o.source_url, false)?;
                self.text(&format!("{of}.source_title"), &o.source_title, false)?;
                self.text(&format!("{of}.checked"), &o.checked, false)?;
                self.text(&format!("{of}.evidence_note"), &o.evidence_note, false)?;
                if !super::input::is_source_link(o.source_url.trim()) {
                    return Err(err(
                        format!("{of}.source_url"),
                        Problem::Rule("must be a link starting with https://, or empty"),
                    ));
                }
                if !(o.checked.is_empty() || super::date::is_written_as_date(&o.checked)) {
                    return Err(err(
                        format!("{of}.checked"),
                        Problem::Rule("must be a date written YYYY-MM-DD, or empty"),
                    ));
                }
                self.text(&format!("{of}.note"), &o.note, false)?;
                self.ranged(
                    &format!("{of}.price_usd_per_month"),
                    &o.price_usd_per_month,
                    &limits::PRICE_USD,
                )?;
                self.ranged(
                    &format!("{of}.credit_usd_per_month"),
                    &o.credit_usd_per_month,
                    &limits::PRICE_USD,
                )?;
                self.ranged(
                    &format!("{of}.minimum_usd_per_month"),
                    &o.minimum_usd_per_month,
                    &limits::PRICE_USD,
                )?;
                for (res, cap) in &o.capacity {
                    self.text(&format!("{of}.capacity"), res, true)?;
                    self.ranged(&format!("{of}.capacity.{res}"), cap, &limits::CAPACITY)?;
                }
                for (k, m) in o.metered.iter().enumerate() {
                    let mf = format!("{of}.metered[{k}]");
                    self.text(&format!("{mf}.resource"), &m.resource, true)?;
                    self.ranged(&format!("{mf}.usd"), &m.usd, &limits::RATE_USD)?;
                    self.limited(&format!("{mf}.per"), m.per, &limits::RATE_PER)?;
                    self.limited(&format!("{mf}.included"), m.included, &limits::INCLUDED)?;
                    for (t, tier) in m.tiers.iter().enumerate() {
                        self.ranged(
                            &format!("{mf}.tiers[{t}].usd"),
                            &tier.usd,
                            &limits::RATE_USD,
                        )?;
                        if let Some(u) = tier.up_to {
                            self.limited(&format!("{mf}.tiers[{t}].up_to"), u, &limits::INCLUDED)?;
                        }
                    }
                }
            }
            self.lookup
                .catalogue
                .check_provider(p, false)
                .map_err(|e| err(f.clone(), Problem::BadProvider(e.to_string())))?;
        }
        Ok(())
    }

    fn revenue_as_it_arrives(&self, r: &RevenueSpec) -> Result<(), ScenarioError> {
        self.ranged("revenue.fees.pct", &r.fees.pct, &limits::FEE_PCT)?;
        self.ranged(
            "revenue.fees.fixed_usd",
            &r.fees.fixed_usd,
            &limits::FEE_FIXED_USD,
        )?;
        self.ranged(
            "revenue.churn_pct_per_month",
            &r.churn_pct_per_month,
            &limits::CHURN_PCT,
        )?;
        for (i, p) in r.plans.iter().enumerate() {
            let f = format!("revenue.plans[{i}]");
            self.text(&format!("{f}.name"), &p.name, true)?;
            self.ranged(&format!("{f}.share_pct"), &p.share_pct, &limits::SHARE_PCT)?;
            self.ranged(
                &format!("{f}.price_usd"),
                &p.price_usd,
                &limits::REVENUE_PRICE_USD,
            )?;
        }
        if !super::revenue::shares_can_total_100(&r.plans) && !r.plans.is_empty() {
            return Err(err(
                "revenue.plans",
                Problem::Rule("the plans' shares of paying users must add up to 100%"),
            ));
        }
        Ok(())
    }

    fn components(&self, list: &[ComponentSpec], field: &str) -> Result<(), ScenarioError> {
        self.at_most(
            field,
            list.len(),
            limits::MAX_COMPONENTS,
            "components in a stack",
        )?;
        let mut ids = HashSet::new();
        for (i, c) in list.iter().enumerate() {
            self.component(i, c).map_err(|mut e| {
                if field != "components" {
                    e.field = e.field.replacen("components", field, 1);
                }
                e
            })?;
            if !ids.insert(c.id.as_str()) {
                return Err(err(
                    format!("{field}[{i}].id"),
                    Problem::Duplicate(c.id.clone()),
                ));
            }
        }
        Ok(())
    }

    /// The scenario's own lists within their caps, before any entry is read; components,
    /// providers and milestones are counted where they are checked, first.
    fn scenario_lists(&self, s: &RawScenario) -> Result<(), ScenarioError> {
        let lists: [(&str, usize, usize, &'static str); 6] = [
            (
                "revenue.what_if_prices_usd",
                s.revenue.what_if_prices_usd.len(),
                limits::MAX_WHAT_IF_PRICES,
                "what-if prices in a scenario",
            ),
            (
                "revenue.plans",
                s.revenue.plans.len(),
                limits::MAX_REVENUE_LINES,
                "plans paying users can be on in a scenario",
            ),
            (
                "running_costs",
                s.running_costs.len(),
                limits::MAX_REVENUE_LINES,
                "running costs in a scenario",
            ),
            (
                "one_time_costs",
                s.one_time_costs.len(),
                limits::MAX_REVENUE_LINES,
                "one-time costs in a scenario",
            ),
            (
                "audit",
                s.audit.len(),
                limits::MAX_AUDIT_NOTES,
                "notes on a guide's figures in a scenario",
            ),
            (
                "variants",
                s.variants.len(),
                limits::MAX_VARIANTS,
                "other versions of the stack in a scenario",
            ),
        ];
        for (field, found, max, what) in lists {
            self.at_most(field, found, max, what)?;
        }
        Ok(())
    }

    fn scenario(&self, s: &RawScenario) -> Result<(), ScenarioError> {
        if !(OLDEST_SCHEMA_VERSION..=SCENARIO_SCHEMA_VERSION).contains(&s.schema_version) {
            return Err(err(
                "schema_version",
                Problem::Version {
                    found: s.schema_version,
                },
            ));
        }
        self.text("name", &s.name, true)?;
        self.text("description", &s.description, false)?;
        if let Some(e) = &s.priced_with {
            self.text("priced_with", e, true)?;
        }
        self.scenario_lists(s)?;
        self.users(&s.users)?;
        self.own_providers(&s.providers)?;
        self.components(&s.components, "components")?;
        self.ranged(
            "revenue.conversion_pct",
            &s.revenue.conversion_pct,
            &limits::CONVERSION_PCT,
        )?;
        self.ranged(
            "revenue.price_usd_per_month",
            &s.revenue.price_usd_per_month,
            &limits::REVENUE_PRICE_USD,
        )?;
        for (i, p) in s.revenue.what_if_prices_usd.iter().enumerate() {
            self.ranged(
                &format!("revenue.what_if_prices_usd[{i}]"),
                p,
                &limits::WHAT_IF_PRICE_USD,
            )?;
        }
        self.revenue_as_it_arrives(&s.revenue)?;
        for (i, c) in s.running_costs.iter().enumerate() {
            self.text(&format!("running_costs[{i}].name"), &c.name, true)?;
            self.ranged(
                &format!("running_costs[{i}].usd_per_month"),
                &c.usd_per_month,
                &limits::RUNNING_USD,
            )?;
        }
        for (i, c) in s.one_time_costs.iter().enumerate() {
            self.text(&format!("one_time_costs[{i}].name"), &c.name, true)?;
            self.ranged(
                &format!("one_time_costs[{i}].usd"),
                &c.usd,
                &limits::ONE_TIME_USD,
            )?;
        }
        if let Some(u) = s.uptime_target_pct {
            self.limited("uptime_target_pct", u, &limits::UPTIME_PCT)?;
        }
        if let Some(c) = s.cash_usd {
            self.limited("cash_usd", c, &limits::CASH_USD)?;
        }
        if let Some(r) = &s.raise {
            self.limited("raise.usd", r.usd, &limits::CASH_USD)?;
            self.limited("raise.month", f64::from(r.month), &limits::RAISE_MONTH)?;
        }
        for (i, n) in s.audit.iter().enumerate() {
            self.text(&format!("audit[{i}].topic"), &n.topic, true)?;
            self.text(&format!("audit[{i}].guide_says"), &n.guide_says, false)?;
            self.text(&format!("audit[{i}].explanation"), &n.explanation, false)?;
        }
        let mut ids = HashSet::new();
        for (i, v) in s.variants.iter().enumerate() {
            let f = format!("variants[{i}]");
            self.at_most(
                &format!("{f}.remove_components"),
                v.remove_components.len(),
                limits::MAX_COMPONENTS,
                "components a version of the stack does without",
            )?;
            self.text(&format!("{f}.id"), &v.id, true)?;
            self.text(&format!("{f}.name"), &v.name, true)?;
            if !ids.insert(v.id.as_str()) {
                return Err(err(format!("{f}.id"), Problem::Duplicate(v.id.clone())));
            }
            self.components(&v.components, &format!("{f}.components"))?;
        }
        Ok(())
    }
}

impl Scenario {
    /// Checks a raw scenario against the rules and the catalogue, after moving every offer
    /// the catalogue has retired onto its replacement ([`Scenario::replaced`] says which).
    ///
    /// # Errors
    /// The first [`ScenarioError`] found, naming the field and the rule it breaks.
    pub fn new(mut raw: RawScenario, catalogue: &Catalogue) -> Result<Scenario, ScenarioError> {
        let replaced = raw.replace_retired(catalogue);
        Checker {
            lookup: catalogue.with(&raw.providers),
            strict: raw.schema_version >= SCENARIO_SCHEMA_VERSION,
        }
        .scenario(&raw)?;
        Ok(Scenario {
            raw: Arc::new(raw),
            replaced: replaced.into(),
        })
    }

    /// Checks a scenario the founder has just edited. One read from a file of an earlier
    /// schema is written in the current schema from then on, once it meets the current
    /// rules; until then it keeps its own.
    ///
    /// # Errors
    /// As [`Scenario::new`].
    pub fn edited(raw: RawScenario, catalogue: &Catalogue) -> Result<Scenario, ScenarioError> {
        if raw.schema_version < SCENARIO_SCHEMA_VERSION {
            let mut current = raw.clone();
            current.schema_version = SCENARIO_SCHEMA_VERSION;
            if let Ok(s) = Scenario::new(current, catalogue) {
                return Ok(s);
            }
        }
        Scenario::new(raw, catalogue)
    }

    /// Reads a scenario from JSON and checks it.
    ///
    /// # Errors
    /// [`Problem::Malformed`] when the text is not scenario JSON, otherwise as [`Scenario::new`].
    pub fn from_json(text: &str, catalogue: &Catalogue) -> Result<Scenario, ScenarioError> {
        let raw: RawScenario = serde_json::from_str(text).map_err(|e| {
            err(
                "file",
                Problem::Malformed(super::unreadable::explain(text, &e).sentence("file")),
            )
        })?;
        Scenario::new(raw, catalogue)
    }

    /// The scenario as JSON, in the same format as the presets.
    pub fn to_json(&self) -> String {
        self.raw().to_json()
    }

    /// The offers its provider retired that the scenario named when it was read, each moved
    /// to its replacement, with the sentence that says so.
    pub fn replaced(&self) -> &[Replaced] {
        &self.replaced
    }

    /// [`Scenario::edited`] for an edit of this scenario: what it says of the retired offers
    /// it was opened with stays said after the edit.
    ///
    /// # Errors
    /// As [`Scenario::new`].
    pub fn edit_of(
        &self,
        raw: RawScenario,
        catalogue: &Catalogue,
    ) -> Result<Scenario, ScenarioError> {
        let mut s = Scenario::edited(raw, catalogue)?;
        if s.replaced.is_empty() {
            s.replaced = Arc::clone(&self.replaced);
        }
        Ok(s)
    }

    /// The checked fields.
    pub fn raw(&self) -> &RawScenario {
        &self.raw
    }

    /// The retired offers it named, shared.
    pub(crate) fn replaced_shared(&self) -> Arc<[Replaced]> {
        Arc::clone(&self.replaced)
    }

    /// The checked fields, shared: a handle to the same scenario, not a copy of it.
    pub(crate) fn shared(&self) -> Arc<RawScenario> {
        Arc::clone(&self.raw)
    }

    /// The scenario with one of its variants applied, or `None` when there is no such variant.
    pub fn variant(&self, id: &str, catalogue: &Catalogue) -> Option<Scenario> {
        let v = self.raw.variants.iter().find(|v| v.id == id)?;
        let mut raw = RawScenario::clone(&self.raw);
        raw.name = format!("{}: {}", self.raw.name, v.name);
        raw.description = v.description.clone();
        raw.variants.clear();
        raw.components
            .retain(|c| !v.remove_components.contains(&c.id));
        for c in &v.components {
            match raw.components.iter_mut().find(|x| x.id == c.id) {
                Some(slot) => *slot = c.clone(),
                None => raw.components.push(c.clone()),
            }
        }
        let mut s = Scenario::new(raw, catalogue).ok()?;
        s.replaced = Arc::clone(&self.replaced);
        Some(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_laid_out_as_serde_json_lays_it_out() {
        let cat = Catalogue::builtin();
        for p in crate::model::presets::PRESETS {
            let s = crate::model::presets::load(p.id, &cat).unwrap().unwrap();
            let want = serde_json::to_string_pretty(s.raw()).unwrap();
            assert_eq!(s.to_json(), want, "{}", p.id);
        }
        let mut raw = crate::model::presets::load("blank", &cat)
            .unwrap()
            .unwrap()
            .raw()
            .clone();
        raw.name = r#"Quotes " and \ back\slashes \", braces {}[], colons: commas, "#.into();
        raw.description =
            "Tabs\t, newlines\n, control \u{1} and unicode “ü” 😀 {\"x\": [1, 2]}".into();
        raw.components.clear();
        let value = serde_json::to_value(&raw).unwrap();
        assert_eq!(raw.to_json(), serde_json::to_string_pretty(&raw).unwrap());
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&raw.to_json()).unwrap(),
            value
        );
        for text in [r#"{}"#, r#"[]"#, r#"{"a":[],"b":{},"c":[{}],"d":"\\\""}"#] {
            let v: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(
                indent_json(text),
                serde_json::to_string_pretty(&v).unwrap(),
                "{text}"
            );
        }
    }

    #[test]
    fn tagged_objects_read_in_either_field_order_and_write_back_the_same() {
        let growths = [
            r#"{"kind": "monthly_pct", "pct_per_month": 12.5}"#,
            r#"{"points": [{"month": 3, "users": 50}], "kind": "milestones"}"#,
        ];
        for text in growths {
            let g: Growth = serde_json::from_str(text).unwrap();
            let back: Growth = serde_json::from_str(&serde_json::to_string(&g).unwrap()).unwrap();
            assert_eq!(g, back);
        }
        let policies = [
            r#"{"kind": "fixed", "offer": "do-basic-1gb"}"#,
            r#"{"units": 3, "offer": "do-basic-1gb", "kind": "fixed"}"#,
            r#"{"kind": "auto", "offers": ["a", "b"]}"#,
            r#"{"kind": "staged", "steps": []}"#,
            r#"{"kind": "mix", "parts": []}"#,
        ];
        for text in policies {
            let p: Policy = serde_json::from_str(text).unwrap();
            let back: Policy = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
            assert_eq!(p, back, "{text}");
        }
        let p: Policy =
            serde_json::from_str(r#"{"units": 3, "offer": "x", "kind": "fixed"}"#).unwrap();
        assert_eq!(
            p,
            Policy::Fixed {
                offer: "x".into(),
                units: Some(3)
            }
        );
    }

    #[test]
    fn tagged_objects_without_a_kind_or_a_field_say_which() {
        let err = |text: &str| {
            serde_json::from_str::<Policy>(text)
                .unwrap_err()
                .to_string()
        };
        assert!(err(r#"{"offer": "x"}"#).contains("missing field `kind`"));
        assert!(err(r#"{"kind": "fixed"}"#).contains("missing field `offer`"));
        assert!(err(r#"{"kind": "auto"}"#).contains("missing field `offers`"));
        assert!(err(r#"{"kind": "cheapest", "offers": []}"#).contains("unknown variant `cheapest`"));
        assert!(err(r#"{"kind": "fixed", "offer": 5}"#).contains("invalid type"));
        assert!(err(r#"{"kind": "fixed", "offer": "x", "offer": "y"}"#).contains("duplicate field"));
        assert!(err("[1, 2]").contains("invalid type"));
        let growth = |text: &str| {
            serde_json::from_str::<Growth>(text)
                .unwrap_err()
                .to_string()
        };
        assert!(growth(r#"{"kind": "monthly_pct"}"#).contains("missing field `pct_per_month`"));
        assert!(growth(r#"{"kind": "yearly"}"#).contains("unknown variant `yearly`"));
    }
}
