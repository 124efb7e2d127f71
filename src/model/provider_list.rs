//! The providers a founder can add a component for, grouped by the part of the stack they
//! serve in the catalogue's order of roles, and narrowed to what the founder types.

use super::catalogue::{Lookup, Role};

/// One provider in the list.
#[derive(Clone, Debug, PartialEq)]
pub struct ProviderChoice {
    /// The provider's id, e.g. `digitalocean-droplet`.
    pub id: String,
    /// Its name, e.g. `DigitalOcean Basic droplet`.
    pub name: String,
    /// True for a provider the scenario defines itself.
    pub own: bool,
    /// How many plans it offers.
    pub plans: usize,
    /// The names of its plans that match what was typed, when its own name does not.
    pub matching_plans: Vec<String>,
}

/// The providers of one role.
#[derive(Clone, Debug, PartialEq)]
pub struct ProviderGroup {
    /// The role, e.g. `vector_store`.
    pub role: Role,
    /// Its label, e.g. `Vector store`.
    pub label: String,
    /// Its providers: the scenario's own first, then the catalogue's, each in its order.
    pub providers: Vec<ProviderChoice>,
}

/// Every provider whose name and role, or whose name and role with one of its plans'
/// names, hold each word of `query` (ignoring case), grouped by role in the catalogue's
/// order of roles; a role no provider matches is left out. An empty query lists every
/// provider.
pub fn provider_groups(lookup: &Lookup, query: &str) -> Vec<ProviderGroup> {
    let query = query.to_lowercase();
    let words: Vec<&str> = query.split_whitespace().collect();
    let mut groups: Vec<ProviderGroup> = lookup
        .catalogue
        .roles
        .iter()
        .map(|r| ProviderGroup {
            role: Role::new(&r.key),
            label: r.label.clone(),
            providers: Vec::new(),
        })
        .collect();
    for p in lookup.providers() {
        let label = lookup.catalogue.role_label(&p.role);
        let own_words = format!("{} {}", p.name, label).to_lowercase();
        let left: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| !own_words.contains(w))
            .collect();
        let matching_plans: Vec<String> = if left.is_empty() {
            Vec::new()
        } else {
            p.offers
                .iter()
                .filter(|o| {
                    let n = o.name.to_lowercase();
                    left.iter().all(|w| n.contains(w))
                })
                .map(|o| o.name.clone())
                .collect()
        };
        if !left.is_empty() && matching_plans.is_empty() {
            continue;
        }
        let choice = ProviderChoice {
            id: p.id.clone(),
            name: p.name.clone(),
            own: lookup.is_own(&p.id),
            plans: p.offers.len(),
            matching_plans,
        };
        match groups.iter_mut().find(|g| g.role == p.role) {
            Some(g) => g.providers.push(choice),
            None => groups.push(ProviderGroup {
                role: p.role.clone(),
                label: label.to_string(),
                providers: vec![choice],
            }),
        }
    }
    groups.retain(|g| !g.providers.is_empty());
    groups
}
