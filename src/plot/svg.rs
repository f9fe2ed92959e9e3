//! A tiny SVG writer: elements opened and closed in order, every attribute value and every
//! text node escaped (all text comes from documents), numbers rounded to one decimal.

use std::fmt::{self, Display, Write as _};
use unicode_width::UnicodeWidthChar;

/// The font stack of every picture: Chinese glyphs first, then whatever sans-serif there is.
pub(crate) const FONT_FAMILY: &str = r#""Noto Sans CJK SC", "Noto Sans CJK", sans-serif"#;

/// A number written with at most one decimal (`12`, `3.5`), never `-0`, `NaN` or `inf`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Num(pub f32);

impl Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = if self.0.is_finite() { self.0 } else { 0.0 };
        let s = format!("{v:.1}");
        let s = s.strip_suffix(".0").unwrap_or(&s);
        f.write_str(if s == "-0" { "0" } else { s })
    }
}

/// Appends `text` to `out` escaped for XML text and attribute values (`& < > " '`); characters
/// XML 1.0 does not allow (most C0 controls, U+FFFE, U+FFFF) become U+FFFD.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// `text` escaped (see [`escape_into`]); the server's pages escape with it too (only they
/// call it, so a build without the `serve` feature has no use for it).
#[cfg_attr(not(feature = "serve"), allow(dead_code))]
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// The estimated width of `text` at `font_size`: 1 em for each wide (CJK) character, 0.6 em
/// for any other printing character, nothing for combining marks and controls.
pub(crate) fn text_width(text: &str, font_size: f32) -> f32 {
    text.chars().map(char_width).sum::<f32>() * font_size
}

fn char_width(c: char) -> f32 {
    match c.width() {
        Some(2) => 1.0,
        Some(1) => 0.6,
        _ => 0.0,
    }
}

/// `text` cut to at most `max_width` (estimated as [`text_width`]), with `…` where it was cut.
pub(crate) fn fit_width(text: &str, font_size: f32, max_width: f32) -> String {
    if text_width(text, font_size) <= max_width {
        return text.to_owned();
    }
    let room = max_width - font_size; // the ellipsis is wide in CJK fonts
    let mut used = 0.0;
    let mut out = String::new();
    for c in text.chars() {
        used += char_width(c) * font_size;
        if used > room {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// A stable identifier for a picture's `<title>`/`<desc>`/pattern ids, so that several
/// pictures on one page do not collide: `plangraph-{kind}-{FNV-1a of parts}`.
pub(crate) fn picture_id<'a>(kind: &str, parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("plangraph-{kind}-{:08x}", (hash >> 32) as u32 ^ hash as u32)
}

/// `n` followed by `one` or `many`, as in `1 agency`, `3 agencies`.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// An SVG document under construction. Element and attribute names are the program's own
/// (`&'static str`); attribute values and text are escaped. Whatever is still open when the
/// document is finished is closed.
pub(crate) struct Svg {
    out: String,
    open: Vec<&'static str>,
}

impl Svg {
    /// Starts the root `<svg>` of a `width` × `height` picture with its accessible name
    /// (`title`) and description (`desc`), a white background, and the visible heading.
    pub(crate) fn new(width: f32, height: f32, id: &str, title: &str, desc: &str) -> Self {
        let mut svg = Svg {
            out: String::with_capacity(4096),
            open: Vec::new(),
        };
        let labelled_by = format!("{id}-title {id}-desc");
        svg.open(
            "svg",
            &[
                ("xmlns", &"http://www.w3.org/2000/svg"),
                (
                    "viewBox",
                    &format_args!("0 0 {} {}", Num(width), Num(height)),
                ),
                ("width", &Num(width)),
                ("height", &Num(height)),
                ("role", &"img"),
                ("aria-labelledby", &labelled_by),
                ("font-family", &FONT_FAMILY),
                ("font-size", &12),
            ],
        );
        svg.text_element("title", &[("id", &format_args!("{id}-title"))], title);
        svg.text_element("desc", &[("id", &format_args!("{id}-desc"))], desc);
        svg.empty(
            "rect",
            &[
                ("width", &"100%"),
                ("height", &"100%"),
                ("fill", &"#ffffff"),
            ],
        );
        svg.text_element(
            "text",
            &[
                ("class", &"heading"),
                ("x", &16),
                ("y", &28),
                ("font-size", &16),
                ("font-weight", &"bold"),
                ("fill", &"#1a1a1a"),
            ],
            title,
        );
        svg
    }

    fn start_tag(&mut self, name: &'static str, attrs: &[(&'static str, &dyn Display)]) {
        self.out.push('<');
        self.out.push_str(name);
        let mut value = String::new();
        for (key, val) in attrs {
            value.clear();
            let _ = write!(value, "{val}");
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape_into(&mut self.out, &value);
            self.out.push('"');
        }
    }

    /// Opens `<name attrs…>`; [`Svg::close`] closes it.
    pub(crate) fn open(&mut self, name: &'static str, attrs: &[(&'static str, &dyn Display)]) {
        self.start_tag(name, attrs);
        self.out.push('>');
        self.open.push(name);
    }

    /// Writes the empty element `<name attrs…/>`.
    pub(crate) fn empty(&mut self, name: &'static str, attrs: &[(&'static str, &dyn Display)]) {
        self.start_tag(name, attrs);
        self.out.push_str("/>");
    }

    /// Writes `<name attrs…>text</name>`.
    pub(crate) fn text_element(
        &mut self,
        name: &'static str,
        attrs: &[(&'static str, &dyn Display)],
        text: &str,
    ) {
        self.start_tag(name, attrs);
        self.out.push('>');
        escape_into(&mut self.out, text);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// Closes the element opened last.
    pub(crate) fn close(&mut self) {
        if let Some(name) = self.open.pop() {
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push('>');
        }
    }

    /// Opens `<a href="…">` when there is a link; returns whether it did, for [`Svg::close_if`].
    pub(crate) fn open_link(&mut self, href: Option<&str>) -> bool {
        match href {
            Some(href) if !is_script_url(href) => {
                self.open("a", &[("href", &href)]);
                true
            }
            _ => false,
        }
    }

    /// Closes the element opened last if `opened`.
    pub(crate) fn close_if(&mut self, opened: bool) {
        if opened {
            self.close();
        }
    }

    /// The finished document, every element closed.
    pub(crate) fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.out.push('\n');
        self.out
    }
}

/// Whether `href` would run script when followed (`javascript:`, `vbscript:`, `data:`), which
/// a picture never links to whatever the link function says.
fn is_script_url(href: &str) -> bool {
    let scheme: String = href
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .take_while(|&c| c != ':')
        .collect::<String>()
        .to_ascii_lowercase();
    href.contains(':') && matches!(scheme.as_str(), "javascript" | "vbscript" | "data")
}

/// The picture drawn for no agencies at all: the root with its title and description and a
/// line saying so.
pub(crate) fn no_agencies(kind: &str, title: &str, desc: &str) -> String {
    let id = picture_id(kind, [title]);
    let mut svg = Svg::new(480.0, 120.0, &id, title, desc);
    svg.text_element(
        "text",
        &[
            ("class", &"empty"),
            ("x", &240),
            ("y", &76),
            ("text-anchor", &"middle"),
            ("font-size", &14),
            ("fill", &"#555555"),
        ],
        "no agencies (没有部门)",
    );
    svg.finish()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Checks that `svg` is well-formed enough: every tag closed in order, attributes quoted,
    /// no raw `<`/`&` in text, exactly one root `<svg>`. Returns the element names in order.
    pub(crate) fn check_well_formed(svg: &str) -> Vec<String> {
        let mut stack: Vec<String> = Vec::new();
        let mut names = Vec::new();
        let mut rest = svg.trim_end();
        let mut roots = 0;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('<') {
                let end = after.find('>').expect("unterminated tag");
                let tag = &after[..end];
                rest = &after[end + 1..];
                assert!(!tag.contains('<'), "< inside tag {tag}");
                if let Some(name) = tag.strip_prefix('/') {
                    let open = stack.pop().expect("close without open");
                    assert_eq!(open, name, "mismatched close");
                    continue;
                }
                let self_closing = tag.ends_with('/');
                let tag = tag.trim_end_matches('/');
                let name_end = tag.find(' ').unwrap_or(tag.len());
                let name = &tag[..name_end];
                assert!(
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
                    "bad element name {name:?}"
                );
                check_attributes(&tag[name_end..]);
                if stack.is_empty() {
                    roots += 1;
                    assert_eq!(name, "svg", "root is not svg");
                }
                names.push(name.to_owned());
                if !self_closing {
                    stack.push(name.to_owned());
                }
            } else {
                assert!(!stack.is_empty(), "text outside the root");
                let end = rest.find('<').unwrap_or(rest.len());
                check_entities(&rest[..end]);
                assert!(!rest[..end].contains('>'), "raw > in text");
                rest = &rest[end..];
            }
        }
        assert!(stack.is_empty(), "unclosed {stack:?}");
        assert_eq!(roots, 1);
        names
    }

    fn check_attributes(mut attrs: &str) {
        let mut seen = Vec::new();
        loop {
            attrs = attrs.trim_start();
            if attrs.is_empty() {
                return;
            }
            let eq = attrs.find("=\"").expect("attribute without =\"");
            let key = &attrs[..eq];
            assert!(
                key.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':'),
                "bad attribute name {key:?}"
            );
            assert!(!seen.contains(&key), "duplicate attribute {key}");
            seen.push(key);
            let value_start = eq + 2;
            let len = attrs[value_start..].find('"').expect("unterminated value");
            let value = &attrs[value_start..value_start + len];
            check_entities(value);
            assert!(!value.contains('\''), "raw ' in attribute");
            attrs = &attrs[value_start + len + 1..];
        }
    }

    fn check_entities(text: &str) {
        let mut rest = text;
        while let Some(at) = rest.find('&') {
            rest = &rest[at + 1..];
            let end = rest.find(';').expect("& without ;");
            let entity = &rest[..end];
            assert!(
                matches!(entity, "amp" | "lt" | "gt" | "quot" | "#39"),
                "unknown entity &{entity};"
            );
            rest = &rest[end + 1..];
        }
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & '"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;"
        );
        assert_eq!(escape("a\u{1}b\tc"), "a\u{FFFD}b\tc");
    }

    #[test]
    fn numbers_have_one_decimal_at_most() {
        assert_eq!(Num(12.0).to_string(), "12");
        assert_eq!(Num(3.25).to_string(), "3.2");
        assert_eq!(Num(3.26).to_string(), "3.3");
        assert_eq!(Num(-0.01).to_string(), "0");
        assert_eq!(Num(f32::NAN).to_string(), "0");
    }

    #[test]
    fn cjk_counts_one_em_ascii_six_tenths() {
        assert_eq!(text_width("国务院", 10.0), 30.0);
        assert!((text_width("ab", 10.0) - 12.0).abs() < 1e-4);
        assert_eq!(fit_width("短", 10.0, 100.0), "短");
        let cut = fit_width("国家发展和改革委员会", 10.0, 50.0);
        assert!(
            cut.ends_with('…') && text_width(&cut, 10.0) <= 50.0,
            "{cut}"
        );
    }

    #[test]
    fn script_links_are_dropped() {
        let mut svg = Svg::new(10.0, 10.0, "x", "t", "d");
        assert!(!svg.open_link(Some(" JavaScript:alert(1)")));
        assert!(svg.open_link(Some("/agency/1")));
        svg.close();
        let out = svg.finish();
        assert!(!out.contains("alert"));
        check_well_formed(&out);
    }

    #[test]
    fn empty_picture_is_well_formed() {
        let out = no_agencies("network", "<标题>", "0 agencies");
        check_well_formed(&out);
        assert!(out.contains("no agencies"));
        assert!(out.contains("&lt;标题&gt;"));
    }
}
