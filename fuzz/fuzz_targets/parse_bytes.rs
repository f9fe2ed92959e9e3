//! Arbitrary bytes → decoded (auto-detected encoding) → parsed → checked → N-Quads and back.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use plangraph::read::source::decode;
use plangraph::InputEncoding;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(source) = decode("fuzz.txt", bytes, InputEncoding::Auto) {
        common::check_source(&source, common::registry(), true);
    }
});
