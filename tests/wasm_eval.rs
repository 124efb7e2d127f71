//! The model benchmark in WebAssembly, in headless Chromium: how long one full evaluation
//! (compile, timeline, 512-point sweep) takes for every built-in preset, the same workload
//! as `benches/eval.rs` measures natively (`scripts/bench` prints one after the other). It checks only that every preset evaluates to
//! finite figures; the times are printed, never asserted. `scripts/bench` runs it with
//! `cargo test --release --target wasm32-unknown-unknown --test wasm_eval -- --nocapture`.
#![cfg(target_arch = "wasm32")]

use std::hint::black_box;

use headroom::model::presets::{self, PRESETS};
use headroom::model::sensitivity::sensitivity;
use headroom::model::sweep::sweep;
use headroom::model::{Catalogue, Model, Timeline};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Mean time per run in microseconds, over at least 300 ms after a warm-up.
fn per_run_us(mut f: impl FnMut()) -> f64 {
    for _ in 0..20 {
        f();
    }
    let start = now_ms();
    let mut runs = 0u32;
    while now_ms() - start < 300.0 {
        f();
        runs += 1;
    }
    (now_ms() - start) * 1000.0 / f64::from(runs.max(1))
}

#[wasm_bindgen_test]
fn one_full_evaluation_per_preset() {
    let cat = Catalogue::builtin();
    console_log!("one full evaluation in wasm = compile + timeline + 512-point sweep (budget 100 µs natively)");
    for p in PRESETS {
        let scenario = presets::load(p.id, &cat).unwrap().unwrap();
        let max = scenario.raw().users.now.max(10.0) * 100.0;
        let m = Model::new(&scenario, &cat);
        let points = sweep(&m, max, 512);
        assert!(
            points
                .iter()
                .all(|q| q.cost_usd.iter().all(|c| c.is_finite())),
            "{}",
            p.id
        );
        let full = per_run_us(|| {
            let m = Model::new(black_box(&scenario), &cat);
            black_box(Timeline::new(&m));
            black_box(sweep(&m, max, 512));
        });
        let snap = per_run_us(|| {
            black_box(m.snapshot(black_box(scenario.raw().users.now)));
        });
        console_log!(
            "  {:<22} full {:>8.1} µs   one snapshot {:>6.2} µs",
            p.id,
            full,
            snap
        );
    }
}

#[wasm_bindgen_test]
fn one_sensitivity_pass_per_preset() {
    let cat = Catalogue::builtin();
    console_log!(
        "one full sensitivity pass in wasm = every assumption at both ends, four answers each"
    );
    for p in PRESETS {
        let scenario = presets::load(p.id, &cat).unwrap().unwrap();
        let mut raw = scenario.raw().clone();
        raw.cash_usd = Some(50_000.0);
        let pass = sensitivity(&raw, &cat);
        assert!(pass.moved > 0 && pass.tornadoes.len() == 4, "{}", p.id);
        let start = now_ms();
        let mut runs = 0u32;
        while now_ms() - start < 300.0 || runs < 2 {
            black_box(sensitivity(black_box(&raw), &cat));
            runs += 1;
        }
        console_log!(
            "  {:<22} {:>8.2} ms a pass ({} assumptions moved)",
            p.id,
            (now_ms() - start) / f64::from(runs),
            pass.moved
        );
    }
}
