//! Pass 2: the shape of each table (is it a layout table, how many cells has each row), and
//! which tokens lie inside content a browser does not show.

use super::tokens::Tok;

/// Per token index: a `<table>` start → whether it holds another table (then it is taken for
/// page layout: its cells are blocks, not tab-separated columns); a row's start (`<tr>` or the
/// first cell of a row without one) → its number of cells.
pub(super) struct Shapes {
    pub(super) layout: Vec<bool>,
    pub(super) row_cells: Vec<usize>,
}

pub(super) fn is_cell(n: &str) -> bool {
    n == "td" || n == "th"
}

pub(super) fn table_shapes(toks: &[Tok]) -> Shapes {
    let mut layout = vec![false; toks.len()];
    let mut row_cells = vec![0; toks.len()];
    // Open tables: (token index, token index of the open row).
    let mut open: Vec<(usize, Option<usize>)> = Vec::new();
    let mut skip = Skip::default();
    for (i, tok) in toks.iter().enumerate() {
        if skip.token(tok) {
            continue;
        }
        match tok {
            Tok::Start { name, .. } => match name.as_str() {
                "table" => {
                    for t in open.iter() {
                        layout[t.0] = true;
                    }
                    open.push((i, None));
                }
                "tr" => {
                    if let Some(t) = open.last_mut() {
                        t.1 = Some(i);
                    }
                }
                n if is_cell(n) => {
                    if let Some(t) = open.last_mut() {
                        let row = *t.1.get_or_insert(i);
                        row_cells[row] += 1;
                    }
                }
                _ => {}
            },
            Tok::End { name, .. } => match name.as_str() {
                "table" => {
                    open.pop();
                }
                "tr" | "tbody" | "thead" | "tfoot" => {
                    if let Some(t) = open.last_mut() {
                        t.1 = None;
                    }
                }
                _ => {}
            },
            Tok::Text(_) => {}
        }
    }
    Shapes { layout, row_cells }
}

/// Elements whose content is never shown: raw-text ones (script, style…) and ones whose tags
/// inside are to be ignored too (svg, template, hidden elements).
#[derive(Default)]
pub(super) struct Skip {
    pub(super) raw: Option<String>,
    /// (element name, depth of same-named elements)
    nested: Option<(String, usize)>,
    /// A hidden element whose end tag may be left out (`<p hidden>`, `<tr style="display:none">`):
    /// skipped up to its end tag or to the tag that ends it implicitly.
    implied: Option<String>,
}

/// Whether a start tag `name` ends an open element `open` whose end tag may be left out: the
/// next of its kind, or for a paragraph any block (as a browser's parser closes a `<p>`).
fn ends_implied(open: &str, name: &str, end_tag: bool) -> bool {
    if end_tag {
        return name == open
            || match open {
                "td" | "th" => matches!(name, "tr" | "table" | "tbody" | "thead" | "tfoot"),
                "tr" => matches!(name, "table" | "tbody" | "thead" | "tfoot"),
                "li" => matches!(name, "ul" | "ol"),
                "p" => matches!(
                    name,
                    "div" | "td" | "th" | "li" | "body" | "section" | "article"
                ),
                _ => false,
            };
    }
    match open {
        "p" => super::render::closes_p(name),
        "td" | "th" => matches!(name, "td" | "th" | "tr"),
        "tr" => matches!(name, "tr" | "tbody" | "tfoot"),
        "tbody" | "thead" => matches!(name, "tbody" | "tfoot" | "thead"),
        other => name == other,
    }
}

const RAW_HIDDEN: [&str; 6] = [
    "script", "style", "noscript", "iframe", "noembed", "noframes",
];
const NESTED_HIDDEN: [&str; 5] = ["svg", "template", "math", "object", "select"];
/// Elements whose end tags are often left out: a `hidden` flag on one hides it up to the tag
/// that ends it, written or implied.
const IMPLIED_END: [&str; 10] = [
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "tbody", "thead",
];

impl Skip {
    /// Whether this token is inside (or opens or closes) hidden content.
    pub(super) fn token(&mut self, tok: &Tok) -> bool {
        if let Some(open) = self.implied.clone() {
            let (name, end_tag) = match tok {
                Tok::Start { name, .. } => (name.as_str(), false),
                Tok::End { name, .. } => (name.as_str(), true),
                Tok::Text(_) => return true,
            };
            if !ends_implied(&open, name, end_tag) {
                return true;
            }
            self.implied = None;
            // Its own end tag is skipped with it; a tag that ends it implicitly is read.
            if end_tag && name == open {
                return true;
            }
        }
        if let Some(raw) = &self.raw {
            if let Tok::End { name, .. } = tok {
                if name == raw {
                    self.raw = None;
                }
            }
            return true;
        }
        if let Some((el, depth)) = &mut self.nested {
            match tok {
                Tok::Start { name, .. } if name == el => *depth += 1,
                Tok::End { name, .. } if name == el => {
                    *depth -= 1;
                    if *depth == 0 {
                        self.nested = None;
                    }
                }
                _ => {}
            }
            return true;
        }
        if let Tok::Start { name, hidden, .. } = tok {
            if RAW_HIDDEN.contains(&name.as_str()) {
                self.raw = Some(name.clone());
                return true;
            }
            if *hidden && IMPLIED_END.contains(&name.as_str()) {
                self.implied = Some(name.clone());
                return true;
            }
            let void = VOID.contains(&name.as_str());
            if !void
                && (NESTED_HIDDEN.contains(&name.as_str())
                    || (*hidden
                        && !IMPLIED_END.contains(&name.as_str())
                        && name != "body"
                        && name != "html"))
            {
                self.nested = Some((name.clone(), 1));
                return true;
            }
        }
        false
    }
}

pub(super) const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
