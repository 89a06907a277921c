//! The universe page's small chart: HPC's share of one company's revenue per quarter as a line
//! over 0–100%, the 50% line dashed (where HPC overtakes the bitcoin side), each quarter's share
//! on hover (`<title>`), and the detector's crossover quarter marked in red.

use std::fmt::Write;

use super::html::Esc;
use super::universe::share;
use crate::model::FiscalQuarter;
use crate::store::SeriesRow;

const WIDTH: f64 = 168.0;
const HEIGHT: f64 = 44.0;
const PAD: f64 = 4.0;

/// The chart of `quarters` (oldest first); `crossover` is the (fiscal year, quarter) to mark.
pub(super) fn svg(quarters: &[(FiscalQuarter, SeriesRow)], crossover: Option<(i32, u8)>) -> String {
    let mut out = String::with_capacity(160 + 140 * quarters.len());
    let _ = write!(
        out,
        "<svg class=\"spark\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" \
         height=\"{HEIGHT}\" role=\"img\" aria-label=\"HPC share per quarter\">\
         <line x1=\"0\" x2=\"{WIDTH}\" y1=\"{mid}\" y2=\"{mid}\" stroke=\"#bbb\" stroke-dasharray=\"3 3\"/>",
        mid = HEIGHT / 2.0
    );
    let step = (WIDTH - 2.0 * PAD) / (quarters.len().max(2) - 1) as f64;
    let x = |i: usize| PAD + step * i as f64;
    let y = |s: f64| PAD + (HEIGHT - 2.0 * PAD) * (1.0 - s.clamp(0.0, 1.0));
    if let Some(i) = quarters.iter().position(|(_, r)| Some((r.fiscal_year, r.fiscal_quarter)) == crossover) {
        let _ = write!(
            out,
            "<g class=\"crossover\" data-quarter=\"{q}\"><title>Crossover {q}</title><line x1=\"{at:.1}\" x2=\"{at:.1}\" \
             y1=\"0\" y2=\"{HEIGHT}\" stroke=\"#c00\" stroke-width=\"2\"/></g>",
            q = Esc(&quarters[i].0.to_string()),
            at = x(i)
        );
    }
    let points: Vec<(usize, f64)> =
        quarters.iter().enumerate().filter_map(|(i, (_, r))| Some((i, share(r)?))).collect();
    out.push_str("<polyline fill=\"none\" stroke=\"#2f63c9\" stroke-width=\"1.5\" points=\"");
    for &(i, s) in &points {
        let _ = write!(out, "{:.1},{:.1} ", x(i), y(s));
    }
    out.push_str("\"/>");
    for &(i, s) in &points {
        let _ = write!(
            out,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2\" fill=\"#2f63c9\"><title>{} · HPC {:.0}%</title></circle>",
            x(i),
            y(s),
            Esc(&quarters[i].0.to_string()),
            s * 100.0
        );
    }
    out.push_str("</svg>");
    out
}
