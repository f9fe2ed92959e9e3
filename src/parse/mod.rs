//! Parsing: from the cleaned text to the plan's raw structure. In: a [`CleanText`]. Out: the
//! body (page chrome and a printed-twice copy dropped), the title and the notice frame's
//! metadata (read only outside the tasks), sections,
//! tasks and subtasks as ranges of the cleaned text, and each responsibility parenthetical's
//! slots with their roles. Nothing is resolved here: names are ranges, not agencies.
//!
//! [`CleanText`]: crate::read::CleanText

pub mod body;
pub mod brackets;
pub mod deadline;
pub mod frame;
pub mod label_lines;
pub mod labels;
pub mod lists;
pub mod officials;
pub mod responsibility;
pub mod rules;
pub mod structure;
pub mod table;
pub mod title;
pub mod unread;
