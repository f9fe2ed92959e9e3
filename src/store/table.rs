//! SELECT and ASK answers as a table for a person: columns aligned by display width (a Chinese
//! character takes two columns), IRIs shortened with prefixes, numbers right-aligned, over-long
//! cells cut with `…` so the table fits the terminal, and a count of the rows at the end.

use super::query::{display_term, Answer};
use crate::rdf::vocab::XSD;
use oxigraph::model::Term;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The width a table fits when `COLUMNS` does not say.
pub const DEFAULT_WIDTH: usize = 100;

/// A column cut to fit is never narrower than this (or than its widest cell, if less).
pub const MIN_COLUMN: usize = 6;

/// The width to fit: the `COLUMNS` environment variable when it holds a positive number, else
/// [`DEFAULT_WIDTH`].
pub fn terminal_width() -> usize {
    width_from(std::env::var("COLUMNS").ok().as_deref())
}

fn width_from(columns: Option<&str>) -> usize {
    columns
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&w| w > 0)
        .unwrap_or(DEFAULT_WIDTH)
}

/// One cell: its text and whether it is a number (right-aligned).
struct Cell {
    text: String,
    numeric: bool,
}

/// `answer` as a table at most `width` columns wide (unless even the narrowest columns are
/// wider), IRIs shortened with `prefixes`; a graph answer is only counted.
pub fn table(answer: &Answer, prefixes: &[(String, String)], width: usize) -> String {
    let (variables, rows) = match answer {
        Answer::Boolean(value) => return format!("{value}\n"),
        Answer::Graph(triples) => {
            return format!(
                "{} (use an RDF format to see them)\n",
                count(triples.len(), "triple")
            )
        }
        Answer::Solutions { variables, rows } => (variables, rows),
    };
    let header: Vec<Cell> = variables
        .iter()
        .map(|v| Cell {
            text: v.as_str().to_string(),
            numeric: false,
        })
        .collect();
    let cells: Vec<Vec<Cell>> = rows
        .iter()
        .map(|row| row.iter().map(|t| cell(t.as_ref(), prefixes)).collect())
        .collect();
    let natural: Vec<usize> = (0..header.len())
        .map(|i| {
            cells
                .iter()
                .map(|r| r[i].text.width())
                .chain([header[i].text.width()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let widths = fit(&natural, width);
    let mut out = String::new();
    let mut line = |cells: &[Cell]| {
        let mut text = String::new();
        for (i, (cell, &w)) in cells.iter().zip(&widths).enumerate() {
            let shown = clip(&cell.text, w);
            let pad = " ".repeat(w.saturating_sub(shown.width()));
            if cell.numeric {
                text.push_str(&pad);
                text.push_str(&shown);
            } else {
                text.push_str(&shown);
                text.push_str(&pad);
            }
            if i + 1 < cells.len() {
                text.push_str("  ");
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    // A column of numbers has its name right-aligned too.
    let header: Vec<Cell> = header
        .into_iter()
        .enumerate()
        .map(|(i, h)| Cell {
            numeric: cells.iter().any(|r| r[i].numeric)
                && cells.iter().all(|r| r[i].numeric || r[i].text.is_empty()),
            ..h
        })
        .collect();
    line(&header);
    let rule: Vec<Cell> = widths
        .iter()
        .map(|w| Cell {
            text: "-".repeat(*w),
            numeric: false,
        })
        .collect();
    line(&rule);
    for row in &cells {
        line(row);
    }
    out.push_str(&format!("({})\n", count(rows.len(), "row")));
    out
}

fn cell(term: Option<&Term>, prefixes: &[(String, String)]) -> Cell {
    let numeric = matches!(term, Some(Term::Literal(l)) if is_numeric(l.datatype().as_str()));
    Cell {
        text: term.map(|t| display_term(t, prefixes)).unwrap_or_default(),
        numeric,
    }
}

/// Integers (and the types derived from them), decimals, doubles and floats.
fn is_numeric(datatype: &str) -> bool {
    let Some(local) = datatype.strip_prefix(XSD) else {
        return false;
    };
    matches!(
        local,
        "integer"
            | "decimal"
            | "double"
            | "float"
            | "int"
            | "long"
            | "short"
            | "byte"
            | "nonNegativeInteger"
            | "positiveInteger"
            | "nonPositiveInteger"
            | "negativeInteger"
            | "unsignedLong"
            | "unsignedInt"
            | "unsignedShort"
            | "unsignedByte"
    )
}

/// Column widths that fit `width` with two spaces between columns: the widest columns are
/// narrowed first, each to no less than [`MIN_COLUMN`].
fn fit(natural: &[usize], width: usize) -> Vec<usize> {
    let gaps = 2 * natural.len().saturating_sub(1);
    let room = width.saturating_sub(gaps);
    let capped = |cap: usize| natural.iter().map(|&w| w.min(cap)).sum::<usize>();
    let mut cap = natural.iter().copied().max().unwrap_or(0);
    if capped(cap) <= room {
        return natural.to_vec();
    }
    while cap > MIN_COLUMN && capped(cap) > room {
        cap -= 1;
    }
    let mut widths: Vec<usize> = natural.iter().map(|&w| w.min(cap)).collect();
    // What is left goes, a column each from the left, to the columns that were cut.
    let mut spare = room.saturating_sub(capped(cap));
    for (w, &n) in widths.iter_mut().zip(natural) {
        if spare > 0 && n > *w {
            *w += 1;
            spare -= 1;
        }
    }
    widths
}

/// `text` cut to `width` display columns, ending in `…` when cut.
fn clip(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `1 row`, `2 rows`, `0 rows`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode, Variable};

    fn solutions(names: &[&str], rows: Vec<Vec<Option<Term>>>) -> Answer {
        Answer::Solutions {
            variables: names.iter().map(|n| Variable::new(*n).unwrap()).collect(),
            rows,
        }
    }

    fn text(value: &str) -> Option<Term> {
        Some(Literal::new_simple_literal(value).into())
    }

    #[test]
    fn tables_align_wide_characters() {
        let answer = solutions(
            &["name", "n"],
            vec![
                vec![text("商务部"), Some(Literal::from(5).into())],
                vec![text("WTO"), None],
            ],
        );
        assert_eq!(
            table(&answer, &[], 100),
            "name    n\n------  -\n商务部  5\nWTO\n(2 rows)\n"
        );
    }

    #[test]
    fn numbers_are_right_aligned_and_one_row_is_one_row() {
        let decimal = Literal::new_typed_literal("2.5", oxigraph::model::vocab::xsd::DECIMAL);
        let answer = solutions(
            &["agency", "tasks", "share"],
            vec![vec![
                text("工商总局"),
                Some(Literal::from(17).into()),
                Some(decimal.into()),
            ]],
        );
        assert_eq!(
            table(&answer, &[], 100),
            "agency    tasks  share\n--------  -----  -----\n工商总局     17    2.5\n(1 row)\n"
        );
        // A string of digits is text, left-aligned.
        let answer = solutions(&["id"], vec![vec![text("7")], vec![text("1234")]]);
        assert_eq!(table(&answer, &[], 100), "id\n----\n7\n1234\n(2 rows)\n");
    }

    #[test]
    fn tables_fit_the_width_cutting_the_widest_cells() {
        let iri = NamedNode::new("https://w3id.org/plangraph/id/agency/saic").unwrap();
        let prefixes = vec![(
            "agency".to_string(),
            "https://w3id.org/plangraph/id/agency/".to_string(),
        )];
        let long =
            "加强网络侵权盗版治理。深入开展剑网行动,进一步加大网络文学、影视、动漫版权整治力度";
        let answer = solutions(
            &["agency", "text", "n"],
            vec![vec![
                Some(iri.into()),
                text(long),
                Some(Literal::from(3).into()),
            ]],
        );
        let wide = table(&answer, &prefixes, 200);
        assert!(wide.contains(long), "{wide}");
        assert!(wide.contains("agency:saic"), "IRIs shortened: {wide}");
        for width in [40, 41, 60] {
            let narrow = table(&answer, &prefixes, width);
            for line in narrow.lines() {
                assert!(line.width() <= width, "{line:?} wider than {width}");
            }
            assert!(narrow.contains("agency:saic  加强网络"), "{narrow}");
            let row = narrow.lines().nth(2).unwrap();
            assert!(row.contains('…') && row.ends_with("  3"), "{row:?}");
            assert!(row.width() >= width - 1, "uses the room: {row:?}");
        }
        assert_eq!(clip("商务部门", 6), "商务…");
        assert_eq!(clip("商务部门", 4), "商…");
        assert_eq!(fit(&[30, 4, 50], 40), vec![16, 4, 16]);
        assert_eq!(fit(&[30, 4, 50], 41), vec![17, 4, 16]);
        assert_eq!(fit(&[30, 4, 50], 10), vec![MIN_COLUMN, 4, MIN_COLUMN]);
    }

    #[test]
    fn the_width_comes_from_columns() {
        assert_eq!(width_from(Some("72")), 72);
        assert_eq!(width_from(Some("wide")), DEFAULT_WIDTH);
        assert_eq!(width_from(Some("0")), DEFAULT_WIDTH);
        assert_eq!(width_from(None), DEFAULT_WIDTH);
    }
}
