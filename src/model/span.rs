//! Where things are printed: spans of the original decoded text.

use serde::Serialize;

/// A half-open span `[begin, end)` of code points in the original decoded text — for a page
/// or document, in the text extracted from it (what `plangraph text` prints).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Span {
    /// First code point (inclusive).
    pub begin: usize,
    /// Code point after the last one (exclusive).
    pub end: usize,
    /// For text read from an HTML page: the same text's place in the page source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<PageRange>,
}

/// A half-open range `[begin, end)` of code points in an HTML page's source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct PageRange {
    /// First code point (inclusive).
    pub begin: usize,
    /// Code point after the last one (exclusive).
    pub end: usize,
}

impl Span {
    /// A span of the text, with no page behind it.
    pub fn new(begin: usize, end: usize) -> Self {
        Span {
            begin,
            end,
            page: None,
        }
    }
}

impl Span {
    /// Whether `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.begin <= other.begin && other.end <= self.end
    }
}
