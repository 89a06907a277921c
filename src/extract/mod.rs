//! Bytes → facts. Pure, synchronous functions: no I/O, no async.

pub mod cell;
pub mod period;
pub mod segment;
pub mod table;
