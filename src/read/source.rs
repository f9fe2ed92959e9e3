//! Source stage: read an input's bytes and decode them to text.
//!
//! What the bytes are is told from their content ([`crate::read::sniff`]): a PDF's text layer and
//! a Word file's document are extracted; UTF-16 with a byte order mark is decoded; other binary
//! formats are refused by name. Text is tried as UTF-8 (with or without BOM) first; input that is
//! not UTF-8 is decoded as GB18030 (a superset of GBK) or Big5, whichever `chardetng` finds
//! likelier, and only if it decodes without a single malformed sequence. Decoded text that is an
//! HTML page is read as a reader sees it, with a map back to the page source.

use crate::error::{Error, Result};
use crate::read::docx::docx_text;
use crate::read::html::{html_text, looks_like_html};
use crate::read::pdf::pdf_text;
use crate::read::sniff::{sniff, Sniffed};
use crate::text::Location;
use std::io::Read;
use std::path::Path;

/// The name plangraph gives standard input in messages and provenance.
pub const STDIN_NAME: &str = "<stdin>";

/// Which encoding to decode an input with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputEncoding {
    /// UTF-8 if the bytes are UTF-8, else GB18030 or Big5 as detected.
    #[default]
    Auto,
    /// UTF-8, a leading BOM allowed.
    Utf8,
    /// GB18030 (and so GBK and GB2312).
    Gb18030,
    /// Big5 (traditional script, as on government big5 mirrors).
    Big5,
    /// UTF-16, little-endian (Windows' "Unicode"), for a file without a byte order mark.
    Utf16Le,
    /// UTF-16, big-endian, for a file without a byte order mark.
    Utf16Be,
}

impl InputEncoding {
    /// Parses an encoding name as given on the command line (`auto`, `utf-8`, `gbk`, `gb18030`, `big5`).
    pub fn from_label(label: &str) -> Option<Self> {
        match label.to_ascii_lowercase().replace('_', "-").as_str() {
            "auto" => Some(Self::Auto),
            "utf-8" | "utf8" => Some(Self::Utf8),
            "gb18030" | "gbk" | "gb2312" | "cp936" => Some(Self::Gb18030),
            "big5" | "big-5" | "cp950" => Some(Self::Big5),
            "utf-16" | "utf-16le" | "utf16" | "utf16le" | "unicode" => Some(Self::Utf16Le),
            "utf-16be" | "utf16be" => Some(Self::Utf16Be),
            _ => None,
        }
    }
}

/// What kind of file an input's text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SourceFormat {
    /// A text file: the text is the decoded file.
    #[default]
    Text,
    /// An HTML page: the text is what a reader sees (`plangraph text` prints it).
    Html,
    /// A PDF file: the text is its text layer (`plangraph text` prints it).
    Pdf,
    /// A Word `.docx` file: the text is its main document (`plangraph text` prints it).
    Docx,
}

impl SourceFormat {
    /// The format's name in messages and the JSON model (`text`, `html`, `pdf`, `docx`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Html => "html",
            Self::Pdf => "pdf",
            Self::Docx => "docx",
        }
    }
}

/// A decoded input document.
#[derive(Debug, Clone, Default)]
pub struct SourceText {
    /// File path as given, or [`STDIN_NAME`], or the name of a bundled document.
    pub name: String,
    /// The decoded text (a BOM removed), or the text extracted from a page or document. All
    /// offsets plangraph reports count code points in it.
    pub text: String,
    /// The encoding the bytes were decoded from (`UTF-8`, `gb18030`, `Big5`, `UTF-16LE`), or
    /// where the text was taken from (`PDF text layer`, `Word XML`).
    pub encoding: &'static str,
    /// What kind of file the text comes from.
    pub format: SourceFormat,
    /// What reading did to get the text, for `--explain` (markup dropped, pages read …).
    pub notes: Vec<String>,
    /// For an HTML page: for each character of `text`, the range of code points in the page
    /// source it came from (empty for a line break or tab the layout implies).
    pub page_map: Option<Vec<std::ops::Range<usize>>>,
}

impl SourceText {
    /// Text given as a string (a plan built in memory, or a test's): UTF-8 plain text.
    pub fn plain(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceText {
            name: name.into(),
            text: text.into(),
            encoding: "UTF-8",
            ..Self::default()
        }
    }
}

/// The largest input read by default, in megabytes (`--max-size`): a work plan is rarely over
/// 1 MB, and parsing holds about 20 bytes per byte of Chinese text.
pub const DEFAULT_MAX_SIZE_MB: u64 = 64;

/// Reads and decodes a file, or standard input when `path` is `-`; an input over `max_bytes`
/// is refused before it is read.
pub fn read_path(path: &Path, encoding: InputEncoding, max_bytes: u64) -> Result<SourceText> {
    let too_large = |name: &str, size: String| {
        Error::new(
            name,
            format!(
                "{size} is more than --max-size allows ({} MB): a work plan is rarely over 1 MB; give --max-size MB to read it anyway",
                max_bytes / 1_000_000
            ),
        )
    };
    let (name, bytes) = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(max_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| Error::new(STDIN_NAME, format!("cannot read: {e}")))?;
        if bytes.len() as u64 > max_bytes {
            return Err(too_large(STDIN_NAME, "standard input".into()));
        }
        (STDIN_NAME.to_string(), bytes)
    } else {
        let name = path.display().to_string();
        if path.is_dir() {
            return Err(Error::new(name, "is a directory, not a plan text file"));
        }
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        if size > max_bytes {
            return Err(too_large(
                &name,
                format!("the file ({:.1} MB)", size as f64 / 1e6),
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| Error::new(&name, describe_io_error(&e)))?;
        (name, bytes)
    };
    decode(&name, &bytes, encoding)
}

fn describe_io_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied (cannot read the file)".into(),
        _ => format!("cannot read: {e}"),
    }
}

/// Reads `bytes` (named `name` in messages) as whatever they are — text in any encoding we
/// read, an HTML page, a PDF or a Word file — and refuses input with no text in it.
pub fn decode(name: &str, bytes: &[u8], encoding: InputEncoding) -> Result<SourceText> {
    if bytes.is_empty() {
        return Err(Error::new(name, "the input is empty"));
    }
    let source = match sniff(bytes) {
        Sniffed::Docx => from_docx(name, bytes)?,
        Sniffed::Pdf => from_pdf(name, bytes)?,
        Sniffed::Refused(what) => {
            return Err(Error::new(
                name,
                format!("is {what} (plangraph reads text, HTML, PDF and Word .docx)"),
            ))
        }
        Sniffed::Utf16 { little_endian } => decode_utf16(name, bytes, 2, little_endian)?,
        Sniffed::Other => match encoding {
            InputEncoding::Utf16Le => decode_utf16(name, bytes, 0, true)?,
            InputEncoding::Utf16Be => decode_utf16(name, bytes, 0, false)?,
            _ => decode_text(name, bytes, encoding)?,
        },
    };
    let source = if source.format == SourceFormat::Text && looks_like_html(&source.text) {
        from_html(source)
    } else {
        source
    };
    if source.text.trim().is_empty() {
        return Err(Error::new(name, "the input contains only whitespace"));
    }
    Ok(source)
}

/// An HTML page, read as [`crate::read::html`] does: the text a reader sees, each character
/// mapped back to the page source.
fn from_html(page: SourceText) -> SourceText {
    let html = html_text(&page.text);
    let page_chars = page.text.chars().count();
    let mut notes = vec![format!(
        "read as an HTML page ({} encoded): the text a reader sees, {} characters from a page source of {page_chars}; scripts, styles and hidden elements dropped, entities decoded, table rows as lines with cells a tab apart",
        page.encoding,
        html.origin.len(),
    )];
    if let Some(title) = &html.title {
        notes.push(format!(
            "the page's <title> (not part of the text): {title}"
        ));
    }
    SourceText {
        name: page.name,
        text: html.text,
        encoding: page.encoding,
        format: SourceFormat::Html,
        notes,
        page_map: Some(html.origin),
    }
}

/// Text in one of the 8-bit encodings we read.
fn decode_text(name: &str, bytes: &[u8], encoding: InputEncoding) -> Result<SourceText> {
    if let Some(offset) = binary_evidence(bytes) {
        return Err(Error::new(
            name,
            format!(
                "looks like binary data, not text (control byte 0x{:02x} at byte {offset})",
                bytes[offset]
            ),
        ));
    }
    let source = match encoding {
        InputEncoding::Utf8 => decode_utf8(name, bytes)?,
        InputEncoding::Gb18030 => decode_strict(name, bytes, encoding_rs::GB18030)?,
        InputEncoding::Big5 => decode_strict(name, bytes, encoding_rs::BIG5)?,
        InputEncoding::Auto => match decode_utf8(name, bytes) {
            Ok(source) => source,
            Err(utf8_error) => decode_detected(name, bytes).ok_or(utf8_error)?,
        },
        InputEncoding::Utf16Le | InputEncoding::Utf16Be => unreachable!("decoded as UTF-16"),
    };
    Ok(source)
}

/// UTF-16 after its `bom` bytes (2 for a byte order mark, else 0); refused at the first
/// unpaired surrogate.
fn decode_utf16(name: &str, bytes: &[u8], bom: usize, little_endian: bool) -> Result<SourceText> {
    let (encoding, label) = if little_endian {
        (encoding_rs::UTF_16LE, "UTF-16LE")
    } else {
        (encoding_rs::UTF_16BE, "UTF-16BE")
    };
    if bytes.len() % 2 == 1 {
        return Err(Error::new(
            name,
            format!(
                "{label} text with an odd number of bytes ({}): the file is cut short",
                bytes.len()
            ),
        ));
    }
    let bytes = &bytes[bom..];
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or_else(|| Error::new(name, format!("the bytes are not valid {label}")))?;
    if let Some(c) = text
        .chars()
        .find(|&c| (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
    {
        return Err(Error::new(
            name,
            format!(
                "{label} text holding control character U+{:04X}: not a text file",
                c as u32
            ),
        ));
    }
    Ok(SourceText {
        name: name.to_string(),
        text: text.strip_prefix('\u{feff}').unwrap_or(&text).to_string(),
        encoding: label,
        ..SourceText::default()
    })
}

/// A PDF's text layer, read as [`crate::read::pdf`] does.
fn from_pdf(name: &str, bytes: &[u8]) -> Result<SourceText> {
    let pdf = pdf_text(bytes).map_err(|e| Error::new(name, format!("is {e}")))?;
    let mut notes = vec![format!(
        "read as a PDF: the text layer of its {} page(s), one printed line per line, a form feed between pages",
        pdf.pages
    )];
    if let Some(damage) = pdf.damaged {
        notes.push(format!(
            "damaged: {damage}; that page's text may be cut short"
        ));
    }
    Ok(SourceText {
        name: name.to_string(),
        text: pdf.text,
        encoding: "PDF text layer",
        format: SourceFormat::Pdf,
        notes,
        page_map: None,
    })
}

/// A Word file's main document, read as [`crate::read::docx`] does.
fn from_docx(name: &str, bytes: &[u8]) -> Result<SourceText> {
    let docx = docx_text(bytes).map_err(|e| Error::new(name, e))?;
    let mut notes = vec![format!(
        "read as a Word .docx file: the main document's paragraphs, {} table(s) row by row, cells a tab apart",
        docx.tables
    )];
    if docx.auto_numbered > 0 {
        notes.push(format!(
            "{} paragraph(s) numbered by Word's list numbering: their numbers, as Word draws them, are written into the text",
            docx.auto_numbered
        ));
    }
    if docx.merged_cells > 0 {
        notes.push(format!(
            "{} table cell(s) merged with the cell above: left empty, as printed",
            docx.merged_cells
        ));
    }
    Ok(SourceText {
        name: name.to_string(),
        text: docx.text,
        encoding: "Word XML",
        format: SourceFormat::Docx,
        notes,
        page_map: None,
    })
}

/// A NUL or other C0 control byte (other than tab, line feed, form feed, carriage return and
/// escape) means the input is not a text file in any of the encodings we read.
fn binary_evidence(bytes: &[u8]) -> Option<usize> {
    bytes
        .iter()
        .position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
}

fn decode_utf8(name: &str, bytes: &[u8]) -> Result<SourceText> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(text) => Ok(SourceText::plain(name, text)),
        Err(e) => {
            let valid = &body[..e.valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            Err(Error::at(
                name,
                Location::after(valid),
                "invalid UTF-8, and the text is not GB18030/GBK or Big5 either (use --encoding to force one)",
            ))
        }
    }
}

/// Decodes with GB18030 or Big5: of the two that decode without error, the one whose text has
/// fewer private-use characters (a wrong guess of GB18030 for Big5 bytes yields many), ties
/// going to the encoding `chardetng` finds likelier.
fn decode_detected(name: &str, bytes: &[u8]) -> Option<SourceText> {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let private_use = |s: &SourceText| {
        s.text
            .chars()
            .filter(|c| matches!(c, '\u{e000}'..='\u{f8ff}'))
            .count()
    };
    [encoding_rs::GB18030, encoding_rs::BIG5]
        .into_iter()
        .filter_map(|encoding| decode_strict(name, bytes, encoding).ok())
        .min_by_key(|s| (private_use(s), s.encoding != guess.name()))
}

fn decode_strict(
    name: &str,
    bytes: &[u8],
    encoding: &'static encoding_rs::Encoding,
) -> Result<SourceText> {
    match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok(SourceText {
            name: name.to_string(),
            text: text.into_owned(),
            encoding: encoding.name(),
            ..SourceText::default()
        }),
        None => Err(Error::new(
            name,
            format!("the bytes are not valid {}", encoding.name()),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_loses_the_bom() {
        let source = decode("t", "\u{feff}(一)加强。".as_bytes(), InputEncoding::Auto).unwrap();
        assert_eq!(source.text, "(一)加强。");
        assert_eq!(source.encoding, "UTF-8");
    }

    #[test]
    fn gbk_and_big5_are_detected() {
        let simplified = "(一)加强商标行政执法。加大对驰名商标的保护力度。(工商总局牵头负责)";
        let (gbk, _, _) = encoding_rs::GBK.encode(simplified);
        let source = decode("g", &gbk, InputEncoding::Auto).unwrap();
        assert_eq!(source.text, simplified);
        assert_eq!(source.encoding, "gb18030");

        let traditional = "(一)加強商標行政執法。加大對馳名商標的保護力度。(工商總局牽頭負責)";
        let (big5, _, had_errors) = encoding_rs::BIG5.encode(traditional);
        assert!(!had_errors);
        let source = decode("b", &big5, InputEncoding::Auto).unwrap();
        assert_eq!(source.text, traditional);
        assert_eq!(source.encoding, "Big5");
    }

    #[test]
    fn bad_inputs_are_refused_with_their_reason() {
        let empty = decode("e.txt", b"", InputEncoding::Auto).unwrap_err();
        assert_eq!(empty.to_string(), "e.txt: the input is empty");
        let blank = decode("w.txt", " \n\u{3000}\n".as_bytes(), InputEncoding::Auto).unwrap_err();
        assert!(blank.to_string().contains("only whitespace"));
        let binary = decode("b.bin", b"\x7fELF\x02\x01\0\0", InputEncoding::Auto).unwrap_err();
        assert!(binary.to_string().contains("binary"));
        let image = decode("scan.txt", b"\x89PNG\r\n\x1a\n\0\0", InputEncoding::Auto).unwrap_err();
        assert_eq!(
            image.to_string(),
            "scan.txt: is a PNG image: plangraph reads text; run OCR on it first (plangraph reads text, HTML, PDF and Word .docx)"
        );
        let doc = decode(
            "old.doc",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0",
            InputEncoding::Auto,
        );
        assert!(doc.unwrap_err().to_string().contains("Word 97-2003 .doc"));
        let forced = decode("u.txt", b"ok\n\xff\xfe", InputEncoding::Utf8).unwrap_err();
        assert_eq!(forced.location, Some(Location { line: 2, column: 1 }));
    }

    #[test]
    fn utf16_with_a_bom_either_way_round_and_without_one_when_told() {
        let text = "（一）加强商标行政执法。（工商总局牵头负责）\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let with_bom = |bom: &[u8], body: &[u8]| [bom, body].concat();
        let source = decode("le.txt", &with_bom(b"\xFF\xFE", &le), InputEncoding::Auto).unwrap();
        assert_eq!((source.text.as_str(), source.encoding), (text, "UTF-16LE"));
        let source = decode("be.txt", &with_bom(b"\xFE\xFF", &be), InputEncoding::Auto).unwrap();
        assert_eq!((source.text.as_str(), source.encoding), (text, "UTF-16BE"));
        let told = decode(
            "le.txt",
            &le,
            InputEncoding::from_label("utf-16le").unwrap(),
        )
        .unwrap();
        assert_eq!(told.text, text);
        // Without a BOM and untold, UTF-16 is binary (NUL bytes), not a guess.
        assert!(decode("le.txt", &le, InputEncoding::Auto).is_err());
        let cut = decode(
            "cut.txt",
            &with_bom(b"\xFF\xFE", &le[..le.len() - 1]),
            InputEncoding::Auto,
        );
        assert!(cut.unwrap_err().to_string().contains("cut short"));
    }

    #[test]
    fn encoding_labels() {
        assert_eq!(
            InputEncoding::from_label("GBK"),
            Some(InputEncoding::Gb18030)
        );
        assert_eq!(InputEncoding::from_label("big5"), Some(InputEncoding::Big5));
        assert_eq!(InputEncoding::from_label("latin1"), None);
    }
}
