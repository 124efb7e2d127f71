//! Users now (a log-scale slider with a typed input beside it) and their growth over months.

use leptos::prelude::*;

use super::expect_state;
use super::fields::TextField;
use crate::model::format;
use crate::model::input::{parse_range, parse_users, slider_position, slider_users, SLIDER_STEPS};
use crate::model::limits;
use crate::model::scenario::{Growth, Milestone, MAX_HORIZON_MONTHS, MAX_USERS};

/// The user count as a log-scale slider (arrow keys move it) and a typed number.
#[component]
pub fn UserSlider() -> impl IntoView {
    let state = expect_state();
    // The slider keeps its own position while it moves, so that rounding the users to
    // readable numbers does not pull the thumb back a step.
    let position = RwSignal::new(slider_position(state.users.get_untracked()));
    let on_slide = move |ev| {
        if let Ok(p) = event_target_value(&ev).parse::<f64>() {
            position.set(p);
            state.users.set(slider_users(p));
        }
    };
    let shown_position = move || {
        let u = state.users.get();
        let p = position.get();
        if slider_users(p) == u {
            p
        } else {
            slider_position(u)
        }
    };
    let text = Signal::derive(move || format::count(state.users.get()));
    let commit = Callback::new(move |t: String| {
        let v = parse_users(&t)?;
        state.users.set(v);
        Ok(())
    });
    view! {
        <div class="users">
            <label for="users-slider" class="visually-hidden">"Users, on a scale from 1 to 100 million"</label>
            <input
                id="users-slider"
                data-testid="users-slider"
                class="slider"
                type="range"
                min="0"
                max=SLIDER_STEPS.to_string()
                step="1"
                prop:value=move || shown_position().to_string()
                aria-valuetext=move || format!("{} users", format::count(state.users.get()))
                on:input=on_slide
            />
            <div class="slider-scale" aria-hidden="true">
                <span>"1"</span><span>"100"</span><span>"10K"</span><span>"1M"</span><span>"100M"</span>
            </div>
            <TextField label="Users now" testid="users-input" value=text on_commit=commit inputmode="numeric"/>
        </div>
    }
}

/// The user count alone, as a typed number (used where there is no room for the slider).
#[component]
pub fn UserInput() -> impl IntoView {
    let state = expect_state();
    let text = Signal::derive(move || format::count(state.users.get()));
    let commit = Callback::new(move |t: String| {
        let v = parse_users(&t)?;
        state.users.set(v);
        Ok(())
    });
    view! { <TextField label="Users now" testid="users-input" value=text on_commit=commit inputmode="numeric"/> }
}

/// Growth over months: a monthly rate or milestones, and the horizon.
#[component]
pub fn GrowthEditor() -> impl IntoView {
    let state = expect_state();
    let is_pct = Memo::new(move |_| {
        state
            .scenario
            .with(|s| matches!(s.raw().users.growth, Growth::MonthlyPct { .. }))
    });
    let on_kind = move |ev| {
        let kind = event_target_value(&ev);
        let users = state.users.get_untracked();
        let _ = state.edit(|raw| {
            raw.users.growth = if kind == "milestones" {
                let h = raw.users.horizon_months as f64;
                Growth::Milestones {
                    points: vec![Milestone {
                        month: h,
                        users: (users * 10.0).clamp(10.0, MAX_USERS),
                    }],
                }
            } else {
                Growth::MonthlyPct {
                    pct_per_month: 10.0,
                }
            };
        });
    };
    let pct_text = Signal::derive(move || {
        state.scenario.with(|s| match &s.raw().users.growth {
            Growth::MonthlyPct { pct_per_month } => format::number(*pct_per_month, 2),
            Growth::Milestones { .. } => String::new(),
        })
    });
    let commit_pct = Callback::new(move |t: String| {
        let v = limits::GROWTH_PCT
            .parse_one(&t)
            .map_err(|_| "Enter one growth rate from −100 to 1,000, such as 10.".to_string())?;
        state.apply(|raw| raw.set_growth_pct(v))
    });
    let horizon_text = Signal::derive(move || {
        state
            .scenario
            .with(|s| s.raw().users.horizon_months.to_string())
    });
    let commit_horizon = Callback::new(move |t: String| {
        let v = limits::HORIZON_MONTHS.parse_one(&t).map_err(|_| {
            format!("Enter a whole number of months from 1 to {MAX_HORIZON_MONTHS}.")
        })?;
        state.apply(|raw| raw.set_horizon(v))
    });
    let active_text = Signal::derive(move || {
        state
            .scenario
            .with(|s| crate::model::input::range_text(s.raw().users.active_share_pct))
    });
    let commit_active = Callback::new(move |t: String| {
        let r = limits::SHARE_PCT.parse(&t)?;
        state.apply(|raw| raw.set_active_share(r))
    });
    let concurrent_text = Signal::derive(move || {
        state
            .scenario
            .with(|s| crate::model::input::range_text(s.raw().users.concurrent_share_pct))
    });
    let commit_concurrent = Callback::new(move |t: String| {
        let r = limits::SHARE_PCT.parse(&t)?;
        state.apply(|raw| raw.set_concurrent_share(r))
    });
    view! {
        <div class="growth">
            <div class="field">
                <label for="growth-kind">"Growth"</label>
                <select id="growth-kind" data-testid="growth-kind" on:change=on_kind>
                    <option value="pct" selected=move || is_pct.get()>"A monthly rate"</option>
                    <option value="milestones" selected=move || !is_pct.get()>"Milestones"</option>
                </select>
            </div>
            <Show
                when=move || is_pct.get()
                fallback=move || view! { <MilestoneEditor/> }
            >
                <TextField label="Growth per month" hint="%" testid="growth-pct" value=pct_text on_commit=commit_pct/>
            </Show>
            <TextField label="Look ahead" hint="months" testid="horizon-months" value=horizon_text on_commit=commit_horizon inputmode="numeric"/>
            <TextField label="Active in a month" hint="% of users" testid="active-share" value=active_text on_commit=commit_active/>
            <TextField label="Online at the busiest moment" hint="% of active users" testid="concurrent-share" value=concurrent_text on_commit=commit_concurrent/>
        </div>
    }
}

/// The milestones of a milestone growth curve, each editable and removable.
#[component]
fn MilestoneEditor() -> impl IntoView {
    let state = expect_state();
    let count = Memo::new(move |_| {
        state.scenario.with(|s| match &s.raw().users.growth {
            Growth::Milestones { points } => points.len(),
            Growth::MonthlyPct { .. } => 0,
        })
    });
    let add = move |_| {
        let _ = state.edit(|raw| {
            if let Growth::Milestones { points } = &mut raw.users.growth {
                let (m, u) = points
                    .last()
                    .map_or((1.0, 100.0), |p| (p.month + 1.0, p.users * 2.0));
                points.push(Milestone {
                    month: m.min(MAX_HORIZON_MONTHS as f64),
                    users: u.min(MAX_USERS),
                });
                raw.users.horizon_months = raw.users.horizon_months.max(m as u32);
            }
        });
    };
    view! {
        <fieldset class="milestones">
            <legend>"Milestones"</legend>
            <For each=move || 0..count.get() key=|i| *i let:i>
                <MilestoneRow index=i/>
            </For>
            <button type="button" class="secondary" data-testid="add-milestone" on:click=add>"Add a milestone"</button>
        </fieldset>
    }
}

#[component]
fn MilestoneRow(index: usize) -> impl IntoView {
    let state = expect_state();
    let point = move || {
        state.scenario.with(|s| match &s.raw().users.growth {
            Growth::Milestones { points } => points.get(index).cloned(),
            Growth::MonthlyPct { .. } => None,
        })
    };
    let month_text =
        Signal::derive(move || point().map_or(String::new(), |p| format::number(p.month, 2)));
    let users_text =
        Signal::derive(move || point().map_or(String::new(), |p| format::count(p.users)));
    let set = move |f: Box<dyn FnOnce(&mut Milestone)>| {
        state
            .edit(|raw| {
                if let Growth::Milestones { points } = &mut raw.users.growth {
                    if let Some(p) = points.get_mut(index) {
                        f(p);
                    }
                }
            })
            .map_err(|e| e.to_string())
    };
    let commit_month = Callback::new(move |t: String| {
        let r = parse_range(&t, 0.0, MAX_HORIZON_MONTHS as f64)?;
        set(Box::new(move |p| p.month = r.low))
    });
    let commit_users = Callback::new(move |t: String| {
        let v = parse_users(&t)?;
        set(Box::new(move |p| p.users = v))
    });
    let remove = move |_| {
        let _ = state.edit(|raw| {
            if let Growth::Milestones { points } = &mut raw.users.growth {
                if points.len() > 1 && index < points.len() {
                    points.remove(index);
                }
            }
        });
    };
    view! {
        <div class="milestone">
            <TextField label="Month" testid=format!("milestone-{index}-month") value=month_text on_commit=commit_month/>
            <TextField label="Users" testid=format!("milestone-{index}-users") value=users_text on_commit=commit_users inputmode="numeric"/>
            <button type="button" class="icon" aria-label=format!("Remove milestone {}", index + 1) on:click=remove>"×"</button>
        </div>
    }
}
