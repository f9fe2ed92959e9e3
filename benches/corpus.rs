//! The corpus benchmark: N synthetic plans (from the bundled plan's structure, see
//! `benches/common/synthetic.rs`), for N = 100 and 1,000 (or the numbers in `PLANGRAPH_BENCH_N`,
//! comma-separated). Prints, per N:
//! - extraction throughput (parse and map to quads): MB/s of source text and triples/s, on one core;
//! - end-to-end load (text → in-memory store) against Oxigraph's own bulk load of the same quads
//!   from N-Quads, and the ratio of the two rates; the same into RocksDB when built with
//!   `--features rocksdb`;
//! - the median latency of each named query on the loaded store;
//! - the process's peak resident memory.
//!
//! Run with `cargo bench --bench corpus` (add `--features rocksdb` for the persistent store).

use oxigraph::io::RdfFormat;
use oxigraph::model::Quad;
use oxigraph::store::Store;
use plangraph::export::{self, ExportFormat, ExportOptions};
use plangraph::graph::mapping::{map_plan, MappingOptions};
use plangraph::resolve::registry::DEFAULT_BASE;
use plangraph::store::{named as queries, query};
use plangraph::{bundled_plan, parse, Registry, SourceText, UserMetadata};
use std::time::{Duration, Instant};

#[path = "common/synthetic.rs"]
mod synthetic;

const SEED: u64 = 2017;

fn main() {
    let sizes: Vec<u64> = std::env::var("PLANGRAPH_BENCH_N")
        .unwrap_or_else(|_| "100,1000".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let template = parse(&bundled_plan(), &registry, &UserMetadata::default()).unwrap();
    println!(
        "machine: {} cores; seed {SEED}",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    for n in sizes {
        let texts: Vec<SourceText> = (0..n)
            .map(|i| {
                SourceText::plain(
                    format!("synthetic-{i}"),
                    synthetic::synthetic_plan(&template, SEED, i),
                )
            })
            .collect();
        run(n, &texts, &registry);
    }
    println!("peak resident memory: {} MB", peak_rss_kb() / 1024);
}

fn extract(texts: &[SourceText], registry: &Registry) -> Vec<Quad> {
    let mut quads = Vec::new();
    for (i, source) in texts.iter().enumerate() {
        let plan = parse(source, registry, &UserMetadata::default()).unwrap();
        let options = MappingOptions {
            base: DEFAULT_BASE.into(),
            plan_id: Some(format!("synthetic-{i}")),
            include_reference: true,
        };
        quads.extend(map_plan(&plan, registry, &options).unwrap());
    }
    quads
}

fn bulk_load(store: &Store, quads: Vec<Quad>) {
    let mut loader = store.bulk_loader();
    loader.load_quads(quads).unwrap();
    loader.commit().unwrap();
}

fn run(n: u64, texts: &[SourceText], registry: &Registry) {
    let bytes: usize = texts.iter().map(|t| t.text.len()).sum();
    println!(
        "\n== {n} plans, {:.1} MB of source text",
        bytes as f64 / 1e6
    );

    let start = Instant::now();
    let quads = extract(texts, registry);
    let extraction = start.elapsed();
    println!(
        "extraction (parse + map, one core): {:.2} s, {:.1} MB/s, {:.0} triples/s ({} quads)",
        extraction.as_secs_f64(),
        bytes as f64 / 1e6 / extraction.as_secs_f64(),
        quads.len() as f64 / extraction.as_secs_f64(),
        quads.len()
    );

    let nquads =
        export::serialize(&quads, ExportFormat::NQuads, &ExportOptions::default()).unwrap();
    let memory = || Store::new().unwrap();
    let (ours, reference) = compare_loads(texts, registry, &nquads, memory);
    report("in-memory", quads.len(), ours, reference);
    #[cfg(feature = "rocksdb")]
    {
        let dirs: std::cell::RefCell<Vec<tempfile::TempDir>> = Default::default();
        let rocks = || {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::open(dir.path()).unwrap();
            dirs.borrow_mut().push(dir);
            store
        };
        let (ours, reference) = compare_loads(texts, registry, &nquads, rocks);
        report("RocksDB", quads.len(), ours, reference);
    }

    let store = Store::new().unwrap();
    bulk_load(&store, quads);
    for (name, text) in queries::NAMED {
        let params = if *name == "tasks-by-agency" {
            vec![query::parse_param("agency=工商总局").unwrap()]
        } else {
            Vec::new()
        };
        let mut times = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(20);
        while times.len() < 11 && (times.len() < 3 || Instant::now() < deadline) {
            let start = Instant::now();
            let prepared = query::prepare(name, text, &params).unwrap();
            std::hint::black_box(query::run(&store, prepared).unwrap());
            times.push(start.elapsed());
        }
        times.sort();
        println!(
            "query {name:<18} p50 {:>9.1} ms ({} runs)",
            times[times.len() / 2].as_secs_f64() * 1e3,
            times.len()
        );
    }
}

/// (our end-to-end load from text, Oxigraph's bulk load of the N-Quads), each into a new store.
fn compare_loads(
    texts: &[SourceText],
    registry: &Registry,
    nquads: &[u8],
    new_store: impl Fn() -> Store,
) -> (Duration, Duration) {
    let store = new_store();
    let start = Instant::now();
    bulk_load(&store, extract(texts, registry));
    let ours = start.elapsed();

    let store = new_store();
    let start = Instant::now();
    let mut loader = store.bulk_loader();
    loader.load_from_slice(RdfFormat::NQuads, nquads).unwrap();
    loader.commit().unwrap();
    (ours, start.elapsed())
}

fn report(backend: &str, quads: usize, ours: Duration, reference: Duration) {
    let rate = |d: Duration| quads as f64 / d.as_secs_f64();
    println!(
        "load into {backend}: end to end {:.2} s ({:.0} quads/s); Oxigraph bulk load of the N-Quads {:.2} s ({:.0} quads/s); ratio {:.2}",
        ours.as_secs_f64(),
        rate(ours),
        reference.as_secs_f64(),
        rate(reference),
        rate(ours) / rate(reference)
    );
}

/// Peak resident set size of this process (VmHWM), in kB.
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}
