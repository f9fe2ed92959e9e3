//! Character classes shared by cleaning, parsing, mention finding and linking: one definition
//! each, so a name is folded the same way wherever it is compared.

/// Whether `c` is a Chinese character: the CJK unified ideographs (the basic block and
/// extensions A to G), the compatibility ideographs, and the ideographic zero 〇, which Unicode
/// counts as Han script and plans print in years (二〇一七年).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{20000}'..='\u{2EBEF}'
        | '\u{30000}'..='\u{3134F}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{2F800}'..='\u{2FA1F}'
        | '〇')
}

/// The half-width form of a full-width ASCII variant (the whole `U+FF01`–`U+FF5E` block:
/// digits, Latin letters and punctuation, as NFKC folds them) and of the ideographic space;
/// every other character as it is.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// For each byte offset of `s` (and its end), the code point index it falls at: what turns a
/// regex match's byte range into a range of characters.
pub fn codepoint_index(s: &str) -> Vec<usize> {
    let mut v = vec![0usize; s.len() + 1];
    let mut n = 0;
    for (b, c) in s.char_indices() {
        v[b..b + c.len_utf8()].fill(n);
        n += 1;
    }
    v[s.len()] = n;
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_includes_the_ideographic_zero_and_the_extensions_but_not_punctuation() {
        for c in ['知', '〇', '㐀', '𠮷', '豈'] {
            assert!(is_han(c), "{c}");
        }
        for c in ['、', '。', '（', 'A', '○', 'ー'] {
            assert!(!is_han(c), "{c}");
        }
    }

    #[test]
    fn width_folds_the_whole_block() {
        let folded: String = "２０１７ＡＢｃ（）－＃％～　"
            .chars()
            .map(fold_width)
            .collect();
        assert_eq!(folded, "2017ABc()-#%~ ");
        assert_eq!(fold_width('、'), '、');
        assert_eq!(fold_width('《'), '《');
    }
}
