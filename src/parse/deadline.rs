//! Deadlines in a responsibility parenthetical: a group of its own that says when the work is
//! due (`年内持续推进`, `2021年底前完成`, `2022年6月底前`, `长期坚持`). A deadline is never a slot.
//!
//! The date is given only where the text prints it unambiguously with a year: `2021年底前` →
//! `2021-12-31`, `2022年6月底前` → `2022-06-30`, `2022年6月15日前` → `2022-06-15`, the same in
//! Chinese numerals (`二〇二二年六月底前`). `年内`, `2021年内`, `2022年6月前` or `上半年` have
//! no date.
//!
//! A deadline may also follow the verb that assigns without a comma
//! (`工业和信息化部负责2022年底前完成`): [`trailing_deadline`] finds it.

use crate::parse::frame::days_in_month;
use crate::text::numerals::{chinese_numeral, digit_year};
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
    "每季度",
    "每月",
    "每半年",
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

/// The first characters of the [`YEARLESS`] openings.
const YEARLESS_FIRST: &[char] = &['年', '上', '下', '全', '每', '长', '持'];

/// What may follow a month with no year in a deadline (`6月底完成`, `9月30日前`, `3月中旬`,
/// `10月份`).
const AFTER_MONTH: &[char] = &['底', '前', '中', '末', '上', '下', '份'];

/// A deadline of a month or a quarter without its year: `6月底完成`, `九月底前`, `9月30日前`,
/// `三季度`, `第二季度末`, `一季度前`. Never dated: the text does not say which year.
fn yearless_month(text: &[char]) -> bool {
    let text = text.strip_prefix(&['第']).unwrap_or(text);
    let numeral = |c: &char| c.is_ascii_digit() || crate::text::numerals::is_numeral_char(*c);
    let n = text.iter().take(3).take_while(|c| numeral(c)).count();
    if n == 0 {
        return false;
    }
    if is(&text[n..], "季度") {
        return n == 1;
    }
    if text.get(n) != Some(&'月') {
        return false;
    }
    let Some((month, rest)) = numeral_before(text, '月') else {
        return false;
    };
    if !(1..=12).contains(&month) {
        return false;
    }
    match rest.first() {
        Some(c) if AFTER_MONTH.contains(c) => true,
        Some(_) => numeral_before(rest, '日')
            .is_some_and(|(_, after)| after.first() == Some(&'前') || is(after, "以前")),
        None => false,
    }
}

/// The deadline a group `range` of `chars` prints, if the group opens with a time expression.
pub fn deadline(chars: &[char], range: Range<usize>) -> Option<RawDeadline> {
    let text = &chars[range.clone()];
    // `trailing_deadline` asks at every position of a group, and most open no deadline: a
    // yearless one opens with one of a few characters, a dated one has 年 fifth.
    let first = *text.first()?;
    if text.get(4) != Some(&'年') && !YEARLESS_FIRST.contains(&first) {
        return yearless_month(text).then_some(RawDeadline { range, date: None });
    }
    if YEARLESS.iter().any(|w| is(text, w)) {
        return Some(RawDeadline { range, date: None });
    }
    let (year, rest) = year_before(text)?;
    let date = due_date(year, rest);
    Some(RawDeadline { range, date })
}

/// The deadline a label says `value` is (`完成时限：…`, a 完成时限 column): a deadline even
/// without a year (`6月底前`), dated only where it prints one.
pub fn labelled_deadline(chars: &[char], value: Range<usize>) -> RawDeadline {
    let date = deadline(chars, value.clone()).and_then(|d| d.date);
    RawDeadline { range: value, date }
}

/// Verbs after which a deadline may follow without a comma.
const ASSIGNING_VERBS: &[&str] = &["负责落实", "牵头落实", "负责", "牵头", "配合", "参与"];

/// A deadline printed straight after the verb that ends a group's names, without a comma
/// (`工业和信息化部负责2022年底前完成`): the range of the names and verb, and the deadline
/// running to the group's end. Only after a verb: in `省商务厅2021年底前完成` nothing says the
/// 商务厅 is assigned.
pub fn trailing_deadline(
    chars: &[char],
    group: Range<usize>,
) -> Option<(Range<usize>, RawDeadline)> {
    (group.start + 1..group.end).find_map(|at| {
        let found = deadline(chars, at..group.end)?;
        let before: String = chars[group.start..at].iter().collect();
        let after_verb = ASSIGNING_VERBS
            .iter()
            .any(|verb| before.len() > verb.len() && before.ends_with(verb));
        after_verb.then_some((group.start..at, found))
    })
}

/// The date after `YYYY年`: the year's or a month's end, or a printed day — only where nothing
/// follows but 前 / 以前 / 之前 and 完成 (`2021年底至2022年6月底` or `2021年底前启动，…` is no
/// single due date).
fn due_date(year: u32, rest: &[char]) -> Option<String> {
    if rest.first() == Some(&'底') {
        return ends_a_deadline(&rest[1..]).then(|| format!("{year:04}-12-31"));
    }
    let (month, rest) = numeral_before(rest, '月')?;
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
    let (day, rest) = numeral_before(rest, '日')?;
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
    // Char by char, without counting `prefix` first: `trailing_deadline` asks this of every
    // position of every group, for each of the `YEARLESS` openings.
    let mut text = text.iter();
    prefix.chars().all(|p| text.next() == Some(&p))
}

/// The year `text` opens with, four digits (`2021年`, `二〇二一年`), and the text after 年.
fn year_before(text: &[char]) -> Option<(u32, &[char])> {
    let digits = text.get(..4)?;
    if text.get(4) != Some(&'年') {
        return None;
    }
    let year = if digits.iter().all(|c| c.is_ascii_digit()) {
        ascii_value(digits)
    } else {
        u32::try_from(digit_year(&digits.iter().collect::<String>())?).ok()?
    };
    (1949..=2100).contains(&year).then_some((year, &text[5..]))
}

/// The number `text` opens with, followed by `unit`: one or two ASCII digits (`6月`) or a
/// positional Chinese numeral (`六月`, `十二月`, `二十日`); and the text after the unit.
fn numeral_before(text: &[char], unit: char) -> Option<(u32, &[char])> {
    let at = text
        .iter()
        .position(|&c| c == unit)
        .filter(|&n| (1..=3).contains(&n))?;
    let digits = &text[..at];
    let value = if digits.iter().all(|c| c.is_ascii_digit()) {
        ascii_value(digits)
    } else {
        chinese_numeral(digits)?
    };
    Some((value, &text[at + 1..]))
}

/// The value of ASCII digits.
fn ascii_value(digits: &[char]) -> u32 {
    digits
        .iter()
        .fold(0u32, |acc, c| acc * 10 + c.to_digit(10).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yearless_first_characters_cover_every_opening() {
        for opening in YEARLESS {
            let first = opening.chars().next().unwrap();
            assert!(YEARLESS_FIRST.contains(&first), "{opening}");
        }
    }

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
        assert_eq!(parse("6月底完成"), Some(None));
        assert_eq!(parse("九月底前"), Some(None));
        assert_eq!(parse("9月30日前"), Some(None));
        assert_eq!(parse("三季度"), Some(None));
        assert_eq!(parse("第二季度末"), Some(None));
        assert_eq!(parse("6月"), None);
        assert_eq!(parse("12345热线"), None);
        assert_eq!(parse("三亚市"), None);
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
    fn chinese_numerals() {
        assert_eq!(parse("二〇二二年底前"), Some(Some("2022-12-31".into())));
        assert_eq!(
            parse("二○二一年六月底前完成"),
            Some(Some("2021-06-30".into()))
        );
        assert_eq!(
            parse("二〇二一年十二月十五日前"),
            Some(Some("2021-12-15".into()))
        );
        assert_eq!(parse("二〇二一年内"), Some(None));
        assert_eq!(parse("二十二年底前"), None);
    }

    #[test]
    fn after_the_verb_without_a_comma() {
        let split = |s: &str| {
            let chars: Vec<char> = s.chars().collect();
            trailing_deadline(&chars, 0..chars.len()).map(|(names, d)| {
                let text = |r: Range<usize>| chars[r].iter().collect::<String>();
                (text(names), text(d.range), d.date)
            })
        };
        assert_eq!(
            split("工业和信息化部负责2022年底前完成"),
            Some((
                "工业和信息化部负责".into(),
                "2022年底前完成".into(),
                Some("2022-12-31".into())
            ))
        );
        assert_eq!(
            split("省商务厅牵头年内持续推进"),
            Some(("省商务厅牵头".into(), "年内持续推进".into(), None))
        );
        assert_eq!(split("省商务厅2021年底前完成"), None);
        assert_eq!(split("负责2021年底前完成"), None);
        assert_eq!(split("省商务厅负责"), None);
    }

    #[test]
    fn agencies_are_not_deadlines() {
        assert_eq!(parse("国务院各部门分别负责"), None);
        assert_eq!(parse("12345年底前"), None);
        assert_eq!(parse("省商务厅牵头"), None);
    }
}
