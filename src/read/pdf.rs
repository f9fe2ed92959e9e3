//! The text layer of PDF files.
//!
//! Built on `pdf-extract` (which parses with `lopdf` and decodes glyphs through
//! ToUnicode CMaps, simple-font encodings and CID fonts). `pdf-extract` only
//! hands us positioned glyphs; this module rebuilds the printed lines itself:
//! glyphs are grouped by baseline, lines are ordered top to bottom and glyphs
//! left to right, and a space is put only where the page shows a gap (never a
//! narrow one next to a CJK character, so "2017年" stays "2017年" even where
//! LibreOffice's autospace leaves a quarter-em between digit and Han).
//!
//! Output: one printed line per `\n`, pages separated by a line holding only a
//! form feed (`"\n\u{c}\n"`), no trailing spaces, no control characters.
//!
//! `pdf-extract` has many `unwrap`s on malformed input, so every call into it
//! runs under `catch_unwind` (with the panic message silenced for this thread
//! only); a panic becomes `PdfError::Malformed`.

use std::cell::Cell;
use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use pdf_extract::{Document, MediaBox, OutputDev, OutputError, Transform};

/// The text layer of a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfText {
    /// Lines joined by `\n`; pages joined by `"\n\u{c}\n"`.
    pub text: String,
    /// Number of pages in the document.
    pub pages: usize,
    /// The first page the reader failed on, where others had text: that page's text may be
    /// cut short (it keeps what was read before the failure).
    pub damaged: Option<String>,
}

/// Why a PDF gives no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// Encrypted with a user password (PDFs whose user password is empty are opened and read).
    Encrypted,
    /// Every page is blank or holds only images: a scan.
    NoTextLayer {
        /// How many pages it has.
        pages: usize,
    },
    /// Not a PDF, truncated, or too damaged to read.
    Malformed(String),
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::Encrypted => f.write_str(
                "an encrypted PDF: it needs a password to open (save an unprotected copy first)",
            ),
            PdfError::NoTextLayer { pages: 1 } => {
                f.write_str("a scanned PDF: its only page has no text layer (run OCR first)")
            }
            PdfError::NoTextLayer { pages } => write!(
                f,
                "a scanned PDF: its {pages} pages have no text layer (run OCR first)"
            ),
            PdfError::Malformed(why) => write!(f, "not a readable PDF: {why}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// Extracts the text layer of a PDF held in memory. Never panics.
pub fn pdf_text(bytes: &[u8]) -> Result<PdfText, PdfError> {
    match guarded(|| extract(bytes)) {
        Ok(r) => r,
        Err(why) => Err(PdfError::Malformed(why)),
    }
}

fn extract(bytes: &[u8]) -> Result<PdfText, PdfError> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::Malformed("no %PDF- header".into()));
    }
    let mut doc = match Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(e) => return Err(load_error(e)),
    };
    if doc.is_encrypted() {
        // lopdf may already have decrypted with the empty password on load;
        // if not, try it now: "encrypted" PDFs with only an owner password open freely.
        if doc.decrypt("").is_err() && doc.is_encrypted() {
            return Err(PdfError::Encrypted);
        }
    }
    let page_numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    if page_numbers.is_empty() {
        return Err(PdfError::Malformed(
            "no pages found (a damaged cross-reference table?)".into(),
        ));
    }

    let mut pages_text = Vec::with_capacity(page_numbers.len());
    let mut first_error: Option<String> = None;
    let mut dev = Collector::default();
    for &n in &page_numbers {
        dev.glyphs.clear();
        let outcome = guarded(|| pdf_extract::output_doc_page(&doc, &mut dev, n));
        let why = match outcome {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(output_error(&e)),
            Err(panic) => Some(panic),
        };
        if let (Some(why), None) = (why, &first_error) {
            first_error = Some(format!("page {n}: {why}"));
        }
        // Keep what a failing page yielded before it failed.
        pages_text.push(layout_page(&dev.glyphs));
    }

    if pages_text.iter().all(|p| p.trim().is_empty()) {
        return match first_error {
            Some(why) => Err(PdfError::Malformed(why)),
            None => Err(PdfError::NoTextLayer {
                pages: page_numbers.len(),
            }),
        };
    }
    Ok(PdfText {
        text: pages_text.join("\n\u{c}\n"),
        pages: page_numbers.len(),
        damaged: first_error,
    })
}

fn load_error(e: pdf_extract::Error) -> PdfError {
    let msg = e.to_string();
    let lower = msg.to_lowercase();
    if lower.contains("decrypt") || lower.contains("password") || lower.contains("encrypt") {
        PdfError::Encrypted
    } else {
        PdfError::Malformed(msg)
    }
}

fn output_error(e: &OutputError) -> String {
    match e {
        OutputError::PdfError(e) => e.to_string(),
        other => other.to_string(),
    }
}

// ---------------------------------------------------------------- panics

thread_local! {
    static QUIET: Cell<u32> = const { Cell::new(0) };
}

/// Runs `f`, turning a panic into `Err(message)`. While `f` runs, this
/// thread's panic messages are not printed (other threads are unaffected).
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if QUIET.with(|q| q.get()) == 0 {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(q.get() + 1));
    let r = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(q.get() - 1));
    r.map_err(|p| {
        let what = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".into());
        format!("the PDF reader failed on it ({what})")
    })
}

// ---------------------------------------------------------------- layout

#[derive(Debug, Clone)]
struct Glyph {
    /// Left edge, in page units.
    x: f64,
    /// Right edge (x + advance).
    end: f64,
    /// Baseline, downward (larger is lower on the page).
    y: f64,
    /// Font size as drawn.
    size: f64,
    text: String,
}

#[derive(Default)]
struct Collector {
    glyphs: Vec<Glyph>,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        _media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        // The size of a font_size × font_size square once transformed, as pdf-extract does.
        let vx = font_size * trm.m11 + font_size * trm.m21;
        let vy = font_size * trm.m12 + font_size * trm.m22;
        let size = (vx * vy).abs().sqrt();
        let text: String = char
            .chars()
            .map(|c| {
                if c.is_control() || c == '\u{a0}' || c == '\u{3000}' {
                    ' '
                } else {
                    c
                }
            })
            .filter(|&c| c != '\u{fffe}' && c != '\u{feff}')
            .collect();
        let (x, y) = (trm.m31, -trm.m32);
        if !(x.is_finite() && y.is_finite() && size.is_finite()) || text.is_empty() {
            return Ok(());
        }
        let advance = if width.is_finite() { width * size } else { 0.0 };
        self.glyphs.push(Glyph {
            x,
            end: x + advance,
            y,
            size,
            text,
        });
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// CJK ideographs, kana, hangul, CJK and full-width punctuation.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x31FF | 0x3200..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA960..=0xA97F | 0xAC00..=0xD7FF | 0xF900..=0xFAFF | 0xFE10..=0xFE1F | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Groups one page's glyphs into lines (top to bottom, left to right).
fn layout_page(glyphs: &[Glyph]) -> String {
    if glyphs.is_empty() {
        return String::new();
    }
    let mut order: Vec<usize> = (0..glyphs.len()).collect();
    order.sort_by(|&a, &b| glyphs[a].y.total_cmp(&glyphs[b].y));

    // Baseline clusters: a glyph joins the current line while its baseline is
    // within half a font size of the line's first baseline.
    let mut lines: Vec<Vec<usize>> = Vec::new();
    let mut line_y = f64::NAN;
    let mut line_size = 0.0;
    for i in order {
        let g = &glyphs[i];
        let tol = 0.5 * g.size.max(line_size).max(1e-3);
        if lines.is_empty() || (g.y - line_y).abs() > tol {
            lines.push(vec![i]);
            line_y = g.y;
            line_size = g.size;
        } else {
            lines.last_mut().unwrap().push(i);
        }
    }

    let mut out = String::new();
    for mut line in lines {
        line.sort_by(|&a, &b| glyphs[a].x.total_cmp(&glyphs[b].x));
        let mut s = String::new();
        let mut prev: Option<&Glyph> = None;
        for &i in &line {
            let g = &glyphs[i];
            if let Some(p) = prev {
                // The same glyph painted twice at (nearly) the same spot: fake bold, shadows.
                if p.text == g.text && (g.x - p.x).abs() < 0.1 * g.size {
                    continue;
                }
                let gap = g.x - p.end;
                let size = p.size.max(g.size);
                let cjk_side = p.text.chars().last().is_some_and(is_cjk)
                    || g.text.chars().next().is_some_and(is_cjk);
                let threshold = if cjk_side { 1.0 } else { 0.15 } * size;
                if gap > threshold {
                    s.push(' ');
                }
            }
            s.push_str(&g.text);
            prev = Some(g);
        }
        // Collapse runs of spaces, trim both ends.
        let mut clean = String::with_capacity(s.len());
        for w in s.split(' ').filter(|w| !w.is_empty()) {
            if !clean.is_empty() {
                clean.push(' ');
            }
            clean.push_str(w);
        }
        if clean.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&clean);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats/");

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!("{DIR}{name}")).unwrap_or_else(|e| panic!("{DIR}{name}: {e}"))
    }

    fn seed() -> PdfText {
        pdf_text(&fixture("seed-2017.pdf")).expect("seed-2017.pdf has a text layer")
    }

    const NUMERALS: [&str; 31] = [
        "一",
        "二",
        "三",
        "四",
        "五",
        "六",
        "七",
        "八",
        "九",
        "十",
        "十一",
        "十二",
        "十三",
        "十四",
        "十五",
        "十六",
        "十七",
        "十八",
        "十九",
        "二十",
        "二十一",
        "二十二",
        "二十三",
        "二十四",
        "二十五",
        "二十六",
        "二十七",
        "二十八",
        "二十九",
        "三十",
        "三十一",
    ];

    #[test]
    fn seed_has_the_31_task_headings_in_order() {
        let t = seed().text;
        // The scraped source (and so the PDF) prints ASCII parentheses: "(一)".
        // Accept the full-width form too, should the fixture ever be retyped.
        let mut from = 0;
        for n in NUMERALS {
            let ascii = format!("({n})");
            let wide = format!("（{n}）");
            let at = [ascii, wide]
                .iter()
                .filter_map(|h| t[from..].find(h.as_str()).map(|i| (i, h.len())))
                .min()
                .unwrap_or_else(|| panic!("heading ({n}) missing after byte {from}"));
            from += at.0 + at.1;
        }
    }

    #[test]
    fn seed_has_the_agencies() {
        let t = seed().text.replace('\n', "");
        for agency in ["工业和信息化部", "国家发展委", "食品药品监管总局"] {
            assert!(t.contains(agency), "{agency} missing");
        }
    }

    #[test]
    fn seed_pages_match_pdfinfo_and_form_feeds_are_followed_by_text() {
        let r = seed();
        assert_eq!(r.pages, 12, "pdfinfo says 12 pages");
        assert_eq!(r.text.matches("\n\u{c}\n").count(), r.pages - 1);
        let lines: Vec<&str> = r.text.split('\n').collect();
        for (i, l) in lines.iter().enumerate() {
            if l.contains('\u{c}') {
                assert_eq!(*l, "\u{c}", "a form feed shares line {i}");
                assert!(
                    lines.get(i + 1).is_some_and(|n| !n.trim().is_empty()),
                    "empty page after line {i}"
                );
            }
        }
    }

    #[test]
    fn seed_lines_are_clean() {
        let t = seed().text;
        assert!(
            t.starts_with("《2017年全国打击知识产权和制售假冒伪劣商品工作要点》"),
            "{}",
            &t[..200]
        );
        for l in t.lines() {
            assert_eq!(l, l.trim_end_matches([' ', '\t']), "trailing space");
            assert!(!l.is_empty(), "empty line");
        }
        // No space invented between two CJK characters (or between a digit and Han).
        let chars: Vec<char> = t.chars().collect();
        for w in chars.windows(3) {
            if w[1] == ' ' {
                assert!(
                    !(is_cjk(w[0]) || is_cjk(w[2])),
                    "space in {:?}",
                    w.iter().collect::<String>()
                );
            }
        }
        // Each page's footer is its own line: "— N —".
        for (i, page) in t.split("\n\u{c}\n").enumerate() {
            let footer = format!("— {} —", i + 1);
            assert!(
                page.lines().any(|l| l == footer),
                "page {} lacks {footer:?}",
                i + 1
            );
        }
    }

    #[test]
    fn scanned_pdf_has_no_text_layer() {
        let e = pdf_text(&fixture("scanned.pdf")).unwrap_err();
        assert_eq!(e, PdfError::NoTextLayer { pages: 2 });
        assert_eq!(
            e.to_string(),
            "a scanned PDF: its 2 pages have no text layer (run OCR first)"
        );
    }

    #[test]
    fn garbage_and_truncation_are_errors_not_panics() {
        assert!(matches!(pdf_text(b""), Err(PdfError::Malformed(_))));
        assert!(matches!(
            pdf_text(b"hello, world"),
            Err(PdfError::Malformed(_))
        ));
        assert!(matches!(
            pdf_text(b"%PDF-1.4\n garbage \x00\xff"),
            Err(PdfError::Malformed(_))
        ));
        let pdf = fixture("seed-2017.pdf");
        let half = &pdf[..pdf.len() / 2];
        assert!(
            pdf_text(half).is_err(),
            "half a PDF must not read as a whole one"
        );
        let mut noise = Vec::new();
        let mut x: u32 = 12345;
        for _ in 0..100_000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            noise.push((x >> 16) as u8);
        }
        assert!(pdf_text(&noise).is_err());
        noise[..9].copy_from_slice(b"%PDF-1.7\n");
        assert!(pdf_text(&noise).is_err());
    }

    /// A hand-made PDF: `objects[i]` becomes object i+1; `trailer_extra` goes into the trailer.
    fn tiny_pdf(objects: &[&str], trailer_extra: &str) -> Vec<u8> {
        let mut b = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objects.iter().enumerate() {
            offsets.push(b.len());
            b.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
        }
        let xref = b.len();
        b.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
        for o in offsets {
            b.extend(format!("{o:010} 00000 n \n").bytes());
        }
        b.extend(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .bytes(),
        );
        b
    }

    fn stream(s: &str) -> String {
        format!("<< /Length {} >>\nstream\n{s}\nendstream", s.len())
    }

    const HELLO: &[&str] = &[
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        "",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ];

    #[test]
    fn a_hand_made_pdf_reads_line_by_line() {
        let content =
            stream("BT /F1 12 Tf 72 760 Td (Hello,   world) Tj 0 -20 Td (second line) Tj ET");
        let mut objs = HELLO.to_vec();
        objs[3] = &content;
        let r = pdf_text(&tiny_pdf(&objs, "")).unwrap();
        assert_eq!(
            r,
            PdfText {
                text: "Hello, world\nsecond line".into(),
                pages: 1,
                damaged: None,
            }
        );
    }

    #[test]
    fn a_broken_xref_is_an_error_or_recovered_never_a_panic() {
        let content = stream("BT /F1 12 Tf 72 760 Td (Hello) Tj ET");
        let mut objs = HELLO.to_vec();
        objs[3] = &content;
        let good = tiny_pdf(&objs, "");
        let text = String::from_utf8_lossy(&good).into_owned();
        // Shift every xref offset: lopdf may rebuild the table or give up; both are fine.
        let broken: Vec<String> = text
            .split('\n')
            .map(|l| {
                if l.ends_with(" 00000 n ") {
                    format!("0000000003{}", &l[10..])
                } else {
                    l.to_string()
                }
            })
            .collect();
        match pdf_text(broken.join("\n").as_bytes()) {
            Ok(r) => assert_eq!(r.text, "Hello"),
            Err(PdfError::Malformed(_)) => {}
            Err(e) => panic!("unexpected {e:?}"),
        }
        // No startxref at all.
        let cut = &good[..good.len() - 30];
        assert!(matches!(pdf_text(cut), Ok(_) | Err(PdfError::Malformed(_))));
    }

    #[test]
    fn an_encrypted_pdf_with_an_unknown_password_is_encrypted() {
        let content = stream("BT /F1 12 Tf 72 760 Td (secret) Tj ET");
        let mut objs = HELLO.to_vec();
        objs[3] = &content;
        objs.push(
            "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 \
             /O <0000000000000000000000000000000000000000000000000000000000000000> \
             /U <0000000000000000000000000000000000000000000000000000000000000000> >>",
        );
        let pdf = tiny_pdf(&objs, "/Encrypt 6 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]");
        assert_eq!(pdf_text(&pdf), Err(PdfError::Encrypted));
    }

    #[test]
    fn messages_are_for_people() {
        assert_eq!(
            PdfError::NoTextLayer { pages: 3 }.to_string(),
            "a scanned PDF: its 3 pages have no text layer (run OCR first)"
        );
        assert_eq!(
            PdfError::NoTextLayer { pages: 1 }.to_string(),
            "a scanned PDF: its only page has no text layer (run OCR first)"
        );
        assert!(PdfError::Encrypted.to_string().contains("password"));
    }
}
