//! Assignments printed but not read: a paragraph (a line, a table row) of the body that prints
//! an assigning word — 牵头, 按职责分工, a role label such as 责任单位 or 配合单位 — outside every
//! assignment the structure read, outside the rules the text states and the tables' header rows.
//! Such a paragraph is reported (the outline's closing lines, a line on standard error,
//! `--explain` with its line), so a layout plangraph does not read is never dropped in silence.

use super::rules::StatedRule;
use super::structure::RawStructure;
use super::table::header_rows;
use std::ops::Range;

/// Labels that assign work, as a field prints them (followed by `：`).
const LABELS: &[&str] = &[
    "责任单位：",
    "责任部门：",
    "主责单位：",
    "配合单位：",
    "配合部门：",
    "协办单位：",
    "牵头单位：",
];

/// What may follow an assigning 牵头 (`A牵头，B配合`, `A牵头负责`): running text such as
/// `各牵头单位要…` or `牵头抓总` is none.
const AFTER_LEAD: &[char] = &['，', '；', '、', '）', '。', '负', '落'];

/// The paragraphs among `paragraphs` of `chars` that print an assigning word no read assignment
/// of `structure` holds, in text order.
pub fn unread_assignments(
    chars: &[char],
    paragraphs: &[Range<usize>],
    structure: &RawStructure,
) -> Vec<Range<usize>> {
    let read: Vec<Range<usize>> = structure
        .tasks
        .iter()
        .flat_map(|t| &t.subtasks)
        .map(|s| s.parenthetical.clone())
        .chain(structure.rules.iter().map(StatedRule::covers))
        .chain(header_rows(chars))
        .collect();
    let held = |at: usize| read.iter().any(|r| r.contains(&at));
    paragraphs
        .iter()
        .filter(|p| (p.start..p.end).any(|at| assigns_at(chars, at, p.end) && !held(at)))
        .cloned()
        .collect()
}

/// Whether `word` is printed at `at` (within `end`).
fn opens(chars: &[char], at: usize, end: usize, word: &str) -> bool {
    let mut i = at;
    word.chars().all(|c| {
        let found = i < end && chars[i] == c;
        i += 1;
        found
    })
}

/// Whether an assigning word is printed at `at` (within `end`): a role label with its colon,
/// `按职责分工`, or 牵头 ending a group of names (`A牵头，…`, `A牵头负责`).
fn assigns_at(chars: &[char], at: usize, end: usize) -> bool {
    // Asked at every character of the body: only these open an assigning word.
    if !matches!(chars[at], '责' | '主' | '配' | '协' | '牵' | '按') {
        return false;
    }
    if LABELS.iter().any(|w| opens(chars, at, end, w)) || opens(chars, at, end, "按职责分工") {
        return true;
    }
    opens(chars, at, end, "牵头")
        && at > 0
        && crate::text::is_han(chars[at - 1])
        && chars[at - 1] != '各'
        && (at + 2 >= end || AFTER_LEAD.contains(&chars[at + 2]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::structure::find_structure;

    fn unread(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        let mut paragraphs = Vec::new();
        let mut start = 0;
        for (i, c) in chars.iter().enumerate() {
            if *c == '\n' {
                paragraphs.push(start..i);
                start = i + 1;
            }
        }
        paragraphs.push(start..chars.len());
        let structure = find_structure(&chars, &paragraphs);
        unread_assignments(&chars, &paragraphs, &structure)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn a_paragraph_that_assigns_unread_is_reported() {
        assert!(unread("（一）加强监管。（市商务局牵头，市公安局配合）").is_empty());
        assert_eq!(
            unread("（一）加强监管。（市商务局牵头，市公安局配合）\n市商务局牵头，市公安局配合，建立联席会议制度。"),
            ["市商务局牵头，市公安局配合，建立联席会议制度。"]
        );
        // Running text that only names the leads is no assignment; nor are a stated rule and a
        // table's header row.
        assert!(unread("（一）加强监管。（市商务局负责）\n各牵头单位要明确分管领导。").is_empty());
        assert!(
            unread("列第一位的为牵头单位。\n（一）加强监管。（市商务局、市公安局）").is_empty()
        );
    }
}
