//! Label lines: an assignment printed after a task's text as lines of their own, one field a
//! line, as many provincial and district 任务分工 documents print them instead of a
//! parenthetical:
//!
//! ```text
//! 牵头单位：区政府办公室、区司法局
//! 责任单位：区政府有关部门
//! 完成时限：2021年6月底前
//! ```
//!
//! or one line holding a whole assignment: `部门分工：省发展改革委牵头，各地、各部门配合。`.
//! The labels are those of [`labels`](super::labels); a role line's names are read as the
//! labelled group of a parenthetical, an assignment line's value as a parenthetical's content
//! (both by [`parse_groups`]), and a deadline line's value is the deadline, dated as
//! [`deadline`](super::deadline) dates one.
//!
//! A block of label lines assigns work only where one of its lines names units (a role or an
//! assignment line): a lone `完成时限：` line does not, as a bracketed deadline alone does not.
//! A line whose value holds a sentence (a `。` before its end) is no label line.

use super::deadline::{labelled_deadline, RawDeadline};
use super::labels::{line_label, LineField};
use super::lists::{split_groups, trim};
use super::responsibility::{parse_groups, RawParenthetical};
use std::ops::Range;

/// One label line (or one field of a line that prints several).
pub struct Line {
    /// The line from its label to its end, spaces trimmed.
    pub range: Range<usize>,
    /// What it holds.
    pub field: LineField,
    /// The value after the colon, without the `。`, `；` or `，` closing the line.
    pub value: Range<usize>,
}

/// The label line opening at `start`, within `end`. Several fields may share a printed line
/// (`牵头单位：区商务局  配合单位：区财政局  完成时限：2021年底前`; cleaning has dropped the
/// spaces between them): a field ends where the next label and its colon begin.
pub fn line_at(chars: &[char], start: usize, end: usize) -> Option<Line> {
    let line_end = (start..end).find(|&i| chars[i] == '\n').unwrap_or(end);
    let label = line_label(chars, trim(chars, start..line_end))?;
    let field_end = (label.value_start..line_end)
        .find(|&i| line_label(chars, i..line_end).is_some_and(|next| next.range.start == i))
        .unwrap_or(line_end);
    let range = trim(chars, start..field_end);
    let mut value = trim(chars, label.value_start..range.end);
    while value.end > value.start && matches!(chars[value.end - 1], '。' | '；' | '，') {
        value.end -= 1;
    }
    let value = trim(chars, value);
    if chars[value.clone()].contains(&'。') {
        return None;
    }
    Some(Line {
        range: label.range.start..range.end,
        field: label.field,
        value,
    })
}

/// The consecutive label lines from `start` (a line's start) within `end`.
fn lines(chars: &[char], start: usize, end: usize) -> Vec<Line> {
    let mut out = Vec::new();
    let mut at = start;
    while at < end {
        let Some(line) = line_at(chars, at, end) else {
            break;
        };
        // A portal's footer prints `主办单位：…` / `协办单位：…` (who runs the site): such a line
        // assigns work only after another label line, never opening a block.
        let word: String = chars[line.range.start..].iter().take(2).collect();
        if out.is_empty() && (word == "主办" || word == "协办") {
            break;
        }
        // The next field on the same line, or the next line.
        let next = (line.range.end..end)
            .find(|&i| !chars[i].is_whitespace() || chars[i] == '\n')
            .map_or(end, |i| if chars[i] == '\n' { i + 1 } else { i });
        out.push(line);
        at = next;
    }
    out
}

/// The block of label lines opening at `start` (a line's start), within `end`: from its first
/// label to the end of its last line; `None` where no line opens there or none names units.
pub fn label_block(chars: &[char], start: usize, end: usize) -> Option<Range<usize>> {
    let lines = lines(chars, start, end);
    let names_units = lines.iter().any(|l| match l.field {
        LineField::Role(_) => true,
        LineField::Assignment => !l.value.is_empty(),
        LineField::Deadline | LineField::Person => false,
    });
    let (first, last) = (lines.first()?, lines.last()?);
    names_units.then_some(first.range.start..last.range.end)
}

/// Parses the label lines of `block` (as [`label_block`] found it) into the parenthetical they
/// stand for: their slots in printed order, and the deadline printed first.
pub fn parse_label_lines(chars: &[char], block: Range<usize>) -> RawParenthetical {
    let mut groups = Vec::new();
    let mut line_deadline: Option<RawDeadline> = None;
    for line in lines(chars, block.start, block.end) {
        match line.field {
            // From the label on, so the group reads as a labelled one.
            LineField::Role(_) => {
                groups.extend(split_groups(chars, line.range.start..line.value.end));
            }
            LineField::Assignment => groups.extend(split_groups(chars, line.value)),
            // The label says the value is a deadline: dated only where it prints its year.
            LineField::Deadline if !line.value.is_empty() && line_deadline.is_none() => {
                line_deadline = Some(labelled_deadline(chars, line.value));
            }
            LineField::Deadline | LineField::Person => {}
        }
    }
    let mut parsed = parse_groups(chars, groups);
    parsed.deadline = match (parsed.deadline.take(), line_deadline) {
        (Some(a), Some(b)) => Some(if a.range.start < b.range.start { a } else { b }),
        (a, b) => a.or(b),
    };
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role::{self, *};

    /// The block at the start of `s`, and its (role, label, name) slots and deadline.
    type Parsed = (
        String,
        Vec<(Role, String, String)>,
        Option<(String, Option<String>)>,
    );

    fn parse(s: &str) -> Option<Parsed> {
        let chars: Vec<char> = s.chars().collect();
        let block = label_block(&chars, 0, chars.len())?;
        let text = |r: &Range<usize>| chars[r.clone()].iter().collect::<String>();
        let p = parse_label_lines(&chars, block.clone());
        let slots = p
            .slots
            .iter()
            .map(|s| {
                let label = s.label.as_ref().map(text).unwrap_or_default();
                (s.role, label, text(&s.name))
            })
            .collect();
        let deadline = p.deadline.map(|d| (text(&d.range), d.date));
        Some((text(&block), slots, deadline))
    }

    fn slots(list: &[(Role, &str, &str)]) -> Vec<(Role, String, String)> {
        list.iter()
            .map(|(r, l, n)| (*r, l.to_string(), n.to_string()))
            .collect()
    }

    #[test]
    fn one_field_a_line() {
        let (block, found, deadline) = parse(
            "牵头单位：区政府办公室、区司法局\n责任单位：区政府有关部门\n完成时限：2021年6月底前\n加强宣传。",
        )
        .unwrap();
        assert_eq!(
            block,
            "牵头单位：区政府办公室、区司法局\n责任单位：区政府有关部门\n完成时限：2021年6月底前"
        );
        assert_eq!(
            found,
            slots(&[
                (Lead, "牵头单位", "区政府办公室"),
                (Lead, "牵头单位", "区司法局"),
                (Responsible, "责任单位", "区政府有关部门"),
            ])
        );
        assert_eq!(
            deadline,
            Some(("2021年6月底前".into(), Some("2021-06-30".into())))
        );
    }

    #[test]
    fn a_whole_assignment_on_one_line() {
        let (block, found, deadline) =
            parse("部门分工：省发展改革委牵头，各地、各部门配合。").unwrap();
        assert_eq!(block, "部门分工：省发展改革委牵头，各地、各部门配合。");
        assert_eq!(
            found,
            slots(&[
                (Lead, "", "省发展改革委"),
                (Supporting, "配合", "各地"),
                (Supporting, "配合", "各部门"),
            ])
        );
        assert_eq!(deadline, None);
        let (_, _, deadline) =
            parse("责任分工：省商务厅负责，2021年底前完成\n完成时限：2022年6月底前").unwrap();
        assert_eq!(
            deadline,
            Some(("2021年底前完成".into(), Some("2021-12-31".into()))),
            "the deadline printed first"
        );
    }

    #[test]
    fn several_fields_on_one_line() {
        // Cleaning drops the spaces between Han characters, so the fields meet.
        let (block, found, deadline) =
            parse("牵头单位：区商务局配合单位：区财政局、区税务局完成时限：2021年底前\n加强宣传。")
                .unwrap();
        assert_eq!(
            block,
            "牵头单位：区商务局配合单位：区财政局、区税务局完成时限：2021年底前"
        );
        assert_eq!(
            found,
            slots(&[
                (Lead, "牵头单位", "区商务局"),
                (Supporting, "配合单位", "区财政局"),
                (Supporting, "配合单位", "区税务局"),
            ])
        );
        assert_eq!(
            deadline,
            Some(("2021年底前".into(), Some("2021-12-31".into())))
        );
        let (_, found, _) = parse("牵头单位：区市场监管局\t责任单位：各街道\n").unwrap();
        assert_eq!(
            found,
            slots(&[
                (Lead, "牵头单位", "区市场监管局"),
                (Responsible, "责任单位", "各街道"),
            ])
        );
    }

    #[test]
    fn host_and_assist_lines_after_a_lead_line() {
        let (_, found, _) = parse("牵头单位：区行政审批服务局\n协办单位：区政府有关部门").unwrap();
        assert_eq!(
            found,
            slots(&[
                (Lead, "牵头单位", "区行政审批服务局"),
                (Supporting, "协办单位", "区政府有关部门"),
            ])
        );
    }

    #[test]
    fn a_deadline_line_is_a_deadline_even_without_a_year() {
        let (_, _, deadline) = parse("配合单位：各街道(功能区)\n完成时限：6月底前").unwrap();
        assert_eq!(deadline, Some(("6月底前".into(), None)));
    }

    #[test]
    fn what_is_no_block() {
        assert_eq!(parse("完成时限：2021年6月底前"), None);
        assert_eq!(parse("部门分工："), None);
        assert_eq!(parse("明确分工：各地负责"), None);
        assert_eq!(parse("牵头单位：区司法局。加强宣传。"), None);
        assert_eq!(parse("加强宣传。\n牵头单位：区司法局"), None);
        assert_eq!(
            parse("主办单位：某市人民政府办公室\n协办单位：某市大数据局"),
            None
        );
    }
}
