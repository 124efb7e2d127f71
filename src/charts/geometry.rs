//! Where a chart drew its plotting area, so that the page can turn a pointer position
//! back into users or months (to drag the marker) and the tests can check the mapping.

/// The plotting area of a drawn chart, in the backend's pixels, and the data range along x.
///
/// Pixels are absolute backend coordinates: for a root area covering the whole canvas
/// they are the pointer's offset in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    /// Left and right edges of the plotting area.
    pub x_px: (f64, f64),
    /// Top and bottom edges of the plotting area.
    pub y_px: (f64, f64),
    /// Data values at the left and right edges (users or months).
    pub x_range: (f64, f64),
    /// True when x is on a log₁₀ scale (users), false when linear (months).
    pub log_x: bool,
}

/// The smallest value a log axis takes, so that zero and negatives map to its left end.
const LOG_FLOOR: f64 = 1e-300;

impl Geometry {
    fn scale(&self, v: f64) -> f64 {
        if self.log_x {
            v.max(LOG_FLOOR).log10()
        } else {
            v
        }
    }

    fn unscale(&self, s: f64) -> f64 {
        if self.log_x {
            10f64.powf(s)
        } else {
            s
        }
    }

    /// The data value under pixel column `px`, clamped to the data range.
    ///
    /// # Formula
    /// t = (px − left) ÷ (right − left) clamped to 0–1; linear: lo + t × (hi − lo);
    /// log: 10^(log lo + t × (log hi − log lo)).
    pub fn x_value_at(&self, px: f64) -> f64 {
        let (a, b) = self.x_px;
        let t = if b - a > 0.0 && px.is_finite() {
            ((px - a) / (b - a)).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let (lo, hi) = (self.scale(self.x_range.0), self.scale(self.x_range.1));
        if !(lo.is_finite() && hi.is_finite()) {
            return self.x_range.0;
        }
        self.unscale(lo + t * (hi - lo))
    }

    /// The pixel column of data value `x`; values outside the range map outside the
    /// plotting area, NaN to its left edge.
    ///
    /// # Formula
    /// left + (s(x) − s(lo)) ÷ (s(hi) − s(lo)) × (right − left), s = log₁₀ or identity.
    pub fn px_of(&self, x: f64) -> f64 {
        let (a, b) = self.x_px;
        let (lo, hi) = (self.scale(self.x_range.0), self.scale(self.x_range.1));
        let t = if hi - lo > 0.0 && x.is_finite() {
            ((self.scale(x) - lo) / (hi - lo)).clamp(-1e6, 1e6)
        } else if x == f64::INFINITY {
            1.0
        } else {
            0.0
        };
        a + t * (b - a)
    }

    /// True when the point lies in the plotting area, edges included.
    pub fn contains(&self, px: f64, py: f64) -> bool {
        px >= self.x_px.0 && px <= self.x_px.1 && py >= self.y_px.0 && py <= self.y_px.1
    }
}
