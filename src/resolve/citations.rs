//! Citations of other work plans: a title in 《》 that ends as a work plan's does
//! (`《2022年全国…工作要点》`, `《…实施方案》`) is not an instrument the plan mentions but another
//! plan it refers to — or implements, where the citing sentence says so (根据, 按照, 贯彻落实 …).

use crate::model::PlanRelation;
use crate::resolve::names::match_key;
use std::ops::Range;

/// A work plan the text cites by its title in 《》: not an instrument the plan mentions but
/// another plan it refers to, or implements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawCitation {
    /// The cleaned range of the title, without the brackets.
    pub title: Range<usize>,
    /// The cleaned range of the `《…》`.
    pub range: Range<usize>,
    /// How the citing sentence relates the plans.
    pub relation: PlanRelation,
}

/// How a title ends when it names a work plan (`…工作要点`, `…实施方案`) rather than a law,
/// a strategy or an opinion.
const WORK_PLAN_ENDINGS: &[&str] = &[
    "工作要点",
    "要点",
    "实施方案",
    "工作方案",
    "行动方案",
    "任务分工",
    "分工方案",
    "任务清单",
    "工作计划",
    "行动计划",
];

/// Words before a cited title that say the citing plan implements it.
const IMPLEMENTS: &[&str] = &["根据", "按照", "依据", "贯彻", "落实", "遵照"];

/// Whether the title `name` (cleaned) names a work plan.
pub fn is_work_plan_title(name: &str) -> bool {
    WORK_PLAN_ENDINGS
        .iter()
        .any(|ending| name.ends_with(ending))
}

/// The work plans cited in cleaned range `body` of `chars` (their titles in 《》), except the
/// plan's own title.
pub fn find_cited_plans(
    chars: &[char],
    body: Range<usize>,
    own_title: Option<&str>,
) -> Vec<RawCitation> {
    let own = own_title.map(match_key);
    let mut out = Vec::new();
    let mut i = body.start;
    while i < body.end {
        if chars[i] != '《' {
            i += 1;
            continue;
        }
        let Some(len) = chars[i + 1..body.end]
            .iter()
            .take(80)
            .position(|&c| c == '》')
        else {
            i += 1;
            continue;
        };
        let title = i + 1..i + 1 + len;
        let name: String = chars[title.clone()].iter().collect();
        if len > 0 && is_work_plan_title(&name) && own.as_deref() != Some(&match_key(&name)) {
            // The words right before the title (`贯彻落实《…》`, `根据《…》`): a 落实 earlier in the
            // sentence (`抓好落实，对照《…》`) says nothing of this title.
            let before: String = chars[i.saturating_sub(4).max(body.start)..i]
                .iter()
                .collect();
            let relation = if IMPLEMENTS.iter().any(|w| before.ends_with(w)) {
                PlanRelation::BasedOn
            } else {
                PlanRelation::References
            };
            out.push(RawCitation {
                title: title.clone(),
                range: i..title.end + 1,
                relation,
            });
        }
        i = title.end + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relation(text: &str) -> Vec<PlanRelation> {
        let chars: Vec<char> = text.chars().collect();
        find_cited_plans(&chars, 0..chars.len(), None)
            .into_iter()
            .map(|c| c.relation)
            .collect()
    }

    #[test]
    fn a_plan_is_based_on_a_title_only_when_the_words_before_it_say_so() {
        assert_eq!(
            relation("为贯彻落实《2022年全国工作要点》，制定本方案。"),
            [PlanRelation::BasedOn]
        );
        assert_eq!(
            relation("根据《2021年某省实施方案》部署。"),
            [PlanRelation::BasedOn]
        );
        assert_eq!(
            relation("各地要抓好落实，对照《2021年某省实施方案》开展自查。"),
            [PlanRelation::References]
        );
    }
}
