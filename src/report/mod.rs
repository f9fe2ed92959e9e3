//! Reports people read: the outline of a parsed plan (`plangraph parse`) and the account of what
//! the parser decided (`plangraph parse --explain`). In: a [`Plan`]. Out: text.
//!
//! [`Plan`]: crate::model::Plan

pub mod explain;
mod legend;
pub mod outline;
