//! minewatch: watches listed bitcoin miners turn into AI/HPC data-center companies.
//!
//! Stages (see `../shared/DESIGN.md`): crawl → store → extract → index → detect → alert.
//! Each stage reads from and writes to the store; none calls another's internals.

pub mod alert;
pub mod config;
pub mod crawl;
pub mod detect;
pub mod extract;
pub mod index;
pub mod lock;
pub mod model;
pub mod pipeline;
pub mod replay;
pub mod schedule;
pub mod serve;
pub mod store;
