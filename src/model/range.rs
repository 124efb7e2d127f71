//! Low/high ranges for uncertain inputs, and the two cases they are carried through.
//! A range is written in JSON as a number (exact) or as `[low, high]`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An uncertain quantity: every figure is computed at both ends.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    /// The smaller end.
    pub low: f64,
    /// The larger end; never below `low` in a validated scenario.
    pub high: f64,
}

/// Which end of every range a computation takes.
///
/// `Best` takes low prices, low demand, high capacity and high revenue; `Worst` the
/// opposite. Every answer is shown as the band between the two cases.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Case {
    /// Low costs, high capacity, high revenue.
    Best,
    /// High costs, low capacity, low revenue.
    Worst,
}

impl Case {
    /// Both cases, best first.
    pub const BOTH: [Case; 2] = [Case::Best, Case::Worst];
}

impl Range {
    /// A range whose two ends are the same value.
    pub const fn exact(value: f64) -> Self {
        Range {
            low: value,
            high: value,
        }
    }

    /// A range from its two ends, in either order.
    pub fn new(a: f64, b: f64) -> Self {
        if a <= b {
            Range { low: a, high: b }
        } else {
            Range { low: b, high: a }
        }
    }

    /// True when both ends are the same.
    pub fn is_exact(&self) -> bool {
        self.low == self.high
    }

    /// The end that makes cost higher in the worst case: `low` in `Best`, `high` in `Worst`.
    /// Use it for prices and demand.
    pub fn cost_end(&self, case: Case) -> f64 {
        match case {
            Case::Best => self.low,
            Case::Worst => self.high,
        }
    }

    /// The end that helps in the best case: `high` in `Best`, `low` in `Worst`.
    /// Use it for capacity, conversion and prices paid by customers.
    pub fn benefit_end(&self, case: Case) -> f64 {
        match case {
            Case::Best => self.high,
            Case::Worst => self.low,
        }
    }

    /// Both ends multiplied by a non-negative factor.
    pub fn scale(&self, factor: f64) -> Range {
        Range::new(self.low * factor, self.high * factor)
    }

    /// True when both ends are finite numbers.
    pub fn is_finite(&self) -> bool {
        self.low.is_finite() && self.high.is_finite()
    }
}

impl Serialize for Range {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.is_exact() {
            serializer.serialize_f64(self.low)
        } else {
            [self.low, self.high].serialize(serializer)
        }
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RangeRepr {
    Exact(f64),
    Pair([f64; 2]),
    Named { low: f64, high: f64 },
}

impl<'de> Deserialize<'de> for Range {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The ends are kept as written so that validation can report a reversed range.
        match RangeRepr::deserialize(deserializer) {
            Ok(RangeRepr::Exact(v)) => Ok(Range::exact(v)),
            Ok(RangeRepr::Pair([low, high])) | Ok(RangeRepr::Named { low, high }) => {
                Ok(Range { low, high })
            }
            Err(_) => Err(serde::de::Error::custom(
                "expected a number or a [low, high] pair of numbers",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_number_pair_and_object() {
        let a: Range = serde_json::from_str("24").unwrap();
        let b: Range = serde_json::from_str("[200, 500]").unwrap();
        let c: Range = serde_json::from_str(r#"{"low": 1, "high": 2}"#).unwrap();
        assert_eq!(a, Range::exact(24.0));
        assert_eq!(b, Range::new(200.0, 500.0));
        assert_eq!(c, Range::new(1.0, 2.0));
        assert!(serde_json::from_str::<Range>("\"x\"").is_err());
    }

    #[test]
    fn writes_exact_as_number_and_band_as_pair() {
        assert_eq!(serde_json::to_string(&Range::exact(5.0)).unwrap(), "5.0");
        assert_eq!(
            serde_json::to_string(&Range::new(1.0, 2.0)).unwrap(),
            "[1.0,2.0]"
        );
    }

    #[test]
    fn ends_follow_the_case() {
        let r = Range::new(10.0, 20.0);
        assert_eq!(r.cost_end(Case::Best), 10.0);
        assert_eq!(r.cost_end(Case::Worst), 20.0);
        assert_eq!(r.benefit_end(Case::Best), 20.0);
        assert_eq!(r.benefit_end(Case::Worst), 10.0);
    }
}
