//! The text outline of a parsed plan: tasks, subtasks, agencies with roles, and every flag
//! (empty, truncated, ambiguous, collective, unknown slot; open list; cut-off parenthetical;
//! partner gap) with its position, for a person to read.

use crate::model::{Occurrence, Outcome, Plan, PlanRelation, Role, Slot, Task};
use std::fmt::Write;

/// Renders `plan` as an outline.
pub fn render(plan: &Plan) -> String {
    let mut out = String::new();
    let doc = &plan.document;
    let _ = writeln!(out, "{}", doc.title.as_deref().unwrap_or("(untitled plan)"));
    if let Some(year) = doc.year {
        let _ = writeln!(out, "year: {year}");
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
        "source: {} ({}, {} chars)",
        plan.source.name, plan.source.encoding, plan.source.chars
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
        "{} tasks, {} subtasks, {} responsibility slots ({} empty)",
        plan.tasks.len(),
        subtasks,
        slots.len(),
        empty
    );
    let mut section = None;
    for task in &plan.tasks {
        if task.section != section {
            section = task.section;
            if let Some(s) = plan.sections.iter().find(|s| Some(s.number) == section) {
                let _ = writeln!(out, "\n== {}、{}", s.number, s.title);
            }
        }
        render_task(&mut out, plan, task);
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

fn render_task(out: &mut String, plan: &Plan, task: &Task) {
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
            tail(&sub.text, 24),
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
    }
    if let Some(rest) = &task.unassigned {
        let _ = writeln!(
            out,
            "{indent}  ! no agency named for: {}",
            tail(&rest.text, 24)
        );
    }
}

/// `工商总局`, `新闻出版 → 国家新闻出版广电总局 [truncated]`, `∅ [empty slot, #2]` …
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
            "{printed} [ambiguous: {} candidates, #{}]",
            slot.candidates.len(),
            slot.position
        ),
        Outcome::EmptySlot => format!("∅ [empty slot, #{}]", slot.position),
        Outcome::Collective => format!("{printed} [collective, #{}]", slot.position),
        Outcome::Local => format!("{printed} [local, #{}]", slot.position),
        Outcome::Unknown => format!("{printed} [unknown, #{}]", slot.position),
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
