//! Links keep opening and get shorter: `#s=1.` links made by the build before compressed
//! links (commit 5552ead) open in this one as the same scenario with the same numbers, and
//! the `#s=2.` links this build writes are shorter for every built-in scenario.
#![cfg(not(target_arch = "wasm32"))]

use headroom::model::share::{self, LinkError, MAX_LINK_JSON_BYTES};
use headroom::model::{deflate, presets, share::base64url_encode, Case, Catalogue, Model};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/links-v1");

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("{DIR}/{name}.link")).unwrap()
}

/// `(best, worst)` monthly totals at 0, 100, 1,000, 10,000 and 100,000 users.
type Totals = [(f64, f64); 5];

/// Each link's name, the users it opens at, and its totals as the build that made the
/// links computed them.
const TOTALS: &[(&str, f64, Totals)] = &[
    (
        "starter-saas",
        1000.0,
        [
            (6.0, 6.0),
            (6.0, 6.0),
            (31.0, 31.0),
            (73.0, 73.0),
            (126.103515625, 126.103515625),
        ],
    ),
    (
        "chatbot-digitalocean",
        100.0,
        [
            (24.0, 24.0),
            (24.0, 24.0),
            (24.0, 24.0),
            (48.0, 96.0),
            (96.0, 96.0),
        ],
    ),
    (
        "titletesterpro",
        10000.0,
        [
            (750.0, 2050.0),
            (750.0, 2050.0),
            (750.0, 4050.0),
            (1250.0, 4050.0),
            (1250.0, 4050.0),
        ],
    ),
    (
        "video-chat-5k",
        5000.0,
        [
            (644.0, 694.0),
            (644.0, 694.0),
            (644.0, 694.0),
            (644.0, 694.0),
            (644.0, 694.0),
        ],
    ),
    (
        // The blank scenario less its host, with GPT-5 mini at a negotiated output rate
        // and a gateway of the founder's own: $15 a month and 12 messages a user, 5,000
        // included, then $0.002–0.003 each.
        "own-stack",
        2500.0,
        [
            (15.0, 15.0),
            (15.39375, 15.39375),
            (39.2375, 47.6375),
            (363.575, 496.175),
            (3606.95, 4981.55),
        ],
    ),
];

#[test]
fn links_of_version_1_open_as_the_same_scenarios_with_the_same_numbers() {
    let cat = Catalogue::builtin();
    for &(name, users, want) in TOTALS {
        let link = read(name);
        assert!(link.starts_with("#s=1."), "{name} is a version 1 link");
        let opened = share::decode(link.trim(), &cat).unwrap();
        assert_eq!(opened.users, users, "{name}");
        assert_eq!(opened.preset, None, "{name}");
        let m = Model::new(&opened.scenario, &cat);
        for (u, (best, worst)) in [0.0, 100.0, 1000.0, 1e4, 1e5].into_iter().zip(want) {
            assert_eq!(m.cost_at(u, Case::Best), best, "{name} best at {u}");
            assert_eq!(m.cost_at(u, Case::Worst), worst, "{name} worst at {u}");
        }
        // Written again, it is a version 2 link that opens as the same scenario.
        let again = share::encode(opened.scenario.raw(), users, None, &cat);
        assert!(again.starts_with("s=2."), "{name}");
        assert!(again.len() < link.trim().len() - 1, "{name}");
        let reopened = share::decode(&again, &cat).unwrap();
        assert_eq!(reopened.scenario.raw(), opened.scenario.raw(), "{name}");
        assert_eq!(reopened.users, users, "{name}");
    }
    // The built-in ones are those presets as this build has them, users and all.
    for name in [
        "starter-saas",
        "chatbot-digitalocean",
        "titletesterpro",
        "video-chat-5k",
    ] {
        let opened = share::decode(read(name).trim(), &cat).unwrap();
        let preset = presets::load(name, &cat).unwrap().unwrap();
        assert_eq!(opened.scenario.raw(), preset.raw(), "{name}");
    }
}

#[test]
fn every_presets_compressed_link_is_shorter_and_opens_as_it() {
    let cat = Catalogue::builtin();
    for p in presets::PRESETS {
        let s = presets::load(p.id, &cat).unwrap().unwrap();
        let users = s.raw().users.now;
        let json = serde_json::to_string(s.raw()).unwrap();
        let plain = format!("s=1.{}", base64url_encode(json.as_bytes()));
        let short = share::encode(s.raw(), users, None, &cat);
        assert!(short.starts_with("s=2."), "{}", p.id);
        println!(
            "{}: s=1 {} characters, s=2 {}",
            p.id,
            plain.len(),
            short.len()
        );
        assert!(
            short.len() < plain.len(),
            "{}: {} against {}",
            p.id,
            short.len(),
            plain.len()
        );
        assert_eq!(share::decode(&plain, &cat).unwrap().scenario, s, "{}", p.id);
        assert_eq!(share::decode(&short, &cat).unwrap().scenario, s, "{}", p.id);
    }
}

#[test]
fn a_small_link_that_unpacks_past_the_cap_is_refused() {
    let cat = Catalogue::builtin();
    // 1,048,577 spaces are a literal (8 bits), 4,064 copies of 258 bytes (13 bits each) and
    // one of 64 (15 bits): with the 3 bits of the header and 7 of the end, 52,865 bits, a
    // link of 8.8 KB that unpacks to one byte over the cap.
    let bomb = deflate::deflate(&vec![b' '; MAX_LINK_JSON_BYTES + 1]);
    assert_eq!(bomb.len(), 6_609);
    let link = format!("#s=2.{}", base64url_encode(&bomb));
    let err = share::decode(&link, &cat).unwrap_err();
    assert_eq!(err, LinkError::TooLarge);
    assert_eq!(
        err.to_string(),
        "This link unpacks to more than 1024 KB, more than any Headroom scenario holds, so it \
         was not opened. It was not made by Headroom or was changed on the way: ask for the \
         link again, or for an exported file."
    );
    // At the cap exactly it unpacks, and is then read as what it is: not a scenario.
    let full = deflate::deflate(&vec![b' '; MAX_LINK_JSON_BYTES]);
    let at_cap = share::decode(&format!("#s=2.{}", base64url_encode(&full)), &cat);
    assert_eq!(at_cap, Err(LinkError::Truncated));
}

#[test]
fn a_damaged_compressed_link_says_so() {
    let cat = Catalogue::builtin();
    // Block type 11 is one deflate never uses: 0x07 is a last block of type 11.
    let err =
        share::decode(&format!("#s=2.{}", base64url_encode(&[0x07, 0, 0])), &cat).unwrap_err();
    assert_eq!(
        err.to_string(),
        "This link was changed on the way: the compressed scenario in it does not unpack. \
         Ask for the link again, or copy all of it from the address bar."
    );
    // A stored block whose length and its complement disagree.
    let err = share::decode(
        &format!("#s=2.{}", base64url_encode(&[0x01, 2, 0, 0, 0, b'{', b'}'])),
        &cat,
    );
    assert!(matches!(err, Err(LinkError::Damaged(_))), "{err:?}");
    // A link cut short in the middle stops before its last block.
    let s = presets::load("salesboy-ai", &cat).unwrap().unwrap();
    let link = share::encode(s.raw(), 5.0, None, &cat);
    assert_eq!(
        share::decode(&link[..link.len() / 2], &cat),
        Err(LinkError::Truncated)
    );
    // Good deflate of something that is not text.
    let not_text = deflate::deflate(&[0xFF, 0xFE, 0x00, 0x80]);
    let err = share::decode(&format!("#s=2.{}", base64url_encode(&not_text)), &cat);
    assert_eq!(
        err,
        Err(LinkError::Damaged("what it holds is not text".into()))
    );
}
