//! Reading what people type: counts with separators, with errors that say how to fix them.
//! Pure functions, tested natively.

use super::format;
use super::scenario::MAX_USERS;

/// Reads a user count typed by a person: digits with optional separators.
///
/// # Errors
/// A sentence saying what is wrong and how to fix it.
pub fn parse_users(text: &str) -> Result<f64, String> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}'))
        .collect();
    if cleaned.is_empty() {
        return Err("Enter a number of users, for example 5000.".into());
    }
    let v: f64 = cleaned.parse().map_err(|_| {
        format!(
            "“{}” is not a number; type digits only, for example 5000.",
            text.trim()
        )
    })?;
    if !v.is_finite() {
        return Err("Enter a finite number of users, for example 5000.".into());
    }
    if v < 0.0 {
        return Err("Users cannot be negative; enter 0 or more.".into());
    }
    if v > MAX_USERS {
        return Err(format!(
            "That is more than {} users; enter a smaller number.",
            format::count(MAX_USERS)
        ));
    }
    Ok(v.round())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_separators_and_rejects_nonsense() {
        assert_eq!(parse_users("5,000"), Ok(5000.0));
        assert!(parse_users("-1").unwrap_err().contains("negative"));
        assert!(parse_users("abc").unwrap_err().contains("not a number"));
        assert!(parse_users("").is_err());
        assert!(parse_users("1e308").unwrap_err().contains("smaller"));
        assert!(parse_users("NaN").is_err());
    }
}
