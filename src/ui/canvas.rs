//! A plotters backend over a 2D canvas context that remembers the context's state.
//!
//! A chart sets the same font, colour and alignment hundreds of times per redraw; each
//! setting crosses from wasm to JavaScript and the font is parsed anew every time. This
//! backend sets a property only when its value changes, formats each colour once per
//! change, and draws in CSS pixels (the caller scales the context by the device pixel
//! ratio).

use std::fmt;

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use web_sys::CanvasRenderingContext2d;

/// A canvas call that threw; only `arc` and `fillText` can.
#[derive(Debug)]
pub struct CanvasError;

impl fmt::Display for CanvasError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the canvas refused a drawing call")
    }
}

impl std::error::Error for CanvasError {}

/// A colour as the context last received it: rgb and alpha in thousandths.
type ColorKey = (u8, u8, u8, u16);

fn key(c: BackendColor) -> ColorKey {
    let (r, g, b) = c.rgb;
    (r, g, b, (c.alpha.clamp(0.0, 1.0) * 1000.0).round() as u16)
}

fn css(k: ColorKey) -> String {
    let (r, g, b, a) = k;
    if a >= 1000 {
        format!("rgb({r},{g},{b})")
    } else {
        format!("rgba({r},{g},{b},{})", f64::from(a) / 1000.0)
    }
}

/// Draws on a canvas context in CSS pixels, setting each context property only on change.
pub struct Canvas2d {
    ctx: CanvasRenderingContext2d,
    size: (u32, u32),
    fill: Option<ColorKey>,
    stroke: Option<ColorKey>,
    width: Option<u32>,
    font: String,
    align: &'static str,
    baseline: &'static str,
}

impl Canvas2d {
    /// A backend over `ctx` for a drawing `size` CSS pixels wide and high. The context's
    /// properties are read as unknown, so the first use of each sets it.
    pub fn new(ctx: CanvasRenderingContext2d, size: (u32, u32)) -> Canvas2d {
        Canvas2d {
            ctx,
            size,
            fill: None,
            stroke: None,
            width: None,
            font: String::new(),
            align: "",
            baseline: "",
        }
    }

    /// Makes the whole drawing transparent.
    pub fn clear(&self) {
        self.ctx
            .clear_rect(0.0, 0.0, f64::from(self.size.0), f64::from(self.size.1));
    }

    fn set_fill(&mut self, c: BackendColor) {
        let k = key(c);
        if self.fill != Some(k) {
            self.ctx.set_fill_style_str(&css(k));
            self.fill = Some(k);
        }
    }

    fn set_stroke(&mut self, style: &impl BackendStyle) {
        let k = key(style.color());
        if self.stroke != Some(k) {
            self.ctx.set_stroke_style_str(&css(k));
            self.stroke = Some(k);
        }
        let w = style.stroke_width();
        if self.width != Some(w) {
            self.ctx.set_line_width(f64::from(w));
            self.width = Some(w);
        }
    }

    /// Takes up the style's colour for filling, or its colour and width for stroking.
    fn pen(&mut self, style: &impl BackendStyle, fill: bool) {
        if fill {
            self.set_fill(style.color());
        } else {
            self.set_stroke(style);
        }
    }

    fn trace(&self, path: impl IntoIterator<Item = BackendCoord>) -> bool {
        let mut points = path.into_iter();
        let Some((x, y)) = points.next() else {
            return false;
        };
        self.ctx.begin_path();
        self.ctx.move_to(f64::from(x), f64::from(y));
        for (x, y) in points {
            self.ctx.line_to(f64::from(x), f64::from(y));
        }
        true
    }
}

/// A one-pixel line along a pixel row or column sits on the pixel's centre, not its edge,
/// so that it is drawn crisp rather than as two half-covered rows.
fn crisp(from: BackendCoord, to: BackendCoord) -> ((f64, f64), (f64, f64)) {
    let mut a = (f64::from(from.0), f64::from(from.1));
    let mut b = (f64::from(to.0), f64::from(to.1));
    if from.0 == to.0 {
        a.0 -= 0.5;
        b.0 -= 0.5;
    }
    if from.1 == to.1 {
        a.1 -= 0.5;
        b.1 -= 0.5;
    }
    (a, b)
}

impl DrawingBackend for Canvas2d {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if color.alpha > 0.0 {
            self.set_fill(color);
            self.ctx
                .fill_rect(f64::from(point.0), f64::from(point.1), 1.0, 1.0);
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha > 0.0 {
            let (a, b) = crisp(from, to);
            self.set_stroke(style);
            self.ctx.begin_path();
            self.ctx.move_to(a.0, a.1);
            self.ctx.line_to(b.0, b.1);
            self.ctx.stroke();
        }
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha <= 0.0 {
            return Ok(());
        }
        let (x, y) = (f64::from(upper_left.0), f64::from(upper_left.1));
        let (w, h) = (
            f64::from(bottom_right.0 - upper_left.0),
            f64::from(bottom_right.1 - upper_left.1),
        );
        self.pen(style, fill);
        if fill {
            self.ctx.fill_rect(x, y, w, h);
        } else {
            self.ctx.stroke_rect(x, y, w, h);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha > 0.0 {
            self.set_stroke(style);
            if self.trace(path) {
                self.ctx.stroke();
            }
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha > 0.0 {
            self.set_fill(style.color());
            if self.trace(vert) {
                self.ctx.close_path();
                self.ctx.fill();
            }
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha <= 0.0 {
            return Ok(());
        }
        self.pen(style, fill);
        self.ctx.begin_path();
        self.ctx
            .arc(
                f64::from(center.0),
                f64::from(center.1),
                f64::from(radius),
                0.0,
                std::f64::consts::TAU,
            )
            .map_err(|_| DrawingErrorKind::DrawingError(CanvasError))?;
        if fill {
            self.ctx.fill();
        } else {
            self.ctx.stroke();
        }
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        let color = style.color();
        if color.alpha <= 0.0 {
            return Ok(());
        }
        let anchor = style.anchor();
        let baseline = match anchor.v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        if self.baseline != baseline {
            self.ctx.set_text_baseline(baseline);
            self.baseline = baseline;
        }
        let align = match anchor.h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        if self.align != align {
            self.ctx.set_text_align(align);
            self.align = align;
        }
        self.set_fill(color);
        let font = format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        );
        if self.font != font {
            self.ctx.set_font(&font);
            self.font = font;
        }
        self.ctx
            .fill_text(text, f64::from(pos.0), f64::from(pos.1))
            .map_err(|_| DrawingErrorKind::DrawingError(CanvasError))
    }
}
