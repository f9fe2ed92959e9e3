//! Arbitrary Turtle added to the bundled registry: refused, or the bundled plan still parses
//! with it (and its plan passes the checks).
#![no_main]

#[allow(dead_code)]
mod common;

use libfuzzer_sys::fuzz_target;
use oxigraph::io::RdfFormat;
use plangraph::resolve::registry::DEFAULT_BASE;
use plangraph::{bundled_plan, parse, UserMetadata};

fuzz_target!(|text: &str| {
    let mut registry = common::registry().clone();
    if registry
        .add_rdf("fuzz.ttl", text, RdfFormat::Turtle, DEFAULT_BASE)
        .is_ok()
    {
        let source = bundled_plan();
        let plan = parse(&source, &registry, &UserMetadata::default())
            .unwrap_or_else(|e| panic!("the bundled plan no longer parses: {e}"));
        let chars: Vec<char> = source.text.chars().collect();
        common::check_plan(&plan, &chars);
    }
});
