//! Lists in a parenthetical: its groups (split at `，` and `；`) and each group's names (split at
//! `、`), both outside nested brackets (`各街道（功能区）` is one name).

use std::ops::Range;

/// Whether `range` of `chars` ends with `tail`.
pub fn ends_with(chars: &[char], range: &Range<usize>, tail: &str) -> bool {
    // From the end, char by char, with nothing collected: the parenthetical parser asks this
    // for each verb and label of every group.
    let mut end = range.end;
    tail.chars().rev().all(|c| {
        let matched = end > range.start && chars[end - 1] == c;
        end = end.saturating_sub(1);
        matched
    })
}

/// `range` without the spaces at either end.
pub fn trim(chars: &[char], mut range: Range<usize>) -> Range<usize> {
    while range.start < range.end && chars[range.start].is_whitespace() {
        range.start += 1;
    }
    while range.end > range.start && chars[range.end - 1].is_whitespace() {
        range.end -= 1;
    }
    range
}

/// The change in bracket depth a character makes.
pub fn depth_change(c: char) -> isize {
    match c {
        '（' | '〔' | '【' | '[' => 1,
        '）' | '〕' | '】' | ']' => -1,
        _ => 0,
    }
}

/// Splits at `，` and `；` outside nested brackets.
pub fn split_groups(chars: &[char], inner: Range<usize>) -> Vec<Range<usize>> {
    let mut groups = Vec::new();
    let mut start = inner.start;
    let mut depth = 0isize;
    for i in inner.clone() {
        depth += depth_change(chars[i]);
        if depth <= 0 && matches!(chars[i], '，' | '；') {
            groups.push(start..i);
            start = i + 1;
        }
    }
    groups.push(start..inner.end);
    groups
}

/// Splits a list at `、` outside nested brackets, trimming spaces; an empty piece is an empty
/// slot at its gap.
pub fn split_names(chars: &[char], list: Range<usize>) -> Vec<Range<usize>> {
    let mut names = Vec::new();
    let mut start = list.start;
    let mut depth = 0isize;
    for i in list.start..=list.end {
        if i < list.end {
            depth += depth_change(chars[i]);
        }
        if i == list.end || (depth <= 0 && chars[i] == '、') {
            let name = trim(chars, start..i);
            names.push(if name.is_empty() { i..i } else { name });
            start = i + 1;
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_with_looks_only_inside_the_range() {
        let chars: Vec<char> = "商务部负责落实".chars().collect();
        assert!(ends_with(&chars, &(0..7), "负责落实"));
        assert!(ends_with(&chars, &(0..5), "负责"));
        assert!(ends_with(&chars, &(3..5), "负责"));
        assert!(
            !ends_with(&chars, &(4..5), "负责"),
            "starts before the range"
        );
        assert!(!ends_with(&chars, &(0..7), "牵头落实"));
        assert!(ends_with(&chars, &(2..2), ""));
    }
}
