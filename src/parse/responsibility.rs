//! Responsibility stage: a parenthetical's list of agencies, slot by slot, with roles.
//!
//! The forms read: `X负责`, `X牵头负责`, `A、B按职责分工(分别)负责`, `A牵头负责，B、C按职责分工负责`,
//! `A、B按职责分工牵头负责`, `X牵头，Y、Z按职责分工分别负责`, the same with `负责落实`, `牵头落实`,
//! `共同负责`, `配合`, `参与`, `协同` or `指导`; labelled groups (`牵头单位：A、B；责任单位：C`,
//! see [`labels`](super::labels)); a deadline group (`2021年底前完成`, see
//! [`deadline`](super::deadline)); lists ending in 等 (an open list), and empty slots where a
//! name was deleted (`、、`, a 、 right before the verb, a bare `（负责）`).
//!
//! Roles follow the printed word, never the neighbours (`ontology-core.md`): a labelled group
//! takes its label's role; otherwise a name in a group marked 牵头 leads, a group marked 配合,
//! 参与, 协办, 协同 or 协助 supports (the word kept as the slot's label), and every other name is
//! responsible — `（A牵头负责，B、C按职责分工负责）` makes B and C responsible, as does a group
//! with no role word at all. 指导 (guides) is kept as the label of a responsible slot.

use super::deadline::{deadline, labelled_deadline, trailing_deadline, RawDeadline};
use super::labels::{deadline_label, label, LABELS};
use super::lists::{ends_with, split_groups, split_names, trim};
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
    /// The cleaned range of the label or role word printed for the slot's group (`牵头单位`,
    /// `配合`), where the role is given by one; `None` for the plain verbs (牵头, 负责).
    pub label: Option<Range<usize>>,
    /// The cleaned range of the stated rule that gave the role (see
    /// [`rules`](super::rules)), where one did.
    pub rule: Option<Range<usize>>,
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
    /// The deadline it prints, if any (the first, where it prints several).
    pub deadline: Option<RawDeadline>,
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
    "协同",
    "协办",
    "协助",
    "指导",
];

/// Verbs that make a group's names supporting (ontology-core: 配合, 参与, 协办, 协同, 协助 and
/// nothing else; 指导 "guides" is a role word of its own, kept as printed on a responsible slot).
const SUPPORTING_VERBS: &[&str] = &["配合", "参与", "协办", "协同", "协助"];

/// Role words that are neither lead nor supporting: the slot is responsible and the word is kept.
const OTHER_ROLE_VERBS: &[&str] = &["指导"];

/// How a group gives its names their role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marked {
    /// A printed label or supporting verb gives the role; the range is the word.
    By(Role, usize, usize),
    /// Marked 牵头.
    Lead,
    /// 负责, 按职责分工负责 or no mark at all: responsible.
    Plain,
}

/// Parses the content `inner` (without brackets) of a parenthetical in `chars`.
pub fn parse_parenthetical(chars: &[char], inner: Range<usize>) -> RawParenthetical {
    parse_groups(chars, split_groups(chars, inner))
}

/// Parses the groups of an assignment (each a range of `chars`, split at `，` and `；`) in
/// printed order: a parenthetical's, or those of its label lines (see
/// [`label_lines`](super::label_lines)).
pub fn parse_groups(
    chars: &[char],
    groups: impl IntoIterator<Item = Range<usize>>,
) -> RawParenthetical {
    parse_column_groups(chars, groups.into_iter().map(|g| (g, None)))
}

/// A table column's label (`牵头单位` in a header row) and the role it gives.
pub type ColumnLabel = (Role, Range<usize>);

/// Parses groups as [`parse_groups`] does, where a group may stand in a table column whose
/// header gives its names their role (see [`table`](super::table)); a verb the group prints
/// (牵头, 配合 …) still decides over the column.
pub fn parse_column_groups(
    chars: &[char],
    groups: impl IntoIterator<Item = (Range<usize>, Option<ColumnLabel>)>,
) -> RawParenthetical {
    let mut parsed: Vec<(Range<usize>, Marked)> = Vec::new();
    let mut found_deadline = None;
    for (group, column) in groups {
        let mut group = trim(chars, group);
        if let Some(d) = deadline(chars, group.clone()) {
            found_deadline.get_or_insert(d);
            continue;
        }
        // `完成时限：2022年9月底前`: the label says the value is a deadline, dated or not.
        if let Some(value) = deadline_label(chars, group.clone()) {
            found_deadline.get_or_insert(labelled_deadline(chars, trim(chars, value..group.end)));
            continue;
        }
        if let Some((names, d)) = trailing_deadline(chars, group.clone()) {
            found_deadline.get_or_insert(d);
            group = names;
        }
        if let Some(l) = label(chars, group.clone()) {
            let (list, _, _) = strip_verbs(chars, l.list_start..group.end);
            parsed.push((list, Marked::By(l.role, l.range.start, l.range.end)));
            continue;
        }
        let (list, lead, role_word) = strip_verbs(chars, group.clone());
        let marked = match (lead, role_word, &column) {
            (true, _, _) => Marked::Lead,
            (false, Some((role, word)), _) => Marked::By(role, word.start, word.end),
            (false, None, Some((role, header))) => Marked::By(*role, header.start, header.end),
            // A group with neither label nor verb after a labelled one continues its list.
            (false, None, None) if list.end == group.end => match parsed.last() {
                Some((_, by @ Marked::By(..))) => *by,
                _ => Marked::Plain,
            },
            (false, None, None) => Marked::Plain,
        };
        parsed.push((list, marked));
    }
    let mut slots = Vec::new();
    let mut open_list = false;
    for (list, marked) in parsed {
        let (role, label) = match marked {
            Marked::By(role, start, end) => (role, Some(start..end)),
            Marked::Lead => (Role::Lead, None),
            Marked::Plain => (Role::Responsible, None),
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
            // `区教育局（牵头）`: a role word in brackets after the name gives its role.
            let (name, role, label) = match bracketed_role(chars, &name) {
                Some((name, word_role, word)) => (name, word_role, Some(word)),
                None => (name, role, label.clone()),
            };
            slots.push(RawSlot {
                position: slots.len() + 1,
                role,
                name,
                label,
                rule: None,
            });
        }
    }
    RawParenthetical {
        slots,
        open_list,
        deadline: found_deadline,
    }
}

/// A name ending in a role word in brackets (`区教育局（牵头）`, `区残联（配合）`): the name
/// without it, the role, and the word's range.
fn bracketed_role(
    chars: &[char],
    name: &Range<usize>,
) -> Option<(Range<usize>, Role, Range<usize>)> {
    if name.len() < 5 || chars[name.end - 1] != '）' {
        return None;
    }
    let open = (name.start..name.end - 1)
        .rev()
        .find(|&i| chars[i] == '（')?;
    let word: String = chars[open + 1..name.end - 1].iter().collect();
    // A label (`牵头单位`, `配合单位` …) or a verb (`牵头`, `负责`, `配合` …), as a group prints it.
    let labelled = LABELS
        .iter()
        .find(|(label, _)| *label == word)
        .map(|(_, role)| *role);
    let role = labelled.or_else(|| match word.as_str() {
        "负责" => Some(Role::Responsible),
        w if SUPPORTING_VERBS.contains(&w) => Some(Role::Supporting),
        _ => None,
    })?;
    (open > name.start).then(|| (name.start..open, role, open + 1..name.end - 1))
}

/// A role word a group prints and the role it gives.
type RoleWord = (Role, Range<usize>);

/// Strips the verb ending of a group; returns the list part, whether 牵头 was among the verbs,
/// and the role and range of the last role word stripped (the one printed first) that is not
/// 牵头 or 负责 (配合 → supporting, 指导 → responsible), if any.
fn strip_verbs(chars: &[char], group: Range<usize>) -> (Range<usize>, bool, Option<RoleWord>) {
    let mut group = trim(chars, group);
    let mut lead = false;
    let mut role_word = None;
    'strip: loop {
        for verb in VERBS {
            if ends_with(chars, &group, verb) {
                let n = verb.chars().count();
                group.end -= n;
                lead |= *verb == "牵头";
                let word = group.end..group.end + n;
                if SUPPORTING_VERBS.contains(verb) {
                    role_word = Some((Role::Supporting, word));
                } else if OTHER_ROLE_VERBS.contains(verb) {
                    role_word = Some((Role::Responsible, word));
                }
                continue 'strip;
            }
        }
        break;
    }
    (group, lead, role_word)
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
                    (Responsible, ""),
                    (Responsible, "农业部")
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
                    (Responsible, "海关总署"),
                    (Responsible, "工商总局")
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

    /// (role, label or "", name) per slot, and the deadline group's text.
    fn labelled(content: &str) -> (Vec<(Role, String, String)>, Option<String>) {
        let chars: Vec<char> = content.chars().collect();
        let p = parse_parenthetical(&chars, 0..chars.len());
        let text = |r: &Range<usize>| chars[r.clone()].iter().collect::<String>();
        let slots = p
            .slots
            .iter()
            .map(|s| {
                let label = s.label.as_ref().map(text).unwrap_or_default();
                (s.role, label, text(&s.name))
            })
            .collect();
        (slots, p.deadline.map(|d| text(&d.range)))
    }

    fn labelled_slots(list: &[(Role, &str, &str)]) -> Vec<(Role, String, String)> {
        list.iter()
            .map(|(r, l, n)| (*r, l.to_string(), n.to_string()))
            .collect()
    }

    #[test]
    fn labelled_groups_take_their_label_s_role() {
        assert_eq!(
            labelled("牵头单位：区政府办公室、区司法局；责任单位：区政府有关部门"),
            (
                labelled_slots(&[
                    (Lead, "牵头单位", "区政府办公室"),
                    (Lead, "牵头单位", "区司法局"),
                    (Responsible, "责任单位", "区政府有关部门"),
                ]),
                None
            )
        );
        assert_eq!(
            labelled("牵头部门：市商务局；配合单位：各街道（功能区）、市公安局"),
            (
                labelled_slots(&[
                    (Lead, "牵头部门", "市商务局"),
                    (Supporting, "配合单位", "各街道（功能区）"),
                    (Supporting, "配合单位", "市公安局"),
                ]),
                None
            )
        );
        assert_eq!(
            labelled("牵头：省商务厅；参与单位：省公安厅，省财政厅"),
            (
                labelled_slots(&[
                    (Lead, "牵头", "省商务厅"),
                    (Supporting, "参与单位", "省公安厅"),
                    (Supporting, "参与单位", "省财政厅"),
                ]),
                None
            )
        );
    }

    #[test]
    fn a_deadline_is_no_slot() {
        assert_eq!(
            labelled("牵头单位：市司法局；完成时限：长期坚持"),
            (
                labelled_slots(&[(Lead, "牵头单位", "市司法局")]),
                Some("长期坚持".into())
            )
        );
        assert_eq!(
            labelled("工业和信息化部负责2022年底前完成"),
            (
                labelled_slots(&[(Responsible, "", "工业和信息化部")]),
                Some("2022年底前完成".into())
            )
        );
        assert_eq!(
            labelled("国务院各部门分别负责，年内持续推进"),
            (
                labelled_slots(&[(Responsible, "", "国务院各部门")]),
                Some("年内持续推进".into())
            )
        );
        assert_eq!(
            labelled("省商务厅牵头，省公安厅配合，2022年6月底前"),
            (
                labelled_slots(&[(Lead, "", "省商务厅"), (Supporting, "配合", "省公安厅")]),
                Some("2022年6月底前".into())
            )
        );
    }

    #[test]
    fn other_wordings() {
        for content in [
            "省商务厅负责落实",
            "省商务厅分别负责落实",
            "省商务厅按职责分工负责落实",
            "省商务厅共同负责",
        ] {
            assert_eq!(
                labelled(content).0,
                labelled_slots(&[(Responsible, "", "省商务厅")]),
                "{content}"
            );
        }
        assert_eq!(
            labelled("省商务厅牵头落实，省公安厅参与").0,
            labelled_slots(&[(Lead, "", "省商务厅"), (Supporting, "参与", "省公安厅")])
        );
        assert_eq!(
            labelled("省发展改革委指导，各市县人民政府负责").0,
            labelled_slots(&[
                (Responsible, "指导", "省发展改革委"),
                (Responsible, "", "各市县人民政府")
            ])
        );
        assert_eq!(
            labelled("省商务厅牵头，省公安厅协同").0,
            labelled_slots(&[(Lead, "", "省商务厅"), (Supporting, "协同", "省公安厅")])
        );
    }
}
