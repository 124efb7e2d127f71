//! Offers their provider has shut down: a scenario, link or file that names one opens on
//! the catalogue's replacement, and says what changed.

use super::catalogue::{Catalogue, Offer};
use super::format;
use super::scenario::{ComponentSpec, Policy, RawScenario};

/// A retired offer a scenario named, and the offer it runs now.
#[derive(Clone, Debug, PartialEq)]
pub struct Replaced {
    /// The retired reference, `provider/offer`.
    pub from: String,
    /// The replacement's reference.
    pub to: String,
    /// What changed, in the words the page shows: "Gemini 2.0 Flash was shut down on
    /// 2026-06-01; this scenario now uses Gemini 2.5 Flash-Lite, priced at …".
    pub message: String,
}

/// An offer's rates in words: "$0.10 per 1M input tokens, $0.01 per 1M cached input
/// tokens and $0.40 per 1M output tokens"; its monthly price when it has no rates.
pub fn rates_in_words(catalogue: &Catalogue, offer: &Offer) -> String {
    let parts: Vec<String> = offer
        .metered
        .iter()
        .map(|m| {
            let per = if m.per == 1_000_000.0 {
                "1M".to_string()
            } else {
                format::count(m.per)
            };
            let what = format::resource_in(catalogue, &m.resource)
                .trim_end_matches(" a month")
                .to_string();
            format!("{} per {per} {what}", format::band(m.usd, rate))
        })
        .collect();
    match parts.split_last() {
        None => format!(
            "{} a month",
            format::band(offer.price_usd_per_month, format::usd)
        ),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// A token rate as price lists write it: "$0.10", "$0.005", "$2.50".
fn rate(v: f64) -> String {
    let cents = (v * 100.0).round() / 100.0;
    if (cents - v).abs() < 1e-9 {
        format!("${cents:.2}")
    } else {
        format!("${}", (v * 1e6).round() / 1e6)
    }
}

fn component_refs(c: &mut ComponentSpec) -> Vec<&mut String> {
    let mut out: Vec<&mut String> = match &mut c.policy {
        Policy::Fixed { offer, .. } => vec![offer],
        Policy::Auto { offers } => offers.iter_mut().collect(),
        Policy::Staged { steps } => steps.iter_mut().filter_map(|s| s.offer.as_mut()).collect(),
        Policy::Mix { parts } => parts.iter_mut().map(|p| &mut p.offer).collect(),
    };
    out.extend(c.capacity_overrides.iter_mut().map(|o| &mut o.offer));
    out.extend(c.price_overrides.iter_mut().map(|o| &mut o.offer));
    out.extend(c.rate_overrides.iter_mut().map(|o| &mut o.offer));
    out
}

impl RawScenario {
    /// Moves every reference to an offer the catalogue has retired onto its replacement:
    /// in each component's policy and overrides, and in every variant. A reference that
    /// one of the scenario's own providers answers is left alone.
    ///
    /// Returns one [`Replaced`] per retired offer the scenario named, in the order found.
    pub fn replace_retired(&mut self, catalogue: &Catalogue) -> Vec<Replaced> {
        if catalogue.retired.is_empty() {
            return Vec::new();
        }
        let own = self.providers.clone();
        let lookup = catalogue.with(&own);
        let mut out: Vec<Replaced> = Vec::new();
        let components = self.components.iter_mut().chain(
            self.variants
                .iter_mut()
                .flat_map(|v| v.components.iter_mut()),
        );
        for c in components {
            for r in component_refs(c) {
                if lookup.offer(r).is_some() {
                    continue;
                }
                let Some(retired) = catalogue.retired(r) else {
                    continue;
                };
                if !out.iter().any(|x| x.from == retired.offer) {
                    let (provider, offer) = catalogue
                        .offer(&retired.replacement)
                        .expect("the catalogue check keeps every replacement offered");
                    out.push(Replaced {
                        from: retired.offer.clone(),
                        to: retired.replacement.clone(),
                        message: format!(
                            "{}; this scenario now uses {} ({}), priced at {}.",
                            retired.reason,
                            offer.name,
                            provider.name,
                            rates_in_words(catalogue, offer)
                        ),
                    });
                }
                *r = retired.replacement.clone();
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Catalogue, Model, Scenario};

    #[test]
    fn a_retired_model_opens_on_its_replacement_priced_at_the_replacements_rates() {
        let cat = Catalogue::builtin();
        let text = r#"{"schema_version": 2, "name": "Old Haiku",
            "users": {"now": 1000, "growth": {"kind": "monthly_pct", "pct_per_month": 0},
                      "horizon_months": 12, "active_share_pct": 50, "concurrent_share_pct": 10},
            "components": [{"id": "llm", "name": "Replies", "role": "llm",
                "demand": [{"resource": "input_tokens_per_month", "per": "user", "amount": 10000},
                           {"resource": "output_tokens_per_month", "per": "user", "amount": 2000}],
                "policy": {"kind": "fixed", "offer": "anthropic/claude-haiku-3.5"}}],
            "revenue": {"conversion_pct": 5, "price_usd_per_month": 10}}"#;
        let s = Scenario::from_json(text, &cat).unwrap();
        assert_eq!(
            s.raw().components[0].offer_refs(),
            ["anthropic/claude-haiku-5.5"]
        );
        let m = Model::new(&s, &cat);
        let snap = m.snapshot(1000.0);
        // 1,000 users × 10,000 = 10M input tokens × $0.10/M = $1.00, and 2M output tokens
        // × $0.50/M = $1.00: $2.00 on Haiku 5.5 (Haiku 3.5's $0.80 and $4 would be $16).
        assert!((snap.components[0].best.cost_usd - 2.0).abs() < 1e-9);
        let w = m.warnings(&snap);
        assert_eq!(w.len(), 1);
        assert_eq!(
            w[0].message,
            "Claude Haiku 3.5 was retired in February 2026; this scenario now uses Claude Haiku 5.5 \
             (Anthropic Claude API), priced at $0.10 per 1M input tokens, $0.01 per 1M cached input \
             tokens and $0.50 per 1M output tokens."
        );
    }

    #[test]
    fn a_component_on_a_model_its_provider_is_ending_says_so_and_names_the_successor() {
        let cat = Catalogue::builtin();
        let text = r#"{"schema_version": 2, "name": "Flash",
            "users": {"now": 1000, "growth": {"kind": "monthly_pct", "pct_per_month": 0},
                      "horizon_months": 12, "active_share_pct": 50, "concurrent_share_pct": 10},
            "components": [{"id": "llm", "name": "Replies", "role": "llm",
                "demand": [{"resource": "input_tokens_per_month", "per": "user", "amount": 10000}],
                "policy": {"kind": "fixed", "offer": "gemini/gemini-2.5-flash"}}],
            "revenue": {"conversion_pct": 5, "price_usd_per_month": 10}}"#;
        let s = Scenario::from_json(text, &cat).unwrap();
        assert!(s.replaced().is_empty());
        let m = Model::new(&s, &cat);
        let snap = m.snapshot(1000.0);
        // 10M input tokens × $0.30/M = $3.00: it is still priced while it runs.
        assert!((snap.components[0].best.cost_usd - 3.0).abs() < 1e-9);
        let w = m.warnings(&snap);
        assert_eq!(w.len(), 1);
        assert_eq!(
            w[0].message,
            "Replies: Gemini 2.5 Flash is deprecated and shuts down on 2026-12-01; pick Gemini 3.5 Flash instead."
        );
        // One not ending says nothing.
        let lite = text.replace("gemini-2.5-flash", "gemini-2.5-flash-lite");
        let s = Scenario::from_json(&lite, &cat).unwrap();
        let m = Model::new(&s, &cat);
        assert!(m.warnings(&m.snapshot(1000.0)).is_empty());
    }
}
