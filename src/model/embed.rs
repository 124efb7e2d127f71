//! The code a founder pastes into a docs page to embed a scenario: an iframe on the
//! embeddable view, sized for the parts it shows, and the few lines of script that let the
//! frame grow or shrink to what its content reports; and the one page the frame tells its
//! height to.

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

/// The origin of the page that frames the embed, the only one the frame tells its height
/// to: `ancestor`, the first of `location.ancestorOrigins` where the browser has that list
/// (Chromium, Safari), else the origin of `document.referrer`, which the framing page sends
/// unless its referrer policy withholds it. `None` when neither names an `http` or `https`
/// origin (a page opened from a file has the origin `null`): the frame then tells no one,
/// and keeps the height the embed code gave it.
pub fn parent_origin(ancestor: Option<&str>, referrer: &str) -> Option<String> {
    ancestor
        .and_then(web_origin)
        .or_else(|| web_origin(referrer))
}

/// The `scheme://host[:port]` of an `http` or `https` address, lower-cased, without any
/// user name, path, query or fragment.
fn web_origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host.is_empty()
        || !host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
    {
        return None;
    }
    Some(format!("{scheme}://{}", host.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parent_is_named_by_the_browser_or_by_the_referrer() {
        // Chromium's list wins over the referrer.
        assert_eq!(
            parent_origin(Some("https://docs.example.com"), "https://other.example/x"),
            Some("https://docs.example.com".into())
        );
        // Without the list, the referrer's origin: no user, path, query or fragment.
        assert_eq!(
            parent_origin(
                None,
                "HTTPS://me@Docs.Example.com:8443/guide/costs.html?x=1#top"
            ),
            Some("https://docs.example.com:8443".into())
        );
        assert_eq!(
            parent_origin(None, "http://127.0.0.1:4000"),
            Some("http://127.0.0.1:4000".into())
        );
        assert_eq!(
            parent_origin(Some("null"), "http://[::1]:8080/a"),
            Some("http://[::1]:8080".into())
        );
    }

    #[test]
    fn no_origin_is_guessed() {
        // A page opened from a file, one whose policy sends no referrer, and addresses
        // that are not web pages.
        assert_eq!(parent_origin(Some("null"), ""), None);
        assert_eq!(parent_origin(None, ""), None);
        assert_eq!(parent_origin(None, "file:///home/me/guide.html"), None);
        assert_eq!(parent_origin(None, "javascript:alert(1)"), None);
        assert_eq!(parent_origin(None, "https:///no-host"), None);
        assert_eq!(parent_origin(None, "https://a b.example/"), None);
    }
}
