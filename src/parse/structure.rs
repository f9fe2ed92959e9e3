//! Structure stage: sections (`一、`), tasks (`第一条`, `（一）`, `1.`, `（1）`, `①`, each nested
//! under the nearest item of an outer kind that holds it: `1、` under `（一）`, `（1）` under `1、`,
//! or at the top where no outer kind is printed), and each task's subtasks — the runs of clauses that end in a
//! responsibility parenthetical, or in label lines (`牵头单位：…` on a line of its own, see
//! [`label_lines`](super::label_lines)); and a task printed as a table row, whose cells are its
//! one subtask (see [`table`](super::table)).
//!
//! Numbering is accepted only where it continues: a marker counts if it is the first of its kind,
//! follows its predecessor's number by one, or restarts at 1 under a new parent. So a quoted
//! `（二）` in running text does not open a task, and an excerpt may start at item 13.

/// Re-exported from [`brackets`](super::brackets), where it moved.
pub use super::brackets::is_responsibility;
use super::brackets::{closer, closing_paren, is_bare_list};
use super::label_lines::label_block;
use super::rules::{find_rules, StatedRule};
use super::table::{header_rows, row_parts};
use crate::model::{AssignmentForm, MarkerKind};
use crate::text::is_han;
use crate::text::numbering::{numbering_marker, Marker};
use std::ops::Range;

/// A section heading (`一、…`).
#[derive(Debug, Clone)]
pub struct RawSection {
    /// The number it prints.
    pub number: u32,
    /// The heading's cleaned range (after the marker, up to the paragraph end or first 。).
    pub title: Range<usize>,
    /// The section's whole cleaned range, heading included, up to the next section.
    pub range: Range<usize>,
}

/// A numbered task.
#[derive(Debug, Clone)]
pub struct RawTask {
    /// Which marker numbers it.
    pub kind: MarkerKind,
    /// The number it prints at its own level.
    pub number: u32,
    /// Index of the enclosing section in [`RawStructure::sections`].
    pub section: Option<usize>,
    /// Index of the enclosing task (a `（一）` group over `1.` tasks, a `1.` over `（1）` …).
    pub parent: Option<usize>,
    /// The whole task, marker included, up to the next marker of its level or above.
    pub range: Range<usize>,
    /// The first sentence of its own text, without the final 。.
    pub title: Range<usize>,
    /// Its subtasks, in order.
    pub subtasks: Vec<RawSubtask>,
    /// Clauses after the last responsibility parenthetical (no agency named for them).
    pub unassigned: Option<Range<usize>>,
}

/// A task printed as a table row.
#[derive(Debug, Clone)]
pub struct TableRow {
    /// The header row naming the columns.
    pub header: Range<usize>,
    /// The whole row, its number cell included.
    pub row: Range<usize>,
}

/// A run of clauses ending in one responsibility parenthetical (or label lines).
#[derive(Debug, Clone)]
pub struct RawSubtask {
    /// Clauses and parenthetical.
    pub range: Range<usize>,
    /// The clauses only.
    pub clauses: Range<usize>,
    /// The parenthetical, brackets included; or the label lines, from the first label to the
    /// end of the last line.
    pub parenthetical: Range<usize>,
    /// Whether the assignment is a parenthetical in brackets or label lines.
    pub form: AssignmentForm,
    /// Whether the parenthetical's closing bracket is missing (the text was cut off).
    pub incomplete: bool,
    /// For a table row, the row and the table's header row, whose columns give the cells their
    /// roles.
    pub table: Option<TableRow>,
    /// A run-in heading opening the subtask's paragraph (`互联网领域侵权假冒治理。…`, as plans from
    /// 2021 print them inside a （一） group), without its 。; the clauses follow it.
    pub heading: Option<Range<usize>>,
}

/// The structure of a body.
#[derive(Debug, Clone, Default)]
pub struct RawStructure {
    /// Text before the first section or task.
    pub preamble: Option<Range<usize>>,
    /// Sections in order.
    pub sections: Vec<RawSection>,
    /// Tasks in document order, groups before their children.
    pub tasks: Vec<RawTask>,
    /// The rules the text states about its lists (see [`rules`](super::rules)).
    pub rules: Vec<StatedRule>,
}

/// Finds sections, tasks and subtasks in the body paragraphs of `chars`.
pub fn find_structure(chars: &[char], paragraphs: &[Range<usize>]) -> RawStructure {
    let Some(body_end) = paragraphs.last().map(|p| p.end) else {
        return RawStructure::default();
    };
    let starts = accepted_markers(chars, paragraphs);
    let headers = header_rows(chars);
    let mut out = RawStructure {
        rules: find_rules(chars),
        ..RawStructure::default()
    };
    if let Some(first) = paragraphs.first() {
        let preamble_end = starts.first().map_or(body_end, |(at, _)| *at);
        if preamble_end > first.start {
            out.preamble = Some(first.start..trim_end(chars, first.start, preamble_end));
        }
    }
    // The end of an item is the start of the next marker of the same or an outer kind.
    let end_of = |i: usize, kind: MarkerKind| {
        starts[i + 1..]
            .iter()
            .find(|(_, m)| m.kind <= kind)
            .map_or(body_end, |(at, _)| *at)
    };
    // The tasks still open at each point, outermost first: a task's parent is the innermost
    // open one of an outer kind whose range holds it.
    let mut open: Vec<usize> = Vec::new();
    for (i, &(at, marker)) in starts.iter().enumerate() {
        let end = trim_end(chars, at, end_of(i, marker.kind));
        let own_end = starts[i + 1..]
            .first()
            .filter(|(next_at, _)| *next_at < end)
            .map_or(end, |(next_at, _)| trim_end(chars, at, *next_at));
        // A `一、` item that prints its own assignment (`二、拓宽渠道。（A牵头，B配合）`) is a
        // task of the plan's outermost level, not a heading.
        let assigning_section = marker.kind == MarkerKind::Section
            && !find_subtasks(chars, at + marker.len..own_end).0.is_empty();
        if marker.kind == MarkerKind::Section && !assigning_section {
            let heading_start = at + marker.len;
            let heading_end = (heading_start..end)
                .find(|&j| chars[j] == '\n' || chars[j] == '。')
                .unwrap_or(end);
            out.sections.push(RawSection {
                number: marker.number,
                title: heading_start..heading_end,
                range: at..end,
            });
            open.clear();
            continue;
        }
        open.retain(|&t| out.tasks[t].kind < marker.kind && out.tasks[t].range.end >= end);
        let parent = open.last().copied();
        let own = at + marker.len..own_end;
        let header = headers.iter().rev().find(|h| h.end <= at);
        let row = header.and_then(|h| table_row(chars, h.clone(), at, own_end));
        let (title, subtasks, unassigned) = match row {
            Some((task_cell, subtask, unassigned)) => {
                (first_sentence(chars, task_cell), vec![subtask], unassigned)
            }
            None => {
                let (subtasks, unassigned) = find_subtasks(chars, own.clone());
                (first_sentence(chars, own), subtasks, unassigned)
            }
        };
        out.tasks.push(RawTask {
            kind: marker.kind,
            number: marker.number,
            section: out.sections.len().checked_sub(1),
            parent,
            range: at..end,
            title,
            subtasks,
            unassigned,
        });
        open.push(out.tasks.len() - 1);
    }
    out
}

/// Paragraph-initial markers whose numbering continues (see the module docs).
fn accepted_markers(chars: &[char], paragraphs: &[Range<usize>]) -> Vec<(usize, Marker)> {
    let mut last = [None::<u32>; MarkerKind::ALL.len()];
    let mut accepted = Vec::new();
    for paragraph in paragraphs {
        let Some(marker) = numbering_marker(&chars[paragraph.clone()]) else {
            if marker_free_assignment(chars, paragraph, &accepted) {
                let number = accepted
                    .iter()
                    .filter(|(_, m)| m.kind == MarkerKind::Unnumbered)
                    .count() as u32
                    + 1;
                let marker = Marker {
                    kind: MarkerKind::Unnumbered,
                    number,
                    len: 0,
                };
                accepted.push((paragraph.start, marker));
            }
            continue;
        };
        let level = marker.kind as usize;
        let continues = match last[level] {
            None => true,
            Some(previous) => marker.number == previous + 1 || marker.number == 1,
        };
        let has_text = chars[paragraph.start + marker.len..paragraph.end]
            .iter()
            .any(|&c| is_han(c));
        if continues && has_text {
            last[level] = Some(marker.number);
            // A new outer item restarts the numbering of the levels inside it.
            for inner in last.iter_mut().skip(level + 1) {
                *inner = None;
            }
            accepted.push((paragraph.start, marker));
        }
    }
    accepted
}

/// Whether `paragraph` is an unnumbered item: no numbered task is open (it stands before the
/// first, or under a section heading before the section's first task), and it prints an
/// assignment (a responsibility parenthetical or label fields).
fn marker_free_assignment(
    chars: &[char],
    paragraph: &Range<usize>,
    accepted: &[(usize, Marker)],
) -> bool {
    let in_task = accepted
        .last()
        .is_some_and(|(_, m)| !matches!(m.kind, MarkerKind::Section | MarkerKind::Unnumbered));
    // A notice's paragraphs are many and assign nothing: only one that prints a role word or a
    // label's colon is read for an assignment.
    let text = &chars[paragraph.clone()];
    let may_assign = text.contains(&'：')
        || text.windows(2).any(|w| {
            matches!(
                w,
                ['负', '责'] | ['牵', '头'] | ['配', '合'] | ['参', '与'] | ['协', _]
            )
        });
    !in_task && may_assign && !find_subtasks(chars, paragraph.clone()).0.is_empty()
}

fn trim_end(chars: &[char], start: usize, mut end: usize) -> usize {
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    end
}

fn trim_start(chars: &[char], mut start: usize, end: usize) -> usize {
    while start < end
        && (chars[start].is_whitespace() || matches!(chars[start], '。' | '；' | '，'))
    {
        start += 1;
    }
    start
}

/// The first sentence of `range`: up to the first 。！？, paragraph end or responsibility
/// parenthetical, without the terminator.
fn first_sentence(chars: &[char], range: Range<usize>) -> Range<usize> {
    let mut depth = 0usize;
    for i in range.clone() {
        match chars[i] {
            '。' | '！' | '？' | '\n' if depth == 0 => return range.start..i,
            '（' | '〔' | '【' | '[' => {
                if depth == 0
                    && closing_paren(chars, i, range.end)
                        .is_some_and(|close| assigns(chars, i, close, range.end))
                {
                    return range.start..i;
                }
                depth += 1;
            }
            '）' | '〕' | '】' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    range
}

/// A run-in heading at `start`: a paragraph that opens with a short sentence of its own (at most
/// 20 characters, no comma, enumeration mark or bracket) before the clauses that end at `end`.
fn run_in_heading(chars: &[char], start: usize, end: usize) -> Option<Range<usize>> {
    let paragraph_start = start > 0 && chars[start - 1] == '\n';
    if !paragraph_start {
        return None;
    }
    let stop = (start..end.min(start + 21)).find(|&i| chars[i] == '。')?;
    let sentence = &chars[start..stop];
    let plain = sentence
        .iter()
        .all(|&c| is_han(c) || c.is_ascii_alphanumeric() || c == '“' || c == '”');
    (stop > start + 1 && plain && stop + 1 < end).then_some(start..stop)
}

/// A task printed as a table row under `header`, from its number cell at `at` to `own_end`:
/// its task cell, its one subtask (the task cell's clauses and the row's assignment cells), and
/// the text after the row, if any. `None` where the row does not fit the header or assigns no
/// names (see [`table`](super::table)).
fn table_row(
    chars: &[char],
    header: Range<usize>,
    at: usize,
    own_end: usize,
) -> Option<(Range<usize>, RawSubtask, Option<Range<usize>>)> {
    let row_end = (at..own_end).find(|&i| chars[i] == '\n').unwrap_or(own_end);
    let (task_cell, assignment) = row_parts(chars, header.clone(), at..row_end)?;
    let clauses = task_cell.start..trim_end(chars, task_cell.start, task_cell.end);
    let subtask = RawSubtask {
        range: task_cell.start..assignment.end,
        clauses,
        parenthetical: assignment,
        form: AssignmentForm::Table,
        incomplete: false,
        heading: None,
        table: Some(TableRow {
            header,
            row: at..row_end,
        }),
    };
    let rest = trim_start(chars, row_end, own_end);
    let unassigned = chars[rest..own_end]
        .iter()
        .any(|&c| is_han(c))
        .then_some(rest..own_end);
    Some((task_cell, subtask, unassigned))
}

/// Whether the bracket from `open` to `close` assigns work (within `end`): its content reads as
/// an assignment, or it holds names alone at a clause's end. Both the subtasks' ends and a task's
/// title (which stops before its assignment) ask this.
fn assigns(chars: &[char], open: usize, close: usize, end: usize) -> bool {
    let content = &chars[open + 1..close];
    is_responsibility(content) || (is_bare_list(content) && ends_clause(chars, close + 1, end))
}

/// Whether a clause ends at `at` (within `end`): the text, the paragraph or the sentence does
/// (`。`, `；`), so a bracket of names before it is an assignment, not a name's alias
/// (`市科技局（市知识产权局）加强…`).
fn ends_clause(chars: &[char], at: usize, end: usize) -> bool {
    at >= end || matches!(chars[at], '\n' | '。' | '；' | '\t')
}

/// Splits a task's own text into subtasks; returns them and the unassigned trailing clauses.
fn find_subtasks(chars: &[char], own: Range<usize>) -> (Vec<RawSubtask>, Option<Range<usize>>) {
    let mut subtasks = Vec::new();
    // A heading standing alone in the task's first paragraph (a （一） group over run-in
    // headings) is the task's title, not part of its first subtask.
    let first_break = (own.start..own.end).find(|&i| chars[i] == '\n');
    let heading_only = first_break
        .filter(|&b| b > own.start && chars[b - 1] == '。')
        .filter(|&b| {
            !chars[own.start..b - 1]
                .iter()
                .any(|c| matches!(c, '。' | '（'))
        });
    let mut cursor = heading_only.map_or(own.start, |b| b + 1);
    let mut i = cursor;
    while i < own.end {
        // Label lines open a line, or follow the task's text on its own line
        // (`1.推进……。牵头单位：…；责任单位：…；完成时限：…`).
        // (A label's colon is within a few characters: other sentence ends are passed over
        // without reading their line.)
        let field_start = i > own.start
            && matches!(chars[i - 1], '\n' | '。' | ' ')
            && (i..own.end.min(i + 9)).any(|k| chars[k] == '：');
        if let Some(block) = field_start
            .then(|| label_block(chars, i, own.end))
            .flatten()
        {
            let mut start = trim_start(chars, cursor, i);
            // A task printed as one sentence before its label lines: that sentence, taken as
            // its title above, is the subtask's clauses.
            if subtasks.is_empty() && !chars[start..i].iter().any(|&c| is_han(c)) {
                start = trim_start(chars, own.start, i);
            }
            let heading = run_in_heading(chars, start, i);
            let clauses_start = heading.as_ref().map_or(start, |h| h.end + 1);
            subtasks.push(RawSubtask {
                range: start..block.end,
                clauses: clauses_start..trim_end(chars, clauses_start, i),
                parenthetical: block.clone(),
                form: AssignmentForm::LabelLines,
                incomplete: false,
                heading,
                table: None,
            });
            cursor = block.end;
            i = block.end;
            continue;
        }
        if closer(chars[i]).is_none() {
            i += 1;
            continue;
        }
        let close = closing_paren(chars, i, own.end);
        let content_end = close.unwrap_or(own.end);
        let content = &chars[i + 1..content_end];
        // A parenthetical cut off by the end of the text counts only if what is left of it
        // already reads as a list of agencies with a responsibility verb.
        let assigning = match close {
            Some(c) => assigns(chars, i, c, own.end),
            None => is_responsibility(content) && !content.contains(&'\n'),
        };
        if !assigning {
            i = close.map_or(i + 1, |c| c + 1);
            continue;
        }
        let start = trim_start(chars, cursor, i);
        let end = close.map_or(own.end, |c| c + 1);
        let heading = run_in_heading(chars, start, i);
        let clauses_start = heading.as_ref().map_or(start, |h| h.end + 1);
        subtasks.push(RawSubtask {
            range: start..end,
            clauses: clauses_start..i,
            parenthetical: i..end,
            form: AssignmentForm::Brackets,
            incomplete: close.is_none(),
            heading,
            table: None,
        });
        cursor = end;
        i = end;
    }
    let rest_start = trim_start(chars, cursor, own.end);
    let unassigned = chars[rest_start..own.end]
        .iter()
        .any(|&c| is_han(c))
        .then_some(rest_start..own.end);
    (subtasks, unassigned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::clean::CleanText;

    fn parse(s: &str) -> (Vec<char>, RawStructure) {
        let text = CleanText::new(s);
        let chars = text.chars().to_vec();
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
        (chars, structure)
    }

    fn s(chars: &[char], r: &Range<usize>) -> String {
        chars[r.clone()].iter().collect()
    }

    #[test]
    fn markers() {
        let m = |s: &str| numbering_marker(CleanText::new(s).chars());
        assert_eq!(
            m("(十三)加").map(|m| (m.kind, m.number)),
            Some((MarkerKind::Parenthesized, 13))
        );
        assert_eq!(
            m("三、加").map(|m| (m.kind, m.number)),
            Some((MarkerKind::Section, 3))
        );
        assert_eq!(
            m("12．加").map(|m| (m.kind, m.number)),
            Some((MarkerKind::Arabic, 12))
        );
        assert_eq!(m("1.5亿元"), None);
        assert_eq!(m("中巴(西)"), None);
    }

    #[test]
    fn subtasks_end_at_responsibility_parentheticals_only() {
        let (chars, st) = parse(
            "前言。\n(七)加强网站(IP地址)管理。推进中巴(西)合作(商务部牵头负责)落实重特大案(事)件责任。(负责)余下一句。",
        );
        assert_eq!(s(&chars, st.preamble.as_ref().unwrap()), "前言。");
        let task = &st.tasks[0];
        assert_eq!(task.number, 7);
        assert_eq!(s(&chars, &task.title), "加强网站（IP地址）管理");
        assert_eq!(task.subtasks.len(), 2);
        assert_eq!(
            s(&chars, &task.subtasks[0].parenthetical),
            "（商务部牵头负责）"
        );
        assert_eq!(
            s(&chars, &task.subtasks[1].clauses),
            "落实重特大案（事）件责任。"
        );
        assert_eq!(s(&chars, task.unassigned.as_ref().unwrap()), "余下一句。");
    }

    #[test]
    fn sections_groups_and_numbered_tasks_nest() {
        let (chars, st) = parse(
            "一、加强治理\n(一)网络领域。\n1.加强监管。(网信办负责)\n2.强化执法。(公安部负责)\n(二)农村市场。(农业部负责)\n二、完善制度\n(三)加快立法。(司法部负责)",
        );
        assert_eq!(st.sections.len(), 2);
        assert_eq!(s(&chars, &st.sections[1].title), "完善制度");
        let summary: Vec<_> = st
            .tasks
            .iter()
            .map(|t| (t.kind, t.number, t.parent, t.section))
            .collect();
        assert_eq!(
            summary,
            vec![
                (MarkerKind::Parenthesized, 1, None, Some(0)),
                (MarkerKind::Arabic, 1, Some(0), Some(0)),
                (MarkerKind::Arabic, 2, Some(0), Some(0)),
                (MarkerKind::Parenthesized, 2, None, Some(0)),
                (MarkerKind::Parenthesized, 3, None, Some(1)),
            ]
        );
        assert!(st.tasks[0].subtasks.is_empty());
        assert_eq!(s(&chars, &st.tasks[0].title), "网络领域");
    }

    #[test]
    fn numbering_must_continue() {
        let (_, st) =
            parse("(十三)甲项工作。(公安部负责)\n(二)乙项引文。\n(十四)丙项工作。(高检院负责)");
        let numbers: Vec<u32> = st.tasks.iter().map(|t| t.number).collect();
        assert_eq!(numbers, vec![13, 14]);
    }

    #[test]
    fn a_heading_paragraph_is_left_out_of_the_first_subtask_but_work_is_not() {
        let (chars, st) =
            parse("(一)加强重点领域治理。\n互联网领域治理。开展专项行动。(网信办负责)");
        let sub = &st.tasks[0].subtasks[0];
        assert_eq!(s(&chars, sub.heading.as_ref().unwrap()), "互联网领域治理");
        assert_eq!(s(&chars, &sub.clauses), "开展专项行动。");
        let (chars, st) = parse("(一)加强治理。开展排查。\n落实责任。(网信办负责)");
        assert_eq!(
            s(&chars, &st.tasks[0].subtasks[0].clauses),
            "加强治理。开展排查。\n落实责任。"
        );
    }

    #[test]
    fn a_bracket_of_names_at_a_clause_s_end_assigns_and_is_no_part_of_the_title() {
        let (chars, st) =
            parse("(一)加强监管（省自然资源厅）。推动市科技局（市知识产权局）加强服务。");
        let task = &st.tasks[0];
        assert_eq!(s(&chars, &task.title), "加强监管");
        assert_eq!(task.subtasks.len(), 1);
        assert_eq!(
            s(&chars, &task.subtasks[0].parenthetical),
            "（省自然资源厅）"
        );
    }

    #[test]
    fn a_cut_off_parenthetical_is_marked_incomplete() {
        let (chars, st) = parse("(一)加强监管。(工商总局、质检总局按职责分工");
        let sub = &st.tasks[0].subtasks[0];
        assert!(sub.incomplete);
        assert_eq!(
            s(&chars, &sub.parenthetical),
            "（工商总局、质检总局按职责分工"
        );
    }

    #[test]
    fn labelled_deadlined_and_square_bracketed_parentheticals_end_subtasks() {
        let (chars, st) = parse(
            "(一)开展整治。(牵头单位：区政府办公室；责任单位：区政府有关部门)加强宣传。〔牵头单位：区委宣传部；责任单位：各街道(功能区)〕完善制度。(区司法局负责，2021年底前完成)依法登记。(2021年底前)",
        );
        let parentheticals: Vec<String> = st.tasks[0]
            .subtasks
            .iter()
            .map(|sub| s(&chars, &sub.parenthetical))
            .collect();
        assert_eq!(
            parentheticals,
            [
                "（牵头单位：区政府办公室；责任单位：区政府有关部门）",
                "〔牵头单位：区委宣传部；责任单位：各街道（功能区）〕",
                "（区司法局负责，2021年底前完成）"
            ]
        );
        assert_eq!(
            s(&chars, st.tasks[0].unassigned.as_ref().unwrap()),
            "依法登记。（2021年底前）"
        );
    }
}
