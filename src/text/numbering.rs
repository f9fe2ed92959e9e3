//! Numbering markers at the start of a paragraph: `一、` (a section), `第一条` (an article),
//! `（一）` (a task or group), `1.` / `1、` (a task), `（1）` / `⑴`, `①`, and a table row's number
//! cell (`1\t`). Cleaning uses them to tell a
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

/// Reads a numbering marker at the start of `chars` (cleaned text, so brackets are full-width):
/// `一、`, `第一条`, `（一）`, `1.` / `1、` / `1⇥`, `（1）` / `⑴`, `①`.
pub fn numbering_marker(chars: &[char]) -> Option<Marker> {
    if let Some(marker) = circled_or_article(chars) {
        return Some(marker);
    }
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
    if chars.first() == Some(&'（') {
        let digits = chars[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if (1..=3).contains(&digits) && chars.get(digits + 1) == Some(&'）') {
            let number = chars[1..=digits].iter().collect::<String>().parse().ok()?;
            return Some(Marker {
                kind: MarkerKind::ParenArabic,
                number,
                len: digits + 2,
            });
        }
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

/// `①`…`⑳` (circled), `⑴`…`⒇` (parenthesized digits, as `（1）`), and `第一条` (an article:
/// 第, a numeral, 条, then text — `第一条规定` inside a sentence never opens a paragraph).
fn circled_or_article(chars: &[char]) -> Option<Marker> {
    let first = *chars.first()?;
    let single = |kind, base: u32| Marker {
        kind,
        number: first as u32 - base + 1,
        len: 1,
    };
    match first {
        '\u{2460}'..='\u{2473}' => return Some(single(MarkerKind::Circled, 0x2460)),
        '\u{2474}'..='\u{2487}' => return Some(single(MarkerKind::ParenArabic, 0x2474)),
        '第' => {}
        _ => return None,
    }
    let numeral_len = chars[1..]
        .iter()
        .take_while(|c| is_numeral_char(**c))
        .count();
    if numeral_len == 0 || chars.get(numeral_len + 1) != Some(&'条') {
        return None;
    }
    let number = chinese_numeral(&chars[1..=numeral_len])?;
    let mut len = numeral_len + 2;
    // `第一条　…`: the space after the marker belongs to it.
    while chars.get(len) == Some(&' ') {
        len += 1;
    }
    Some(Marker {
        kind: MarkerKind::Article,
        number,
        len,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Option<(MarkerKind, u32, usize)> {
        let chars: Vec<char> = s.chars().collect();
        numbering_marker(&chars).map(|m| (m.kind, m.number, m.len))
    }

    #[test]
    fn every_numbering_the_genre_prints() {
        use MarkerKind::*;
        assert_eq!(read("一、加强"), Some((Section, 1, 2)));
        assert_eq!(read("第十二条 加强"), Some((Article, 12, 5)));
        assert_eq!(read("（十三）加强"), Some((Parenthesized, 13, 4)));
        assert_eq!(read("3、加强"), Some((Arabic, 3, 2)));
        assert_eq!(read("（12）加强"), Some((ParenArabic, 12, 4)));
        assert_eq!(read("⑶加强"), Some((ParenArabic, 3, 1)));
        assert_eq!(read("②加强"), Some((Circled, 2, 1)));
        assert_eq!(read("第一章总则"), None);
        assert_eq!(read("第二批清单"), None);
    }
}
