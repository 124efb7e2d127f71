//! The calculator's model: catalogue, scenario, evaluation, timeline and presets.
//! Pure Rust and serde; it knows nothing of the browser and is tested natively.

pub mod assumptions;
pub mod break_even;
pub mod catalogue;
pub mod date;
pub mod deflate;
pub mod edit;
pub mod embed;
pub mod eval;
pub mod explain;
pub mod export;
pub mod format;
pub mod goal_seek;
pub mod input;
pub mod limits;
pub mod plan;
pub mod presets;
pub mod provider_list;
pub mod range;
pub mod recovered;
pub mod reprice;
pub mod retired;
pub mod revenue;
pub mod runway;
pub mod saved;
pub mod scenario;
pub mod sensitivity;
pub mod share;
pub mod storage;
pub mod sweep;
pub mod timeline;
pub mod unreadable;
pub mod usage;

pub use catalogue::{Catalogue, CatalogueError, Role};
pub use eval::{Model, Snapshot};
pub use range::{Case, PerCase, Range};
pub use scenario::{RawScenario, Scenario, ScenarioError};
pub use timeline::Timeline;
