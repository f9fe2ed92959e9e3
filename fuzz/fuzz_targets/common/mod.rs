//! What every target checks of a parsed plan: spans inside the input, printed names as printed,
//! slot positions in order, no named empty slot, the same JSON twice, and an N-Quads export that
//! reads back as the same quads.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Dataset;
use plangraph::export::{self, ExportFormat, ExportOptions};
use plangraph::graph::mapping::{map_plan, MappingOptions};
use plangraph::model::{Outcome, Span};
use plangraph::resolve::registry::DEFAULT_BASE;
use plangraph::{parse, Plan, Registry, SourceText, UserMetadata};
use std::sync::OnceLock;

/// The bundled registry, built once per process.
pub fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| Registry::bundled(DEFAULT_BASE).expect("the bundled registry loads"))
}

/// Parses `source` with `registry`; when it parses, checks the plan (and, with `export`, its
/// graph) and returns it.
pub fn check_source(source: &SourceText, registry: &Registry, export: bool) -> Option<Plan> {
    let plan = parse(source, registry, &UserMetadata::default()).ok()?;
    let chars: Vec<char> = source.text.chars().collect();
    check_plan(&plan, &chars);
    let json = serde_json::to_string(&plan).expect("a plan serialises as JSON");
    let again = parse(source, registry, &UserMetadata::default()).expect("parses the second time");
    assert_eq!(
        json,
        serde_json::to_string(&again).unwrap(),
        "the same input parses to the same plan"
    );
    if export {
        check_export(&plan, registry);
    }
    Some(plan)
}

fn inside(span: Span, len: usize, what: &str) {
    assert!(
        span.begin <= span.end && span.end <= len,
        "{what} span {span:?} outside the input of {len} code points"
    );
}

/// The plan's spans, slots and names against the input's code points.
pub fn check_plan(plan: &Plan, chars: &[char]) {
    let len = chars.len();
    assert_eq!(
        plan.source.chars, len,
        "source.chars counts the input's code points"
    );
    for task in &plan.tasks {
        inside(task.span, len, "task");
        for subtask in &task.subtasks {
            inside(subtask.span, len, "subtask");
            let parenthetical = &subtask.parenthetical;
            inside(parenthetical.span, len, "parenthetical");
            if let Some(deadline) = &parenthetical.deadline {
                inside(deadline.span, len, "deadline");
            }
            for (i, slot) in parenthetical.slots.iter().enumerate() {
                inside(slot.span, len, "slot");
                assert_eq!(
                    slot.position,
                    i + 1,
                    "slot positions are 1..=n in order in {:?}",
                    parenthetical.printed
                );
                assert!(
                    !(slot.resolution == Outcome::EmptySlot && slot.printed_name.is_some()),
                    "an empty slot with a name: {slot:?}"
                );
                if let Some(name) = &slot.printed_name {
                    check_printed(name, &chars[slot.span.begin..slot.span.end]);
                }
            }
        }
    }
}

/// A slot's printed name is the input's text at its span, but for the layout noise the reader
/// drops inside a name (ruby pinyin `質(zhì)檢總局` → `質檢總局`, a line break): the span's first
/// and last characters are the name's, and the name is the span's text with characters left
/// out, never added or changed.
fn check_printed(name: &str, at_span: &[char]) {
    let printed: String = at_span.iter().collect();
    let name_chars: Vec<char> = name.chars().collect();
    let ends_match = name_chars.first() == at_span.first() && name_chars.last() == at_span.last();
    let mut rest = at_span.iter();
    let subsequence = name_chars.iter().all(|c| rest.any(|s| s == c));
    assert!(
        !name.is_empty() && ends_match && subsequence,
        "the printed name {name:?} is not the text at its span, {printed:?}"
    );
}

/// The plan's graph as N-Quads reads back as the same set of quads.
fn check_export(plan: &Plan, registry: &Registry) {
    let options = MappingOptions {
        include_reference: false,
        ..MappingOptions::default()
    };
    let quads = map_plan(plan, registry, &options).expect("a parsed plan maps");
    let bytes = export::serialize(&quads, ExportFormat::NQuads, &ExportOptions::default())
        .expect("the quads serialise as N-Quads");
    let back: Dataset = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(&bytes)
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("the N-Quads do not read back: {e}"))
        .into_iter()
        .collect();
    let expected: Dataset = quads.into_iter().collect();
    assert_eq!(back, expected, "the N-Quads read back as the same quads");
}
