//! Pass 3: the text a reader sees — lines for blocks, tabs between a row's cells, whitespace
//! collapsed as browsers do — each character with the byte range of the page it came from.

use super::tables::{is_cell, Shapes, Skip};
use super::tokens::Tok;
use std::ops::Range;

const BLOCK: [&str; 45] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "legend",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "xmp",
    "caption",
    "textarea",
    "plaintext",
    "body",
    "tr",
];
/// Block start tags that do not close an open <p>.
const KEEP_P: [&str; 5] = ["textarea", "body", "tr", "caption", "legend"];

/// Whether a start tag `name` closes an open `<p>`, as a browser's parser does.
pub(super) fn closes_p(name: &str) -> bool {
    BLOCK.contains(&name) && !KEEP_P.contains(&name)
}
const PREFORMATTED: [&str; 5] = ["pre", "textarea", "listing", "xmp", "plaintext"];

#[derive(Clone, Copy)]
struct TableCtx {
    layout: bool,
    /// Cells in the current row so far.
    cells: usize,
    /// Cells the current row has in all.
    row_total: usize,
    in_cell: bool,
    /// The column the next cell of the row stands in (after the spans of the cells before it).
    column: usize,
    /// A row is open (its `<tr>` or first cell read, its end not yet).
    row_open: bool,
    /// The open cell: where its text starts in the output, its column, and its (rowspan,
    /// colspan).
    cell: Option<(usize, usize, (usize, usize))>,
}

/// A cell spanning rows below its own (`rowspan`): its text is written again in each row it
/// covers, in its column, as a reader sees it there.
struct SpannedCell {
    column: usize,
    colspan: usize,
    rows_left: usize,
    text: Vec<(char, Range<usize>)>,
}

pub(super) struct Render<'s> {
    shapes: &'s Shapes,
    skip: Skip,
    out: Vec<(char, Range<usize>)>,
    /// Line breaks owed before the next content, and the position of the tag that owes them.
    breaks: usize,
    break_at: usize,
    /// A collapsed space owed before the next content on this line.
    space: Option<usize>,
    pre: usize,
    /// Right after a `<pre>` start tag: its first newline is not shown.
    pre_start: bool,
    tables: Vec<TableCtx>,
    /// Per open table, its cells spanning rows below.
    spanned: Vec<Vec<SpannedCell>>,
    in_title: bool,
    title: Option<String>,
    /// A <p> is open: a block start tag closes it (as a browser's parser does), so it ends
    /// with the paragraph's blank line.
    p_open: bool,
}

impl<'s> Render<'s> {
    pub(super) fn new(shapes: &'s Shapes) -> Self {
        Render {
            shapes,
            skip: Skip::default(),
            out: Vec::new(),
            breaks: 0,
            break_at: 0,
            space: None,
            pre: 0,
            pre_start: false,
            tables: Vec::new(),
            spanned: Vec::new(),
            in_title: false,
            title: None,
            p_open: false,
        }
    }

    /// Inside a cell of a data row with more than one cell: line breaks become spaces.
    fn flat(&self) -> bool {
        self.tables
            .last()
            .is_some_and(|t| !t.layout && t.in_cell && t.row_total > 1)
    }

    fn line_break(&mut self, n: usize, at: usize) {
        if self.flat() {
            self.soft_space(at);
            return;
        }
        self.space = None;
        if self.out.is_empty() {
            return;
        }
        if self.breaks == 0 {
            self.break_at = at;
        }
        self.breaks = self.breaks.max(n);
    }

    /// `<br>` or a newline in preformatted text: one more line break.
    fn hard_break(&mut self, at: usize) {
        if self.flat() {
            self.soft_space(at);
            return;
        }
        self.space = None;
        if self.breaks == 0 {
            self.break_at = at;
        }
        self.breaks += 1;
        if self.out.is_empty() {
            // A leading empty line is dropped later; keep the count small.
            self.breaks = self.breaks.min(1);
        }
    }

    fn soft_space(&mut self, at: usize) {
        if self.space.is_none() {
            self.space = Some(at);
        }
    }

    fn flush_breaks(&mut self) {
        if self.breaks > 0 {
            let at = self.break_at;
            for _ in 0..self.breaks.min(2) {
                self.out.push(('\n', at..at));
            }
            self.breaks = 0;
            self.space = None;
        }
    }

    fn push(&mut self, c: char, r: Range<usize>) {
        self.flush_breaks();
        if let Some(at) = self.space.take() {
            let line_start = matches!(self.out.last(), None | Some(('\n', _)) | Some(('\t', _)));
            if !line_start {
                self.out.push((' ', at..at));
            }
        }
        self.out.push((c, r));
    }

    fn tab(&mut self, at: usize) {
        self.flush_breaks();
        self.space = None;
        self.out.push(('\t', at..at));
    }

    /// Ends the open cell: a cell spanning rows is kept for the rows below, a cell spanning
    /// columns gets an empty cell (a tab) for each column after its first.
    fn finish_cell(&mut self) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        let Some((start, column, (rowspan, colspan))) = t.cell.take() else {
            return;
        };
        t.column = column + colspan;
        let across_row = t.row_total <= 1;
        if rowspan > 1 {
            let text = self.out[start.min(self.out.len())..]
                .iter()
                .filter(|(c, _)| !matches!(c, '\n' | '\t'))
                .cloned()
                .collect();
            if let Some(spanned) = self.spanned.last_mut() {
                spanned.push(SpannedCell {
                    column,
                    colspan,
                    rows_left: rowspan - 1,
                    text,
                });
            }
        }
        if colspan > 1 && !across_row && !t.layout {
            let at = self.out.last().map_or(0, |(_, r)| r.end);
            for _ in 1..colspan {
                self.tab(at);
            }
            if let Some(t) = self.tables.last_mut() {
                t.cells += colspan - 1;
            }
        }
    }

    /// Writes the cells spanning down into this row at its current column, and on while the next
    /// column is one too, each in its place.
    fn inherit_cells(&mut self, at: usize) {
        loop {
            let Some(t) = self.tables.last().copied() else {
                return;
            };
            let Some(spanned) = self.spanned.last_mut() else {
                return;
            };
            let Some(k) = spanned.iter().position(|s| s.column == t.column) else {
                return;
            };
            let cell = &mut spanned[k];
            cell.rows_left -= 1;
            let (text, colspan) = (cell.text.clone(), cell.colspan);
            if cell.rows_left == 0 {
                spanned.remove(k);
            }
            if t.cells == 0 {
                self.line_break(1, at);
            } else {
                self.tab(at);
            }
            for (c, r) in text {
                self.push(c, r);
            }
            if let Some(t) = self.tables.last_mut() {
                t.cells += 1;
                t.column += colspan;
            }
        }
    }

    /// Ends the open row: its last cell, and the cells spanning down into it after that.
    fn finish_row(&mut self, at: usize) {
        if !self.tables.last().is_some_and(|t| t.row_open) {
            return;
        }
        self.finish_cell();
        self.inherit_cells(at);
        if let Some(t) = self.tables.last_mut() {
            t.row_open = false;
            t.column = 0;
        }
    }

    /// `<br>` inside a cell of a data row: names a cell prints one a line (`区科技局<br>区财政局`)
    /// are a list, so the break is written as the list's `、` (where the cell has text and does
    /// not already end in punctuation).
    fn cell_break(&mut self, at: usize) {
        let open_cell = self.tables.last().and_then(|t| t.cell);
        let has_text = open_cell.is_some_and(|(start, _, _)| self.out.len() > start);
        let after_punctuation = self
            .out
            .last()
            .is_some_and(|(c, _)| matches!(c, '、' | '，' | '。' | '；' | '：' | '\t' | '\n'));
        if has_text && !after_punctuation {
            self.space = None;
            self.out.push(('、', at..at));
        } else {
            self.soft_space(at);
        }
    }

    pub(super) fn token(&mut self, i: usize, tok: &Tok) {
        // The title: text of the first <title> outside hidden content (svg has titles too).
        if self.in_title {
            match tok {
                Tok::Text(t) => {
                    let title = self.title.get_or_insert_with(String::new);
                    title.extend(t.iter().map(|(c, _)| *c));
                    return;
                }
                _ => {
                    self.in_title = false;
                    if let Some(t) = &self.title {
                        let collapsed = t.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
                        self.title = Some(collapsed);
                    }
                }
            }
        }
        if self.skip.token(tok) {
            return;
        }
        match tok {
            Tok::Text(chars) => self.text(chars),
            Tok::Start { name, at, span, .. } => self.start(i, name, *at, *span),
            Tok::End { name, at } => self.end(name, *at),
        }
    }

    fn text(&mut self, chars: &[(char, Range<usize>)]) {
        for (c, r) in chars {
            let c = *c;
            let first_newline = std::mem::take(&mut self.pre_start);
            if self.pre > 0 {
                match c {
                    '\n' if first_newline => {}
                    '\n' | '\r' => self.hard_break(r.start),
                    _ => self.push(c, r.clone()),
                }
            } else if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
                self.soft_space(r.start);
            } else if c == '\0' || (c == '\u{feff}' && r.start == 0) {
                // NUL is not shown; a byte-order mark at the very start is not text.
            } else {
                self.push(c, r.clone());
            }
        }
    }

    fn start(&mut self, i: usize, name: &str, at: usize, span: (usize, usize)) {
        let closes_p = BLOCK.contains(&name) && !KEEP_P.contains(&name);
        if self.p_open && closes_p {
            self.line_break(2, at);
        }
        if closes_p || is_cell(name) {
            self.p_open = name == "p";
        }
        match name {
            "title" if self.title.is_none() => {
                self.in_title = true;
                self.title = Some(String::new());
                return;
            }
            "title" => {
                // A second title: its text is raw and not shown; skip it as raw text.
                self.skip.raw = Some("title".into());
                return;
            }
            "br" if self.flat() => {
                self.cell_break(at);
                return;
            }
            "br" => {
                self.hard_break(at);
                return;
            }
            "table" => {
                self.line_break(1, at);
                self.tables.push(TableCtx {
                    layout: self.shapes.layout.get(i).copied().unwrap_or(false),
                    cells: 0,
                    row_total: 0,
                    in_cell: false,
                    column: 0,
                    row_open: false,
                    cell: None,
                });
                self.spanned.push(Vec::new());
                return;
            }
            "tr" => {
                self.finish_row(at);
                if let Some(t) = self.tables.last_mut() {
                    t.in_cell = false;
                    t.cells = 0;
                    t.row_total = self.shapes.row_cells.get(i).copied().unwrap_or(0);
                    t.row_open = true;
                    t.column = 0;
                }
                self.line_break(1, at);
                return;
            }
            n if is_cell(n) => {
                self.finish_cell();
                let layout = self.tables.last().is_some_and(|t| t.layout);
                if !layout {
                    if let Some(t) = self.tables.last_mut() {
                        t.row_open = true;
                    }
                    // The cells spanning down into the columns this cell's place comes after.
                    self.inherit_cells(at);
                }
                let Some(t) = self.tables.last_mut() else {
                    return;
                };
                if t.cells == 0 && t.row_total == 0 {
                    // A row without <tr>: this cell starts it.
                    t.row_total = self.shapes.row_cells.get(i).copied().unwrap_or(1);
                }
                t.in_cell = false;
                let t = *t;
                if t.layout || t.cells == 0 {
                    // A layout table's cell is a block; a row's first cell starts its line.
                    self.line_break(1, at);
                } else {
                    self.tab(at);
                }
                let start = self.out.len();
                if let Some(t) = self.tables.last_mut() {
                    t.cells += 1;
                    t.in_cell = true;
                    if !t.layout {
                        t.cell = Some((start, t.column, span));
                    }
                }
                return;
            }
            _ => {}
        }
        if PREFORMATTED.contains(&name) {
            self.line_break(1, at);
            self.pre += 1;
            self.pre_start = true;
            return;
        }
        if BLOCK.contains(&name) {
            self.line_break(if name == "p" { 2 } else { 1 }, at);
        }
    }

    fn end(&mut self, name: &str, at: usize) {
        if name == "p" || is_cell(name) || name == "table" {
            self.p_open = false;
        }
        match name {
            "br" => self.hard_break(at),
            "table" => {
                self.finish_row(at);
                self.tables.pop();
                self.spanned.pop();
                self.line_break(1, at);
            }
            "tr" | "tbody" | "thead" | "tfoot" => {
                self.finish_row(at);
                if let Some(t) = self.tables.last_mut() {
                    t.in_cell = false;
                    t.cells = 0;
                    t.row_total = 0;
                }
                self.line_break(1, at);
            }
            n if is_cell(n) => {
                self.finish_cell();
                if let Some(t) = self.tables.last_mut() {
                    t.in_cell = false;
                    if t.layout {
                        self.line_break(1, at);
                    }
                }
            }
            _ if PREFORMATTED.contains(&name) => {
                self.pre = self.pre.saturating_sub(1);
                self.pre_start = false;
                self.line_break(1, at);
            }
            _ if BLOCK.contains(&name) => self.line_break(if name == "p" { 2 } else { 1 }, at),
            _ => {}
        }
    }

    pub(super) fn finish(self) -> (Vec<(char, Range<usize>)>, Option<String>) {
        let title = self
            .title
            .map(|t| t.split_ascii_whitespace().collect::<Vec<_>>().join(" "));
        (self.out, title.filter(|t| !t.is_empty()))
    }
}
