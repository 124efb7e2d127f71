//! What users ask of a component: the count a driver multiplies, and the driver itself.
//! Shared by the catalogue (a provider's default meters) and scenarios (a component's demand).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::range::Range;

/// Which count a demand driver multiplies.
///
/// Written in JSON as `"user"`, `"active_user"`, `"concurrent_user"`, `"paying_user"` or
/// `"fixed"`; any other text names a resource of the same component, so that a driver can
/// count per unit of another one (input tokens per message, vectors per document).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Basis {
    /// Every registered user.
    User,
    /// Users active in a month.
    ActiveUser,
    /// Users online at the busiest moment.
    ConcurrentUser,
    /// Users who pay.
    PayingUser,
    /// A constant, whatever the users.
    Fixed,
    /// Each unit of another resource the same component is asked for.
    Resource(String),
}

impl Basis {
    /// The bases that count people (or nothing), in the order a founder meets them.
    pub const PEOPLE: [Basis; 5] = [
        Basis::User,
        Basis::ActiveUser,
        Basis::ConcurrentUser,
        Basis::PayingUser,
        Basis::Fixed,
    ];

    /// The key written in JSON.
    pub fn key(&self) -> &str {
        match self {
            Basis::User => "user",
            Basis::ActiveUser => "active_user",
            Basis::ConcurrentUser => "concurrent_user",
            Basis::PayingUser => "paying_user",
            Basis::Fixed => "fixed",
            Basis::Resource(r) => r,
        }
    }

    /// The basis a key names.
    pub fn from_key(key: &str) -> Basis {
        match key {
            "user" => Basis::User,
            "active_user" => Basis::ActiveUser,
            "concurrent_user" => Basis::ConcurrentUser,
            "paying_user" => Basis::PayingUser,
            "fixed" => Basis::Fixed,
            other => Basis::Resource(other.to_string()),
        }
    }

    /// True for a key that names a count of people or `fixed`, not a resource.
    pub fn is_reserved(key: &str) -> bool {
        Basis::PEOPLE.iter().any(|b| b.key() == key)
    }

    /// The plural noun for people; a resource's key for a resource basis.
    pub fn label(&self) -> &str {
        match self {
            Basis::User => "users",
            Basis::ActiveUser => "active users",
            Basis::ConcurrentUser => "concurrent users",
            Basis::PayingUser => "paying users",
            Basis::Fixed => "fixed",
            Basis::Resource(r) => r,
        }
    }

    /// The resource this basis counts per unit of, if it is one.
    pub fn resource(&self) -> Option<&str> {
        match self {
            Basis::Resource(r) => Some(r),
            _ => None,
        }
    }
}

impl Basis {
    /// What a driver counts per, in words: `per active user`, `for the whole app, whatever
    /// the users`, `per message`.
    pub fn words(&self) -> String {
        match self {
            Basis::Fixed => "for the whole app, whatever the users".into(),
            Basis::Resource(r) => super::format::per_one(r),
            other => format!("per {}", other.label().trim_end_matches('s')),
        }
    }
}

impl Driver {
    /// What this driver asks for, in words, without its amount: `RAM, MB, per user`,
    /// `input tokens per message`, `messages a month per WhatsApp session` (its own label
    /// for the users it counts, when it has one).
    pub fn words(&self) -> String {
        use super::format;
        let per = if self.label.is_empty() || matches!(self.per, Basis::Fixed | Basis::Resource(_))
        {
            self.per.words()
        } else {
            format!("per {}", self.label)
        };
        let name = match self.per {
            Basis::Resource(_) => format::resource_each(&self.resource),
            _ => format::resource(&self.resource),
        };
        format!("{} {per}", format::unit_aside(&name))
    }
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl Serialize for Basis {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for Basis {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let key = std::borrow::Cow::<str>::deserialize(d)?;
        Ok(Basis::from_key(&key))
    }
}

/// Turns users into demand on one resource: `amount` of `resource` per `per`.
///
/// # Formula
/// demand = amount × (users, active, concurrent or paying users, 1, or the demand on the
/// resource `per` names).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Driver {
    /// The resource, a key of the catalogue's vocabulary, e.g. `ram_mb`, `vectors`.
    pub resource: String,
    /// The count it multiplies.
    pub per: Basis,
    /// Amount of the resource per unit of that count.
    pub amount: Range,
    /// What one unit of the basis is called in this stack (e.g. "active test"), if not a user.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// What the amount means, in a line a founder understands.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub explain: String,
}
