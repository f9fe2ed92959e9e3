//! Name matching shared by agency resolution and mention finding: match keys that ignore width,
//! spacing and quotation marks, and the truncation tests for names a keyword filter cut.

use crate::read::clean::normalise_char;

/// Quotation marks, which name matching ignores (`“清风”行动` matches `清风行动`).
const QUOTES: &[char] = &['“', '”', '‘', '’', '"', '\'', '「', '」', '『', '』'];

/// The key two names must share to match exactly: simplified script with mainland wordings
/// ([`crate::read::script::fold_name`]), punctuation widths unified, whitespace and quotation marks
/// dropped, Latin letters lower-cased.
pub fn match_key(name: &str) -> String {
    let chars: Vec<char> = crate::read::script::fold_name(name).chars().collect();
    keyed(&chars).into_iter().map(|(c, _)| c).collect()
}

/// The match key of `chars` with, for each key character, the index of the character in
/// `chars` it came from.
pub fn keyed(chars: &[char]) -> Vec<(char, usize)> {
    let mut out = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let c = normalise_char(c, prev, chars.get(i + 1).copied());
        if c.is_whitespace() || QUOTES.contains(&c) {
            continue;
        }
        out.push((c.to_ascii_lowercase(), i));
    }
    out
}

/// Whether `short`'s characters occur in order in `long` (a subsequence), and `short` is shorter.
pub fn is_proper_subsequence(short: &[char], long: &[char]) -> bool {
    if short.len() >= long.len() {
        return false;
    }
    let mut rest = long.iter();
    short.iter().all(|c| rest.any(|l| l == c))
}

/// Whether `cut` is `full` with one contiguous run of at most `max_gap` characters deleted, and
/// keeps `full`'s first and last character: the trace a keyword filter leaves in running text
/// (`消费者权益保实施条例` from `消费者权益保护法实施条例`).
pub fn is_cut_once(cut: &[char], full: &[char], max_gap: usize) -> bool {
    let gap = full.len().saturating_sub(cut.len());
    if gap == 0 || gap > max_gap || cut.len() < 2 || cut.len() * 3 < full.len() * 2 {
        return false;
    }
    let prefix = cut.iter().zip(full).take_while(|(a, b)| a == b).count();
    let suffix = cut
        .iter()
        .rev()
        .zip(full.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    prefix >= 1 && suffix >= 1 && prefix + suffix >= cut.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn keys_ignore_width_space_and_quotes() {
        assert_eq!(match_key("“清风”行动"), match_key("清风行动"));
        assert_eq!(match_key("中巴(西)"), match_key("中巴（西）"));
        assert_eq!(match_key("WIPO"), "wipo");
        assert_eq!(match_key("国家 网信办"), "国家网信办");
    }

    #[test]
    fn subsequences() {
        assert!(is_proper_subsequence(
            &v("国家发展委"),
            &v("国家发展改革委")
        ));
        assert!(is_proper_subsequence(
            &v("新闻出版"),
            &v("国家新闻出版广电总局")
        ));
        assert!(!is_proper_subsequence(
            &v("国家发展委"),
            &v("国家卫生和计划生育委员会")
        ));
        assert!(!is_proper_subsequence(&v("商务部"), &v("商务部")));
    }

    #[test]
    fn one_contiguous_cut() {
        assert!(is_cut_once(
            &v("消费者权益保实施条例"),
            &v("消费者权益保护法实施条例"),
            4
        ));
        assert!(is_cut_once(
            &v("十三五国家知识产权和运用规划"),
            &v("十三五国家知识产权保护和运用规划"),
            4
        ));
        assert!(!is_cut_once(
            &v("知识产权行动"),
            &v("知识产权执法专项行动"),
            4
        ));
        assert!(!is_cut_once(
            &v("保实施条例"),
            &v("消费者权益保护法实施条例"),
            4
        ));
    }
}
