//! Times `link` (name comparison and decisions, after both sides are read) and prints the
//! figures: the bundled plan against the traditional-script test dataset, and against synthetic
//! datasets of N labelled entities (registry names as printed, with the state's name in front,
//! as units, in English, and random strings of the same characters).
//!
//! Run with `cargo bench --bench link` (`PLANGRAPH_BENCH_N=1000,10000` for other sizes).

mod common;

use common::median;
use plangraph::graph::build_graph;
use plangraph::graph::mapping::MappingOptions;
use plangraph::link::{self, Relation, TheirEntity};
use plangraph::rdf::input::read_rdf_file;
use plangraph::resolve::registry::DEFAULT_BASE;
use plangraph::{bundled_plan, Registry, UserMetadata};
use std::hint::black_box;

/// N entities built from the registry's names, deterministically.
fn synthetic(registry: &Registry, n: usize) -> Vec<TheirEntity> {
    let names: Vec<(&str, Option<&str>)> = registry
        .entities()
        .iter()
        .map(|e| (e.name_zh.as_str(), e.name_en.as_deref()))
        .collect();
    let pool: Vec<char> = names.iter().flat_map(|(zh, _)| zh.chars()).collect();
    let mut state: u64 = 0x2017;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    (0..n)
        .map(|i| {
            let (zh, en) = names[next() % names.len()];
            let label = match i % 5 {
                0 => zh.to_string(),
                1 => format!("中华人民共和国{zh}"),
                2 => format!("{zh}办公室"),
                3 => en.unwrap_or(zh).to_string(),
                _ => (0..4 + next() % 8)
                    .map(|_| pool[next() % pool.len()])
                    .collect(),
            };
            TheirEntity {
                iri: format!("http://example.org/synthetic/{i}"),
                labels: vec![label],
            }
        })
        .collect()
}

fn main() {
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let options = MappingOptions::default();
    let graph = build_graph(
        &[bundled_plan()],
        &registry,
        &UserMetadata::default(),
        &options,
    )
    .unwrap();
    let ours = link::our_entities(&graph.quads, &registry, DEFAULT_BASE);
    let names: usize = ours.iter().map(|o| o.names.len()).sum();
    println!(
        "ours: {} entities ({} named in the plan), {names} names",
        ours.len(),
        ours.iter().filter(|o| o.in_plans).count()
    );

    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/link/mainland-bodies-tw.ttl");
    let theirs = link::their_entities(&read_rdf_file(&path, None).unwrap()).entities;
    let time = median(20, || {
        black_box(link::link(&ours, &theirs));
    });
    println!(
        "test dataset   {:>5} entities {:>9.2} ms",
        theirs.len(),
        time.as_secs_f64() * 1e3
    );

    let sizes: Vec<usize> = std::env::var("PLANGRAPH_BENCH_N")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000]);
    for n in sizes {
        let theirs = synthetic(&registry, n);
        let runs = if n > 5_000 { 3 } else { 5 };
        let linking = link::link(&ours, &theirs);
        let time = median(runs, || {
            black_box(link::link(&ours, &theirs));
        });
        println!(
            "synthetic      {n:>5} entities {:>9.2} ms  {:>8.0} entities/s  ({} exact, {} close, {} ambiguous, {} unmatched)",
            time.as_secs_f64() * 1e3,
            n as f64 / time.as_secs_f64(),
            linking.count(Relation::Exact),
            linking.count(Relation::Close),
            linking.ambiguities.len(),
            linking.misses.len()
        );
    }
}
