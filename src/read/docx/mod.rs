//! Word `.docx` files: the text of the main document part (`word/document.xml`), as a reader
//! copies it. Paragraphs end lines; a table row is one line with its cells a tab apart (as the
//! table stage reads a table copied from Word); tracked deletions and field codes are left out.
//! Headers, footers and footnotes live in other parts and are not read (they are page chrome).
//! Numbers Word draws for its lists (`word/numbering.xml`) are written into the text as printed
//! ([`numbering`]).

mod numbering;

use numbering::{attribute, Numbering};

use quick_xml::events::Event;
use quick_xml::Reader;
use std::io::Read;

/// A Word document's text, with what reading it noticed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxText {
    /// Paragraphs and table rows, one per line.
    pub text: String,
    /// Tables read row by row.
    pub tables: usize,
    /// Paragraphs Word numbers itself (list numbering): their numbers are written into the
    /// text as Word draws them.
    pub auto_numbered: usize,
    /// Cells merged with the one above: left empty, as printed.
    pub merged_cells: usize,
}

/// The largest `word/document.xml` read, in bytes: far above any work plan, and a bound on
/// what a crafted archive (a "zip bomb") can make us inflate.
const LARGEST_DOCUMENT_XML: u64 = 256 * 1024 * 1024;

/// Reads the text of a `.docx` file.
pub fn docx_text(bytes: &[u8]) -> Result<DocxText, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("is a damaged Word file: its zip archive cannot be read ({e})"))?;
    let mut part = archive.by_name("word/document.xml").map_err(|_| {
        "is a zip archive without word/document.xml, so not a Word .docx".to_string()
    })?;
    let mut xml = String::new();
    part.by_ref()
        .take(LARGEST_DOCUMENT_XML + 1)
        .read_to_string(&mut xml)
        .map_err(|e| format!("is a damaged Word file: cannot read word/document.xml ({e})"))?;
    if xml.len() as u64 > LARGEST_DOCUMENT_XML {
        return Err("is a Word file whose word/document.xml inflates to more than 256 MB".into());
    }
    drop(part);
    let numbering = match archive.by_name("word/numbering.xml") {
        Ok(mut part) => {
            let mut numbering = String::new();
            part.by_ref()
                .take(LARGEST_DOCUMENT_XML)
                .read_to_string(&mut numbering)
                .map_err(|e| {
                    format!("is a damaged Word file: cannot read word/numbering.xml ({e})")
                })?;
            Numbering::parse(&numbering).map_err(|e| format!("is a damaged Word file: {e}"))?
        }
        Err(_) => Numbering::default(),
    };
    document_text(&xml, numbering)
}

/// Where in the document's element tree the reader is.
#[derive(Default)]
struct State {
    out: String,
    /// The current paragraph's text.
    paragraph: String,
    /// Nesting of tables; cells of the outermost table become tab-separated.
    table_depth: usize,
    /// The current row's cells, while inside a row of the outermost table.
    row: Option<Vec<String>>,
    /// Inside a text element (`w:t`), whose characters are the document's.
    in_text: bool,
    /// Inside a deleted run or a field code, whose characters are not the document's.
    skipping: usize,
    /// The current cell spans this many grid columns (`w:gridSpan`).
    grid_span: usize,
    /// Cells (`w:tc`) in the current row, whatever they span.
    cells_in_row: usize,
    tables: usize,
    auto_numbered: usize,
    merged_cells: usize,
    /// The document's lists, counted as paragraphs are read.
    numbering: Numbering,
    /// The current paragraph's list and level (`w:numPr`), while its properties are read.
    list: Option<(String, usize)>,
    /// Inside a record of changed paragraph properties (`w:pPrChange`): not the paragraph's own.
    in_changed_properties: usize,
}

impl State {
    fn end_paragraph(&mut self) {
        let paragraph = std::mem::take(&mut self.paragraph);
        match &mut self.row {
            // Paragraphs inside a cell are one cell: joined by a space.
            Some(cells) => {
                let cell = cells.last_mut().expect("a cell is open inside a row");
                if !cell.is_empty() && !paragraph.is_empty() {
                    cell.push(' ');
                }
                cell.push_str(paragraph.trim());
            }
            None => {
                self.out.push_str(paragraph.trim_end());
                self.out.push('\n');
            }
        }
    }

    fn end_row(&mut self) {
        if let Some(cells) = self.row.take() {
            // Cells are text: a tab or line break inside one would split the row.
            let mut cells: Vec<String> =
                cells.iter().map(|c| c.replace(['\t', '\n'], " ")).collect();
            // One cell across the whole row is a heading (一、加强执法), not a row of cells.
            if self.cells_in_row == 1 {
                cells.truncate(1);
            }
            if cells.iter().any(|c| !c.is_empty()) {
                self.out.push_str(&cells.join("\t"));
                self.out.push('\n');
            }
        }
    }
}

/// The text of a WordprocessingML main document, its lists numbered by `numbering`.
fn document_text(xml: &str, numbering: Numbering) -> Result<DocxText, String> {
    let mut reader = Reader::from_str(xml);
    let mut state = State {
        numbering,
        ..State::default()
    };
    loop {
        let event = numbering::next_event(&mut reader, "word/document.xml")
            .map_err(|e| format!("is a damaged Word file: {e}"))?;
        match event {
            Event::Start(e) => start(&mut state, e.local_name().as_ref(), &e),
            Event::Empty(e) => {
                let name = e.local_name();
                start(&mut state, name.as_ref(), &e);
                end(&mut state, name.as_ref());
            }
            Event::End(e) => end(&mut state, e.local_name().as_ref()),
            Event::Text(t) if state.in_text && state.skipping == 0 => {
                let text = t
                    .unescape()
                    .map_err(|e| format!("is a damaged Word file: word/document.xml has a bad character reference: {e}"))?;
                state.paragraph.push_str(&text);
            }
            Event::CData(t) if state.in_text && state.skipping == 0 => {
                state.paragraph.push_str(&String::from_utf8_lossy(&t));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let text = state.out.trim_end().to_string();
    Ok(DocxText {
        text,
        tables: state.tables,
        auto_numbered: state.auto_numbered,
        merged_cells: state.merged_cells,
    })
}

fn start(state: &mut State, name: &[u8], e: &quick_xml::events::BytesStart) {
    match name {
        b"t" => state.in_text = true,
        b"del" | b"instrText" | b"delText" => state.skipping += 1,
        b"tab" if state.skipping == 0 => {
            state
                .paragraph
                .push(if state.row.is_some() { ' ' } else { '\t' })
        }
        b"br" | b"cr" if state.skipping == 0 => state.paragraph.push('\n'),
        b"noBreakHyphen" if state.skipping == 0 => state.paragraph.push('-'),
        b"pPrChange" => state.in_changed_properties += 1,
        b"numPr" if state.in_changed_properties == 0 => state.list = Some((String::new(), 0)),
        b"ilvl" => {
            if let Some(list) = &mut state.list {
                list.1 = attribute(e, b"val")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
            }
        }
        b"numId" => {
            if let Some(list) = &mut state.list {
                list.0 = attribute(e, b"val").unwrap_or_default();
            }
        }
        b"tbl" => {
            state.table_depth += 1;
            if state.table_depth == 1 {
                state.tables += 1;
            }
        }
        b"tr" if state.table_depth == 1 => {
            state.row = Some(Vec::new());
            state.cells_in_row = 0;
        }
        b"tc" if state.table_depth == 1 => {
            state.grid_span = 1;
            state.cells_in_row += 1;
            if let Some(cells) = &mut state.row {
                cells.push(String::new());
            }
        }
        b"gridSpan" if state.table_depth == 1 => {
            state.grid_span = attribute(e, b"val")
                .and_then(|v| v.parse().ok())
                .unwrap_or(1)
                .clamp(1, 64);
        }
        // `<w:vMerge/>` or `val="continue"` continues the cell above; `restart` begins one.
        b"vMerge"
            if state.table_depth == 1 && attribute(e, b"val").as_deref() != Some("restart") =>
        {
            state.merged_cells += 1;
        }
        _ => {}
    }
}

fn end(state: &mut State, name: &[u8]) {
    match name {
        b"t" => state.in_text = false,
        b"del" | b"instrText" | b"delText" => state.skipping = state.skipping.saturating_sub(1),
        b"p" => state.end_paragraph(),
        b"pPrChange" => state.in_changed_properties = state.in_changed_properties.saturating_sub(1),
        // The paragraph's properties come before its runs: its number opens its text.
        b"numPr" => {
            if let Some((list, level)) = state.list.take() {
                if let Some(number) = state.numbering.next(&list, level) {
                    state.paragraph.insert_str(0, &number);
                    state.auto_numbered += 1;
                }
            }
        }
        b"tc" if state.table_depth == 1 => {
            // A cell spanning several grid columns keeps the columns after it in place.
            if let Some(cells) = &mut state.row {
                for _ in 1..state.grid_span {
                    cells.push(String::new());
                }
            }
        }
        b"tr" if state.table_depth == 1 => state.end_row(),
        b"tbl" => state.table_depth = state.table_depth.saturating_sub(1),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(inner: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{inner}</w:body></w:document>"#
        )
    }

    fn para(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn paragraphs_runs_and_entities() {
        let xml = body(&format!(
            "{}<w:p><w:r><w:t>（工业和</w:t></w:r><w:r><w:t xml:space=\"preserve\">信息化部 &amp; </w:t></w:r><w:r><w:br/><w:t>公安部）</w:t></w:r></w:p>",
            para("（一）加强治理。")
        ));
        let text = document_text(&xml, Numbering::default()).unwrap();
        assert_eq!(text.text, "（一）加强治理。\n（工业和信息化部 & \n公安部）");
        assert_eq!(text.tables, 0);
    }

    #[test]
    fn list_numbers_word_draws_open_their_paragraphs() {
        let numbering = Numbering::parse(
            r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%1）"/></w:lvl></w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#,
        )
        .unwrap();
        let numbered = |text: &str| {
            format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"5\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
        };
        // A change record's old properties are not the paragraph's.
        let changed = "<w:p><w:pPr><w:pPrChange><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"5\"/></w:numPr></w:pPr></w:pPrChange></w:pPr><w:r><w:t>不编号。</w:t></w:r></w:p>";
        let xml = body(&format!(
            "{}{}{changed}{}",
            numbered("加强商标执法。（工商总局负责）"),
            numbered("加强版权保护。"),
            numbered("加强专利保护。")
        ));
        let text = document_text(&xml, numbering).unwrap();
        assert_eq!(
            text.text,
            "（一）加强商标执法。（工商总局负责）\n（二）加强版权保护。\n不编号。\n（三）加强专利保护。"
        );
        assert_eq!(text.auto_numbered, 3);
    }

    #[test]
    fn deletions_and_field_codes_are_not_text() {
        let xml = body(
            "<w:p><w:r><w:t>甲</w:t></w:r><w:del><w:r><w:delText>乙</w:delText></w:r></w:del><w:ins><w:r><w:t>丙</w:t></w:r></w:ins><w:r><w:instrText> PAGE </w:instrText></w:r></w:p>",
        );
        assert_eq!(
            document_text(&xml, Numbering::default()).unwrap().text,
            "甲丙"
        );
    }

    #[test]
    fn a_table_is_read_row_by_row_with_cells_a_tab_apart() {
        let cell = |t: &str| format!("<w:tc>{}</w:tc>", para(t));
        let row = |cells: &[&str]| {
            format!(
                "<w:tr>{}</w:tr>",
                cells.iter().map(|c| cell(c)).collect::<String>()
            )
        };
        let merged = "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>";
        let spanning = format!(
            "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr>{}</w:tc></w:tr>",
            para("一、加强执法")
        );
        let xml = body(&format!(
            "{}<w:tbl>{}{}{}<w:tr>{}{merged}{}</w:tr></w:tbl>{}",
            para("前言"),
            row(&["序号", "工作任务", "牵头单位"]),
            spanning,
            row(&["1", "加强商标执法", ""]),
            cell("2"),
            cell("加强版权保护"),
            para("后记")
        ));
        let text = document_text(&xml, Numbering::default()).unwrap();
        assert_eq!(
            text.text,
            "前言\n序号\t工作任务\t牵头单位\n一、加强执法\n1\t加强商标执法\t\n2\t\t加强版权保护\n后记"
        );
        assert_eq!((text.tables, text.merged_cells), (1, 1));
    }

    #[test]
    fn malformed_xml_and_non_docx_bytes_are_errors() {
        assert!(
            document_text("<w:document><w:body><w:p></w:body>", Numbering::default())
                .unwrap_err()
                .contains("not well-formed")
        );
        assert!(docx_text(b"PK\x03\x04garbage").is_err());
    }
}
