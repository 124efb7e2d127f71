//! Providers of the founder's own: a name, what part of the stack it serves, and offers
//! with prices, what each holds, what it charges by usage with its allowance, a source
//! link and the date it was checked. They save, link, export and compare like the rest.

use leptos::prelude::*;

use super::fields::TextField;
use super::{catalogue, expect_state};
use crate::model::catalogue::{Metered, Offer, Overage};
use crate::model::format;
use crate::model::input::range_text;
use crate::model::limits;

/// The list of the scenario's own providers, and a form to add one.
#[component]
pub fn OwnProviders() -> impl IntoView {
    let state = expect_state();
    let ids = Memo::new(move |_| {
        state.scenario.with(|s| {
            s.raw()
                .providers
                .iter()
                .map(|p| p.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let name = RwSignal::new(String::new());
    let role = RwSignal::new("other".to_string());
    let error = RwSignal::new(None::<String>);
    let add = move |_| {
        let n = name.get_untracked();
        let r = role.get_untracked();
        match state.apply(|raw| raw.add_own_provider(catalogue(), &n, &r)) {
            Ok(_) => {
                error.set(None);
                name.set(String::new());
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <details class="own-providers" data-testid="own-providers">
            <summary>"A provider that is not in the list"</summary>
            <p class="hint">"Describe it from its price page: what one plan costs, what it holds and what it charges by usage. Then add it to the stack like any other."</p>
            <For each=move || ids.get() key=|id| id.clone() let:id>
                <OwnProvider id=id/>
            </For>
            <div class="add-row">
                <div class="field">
                    <label for="own-provider-name">"Provider name"</label>
                    <input id="own-provider-name" data-testid="own-provider-name" type="text" autocomplete="off"
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="own-provider-role">"Part of the stack"</label>
                    <select id="own-provider-role" data-testid="own-provider-role"
                        on:change=move |ev| role.set(event_target_value(&ev)) prop:value=move || role.get()>
                        {catalogue().roles.iter().map(|r| view! { <option value=r.key.clone()>{r.label.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <button type="button" class="secondary" data-testid="own-provider-add" on:click=add>"Define it"</button>
            </div>
            <p class="error" data-testid="own-provider-error" role="alert">{move || error.get().unwrap_or_default()}</p>
        </details>
    }
}

/// One provider of the founder's own: its offers, and buttons to add an offer or to use it
/// in the stack.
#[component]
fn OwnProvider(id: String) -> impl IntoView {
    let state = expect_state();
    let pid = StoredValue::new(id.clone());
    let provider = Memo::new(move |_| {
        state.scenario.with(|s| {
            s.raw()
                .providers
                .iter()
                .find(|p| p.id == pid.get_value())
                .cloned()
        })
    });
    let offers = Memo::new(move |_| {
        provider
            .get()
            .map(|p| p.offers.iter().map(|o| o.id.clone()).collect::<Vec<_>>())
            .unwrap_or_default()
    });
    let error = RwSignal::new(None::<String>);
    let add_offer = move |_| {
        if let Err(e) = state.apply(|raw| raw.add_own_offer(catalogue(), &pid.get_value())) {
            error.set(Some(e));
        }
    };
    let use_it = move |_| match state.apply(|raw| raw.add_component(catalogue(), &pid.get_value()))
    {
        Ok(id) => {
            error.set(None);
            super::add::focus_card(&id);
        }
        Err(e) => error.set(Some(e)),
    };
    let remove = move |_| {
        if let Err(e) = state.apply(|raw| raw.remove_own_provider(&pid.get_value())) {
            error.set(Some(e));
        }
    };
    let testid = format!("own-{id}");
    view! {
        <div class="own-provider" data-testid=testid.clone()>
            <h4>{move || provider.get().map(|p| format!("{} · {}", p.name, catalogue().role_label(&p.role))).unwrap_or_default()}</h4>
            <For each=move || offers.get() key=|o| o.clone() let:offer>
                <OwnOffer provider=pid.get_value() offer=offer/>
            </For>
            <div class="add-row">
                <button type="button" class="secondary" data-testid=format!("{testid}-add-offer") on:click=add_offer>"Add another plan"</button>
                <button type="button" data-testid=format!("{testid}-use") on:click=use_it>"Add it to the stack"</button>
                <button type="button" class="link" data-testid=format!("{testid}-remove") on:click=remove>"Remove this provider"</button>
            </div>
            <p class="error" role="alert">{move || error.get().unwrap_or_default()}</p>
        </div>
    }
}

/// One offer of the founder's own: name, price, minimum, credit, one thing it holds, one
/// thing it charges for with its allowance, the source and the date it was checked.
#[component]
fn OwnOffer(provider: String, offer: String) -> impl IntoView {
    let state = expect_state();
    let pid = StoredValue::new(provider.clone());
    let oid = StoredValue::new(offer.clone());
    let current = Memo::new(move |_| {
        state.scenario.with(|s| {
            s.raw()
                .providers
                .iter()
                .find(|p| p.id == pid.get_value())
                .and_then(|p| p.offers.iter().find(|o| o.id == oid.get_value()))
                .cloned()
        })
    });
    let set = move |f: OfferEdit| -> Result<(), String> {
        let Some(mut o) = current.get_untracked() else {
            return Err("This plan is gone.".into());
        };
        f(&mut o)?;
        state.apply(|raw| raw.set_own_offer(catalogue(), &pid.get_value(), o))
    };
    let text = move |f: fn(&Offer) -> String| {
        Signal::derive(move || current.get().map(|o| f(&o)).unwrap_or_default())
    };
    let testid = format!("own-{provider}-{offer}");
    let name = text(|o| o.name.clone());
    let commit_name = Callback::new(move |t: String| {
        set(Box::new(move |o| {
            o.name = t.trim().to_string();
            Ok(())
        }))
    });
    // A monthly amount in dollars: the price, the minimum bill or the usage credit.
    let dollars = move |field: fn(&mut Offer) -> &mut crate::model::Range| {
        let shown = Signal::derive(move || {
            current
                .get()
                .map(|mut o| range_text(*field(&mut o)))
                .unwrap_or_default()
        });
        let commit = Callback::new(move |t: String| {
            let r = limits::PRICE_USD.parse(&t)?;
            set(Box::new(move |o| {
                *field(o) = r;
                Ok(())
            }))
        });
        (shown, commit)
    };
    let (price, commit_price) = dollars(|o| &mut o.price_usd_per_month);
    let (minimum, commit_minimum) = dollars(|o| &mut o.minimum_usd_per_month);
    let (credit, commit_credit) = dollars(|o| &mut o.credit_usd_per_month);
    let source = text(|o| o.source_url.clone());
    let commit_source = Callback::new(move |t: String| {
        set(Box::new(move |o| {
            o.source_url = t.trim().to_string();
            Ok(())
        }))
    });
    let as_of = text(|o| o.checked.clone());
    let commit_as_of = Callback::new(move |t: String| {
        set(Box::new(move |o| {
            o.checked = t.trim().to_string();
            Ok(())
        }))
    });
    // What it holds: one resource and the amount one unit holds.
    let hold_resource = Signal::derive(move || {
        current
            .get()
            .and_then(|o| o.capacity.keys().next().cloned())
            .unwrap_or_default()
    });
    let hold_amount = text(|o| {
        o.capacity
            .values()
            .next()
            .map(|r| range_text(*r))
            .unwrap_or_default()
    });
    // A refused choice puts the select back on what the scenario holds.
    let nudge = RwSignal::new(0u32);
    let choice_error = RwSignal::new(None::<String>);
    let on_hold_resource = move |ev| {
        let r = event_target_value(&ev);
        // Only the first thing it holds is edited here; any others from a file stay.
        let result = set(Box::new(move |o| {
            let first = o.capacity.keys().next().cloned();
            let amount = first.as_ref().and_then(|k| o.capacity.remove(k));
            if !r.is_empty() {
                if o.capacity.contains_key(&r) {
                    return Err("It already holds that; pick another.".into());
                }
                o.capacity
                    .insert(r, amount.unwrap_or(crate::model::Range::exact(1000.0)));
            }
            Ok(())
        }));
        choice_error.set(result.err());
        nudge.update(|n| *n += 1);
    };
    let commit_hold = Callback::new(move |t: String| {
        let r = limits::CAPACITY.parse(&t)?;
        set(Box::new(move |o| {
            let Some(key) = o.capacity.keys().next().cloned() else {
                return Err("Choose what it holds first.".into());
            };
            o.capacity.insert(key, r);
            Ok(())
        }))
    });
    // What it charges for: one metered resource, its rate, per how many, and the allowance.
    let charge_resource = Signal::derive(move || {
        current
            .get()
            .and_then(|o| o.metered.first().map(|m| m.resource.clone()))
            .unwrap_or_default()
    });
    let on_charge_resource = move |ev| {
        let r = event_target_value(&ev);
        // Only the first rate is edited here; any others from a file stay as they are.
        let result = set(Box::new(move |o| {
            if o.metered.iter().skip(1).any(|m| m.resource == r) {
                return Err("It already charges for that; pick another.".into());
            }
            match (o.metered.first_mut(), r.is_empty()) {
                (Some(_), true) => {
                    o.metered.remove(0);
                }
                (Some(m), false) => m.resource = r,
                (None, false) => o.metered.push(Metered {
                    resource: r,
                    usd: crate::model::Range::exact(0.0),
                    per: 1.0,
                    included: 0.0,
                    tiers: Vec::new(),
                    overage: Overage::Billed,
                    fee: false,
                }),
                (None, true) => {}
            }
            Ok(())
        }));
        choice_error.set(result.err());
        nudge.update(|n| *n += 1);
    };
    let first_metered = move |f: Box<dyn FnOnce(&mut Metered)>| {
        set(Box::new(move |o| match o.metered.first_mut() {
            Some(m) => {
                f(m);
                Ok(())
            }
            None => Err("Choose what it charges for first.".into()),
        }))
    };
    let rate = text(|o| {
        o.metered
            .first()
            .map(|m| range_text(m.usd))
            .unwrap_or_default()
    });
    let commit_rate = Callback::new(move |t: String| {
        let r = limits::RATE_USD.parse(&t)?;
        first_metered(Box::new(move |m| m.usd = r))
    });
    let per = text(|o| {
        o.metered
            .first()
            .map(|m| format::number(m.per, 9))
            .unwrap_or_default()
    });
    let commit_per = Callback::new(move |t: String| {
        let v = limits::RATE_PER.parse_one(&t)?;
        first_metered(Box::new(move |m| m.per = v))
    });
    let included = text(|o| {
        o.metered
            .first()
            .map(|m| format::number(m.included, 9))
            .unwrap_or_default()
    });
    let commit_included = Callback::new(move |t: String| {
        let v = limits::INCLUDED.parse_one(&t)?;
        first_metered(Box::new(move |m| m.included = v))
    });
    let blocked = Signal::derive(move || {
        current.get().is_some_and(|o| {
            o.metered
                .first()
                .is_some_and(|m| m.overage == Overage::Blocked)
        })
    });
    let blocked_error = RwSignal::new(None::<String>);
    let on_blocked = move |ev| {
        let on = event_target_checked(&ev);
        let r = first_metered(Box::new(move |m| {
            m.overage = if on {
                Overage::Blocked
            } else {
                Overage::Billed
            }
        }));
        blocked_error.set(r.err());
        nudge.update(|n| *n += 1);
    };
    let remove_error = RwSignal::new(None::<String>);
    let remove = move |_| {
        remove_error.set(
            state
                .apply(|raw| raw.remove_own_offer(&pid.get_value(), &oid.get_value()))
                .err(),
        );
    };
    let resources = move |selected: Signal<String>| {
        move || {
            let current = selected.get();
            let mut options: Vec<(String, String)> = catalogue()
                .resources
                .iter()
                .map(|r| (r.key.clone(), r.label.clone()))
                .collect();
            // A resource of the founder's own, from a file, is listed too.
            if !current.is_empty() && !options.iter().any(|(k, _)| *k == current) {
                options.insert(0, (current.clone(), format::resource(&current)));
            }
            options
                .into_iter()
                .map(|(key, label)| {
                    let selected = key == current;
                    view! { <option value=key selected=selected>{label}</option> }
                })
                .collect_view()
        }
    };
    view! {
        <fieldset class="own-offer" data-testid=testid.clone()>
            <legend>{move || current.get().map(|o| o.name).unwrap_or_default()}</legend>
            <div class="row">
                <TextField label="Plan name" testid=format!("{testid}-name") value=name on_commit=commit_name inputmode="text"/>
                <TextField label="Price" hint="$ / month per unit" testid=format!("{testid}-price") value=price on_commit=commit_price/>
                <TextField label="Minimum bill" hint="$ / month" testid=format!("{testid}-minimum") value=minimum on_commit=commit_minimum/>
                <TextField label="Usage credit" hint="$ / month" testid=format!("{testid}-credit") value=credit on_commit=commit_credit/>
            </div>
            <div class="row">
                <div class="field">
                    <label for=format!("{testid}-holds")>"Holds"</label>
                    <select id=format!("{testid}-holds") data-testid=format!("{testid}-holds") on:change=on_hold_resource
                        prop:value=move || { nudge.track(); hold_resource.get() }>
                        <option value="" selected=move || hold_resource.get().is_empty()>"Nothing it limits"</option>
                        {resources(hold_resource)}
                    </select>
                </div>
                <TextField label="Each unit holds" testid=format!("{testid}-holds-amount") value=hold_amount on_commit=commit_hold/>
            </div>
            <div class="row">
                <div class="field">
                    <label for=format!("{testid}-charges")>"Charges by usage for"</label>
                    <select id=format!("{testid}-charges") data-testid=format!("{testid}-charges") on:change=on_charge_resource
                        prop:value=move || { nudge.track(); charge_resource.get() }>
                        <option value="" selected=move || charge_resource.get().is_empty()>"Nothing"</option>
                        {resources(charge_resource)}
                    </select>
                </div>
                <TextField label="Rate" hint="$ for every" testid=format!("{testid}-rate") value=rate on_commit=commit_rate/>
                <TextField label="Units" hint="(1,000,000 for a price per million)" testid=format!("{testid}-per") value=per on_commit=commit_per/>
                <TextField label="Included free" hint="units a month with each unit of the plan" testid=format!("{testid}-included") value=included on_commit=commit_included/>
                <label class="check">
                    <input type="checkbox" data-testid=format!("{testid}-blocked") prop:checked=move || { nudge.track(); blocked.get() } on:change=on_blocked/>
                    " Usage past the included amount is refused, not billed"
                </label>
            </div>
            <p class="error" role="alert">{move || blocked_error.get().unwrap_or_default()}</p>
            <p class="error" data-testid=format!("{testid}-choice-error") role="alert">{move || choice_error.get().unwrap_or_default()}</p>
            <div class="row">
                <TextField label="Source" hint="link to the price page" testid=format!("{testid}-source") value=source on_commit=commit_source inputmode="url"/>
                <TextField label="Checked on" hint="YYYY-MM-DD" testid=format!("{testid}-as-of") value=as_of on_commit=commit_as_of inputmode="text"/>
            </div>
            <button type="button" class="link" data-testid=format!("{testid}-remove") on:click=remove>"Remove this plan"</button>
            <p class="error" role="alert">{move || remove_error.get().unwrap_or_default()}</p>
        </fieldset>
    }
}

/// A change to one offer, which may refuse with a reason.
type OfferEdit = Box<dyn FnOnce(&mut Offer) -> Result<(), String>>;
