//! Line and column of a place in a text, as editors count them.

/// Where in an input a problem was found (1-based line and column, counted in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in Unicode code points (bytes for undecodable input).
    pub column: usize,
}

impl Location {
    /// The location of the character at code point `offset` of `text` (or of the end, for an
    /// offset past it). Lines end at `\n`.
    pub fn of_char(text: impl IntoIterator<Item = char>, offset: usize) -> Self {
        let (mut line, mut column) = (1, 1);
        for c in text.into_iter().take(offset) {
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        Location { line, column }
    }

    /// The location just after the last character of `text`.
    pub fn after(text: &str) -> Self {
        Self::of_char(text.chars(), usize::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        let text = "一二\n三四五\n";
        assert_eq!(
            Location::of_char(text.chars(), 0),
            Location { line: 1, column: 1 }
        );
        assert_eq!(
            Location::of_char(text.chars(), 4),
            Location { line: 2, column: 2 }
        );
        assert_eq!(
            Location::of_char(text.chars(), 99),
            Location { line: 3, column: 1 }
        );
        assert_eq!(Location::after("ab\ncd"), Location { line: 2, column: 3 });
    }
}
