//! Pass 1: the page's tokens (start and end tags, text) with the byte position of each, read with
//! html5gum's tokenizer, which follows the WHATWG states and decodes character references.

use html5gum::{naive_next_state, Emitter, Error, State, Tokenizer};
use std::convert::Infallible;
use std::ops::Range;

#[derive(Debug)]
pub(super) enum Tok {
    /// A start tag: name (lower case), byte position of its '<', whether it is hidden
    /// (`hidden` attribute or `display:none` in its style), self-closing.
    Start {
        name: String,
        at: usize,
        hidden: bool,
        /// A cell's `rowspan` and `colspan` (1 where absent or unreadable).
        span: (usize, usize),
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
    /// The tag's rowspan and colspan so far.
    span: (usize, usize),
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
        let count = || {
            let digits: String = String::from_utf8_lossy(&self.attr_value).trim().to_string();
            // A browser caps rowspan at 65534 and colspan at 1000; a table needs far fewer.
            digits
                .parse::<usize>()
                .ok()
                .filter(|n| *n >= 1)
                .map(|n| n.min(100))
        };
        if self.attr_name == b"rowspan" {
            self.span.0 = count().unwrap_or(1);
        } else if self.attr_name == b"colspan" {
            self.span.1 = count().unwrap_or(1);
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
        self.span = (1, 1);
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
                span: self.span,
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

pub(super) fn tokenize(page: &str) -> Vec<Tok> {
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
        span: (1, 1),
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
