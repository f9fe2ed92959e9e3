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

/// `n` copies of the seed's text in `dir` (`plan-00.txt` …), to load with `--plan-id {stem}`.
fn seed_copies(dir: &std::path::Path, n: usize) -> Vec<String> {
    let seed = plangraph::bundled_plan().text;
    (0..n)
        .map(|i| {
            let path = dir.join(format!("plan-{i:02}.txt"));
            std::fs::write(&path, &seed).unwrap();
            path.to_str().unwrap().to_string()
        })
        .collect()
}

/// Quads per named graph of the store, by graph IRI.
fn quads_per_graph(store: &str) -> std::collections::BTreeMap<String, usize> {
    let output = plangraph(&[
        "query",
        "--store",
        store,
        "-f",
        "tsv",
        "--query",
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|line| {
            let (graph, n) = line.split_once('\t').unwrap();
            (graph.to_string(), n.trim().parse().unwrap())
        })
        .collect()
}

#[test]
fn a_load_killed_at_any_moment_leaves_every_plan_complete_or_absent() {
    use std::time::Instant;
    let dir = tempfile::tempdir().unwrap();
    // Forty plans: the seed's text in forty files, each plan named by its file.
    let files = seed_copies(dir.path(), 40);
    let mut load: Vec<String> = vec![
        "load".into(),
        "-q".into(),
        "--plan-id".into(),
        "{stem}".into(),
    ];
    load.extend(files.iter().cloned());
    // What each plan's graph holds when complete.
    let whole = dir.path().join("whole");
    let mut args = load.clone();
    args.extend([
        "--store".into(),
        whole.to_str().unwrap().into(),
        "--commit-quads".into(),
        "20000".into(),
    ]);
    let started = Instant::now();
    let output = plangraph(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let full_run = started.elapsed();
    let complete = quads_per_graph(whole.to_str().unwrap());
    assert_eq!(complete.len(), 41, "40 plan graphs and the reference graph");

    // Kill loads (small batches: many commits) at moments spread over a whole run.
    let mut rng = 0x9e37_79b9_7f4a_7c15u64 ^ u64::from(std::process::id());
    for trial in 0..6 {
        let store = dir.path().join(format!("killed-{trial}"));
        let store = store.to_str().unwrap().to_string();
        rng = rng.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let delay = full_run.mul_f64((rng >> 33) as f64 / (1u64 << 31) as f64);
        let mut args = load.clone();
        args.extend([
            "--store".into(),
            store.clone(),
            "--commit-quads".into(),
            "20000".into(),
        ]);
        let mut child = Command::new(env!("CARGO_BIN_EXE_plangraph"))
            .args(&args)
            .stdin(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        if !std::path::Path::new(&store).join("CURRENT").exists() {
            continue; // killed before the store was made
        }
        let found = quads_per_graph(&store);
        let plans_present = found
            .iter()
            .filter(|(graph, n)| graph.contains("/plan/") && **n > 0)
            .count();
        for (graph, n) in &found {
            if graph.contains("/plan/") && *n > 0 {
                assert_eq!(
                    Some(n),
                    complete.get(graph),
                    "{graph} after a kill at {delay:?}"
                );
            }
        }
        println!("kill {trial} at {delay:?}: {plans_present} of 40 plans complete, none partial");
        // Running the load again completes the store.
        let output = plangraph(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(output.status.success());
        assert_eq!(
            quads_per_graph(&store),
            complete,
            "a rerun after the kill at {delay:?}"
        );
    }
}

#[test]
fn a_store_in_use_is_refused_at_once_naming_who_holds_it() {
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let files = seed_copies(dir.path(), 40);
    let store = dir.path().join("db");
    let store = store.to_str().unwrap();
    let mut args = vec!["load", "-q", "--plan-id", "{stem}", "--store", store];
    args.extend(files.iter().map(String::as_str));
    let mut first = Command::new(env!("CARGO_BIN_EXE_plangraph"))
        .args(&args)
        .stdin(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Once the first load holds the store …
    let started = Instant::now();
    while !std::path::Path::new(store)
        .join("plangraph-holder")
        .exists()
    {
        assert!(started.elapsed() < Duration::from_secs(30));
        std::thread::sleep(Duration::from_millis(10));
    }
    let holder = format!("plangraph load (pid {})", first.id());
    let count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    // … a second load and a query are refused at once, naming it.
    let mut refusals_checked = 0;
    for other in [
        vec!["load", "-q", "--store", store],
        vec!["query", "--store", store, "--query", count],
    ] {
        let asked = Instant::now();
        let output = plangraph(&other);
        let message = String::from_utf8_lossy(&output.stderr);
        if first.try_wait().unwrap().is_some() {
            break; // the first load finished before this one started: nothing to refuse
        }
        assert_eq!(output.status.code(), Some(1), "{other:?}: {message}");
        assert!(
            message.contains(store) && message.contains(&holder),
            "{other:?}: {message}"
        );
        assert!(asked.elapsed() < Duration::from_secs(10), "refused at once");
        refusals_checked += 1;
    }
    // The load's first pass (parsing 40 plans) outlasts the first refusal by far.
    assert!(
        refusals_checked >= 1,
        "the first load ended before anything was refused"
    );
    assert!(first.wait().unwrap().success());
    // Nothing was corrupted: the store holds the 40 plans a load alone gives.
    let alone = dir.path().join("alone");
    let mut args = vec!["load", "-q", "--plan-id", "{stem}", "--store"];
    args.push(alone.to_str().unwrap());
    args.extend(files.iter().map(String::as_str));
    assert!(plangraph(&args).status.success());
    assert_eq!(count_quads(store), count_quads(alone.to_str().unwrap()));
}
