//! What a founder reads when a link or a file cannot be opened: one message for each way it
//! can be wrong, in plain words, with what to do, and never the JSON reader's own words.

use headroom::model::share::{self, base64url_encode, LinkError};
use headroom::model::{presets, Catalogue, Scenario};

fn link(json: &str) -> String {
    format!("#s=1.{}", base64url_encode(json.as_bytes()))
}

fn link_message(fragment: &str) -> String {
    share::decode(fragment, &Catalogue::builtin())
        .map(|_| String::new())
        .unwrap_err()
        .to_string()
}

fn file_message(text: &str) -> String {
    Scenario::from_json(text, &Catalogue::builtin())
        .map(|_| String::new())
        .unwrap_err()
        .to_string()
}

/// The JSON reader's own words, which no message may carry.
fn assert_plain(message: &str) {
    for parser in [
        "expected ident",
        "expected value",
        "line 1 column",
        " column ",
        "EOF",
        "invalid type",
        "unknown variant",
        "f64",
        "u32",
    ] {
        assert!(!message.contains(parser), "“{parser}” in: {message}");
    }
}

/// A scenario whole but for `users.now`.
fn with_users_now(now: &str) -> String {
    format!(
        r#"{{"schema_version":1,"name":"x","users":{{"now":{now},"growth":{{"kind":"monthly_pct","pct_per_month":1}},"horizon_months":1,"active_share_pct":1,"concurrent_share_pct":1}},"components":[],"revenue":{{"conversion_pct":1,"price_usd_per_month":1}}}}"#
    )
}

#[test]
fn an_unknown_built_in_scenario_is_named_with_the_ones_that_exist() {
    let m = link_message("#p=doesnotexist");
    let ids: Vec<&str> = presets::PRESETS.iter().map(|p| p.id).collect();
    assert_eq!(
        m,
        format!(
            "This link names a built-in scenario “doesnotexist” that this version of Headroom does not have. These exist: {}.",
            ids.join(", ")
        )
    );
    assert!(m.contains("salesboy-ai"), "{m}");
}

#[test]
fn a_link_cut_short_says_to_copy_it_whole() {
    let cat = Catalogue::builtin();
    let s = presets::load("salesboy-ai", &cat).unwrap().unwrap();
    let whole = format!("#{}", share::encode(s.raw(), 5.0, None, &cat));
    let want = "This link was cut short: the scenario in it stops before its end. Copy the link whole, to its last character, and open it again.";
    // Cut anywhere past the version: in a character, between characters, in a multi-byte one.
    for cut in [
        whole.len() / 2,
        whole.len() - 1,
        whole.len() - 2,
        whole.len() - 3,
        6,
        5,
    ] {
        assert_eq!(link_message(&whole[..cut]), want, "cut at {cut}");
    }
    assert_eq!(link_message("#s=1"), want);
    assert_eq!(
        link_message(&link("{\"schema_version\":1,\"name\":\"x\"")),
        want
    );
}

#[test]
fn a_link_with_foreign_characters_says_it_was_changed_on_the_way() {
    assert_eq!(
        link_message("#s=1.!!!!"),
        "This link was changed on the way: it holds “!”, which a Headroom link never does (a mail or chat program may have changed it). Ask for the link again, or copy all of it from the address bar."
    );
    assert_eq!(
        link_message("#s=1.%zz"),
        "This link was changed on the way: a “%” in it is not followed by two hex digits. Ask for the link again, or copy all of it from the address bar."
    );
}

#[test]
fn a_link_that_holds_something_else_says_what_it_holds() {
    assert_eq!(
        link_message(&link("[1,2]")),
        "This link is JSON but not a Headroom scenario: it holds a list, not a scenario's fields. Copy the link again from the Headroom that made it, all of it."
    );
    assert_eq!(
        link_message(&link("{}")),
        "This link is JSON but not a Headroom scenario: it has no “users” or “components”. Copy the link again from the Headroom that made it, all of it."
    );
    assert_eq!(
        link_message(&link("hello")),
        "This link is not a Headroom scenario: it is not JSON (it starts with “hello”). Copy the link again from the Headroom that made it, all of it."
    );
    assert_eq!(
        link_message(&link(&with_users_now("\"abc\""))),
        "In this link, the field “users.now” must be a number; it is “abc”."
    );
}

#[test]
fn links_too_large_from_a_newer_headroom_or_of_no_version_say_so() {
    assert_eq!(
        link_message(&"A".repeat(share::MAX_LINK_BYTES + 1)),
        "This link is too large to be a Headroom scenario (over 256 KB). Share the scenario as an exported file instead."
    );
    assert_eq!(
        link_message("#s=3.abc"),
        "This link was made by a newer Headroom (link version 3); this one reads versions 1 and 2. Open it in the newer Headroom, or ask for an exported file."
    );
    for v in ["0", "x"] {
        assert_eq!(
            link_message(&format!("#s={v}.abc")),
            format!("This link says it is of version “{v}”, which no Headroom writes (this one writes 2); it was changed on the way. Ask for the link again, or copy all of it from the address bar.")
        );
    }
    assert_eq!(
        link_message("#x=1"),
        "This link holds no scenario: after its “#” there is no “s=” or “p=”. Ask for the link again, or copy all of it from the address bar."
    );
    assert!(matches!(
        share::decode("#p=blank&u=-5", &Catalogue::builtin()),
        Err(LinkError::Users(_))
    ));
}

#[test]
fn a_file_that_is_not_json_says_how_it_starts() {
    let m = file_message("hello there, this is a letter");
    assert_eq!(
        m,
        "this file is not a Headroom scenario: it is not JSON (it starts with “hello there,…”). Export a scenario from Headroom and import that file."
    );
    assert_plain(&m);
    assert_eq!(
        file_message("\u{0}\u{1}\u{2}"),
        "this file is not a Headroom scenario: it is not text at all. Export a scenario from Headroom and import that file."
    );
    assert_eq!(
        file_message("  \n"),
        "this file is empty. Export a scenario from Headroom and import that file."
    );
}

#[test]
fn a_file_of_the_wrong_shape_says_what_it_lacks() {
    assert_eq!(
        file_message(r#"{"hello":"world"}"#),
        "this file is JSON but not a Headroom scenario: it has no “users” or “components”. Export a scenario from Headroom and import that file."
    );
    assert_eq!(
        file_message("[1,2,3]"),
        "this file is JSON but not a Headroom scenario: it holds a list, not a scenario's fields. Export a scenario from Headroom and import that file."
    );
}

#[test]
fn a_file_cut_short_or_with_a_mistake_says_where() {
    assert_eq!(
        file_message(r#"{"schema_version":1,"name":"x","users":{"now":"#),
        "this file ends too soon, as if it was cut short. Export the scenario again and import the new file."
    );
    let m = file_message("{\"schema_version\":1,\n\"users\":{\"now\":NaN}}");
    assert_eq!(
        m,
        "this file is not valid JSON: there is a mistake on line 2, near “NaN}}”. If it was edited by hand, look for a missing comma, quote or bracket there. Export a scenario from Headroom and import that file."
    );
    assert_plain(&m);
}

#[test]
fn a_field_of_the_wrong_kind_is_named_with_its_place() {
    assert_eq!(
        file_message(&with_users_now("\"abc\"")),
        "in this file, the field “users.now” must be a number; it is “abc”."
    );
    let extra = with_users_now("4").replacen("\"name\":\"x\",", "\"name\":\"x\",\"extra\":1,", 1);
    let m = file_message(&extra);
    assert!(
        m.starts_with("in this file, the field “extra” is not one Headroom knows; remove it or check its spelling"),
        "{m}"
    );
    let missing = with_users_now("4").replacen("\"horizon_months\":1,", "", 1);
    assert_eq!(
        file_message(&missing),
        "in this file, the field “users.horizon_months” is missing. Every Headroom scenario has it; export the scenario again, or add it."
    );
    let kind = with_users_now("4").replacen("\"monthly_pct\"", "\"weekly\"", 1);
    let m = file_message(&kind);
    assert!(
        m == "in this file, the field “users.growth” holds “weekly”, which Headroom does not know; it can be monthly_pct or milestones.",
        "{m}"
    );
    for m in [file_message(&extra), file_message(&kind)] {
        assert_plain(&m);
    }
}
