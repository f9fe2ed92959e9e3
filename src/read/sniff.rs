//! What kind of file an input is, told from its first bytes (not its name): a user's file may
//! be a plan saved as `.txt` that is really a Word file, or a PDF without an extension.

/// What the bytes of an input are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// A PDF file (`%PDF-` in its first kilobyte).
    Pdf,
    /// A Word `.docx` file (a zip archive with `word/document.xml`).
    Docx,
    /// Text in UTF-16 with a byte order mark (as Windows editors save "Unicode").
    Utf16 {
        /// Little-endian (`FF FE`) or big-endian (`FE FF`).
        little_endian: bool,
    },
    /// A format plangraph does not read, by name and what to do about it.
    Refused(&'static str),
    /// Anything else: text in some encoding, or an HTML page (told after decoding).
    Other,
}

/// Tells what `bytes` are.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Sniffed::Pdf;
    }
    if bytes.starts_with(b"\xFF\xFE") && !bytes.starts_with(b"\xFF\xFE\0\0") {
        return Sniffed::Utf16 {
            little_endian: true,
        };
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Sniffed::Utf16 {
            little_endian: false,
        };
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return zip_kind(bytes);
    }
    refused(bytes).map_or(Sniffed::Other, Sniffed::Refused)
}

/// Zip archives: a Word file is read; other Office and OpenDocument files are named.
fn zip_kind(bytes: &[u8]) -> Sniffed {
    let holds = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    // A Word file names its main part in the zip's headers, even where the archive is damaged
    // (then the Word reader says how).
    if holds(b"word/document.xml") {
        return Sniffed::Docx;
    }
    Sniffed::Refused(if holds(b"application/vnd.oasis.opendocument.text") {
        "an OpenDocument text (.odt): save it as .docx or PDF"
    } else if holds(b"xl/workbook.xml") {
        "an Excel workbook (.xlsx): save the sheet as text (tab-separated) or PDF"
    } else if holds(b"ppt/presentation.xml") {
        "a PowerPoint file (.pptx), not a plan's text"
    } else if holds(b"[Content_Types].xml") || holds(b"_rels/.rels") {
        // An Office Open XML file (its package parts) cut before the Word part's name: most
        // likely a Word file, and the Word reader says how it is damaged.
        return Sniffed::Docx;
    } else {
        "a zip archive: unpack it and give the plan's file"
    })
}

/// Binary formats named by their magic numbers, and RTF (text, but markup a plan is not).
fn refused(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "a Word 97-2003 .doc (or another Office 97-2003 file): save it as .docx or PDF",
        ),
        (
            b"\x89PNG",
            "a PNG image: plangraph reads text; run OCR on it first",
        ),
        (
            b"\xFF\xD8\xFF",
            "a JPEG image: plangraph reads text; run OCR on it first",
        ),
        (
            b"GIF8",
            "a GIF image: plangraph reads text; run OCR on it first",
        ),
        (
            b"II*\0",
            "a TIFF image: plangraph reads text; run OCR on it first",
        ),
        (
            b"MM\0*",
            "a TIFF image: plangraph reads text; run OCR on it first",
        ),
        (b"{\\rtf", "an RTF document: save it as .docx or PDF"),
        (
            b"\x1F\x8B",
            "a gzip archive: unpack it and give the plan's file",
        ),
        (b"Rar!", "a RAR archive: unpack it and give the plan's file"),
        (
            b"7z\xBC\xAF",
            "a 7-Zip archive: unpack it and give the plan's file",
        ),
    ];
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some("a WebP image: plangraph reads text; run OCR on it first");
    }
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, what)| *what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Sniffed::Pdf);
        assert_eq!(sniff(b"\r\n%PDF-1.4"), Sniffed::Pdf);
        assert_eq!(
            sniff(b"\xFF\xFE(\0"),
            Sniffed::Utf16 {
                little_endian: true
            }
        );
        assert_eq!(
            sniff(b"\xFE\xFF\0("),
            Sniffed::Utf16 {
                little_endian: false
            }
        );
        assert!(
            matches!(sniff(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"), Sniffed::Refused(m) if m.contains(".doc"))
        );
        assert!(matches!(sniff(b"\x89PNG\r\n\x1a\n"), Sniffed::Refused(m) if m.contains("PNG")));
        assert!(matches!(sniff(b"{\\rtf1\\ansi"), Sniffed::Refused(m) if m.contains("RTF")));
        assert!(matches!(sniff(b"PK\x03\x04garbage"), Sniffed::Refused(m) if m.contains("zip")));
        assert_eq!(sniff("（一）加强执法。".as_bytes()), Sniffed::Other);
        assert_eq!(sniff(b"<!DOCTYPE html><p>x"), Sniffed::Other);
    }
}
