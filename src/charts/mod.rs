//! Charts as functions over any plotters backend: the page draws them on a canvas, the
//! native tests render them to SVG. Each takes plain data built from the model.
