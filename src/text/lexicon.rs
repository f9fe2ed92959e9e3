//! The words of the genre that several stages read: the labels that give roles (`牵头单位`,
//! `配合单位` …), the labels of deadlines (`完成时限` …), and the headers a 任务分工 table names
//! its columns with (`序号`, `重点工作`, `分管领导`, `备注` …). Cleaning uses the headers to
//! recognise a table however it was flattened to text (see [`crate::read::clean`]); parsing
//! uses the same words to give cells and labelled groups their roles.

use crate::model::Role;

/// Labels and the role each gives, longest first where one begins another.
pub const ROLE_LABELS: &[(&str, Role)] = &[
    ("牵头单位", Role::Lead),
    ("牵头部门", Role::Lead),
    ("牵头科室", Role::Lead),
    ("牵头处室", Role::Lead),
    ("牵头", Role::Lead),
    ("责任单位", Role::Responsible),
    ("责任部门", Role::Responsible),
    ("责任科室", Role::Responsible),
    ("责任处室", Role::Responsible),
    // 主办 (host) beside 协办 (assist) reads as 牵头 beside 配合.
    ("主办单位", Role::Lead),
    ("主责单位", Role::Responsible),
    ("主责部门", Role::Responsible),
    ("配合单位", Role::Supporting),
    ("配合部门", Role::Supporting),
    ("协办单位", Role::Supporting),
    ("协办部门", Role::Supporting),
    ("参与单位", Role::Supporting),
    ("参与部门", Role::Supporting),
    ("协同单位", Role::Supporting),
    ("协同部门", Role::Supporting),
    ("协助单位", Role::Supporting),
];

/// Labels of a deadline (`完成时限：2021年6月底前`), and the headers of a deadline column.
pub const DEADLINE_LABELS: &[&str] = &[
    "完成时限",
    "完成时间",
    "时间节点",
    "时间安排",
    "进度安排",
    "时限要求",
    "时限",
];

/// Headers of the column that holds a task's text.
pub const TASK_COLUMNS: &[&str] = &[
    "重点任务",
    "工作任务",
    "主要任务",
    "具体任务",
    "任务内容",
    "任务名称",
    "目标任务",
    "任务",
    "工作内容",
    "主要内容",
    "工作措施",
    "具体措施",
    "主要措施",
    "重点工作",
    "工作事项",
    "重点事项",
    "民生实事",
    "项目名称",
    "改革事项",
];

/// Headers of the column that numbers a table's rows.
pub const NUMBER_COLUMNS: &[&str] = &["序号", "编号"];

/// Headers of columns that hold neither names nor the task: kept as printed, read by nobody.
pub const OTHER_COLUMNS: &[&str] = &[
    "备注",
    "工作目标",
    "目标要求",
    "工作要求",
    "完成标准",
    "工作标准",
    "预期成效",
    "类别",
    "领域",
];

/// What a table's column holds, by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// The rows' numbers (`序号`).
    Number,
    /// The task's text (`重点任务`).
    Task,
    /// Names of bodies in the role the header gives (`牵头单位`).
    Role(Role),
    /// The deadline (`完成时限`).
    Deadline,
    /// Officials, never bodies (`分管领导`, `责任领导`, `责任人`).
    Person,
    /// Anything else a table prints (`备注`).
    Other,
}

/// The kind of column a header cell names, if it is one of the genre's headers. An official's
/// column is any header ending in 领导 (`分管区领导`, `责任领导`, `包联领导`) or 责任人.
pub fn column_kind(header: &str) -> Option<ColumnKind> {
    let header = header.trim();
    // `责任科室（单位）`, `牵头单位(部门)`: the header before its bracket.
    let header = match header.find(['（', '(']) {
        Some(at) if at > 0 && header.ends_with(['）', ')']) => &header[..at],
        _ => header,
    };
    if let Some((_, role)) = ROLE_LABELS.iter().find(|(word, _)| *word == header) {
        return Some(ColumnKind::Role(*role));
    }
    let kind = if NUMBER_COLUMNS.contains(&header) {
        ColumnKind::Number
    } else if TASK_COLUMNS.contains(&header) || reads_as_task_header(header) {
        ColumnKind::Task
    } else if DEADLINE_LABELS.contains(&header) {
        ColumnKind::Deadline
    } else if is_person_header(header) {
        ColumnKind::Person
    } else if OTHER_COLUMNS.contains(&header) {
        ColumnKind::Other
    } else {
        return None;
    };
    Some(kind)
}

/// Whether a header not listed in [`TASK_COLUMNS`] names the task's column by how it ends
/// (`任务事项`, `攻坚项目`, `重点改革任务`): two to six characters ending in 任务, 事项, 项目,
/// 内容 or 措施.
fn reads_as_task_header(header: &str) -> bool {
    let n = header.chars().count();
    (2..=6).contains(&n)
        && ["任务", "事项", "项目", "内容", "措施"]
            .iter()
            .any(|end| header.ends_with(end))
        && header.chars().all(crate::text::is_han)
}

/// How the header or label of officials opens (`分管区领导`, `责任领导`, `包联领导`, `牵头领导`).
const PERSON_OPENINGS: &[&str] = &[
    "分管",
    "责任",
    "包联",
    "包抓",
    "联系",
    "牵头",
    "主管",
    "挂点",
    "挂钩",
    "主要",
    "总牵头",
    "总负责",
];

/// Whether a header or label names officials (`分管领导`, `分管省领导`, `责任领导`, `责任人`,
/// `分管副镇长`): one of [`PERSON_OPENINGS`], then up to three more characters, then 领导, 责任人
/// or an office holder's 长 (`分管副县长`) — so `局分管领导` (a name's end before the label) is
/// none.
pub fn is_person_header(word: &str) -> bool {
    if word == "责任人" {
        return true;
    }
    let chars = word.chars().count();
    (3..=7).contains(&chars)
        && (word.ends_with("领导") || word.ends_with("责任人") || word.ends_with('长'))
        && PERSON_OPENINGS.iter().any(|o| word.starts_with(o))
}

/// The columns of a table's header row, if `cells` are one: at least three cells, every one a
/// header of the genre (see [`column_kind`]), a column of names, and a column for the task or the
/// row's number. `None` otherwise.
pub fn header_columns<S: AsRef<str>>(
    cells: impl IntoIterator<Item = S>,
) -> Option<Vec<ColumnKind>> {
    let columns: Vec<ColumnKind> = cells
        .into_iter()
        .map(|cell| column_kind(cell.as_ref()))
        .collect::<Option<_>>()?;
    let has = |f: fn(&ColumnKind) -> bool| columns.iter().any(f);
    let names = has(|c| matches!(c, ColumnKind::Role(_)));
    let task = has(|c| matches!(c, ColumnKind::Task | ColumnKind::Number));
    (columns.len() >= 3 && names && task).then_some(columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_name_their_columns() {
        assert_eq!(column_kind("牵头单位"), Some(ColumnKind::Role(Role::Lead)));
        assert_eq!(column_kind("分管区领导"), Some(ColumnKind::Person));
        assert_eq!(column_kind("责任人"), Some(ColumnKind::Person));
        assert_eq!(column_kind("完成时限"), Some(ColumnKind::Deadline));
        assert_eq!(
            column_kind("责任科室（单位）"),
            Some(ColumnKind::Role(Role::Responsible))
        );
        assert_eq!(column_kind("区商务局"), None);
        assert_eq!(column_kind("领导"), None);
        assert!(is_person_header("分管区领导") && is_person_header("包联领导"));
        assert!(!is_person_header("局分管领导"));
        assert!(is_person_header("分管副镇长"));
        assert_eq!(column_kind("任务事项"), Some(ColumnKind::Task));
        assert_eq!(column_kind("区商务局"), None);
    }

    #[test]
    fn a_header_row_needs_names_and_a_task_or_number() {
        let row = |s: &str| header_columns(s.split('|'));
        assert!(row("序号|重点工作|牵头单位|配合单位").is_some());
        assert!(row("序号|牵头单位|备注").is_some());
        assert!(row("序号|重点工作|备注").is_none());
        assert!(row("重点工作|牵头单位").is_none());
        assert!(row("序号|重点工作|牵头单位|区商务局").is_none());
    }
}
