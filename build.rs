//! Embeds the catalogue, the default payment fee and the built-in scenarios with the whitespace between their
//! tokens removed: the files stay readable in `assets/`, and the bundle carries only what
//! the parser reads. Nothing inside a string changes.

use std::path::Path;
use std::{env, fs};

/// `json` without whitespace outside its strings.
fn compact(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for ch in json.chars() {
        if in_string {
            out.push(ch);
            if escaped {
                escaped = false;
            } else if ch == '\\' {
                escaped = true;
            } else if ch == '"' {
                in_string = false;
            }
        } else if ch == '"' {
            in_string = true;
            out.push(ch);
        } else if !ch.is_ascii_whitespace() {
            out.push(ch);
        }
    }
    out
}

fn embed(from: &Path, to: &Path) {
    println!("cargo:rerun-if-changed={}", from.display());
    let text =
        fs::read_to_string(from).unwrap_or_else(|e| panic!("cannot read {}: {e}", from.display()));
    fs::write(to, compact(&text)).unwrap_or_else(|e| panic!("cannot write {}: {e}", to.display()));
}

fn main() {
    let out = Path::new(&env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).to_path_buf();
    embed(
        Path::new("assets/catalogue.json"),
        &out.join("catalogue.json"),
    );
    embed(
        Path::new("assets/price-history.json"),
        &out.join("price-history.json"),
    );
    embed(
        Path::new("assets/llm-catalogue.json"),
        &out.join("llm-catalogue.json"),
    );
    embed(
        Path::new("assets/payment_fees.json"),
        &out.join("payment_fees.json"),
    );
    let presets = out.join("presets");
    fs::create_dir_all(&presets).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=assets/presets");
    for entry in fs::read_dir("assets/presets").expect("assets/presets exists") {
        let path = entry.expect("assets/presets is readable").path();
        if path.extension().is_some_and(|e| e == "json") {
            embed(&path, &presets.join(path.file_name().expect("a file name")));
        }
    }
}
