//! Times each stage on the bundled 2017 plan and prints the figures (median of repeated runs):
//! parse (text → model), map (model → quads), and serialisation in each export format.
//!
//! Run with `cargo bench --bench pipeline`.

mod common;

use common::median;
use plangraph::export::{self, ExportFormat, ExportOptions};
use plangraph::graph::mapping::{map_plan, MappingOptions};
use plangraph::resolve::registry::DEFAULT_BASE;
use plangraph::{bundled_plan, parse, Registry, UserMetadata};
use std::hint::black_box;

const RUNS: usize = 40;

fn main() {
    let source = bundled_plan();
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let metadata = UserMetadata::default();
    let options = MappingOptions::default();
    let megabytes = source.text.len() as f64 / 1e6;

    let registry_load = median(RUNS, || {
        black_box(Registry::bundled(DEFAULT_BASE).unwrap());
    });
    let plan = parse(&source, &registry, &metadata).unwrap();
    let parse_time = median(RUNS, || {
        black_box(parse(&source, &registry, &metadata).unwrap());
    });
    let quads = map_plan(&plan, &registry, &options).unwrap();
    let map_time = median(RUNS, || {
        black_box(map_plan(&plan, &registry, &options).unwrap());
    });
    println!(
        "input: {} ({} bytes, {} quads)",
        source.name,
        source.text.len(),
        quads.len()
    );
    println!(
        "registry load  {:>8.2} ms",
        registry_load.as_secs_f64() * 1e3
    );
    println!(
        "parse          {:>8.2} ms   {:.1} MB/s of source",
        parse_time.as_secs_f64() * 1e3,
        megabytes / parse_time.as_secs_f64()
    );
    println!("map to quads   {:>8.2} ms", map_time.as_secs_f64() * 1e3);
    let export_options = ExportOptions {
        prefixes: export::default_prefixes(DEFAULT_BASE, &[]),
        jsonld_context: None,
    };
    for (format, name, _) in ExportFormat::ALL {
        let time = median(RUNS, || {
            black_box(export::serialize(&quads, format, &export_options).unwrap());
        });
        println!("serialize {name:<9}{:>8.2} ms", time.as_secs_f64() * 1e3);
    }
}
