//! The legend of the outline: what each mark it uses means, only for the marks this plan's
//! outline shows.

use super::outline::{OutlineOptions, SHORT_TEXT};
use crate::model::{Outcome, Plan};
use unicode_width::UnicodeWidthStr;

/// The legend block (a blank line, `Legend`, one line per mark used), or nothing when no
/// mark is used.
pub(crate) fn legend(plan: &Plan, options: &OutlineOptions) -> String {
    let outcomes: Vec<Outcome> = plan.slots().map(|(_, _, s)| s.resolution).collect();
    let subtasks = plan.tasks.iter().flat_map(|t| &t.subtasks);
    let long = |text: &str| text.chars().count() > SHORT_TEXT;
    let shortened = !options.full
        && (subtasks.clone().any(|s| long(&s.text))
            || plan
                .tasks
                .iter()
                .any(|t| t.unassigned.as_ref().is_some_and(|u| long(&u.text))));
    let flags = !plan.partner_gaps.is_empty() || plan.tasks.iter().any(|t| t.unassigned.is_some());
    let marks = [
        (
            subtasks.clone().next().is_some(),
            "n.m",
            "subtask m of task n",
        ),
        (
            shortened,
            "…",
            "the text before it is left out (parse --full prints it whole)",
        ),
        (
            outcomes.contains(&Outcome::EmptySlot),
            "∅",
            "an empty slot: a name deleted from the text",
        ),
        (
            outcomes.contains(&Outcome::Truncated),
            "A → B",
            "printed A, resolved to the registered body B (a name cut short that only B fits)",
        ),
        (
            outcomes
                .iter()
                .any(|o| !matches!(o, Outcome::Exact | Outcome::Alias)),
            "#n",
            "the slot's position in its parenthetical (the n-th name)",
        ),
        (
            subtasks.clone().any(|s| s.parenthetical.open_list),
            "等",
            "an open list: the parenthetical ends in 等, others may share the task",
        ),
        (
            flags,
            "!",
            "a flag: a gap in a list of partners, or clauses no agency is named for",
        ),
    ];
    let used: Vec<_> = marks.iter().filter(|(used, _, _)| *used).collect();
    if used.is_empty() {
        return String::new();
    }
    let width = used
        .iter()
        .map(|(_, mark, _)| mark.width())
        .max()
        .unwrap_or(0);
    let mut out = String::from("\nLegend\n");
    for (_, mark, meaning) in used {
        let pad = " ".repeat(width - mark.width());
        out.push_str(&format!("  {mark}{pad}  {meaning}\n"));
    }
    out
}
