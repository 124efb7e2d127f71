//! What several test files build their stacks from.
#![allow(dead_code)]

use headroom::model::presets;
use headroom::model::usage::{Basis, Driver};
use headroom::model::{Catalogue, Range, RawScenario};

/// The blank scenario with its one host removed: 1,000 users, 50% active, 10% of those
/// online at once, 5% paying $10.
pub fn empty() -> RawScenario {
    let cat = Catalogue::builtin();
    let mut raw = presets::load("blank", &cat).unwrap().unwrap().raw().clone();
    raw.components.clear();
    raw.users.now = 1000.0;
    raw.users.active_share_pct = Range::exact(50.0);
    raw.users.concurrent_share_pct = Range::exact(10.0);
    raw
}

/// A driver of `amount` of `resource` per `per`, with no label of its own.
pub fn driver(resource: &str, per: Basis, amount: f64) -> Driver {
    Driver {
        resource: resource.into(),
        per,
        amount: Range::exact(amount),
        label: String::new(),
        explain: String::new(),
    }
}
