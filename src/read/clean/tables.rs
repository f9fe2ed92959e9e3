//! Tables as people get them: a 分工表 flattened to text by a copy, a save or a converter, in any
//! of the shapes it comes in, laid out again as the one shape the later stages read — one row a
//! line, a tab between cells (what a word processor copies; see
//! [`parse::table`](crate::parse::table)):
//!
//! - **one cell a line**: a run of header lines (`序号` / `重点工作` / `牵头单位` / `配合单位` /
//!   `完成时限` …), then each row from its number, one cell a line, a blank line for an empty cell;
//! - **cells between `|`** (with or without the outer ones; a Markdown rule row is dropped);
//! - **cells between runs of spaces**, each cell placed in the column whose header it stands under.
//!
//! A table starts at a header row: cells that are all headers of the genre, with a column of
//! names and one for the task or the number (see [`header_columns`]); it ends where a line no
//! longer reads as a row of it. A row holding one cell alone (`（一）加强监管`, a group heading
//! across the table) is a line of its own. Nothing is invented: each tab stands at the place of
//! the separator (the line break, the `|`, the first space of the run) it replaces, so every
//! character still maps back to the original.

use super::Line;
use crate::model::MarkerKind;
use crate::text::lexicon::{column_kind, header_columns, ColumnKind};
use crate::text::numbering::numbering_marker;
use unicode_width::UnicodeWidthChar;

/// Lays out again the tables among `lines` that are not one row a line with tabs; `original` is
/// the text the lines come from (for the display width of what cleaning folded).
pub(super) fn relay_tables(lines: Vec<Line>, original: &[char]) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let taken = cells_per_line(&lines[i..], &mut out)
            .or_else(|| pipe_table(&lines[i..], &mut out))
            .or_else(|| spaced_table(&lines[i..], original, &mut out));
        match taken {
            Some(n) => i += n,
            None => {
                out.push(lines[i].clone());
                i += 1;
            }
        }
    }
    out
}

/// A line's characters, each with its index in the original (as [`Line::content`]).
type Content = Vec<(char, usize)>;

/// A cell and the original index of the separator before it (where its tab will stand).
type Cell = (Content, usize);

fn text(content: &[(char, usize)]) -> String {
    content.iter().map(|(c, _)| *c).collect()
}

/// A row's number alone (`3`, `3.`, `3、`), as the number cell of a row one cell a line.
fn row_number(line: &Line) -> Option<u32> {
    let t = text(&line.content);
    let digits = t.trim_end_matches(['.', '、']);
    (!digits.is_empty() && digits.len() <= 3 && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// A group heading between rows (`（一）…`, `一、…`): numbered, and not a row's number.
fn group_heading(line: &Line) -> bool {
    let chars: Vec<char> = line.content.iter().map(|(c, _)| *c).collect();
    row_number(line).is_none()
        && numbering_marker(&chars).is_some_and(|m| m.kind < MarkerKind::Arabic)
}

/// Joins cells into one table line, a tab at each separator's place.
fn row_line(cells: Vec<Cell>, break_at: usize, page_break: bool) -> Line {
    let mut content = Vec::new();
    for (k, (cell, separator)) in cells.into_iter().enumerate() {
        if k > 0 {
            content.push(('\t', separator));
        }
        content.extend(cell);
    }
    Line {
        content,
        break_at,
        page_break,
    }
}

/// A table one cell a line, from a run of header lines at the start of `lines`: pushes its rows
/// to `out` and returns how many lines it took. Rows start at their number (the first column
/// must be `序号`), so a row with empty cells is told by the blank lines that stand for them.
fn cells_per_line(lines: &[Line], out: &mut Vec<Line>) -> Option<usize> {
    // Asked at every line of every text: a header word is short, so most lines are passed over
    // without building their text.
    let is_header =
        |l: &Line| (2..=10).contains(&l.content.len()) && column_kind(&text(&l.content)).is_some();
    let headers = lines.iter().take_while(|l| is_header(l)).count();
    let columns = header_columns(lines[..headers].iter().map(|l| text(&l.content)))?;
    if columns.first() != Some(&ColumnKind::Number) {
        return None;
    }
    let header: Vec<_> = lines[..headers]
        .iter()
        .enumerate()
        .map(|(k, l)| {
            (
                l.content.clone(),
                if k == 0 { 0 } else { lines[k - 1].break_at },
            )
        })
        .collect();
    out.push(row_line(header, lines[headers - 1].break_at, false));
    let mut at = headers;
    let mut next_number = None::<u32>;
    loop {
        // Blank lines between rows separate them.
        let Some(row_start) = (at..lines.len()).find(|&k| !lines[k].is_blank()) else {
            return Some(lines.len());
        };
        let line = &lines[row_start];
        if group_heading(line) {
            out.push(line.clone());
            at = row_start + 1;
            continue;
        }
        let Some(number) = row_number(line) else {
            return Some(at);
        };
        if next_number.is_some_and(|n| n != number) && number != 1 {
            return Some(at);
        }
        next_number = Some(number + 1);
        let mut cells = vec![(line.content.clone(), 0)];
        let mut k = row_start + 1;
        while cells.len() < columns.len() && k < lines.len() {
            let cell = &lines[k];
            if row_number(cell) == Some(number + 1) || group_heading(cell) {
                break;
            }
            cells.push((cell.content.clone(), lines[k - 1].break_at));
            k += 1;
        }
        let end_break = lines[k - 1].break_at;
        while cells.len() < columns.len() {
            cells.push((Vec::new(), end_break));
        }
        out.push(row_line(cells, end_break, false));
        at = k;
        if at >= lines.len() {
            return Some(at);
        }
    }
}

/// Splits a line at `|` into cells with the index of the bar before each; the outer bars are
/// dropped. `None` unless the line has at least two bars.
fn pipe_cells(line: &Line) -> Option<Vec<Cell>> {
    if line.content.iter().filter(|(c, _)| *c == '|').count() < 2 {
        return None;
    }
    let mut cells = Vec::new();
    let mut current = Vec::new();
    let mut bar = line.content.first().map_or(0, |(_, at)| *at);
    for &(c, at) in &line.content {
        if c == '|' {
            cells.push((std::mem::take(&mut current), bar));
            bar = at;
        } else {
            current.push((c, at));
        }
    }
    cells.push((current, bar));
    let blank = |cell: &Cell| cell.0.iter().all(|(c, _)| c.is_whitespace());
    if cells.first().is_some_and(blank) {
        cells.remove(0);
    }
    if cells.last().is_some_and(blank) {
        cells.pop();
    }
    for cell in &mut cells {
        cell.0 = super::trim(std::mem::take(&mut cell.0));
    }
    Some(cells)
}

/// A table with its cells between `|`, from a header row at the start of `lines`.
fn pipe_table(lines: &[Line], out: &mut Vec<Line>) -> Option<usize> {
    let header = pipe_cells(&lines[0])?;
    header_columns(header.iter().map(|(c, _)| text(c)))?;
    out.push(row_line(header, lines[0].break_at, lines[0].page_break));
    let mut taken = 1;
    for line in &lines[1..] {
        let Some(cells) = pipe_cells(line) else {
            break;
        };
        taken += 1;
        let rule = cells.iter().all(|(c, _)| {
            c.iter()
                .all(|(ch, _)| matches!(ch, '-' | '：' | ':' | ' ' | '—'))
        });
        if rule {
            continue;
        }
        let filled: Vec<_> = cells.iter().filter(|(c, _)| !c.is_empty()).collect();
        if filled.len() == 1 && cells.first().is_some_and(|(c, _)| !c.is_empty()) {
            // A group heading across the table.
            out.push(Line {
                content: filled[0].0.clone(),
                break_at: line.break_at,
                page_break: false,
            });
            continue;
        }
        out.push(row_line(cells, line.break_at, false));
    }
    Some(taken)
}

/// A line's cells between runs of two or more spaces, each with its display column (from the
/// original characters, where an ideographic space is two columns wide) and the index of the
/// run's first space.
fn spaced_cells(line: &Line, original: &[char]) -> Vec<(Content, usize, usize)> {
    let mut cells = Vec::new();
    let mut current: Content = Vec::new();
    let mut column = 0usize;
    let mut current_column = 0;
    let mut spaces = 0;
    let mut run_start = line.content.first().map_or(0, |(_, at)| *at);
    let mut separator = run_start;
    for &(c, at) in &line.content {
        let width = original.get(at).and_then(|o| o.width()).unwrap_or(1);
        if c == ' ' {
            if spaces == 0 {
                run_start = at;
            }
            spaces += width;
        } else {
            if spaces >= 2 && !current.is_empty() {
                cells.push((std::mem::take(&mut current), current_column, separator));
                separator = run_start;
            } else if spaces > 0 {
                current.push((' ', run_start));
            }
            if current.is_empty() {
                current_column = column;
            }
            spaces = 0;
            current.push((c, at));
        }
        column += width;
    }
    if !current.is_empty() {
        cells.push((current, current_column, separator));
    }
    cells
}

/// A table with its cells between runs of spaces, from a header row at the start of `lines`:
/// a row with a cell for every header has them in order; a row with fewer has each under the
/// header starting nearest before it (so an empty cell is told by the gap, where the columns are
/// aligned); a row is a line with at least two cells.
fn spaced_table(lines: &[Line], original: &[char], out: &mut Vec<Line>) -> Option<usize> {
    // A header row has spaces and few other characters (its column runs may be long): other
    // lines are passed over without splitting.
    let first = &lines[0].content;
    let printed = first.iter().filter(|(c, _)| *c != ' ').count();
    if printed > 80 || printed == first.len() {
        return None;
    }
    let header = spaced_cells(&lines[0], original);
    header_columns(header.iter().map(|(c, _, _)| text(c)))?;
    let starts: Vec<usize> = header.iter().map(|(_, column, _)| *column).collect();
    let n = starts.len();
    out.push(row_line(
        header.into_iter().map(|(c, _, sep)| (c, sep)).collect(),
        lines[0].break_at,
        lines[0].page_break,
    ));
    let mut taken = 1;
    for line in &lines[1..] {
        if line.is_blank() {
            taken += 1;
            continue;
        }
        let cells = spaced_cells(line, original);
        if cells.len() < 2 {
            if group_heading(line) {
                out.push(line.clone());
                taken += 1;
                continue;
            }
            break;
        }
        let mut row: Vec<Cell> = vec![(Vec::new(), line.break_at); n];
        // Aligned columns (every cell starts under a header) place a row's cells by where they
        // start, so an empty cell is told by its gap; otherwise the cells are in order.
        let aligned = cells.len() < n
            && cells
                .iter()
                .all(|(_, column, _)| starts.iter().any(|&s| s.abs_diff(*column) <= 1));
        for (k, (cell, column, separator)) in cells.into_iter().enumerate() {
            // As many cells as headers: each in its place. Fewer: an empty cell is told by the
            // gap, each cell under the last header starting at or before it (one column of slack).
            let k = if aligned {
                starts.iter().rposition(|&s| s <= column + 1).unwrap_or(0)
            } else {
                k
            };
            let slot = &mut row[k.min(n - 1)];
            if slot.0.is_empty() {
                *slot = (cell, separator);
            } else {
                slot.0.push((' ', separator));
                slot.0.extend(cell);
            }
        }
        // An empty cell's tab stands where the next filled cell's does (or at the line's end),
        // so the origins still run forward.
        let mut next = line.break_at;
        for cell in row.iter_mut().rev() {
            if cell.0.is_empty() {
                cell.1 = next;
            } else {
                next = cell.1;
            }
        }
        out.push(row_line(row, line.break_at, false));
        taken += 1;
    }
    Some(taken)
}

#[cfg(test)]
mod tests {
    use crate::read::clean::tests::clean;
    use crate::read::clean::CleanText;

    #[test]
    fn one_cell_a_line_becomes_one_row_a_line() {
        let text = "序号\n重点工作\n牵头单位\n配合单位\n完成时限\n（一）加强监管\n1\n开展检查。\n区市场监管局\n\n2023年底前\n2\n推进改革。\n区司法局\n区财政局\n年内完成\n此后正文。";
        assert_eq!(
            clean(text),
            "序号\t重点工作\t牵头单位\t配合单位\t完成时限\n（一）加强监管\n1\t开展检查。\t区市场监管局\t\t2023年底前\n2\t推进改革。\t区司法局\t区财政局\t年内完成\n此后正文。"
        );
        // Each tab maps to the line break it replaces.
        let cleaned = CleanText::new(text);
        let tab = cleaned.chars().iter().position(|c| *c == '\t').unwrap();
        assert_eq!(cleaned.original_text(cleaned.span(tab..tab + 1)), "\n");
    }

    #[test]
    fn bars_and_space_runs_become_tabs() {
        assert_eq!(
            clean("| 序号 | 工作任务 | 牵头单位 | 责任单位 |\n|---|---|---|---|\n| 一、行政保护 | | | |\n| 1 | 开展整治。 | 县市场监管局 | 县公安局 |"),
            "序号\t工作任务\t牵头单位\t责任单位\n一、行政保护\n1\t开展整治。\t县市场监管局\t县公安局"
        );
        assert_eq!(
            clean(&format!("序号  重点工作      牵头单位    配合单位    完成时间\n1     组织活动。    市场运行科{}2024年底前\n2  推进建设。  流通发展科  市财政局  长期坚持", " ".repeat(14))),
            "序号\t重点工作\t牵头单位\t配合单位\t完成时间\n1\t组织活动。\t市场运行科\t\t2024年底前\n2\t推进建设。\t流通发展科\t市财政局\t长期坚持"
        );
    }

    #[test]
    fn prose_and_label_fields_are_left_alone() {
        let fields = "牵头单位：区商务局  配合单位：区财政局  完成时限：2021年底前";
        assert_eq!(
            clean(fields),
            "牵头单位：区商务局配合单位：区财政局完成时限：2021年底前"
        );
    }
}
