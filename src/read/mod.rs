//! Reading: the first stage. In: the bytes of a file, standard input or the bundled plan. Out: a
//! decoded [`SourceText`] and its [`CleanText`]: normalised for parsing (punctuation widths,
//! simplified script, PDF line breaks and page markers gone) with a map from every cleaned
//! character back to its code point in the original, so every later stage reports spans in the
//! text as printed.

pub mod clean;
pub mod docx;
pub mod html;
pub mod pdf;
pub mod script;
pub mod sniff;
pub mod source;

pub use clean::CleanText;
pub use source::{InputEncoding, SourceFormat, SourceText};
