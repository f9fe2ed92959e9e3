//! The seed in every clothing a user may hold it in — a Word file, a PDF, a saved web page,
//! UTF-16 text, a Taiwan-localised copy, a PDF text dump wrapped at a fixed width with blank
//! lines and page footers — gives the same facts as the seed itself: every slot (task,
//! subtask, position, role, outcome, agency) and every entity mentioned. The seed's own facts
//! are held against the hand-checked gold file by `tests/gold.rs`.
//!
//! The Word, PDF and HTML files are made by `tests/fixtures/formats/make-*.{sh,py}` with
//! LibreOffice and Chromium (read from `PLANGRAPH_FORMAT_FIXTURES` when it names a folder: CI
//! remakes them there); the other clothings are made here from the seed.

use plangraph::graph::build_graph;
use plangraph::graph::mapping::MappingOptions;
use plangraph::model::{Outcome, Plan, Role};
use plangraph::pipeline::BUNDLED_PLAN;
use plangraph::read::source::{decode, InputEncoding};
use plangraph::resolve::registry::DEFAULT_BASE;
use plangraph::{bundled_plan, parse, Registry, UserMetadata};
use std::collections::BTreeSet;

fn plan_of_bytes(name: &str, bytes: &[u8]) -> Plan {
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let source = decode(name, bytes, InputEncoding::Auto)
        .unwrap_or_else(|e| panic!("{name} is not read: {e}"));
    parse(&source, &registry, &UserMetadata::default())
        .unwrap_or_else(|e| panic!("{name} does not parse: {e}"))
}

/// A file of the format fixtures: the committed `tests/fixtures/formats`, or the folder
/// `PLANGRAPH_FORMAT_FIXTURES` names (CI remakes the fixtures there with the scripts and runs
/// these tests on them). A missing file fails the test, naming its path.
fn fixture(name: &str) -> Vec<u8> {
    let folder = std::env::var("PLANGRAPH_FORMAT_FIXTURES")
        .ok()
        .filter(|f| !f.is_empty())
        .unwrap_or_else(|| format!("{}/tests/fixtures/formats", env!("CARGO_MANIFEST_DIR")));
    let path = format!("{folder}/{name}");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// One slot's facts, without where it is printed (which differs from clothing to clothing).
type SlotFacts = (
    u32,
    usize,
    usize,
    Role,
    Outcome,
    Option<String>,
    Vec<String>,
);

fn slot_facts(plan: &Plan) -> Vec<SlotFacts> {
    plan.slots()
        .map(|(task, subtask, slot)| {
            (
                task.number,
                subtask.ordinal,
                slot.position,
                slot.role,
                slot.resolution,
                slot.agency.as_ref().map(|a| a.to_string()),
                slot.candidates.iter().map(|c| c.to_string()).collect(),
            )
        })
        .collect()
}

/// Where a mention is: its task and subtask.
type Place = (Option<String>, Option<usize>);

/// Every entity mentioned, with the subtasks it is mentioned in.
fn mention_facts(plan: &Plan) -> BTreeSet<(String, Vec<Place>)> {
    plan.mentions
        .iter()
        .map(|m| {
            let places = m
                .occurrences
                .iter()
                .map(|o| (o.task.clone(), o.subtask))
                .collect();
            (m.id.to_string(), places)
        })
        .collect()
}

/// Asserts that `plan` holds every fact of the seed's plan.
fn holds_the_seed_facts(plan: &Plan, clothing: &str) {
    let seed = parse(
        &bundled_plan(),
        &Registry::bundled(DEFAULT_BASE).unwrap(),
        &UserMetadata::default(),
    )
    .unwrap();
    let (expected, actual) = (slot_facts(&seed), slot_facts(plan));
    assert_eq!(expected.len(), 200, "the seed has 200 slots");
    let missing: Vec<_> = expected.iter().filter(|f| !actual.contains(f)).collect();
    let extra: Vec<_> = actual.iter().filter(|f| !expected.contains(f)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{clothing}: {} of 200 slots differ\nmissing: {missing:#?}\nextra: {extra:#?}",
        missing.len()
    );
    assert_eq!(
        mention_facts(plan),
        mention_facts(&seed),
        "{clothing}: the entities mentioned"
    );
    assert_eq!(
        plan.agencies.len(),
        seed.agencies.len(),
        "{clothing}: agencies"
    );
}

#[test]
fn utf16_with_a_byte_order_mark_either_way_round() {
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(BUNDLED_PLAN.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(BUNDLED_PLAN.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    holds_the_seed_facts(&plan_of_bytes("seed-utf16le.txt", &le), "UTF-16LE");
    holds_the_seed_facts(&plan_of_bytes("seed-utf16be.txt", &be), "UTF-16BE");
}

#[test]
fn a_taiwan_localised_copy() {
    // Taiwan script and wordings throughout (OpenCC s2twp): 網路市場監管專項行動,
    // 世界智慧財產權組織, 辦公裝置傢俱, 工業和資訊化部.
    let taiwan = hanconv::s2twp(BUNDLED_PLAN);
    for printed in ["網路市場監管專項行動", "世界智慧財產權組織", "裝置傢俱"]
    {
        assert!(taiwan.contains(printed), "the copy prints {printed}");
    }
    let plan = plan_of_bytes("seed-tw.txt", taiwan.as_bytes());
    holds_the_seed_facts(&plan, "Taiwan-localised");
}

/// The seed's plan as a PDF-to-text tool dumps a printed copy: lines wrapped every `width`
/// characters wherever they fall (inside agency names and 按职责分工), a blank line after each,
/// and a page footer `— n —` every 30 lines.
fn pdf_dump(width: usize) -> String {
    let mut out = String::new();
    let mut printed_lines = 0;
    for line in BUNDLED_PLAN.lines() {
        let chars: Vec<char> = line.trim().chars().collect();
        for piece in chars.chunks(width) {
            out.extend(piece);
            out.push_str("\n\n");
            printed_lines += 1;
            if printed_lines % 30 == 0 {
                out.push_str(&format!("— {} —\n\n", printed_lines / 30));
            }
        }
    }
    out
}

#[test]
fn a_pdf_text_dump_wrapped_anywhere_with_blank_lines_and_page_footers() {
    for width in [23, 28, 31] {
        let dump = pdf_dump(width);
        assert!(dump.contains("— 3 —"));
        let plan = plan_of_bytes(&format!("seed-wrapped-{width}.txt"), dump.as_bytes());
        holds_the_seed_facts(&plan, &format!("wrapped at {width}"));
    }
}

#[test]
fn a_word_file() {
    let plan = plan_of_bytes("seed-2017.docx", &fixture("seed-2017.docx"));
    holds_the_seed_facts(&plan, "Word");
}

#[test]
fn a_web_page_as_a_browser_saves_it_and_as_authored() {
    for name in ["seed-2017.html", "page-2017-authored.html"] {
        let bytes = fixture(name);
        let plan = plan_of_bytes(name, &bytes);
        holds_the_seed_facts(&plan, name);
        // Every slot's printed name is also where its span says in the page source, with
        // markup or a character reference in between where the page has one.
        let page: Vec<char> = String::from_utf8(bytes).unwrap().chars().collect();
        for (_, _, slot) in plan.slots() {
            let (Some(name), Some(range)) = (&slot.printed_name, slot.span.page) else {
                continue;
            };
            let source: String = page[range.begin..range.end].iter().collect();
            let first = name.chars().next().unwrap();
            let last = name.chars().last().unwrap();
            assert!(
                source.starts_with(first) && source.ends_with(last),
                "{name} at {range:?} of the page is {source:?}"
            );
        }
    }
}

#[test]
fn a_pdf_made_by_libreoffice_with_page_footers() {
    let plan = plan_of_bytes("seed-2017.pdf", &fixture("seed-2017.pdf"));
    holds_the_seed_facts(&plan, "PDF");
}

#[test]
fn a_scanned_pdf_and_other_files_without_text_are_refused_by_name() {
    let scanned = decode("scan.pdf", &fixture("scanned.pdf"), InputEncoding::Auto).unwrap_err();
    assert_eq!(
        scanned.to_string(),
        "scan.pdf: is a scanned PDF: its 2 pages have no text layer (run OCR first)"
    );
    let pdf = fixture("seed-2017.pdf");
    let cut = decode("cut.pdf", &pdf[..pdf.len() / 2], InputEncoding::Auto).unwrap_err();
    assert!(
        cut.to_string()
            .starts_with("cut.pdf: is not a readable PDF"),
        "{cut}"
    );
}

#[test]
fn a_copy_without_its_title_resolves_within_the_period_its_bodies_bound() {
    // Every line naming the plan (its title, in the notice and in the page headline) left out:
    // the text prints no year of its own.
    let yearless: String = BUNDLED_PLAN
        .lines()
        .filter(|l| !l.contains("工作要点"))
        .map(|l| format!("{l}\n"))
        .collect();
    let plan = plan_of_bytes("seed-untitled.txt", yearless.as_bytes());
    assert_eq!(
        plan.document.year, None,
        "no year is printed, and none is made up"
    );
    let period = plan
        .document
        .inferred_period
        .as_ref()
        .expect("a period is inferred");
    assert_eq!(
        (period.from, period.until, period.inferred),
        (Some(2013), Some(2018), true)
    );
    assert_eq!(period.years(), "2013–2018");
    assert!(period
        .from_bodies
        .iter()
        .any(|b| b.to_string() == "agency/cfda"));
    assert!(period
        .until_bodies
        .iter()
        .any(|b| b.to_string() == "agency/saic"));
    // 新闻出版 fits three bodies over the years, one in 2013–2018: those slots say so.
    let press: Vec<_> = plan
        .slots()
        .filter(|(_, _, s)| s.printed_name.as_deref() == Some("新闻出版"))
        .map(|(t, s, slot)| (t.id.clone(), s.ordinal, slot.position))
        .collect();
    assert!(!press.is_empty());
    for (task, subtask, position) in &press {
        assert!(period
            .resolved_within
            .iter()
            .any(|r| (&r.task, r.subtask, r.position) == (task, *subtask, *position)));
    }
    holds_the_seed_facts(&plan, "untitled");

    // The graph says the same: a period that is inferred, with its bounds and the bodies they
    // come from, the slots resolved within it, and no pg:year.
    let source = decode(
        "seed-untitled.txt",
        yearless.as_bytes(),
        InputEncoding::Auto,
    )
    .unwrap();
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let graph = build_graph(
        &[source],
        &registry,
        &UserMetadata::default(),
        &MappingOptions::default(),
    )
    .unwrap();
    let pg = |local: &str| format!("https://w3id.org/plangraph#{local}");
    let count = |predicate: &str| {
        graph
            .quads
            .iter()
            .filter(|q| q.predicate.as_str() == pg(predicate))
            .count()
    };
    assert_eq!(count("inferredPeriod"), 1);
    assert_eq!(count("year"), 0);
    assert_eq!(count("resolvedWithin"), period.resolved_within.len());
    let bound: Vec<String> = graph
        .quads
        .iter()
        .filter(|q| {
            q.predicate.as_str() == pg("earliestYear") || q.predicate.as_str() == pg("latestYear")
        })
        .map(|q| q.object.to_string())
        .collect();
    assert_eq!(bound.len(), 2, "{bound:?}");
    assert!(bound
        .iter()
        .all(|b| b.ends_with("^^<http://www.w3.org/2001/XMLSchema#gYear>")));
}

#[test]
fn a_word_table_reads_as_the_same_table_copied_to_text() {
    let from_word = plan_of_bytes("table-2022.docx", &fixture("table-2022.docx"));
    let path = format!(
        "{}/tests/fixtures/genre/table-2022.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let from_text = plan_of_bytes("table-2022.txt", &std::fs::read(&path).unwrap());
    assert_eq!(slot_facts(&from_word).len(), 8);
    assert_eq!(slot_facts(&from_word), slot_facts(&from_text));
    let deadlines = |plan: &Plan| -> Vec<Option<String>> {
        plan.tasks
            .iter()
            .flat_map(|t| &t.subtasks)
            .map(|s| {
                s.parenthetical
                    .deadline
                    .as_ref()
                    .and_then(|d| d.date.clone())
            })
            .collect()
    };
    assert_eq!(deadlines(&from_word), deadlines(&from_text));
}

#[test]
fn a_word_file_whose_tasks_word_numbers_itself() {
    // The tasks' （一）…（三十一） are drawn by a Word list (numbering.xml, Chinese counting),
    // not typed: the reader writes them into the text as Word draws them.
    let plan = plan_of_bytes("numbered-2017.docx", &fixture("numbered-2017.docx"));
    assert!(plan
        .source
        .extraction
        .iter()
        .any(|note| note.starts_with("31 paragraph(s) numbered by Word's list numbering")));
    holds_the_seed_facts(&plan, "Word list numbering");
}
