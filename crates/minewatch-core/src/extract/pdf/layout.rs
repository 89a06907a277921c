//! Positioned runs → upright lines of cells.
//!
//! A page may be drawn sideways (a landscape table on a `/Rotate`d page, or content turned with
//! `cm`), so runs are first turned so that most text reads left to right. Runs on one baseline
//! (within a fraction of the font size, so superscripts stay on their line) form a line; within a
//! line, a gap under a fraction of an em joins words, a wider gap starts a new cell.

use std::f64::consts::FRAC_PI_2;

use super::content::RawRun;

/// Baselines closer than this many em are one line.
const LINE_TOLERANCE_EM: f64 = 0.4;

/// A gap wider than this many em between runs is a space between words.
const WORD_GAP_EM: f64 = 0.12;

/// A gap wider than this many em (about two spaces) separates cells.
const CELL_GAP_EM: f64 = 0.6;

/// Currency signs that sit apart from their figure in financial tables and belong to it.
const CURRENCY: [&str; 3] = ["$", "€", "£"];

/// A text run in upright page coordinates (y grows upward; x along the reading direction).
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub size: f64,
    pub text: String,
}

/// Consecutive runs of one line that belong together.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub x0: f64,
    pub x1: f64,
    pub text: String,
}

impl Cell {
    pub fn center(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
}

/// One line of text, cells left to right.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Baseline of its largest text.
    pub y: f64,
    /// Largest font size on it.
    pub size: f64,
    pub cells: Vec<Cell>,
}

impl Line {
    /// The line as plain text, cells separated by one space.
    pub fn text(&self) -> String {
        self.cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(" ")
    }
}

/// Turns runs so that the direction most text runs in becomes left to right. Runs in other
/// directions are returned apart, as text only.
pub fn upright(raw: Vec<RawRun>) -> (Vec<Run>, Vec<String>) {
    let mut weight = [0usize; 4];
    for run in &raw {
        weight[quadrant(run.dir)] += run.text.chars().count();
    }
    let main = (0..4).max_by_key(|&q| (weight[q], usize::MAX - q)).unwrap_or(0);
    let mut runs = Vec::with_capacity(raw.len());
    let mut aside = Vec::new();
    for run in raw {
        if quadrant(run.dir) != main {
            aside.push(run.text);
            continue;
        }
        let (x, y) = match main {
            1 => (run.y, -run.x),
            2 => (-run.x, -run.y),
            3 => (-run.y, run.x),
            _ => (run.x, run.y),
        };
        runs.push(Run { x, y, width: run.width, size: run.size, text: run.text });
    }
    (runs, aside)
}

/// 0 = left to right, 1 = upward, 2 = right to left (upside down), 3 = downward.
fn quadrant((dx, dy): (f64, f64)) -> usize {
    let turns = (dy.atan2(dx) / FRAC_PI_2).round();
    (turns.rem_euclid(4.0) as usize) % 4
}

/// Groups upright runs into lines, top of the page first.
pub fn lines(mut runs: Vec<Run>) -> Vec<Line> {
    runs.retain(|r| !r.text.trim().is_empty() && r.x.is_finite() && r.y.is_finite());
    runs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut groups: Vec<(f64, f64, Vec<Run>)> = Vec::new();
    for run in runs {
        match groups.last_mut() {
            Some((y, size, members)) if (run.y - *y).abs() <= LINE_TOLERANCE_EM * size.max(run.size) => {
                if run.size > *size {
                    (*y, *size) = (run.y, run.size);
                }
                members.push(run);
            }
            _ => groups.push((run.y, run.size, vec![run])),
        }
    }
    groups.into_iter().map(|(y, size, members)| Line { y, size, cells: cells(members) }).collect()
}

/// Splits one line's runs into cells at wide gaps; a lone currency sign joins the next cell.
fn cells(mut runs: Vec<Run>) -> Vec<Cell> {
    runs.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut cells: Vec<(Cell, f64)> = Vec::new();
    for run in runs {
        let text = run.text.trim();
        let (x0, x1) = (run.x, run.x + run.width);
        match cells.last_mut() {
            // The same text drawn again on top of itself (fake bold, shadows).
            Some((cell, _)) if cell.text.ends_with(text) && (x1 - cell.x1).abs() < WORD_GAP_EM * run.size => {}
            Some((cell, size)) if x0 - cell.x1 < CELL_GAP_EM * size.max(run.size) || is_currency(&cell.text) => {
                if x0 - cell.x1 > WORD_GAP_EM * size.max(run.size) {
                    cell.text.push(' ');
                }
                cell.text.push_str(text);
                cell.x1 = cell.x1.max(x1);
                *size = size.max(run.size);
            }
            _ => cells.push((Cell { x0, x1, text: text.to_string() }, run.size)),
        }
    }
    cells.into_iter().map(|(cell, _)| cell).collect()
}

fn is_currency(text: &str) -> bool {
    CURRENCY.contains(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(x: f64, y: f64, text: &str) -> Run {
        Run { x, y, width: text.chars().count() as f64 * 5.0, size: 10.0, text: text.to_string() }
    }

    fn texts(lines: &[Line]) -> Vec<Vec<&str>> {
        lines.iter().map(|l| l.cells.iter().map(|c| c.text.as_str()).collect()).collect()
    }

    #[test]
    fn baselines_group_into_lines_and_gaps_into_cells() {
        let lines = lines(vec![
            run(300.0, 700.0, "184.7"),
            run(10.0, 700.0, "Total"),
            run(37.0, 700.0, "revenue"),
            Run { size: 7.0, ..run(76.0, 703.0, "(1)") },
            run(200.0, 700.0, "$"),
            run(220.0, 700.0, "167.4"),
            run(10.0, 686.0, "Next line"),
        ]);
        assert_eq!(texts(&lines), vec![vec!["Total revenue (1)", "$ 167.4", "184.7"], vec!["Next line"]]);
        assert_eq!(lines[0].y, 700.0);
        assert_eq!(lines[0].text(), "Total revenue (1) $ 167.4 184.7");
    }

    #[test]
    fn sideways_pages_are_turned_upright() {
        let raw = |x: f64, y: f64, text: &str| RawRun {
            x,
            y,
            dir: (0.0, 1.0),
            width: 20.0,
            size: 10.0,
            text: text.to_string(),
        };
        let (runs, aside) =
            upright(vec![raw(100.0, 50.0, "Left"), raw(100.0, 200.0, "Right"), raw(120.0, 50.0, "Below")]);
        assert!(aside.is_empty());
        assert_eq!(texts(&lines(runs)), vec![vec!["Left", "Right"], vec!["Below"]]);
    }

    #[test]
    fn overprinted_text_counts_once() {
        let mut bold = run(10.5, 700.0, "Total");
        bold.x = 10.3;
        assert_eq!(texts(&lines(vec![run(10.0, 700.0, "Total"), bold])), vec![vec!["Total"]]);
    }
}
