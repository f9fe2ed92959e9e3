//! Labelled assignments: a group of a parenthetical that opens with a label and a colon
//! (`牵头单位：区政府办公室、区司法局`, `责任单位：…`, `配合单位：…`, `牵头：…`). The label gives
//! the role of every name after it, and is kept as printed. Traditional labels (`牽頭單位`) read
//! the same: the stages see the simplified cleaned text.
//!
//! The same labels open label lines (see [`label_lines`](super::label_lines)), beside two more
//! kinds a line may print: a whole assignment (`部门分工：…`, [`ASSIGNMENT_LABELS`]) and a
//! deadline (`完成时限：…`, [`DEADLINE_LABELS`]).

use crate::model::Role;
use crate::text::lexicon::is_person_header;
use std::ops::Range;

/// Labels and the role each gives, longest first where one begins another (the genre's
/// lexicon holds them, for the table headers too).
pub use crate::text::lexicon::ROLE_LABELS as LABELS;

/// Labels of a line that holds a whole assignment (`部门分工：省发展改革委牵头，各地、各部门配合。`).
pub const ASSIGNMENT_LABELS: &[&str] = &["部门分工", "责任分工", "任务分工", "职责分工", "分工"];

/// Labels of a line that holds a deadline (`完成时限：2021年6月底前`).
pub use crate::text::lexicon::DEADLINE_LABELS;

/// What a label line holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineField {
    /// Names in the role its label gives (`牵头单位：…`, one of [`LABELS`]).
    Role(Role),
    /// A whole assignment, worded as a parenthetical's content (`部门分工：…`).
    Assignment,
    /// A deadline (`完成时限：…`).
    Deadline,
    /// Officials (`分管区领导：王建国`): persons, never slots (see
    /// [`officials`](super::officials)).
    Person,
}

/// A line's label: its range (without the colon), what the line holds, and where the value after
/// the colon starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineLabel {
    /// The label's cleaned range.
    pub range: Range<usize>,
    /// What the line holds.
    pub field: LineField,
    /// The first index after the colon.
    pub value_start: usize,
}

/// The label opening a line `line` (spaces before it skipped): one of [`LABELS`],
/// [`ASSIGNMENT_LABELS`] or [`DEADLINE_LABELS`], followed by `：`.
pub fn line_label(chars: &[char], line: Range<usize>) -> Option<LineLabel> {
    if let Some(l) = label(chars, line.clone()) {
        return Some(LineLabel {
            range: l.range,
            field: LineField::Role(l.role),
            value_start: l.list_start,
        });
    }
    let start = skip_spaces(chars, line.clone());
    let kinds = [
        (ASSIGNMENT_LABELS, LineField::Assignment),
        (DEADLINE_LABELS, LineField::Deadline),
    ];
    let listed = kinds.iter().find_map(|(words, field)| {
        let n = opening(&chars[start..line.end], words)?;
        Some(LineLabel {
            range: start..start + n,
            field: *field,
            value_start: start + n + 1,
        })
    });
    listed.or_else(|| {
        // `分管区领导：…`: a label of officials, up to 7 characters before the colon.
        let colon = (start..line.end.min(start + 8)).find(|&i| chars[i] == '：')?;
        let word: String = chars[start..colon].iter().collect();
        is_person_header(&word).then_some(LineLabel {
            range: start..colon,
            field: LineField::Person,
            value_start: colon + 1,
        })
    })
}

/// The first index of `range` that is not a space.
fn skip_spaces(chars: &[char], range: Range<usize>) -> usize {
    (range.clone())
        .find(|&i| !chars[i].is_whitespace())
        .unwrap_or(range.end)
}

/// The length of the word of `words` that `text` opens with, followed by `：`.
fn opening(text: &[char], words: &[&str]) -> Option<usize> {
    words.iter().find_map(|word| {
        let n = word.chars().count();
        let matches = text.len() > n && text[..n].iter().copied().eq(word.chars());
        (matches && text[n] == '：').then_some(n)
    })
}

/// Where the value of a deadline group starts, if `group` opens with a deadline label and its
/// colon (`完成时限：2022年9月底前` inside a bracket).
pub fn deadline_label(chars: &[char], group: Range<usize>) -> Option<usize> {
    let start = skip_spaces(chars, group.clone());
    opening(&chars[start..group.end], DEADLINE_LABELS).map(|n| start + n + 1)
}

/// A group's label: its range (without the colon), the role it gives, and where the list after
/// the colon starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The label's cleaned range.
    pub range: Range<usize>,
    /// The role it gives the names after it.
    pub role: Role,
    /// The first index after the colon.
    pub list_start: usize,
}

/// The label opening `group` (spaces before it skipped), if it is one of [`LABELS`] followed by
/// `：`.
pub fn label(chars: &[char], group: Range<usize>) -> Option<Label> {
    let start = skip_spaces(chars, group.clone());
    let text = &chars[start..group.end];
    // Every label is two to four characters and its colon: most groups have none there.
    if !text.iter().take(6).any(|&c| c == '：') {
        return None;
    }
    LABELS.iter().find_map(|(word, role)| {
        let n = opening(text, &[word])?;
        Some(Label {
            range: start..start + n,
            role: *role,
            list_start: start + n + 1,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Option<(String, Role, String)> {
        let chars: Vec<char> = s.chars().collect();
        label(&chars, 0..chars.len()).map(|l| {
            (
                chars[l.range].iter().collect(),
                l.role,
                chars[l.list_start..].iter().collect(),
            )
        })
    }

    #[test]
    fn labels_give_roles() {
        assert_eq!(
            read("牵头单位：区政府办公室"),
            Some(("牵头单位".into(), Role::Lead, "区政府办公室".into()))
        );
        assert_eq!(
            read(" 协办单位：市商务局"),
            Some(("协办单位".into(), Role::Supporting, "市商务局".into()))
        );
        assert_eq!(
            read("牵头：省商务厅"),
            Some(("牵头".into(), Role::Lead, "省商务厅".into()))
        );
        assert_eq!(read("省商务厅牵头"), None);
        assert_eq!(read("责任单位"), None);
    }

    #[test]
    fn line_labels_say_what_their_line_holds() {
        let read = |s: &str| {
            let chars: Vec<char> = s.chars().collect();
            line_label(&chars, 0..chars.len()).map(|l| {
                let label: String = chars[l.range].iter().collect();
                let value: String = chars[l.value_start..].iter().collect();
                (label, l.field, value)
            })
        };
        assert_eq!(
            read("牵头单位：区政府办公室"),
            Some((
                "牵头单位".into(),
                LineField::Role(Role::Lead),
                "区政府办公室".into()
            ))
        );
        assert_eq!(
            read("部门分工：省发展改革委牵头"),
            Some((
                "部门分工".into(),
                LineField::Assignment,
                "省发展改革委牵头".into()
            ))
        );
        assert_eq!(
            read("  分工：各地负责"),
            Some(("分工".into(), LineField::Assignment, "各地负责".into()))
        );
        assert_eq!(
            read("完成时限：2021年6月底前"),
            Some((
                "完成时限".into(),
                LineField::Deadline,
                "2021年6月底前".into()
            ))
        );
        assert_eq!(read("明确分工：各地负责"), None);
        // An official's label is a field of its own: a person, never a role's names.
        assert_eq!(
            read("牵头领导：张三"),
            Some(("牵头领导".into(), LineField::Person, "张三".into()))
        );
    }
}
