//! Numbering markers at the start of a paragraph: `一、` (a section), `（一）` (a task or group),
//! `1.` / `1、` (a task), and a table row's number cell (`1\t`). Cleaning uses them to tell a
//! paragraph start from a wrapped line,
//! parsing to find the plan's structure.

use crate::model::MarkerKind;
use crate::text::numerals::{chinese_numeral, is_numeral_char};

/// A numbering marker at the start of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    /// Which kind of marker.
    pub kind: MarkerKind,
    /// The number it prints.
    pub number: u32,
    /// Its length in characters, punctuation included.
    pub len: usize,
}

/// Reads a numbering marker at the start of `chars` (cleaned text, so brackets are full-width).
pub fn numbering_marker(chars: &[char]) -> Option<Marker> {
    let numeral_len = chars
        .iter()
        .skip(usize::from(chars.first() == Some(&'（')))
        .take_while(|c| is_numeral_char(**c))
        .count();
    if chars.first() == Some(&'（') && chars.get(numeral_len + 1) == Some(&'）') {
        let number = chinese_numeral(&chars[1..=numeral_len])?;
        return Some(Marker {
            kind: MarkerKind::Parenthesized,
            number,
            len: numeral_len + 2,
        });
    }
    if chars.first() != Some(&'（') && numeral_len > 0 && chars.get(numeral_len) == Some(&'、') {
        let number = chinese_numeral(&chars[..numeral_len])?;
        return Some(Marker {
            kind: MarkerKind::Section,
            number,
            len: numeral_len + 1,
        });
    }
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    // `1\t` opens a table row whose first cell is its number (序号).
    if (1..=3).contains(&digits)
        && matches!(chars.get(digits), Some('.' | '、' | '\t'))
        && !chars.get(digits + 1).is_some_and(|c| c.is_ascii_digit())
    {
        let number = chars[..digits].iter().collect::<String>().parse().ok()?;
        return Some(Marker {
            kind: MarkerKind::Arabic,
            number,
            len: digits + 1,
        });
    }
    None
}
