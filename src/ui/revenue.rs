//! Revenue: the share of users who pay and of which users, what they pay (an average or a
//! plan mix), the card fee on each charge, churn, running costs, and one-time costs.

use leptos::prelude::*;

use super::expect_state;
use super::fields::TextField;
use crate::model::edit::CostList;
use crate::model::input::range_text;
use crate::model::limits;
use crate::model::revenue::{Billing, ConversionBase, FeeSource, PaymentFees};
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
    let (one_time_error, set_one_time_error) = signal(None::<String>);
    let add = move |_| {
        set_one_time_error.set(
            state
                .apply(|raw| raw.add_cost(CostList::OneTime, "Set-up", Range::exact(1000.0)))
                .err(),
        );
    };
    let of_active = Memo::new(move |_| {
        state
            .scenario
            .with(|s| s.raw().revenue.conversion_of == ConversionBase::ActiveUsers)
    });
    let on_base = move |ev| {
        let base = if event_target_value(&ev) == "active" {
            ConversionBase::ActiveUsers
        } else {
            ConversionBase::AllUsers
        };
        let _ = state.edit(|raw| raw.set_conversion_base(base));
    };
    let churn = Signal::derive(move || {
        state
            .scenario
            .with(|s| range_text(s.raw().revenue.churn_pct_per_month))
    });
    let commit_churn = Callback::new(move |t: String| {
        let r = limits::CHURN_PCT.parse(&t)?;
        state.apply(|raw| raw.set_churn(r))
    });
    let plans = Memo::new(move |_| state.scenario.with(|s| s.raw().revenue.plans.len()));
    let (plan_error, set_plan_error) = signal(None::<String>);
    let add_plan = move |_| {
        set_plan_error.set(state.apply(|raw| raw.add_plan()).err());
    };
    let running = Memo::new(move |_| state.scenario.with(|s| s.raw().running_costs.len()));
    let (running_error, set_running_error) = signal(None::<String>);
    let add_running = move |_| {
        set_running_error.set(
            state
                .apply(|raw| raw.add_cost(CostList::Running, "Team", Range::exact(1000.0)))
                .err(),
        );
    };
    view! {
        <section class="panel revenue" aria-labelledby="revenue-title">
            <h2 id="revenue-title">"Revenue"</h2>
            <div class="row">
                <TextField label="Users who pay" hint="%" testid="revenue-conversion" value=conversion on_commit=commit_conversion/>
                <div class="field">
                    <label for="revenue-conversion-of">"Of"</label>
                    <select id="revenue-conversion-of" data-testid="revenue-conversion-of" on:change=on_base>
                        <option value="all" selected=move || !of_active.get()>"all users"</option>
                        <option value="active" selected=move || of_active.get()>"active users"</option>
                    </select>
                </div>
            </div>
            <div class="row">
                <Show
                    when=move || plans.get() == 0
                    fallback=|| view! { <p class="hint">"Paying users are on the plans below."</p> }
                >
                    <TextField label="Average price" hint="$ / month" testid="revenue-price" value=price on_commit=commit_price/>
                </Show>
                <TextField label="Paying users who cancel" hint="% / month" testid="revenue-churn" value=churn on_commit=commit_churn/>
            </div>
            <Show when=move || !churn.with(|c| c == "0")>
                <p class="hint" data-testid="revenue-churn-note">"Churn counts on the timeline (month by month, and payback). The answers at a user count assume the steady share who pay."</p>
            </Show>
            <CardFees/>
            <fieldset class="plans">
                <legend>"Plans"</legend>
                <For each=move || 0..plans.get() key=|i| *i let:i>
                    <PlanRow index=i/>
                </For>
                <Show when=move || plans.get() == 0>
                    <p class="hint">"Without plans, every paying user pays the average price each month."</p>
                </Show>
                <button type="button" class="secondary" data-testid="add-plan" on:click=add_plan>"Add a plan"</button>
                {move || plan_error.get().map(|e| view! { <p class="error" role="alert" data-testid="add-plan-error">{e}</p> })}
            </fieldset>
            <fieldset class="running">
                <legend>"Running costs (not infrastructure)"</legend>
                <For each=move || 0..running.get() key=|i| *i let:i>
                    <CostRow list=CostList::Running index=i/>
                </For>
                <button type="button" class="secondary" data-testid="add-running-cost" on:click=add_running>"Add a running cost"</button>
                {move || running_error.get().map(|e| view! { <p class="error" role="alert" data-testid="add-running-cost-error">{e}</p> })}
            </fieldset>
            <fieldset class="one-time">
                <legend>"One-time costs"</legend>
                <For each=move || 0..costs.get() key=|i| *i let:i>
                    <CostRow list=CostList::OneTime index=i/>
                </For>
                <button type="button" class="secondary" data-testid="add-one-time-cost" on:click=add>"Add a one-time cost"</button>
                {move || one_time_error.get().map(|e| view! { <p class="error" role="alert" data-testid="add-one-time-cost-error">{e}</p> })}
            </fieldset>
            <CashFields/>
            <p class="hint">"A range such as 5–10 is carried through every answer as a band."</p>
        </section>
    }
}

/// The payment fee on each charge: a percentage and a fixed amount, with the default
/// processor's rate and where it comes from.
#[component]
fn CardFees() -> impl IntoView {
    let state = expect_state();
    let source = FeeSource::builtin();
    let default = source.fees();
    let fees = Memo::new(move |_| state.scenario.with(|s| s.raw().revenue.fees));
    let pct = Signal::derive(move || range_text(fees.get().pct));
    let fixed = Signal::derive(move || range_text(fees.get().fixed_usd));
    let commit_pct = Callback::new(move |t: String| {
        let r = limits::FEE_PCT.parse(&t)?;
        state.apply(|raw| raw.set_fee_pct(r))
    });
    let commit_fixed = Callback::new(move |t: String| {
        let r = limits::FEE_FIXED_USD.parse(&t)?;
        state.apply(|raw| raw.set_fee_fixed(r))
    });
    let none = move |_| {
        let _ = state.edit(|raw| raw.set_fees(PaymentFees::default()));
    };
    let standard = move |_| {
        let _ = state.edit(|raw| raw.use_default_fees());
    };
    let rate = format!(
        "{}% + {}",
        crate::model::format::number(source.pct, 2),
        usd_cents(source.fixed_usd)
    );
    let said = format!("{}: {rate} a charge", source.name);
    let stale = crate::model::date::Date::parse(&source.checked)
        .is_none_or(|d| crate::model::date::is_stale(d, super::today()));
    let checked = format!(
        " · checked {}{}",
        source.checked,
        if stale { ", check this rate" } else { "" }
    );
    let url = source.source_url.clone();
    let title = source.source_title.clone();
    view! {
        <fieldset class="fees">
            <legend>"Card fees"</legend>
            <div class="row">
                <TextField label="Per charge" hint="%" testid="revenue-fee-pct" value=pct on_commit=commit_pct/>
                <TextField label="Plus" hint="$ a charge" testid="revenue-fee-fixed" value=fixed on_commit=commit_fixed/>
            </div>
            <p class="hint" data-testid="revenue-fee-source">
                {move || if fees.get() == default { "Set to " } else { "A common rate is " }}
                {said} " (" <a href=url target="_blank" rel="noopener">{title} " ↗"</a> {checked} ")."
            </p>
            <button type="button" class="link" data-testid="revenue-fee-none" on:click=none>"No fees"</button>
            " · "
            <button type="button" class="link" data-testid="revenue-fee-default" on:click=standard>{format!("Use {rate}")}</button>
        </fieldset>
    }
}

/// The cash in the bank now and a raise later: what the runway is counted from.
#[component]
fn CashFields() -> impl IntoView {
    let state = expect_state();
    let raw = move |f: fn(&crate::model::RawScenario) -> Option<f64>| {
        Signal::derive(move || {
            state
                .scenario
                .with(|s| f(s.raw()).map_or_else(String::new, |v| range_text(Range::exact(v))))
        })
    };
    let cash = raw(|r| r.cash_usd);
    let raise = raw(|r| r.raise.map(|r| r.usd));
    let month = raw(|r| r.raise.map(|r| f64::from(r.month)));
    let commit_cash = Callback::new(move |t: String| {
        let v = limits::CASH_USD.parse_blank(&t)?;
        state.apply(|raw| raw.set_cash(v))
    });
    let commit_raise = Callback::new(move |t: String| {
        let v = limits::CASH_USD.parse_blank(&t)?;
        state.apply(|raw| raw.set_raise_amount(v))
    });
    let commit_month = Callback::new(move |t: String| {
        let v = limits::RAISE_MONTH.parse_one(&t)?;
        state.apply(|raw| raw.set_raise_month(v))
    });
    view! {
        <fieldset class="cash">
            <legend>"Cash and runway"</legend>
            <div class="row">
                <TextField label="Cash in the bank" hint="$ now" testid="cash-in-bank" value=cash on_commit=commit_cash/>
                <TextField label="A raise" hint="$, blank for none" testid="raise-usd" value=raise on_commit=commit_raise/>
                <Show when=move || !raise.with(String::is_empty)>
                    <TextField label="Arrives in" hint="month" inputmode="numeric" testid="raise-month" value=month on_commit=commit_month/>
                </Show>
            </div>
            {move || cash.with(String::is_empty).then(|| view! {
                <p class="hint" data-testid="runway-hint">"Enter the cash in the bank to see the runway."</p>
            })}
        </fieldset>
    }
}

/// A fixed fee in words: `$0.30`.
fn usd_cents(v: f64) -> String {
    format!("${v:.2}")
}

#[component]
fn PlanRow(index: usize) -> impl IntoView {
    let state = expect_state();
    let item = move || {
        state
            .scenario
            .with(|s| s.raw().revenue.plans.get(index).cloned())
    };
    let name = Signal::derive(move || item().map(|p| p.name).unwrap_or_default());
    let share = Signal::derive(move || item().map_or(String::new(), |p| range_text(p.share_pct)));
    let price = Signal::derive(move || item().map_or(String::new(), |p| range_text(p.price_usd)));
    let annual = Memo::new(move |_| item().is_some_and(|p| p.billing == Billing::Annual));
    let commit_name = Callback::new(move |t: String| state.apply(|raw| raw.rename_plan(index, &t)));
    let commit_share = Callback::new(move |t: String| {
        let r = limits::SHARE_PCT.parse(&t)?;
        state.apply(|raw| raw.set_plan_share(index, r))
    });
    let commit_price = Callback::new(move |t: String| {
        let r = limits::REVENUE_PRICE_USD.parse(&t)?;
        state.apply(|raw| raw.set_plan_price(index, r))
    });
    let on_billing = move |ev| {
        let b = if event_target_value(&ev) == "annual" {
            Billing::Annual
        } else {
            Billing::Monthly
        };
        let _ = state.apply(|raw| raw.set_plan_billing(index, b));
    };
    let remove = move |_| {
        let _ = state.apply(|raw| raw.remove_plan(index));
    };
    let per = Signal::derive(move || {
        if annual.get() {
            "$ / year".to_string()
        } else {
            "$ / month".to_string()
        }
    });
    let testid = format!("plan-{index}");
    view! {
        <div class="plan-row">
            <TextField label="Plan" testid=format!("{testid}-name") value=name on_commit=commit_name inputmode="text"/>
            <TextField label="Share" hint="% paying" testid=format!("{testid}-share") value=share on_commit=commit_share/>
            <TextField label="Price" hint=per testid=format!("{testid}-price") value=price on_commit=commit_price/>
            <div class="field">
                <label for=format!("{testid}-billing")>"Billed"</label>
                <select id=format!("{testid}-billing") data-testid=format!("{testid}-billing") on:change=on_billing>
                    <option value="monthly" selected=move || !annual.get()>"monthly"</option>
                    <option value="annual" selected=move || annual.get()>"yearly"</option>
                </select>
            </div>
            <button type="button" class="icon" data-testid=format!("{testid}-remove") aria-label=move || format!("Remove {}", name.get()) on:click=remove>"×"</button>
        </div>
    }
}

/// One cost beside infrastructure, running or one-time: what it is for, its amount, and a
/// button that removes it. Its fields are `running-<n>-…` or `one-time-<n>-…`.
#[component]
fn CostRow(
    /// Which list it is in.
    list: CostList,
    /// Its place in that list.
    index: usize,
) -> impl IntoView {
    let state = expect_state();
    let item = move || {
        state.scenario.with(|s| {
            let raw = s.raw();
            match list {
                CostList::Running => raw
                    .running_costs
                    .get(index)
                    .map(|c| (c.name.clone(), c.usd_per_month)),
                CostList::OneTime => raw
                    .one_time_costs
                    .get(index)
                    .map(|c| (c.name.clone(), c.usd)),
            }
        })
    };
    let name = Signal::derive(move || item().map(|c| c.0).unwrap_or_default());
    let amount = Signal::derive(move || item().map_or(String::new(), |c| range_text(c.1)));
    let commit_name =
        Callback::new(move |t: String| state.apply(|raw| raw.rename_cost(list, index, &t)));
    let limit = match list {
        CostList::Running => &limits::RUNNING_USD,
        CostList::OneTime => &limits::ONE_TIME_USD,
    };
    let commit_amount = Callback::new(move |t: String| {
        let r = limit.parse(&t)?;
        state.apply(|raw| raw.set_cost(list, index, r))
    });
    let remove = move |_| {
        let _ = state.apply(|raw| raw.remove_cost(list, index));
    };
    let (testid, hint) = match list {
        CostList::Running => (format!("running-{index}"), "$ / month"),
        CostList::OneTime => (format!("one-time-{index}"), "$"),
    };
    view! {
        <div class="one-time-row">
            <TextField label="What" testid=format!("{testid}-name") value=name on_commit=commit_name inputmode="text"/>
            <TextField label="Amount" hint=hint testid=format!("{testid}-usd") value=amount on_commit=commit_amount/>
            <button type="button" class="icon" data-testid=format!("{testid}-remove") aria-label=move || format!("Remove {}", name.get()) on:click=remove>"×"</button>
        </div>
    }
}
