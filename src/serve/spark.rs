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
            "<g class=\"crossover\" data-quarter=\"{q}\"><title>Crossover {q}</title><line x1=\"{at}\" x2=\"{at}\" \
             y1=\"0\" y2=\"{HEIGHT}\" stroke=\"#c00\" stroke-width=\"2\"/></g>",
            q = Esc(&quarters[i].0.to_string()),
            at = Tenths(x(i))
        );
    }
    let points: Vec<(usize, f64)> =
        quarters.iter().enumerate().filter_map(|(i, (_, r))| Some((i, share(r)?))).collect();
    out.push_str("<polyline fill=\"none\" stroke=\"#2f63c9\" stroke-width=\"1.5\" points=\"");
    for &(i, s) in &points {
        let _ = write!(out, "{},{} ", Tenths(x(i)), Tenths(y(s)));
    }
    out.push_str("\"/>");
    for &(i, s) in &points {
        let _ = write!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"2\" fill=\"#2f63c9\"><title>{} · HPC {}%</title></circle>",
            Tenths(x(i)),
            Tenths(y(s)),
            Esc(&quarters[i].0.to_string()),
            (s * 100.0).round() as i64
        );
    }
    out.push_str("</svg>");
    out
}

/// A coordinate to one decimal, written from whole tenths: the page holds some 20,000 of them for
/// 500 companies, and formatting floats with a precision was a fifth of its rendering time. A
/// value just below a half tenth (21.95 is 21.9499… in binary) may come out a tenth higher than
/// `{:.1}` writes it: a tenth of a pixel, in a chart.
struct Tenths(f64);

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tenths = (self.0 * 10.0).round() as i64;
        let sign = if tenths < 0 { "-" } else { "" };
        write!(f, "{sign}{}.{}", tenths.abs() / 10, tenths.abs() % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::Tenths;

    #[test]
    fn tenths_write_one_decimal_as_a_precision_would() {
        for v in [0.0, 4.0, 21.94, 22.0, 39.99, 168.0, 0.04, 13.333_333, -3.26] {
            assert_eq!(Tenths(v).to_string(), format!("{v:.1}"), "{v}");
        }
        assert_eq!(Tenths(21.95).to_string(), "22.0", "a half tenth rounds away from zero");
    }
}
