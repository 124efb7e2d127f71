//! Colours for the charts: a light and a dark theme, and a palette of series colours
//! that colour-blind readers can tell apart on either background.

use plotters::style::RGBColor;

/// The colours a chart is drawn with.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// Behind everything.
    pub background: RGBColor,
    /// Labels, the marker line and the best-case line.
    pub text: RGBColor,
    /// Tick labels, axes and phase boundaries.
    pub muted: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// The users line and the profit band.
    pub accent: RGBColor,
    /// Cost, and alerts.
    pub danger: RGBColor,
    /// Revenue.
    pub good: RGBColor,
    /// Series colours in order, one per component; reused when there are more components.
    pub palette: Vec<RGBColor>,
}

/// Okabe–Ito's colour-blind-safe set, with its yellow darkened to read on white and black
/// grey added, so that eight components get eight distinct colours.
const OKABE_ITO: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(196, 170, 30),
    RGBColor(140, 140, 140),
];

impl Theme {
    /// The dark theme when `dark`, else the light one.
    pub fn for_scheme(dark: bool) -> Theme {
        if dark {
            Theme::dark()
        } else {
            Theme::light()
        }
    }

    /// Dark ink on white.
    pub fn light() -> Theme {
        Theme {
            background: RGBColor(255, 255, 255),
            text: RGBColor(33, 37, 41),
            muted: RGBColor(100, 108, 117),
            grid: RGBColor(228, 231, 235),
            accent: RGBColor(0, 114, 178),
            danger: RGBColor(213, 94, 0),
            good: RGBColor(0, 150, 110),
            palette: OKABE_ITO.to_vec(),
        }
    }

    /// Light ink on near-black; the palette is lifted a little so the darker colours
    /// (blue, vermilion) keep their contrast.
    pub fn dark() -> Theme {
        Theme {
            background: RGBColor(22, 24, 29),
            text: RGBColor(232, 234, 237),
            muted: RGBColor(160, 166, 175),
            grid: RGBColor(52, 57, 65),
            accent: RGBColor(86, 180, 233),
            danger: RGBColor(240, 128, 64),
            good: RGBColor(64, 200, 150),
            palette: OKABE_ITO.iter().map(|c| lift(*c, 0.18)).collect(),
        }
    }

    /// The colour of series `i`; the accent when the palette is empty.
    pub fn series(&self, i: usize) -> RGBColor {
        if self.palette.is_empty() {
            self.accent
        } else {
            self.palette[i % self.palette.len()]
        }
    }
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::light()
    }
}

/// `c` moved a fraction `by` of the way to white.
fn lift(c: RGBColor, by: f64) -> RGBColor {
    let f = |v: u8| (v as f64 + (255.0 - v as f64) * by).round() as u8;
    RGBColor(f(c.0), f(c.1), f(c.2))
}

/// `fg` at opacity `alpha` over `bg`, as the eye sees it.
pub(crate) fn blend(fg: RGBColor, alpha: f64, bg: RGBColor) -> RGBColor {
    let a = alpha.clamp(0.0, 1.0);
    let f = |x: u8, y: u8| (x as f64 * a + y as f64 * (1.0 - a)).round() as u8;
    RGBColor(f(fg.0, bg.0), f(fg.1, bg.1), f(fg.2, bg.2))
}

/// Near-black or white, whichever reads better on `fill`.
pub(crate) fn ink_on(fill: RGBColor) -> RGBColor {
    let lin = |v: u8| {
        let s = v as f64 / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * lin(fill.0) + 0.7152 * lin(fill.1) + 0.0722 * lin(fill.2);
    // Contrast against black is (l + 0.05) / 0.05, against white 1.05 / (l + 0.05); they
    // are equal at l ≈ 0.179.
    if l > 0.179 {
        RGBColor(20, 22, 26)
    } else {
        RGBColor(255, 255, 255)
    }
}
