//! Cleaning stage: the decoded text normalised for parsing, with a map from every cleaned
//! character back to its code point in the original.
//!
//! What cleaning does, so later stages need not care:
//! - brackets, commas, colons, semicolons, `!` and `?` are mapped to their full-width forms, and
//!   full-width digits and Latin letters to ASCII, so `(一)` and `（一）` parse alike;
//! - ideographic and no-break spaces become spaces; spaces between two Chinese characters (a PDF
//!   artefact: `知识 产权`) and at line ends are dropped;
//! - traditional script becomes simplified, character for character, and pinyin leaked by a
//!   ruby-annotation scraper (`發(fā)`) is dropped (see [`crate::read::script`]);
//! - a table flattened to text one cell a line, between `|` or between runs of spaces is laid
//!   out one row a line with tabs between cells, as a word processor copies one (see
//!   [`tables`]);
//! - page markers on a line of their own (`— 2 —`, `- 3 -`, `第 2 页`) are dropped;
//! - a line break inside a sentence (a PDF hard wrap, or a page break) is dropped; a line break
//!   between paragraphs becomes one `\n`.
//!
//! Everything downstream works on [`CleanText::chars`] and reports spans through
//! [`CleanText::span`], which are code point offsets in the *original* decoded text.

mod tables;

use crate::model::{PageRange, Span};
use crate::text::{fold_width, Location};
use std::ops::Range;

/// The cleaned text of a document with its offset map.
#[derive(Debug, Clone)]
pub struct CleanText {
    original: Vec<char>,
    chars: Vec<char>,
    /// `origin[i]` is the original code point index of `chars[i]`.
    origin: Vec<usize>,
    /// For text read from an HTML page: each original character's code points in the page.
    page_map: Option<Vec<Range<usize>>>,
}

/// Characters after which a line break ends a paragraph rather than wrapping a sentence.
const PARAGRAPH_END: &[char] = &[
    '。', '！', '？', '；', '：', '）', '”', '」', '』', '】', ']', '.', '!', '?',
];

impl CleanText {
    /// Cleans `original`.
    pub fn new(original: &str) -> Self {
        let original: Vec<char> = original.chars().collect();
        let lines = tables::relay_tables(split_lines(&original), &original);
        let full_line = typical_line_length(&lines);
        let double_spaced = is_double_spaced(&lines);
        let mut out = Builder::default();
        let mut previous: Option<&Line> = None;
        let mut blank_since_previous = false;
        let mut page_marker_since_previous = false;
        for line in &lines {
            if line.page_break || line.is_page_marker() {
                page_marker_since_previous = true;
                continue;
            }
            if line.is_blank() {
                blank_since_previous = true;
                continue;
            }
            if let Some(prev) = previous {
                let mid_sentence = !prev.ends_with(PARAGRAPH_END)
                    && !line.starts_with_numbering()
                    && !prev.is_table_row()
                    && !line.is_table_row()
                    && !prev.stands_alone()
                    && !line.stands_alone();
                // A blank line ends a paragraph, unless every printed line is followed by one.
                let paragraph_gap = blank_since_previous && !double_spaced;
                let wrapped = mid_sentence
                    && (page_marker_since_previous
                        || out.inside_parenthetical()
                        || (!paragraph_gap && prev.len() * 10 >= full_line * 7));
                if !wrapped {
                    out.push('\n', prev.break_at);
                }
            }
            line.push_content(&mut out);
            previous = Some(line);
            blank_since_previous = false;
            page_marker_since_previous = false;
        }
        let mut chars = out.chars;
        crate::read::script::to_simplified(&mut chars);
        CleanText {
            original,
            chars,
            origin: out.origin,
            page_map: None,
        }
    }

    /// Cleans a source's text; spans of text read from an HTML page also give their place in
    /// the page source.
    pub fn of(source: &crate::read::SourceText) -> Self {
        let mut text = Self::new(&source.text);
        text.page_map = source
            .page_map
            .clone()
            .filter(|map| map.len() == text.original.len());
        text
    }

    /// The cleaned characters.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// The decoded original text's characters.
    pub fn original(&self) -> &[char] {
        &self.original
    }

    /// The original span of cleaned range `range` (clamped to the text). An empty range maps to
    /// an empty span at the original position of its start.
    pub fn span(&self, range: Range<usize>) -> Span {
        let at = |i: usize| self.origin.get(i).copied().unwrap_or(self.original.len());
        let (begin, end) = if range.start >= range.end {
            (at(range.start), at(range.start))
        } else {
            (at(range.start), at(range.end - 1) + 1)
        };
        Span {
            begin,
            end,
            page: self.page_range(begin, end),
        }
    }

    /// Where original characters `[begin, end)` are in the page source, for text from a page.
    fn page_range(&self, begin: usize, end: usize) -> Option<PageRange> {
        let map = self.page_map.as_ref()?;
        let page_end = map.last().map_or(0, |r| r.end);
        let start = map.get(begin).map_or(page_end, |r| r.start);
        let stop = match end.checked_sub(1) {
            Some(last) if end > begin => map.get(last).map_or(page_end, |r| r.end),
            _ => start,
        };
        Some(PageRange {
            begin: start,
            end: stop.max(start),
        })
    }

    /// The characters of cleaned range `range` as the original prints them (original widths of
    /// punctuation kept; dropped layout noise stays dropped). A line break or a tab between a
    /// table's cells is written as such, whatever separator the original had there (`\r\n`, a
    /// `|`, a run of spaces).
    pub fn printed(&self, range: Range<usize>) -> String {
        range
            .map(|i| match self.chars[i] {
                layout @ ('\n' | '\t') => layout,
                _ => self.original[self.origin[i]],
            })
            .collect()
    }

    /// The original text of `span`, exactly.
    pub fn original_text(&self, span: Span) -> String {
        self.original[span.begin..span.end].iter().collect()
    }

    /// The cleaned characters of `range` as a string.
    pub fn text(&self, range: Range<usize>) -> String {
        self.chars[range].iter().collect()
    }

    /// 1-based line and column of an original code point offset.
    pub fn location(&self, original_offset: usize) -> Location {
        Location::of_char(self.original.iter().copied(), original_offset)
    }
}

/// Maps a character to the form parsing uses. `prev` and `next` are the neighbours in the
/// original, so `2,000` and `23:19` keep their ASCII punctuation.
pub fn normalise_char(c: char, prev: Option<char>, next: Option<char>) -> char {
    let between_digits =
        prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
    let ascii_between_digits = between_digits && matches!(c, ',' | ':');
    match fold_width(c) {
        _ if ascii_between_digits => c,
        '(' => '（',
        ')' => '）',
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '!' => '！',
        '?' => '？',
        '\u{a0}' => ' ',
        folded => folded,
    }
}

/// A parenthetical still open after this many characters is taken for an unmatched bracket,
/// not one to keep joining lines into (the longest assignment parentheticals run to ~150).
const LONGEST_PARENTHETICAL: usize = 240;

#[derive(Default)]
struct Builder {
    chars: Vec<char>,
    origin: Vec<usize>,
    /// Where the outermost bracket still open in the current paragraph was opened.
    open_bracket: Option<usize>,
    depth: usize,
}

impl Builder {
    fn push(&mut self, c: char, origin: usize) {
        match c {
            '（' => {
                if self.depth == 0 {
                    self.open_bracket = Some(self.chars.len());
                }
                self.depth += 1;
            }
            '）' => {
                self.depth = self.depth.saturating_sub(1);
                if self.depth == 0 {
                    self.open_bracket = None;
                }
            }
            '\n' => {
                self.depth = 0;
                self.open_bracket = None;
            }
            _ => {}
        }
        self.chars.push(c);
        self.origin.push(origin);
    }

    /// True inside a bracket opened in this paragraph and not yet closed: a line break there
    /// is a wrap (a PDF breaks lines anywhere, even inside an agency's name or 按职|责分工).
    fn inside_parenthetical(&self) -> bool {
        self.open_bracket
            .is_some_and(|at| self.chars.len() - at <= LONGEST_PARENTHETICAL)
    }
}

/// One line of the original, trimmed, with its characters already normalised.
#[derive(Clone)]
struct Line {
    /// (normalised char, original index), leading and trailing whitespace removed.
    content: Vec<(char, usize)>,
    /// Original index of the line break that ends this line.
    break_at: usize,
    /// A line holding only a form feed: a page break (as PDF text extraction marks one).
    page_break: bool,
}

impl Line {
    fn is_blank(&self) -> bool {
        self.content.is_empty()
    }

    fn len(&self) -> usize {
        self.content.len()
    }

    fn ends_with(&self, chars: &[char]) -> bool {
        self.content.last().is_some_and(|(c, _)| chars.contains(c))
    }

    /// `— 2 —`, `- 12 -`, `—2—`, `第 3 页`, `第3页 共9页`.
    fn is_page_marker(&self) -> bool {
        // The longest marker form, `第 999 页 共 999 页`, is well under 24 characters.
        if self.content.len() > 24 {
            return false;
        }
        let text: String = self
            .content
            .iter()
            .map(|(c, _)| *c)
            .filter(|c| *c != ' ')
            .collect();
        let digits_only = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        let dashes: &[char] = &['—', '-', '－', '–', '─'];
        let inner = text.trim_matches(dashes);
        if inner.len() != text.len() && digits_only(inner) {
            return true;
        }
        if let Some(rest) = text.strip_prefix('第') {
            let (page, rest) = rest.split_once('页').unwrap_or((rest, "x"));
            let rest_ok = rest.is_empty()
                || rest
                    .strip_prefix('共')
                    .and_then(|r| r.strip_suffix('页'))
                    .is_some_and(digits_only);
            return digits_only(page) && rest_ok;
        }
        false
    }

    /// A document number (`国发〔2019〕8号`) or a date (`2015年3月18日`) on a line of its own: a
    /// notice prints them so, and they never continue a sentence.
    fn stands_alone(&self) -> bool {
        let text: String = self.content.iter().map(|(c, _)| *c).collect();
        let length = self.content.len();
        let number = length <= 24 && text.ends_with('号') && text.contains(['〔', '[', '［']);
        let date = length <= 16
            && text.ends_with('日')
            && text.contains('年')
            && text.contains('月')
            && !text.contains(['，', '。']);
        number || date
    }

    /// A table row as a word processor copies it to text: at least three cells, each a tab
    /// apart (an empty cell between two tabs counts). Its tabs are kept as cell boundaries.
    fn is_table_row(&self) -> bool {
        self.content.iter().filter(|(c, _)| *c == '\t').count() >= 2
    }

    fn starts_with_numbering(&self) -> bool {
        let head: String = self.content.iter().take(8).map(|(c, _)| *c).collect();
        crate::text::numbering::numbering_marker(&head.chars().collect::<Vec<_>>()).is_some()
    }

    /// Appends the line, dropping spaces that sit between two non-Latin characters. A table
    /// row's tabs are kept, each one (`\t\t` is an empty cell); elsewhere a tab is a space.
    fn push_content(&self, out: &mut Builder) {
        let table_row = self.is_table_row();
        let chars = &self.content;
        for (i, &(c, origin)) in chars.iter().enumerate() {
            if c == '\t' && table_row {
                while out.chars.last() == Some(&' ') {
                    out.chars.pop();
                    out.origin.pop();
                }
                out.push(c, origin);
                continue;
            }
            let c = if c == '\t' { ' ' } else { c };
            if c == ' ' {
                if out.chars.last() == Some(&'\t') {
                    continue;
                }
                let prev = out.chars.last().copied();
                if prev == Some(' ') {
                    continue;
                }
                let next = chars[i + 1..].iter().map(|(c, _)| *c).find(|c| *c != ' ');
                let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                if !(latin(prev) && latin(next)) {
                    continue;
                }
            }
            out.push(c, origin);
        }
    }
}

fn split_lines(original: &[char]) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut current: Vec<(char, usize)> = Vec::new();
    for (i, &c) in original.iter().enumerate() {
        if c == '\r' && original.get(i + 1) == Some(&'\n') {
            // A `\r\n` pair ends one line, at its `\n` (a blank line between would read as
            // an empty table cell, and the `\r` is no character of the text).
            continue;
        }
        if c == '\n' || c == '\r' {
            let raw = std::mem::take(&mut current);
            let page_break = raw.iter().any(|(c, _)| *c == '\u{c}')
                && raw.iter().all(|(c, _)| c.is_whitespace());
            lines.push(Line {
                content: without_ruby_pinyin(trim(raw)),
                break_at: i,
                page_break,
            });
            continue;
        }
        let prev = i.checked_sub(1).map(|p| original[p]);
        let next = original.get(i + 1).copied();
        current.push((normalise_char(c, prev, next), i));
    }
    lines.push(Line {
        content: without_ruby_pinyin(trim(current)),
        break_at: original.len(),
        page_break: false,
    });
    lines
}

/// The line without pinyin a ruby-annotation scraper leaked after characters (`發(fā)`).
fn without_ruby_pinyin(content: Vec<(char, usize)>) -> Vec<(char, usize)> {
    let chars: Vec<char> = content.iter().map(|(c, _)| *c).collect();
    let leaked = crate::read::script::ruby_pinyin(&chars);
    if leaked.is_empty() {
        return content;
    }
    content
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !leaked.iter().any(|r| r.contains(i)))
        .map(|(_, entry)| entry)
        .collect()
}

fn trim(mut content: Vec<(char, usize)>) -> Vec<(char, usize)> {
    let is_space = |c: char| c.is_whitespace() || c == '\u{feff}';
    while content.last().is_some_and(|(c, _)| is_space(*c)) {
        content.pop();
    }
    let lead = content.iter().take_while(|(c, _)| is_space(*c)).count();
    content.drain(..lead);
    content
}

/// Text laid out with a blank line after (nearly) every printed line, as some PDF-to-text
/// tools write it: there a single blank line says nothing about paragraphs.
fn is_double_spaced(lines: &[Line]) -> bool {
    let text_lines = lines.iter().filter(|l| !l.is_blank()).count();
    let followed_by_blank = lines
        .windows(2)
        .filter(|w| !w[0].is_blank() && w[1].is_blank())
        .count();
    text_lines >= 6 && followed_by_blank * 10 >= text_lines * 8
}

/// The length of a full line of wrapped text: the 90th percentile of line lengths, so that a
/// line much shorter than it ends a paragraph (a heading, the last line of a paragraph).
fn typical_line_length(lines: &[Line]) -> usize {
    let mut lengths: Vec<usize> = lines.iter().map(Line::len).filter(|&n| n > 0).collect();
    if lengths.is_empty() {
        return 0;
    }
    lengths.sort_unstable();
    lengths[(lengths.len() * 9 / 10).min(lengths.len() - 1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cleaned text of `s` (also used by the tests of [`super::tables`]).
    pub(super) fn clean(s: &str) -> String {
        CleanText::new(s).chars().iter().collect()
    }

    #[test]
    fn punctuation_widths_are_unified() {
        assert_eq!(clean("中巴(西),2,000人;"), "中巴（西），2,000人；");
        assert_eq!(clean("（一）加强"), "（一）加强");
        assert_eq!(clean("２０１７年"), "2017年");
    }

    #[test]
    fn stray_and_ideographic_spaces_go_between_chinese_words_only() {
        assert_eq!(
            clean("　　加强知识 产权保护 WTO rules"),
            "加强知识产权保护WTO rules"
        );
    }

    #[test]
    fn pdf_wraps_and_page_markers_inside_a_parenthetical_are_joined() {
        let pdf = "（一）加强商标行政执法。加大对驰名商标的保护力\n度。（工商总局、质检总局按职责分工\n\n— 2 —\n\n负责）\n（二）加强版权工作。";
        let text = CleanText::new(pdf);
        let cleaned: String = text.chars().iter().collect();
        assert_eq!(
            cleaned,
            "（一）加强商标行政执法。加大对驰名商标的保护力度。（工商总局、质检总局按职责分工负责）\n（二）加强版权工作。"
        );
        // Every cleaned character maps back to the same character in the original (modulo width).
        let start = cleaned.chars().position(|c| c == '负').unwrap();
        let span = text.span(start..start + 2);
        assert_eq!(text.original_text(span), "负责");
    }

    #[test]
    fn a_parenthetical_broken_anywhere_is_joined_across_blank_lines_and_pages() {
        let pdf = "（一）加强治理。（工业和信\n\n息化部、公安部按职\n\n责分工负\n\n— 2 —\n\n责）\n\n（二）加强农村市场治理。（农业农村部牵头，新闻出\n版署负责）\n";
        assert_eq!(
            clean(pdf),
            "（一）加强治理。（工业和信息化部、公安部按职责分工负责）\n（二）加强农村市场治理。（农业农村部牵头，新闻出版署负责）"
        );
        // A bracket left open is not a licence to swallow the next paragraphs.
        let unmatched = format!("（一）加强（治理{}\n\n（二）加强。", "甲".repeat(300));
        assert!(clean(&unmatched).contains("\n（二）"));
    }

    #[test]
    fn double_spaced_text_joins_wrapped_lines_and_keeps_paragraphs() {
        let line = "深入开展打击网络侵权假冒专项行动加强知识产权保护严厉打";
        let pdf = format!("（一）{line}\n\n{line}\n\n击违法犯罪。\n\n（二）{line}\n\n{line}\n\n击。\n\n（三）短。\n\n");
        let cleaned = clean(&pdf);
        assert_eq!(cleaned.lines().count(), 3, "{cleaned}");
        assert!(cleaned.starts_with(&format!("（一）{line}{line}击违法犯罪。\n")));
    }

    #[test]
    fn a_document_number_or_date_line_is_never_joined_to_a_heading() {
        assert_eq!(
            clean("国务院关于进一步加强知识产权保护工作的意见\n国发〔2019〕8号\n国务院办公厅\n2015年3月18日\n中华人民共和国"),
            "国务院关于进一步加强知识产权保护工作的意见\n国发〔2019〕8号\n国务院办公厅\n2015年3月18日\n中华人民共和国"
        );
    }

    #[test]
    fn printed_keeps_original_widths() {
        let text = CleanText::new("中巴(西)");
        assert_eq!(text.printed(0..5), "中巴(西)");
        assert_eq!(text.location(3), Location { line: 1, column: 4 });
    }

    #[test]
    fn page_markers() {
        for marker in ["— 2 —", "-3-", "第 4 页", "第4页共9页"] {
            assert_eq!(clean(&format!("甲\n{marker}\n乙。")), "甲乙。", "{marker}");
        }
        assert_eq!(clean("第一章。\n乙。"), "第一章。\n乙。");
        // A page break as PDF text extraction marks it: a line holding a form feed.
        assert_eq!(clean("短的一行\n\u{c}\n乙。"), "短的一行乙。");
    }
}
