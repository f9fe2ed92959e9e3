//! Brackets in a task's text: which bracket closes which (`（）`, `〔〕`, `【】`), and whether a
//! bracket's content assigns responsibility, so that it ends a subtask.

use super::deadline::{deadline, trailing_deadline};
use super::labels::{deadline_label, label};
use super::lists::{depth_change, split_groups, split_names, trim};
use std::ops::Range;

/// The bracket closing `open`: `（）`, and `〔〕`, `【】` or `[]`, which a plan uses where the
/// content holds parentheses (`各街道（功能区）`).
pub fn closer(open: char) -> Option<char> {
    match open {
        '（' => Some('）'),
        '〔' => Some('〕'),
        '【' => Some('】'),
        // `[牵头单位:…;责任单位:…]` in ASCII brackets (cleaning folds ［］ to them).
        '[' => Some(']'),
        _ => None,
    }
}

/// The index of the bracket closing the one at `open`, within `end`.
pub fn closing_paren(chars: &[char], open: usize, end: usize) -> Option<usize> {
    let opener = chars[open];
    let closing = closer(opener)?;
    let mut depth = 0usize;
    for (i, &c) in chars.iter().enumerate().take(end).skip(open) {
        if c == opener {
            depth += 1;
        } else if c == closing {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// Whether a bracket's content assigns responsibility, and holds no sentence: after any deadline
/// group (`，2021年底前完成`) is left out, it ends in 负责 / 牵头 / 配合 / 参与 / 负责落实 /
/// 牵头落实 (or in 协同 / 协助 / 协办 / 指导 after a group that does), or uses 按职责分工, or a group opens with
/// a label (`牵头单位：`).
/// `（IP地址）`, `（西）`, `（平安建设）` do not.
pub fn is_responsibility(content: &[char]) -> bool {
    let chars: Vec<char> = content
        .iter()
        .copied()
        .filter(|c| !c.is_whitespace())
        .collect();
    if chars.contains(&'。') {
        return false;
    }
    let mut kept = Vec::new();
    let mut labelled = false;
    let mut start = 0;
    for end in (0..=chars.len()).filter(|&i| i == chars.len() || matches!(chars[i], '，' | '；'))
    {
        let is_deadline =
            deadline(&chars, start..end).is_some() || deadline_label(&chars, start..end).is_some();
        if !is_deadline {
            labelled |= label(&chars, start..end).is_some();
            // `…负责2022年底前完成`: the names and verb before the deadline.
            let names = trailing_deadline(&chars, start..end).map_or(start..end, |(n, _)| n);
            kept.push(names);
        }
        start = end + 1;
    }
    let (Some(first), Some(last)) = (kept.first(), kept.last()) else {
        return false;
    };
    let text: String = chars[first.start..last.end].iter().collect();
    let ends = |group: &Range<usize>, endings: &[&str]| {
        let group: String = chars[group.clone()].iter().collect();
        endings.iter().any(|end| group.ends_with(end))
    };
    const ENDINGS: &[&str] = &["负责", "牵头", "配合", "参与", "负责落实", "牵头落实"];
    // 协同, 协助, 协办 and 指导 end a parenthetical only beside a group that assigns
    // (`（A牵头，B协同）`): `（加强业务指导）` is running text.
    let beside =
        kept.iter().any(|g| ends(g, ENDINGS)) && ends(last, &["协同", "协助", "协办", "指导"]);
    labelled || beside || ends(last, ENDINGS) || text.contains("按职责分工")
}

/// Endings of the names of bodies and groups of them (`局`, `委`, `政府`, `有关部门` …): what a
/// bracket holding only names ends each of them with.
const BODY_ENDINGS: &[char] = &[
    '局', '委', '办', '厅', '部', '院', '会', '府', '室', '署', '所', '站', '队', '科', '处', '行',
    '社', '团', '联', '馆', '组', '司', '位', '门', '心', '庭', '镇', '乡', '村', '道',
];

/// Whether a bracket's content is a list of bodies' names and nothing else (`市发展改革委、市财政局`,
/// `省自然资源厅`), as a plan prints an assignment with no role word at all (the names are
/// responsible, or lead where a stated rule says so): every name, a bracket after it
/// (`（含开发区管委会）`) and a star left out, ends as a body's name does, and none opens as an
/// explanation does (含, 包括, 以下, 即). `（2023—2025年）`, `（以下简称“…”）`, `（IP地址）` are not.
pub fn is_bare_list(content: &[char]) -> bool {
    if content.contains(&'。') {
        return false;
    }
    // The names, and after them only deadline groups (`（A、B，2025年10月底前完成）`).
    let groups = split_groups(content, 0..content.len());
    let (names, after) = groups.split_first().expect("one group at least");
    after
        .iter()
        .all(|g| deadline(content, trim(content, g.clone())).is_some())
        && split_names(content, names.clone())
            .into_iter()
            .all(|name| reads_as_body(&outside_brackets(content, name)))
}

/// The characters of `range` outside the brackets it holds (`各县（市、区）人民政府` → 各县人民政府).
fn outside_brackets(chars: &[char], range: Range<usize>) -> String {
    let mut depth = 0isize;
    chars[range]
        .iter()
        .filter(|&&c| {
            let change = depth_change(c);
            depth += change;
            change == 0 && depth <= 0
        })
        .collect()
}

/// Whether a name, its brackets left out, reads as a body's: Chinese, 2 to 30 characters, ending
/// as bodies' names end, opening as no explanation does; a star (`区民政局*`) is allowed.
fn reads_as_body(name: &str) -> bool {
    let name = name.trim_end_matches(['*', '★', '※', '☆']);
    let length = name.chars().count();
    (2..=30).contains(&length)
        && name
            .chars()
            .last()
            .is_some_and(|c| BODY_ENDINGS.contains(&c))
        && !["含", "包括", "以下", "即", "如", "共"]
            .iter()
            .any(|w| name.starts_with(w))
        && name.chars().all(crate::text::is_han)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_assigns() {
        let assigns = |s: &str| is_responsibility(&s.chars().collect::<Vec<_>>());
        assert!(!assigns("督促落实"));
        assert!(!assigns("加强业务指导"));
        assert!(!assigns("IP地址"));
        assert!(assigns("省知识产权局牵头，省委宣传部协同"));
        assert!(assigns("省商务厅负责落实，2021年底前完成"));
        assert!(assigns("牵头单位：区政府办公室"));
        assert!(assigns("工业和信息化部负责2022年底前完成"));
        assert!(assigns("牵头单位：市司法局；完成时限：长期坚持"));
        assert!(!assigns("完成时限：2022年底前"));
        assert!(!assigns("2022年底前完成"));
    }

    #[test]
    fn bare_lists_of_names() {
        let bare = |s: &str| is_bare_list(&s.chars().collect::<Vec<_>>());
        assert!(bare("市发展改革委、市财政局"));
        assert!(bare("省自然资源厅"));
        assert!(bare(
            "市市场监管局、各区县政府（含开发区管委会）（列第一位的为牵头单位，下同）"
        ));
        assert!(bare("区民政局*、区财政局、各街道"));
        assert!(!bare("2023—2025年"));
        assert!(!bare("以下简称“领导小组”"));
        assert!(!bare("IP地址"));
        assert!(!bare("含开发区管委会"));
        assert!(!bare("西"));
        assert!(bare("县水利局、各乡镇人民政府，长期坚持"));
        assert!(!bare("县水利局，加强监管"));
    }

    #[test]
    fn brackets_close_their_own_kind() {
        let chars: Vec<char> = "〔各街道（功能区）〕后".chars().collect();
        assert_eq!(closer('【'), Some('】'));
        assert_eq!(closing_paren(&chars, 0, chars.len()), Some(9));
        assert_eq!(closing_paren(&chars, 4, chars.len()), Some(8));
    }
}
