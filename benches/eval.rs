//! Prints how long one full evaluation takes natively: compiling a scenario, its timeline,
//! and a 512-point user sweep, for every built-in preset; and, beside it, how long the cost
//! and revenue charts take to sample the model when the scenario changes, and break-even in
//! both cases with and without the running costs; and how long one full sensitivity pass
//! (every assumption to both ends, four answers each) takes. It prints; it asserts nothing.
//! Run with `cargo bench --bench eval`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use headroom::charts::{x_max_for, CostChart, RevenueChart, POINTS};
use headroom::model::presets::{self, PRESETS};
use headroom::model::sensitivity::sensitivity;
use headroom::model::sweep::sweep;
use headroom::model::timeline::users_at;
use headroom::model::{break_even, Catalogue, Model, Timeline};

fn per_run(mut f: impl FnMut()) -> Duration {
    // Warm up, then run for at least half a second.
    for _ in 0..20 {
        f();
    }
    let start = Instant::now();
    let mut runs = 0u32;
    while start.elapsed() < Duration::from_millis(500) {
        f();
        runs += 1;
    }
    start.elapsed() / runs
}

fn main() {
    let cat = Catalogue::builtin();
    println!("one full evaluation = compile + timeline + 512-point sweep (budget 100 µs)");
    for p in PRESETS {
        let scenario = presets::load(p.id, &cat).unwrap().unwrap();
        let max = scenario.raw().users.now.max(10.0) * 100.0;
        let full = per_run(|| {
            let m = Model::new(black_box(&scenario), &cat);
            black_box(Timeline::new(&m));
            black_box(sweep(&m, max, 512));
        });
        let compile = per_run(|| {
            black_box(Model::new(black_box(&scenario), &cat));
        });
        // A model keeps the user counts where its configuration changes once it has found
        // them, so the timeline is timed on a model compiled afresh, less the compiling.
        let timeline = per_run(|| {
            let m = Model::new(black_box(&scenario), &cat);
            black_box(Timeline::new(&m));
        })
        .saturating_sub(compile);
        // Break-even in both cases, on infrastructure alone and after the running costs, as
        // the answers show it after every edit.
        let break_even = per_run(|| {
            let m = Model::new(black_box(&scenario), &cat);
            black_box(break_even::break_even(&m));
            black_box(break_even::break_even_after_running(&m));
        })
        .saturating_sub(compile);
        let m = Model::new(&scenario, &cat);
        let sweeping = per_run(|| {
            black_box(sweep(black_box(&m), max, 512));
        });
        let users = scenario.raw().users.now;
        let snap = per_run(|| {
            black_box(m.snapshot(black_box(users)));
        });
        // The page's users axis for this scenario, and its charts.
        let horizon = scenario.raw().users.horizon_months as f64;
        let x_axis = x_max_for(users, users_at(&m, horizon));
        let charts = per_run(|| {
            let m = Model::new(black_box(&scenario), &cat);
            let cost = CostChart::from_model(&m, f64::NAN, x_axis, POINTS);
            black_box(RevenueChart::at_counts(
                &m,
                cost.users.clone(),
                f64::NAN,
                x_axis,
            ));
            black_box(cost);
        })
        .saturating_sub(compile);
        let us = |d: Duration| d.as_secs_f64() * 1e6;
        println!(
            "  {:<22} full {:>7.1} µs  (compile {:>6.1}, timeline {:>6.1}, sweep {:>6.1})   one snapshot {:>5.2} µs   chart data {:>7.1} µs   break-even {:>7.1} µs",
            p.id,
            us(full),
            us(compile),
            us(timeline),
            us(sweeping),
            us(snap),
            us(charts),
            us(break_even)
        );
    }
    println!("one full sensitivity pass = every assumption at both ends, four answers each");
    for p in PRESETS {
        let scenario = presets::load(p.id, &cat).unwrap().unwrap();
        let mut raw = scenario.raw().clone();
        raw.cash_usd = Some(50_000.0);
        let once = Instant::now();
        let pass = sensitivity(&raw, &cat);
        let first = once.elapsed();
        let start = Instant::now();
        let mut runs = 0u32;
        while start.elapsed() < Duration::from_millis(500) || runs < 3 {
            black_box(sensitivity(black_box(&raw), &cat));
            runs += 1;
        }
        let each = start.elapsed() / runs;
        println!(
            "  {:<22} {:>8.2} ms a pass ({} assumptions moved, {} by ±20%; first pass {:.2} ms)",
            p.id,
            each.as_secs_f64() * 1e3,
            pass.moved,
            pass.assumed,
            first.as_secs_f64() * 1e3
        );
    }
}
