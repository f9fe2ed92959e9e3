//! Inputs the fuzz targets (`fuzz/`) found failing, each checked here as the target checked it,
//! so that `cargo test` keeps them fixed without the fuzzer.

use plangraph::link::names::name_key;

/// `link_names` (fuzz/artifacts/link_names/crash-f2b439e2…): the key of a key must be the key.
/// `the ` was stripped after the spaces were kept for a Latin name, leaving a key whose own key
/// dropped them; repeated affixes were stripped once.
#[test]
fn folding_a_name_key_again_changes_nothing() {
    for name in [
        "the \0 \0\0\0\0\0\0\0\0\0\0",
        "the the Ministry of Commerce",
        "中华人民共和国中华人民共和国商务部",
        "Ministry of Commerce of China of China",
        "The 1 2 3",
        "the ",
    ] {
        let key = name_key(name);
        assert_eq!(name_key(&key), key, "{name:?}");
    }
    assert_eq!(name_key("the Ministry of Commerce"), "ministry of commerce");
    assert_eq!(name_key("中华人民共和国商务部"), "商务部");
}
