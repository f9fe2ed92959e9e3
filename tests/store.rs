//! The persistent store (built with `--features rocksdb`): `load` then `query --store`, and
//! loading a plan again replaces its graph.
#![cfg(feature = "rocksdb")]

use std::process::{Command, Output};

fn plangraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plangraph"))
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

fn count_quads(store: &str) -> String {
    let output = plangraph(&[
        "query",
        "--store",
        store,
        "-f",
        "csv",
        "--query",
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn load_then_query_and_reload_idempotently() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let store = store.to_str().unwrap();
    let output = plangraph(&["load", "--store", store]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("[1/1] bundled:2017-national-plan.txt"),
        "plain progress lines off a terminal: {stderr}"
    );
    let first = count_quads(store);
    assert!(first.starts_with("n\r\n3"), "{first}");

    let output = plangraph(&["load", "--store", store, "-q"]);
    // -q is the global quiet flag.
    assert!(output.status.success());
    assert!(output.stderr.is_empty(), "-q silences progress");
    assert_eq!(
        count_quads(store),
        first,
        "loading again replaces the plan's graph"
    );

    let output = plangraph(&[
        "query",
        "--store",
        store,
        "--named",
        "lead-agencies",
        "-r",
        "csv",
    ]);
    let csv = String::from_utf8(output.stdout).unwrap();
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .contains("全国打击侵犯知识产权和制售假冒伪劣商品工作领导小组办公室,7,7"),
        "{csv}"
    );
}

#[test]
fn an_export_loads_as_the_plan_did_and_a_missing_store_is_not_made() {
    let dir = tempfile::tempdir().unwrap();
    let from_plan = dir.path().join("from-plan");
    let from_export = dir.path().join("from-export");
    let export = dir.path().join("seed.nq");
    let run = |args: &[&str]| {
        let output = plangraph(args);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    run(&["load", "--store", from_plan.to_str().unwrap()]);
    run(&["export", "-o", export.to_str().unwrap()]);
    run(&[
        "load",
        "--store",
        from_export.to_str().unwrap(),
        export.to_str().unwrap(),
    ]);
    assert_eq!(
        count_quads(from_export.to_str().unwrap()),
        count_quads(from_plan.to_str().unwrap()),
        "the N-Quads export loads as the same quads"
    );
    run(&[
        "load",
        "--store",
        from_export.to_str().unwrap(),
        export.to_str().unwrap(),
    ]);
    assert_eq!(
        count_quads(from_export.to_str().unwrap()),
        count_quads(from_plan.to_str().unwrap()),
        "loading it again replaces its graphs"
    );
}
