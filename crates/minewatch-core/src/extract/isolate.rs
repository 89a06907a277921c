//! A reader's panic kept to that reader.
//!
//! Every reader is written not to panic on any input, but a bug in one (a string sliced inside a
//! character, issue 13.1) must not cost a document what the other readers found: each reader runs
//! through [`isolated`], and a panic becomes a [`ReaderPanic`] naming the reader, reported with the
//! document as a warning (one table, the prose) or a failure (the whole document's reader).

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

use thiserror::Error;

/// A reader panicked: which one, and what it said.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("the {reader} reader panicked: {message}")]
pub struct ReaderPanic {
    pub reader: &'static str,
    pub message: String,
}

/// Runs `read`, turning a panic into a [`ReaderPanic`] naming `reader`.
///
/// Unwind safety is asserted: a reader shares nothing with the caller but the values it returns
/// and the warnings it pushes, and a list of warnings stays whole when a push is the last thing
/// before a panic.
pub fn isolated<T>(reader: &'static str, read: impl FnOnce() -> T) -> Result<T, ReaderPanic> {
    catch_unwind(AssertUnwindSafe(read)).map_err(|payload| ReaderPanic { reader, message: message(payload.as_ref()) })
}

/// The text a panic was raised with (`panic!("…")` gives a `&str` or a `String`).
fn message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_passes_through() {
        assert_eq!(isolated("table", || 7), Ok(7));
    }

    #[test]
    fn a_panic_names_the_reader_and_keeps_what_it_pushed_before() {
        let mut warnings = vec!["before".to_string()];
        let got: Result<(), _> = isolated("prose", || {
            warnings.push("pushed".into());
            let text = "its “AI Cloud” revenue";
            let at = text.find('“').map_or(0, |i| i + 1);
            panic!("byte index {at} is not a char boundary");
        });
        let err = got.err();
        assert_eq!(err, Some(ReaderPanic { reader: "prose", message: "byte index 5 is not a char boundary".into() }));
        assert_eq!(
            err.map(|e| e.to_string()).as_deref(),
            Some("the prose reader panicked: byte index 5 is not a char boundary")
        );
        assert_eq!(warnings, ["before", "pushed"]);
        let literal = isolated("PDF", || -> u8 { panic!("plain") });
        assert_eq!(literal.map_err(|e| e.message).err().as_deref(), Some("plain"));
        let other = isolated("PDF", || -> u8 { std::panic::panic_any(42_u32) });
        assert_eq!(other.map_err(|e| e.message).err().as_deref(), Some("a panic without a message"));
    }
}
