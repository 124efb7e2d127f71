//! Warnings: the components that run out of room at a snapshot, each with the sentence shown
//! to the founder.

use super::{Model, Snapshot};
use crate::model::format;

/// Something a founder must act on at a user count.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    /// Index of the component.
    pub component: usize,
    /// What is wrong.
    pub kind: WarningKind,
    /// The sentence shown to people.
    pub message: String,
}

/// The kinds of [`Warning`].
#[derive(Clone, Debug, PartialEq)]
pub enum WarningKind {
    /// More units are needed than the component may have.
    OverMaxUnits {
        /// Units the demand asks for.
        needed: u32,
        /// The most allowed.
        max: u32,
    },
    /// Demand is above what the configuration holds (a staged or fixed plan, or a hard limit).
    OverCapacity {
        /// Demand ÷ capacity.
        utilisation: f64,
        /// True when the limit cannot be bought past (a quota, a free plan).
        hard: bool,
    },
    /// An offer the component runs is deprecated or has a shutdown date.
    Ending {
        /// The offer's reference, `provider/offer`.
        offer: String,
        /// The day it shuts down, when announced.
        shutdown: Option<crate::model::date::Date>,
    },
    /// The scenario named an offer its provider has shut down; it runs the replacement.
    Retired {
        /// The retired reference, `provider/offer`.
        from: String,
        /// The replacement's reference.
        to: String,
    },
}

impl Model {
    /// The retired offers the scenario named, now on their replacements, each with the
    /// component that runs the replacement; the offers in use at this snapshot that their
    /// provider is ending; then the components that run out of room, worst case first.
    pub fn warnings(&self, s: &Snapshot) -> Vec<Warning> {
        let mut out = self.retired_and_ending(s);
        out.extend(self.room_warnings(s));
        out
    }

    fn retired_and_ending(&self, s: &Snapshot) -> Vec<Warning> {
        let mut out = Vec::new();
        for r in self.replaced.iter() {
            let component = self
                .raw
                .components
                .iter()
                .position(|c| c.offer_refs().contains(&r.to.as_str()));
            if let Some(component) = component {
                out.push(Warning {
                    component,
                    kind: WarningKind::Retired {
                        from: r.from.clone(),
                        to: r.to.clone(),
                    },
                    message: r.message.clone(),
                });
            }
        }
        for (i, (c, st)) in self.components.iter().zip(&s.components).enumerate() {
            let mut seen: Vec<usize> = Vec::new();
            for a in st.best.allocations.iter().chain(&st.worst.allocations) {
                let cand = &c.candidates[a.candidate];
                if seen.contains(&a.candidate) {
                    continue;
                }
                seen.push(a.candidate);
                let Some(ending) = cand.ending() else {
                    continue;
                };
                out.push(Warning {
                    component: i,
                    kind: WarningKind::Ending {
                        offer: cand.offer_ref.clone(),
                        shutdown: cand.shutdown,
                    },
                    message: format!("{}: {ending}.", c.name),
                });
            }
        }
        out
    }

    fn room_warnings(&self, s: &Snapshot) -> Vec<Warning> {
        let mut out = Vec::new();
        for (i, (c, st)) in self.components.iter().zip(&s.components).enumerate() {
            let w = &st.worst;
            let resource = w.binding.map(|r| format::resource(&c.resources[r]));
            let hard = w
                .allocations
                .iter()
                .any(|a| c.candidates[a.candidate].hard_limit);
            if w.units_needed > c.max_units && c.max_units > 1 {
                out.push(Warning {
                    component: i,
                    kind: WarningKind::OverMaxUnits {
                        needed: w.units_needed,
                        max: c.max_units,
                    },
                    message: format!(
                        "{}: needs {} at once, more than the {} it may run; {} users is beyond this stack's ceiling",
                        c.name,
                        format::count(f64::from(w.units_needed)),
                        format::count(f64::from(c.max_units)),
                        format::count(s.users)
                    ),
                });
            } else if w.over_limit {
                let pct = format::pct(w.utilisation * 100.0);
                out.push(Warning {
                    component: i,
                    kind: WarningKind::OverCapacity {
                        utilisation: w.utilisation,
                        hard,
                    },
                    message: format!(
                        "{}: {} at {} of what it holds{}",
                        c.name,
                        resource.unwrap_or_else(|| "demand".into()),
                        pct,
                        if hard {
                            ", and it refuses more"
                        } else {
                            "; upgrade it or run more of it"
                        }
                    ),
                });
            }
        }
        out
    }
}
