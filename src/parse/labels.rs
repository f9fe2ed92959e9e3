//! Labelled assignments: a group of a parenthetical that opens with a label and a colon
//! (`牵头单位：区政府办公室、区司法局`, `责任单位：…`, `配合单位：…`, `牵头：…`). The label gives
//! the role of every name after it, and is kept as printed. Traditional labels (`牽頭單位`) read
//! the same: the stages see the simplified cleaned text.

use crate::model::Role;
use std::ops::Range;

/// Labels and the role each gives, longest first where one begins another.
pub const LABELS: &[(&str, Role)] = &[
    ("牵头单位", Role::Lead),
    ("牵头部门", Role::Lead),
    ("牵头", Role::Lead),
    ("责任单位", Role::Responsible),
    ("责任部门", Role::Responsible),
    ("主办单位", Role::Responsible),
    ("主责单位", Role::Responsible),
    ("配合单位", Role::Supporting),
    ("配合部门", Role::Supporting),
    ("协办单位", Role::Supporting),
    ("参与单位", Role::Supporting),
    ("参与部门", Role::Supporting),
];

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
    let mut start = group.start;
    while start < group.end && chars[start].is_whitespace() {
        start += 1;
    }
    let text = &chars[start..group.end];
    LABELS.iter().find_map(|(word, role)| {
        let n = word.chars().count();
        let matches = text.len() > n && text[..n].iter().copied().eq(word.chars());
        (matches && text[n] == '：').then(|| Label {
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
}
