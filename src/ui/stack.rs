//! The stack: one card per component with its provider and tier (or auto-upgrade), what users
//! ask of it and what that costs, its upgrade threshold, units and any price the founder
//! overrides; and the list to add a component from. Every change is one of the model's edits.

use leptos::prelude::*;

use super::fields::TextField;
use super::{catalogue, expect_state};
use crate::model::edit::PlanChoice;
use crate::model::explain::{self, Explained};
use crate::model::format;
use crate::model::input::range_text;
use crate::model::limits;
use crate::model::scenario::{ComponentSpec, Policy};
use crate::model::usage::{Basis, Driver};

/// Every provider the scenario can use, its own first, as `(id, label)`.
fn provider_options(state: super::AppState) -> Vec<(String, String)> {
    state.scenario.with(|s| {
        let cat = catalogue();
        cat.with(&s.raw().providers)
            .providers()
            .map(|p| {
                let own = cat.with(&s.raw().providers).is_own(&p.id);
                let label = format!(
                    "{} · {}{}",
                    cat.role_label(&p.role),
                    p.name,
                    if own { " (yours)" } else { "" }
                );
                (p.id.clone(), label)
            })
            .collect()
    })
}

/// Every component of the stack, and the list to add one from.
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
    view! {
        <section class="panel stack" aria-labelledby="stack-title">
            <h2 id="stack-title">"Stack"</h2>
            <For each=move || ids.get() key=|id| id.clone() let:id>
                <ComponentCard id=id/>
            </For>
            <super::add::AddComponent/>
            <super::own::OwnProviders/>
        </section>
    }
}

/// What a component runs now (worst case), for its card.
#[derive(Clone, Debug, PartialEq)]
struct Running {
    /// `provider/offer`.
    offer_ref: String,
    /// "1 × DigitalOcean Basic 1 GB".
    what: String,
    /// Price per unit in use.
    price: crate::model::Range,
    /// The catalogue's own price.
    catalogue_price: crate::model::Range,
    /// True when the founder overrode its unit price or one of its rates.
    overridden: bool,
    /// Why, as the override says.
    reason: String,
    /// What one unit holds, in words.
    holds: Vec<String>,
}

/// One component: name, provider, tier or auto-upgrade, what it costs and why, its drivers,
/// threshold, units and price override.
#[component]
fn ComponentCard(
    /// The component's id in the scenario.
    id: String,
) -> impl IntoView {
    let state = expect_state();
    let sid = StoredValue::new(id.clone());
    let spec = Memo::new(move |_| {
        state
            .scenario
            .with(|s| s.raw().component(&sid.get_value()).cloned())
    });
    let index = Memo::new(move |_| {
        state
            .model
            .with(|m| m.components.iter().position(|c| c.id == sid.get_value()))
    });
    let provider = Memo::new(move |_| {
        spec.get()
            .and_then(|c| c.provider_id().map(str::to_string))
            .unwrap_or_default()
    });
    let tier = Memo::new(move |_| match spec.get().map(|c| c.policy) {
        Some(Policy::Fixed { offer, .. }) => offer,
        Some(Policy::Auto { .. }) => "auto".into(),
        Some(Policy::Staged { .. }) => "staged".into(),
        Some(Policy::Mix { .. }) => "mix".into(),
        None => String::new(),
    });
    let change = RwSignal::new(None::<String>);
    let card_error = RwSignal::new(None::<String>);
    let testid = format!("component-{id}");
    let options = Memo::new(move |_| provider_options(state));
    let on_provider = move |ev| {
        let pid = event_target_value(&ev);
        match state.apply(|raw| raw.set_provider(catalogue(), &sid.get_value(), &pid)) {
            Ok(c) => {
                change.set(c.describe());
                card_error.set(None);
            }
            Err(e) => card_error.set(Some(e)),
        }
    };
    let on_tier = move |ev| {
        let v = event_target_value(&ev);
        let tier = match v.as_str() {
            "auto" => PlanChoice::Auto,
            "" | "staged" | "mix" => return,
            _ => PlanChoice::Offer(v),
        };
        if let Err(e) = state.apply(|raw| raw.set_tier(catalogue(), &sid.get_value(), tier)) {
            card_error.set(Some(e));
        }
    };
    let remove = move |_| {
        let _ = state.apply(|raw| raw.remove_component(&sid.get_value()));
    };
    let name_text = Signal::derive(move || spec.get().map(|c| c.name).unwrap_or_default());
    let commit_name = Callback::new(move |t: String| {
        state.apply(|raw| raw.rename_component(&sid.get_value(), &t))
    });
    let threshold_text = Signal::derive(move || {
        spec.get()
            .map_or(String::new(), |c| format::number(c.upgrade_at_pct, 2))
    });
    let commit_threshold = Callback::new(move |t: String| {
        let v = limits::UPGRADE_AT_PCT.parse_one(&t)?;
        state.apply(|raw| raw.set_upgrade_at(&sid.get_value(), v))
    });
    let max_text = Signal::derive(move || {
        spec.get()
            .map_or(String::new(), |c| c.max_units.to_string())
    });
    let commit_max = Callback::new(move |t: String| {
        let v = limits::MAX_UNITS.parse_one(&t)?;
        state.apply(|raw| raw.set_max_units(&sid.get_value(), v))
    });
    let running = Memo::new(move |_| {
        let ci = index.get()?;
        let model = state.model.read();
        let comp = &model.components[ci];
        let snap = state.settled_snapshot.read();
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
        let catalogue_price = state.scenario.with(|s| {
            catalogue()
                .with(&s.raw().providers)
                .offer(&cand.offer_ref)
                .map(|(_, o)| o.price_usd_per_month)
                .unwrap_or(cand.price_usd_per_month)
        });
        Some(Running {
            offer_ref: cand.offer_ref.clone(),
            what: format!("{} × {} {}", a.units, cand.provider, cand.offer),
            price: cand.price_usd_per_month,
            catalogue_price,
            overridden: cand.price_overridden,
            reason: cand.override_reason.clone(),
            holds,
        })
    });
    let price_text =
        Signal::derive(move || running.get().map_or(String::new(), |r| range_text(r.price)));
    let commit_price = Callback::new(move |t: String| {
        let r = limits::PRICE_USD.parse(&t)?;
        let Some(offer) = running.get_untracked().map(|r| r.offer_ref) else {
            return Err("This part of the stack runs no plan at these users.".into());
        };
        state.apply(|raw| raw.set_price_override(&sid.get_value(), &offer, r))
    });
    let reset_price = move |_| {
        if let Some(offer) = running.get_untracked().map(|r| r.offer_ref) {
            let _ = state.apply(|raw| raw.clear_price_override(&sid.get_value(), &offer));
        }
    };
    // The card's cost, what each driver uses, why it is $0 and its notes, worked out once
    // per settled snapshot.
    let explained = Memo::new(move |_| {
        let Some(ci) = index.get() else {
            return Explained::default();
        };
        let model = state.model.read();
        let snap = state.settled_snapshot.read();
        explain::explain(&model, &snap, ci)
    });
    let driver_count = Memo::new(move |_| spec.get().map(|c| c.demand.len()).unwrap_or(0));
    let overridden_testid = format!("{testid}-overridden");
    let t = StoredValue::new(testid.clone());
    view! {
        <article class="component" data-testid=testid.clone()>
            <header>
                <h3 id=format!("{testid}-heading") tabindex="-1">{move || spec.get().map(|c| c.name).unwrap_or_default()}</h3>
                <span class="role">{move || spec.get().map(|c| catalogue().role_label(&c.role).to_string()).unwrap_or_default()}</span>
                <span class="cost" data-testid=format!("{testid}-cost")>
                    {move || index.get().map(|_| format!("{}/mo", format::band(explained.with(|e| e.cost), format::usd))).unwrap_or_default()}
                </span>
                <button type="button" class="icon" data-testid=format!("{testid}-remove")
                    aria-label=move || format!("Remove {}", spec.get().map(|c| c.name).unwrap_or_default())
                    on:click=remove>"×"</button>
            </header>
            <div class="row">
                <TextField label="Name" testid=format!("{testid}-name") value=name_text on_commit=commit_name inputmode="text" maxlength=limits::MAX_NAME_CHARS/>
                <div class="field">
                    <label for=format!("{testid}-provider")>"Provider"</label>
                    <select id=format!("{testid}-provider") data-testid=format!("{testid}-provider") on:change=on_provider>
                        {move || options.get().into_iter().map(|(pid, label)| {
                            let sel = pid.clone();
                            view! { <option value=pid selected=move || provider.get() == sel>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=format!("{testid}-tier")>"Plan"</label>
                    <select id=format!("{testid}-tier") data-testid=format!("{testid}-tier") on:change=on_tier>
                        <option value="auto" selected=move || tier.get() == "auto">"Cheapest that fits (upgrades itself)"</option>
                        <Show when=move || tier.get() == "staged">
                            <option value="staged" selected=true>"The scenario's plan steps"</option>
                        </Show>
                        <Show when=move || tier.get() == "mix">
                            <option value="mix" selected=true>"The scenario's mix of plans"</option>
                        </Show>
                        {move || {
                            let pid = provider.get();
                            state.scenario.with(|s| {
                                catalogue().with(&s.raw().providers).provider(&pid).map(|p| {
                                    p.offers
                                        .iter()
                                        .map(|o| {
                                            let r = format!("{}/{}", p.id, o.id);
                                            let sel = r.clone();
                                            view! {
                                                <option value=r selected=move || tier.get() == sel>
                                                    {format!("{} · {}{}", o.name, offer_price_words(o), match (o.shutdown.as_deref(), o.deprecated) {
                                                        (Some(d), _) => format!(" · shuts down {d}"),
                                                        (None, true) => " · deprecated".to_string(),
                                                        (None, false) => String::new(),
                                                    })}
                                                </option>
                                            }
                                        })
                                        .collect_view()
                                })
                            })
                        }}
                    </select>
                </div>
            </div>
            <p class="change-note" data-testid=format!("{testid}-change") role="status">{move || change.get().unwrap_or_default()}</p>
            <p class="error" data-testid=format!("{testid}-error") role="alert">{move || card_error.get().unwrap_or_default()}</p>
            <p class="running" data-testid=format!("{testid}-running")>
                {move || running.get().map(|r| {
                    let holds = if r.holds.is_empty() { String::new() } else { format!("; each holds {}", r.holds.join(", ")) };
                    format!("Runs {}{holds}", r.what)
                })}
            </p>
            <p class="why" data-testid=format!("{testid}-zero")>{move || explained.with(|e| e.zero.clone()).unwrap_or_default()}</p>
            <p class="why" data-testid=format!("{testid}-unset")>{move || explained.with(|e| e.notes.clone()).unwrap_or_default()}</p>
            <div class="row">
                <TextField label="Upgrade when this full" hint="%" testid=format!("{testid}-threshold") value=threshold_text on_commit=commit_threshold/>
                <TextField label="Most servers or instances at once" testid=format!("{testid}-max-units") value=max_text on_commit=commit_max inputmode="numeric"/>
                <TextField label="Price of each" hint="$ / month" testid=format!("{testid}-price") value=price_text on_commit=commit_price/>
            </div>
            <Show when=move || running.get().is_some_and(|r| r.overridden)>
                <p class="override" data-testid=overridden_testid.clone()>
                    {move || running.get().map(|r| {
                        let why = if r.reason.is_empty() { String::new() } else { format!(" Yours: {}.", r.reason) };
                        if r.price == r.catalogue_price {
                            format!("A rate of this plan is your own; what users use of it shows what it charges.{why}")
                        } else {
                            format!("Your own price; the catalogue says {}/month.{why} ", format::band(r.catalogue_price, format::usd))
                        }
                    })}
                    <Show when=move || running.get().is_some_and(|r| r.price != r.catalogue_price)>
                        <button type="button" class="link" on:click=reset_price>"Use the catalogue price"</button>
                    </Show>
                </p>
            </Show>
            <fieldset class="demand">
                <legend>"What users use of it"</legend>
                <For each=move || 0..driver_count.get() key=|i| *i let:i>
                    <DriverRow component=sid.get_value() index=i explained=explained notice=change/>
                </For>
                <AddDriver component=sid.get_value() testid=t.get_value()/>
            </fieldset>
            {move || spec.get().and_then(|c| (!c.note.is_empty()).then(|| view! { <p class="note">{c.note}</p> }))}
        </article>
    }
}

/// What an offer costs, in a few words for a list: "$25/mo + usage", "by usage, $50
/// minimum", "free".
fn offer_price_words(o: &crate::model::catalogue::Offer) -> String {
    let fee = o.price_usd_per_month;
    let usage = o
        .metered
        .iter()
        .any(|m| m.overage == crate::model::catalogue::Overage::Billed);
    let mut s = match (fee.high > 0.0, usage) {
        (true, true) => format!("{}/mo + usage", format::band(fee, format::usd)),
        (true, false) => format!("{}/mo", format::band(fee, format::usd)),
        (false, true) => "by usage".to_string(),
        (false, false) => "free".to_string(),
    };
    if o.minimum_usd_per_month.high > 0.0 {
        s.push_str(&format!(
            ", {} minimum",
            format::band(o.minimum_usd_per_month, format::usd)
        ));
    }
    s
}

/// The bases a driver of this component may count per: kinds of user, fixed, and each
/// other resource of it that is counted per already, by a driver of it or by its
/// provider's meters (messages, documents, queries), or that this driver counts per now.
fn basis_options(
    c: &ComponentSpec,
    own: &str,
    current: Option<&Basis>,
    lookup: &crate::model::catalogue::Lookup,
) -> Vec<Basis> {
    let meters = c
        .provider_id()
        .and_then(|p| lookup.provider(p))
        .map(|p| p.meters.clone())
        .unwrap_or_default();
    let counted = |r: &str| {
        c.demand
            .iter()
            .chain(&meters)
            .any(|d| d.per.resource() == Some(r))
    };
    let mut out: Vec<Basis> = Basis::PEOPLE.to_vec();
    for d in &c.demand {
        let b = Basis::Resource(d.resource.clone());
        let offered = counted(&d.resource) || current == Some(&b);
        if d.resource != own && offered && !out.contains(&b) {
            out.push(b);
        }
    }
    out
}

/// One driver: what it asks for, per what, how much, and what that uses and costs now.
#[component]
fn DriverRow(
    /// The component's id.
    component: String,
    /// The driver's index.
    index: usize,
    /// The component's figures now: what each resource it is asked for uses and costs.
    explained: Memo<Explained>,
    /// Where the card tells what an edit changed besides itself.
    #[prop(optional)]
    notice: Option<RwSignal<Option<String>>>,
) -> impl IntoView {
    let state = expect_state();
    let cid = StoredValue::new(component.clone());
    let spec = Memo::new(move |_| {
        state
            .scenario
            .with(|s| s.raw().component(&cid.get_value()).cloned())
    });
    let driver = Memo::new(move |_| spec.get().and_then(|c| c.demand.get(index).cloned()));
    let label = move || driver.get().map_or(String::new(), |d| d.words());
    let explain = move || driver.get().map(|d| d.explain).unwrap_or_default();
    let text = Signal::derive(move || driver.get().map_or(String::new(), |d| range_text(d.amount)));
    let commit = Callback::new(move |t: String| {
        let r = limits::DRIVER_AMOUNT.parse(&t)?;
        state.apply(|raw| raw.set_driver_amount(&cid.get_value(), index, r))
    });
    let row_error = RwSignal::new(None::<String>);
    let on_per = move |ev| {
        let per = Basis::from_key(&event_target_value(&ev));
        match state.apply(|raw| raw.set_driver_basis(catalogue(), &cid.get_value(), index, per)) {
            Ok(removed) if !removed.is_empty() => {
                if let Some(notice) = notice {
                    notice.set(Some(format!(
                        "Removed {}: nothing counts per it now, and no plan charges for it.",
                        removed.join(", ")
                    )));
                }
                row_error.set(None);
            }
            Ok(_) => row_error.set(None),
            Err(e) => row_error.set(Some(e)),
        }
    };
    let remove =
        move |_| match state.apply(|raw| raw.remove_driver(catalogue(), &cid.get_value(), index)) {
            Ok(removed) => {
                row_error.set(None);
                if let (Some(notice), false) = (notice, removed.is_empty()) {
                    notice.set(Some(format!(
                        "Also removed {}: {} only counted with it.",
                        removed.join(", "),
                        if removed.len() == 1 { "it" } else { "they" }
                    )));
                }
            }
            Err(e) => row_error.set(Some(e)),
        };
    let use_text = move || {
        let d = driver.get()?;
        let u = explained.with(|e| e.uses.iter().find(|u| u.resource == d.resource).cloned())?;
        let mut parts = vec![format!(
            "{} {} in all",
            format::band(u.demand, format::amount),
            format::resource(&u.resource)
        )];
        if let Some(held) = u.held {
            parts.push(format!(
                "the plan holds {}",
                format::band(held, format::amount)
            ));
        }
        match u.charge {
            Some(c) => parts.push(format!("charged {}/mo", format::band(c, format::usd))),
            None if u.held.is_none() => {
                let counted = spec.get().is_some_and(|c| {
                    c.demand
                        .iter()
                        .any(|x| x.per.resource() == Some(d.resource.as_str()))
                });
                parts.push(if counted {
                    "what the amounts below are counted per".into()
                } else {
                    "not charged by the plan running now".into()
                });
            }
            None => {}
        }
        Some(format!("Now: {}.", parts.join("; ")))
    };
    let testid = format!("component-{component}-demand-{index}");
    let tid = StoredValue::new(testid.clone());
    view! {
        <div class="driver" data-testid=format!("{testid}-row")>
            <TextField label=Signal::derive(label) testid=testid.clone() value=text on_commit=commit/>
            <div class="field">
                <label for=format!("{testid}-per") class="visually-hidden">{move || format!("How {} is counted", label())}</label>
                <select id=format!("{testid}-per") data-testid=format!("{testid}-per") on:change=on_per>
                    {move || {
                        let Some(c) = spec.get() else { return Vec::new() };
                        let Some(d) = c.demand.get(index).cloned() else { return Vec::new() };
                        let options = state.scenario.with(|s| {
                            basis_options(&c, &d.resource, Some(&d.per), &catalogue().with(&s.raw().providers))
                        });
                        options
                            .into_iter()
                            .map(|b| {
                                let selected = b == d.per;
                                view! { <option value=b.key().to_string() selected=selected>{b.words()}</option> }
                            })
                            .collect::<Vec<_>>()
                    }}
                </select>
            </div>
            <button type="button" class="icon" data-testid=format!("{testid}-remove")
                aria-label=move || format!("Remove {}", label()) on:click=remove>"×"</button>
            <p class="explain">{explain}</p>
            <p class="use" data-testid=format!("{}-use", tid.get_value())>{use_text}</p>
            <p class="error" role="alert">{move || row_error.get().unwrap_or_default()}</p>
        </div>
    }
}

/// Adds a driver: one of the resources the component's offers price or hold, per a kind
/// of user or per another of its resources.
#[component]
fn AddDriver(
    /// The component's id.
    component: String,
    /// The component card's test id.
    testid: String,
) -> impl IntoView {
    let state = expect_state();
    let cid = StoredValue::new(component);
    let resource = RwSignal::new(String::new());
    let per = RwSignal::new("user".to_string());
    let error = RwSignal::new(None::<String>);
    let added = RwSignal::new(None::<String>);
    let spec = Memo::new(move |_| {
        state
            .scenario
            .with(|s| s.raw().component(&cid.get_value()).cloned())
    });
    let choices = Memo::new(move |_| {
        let Some(c) = spec.get() else {
            return Vec::new();
        };
        state
            .scenario
            .with(|s| crate::model::edit::driver_choices(&c, &catalogue().with(&s.raw().providers)))
    });
    let add = move |_| {
        let r = resource.get_untracked();
        if r.is_empty() {
            error.set(Some("Choose what users use first.".into()));
            return;
        }
        let basis = Basis::from_key(&per.get_untracked());
        let amount = state.scenario.with_untracked(|s| {
            let lookup = catalogue().with(&s.raw().providers);
            s.raw()
                .component(&cid.get_value())
                .and_then(|c| c.provider_id())
                .and_then(|p| lookup.provider(p))
                .and_then(|p| p.meters.iter().find(|m| m.resource == r && m.per == basis))
                .map_or(crate::model::Range::exact(1.0), |m| m.amount)
        });
        let driver = Driver {
            resource: r,
            per: basis,
            amount,
            label: String::new(),
            explain: String::new(),
        };
        match state.apply(|raw| raw.add_driver(catalogue(), &cid.get_value(), driver)) {
            Ok(with) => {
                error.set(None);
                added.set((!with.is_empty()).then(|| {
                    format!(
                        "Added with it, counted per it: {}. Replace the typical amounts with yours.",
                        with.join(", ")
                    )
                }));
                resource.set(String::new());
                per.set("user".into());
            }
            Err(e) => {
                added.set(None);
                error.set(Some(e));
            }
        }
    };
    view! {
        <div class="add-row">
            <div class="field">
                <label for=format!("{testid}-add-driver")>"Add what users use"</label>
                <select id=format!("{testid}-add-driver") data-testid=format!("{testid}-add-driver")
                    on:change=move |ev| resource.set(event_target_value(&ev)) prop:value=move || resource.get()>
                    <option value="">"Choose…"</option>
                    {move || choices.get().into_iter().map(|r| {
                        let label = format::resource(&r);
                        view! { <option value=r>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=format!("{testid}-add-driver-per")>"Counted"</label>
                <select id=format!("{testid}-add-driver-per") data-testid=format!("{testid}-add-driver-per")
                    on:change=move |ev| per.set(event_target_value(&ev)) prop:value=move || per.get()>
                    {move || {
                        let c = spec.get();
                        let own = resource.get();
                        let options = c.map(|c| state.scenario.with(|s| {
                            basis_options(&c, &own, None, &catalogue().with(&s.raw().providers))
                        })).unwrap_or_default();
                        options.into_iter().map(|b| {
                            let key = b.key().to_string();
                            let selected = key == per.get_untracked();
                            view! { <option value=key selected=selected>{b.words()}</option> }
                        }).collect_view()
                    }}
                </select>
            </div>
            <button type="button" class="secondary" data-testid=format!("{testid}-add-driver-button") on:click=add>"Add"</button>
            <p class="error" data-testid=format!("{testid}-add-driver-error") role="alert">{move || error.get().unwrap_or_default()}</p>
            <p class="change-note" data-testid=format!("{testid}-add-driver-notice") role="status">{move || added.get().unwrap_or_default()}</p>
        </div>
    }
}
