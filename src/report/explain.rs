//! `plangraph parse --explain`: what the parser decided and why, for a user whose document
//! parses oddly — the encoding, the frame, where the body is and what was dropped around it, the
//! numbering found, and the form of each responsibility parenthetical.

use crate::model::AssignmentForm;
use crate::model::Span;
use crate::model::{Plan, Subtask};
use crate::text::Location;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The explanation of `plan`, parsed from `original` (the decoded input).
pub fn explain(plan: &Plan, original: &str) -> String {
    let line_of = |offset: usize| Location::of_char(original.chars(), offset).line;
    let lines = |span: Span| {
        format!(
            "lines {}–{}",
            line_of(span.begin),
            line_of(span.end.saturating_sub(1))
        )
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "input: {} ({}, {} characters)",
        plan.source.name, plan.source.encoding, plan.source.chars
    );
    for note in &plan.source.extraction {
        let _ = writeln!(out, "reading: {note}");
    }
    if plan.source.format != "text" {
        let _ = writeln!(
            out,
            "spans: code points in the text read from the {} (`plangraph text {}` prints it){}",
            plan.source.format,
            plan.source.name,
            if plan.source.format == "html" {
                ", each with its range in the page source"
            } else {
                ""
            }
        );
    }

    let doc = &plan.document;
    let frame: Vec<String> = [
        ("number", &doc.identifier),
        ("issuer", &doc.issuer),
        ("signed", &doc.issued),
        ("published", &doc.published),
        ("title in 《》", &doc.title_as_printed),
        ("page headline", &doc.page_headline),
        ("page posted", &doc.page_posted),
    ]
    .iter()
    .filter_map(|(label, value)| value.as_ref().map(|v| format!("{label} {v}")))
    .collect();
    let _ = writeln!(
        out,
        "frame: {}",
        if frame.is_empty() {
            "nothing found".into()
        } else {
            frame.join("; ")
        }
    );
    match doc.year {
        Some(year) => {
            let _ = writeln!(
                out,
                "year: {year} (from the title; agencies are resolved as of that year)"
            );
        }
        None => match &doc.inferred_period {
            Some(period) => {
                let names = |slugs: &[crate::model::EntitySlug]| {
                    slugs
                        .iter()
                        .map(|s| {
                            plan.agencies
                                .get(s)
                                .map_or(s.to_string(), |a| a.name_zh.clone())
                        })
                        .collect::<Vec<_>>()
                        .join("、")
                };
                let _ = writeln!(
                    out,
                    "year: none printed; period {} inferred (not printed) from the {} bodies named in full: from {} ({}), until {} ({}); agencies are resolved as of that period",
                    period.years(),
                    period.bodies_named,
                    period.from.map_or("-".into(), |y| y.to_string()),
                    names(&period.from_bodies),
                    period.until.map_or("-".into(), |y| y.to_string()),
                    names(&period.until_bodies),
                );
                for at in &period.resolved_within {
                    let slot = plan
                        .task(&at.task)
                        .and_then(|t| t.subtasks.iter().find(|s| s.ordinal == at.subtask))
                        .and_then(|s| {
                            s.parenthetical
                                .slots
                                .iter()
                                .find(|s| s.position == at.position)
                        });
                    let named = slot.map_or(String::new(), |slot| {
                        format!(
                            ": {} → {}",
                            slot.printed_name.as_deref().unwrap_or("∅"),
                            plan.agency(slot).map_or("-", |a| a.name_zh.as_str())
                        )
                    });
                    let _ = writeln!(
                        out,
                        "  resolved within the inferred period: {}.{} #{}{named}",
                        at.task, at.subtask, at.position
                    );
                }
            }
            None => {
                let _ = writeln!(out, "year: unknown (agencies of every year are candidates)");
            }
        },
    }

    let _ = writeln!(
        out,
        "body: {} (characters {}–{})",
        lines(plan.body.span),
        plan.body.span.begin,
        plan.body.span.end
    );
    for chrome in &plan.body.chrome {
        let _ = writeln!(out, "dropped as page chrome: {}", lines(*chrome));
    }
    if let Some(dup) = plan.body.dropped_duplicate {
        let _ = writeln!(
            out,
            "dropped a second printed copy of the body: {}",
            lines(dup)
        );
    }

    let mut markers: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for task in &plan.tasks {
        let kind = task.marker.example();
        markers.entry(kind).or_default().push(task.number);
    }
    let _ = writeln!(out, "sections (一、): {}", plan.sections.len());
    for (kind, numbers) in &markers {
        let first = numbers.first().copied().unwrap_or(0);
        let last = numbers.last().copied().unwrap_or(0);
        let _ = writeln!(
            out,
            "tasks numbered {kind}: {} (from {first} to {last})",
            numbers.len()
        );
    }
    let nested = plan.tasks.iter().filter(|t| t.parent.is_some()).count();
    if nested > 0 {
        let _ = writeln!(out, "tasks nested under a （一） group: {nested}");
    }

    let _ = writeln!(out, "parentheticals:");
    for task in &plan.tasks {
        if task.subtasks.is_empty() {
            let _ = writeln!(out, "  {}: none (no agency named for this task)", task.id);
        }
        for sub in &task.subtasks {
            let _ = writeln!(
                out,
                "  {}.{} {} {}",
                task.id,
                sub.ordinal,
                form(sub),
                lines(sub.parenthetical.span)
            );
        }
        if let Some(rest) = &task.unassigned {
            let _ = writeln!(
                out,
                "  {}: clauses after the last parenthetical, {}",
                task.id,
                lines(rest.span)
            );
        }
    }
    for official in &plan.officials {
        let _ = writeln!(
            out,
            "official (not a slot): {} ({}), task {}, line {}",
            official.name,
            official.word,
            official.task.as_deref().unwrap_or("none"),
            line_of(official.span.begin)
        );
    }
    for unread in &plan.unread {
        let _ = writeln!(
            out,
            "not read: line {} prints an assignment no form above holds: {}",
            line_of(unread.span.begin),
            unread.text
        );
    }
    out
}

/// The parenthetical with each name replaced by X and each empty slot by ∅ (`（X牵头负责，X、∅按职责分工负责）`),
/// then the labels or role words that gave roles (`[labels: 牵头单位 → lead, 配合 → supporting]`)
/// and the deadline with its date (`[deadline: 2021年底前完成, due 2021-12-31]`), where printed.
fn form(sub: &Subtask) -> String {
    let p = &sub.parenthetical;
    let chars: Vec<char> = p.printed.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let relative = |offset: usize| offset.saturating_sub(p.span.begin);
    let mut slots = p.slots.iter().peekable();
    while i < chars.len() {
        match slots.peek() {
            Some(slot) if slot.printed_name.is_some() && relative(slot.span.begin) == i => {
                out.push('X');
                i = relative(slot.span.end).max(i + 1);
                slots.next();
            }
            Some(slot) if slot.printed_name.is_none() && relative(slot.span.begin) == i => {
                out.push('∅');
                slots.next();
            }
            _ => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    if p.incomplete {
        out.push_str(" [cut off]");
    }
    // The labels and role words that gave roles, each once in printed order, and the deadline.
    let mut labels: Vec<(&str, &str)> = Vec::new();
    for slot in &p.slots {
        if let Some(label) = &slot.label {
            let entry = (label.as_str(), slot.role.as_str());
            if !labels.contains(&entry) {
                labels.push(entry);
            }
        }
    }
    if p.form == AssignmentForm::Table {
        // The cells are shown by the columns that gave roles, the header's words.
        out = "table row".to_string();
    }
    if p.form == AssignmentForm::LabelLines {
        let (lines, line_labels) = label_lines(&out, &labels);
        out = lines;
        labels.retain(|(label, _)| !line_labels.iter().any(|l| l == label));
    }
    if !labels.is_empty() {
        let shown: Vec<String> = labels
            .iter()
            .map(|(label, role)| format!("{label} → {role}"))
            .collect();
        let _ = write!(out, " [labels: {}]", shown.join(", "));
    }
    if let Some(rule) = p.slots.iter().find_map(|s| s.rule.as_ref()) {
        let _ = write!(out, " [rule: {} → lead]", rule.text);
    }
    if let Some(deadline) = &p.deadline {
        let date = deadline
            .date
            .as_deref()
            .map_or("no date".to_string(), |d| format!("due {d}"));
        let _ = write!(out, " [deadline: {}, {date}]", deadline.printed);
    }
    out
}

/// Label lines by their labels, given the lines with names replaced (`form`) and the labels
/// that gave roles: `label lines: 牵头单位 → lead, 部门分工 (X牵头，X配合), 完成时限`; and the
/// labels of the lines.
fn label_lines(form: &str, labels: &[(&str, &str)]) -> (String, Vec<String>) {
    let mut entries = Vec::new();
    let mut line_labels = Vec::new();
    for line in form.lines() {
        let (label, value) = line.split_once('：').unwrap_or((line, ""));
        line_labels.push(label.to_string());
        let entry = match labels.iter().find(|(l, _)| *l == label) {
            Some((_, role)) => format!("{label} → {role}"),
            None if value.contains(['X', '∅']) => format!("{label} ({value})"),
            None => label.to_string(),
        };
        entries.push(entry);
    }
    (format!("label lines: {}", entries.join(", ")), line_labels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::registry::{Registry, DEFAULT_BASE};
    use crate::{bundled_plan, parse, UserMetadata};

    #[test]
    fn the_seed_explained() {
        let registry = Registry::bundled(DEFAULT_BASE).unwrap();
        let source = bundled_plan();
        let plan = parse(&source, &registry, &UserMetadata::default()).unwrap();
        let text = explain(&plan, &source.text);
        assert!(
            text.contains("dropped a second printed copy of the body: lines 73–137"),
            "{text}"
        );
        assert!(text.contains("tasks numbered （一）: 31 (from 1 to 31)"));
        assert!(
            text.contains("  11.1 (X牵头负责,X、X、X、X、X、X按职责分工负责) "),
            "{text}"
        );
        assert!(text.contains("  28.2 (X、X、X、∅牵头负责) "), "{text}");
        assert!(text.contains("  13.1 (∅负责) "), "{text}");
    }
}
