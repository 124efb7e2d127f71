//! The edits a founder can make to a scenario, as methods of the raw scenario: add a
//! component for a provider, change its provider, add or change a driver, set an override,
//! define an offer of their own. The page only calls these; each checks its input against
//! the one table of limits and says what is wrong in words a founder understands.

use std::fmt;

use super::catalogue::{Catalogue, Lookup, Offer, Provider, Role};
use super::limits::{self, Limit};
use super::range::Range;
use super::revenue::{Billing, ConversionBase, FeeSource, PaymentFees, Plan, RunningCost};
use super::scenario::{
    ComponentSpec, Growth, OneTimeCost, Policy, PriceOverride, Raise, RateOverride, RawScenario,
};

/// The month a new raise arrives in, until the founder moves it.
pub const DEFAULT_RAISE_MONTH: u32 = 6;
use super::usage::{Basis, Driver};

/// Why an edit was not made; the scenario is unchanged.
#[derive(Clone, Debug, PartialEq)]
pub struct EditError(pub String);

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EditError {}

impl From<String> for EditError {
    fn from(s: String) -> Self {
        EditError(s)
    }
}

fn fail<T>(message: impl Into<String>) -> Result<T, EditError> {
    Err(EditError(message.into()))
}

/// A name as a founder typed it, without the spaces around it and cut to
/// [`limits::MAX_NAME_CHARS`] characters; `ask` when nothing is left.
fn given_name(name: &str, ask: &str) -> Result<String, EditError> {
    let name = name.trim();
    if name.is_empty() {
        return fail(ask);
    }
    Ok(name
        .chars()
        .take(limits::MAX_NAME_CHARS)
        .collect::<String>()
        .trim_end()
        .to_string())
}

/// Which offer a component runs: the cheapest that fits, or one the founder picked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanChoice {
    /// Auto-upgrade over every offer of the provider.
    Auto,
    /// Always this offer, `provider/offer`.
    Offer(String),
}

/// What changing a component's provider kept, dropped and added.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProviderChange {
    /// Labels of the drivers it dropped, because no offer of the new provider prices them.
    pub dropped: Vec<String>,
    /// Labels of the drivers it added from the new provider's meters.
    pub added: Vec<String>,
    /// How many overrides it dropped, because they were for the old provider's offers.
    pub overrides_dropped: usize,
    /// What kind of plan it replaced with the new provider's default, when that was more
    /// than one offer.
    pub plan_replaced: Option<&'static str>,
}

impl ProviderChange {
    /// The change in a sentence, or `None` when nothing was dropped or added.
    pub fn describe(&self) -> Option<String> {
        let mut parts = Vec::new();
        if !self.dropped.is_empty() {
            parts.push(format!(
                "dropped {}, which the new provider does not charge for",
                self.dropped.join(", ")
            ));
        }
        if !self.added.is_empty() {
            parts.push(format!(
                "added {} with the provider's typical amounts; replace them with yours",
                self.added.join(", ")
            ));
        }
        if let Some(plan) = self.plan_replaced {
            parts.push(format!("replaced its {plan} with the provider's default"));
        }
        if self.overrides_dropped > 0 {
            parts.push(format!(
                "dropped {} price override{} that no longer apply",
                self.overrides_dropped,
                if self.overrides_dropped == 1 { "" } else { "s" }
            ));
        }
        (!parts.is_empty()).then(|| {
            let mut s = parts.join("; ");
            s[..1].make_ascii_uppercase();
            s + "."
        })
    }
}

/// A number typed for a field, checked against its limit.
fn within(what: &str, v: f64, limit: &Limit) -> Result<f64, EditError> {
    if !limit.allows(v) {
        return fail(format!(
            "{what} must be {}between {} and {}.",
            if limit.whole { "a whole number " } else { "" },
            super::format::number(limit.min, 9),
            super::format::number(limit.max, 9)
        ));
    }
    Ok(v)
}

fn within_range(what: &str, r: Range, limit: &Limit) -> Result<Range, EditError> {
    within(what, r.low, limit)?;
    within(what, r.high, limit)?;
    if r.low > r.high {
        return fail(format!("{what}: the low end is above the high end."));
    }
    Ok(r)
}

/// The policy a new component on this provider starts with: its default offer, else
/// auto-upgrade over every offer.
fn default_policy(p: &Provider) -> Policy {
    match &p.default_offer {
        Some(o) => Policy::Fixed {
            offer: format!("{}/{o}", p.id),
            units: None,
        },
        None => Policy::Auto {
            offers: p.offer_refs(),
        },
    }
}

impl RawScenario {
    /// Takes today's catalogue prices for the changes listed since the scenario was priced:
    /// it is now priced with `edition`.
    pub fn take_todays_prices(&mut self, edition: &str) {
        self.priced_with = Some(edition.to_string());
    }

    /// Keeps the prices the scenario was saved with: each changed unit price or metered
    /// rate becomes an override of the founder's own in every component that uses it, at
    /// its old value, saying so; the scenario is then priced with `edition`. Returns the
    /// changes that could not be kept (a minimum or a credit has no override), which now
    /// follow today's catalogue.
    ///
    /// # Errors
    /// When a component named by a change is not in the scenario; nothing is changed.
    pub fn keep_saved_prices(
        &mut self,
        changes: &[super::reprice::PriceChange],
        edition: &str,
    ) -> Result<Vec<String>, EditError> {
        use super::reprice::What;
        let mut next = self.clone();
        let mut not_kept = Vec::new();
        let reason = match &self.priced_with {
            Some(e) => format!("the price this scenario was priced with (catalogue of {e}), kept when the catalogue changed"),
            None => "the price this scenario was saved with, kept when the catalogue changed".to_string(),
        };
        for p in changes {
            let c = &p.change;
            if !super::reprice::can_keep(c) {
                not_kept.push(p.words.clone());
                continue;
            }
            for id in &p.components {
                let comp = next.component_mut(id)?;
                match c.what {
                    What::Price => {
                        comp.price_overrides.retain(|o| o.offer != c.offer);
                        comp.price_overrides.push(PriceOverride {
                            offer: c.offer.clone(),
                            usd_per_month: c.old,
                            reason: reason.clone(),
                        });
                    }
                    _ => {
                        comp.rate_overrides
                            .retain(|o| !(o.offer == c.offer && o.resource == c.resource));
                        comp.rate_overrides.push(RateOverride {
                            offer: c.offer.clone(),
                            resource: c.resource.clone(),
                            usd: c.old,
                            per: c.per,
                            included: c.old_included,
                            reason: reason.clone(),
                        });
                    }
                }
            }
        }
        next.priced_with = Some(edition.to_string());
        *self = next;
        Ok(not_kept)
    }

    fn component_mut(&mut self, id: &str) -> Result<&mut ComponentSpec, EditError> {
        match self.components.iter_mut().find(|c| c.id == id) {
            Some(c) => Ok(c),
            None => fail(format!("There is no component `{id}` in this scenario.")),
        }
    }

    /// The component with this id.
    pub fn component(&self, id: &str) -> Option<&ComponentSpec> {
        self.components.iter().find(|c| c.id == id)
    }

    /// Adds a component for a provider, with the provider's meters as its drivers and its
    /// default offer (or auto-upgrade over its offers), and returns its id.
    ///
    /// # Errors
    /// When there is no such provider, or the stack already has the most components.
    pub fn add_component(
        &mut self,
        catalogue: &Catalogue,
        provider_id: &str,
    ) -> Result<String, EditError> {
        if self.components.len() >= limits::MAX_COMPONENTS {
            return fail("A stack may have at most 64 components; remove one first.");
        }
        let lookup = catalogue.with(&self.providers);
        let Some(p) = lookup.provider(provider_id) else {
            return fail(format!(
                "There is no provider `{provider_id}`; pick one from the list."
            ));
        };
        let mut n = self.components.len() + 1;
        while self.components.iter().any(|c| c.id == format!("c{n}")) {
            n += 1;
        }
        let id = format!("c{n}");
        let spec = ComponentSpec {
            id: id.clone(),
            name: p.name.clone(),
            role: p.role.clone(),
            demand: p.meters.clone(),
            policy: default_policy(p),
            upgrade_at_pct: 80.0,
            alert_at_pct: Vec::new(),
            min_units: 1,
            max_units: 1,
            capacity_overrides: Vec::new(),
            price_overrides: Vec::new(),
            rate_overrides: Vec::new(),
            note: String::new(),
        };
        self.components.push(spec);
        Ok(id)
    }

    /// Removes a component and hands it back.
    ///
    /// # Errors
    /// When there is no such component.
    pub fn remove_component(&mut self, id: &str) -> Result<ComponentSpec, EditError> {
        match self.components.iter().position(|c| c.id == id) {
            Some(i) => Ok(self.components.remove(i)),
            None => fail(format!("There is no component `{id}` in this scenario.")),
        }
    }

    /// Renames a component. Spaces around the name are dropped and a name longer than
    /// [`limits::MAX_NAME_CHARS`] characters is cut to that.
    ///
    /// # Errors
    /// When nothing but spaces is given; the name is unchanged.
    pub fn rename_component(&mut self, id: &str, name: &str) -> Result<(), EditError> {
        let name = given_name(name, "Give the component a name, such as “API server”.")?;
        self.component_mut(id)?.name = name;
        Ok(())
    }

    /// Renames the scenario: the name its heading, its saved copies and its exported
    /// files go by. Spaces around it are dropped and a name longer than
    /// [`limits::MAX_NAME_CHARS`] characters is cut to that.
    ///
    /// # Errors
    /// When nothing but spaces is given; the name is unchanged.
    pub fn rename(&mut self, name: &str) -> Result<(), EditError> {
        self.name = given_name(name, "Give the scenario a name, such as “Launch plan”.")?;
        Ok(())
    }

    /// Moves a component to another provider: its policy becomes the provider's default,
    /// drivers the new provider's offers do not price are dropped (and those counted per
    /// them), the provider's meters for what is missing are added, and overrides for the
    /// old offers, or for what the new offers do not charge for, go.
    ///
    /// # Errors
    /// When there is no such component or provider.
    pub fn set_provider(
        &mut self,
        catalogue: &Catalogue,
        id: &str,
        provider_id: &str,
    ) -> Result<ProviderChange, EditError> {
        let providers = self.providers.clone();
        let lookup = catalogue.with(&providers);
        let Some(p) = lookup.provider(provider_id).cloned() else {
            return fail(format!(
                "There is no provider `{provider_id}`; pick one from the list."
            ));
        };
        let label = |key: &str| super::format::resource_in(catalogue, key);
        let c = self.component_mut(id)?;
        let mut change = ProviderChange {
            plan_replaced: match &c.policy {
                Policy::Staged { .. } => Some("staged plan"),
                Policy::Mix { parts } if parts.len() > 1 => Some("mix of offers"),
                _ => None,
            },
            ..ProviderChange::default()
        };
        c.policy = default_policy(&p);
        if c.upgrade_at_pct >= 100.0 {
            c.upgrade_at_pct = 80.0;
        }
        c.role = p.role.clone();
        let refs = p.offer_refs();
        let priced: Vec<&str> = p.offers.iter().flat_map(|o| o.resources()).collect();
        let before = c.price_overrides.len() + c.rate_overrides.len() + c.capacity_overrides.len();
        c.price_overrides.retain(|o| refs.contains(&o.offer));
        c.rate_overrides
            .retain(|o| refs.contains(&o.offer) && priced.contains(&o.resource.as_str()));
        c.capacity_overrides
            .retain(|o| refs.contains(&o.offer) && priced.contains(&o.resource.as_str()));
        change.overrides_dropped =
            before - c.price_overrides.len() - c.rate_overrides.len() - c.capacity_overrides.len();
        let metered: Vec<&str> = p.meters.iter().map(|m| m.resource.as_str()).collect();
        let keeps = |r: &str| priced.contains(&r) || metered.contains(&r);
        let mut dropped: Vec<String> = Vec::new();
        c.demand.retain(|d| {
            let keep = keeps(&d.resource);
            if !keep && !dropped.contains(&d.resource) {
                dropped.push(d.resource.clone());
            }
            keep
        });
        for r in tidy(c, &lookup, Vec::new()) {
            if !dropped.contains(&r) {
                dropped.push(r);
            }
        }
        for m in &p.meters {
            if !c.demand.iter().any(|d| d.resource == m.resource) {
                c.demand.push(m.clone());
                if !change.added.contains(&label(&m.resource)) {
                    change.added.push(label(&m.resource));
                }
            }
        }
        change.dropped = dropped.iter().map(|r| label(r)).collect();
        Ok(change)
    }

    /// Sets which offer a component runs: auto-upgrade over its provider's offers, or one.
    ///
    /// # Errors
    /// When there is no such component or offer.
    pub fn set_tier(
        &mut self,
        catalogue: &Catalogue,
        id: &str,
        tier: PlanChoice,
    ) -> Result<(), EditError> {
        let lookup = catalogue.with(&self.providers);
        let provider = self
            .component(id)
            .and_then(|c| c.provider_id())
            .and_then(|p| lookup.provider(p))
            .cloned();
        let policy = match tier {
            PlanChoice::Auto => match provider {
                Some(p) => Policy::Auto {
                    offers: p.offer_refs(),
                },
                None => return fail("This component has no provider to upgrade within."),
            },
            PlanChoice::Offer(r) => {
                if lookup.offer(&r).is_none() {
                    return fail(format!("There is no plan `{r}`; pick one from the list."));
                }
                Policy::Fixed {
                    offer: r,
                    units: None,
                }
            }
        };
        let c = self.component_mut(id)?;
        if matches!(policy, Policy::Auto { .. }) && c.upgrade_at_pct >= 100.0 {
            c.upgrade_at_pct = 80.0;
        }
        c.policy = policy;
        Ok(())
    }

    /// Adds a driver to a component. A resource the provider counts other usage per
    /// (messages, for tokens per message) comes with the provider's meters counted per it.
    /// Returns the labels of the meters added with it.
    ///
    /// # Errors
    /// When the amount is out of range, the basis names a resource the component does
    /// not ask for or would make a circle, the component has the most drivers, or no offer
    /// of the component prices or holds the resource (it could only cost $0).
    pub fn add_driver(
        &mut self,
        catalogue: &Catalogue,
        id: &str,
        driver: Driver,
    ) -> Result<Vec<String>, EditError> {
        within_range("The amount", driver.amount, &limits::DRIVER_AMOUNT)?;
        let providers = self.providers.clone();
        let lookup = catalogue.with(&providers);
        let label = |key: &str| super::format::resource_in(catalogue, key);
        let c = self.component_mut(id)?;
        if c.demand.len() >= limits::MAX_DRIVERS {
            return fail("A component may have at most 32 drivers; remove one first.");
        }
        if Basis::is_reserved(&driver.resource) || driver.resource.trim().is_empty() {
            return fail("Pick what users use from the list.");
        }
        if let Some(b) = driver.per.resource() {
            if !c.demand.iter().any(|d| d.resource == b) {
                return fail(format!(
                    "{} counts per {}, which this component does not ask for yet; add that first.",
                    label(&driver.resource),
                    label(b)
                ));
            }
        }
        let counted = counted_by_meters(c, &lookup, &driver.resource);
        let priced = c.priced_resources(&lookup);
        if !priced.contains(&driver.resource) && counted.is_empty() {
            let known: Vec<String> = priced.iter().map(|r| label(r)).collect();
            return fail(format!(
                "No plan of {} charges for or holds {}, so it would cost $0 without showing it. {}",
                c.name,
                label(&driver.resource),
                if known.is_empty() {
                    "Its plans charge for nothing by usage.".to_string()
                } else {
                    format!("Pick one they do: {}.", known.join(", "))
                }
            ));
        }
        let mut next = c.clone();
        next.demand.push(driver);
        let mut added = Vec::new();
        for m in counted {
            if !next.demand.iter().any(|d| d.resource == m.resource) {
                added.push(label(&m.resource));
                next.demand.push(m);
            }
        }
        if next.demand.len() > limits::MAX_DRIVERS {
            return fail("A component may have at most 32 drivers; remove one first.");
        }
        if next.demand_order().is_none() {
            return fail("That would count usage per unit of itself; count it per user instead.");
        }
        *c = next;
        Ok(added)
    }

    /// Removes a driver, with the drivers counted per what it asked for when nothing else
    /// asks for it, and what it was counted per when nothing prices that and nothing else
    /// counts per it. Returns the labels of the others removed.
    ///
    /// # Errors
    /// When there is no such component or driver.
    pub fn remove_driver(
        &mut self,
        catalogue: &Catalogue,
        id: &str,
        index: usize,
    ) -> Result<Vec<String>, EditError> {
        let providers = self.providers.clone();
        let lookup = catalogue.with(&providers);
        let c = self.component_mut(id)?;
        if index >= c.demand.len() {
            return fail("That line of what users use is no longer there.");
        }
        let d = c.demand.remove(index);
        let watch: Vec<String> = d.per.resource().map(str::to_string).into_iter().collect();
        let mut removed: Vec<String> = tidy(c, &lookup, watch);
        removed.retain(|r| *r != d.resource);
        Ok(removed
            .iter()
            .map(|r| super::format::resource_in(catalogue, r))
            .collect())
    }

    fn driver_mut(&mut self, id: &str, index: usize) -> Result<&mut Driver, EditError> {
        match self.component_mut(id)?.demand.get_mut(index) {
            Some(d) => Ok(d),
            None => fail("That line of what users use is no longer there."),
        }
    }

    /// Sets a driver's amount per unit of its basis.
    ///
    /// # Errors
    /// When the amount is out of range or there is no such driver.
    pub fn set_driver_amount(
        &mut self,
        id: &str,
        index: usize,
        amount: Range,
    ) -> Result<(), EditError> {
        let amount = within_range("The amount", amount, &limits::DRIVER_AMOUNT)?;
        self.driver_mut(id, index)?.amount = amount;
        Ok(())
    }

    /// Sets what a driver counts per: a kind of user, a fixed amount, or another resource
    /// of the same component. A driver it counted per before that nothing prices and
    /// nothing else counts per any more is removed; the labels of those removed are
    /// returned.
    ///
    /// # Errors
    /// When there is no such driver, the resource basis is not asked for by another driver
    /// of the component, or it would count per unit of itself.
    pub fn set_driver_basis(
        &mut self,
        catalogue: &Catalogue,
        id: &str,
        index: usize,
        per: Basis,
    ) -> Result<Vec<String>, EditError> {
        let providers = self.providers.clone();
        let lookup = catalogue.with(&providers);
        let c = self.component_mut(id)?;
        let Some(own) = c.demand.get(index).map(|d| d.resource.clone()) else {
            return fail("That line of what users use is no longer there.");
        };
        if let Some(b) = per.resource() {
            if b == own || !c.demand.iter().any(|d| d.resource == b) {
                return fail("Count per user, or per something else this component asks for.");
            }
        }
        let mut next = c.clone();
        let before = std::mem::replace(&mut next.demand[index].per, per);
        if next.demand_order().is_none() {
            return fail("Those drivers would count per unit of each other in a circle.");
        }
        let watch: Vec<String> = before.resource().map(str::to_string).into_iter().collect();
        let removed = tidy(&mut next, &lookup, watch);
        *c = next;
        Ok(removed
            .iter()
            .map(|r| super::format::resource_in(catalogue, r))
            .collect())
    }

    /// Sets the utilisation at which a component upgrades, in percent.
    ///
    /// # Errors
    /// When the percentage is out of range.
    pub fn set_upgrade_at(&mut self, id: &str, pct: f64) -> Result<(), EditError> {
        let pct = within("The upgrade level", pct, &limits::UPGRADE_AT_PCT)?;
        self.component_mut(id)?.upgrade_at_pct = pct;
        Ok(())
    }

    /// Sets the most units a component may scale out to (and lowers its fewest to match).
    ///
    /// # Errors
    /// When the count is out of range.
    pub fn set_max_units(&mut self, id: &str, units: f64) -> Result<(), EditError> {
        let units = within("The most servers or instances", units, &limits::MAX_UNITS)? as u32;
        let c = self.component_mut(id)?;
        c.max_units = units;
        c.min_units = c.min_units.min(units);
        Ok(())
    }

    /// Sets the founder's own price per unit for one offer of a component.
    ///
    /// # Errors
    /// When the price is out of range.
    pub fn set_price_override(
        &mut self,
        id: &str,
        offer: &str,
        usd: Range,
    ) -> Result<(), EditError> {
        let usd = within_range("The price", usd, &limits::PRICE_USD)?;
        let c = self.component_mut(id)?;
        c.price_overrides.retain(|p| p.offer != offer);
        c.price_overrides.push(PriceOverride {
            offer: offer.to_string(),
            usd_per_month: usd,
            reason: "entered by the founder".into(),
        });
        Ok(())
    }

    /// Goes back to the catalogue's price for one offer of a component.
    ///
    /// # Errors
    /// When there is no such component.
    pub fn clear_price_override(&mut self, id: &str, offer: &str) -> Result<(), EditError> {
        self.component_mut(id)?
            .price_overrides
            .retain(|p| p.offer != offer);
        Ok(())
    }

    /// Sets the founder's own rate for one metered resource of one offer: `usd` for every
    /// `per` units, with `included` units free per unit of the offer.
    ///
    /// # Errors
    /// When a number is out of range.
    pub fn set_rate_override(&mut self, id: &str, rate: RateOverride) -> Result<(), EditError> {
        within_range("The rate", rate.usd, &limits::RATE_USD)?;
        within("The amount it is priced for", rate.per, &limits::RATE_PER)?;
        within("The included amount", rate.included, &limits::INCLUDED)?;
        let c = self.component_mut(id)?;
        c.rate_overrides
            .retain(|r| !(r.offer == rate.offer && r.resource == rate.resource));
        c.rate_overrides.push(rate);
        Ok(())
    }

    /// Goes back to the catalogue's rate for one resource of one offer.
    ///
    /// # Errors
    /// When there is no such component.
    pub fn clear_rate_override(
        &mut self,
        id: &str,
        offer: &str,
        resource: &str,
    ) -> Result<(), EditError> {
        self.component_mut(id)?
            .rate_overrides
            .retain(|r| !(r.offer == offer && r.resource == resource));
        Ok(())
    }

    /// Defines a provider of the founder's own, with one offer to start from, and returns
    /// its id.
    ///
    /// # Errors
    /// When the name is empty, the role unknown, or the scenario has the most providers.
    pub fn add_own_provider(
        &mut self,
        catalogue: &Catalogue,
        name: &str,
        role: &str,
    ) -> Result<String, EditError> {
        if self.providers.len() >= limits::MAX_OWN_PROVIDERS {
            return fail("A scenario may define at most 16 providers of its own.");
        }
        let name = name.trim();
        if name.is_empty() {
            return fail("Give the provider a name.");
        }
        let role = Role::new(role);
        if catalogue.role(&role).is_none() {
            return fail("Pick what part of the stack it serves from the list.");
        }
        let mut n = self.providers.len() + 1;
        while catalogue
            .with(&self.providers)
            .provider(&format!("own-{n}"))
            .is_some()
        {
            n += 1;
        }
        let id = format!("own-{n}");
        self.providers.push(Provider {
            id: id.clone(),
            name: name.to_string(),
            role,
            meters: Vec::new(),
            default_offer: None,
            official_domains: Vec::new(),
            offers: vec![blank_offer("plan-1", "Plan 1")],
            note: String::new(),
        });
        Ok(id)
    }

    /// Replaces (or adds) one offer of a provider of the founder's own.
    ///
    /// # Errors
    /// When there is no such provider of the founder's own, or the offer breaks a rule of
    /// the catalogue (a negative price, a tier out of order).
    pub fn set_own_offer(
        &mut self,
        catalogue: &Catalogue,
        provider_id: &str,
        offer: Offer,
    ) -> Result<(), EditError> {
        let Some(i) = self.providers.iter().position(|p| p.id == provider_id) else {
            return fail(format!("`{provider_id}` is not a provider of your own."));
        };
        if offer.name.trim().is_empty() {
            return fail("Give the plan a name.");
        }
        if !super::input::is_source_link(offer.source_url.trim()) {
            return fail("Paste the link to the price page, starting with https://.");
        }
        if !(offer.checked.is_empty() || super::date::Date::parse(&offer.checked).is_some()) {
            return fail("Write the date you read the page as YYYY-MM-DD, such as 2026-12-01.");
        }
        let mut p = self.providers[i].clone();
        match p.offers.iter_mut().find(|o| o.id == offer.id) {
            Some(slot) => *slot = offer,
            None => {
                if p.offers.len() >= limits::MAX_OWN_OFFERS {
                    return fail("A provider may have at most 32 offers.");
                }
                p.offers.push(offer)
            }
        }
        catalogue
            .check_provider(&p, false)
            .map_err(|e| EditError(e.to_string()))?;
        self.providers[i] = p;
        Ok(())
    }

    /// Adds a new offer to a provider of the founder's own, copied from its last one, and
    /// returns its reference `provider/offer`.
    ///
    /// # Errors
    /// When there is no such provider or it has the most offers.
    pub fn add_own_offer(
        &mut self,
        catalogue: &Catalogue,
        provider_id: &str,
    ) -> Result<String, EditError> {
        let Some(p) = self.providers.iter().find(|p| p.id == provider_id) else {
            return fail(format!("`{provider_id}` is not a provider of your own."));
        };
        let mut n = p.offers.len() + 1;
        while p.offers.iter().any(|o| o.id == format!("plan-{n}")) {
            n += 1;
        }
        let mut offer = p
            .offers
            .last()
            .cloned()
            .unwrap_or_else(|| blank_offer("plan-1", "Plan 1"));
        offer.id = format!("plan-{n}");
        offer.name = format!("Plan {n}");
        let r = format!("{provider_id}/{}", offer.id);
        self.set_own_offer(catalogue, provider_id, offer)?;
        // Components that upgrade within this provider may now upgrade to it too.
        for c in &mut self.components {
            if let Policy::Auto { offers } = &mut c.policy {
                if offers
                    .iter()
                    .any(|o| o.starts_with(&format!("{provider_id}/")))
                {
                    offers.push(r.clone());
                }
            }
        }
        Ok(r)
    }

    /// Removes one offer of a provider of the founder's own.
    ///
    /// # Errors
    /// When it is the provider's last offer, or a component runs it alone.
    pub fn remove_own_offer(&mut self, provider_id: &str, offer_id: &str) -> Result<(), EditError> {
        let r = format!("{provider_id}/{offer_id}");
        let Some(p) = self.providers.iter_mut().find(|p| p.id == provider_id) else {
            return fail(format!("`{provider_id}` is not a provider of your own."));
        };
        if p.offers.len() <= 1 {
            return fail("A provider needs at least one plan.");
        }
        let in_use = self.components.iter().any(|c| {
            c.offer_refs().contains(&r.as_str())
                && !matches!(&c.policy, Policy::Auto { offers } if offers.len() > 1)
        });
        if in_use {
            return fail("A part of the stack runs this plan; pick another plan for it first.");
        }
        p.offers.retain(|o| o.id != offer_id);
        if p.default_offer.as_deref() == Some(offer_id) {
            p.default_offer = None;
        }
        for c in &mut self.components {
            if let Policy::Auto { offers } = &mut c.policy {
                offers.retain(|o| *o != r);
            }
            c.price_overrides.retain(|o| o.offer != r);
            c.rate_overrides.retain(|o| o.offer != r);
            c.capacity_overrides.retain(|o| o.offer != r);
        }
        Ok(())
    }

    /// Removes a provider of the founder's own that no component uses.
    ///
    /// # Errors
    /// When there is no such provider of the founder's own, or a component uses it.
    pub fn remove_own_provider(&mut self, provider_id: &str) -> Result<Provider, EditError> {
        let Some(i) = self.providers.iter().position(|p| p.id == provider_id) else {
            return fail(format!("`{provider_id}` is not a provider of your own."));
        };
        let prefix = format!("{provider_id}/");
        let uses = |c: &ComponentSpec| c.offer_refs().iter().any(|r| r.starts_with(&prefix));
        let used = self.components.iter().any(uses)
            || self.variants.iter().any(|v| v.components.iter().any(uses));
        if used {
            return fail("A component uses this provider; remove it from the stack first.");
        }
        Ok(self.providers.remove(i))
    }

    /// Sets the users now.
    ///
    /// # Errors
    /// When the count is out of range.
    pub fn set_users_now(&mut self, users: f64) -> Result<(), EditError> {
        self.users.now = within("Users", users, &limits::USERS)?;
        Ok(())
    }

    /// Sets growth to a monthly percentage.
    ///
    /// # Errors
    /// When the percentage is out of range.
    pub fn set_growth_pct(&mut self, pct: f64) -> Result<(), EditError> {
        let pct = within("Growth", pct, &limits::GROWTH_PCT)?;
        self.users.growth = Growth::MonthlyPct { pct_per_month: pct };
        Ok(())
    }

    /// Sets the length of the timeline in months.
    ///
    /// # Errors
    /// When it is out of range.
    pub fn set_horizon(&mut self, months: f64) -> Result<(), EditError> {
        self.users.horizon_months =
            within("The look-ahead", months, &limits::HORIZON_MONTHS)? as u32;
        Ok(())
    }

    /// Sets the share of users active in a month, in percent.
    ///
    /// # Errors
    /// When it is out of range.
    pub fn set_active_share(&mut self, pct: Range) -> Result<(), EditError> {
        self.users.active_share_pct = within_range("The active share", pct, &limits::SHARE_PCT)?;
        Ok(())
    }

    /// Sets the share of active users online at once, in percent.
    ///
    /// # Errors
    /// When it is out of range.
    pub fn set_concurrent_share(&mut self, pct: Range) -> Result<(), EditError> {
        self.users.concurrent_share_pct =
            within_range("The share online at once", pct, &limits::SHARE_PCT)?;
        Ok(())
    }

    /// Sets the share of users who pay, in percent.
    ///
    /// # Errors
    /// When it is out of range.
    pub fn set_conversion(&mut self, pct: Range) -> Result<(), EditError> {
        self.revenue.conversion_pct = within_range("Conversion", pct, &limits::CONVERSION_PCT)?;
        Ok(())
    }

    /// Sets what a paying user pays a month, in USD.
    ///
    /// # Errors
    /// When it is out of range.
    pub fn set_revenue_price(&mut self, usd: Range) -> Result<(), EditError> {
        self.revenue.price_usd_per_month =
            within_range("The price", usd, &limits::REVENUE_PRICE_USD)?;
        Ok(())
    }

    /// Sets the payment fee's percentage of each charge.
    ///
    /// # Errors
    /// When it is out of range.
    pub fn set_fee_pct(&mut self, pct: Range) -> Result<(), EditError> {
        self.revenue.fees.pct = within_range("The fee", pct, &limits::FEE_PCT)?;
        Ok(())
    }

    /// Sets the payment fee's fixed amount per charge, in USD.
    ///
    /// # Errors
    /// When it is out of range.
    pub fn set_fee_fixed(&mut self, usd: Range) -> Result<(), EditError> {
        self.revenue.fees.fixed_usd = within_range("The fixed fee", usd, &limits::FEE_FIXED_USD)?;
        Ok(())
    }

    /// Sets the payment fees: none, or a processor's published rate.
    pub fn set_fees(&mut self, fees: PaymentFees) {
        self.revenue.fees = fees;
    }

    /// Sets the payment fees to the built-in default processor's published rate.
    pub fn use_default_fees(&mut self) {
        self.revenue.fees = FeeSource::builtin().fees();
    }

    /// Sets the share of paying users who cancel each month, in percent.
    ///
    /// # Errors
    /// When it is out of range.
    pub fn set_churn(&mut self, pct: Range) -> Result<(), EditError> {
        self.revenue.churn_pct_per_month = within_range("Churn", pct, &limits::CHURN_PCT)?;
        Ok(())
    }

    /// Sets the cash in the bank now, in USD; `None` clears it, and the runway asks for it.
    ///
    /// # Errors
    /// When it is negative or more than $1 trillion.
    pub fn set_cash(&mut self, usd: Option<f64>) -> Result<(), EditError> {
        self.cash_usd = usd
            .map(|v| within("The cash in the bank", v, &limits::CASH_USD))
            .transpose()?;
        Ok(())
    }

    /// Sets the amount of a raise, in USD, arriving in the month already set for it (month
    /// 6 for a new one); `None` removes the raise.
    ///
    /// # Errors
    /// When it is negative or more than $1 trillion.
    pub fn set_raise_amount(&mut self, usd: Option<f64>) -> Result<(), EditError> {
        self.raise = match usd {
            None => None,
            Some(v) => Some(Raise {
                usd: within("The raise", v, &limits::CASH_USD)?,
                month: self.raise.map_or(DEFAULT_RAISE_MONTH, |r| r.month),
            }),
        };
        Ok(())
    }

    /// Sets the month the raise arrives in; 0 is now.
    ///
    /// # Errors
    /// When there is no raise to move, or the month is not a whole number from 0 to 120.
    pub fn set_raise_month(&mut self, month: f64) -> Result<(), EditError> {
        let month = within("The month of the raise", month, &limits::RAISE_MONTH)? as u32;
        match &mut self.raise {
            Some(r) => {
                r.month = month;
                Ok(())
            }
            None => fail("Enter the amount raised first."),
        }
    }

    /// Sets which users conversion is a share of.
    pub fn set_conversion_base(&mut self, base: ConversionBase) {
        self.revenue.conversion_of = base;
    }

    /// Adds a plan and returns its index. The first plan takes every paying user at the
    /// average price, monthly; a later one starts with no share, at the same price.
    ///
    /// # Errors
    /// When the scenario has as many plans as it may.
    pub fn add_plan(&mut self) -> Result<usize, EditError> {
        let plans = &mut self.revenue.plans;
        if plans.len() >= limits::MAX_REVENUE_LINES {
            return fail("A scenario may have at most 32 plans.");
        }
        let first = plans.is_empty();
        plans.push(Plan {
            name: if first {
                "Monthly".into()
            } else {
                format!("Plan {}", plans.len() + 1)
            },
            share_pct: Range::exact(if first { 100.0 } else { 0.0 }),
            price_usd: self.revenue.price_usd_per_month,
            billing: Billing::Monthly,
        });
        Ok(plans.len() - 1)
    }

    fn plan_mut(&mut self, index: usize) -> Result<&mut Plan, EditError> {
        self.revenue
            .plans
            .get_mut(index)
            .ok_or_else(|| EditError("There is no such plan.".into()))
    }

    /// Removes a plan; the last plan left takes its share.
    ///
    /// # Errors
    /// When there is no such plan.
    pub fn remove_plan(&mut self, index: usize) -> Result<Plan, EditError> {
        if index >= self.revenue.plans.len() {
            return fail("There is no such plan.");
        }
        let gone = self.revenue.plans.remove(index);
        if let Some(last) = self.revenue.plans.len().checked_sub(1) {
            self.rebalance_plans(last)?;
        }
        Ok(gone)
    }

    /// Gives plan `absorb` what the other plans leave of 100%.
    fn rebalance_plans(&mut self, absorb: usize) -> Result<(), EditError> {
        let plans = &mut self.revenue.plans;
        let (mut low, mut high) = (0.0, 0.0);
        for (i, p) in plans.iter().enumerate() {
            if i != absorb {
                low += p.share_pct.low;
                high += p.share_pct.high;
            }
        }
        if low > 100.0 + 1e-9 {
            return fail("The plans' shares of paying users add up to more than 100%.");
        }
        plans[absorb].share_pct = Range::new((100.0 - high).max(0.0), 100.0 - low);
        Ok(())
    }

    /// Sets a plan's share of paying users, in percent; another plan (the last one, or the
    /// one before it when this is the last) takes what is left of 100%.
    ///
    /// # Errors
    /// When it is out of range, when it is the only plan and not 100%, or when the plans'
    /// shares would add up to more than 100%.
    pub fn set_plan_share(&mut self, index: usize, pct: Range) -> Result<(), EditError> {
        let pct = within_range("A plan's share", pct, &limits::SHARE_PCT)?;
        let n = self.revenue.plans.len();
        self.plan_mut(index)?;
        if n == 1 {
            if pct != Range::exact(100.0) {
                return fail("The only plan has every paying user: add another plan first.");
            }
            return Ok(());
        }
        let before = self.revenue.plans.clone();
        self.revenue.plans[index].share_pct = pct;
        let absorb = if index == n - 1 { n - 2 } else { n - 1 };
        if let Err(e) = self.rebalance_plans(absorb) {
            self.revenue.plans = before;
            return Err(e);
        }
        Ok(())
    }

    /// Sets a plan's price of one charge, in USD: a month's, or a year's for an annual plan.
    ///
    /// # Errors
    /// When it is out of range or there is no such plan.
    pub fn set_plan_price(&mut self, index: usize, usd: Range) -> Result<(), EditError> {
        let usd = within_range("A plan's price", usd, &limits::REVENUE_PRICE_USD)?;
        self.plan_mut(index)?.price_usd = usd;
        Ok(())
    }

    /// Sets how often a plan charges.
    ///
    /// # Errors
    /// When there is no such plan.
    pub fn set_plan_billing(&mut self, index: usize, billing: Billing) -> Result<(), EditError> {
        self.plan_mut(index)?.billing = billing;
        Ok(())
    }

    /// Renames a plan.
    ///
    /// # Errors
    /// When the name is empty or there is no such plan.
    pub fn rename_plan(&mut self, index: usize, name: &str) -> Result<(), EditError> {
        let name = name.trim();
        if name.is_empty() {
            return fail("Give the plan a name, such as Pro annual.");
        }
        self.plan_mut(index)?.name = name.into();
        Ok(())
    }

    /// Adds a cost to `list` and returns its index.
    ///
    /// # Errors
    /// When the name is empty, the amount out of range, or the list is as long as it may be.
    pub fn add_cost(&mut self, list: CostList, name: &str, usd: Range) -> Result<usize, EditError> {
        let name = given_name(name, list.ask())?;
        let usd = within_range(list.what(), usd, list.limit())?;
        if self.cost_count(list) >= limits::MAX_REVENUE_LINES {
            return fail(format!(
                "A scenario may have at most {} {}s.",
                limits::MAX_REVENUE_LINES,
                list.noun()
            ));
        }
        match list {
            CostList::Running => self.running_costs.push(RunningCost {
                name,
                usd_per_month: usd,
            }),
            CostList::OneTime => self.one_time_costs.push(OneTimeCost { name, usd }),
        }
        Ok(self.cost_count(list) - 1)
    }

    fn cost_count(&self, list: CostList) -> usize {
        match list {
            CostList::Running => self.running_costs.len(),
            CostList::OneTime => self.one_time_costs.len(),
        }
    }

    /// The name and amount of cost `index` of `list`.
    fn cost_mut(
        &mut self,
        list: CostList,
        index: usize,
    ) -> Result<(&mut String, &mut Range), EditError> {
        let found = match list {
            CostList::Running => self
                .running_costs
                .get_mut(index)
                .map(|c| (&mut c.name, &mut c.usd_per_month)),
            CostList::OneTime => self
                .one_time_costs
                .get_mut(index)
                .map(|c| (&mut c.name, &mut c.usd)),
        };
        found.ok_or_else(|| EditError(format!("There is no such {}.", list.noun())))
    }

    /// Sets the amount of cost `index` of `list`, in USD (a month, for a running cost).
    ///
    /// # Errors
    /// When it is out of range or there is no such cost.
    pub fn set_cost(&mut self, list: CostList, index: usize, usd: Range) -> Result<(), EditError> {
        let usd = within_range(list.what(), usd, list.limit())?;
        *self.cost_mut(list, index)?.1 = usd;
        Ok(())
    }

    /// Renames cost `index` of `list`.
    ///
    /// # Errors
    /// When the name is empty or there is no such cost.
    pub fn rename_cost(
        &mut self,
        list: CostList,
        index: usize,
        name: &str,
    ) -> Result<(), EditError> {
        let name = given_name(name, list.ask())?;
        *self.cost_mut(list, index)?.0 = name;
        Ok(())
    }

    /// Removes cost `index` of `list`.
    ///
    /// # Errors
    /// When there is no such cost.
    pub fn remove_cost(&mut self, list: CostList, index: usize) -> Result<(), EditError> {
        if index >= self.cost_count(list) {
            return fail(format!("There is no such {}.", list.noun()));
        }
        match list {
            CostList::Running => {
                self.running_costs.remove(index);
            }
            CostList::OneTime => {
                self.one_time_costs.remove(index);
            }
        }
        Ok(())
    }
}

/// The two lists of costs beside infrastructure, edited alike: a name and an amount each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CostList {
    /// Costs a month that are not infrastructure: team, marketing.
    Running,
    /// Costs paid once: migration, set-up.
    OneTime,
}

impl CostList {
    /// `running cost`, `one-time cost`.
    pub fn noun(self) -> &'static str {
        match self {
            CostList::Running => "running cost",
            CostList::OneTime => "one-time cost",
        }
    }

    /// What an amount out of range is called in its message.
    fn what(self) -> &'static str {
        match self {
            CostList::Running => "A running cost",
            CostList::OneTime => "A one-time cost",
        }
    }

    /// What a blank name is answered with.
    fn ask(self) -> &'static str {
        match self {
            CostList::Running => "Give the cost a name, such as Team.",
            CostList::OneTime => "Give the cost a name, such as Migration.",
        }
    }

    fn limit(self) -> &'static Limit {
        match self {
            CostList::Running => &limits::RUNNING_USD,
            CostList::OneTime => &limits::ONE_TIME_USD,
        }
    }
}

/// The provider's meters counted per `resource`: what adding it brings along.
fn counted_by_meters(c: &ComponentSpec, lookup: &Lookup, resource: &str) -> Vec<Driver> {
    c.provider_id()
        .and_then(|p| lookup.provider(p))
        .map(|p| {
            p.meters
                .iter()
                .filter(|m| m.per.resource() == Some(resource))
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// Removes what an edit left behind: drivers counted per a resource nothing asks for any
/// more, and drivers of a watched resource that nothing prices and nothing counts per now
/// (the watch grows with what each removed driver was counted per). Returns the resources
/// removed, each once.
fn tidy(c: &mut ComponentSpec, lookup: &Lookup, mut watch: Vec<String>) -> Vec<String> {
    let mut removed: Vec<String> = Vec::new();
    loop {
        let unpriced = c.unpriced(lookup);
        let have = |r: &str| c.demand.iter().any(|d| d.resource == r);
        let next = c.demand.iter().enumerate().position(|(j, d)| {
            d.per.resource().is_some_and(|b| !have(b))
                || (unpriced.contains(&j) && watch.contains(&d.resource))
        });
        let Some(j) = next else { break };
        let d = c.demand.remove(j);
        if let Some(b) = d.per.resource() {
            watch.push(b.to_string());
        }
        if !removed.contains(&d.resource) && !c.demand.iter().any(|x| x.resource == d.resource) {
            removed.push(d.resource);
        }
    }
    removed
}

/// An offer of the founder's own with nothing in it yet: free, holding nothing.
pub fn blank_offer(id: &str, name: &str) -> Offer {
    Offer {
        id: id.to_string(),
        name: name.to_string(),
        price_usd_per_month: Range::exact(0.0),
        capacity: Default::default(),
        metered: Vec::new(),
        credit_usd_per_month: Range::exact(0.0),
        minimum_usd_per_month: Range::exact(0.0),
        hard_limit: false,
        source_url: String::new(),
        source_title: String::new(),
        checked: String::new(),
        evidence: None,
        evidence_note: String::new(),
        confidence: super::catalogue::Confidence::Assumed,
        deprecated: false,
        shutdown: None,
        successor: None,
        note: String::new(),
    }
}

/// The resources a driver of this component may ask for: those its provider's offers
/// price or hold, and those its provider's meters count other usage per.
pub fn driver_choices(c: &ComponentSpec, lookup: &Lookup) -> Vec<String> {
    let mut out = c.priced_resources(lookup);
    if let Some(p) = c.provider_id().and_then(|p| lookup.provider(p)) {
        for m in &p.meters {
            if let Some(b) = m.per.resource() {
                if !out.iter().any(|r| r == b) {
                    out.push(b.to_string());
                }
            }
        }
    }
    out
}
