//! A saved or scraped HTML page → the text a reader copies from the rendered page, with a map from
//! every character of that text back to the page source.
//!
//! Tokenizing is html5gum's (WHATWG tokenizer states, the full named-entity table, no
//! dependencies); this module only follows the byte position the tokenizer reports as it reads,
//! and does the little tree work that the text needs (which elements are hidden, which are
//! blocks, tables' rows and cells, `<pre>`), the way a browser's `innerText` does. Three passes:
//! [`tokens`] (tags and text with byte positions), [`tables`] (the shape of each table, and
//! which content is hidden), [`render`] (the text, with where each character came from).

mod render;
mod tables;
mod tokens;

use crate::text::chars::codepoint_index;
use render::Render;
use std::ops::Range;
use tables::table_shapes;
use tokens::tokenize;

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
