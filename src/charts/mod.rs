//! Charts as functions over any plotters backend: the page draws them on a canvas, the
//! native tests render them to SVG. Each takes plain data built from the model.

mod compare;
mod cost;
mod frame;
mod geometry;
mod label;
mod phases;
mod profit;
mod revenue;
mod theme;
mod tornado;

pub use compare::{draw_compare, CompareChart, CompareSeries, COMPARE_NAME_CHARS};
pub use cost::{draw_cost, x_max_for, CostChart, LEGEND_NAME_CHARS, MAX_BOUNDARIES, POINTS};
pub use frame::draw_marker;
pub use geometry::Geometry;
pub use label::{short_count, short_name, short_offer};
pub use phases::{draw_phases, EventMark, Lane, LaneSpan, PhaseChart, LANE_NAME_CHARS};
pub use profit::{draw_profit, ProfitChart};
pub use revenue::{draw_revenue, RevenueChart};
pub use theme::Theme;
pub use tornado::{draw_tornado, TornadoBar, TornadoChart, TORNADO_BARS};
