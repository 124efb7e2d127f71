//! The built-in scenarios: one per founder's scaling guide, and a starting scenario.
//! Each is a scenario file under `assets/presets/`, in the same format as an export.

use super::catalogue::Catalogue;
use super::reprice::PriceHistory;
use super::scenario::{Problem, RawScenario, Scenario, ScenarioError};

/// A built-in scenario file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// Stable id, used in links and tests.
    pub id: &'static str,
    /// The scenario's name, as its file gives it (a test holds the two equal), so that
    /// the picker can list the presets without reading them.
    pub name: &'static str,
    /// The scenario JSON.
    pub json: &'static str,
}

/// The scenario the app opens on.
pub const DEFAULT_PRESET: &str = "starter-saas";

/// Every built-in scenario, in the order the picker lists them.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "starter-saas",
        name: "Starter SaaS on DigitalOcean",
        json: include_str!(concat!(env!("OUT_DIR"), "/presets/starter-saas.json")),
    },
    Preset {
        id: "blank",
        name: "Blank scenario",
        json: include_str!(concat!(env!("OUT_DIR"), "/presets/blank.json")),
    },
    Preset {
        id: "ai-ceo-replit",
        name: "AI CEO SaaS on Replit Autoscale",
        json: include_str!(concat!(env!("OUT_DIR"), "/presets/ai-ceo-replit.json")),
    },
    Preset {
        id: "chatbot-digitalocean",
        name: "ChatBot SaaS on DigitalOcean",
        json: include_str!(concat!(
            env!("OUT_DIR"),
            "/presets/chatbot-digitalocean.json"
        )),
    },
    Preset {
        id: "titletesterpro",
        name: "TitleTesterPro at 10,000 users",
        json: include_str!(concat!(env!("OUT_DIR"), "/presets/titletesterpro.json")),
    },
    Preset {
        id: "video-chat-5k",
        name: "Video chat app to 5,000 users",
        json: include_str!(concat!(env!("OUT_DIR"), "/presets/video-chat-5k.json")),
    },
    Preset {
        id: "salesboy-ai",
        name: "Salesboy AI on WhatsApp to 100+ users",
        json: include_str!(concat!(env!("OUT_DIR"), "/presets/salesboy-ai.json")),
    },
];

/// The built-in scenario with this id, checked against the catalogue and priced with the
/// catalogue this build ships.
///
/// # Errors
/// The scenario's [`ScenarioError`] if the file does not check; `None` for an unknown id.
pub fn load(id: &str, catalogue: &Catalogue) -> Option<Result<Scenario, ScenarioError>> {
    PRESETS.iter().find(|p| p.id == id).map(|p| {
        let mut raw: RawScenario = serde_json::from_str(p.json).map_err(|e| {
            let why = super::unreadable::explain(p.json, &e).sentence("file");
            super::scenario::err("file", Problem::Malformed(why))
        })?;
        raw.priced_with = PriceHistory::shared().latest().map(str::to_string);
        Scenario::new(raw, catalogue)
    })
}

/// The title of the founder's guide a scenario reproduces, as the page names it. A scenario
/// saved when `guide` held the guide's file name (`004_eda5b0e561d71a35.txt`) gets the title
/// of the built-in preset made from that guide, whose description starts "Guide 004";
/// `None` for a file name no preset was made from.
pub fn guide_title(guide: &str) -> Option<String> {
    let Some(number) = guide
        .strip_suffix(".txt")
        .and_then(|stem| stem.split_once('_'))
        .map(|(n, _)| n)
    else {
        return Some(guide.to_string());
    };
    let wanted = format!("Guide {number}:");
    PRESETS.iter().find_map(|p| {
        let raw: RawScenario = serde_json::from_str(p.json).ok()?;
        raw.description
            .starts_with(&wanted)
            .then_some(raw.guide)
            .flatten()
    })
}
