//! The code a founder pastes into a docs page to embed a scenario: an iframe on the
//! embeddable view, sized for the parts it shows, and the few lines of script that let the
//! frame grow or shrink to what its content reports.

/// The parts the embed code shows: the answers and the cost chart.
pub const DEFAULT_PARTS: &[&str] = &["answers", "cost"];

/// The height in CSS pixels a part takes in the embed at a docs page's width (about
/// 700 px), rounded up, so that the frame fits before its script has run.
pub fn part_height(part: &str) -> u32 {
    match part {
        "answers" => 640,
        "cost" => 360,
        "revenue" => 320,
        "phases" => 560,
        "profit" => 300,
        "capacity" => 420,
        _ => 0,
    }
}

/// The height the frame starts at for these parts: the parts' own heights and the title
/// line above them.
pub fn frame_height(parts: &[&str]) -> u32 {
    40 + parts.iter().map(|p| part_height(p)).sum::<u32>()
}

/// `text` safe inside a double-quoted HTML attribute.
pub fn html_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An origin (`https://example.com`) as a JavaScript string's contents; anything but the
/// characters an origin has is dropped, so that nothing can end the string or the script.
fn origin_literal(origin: &str) -> String {
    origin
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '/' | '.' | '-' | '[' | ']'))
        .collect()
}

/// The embed code for the view at `page` (the app's address without its query or
/// fragment), served from `origin`, showing `parts` of the scenario in `fragment`, named
/// `name`: an iframe that starts at [`frame_height`] and a script that sets each such
/// frame's height to what the view reports, listening only to messages from `origin`.
pub fn snippet(page: &str, origin: &str, fragment: &str, parts: &[&str], name: &str) -> String {
    let src = format!("{page}?embed={}#{fragment}", parts.join(","));
    format!(
        concat!(
            "<iframe src=\"{src}\" title=\"Headroom: {title}\" ",
            "style=\"width:100%;height:{h}px;border:0\" loading=\"lazy\" data-headroom-embed></iframe>",
            "<script>addEventListener(\"message\",function(e){{var d=e.data;",
            "if(e.origin!==\"{origin}\"||!d||d.type!==\"headroom:height\"||!isFinite(d.height))return;",
            "document.querySelectorAll(\"iframe[data-headroom-embed]\").forEach(function(f){{",
            "if(f.contentWindow===e.source)f.style.height=Math.ceil(d.height)+\"px\"}})}})</script>"
        ),
        src = html_attribute(&src),
        title = html_attribute(name),
        h = frame_height(parts),
        origin = origin_literal(origin),
    )
}
