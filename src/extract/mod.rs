//! Bytes → facts. Pure, synchronous functions: no I/O, no async.

pub mod text;
