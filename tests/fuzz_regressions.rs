//! Inputs the fuzz targets (`fuzz/`) found failing, each checked here as the target checked it,
//! so that `cargo test` keeps them fixed without the fuzzer.

use plangraph::link::names::name_key;

/// `link_names`: the key of a key must be the key. `the ` was stripped after the spaces were
/// kept for a Latin name, leaving a key whose own key dropped them; repeated affixes were
/// stripped once; script conversion by phrase changed its own output (麼 → 幺 → 么).
#[test]
fn folding_a_name_key_again_changes_nothing() {
    for name in [
        "the \0 \0\0\0\0\0\0\0\0\0\0",
        "the the Ministry of Commerce",
        "中华人民共和国中华人民共和国商务部",
        "Ministry of Commerce of China of China",
        "The 1 2 3",
        "the ",
        // fuzz/artifacts/link_names (CI run): 麼 folds to 幺 in one pass, 幺 to 么 in the next.
        "O\u{3000}麼",
        "\0》O\u{3000}高（二）\0o\0.\0》O\u{3000}麼",
    ] {
        let key = name_key(name);
        assert_eq!(name_key(&key), key, "{name:?}");
    }
    assert_eq!(name_key("the Ministry of Commerce"), "ministry of commerce");
    assert_eq!(name_key("中华人民共和国商务部"), "商务部");
}
