//! Source stage: read an input's bytes and decode them to text.
//!
//! UTF-8 (with or without BOM) is tried first; input that is not UTF-8 is decoded as GB18030 (a
//! superset of GBK) or Big5, whichever `chardetng` finds likelier, and only if it decodes without a
//! single malformed sequence. Binary input is refused before any decoding is tried.

use crate::error::{Error, Result};
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
}

impl InputEncoding {
    /// Parses an encoding name as given on the command line (`auto`, `utf-8`, `gbk`, `gb18030`, `big5`).
    pub fn from_label(label: &str) -> Option<Self> {
        match label.to_ascii_lowercase().replace('_', "-").as_str() {
            "auto" => Some(Self::Auto),
            "utf-8" | "utf8" => Some(Self::Utf8),
            "gb18030" | "gbk" | "gb2312" | "cp936" => Some(Self::Gb18030),
            "big5" | "big-5" | "cp950" => Some(Self::Big5),
            _ => None,
        }
    }
}

/// A decoded input document.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// File path as given, or [`STDIN_NAME`], or the name of a bundled document.
    pub name: String,
    /// The decoded text (a BOM removed). All offsets plangraph reports count code points in it.
    pub text: String,
    /// The encoding the bytes were decoded from (`UTF-8`, `gb18030`, `Big5`).
    pub encoding: &'static str,
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

/// Decodes `bytes` (named `name` in messages) and refuses input with no text in it.
pub fn decode(name: &str, bytes: &[u8], encoding: InputEncoding) -> Result<SourceText> {
    if bytes.is_empty() {
        return Err(Error::new(name, "the input is empty"));
    }
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
    };
    if source.text.trim().is_empty() {
        return Err(Error::new(name, "the input contains only whitespace"));
    }
    Ok(source)
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
        Ok(text) => Ok(SourceText {
            name: name.to_string(),
            text: text.to_string(),
            encoding: "UTF-8",
        }),
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
        let binary = decode("b.bin", b"\x89PNG\r\n\x1a\n\0\0", InputEncoding::Auto).unwrap_err();
        assert!(binary.to_string().contains("binary"));
        let forced = decode("u.txt", b"ok\n\xff\xfe", InputEncoding::Utf8).unwrap_err();
        assert_eq!(forced.location, Some(Location { line: 2, column: 1 }));
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
