//! What every stage shares about text: character classes ([`chars`]), Chinese numerals
//! ([`numerals`]), the genre's labels and table headers ([`lexicon`]), paragraph numbering markers ([`numbering`]) and positions as people read
//! them ([`location`]). Below every stage: it depends on nothing in the crate but the model's
//! types, so any stage may use it without an import circle.

pub mod chars;
pub mod lexicon;
pub mod location;
pub mod numbering;
pub mod numerals;

pub use chars::{fold_width, is_han};
pub use location::Location;
