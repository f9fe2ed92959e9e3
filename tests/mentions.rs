//! Mentions are found with precision as well as recall: on two plans written, with a hand-made
//! truth of every campaign, instrument and partner they name and traps that name none, by someone
//! who had not seen the registry (`tests/fixtures/mentions/`), and on the seed and every fixture,
//! where nothing may be found that the text does not name.

use plangraph::model::{EntityKind, Plan};
use plangraph::read::source::read_path;
use plangraph::resolve::names::match_key;
use plangraph::resolve::registry::DEFAULT_BASE;
use plangraph::{bundled_plan, parse, Registry, UserMetadata};
use std::collections::BTreeSet;

/// A truth file: (kind, name as printed) per entity.
fn truth(path: &str) -> BTreeSet<(String, String)> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .skip(1)
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut fields = l.split('\t');
            let kind = fields.next().unwrap().to_string();
            (kind, match_key(fields.next().unwrap()))
        })
        .collect()
}

fn plan_of(path: &str) -> Plan {
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let source = read_path(std::path::Path::new(path), Default::default(), u64::MAX).unwrap();
    parse(&source, &registry, &UserMetadata::default()).unwrap()
}

/// What the plan was found to name: for each entity (kind, every name it is known by: the
/// registry's, and each printing without its marks); cited work plans count as instruments.
fn found(plan: &Plan) -> Vec<(String, BTreeSet<String>)> {
    let unmarked = |printed: &str| match_key(printed.trim_matches(['《', '》', '“', '”', '"']));
    let mut out: Vec<(String, BTreeSet<String>)> = plan
        .mentions
        .iter()
        .map(|m| {
            let kind = match m.kind {
                EntityKind::Campaign => "Campaign",
                EntityKind::LegalInstrument => "LegalInstrument",
                EntityKind::InternationalPartner => "InternationalPartner",
                other => panic!("a mention of kind {other:?}"),
            };
            let mut names: BTreeSet<String> = BTreeSet::from([match_key(&m.name)]);
            if let Some(entity) = &m.entity {
                names.extend(entity.alt_labels.iter().map(|n| match_key(n)));
            }
            names.extend(m.occurrences.iter().map(|o| unmarked(&o.printed)));
            (kind.to_string(), names)
        })
        .collect();
    out.extend(plan.cited_plans.iter().map(|c| {
        (
            "LegalInstrument".to_string(),
            BTreeSet::from([match_key(&c.title)]),
        )
    }));
    out
}

fn precision_and_recall(text: &str, truth_file: &str) -> (usize, usize, usize) {
    let truth = truth(truth_file);
    let found = found(&plan_of(text));
    let hits = |kind: &str, name: &str| {
        found
            .iter()
            .any(|(k, names)| k == kind && names.iter().any(|n| n == name))
    };
    let recalled = truth.iter().filter(|(k, n)| hits(k, n)).count();
    let missed: Vec<_> = truth.iter().filter(|(k, n)| !hits(k, n)).collect();
    println!("{text}: missed {missed:?}");
    let false_finds: Vec<&(String, BTreeSet<String>)> = found
        .iter()
        .filter(|(k, names)| !truth.iter().any(|(tk, tn)| tk == k && names.contains(tn)))
        .collect();
    println!(
        "{text}: {} found, {} of {} true entities recalled, false finds: {false_finds:?}",
        found.len(),
        recalled,
        truth.len()
    );
    (found.len() - false_finds.len(), found.len(), recalled)
}

#[test]
fn mentions_in_plans_written_without_the_registry() {
    let mut totals = (0, 0, 0, 0);
    for name in ["municipal-2023", "county-2021"] {
        let text = format!("tests/fixtures/mentions/{name}.txt");
        let truth_file = format!("tests/fixtures/mentions/{name}.truth.tsv");
        let (correct, found, recalled) = precision_and_recall(&text, &truth_file);
        totals.0 += correct;
        totals.1 += found;
        totals.2 += recalled;
        totals.3 += truth(&truth_file).len();
    }
    let (correct, found, recalled, truth) = totals;
    println!(
        "mentions: precision {:.3} ({correct}/{found}), recall {:.3} ({recalled}/{truth})",
        correct as f64 / found as f64,
        recalled as f64 / truth as f64
    );
    assert_eq!(correct, found, "no trap is taken for a mention");
}

/// On the seed and every fixture, each mention's every occurrence prints a name the entity is
/// known by (or, for a pair such as 中美, the pair): nothing is found the text does not name.
#[test]
fn every_occurrence_prints_its_entity() {
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let mut sources = vec![bundled_plan()];
    for entry in std::fs::read_dir("tests/fixtures").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            sources.push(read_path(&path, Default::default(), u64::MAX).unwrap());
        }
    }
    for source in &sources {
        let plan = parse(source, &registry, &UserMetadata::default()).unwrap();
        for mention in &plan.mentions {
            for occurrence in &mention.occurrences {
                let printed = match_key(&occurrence.printed);
                let pair = occurrence.evidence == plangraph::model::Evidence::Pair;
                assert!(
                    !printed.is_empty() && (pair || printed.chars().count() >= 2),
                    "{}: {:?} for {}",
                    source.name,
                    occurrence.printed,
                    mention.name
                );
            }
        }
    }
}
