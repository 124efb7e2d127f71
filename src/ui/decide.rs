//! Deciding: what it would take to break even, which assumption matters most (a tornado
//! chart), and the upgrade plan as text to copy, download and print.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;

use super::charts::{Area, ChartCanvas};
use super::fields::TextField;
use super::{catalogue, expect_state, AppState};
use crate::charts::{draw_tornado, Theme, TornadoChart};
use crate::model::format::count;
use crate::model::goal_seek::{self, Lever};
use crate::model::input::range_text;
use crate::model::sensitivity::{Answer, Pass, Sensitivity};
use crate::model::{limits, plan, Range};

/// The longest a sensitivity pass runs in one turn of the event loop, in milliseconds, so
/// that a frame is never held up for long.
const SLICE_MS: f64 = 8.0;

fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// The sensitivity pass of the scenario at the settled users, run a slice at a time after
/// the inputs settle; the last finished pass stays while a new one runs.
#[derive(Clone, Copy)]
struct Pending {
    /// The last finished pass.
    done: RwSignal<Option<Sensitivity>>,
    /// True while a pass for newer inputs is under way.
    working: RwSignal<bool>,
}

fn run_slices(pass: Rc<RefCell<Option<Pass>>>, run: u64, current: StoredValue<u64>, p: Pending) {
    set_timeout(
        move || {
            if current.get_value() != run {
                return;
            }
            let start = now_ms();
            loop {
                let finished = pass
                    .borrow_mut()
                    .as_mut()
                    .is_none_or(|x| x.step(catalogue()));
                if finished {
                    if let Some(x) = pass.borrow_mut().take() {
                        p.done.set(Some(x.finish()));
                    }
                    p.working.set(false);
                    return;
                }
                if now_ms() - start > SLICE_MS {
                    break;
                }
            }
            run_slices(pass, run, current, p);
        },
        std::time::Duration::ZERO,
    );
}

fn sensitivity_when_settled(state: AppState) -> Pending {
    let p = Pending {
        done: RwSignal::new(None),
        working: RwSignal::new(true),
    };
    let users = state.settled_users;
    let current = StoredValue::new(0u64);
    Effect::new(move |_| {
        let mut raw = state.scenario.with(|s| s.raw().clone());
        raw.users.now = users.get();
        let run = current.get_value() + 1;
        current.set_value(run);
        p.working.set(true);
        // Started on the next turn, so that a burst of edits starts one pass.
        set_timeout(
            move || {
                if current.get_value() == run {
                    let pass = Rc::new(RefCell::new(Some(Pass::new(&raw, catalogue()))));
                    run_slices(pass, run, current, p);
                }
            },
            std::time::Duration::ZERO,
        );
    });
    p
}

/// What it takes to break even, the tornado and the plan.
#[component]
pub fn DecidePanel() -> impl IntoView {
    let state = expect_state();
    let pending = sensitivity_when_settled(state);
    let answer = RwSignal::new(Answer::HorizonProfit);
    view! {
        <section class="panel decide" aria-labelledby="decide-title" data-testid="decide">
            <h2 id="decide-title">"Decide"</h2>
            <GoalSeek/>
            <Tornado pending=pending answer=answer/>
            <PlanText pending=pending answer=answer/>
        </section>
    }
}

/// The lowest price or conversion that breaks even at a number of users.
#[component]
fn GoalSeek() -> impl IntoView {
    let state = expect_state();
    let at = RwSignal::new(None::<f64>);
    let lever = RwSignal::new(Lever::Price);
    let users = Memo::new(move |_| at.get().unwrap_or_else(|| state.settled_users.get()));
    let value = Signal::derive(move || {
        at.get()
            .map_or_else(String::new, |v| range_text(Range::exact(v)))
    });
    let commit = Callback::new(move |t: String| {
        at.set(limits::USERS.parse_blank(&t)?);
        Ok(())
    });
    let answer = Memo::new(move |_| {
        let u = users.get();
        let l = lever.get();
        let sought = match l {
            Lever::Price => state.model.with(|m| goal_seek::break_even_price(m, u)),
            Lever::Conversion | Lever::ConversionOfActive => state
                .scenario
                .with(|s| goal_seek::break_even_conversion(s.raw(), catalogue(), u)),
        };
        let of_active = state.scenario.with(|s| {
            s.raw().revenue.conversion_of == crate::model::revenue::ConversionBase::ActiveUsers
        });
        let words = match l {
            Lever::Price => Lever::Price,
            _ if of_active => Lever::ConversionOfActive,
            _ => Lever::Conversion,
        };
        goal_seek::describe(words, &sought)
    });
    let on_lever = move |ev| {
        lever.set(if event_target_value(&ev) == "conversion" {
            Lever::Conversion
        } else {
            Lever::Price
        });
    };
    view! {
        <h3>"What it takes to break even"</h3>
        <div class="row">
            <TextField label="At" hint="users, blank for now" testid="seek-users" value=value on_commit=commit/>
            <div class="field">
                <label for="seek-lever">"Solve for"</label>
                <select id="seek-lever" data-testid="seek-lever" on:change=on_lever>
                    <option value="price">"the lowest price"</option>
                    <option value="conversion">"the lowest conversion"</option>
                </select>
            </div>
        </div>
        <p class="seek-answer" data-testid="seek-answer" aria-live="polite">
            {move || format!(
                "The lowest {} at which revenue after card fees covers the infrastructure at {} users: {}.",
                if lever.get() == Lever::Price { "average price" } else { "conversion" },
                count(users.get()),
                answer.get()
            )}
        </p>
    }
}

/// Which assumption moves an answer most: the tornado chart and its bars in words.
#[component]
fn Tornado(
    /// The sensitivity pass.
    pending: Pending,
    /// The answer shown.
    answer: RwSignal<Answer>,
) -> impl IntoView {
    let chart = Memo::new(move |_| {
        let a = answer.get();
        pending
            .done
            .with(|p| p.as_ref().and_then(|p| TornadoChart::from_pass(p, a)))
    });
    let draw = Callback::new(move |(root, theme): (Area, Theme)| {
        chart.with(|c| c.as_ref().and_then(|c| draw_tornado(&root, c, &theme).ok()))
    });
    let bars = Memo::new(move |_| {
        let a = answer.get();
        pending.done.with(|p| {
            p.as_ref().and_then(|p| {
                let t = p.of(a)?;
                Some(
                    t.bars
                        .iter()
                        .take(crate::charts::TORNADO_BARS)
                        .map(|b| {
                            format!(
                                "{}{}: {} to {}, a swing of {}",
                                b.label,
                                if b.assumed { ", ±20%" } else { "" },
                                a.words(b.at_low, p.horizon_months),
                                a.words(b.at_high, p.horizon_months),
                                a.swing_words(b.swing)
                            )
                        })
                        .collect::<Vec<_>>(),
                )
            })
        })
    });
    let note = move || {
        let a = answer.get();
        pending.done.with(|p| match p {
            None => "Working out which assumption matters most…".to_string(),
            Some(p) if p.of(a).is_none() => {
                "Enter the cash in the bank, under Revenue, to see what moves the runway.".to_string()
            }
            Some(p) if bars.with(|b| b.as_ref().is_some_and(Vec::is_empty)) => format!(
                "None of the {} assumptions moves the {}.",
                p.moved,
                a.label().to_lowercase()
            ),
            Some(p) => format!(
                "{} assumptions, each moved on its own from its low to its high end with the others at the middle of theirs; {} have no range and were moved by ±20%. Read in the worst case.",
                p.moved, p.assumed
            ),
        })
    };
    let on_answer = move |ev| {
        let v = event_target_value(&ev);
        if let Some(a) = Answer::ALL.into_iter().find(|a| a.label() == v) {
            answer.set(a);
        }
    };
    view! {
        <h3>"Which assumption matters most"</h3>
        <div class="field">
            <label for="tornado-answer">"For"</label>
            <select id="tornado-answer" data-testid="tornado-answer" on:change=on_answer>
                {Answer::ALL.into_iter().map(|a| view! {
                    <option value=a.label() selected=move || answer.get() == a>{a.label()}</option>
                }).collect_view()}
            </select>
        </div>
        <p class="hint" data-testid="tornado-note" class:working=move || pending.working.get()>{note}</p>
        <Show when=move || chart.with(Option::is_some)>
            <figure>
                <ChartCanvas testid="chart-tornado" height=260 draw=draw
                    label=Signal::derive(move || format!("Tornado chart: how far each assumption moves the {}", answer.get().label().to_lowercase()))/>
            </figure>
        </Show>
        <ol class="tornado-bars" data-testid="tornado-bars">
            {move || bars.get().unwrap_or_default().into_iter().map(|b| view! { <li>{b}</li> }).collect_view()}
        </ol>
    }
}

/// The plan as Markdown, with buttons to copy and download it; printed with the report.
#[component]
fn PlanText(
    /// The sensitivity pass, for the assumptions that matter most.
    pending: Pending,
    /// The answer they are ranked by.
    answer: RwSignal<Answer>,
) -> impl IntoView {
    let state = expect_state();
    let work_out = move || {
        let m = state.model.read();
        let t = state.timeline.read();
        let a = answer.get();
        // While a pass for newer inputs runs, the last one is of other inputs: the plan says
        // the assumptions are still being worked out rather than list stale ones.
        let fresh = !pending.working.get();
        state.break_even.with(|r| {
            pending
                .done
                .with(|p| plan::markdown(&m, &t, r, p.as_ref().filter(|_| fresh).map(|p| (p, a))))
        })
    };
    // The plan on the page follows a drag of the users once it settles: it starts from the
    // users now, and writing it again at every step would rewrite a page of text no one
    // reads mid-drag. Copying or downloading it works it out as it stands at that moment.
    let text = Memo::new(move |last: Option<&String>| {
        if let Some(last) = last.filter(|_| state.settling()) {
            return last.clone();
        }
        work_out()
    });
    let status = RwSignal::new(String::new());
    let copy = move |_| {
        let promise = window()
            .navigator()
            .clipboard()
            .write_text(&untrack(work_out));
        wasm_bindgen_futures::spawn_local(async move {
            status.set(match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => "Plan copied.".into(),
                Err(_) => {
                    "The browser did not allow copying; select the plan below and copy it by hand."
                        .into()
                }
            });
        });
    };
    let download = move |_| {
        let name = state
            .scenario
            .with(|s| crate::model::export::file_stem(&s.raw().name));
        if let Err(e) = super::files::download_text(
            &untrack(work_out),
            &format!("{name}-plan.md"),
            "text/markdown",
        ) {
            status.set(format!("Could not download the plan: {e}."));
        }
    };
    view! {
        <h3>"The plan"</h3>
        <div class="buttons">
            <button type="button" data-testid="copy-plan" on:click=copy>"Copy plan"</button>
            " "
            <button type="button" class="secondary" data-testid="download-plan" on:click=download>"Download plan"</button>
            <span class="hint" role="status" data-testid="plan-status">{move || status.get()}</span>
        </div>
        <pre class="plan-text" data-testid="plan-text">{move || text.get()}</pre>
    }
}
