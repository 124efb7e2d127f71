//! Which catalogue prices changed since a scenario was priced: the catalogue keeps a history
//! of its editions (`assets/price-history.json`), a scenario records the edition it was
//! priced with, and opening it under a later one lists every price it uses that changed,
//! old and new, for the founder to keep the old ones or take today's.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::eval::Model;
use super::format;
use super::range::Range;
use super::scenario::RawScenario;

/// The price history shipped with the app.
pub const BUILTIN_HISTORY_JSON: &str =
    include_str!(concat!(env!("OUT_DIR"), "/price-history.json"));

/// What changed about one offer between two editions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum What {
    /// The price of one unit per month.
    Price,
    /// A metered rate, per `per` units of `resource`.
    Rate,
    /// The minimum monthly bill.
    Minimum,
    /// The monthly usage credit.
    Credit,
}

/// One figure of one offer that an edition changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// `provider/offer`.
    pub offer: String,
    /// Which figure.
    pub what: What,
    /// For a rate, the metered resource.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub resource: String,
    /// For a rate, the units both figures are quoted per.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub per: f64,
    /// The figure before, in USD.
    pub old: Range,
    /// The figure after, in USD.
    pub new: Range,
    /// For a rate, the units included with each unit of the offer, before.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub old_included: f64,
    /// For a rate, the units included after.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub new_included: f64,
}

fn one() -> f64 {
    1.0
}

fn is_one(v: &f64) -> bool {
    *v == 1.0
}

fn is_zero(v: &f64) -> bool {
    *v == 0.0
}

/// One edition of the catalogue: its date and what it changed from the one before.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    /// The catalogue's `as_of` for this edition.
    pub edition: String,
    /// Figures that changed from the edition before.
    #[serde(default)]
    pub changes: Vec<Change>,
}

/// Every edition of the catalogue since scenarios began recording theirs, oldest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceHistory {
    /// Oldest first; the last is the catalogue this build ships.
    pub editions: Vec<Edition>,
}

impl PriceHistory {
    /// The history shipped with the app, read once.
    ///
    /// # Panics
    /// Never for a released build: a native test reads the same file first.
    pub fn shared() -> &'static PriceHistory {
        static SHARED: OnceLock<PriceHistory> = OnceLock::new();
        SHARED.get_or_init(|| {
            serde_json::from_str(BUILTIN_HISTORY_JSON)
                .expect("assets/price-history.json is checked by a test")
        })
    }

    /// The edition this build's catalogue is.
    pub fn latest(&self) -> Option<&str> {
        self.editions.last().map(|e| e.edition.as_str())
    }

    /// The changes made after `edition`, oldest first; after none recorded (a scenario
    /// saved before scenarios recorded their edition), every change the history holds; an
    /// edition the history does not know (from a newer build) has none to report.
    fn since(&self, edition: Option<&str>) -> impl Iterator<Item = &Change> {
        let start = match edition {
            None => Some(0),
            Some(e) => self
                .editions
                .iter()
                .position(|x| x.edition == e)
                .map(|i| i + 1),
        };
        self.editions
            .iter()
            .skip(start.unwrap_or(self.editions.len()))
            .flat_map(|e| &e.changes)
    }
}

/// A price a scenario uses that changed since it was priced.
#[derive(Clone, Debug, PartialEq)]
pub struct PriceChange {
    /// The figure, its old and its new value (collapsed over several editions).
    pub change: Change,
    /// Ids of the components whose offers it is.
    pub components: Vec<String>,
    /// "DigitalOcean Basic droplet Basic 1 GB: $6 → $8 a month".
    pub words: String,
}

fn describe(c: &Change, provider: &str, offer: &str) -> String {
    let money = |r: Range| format::band(r, format::usd);
    let what = match c.what {
        What::Price => "a month".to_string(),
        What::Minimum => "minimum a month".to_string(),
        What::Credit => "usage credit a month".to_string(),
        What::Rate => {
            let mut out = if c.per == 1.0 {
                format::per_one(&c.resource)
            } else {
                format!(
                    "per {} {}",
                    format::count(c.per),
                    format::resource_each(&c.resource)
                )
            };
            if c.old_included != c.new_included {
                out.push_str(&format!(
                    " (included: {} → {})",
                    format::count(c.old_included),
                    format::count(c.new_included)
                ));
            }
            out
        }
    };
    format!(
        "{provider} {offer}: {} → {} {what}",
        money(c.old),
        money(c.new)
    )
}

/// The prices `raw` uses that changed since the edition it records, one per figure, with
/// the old value as it was when the scenario was priced and the new as it is today. A
/// figure the founder overrode in every component that uses it is left out: their own
/// price did not change.
pub fn changes_for(model: &Model, raw: &RawScenario, history: &PriceHistory) -> Vec<PriceChange> {
    if raw.priced_with.as_deref() == history.latest() {
        return Vec::new();
    }
    let key = |x: &Change| (x.offer.clone(), x.what, x.resource.clone());
    let mut out: Vec<(PriceChange, String, String)> = Vec::new();
    for c in history.since(raw.priced_with.as_deref()) {
        if let Some((prev, _, _)) = out.iter_mut().find(|p| key(&p.0.change) == key(c)) {
            prev.change.new = c.new;
            prev.change.new_included = c.new_included;
            continue;
        }
        let mut names = None;
        let mut components = Vec::new();
        for (spec, compiled) in raw.components.iter().zip(&model.components) {
            let Some(cand) = compiled.candidates.iter().find(|k| k.offer_ref == c.offer) else {
                continue;
            };
            let overridden = match c.what {
                What::Price => spec.price_overrides.iter().any(|o| o.offer == c.offer),
                What::Rate => spec
                    .rate_overrides
                    .iter()
                    .any(|o| o.offer == c.offer && o.resource == c.resource),
                What::Minimum | What::Credit => false,
            };
            if !overridden && !cand.provenance.own {
                names.get_or_insert((cand.provider.clone(), cand.offer.clone()));
                components.push(spec.id.clone());
            }
        }
        if let Some((provider, offer)) = names {
            let change = PriceChange {
                change: c.clone(),
                components,
                words: String::new(),
            };
            out.push((change, provider, offer));
        }
    }
    out.into_iter()
        .filter(|(p, _, _)| {
            p.change.old != p.change.new || p.change.old_included != p.change.new_included
        })
        .map(|(mut p, provider, offer)| {
            p.words = describe(&p.change, &provider, &offer);
            p
        })
        .collect()
}

/// When `raw` was priced with an edition the history does not know (a newer build's, or a
/// damaged value), what the page says: its figures use today's prices, and what changed
/// cannot be listed.
pub fn unknown_edition(raw: &RawScenario, history: &PriceHistory) -> Option<String> {
    let e = raw.priced_with.as_deref()?;
    (!history.editions.iter().any(|x| x.edition == e)).then(|| {
        format!(
            "This scenario was priced with a catalogue edition this version of Headroom does not know (\u{201c}{}\u{201d}), perhaps by a newer version: its figures use today's prices, and which of them changed cannot be listed.",
            e.chars().take(40).collect::<String>()
        )
    })
}

/// Whether a change can be kept as an override of the founder's own: a unit price or a
/// metered rate can; a minimum or a credit cannot.
pub fn can_keep(c: &Change) -> bool {
    matches!(c.what, What::Price | What::Rate)
}
