//! Where things are printed: spans of the original decoded text.

use serde::Serialize;

/// A half-open span `[begin, end)` of code points in the original decoded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Span {
    /// First code point (inclusive).
    pub begin: usize,
    /// Code point after the last one (exclusive).
    pub end: usize,
}

impl Span {
    /// Whether `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.begin <= other.begin && other.end <= self.end
    }
}
