//! Table cells, as the walk meets them → a grid for [`crate::extract::table`].
//!
//! Each cell is expanded into every slot it covers (colspan and rowspan repeat its text) so that a
//! header spanning "$" and figure columns lands above both.

use crate::extract::table::{MAX_CELLS, TableError};

/// The HTML spec's caps on spans: beyond these browsers clamp too.
const MAX_COLSPAN: usize = 1_000;
const MAX_ROWSPAN: usize = 65_534;

/// A grid being filled row by row; once too large it only remembers that.
#[derive(Debug, Default)]
pub struct GridBuilder {
    grid: Vec<Vec<String>>,
    row: Vec<String>,
    /// Per column: rows still covered by a rowspan above, and its text.
    carried: Vec<Option<(usize, String)>>,
    cells: usize,
    too_large: bool,
}

impl GridBuilder {
    pub fn start_row(&mut self) {
        self.row.clear();
    }

    /// Adds a cell to the current row.
    pub fn cell(&mut self, text: String, colspan: usize, rowspan: usize) {
        if self.too_large {
            return;
        }
        self.take_carried();
        let rowspan = rowspan.clamp(1, MAX_ROWSPAN);
        for _ in 0..colspan.clamp(1, MAX_COLSPAN) {
            if rowspan > 1 {
                if self.carried.len() <= self.row.len() {
                    self.carried.resize(self.row.len() + 1, None);
                }
                self.carried[self.row.len()] = Some((rowspan - 1, text.clone()));
            }
            self.row.push(text.clone());
        }
        self.too_large = self.cells + self.row.len() > MAX_CELLS;
    }

    /// Ends the current row: slots still covered by rowspans above are filled from them.
    pub fn end_row(&mut self) {
        if self.too_large {
            return;
        }
        while self.row.len() < self.carried.len() {
            self.take_carried();
            if self.row.len() < self.carried.len() {
                self.row.push(String::new());
            }
        }
        self.cells += self.row.len();
        self.grid.push(std::mem::take(&mut self.row));
    }

    pub fn finish(self) -> Result<Vec<Vec<String>>, TableError> {
        if self.too_large {
            return Err(TableError::TooLarge { cells: self.cells + self.row.len() });
        }
        Ok(self.grid)
    }

    /// Fills the row's next slots from the rowspans above that still cover them.
    fn take_carried(&mut self) {
        while let Some(Some((left, text))) = self.carried.get_mut(self.row.len()) {
            self.row.push(text.clone());
            *left -= 1;
            if *left == 0 {
                self.carried[self.row.len() - 1] = None;
            }
        }
    }
}
