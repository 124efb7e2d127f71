//! The built-in scenarios: one per founder's scaling guide, and a starting scenario.
//! Each is a scenario file under `assets/presets/`, in the same format as an export.

use super::catalogue::Catalogue;
use super::scenario::{Scenario, ScenarioError};

/// A built-in scenario file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// Stable id, used in links and tests.
    pub id: &'static str,
    /// The scenario JSON.
    pub json: &'static str,
}

/// The scenario the app opens on.
pub const DEFAULT_PRESET: &str = "starter-saas";

/// Every built-in scenario, in the order the picker lists them.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "starter-saas",
        json: include_str!("../../assets/presets/starter-saas.json"),
    },
    Preset {
        id: "blank",
        json: include_str!("../../assets/presets/blank.json"),
    },
    Preset {
        id: "ai-ceo-replit",
        json: include_str!("../../assets/presets/ai-ceo-replit.json"),
    },
    Preset {
        id: "chatbot-digitalocean",
        json: include_str!("../../assets/presets/chatbot-digitalocean.json"),
    },
    Preset {
        id: "titletesterpro",
        json: include_str!("../../assets/presets/titletesterpro.json"),
    },
    Preset {
        id: "video-chat-5k",
        json: include_str!("../../assets/presets/video-chat-5k.json"),
    },
    Preset {
        id: "salesboy-ai",
        json: include_str!("../../assets/presets/salesboy-ai.json"),
    },
];

/// The built-in scenario with this id, checked against the catalogue.
///
/// # Errors
/// The scenario's [`ScenarioError`] if the file does not check; `None` for an unknown id.
pub fn load(id: &str, catalogue: &Catalogue) -> Option<Result<Scenario, ScenarioError>> {
    PRESETS
        .iter()
        .find(|p| p.id == id)
        .map(|p| Scenario::from_json(p.json, catalogue))
}
