//! Loading a corpus as users do it, whole processes side by side in one run: N synthetic plans
//! (from the bundled plan's structure, see `benches/common/synthetic.rs`) written to files, then
//!
//! - `plangraph load --store` of the files, on every core, and with `--jobs 1` confined to one
//!   core (`taskset -c 0`: the loader's own threads would use the other);
//! - `plangraph export -f nquads` of the same files, and that N-Quads file bulk-loaded by
//!   pyoxigraph (`Store.bulk_load`) and by Oxigraph's own command line (`oxigraph load`);
//!
//! each command timed with its peak resident memory (`/usr/bin/time`), three samples per figure
//! in rotating order, the median printed; the stores' quad counts are compared, so both sides
//! load the same quads. N is 100 and 1,000, or `PLANGRAPH_BENCH_N` (comma-separated);
//! `PLANGRAPH_BENCH_SAMPLES` sets the samples, and `PLANGRAPH_BENCH_KEEP=1` keeps the corpus
//! files and stores (under the temporary folder's `plangraph-bench-load/`).
//!
//! The peers come from the PyPI package `oxigraph` (its wheel ships the `oxigraph` binary):
//! `PLANGRAPH_VENV` names a virtual environment holding it and `pyoxigraph` (default `~/.cache/plangraph-venv`,
//! which `.ci/run` makes). Run with `cargo bench --features rocksdb --bench load`.

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "common/processes.rs"]
mod processes;
use processes::{export_nquads_args, fresh, median, samples, sizes, timed, venv, write_corpus};

fn main() {
    let plangraph = PathBuf::from(env!("CARGO_BIN_EXE_plangraph"));
    let plangraph_arg = plangraph.to_str().unwrap().to_string();
    let venv = venv();
    let python = venv.join("bin/python");
    let oxigraph = venv.join("bin/oxigraph");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "machine: {cores} cores; release build; {} samples per figure, median time, highest peak memory",
        samples(3)
    );
    let work = std::env::temp_dir().join("plangraph-bench-load");
    println!(
        "| plans | MB of text | quads in the store | plangraph load ({cores} threads) | load --jobs 1 on one core | export -f nquads | + pyoxigraph bulk_load | + oxigraph load | plangraph load vs export + pyoxigraph | 1 → {cores} cores |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for n in sizes("100,1000") {
        let corpus = work.join(format!("corpus-{n}"));
        let (files, bytes) = write_corpus(&corpus, n);
        let nquads = work.join(format!("corpus-{n}.nq"));
        let load_args = |store: &str, jobs: usize| {
            let mut args: Vec<String> = ["load", "-q", "--plan-id", "{stem}", "--store", store]
                .iter()
                .map(|s| s.to_string())
                .collect();
            args.extend(["--jobs".into(), jobs.to_string()]);
            args.extend(files.iter().cloned());
            args
        };
        let export_args = export_nquads_args(&nquads, &files);
        let ours = work.join("ours");
        let single = work.join("single");
        let py_store = work.join("pyoxigraph");
        let cli_store = work.join("oxigraph-cli");
        let py_load = |store: &str| {
            vec![
                "-c".to_string(),
                "import pyoxigraph,sys; s=pyoxigraph.Store(sys.argv[1]); s.bulk_load(path=sys.argv[2], format=pyoxigraph.RdfFormat.N_QUADS); print(len(s))".into(),
                store.into(),
                nquads.to_str().unwrap().into(),
            ]
        };
        let (mut load, mut load_one, mut export, mut py, mut cli) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for sample in 0..samples(3) {
            // Rotate the order so no command always runs on a warm or a cold cache.
            for step in 0..4 {
                match (step + sample) % 4 {
                    0 => load.push(timed(&plangraph, &load_args(&fresh(&ours), cores))),
                    1 => {
                        let mut args = vec!["-c".to_string(), "0".into(), plangraph_arg.clone()];
                        args.extend(load_args(&fresh(&single), 1));
                        load_one.push(timed(Path::new("/usr/bin/taskset"), &args));
                    }
                    2 => {
                        export.push(timed(&plangraph, &export_args));
                        py.push(timed(&python, &py_load(&fresh(&py_store))));
                    }
                    _ => {
                        if !nquads.exists() {
                            export.push(timed(&plangraph, &export_args));
                        }
                        let args: Vec<String> = vec![
                            "load".into(),
                            "--location".into(),
                            fresh(&cli_store),
                            "--file".into(),
                            nquads.to_str().unwrap().into(),
                        ];
                        cli.push(timed(&oxigraph, &args));
                    }
                }
            }
        }
        // The same quads on both sides, counted as the stores hold them.
        let ours_count = count_ours(&plangraph, ours.to_str().unwrap());
        let theirs_count = count_theirs(&python, py_store.to_str().unwrap());
        assert_eq!(ours_count, theirs_count, "both stores hold the same quads");
        let (load, load_one, export, py, cli) = (
            median(load),
            median(load_one),
            median(export),
            median(py),
            median(cli),
        );
        let peer = export.seconds + py.seconds;
        println!(
            "| {n} | {:.1} | {ours_count} | {:.2} s, {:.0} MB | {:.2} s, {:.0} MB | {:.2} s, {:.0} MB | {:.2} s, {:.0} MB | {:.2} s, {:.0} MB | {:.2}× | {:.2}× |",
            bytes as f64 / 1e6,
            load.seconds,
            load.peak_mb,
            load_one.seconds,
            load_one.peak_mb,
            export.seconds,
            export.peak_mb,
            py.seconds,
            py.peak_mb,
            cli.seconds,
            cli.peak_mb,
            peer / load.seconds,
            load_one.seconds / load.seconds,
        );
        if std::env::var_os("PLANGRAPH_BENCH_KEEP").is_none() {
            let _ = std::fs::remove_dir_all(&corpus);
        }
    }
    if std::env::var_os("PLANGRAPH_BENCH_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&work);
    }
}

fn count_ours(plangraph: &Path, store: &str) -> u64 {
    let output = Command::new(plangraph)
        .args(["query", "--store", store, "-f", "tsv", "--query"])
        .arg("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    text.lines()
        .nth(1)
        .and_then(|l| l.split('^').next())
        .and_then(|l| l.trim_matches('"').parse().ok())
        .unwrap_or_else(|| panic!("no count in {text:?}"))
}

fn count_theirs(python: &Path, store: &str) -> u64 {
    let output = Command::new(python)
        .args([
            "-c",
            "import pyoxigraph,sys; print(len(pyoxigraph.Store.read_only(sys.argv[1])))",
            store,
        ])
        .output()
        .unwrap();
    String::from_utf8(output.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&output.stderr)))
}
