//! What Headroom keeps so that nothing a founder had is lost: stored data it could not read,
//! set aside under keys of its own, and the work that opening a link, a file, a preset or
//! another tab's version replaced. Each can be described, opened, downloaded or deleted.

use serde::{Deserialize, Serialize};

use super::catalogue::Catalogue;
use super::scenario::{RawScenario, Scenario};
use super::storage::{
    self, SavedScenario, StoredError, Working, ASIDE_PREFIX, MAX_REPLACED, SAVED_KEY,
    STORAGE_VERSION, WORKING_KEY,
};

/// The key a copy of the data under `source` is set aside under: the source and the time
/// in milliseconds, and a counter when that key is taken (`taken` says whether it is), so
/// that no copy ever overwrites another.
pub fn aside_key(source: &str, stamp_ms: u64, taken: impl Fn(&str) -> bool) -> String {
    let base = format!("{ASIDE_PREFIX}{source}/{stamp_ms}");
    if !taken(&base) {
        return base;
    }
    (2u32..)
        .map(|n| format!("{base}-{n}"))
        .find(|k| !taken(k))
        .unwrap_or(base)
}

/// Where a set-aside copy came from and when it was set aside, read from its key.
#[derive(Clone, Debug, PartialEq)]
pub struct AsideKey {
    /// The key the data was under.
    pub source: String,
    /// When it was set aside, in milliseconds since 1970, if the key says.
    pub stamp_ms: Option<u64>,
}

impl AsideKey {
    /// Reads a key made by [`aside_key`]; `None` for a key without the prefix.
    pub fn parse(key: &str) -> Option<AsideKey> {
        let rest = key.strip_prefix(ASIDE_PREFIX)?;
        let (source, stamp) = rest.rsplit_once('/').unwrap_or((rest, ""));
        let stamp = stamp.split('-').next().unwrap_or("");
        Some(AsideKey {
            source: source.to_string(),
            stamp_ms: stamp.parse().ok(),
        })
    }

    /// What the data was, in words.
    pub fn what(&self) -> &'static str {
        what_key_holds(&self.source)
    }
}

/// What the data under a key of Headroom's is, in words.
pub fn what_key_holds(key: &str) -> &'static str {
    match key {
        WORKING_KEY => "The scenario you were working on",
        SAVED_KEY => "Your list of saved scenarios",
        storage::REPLACED_KEY => "Work replaced by something you opened",
        _ => "Data Headroom kept",
    }
}

/// Why stored data could not be used, in words a founder reads, with what to do.
pub fn why_unusable(error: &StoredError) -> String {
    match error {
        StoredError::Newer(v) => format!(
            "it was written by a newer version of Headroom (storage version {v}; this one reads {STORAGE_VERSION}), so open it in that version, or download it"
        ),
        StoredError::Unreadable(_) => {
            "it is damaged (it is not what Headroom writes), so it cannot be opened, but you can download it as it is".to_string()
        }
        StoredError::TooMany(what, n, max) => format!(
            "it holds {n} {what}, more than the {max} Headroom keeps, so it cannot be opened here, but you can download it as it is"
        ),
        StoredError::Users(_) | StoredError::Invalid(_) => {
            format!("{error}, so it cannot be opened, but you can download it as it is")
        }
    }
}

/// Opens set-aside data as a scenario: a stored working scenario, a bare scenario as a file
/// holds it, one saved entry, or the first readable scenario of a saved list.
///
/// # Errors
/// The reason of the first form tried, when none reads.
pub fn open(text: &str, catalogue: &Catalogue) -> Result<(Working, Scenario), StoredError> {
    let first = match storage::read_working(text, catalogue) {
        Ok(found) => return Ok(found),
        Err(e) => e,
    };
    if let Ok(entry) = serde_json::from_str::<SavedScenario>(text) {
        if let Some(found) = check(entry.scenario, entry.users, catalogue) {
            return Ok(found);
        }
    }
    if let Ok((list, _)) = storage::read_saved(text, catalogue) {
        if let Some(entry) = list.into_iter().next() {
            if let Some(found) = check(entry.scenario, entry.users, catalogue) {
                return Ok(found);
            }
        }
    }
    Err(first)
}

fn check(scenario: RawScenario, users: f64, catalogue: &Catalogue) -> Option<(Working, Scenario)> {
    let text = storage::write_working(&Working {
        scenario,
        users,
        preset: None,
    });
    storage::read_working(&text, catalogue).ok()
}

/// Work that opening something else replaced, kept so that one click brings it back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Replaced {
    /// The work as it was.
    pub work: Working,
    /// What replaced it, as the sentence “Before you opened …” ends: “the link”, “the file
    /// plan.json”.
    pub by: String,
    /// When, in milliseconds since 1970.
    pub at_ms: f64,
}

/// True when `work` is worth keeping before something replaces it: it is not a built-in
/// scenario left as it was at its own user count, nor the same as one of `saved`, nor the
/// same as what replaces it. Names are not compared: a saved copy goes by the name it was
/// saved under.
pub fn worth_keeping(work: &Working, saved: &[SavedScenario], next: Option<&Working>) -> bool {
    if work.preset.is_some() && work.users == work.scenario.users.now {
        return false;
    }
    // The user count is the work's; the scenario's own count may lag it.
    let plain = |scenario: &RawScenario, users: f64| {
        let mut s = scenario.clone();
        s.name.clear();
        s.users.now = users;
        s
    };
    let mine = plain(&work.scenario, work.users);
    let same =
        |scenario: &RawScenario, users: f64| users == work.users && plain(scenario, users) == mine;
    !saved.iter().any(|s| same(&s.scenario, s.users))
        && !next.is_some_and(|n| same(&n.scenario, n.users))
}

/// Adds `entry` to the front of the replaced work, dropping an older copy of the same work
/// and the oldest past [`MAX_REPLACED`].
pub fn keep_replaced(list: &mut Vec<Replaced>, entry: Replaced) {
    list.retain(|r| r.work != entry.work);
    list.insert(0, entry);
    list.truncate(MAX_REPLACED);
}

#[derive(Serialize, Deserialize)]
struct Envelope<T> {
    schema_version: u32,
    data: T,
}

/// Writes the replaced work.
pub fn write_replaced(list: &[Replaced]) -> String {
    serde_json::to_string(&Envelope {
        schema_version: STORAGE_VERSION,
        data: list,
    })
    .unwrap_or_default()
}

/// Reads the replaced work. An entry that no longer checks comes back separately, as its
/// JSON, so that it can be kept aside rather than lost.
///
/// # Errors
/// [`StoredError`] when the list as a whole cannot be read or is from a newer build.
pub fn read_replaced(
    text: &str,
    catalogue: &Catalogue,
) -> Result<(Vec<Replaced>, Vec<String>), StoredError> {
    #[derive(Deserialize)]
    struct Head<'a> {
        schema_version: u32,
        #[serde(borrow)]
        data: Vec<&'a serde_json::value::RawValue>,
    }
    let head: Head = serde_json::from_str(text)
        .map_err(|_| StoredError::Unreadable("not a list of replaced work".into()))?;
    if head.schema_version > STORAGE_VERSION {
        return Err(StoredError::Newer(head.schema_version));
    }
    if head.data.len() > MAX_REPLACED {
        return Err(StoredError::TooMany(
            "pieces of replaced work",
            head.data.len(),
            MAX_REPLACED,
        ));
    }
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for item in head.data {
        match serde_json::from_str::<Replaced>(item.get()) {
            Ok(r) if check(r.work.scenario.clone(), r.work.users, catalogue).is_some() => {
                good.push(r)
            }
            _ => bad.push(item.get().to_string()),
        }
    }
    Ok((good, bad))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets;

    fn work(users: f64) -> Working {
        let cat = Catalogue::builtin();
        let s = presets::load("video-chat-5k", &cat).unwrap().unwrap();
        Working {
            scenario: s.raw().clone(),
            users,
            preset: None,
        }
    }

    #[test]
    fn aside_keys_never_repeat() {
        let mut taken = vec!["headroom/unreadable/headroom/saved/1000".to_string()];
        let k = aside_key("headroom/saved", 1000, |k| taken.iter().any(|t| t == k));
        assert_eq!(k, "headroom/unreadable/headroom/saved/1000-2");
        taken.push(k);
        let k = aside_key("headroom/saved", 1000, |k| taken.iter().any(|t| t == k));
        assert_eq!(k, "headroom/unreadable/headroom/saved/1000-3");
        assert_eq!(
            AsideKey::parse(&k),
            Some(AsideKey {
                source: "headroom/saved".into(),
                stamp_ms: Some(1000)
            })
        );
        assert_eq!(AsideKey::parse("headroom/working"), None);
    }

    #[test]
    fn newer_data_is_explained_and_opens_nowhere() {
        let cat = Catalogue::builtin();
        let e = open(r#"{"schema_version":7,"data":{"x":1}}"#, &cat).unwrap_err();
        assert_eq!(e, StoredError::Newer(7));
        assert!(why_unusable(&e)
            .contains("newer version of Headroom (storage version 7; this one reads 1)"));
    }

    #[test]
    fn set_aside_entries_and_lists_open() {
        let cat = Catalogue::builtin();
        let w = work(321.0);
        let entry = SavedScenario {
            name: "Plan".into(),
            scenario: w.scenario.clone(),
            users: 321.0,
        };
        let one = serde_json::to_string(&entry).unwrap();
        assert_eq!(open(&one, &cat).unwrap().0.users, 321.0);
        let list = storage::write_saved(&[entry]);
        assert_eq!(open(&list, &cat).unwrap().0.users, 321.0);
        assert_eq!(open(&storage::write_working(&w), &cat).unwrap().0, w);
    }

    #[test]
    fn only_work_that_would_be_lost_is_kept() {
        let w = work(500.0);
        assert!(worth_keeping(&w, &[], None));
        let preset = Working {
            preset: Some("video-chat-5k".into()),
            ..w.clone()
        };
        assert!(
            worth_keeping(&preset, &[], None),
            "a preset at 500 users, not its own 5,000"
        );
        let preset = Working {
            users: preset.scenario.users.now,
            ..preset
        };
        assert!(!worth_keeping(&preset, &[], None), "a preset as it was");
        let mut saved = w.scenario.clone();
        saved.name = "Saved as another name".into();
        let copy = SavedScenario {
            name: saved.name.clone(),
            scenario: saved,
            users: 500.0,
        };
        assert!(
            !worth_keeping(&w, std::slice::from_ref(&copy), None),
            "saved already"
        );
        assert!(!worth_keeping(&w, &[], Some(&w)), "opening the same again");
        assert!(worth_keeping(&work(501.0), &[copy], None), "other users");
    }

    #[test]
    fn replaced_work_is_kept_newest_first_without_repeats() {
        let cat = Catalogue::builtin();
        let mut list = Vec::new();
        for users in 0..12 {
            let r = Replaced {
                work: work(f64::from(users)),
                by: "the link".into(),
                at_ms: 0.0,
            };
            keep_replaced(&mut list, r);
        }
        keep_replaced(
            &mut list,
            Replaced {
                work: work(5.0),
                by: "a file".into(),
                at_ms: 1.0,
            },
        );
        // 12 kept, newest first: 11 down to 2; then 5 again moves to the front, and the list
        // stays at 10: 5, 11, 10, 9, 8, 7, 6, 4, 3, 2.
        let users: Vec<f64> = list.iter().map(|r| r.work.users).collect();
        assert_eq!(
            users,
            vec![5.0, 11.0, 10.0, 9.0, 8.0, 7.0, 6.0, 4.0, 3.0, 2.0]
        );
        let (back, bad) = read_replaced(&write_replaced(&list), &cat).unwrap();
        assert_eq!((back, bad.len()), (list, 0));
        let broken = r#"{"schema_version":1,"data":[{"work":1,"by":"x","at_ms":0}]}"#;
        let (none, bad) = read_replaced(broken, &cat).unwrap();
        assert_eq!(
            (none.len(), bad),
            (0, vec![r#"{"work":1,"by":"x","at_ms":0}"#.to_string()])
        );
    }
}
