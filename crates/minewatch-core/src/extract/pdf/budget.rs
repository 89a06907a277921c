//! One document's allowance of decompressed bytes.
//!
//! A few kilobytes of Flate can inflate to gigabytes. Every stream this reader decodes (page
//! contents, Form XObjects, ToUnicode CMaps) is charged against one per-document budget, and a
//! stream is decoded against what is left, so the total stays bounded whatever the file says.

use lopdf::{DecompressError, Error, Stream};

/// Why a stream gave no bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamError {
    /// Decoding it would exceed what is left of the budget.
    OverBudget,
    /// Its filters failed on its data.
    Unreadable,
}

/// Bytes left to decompress for one document.
#[derive(Debug)]
pub struct Budget {
    remaining: usize,
}

impl Budget {
    pub fn new(limit: usize) -> Budget {
        Budget { remaining: limit }
    }

    /// Decodes `stream` and charges its decoded length.
    pub fn decompress(&mut self, stream: &Stream) -> Result<Vec<u8>, StreamError> {
        match stream.get_plain_content_with_limit(self.remaining) {
            Ok(bytes) if bytes.len() <= self.remaining => {
                self.remaining -= bytes.len();
                Ok(bytes)
            }
            Ok(_) | Err(Error::Decompress(DecompressError::MemoryLimitExceeded { .. })) => {
                self.remaining = 0;
                Err(StreamError::OverBudget)
            }
            Err(_) => Err(StreamError::Unreadable),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::Dictionary;

    #[test]
    fn charges_each_stream_and_refuses_past_the_limit() {
        let stream = Stream::new(Dictionary::new(), vec![b'x'; 60]);
        let mut budget = Budget::new(100);
        assert_eq!(budget.decompress(&stream).map(|b| b.len()), Ok(60));
        assert_eq!(budget.decompress(&stream), Err(StreamError::OverBudget));
    }

    #[test]
    fn a_flate_bomb_stops_at_the_budget() {
        let mut bomb = Stream::new(Dictionary::new(), vec![0; 10_000_000]);
        assert!(bomb.compress().is_ok());
        assert_eq!(Budget::new(1_000_000).decompress(&bomb), Err(StreamError::OverBudget));
    }
}
