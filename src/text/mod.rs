//! What every stage shares about text: character classes ([`chars`]), Chinese numerals
//! ([`numerals`]) and positions as people read them ([`location`]). The lowest module of the
//! crate: it depends on nothing else in it, so any stage may use it without an import circle.

pub mod chars;
pub mod location;
pub mod numerals;

pub use chars::{fold_width, is_han};
pub use location::Location;
