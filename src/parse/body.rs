//! Body stage: find the plan's body inside a scraped page, drop a second printed copy, and keep
//! what the page says about the document (headline, posting date, title in 《》, year).
//!
//! A paragraph is *content* when it reads as plan prose (at least 20 Chinese characters and a
//! sentence end) or starts with a numbering marker; the body runs from the first content
//! paragraph to the last, and on through the label lines that follow the last (`牵头单位：…`,
//! `完成时限：…`, the last task's assignment). What lies outside it is page chrome (breadcrumbs, 推荐/相关阅读 lists,
//! comment boxes, copyright lines) and is reported, not parsed.

use super::labels::line_label;
use crate::read::clean::CleanText;
use crate::text::is_han;
use crate::text::numbering::numbering_marker;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// The body of a document, as ranges of cleaned characters.
#[derive(Debug, Clone)]
pub struct Body {
    /// The paragraphs of the kept copy of the body, in order.
    pub paragraphs: Vec<Range<usize>>,
    /// The second printed copy of the body, when the page prints it twice.
    pub dropped_duplicate: Option<Range<usize>>,
    /// Page chrome before the body.
    pub chrome_before: Option<Range<usize>>,
    /// Page chrome after the body.
    pub chrome_after: Option<Range<usize>>,
    /// What the text says about the document.
    pub info: PrintedInfo,
}

/// What the page around the body says (the plan's title is read by [`super::title`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrintedInfo {
    /// The page's headline (the line above the body that is neither a breadcrumb nor metadata).
    pub headline: Option<String>,
    /// When the page was posted, ISO 8601 (`2017-08-09T23:19:14`, or a date alone).
    pub posted: Option<String>,
}

impl Body {
    /// The cleaned range from the first to the last kept paragraph.
    pub fn range(&self) -> Range<usize> {
        match (self.paragraphs.first(), self.paragraphs.last()) {
            (Some(first), Some(last)) => first.start..last.end,
            _ => 0..0,
        }
    }
}

/// Finds the body of `text`.
pub fn find_body(text: &CleanText) -> Body {
    let chars = text.chars();
    let paragraphs = split_paragraphs(chars);
    let content: Vec<usize> = (0..paragraphs.len())
        .filter(|&i| is_content(&chars[paragraphs[i].clone()]))
        .collect();
    let (first, mut last) = match (content.first(), content.last()) {
        (Some(&f), Some(&l)) => (f, l),
        _ => {
            return Body {
                paragraphs: Vec::new(),
                dropped_duplicate: None,
                chrome_before: None,
                chrome_after: None,
                info: PrintedInfo::default(),
            }
        }
    };
    // The last task's label lines (`牵头单位：…`, `完成时限：…`) are short, but they are body.
    while paragraphs
        .get(last + 1)
        .is_some_and(|p| line_label(chars, p.clone()).is_some())
    {
        last += 1;
    }
    let body = &paragraphs[first..=last];
    let copy_len = repeated_copy_start(chars, body).unwrap_or(body.len());
    let kept = body[..copy_len].to_vec();
    let dropped_duplicate =
        (copy_len < body.len()).then(|| body[copy_len].start..body[body.len() - 1].end);
    let chrome_before = (first > 0).then(|| paragraphs[0].start..paragraphs[first - 1].end);
    let chrome_after = (last + 1 < paragraphs.len())
        .then(|| paragraphs[last + 1].start..paragraphs[paragraphs.len() - 1].end);

    let before: Vec<String> = paragraphs[..first]
        .iter()
        .map(|r| text.text(r.clone()))
        .collect();
    let info = PrintedInfo {
        headline: headline(&before),
        posted: before.iter().find_map(|line| posting_date(line)),
    };
    Body {
        paragraphs: kept,
        dropped_duplicate,
        chrome_before,
        chrome_after,
        info,
    }
}

fn split_paragraphs(chars: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' {
            if i > start {
                out.push(start..i);
            }
            start = i + 1;
        }
    }
    if chars.len() > start {
        out.push(start..chars.len());
    }
    out
}

fn is_content(paragraph: &[char]) -> bool {
    let han = paragraph.iter().filter(|&&c| is_han(c)).count();
    let sentence = paragraph.iter().any(|&c| c == '。' || c == '；');
    (han >= 20 && sentence) || (han >= 4 && numbering_marker(paragraph).is_some())
}

/// Where a second printed copy of the body starts: the first paragraph index `k` from which the
/// rest of the body repeats the paragraphs from 0 on (the last one may be cut short).
fn repeated_copy_start(chars: &[char], body: &[Range<usize>]) -> Option<usize> {
    let para = |i: usize| &chars[body[i].clone()];
    (1..body.len()).find(|&k| {
        let n = body.len() - k;
        (0..n).all(|i| {
            let (copy, original) = (para(k + i), para(i));
            copy == original || (i == n - 1 && copy.len() >= 10 && original.starts_with(copy))
        })
    })
}

/// The last line before the body that reads as a headline: Chinese text, not a breadcrumb
/// (`>`), not `key:value` metadata.
fn headline(before: &[String]) -> Option<String> {
    before
        .iter()
        .rev()
        .find(|line| {
            let han = line.chars().filter(|&c| is_han(c)).count();
            // A table's header row (cells a tab apart) is no headline.
            han >= 6 && !line.contains(['>', '：', '|', '\t'])
        })
        .cloned()
}

static POSTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:日期|发布时间|发布日期|时间)：\s*(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?",
    )
    .unwrap()
});

fn posting_date(line: &str) -> Option<String> {
    let c = POSTED.captures(line)?;
    let num = |i: usize| c.get(i).map(|m| m.as_str().parse::<u32>().unwrap_or(0));
    let date = format!("{}-{:02}-{:02}", &c[1], num(2)?, num(3)?);
    Some(match (num(4), num(5)) {
        (Some(h), Some(m)) => format!("{date}T{h:02}:{m:02}:{:02}", num(6).unwrap_or(0)),
        _ => date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str =
        "（一）加强商标行政执法。加大对驰名商标、地理标志的保护力度。（工商总局牵头负责）";

    #[test]
    fn chrome_and_a_second_copy_are_dropped() {
        let page = format!(
            "首页 > 正文\n关于印发工作要点的通知\n日期:2018-3-9 8:05:00\n《2018年打击侵权假冒工作要点》已经同意,现印发给你们,请认真贯彻执行。\n{PLAN}\n《2018年打击侵权假冒工作要点》已经同意,现印发给你们,请认真贯彻执行。\n{PLAN}\n相关阅读\n0\n版权所有"
        );
        let text = CleanText::new(&page);
        let body = find_body(&text);
        assert_eq!(body.paragraphs.len(), 2);
        assert!(body.dropped_duplicate.is_some());
        assert_eq!(
            text.text(body.chrome_after.clone().unwrap()),
            "相关阅读\n0\n版权所有"
        );
        assert_eq!(
            body.info,
            PrintedInfo {
                headline: Some("关于印发工作要点的通知".into()),
                posted: Some("2018-03-09T08:05:00".into()),
            }
        );
    }

    #[test]
    fn a_body_printed_once_is_kept_whole() {
        let text = CleanText::new(&format!("{PLAN}\n{}", PLAN.replace('一', "二")));
        let body = find_body(&text);
        assert_eq!(body.paragraphs.len(), 2);
        assert_eq!(body.dropped_duplicate, None);
    }
}
