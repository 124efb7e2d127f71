//! The one formatter's rules, each with the string a founder reads worked out by hand:
//! the minus sign, bands that collapse, bands with negative ends, huge and tiny figures.

use headroom::model::format::{amount, band, count, number, pct, pct_band, usd};
use headroom::model::input::{parse_range, range_text};
use headroom::model::Range;

#[test]
fn negatives_take_the_minus_sign_for_money_percentages_and_counts() {
    assert_eq!(usd(-1559.0), "−\u{2060}$1,559");
    assert_eq!(usd(-0.5), "−\u{2060}$0.50");
    assert_eq!(pct(-52.0), "−52%");
    assert_eq!(pct(-47.26), "−47.3%");
    assert_eq!(pct(-1073.4), "−1,070%");
    assert_eq!(count(-5000.0), "−5,000");
    assert_eq!(number(-1234.5, 1), "−1,234.5");
    assert_eq!(amount(-0.05), "−0.05");
    for s in [
        usd(-3.0),
        pct(-3.0),
        count(-3.0),
        number(-3.0, 2),
        amount(-3.0),
    ] {
        assert!(!s.contains('-'), "{s} has a hyphen");
    }
}

#[test]
fn nothing_rounds_to_a_negative_zero() {
    assert_eq!(number(-0.0001, 2), "0");
    assert_eq!(count(-0.4), "0");
    assert_eq!(pct(-0.0), "0%");
    assert_eq!(usd(-0.0), "$0");
    assert_eq!(number(-0.5, 1), "−0.5");
}

#[test]
fn percentages_keep_three_significant_figures_and_at_most_one_decimal() {
    assert_eq!(pct(0.042), "0.042%");
    assert_eq!(pct(0.5), "0.5%");
    assert_eq!(pct(4.26), "4.3%");
    assert_eq!(pct(12.5), "12.5%");
    assert_eq!(pct(91.94), "91.9%");
    assert_eq!(pct(99.96), "100%");
    assert_eq!(pct(260.2), "260%");
    assert_eq!(pct(1064.6), "1,060%");
    assert_eq!(pct(25_000_005.0), "25,000,000%");
}

#[test]
fn a_band_collapses_when_its_ends_read_the_same() {
    // ROI 1,073.4%–1,073.6%: both ends read 1,070%.
    assert_eq!(pct_band(Range::new(1073.4, 1073.6)), "1,070%");
    assert_eq!(pct_band(Range::new(1073.0, 1074.0)), "1,070%");
    assert_eq!(band(Range::new(23.996, 24.004), usd), "$24");
    assert_eq!(band(Range::new(5000.2, 5000.4), count), "5,000");
    assert_eq!(band(Range::new(1250.0, 4050.0), usd), "$1,250–$4,050");
}

#[test]
fn both_ends_of_a_percentage_band_take_the_same_rounding() {
    // 125% is whole, so 55.6% reads whole beside it.
    assert_eq!(pct_band(Range::new(55.6, 125.0)), "56%–125%");
    assert_eq!(pct_band(Range::new(91.9, 97.5)), "91.9%–97.5%");
    assert_eq!(pct_band(Range::new(260.2, 1064.6)), "260%–1,060%");
}

#[test]
fn ends_far_apart_or_of_both_signs_are_each_rounded_on_their_own() {
    // 4% is under a tenth of 1,200%: rounded as 1,200% is (to tens) it would read 0%.
    assert_eq!(pct_band(Range::new(4.0, 1200.0)), "4%–1,200%");
    // A loss beside a gain keeps its sign: −4% is not 0%.
    assert_eq!(pct_band(Range::new(-4.0, 1200.0)), "−4% to 1,200%");
    assert_eq!(pct_band(Range::new(-0.4, 250.0)), "−0.4% to 250%");
}

#[test]
fn cents_read_as_money_is_written() {
    assert_eq!(usd(0.5), "$0.50");
    assert_eq!(usd(0.3), "$0.30");
    assert_eq!(usd(0.995), "$1");
    assert_eq!(usd(0.104), "$0.10");
    // Under 10 cents, two significant digits: $0.024, $0.0096.
    assert_eq!(usd(0.024), "$0.024");
    assert_eq!(usd(0.0096), "$0.0096");
}

#[test]
fn a_band_with_a_negative_end_reads_low_to_high() {
    assert_eq!(pct_band(Range::new(-52.0, -47.2)), "−52% to −47.2%");
    assert_eq!(pct_band(Range::new(-34.2, -32.0)), "−34.2% to −32%");
    assert_eq!(
        band(Range::new(-1559.0, 200.0), usd),
        "−\u{2060}$1,559 to $200"
    );
    assert_eq!(band(Range::new(-12.0, -12.0), usd), "−\u{2060}$12");
    assert_eq!(band(Range::new(-0.001, 0.001), count), "0");
}

#[test]
fn huge_figures_are_grouped_in_full() {
    assert_eq!(usd(1e12), "$1,000,000,000,000");
    assert_eq!(usd(-1e12), "−\u{2060}$1,000,000,000,000");
    assert_eq!(count(1e12), "1,000,000,000,000");
    assert_eq!(pct(1e12), "1,000,000,000,000%");
    assert_eq!(amount(1e12), "1,000,000,000,000");
    assert_eq!(
        band(Range::new(1e12, 2.5e12), usd),
        "$1,000,000,000,000–$2,500,000,000,000"
    );
}

#[test]
fn tiny_figures_keep_their_significant_digits() {
    assert_eq!(usd(0.0096), "$0.0096");
    assert_eq!(usd(0.000001), "$0.000001");
    assert_eq!(amount(0.00012345), "0.000123");
    assert_eq!(pct(0.0004), "0.0004%");
    assert_eq!(pct_band(Range::new(0.04, 0.2)), "0.04%–0.2%");
}

#[test]
fn a_figure_written_into_a_field_reads_back() {
    for r in [
        Range::new(-10.0, -2.5),
        Range::new(-3.0, 4.0),
        Range::exact(-7.25),
        Range::new(1250.0, 4050.0),
    ] {
        assert_eq!(parse_range(&range_text(r), -1e6, 1e6), Ok(r), "{r:?}");
    }
    assert_eq!(range_text(Range::new(-10.0, -2.5)), "−10 to −2.5");
}
