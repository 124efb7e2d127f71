//! Low/high ranges for uncertain inputs, and the two cases they are carried through.
//! A range is written in JSON as a number (exact) or as `[low, high]`.

use std::fmt;
use std::ops::{Index, IndexMut};

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An uncertain quantity: every figure is computed at both ends.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    /// The smaller end.
    pub low: f64,
    /// The larger end; never below `low` in a validated scenario.
    pub high: f64,
}

impl Default for Range {
    /// Exactly 0.
    fn default() -> Self {
        Range::exact(0.0)
    }
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

/// One value for each case: read as `.best` and `.worst`, or indexed by a [`Case`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PerCase<T> {
    /// The best case's.
    pub best: T,
    /// The worst case's.
    pub worst: T,
}

impl<T> PerCase<T> {
    /// Each case's value from `f`, called for the best case first.
    pub fn from_fn(mut f: impl FnMut(Case) -> T) -> PerCase<T> {
        let best = f(Case::Best);
        let worst = f(Case::Worst);
        PerCase { best, worst }
    }

    /// Each value through `f`, the best case's first.
    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> PerCase<U> {
        let best = f(self.best);
        let worst = f(self.worst);
        PerCase { best, worst }
    }

    /// References to both values.
    pub fn as_ref(&self) -> PerCase<&T> {
        PerCase {
            best: &self.best,
            worst: &self.worst,
        }
    }

    /// Both values, the best case's first.
    pub fn iter(&self) -> std::array::IntoIter<&T, 2> {
        [&self.best, &self.worst].into_iter()
    }

    /// Both values to change, the best case's first.
    pub fn iter_mut(&mut self) -> std::array::IntoIter<&mut T, 2> {
        [&mut self.best, &mut self.worst].into_iter()
    }
}

impl<T> Index<Case> for PerCase<T> {
    type Output = T;

    #[inline]
    fn index(&self, case: Case) -> &T {
        match case {
            Case::Best => &self.best,
            Case::Worst => &self.worst,
        }
    }
}

impl<T> IndexMut<Case> for PerCase<T> {
    #[inline]
    fn index_mut(&mut self, case: Case) -> &mut T {
        match case {
            Case::Best => &mut self.best,
            Case::Worst => &mut self.worst,
        }
    }
}

impl<T> IntoIterator for PerCase<T> {
    type Item = T;
    type IntoIter = std::array::IntoIter<T, 2>;

    /// Both values, the best case's first.
    fn into_iter(self) -> Self::IntoIter {
        [self.best, self.worst].into_iter()
    }
}

impl<'a, T> IntoIterator for &'a PerCase<T> {
    type Item = &'a T;
    type IntoIter = std::array::IntoIter<&'a T, 2>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
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

    /// True when both ends are 0.
    pub fn is_zero(&self) -> bool {
        self.low == 0.0 && self.high == 0.0
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

/// Reads a number, a `[low, high]` pair or a `{"low": …, "high": …}` object straight from
/// the parser, without buffering the value to try each shape in turn.
struct RangeVisitor;

const EXPECTED: &str = "a number or a [low, high] pair of numbers";

impl<'de> Visitor<'de> for RangeVisitor {
    type Value = Range;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Range, E> {
        Ok(Range::exact(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Range, E> {
        Ok(Range::exact(v as f64))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Range, E> {
        Ok(Range::exact(v as f64))
    }

    // The ends are kept as written so that validation can report a reversed range.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Range, A::Error> {
        let low: f64 = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(0, &self))?;
        let high: f64 = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(1, &self))?;
        if seq.next_element::<de::IgnoredAny>()?.is_some() {
            return Err(de::Error::invalid_length(3, &self));
        }
        Ok(Range { low, high })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Range, A::Error> {
        let (mut low, mut high) = (None, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "low" if low.is_none() => low = Some(map.next_value::<f64>()?),
                "high" if high.is_none() => high = Some(map.next_value::<f64>()?),
                "low" | "high" => return Err(de::Error::duplicate_field("low or high")),
                other => return Err(de::Error::unknown_field(other, &["low", "high"])),
            }
        }
        match (low, high) {
            (Some(low), Some(high)) => Ok(Range { low, high }),
            (None, _) => Err(de::Error::missing_field("low")),
            (_, None) => Err(de::Error::missing_field("high")),
        }
    }
}

impl<'de> Deserialize<'de> for Range {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RangeVisitor)
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
    fn keeps_a_reversed_pair_as_written_and_refuses_other_shapes() {
        let r: Range = serde_json::from_str("[5, 2]").unwrap();
        assert_eq!((r.low, r.high), (5.0, 2.0));
        for bad in [
            "[1]",
            "[1, 2, 3]",
            "[]",
            "null",
            r#"{"low": 1}"#,
            r#"{"low": 1, "high": 2, "mid": 1}"#,
            r#"{"low": 1, "low": 2, "high": 3}"#,
            "[1, \"2\"]",
        ] {
            let e = serde_json::from_str::<Range>(bad).unwrap_err().to_string();
            assert!(!e.is_empty(), "{bad} was read");
        }
        let e = serde_json::from_str::<Range>("true")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("a number or a [low, high] pair of numbers"),
            "{e}"
        );
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
    fn per_case_values_are_read_by_case() {
        let mut v = PerCase::from_fn(|case| match case {
            Case::Best => 1,
            Case::Worst => 2,
        });
        assert_eq!(v, PerCase { best: 1, worst: 2 });
        assert_eq!((v[Case::Best], v[Case::Worst]), (1, 2));
        v[Case::Worst] += 10;
        assert_eq!(v.worst, 12);
        assert_eq!(v.map(|x| x * 2), PerCase { best: 2, worst: 24 });
        assert_eq!(v.iter().copied().collect::<Vec<_>>(), [1, 12]);
        let mut seen = Vec::new();
        PerCase::from_fn(|case| seen.push(case));
        assert_eq!(seen, Case::BOTH);
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
