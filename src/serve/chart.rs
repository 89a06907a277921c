//! The company chart: mining (with hosting, the bitcoin side) against HPC revenue per fiscal
//! quarter as an inline SVG, values on hover (`<title>`), and the crossover quarter marked.
//!
//! Inline SVG needs no script and no chart library, prints, and is checked in a browser test by
//! reading the DOM. The crossover marked is the detector's (see `signals::crossover`), not
//! recomputed here.

use std::fmt::Write;

use super::html::{Esc, millions};
use crate::store::NamedQuarter;

const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 320.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 36.0;
const BOTTOM: f64 = 56.0;
const MINING: &str = "#f7931a";
const HOSTING: &str = "#f5c98f";
const HPC: &str = "#2f63c9";

/// The height of a quarter's stacked mining + hosting bar, when either is reported.
fn bitcoin_side(q: &NamedQuarter) -> Option<i64> {
    (q.values.mining.is_some() || q.values.hosting.is_some())
        .then(|| q.values.mining.unwrap_or(0).saturating_add(q.values.hosting.unwrap_or(0)))
}

/// The chart, or a sentence saying there is nothing to chart.
/// `crossover` is the (fiscal year, quarter) to mark.
pub(super) fn svg(quarters: &[NamedQuarter], crossover: Option<(i32, u8)>) -> String {
    if quarters.is_empty() {
        return "<p>No resolved quarters yet.</p>".to_string();
    }
    let top = quarters.iter().filter_map(|q| bitcoin_side(q).max(q.values.hpc)).max().unwrap_or(0);
    let step = nice_step(top as f64 / 4.0);
    let scale_max = (step * 4.0).max(1.0);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let y = |v: i64| TOP + plot_h * (1.0 - v as f64 / scale_max);
    let group = plot_w / quarters.len() as f64;
    let bar = group * 0.34;

    let mut out = String::new();
    let _ = write!(
        out,
        "<svg id=\"revenue-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" \
         height=\"{HEIGHT}\" role=\"img\" aria-label=\"Mining and HPC revenue by fiscal quarter\">"
    );
    for tick in 0..=4 {
        let value = (step * f64::from(tick)) as i64;
        let at = y(value);
        let _ = write!(
            out,
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{at:.1}\" y2=\"{at:.1}\" stroke=\"#ddd\"/>\
             <text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            WIDTH - RIGHT,
            LEFT - 6.0,
            at + 4.0,
            Esc(&millions(Some(value)))
        );
    }
    for (i, q) in quarters.iter().enumerate() {
        let name = q.quarter.to_string();
        let x = LEFT + group * i as f64 + (group - 2.0 * bar) / 2.0;
        let mining = q.values.mining.unwrap_or(0);
        let stack = [
            (0, mining, MINING, "mining", q.values.mining),
            (mining, q.values.hosting.unwrap_or(0), HOSTING, "hosting", q.values.hosting),
        ];
        for (base, value, color, label, shown) in stack.into_iter().filter(|s| s.4.is_some()) {
            rect(
                &mut out,
                x,
                y(base + value),
                bar,
                y(base) - y(base + value),
                color,
                &format!("{name} · {label} {}", millions(shown)),
            );
        }
        if let Some(hpc) = q.values.hpc {
            rect(&mut out, x + bar, y(hpc), bar, y(0) - y(hpc), HPC, &format!("{name} · HPC {}", millions(Some(hpc))));
        }
        let cx = x + bar;
        let _ = write!(
            out,
            "<text x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"end\" transform=\"rotate(-35 {cx:.1} {:.1})\">{}</text>",
            HEIGHT - BOTTOM + 14.0,
            HEIGHT - BOTTOM + 14.0,
            Esc(&name)
        );
    }
    let marked = quarters.iter().position(|q| Some((q.values.fiscal_year, q.values.fiscal_quarter)) == crossover);
    if let Some(i) = marked {
        let x = LEFT + group * i as f64;
        let name = quarters[i].quarter.to_string();
        // The label reads away from the nearer edge, so it is never cut off.
        let (label_x, anchor) = if x > WIDTH / 2.0 { (x - 4.0, "end") } else { (x + 4.0, "start") };
        let _ = write!(
            out,
            "<g id=\"crossover\" data-quarter=\"{}\"><title>Crossover: HPC revenue overtook bitcoin revenue in {}</title>\
             <line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{}\" y2=\"{}\" stroke=\"#c00\" stroke-dasharray=\"5 3\" stroke-width=\"2\"/>\
             <text x=\"{:.1}\" y=\"{}\" fill=\"#c00\" text-anchor=\"{anchor}\">Crossover {}</text></g>",
            Esc(&name),
            Esc(&name),
            TOP - 8.0,
            HEIGHT - BOTTOM,
            label_x,
            TOP - 12.0,
            Esc(&name)
        );
    }
    let legend = [(MINING, "Mining"), (HOSTING, "Hosting"), (HPC, "HPC / AI")];
    for (k, (color, label)) in legend.into_iter().enumerate() {
        let lx = LEFT + 88.0 * k as f64;
        let _ = write!(
            out,
            "<rect x=\"{lx}\" y=\"8\" width=\"10\" height=\"10\" fill=\"{color}\"/><text x=\"{}\" y=\"17\">{label}</text>",
            lx + 14.0
        );
    }
    out.push_str("</svg>");
    out
}

fn rect(out: &mut String, x: f64, y: f64, width: f64, height: f64, color: &str, title: &str) {
    let _ = write!(
        out,
        "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"{:.1}\" fill=\"{color}\"><title>{}</title></rect>",
        height.max(0.0),
        Esc(title)
    );
}

/// A round axis step (1, 2 or 5 × a power of ten) at least `raw`.
fn nice_step(raw: f64) -> f64 {
    if raw <= 0.0 {
        return 1.0;
    }
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * power).find(|&s| s >= raw).unwrap_or(10.0 * power)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FiscalQuarter;
    use crate::model::Period;
    use crate::store::SeriesRow;

    fn quarter(q: u8, mining: Option<i64>, hpc: Option<i64>) -> NamedQuarter {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
        NamedQuarter {
            quarter: FiscalQuarter { fiscal_year: 2026, quarter: q, calendar: true },
            values: SeriesRow {
                fiscal_year: 2026,
                fiscal_quarter: q,
                period: Period { start: day, end: day },
                mining,
                hpc,
                hosting: None,
                other: None,
                total: None,
                derived: false,
                disagreement: false,
            },
            sources: Default::default(),
        }
    }

    #[test]
    fn marks_the_crossover_quarter_and_names_every_value() {
        let series = [quarter(1, Some(30), Some(5)), quarter(2, Some(20), Some(21)), quarter(3, Some(10), Some(40))];
        let svg = svg(&series, Some((2026, 2)));
        assert!(svg.contains("<g id=\"crossover\" data-quarter=\"Q2 2026\">"), "{svg}");
        assert!(svg.contains("<title>Q2 2026 · HPC $0.0M</title>"), "{svg}");
        assert!(svg.contains("<title>Q3 2026 · mining $0.0M</title>"), "{svg}");
        assert!(!super::svg(&series, None).contains("crossover"));
        assert!(!super::svg(&series, Some((2025, 4))).contains("crossover"), "a quarter not charted is not marked");
    }

    #[test]
    fn axis_steps_are_round() {
        assert_eq!(nice_step(7.3e6), 1e7);
        assert_eq!(nice_step(1.2e6), 2e6);
        assert_eq!(nice_step(0.0), 1.0);
    }
}
