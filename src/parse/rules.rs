//! Rules a document states about its own lists: `列第一位的为牵头单位` (the first name of each
//! list leads), `排在第一位的为牵头单位`, `第一个为牵头单位`, `标*的为牵头单位` (starred names lead)
//! and their kin. Where a document states one, a list it governs needs no role word: the names
//! the rule points to lead, and the others are what their own words (or none: responsible) make
//! them.
//!
//! Which lists a rule governs, by where it is printed:
//! - inside a list (`各区县政府（含开发区管委会）（列第一位的为工作牵头单位或汇总单位，下同）`): that
//!   list, and with 下同 every list after it;
//! - in a sentence about a table or an annex (`附件中列第一位的为牵头单位`, `表中标*的为牵头单位`):
//!   the document's table rows only;
//! - in a note (`注：…`, `说明：…`): every list of the document;
//! - elsewhere (a notice's sentence, a line under the title): every list after it.

use super::responsibility::RawSlot;
use crate::model::Role;
use crate::text::chars::codepoint_index;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// What a rule says leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// The first name of each list it governs.
    FirstListed,
    /// The names marked with this character (`*`, `★`).
    Starred(char),
}

/// Which lists a rule governs (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Lists starting at or after this cleaned index.
    From(usize),
    /// Every list of the document.
    Whole,
    /// Table rows only.
    Tables,
    /// The list in this bracket (its cleaned range, brackets included); with 下同, also every
    /// list after it.
    List {
        /// The bracket holding the rule.
        bracket: Range<usize>,
        /// 下同: the lists after it too.
        and_after: bool,
    },
}

/// A rule a document states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedRule {
    /// What it says leads.
    pub kind: RuleKind,
    /// The rule's cleaned range (`列第一位的为牵头单位`).
    pub range: Range<usize>,
    /// Where the rule stands inside a list: the bracket around the rule itself, which is no
    /// part of the name before it.
    pub inner_bracket: Option<Range<usize>>,
    /// Which lists it governs.
    pub scope: Scope,
}

static FIRST_LISTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:列|排|排在|排名|位列|名列)?(?:在)?(?:第一位|第一个|首位|第1位|第一)(?:的|者)?(?:单位|部门)?(?:为|是)(?:工作)?牵头(?:单位|部门)?",
    )
    .expect("valid pattern")
});

static STARRED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:标注|标有|带有|标|带|加)[“”]?([*＊★※☆])[“”]?号?(?:的|者)?(?:单位|部门)?(?:为|是)(?:工作)?牵头(?:单位|部门)?",
    )
    .expect("valid pattern")
});

/// Every rule `chars` states, in text order.
pub fn find_rules(chars: &[char]) -> Vec<StatedRule> {
    // Every wording says the names 为 (or 是) 牵头: a text without that says no rule, and is not
    // copied for the patterns.
    let says_lead = chars
        .windows(3)
        .any(|w| matches!(w[0], '为' | '是' | '作') && w[1] == '牵' && w[2] == '头');
    if !says_lead {
        return Vec::new();
    }
    let text: String = chars.iter().collect();
    let char_at = codepoint_index(&text);
    let mut found: Vec<(RuleKind, Range<usize>)> = FIRST_LISTED
        .find_iter(&text)
        .map(|m| (RuleKind::FirstListed, char_at[m.start()]..char_at[m.end()]))
        .collect();
    for caps in STARRED.captures_iter(&text) {
        let (whole, star) = (caps.get(0).expect("match"), caps.get(1).expect("star"));
        let star = star.as_str().chars().next().unwrap_or('*');
        let star = if star == '＊' { '*' } else { star };
        found.push((
            RuleKind::Starred(star),
            char_at[whole.start()]..char_at[whole.end()],
        ));
    }
    found.sort_by_key(|(_, r)| r.start);
    found
        .into_iter()
        .map(|(kind, range)| {
            let (inner_bracket, scope) = scope_of(chars, &range);
            StatedRule {
                kind,
                range,
                inner_bracket,
                scope,
            }
        })
        .collect()
}

/// The bracket around the rule (if it stands in one inside another), and what the rule governs.
fn scope_of(chars: &[char], rule: &Range<usize>) -> (Option<Range<usize>>, Scope) {
    // The brackets open at the rule, innermost last.
    let line_start = (0..rule.start)
        .rev()
        .find(|&i| chars[i] == '\n')
        .map_or(0, |i| i + 1);
    let mut open: Vec<usize> = Vec::new();
    for (i, &c) in chars.iter().enumerate().take(rule.start).skip(line_start) {
        match c {
            '（' | '〔' | '【' | '[' => open.push(i),
            '）' | '〕' | '】' | ']' => {
                open.pop();
            }
            _ => {}
        }
    }
    let close_of = |at: usize| super::brackets::closing_paren(chars, at, chars.len());
    if open.len() >= 2 {
        let inner = open[open.len() - 1];
        let outer = open[open.len() - 2];
        if let (Some(inner_end), Some(outer_end)) = (close_of(inner), close_of(outer)) {
            let and_after = chars[rule.end..inner_end]
                .windows(2)
                .any(|w| w == ['下', '同']);
            return (
                Some(inner..inner_end + 1),
                Scope::List {
                    bracket: outer..outer_end + 1,
                    and_after,
                },
            );
        }
    }
    // The sentence the rule stands in.
    let sentence_start = (line_start..rule.start)
        .rev()
        .find(|&i| matches!(chars[i], '。' | '；'))
        .map_or(line_start, |i| i + 1);
    let sentence_end = (rule.end..chars.len())
        .find(|&i| matches!(chars[i], '。' | '\n'))
        .unwrap_or(chars.len());
    let sentence: String = chars[sentence_start..sentence_end].iter().collect();
    let sentence = sentence.trim_start_matches(['（', ' ']);
    // `附件中…`, `表中…`, `下表…`, `分工表…`; not any 表 (`人大代表`).
    let about_a_table = [
        "附件",
        "表中",
        "表内",
        "下表",
        "上表",
        "本表",
        "分工表",
        "清单中",
    ]
    .iter()
    .any(|w| sentence.contains(w));
    if about_a_table {
        (None, Scope::Tables)
    } else if ["注", "说明", "备注"]
        .iter()
        .any(|w| sentence.starts_with(w))
    {
        (None, Scope::Whole)
    } else {
        (None, Scope::From(rule.start))
    }
}

impl StatedRule {
    /// What the rule's printing covers: the rule, and the bracket it stands in inside a list.
    pub fn covers(&self) -> Range<usize> {
        self.inner_bracket.clone().unwrap_or(self.range.clone())
    }

    /// Whether the rule governs the list of a subtask whose assignment is at `assignment`
    /// (cleaned range), printed as a table row or not.
    pub fn governs(&self, assignment: &Range<usize>, table_row: bool) -> bool {
        match &self.scope {
            Scope::From(start) => assignment.start >= *start,
            Scope::Whole => true,
            Scope::Tables => table_row,
            Scope::List { bracket, and_after } => {
                (bracket.start <= assignment.start && assignment.end <= bracket.end)
                    || (*and_after && assignment.start >= bracket.end)
            }
        }
    }
}

/// The slots of an assignment at `assignment` (a table row's or not) as the rule the document
/// states for its list makes them: a rule printed inside the list is cut from the name it
/// follows; where no name leads by a printed word, the first name (列第一位的为牵头单位) or the
/// starred ones (标*的为牵头单位, the star cut from the name) lead, the rule recorded on the slot.
pub fn apply_rules(
    rules: &[StatedRule],
    chars: &[char],
    assignment: &Range<usize>,
    table_row: bool,
    mut slots: Vec<RawSlot>,
) -> Vec<RawSlot> {
    for slot in &mut slots {
        for bracket in rules.iter().filter_map(|r| r.inner_bracket.as_ref()) {
            if slot.name.start < bracket.start && bracket.start < slot.name.end {
                slot.name.end = bracket.start;
            }
        }
    }
    let Some(rule) = governing(rules, assignment, table_row) else {
        return slots;
    };
    let led_by_word = slots.iter().any(|s| s.role == Role::Lead);
    let give_lead = |slot: &mut RawSlot| {
        if !led_by_word {
            slot.role = Role::Lead;
            slot.label = None;
            slot.rule = Some(rule.range.clone());
        }
    };
    match rule.kind {
        RuleKind::FirstListed => {
            if let Some(first) = slots.first_mut().filter(|s| !s.is_empty()) {
                give_lead(first);
            }
        }
        RuleKind::Starred(star) => {
            for slot in slots.iter_mut().filter(|s| !s.is_empty()) {
                let last = chars[slot.name.end - 1];
                if last == star || (star == '*' && last == '＊') {
                    slot.name.end -= 1;
                    give_lead(slot);
                }
            }
        }
    }
    slots
}

/// The rule that governs a list at `assignment`, if any: the last stated before it of those that
/// govern it (a list's own rule first).
fn governing<'r>(
    rules: &'r [StatedRule],
    assignment: &Range<usize>,
    table_row: bool,
) -> Option<&'r StatedRule> {
    rules
        .iter()
        .filter(|r| r.governs(assignment, table_row))
        .max_by_key(|r| (matches!(r.scope, Scope::List { .. }), r.range.start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(s: &str) -> (Vec<char>, Vec<StatedRule>) {
        let chars: Vec<char> = s.chars().collect();
        let found = find_rules(&chars);
        (chars, found)
    }

    #[test]
    fn the_genre_s_wordings_are_rules() {
        for (text, kind) in [
            ("（列第一位的为牵头单位）", RuleKind::FirstListed),
            ("排在第一位的为牵头单位。", RuleKind::FirstListed),
            ("第一个为牵头单位", RuleKind::FirstListed),
            ("注：标*的为牵头单位。", RuleKind::Starred('*')),
            ("带★号的为牵头部门", RuleKind::Starred('★')),
        ] {
            let (chars, found) = rules(text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].kind, kind, "{text}");
            let printed: String = chars[found[0].range.clone()].iter().collect();
            assert!(printed.ends_with("牵头单位") || printed.ends_with("牵头部门"));
        }
        assert!(rules("（市商务局牵头，市公安局配合）").1.is_empty());
    }

    #[test]
    fn where_a_rule_is_printed_says_what_it_governs() {
        let (_, found) = rules("现将任务分工印发给你们（列第一位的为牵头单位），请落实。");
        assert_eq!(found[0].scope, Scope::From(12));
        let (_, found) = rules("注：标*的为牵头单位。");
        assert_eq!(found[0].scope, Scope::Whole);
        let (_, found) = rules("附件中列第一位的为牵头单位。");
        assert_eq!(found[0].scope, Scope::Tables);
        let text = "1.推进监管。（市市场监管局、各区县政府（列第一位的为工作牵头单位，下同））";
        let (chars, found) = rules(text);
        let Scope::List { bracket, and_after } = &found[0].scope else {
            panic!("{:?}", found[0].scope);
        };
        assert!(*and_after);
        assert_eq!(chars[bracket.start], '（');
        assert_eq!(bracket.end, chars.len());
        let inner = found[0].inner_bracket.clone().unwrap();
        assert_eq!(chars[inner.start - 1], '府');
    }
}
