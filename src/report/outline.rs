//! The text outline of a parsed plan: tasks, subtasks, agencies with roles, and every flag
//! (empty, truncated, ambiguous, collective, unknown slot; open list; cut-off parenthetical;
//! partner gap) with its position, for a person to read. A legend of the marks it uses follows
//! the counts; [`OutlineOptions::full`] prints subtasks whole instead of their last characters.

use super::legend;
use crate::model::{Occurrence, Outcome, Plan, PlanRelation, Role, Slot, Task};
use std::fmt::Write;

/// How much of the plan the outline shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutlineOptions {
    /// Print each subtask's full text instead of its last [`SHORT_TEXT`] characters after `…`.
    pub full: bool,
}

/// How many characters of a subtask's text the outline shows unless [`OutlineOptions::full`].
pub const SHORT_TEXT: usize = 24;

/// How many candidates of an ambiguous slot the outline names.
pub const SHOWN_CANDIDATES: usize = 5;

/// Renders `plan` as an outline, with subtasks shortened.
pub fn render(plan: &Plan) -> String {
    render_with(plan, &OutlineOptions::default())
}

/// Renders `plan` as an outline as `options` say.
pub fn render_with(plan: &Plan, options: &OutlineOptions) -> String {
    let mut out = String::new();
    let doc = &plan.document;
    let _ = writeln!(out, "{}", doc.title.as_deref().unwrap_or("(untitled plan)"));
    if let Some(year) = doc.year {
        let _ = writeln!(out, "year: {year}");
    }
    if let Some(period) = &doc.inferred_period {
        let _ = writeln!(
            out,
            "year: none printed; {} inferred from the bodies named ({} slot(s) resolved within it)",
            period.years(),
            period.resolved_within.len()
        );
    }
    for (label, value) in [
        ("identifier", &doc.identifier),
        ("issuer", &doc.issuer),
        ("issued", &doc.issued),
        ("published", &doc.published),
        ("page headline", &doc.page_headline),
        ("page posted", &doc.page_posted),
    ] {
        if let Some(value) = value {
            let _ = writeln!(out, "{label}: {value}");
        }
    }
    let _ = writeln!(
        out,
        "source: {} ({}{}, {} chars)",
        plan.source.name,
        match plan.source.format.as_str() {
            "text" => String::new(),
            format => format!("{format}, "),
        },
        plan.source.encoding,
        plan.source.chars
    );
    if let Some(dup) = plan.body.dropped_duplicate {
        let _ = writeln!(
            out,
            "note: the body is printed twice; dropped the copy at [{}, {})",
            dup.begin, dup.end
        );
    }
    let slots: Vec<_> = plan.slots().collect();
    let subtasks: usize = plan.tasks.iter().map(|t| t.subtasks.len()).sum();
    let empty = slots
        .iter()
        .filter(|(_, _, s)| s.resolution == Outcome::EmptySlot)
        .count();
    let _ = writeln!(
        out,
        "{}, {}, {} ({empty} empty)",
        count(plan.tasks.len(), "task"),
        count(subtasks, "subtask"),
        count(slots.len(), "responsibility slot"),
    );
    out.push_str(&legend::legend(plan, options));
    let mut section = None;
    for task in &plan.tasks {
        if task.section != section {
            section = task.section;
            if let Some(s) = plan.sections.iter().find(|s| Some(s.number) == section) {
                let _ = writeln!(out, "\n== {}、{}", s.number, s.title);
            }
        }
        render_task(&mut out, plan, task, options);
    }
    if !plan.mentions.is_empty() {
        let _ = writeln!(out, "\nMentions");
        for m in &plan.mentions {
            let mut places: Vec<String> = m.occurrences.iter().map(place).collect();
            places.dedup();
            let registered = if m.entity.is_some() {
                ""
            } else {
                " [not in registry]"
            };
            let _ = writeln!(
                out,
                "  {:?} {}{}: {}",
                m.kind,
                m.name,
                registered,
                places.join(", ")
            );
        }
    }
    if !plan.cited_plans.is_empty() {
        let _ = writeln!(out, "\nCited plans");
        for cited in &plan.cited_plans {
            let places: Vec<String> = cited.occurrences.iter().map(place).collect();
            let relation = match cited.relation {
                PlanRelation::BasedOn => "based on",
                PlanRelation::References => "cited",
            };
            let _ = writeln!(out, "  {} [{relation}]: {}", cited.title, places.join(", "));
        }
    }
    if !plan.unread.is_empty() {
        let at: Vec<String> = plan
            .unread
            .iter()
            .map(|u| u.span.begin.to_string())
            .collect();
        let _ = writeln!(
            out,
            "\n! {} paragraph(s) print an assignment that was not read, at {} (parse --explain lists them)",
            plan.unread.len(),
            at.join(", ")
        );
    }
    for gap in &plan.partner_gaps {
        let place = gap.task.as_deref().unwrap_or("preamble");
        let _ = writeln!(
            out,
            "  ! partner gap in task {place} at {}: {}",
            gap.span.begin, gap.list
        );
    }
    out
}

fn render_task(out: &mut String, plan: &Plan, task: &Task, options: &OutlineOptions) {
    let shown = |text: &str| {
        if options.full {
            text.to_string()
        } else {
            tail(text, SHORT_TEXT)
        }
    };
    let indent = if task.parent.is_some() { "  " } else { "" };
    let _ = writeln!(out, "\n{indent}({}) {}", task.id, task.title);
    for sub in &task.subtasks {
        let p = &sub.parenthetical;
        let mut notes = Vec::new();
        if p.open_list {
            notes.push("open list (等)");
        }
        if p.incomplete {
            notes.push("parenthetical cut off");
        }
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!("  [{}]", notes.join("; "))
        };
        if let Some(heading) = &sub.heading {
            let _ = writeln!(out, "{indent}  — {heading}");
        }
        let _ = writeln!(
            out,
            "{indent}  {}.{} {}{}",
            task.id,
            sub.ordinal,
            shown(&sub.text),
            notes
        );
        for role in Role::ALL {
            let names: Vec<String> = p
                .slots
                .iter()
                .filter(|s| s.role == role)
                .map(|s| slot_label(plan, s))
                .collect();
            if !names.is_empty() {
                let _ = writeln!(
                    out,
                    "{indent}      {:<11} {}",
                    role.as_str(),
                    names.join("、")
                );
            }
        }
        if let Some(deadline) = &p.deadline {
            let date = deadline
                .date
                .as_ref()
                .map_or_else(String::new, |d| format!(" ({d})"));
            let _ = writeln!(
                out,
                "{indent}      {:<11} {}{date}",
                "due", deadline.printed
            );
        }
    }
    for official in plan
        .officials
        .iter()
        .filter(|o| o.task.as_deref() == Some(task.id.as_str()))
    {
        let _ = writeln!(
            out,
            "{indent}      {:<11} {} ({}, not a slot)",
            "official", official.name, official.word
        );
    }
    if let Some(rest) = &task.unassigned {
        let _ = writeln!(
            out,
            "{indent}  ! no agency named for: {}",
            shown(&rest.text)
        );
    }
}

/// `工商总局`, `新闻出版 → 国家新闻出版广电总局 [truncated, #5]`, `∅ [empty slot, #2]`,
/// `部 [ambiguous, #3: one of 中共中央宣传部, 民政部, 环境保护部, 外交部, 工业和信息化部 … (+13 more)]` …
fn slot_label(plan: &Plan, slot: &Slot) -> String {
    let printed = slot.printed_name.as_deref().unwrap_or("∅");
    let full = plan.agency(slot).map(|a| a.name_zh.as_str());
    match slot.resolution {
        Outcome::Exact => printed.to_string(),
        Outcome::Alias => printed.to_string(),
        Outcome::Truncated => format!(
            "{printed} → {} [truncated, #{}]",
            full.unwrap_or("?"),
            slot.position
        ),
        Outcome::Ambiguous => format!(
            "{printed} [ambiguous, #{}: {}]",
            slot.position,
            candidates(plan, slot)
        ),
        Outcome::EmptySlot => format!("∅ [empty slot, #{}]", slot.position),
        Outcome::Collective => format!("{printed} [collective, #{}]", slot.position),
        Outcome::Local => format!("{printed} [local, #{}]", slot.position),
        Outcome::Unknown => format!("{printed} [unknown, #{}]", slot.position),
    }
}

/// `one of 中共中央宣传部, 民政部, 环境保护部, 外交部, 工业和信息化部 … (+13 more)`: the first
/// [`SHOWN_CANDIDATES`] candidates by their full names, and how many more there are.
fn candidates(plan: &Plan, slot: &Slot) -> String {
    let total = slot.candidates.len();
    let names: Vec<&str> = plan
        .candidates(slot)
        .take(SHOWN_CANDIDATES)
        .map(|c| c.name_zh.as_str())
        .collect();
    if names.is_empty() {
        return format!("one of {total} candidates");
    }
    let mut text = format!("one of {}", names.join(", "));
    if total > names.len() {
        let _ = write!(text, " … (+{} more)", total - names.len());
    }
    text
}

/// `1 task`, `2 tasks`, `0 tasks`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The last `n` characters of `text`, with a leading ellipsis when cut.
fn tail(text: &str, n: usize) -> String {
    let count = text.chars().count();
    if count <= n {
        return text.to_string();
    }
    let rest: String = text.chars().skip(count - n).collect();
    format!("…{rest}")
}

/// Where an occurrence is: `13.2` (task 13, subtask 2), `13`, or `preamble`.
fn place(occurrence: &Occurrence) -> String {
    match (&occurrence.task, occurrence.subtask) {
        (Some(t), Some(s)) => format!("{t}.{s}"),
        (Some(t), None) => t.clone(),
        (None, _) => "preamble".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::registry::{Registry, DEFAULT_BASE};
    use crate::{bundled_plan, parse, SourceText, UserMetadata};

    fn plan_of(source: &SourceText) -> Plan {
        let registry = Registry::bundled(DEFAULT_BASE).unwrap();
        parse(source, &registry, &UserMetadata::default()).unwrap()
    }

    fn small(text: &str) -> Plan {
        plan_of(&SourceText::plain("small.txt", text))
    }

    #[test]
    fn full_prints_whole_subtasks_and_the_default_shortens_them() {
        let plan = plan_of(&bundled_plan());
        let text = &plan.tasks[0].subtasks[0].text;
        assert!(text.chars().count() > SHORT_TEXT);
        let full = render_with(&plan, &OutlineOptions { full: true });
        assert!(full.contains(&format!("\n  1.1 {text}\n")), "{full}");
        assert!(!full.contains("  1.1 …"));
        let short = render(&plan);
        assert!(short.contains(&format!("\n  1.1 {}\n", tail(text, SHORT_TEXT))));
        assert!(!short.contains(text.as_str()));
    }

    #[test]
    fn ambiguous_slots_name_their_first_candidates() {
        let plan = plan_of(&bundled_plan());
        let (_, _, slot) = plan
            .slots()
            .find(|(_, _, s)| s.resolution == Outcome::Ambiguous)
            .unwrap();
        let total = slot.candidates.len();
        assert!(total > SHOWN_CANDIDATES);
        let names: Vec<&str> = plan
            .candidates(slot)
            .take(SHOWN_CANDIDATES)
            .map(|c| c.name_zh.as_str())
            .collect();
        let printed = slot.printed_name.as_deref().unwrap();
        let expected = format!(
            "{printed} [ambiguous, #{}: one of {} … (+{} more)]",
            slot.position,
            names.join(", "),
            total - SHOWN_CANDIDATES
        );
        assert_eq!(slot_label(&plan, slot), expected);
        assert!(render(&plan).contains(&expected));

        let mut few = slot.clone();
        few.candidates.truncate(3);
        assert_eq!(
            slot_label(&plan, &few),
            format!(
                "{printed} [ambiguous, #{}: one of {}]",
                slot.position,
                names[..3].join(", ")
            )
        );
    }

    #[test]
    fn a_legend_explains_the_marks_used_once() {
        let outline = render(&plan_of(&bundled_plan()));
        assert_eq!(outline.matches("\nLegend\n").count(), 1);
        let legend_at = outline.find("\nLegend\n").unwrap();
        assert!(legend_at < outline.find("\n(1) ").unwrap(), "near the top");
        for line in [
            "\n  …      the text before it is left out (parse --full prints it whole)\n",
            "\n  ∅      an empty slot: a name deleted from the text\n",
            "\n  A → B  printed A, resolved to the registered body B",
            "\n  #n     the slot's position in its parenthetical",
            "\n  等     an open list: the parenthetical ends in 等",
            "\n  !      a flag: a gap in a list of partners",
        ] {
            assert!(outline.contains(line), "{line:?} in\n{outline}");
        }
        let full = render_with(&plan_of(&bundled_plan()), &OutlineOptions { full: true });
        assert!(!full.contains("\n  …"), "nothing is shortened");

        let plain = render(&small(
            "（一）加强版权工作。开展专项检查。（国家版权局负责）\n",
        ));
        assert!(
            plain.contains("\nLegend\n  n.m  subtask m of task n\n\n(1) "),
            "{plain}"
        );
    }

    #[test]
    fn counts_are_singular_for_one() {
        let outline = render(&small(
            "（一）加强版权工作。开展专项检查。（国家版权局负责）\n",
        ));
        assert!(
            outline.contains("\n1 task, 1 subtask, 1 responsibility slot (0 empty)\n"),
            "{outline}"
        );
        let two = render(&small(
            "（一）加强版权工作。开展检查。（国家版权局负责）\n（二）加强商标执法。（工商总局、公安部负责）\n",
        ));
        assert!(
            two.contains("\n2 tasks, 2 subtasks, 3 responsibility slots (0 empty)\n"),
            "{two}"
        );
    }
}
