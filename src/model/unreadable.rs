//! Why a text is not a Headroom scenario, in the words of a person, not of the JSON reader:
//! not JSON, cut short, the wrong shape, or one field of the wrong kind, with its place.

use std::fmt;

use serde_json::error::Category;
use serde_json::Value;

/// What is wrong with a text that should hold a scenario.
#[derive(Clone, Debug, PartialEq)]
pub enum NotAScenario {
    /// Nothing in it but spaces.
    Empty,
    /// Not JSON from its first character: `start` is how it begins.
    NotJson {
        /// Its first few characters, or `None` when they are not printable text.
        start: Option<String>,
    },
    /// JSON that ends before it is complete.
    CutShort,
    /// JSON with a mistake in it.
    BadJson {
        /// The line of the mistake, from 1.
        line: usize,
        /// A few characters from where the reader stopped.
        near: String,
    },
    /// JSON, but a list, a number or text rather than a scenario's fields.
    NotAnObject {
        /// What it holds instead: `a list`, `a number`.
        holds: &'static str,
    },
    /// JSON fields, but none of a scenario's main ones.
    Missing(Vec<&'static str>),
    /// A scenario with one field Headroom cannot read.
    Field {
        /// Where it is: `users.now`, `components[0].policy`.
        path: String,
        /// What is wrong with it, as a sentence that ends with a full stop.
        problem: String,
    },
}

/// The fields every scenario has, named when a text has none of them.
const MAIN_FIELDS: [&str; 2] = ["users", "components"];

/// Works out, from the JSON reader's error and the text it read, what is wrong.
pub fn explain(text: &str, e: &serde_json::Error) -> NotAScenario {
    let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if trimmed.is_empty() {
        return NotAScenario::Empty;
    }
    match e.classify() {
        Category::Eof => return NotAScenario::CutShort,
        Category::Syntax | Category::Io => {
            if !trimmed.starts_with(['{', '[']) {
                return NotAScenario::NotJson {
                    start: printable_start(trimmed),
                };
            }
            return NotAScenario::BadJson {
                line: e.line(),
                near: near(text, e.line(), e.column()),
            };
        }
        Category::Data => {}
    }
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(fields)) => {
            if MAIN_FIELDS.iter().all(|k| !fields.contains_key(*k)) {
                return NotAScenario::Missing(MAIN_FIELDS.to_vec());
            }
        }
        Ok(other) => {
            return NotAScenario::NotAnObject {
                holds: kind_of(&other),
            }
        }
        // Too deeply nested to read whole: its first bracket still says what it holds.
        Err(_) if trimmed.starts_with('[') => return NotAScenario::NotAnObject { holds: "a list" },
        Err(_) => {}
    }
    let message = e.to_string();
    let message = match message.rfind(" at line ") {
        Some(at) => &message[..at],
        None => &message[..],
    };
    let at = offset(text, e.line(), e.column());
    let (path, problem) = field_problem(message, text, at);
    NotAScenario::Field { path, problem }
}

impl NotAScenario {
    /// The sentence for a person, for a `file` or a `link`: what is wrong and what to do.
    pub fn sentence(&self, what: &str) -> String {
        let again = if what == "link" {
            "Copy the link again from the Headroom that made it, all of it."
        } else {
            "Export a scenario from Headroom and import that file."
        };
        match self {
            NotAScenario::Empty => format!("this {what} is empty. {again}"),
            NotAScenario::NotJson { start: Some(s) } => format!(
                "this {what} is not a Headroom scenario: it is not JSON (it starts with “{s}”). {again}"
            ),
            NotAScenario::NotJson { start: None } => format!(
                "this {what} is not a Headroom scenario: it is not text at all. {again}"
            ),
            NotAScenario::CutShort => format!(
                "this {what} ends too soon, as if it was cut short. {}",
                if what == "link" {
                    "Copy the link whole, to its last character, and open it again."
                } else {
                    "Export the scenario again and import the new file."
                }
            ),
            NotAScenario::BadJson { line, near } => format!(
                "this {what} is not valid JSON: there is a mistake on line {line}, near “{near}”. If it was edited by hand, look for a missing comma, quote or bracket there. {again}"
            ),
            NotAScenario::NotAnObject { holds } => format!(
                "this {what} is JSON but not a Headroom scenario: it holds {holds}, not a scenario's fields. {again}"
            ),
            NotAScenario::Missing(fields) => format!(
                "this {what} is JSON but not a Headroom scenario: it has no {}. {again}",
                fields
                    .iter()
                    .map(|f| format!("“{f}”"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
            NotAScenario::Field { path, problem } if path.is_empty() => {
                format!("this {what} is not a Headroom scenario it can read: {problem}")
            }
            NotAScenario::Field { path, problem } => {
                format!("in this {what}, the field “{path}” {problem}")
            }
        }
    }
}

impl fmt::Display for NotAScenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.sentence("file"))
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Array(_) => "a list",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Bool(_) => "true or false",
        Value::Null => "null",
        Value::Object(_) => "fields",
    }
}

/// The first dozen characters, when they are printable.
fn printable_start(text: &str) -> Option<String> {
    let start: String = text.chars().take(12).collect();
    if start
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return None;
    }
    let start = start
        .split(['\n', '\r'])
        .next()
        .unwrap_or_default()
        .trim_end();
    let more = if text.chars().count() > start.chars().count() {
        "…"
    } else {
        ""
    };
    Some(format!("{start}{more}"))
}

/// The byte offset of a 1-based line and column, as the JSON reader counts them.
fn offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut at = (start + column).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The dozen characters from where the reader stopped, on that line.
fn near(text: &str, line: usize, column: usize) -> String {
    let mut from = offset(text, line, column.saturating_sub(1));
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    text[from..]
        .lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(12)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// One level of the JSON being read: an object and the key whose value is being read, or a
/// list and the index of the item.
enum Level {
    Object(Option<String>),
    List(usize),
}

/// The path of the value being read at byte `at`: `users.now`, `components[1].policy`.
fn path_at(text: &str, at: usize) -> Vec<String> {
    path_of(&levels_at(text, at))
}

/// The levels open at byte `at`, outermost first.
fn levels_at(text: &str, at: usize) -> Vec<Level> {
    let mut levels: Vec<Level> = Vec::new();
    let mut expecting_key = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < at.min(bytes.len()) {
        match bytes[i] {
            b'{' => {
                levels.push(Level::Object(None));
                expecting_key = true;
            }
            b'[' => {
                levels.push(Level::List(0));
                expecting_key = false;
            }
            b'}' | b']' => {
                levels.pop();
                expecting_key = false;
            }
            b',' => match levels.last_mut() {
                Some(Level::Object(key)) => {
                    *key = None;
                    expecting_key = true;
                }
                Some(Level::List(n)) => *n += 1,
                None => {}
            },
            b':' => expecting_key = false,
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let end = j.min(bytes.len());
                if expecting_key {
                    if let Some(Level::Object(key)) = levels.last_mut() {
                        *key = Some(String::from_utf8_lossy(&bytes[start..end]).into_owned());
                    }
                }
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    levels
}

fn path_of(levels: &[Level]) -> Vec<String> {
    levels
        .iter()
        .filter_map(|l| match l {
            Level::Object(Some(k)) => Some(k.clone()),
            Level::Object(None) => None,
            Level::List(n) => Some(format!("[{n}]")),
        })
        .collect()
}

fn join(path: &[String]) -> String {
    let mut out = String::new();
    for p in path {
        if !out.is_empty() && !p.starts_with('[') {
            out.push('.');
        }
        out.push_str(p);
    }
    out
}

/// `a`, `a or b`, `a, b or c`.
fn either(names: &[&str]) -> String {
    match names {
        [] => "something else".into(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// Names between backticks in a message of the JSON reader: `a`, `b`.
fn ticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

/// What a message of the JSON reader says a value should have been, in words.
fn wanted(expected: &str) -> String {
    let e = expected.trim();
    let number = [
        "f64", "f32", "u8", "u16", "u32", "u64", "i32", "i64", "usize",
    ];
    if number.contains(&e) || e.contains("integer") || e == "a number" {
        "a number".into()
    } else if e.contains("string") || e == "a character" {
        "text in quotes".into()
    } else if e.contains("sequence") || e.contains("array") || e.contains("tuple") {
        "a list in [ ]".into()
    } else if e.starts_with("struct") || e.contains("map") {
        "a group of fields in { }".into()
    } else if e.contains("bool") {
        "true or false".into()
    } else if e.starts_with("a ") || e.starts_with("an ") || e.starts_with("one of") {
        e.to_string()
    } else {
        "something else".into()
    }
}

/// What a message of the JSON reader says a value was, in words.
fn found(unexpected: &str) -> String {
    let u = unexpected.trim();
    if let Some(s) = u.strip_prefix("string ") {
        return format!("“{}”", s.trim_matches('"'));
    }
    for kind in ["integer", "floating point", "boolean", "char"] {
        if let Some(v) = u.strip_prefix(kind) {
            let v = v.trim().trim_matches('`');
            return match v.parse::<f64>() {
                Ok(n) => super::format::number(n, 9),
                Err(_) => v.to_string(),
            };
        }
    }
    match u {
        "sequence" => "a list".into(),
        "map" => "a group of fields".into(),
        "null" | "unit value" => "null".into(),
        other => other.to_string(),
    }
}

/// The path and the problem, as a sentence, from a message of the JSON reader without its
/// position.
fn field_problem(message: &str, text: &str, at: usize) -> (String, String) {
    let here = path_at(text, at);
    if let Some(rest) = message.strip_prefix("missing field ") {
        let field = ticked(rest).first().copied().unwrap_or(rest).to_string();
        // The reader stops at the object's closing brace, past its last key.
        let mut levels = levels_at(text, at.saturating_sub(1));
        if let Some(Level::Object(key)) = levels.last_mut() {
            *key = None;
        }
        let mut path = path_of(&levels);
        path.push(field);
        return (
            join(&path),
            "is missing. Every Headroom scenario has it; export the scenario again, or add it."
                .into(),
        );
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let names = ticked(rest);
        let known = names.get(1..).unwrap_or_default();
        let field = names.first().copied().unwrap_or_default();
        let mut path = here;
        if path.last().map(String::as_str) != Some(field) {
            path.push(field.to_string());
        }
        return (
            join(&path),
            format!(
                "is not one Headroom knows; remove it or check its spelling{}.",
                if known.is_empty() {
                    String::new()
                } else {
                    format!(" (Headroom knows {})", known.join(", "))
                }
            ),
        );
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let names = ticked(rest);
        let value = names.first().copied().unwrap_or_default();
        let known = names.get(1..).unwrap_or_default();
        return (
            join(&here),
            format!(
                "holds “{value}”, which Headroom does not know; it can be {}.",
                either(known)
            ),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (was, should) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (
            join(&here),
            format!("must be {}; it is {}.", wanted(should), found(was)),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (was, should) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (
            join(&here),
            format!("must be {}; it is {}.", wanted(should), found(was)),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        let (n, should) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (
            join(&here),
            format!("has {n} items; it must be {}.", wanted(should)),
        );
    }
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        let field = ticked(rest).first().copied().unwrap_or(rest).to_string();
        return (join(&here), format!("gives “{field}” twice; keep one."));
    }
    let problem = message.trim_end_matches('.');
    (join(&here), format!("cannot be read: {problem}."))
}
