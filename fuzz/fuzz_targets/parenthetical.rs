//! Arbitrary text as the parenthetical of a one-task plan: drives the responsibility parser.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use plangraph::SourceText;

fuzz_target!(|inner: &str| {
    let source = SourceText::plain("fuzz.txt", format!("（一）加强管理。（{inner}）"));
    common::check_source(&source, common::registry(), true);
});
