//! Arbitrary `--param` values bound into every named query and run on the bundled plan's
//! store: a value is read as one SPARQL term or refused, never spliced into the query's text,
//! and a bound query runs (or is refused) without a panic.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use oxigraph::store::Store;
use plangraph::graph::mapping::{map_plan, MappingOptions};
use plangraph::store::query::{parse_param_with, prepare_with, run};
use plangraph::store::{named, store_of};
use plangraph::{bundled_plan, parse, UserMetadata};
use std::sync::OnceLock;

fn store() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| {
        let registry = common::registry();
        let plan = parse(&bundled_plan(), registry, &UserMetadata::default()).unwrap();
        store_of(map_plan(&plan, registry, &MappingOptions::default()).unwrap()).unwrap()
    })
}

fuzz_target!(|input: (u8, &str)| {
    let (which, value) = input;
    let prefixes: Vec<(String, String)> = plangraph::rdf::vocab::PREFIXES
        .iter()
        .map(|(p, n)| (p.to_string(), n.to_string()))
        .collect();
    let Ok((variable, term)) = parse_param_with(&format!("agency={value}"), &prefixes) else {
        return;
    };
    assert_eq!(variable.as_str(), "agency");
    // The term reads back as itself: one term, whatever the value held.
    let written = term.to_string();
    let again: oxigraph::model::Term = written.parse().expect("a bound term reads back");
    assert_eq!(again, term);
    let (name, text) = named::NAMED[usize::from(which) % named::NAMED.len()];
    let prepared = prepare_with(name, text, &[(variable, term)], &prefixes)
        .expect("a named query parses with any term bound");
    let _ = run(store(), prepared);
});
