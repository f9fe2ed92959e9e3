//! A saved or scraped HTML page → the text a reader copies from the rendered page, with a map from
//! every character of that text back to the page source.
//!
//! Tokenizing is html5gum's (WHATWG tokenizer states, the full named-entity table, no
//! dependencies); this module only follows the byte position the tokenizer reports as it reads,
//! and does the little tree work that the text needs (which elements are hidden, which are
//! blocks, tables' rows and cells, `<pre>`), the way a browser's `innerText` does.

use std::convert::Infallible;
use std::ops::Range;

use html5gum::{naive_next_state, Emitter, Error, State, Tokenizer};

/// A page's text as a reader sees it, with where each character came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlText {
    /// Block elements end lines; table rows are lines with cells separated by '\t'.
    pub text: String,
    /// For each char of `text` (by code point index), the range of code points in the page
    /// source it came from: a literal character → its own one-char range; an entity (`&nbsp;`,
    /// `&#20013;`, `&amp;`) → the whole entity; a character the extractor inserted (a line break
    /// for a block element, a tab between cells, a space from collapsed whitespace) → an empty
    /// range at the position of the tag or whitespace that caused it.
    pub origin: Vec<Range<usize>>,
    /// The page's <title>, if any (not part of `text`).
    pub title: Option<String>,
}

/// Turns an HTML page into the text a reader sees. Never panics; any input gives some text.
pub fn html_text(page: &str) -> HtmlText {
    let toks = tokenize(page);
    let info = table_shapes(&toks);
    let mut r = Render::new(&info);
    for (i, tok) in toks.iter().enumerate() {
        r.token(i, tok);
    }
    let (chars, title) = r.finish();
    let chars = tidy_lines(chars);
    // Byte offsets → code point offsets.
    let cp = codepoint_index(page);
    let at = |b: usize| cp.get(b).copied().unwrap_or(*cp.last().unwrap_or(&0));
    let mut text = String::with_capacity(chars.len() * 3);
    let mut origin = Vec::with_capacity(chars.len());
    for (c, range) in chars {
        text.push(c);
        origin.push(at(range.start)..at(range.end));
    }
    HtmlText {
        text,
        origin,
        title,
    }
}

/// True when the text looks like an HTML document: it starts (after a byte-order mark,
/// whitespace, comments and an XML declaration) with `<!DOCTYPE html`, `<html`, `<head`,
/// `<body`, `<meta` or another common tag, or has several `<p>`/`<div>`/`<br>` tags early on.
/// Plain text that merely contains a `<` is not taken for HTML.
pub fn looks_like_html(text: &str) -> bool {
    let mut s = text.trim_start_matches('\u{feff}');
    loop {
        s = s.trim_start();
        if let Some(rest) = s.strip_prefix("<!--") {
            match rest.find("-->") {
                Some(end) => s = &rest[end + 3..],
                None => return false,
            }
        } else if s.starts_with("<?xml") {
            match s.find("?>") {
                Some(end) => s = &s[end + 2..],
                None => return false,
            }
        } else {
            break;
        }
    }
    let head: String = s.chars().take(16).collect::<String>().to_ascii_lowercase();
    const STARTS: [&str; 5] = ["<!doctype html", "<html", "<head", "<body", "<meta"];
    if STARTS.iter().any(|p| head.starts_with(p)) {
        return true;
    }
    if let Some(name) = head.strip_prefix('<') {
        let name: String = name
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let after = head[1 + name.len()..].chars().next();
        let closes = matches!(
            after,
            Some('>') | Some(' ') | Some('/') | Some('\n') | Some('\t')
        );
        const TAGS: [&str; 12] = [
            "div", "p", "table", "title", "link", "style", "script", "section", "article", "h1",
            "h2", "span",
        ];
        let first_line = s.lines().next().unwrap_or("");
        if closes && TAGS.contains(&name.as_str()) && first_line.contains('>') {
            return true;
        }
    }
    // Tags early in the text: at least two of <p>, </p>, <div…>, </div>, <br>.
    let early: String = text
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    let mut n = 0;
    for pat in [
        "<p>", "<p ", "</p>", "<div>", "<div ", "</div>", "<br>", "<br/>", "<br />", "<td>",
        "</td>",
    ] {
        n += early.matches(pat).count();
    }
    n >= 2
}

// ---------------------------------------------------------------------------------------------
// Pass 1: tokens with byte positions.

#[derive(Debug)]
enum Tok {
    /// A start tag: name (lower case), byte position of its '<', whether it is hidden
    /// (`hidden` attribute or `display:none` in its style), self-closing.
    Start {
        name: String,
        at: usize,
        hidden: bool,
    },
    End {
        name: String,
        at: usize,
    },
    /// Characters of text, each with the byte range of the page source it came from.
    Text(Vec<(char, Range<usize>)>),
}

struct Collect<'a> {
    src: &'a [u8],
    pos: usize,
    /// Where the source not yet accounted for by a token or text begins.
    mark: usize,
    toks: Vec<Tok>,
    text: Vec<(char, Range<usize>)>,
    /// Bytes of a multi-byte UTF-8 character emitted in pieces.
    pending: Vec<(u8, Range<usize>)>,
    tag_name: Vec<u8>,
    tag_is_end: bool,
    tag_at: usize,
    attr_name: Vec<u8>,
    attr_value: Vec<u8>,
    hidden: bool,
    last_start: Vec<u8>,
}

impl<'a> Collect<'a> {
    fn flush_text(&mut self) {
        if !self.text.is_empty() {
            self.toks.push(Tok::Text(std::mem::take(&mut self.text)));
        }
    }

    fn flush_attr(&mut self) {
        if self.attr_name.is_empty() {
            return;
        }
        if self.attr_name == b"hidden" {
            self.hidden = true;
        } else if self.attr_name == b"style" {
            let v: Vec<u8> = self
                .attr_value
                .iter()
                .filter(|b| !b.is_ascii_whitespace())
                .map(u8::to_ascii_lowercase)
                .collect();
            if contains(&v, b"display:none") || contains(&v, b"visibility:hidden") {
                self.hidden = true;
            }
        }
        self.attr_name.clear();
        self.attr_value.clear();
    }

    /// Start of the current tag-like token: the last '<' read (called right after it).
    fn taglike_start(&self) -> usize {
        let end = self.pos.min(self.src.len());
        let from = self.mark.min(end);
        self.src[from..end]
            .iter()
            .rposition(|&b| b == b'<')
            .map_or(from, |i| from + i)
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

impl Emitter for Collect<'_> {
    type Token = Infallible;

    fn move_position(&mut self, offset: isize) {
        self.pos = self.pos.saturating_add_signed(offset);
    }
    fn set_last_start_tag(&mut self, last_start_tag: Option<&[u8]>) {
        self.last_start.clear();
        self.last_start.extend(last_start_tag.unwrap_or_default());
    }
    fn emit_eof(&mut self) {
        self.flush_text();
    }
    fn emit_error(&mut self, _error: Error) {}
    fn should_emit_errors(&mut self) -> bool {
        false
    }
    fn pop_token(&mut self) -> Option<Infallible> {
        None
    }
    fn emit_string(&mut self, s: &[u8]) {
        let end = self.pos.min(self.src.len());
        let start = self.mark.min(end);
        let raw = &self.src[start..end];
        self.mark = end;
        // Where each byte of `s` came from. The tokenizer emits a run of literal text, or the
        // output of one character reference (after reading all of it), or a newline for a CR.
        let mut from: Vec<Range<usize>> = Vec::with_capacity(s.len());
        if raw == s {
            from.extend((start..end).map(|b| b..b + 1));
        } else if raw.ends_with(s) && !raw[..raw.len() - s.len()].contains(&b'&') {
            // Literal text after source the tokenizer dropped (an LF after a CR, a `</>`).
            let b = end - s.len();
            from.extend((b..end).map(|b| b..b + 1));
        } else if let Some(q) = raw.iter().rposition(|&b| b == b'&') {
            // A character reference (after any dropped source): each char it gives comes
            // from all of it.
            from.extend(s.iter().map(|_| start + q..end));
        } else {
            let mut i = 0;
            if raw.first() == Some(&b'\n') && s.first() != Some(&b'\n') {
                i = 1;
            }
            let mut j = 0;
            while j < s.len() {
                let r = raw.get(i).copied();
                if r == Some(s[j]) || (r == Some(b'\r') && s[j] == b'\n') {
                    from.push(start + i..start + i + 1);
                    i += 1;
                    j += 1;
                } else if r == Some(0) && s[j..].starts_with("\u{fffd}".as_bytes()) {
                    from.extend(std::iter::repeat_n(start + i..start + i + 1, 3));
                    i += 1;
                    j += 3;
                } else {
                    let b = (start + i).min(end);
                    from.extend(std::iter::repeat_n(b..end, s.len() - j));
                    break;
                }
            }
        }
        let mut buf = std::mem::take(&mut self.pending);
        buf.extend(s.iter().copied().zip(from));
        let bytes: Vec<u8> = buf.iter().map(|(b, _)| *b).collect();
        let (decoded, rest) = utf8_prefix(&bytes);
        let mut k = 0;
        for c in decoded.chars() {
            let n = c.len_utf8();
            let r = buf[k].1.start..buf[k + n - 1].1.end;
            self.text.push((c, r));
            k += n;
        }
        self.pending = if rest.is_empty() {
            Vec::new()
        } else {
            buf.split_off(k)
        };
    }
    fn init_start_tag(&mut self) {
        self.tag_name.clear();
        self.tag_is_end = false;
        self.hidden = false;
        self.attr_name.clear();
        self.attr_value.clear();
        self.tag_at = self.taglike_start();
    }
    fn init_end_tag(&mut self) {
        self.tag_name.clear();
        self.tag_is_end = true;
        self.attr_name.clear();
        self.attr_value.clear();
        self.tag_at = self.taglike_start();
    }
    fn init_comment(&mut self) {}
    fn emit_current_tag(&mut self) -> Option<State> {
        self.flush_attr();
        self.flush_text();
        self.pending.clear();
        let name = String::from_utf8_lossy(&self.tag_name).to_ascii_lowercase();
        self.mark = self.pos;
        if self.tag_is_end {
            self.last_start.clear();
            self.toks.push(Tok::End {
                name,
                at: self.tag_at,
            });
            None
        } else {
            self.last_start = self.tag_name.to_ascii_lowercase();
            let next = naive_next_state(&self.last_start);
            self.toks.push(Tok::Start {
                name,
                at: self.tag_at,
                hidden: self.hidden,
            });
            next
        }
    }
    fn emit_current_comment(&mut self) {
        self.flush_text();
        self.mark = self.pos;
    }
    fn emit_current_doctype(&mut self) {
        self.flush_text();
        self.mark = self.pos;
    }
    fn set_self_closing(&mut self) {}
    fn set_force_quirks(&mut self) {}
    fn push_tag_name(&mut self, s: &[u8]) {
        self.tag_name.extend_from_slice(s);
    }
    fn push_comment(&mut self, _s: &[u8]) {}
    fn push_doctype_name(&mut self, _s: &[u8]) {}
    fn init_doctype(&mut self) {}
    fn init_attribute(&mut self) {
        self.flush_attr();
    }
    fn push_attribute_name(&mut self, s: &[u8]) {
        self.attr_name.extend(s.iter().map(u8::to_ascii_lowercase));
    }
    fn push_attribute_value(&mut self, s: &[u8]) {
        self.attr_value.extend_from_slice(s);
    }
    fn set_doctype_public_identifier(&mut self, _value: &[u8]) {}
    fn set_doctype_system_identifier(&mut self, _value: &[u8]) {}
    fn push_doctype_public_identifier(&mut self, _s: &[u8]) {}
    fn push_doctype_system_identifier(&mut self, _s: &[u8]) {}
    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        self.tag_is_end
            && !self.last_start.is_empty()
            && self.last_start == self.tag_name.to_ascii_lowercase()
    }
}

/// The longest valid UTF-8 prefix and the bytes after it (an incomplete character, or invalid
/// bytes, which cannot come from a `&str` input but are kept for safety).
fn utf8_prefix(b: &[u8]) -> (&str, &[u8]) {
    match std::str::from_utf8(b) {
        Ok(s) => (s, &[]),
        Err(e) => {
            let good = e.valid_up_to();
            let s = std::str::from_utf8(&b[..good]).unwrap_or("");
            match e.error_len() {
                // Incomplete character at the end: wait for the rest.
                None => (s, &b[good..]),
                // Invalid bytes: drop them.
                Some(_) => (s, &[]),
            }
        }
    }
}

fn tokenize(page: &str) -> Vec<Tok> {
    let mut em = Collect {
        src: page.as_bytes(),
        pos: 0,
        mark: 0,
        toks: Vec::new(),
        text: Vec::new(),
        pending: Vec::new(),
        tag_name: Vec::new(),
        tag_is_end: false,
        tag_at: 0,
        attr_name: Vec::new(),
        attr_value: Vec::new(),
        hidden: false,
        last_start: Vec::new(),
    };
    {
        let tokenizer = Tokenizer::new_with_emitter(page, &mut em);
        // The emitter yields no tokens: the work is done as the tokenizer runs.
        match tokenizer.finish() {
            Ok(()) => {}
            Err(never) => match never {},
        }
    }
    em.flush_text();
    em.toks
}

/// Forward the emitter through a `&mut` so the collected tokens can be read after the
/// tokenizer (which owns its emitter) is gone.
impl Emitter for &mut Collect<'_> {
    type Token = Infallible;
    fn move_position(&mut self, o: isize) {
        (**self).move_position(o)
    }
    fn set_last_start_tag(&mut self, t: Option<&[u8]>) {
        (**self).set_last_start_tag(t)
    }
    fn emit_eof(&mut self) {
        (**self).emit_eof()
    }
    fn emit_error(&mut self, e: Error) {
        (**self).emit_error(e)
    }
    fn should_emit_errors(&mut self) -> bool {
        false
    }
    fn pop_token(&mut self) -> Option<Infallible> {
        None
    }
    fn init_string(&mut self) {}
    fn emit_string(&mut self, s: &[u8]) {
        (**self).emit_string(s)
    }
    fn init_start_tag(&mut self) {
        (**self).init_start_tag()
    }
    fn init_end_tag(&mut self) {
        (**self).init_end_tag()
    }
    fn init_comment(&mut self) {
        (**self).init_comment()
    }
    fn emit_current_tag(&mut self) -> Option<State> {
        (**self).emit_current_tag()
    }
    fn emit_current_comment(&mut self) {
        (**self).emit_current_comment()
    }
    fn emit_current_doctype(&mut self) {
        (**self).emit_current_doctype()
    }
    fn set_self_closing(&mut self) {}
    fn set_force_quirks(&mut self) {}
    fn push_tag_name(&mut self, s: &[u8]) {
        (**self).push_tag_name(s)
    }
    fn push_comment(&mut self, _s: &[u8]) {}
    fn push_doctype_name(&mut self, _s: &[u8]) {}
    fn init_doctype(&mut self) {}
    fn init_attribute(&mut self) {
        (**self).init_attribute()
    }
    fn push_attribute_name(&mut self, s: &[u8]) {
        (**self).push_attribute_name(s)
    }
    fn push_attribute_value(&mut self, s: &[u8]) {
        (**self).push_attribute_value(s)
    }
    fn set_doctype_public_identifier(&mut self, _v: &[u8]) {}
    fn set_doctype_system_identifier(&mut self, _v: &[u8]) {}
    fn push_doctype_public_identifier(&mut self, _s: &[u8]) {}
    fn push_doctype_system_identifier(&mut self, _s: &[u8]) {}
    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        (**self).current_is_appropriate_end_tag_token()
    }
}

// ---------------------------------------------------------------------------------------------
// Pass 2: the shape of each table (is it a layout table, how many cells has each row).

/// Per token index: a `<table>` start → whether it holds another table (then it is taken for
/// page layout: its cells are blocks, not tab-separated columns); a row's start (`<tr>` or the
/// first cell of a row without one) → its number of cells.
struct Shapes {
    layout: Vec<bool>,
    row_cells: Vec<usize>,
}

fn is_cell(n: &str) -> bool {
    n == "td" || n == "th"
}

fn table_shapes(toks: &[Tok]) -> Shapes {
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
struct Skip {
    raw: Option<String>,
    /// (element name, depth of same-named elements)
    nested: Option<(String, usize)>,
}

const RAW_HIDDEN: [&str; 6] = [
    "script", "style", "noscript", "iframe", "noembed", "noframes",
];
const NESTED_HIDDEN: [&str; 5] = ["svg", "template", "math", "object", "select"];
/// Elements a `hidden` flag is not followed for: their end tags are often left out.
const IMPLIED_END: [&str; 10] = [
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "tbody", "thead",
];

impl Skip {
    /// Whether this token is inside (or opens or closes) hidden content.
    fn token(&mut self, tok: &Tok) -> bool {
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

const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

// ---------------------------------------------------------------------------------------------
// Pass 3: render.

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
const PREFORMATTED: [&str; 5] = ["pre", "textarea", "listing", "xmp", "plaintext"];

#[derive(Clone, Copy)]
struct TableCtx {
    layout: bool,
    /// Cells in the current row so far.
    cells: usize,
    /// Cells the current row has in all.
    row_total: usize,
    in_cell: bool,
}

struct Render<'s> {
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
    in_title: bool,
    title: Option<String>,
    /// A <p> is open: a block start tag closes it (as a browser's parser does), so it ends
    /// with the paragraph's blank line.
    p_open: bool,
}

impl<'s> Render<'s> {
    fn new(shapes: &'s Shapes) -> Self {
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

    fn token(&mut self, i: usize, tok: &Tok) {
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
            Tok::Start { name, at, .. } => self.start(i, name, *at),
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

    fn start(&mut self, i: usize, name: &str, at: usize) {
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
                });
                return;
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.in_cell = false;
                    t.cells = 0;
                    t.row_total = self.shapes.row_cells.get(i).copied().unwrap_or(0);
                }
                self.line_break(1, at);
                return;
            }
            n if is_cell(n) => {
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
                if let Some(t) = self.tables.last_mut() {
                    t.cells += 1;
                    t.in_cell = true;
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
                self.tables.pop();
                self.line_break(1, at);
            }
            "tr" | "tbody" | "thead" | "tfoot" => {
                if let Some(t) = self.tables.last_mut() {
                    t.in_cell = false;
                    t.cells = 0;
                    t.row_total = 0;
                }
                self.line_break(1, at);
            }
            n if is_cell(n) => {
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

    fn finish(self) -> (Vec<(char, Range<usize>)>, Option<String>) {
        let title = self
            .title
            .map(|t| t.split_ascii_whitespace().collect::<Vec<_>>().join(" "));
        (self.out, title.filter(|t| !t.is_empty()))
    }
}

/// Lines trimmed of ASCII spaces; no leading or trailing empty lines; at most one empty line
/// in a row.
fn tidy_lines(chars: Vec<(char, Range<usize>)>) -> Vec<(char, Range<usize>)> {
    let mut lines: Vec<&[(char, Range<usize>)]> = chars.split(|(c, _)| *c == '\n').collect();
    let newlines: Vec<Range<usize>> = chars
        .iter()
        .filter(|(c, _)| *c == '\n')
        .map(|(_, r)| r.clone())
        .collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut empties = 0usize;
    let mut started = false;
    for (k, line) in lines.iter_mut().enumerate() {
        let mut l: &[(char, Range<usize>)] = line;
        while let [(' ', _), rest @ ..] = l {
            l = rest;
        }
        while let [rest @ .., (' ', _)] = l {
            l = rest;
        }
        if l.is_empty() {
            empties += 1;
            continue;
        }
        if started {
            // Newlines that ended the previous line and the empty ones (at most one).
            let nl = empties.min(1) + 1;
            let first = k - empties - 1;
            for j in 0..nl {
                let r = newlines.get(first + j).cloned().unwrap_or(0..0);
                out.push(('\n', r));
            }
        }
        started = true;
        empties = 0;
        out.extend_from_slice(l);
    }
    out
}

/// For each byte offset of `s` (and its end), the code point index it falls at.
fn codepoint_index(s: &str) -> Vec<usize> {
    let mut v = vec![0usize; s.len() + 1];
    let mut n = 0;
    for (b, c) in s.char_indices() {
        for k in 0..c.len_utf8() {
            v[b + k] = n;
        }
        n += 1;
    }
    v[s.len()] = n;
    v
}
