//! Revenue: the share of users who pay, what they pay, and the one-time costs to repay.

use leptos::prelude::*;

use super::expect_state;
use super::fields::TextField;
use crate::model::input::range_text;
use crate::model::limits;
use crate::model::scenario::OneTimeCost;
use crate::model::Range;

/// Conversion, average price and one-time costs.
#[component]
pub fn RevenueEditor() -> impl IntoView {
    let state = expect_state();
    let conversion = Signal::derive(move || {
        state
            .scenario
            .with(|s| range_text(s.raw().revenue.conversion_pct))
    });
    let commit_conversion = Callback::new(move |t: String| {
        let r = limits::CONVERSION_PCT.parse(&t)?;
        state.apply(|raw| raw.set_conversion(r))
    });
    let price = Signal::derive(move || {
        state
            .scenario
            .with(|s| range_text(s.raw().revenue.price_usd_per_month))
    });
    let commit_price = Callback::new(move |t: String| {
        let r = limits::REVENUE_PRICE_USD.parse(&t)?;
        state.apply(|raw| raw.set_revenue_price(r))
    });
    let costs = Memo::new(move |_| state.scenario.with(|s| s.raw().one_time_costs.len()));
    let add = move |_| {
        let _ = state.edit(|raw| {
            raw.one_time_costs.push(OneTimeCost {
                name: "Set-up".into(),
                usd: Range::exact(1000.0),
            })
        });
    };
    view! {
        <section class="panel revenue" aria-labelledby="revenue-title">
            <h2 id="revenue-title">"Revenue"</h2>
            <div class="row">
                <TextField label="Users who pay" hint="%" testid="revenue-conversion" value=conversion on_commit=commit_conversion/>
                <TextField label="Average price" hint="$ / month" testid="revenue-price" value=price on_commit=commit_price/>
            </div>
            <fieldset class="one-time">
                <legend>"One-time costs"</legend>
                <For each=move || 0..costs.get() key=|i| *i let:i>
                    <OneTimeRow index=i/>
                </For>
                <button type="button" class="secondary" data-testid="add-one-time-cost" on:click=add>"Add a one-time cost"</button>
            </fieldset>
            <p class="hint">"A range such as 5–10 is carried through every answer as a band."</p>
        </section>
    }
}

#[component]
fn OneTimeRow(index: usize) -> impl IntoView {
    let state = expect_state();
    let item = move || {
        state
            .scenario
            .with(|s| s.raw().one_time_costs.get(index).cloned())
    };
    let name = Signal::derive(move || item().map(|c| c.name).unwrap_or_default());
    let usd = Signal::derive(move || item().map_or(String::new(), |c| range_text(c.usd)));
    let commit_name = Callback::new(move |t: String| {
        let t = t.trim().to_string();
        if t.is_empty() {
            return Err("Give the cost a name, such as Migration.".into());
        }
        state
            .edit(|raw| {
                if let Some(c) = raw.one_time_costs.get_mut(index) {
                    c.name = t;
                }
            })
            .map_err(|e| e.to_string())
    });
    let commit_usd = Callback::new(move |t: String| {
        let r = limits::ONE_TIME_USD.parse(&t)?;
        state
            .edit(|raw| {
                if let Some(c) = raw.one_time_costs.get_mut(index) {
                    c.usd = r;
                }
            })
            .map_err(|e| e.to_string())
    });
    let remove = move |_| {
        let _ = state.edit(|raw| {
            if index < raw.one_time_costs.len() {
                raw.one_time_costs.remove(index);
            }
        });
    };
    view! {
        <div class="one-time-row">
            <TextField label="What" testid=format!("one-time-{index}-name") value=name on_commit=commit_name inputmode="text"/>
            <TextField label="Amount" hint="$" testid=format!("one-time-{index}-usd") value=usd on_commit=commit_usd/>
            <button type="button" class="icon" aria-label=move || format!("Remove {}", name.get()) on:click=remove>"×"</button>
        </div>
    }
}
