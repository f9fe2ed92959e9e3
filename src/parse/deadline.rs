//! Deadlines in a responsibility parenthetical: a group of its own that says when the work is
//! due (`年内持续推进`, `2021年底前完成`, `2022年6月底前`, `长期坚持`). A deadline is never a slot.
//!
//! The date is given only where the text prints it unambiguously with a year: `2021年底前` →
//! `2021-12-31`, `2022年6月底前` → `2022-06-30`, `2022年6月15日前` → `2022-06-15`. `年内`,
//! `2021年内`, `2022年6月前` or `上半年` have no date.

use crate::parse::frame::days_in_month;
use std::ops::Range;

/// A deadline a parenthetical prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDeadline {
    /// The cleaned range of the whole group (`2021年底前完成`).
    pub range: Range<usize>,
    /// The due date, ISO 8601, where the text prints one with its year.
    pub date: Option<String>,
}

/// Openings of a deadline printed without a year.
const YEARLESS: &[&str] = &[
    "年内",
    "年底前",
    "年底",
    "年中",
    "上半年",
    "下半年",
    "全年",
    "每年",
    "长期坚持",
    "长期",
    "持续推进",
    "持续",
];

/// The deadline a group `range` of `chars` prints, if the group opens with a time expression.
pub fn deadline(chars: &[char], range: Range<usize>) -> Option<RawDeadline> {
    let text = &chars[range.clone()];
    if YEARLESS.iter().any(|w| is(text, w)) {
        return Some(RawDeadline { range, date: None });
    }
    let (year, rest) = number_before(text, '年')?;
    if !(1949..=2100).contains(&year) || rest.len() + 5 != text.len() {
        // Exactly four digits of year.
        return None;
    }
    let date = due_date(year, rest);
    Some(RawDeadline { range, date })
}

/// The date after `YYYY年`: the year's or a month's end, or a printed day — only where nothing
/// follows but 前 / 以前 / 之前 and 完成 (`2021年底至2022年6月底` or `2021年底前启动，…` is no
/// single due date).
fn due_date(year: u32, rest: &[char]) -> Option<String> {
    if rest.first() == Some(&'底') {
        return ends_a_deadline(&rest[1..]).then(|| format!("{year:04}-12-31"));
    }
    let (month, rest) = number_before(rest, '月')?;
    if !(1..=12).contains(&month) {
        return None;
    }
    if rest.first() == Some(&'底') {
        return ends_a_deadline(&rest[1..]).then(|| {
            format!(
                "{year:04}-{month:02}-{:02}",
                days_in_month(year as i32, month).unwrap_or(0)
            )
        });
    }
    let (day, rest) = number_before(rest, '日')?;
    let before = rest.first() == Some(&'前') || is(rest, "以前") || is(rest, "之前");
    (before
        && ends_a_deadline(rest)
        && (1..=days_in_month(year as i32, month).unwrap_or(0)).contains(&day))
    .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Whether `rest` is what may follow a due date: nothing, 前 / 以前 / 之前, then 完成.
fn ends_a_deadline(rest: &[char]) -> bool {
    let rest: String = rest.iter().collect();
    let rest = rest.trim_end_matches(['。', ' ']);
    let rest = ["以前", "之前", "前"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest);
    matches!(rest, "" | "完成" | "全面完成" | "基本完成")
}

/// Whether `text` starts with `prefix`.
fn is(text: &[char], prefix: &str) -> bool {
    let n = prefix.chars().count();
    text.len() >= n && text[..n].iter().copied().eq(prefix.chars())
}

/// Leading ASCII digits of `text` followed by `unit`: their value and the text after the unit.
fn number_before(text: &[char], unit: char) -> Option<(u32, &[char])> {
    let digits = text.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 4 || text.get(digits) != Some(&unit) {
        return None;
    }
    let value = text[..digits]
        .iter()
        .fold(0u32, |acc, c| acc * 10 + c.to_digit(10).unwrap_or(0));
    Some((value, &text[digits + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Option<Option<String>> {
        let chars: Vec<char> = s.chars().collect();
        deadline(&chars, 0..chars.len()).map(|d| d.date)
    }

    #[test]
    fn dates_only_where_printed_with_a_year() {
        assert_eq!(parse("2021年底前完成"), Some(Some("2021-12-31".into())));
        assert_eq!(parse("2022年6月底前"), Some(Some("2022-06-30".into())));
        assert_eq!(parse("2024年2月底前完成"), Some(Some("2024-02-29".into())));
        assert_eq!(parse("2022年6月15日前"), Some(Some("2022-06-15".into())));
        assert_eq!(parse("2022年6月前"), Some(None));
        assert_eq!(parse("2021年内完成"), Some(None));
        assert_eq!(parse("2022年6月31日前"), Some(None));
        assert_eq!(parse("年内持续推进"), Some(None));
        assert_eq!(parse("长期坚持"), Some(None));
        // Only a single due date is a date.
        assert_eq!(parse("2021年底至2022年6月底"), Some(None));
        assert_eq!(parse("2021年底前启动"), Some(None));
        assert_eq!(parse("2021年起实施"), Some(None));
        assert_eq!(
            parse("2021年9月30日前完成"),
            Some(Some("2021-09-30".into()))
        );
    }

    #[test]
    fn agencies_are_not_deadlines() {
        assert_eq!(parse("国务院各部门分别负责"), None);
        assert_eq!(parse("12345年底前"), None);
        assert_eq!(parse("省商务厅牵头"), None);
    }
}
