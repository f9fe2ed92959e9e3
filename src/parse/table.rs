//! Tables: a 任务分工 document printed as a table (a Word or PDF table, or a web page's, copied
//! to text with one row a line and a tab between cells), whose header row names the columns:
//!
//! ```text
//! 序号⇥重点任务⇥牵头单位⇥配合单位⇥完成时限
//! 1⇥推进“一网通办”。⇥市政务服务局⇥市大数据局、各区政府⇥2021年6月底前
//! ```
//!
//! (`⇥` stands for the tab.)
//! A row whose first cell is its number is a task (see [`numbering`](crate::text::numbering));
//! its task cell holds the clauses, and each role column (a label of
//! [`LABELS`](super::labels::LABELS): 牵头单位, 责任单位, 配合单位 …) gives the names in its cell
//! their role, the header's word kept as their label; a deadline column (完成时限 …) gives the
//! deadline. Cleaning keeps a table row's tabs (see [`clean`](crate::read::clean)).

use super::deadline::labelled_deadline;
use super::lists::{split_groups, trim};
use super::responsibility::{parse_column_groups, ColumnLabel, RawParenthetical};
use crate::model::Role;
use crate::text::lexicon::{column_kind, ColumnKind};
use std::ops::Range;

/// What a column of a header row holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Column {
    /// The task's text.
    Task,
    /// Names in the role the header's label gives; the range is the label.
    Role(Role, Range<usize>),
    /// The deadline.
    Deadline,
    /// Officials (`分管领导`): the range is the header.
    Person(Range<usize>),
    /// Anything else (序号, 备注 …).
    Other,
}

/// The cells of the line `line`: its ranges between tabs, spaces trimmed.
pub fn cells(chars: &[char], line: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = line.start;
    for i in line.clone() {
        if chars[i] == '\t' {
            out.push(trim(chars, start..i));
            start = i + 1;
        }
    }
    out.push(trim(chars, start..line.end));
    out
}

/// The columns of a header row: `None` unless the line has cells, a column of names and a task
/// column — one its header names (`重点任务`, see [`lexicon`](crate::text::lexicon)), else the
/// first column whose header is not one of the genre's (`民生项目`).
fn columns(chars: &[char], line: Range<usize>) -> Option<Vec<Column>> {
    if !chars[line.clone()].contains(&'\t') {
        return None;
    }
    let cells = cells(chars, line);
    let kinds: Vec<Option<ColumnKind>> = cells
        .iter()
        .map(|cell| column_kind(&chars[cell.clone()].iter().collect::<String>()))
        .collect();
    let task = kinds
        .iter()
        .position(|k| *k == Some(ColumnKind::Task))
        .or_else(|| kinds.iter().position(Option::is_none))?;
    let columns: Vec<Column> = cells
        .into_iter()
        .zip(kinds)
        .enumerate()
        .map(|(i, (cell, kind))| match kind {
            _ if i == task => Column::Task,
            Some(ColumnKind::Role(role)) => Column::Role(role, cell),
            Some(ColumnKind::Deadline) => Column::Deadline,
            Some(ColumnKind::Person) => Column::Person(cell),
            _ => Column::Other,
        })
        .collect();
    columns
        .iter()
        .any(|c| matches!(c, Column::Role(..)))
        .then_some(columns)
}

/// The header rows of `chars`: lines that name a task column and a role column.
pub fn header_rows(chars: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in (0..=chars.len()).filter(|&i| i == chars.len() || chars[i] == '\n') {
        if columns(chars, start..end).is_some() {
            out.push(start..end);
        }
        start = end + 1;
    }
    out
}

/// A row of a table under `header`: the range of its task cell and of its assignment (from the
/// first role or deadline cell to the last non-empty one). `None` where the row has more cells
/// than the header or no cell in a role column.
pub fn row_parts(
    chars: &[char],
    header: Range<usize>,
    row: Range<usize>,
) -> Option<(Range<usize>, Range<usize>)> {
    let columns = columns(chars, header)?;
    let cells = cells(chars, row);
    if cells.len() > columns.len() {
        return None;
    }
    let task = columns.iter().position(|c| *c == Column::Task)?;
    let task_cell = cells.get(task)?.clone();
    let assigned: Vec<&Range<usize>> = cells
        .iter()
        .zip(&columns)
        .filter(|(cell, column)| {
            !cell.is_empty() && matches!(column, Column::Role(..) | Column::Deadline)
        })
        .map(|(cell, _)| cell)
        .collect();
    let names_units = cells
        .iter()
        .zip(&columns)
        .any(|(cell, column)| !cell.is_empty() && matches!(column, Column::Role(..)));
    let (first, last) = (assigned.first()?, assigned.last()?);
    names_units.then_some((task_cell, first.start..last.end))
}

/// The officials a row names in its persons' columns (`分管领导`): each cell with the header
/// over it (see [`officials`](super::officials)). Never slots.
pub fn person_cells(
    chars: &[char],
    header: Range<usize>,
    row: Range<usize>,
) -> Vec<(Range<usize>, Range<usize>)> {
    let columns = columns(chars, header).unwrap_or_default();
    cells(chars, row)
        .into_iter()
        .zip(columns)
        .filter_map(|(cell, column)| match column {
            Column::Person(header) if !cell.is_empty() => Some((cell, header)),
            _ => None,
        })
        .collect()
}

/// Parses the assignment cells of `row` under `header` into the parenthetical they stand for:
/// the role columns' names in column order, and the deadline column's value.
pub fn parse_table_row(
    chars: &[char],
    header: Range<usize>,
    row: Range<usize>,
) -> RawParenthetical {
    let columns = columns(chars, header).unwrap_or_default();
    let mut groups: Vec<(Range<usize>, Option<ColumnLabel>)> = Vec::new();
    let mut column_deadline = None;
    for (cell, column) in cells(chars, row).into_iter().zip(&columns) {
        match column {
            Column::Role(role, label) if !cell.is_empty() => {
                let label = Some((*role, label.clone()));
                groups.extend(
                    split_groups(chars, cell)
                        .into_iter()
                        .map(|g| (g, label.clone())),
                );
            }
            Column::Deadline if !cell.is_empty() && column_deadline.is_none() => {
                column_deadline = Some(labelled_deadline(chars, cell));
            }
            _ => {}
        }
    }
    let mut parsed = parse_column_groups(chars, groups);
    parsed.deadline = parsed.deadline.or(column_deadline);
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role::*;

    const TABLE: &str = "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n\
        1\t推进一网通办。\t市政务服务局\t市大数据局、各区政府\t2021年6月底前\n\
        2\t规范涉企检查。\t\t市司法局\t长期坚持\n\
        3\t加强宣传。\t市委宣传部牵头，市文明办配合\t\t";

    fn lines(s: &str) -> (Vec<char>, Vec<Range<usize>>) {
        let chars: Vec<char> = s.chars().collect();
        let mut out = Vec::new();
        let mut start = 0;
        for end in (0..=chars.len()).filter(|&i| i == chars.len() || chars[i] == '\n') {
            out.push(start..end);
            start = end + 1;
        }
        (chars, out)
    }

    fn row(
        chars: &[char],
        header: &Range<usize>,
        row: &Range<usize>,
    ) -> Vec<(Role, String, String)> {
        let text = |r: &Range<usize>| chars[r.clone()].iter().collect::<String>();
        parse_table_row(chars, header.clone(), row.clone())
            .slots
            .iter()
            .map(|s| {
                (
                    s.role,
                    s.label.as_ref().map(text).unwrap_or_default(),
                    text(&s.name),
                )
            })
            .collect()
    }

    #[test]
    fn the_header_names_the_columns() {
        let (chars, lines) = lines(TABLE);
        assert_eq!(header_rows(&chars), vec![lines[0].clone()]);
        assert!(header_rows(&"序号\t名称\t备注".chars().collect::<Vec<_>>()).is_empty());
        assert!(header_rows(&"重点任务 牵头单位".chars().collect::<Vec<_>>()).is_empty());
    }

    #[test]
    fn rows_take_their_columns_roles() {
        let (chars, lines) = lines(TABLE);
        let text = |r: Range<usize>| chars[r].iter().collect::<String>();
        let (task, assignment) = row_parts(&chars, lines[0].clone(), lines[1].clone()).unwrap();
        assert_eq!(text(task), "推进一网通办。");
        assert_eq!(
            text(assignment),
            "市政务服务局\t市大数据局、各区政府\t2021年6月底前"
        );
        let s = |r: Role, l: &str, n: &str| (r, l.to_string(), n.to_string());
        assert_eq!(
            row(&chars, &lines[0], &lines[1]),
            vec![
                s(Lead, "牵头单位", "市政务服务局"),
                s(Supporting, "配合单位", "市大数据局"),
                s(Supporting, "配合单位", "各区政府"),
            ]
        );
        let parsed = parse_table_row(&chars, lines[0].clone(), lines[1].clone());
        let due = parsed.deadline.unwrap();
        assert_eq!(
            (text(due.range), due.date),
            ("2021年6月底前".into(), Some("2021-06-30".into()))
        );
        // An empty lead cell is no slot: the table does not say a name was deleted.
        assert_eq!(
            row(&chars, &lines[0], &lines[2]),
            vec![s(Supporting, "配合单位", "市司法局")]
        );
        // A verb in the cell decides over its column.
        assert_eq!(
            row(&chars, &lines[0], &lines[3]),
            vec![s(Lead, "", "市委宣传部"), s(Supporting, "配合", "市文明办")]
        );
    }

    #[test]
    fn a_row_without_names_assigns_nothing() {
        let (chars, lines) =
            lines("序号\t重点任务\t牵头单位\t完成时限\n1\t加强宣传。\t\t2021年底前");
        assert_eq!(row_parts(&chars, lines[0].clone(), lines[1].clone()), None);
    }
}
