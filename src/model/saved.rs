//! The founder's named scenarios as one list with its edits: save (asking before a name is
//! reused), rename, duplicate, delete and put back. Every edit is made to the list as it is
//! stored now, so that two tabs saving at once each keep what the other saved.

use serde_json::value::RawValue;

use super::catalogue::Catalogue;
use super::limits::MAX_NAME_CHARS;
use super::storage::{self, SavedScenario, StoredError, MAX_SAVED, STORAGE_VERSION};

/// The named scenarios, with any stored entry this build could not read, which is written
/// back as it was so that it is never lost.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SavedBook {
    /// The scenarios, in the order the founder sees them.
    pub entries: Vec<SavedScenario>,
    /// Stored entries that could not be read, as their JSON.
    pub kept: Vec<String>,
}

/// What to do when a scenario is saved under a name that is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clash {
    /// Refuse, so that the page can ask.
    Ask,
    /// Replace the scenario of that name.
    Replace,
    /// Keep both: the new one takes the next free name, such as “Plan A (2)”.
    KeepBoth,
}

/// What a save did.
#[derive(Clone, Debug, PartialEq)]
pub enum Saved {
    /// Added under this name.
    Added(String),
    /// Replaced the scenario of that name, which is handed back so that it can be put back.
    Replaced(Box<SavedScenario>),
}

/// Why a save or a rename was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveError {
    /// The name is empty once trimmed.
    Empty,
    /// The name is longer than [`MAX_NAME_CHARS`].
    TooLong,
    /// A scenario of this name exists; the page should ask.
    Taken(String),
    /// [`MAX_SAVED`] scenarios are saved already.
    Full,
    /// No scenario has this name (another tab may have deleted it).
    Missing(String),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::Empty => write!(f, "Give the scenario a name, such as “Plan B”."),
            SaveError::TooLong => write!(f, "Names can be at most {MAX_NAME_CHARS} characters."),
            SaveError::Taken(n) => write!(f, "There is already a scenario called “{n}”."),
            SaveError::Full => write!(
                f,
                "At most {MAX_SAVED} scenarios can be saved; delete one first."
            ),
            SaveError::Missing(n) => write!(
                f,
                "There is no saved scenario called “{n}” any more; it may have been deleted in another tab."
            ),
        }
    }
}

impl std::error::Error for SaveError {}

/// A name as it is kept: trimmed, and checked.
///
/// # Errors
/// [`SaveError::Empty`] or [`SaveError::TooLong`].
pub fn clean_name(name: &str) -> Result<String, SaveError> {
    let n = name.trim();
    if n.is_empty() {
        Err(SaveError::Empty)
    } else if n.chars().count() > MAX_NAME_CHARS {
        Err(SaveError::TooLong)
    } else {
        Ok(n.to_string())
    }
}

impl SavedBook {
    /// Reads the stored list. Entries that do not check are kept, to be written back as they
    /// were.
    ///
    /// # Errors
    /// [`StoredError`] when the list as a whole cannot be read.
    pub fn read(text: &str, catalogue: &Catalogue) -> Result<SavedBook, StoredError> {
        let (entries, kept) = storage::read_saved(text, catalogue)?;
        Ok(SavedBook { entries, kept })
    }

    /// The stored form: the scenarios, then the entries kept as they were.
    pub fn write(&self) -> String {
        let mut items: Vec<String> = self
            .entries
            .iter()
            .filter_map(|e| serde_json::to_string(e).ok())
            .collect();
        items.extend(
            self.kept
                .iter()
                .filter(|k| RawValue::from_string((*k).clone()).is_ok())
                .cloned(),
        );
        format!(
            "{{\"schema_version\":{STORAGE_VERSION},\"data\":[{}]}}",
            items.join(",")
        )
    }

    /// Where the scenario called `name` is.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.name == name)
    }

    /// `base` if no scenario has that name, else the first of “base (2)”, “base (3)”… that
    /// is free.
    pub fn free_name(&self, base: &str) -> String {
        if self.position(base).is_none() {
            return base.to_string();
        }
        (2..)
            .map(|n| format!("{base} ({n})"))
            .find(|n| self.position(n).is_none())
            .unwrap_or_else(|| base.to_string())
    }

    /// Saves `entry` under its name, trimmed; `clash` says what to do when the name is taken.
    ///
    /// # Errors
    /// [`SaveError`] when the name is empty or too long, taken and `clash` is
    /// [`Clash::Ask`], or the list is full.
    pub fn save(&mut self, mut entry: SavedScenario, clash: Clash) -> Result<Saved, SaveError> {
        entry.name = clean_name(&entry.name)?;
        match (self.position(&entry.name), clash) {
            (Some(_), Clash::Ask) => Err(SaveError::Taken(entry.name)),
            (Some(i), Clash::Replace) => {
                let _ = entry.scenario.rename(&entry.name);
                Ok(Saved::Replaced(Box::new(std::mem::replace(
                    &mut self.entries[i],
                    entry,
                ))))
            }
            (Some(_), Clash::KeepBoth) | (None, _) => {
                if self.entries.len() >= MAX_SAVED {
                    return Err(SaveError::Full);
                }
                entry.name = self.free_name(&entry.name);
                let _ = entry.scenario.rename(&entry.name);
                let name = entry.name.clone();
                self.entries.push(entry);
                Ok(Saved::Added(name))
            }
        }
    }

    /// Renames the scenario called `from`.
    ///
    /// # Errors
    /// [`SaveError`] when the new name is empty, too long or taken, or `from` is gone.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), SaveError> {
        let to = clean_name(to)?;
        let i = self
            .position(from)
            .ok_or_else(|| SaveError::Missing(from.to_string()))?;
        if to != from && self.position(&to).is_some() {
            return Err(SaveError::Taken(to));
        }
        let e = &mut self.entries[i];
        let _ = e.scenario.rename(&to);
        e.name = to;
        Ok(())
    }

    /// Puts a copy of the scenario called `name` after it, under the next free name, which
    /// is returned.
    ///
    /// # Errors
    /// [`SaveError::Missing`] when `name` is gone, [`SaveError::Full`] when the list is.
    pub fn duplicate(&mut self, name: &str) -> Result<String, SaveError> {
        let i = self
            .position(name)
            .ok_or_else(|| SaveError::Missing(name.to_string()))?;
        if self.entries.len() >= MAX_SAVED {
            return Err(SaveError::Full);
        }
        let mut copy = self.entries[i].clone();
        copy.name = self.free_name(name);
        let _ = copy.scenario.rename(&copy.name);
        let new_name = copy.name.clone();
        self.entries.insert(i + 1, copy);
        Ok(new_name)
    }

    /// Removes the scenario called `name`, handing back where it was and what it was.
    pub fn delete(&mut self, name: &str) -> Option<(usize, SavedScenario)> {
        let i = self.position(name)?;
        Some((i, self.entries.remove(i)))
    }

    /// Puts back a scenario that was deleted or replaced, at `at` or the end. When its name
    /// has been taken since, the scenario of that name stays and this one comes back under
    /// the next free name, which is returned.
    ///
    /// # Errors
    /// [`SaveError::Full`] when [`MAX_SAVED`] scenarios are saved already (others were saved
    /// since), so that the list never grows past what the page reads back; nothing changes.
    pub fn put_back(
        &mut self,
        at: Option<usize>,
        mut entry: SavedScenario,
    ) -> Result<String, SaveError> {
        if let Some(i) = self.position(&entry.name) {
            if self.entries[i] == entry {
                return Ok(entry.name);
            }
            entry.name = self.free_name(&entry.name);
            let _ = entry.scenario.rename(&entry.name);
        }
        if self.entries.len() >= MAX_SAVED {
            return Err(SaveError::Full);
        }
        let name = entry.name.clone();
        let at = at.unwrap_or(self.entries.len()).min(self.entries.len());
        self.entries.insert(at, entry);
        Ok(name)
    }

    /// Removes the `i`th entry kept as it was, handing it back.
    pub fn drop_kept(&mut self, i: usize) -> Option<String> {
        (i < self.kept.len()).then(|| self.kept.remove(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets;

    fn entry(name: &str, users: f64) -> SavedScenario {
        let cat = Catalogue::builtin();
        let s = presets::load("video-chat-5k", &cat).unwrap().unwrap();
        SavedScenario {
            name: name.into(),
            scenario: s.raw().clone(),
            users,
        }
    }

    fn names(book: &SavedBook) -> Vec<&str> {
        book.entries.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn two_tabs_saving_in_turn_keep_both() {
        let cat = Catalogue::builtin();
        // Each tab read the list when it opened, empty; each save reads what is stored now,
        // adds to it and writes it, so the second tab's save keeps the first's.
        let mut stored = SavedBook::default().write();
        let tab_one = SavedBook::read(&stored, &cat).unwrap();
        let tab_two = SavedBook::read(&stored, &cat).unwrap();
        assert_eq!((tab_one.entries.len(), tab_two.entries.len()), (0, 0));
        for name in ["Plan A", "Plan B", "Plan C"] {
            let mut now = SavedBook::read(&stored, &cat).unwrap();
            now.save(entry(name, 10.0), Clash::Ask).unwrap();
            stored = now.write();
        }
        assert_eq!(
            names(&SavedBook::read(&stored, &cat).unwrap()),
            ["Plan A", "Plan B", "Plan C"]
        );
    }

    #[test]
    fn a_taken_name_asks_then_replaces_or_keeps_both() {
        let mut book = SavedBook::default();
        book.save(entry("  Plan A ", 1.0), Clash::Ask).unwrap();
        assert_eq!(names(&book), ["Plan A"]);
        assert_eq!(
            book.save(entry("Plan A", 2.0), Clash::Ask),
            Err(SaveError::Taken("Plan A".into()))
        );
        assert_eq!(
            book.save(entry("Plan A", 2.0), Clash::KeepBoth),
            Ok(Saved::Added("Plan A (2)".into()))
        );
        assert_eq!(book.entries[1].scenario.name, "Plan A (2)");
        let Ok(Saved::Replaced(old)) = book.save(entry("Plan A", 3.0), Clash::Replace) else {
            panic!("replaces")
        };
        assert_eq!(old.users, 1.0);
        assert_eq!(book.entries[0].users, 3.0);
        // Putting the replaced one back keeps both: the newer keeps the name.
        assert_eq!(book.put_back(Some(0), *old), Ok("Plan A (3)".into()));
        assert_eq!(names(&book), ["Plan A (3)", "Plan A", "Plan A (2)"]);
    }

    #[test]
    fn names_are_checked_and_edits_go_by_name() {
        let mut book = SavedBook::default();
        assert_eq!(
            book.save(entry("   ", 1.0), Clash::Ask),
            Err(SaveError::Empty)
        );
        let long = "x".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(
            book.save(entry(&long, 1.0), Clash::Ask),
            Err(SaveError::TooLong)
        );
        book.save(entry("A", 1.0), Clash::Ask).unwrap();
        book.save(entry("B", 1.0), Clash::Ask).unwrap();
        assert_eq!(book.rename("A", "B"), Err(SaveError::Taken("B".into())));
        assert_eq!(
            book.rename("gone", "C"),
            Err(SaveError::Missing("gone".into()))
        );
        book.rename("A", " Alpha ").unwrap();
        assert_eq!(book.entries[0].scenario.name, "Alpha");
        assert_eq!(book.duplicate("Alpha").unwrap(), "Alpha (2)");
        assert_eq!(names(&book), ["Alpha", "Alpha (2)", "B"]);
        let (at, gone) = book.delete("Alpha").unwrap();
        assert_eq!((at, names(&book)), (0, vec!["Alpha (2)", "B"]));
        assert_eq!(book.put_back(Some(at), gone), Ok("Alpha".into()));
        assert_eq!(names(&book), ["Alpha", "Alpha (2)", "B"]);
    }

    #[test]
    fn the_list_holds_at_most_max_saved() {
        let mut book = SavedBook::default();
        for i in 0..MAX_SAVED {
            book.save(entry(&format!("P{i}"), 1.0), Clash::Ask).unwrap();
        }
        assert_eq!(
            book.save(entry("one more", 1.0), Clash::Ask),
            Err(SaveError::Full)
        );
        assert_eq!(book.duplicate("P0"), Err(SaveError::Full));
        assert!(matches!(
            book.save(entry("P0", 2.0), Clash::Replace),
            Ok(Saved::Replaced(_))
        ));
        // A deleted scenario whose place was taken since cannot come back past the cap: the
        // page would set a longer list aside when it reads it.
        let (at, gone) = book.delete("P1").unwrap();
        book.save(entry("newer", 1.0), Clash::Ask).unwrap();
        assert_eq!(book.put_back(Some(at), gone.clone()), Err(SaveError::Full));
        assert_eq!(book.entries.len(), MAX_SAVED);
        book.delete("newer").unwrap();
        assert_eq!(book.put_back(Some(at), gone), Ok("P1".into()));
        assert_eq!(book.entries.len(), MAX_SAVED);
    }

    #[test]
    fn a_list_longer_than_the_page_keeps_is_refused_whole_not_checked_entry_by_entry() {
        let cat = Catalogue::builtin();
        let one = serde_json::to_string(&entry("Same", 1.0)).unwrap();
        let text = format!(
            r#"{{"schema_version":1,"data":[{}]}}"#,
            vec![one; MAX_SAVED + 1].join(",")
        );
        let e = SavedBook::read(&text, &cat).unwrap_err();
        assert_eq!(e, StoredError::TooMany("saved scenarios", 201, 200));
        assert_eq!(
            crate::model::recovered::why_unusable(&e),
            "it holds 201 saved scenarios, more than the 200 Headroom keeps, so it cannot be opened here, but you can download it as it is"
        );
    }

    #[test]
    fn an_unreadable_entry_is_written_back_as_it_was() {
        let cat = Catalogue::builtin();
        let good = serde_json::to_string(&entry("Good", 5.0)).unwrap();
        let text =
            format!(r#"{{"schema_version":1,"data":[{good},{{"name":"broken","users":"many"}}]}}"#);
        let mut book = SavedBook::read(&text, &cat).unwrap();
        assert_eq!(
            book.kept,
            vec![r#"{"name":"broken","users":"many"}"#.to_string()]
        );
        book.save(entry("New", 1.0), Clash::Ask).unwrap();
        let again = SavedBook::read(&book.write(), &cat).unwrap();
        assert_eq!(names(&again), ["Good", "New"]);
        assert_eq!(again.kept, book.kept);
    }
}
