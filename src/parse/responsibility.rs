//! Responsibility stage: a parenthetical's list of agencies, slot by slot, with roles.
//!
//! The forms read: `X负责`, `X牵头负责`, `A、B按职责分工(分别)负责`, `A牵头负责，B、C按职责分工负责`,
//! `A、B按职责分工牵头负责`, `X牵头，Y、Z按职责分工分别负责`, lists ending in 等 (an open list), and
//! empty slots where a name was deleted (`、、`, a 、 right before the verb, a bare `（负责）`).
//!
//! Roles: a name in a group marked 牵头 leads; the others in the same parenthetical support;
//! without any 牵头, every name is responsible.

use crate::model::Role;
use std::ops::Range;

/// One slot of a parenthetical's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawSlot {
    /// 1-based place in the whole parenthetical, leads and empty slots included.
    pub position: usize,
    /// The slot's role.
    pub role: Role,
    /// The cleaned range of the printed name; empty (at the gap) for an empty slot.
    pub name: Range<usize>,
}

impl RawSlot {
    /// Whether no name is printed in this slot.
    pub fn is_empty(&self) -> bool {
        self.name.is_empty()
    }
}

/// A parsed responsibility parenthetical.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawParenthetical {
    /// Its slots in printed order.
    pub slots: Vec<RawSlot>,
    /// Whether a list in it ends in 等 (more agencies than it names).
    pub open_list: bool,
}

/// Verb endings stripped from the end of a group, longest first.
const VERBS: &[&str] = &[
    "按职责分工",
    "按职责",
    "分别",
    "共同",
    "牵头",
    "负责",
    "配合",
    "参与",
    "落实",
];

/// Parses the content `inner` (without brackets) of a parenthetical in `chars`.
pub fn parse_parenthetical(chars: &[char], inner: Range<usize>) -> RawParenthetical {
    let groups = split_groups(chars, inner);
    let parsed: Vec<(Range<usize>, bool)> = groups
        .into_iter()
        .map(|group| strip_verbs(chars, group))
        .collect();
    let any_lead = parsed.iter().any(|(_, lead)| *lead);
    let mut slots = Vec::new();
    let mut open_list = false;
    for (list, is_lead) in parsed {
        let role = match (is_lead, any_lead) {
            (true, _) => Role::Lead,
            (false, true) => Role::Supporting,
            (false, false) => Role::Responsible,
        };
        let mut list = list;
        // `…等` / `…等单位` / `…等部门`: an open list.
        for tail in ["等有关部门", "等部门", "等单位", "等"] {
            if ends_with(chars, &list, tail) {
                list.end -= tail.chars().count();
                open_list = true;
                break;
            }
        }
        // A group that is only a verb after a comma (`A牵头，按职责分工负责`) holds no slot;
        // a lone group that is only a verb (`（负责）`) holds one empty slot.
        if list.is_empty() && !slots.is_empty() {
            continue;
        }
        for name in split_names(chars, list) {
            slots.push(RawSlot {
                position: slots.len() + 1,
                role,
                name,
            });
        }
    }
    RawParenthetical { slots, open_list }
}

fn ends_with(chars: &[char], range: &Range<usize>, tail: &str) -> bool {
    let tail: Vec<char> = tail.chars().collect();
    range.len() >= tail.len() && chars[range.end - tail.len()..range.end] == tail[..]
}

/// Splits at top-level `，` and `；`.
fn split_groups(chars: &[char], inner: Range<usize>) -> Vec<Range<usize>> {
    let mut groups = Vec::new();
    let mut start = inner.start;
    for i in inner.clone() {
        if matches!(chars[i], '，' | '；') {
            groups.push(start..i);
            start = i + 1;
        }
    }
    groups.push(start..inner.end);
    groups
}

/// Strips the verb ending of a group; returns the list part and whether 牵头 was among the verbs.
fn strip_verbs(chars: &[char], mut group: Range<usize>) -> (Range<usize>, bool) {
    let mut lead = false;
    while group.end > group.start && chars[group.end - 1].is_whitespace() {
        group.end -= 1;
    }
    'strip: loop {
        for verb in VERBS {
            if ends_with(chars, &group, verb) {
                group.end -= verb.chars().count();
                lead |= *verb == "牵头";
                continue 'strip;
            }
        }
        break;
    }
    (group, lead)
}

/// Splits a list at `、`, trimming spaces; an empty piece is an empty slot at its gap.
fn split_names(chars: &[char], list: Range<usize>) -> Vec<Range<usize>> {
    let mut names = Vec::new();
    let mut start = list.start;
    for i in list.start..=list.end {
        if i == list.end || chars[i] == '、' {
            let (mut s, mut e) = (start, i);
            while s < e && chars[s].is_whitespace() {
                s += 1;
            }
            while e > s && chars[e - 1].is_whitespace() {
                e -= 1;
            }
            names.push(if s < e { s..e } else { i..i });
            start = i + 1;
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (role, printed name or "" for an empty slot) per slot, and the open-list flag.
    fn parse(content: &str) -> (Vec<(Role, String)>, bool) {
        let chars: Vec<char> = content.chars().collect();
        let p = parse_parenthetical(&chars, 0..chars.len());
        for (i, slot) in p.slots.iter().enumerate() {
            assert_eq!(slot.position, i + 1);
        }
        let slots = p
            .slots
            .iter()
            .map(|s| (s.role, chars[s.name.clone()].iter().collect()))
            .collect();
        (slots, p.open_list)
    }

    use Role::*;

    fn slots(list: &[(Role, &str)]) -> Vec<(Role, String)> {
        list.iter().map(|(r, n)| (*r, n.to_string())).collect()
    }

    #[test]
    fn single_agency() {
        assert_eq!(
            parse("质检总局负责"),
            (slots(&[(Responsible, "质检总局")]), false)
        );
        assert_eq!(
            parse("工商总局牵头负责"),
            (slots(&[(Lead, "工商总局")]), false)
        );
    }

    #[test]
    fn division_of_duties() {
        assert_eq!(
            parse("农业部、国家林业局按职责分工分别负责"),
            (
                slots(&[(Responsible, "农业部"), (Responsible, "国家林业局")]),
                false
            )
        );
        assert_eq!(
            parse("中央综治办、领导小组办公室按职责分工牵头负责"),
            (
                slots(&[(Lead, "中央综治办"), (Lead, "领导小组办公室")]),
                false
            )
        );
    }

    #[test]
    fn lead_then_supporting_with_empty_slots_and_open_list() {
        assert_eq!(
            parse("办公室、高检院牵头负责，、农业部等按职责分工负责"),
            (
                slots(&[
                    (Lead, "办公室"),
                    (Lead, "高检院"),
                    (Supporting, ""),
                    (Supporting, "农业部")
                ]),
                true
            )
        );
        assert_eq!(
            parse(
                "商务部牵头,海关总署、工商总局按职责分工分别负责"
                    .replace(',', "，")
                    .as_str()
            ),
            (
                slots(&[
                    (Lead, "商务部"),
                    (Supporting, "海关总署"),
                    (Supporting, "工商总局")
                ]),
                false
            )
        );
    }

    #[test]
    fn empty_slots() {
        assert_eq!(parse("负责"), (slots(&[(Responsible, "")]), false));
        assert_eq!(
            parse("商务部、海关总署、牵头负责"),
            (
                slots(&[(Lead, "商务部"), (Lead, "海关总署"), (Lead, "")]),
                false
            )
        );
        assert_eq!(
            parse("、农业部按职责分工分别负责"),
            (slots(&[(Responsible, ""), (Responsible, "农业部")]), false)
        );
    }
}
