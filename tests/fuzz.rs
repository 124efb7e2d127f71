//! A bounded fuzz run over every decoder that reads outside input: scenario files, links,
//! stored data and typed numbers. Seeds are the presets, and lists just over their caps;
//! each case mutates one (flipped, cut, repeated or spliced bytes, hostile tokens,
//! %-encoding, now and then a piece repeated thousands of times) and feeds it to every
//! decoder. A panic fails the run; every refusal must carry a message. It prints its counts
//! and how long it took. Each case draws from its own generator, seeded by its number, so a
//! failure repeats whatever the number of threads. `FUZZ_CASES=1000000 cargo test --release
//! --test fuzz` runs longer (`scripts/fuzz` does).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use headroom::model::input::{parse_range, parse_users};
use headroom::model::presets::PRESETS;
use headroom::model::{share, storage, Catalogue, Model, Scenario, Timeline};

/// Cases tried when `FUZZ_CASES` is not set.
const DEFAULT_CASES: u64 = 20_000;

const TOKENS: &[&str] = &[
    "1e308",
    "-1e308",
    "NaN",
    "Infinity",
    "-0",
    "-1",
    "0",
    "null",
    "true",
    "[]",
    "{}",
    "\"\"",
    "\"x\"",
    "[1,2]",
    "[2,1]",
    "1e-320",
    "99999999999999999999999",
    "\"<script>alert(1)</script>\"",
    "\u{202e}",
    "\u{0}",
    "%",
    "%25",
    "#",
    "&",
    "=",
    "s=1.",
    "p=",
    "[[[[[[[[",
    "{\"a\":",
];

/// A small deterministic generator, so that a failure repeats.
struct Rng(u64);

impl Rng {
    /// The generator of case `case`: its number through splitmix64, never zero.
    fn for_case(case: u64) -> Rng {
        let mut z = case.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn mutate(rng: &mut Rng, seed: &str) -> String {
    let mut b: Vec<u8> = seed.as_bytes().to_vec();
    for _ in 0..=rng.below(3) {
        let len = b.len();
        match rng.below(7) {
            0 if len > 0 => {
                let i = rng.below(len);
                b[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                let j = (i + rng.below(64)).min(len);
                b.drain(i..j);
            }
            2 if len > 0 => b.truncate(rng.below(len)),
            3 if len > 0 => {
                let i = rng.below(len);
                let j = (i + rng.below(32)).min(len);
                let piece = b[i..j].to_vec();
                let at = rng.below(b.len());
                b.splice(at..at, piece);
            }
            4 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let at = rng.below(b.len() + 1);
                b.splice(at..at, t.iter().copied());
            }
            5 => {
                // Replace a number with a hostile token.
                if let Some(pos) = (0..len)
                    .map(|_| rng.below(len.max(1)))
                    .find(|&i| b.get(i).is_some_and(u8::is_ascii_digit))
                {
                    let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                    let end = (pos..len)
                        .find(|&k| !b[k].is_ascii_digit() && b[k] != b'.')
                        .unwrap_or(len);
                    b.splice(pos..end, t.iter().copied());
                }
            }
            _ => {
                let at = rng.below(len + 1);
                b.insert(at, rng.below(256) as u8);
            }
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

/// A piece of `seed` repeated hundreds or thousands of times where it was: a list of
/// thousands of entries, or thousands of one wrong character.
fn flood(rng: &mut Rng, seed: &str) -> String {
    let b = seed.as_bytes();
    let i = rng.below(b.len());
    let j = (i + 1 + rng.below(80)).min(b.len());
    let times = 100 + rng.below(3000);
    let mut out = Vec::with_capacity(b.len() + (j - i) * times);
    out.extend_from_slice(&b[..j]);
    for _ in 0..times {
        out.extend_from_slice(&b[i..j]);
    }
    out.extend_from_slice(&b[j..]);
    String::from_utf8_lossy(&out).into_owned()
}

/// The blank scenario with one of its lists just over its cap: seeds whose mutations land
/// on either side of it.
fn over_caps() -> Vec<String> {
    let blank = PRESETS.iter().find(|p| p.id == "blank").unwrap().json;
    let base: serde_json::Value = serde_json::from_str(blank).unwrap();
    let lists = [
        (
            "/components/0/demand",
            base["components"][0]["demand"][0].clone(),
            33,
        ),
        ("/components/0/alert_at_pct", serde_json::json!(90), 17),
        (
            "/one_time_costs",
            serde_json::json!({"name": "Set-up", "usd": 100}),
            33,
        ),
        ("/revenue/what_if_prices_usd", serde_json::json!(12), 17),
    ];
    lists
        .into_iter()
        .map(|(path, item, n)| {
            let mut v = base.clone();
            let (parent, key) = path.rsplit_once('/').unwrap();
            v.pointer_mut(parent).unwrap()[key] = serde_json::Value::Array(vec![item; n]);
            v.to_string()
        })
        .collect()
}

/// What one case's decoders said: how many accepted it, and each refusal's message.
fn run_case(input: &str, cat: &Catalogue) -> (u64, Vec<String>) {
    let mut messages: Vec<String> = Vec::new();
    let mut ok = 0;
    match Scenario::from_json(input, cat) {
        Ok(s) => {
            ok += 1;
            // A scenario that checks must also evaluate.
            let m = Model::new(&s, cat);
            let snap = m.snapshot(s.raw().users.now);
            assert!(snap.cost().low.is_finite());
            let _ = Timeline::new(&m);
        }
        Err(e) => messages.push(e.to_string()),
    }
    match share::decode(input, cat) {
        Ok(_) => ok += 1,
        Err(e) => messages.push(e.to_string()),
    }
    match storage::read_working(input, cat) {
        Ok(_) => ok += 1,
        Err(e) => messages.push(e.to_string()),
    }
    match storage::read_saved(input, cat) {
        Ok(_) => ok += 1,
        Err(e) => messages.push(e.to_string()),
    }
    match storage::read_import(input, cat) {
        Ok(_) => ok += 1,
        Err(e) => messages.push(e),
    }
    match parse_range(input, 0.0, 1e9) {
        Ok(_) => ok += 1,
        Err(e) => messages.push(e),
    }
    match parse_users(input) {
        Ok(_) => ok += 1,
        Err(e) => messages.push(e),
    }
    (ok, messages)
}

fn main() {
    let cases: u64 = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    let cat = Catalogue::builtin();
    let mut seeds: Vec<String> = Vec::new();
    for p in PRESETS {
        seeds.push(p.json.to_string());
        let s = Scenario::from_json(p.json, &cat).expect("presets check");
        seeds.push(share::encode(s.raw(), 1234.0, None, &cat));
        seeds.push(format!("p={}&u=5000", p.id));
        seeds.push(storage::write_working(&storage::Working {
            scenario: s.raw().clone(),
            users: 10.0,
            preset: Some(p.id.into()),
        }));
    }
    seeds.extend(over_caps());
    seeds.push("5–10".into());
    seeds.push("$1,250 - $4,050".into());
    seeds.push("12,5".into());
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8) as u64;
    let [valid, refused, panics, silent] = std::array::from_fn::<_, 4, _>(|_| AtomicU64::new(0));
    let start = Instant::now();
    std::thread::scope(|scope| {
        for t in 0..threads {
            let (seeds, cat) = (&seeds, &cat);
            let (valid, refused, panics, silent) = (&valid, &refused, &panics, &silent);
            scope.spawn(move || {
                for case in (t..cases).step_by(threads as usize) {
                    let mut rng = Rng::for_case(case);
                    let seed = &seeds[rng.below(seeds.len())];
                    let input = if case % 50 == 0 {
                        // Now and then, a link's JSON as a whole file and a file as a link.
                        share::base64url_encode(mutate(&mut rng, seed).as_bytes())
                    } else if case % 200 == 7 {
                        flood(&mut rng, seed)
                    } else {
                        mutate(&mut rng, seed)
                    };
                    match catch_unwind(AssertUnwindSafe(|| run_case(&input, cat))) {
                        Ok((ok, messages)) => {
                            valid.fetch_add(ok, Ordering::Relaxed);
                            refused.fetch_add(messages.len() as u64, Ordering::Relaxed);
                            let quiet = messages.iter().filter(|m| m.trim().is_empty()).count();
                            silent.fetch_add(quiet as u64, Ordering::Relaxed);
                        }
                        Err(_) => {
                            panics.fetch_add(1, Ordering::Relaxed);
                            eprintln!(
                                "fuzz: panic on case {case}: {:?}",
                                input.chars().take(300).collect::<String>()
                            );
                        }
                    }
                }
            });
        }
    });
    let took = start.elapsed().as_secs_f64();
    let [valid, refused, panics, silent] = [valid, refused, panics, silent].map(|n| n.into_inner());
    println!(
        "fuzz: {cases} cases × 7 decoders (scenario file, link, stored working, stored list, imported file, range, users) on {threads} threads in {took:.1} s: {valid} accepted, {refused} refused with a message, {silent} refused without one, {panics} panics"
    );
    if panics > 0 || silent > 0 {
        std::process::exit(1);
    }
}
