//! A bounded fuzz run over every decoder that reads outside input: scenario files, links,
//! stored data and typed numbers. Seeds are the presets; each case mutates one (flipped,
//! cut, repeated or spliced bytes, hostile tokens, %-encoding) and feeds it to every
//! decoder. A panic fails the run; every refusal must carry a message. It prints its counts.
//! `FUZZ_CASES=100000 cargo test --test fuzz` runs longer.

use std::panic::{catch_unwind, AssertUnwindSafe};

use headroom::model::input::{parse_range, parse_users};
use headroom::model::presets::PRESETS;
use headroom::model::{share, storage, Catalogue, Model, Scenario, Timeline};

/// Cases tried when `FUZZ_CASES` is not set.
const DEFAULT_CASES: u64 = 6_000;

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
    seeds.push("5–10".into());
    seeds.push("$1,250 - $4,050".into());
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut valid, mut refused, mut panics, mut silent) = (0u64, 0u64, 0u64, 0u64);
    for case in 0..cases {
        let seed = &seeds[rng.below(seeds.len())];
        let input = if case % 50 == 0 {
            // Now and then, a link's JSON as a whole file and a file as a link.
            share::base64url_encode(mutate(&mut rng, seed).as_bytes())
        } else {
            mutate(&mut rng, seed)
        };
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let mut messages: Vec<String> = Vec::new();
            let mut ok = 0;
            match Scenario::from_json(&input, &cat) {
                Ok(s) => {
                    ok += 1;
                    // A scenario that checks must also evaluate.
                    let m = Model::new(&s, &cat);
                    let snap = m.snapshot(s.raw().users.now);
                    assert!(snap.cost().low.is_finite());
                    let _ = Timeline::new(&m);
                }
                Err(e) => messages.push(e.to_string()),
            }
            match share::decode(&input, &cat) {
                Ok(_) => ok += 1,
                Err(e) => messages.push(e.to_string()),
            }
            match storage::read_working(&input, &cat) {
                Ok(_) => ok += 1,
                Err(e) => messages.push(e.to_string()),
            }
            match storage::read_saved(&input, &cat) {
                Ok(_) => ok += 1,
                Err(e) => messages.push(e.to_string()),
            }
            match parse_range(&input, 0.0, 1e9) {
                Ok(_) => ok += 1,
                Err(e) => messages.push(e),
            }
            match parse_users(&input) {
                Ok(_) => ok += 1,
                Err(e) => messages.push(e),
            }
            (ok, messages)
        }));
        match outcome {
            Ok((ok, messages)) => {
                valid += ok;
                refused += messages.len() as u64;
                silent += messages.iter().filter(|m| m.trim().is_empty()).count() as u64;
            }
            Err(_) => {
                panics += 1;
                eprintln!(
                    "fuzz: panic on case {case}: {:?}",
                    input.chars().take(300).collect::<String>()
                );
            }
        }
    }
    println!(
        "fuzz: {cases} cases × 6 decoders (scenario file, link, stored working, stored list, range, users): {valid} accepted, {refused} refused with a message, {silent} refused without one, {panics} panics"
    );
    if panics > 0 || silent > 0 {
        std::process::exit(1);
    }
}
