//! Counting hits per value of a single-token fast field (ticker, form), over every hit.
//!
//! The page shows ten hits; the facet counts ("WULF 12 · CORZ 4", "10-Q 7 · 8-K 9") must speak of
//! all of them. Counting term ordinals from the fast column per segment and naming them once at
//! the end costs one array increment per hit and never loads a stored document.

use std::collections::BTreeMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Hits per value of the fast string field named `.0`.
#[derive(Debug, Clone, Copy)]
pub(super) struct TermCounts(pub &'static str);

impl Collector for TermCounts {
    type Fruit = BTreeMap<String, u64>;
    type Child = SegmentTermCounts;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentTermCounts> {
        let column = segment.fast_fields().str(self.0)?;
        let terms = column.as_ref().map_or(0, |c| c.dictionary().num_terms());
        Ok(SegmentTermCounts { column, counts: vec![0; terms] })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<BTreeMap<String, u64>>) -> tantivy::Result<BTreeMap<String, u64>> {
        let mut total = BTreeMap::new();
        for (value, count) in segments.into_iter().flatten() {
            *total.entry(value).or_default() += count;
        }
        Ok(total)
    }
}

/// One segment's counts, by term ordinal.
pub(super) struct SegmentTermCounts {
    column: Option<StrColumn>,
    counts: Vec<u64>,
}

impl SegmentCollector for SegmentTermCounts {
    type Fruit = BTreeMap<String, u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(column) = &self.column else { return };
        for ord in column.term_ords(doc) {
            if let Some(count) = usize::try_from(ord).ok().and_then(|i| self.counts.get_mut(i)) {
                *count += 1;
            }
        }
    }

    fn harvest(self) -> BTreeMap<String, u64> {
        let Some(column) = self.column else { return BTreeMap::new() };
        let mut named = BTreeMap::new();
        for (ord, count) in self.counts.into_iter().enumerate().filter(|&(_, n)| n > 0) {
            let mut value = String::new();
            if column.ord_to_str(ord as u64, &mut value).unwrap_or(false) {
                named.insert(value, count);
            }
        }
        named
    }
}
