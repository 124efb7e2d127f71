//! Scenarios in a link: the fragment after `#`, which browsers never send to a server.
//! A built-in scenario at some user count is `#p=<preset>&u=<users>`; any other scenario
//! is `#s=2.<base64url of its JSON, deflated>`, versioned so that old links keep opening:
//! `#s=1.<base64url of its JSON>`, as builds before the compressed links wrote, still opens.

use std::fmt;

use super::catalogue::Catalogue;
use super::deflate::{deflate, inflate, InflateError};
use super::input::parse_users;
use super::presets;
use super::scenario::{RawScenario, Scenario, ScenarioError};
use super::unreadable::NotAScenario;

/// The version of the `#s=` encoding this build writes: the scenario's JSON, compressed
/// with raw deflate (RFC 1951), in base64url.
pub const LINK_VERSION: u32 = 2;

/// The version of the `#s=` encoding that holds the JSON uncompressed, still read.
pub const PLAIN_LINK_VERSION: u32 = 1;

/// The longest fragment read, in bytes: far more than any real scenario needs.
pub const MAX_LINK_BYTES: usize = 256 * 1024;

/// The most bytes of JSON a compressed link may unpack to: as much as an imported file
/// may hold. Unpacking stops there, so a small link that would unpack to far more is
/// refused without the whole of it ever being held.
pub const MAX_LINK_JSON_BYTES: usize = 1024 * 1024;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Bytes as unpadded base64url.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// Unpadded (or padded) base64url back to bytes; `None` if a character is not base64url.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// Why a link cannot be opened.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkError {
    /// The fragment holds no scenario.
    Empty,
    /// Longer than [`MAX_LINK_BYTES`].
    TooLong,
    /// Unpacks to more than [`MAX_LINK_JSON_BYTES`].
    TooLarge,
    /// Cut short: it stops in the middle of the scenario.
    Truncated,
    /// Holds characters base64url never has: changed on the way.
    NotBase64(char),
    /// Changed on the way in some other way: a broken %-escape, bytes that are not text.
    Damaged(String),
    /// Whole, but what it holds is not a scenario: the sentence that says why.
    NotScenario(String),
    /// Made by a newer Headroom.
    Version(String),
    /// A link version no Headroom writes.
    BadVersion(String),
    /// No built-in scenario has that id.
    UnknownPreset(String),
    /// The users in the link are not a count.
    Users(String),
    /// The scenario inside does not pass its checks.
    Scenario(ScenarioError),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const AGAIN: &str = "Ask for the link again, or copy all of it from the address bar.";
        match self {
            LinkError::Empty => write!(
                f,
                "This link holds no scenario: after its “#” there is no “s=” or “p=”. {AGAIN}"
            ),
            LinkError::TooLong => write!(
                f,
                "This link is too large to be a Headroom scenario (over {} KB). Share the scenario as an exported file instead.",
                MAX_LINK_BYTES / 1024
            ),
            LinkError::TooLarge => write!(
                f,
                "This link unpacks to more than {} KB, more than any Headroom scenario holds, so it was not opened. It was not made by Headroom or was changed on the way: ask for the link again, or for an exported file.",
                MAX_LINK_JSON_BYTES / 1024
            ),
            LinkError::Truncated => write!(
                f,
                "This link was cut short: the scenario in it stops before its end. Copy the link whole, to its last character, and open it again."
            ),
            LinkError::NotBase64(c) => write!(
                f,
                "This link was changed on the way: it holds “{c}”, which a Headroom link never does (a mail or chat program may have changed it). {AGAIN}"
            ),
            LinkError::Damaged(why) => {
                write!(f, "This link was changed on the way: {why}. {AGAIN}")
            }
            LinkError::NotScenario(why) => write!(f, "{why}"),
            LinkError::Version(v) => write!(
                f,
                "This link was made by a newer Headroom (link version {v}); this one reads versions {PLAIN_LINK_VERSION} and {LINK_VERSION}. Open it in the newer Headroom, or ask for an exported file."
            ),
            LinkError::BadVersion(v) => write!(
                f,
                "This link says it is of version “{v}”, which no Headroom writes (this one writes {LINK_VERSION}); it was changed on the way. {AGAIN}"
            ),
            LinkError::UnknownPreset(id) => {
                let known: Vec<&str> = presets::PRESETS.iter().map(|p| p.id).collect();
                write!(
                    f,
                    "This link names a built-in scenario “{id}” that this version of Headroom does not have. These exist: {}.",
                    known.join(", ")
                )
            }
            LinkError::Users(why) => write!(f, "The user count in this link is not usable: {why}"),
            LinkError::Scenario(e) => write!(f, "The scenario in this link is not valid: {e}"),
        }
    }
}

impl std::error::Error for LinkError {}

/// What a link opens: a scenario, the user count, and the preset it is, if unchanged.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    /// The scenario, checked.
    pub scenario: Scenario,
    /// The user count to show it at.
    pub users: f64,
    /// The built-in scenario's id when the link names one.
    pub preset: Option<&'static str>,
}

/// The fragment (without `#`) for a scenario at a user count: short when it is a built-in
/// scenario unchanged but for its users.
pub fn encode(
    raw: &RawScenario,
    users: f64,
    preset: Option<&str>,
    catalogue: &Catalogue,
) -> String {
    if let Some(id) = preset {
        if let Some(Ok(p)) = presets::load(id, catalogue) {
            let mut same = p.raw().clone();
            same.users.now = raw.users.now;
            if &same == raw {
                return encode_preset(id, users);
            }
        }
    }
    let mut raw = raw.clone();
    raw.users.now = users;
    let json = serde_json::to_string(&raw).unwrap_or_default();
    format!(
        "s={LINK_VERSION}.{}",
        base64url_encode(&deflate(json.as_bytes()))
    )
}

/// The short fragment for a built-in scenario left as it is but for its users. The caller
/// vouches that the scenario is unchanged (the page drops the preset on the first edit), so
/// nothing is parsed: this runs on every slider movement.
pub fn encode_preset(id: &str, users: f64) -> String {
    format!("p={id}&u={}", users.round())
}

fn param<'a>(fragment: &'a str, key: &str) -> Option<&'a str> {
    fragment
        .split('&')
        .find_map(|kv| kv.strip_prefix(key).and_then(|v| v.strip_prefix('=')))
}

/// Opens a fragment (with or without its `#`).
///
/// # Errors
/// A [`LinkError`] saying what is wrong with the link and what to do.
pub fn decode(fragment: &str, catalogue: &Catalogue) -> Result<Opened, LinkError> {
    if fragment.len() > MAX_LINK_BYTES {
        return Err(LinkError::TooLong);
    }
    let fragment = fragment.trim().trim_start_matches('#');
    // A link pasted through some mail clients arrives percent-encoded, sometimes twice.
    let mut fragment = fragment.to_string();
    for _ in 0..2 {
        if fragment.contains('%') {
            fragment = percent_decode(&fragment).ok_or_else(|| {
                LinkError::Damaged("a “%” in it is not followed by two hex digits".into())
            })?;
        }
    }
    if let Some(id) = param(&fragment, "p") {
        let preset = presets::PRESETS
            .iter()
            .find(|p| p.id == id)
            .ok_or_else(|| LinkError::UnknownPreset(id.chars().take(60).collect()))?;
        let scenario = presets::load(preset.id, catalogue)
            .ok_or_else(|| LinkError::UnknownPreset(id.into()))?
            .map_err(LinkError::Scenario)?;
        let users = match param(&fragment, "u") {
            Some(u) => parse_users(u).map_err(LinkError::Users)?,
            None => scenario.raw().users.now,
        };
        return Ok(Opened {
            scenario,
            users,
            preset: Some(preset.id),
        });
    }
    let body = param(&fragment, "s").ok_or(LinkError::Empty)?;
    let Some((version, data)) = body.split_once('.') else {
        return Err(if body.chars().all(|c| c.is_ascii_digit()) {
            LinkError::Truncated
        } else {
            LinkError::BadVersion(body.chars().take(12).collect())
        });
    };
    let compressed = match version.parse::<u32>() {
        Ok(LINK_VERSION) => true,
        Ok(PLAIN_LINK_VERSION) => false,
        Ok(v) if v > LINK_VERSION => return Err(LinkError::Version(v.to_string())),
        _ => return Err(LinkError::BadVersion(version.chars().take(12).collect())),
    };
    let data = data.trim_end_matches('=');
    if let Some(c) = data
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '/')))
    {
        return Err(LinkError::NotBase64(c));
    }
    // Four characters carry three bytes; one left over is a character cut off.
    if data.is_empty() || data.len() % 4 == 1 {
        return Err(LinkError::Truncated);
    }
    let mut bytes = base64url_decode(data).ok_or(LinkError::Truncated)?;
    if compressed {
        bytes = inflate(&bytes, MAX_LINK_JSON_BYTES).map_err(|e| match e {
            InflateError::TooLarge => LinkError::TooLarge,
            InflateError::Truncated => LinkError::Truncated,
            InflateError::Damaged => {
                LinkError::Damaged("the compressed scenario in it does not unpack".into())
            }
        })?;
    }
    let json = String::from_utf8(bytes).map_err(|e| match e.utf8_error().error_len() {
        None => LinkError::Truncated,
        Some(_) => LinkError::Damaged("what it holds is not text".into()),
    })?;
    let raw: RawScenario =
        serde_json::from_str(&json).map_err(|e| match super::unreadable::explain(&json, &e) {
            NotAScenario::CutShort | NotAScenario::Empty => LinkError::Truncated,
            why => {
                let mut s = why.sentence("link");
                s[..1].make_ascii_uppercase();
                LinkError::NotScenario(s)
            }
        })?;
    let users = raw.users.now;
    let scenario = Scenario::new(raw, catalogue).map_err(LinkError::Scenario)?;
    Ok(Opened {
        scenario,
        users,
        preset: None,
    })
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        for n in 0..40u8 {
            let data: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37)).collect();
            assert_eq!(base64url_decode(&base64url_encode(&data)).unwrap(), data);
        }
        assert_eq!(base64url_encode(b"Man"), "TWFu");
        assert_eq!(base64url_encode(b"Ma"), "TWE");
        assert!(base64url_decode("a b").is_none());
    }

    #[test]
    fn a_preset_travels_as_a_short_link() {
        let cat = Catalogue::builtin();
        let s = presets::load("chatbot-digitalocean", &cat)
            .unwrap()
            .unwrap();
        let link = encode(s.raw(), 5000.0, Some("chatbot-digitalocean"), &cat);
        assert_eq!(link, "p=chatbot-digitalocean&u=5000");
        let opened = decode(&format!("#{link}"), &cat).unwrap();
        assert_eq!(opened.users, 5000.0);
        assert_eq!(opened.scenario, s);
    }

    #[test]
    fn an_edited_scenario_travels_whole() {
        let cat = Catalogue::builtin();
        let s = presets::load("salesboy-ai", &cat).unwrap().unwrap();
        let mut raw = s.raw().clone();
        raw.revenue.price_usd_per_month = crate::model::Range::new(7.5, 12.25);
        let link = encode(&raw, 42.0, Some("salesboy-ai"), &cat);
        assert!(link.starts_with("s=2."));
        let opened = decode(&link, &cat).unwrap();
        assert_eq!(opened.users, 42.0);
        assert_eq!(opened.scenario.raw().revenue, raw.revenue);
        assert_eq!(opened.preset, None);
    }

    #[test]
    fn damaged_links_say_what_is_wrong() {
        let cat = Catalogue::builtin();
        let s = presets::load("salesboy-ai", &cat).unwrap().unwrap();
        let link = encode(s.raw(), 5.0, None, &cat);
        let cut = &link[..link.len() / 2];
        assert_eq!(decode(cut, &cat), Err(LinkError::Truncated));
        assert!(matches!(
            decode("s=9.abc", &cat),
            Err(LinkError::Version(_))
        ));
        assert!(matches!(
            decode("p=nope", &cat),
            Err(LinkError::UnknownPreset(_))
        ));
        assert!(matches!(
            decode("p=blank&u=-4", &cat),
            Err(LinkError::Users(_))
        ));
        assert!(matches!(decode("", &cat), Err(LinkError::Empty)));
        assert_eq!(decode("s=1.!!", &cat), Err(LinkError::NotBase64('!')));
        let twice = link.replace('=', "%253D");
        assert!(decode(&twice, &cat).is_ok());
        assert!(decode(&"A".repeat(MAX_LINK_BYTES + 1), &cat).is_err());
    }
}
