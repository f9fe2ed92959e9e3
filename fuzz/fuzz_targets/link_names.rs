//! Arbitrary names through `link`'s folding and comparison: the key of a name is stable (the
//! key of a key is itself), a name is as like itself as can be, and likeness is symmetric.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plangraph::link::names::{likeness, name_key};

fuzz_target!(|pair: (&str, &str)| {
    let (a, b) = pair;
    let key = name_key(a);
    assert_eq!(name_key(&key), key, "folding a key again changes nothing: {a:?}");
    assert!(!key.starts_with(' ') && !key.ends_with(' '), "{key:?}");
    if !key.is_empty() {
        let (score, _) = likeness(a, a, 0.0).expect("a name is like itself");
        assert!((score - 1.0).abs() < 1e-9, "{a:?} scores {score} against itself");
    }
    let ab = likeness(a, b, 0.0).map(|(s, _)| s);
    let ba = likeness(b, a, 0.0).map(|(s, _)| s);
    match (ab, ba) {
        (Some(x), Some(y)) => assert!((x - y).abs() < 1e-9, "{a:?} ~ {b:?}: {x} vs {y}"),
        (x, y) => assert_eq!(x.is_some(), y.is_some(), "{a:?} ~ {b:?}"),
    }
    if let Some(score) = ab {
        assert!((0.0..=1.0).contains(&score), "{score}");
    }
});
