//! The plan's title and year, read from where a title is printed — never from the tasks.
//!
//! A title is a title by its place, before the first task:
//! 1. the notice that publishes the plan names it in 《》: `《X》已经国务院同意，现印发给你们`,
//!    `《X》日前印发`, `关于印发《X》的通知`, `现将《X》印发给你们`;
//! 2. a notice heading names it without brackets: `国务院办公厅关于印发X的通知`;
//! 3. a heading line of its own: a short line without sentence punctuation ending in the name
//!    of a kind of document (`2018年全国…工作要点`, `国务院关于…的意见`).
//!
//! A 《》 in a task, or in the preamble in any other wording (`根据《X》…`), is a citation, not
//! the title. The year is the one the title prints (`2017年…`, `二〇一七年…`).

use crate::read::CleanText;
use crate::text::numerals::digit_year;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// The title as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedTitle {
    /// The title as printed (original script and widths), without brackets.
    pub title: String,
    /// The same characters as cleaned (simplified script), to compare with the cleaned text.
    pub cleaned: String,
}

/// `《X》` followed, in the same clause (Chinese characters only, no comma), by the words that
/// publish it.
static PUBLISHED_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"《([^《》\n]{4,80})》(?:已经|已|日前|业经|现)?\p{Han}{0,20}?(?:同意|通过|印发|发布)",
    )
    .unwrap()
});
/// `印发《X》`, `现将《X》`, `制定了《X》`.
static PUBLISHING_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:印发|现将|制定了?|发布)《([^《》\n]{4,80})》").unwrap());
/// `…关于印发X的通知`, X without brackets.
static NOTICE_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"关于印发([^《》\n]{4,80}?)的通知").unwrap());
/// The names of the kinds of document a plan is (the end of a heading line).
const DOCUMENT_KINDS: &[&str] = &[
    "工作要点",
    "要点",
    "实施方案",
    "工作方案",
    "行动方案",
    "方案",
    "意见",
    "规划",
    "计划",
    "分工",
    "分工表",
    "任务表",
    "责任表",
    "一览表",
    "台账",
    "办法",
    "安排",
    "清单",
];

/// The title printed in cleaned range `before` (the text before the first task) of `text`.
pub fn find_title(text: &CleanText, before: Range<usize>) -> Option<PrintedTitle> {
    let region: String = text.chars()[before.clone()].iter().collect();
    // Byte offsets of `region` → cleaned character offsets.
    let char_at = |byte: usize| before.start + region[..byte].chars().count();
    let title = |range: Range<usize>| PrintedTitle {
        title: text.printed(range.clone()),
        cleaned: text.text(range),
    };
    let printed = |m: regex::Match<'_>| title(char_at(m.start())..char_at(m.end()));
    // The 《》 a notice publishes (`印发《Y》` first: a sentence may cite X before it publishes
    // Y), else a notice heading without brackets.
    let in_brackets = [&PUBLISHING_TITLE, &PUBLISHED_TITLE]
        .iter()
        .find_map(|re| re.captures(&region).and_then(|c| c.get(1)));
    let in_notice = || NOTICE_HEADING.captures(&region).and_then(|c| c.get(1));
    if let Some(m) = in_brackets.or_else(in_notice) {
        return Some(printed(m));
    }
    let mut start = before.start;
    for line in region.split('\n') {
        let lead = line.chars().take_while(|c| c.is_whitespace()).count();
        let trimmed = line.trim();
        let length = trimmed.chars().count();
        let heading = (6..=60).contains(&length)
            && !trimmed.contains(['。', '，', '；', '：', '、', '>', '|'])
            && DOCUMENT_KINDS.iter().any(|kind| trimmed.ends_with(kind));
        if heading {
            return Some(title(start + lead..start + lead + length));
        }
        start += line.chars().count() + 1;
    }
    None
}

static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)\d\d)年|([一二三四五六七八九〇○零Ｏ０]{4})年").unwrap()
});

/// The year a title names (`2017年…`, `二〇一七年…`).
pub fn year_of(title: &str) -> Option<i32> {
    let caps = YEAR.captures(title)?;
    if let Some(digits) = caps.get(1) {
        return digits.as_str().parse().ok();
    }
    digit_year(&caps[2])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(before: &str) -> Option<String> {
        let text = CleanText::new(before);
        find_title(&text, 0..text.chars().len()).map(|t| t.title)
    }

    #[test]
    fn a_title_is_found_where_a_notice_or_heading_prints_it() {
        let plan = "2017年全国打击侵犯知识产权和制售假冒伪劣商品工作要点";
        assert_eq!(
            title(&format!(
                "《{plan}》已经国务院同意，现印发给你们，请认真贯彻执行。"
            ))
            .as_deref(),
            Some(plan)
        );
        assert_eq!(
            title(&format!(
                "全国打击侵权假冒工作领导小组办公室关于印发《{plan}》的通知"
            ))
            .as_deref(),
            Some(plan)
        );
        assert_eq!(
            title(&format!(
                "国务院办公厅关于印发{plan}的通知\n国办发〔2017〕46号"
            ))
            .as_deref(),
            Some(plan)
        );
        assert_eq!(title(&format!("{plan}\n")).as_deref(), Some(plan));
        assert_eq!(
            title("国务院关于进一步加强知识产权保护工作的意见\n国发〔2019〕8号\n\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n为进一步加强知识产权保护，现提出以下意见。").as_deref(),
            Some("国务院关于进一步加强知识产权保护工作的意见")
        );
        // Traditional script: found on the simplified text, returned as printed.
        assert_eq!(
            title("《2016年全國打擊侵犯知識產權和製售假冒偽劣商品工作要點》已經國務院同意，現印發給你們。").as_deref(),
            Some("2016年全國打擊侵犯知識產權和製售假冒偽劣商品工作要點")
        );
    }

    #[test]
    fn a_citation_is_not_a_title() {
        assert_eq!(
            title("为贯彻落实《国家知识产权战略纲要》，结合本省实际，制定以下措施。"),
            None
        );
        assert_eq!(
            title("为贯彻落实《国家知识产权战略纲要》，经省政府同意，制定以下措施。"),
            None
        );
        assert_eq!(
            title("为贯彻落实《2022年全国工作要点》，经市政府同意，现将《2022年某市实施方案》印发给你们。")
                .as_deref(),
            Some("2022年某市实施方案")
        );
        assert_eq!(
            title("一、工作安排\n"),
            None,
            "a section heading is no title"
        );
        assert_eq!(
            title("首页 > 新闻中心 > 要闻\n国务院印发关于打击侵权假冒工作要点的通知"),
            None
        );
    }

    #[test]
    fn years_in_both_numeral_systems() {
        assert_eq!(year_of("2017年全国打击"), Some(2017));
        assert_eq!(year_of("二○一二年五月"), Some(2012));
        assert_eq!(year_of("二〇二一年"), Some(2021));
        assert_eq!(year_of("工作要点"), None);
    }
}
