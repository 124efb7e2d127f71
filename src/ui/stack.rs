//! The stack: one card per component with its provider and tier (or auto-upgrade), what users
//! ask of it, its upgrade threshold and any price the founder overrides.

use leptos::prelude::*;

use super::fields::TextField;
use super::{catalogue, expect_state};
use crate::model::format;
use crate::model::input::{parse_range, range_text};
use crate::model::scenario::{ComponentSpec, Policy, PriceOverride};

/// The provider id of an offer reference `provider/offer`.
fn provider_of(offer_ref: &str) -> &str {
    offer_ref.split_once('/').map_or(offer_ref, |(p, _)| p)
}

/// The offers a policy names, in order.
fn policy_offers(p: &Policy) -> Vec<String> {
    match p {
        Policy::Fixed { offer, .. } => vec![offer.clone()],
        Policy::Auto { offers } => offers.clone(),
        Policy::Staged { steps } => steps.iter().filter_map(|s| s.offer.clone()).collect(),
        Policy::Mix { parts } => parts.iter().map(|p| p.offer.clone()).collect(),
    }
}

/// Every component of the stack, and a picker to add one.
#[component]
pub fn StackEditor() -> impl IntoView {
    let state = expect_state();
    let ids = Memo::new(move |_| {
        state.scenario.with(|s| {
            s.raw()
                .components
                .iter()
                .map(|c| c.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let add = move |ev| {
        let pid = event_target_value(&ev);
        let Some(p) = catalogue().provider(&pid) else {
            return;
        };
        let _ = state.edit(|raw| {
            let mut n = raw.components.len() + 1;
            while raw.components.iter().any(|c| c.id == format!("c{n}")) {
                n += 1;
            }
            raw.components.push(ComponentSpec {
                id: format!("c{n}"),
                name: p.name.clone(),
                role: p.role,
                demand: Vec::new(),
                policy: Policy::Auto {
                    offers: p
                        .offers
                        .iter()
                        .map(|o| format!("{}/{}", p.id, o.id))
                        .collect(),
                },
                upgrade_at_pct: 80.0,
                alert_at_pct: Vec::new(),
                min_units: 1,
                max_units: 1,
                capacity_overrides: Vec::new(),
                price_overrides: Vec::new(),
                rate_overrides: Vec::new(),
                note: String::new(),
            });
        });
    };
    view! {
        <section class="panel stack" aria-labelledby="stack-title">
            <h2 id="stack-title">"Stack"</h2>
            <For each=move || ids.get() key=|id| id.clone() let:id>
                <ComponentCard id=id/>
            </For>
            <div class="field">
                <label for="add-component">"Add a component"</label>
                <select id="add-component" data-testid="add-component" on:change=add prop:value="">
                    <option value="" selected=true>"Choose a provider…"</option>
                    {catalogue()
                        .providers
                        .iter()
                        .map(|p| {
                            view! { <option value=p.id.clone()>{format!("{} · {}", p.role.label(), p.name)}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
        </section>
    }
}

/// One component: provider, tier or auto-upgrade, threshold, demand and price override.
#[component]
fn ComponentCard(
    /// The component's id in the scenario.
    id: String,
) -> impl IntoView {
    let state = expect_state();
    let id_for_spec = id.clone();
    let spec = Memo::new(move |_| {
        state.scenario.with(|s| {
            s.raw()
                .components
                .iter()
                .find(|c| c.id == id_for_spec)
                .cloned()
        })
    });
    let edit = {
        let id = id.clone();
        move |f: Box<dyn FnOnce(&mut ComponentSpec)>| {
            let id = id.clone();
            state
                .edit(move |raw| {
                    if let Some(c) = raw.components.iter_mut().find(|c| c.id == id) {
                        f(c);
                    }
                })
                .map_err(|e| e.to_string())
        }
    };
    let provider = Memo::new(move |_| {
        spec.get()
            .and_then(|c| {
                policy_offers(&c.policy)
                    .first()
                    .map(|o| provider_of(o).to_string())
            })
            .unwrap_or_default()
    });
    let tier = Memo::new(move |_| match spec.get().map(|c| c.policy) {
        Some(Policy::Fixed { offer, .. }) => offer,
        Some(Policy::Auto { .. }) => "auto".into(),
        Some(Policy::Staged { .. }) => "staged".into(),
        Some(Policy::Mix { .. }) => "mix".into(),
        None => String::new(),
    });
    let testid = format!("component-{id}");
    let on_provider = {
        let edit = edit.clone();
        move |ev| {
            let pid = event_target_value(&ev);
            if let Some(p) = catalogue().provider(&pid) {
                let offers: Vec<String> = p
                    .offers
                    .iter()
                    .map(|o| format!("{}/{}", p.id, o.id))
                    .collect();
                let _ = edit(Box::new(move |c| {
                    c.policy = Policy::Auto { offers };
                    if c.upgrade_at_pct >= 100.0 {
                        c.upgrade_at_pct = 80.0;
                    }
                }));
            }
        }
    };
    let on_tier = {
        let edit = edit.clone();
        move |ev| {
            let v = event_target_value(&ev);
            let pid = provider.get_untracked();
            let _ = edit(Box::new(move |c| {
                if v == "auto" {
                    if let Some(p) = catalogue().provider(&pid) {
                        c.policy = Policy::Auto {
                            offers: p
                                .offers
                                .iter()
                                .map(|o| format!("{}/{}", p.id, o.id))
                                .collect(),
                        };
                    }
                } else if !v.is_empty() && v != "staged" && v != "mix" {
                    c.policy = Policy::Fixed {
                        offer: v,
                        units: None,
                    };
                }
            }));
        }
    };
    let remove = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            let _ = state.edit(move |raw| raw.components.retain(|c| c.id != id));
        }
    };
    let threshold_text = Signal::derive(move || {
        spec.get()
            .map_or(String::new(), |c| format::number(c.upgrade_at_pct, 2))
    });
    let commit_threshold = {
        let edit = edit.clone();
        Callback::new(move |t: String| {
            let r = parse_range(&t, 1.0, 100.0)?;
            if !r.is_exact() {
                return Err("Enter one percentage, such as 80.".into());
            }
            edit(Box::new(move |c| c.upgrade_at_pct = r.low))
        })
    };
    let max_text = Signal::derive(move || {
        spec.get()
            .map_or(String::new(), |c| c.max_units.to_string())
    });
    let commit_max = {
        let edit = edit.clone();
        Callback::new(move |t: String| {
            let r = parse_range(&t, 1.0, 100_000.0)?;
            if !r.is_exact() || r.low.fract() != 0.0 {
                return Err("Enter a whole number of units from 1 to 100,000.".into());
            }
            edit(Box::new(move |c| {
                c.max_units = r.low as u32;
                c.min_units = c.min_units.min(c.max_units);
            }))
        })
    };
    // The offer the component runs now (worst case), for its price and capacity.
    let id_for_running = id.clone();
    let running = Memo::new(move |_| {
        let model = state.model.read();
        let ci = model
            .components
            .iter()
            .position(|c| c.id == id_for_running)?;
        let comp = &model.components[ci];
        let snap = state.snapshot.read();
        let worst = &snap.components.get(ci)?.worst;
        let a = worst.allocations.first().copied()?;
        let cand = comp.candidates.get(a.candidate)?;
        let holds: Vec<String> = comp
            .resources
            .iter()
            .zip(&cand.capacity)
            .filter_map(|(r, c)| {
                c.map(|c| format!("{} {}", format::band(c, format::count), format::resource(r)))
            })
            .collect();
        let catalogue_price = catalogue()
            .offer(&cand.offer_ref)
            .map(|(_, o)| o.price_usd_per_month)
            .unwrap_or(cand.price_usd_per_month);
        Some((
            cand.offer_ref.clone(),
            format!("{} × {} {}", a.units, cand.provider, cand.offer),
            cand.price_usd_per_month,
            catalogue_price,
            cand.price_overridden,
            holds,
        ))
    });
    let price_text =
        Signal::derive(move || running.get().map_or(String::new(), |r| range_text(r.2)));
    let commit_price = {
        let edit = edit.clone();
        Callback::new(move |t: String| {
            let r = parse_range(&t, 0.0, 1e9)?;
            let Some(offer) = running.get_untracked().map(|r| r.0) else {
                return Err("This component runs no offer at these users.".into());
            };
            edit(Box::new(move |c| {
                c.price_overrides.retain(|p| p.offer != offer);
                c.price_overrides.push(PriceOverride {
                    offer,
                    usd_per_month: r,
                    reason: "entered by the founder".into(),
                });
            }))
        })
    };
    let reset_price = {
        let edit = edit.clone();
        move |_| {
            if let Some(offer) = running.get_untracked().map(|r| r.0) {
                let _ = edit(Box::new(move |c| {
                    c.price_overrides.retain(|p| p.offer != offer)
                }));
            }
        }
    };
    let demand_rows = Memo::new(move |_| spec.get().map(|c| c.demand.len()).unwrap_or(0));
    let id_for_demand = StoredValue::new(id.clone());
    let overridden_testid = format!("{testid}-overridden");
    view! {
        <article class="component" data-testid=testid.clone()>
            <header>
                <h3>{move || spec.get().map(|c| c.name).unwrap_or_default()}</h3>
                <span class="role">{move || spec.get().map(|c| c.role.label()).unwrap_or_default()}</span>
                <button type="button" class="icon" data-testid=format!("{testid}-remove")
                    aria-label=move || format!("Remove {}", spec.get().map(|c| c.name).unwrap_or_default())
                    on:click=remove>"×"</button>
            </header>
            <div class="row">
                <div class="field">
                    <label for=format!("{testid}-provider")>"Provider"</label>
                    <select id=format!("{testid}-provider") data-testid=format!("{testid}-provider") on:change=on_provider>
                        {catalogue()
                            .providers
                            .iter()
                            .map(|p| {
                                let pid = p.id.clone();
                                view! { <option value=p.id.clone() selected=move || provider.get() == pid>{p.name.clone()}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=format!("{testid}-tier")>"Tier"</label>
                    <select id=format!("{testid}-tier") data-testid=format!("{testid}-tier") on:change=on_tier>
                        <option value="auto" selected=move || tier.get() == "auto">"Auto-upgrade"</option>
                        <Show when=move || tier.get() == "staged">
                            <option value="staged" selected=true>"Staged plan (from the scenario)"</option>
                        </Show>
                        <Show when=move || tier.get() == "mix">
                            <option value="mix" selected=true>"Mix (from the scenario)"</option>
                        </Show>
                        {move || {
                            catalogue()
                                .provider(&provider.get())
                                .map(|p| {
                                    p.offers
                                        .iter()
                                        .map(|o| {
                                            let r = format!("{}/{}", p.id, o.id);
                                            let sel = r.clone();
                                            view! {
                                                <option value=r selected=move || tier.get() == sel>
                                                    {format!("{} · {}/mo", o.name, format::band(o.price_usd_per_month, format::usd))}
                                                </option>
                                            }
                                        })
                                        .collect_view()
                                })
                        }}
                    </select>
                </div>
            </div>
            <p class="running" data-testid=format!("{testid}-running")>
                {move || running.get().map(|r| {
                    let holds = if r.5.is_empty() { String::new() } else { format!("; each holds {}", r.5.join(", ")) };
                    format!("Runs {}{holds}", r.1)
                })}
            </p>
            <div class="row">
                <TextField label="Upgrade at" hint="% used" testid=format!("{testid}-threshold") value=threshold_text on_commit=commit_threshold/>
                <TextField label="Most units" testid=format!("{testid}-max-units") value=max_text on_commit=commit_max inputmode="numeric"/>
                <TextField label="Price per unit" hint="$ / month" testid=format!("{testid}-price") value=price_text on_commit=commit_price/>
            </div>
            <Show when=move || running.get().is_some_and(|r| r.4)>
                <p class="override" data-testid=overridden_testid.clone()>
                    {move || running.get().map(|r| format!("Price overridden; the catalogue says {}/month. ", format::band(r.3, format::usd)))}
                    <button type="button" class="link" on:click=reset_price.clone()>"Use the catalogue price"</button>
                </p>
            </Show>
            <Show when=move || { demand_rows.get() > 0 }>
                <div class="demand">
                    <For each=move || 0..demand_rows.get() key=|i| *i let:i>
                        <DriverField component=id_for_demand.get_value() index=i/>
                    </For>
                </div>
            </Show>
            {move || spec.get().and_then(|c| (!c.note.is_empty()).then(|| view! { <p class="note">{c.note}</p> }))}
        </article>
    }
}

/// One demand driver's amount, e.g. "ram mb per concurrent user".
#[component]
fn DriverField(component: String, index: usize) -> impl IntoView {
    let state = expect_state();
    let cid = component.clone();
    let driver = Memo::new(move |_| {
        state.scenario.with(|s| {
            s.raw()
                .components
                .iter()
                .find(|c| c.id == cid)
                .and_then(|c| c.demand.get(index).cloned())
        })
    });
    let label = move || {
        driver.get().map_or(String::new(), |d| {
            let per = if d.label.is_empty() {
                d.per.label().trim_end_matches('s').to_string()
            } else {
                d.label.clone()
            };
            if d.per == crate::model::scenario::Basis::Fixed {
                format!("{} (fixed)", format::resource(&d.resource))
            } else {
                format!("{} per {per}", format::resource(&d.resource))
            }
        })
    };
    let text = Signal::derive(move || driver.get().map_or(String::new(), |d| range_text(d.amount)));
    let cid = component.clone();
    let commit = Callback::new(move |t: String| {
        let r = parse_range(&t, 0.0, 1e12)?;
        let cid = cid.clone();
        state
            .edit(move |raw| {
                if let Some(d) = raw
                    .components
                    .iter_mut()
                    .find(|c| c.id == cid)
                    .and_then(|c| c.demand.get_mut(index))
                {
                    d.amount = r;
                }
            })
            .map_err(|e| e.to_string())
    });
    view! {
        {move || {
            let l = label();
            view! { <TextField label=l testid=format!("component-{component}-demand-{index}") value=text on_commit=commit/> }
        }}
    }
}
