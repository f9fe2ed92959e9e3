//! The frame around a plan: what a notice or a government portal's metadata block says about
//! the document — its number (国办发〔2017〕46号, 打假发〔2021〕1号, 琼府办〔2017〕89号), issuer, the date
//! it was signed and the date it was published.
//!
//! Read only from the lines outside the plan's tasks ([`lines_outside`]): before the first task
//! and after the last subtask, where a notice or a portal prints them, never from a task that
//! cites another document. Labelled fields first (`发文字号:`, `发文机关:`, `成文日期:`,
//! `发布日期:`), then the notice itself: a line holding only a number is the document's number,
//! the title line `X关于印发…的通知` names the issuer, a line holding only a date (`2017年5月16日`,
//! `二○一二年五月十五日`) is the signature date.

use crate::model::Span;
use crate::text::numerals::{chinese_numeral, digit_year};
use regex::Regex;
use std::sync::LazyLock;

/// What the frame says about the document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrameInfo {
    /// Document number.
    pub identifier: Option<String>,
    /// Issuing body, as printed.
    pub issuer: Option<String>,
    /// Date signed (ISO 8601).
    pub issued: Option<String>,
    /// Date published (ISO 8601).
    pub published: Option<String>,
}

/// A document number on a line of its own.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\p{Han}]{1,10}[〔\[［]\s*(?:19|20)\d\d\s*[〕\]］]\s*\d{1,4}\s*号$").unwrap()
});
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(发文字号|文\s*号|发文机关|成文日期|发布日期)\s*[：:]\s*(\S+(?: \d{1,2}:\d{2}(?::\d{2})?)?)").unwrap()
});
static TITLE_ISSUER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([\p{Han}]{2,30}?)关于印发.{2,80}的通知$").unwrap());
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:19|20)\d\d)\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|-(\d{1,2})-(\d{1,2}))$")
        .unwrap()
});
static CHINESE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([一二三四五六七八九〇○零Ｏ0]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$").unwrap()
});

/// The lines of `original` that overlap none of the original spans `inside` (the tasks, and a
/// dropped second copy of them).
pub fn lines_outside<'a>(original: &'a str, inside: &[Span]) -> Vec<&'a str> {
    let mut lines = Vec::new();
    let mut begin = 0;
    for line in original.split('\n') {
        let end = begin + line.chars().count();
        let line_span = Span::new(begin, end);
        if !inside
            .iter()
            .any(|s| s.begin < line_span.end && line_span.begin < s.end)
        {
            lines.push(line);
        }
        begin = end + 1;
    }
    lines
}

/// Reads the frame from lines outside the tasks (see [`lines_outside`]).
pub fn read_frame<'a>(lines: impl IntoIterator<Item = &'a str>) -> FrameInfo {
    let lines: Vec<&str> = lines
        .into_iter()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut frame = FrameInfo::default();
    for line in &lines {
        for field in FIELD.captures_iter(line) {
            let value = field[2].trim_end_matches(['，', '。', '；']).to_string();
            let label: String = field[1].chars().filter(|c| !c.is_whitespace()).collect();
            match label.as_str() {
                "发文字号" | "文号" => {
                    frame.identifier = frame.identifier.take().or(Some(value))
                }
                "发文机关" => frame.issuer = frame.issuer.take().or(Some(value)),
                "成文日期" => frame.issued = frame.issued.take().or(parse_date(&value)),
                _ => frame.published = frame.published.take().or(parse_date(&value)),
            }
        }
    }
    if frame.identifier.is_none() {
        frame.identifier = lines
            .iter()
            .find_map(|l| NUMBER.find(l))
            .map(|m| m.as_str().replace(' ', ""));
    }
    if frame.issuer.is_none() {
        frame.issuer = lines
            .iter()
            .find_map(|l| TITLE_ISSUER.captures(l))
            .map(|c| c[1].to_string());
    }
    // The signature: a line that is only a date, and the issuer on the line before it.
    for (i, line) in lines.iter().enumerate() {
        // The whole line (`2019-03-12 09:30 来源：新华网` is a page's byline, not a signature).
        let alone = line.split_whitespace().count() == 1;
        if let Some(date) = parse_date(line).filter(|_| alone) {
            frame.issued = frame.issued.take().or(Some(date));
            if frame.issuer.is_none() && i > 0 && lines[i - 1].chars().count() <= 30 {
                frame.issuer = Some(lines[i - 1].to_string());
            }
        }
    }
    frame
}

/// `2017年5月16日`, `2017年05月16日`, `2017-05-31`, `二○一二年五月十五日` → ISO 8601 date.
pub fn parse_date(text: &str) -> Option<String> {
    let text = text.trim();
    let text = text.split_whitespace().next().unwrap_or(text);
    if let Some(c) = DATE.captures(text) {
        let month = c.get(2).or(c.get(4))?.as_str().parse::<u32>().ok()?;
        let day = c.get(3).or(c.get(5))?.as_str().parse::<u32>().ok()?;
        return valid(c[1].parse().ok()?, month, day);
    }
    let c = CHINESE_DATE.captures(text)?;
    let year = digit_year(&c[1])?;
    let numeral = |s: &str| chinese_numeral(&s.chars().collect::<Vec<_>>());
    valid(year, numeral(&c[2])?, numeral(&c[3])?)
}

/// The ISO 8601 date, when `day` exists in `month` of `year` (Gregorian calendar).
pub fn valid(year: i32, month: u32, day: u32) -> Option<String> {
    let days = days_in_month(year, month)?;
    (1..=days)
        .contains(&day)
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// How many days `month` (1–12) of `year` has in the Gregorian calendar.
pub fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if leap => Some(29),
        2 => Some(28),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_printed_form() {
        assert_eq!(parse_date("2017年5月16日").as_deref(), Some("2017-05-16"));
        assert_eq!(parse_date("2017年05月16日").as_deref(), Some("2017-05-16"));
        assert_eq!(parse_date("2017-05-31").as_deref(), Some("2017-05-31"));
        assert_eq!(
            parse_date("二○一二年五月十五日").as_deref(),
            Some("2012-05-15")
        );
        assert_eq!(
            parse_date("二〇二一年十二月三十一日").as_deref(),
            Some("2021-12-31")
        );
        assert_eq!(parse_date("2017年13月1日"), None);
        assert_eq!(parse_date("2017年2月31日"), None);
        assert_eq!(parse_date("2017-02-29"), None);
        assert_eq!(parse_date("2016-02-29").as_deref(), Some("2016-02-29"));
        assert_eq!(parse_date("1900年2月29日"), None);
        assert_eq!(parse_date("2017-04-31"), None);
        assert_eq!(parse_date("加强管理"), None);
    }

    #[test]
    fn a_state_council_notice() {
        let frame = read_frame([
            "国务院办公厅关于印发2015年全国打击侵犯知识产权和制售假冒伪劣商品工作要点的通知",
            "国办发〔2015〕17号",
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
            "《2015年全国打击侵犯知识产权和制售假冒伪劣商品工作要点》已经国务院同意，现印发给你们。",
            "国务院办公厅",
            "2015年3月18日",
            "（此件公开发布）",
        ]);
        assert_eq!(
            frame,
            FrameInfo {
                identifier: Some("国办发〔2015〕17号".into()),
                issuer: Some("国务院办公厅".into()),
                issued: Some("2015-03-18".into()),
                published: None,
            }
        );
    }

    #[test]
    fn a_portal_metadata_block() {
        let frame = read_frame([
            "索 引 号：000014349/2017-00093 主题分类：综合政务",
            "发文机关：国务院办公厅 成文日期：2017年05月16日",
            "标  题：国务院办公厅关于印发2017年全国打击侵犯知识产权和制售假冒伪劣商品工作要点的通知",
            "发文字号：国办发〔2017〕46号 发布日期：2017年05月31日",
        ]);
        assert_eq!(frame.identifier.as_deref(), Some("国办发〔2017〕46号"));
        assert_eq!(frame.issuer.as_deref(), Some("国务院办公厅"));
        assert_eq!(frame.issued.as_deref(), Some("2017-05-16"));
        assert_eq!(frame.published.as_deref(), Some("2017-05-31"));
    }

    #[test]
    fn a_number_or_date_inside_a_sentence_is_a_citation() {
        let frame = read_frame([
            "贯彻落实《国务院关于新形势下加快知识产权强国建设的若干意见》（国发〔2016〕86号）。",
        ]);
        assert_eq!(frame, FrameInfo::default());
    }

    #[test]
    fn only_lines_outside_the_tasks_are_read() {
        let text =
            "国办发〔2015〕17号\n（一）任务。（甲负责）\n2019年5月1日\n国务院办公厅\n2015年3月18日";
        // The task's line and the date line after it lie inside the tasks.
        let at = |needle: &str| text[..text.find(needle).unwrap()].chars().count();
        let inside = Span::new(at("（一）"), at("\n国务院办公厅"));
        let lines = lines_outside(text, &[inside]);
        assert_eq!(
            lines,
            ["国办发〔2015〕17号", "国务院办公厅", "2015年3月18日"]
        );
    }

    #[test]
    fn a_byline_is_no_signature() {
        let frame = read_frame(["责任编辑：李四", "2019-03-12 09:30 来源：新华网"]);
        assert_eq!(frame, FrameInfo::default());
    }

    #[test]
    fn leading_group_and_provincial_numbers() {
        assert_eq!(
            read_frame(["打假发〔2021〕1号"]).identifier.as_deref(),
            Some("打假发〔2021〕1号")
        );
        assert_eq!(
            read_frame(["琼府办〔2017〕89号"]).identifier.as_deref(),
            Some("琼府办〔2017〕89号")
        );
    }
}
