//! The price catalogue: providers, their offers (tiers, sizes, plans), what each holds,
//! what it costs, and where that price came from. Read from `assets/catalogue.json`.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::range::Range;

/// The catalogue schema this build reads.
pub const CATALOGUE_SCHEMA_VERSION: u32 = 1;

/// The catalogue shipped with the app.
pub const BUILTIN_CATALOGUE_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/catalogue.json"));

/// What part of a stack a provider serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the application: droplets, dynos, autoscale instances, containers.
    Host,
    /// Stores the application's data.
    Database,
    /// Sessions and cached responses.
    Cache,
    /// Embeddings for retrieval.
    VectorStore,
    /// Delivers messages to users (WhatsApp, SMS).
    Messaging,
    /// Language-model APIs.
    Llm,
    /// Content delivery and edge caching.
    Cdn,
    /// A third-party API's request quota.
    Quota,
    /// Metrics, logs, error tracking.
    Monitoring,
    /// Spreads traffic over several hosts.
    LoadBalancer,
    /// WebRTC signalling and relays.
    Signalling,
    /// File and object storage.
    Storage,
    /// Anything else with a monthly cost.
    Other,
}

impl Role {
    /// A short label for people.
    pub fn label(self) -> &'static str {
        match self {
            Role::Host => "Hosting",
            Role::Database => "Database",
            Role::Cache => "Cache",
            Role::VectorStore => "Vector store",
            Role::Messaging => "Messaging",
            Role::Llm => "LLM API",
            Role::Cdn => "CDN",
            Role::Quota => "API quota",
            Role::Monitoring => "Monitoring",
            Role::LoadBalancer => "Load balancer",
            Role::Signalling => "Signalling",
            Role::Storage => "Storage",
            Role::Other => "Other",
        }
    }
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

/// A usage-based charge on top of (or instead of) the monthly price.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Metered {
    /// The demand resource being charged, e.g. `messages_per_month`.
    pub resource: String,
    /// Price in USD for every `per` units of the resource.
    pub usd: Range,
    /// How many units of the resource the price is for (1 for per-message, 1,000,000 for
    /// per-1M-tokens).
    #[serde(default = "one")]
    pub per: f64,
    /// Units of the resource included free with each billed unit of the offer.
    #[serde(default)]
    pub included: f64,
}

fn one() -> f64 {
    1.0
}

/// One thing a provider sells: a tier, a size or a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Offer {
    /// Unique within its provider, e.g. `s-2vcpu-4gb`.
    pub id: String,
    /// What the provider calls it, e.g. `Basic 4 GB / 2 vCPU`.
    pub name: String,
    /// List price of one unit per month.
    pub price_usd_per_month: Range,
    /// What one unit holds, per resource (e.g. `ram_mb`, `vectors`, `connections`).
    #[serde(default)]
    pub capacity: BTreeMap<String, Range>,
    /// Usage-based charges.
    #[serde(default)]
    pub metered: Vec<Metered>,
    /// True when the capacity cannot be exceeded at any price (a quota, a plan limit).
    #[serde(default)]
    pub hard_limit: bool,
    /// Where the price was read.
    pub source: String,
    /// When the source was valid, as written by the source.
    pub as_of: String,
    /// How sure the price is.
    pub confidence: Confidence,
    /// Anything a founder should know about this offer.
    #[serde(default)]
    pub note: String,
}

/// A provider and everything it offers for one role.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Provider {
    /// Unique in the catalogue, e.g. `digitalocean-droplet`.
    pub id: String,
    /// Shown to people, e.g. `DigitalOcean Basic droplet`.
    pub name: String,
    /// The part of the stack it serves.
    pub role: Role,
    /// Offers, cheapest first.
    pub offers: Vec<Offer>,
    /// Anything a founder should know about this provider.
    #[serde(default)]
    pub note: String,
}

/// All providers and offers the app knows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Catalogue {
    /// Must equal [`CATALOGUE_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// When the catalogue as a whole was last reviewed.
    pub as_of: String,
    /// Every provider.
    pub providers: Vec<Provider>,
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
    /// Two providers, or two offers of one provider, share an id.
    DuplicateId(String),
    /// A price, rate or capacity is not a finite number, is negative, or low is above high.
    BadNumber {
        /// `provider/offer` and the field.
        field: String,
    },
    /// An offer has no source or no as-of date.
    MissingSource(String),
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
                write!(f, "{id}: every price needs a source and an as-of date")
            }
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
    /// number is not a finite non-negative range, or a price has no source or date.
    pub fn from_json(text: &str) -> Result<Catalogue, CatalogueError> {
        let cat: Catalogue =
            serde_json::from_str(text).map_err(|e| CatalogueError::Json(e.to_string()))?;
        cat.check()?;
        Ok(cat)
    }

    /// The catalogue shipped with the app.
    ///
    /// # Panics
    /// Never for a released build: a native test reads the same file and fails first.
    pub fn builtin() -> Catalogue {
        Catalogue::from_json(BUILTIN_CATALOGUE_JSON)
            .expect("assets/catalogue.json is checked by a test")
    }

    fn check(&self) -> Result<(), CatalogueError> {
        if self.schema_version != CATALOGUE_SCHEMA_VERSION {
            return Err(CatalogueError::Version {
                found: self.schema_version,
            });
        }
        let mut providers = HashSet::new();
        for p in &self.providers {
            if !providers.insert(p.id.as_str()) {
                return Err(CatalogueError::DuplicateId(p.id.clone()));
            }
            let mut offers = HashSet::new();
            for o in &p.offers {
                let key = format!("{}/{}", p.id, o.id);
                if !offers.insert(o.id.as_str()) {
                    return Err(CatalogueError::DuplicateId(key));
                }
                if o.source.trim().is_empty() || o.as_of.trim().is_empty() {
                    return Err(CatalogueError::MissingSource(key));
                }
                if !valid_range(&o.price_usd_per_month) {
                    return Err(CatalogueError::BadNumber {
                        field: format!("{key} price_usd_per_month"),
                    });
                }
                for (res, cap) in &o.capacity {
                    if !valid_range(cap) || cap.low <= 0.0 {
                        return Err(CatalogueError::BadNumber {
                            field: format!("{key} capacity.{res}"),
                        });
                    }
                }
                for m in &o.metered {
                    let ok = valid_range(&m.usd)
                        && m.per.is_finite()
                        && m.per > 0.0
                        && m.included.is_finite()
                        && m.included >= 0.0;
                    if !ok {
                        return Err(CatalogueError::BadNumber {
                            field: format!("{key} metered.{}", m.resource),
                        });
                    }
                }
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
                assert!(!o.source.is_empty(), "{}/{} has no source", p.id, o.id);
                assert!(!o.as_of.is_empty(), "{}/{} has no as-of", p.id, o.id);
            }
        }
    }

    #[test]
    fn rejects_a_negative_price_and_names_it() {
        let text = r#"{"schema_version":1,"as_of":"x","providers":[{"id":"p","name":"P","role":"host",
            "offers":[{"id":"o","name":"O","price_usd_per_month":-1,"source":"s","as_of":"d","confidence":"solid"}]}]}"#;
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
        let offer = r#"{"id":"o","name":"O","price_usd_per_month":1,"source":"s","as_of":"d","confidence":"solid"}"#;
        let text = format!(
            r#"{{"schema_version":1,"as_of":"x","providers":[{{"id":"p","name":"P","role":"host","offers":[{offer},{offer}]}}]}}"#
        );
        assert_eq!(
            Catalogue::from_json(&text).unwrap_err(),
            CatalogueError::DuplicateId("p/o".into())
        );
    }
}
