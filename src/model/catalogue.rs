//! The price catalogue: providers, their offers (tiers, sizes, plans), what each holds,
//! what it costs, and where that price came from. Read from `assets/catalogue.json`.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::range::Range;
use super::usage::{Basis, Driver};

/// The catalogue schema this build reads.
pub const CATALOGUE_SCHEMA_VERSION: u32 = 2;

/// The catalogue shipped with the app, less its LLM and embedding providers.
pub const BUILTIN_CATALOGUE_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/catalogue.json"));

/// The LLM and embedding providers shipped with the app, generated from the pinned
/// genai-prices package by `scripts/llm-prices.mjs`, with the offers they retired.
pub const BUILTIN_LLM_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/llm-catalogue.json"));

/// What part of a stack a provider serves: a key of the catalogue's `roles`, such as
/// `host`, `database` or `llm`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Role(pub String);

impl Role {
    /// The role with this key.
    pub fn new(key: &str) -> Role {
        Role(key.to_string())
    }

    /// Its key.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One role a component can play, as data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleSpec {
    /// The key scenarios and providers use, e.g. `vector_store`.
    pub key: String,
    /// A short label for people, e.g. `Vector store`.
    pub label: String,
    /// What a component in this role does, in a line.
    #[serde(default)]
    pub explain: String,
}

/// One thing users ask of a component and offers hold or charge for, as data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceSpec {
    /// The key drivers, capacities and rates use, e.g. `ram_mb`.
    pub key: String,
    /// Its name in running text, with its unit where that helps, e.g. `RAM (MB)`,
    /// `messages a month`.
    pub label: String,
    /// The unit one of it is counted in, e.g. `MB`, `tokens a month`.
    pub unit: String,
    /// One of it, for "per message": `message`; empty for a quantity such as RAM.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub one: String,
    /// What it is, in a line a founder understands.
    #[serde(default)]
    pub explain: String,
}

/// How sure the catalogue is of a price.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Read from the provider's own price list or API.
    Solid,
    /// From a reliable secondary copy, or a reading that needs care.
    Medium,
    /// From a third party, undated or in conflict with another source.
    Shaky,
    /// A placeholder the founder is expected to fill in.
    Assumed,
}

/// How a figure in the catalogue was obtained.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// Read from the provider's own price page.
    OfficialPage,
    /// From the provider's own API or price-list file.
    OfficialApi,
    /// From the provider's documentation rather than its price page.
    OfficialDocs,
    /// From a copy kept by someone else; only where the provider publishes no page.
    ThirdParty,
    /// The figure a founder's guide uses.
    Guide,
    /// A placeholder for the founder to replace.
    Assumption,
}

impl Evidence {
    /// True when the figure comes from the provider itself.
    pub fn is_official(self) -> bool {
        matches!(
            self,
            Evidence::OfficialPage | Evidence::OfficialApi | Evidence::OfficialDocs
        )
    }

    /// How it was obtained, in words a founder reads after "from".
    pub fn words(self) -> &'static str {
        match self {
            Evidence::OfficialPage => "the provider's price page",
            Evidence::OfficialApi => "the provider's own API or price list",
            Evidence::OfficialDocs => "the provider's documentation",
            Evidence::ThirdParty => "a copy kept by a third party",
            Evidence::Guide => "a founder's guide, not the provider",
            Evidence::Assumption => "an assumption, not a price list",
        }
    }
}

/// What happens to usage beyond a metered allowance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Overage {
    /// Billed at the meter's rate.
    #[default]
    Billed,
    /// Refused: the allowance is a hard limit, and what runs out is room, not money.
    Blocked,
}

/// One slice of a graduated rate: usage beyond the previous slice and up to `up_to` is
/// charged `usd` per `per` units.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Where the slice ends, in units of the resource beyond the allowance; `None` for the
    /// last slice, which has no end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub up_to: Option<f64>,
    /// USD for every `per` units in this slice.
    pub usd: Range,
}

/// A usage-based charge on top of (or instead of) the monthly price.
///
/// # Formula
/// billable = max(0, demand − included × units);
/// cost = billable ÷ per × usd, or with tiers Σ over slices of (billable in slice) ÷ per ×
/// the slice's usd; nothing when the overage is blocked. A fee is billed beside the unit
/// price, outside any usage credit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metered {
    /// The demand resource being charged, e.g. `messages_per_month`.
    pub resource: String,
    /// Price in USD for every `per` units of the resource (unused when `tiers` is set).
    #[serde(default, skip_serializing_if = "Range::is_zero")]
    pub usd: Range,
    /// How many units of the resource the price is for (1 for per-message, 1,000,000 for
    /// per-1M-tokens).
    #[serde(default = "one")]
    pub per: f64,
    /// Units of the resource included free with each billed unit of the offer.
    #[serde(default)]
    pub included: f64,
    /// Graduated rates, in order; when set they replace `usd`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<Tier>,
    /// Whether usage past `included` is billed or refused.
    #[serde(default, skip_serializing_if = "is_billed")]
    pub overage: Overage,
    /// True for a fee rather than usage, such as a price per seat: the offer's usage
    /// credit does not pay for it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fee: bool,
}

fn one() -> f64 {
    1.0
}

fn is_billed(o: &Overage) -> bool {
    *o == Overage::Billed
}

/// One thing a provider sells: a tier, a size or a plan.
///
/// # Formula
/// bill = max(minimum, units × price + Σ fees + max(0, Σ other metered − credit)).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    /// Unique within its provider, e.g. `s-2vcpu-4gb`.
    pub id: String,
    /// What the provider calls it, e.g. `Basic 4 GB / 2 vCPU`.
    pub name: String,
    /// List price of one unit per month.
    pub price_usd_per_month: Range,
    /// What one unit holds, per resource (e.g. `ram_mb`, `vectors`, `connections`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub capacity: BTreeMap<String, Range>,
    /// Usage-based charges.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metered: Vec<Metered>,
    /// A monthly credit, in USD, spent on metered usage (not on the unit price).
    #[serde(default, skip_serializing_if = "Range::is_zero")]
    pub credit_usd_per_month: Range,
    /// A minimum monthly bill, in USD: a floor that usage grows into, not a fee on top.
    #[serde(default, skip_serializing_if = "Range::is_zero")]
    pub minimum_usd_per_month: Range,
    /// True when the capacity cannot be exceeded at any price (a quota, a plan limit).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hard_limit: bool,
    /// Where the price can be checked: the provider's own price or docs page wherever one
    /// exists. Files from before this field was named give it as `source`.
    #[serde(default, alias = "source")]
    pub source_url: String,
    /// The link text a founder reads, e.g. "DigitalOcean Droplet pricing".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source_title: String,
    /// The day the figure was last confirmed against its source, `YYYY-MM-DD`. Files from
    /// before this field was named give it as `as_of`.
    #[serde(default, alias = "as_of")]
    pub checked: String,
    /// How the figure was obtained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    /// How it was obtained, in a sentence: the page, a copy that corroborates it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence_note: String,
    /// How sure the price is.
    #[serde(default = "assumed")]
    pub confidence: Confidence,
    /// True when the provider has announced the offer's end.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// The day the provider stops serving it, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shutdown: Option<String>,
    /// For an offer that is ending, the id of the offer of the same provider to pick
    /// instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
    /// Anything a founder should know about this offer.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Where a price comes from, as the page shows it: a link, the day it was checked, how it
/// was obtained and how sure it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Provenance {
    /// The page to check it on; empty when there is none.
    pub url: String,
    /// The link text.
    pub title: String,
    /// The day it was checked; `None` when no date was given or it is not a date.
    pub checked: Option<Date>,
    /// How it was obtained; `None` for a founder's own figure.
    pub evidence: Option<Evidence>,
    /// How it was obtained, in a sentence.
    pub note: String,
    /// How sure it is.
    pub confidence: Confidence,
    /// True for a price of the founder's own.
    pub own: bool,
}

impl Provenance {
    /// True when the price was checked more than six months before `today`.
    pub fn is_stale(&self, today: Date) -> bool {
        self.checked
            .is_some_and(|c| super::date::is_stale(c, today))
    }

    /// How the figure was obtained and how sure it is, in a sentence.
    pub fn how(&self) -> String {
        let from = match self.evidence {
            Some(e) => e.words(),
            None => "your own figure",
        };
        let sure = match self.confidence {
            Confidence::Solid => "confirmed",
            Confidence::Medium => "fairly sure",
            Confidence::Shaky => "uncertain",
            Confidence::Assumed => "assumed",
        };
        let mut out = format!("From {from}; {sure}.");
        if !self.note.is_empty() {
            out.push(' ');
            out.push_str(&self.note);
        }
        out
    }
}

fn host_of(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then_some(host)
}

impl Offer {
    /// Where the price comes from; `own` for an offer the founder defined.
    pub fn provenance(&self, own: bool) -> Provenance {
        let url = self.source_url.trim();
        let url = if host_of(url).is_some() { url } else { "" };
        let title = if !self.source_title.trim().is_empty() {
            self.source_title.trim().to_string()
        } else if let Some(host) = host_of(url) {
            host.trim_start_matches("www.").to_string()
        } else if own {
            "your own figure, no link given".into()
        } else {
            match self.evidence {
                Some(Evidence::Guide) => "a founder's guide".into(),
                _ => "an assumption".into(),
            }
        };
        Provenance {
            url: url.to_string(),
            title,
            checked: Date::parse(self.checked.trim()),
            evidence: if own { None } else { self.evidence },
            note: self.evidence_note.clone(),
            confidence: self.confidence,
            own,
        }
    }

    /// The day its provider stops serving it, when announced.
    pub fn shutdown_date(&self) -> Option<Date> {
        self.shutdown.as_deref().and_then(Date::parse)
    }
}

/// True when a link's host is `domain` or one of its subdomains.
pub fn is_on_domain(url: &str, domain: &str) -> bool {
    host_of(url).is_some_and(|h| h == domain || h.ends_with(&format!(".{domain}")))
}

fn assumed() -> Confidence {
    Confidence::Assumed
}

impl Offer {
    /// Every resource the offer holds or charges for, capacity first, each once.
    pub fn resources(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.capacity.keys().map(String::as_str).collect();
        for m in &self.metered {
            if !out.contains(&m.resource.as_str()) {
                out.push(&m.resource);
            }
        }
        out
    }
}

/// A provider and everything it offers for one role.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    /// Unique in the catalogue, e.g. `digitalocean-droplet`.
    pub id: String,
    /// Shown to people, e.g. `DigitalOcean Basic droplet`.
    pub name: String,
    /// The part of the stack it serves.
    pub role: Role,
    /// What a founder fills in for a component on this provider: the drivers it starts
    /// with, with default amounts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meters: Vec<Driver>,
    /// The offer a new component on this provider runs, its id; auto-upgrade over every
    /// offer when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_offer: Option<String>,
    /// The hosts the provider's own pages live on, e.g. `digitalocean.com`; empty when
    /// there is no provider to ask (a generic VPS, a self-hosted gateway).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub official_domains: Vec<String>,
    /// Offers, cheapest first.
    pub offers: Vec<Offer>,
    /// Anything a founder should know about this provider.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Provider {
    /// The reference `provider/offer` of each offer, in order.
    pub fn offer_refs(&self) -> Vec<String> {
        self.offers
            .iter()
            .map(|o| format!("{}/{}", self.id, o.id))
            .collect()
    }
}

/// All providers and offers the app knows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// Must equal [`CATALOGUE_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// When the catalogue as a whole was last reviewed.
    pub as_of: String,
    /// Every role a component may play.
    pub roles: Vec<RoleSpec>,
    /// Every resource a driver, capacity or rate may name.
    pub resources: Vec<ResourceSpec>,
    /// Every provider.
    pub providers: Vec<Provider>,
    /// Offers the catalogue no longer has because their provider ended them, each with
    /// the offer that takes its place in a scenario that names it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retired: Vec<Retired>,
}

/// An offer its provider has shut down, and the one a scenario naming it now runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retired {
    /// The reference `provider/offer` that is gone.
    pub offer: String,
    /// What it was called, e.g. `Gemini 2.0 Flash`.
    pub name: String,
    /// The day it stopped being served, `YYYY-MM-DD`.
    pub shutdown: String,
    /// The sentence a founder reads, e.g. "Gemini 2.0 Flash was shut down on 2026-06-01".
    pub reason: String,
    /// The reference `provider/offer` that replaces it.
    pub replacement: String,
    /// The page that announced its end.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source_url: String,
    /// Anything else about its end.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The generated part of the built-in catalogue: its LLM and embedding providers.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GeneratedProviders {
    #[allow(dead_code)]
    about: String,
    #[allow(dead_code)]
    generated_from: String,
    #[allow(dead_code)]
    prices_on: String,
    providers: Vec<Provider>,
    #[serde(default)]
    retired: Vec<Retired>,
}

/// Why a catalogue cannot be used.
#[derive(Clone, Debug, PartialEq)]
pub enum CatalogueError {
    /// The text is not valid catalogue JSON.
    Json(String),
    /// The schema version is not the one this build reads.
    Version {
        /// The version in the file.
        found: u32,
    },
    /// Two providers, two offers of one provider, two roles or two resources share an id.
    DuplicateId(String),
    /// A price, rate or capacity is not a finite number, is negative, or low is above high.
    BadNumber {
        /// `provider/offer` and the field.
        field: String,
    },
    /// An offer has no source or no as-of date.
    MissingSource(String),
    /// A provider, offer or meter names a role or resource the catalogue does not define.
    Unknown {
        /// Where, e.g. `pinecone/standard metered`.
        field: String,
        /// The key that is not defined.
        key: String,
    },
    /// Some other rule, in words.
    Rule {
        /// Where.
        field: String,
        /// The rule.
        rule: &'static str,
    },
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CatalogueError::Json(m) => write!(f, "the catalogue is not valid JSON: {m}"),
            CatalogueError::Version { found } => write!(
                f,
                "the catalogue has schema version {found}; this build reads version {CATALOGUE_SCHEMA_VERSION}"
            ),
            CatalogueError::DuplicateId(id) => write!(f, "the catalogue lists `{id}` twice"),
            CatalogueError::BadNumber { field } => write!(
                f,
                "{field}: must be a finite number ≥ 0, with low not above high"
            ),
            CatalogueError::MissingSource(id) => {
                write!(f, "{id}: every price needs a source and the day it was checked, written YYYY-MM-DD")
            }
            CatalogueError::Unknown { field, key } => {
                write!(f, "{field}: `{key}` is not one of the catalogue's roles or resources")
            }
            CatalogueError::Rule { field, rule } => write!(f, "{field}: {rule}"),
        }
    }
}

impl std::error::Error for CatalogueError {}

fn valid_range(r: &Range) -> bool {
    r.is_finite() && r.low >= 0.0 && r.low <= r.high
}

impl Catalogue {
    /// Reads and checks a catalogue.
    ///
    /// # Errors
    /// [`CatalogueError`] when the JSON is malformed, the version is wrong, an id repeats, a
    /// number is not a finite non-negative range, a price has no source or date, or a role
    /// or resource is not in the catalogue's vocabulary.
    pub fn from_json(text: &str) -> Result<Catalogue, CatalogueError> {
        let cat: Catalogue =
            serde_json::from_str(text).map_err(|e| CatalogueError::Json(e.to_string()))?;
        cat.check()?;
        Ok(cat)
    }

    /// The catalogue shipped with the app: `assets/catalogue.json` with the generated
    /// providers of `assets/llm-catalogue.json` merged in, checked as one.
    ///
    /// # Panics
    /// Never for a released build: a native test reads the same files and fails first.
    pub fn builtin() -> Catalogue {
        Catalogue::merged(BUILTIN_CATALOGUE_JSON, BUILTIN_LLM_JSON)
            .expect("assets/catalogue.json and assets/llm-catalogue.json are checked by a test")
    }

    /// A catalogue with generated providers merged in. Each generated provider takes the
    /// place of one with its id; a new one goes after the last provider whose role comes no
    /// later than its own in `roles`.
    ///
    /// # Errors
    /// As [`Catalogue::from_json`], for either text or for the result.
    pub fn merged(catalogue: &str, generated: &str) -> Result<Catalogue, CatalogueError> {
        let mut cat: Catalogue =
            serde_json::from_str(catalogue).map_err(|e| CatalogueError::Json(e.to_string()))?;
        let gen: GeneratedProviders =
            serde_json::from_str(generated).map_err(|e| CatalogueError::Json(e.to_string()))?;
        let rank = |cat: &Catalogue, role: &Role| {
            cat.roles
                .iter()
                .position(|r| r.key == role.0)
                .unwrap_or(usize::MAX)
        };
        for p in gen.providers {
            if let Some(slot) = cat.providers.iter_mut().find(|x| x.id == p.id) {
                *slot = p;
                continue;
            }
            let own = rank(&cat, &p.role);
            let at = cat
                .providers
                .iter()
                .rposition(|x| rank(&cat, &x.role) <= own)
                .map_or(0, |i| i + 1);
            cat.providers.insert(at, p);
        }
        cat.retired.extend(gen.retired);
        cat.check()?;
        Ok(cat)
    }

    /// The retired offer `reference` names, when the catalogue has retired it.
    pub fn retired(&self, reference: &str) -> Option<&Retired> {
        self.retired.iter().find(|r| r.offer == reference)
    }

    /// The oldest and newest days a built-in price was checked; `None` when none has a
    /// date.
    pub fn checked_span(&self) -> Option<(Date, Date)> {
        self.providers
            .iter()
            .flat_map(|p| &p.offers)
            .filter_map(|o| Date::parse(o.checked.trim()))
            .fold(None, |acc, d| match acc {
                None => Some((d, d)),
                Some((a, b)) => Some((a.min(d), b.max(d))),
            })
    }

    /// The catalogue shipped with the app, read once and shared.
    pub fn shared() -> &'static Catalogue {
        static SHARED: OnceLock<Catalogue> = OnceLock::new();
        SHARED.get_or_init(Catalogue::builtin)
    }

    fn check(&self) -> Result<(), CatalogueError> {
        if self.schema_version != CATALOGUE_SCHEMA_VERSION {
            return Err(CatalogueError::Version {
                found: self.schema_version,
            });
        }
        let mut keys = HashSet::new();
        for r in &self.roles {
            if !keys.insert(format!("role {}", r.key)) {
                return Err(CatalogueError::DuplicateId(r.key.clone()));
            }
        }
        for r in &self.resources {
            if Basis::is_reserved(&r.key) {
                return Err(CatalogueError::Rule {
                    field: format!("resource {}", r.key),
                    rule: "names a count of people, not a resource",
                });
            }
            if !keys.insert(format!("resource {}", r.key)) {
                return Err(CatalogueError::DuplicateId(r.key.clone()));
            }
        }
        let mut providers = HashSet::new();
        for p in &self.providers {
            if !providers.insert(p.id.as_str()) {
                return Err(CatalogueError::DuplicateId(p.id.clone()));
            }
            self.check_provider(p, true)?;
        }
        for r in &self.retired {
            let field = format!("retired {}", r.offer);
            if self.offer(&r.offer).is_some() {
                return Err(CatalogueError::Rule {
                    field,
                    rule: "a retired offer must not be offered",
                });
            }
            if self.offer(&r.replacement).is_none() {
                return Err(CatalogueError::Unknown {
                    field: format!("{field} replacement"),
                    key: r.replacement.clone(),
                });
            }
        }
        Ok(())
    }

    /// Checks one provider, from the catalogue or a founder's own, against the rules and
    /// the catalogue's vocabulary. A founder's own offers may name resources of their own
    /// and need no source.
    ///
    /// # Errors
    /// The first rule the provider breaks, naming `provider/offer` and the field.
    pub fn check_provider(&self, p: &Provider, builtin: bool) -> Result<(), CatalogueError> {
        if self.role(&p.role).is_none() {
            return Err(CatalogueError::Unknown {
                field: format!("{} role", p.id),
                key: p.role.0.clone(),
            });
        }
        let known = |field: String, key: &str| {
            if !builtin || self.resource(key).is_some() {
                Ok(())
            } else {
                Err(CatalogueError::Unknown {
                    field,
                    key: key.to_string(),
                })
            }
        };
        let mut offers = HashSet::new();
        for o in &p.offers {
            let key = format!("{}/{}", p.id, o.id);
            if o.id.is_empty() || o.id.contains('/') || !offers.insert(o.id.as_str()) {
                return Err(CatalogueError::DuplicateId(key));
            }
            if builtin
                && (o.source_url.trim().is_empty() && o.evidence.is_none_or(Evidence::is_official)
                    || Date::parse(o.checked.trim()).is_none())
            {
                return Err(CatalogueError::MissingSource(key));
            }
            let numbers = [
                ("price_usd_per_month", &o.price_usd_per_month),
                ("credit_usd_per_month", &o.credit_usd_per_month),
                ("minimum_usd_per_month", &o.minimum_usd_per_month),
            ];
            for (field, r) in numbers {
                if !valid_range(r) {
                    return Err(CatalogueError::BadNumber {
                        field: format!("{key} {field}"),
                    });
                }
            }
            for (res, cap) in &o.capacity {
                known(format!("{key} capacity"), res)?;
                if !valid_range(cap) || cap.low <= 0.0 {
                    return Err(CatalogueError::BadNumber {
                        field: format!("{key} capacity.{res}"),
                    });
                }
            }
            for m in &o.metered {
                known(format!("{key} metered"), &m.resource)?;
                let field = format!("{key} metered.{}", m.resource);
                let ok = valid_range(&m.usd)
                    && m.per.is_finite()
                    && m.per > 0.0
                    && m.included.is_finite()
                    && m.included >= 0.0
                    && m.tiers.iter().all(|t| {
                        valid_range(&t.usd) && t.up_to.is_none_or(|u| u.is_finite() && u > 0.0)
                    });
                if !ok {
                    return Err(CatalogueError::BadNumber { field });
                }
                check_tiers(&m.tiers).map_err(|rule| CatalogueError::Rule {
                    field: field.clone(),
                    rule,
                })?;
                if m.overage == Overage::Blocked && m.included <= 0.0 {
                    return Err(CatalogueError::Rule {
                        field,
                        rule: "usage blocked past an allowance needs an included amount above 0",
                    });
                }
            }
        }
        for o in &p.offers {
            if let Some(next) = &o.successor {
                if next == &o.id || !p.offers.iter().any(|x| &x.id == next) {
                    return Err(CatalogueError::Unknown {
                        field: format!("{}/{} successor", p.id, o.id),
                        key: next.clone(),
                    });
                }
            }
        }
        if let Some(o) = &p.default_offer {
            if !p.offers.iter().any(|x| &x.id == o) {
                return Err(CatalogueError::Unknown {
                    field: format!("{} default_offer", p.id),
                    key: o.clone(),
                });
            }
        }
        for (j, d) in p.meters.iter().enumerate() {
            let field = format!("{} meters[{j}]", p.id);
            known(field.clone(), &d.resource)?;
            if let Some(r) = d.per.resource() {
                if !p
                    .meters
                    .iter()
                    .any(|m| m.resource == r && m.per.resource().is_none())
                {
                    return Err(CatalogueError::Unknown {
                        field: format!("{field}.per"),
                        key: r.to_string(),
                    });
                }
            }
            if !valid_range(&d.amount) {
                return Err(CatalogueError::BadNumber { field });
            }
        }
        Ok(())
    }

    /// The provider with this id.
    pub fn provider(&self, id: &str) -> Option<&Provider> {
        self.providers.iter().find(|p| p.id == id)
    }

    /// The offer named `provider/offer`, with its provider.
    pub fn offer(&self, reference: &str) -> Option<(&Provider, &Offer)> {
        let (pid, oid) = reference.split_once('/')?;
        let p = self.provider(pid)?;
        let o = p.offers.iter().find(|o| o.id == oid)?;
        Some((p, o))
    }

    /// The role with this key.
    pub fn role(&self, role: &Role) -> Option<&RoleSpec> {
        self.roles.iter().find(|r| r.key == role.0)
    }

    /// A role's label for people; its key when the catalogue does not define it.
    pub fn role_label<'a>(&'a self, role: &'a Role) -> &'a str {
        self.role(role).map_or(role.as_str(), |r| r.label.as_str())
    }

    /// The resource with this key.
    pub fn resource(&self, key: &str) -> Option<&ResourceSpec> {
        self.resources.iter().find(|r| r.key == key)
    }

    /// This catalogue with a scenario's own providers in front of it.
    pub fn with<'a>(&'a self, own: &'a [Provider]) -> Lookup<'a> {
        Lookup {
            catalogue: self,
            own,
        }
    }
}

/// Graduated tiers end in increasing order, and only the last may be open-ended.
fn check_tiers(tiers: &[Tier]) -> Result<(), &'static str> {
    let mut last = 0.0;
    for (i, t) in tiers.iter().enumerate() {
        match t.up_to {
            Some(u) if u > last => last = u,
            Some(_) => return Err("each tier must end above the one before it"),
            None if i + 1 == tiers.len() => {}
            None => return Err("only the last tier may have no end"),
        }
    }
    if tiers.last().is_some_and(|t| t.up_to.is_some()) {
        return Err("the last tier takes whatever is left, so it has no end");
    }
    Ok(())
}

/// The catalogue as one scenario sees it: the scenario's own providers first, then the
/// catalogue's. An own provider with the id of a catalogue provider takes its place.
#[derive(Clone, Copy, Debug)]
pub struct Lookup<'a> {
    /// The built-in catalogue.
    pub catalogue: &'a Catalogue,
    /// The scenario's own providers.
    pub own: &'a [Provider],
}

impl<'a> Lookup<'a> {
    /// The provider with this id.
    pub fn provider(&self, id: &str) -> Option<&'a Provider> {
        self.own
            .iter()
            .find(|p| p.id == id)
            .or_else(|| self.catalogue.provider(id))
    }

    /// The offer named `provider/offer`, with its provider.
    pub fn offer(&self, reference: &str) -> Option<(&'a Provider, &'a Offer)> {
        let (pid, oid) = reference.split_once('/')?;
        let p = self.provider(pid)?;
        let o = p.offers.iter().find(|o| o.id == oid)?;
        Some((p, o))
    }

    /// True when the provider is one of the scenario's own.
    pub fn is_own(&self, provider_id: &str) -> bool {
        self.own.iter().any(|p| p.id == provider_id)
    }

    /// Every provider, the scenario's own first.
    pub fn providers(&self) -> impl Iterator<Item = &'a Provider> + 'a {
        let own = self.own;
        let cat = self.catalogue;
        own.iter().chain(
            cat.providers
                .iter()
                .filter(move |p| !own.iter().any(|o| o.id == p.id)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalogue_reads_and_every_price_has_a_source() {
        let cat = Catalogue::builtin();
        assert!(!cat.providers.is_empty());
        for p in &cat.providers {
            for o in &p.offers {
                assert!(
                    !o.source_url.is_empty() || o.evidence.is_some(),
                    "{}/{} has no source",
                    p.id,
                    o.id
                );
                assert!(
                    !o.checked.is_empty(),
                    "{}/{} has no checked date",
                    p.id,
                    o.id
                );
            }
        }
    }

    /// Every way a built-in offer's source breaks the catalogue's rules, one line each.
    fn source_problems(cat: &Catalogue) -> Vec<String> {
        let edition = Date::parse(&cat.as_of).expect("the catalogue's as_of is a date");
        let mut out = Vec::new();
        for p in &cat.providers {
            for o in &p.offers {
                let at = format!("{}/{}", p.id, o.id);
                let mut bad = |why: &str| out.push(format!("{at}: {why}"));
                match Date::parse(&o.checked) {
                    None => bad("checked is not a YYYY-MM-DD date"),
                    Some(d) if d > edition => bad("checked after the catalogue's own date"),
                    Some(_) => {}
                }
                if o.shutdown.is_some() && o.shutdown_date().is_none() {
                    bad("shutdown is not a YYYY-MM-DD date");
                }
                let Some(e) = o.evidence else {
                    bad("no evidence");
                    continue;
                };
                if !o.source_url.is_empty() && o.source_title.trim().is_empty() {
                    bad("a source_url needs a source_title");
                }
                if e.is_official() {
                    if !o.source_url.starts_with("https://") {
                        bad("official evidence needs an https source_url");
                    }
                    if !p
                        .official_domains
                        .iter()
                        .any(|d| is_on_domain(&o.source_url, d))
                    {
                        bad("official evidence, but source_url is not on the provider's official domains");
                    }
                }
                if e == Evidence::ThirdParty && !p.official_domains.is_empty() {
                    bad("a third-party source where the provider has an official page");
                }
                if p.official_domains.is_empty() && e.is_official() {
                    bad("official evidence for a provider with no official domain");
                }
                if o.confidence == Confidence::Solid && !e.is_official() {
                    bad("solid confidence needs official evidence");
                }
            }
        }
        out
    }

    #[test]
    fn every_offer_has_an_official_or_labelled_source_and_a_checked_date() {
        let problems = source_problems(&Catalogue::builtin());
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn the_source_rules_catch_a_third_party_link_an_undated_check_and_an_unlabelled_link() {
        let text = r#"{"schema_version":2,"as_of":"2026-12-01","roles":[{"key":"host","label":"Hosting"}],"resources":[],"providers":[{"id":"p","name":"P","role":"host","official_domains":["p.example"],
            "offers":[
              {"id":"a","name":"A","price_usd_per_month":1,"source_url":"https://mirror.example/p","source_title":"P prices","checked":"2026-11-01","evidence":"official_page","confidence":"solid"},
              {"id":"c","name":"C","price_usd_per_month":1,"source_url":"https://docs.p.example/x","checked":"2026-11-01","evidence":"third_party","confidence":"solid"},
              {"id":"d","name":"D","price_usd_per_month":1,"source_url":"https://www.p.example/pricing","source_title":"P pricing","checked":"2026-11-01","evidence":"official_page","confidence":"solid"}
            ]}]}"#;
        // A date that does not parse is refused by the catalogue itself.
        let undated = text.replace("\"checked\":\"2026-11-01\",\"evidence\":\"official_page\",\"confidence\":\"solid\"},\n              {\"id\":\"c\"", "\"checked\":\"2026-11\",\"evidence\":\"official_page\",\"confidence\":\"solid\"},\n              {\"id\":\"c\"");
        assert_ne!(undated, text);
        assert_eq!(
            Catalogue::from_json(&undated),
            Err(CatalogueError::MissingSource("p/a".into()))
        );
        let problems = source_problems(&Catalogue::from_json(text).unwrap());
        let has = |s: &str| problems.iter().any(|p| p.contains(s));
        assert!(
            has("p/a: official evidence, but source_url is not on"),
            "{problems:?}"
        );
        assert!(
            has("p/c: a source_url needs a source_title"),
            "{problems:?}"
        );
        assert!(has("p/c: a third-party source where"), "{problems:?}");
        assert!(
            has("p/c: solid confidence needs official evidence"),
            "{problems:?}"
        );
        assert!(
            !problems.iter().any(|p| p.starts_with("p/d")),
            "{problems:?}"
        );
    }

    #[test]
    fn the_generated_llm_providers_sit_with_their_role_and_every_retired_offer_has_a_replacement() {
        let cat = Catalogue::builtin();
        let ids: Vec<&str> = cat.providers.iter().map(|p| p.id.as_str()).collect();
        let at = |id: &str| ids.iter().position(|x| *x == id).unwrap();
        // roles run messaging, llm, embeddings, cdn: the LLM providers come after the last
        // messaging provider and before the first CDN one, as they stood when hand-kept.
        let last_messaging = cat
            .providers
            .iter()
            .rposition(|p| p.role.0 == "messaging")
            .unwrap();
        assert_eq!(at("gemini"), last_messaging + 1);
        assert_eq!(
            &ids[at("gemini")..at("cloudflare")],
            [
                "gemini",
                "openai",
                "anthropic",
                "openai-embeddings",
                "gemini-embeddings"
            ]
        );
        let (_, lite) = cat.offer("gemini/gemini-2.5-flash-lite").unwrap();
        assert_eq!(lite.metered[0].usd, Range::exact(0.1));
        let (_, flash) = cat.offer("gemini/gemini-2.5-flash").unwrap();
        assert!(flash.deprecated);
        assert_eq!(flash.shutdown.as_deref(), Some("2026-12-01"));
        assert!(cat.offer("gemini/gemini-2.0-flash").is_none());
        let r = cat.retired("gemini/gemini-2.0-flash").unwrap();
        assert_eq!(r.replacement, "gemini/gemini-2.5-flash-lite");
        assert_eq!(r.shutdown, "2026-06-01");
        for r in &cat.retired {
            assert!(cat.offer(&r.replacement).is_some(), "{}", r.replacement);
        }
    }

    #[test]
    fn a_retired_offer_still_offered_is_refused() {
        let gen = BUILTIN_LLM_JSON.replace(
            r#""offer":"gemini/gemini-2.0-flash""#,
            r#""offer":"gemini/gemini-2.5-flash""#,
        );
        assert_ne!(gen, BUILTIN_LLM_JSON);
        let e = Catalogue::merged(BUILTIN_CATALOGUE_JSON, &gen).unwrap_err();
        assert!(
            e.to_string().contains("retired gemini/gemini-2.5-flash"),
            "{e}"
        );
    }

    #[test]
    fn rejects_a_negative_price_and_names_it() {
        let text = r#"{"schema_version":2,"as_of":"x","roles":[{"key":"host","label":"Hosting"}],"resources":[],"providers":[{"id":"p","name":"P","role":"host",
            "offers":[{"id":"o","name":"O","price_usd_per_month":-1,"source":"https://p.example/pricing","as_of":"2026-12-01","confidence":"solid"}]}]}"#;
        let err = Catalogue::from_json(text).unwrap_err();
        assert_eq!(
            err,
            CatalogueError::BadNumber {
                field: "p/o price_usd_per_month".into()
            }
        );
    }

    #[test]
    fn rejects_a_duplicate_offer() {
        let offer = r#"{"id":"o","name":"O","price_usd_per_month":1,"source":"https://p.example/pricing","as_of":"2026-12-01","confidence":"solid"}"#;
        let text = format!(
            r#"{{"schema_version":2,"as_of":"x","roles":[{{"key":"host","label":"Hosting"}}],"resources":[],"providers":[{{"id":"p","name":"P","role":"host","offers":[{offer},{offer}]}}]}}"#
        );
        assert_eq!(
            Catalogue::from_json(&text).unwrap_err(),
            CatalogueError::DuplicateId("p/o".into())
        );
    }
}
