//! Script normalisation: plans come in simplified and traditional script (government big5
//! mirrors, Taiwan-localised copies) and sometimes with pinyin a ruby-annotation scraper leaked
//! after characters (`發(fā)`). Parsing and name matching work on simplified script; printed
//! text is always reported as printed.
//!
//! Conversion is OpenCC's, through the `hanconv` crate: character by character for running text
//! (so every cleaned character still maps to one original character), and with Taiwan phrase
//! conversion (資訊 → 信息, 智慧財產權 → 知识产权, 網際網路 → 互联网) for names compared with the
//! registry.

use std::ops::Range;

/// Converts `chars` to simplified script in place, one character for one character.
pub fn to_simplified(chars: &mut [char]) {
    let text: String = chars.iter().collect();
    let converted = hanconv::t2s(&text);
    if converted.chars().count() == chars.len() {
        for (c, s) in chars.iter_mut().zip(converted.chars()) {
            *c = s;
        }
        return;
    }
    // A phrase rule changed the length somewhere: fall back to single characters.
    let mut buffer = [0u8; 4];
    for c in chars.iter_mut().filter(|c| !c.is_ascii()) {
        let single = hanconv::t2s(c.encode_utf8(&mut buffer));
        let mut converted = single.chars();
        if let (Some(s), None) = (converted.next(), converted.next()) {
            *c = s;
        }
    }
}

/// A name folded for comparison: simplified script, Taiwan wordings replaced by mainland ones.
pub fn fold_name(name: &str) -> String {
    hanconv::tw2sp(name)
}

/// How a Taiwan-localised copy prints a mainland name, as the cleaning stage leaves it: Taiwan
/// script and wordings (OpenCC's s2twp: 网络 → 網路, 知识产权 → 智慧財產權, 家具 → 傢俱), then
/// simplified character for character as [`to_simplified`] does to running text (网路, 智慧财产权).
/// Mentions are found in cleaned text, so a registry name is looked for in this form too.
pub fn taiwan_printing(name: &str) -> String {
    let mut chars: Vec<char> = hanconv::s2twp(name).chars().collect();
    to_simplified(&mut chars);
    chars.into_iter().collect()
}

/// Letters of pinyin syllables, tone marks included.
fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňḿ".contains(c)
}

/// Ranges of `chars` holding leaked ruby pinyin: a bracketed lowercase syllable right after a
/// Chinese character (`發（fā）`, `和(hé)`), brackets included. A tone mark, or at least two
/// letters, is required, so `（a）` list markers stay.
pub fn ruby_pinyin(chars: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 1;
    while i < chars.len() {
        let opens = matches!(chars[i], '（' | '(') && crate::text::is_han(chars[i - 1]);
        if opens {
            let letters = chars[i + 1..]
                .iter()
                .take_while(|c| is_pinyin_letter(**c))
                .count();
            let close = i + 1 + letters;
            let toned = chars[i + 1..close].iter().any(|c| !c.is_ascii());
            if (1..=7).contains(&letters)
                && (toned || letters >= 2)
                && matches!(chars.get(close), Some('）' | ')'))
            {
                out.push(i..close + 1);
                i = close + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn simplified(s: &str) -> String {
        let mut chars: Vec<char> = s.chars().collect();
        to_simplified(&mut chars);
        chars.into_iter().collect()
    }

    #[test]
    fn running_text_converts_character_for_character() {
        assert_eq!(
            simplified("（一）加強商標行政執法。（工商總局牽頭負責）"),
            "（一）加强商标行政执法。（工商总局牵头负责）"
        );
        let seed_like = "农业部、国家林业局按职责分工分别负责";
        assert_eq!(
            simplified(seed_like),
            seed_like,
            "simplified text is left alone"
        );
    }

    #[test]
    fn names_fold_taiwan_wordings() {
        assert_eq!(fold_name("工業和資訊化部"), "工业和信息化部");
        assert_eq!(fold_name("智慧財產權局"), "知识产权局");
        assert_eq!(fold_name("質檢總局"), "质检总局");
    }

    #[test]
    fn taiwan_printings_of_mainland_names() {
        assert_eq!(
            taiwan_printing("网络市场监管专项行动"),
            simplified("網路市場監管專項行動")
        );
        assert_eq!(
            taiwan_printing("世界知识产权组织"),
            simplified("世界智慧財產權組織")
        );
        assert_ne!(taiwan_printing("世界知识产权组织"), "世界知识产权组织");
        assert_eq!(taiwan_printing("公安部"), "公安部");
    }

    #[test]
    fn leaked_pinyin_is_found_after_characters_only() {
        let text: Vec<char> = "質(zhì)檢總局發（fā）布和(hé)（a）(APP)".chars().collect();
        let spans: Vec<String> = ruby_pinyin(&text)
            .into_iter()
            .map(|r| text[r].iter().collect())
            .collect();
        assert_eq!(spans, ["(zhì)", "（fā）", "(hé)"]);
    }
}
