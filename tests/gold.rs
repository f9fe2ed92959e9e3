//! The parse of the bundled 2017 plan against every hand-checked fact of `tests/gold/seed-2017.json`
//! (a copy of the project's gold file).

use plangraph::model::{Outcome, Plan, Role, Slot};
use plangraph::resolve::names::match_key;
use plangraph::resolve::registry::DEFAULT_BASE;
use plangraph::{bundled_plan, parse, Registry, UserMetadata};
use serde_json::Value;
use std::collections::BTreeSet;

fn gold() -> Value {
    serde_json::from_str(include_str!("gold/seed-2017.json")).expect("gold file is JSON")
}

fn seed_plan() -> Plan {
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    parse(&bundled_plan(), &registry, &UserMetadata::default()).unwrap()
}

/// Counts the facts compared, so the total can be reported.
#[derive(Default)]
struct Facts(usize);

impl Facts {
    fn eq<T: PartialEq + std::fmt::Debug>(&mut self, actual: T, expected: T, what: &str) {
        assert_eq!(actual, expected, "{what}");
        self.0 += 1;
    }
    fn check(&mut self, ok: bool, what: &str) {
        assert!(ok, "{what}");
        self.0 += 1;
    }
}

fn source_slice(span: plangraph::model::Span) -> String {
    bundled_plan()
        .text
        .chars()
        .skip(span.begin)
        .take(span.end - span.begin)
        .collect()
}

#[test]
fn seed_parse_holds_every_gold_fact() {
    let gold = gold();
    let plan = seed_plan();
    let mut facts = Facts::default();
    document_facts(&gold, &plan, &mut facts);
    task_facts(&gold, &plan, &mut facts);
    agency_facts(&gold, &plan, &mut facts);
    mention_facts(&gold, &plan, &mut facts);
    println!("gold facts checked: {}", facts.0);
    assert!(
        facts.0 > 900,
        "the gold test checks every fact ({} checked)",
        facts.0
    );
}

fn document_facts(gold: &Value, plan: &Plan, facts: &mut Facts) {
    let doc = &gold["document"];
    facts.eq(
        plan.document.title_as_printed.as_deref(),
        doc["title_as_printed"].as_str(),
        "title as printed",
    );
    facts.eq(
        plan.document.year.map(i64::from),
        doc["year"].as_i64(),
        "year",
    );
    facts.eq(
        plan.document.page_headline.as_deref(),
        doc["page_headline"].as_str(),
        "headline",
    );
    facts.eq(
        plan.document.page_posted.as_deref(),
        doc["page_posted"].as_str(),
        "posting date",
    );
    facts.eq(
        plan.tasks.len() as u64,
        doc["task_count"].as_u64().unwrap(),
        "task count",
    );
    let subtasks: usize = plan.tasks.iter().map(|t| t.subtasks.len()).sum();
    facts.eq(
        subtasks as u64,
        doc["responsibility_clause_count"].as_u64().unwrap(),
        "subtask count",
    );
    let copies = 1 + usize::from(plan.body.dropped_duplicate.is_some());
    facts.eq(
        copies as u64,
        doc["body_copies_in_source"].as_u64().unwrap(),
        "body copies",
    );
    let empty = plan
        .slots()
        .filter(|(_, _, s)| s.resolution == Outcome::EmptySlot)
        .count();
    facts.eq(
        empty as u64,
        doc["empty_agency_slots"].as_u64().unwrap(),
        "empty slots",
    );
}

fn task_facts(gold: &Value, plan: &Plan, facts: &mut Facts) {
    for (gold_task, task) in gold["tasks"].as_array().unwrap().iter().zip(&plan.tasks) {
        let n = gold_task["number"].as_u64().unwrap();
        facts.eq(u64::from(task.number), n, "task number");
        facts.eq(
            task.title.as_str(),
            gold_task["title"].as_str().unwrap(),
            &format!("title of task {n}"),
        );
        facts.check(
            source_slice(task.span).contains(&task.title),
            &format!("task {n}'s span holds its title"),
        );
        let clauses = gold_task["clauses"].as_array().unwrap();
        facts.eq(
            task.subtasks.len(),
            clauses.len(),
            &format!("subtasks of task {n}"),
        );
        for (clause, sub) in clauses.iter().zip(&task.subtasks) {
            let at = format!("task {n} subtask {}", sub.ordinal);
            facts.eq(sub.ordinal as u64, clause["ordinal"].as_u64().unwrap(), &at);
            facts.check(
                sub.text
                    .ends_with(clause["text_ends_with"].as_str().unwrap()),
                &format!("{at} text end"),
            );
            let printed = clause["parenthetical"].as_str().unwrap();
            facts.eq(
                sub.parenthetical.printed.as_str(),
                printed,
                &format!("{at} parenthetical"),
            );
            facts.eq(
                source_slice(sub.parenthetical.span),
                printed.to_string(),
                &format!("{at} parenthetical span"),
            );
            facts.eq(
                sub.parenthetical.open_list,
                clause["open_list"].as_bool().unwrap(),
                &format!("{at} open list"),
            );
            let mut expected: Vec<(Role, Option<String>)> = Vec::new();
            for (key, role) in [
                ("lead", Role::Lead),
                ("responsible", Role::Responsible),
                ("supporting", Role::Supporting),
            ] {
                for name in clause[key].as_array().unwrap() {
                    expected.push((role, name.as_str().map(str::to_string)));
                }
            }
            facts.eq(
                sub.parenthetical.slots.len(),
                expected.len(),
                &format!("{at} slot count"),
            );
            for (i, (slot, (role, name))) in
                sub.parenthetical.slots.iter().zip(&expected).enumerate()
            {
                let slot_at = format!("{at} slot {}", i + 1);
                facts.eq(slot.position, i + 1, &format!("{slot_at} position"));
                facts.eq(slot.role, *role, &format!("{slot_at} role"));
                facts.eq(
                    slot.printed_name.as_ref(),
                    name.as_ref(),
                    &format!("{slot_at} printed name"),
                );
                if let Some(name) = name {
                    facts.eq(
                        source_slice(slot.span),
                        name.clone(),
                        &format!("{slot_at} span"),
                    );
                }
            }
        }
    }
}

fn agency_facts(gold: &Value, plan: &Plan, facts: &mut Facts) {
    let names = gold["agencies"]["names"].as_object().unwrap();
    let printed: BTreeSet<&str> = plan
        .slots()
        .filter_map(|(_, _, s)| s.printed_name.as_deref())
        .collect();
    let known: BTreeSet<&str> = names.keys().map(String::as_str).collect();
    facts.eq(printed, known, "the printed agency names are the gold's");
    for (name, expected) in names {
        let slots: Vec<&Slot> = plan
            .slots()
            .map(|(_, _, s)| s)
            .filter(|s| s.printed_name.as_deref() == Some(name))
            .collect();
        for slot in slots {
            let agency = slot.agency.as_ref().map(|a| &plan.agencies[a]);
            let full = expected["full"].as_str();
            let en = expected["en"].as_str();
            let form = expected["form"].as_str().unwrap();
            match form {
                "exact" => facts.check(
                    matches!(slot.resolution, Outcome::Exact | Outcome::Alias),
                    &format!("{name} resolves exactly"),
                ),
                "truncated" => facts.eq(
                    slot.resolution,
                    Outcome::Truncated,
                    &format!("{name} is truncated"),
                ),
                "collective" => facts.eq(
                    slot.resolution,
                    Outcome::Collective,
                    &format!("{name} is collective"),
                ),
                "ambiguous" => {
                    facts.eq(
                        slot.resolution,
                        Outcome::Ambiguous,
                        &format!("{name} is ambiguous"),
                    );
                    facts.check(
                        slot.agency.is_none() && slot.candidates.len() > 1,
                        &format!("{name} picks none"),
                    );
                }
                other => panic!("unknown gold form {other}"),
            }
            if form != "ambiguous" {
                facts.eq(
                    agency.map(|a| a.name_zh.as_str()),
                    full,
                    &format!("{name} full name"),
                );
            }
            if matches!(form, "exact" | "truncated") {
                facts.eq(
                    agency.and_then(|a| a.name_en.as_deref()),
                    en,
                    &format!("{name} English name"),
                );
            }
        }
    }
}

/// The task numbers at which an entity matching `name` or `accept` is mentioned (0 = preamble),
/// or `None` when no such entity is found.
fn mentioned_in(plan: &Plan, item: &Value) -> Option<BTreeSet<u64>> {
    let mut keys: BTreeSet<String> = BTreeSet::new();
    keys.insert(match_key(item["name"].as_str().unwrap()));
    for accepted in item["accept"].as_array().into_iter().flatten() {
        keys.insert(match_key(accepted.as_str().unwrap()));
    }
    let entity = plan.mentions.iter().find(|m| {
        let mut names = vec![m.name.clone()];
        if let Some(e) = &m.entity {
            names.extend(e.alt_labels.iter().cloned());
        }
        names.iter().any(|n| keys.contains(&match_key(n)))
    })?;
    Some(
        entity
            .occurrences
            .iter()
            .map(|o| o.task.as_deref().map_or(0, |t| t.parse().unwrap()))
            .collect(),
    )
}

fn mention_facts(gold: &Value, plan: &Plan, facts: &mut Facts) {
    for group in ["campaigns", "legal_instruments", "partners"] {
        for level in ["must", "should"] {
            for item in gold[group][level].as_array().into_iter().flatten() {
                let name = item["name"].as_str().unwrap();
                let expected: BTreeSet<u64> = item["tasks"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| t.as_u64().unwrap())
                    .collect();
                facts.eq(
                    mentioned_in(plan, item),
                    Some(expected),
                    &format!("{group} {level}: {name}"),
                );
            }
        }
    }
    // Two deleted partners: 中欧、、中巴(西) in task 28 and 中欧、、中日韩 in task 29.
    let gaps: Vec<(Option<&str>, &str)> = plan
        .partner_gaps
        .iter()
        .map(|g| (g.task.as_deref(), g.list.as_str()))
        .collect();
    facts.eq(
        gaps,
        vec![
            (Some("28"), "中欧、、中巴(西)"),
            (Some("29"), "中欧、、中日韩"),
        ],
        "partner gaps",
    );
}

#[test]
fn spans_point_into_the_original_text() {
    let plan = seed_plan();
    let source: Vec<char> = bundled_plan().text.chars().collect();
    for task in &plan.tasks {
        let text: String = source[task.span.begin..task.span.end].iter().collect();
        assert_eq!(text, task.text, "task {} text is its span", task.id);
        for sub in &task.subtasks {
            assert!(task.span.contains(sub.span));
            assert!(sub.span.contains(sub.parenthetical.span));
            for slot in &sub.parenthetical.slots {
                assert!(sub.parenthetical.span.contains(slot.span));
            }
        }
    }
    // The body kept is the first printed copy; the dropped one follows it.
    let dup = plan.body.dropped_duplicate.unwrap();
    assert!(plan.body.span.end <= dup.begin);
}

/// Every agency a slot refers to is described in the plan's `agencies`, on the seed and every
/// fixture: the typed slugs never point at nothing.
#[test]
fn every_slot_agency_and_candidate_is_described() {
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let mut sources = vec![bundled_plan()];
    for entry in std::fs::read_dir("tests/fixtures").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            sources.push(
                plangraph::read::source::read_path(&path, Default::default(), u64::MAX).unwrap(),
            );
        }
    }
    for source in &sources {
        let plan = parse(source, &registry, &UserMetadata::default()).unwrap();
        for (_, _, slot) in plan.slots() {
            assert_eq!(
                plan.agency(slot).is_some(),
                slot.agency.is_some(),
                "{}",
                source.name
            );
            assert_eq!(
                plan.candidates(slot).count(),
                slot.candidates.len(),
                "{}",
                source.name
            );
        }
        let used: BTreeSet<_> = plan
            .slots()
            .flat_map(|(_, _, s)| s.agency.iter().chain(&s.candidates))
            .collect();
        assert_eq!(
            used.len(),
            plan.agencies.len(),
            "{}: no agency described that no slot names",
            source.name
        );
    }
}
