//! Arbitrary text as the parenthetical of a one-task plan: drives the responsibility parser.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use plangraph::SourceText;

fuzz_target!(|inner: &str| {
    let source = SourceText {
        name: "fuzz.txt".to_string(),
        text: format!("（一）加强管理。（{inner}）"),
        encoding: "UTF-8",
    };
    common::check_source(&source, common::registry(), true);
});
