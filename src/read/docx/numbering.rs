//! Word's list numbering. A plan typed in Word often numbers its tasks with Word's lists, not with
//! characters: `（一）` is drawn from `word/numbering.xml` (the level's format `chineseCounting`
//! and its text `（%1）`), and the paragraph only says which list and level it is on. To read the
//! plan as printed, the numbers are counted here as Word counts them and written into the text.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;

/// One level of a list: where it starts, how its number is written, and the text around it.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    /// `decimal`, `chineseCounting`, `upperRoman`, `bullet` …
    format: String,
    /// `（%1）`, `%1、`, `%1.%2`: `%n` is level n's number.
    text: String,
}

/// The list definitions of a document and the counters as its paragraphs are read.
#[derive(Debug, Default)]
pub struct Numbering {
    /// Abstract definitions by id: their levels by `w:ilvl`.
    abstracts: HashMap<String, Vec<Level>>,
    /// Lists (`w:num`) by id: their abstract definition and the levels whose start they override.
    lists: HashMap<String, (String, HashMap<usize, u32>)>,
    /// Each list's counters, one per level.
    counters: HashMap<String, Vec<u32>>,
}

/// The levels a list may have (Word has nine).
const LEVELS: usize = 9;

impl Numbering {
    /// Reads `word/numbering.xml`.
    pub fn parse(xml: &str) -> Result<Self, String> {
        let mut reader = Reader::from_str(xml);
        let mut numbering = Numbering::default();
        // Where we are: an abstract definition's id and level, or a list's id and level.
        let (mut abstract_id, mut level): (Option<String>, Option<usize>) = (None, None);
        let mut list: Option<String> = None;
        loop {
            let event = next_event(&mut reader, "word/numbering.xml")?;
            let (element, closes) = match &event {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) => {
                    match e.local_name().as_ref() {
                        b"abstractNum" => abstract_id = None,
                        b"num" => list = None,
                        b"lvl" | b"lvlOverride" => level = None,
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            let value = val(element);
            match element.local_name().as_ref() {
                b"abstractNum" if !closes => {
                    abstract_id = attribute(element, b"abstractNumId");
                }
                b"lvl" | b"lvlOverride" if !closes => {
                    level = attribute(element, b"ilvl")
                        .and_then(|l| l.parse().ok())
                        .filter(|&l: &usize| l < LEVELS);
                }
                b"num" if !closes => list = attribute(element, b"numId"),
                b"abstractNumId" => {
                    if let (Some(list), Some(id)) = (&list, value) {
                        numbering
                            .lists
                            .entry(list.clone())
                            .or_default()
                            .0
                            .clone_from(&id);
                    }
                }
                b"startOverride" => {
                    if let (Some(list), Some(level), Some(start)) =
                        (&list, level, value.and_then(|v| v.parse().ok()))
                    {
                        let entry = numbering.lists.entry(list.clone()).or_default();
                        entry.1.insert(level, start);
                    }
                }
                name @ (b"start" | b"numFmt" | b"lvlText") => {
                    let (Some(id), Some(level), Some(value)) = (&abstract_id, level, value) else {
                        continue;
                    };
                    let levels = numbering.abstracts.entry(id.clone()).or_default();
                    if levels.len() <= level {
                        levels.resize(level + 1, Level::default());
                    }
                    let target = &mut levels[level];
                    match name {
                        b"start" => target.start = value.parse().unwrap_or(1),
                        b"numFmt" => target.format = value,
                        _ => target.text = value,
                    }
                }
                _ => {}
            }
        }
        Ok(numbering)
    }

    /// The number a paragraph on list `list` at level `level` shows (`（三）`, `2.`), counting it;
    /// `None` for a bullet, no numbering (`numId` 0) or a list the document does not define.
    pub fn next(&mut self, list: &str, level: usize) -> Option<String> {
        let (abstract_id, overrides) = self.lists.get(list)?;
        let levels = self.abstracts.get(abstract_id)?;
        let this = levels.get(level)?;
        if this.format == "bullet" || this.format == "none" {
            return None;
        }
        let start = |l: usize| {
            overrides
                .get(&l)
                .copied()
                .unwrap_or_else(|| levels.get(l).map_or(1, |lv| lv.start))
        };
        let counters = self
            .counters
            .entry(list.to_string())
            .or_insert_with(|| vec![0; LEVELS]);
        counters[level] = if counters[level] == 0 {
            start(level)
        } else {
            counters[level] + 1
        };
        // A level's counting starts again under each new item of the levels above it.
        counters[level + 1..].iter_mut().for_each(|c| *c = 0);
        let mut text = this.text.clone();
        for (l, lv) in levels.iter().enumerate().take(level + 1).rev() {
            let n = if counters[l] == 0 {
                start(l)
            } else {
                counters[l]
            };
            text = text.replace(&format!("%{}", l + 1), &formatted(n, &lv.format));
        }
        Some(text)
    }
}

/// `n` written as Word writes numbers of format `format`.
fn formatted(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "ideographDigital" => crate::text::numerals::to_chinese_numeral(n),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|d| char::from_u32(d as u32 - '0' as u32 + '０' as u32).unwrap_or(d))
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32('①' as u32 + n - 1).map_or(n.to_string(), String::from)
        }
        "lowerLetter" | "upperLetter" => {
            let base = if format == "lowerLetter" { b'a' } else { b'A' };
            let letter = (base + ((n.max(1) - 1) % 26) as u8) as char;
            letter
                .to_string()
                .repeat(((n.max(1) - 1) / 26 + 1) as usize)
        }
        "lowerRoman" | "upperRoman" => {
            let roman = roman(n);
            if format == "lowerRoman" {
                roman.to_lowercase()
            } else {
                roman
            }
        }
        // decimal, and formats we do not know: the number in digits.
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// An attribute's value, by its local name.
pub fn attribute(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// The `w:val` attribute.
/// The next XML event of `part` (a Word part's name, for the message), or what is wrong with it.
pub fn next_event<'x>(reader: &mut Reader<&'x [u8]>, part: &str) -> Result<Event<'x>, String> {
    reader.read_event().map_err(|e| {
        format!(
            "{part} is not well-formed XML at byte {}: {e}",
            reader.error_position()
        )
    })
}

fn val(e: &BytesStart) -> Option<String> {
    attribute(e, b"val")
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:abstractNum w:abstractNumId="7">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="8">
        <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="8"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="11"/></w:lvlOverride></w:num>
    </w:numbering>"#;

    #[test]
    fn numbers_are_counted_as_word_counts_them() {
        let mut numbering = Numbering::parse(NUMBERING).unwrap();
        let mut next = |list: &str, level| numbering.next(list, level);
        assert_eq!(next("1", 0).as_deref(), Some("一、"));
        assert_eq!(next("1", 1).as_deref(), Some("（一）"));
        assert_eq!(next("1", 1).as_deref(), Some("（二）"));
        assert_eq!(next("1", 2).as_deref(), Some("一.1"));
        assert_eq!(next("1", 0).as_deref(), Some("二、"));
        assert_eq!(
            next("1", 1).as_deref(),
            Some("（一）"),
            "restarts under a new section"
        );
        assert_eq!(next("2", 0), None, "a bullet is no number");
        assert_eq!(
            next("3", 1).as_deref(),
            Some("（十一）"),
            "a list's own start"
        );
        assert_eq!(next("9", 0), None, "an undefined list");
    }

    #[test]
    fn formats() {
        assert_eq!(formatted(31, "chineseCounting"), "三十一");
        assert_eq!(formatted(12, "decimalFullWidth"), "１２");
        assert_eq!(formatted(3, "decimalEnclosedCircle"), "③");
        assert_eq!(formatted(28, "lowerLetter"), "bb");
        assert_eq!(formatted(14, "upperRoman"), "XIV");
    }
}
