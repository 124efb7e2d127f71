//! What Headroom keeps in the browser: the working scenario and the named ones, in a
//! versioned envelope that is migrated forward. Reading never throws data away: what cannot
//! be read is reported so that the page can keep it aside under its own key.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::catalogue::Catalogue;
use super::limits;
use super::scenario::{RawScenario, Scenario, ScenarioError, MAX_TEXT_CHARS};

/// The storage schema this build writes.
pub const STORAGE_VERSION: u32 = 1;
/// Where the working scenario lives.
pub const WORKING_KEY: &str = "headroom/working";
/// Where the named scenarios live.
pub const SAVED_KEY: &str = "headroom/saved";
/// Unreadable data is kept under this prefix followed by the key it came from and a stamp.
pub const ASIDE_PREFIX: &str = "headroom/unreadable/";
/// The most named scenarios kept.
pub const MAX_SAVED: usize = 200;
/// Where the work that opening something else replaced is kept, newest first.
pub const REPLACED_KEY: &str = "headroom/replaced";
/// The most pieces of replaced work kept; the oldest goes first.
pub const MAX_REPLACED: usize = 10;

/// The scenario being worked on, with its user count.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Working {
    /// The scenario.
    pub scenario: RawScenario,
    /// Users now.
    pub users: f64,
    /// The built-in scenario it still is, if unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
}

/// A scenario the founder saved under a name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedScenario {
    /// The name it was saved as.
    pub name: String,
    /// The scenario.
    pub scenario: RawScenario,
    /// Users now.
    pub users: f64,
}

#[derive(Serialize, Deserialize)]
struct Envelope<T> {
    schema_version: u32,
    data: T,
}

/// Why stored data could not be used.
#[derive(Clone, Debug, PartialEq)]
pub enum StoredError {
    /// Not JSON, or not the shape this build reads.
    Unreadable(String),
    /// Written by a newer Headroom.
    Newer(u32),
    /// The user count kept beside the scenario is not one a scenario may have.
    Users(f64),
    /// Read, but the scenario does not pass its checks.
    Invalid(ScenarioError),
    /// A list longer than the page keeps: what it lists, how many, and the most kept.
    TooMany(&'static str, usize, usize),
}

impl fmt::Display for StoredError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoredError::Unreadable(m) => write!(f, "the saved data cannot be read ({m})"),
            StoredError::Newer(v) => write!(
                f,
                "the saved data was written by a newer Headroom (storage version {v})"
            ),
            StoredError::Users(v) => write!(
                f,
                "the saved user count, {}, is not between 0 and {} users",
                shown(*v),
                super::format::count(limits::USERS.max)
            ),
            StoredError::Invalid(e) => write!(f, "the saved scenario is not valid: {e}"),
            StoredError::TooMany(what, n, max) => write!(
                f,
                "the saved data holds {n} {what}, and at most {max} are kept"
            ),
        }
    }
}

impl std::error::Error for StoredError {}

/// A number as a founder reads it: with separators while it is a count a person could
/// type, in powers of ten beyond.
fn shown(v: f64) -> String {
    if v.is_finite() && v.abs() < 1e15 {
        super::format::number(v, 2)
    } else {
        format!("{v:e}")
    }
}

/// The user count stored beside a scenario, within [`limits::USERS`].
fn users_within(users: f64) -> Result<(), StoredError> {
    if limits::USERS.allows(users) {
        Ok(())
    } else {
        Err(StoredError::Users(users))
    }
}

/// The top of a stored document, read without reading the rest.
#[derive(Deserialize)]
struct Head<'a> {
    #[serde(borrow, default)]
    schema_version: Option<&'a RawValue>,
    #[serde(borrow, default)]
    data: Option<&'a RawValue>,
    #[serde(borrow, default)]
    users: Option<&'a RawValue>,
    #[serde(borrow, default)]
    components: Option<&'a RawValue>,
}

/// A stored document brought up to [`STORAGE_VERSION`]: its data's JSON, or a bare
/// scenario's.
enum Migrated<'a> {
    Data(&'a str),
    Bare(&'a str),
}

/// Brings a stored document up to [`STORAGE_VERSION`].
///
/// Version 0 is a bare scenario, as an export file holds it, handed back whole for the
/// reader to take at its own user count.
fn migrate(text: &str) -> Result<Migrated<'_>, StoredError> {
    let head: Head = serde_json::from_str(text).map_err(unreadable)?;
    let version = head
        .schema_version
        .and_then(|v| serde_json::from_str::<u64>(v.get()).ok())
        .map(|v| v.min(u64::from(u32::MAX)) as u32);
    match (version, head.data) {
        (Some(v), Some(_)) if v > STORAGE_VERSION => Err(StoredError::Newer(v)),
        (Some(_), Some(data)) => Ok(Migrated::Data(data.get())),
        // A bare scenario: its own `schema_version` is the scenario's, not the envelope's.
        (_, None) if head.users.is_some() && head.components.is_some() => Ok(Migrated::Bare(text)),
        _ => Err(StoredError::Unreadable("no schema version".into())),
    }
}

fn unreadable(e: serde_json::Error) -> StoredError {
    StoredError::Unreadable(e.to_string())
}

/// Writes the working scenario.
pub fn write_working(w: &Working) -> String {
    serde_json::to_string(&Envelope {
        schema_version: STORAGE_VERSION,
        data: w,
    })
    .unwrap_or_default()
}

/// Reads the working scenario and checks it.
///
/// # Errors
/// [`StoredError`] when the text cannot be read, is from a newer build, or does not check.
pub fn read_working(text: &str, catalogue: &Catalogue) -> Result<(Working, Scenario), StoredError> {
    let w: Working = match migrate(text)? {
        Migrated::Data(data) => serde_json::from_str(data).map_err(unreadable)?,
        Migrated::Bare(bare) => {
            let scenario: RawScenario = serde_json::from_str(bare).map_err(unreadable)?;
            Working {
                users: scenario.users.now,
                scenario,
                preset: None,
            }
        }
    };
    users_within(w.users)?;
    let s = Scenario::new(w.scenario.clone(), catalogue).map_err(StoredError::Invalid)?;
    Ok((w, s))
}

/// Writes the named scenarios.
pub fn write_saved(list: &[SavedScenario]) -> String {
    serde_json::to_string(&Envelope {
        schema_version: STORAGE_VERSION,
        data: list,
    })
    .unwrap_or_default()
}

/// Reads the named scenarios. Entries that do not check come back separately, as their
/// JSON, so that they can be kept aside rather than lost.
///
/// # Errors
/// [`StoredError`] when the list as a whole cannot be read.
pub fn read_saved(
    text: &str,
    catalogue: &Catalogue,
) -> Result<(Vec<SavedScenario>, Vec<String>), StoredError> {
    let Migrated::Data(data) = migrate(text)? else {
        return Err(StoredError::Unreadable("not a list".into()));
    };
    let items: Vec<&RawValue> =
        serde_json::from_str(data).map_err(|_| StoredError::Unreadable("not a list".into()))?;
    // Each entry is checked in full; a list longer than the page keeps is not this build's.
    if items.len() > MAX_SAVED {
        return Err(StoredError::TooMany(
            "saved scenarios",
            items.len(),
            MAX_SAVED,
        ));
    }
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for item in items {
        match serde_json::from_str::<SavedScenario>(item.get()) {
            Ok(s)
                if users_within(s.users).is_ok()
                    && !s.name.trim().is_empty()
                    && s.name.chars().count() <= MAX_TEXT_CHARS
                    && Scenario::new(s.scenario.clone(), catalogue).is_ok() =>
            {
                good.push(s)
            }
            _ => bad.push(item.get().to_string()),
        }
    }
    Ok((good, bad))
}

/// Reads a file a founder imports: a scenario as *Export JSON* writes it, or the envelope
/// this browser stores the working scenario in. Returns the scenario and the user count to
/// show it at: the scenario's own, or the one stored beside it.
///
/// # Errors
/// The sentence that says what is wrong with the file: for an envelope, what is wrong
/// with the scenario in it, its user count or its version; otherwise, or when the envelope
/// is not the shape stored data takes, what the scenario reader says of it.
pub fn read_import(text: &str, catalogue: &Catalogue) -> Result<(Scenario, f64), String> {
    let as_scenario = || {
        Scenario::from_json(text, catalogue)
            .map(|s| {
                let users = s.raw().users.now;
                (s, users)
            })
            .map_err(|e| e.to_string())
    };
    if !matches!(
        migrate(text),
        Ok(Migrated::Data(_)) | Err(StoredError::Newer(_))
    ) {
        return as_scenario();
    }
    match read_working(text, catalogue) {
        Ok((w, s)) => Ok((s, w.users)),
        Err(e @ StoredError::Newer(_)) => Err(format!(
            "{e}; open it in that Headroom, or export it from there as a scenario"
        )),
        Err(StoredError::Users(v)) => Err(format!(
            "the user count in it, {}, is not between 0 and {} users; export the scenario again from the Headroom it came from",
            shown(v),
            super::format::count(limits::USERS.max)
        )),
        Err(StoredError::Invalid(e)) => Err(e.to_string()),
        // Not the shape stored data takes: say what the scenario reader says of it.
        Err(StoredError::Unreadable(_) | StoredError::TooMany(..)) => as_scenario(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets;

    fn working() -> Working {
        let cat = Catalogue::builtin();
        let s = presets::load("video-chat-5k", &cat).unwrap().unwrap();
        Working {
            scenario: s.raw().clone(),
            users: 4321.0,
            preset: Some("video-chat-5k".into()),
        }
    }

    #[test]
    fn working_round_trips() {
        let cat = Catalogue::builtin();
        let w = working();
        let (back, _) = read_working(&write_working(&w), &cat).unwrap();
        assert_eq!(back, w);
    }

    #[test]
    fn a_bare_scenario_migrates_to_the_working_scenario() {
        let cat = Catalogue::builtin();
        let json = presets::PRESETS[1].json;
        let (w, s) = read_working(json, &cat).unwrap();
        assert_eq!(w.users, s.raw().users.now);
        assert_eq!(w.preset, None);
    }

    #[test]
    fn newer_and_broken_data_are_refused_with_a_reason() {
        let cat = Catalogue::builtin();
        assert_eq!(
            read_working(r#"{"schema_version": 99, "data": {}}"#, &cat).unwrap_err(),
            StoredError::Newer(99)
        );
        assert!(matches!(
            read_working("{not json", &cat),
            Err(StoredError::Unreadable(_))
        ));
        let mut w = working();
        w.scenario.users.now = -1.0;
        assert!(matches!(
            read_working(&write_working(&w), &cat),
            Err(StoredError::Invalid(_))
        ));
    }

    #[test]
    fn a_bad_saved_entry_is_returned_not_dropped() {
        let cat = Catalogue::builtin();
        let good = SavedScenario {
            name: "Plan A".into(),
            scenario: working().scenario,
            users: 10.0,
        };
        let text = format!(
            r#"{{"schema_version":1,"data":[{},{{"name":"broken","users":"many"}}]}}"#,
            serde_json::to_string(&good).unwrap()
        );
        let (ok, bad) = read_saved(&text, &cat).unwrap();
        assert_eq!(ok, vec![good]);
        assert_eq!(bad.len(), 1);
        assert!(bad[0].contains("broken"));
    }
}
