//! Loading a corpus as users do it, whole processes side by side in one run: N synthetic plans
//! (from the bundled plan's structure, see `benches/common/synthetic.rs`) written to files, then
//!
//! - `plangraph load --store` of the files, on every core and on one (`--jobs 1`);
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

use plangraph::resolve::registry::DEFAULT_BASE;
use plangraph::{bundled_plan, parse, Registry, UserMetadata};
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "common/synthetic.rs"]
mod synthetic;

const SEED: u64 = 2017;
/// Samples per figure (`PLANGRAPH_BENCH_SAMPLES`, default 3).
fn samples() -> usize {
    std::env::var("PLANGRAPH_BENCH_SAMPLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3)
}

/// One command's run: seconds and peak resident memory in MB.
#[derive(Debug, Clone, Copy)]
struct Run {
    seconds: f64,
    peak_mb: f64,
}

/// Runs `program args` under `/usr/bin/time`, failing loudly if it fails.
fn timed(program: &Path, args: &[String]) -> Run {
    let report = std::env::temp_dir().join(format!("plangraph-bench-time-{}", std::process::id()));
    let status = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%e %M")
        .arg("-o")
        .arg(&report)
        .arg(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("/usr/bin/time runs (Debian package `time`)");
    assert!(status.success(), "{} {:?} failed", program.display(), args);
    let text = std::fs::read_to_string(&report).unwrap();
    let mut fields = text.split_whitespace();
    let seconds = fields.next().and_then(|s| s.parse().ok()).unwrap();
    let kb: f64 = fields.next().and_then(|s| s.parse().ok()).unwrap();
    Run {
        seconds,
        peak_mb: kb / 1024.0,
    }
}

fn median(mut runs: Vec<Run>) -> Run {
    runs.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
    let seconds = runs[runs.len() / 2].seconds;
    let peak_mb = runs.iter().map(|r| r.peak_mb).fold(0.0, f64::max);
    Run { seconds, peak_mb }
}

fn fresh(dir: &Path) -> String {
    let _ = std::fs::remove_dir_all(dir);
    dir.to_str().unwrap().to_string()
}

fn main() {
    let plangraph = PathBuf::from(env!("CARGO_BIN_EXE_plangraph"));
    let venv = std::env::var_os("PLANGRAPH_VENV").map_or_else(
        || PathBuf::from(std::env::var("HOME").unwrap()).join(".cache/plangraph-venv"),
        PathBuf::from,
    );
    let python = venv.join("bin/python");
    let oxigraph = venv.join("bin/oxigraph");
    assert!(
        python.exists() && oxigraph.exists(),
        "the peers are missing: make {} with `pip install oxigraph==0.5.13 pyoxigraph==0.5.13` (or set PLANGRAPH_VENV)",
        venv.display()
    );
    let sizes: Vec<u64> = std::env::var("PLANGRAPH_BENCH_N")
        .unwrap_or_else(|_| "100,1000".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "machine: {cores} cores; release build; {} samples per figure, median time, highest peak memory",
        samples()
    );
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let template = parse(&bundled_plan(), &registry, &UserMetadata::default()).unwrap();
    let work = std::env::temp_dir().join("plangraph-bench-load");
    println!(
        "| plans | MB of text | quads in the store | plangraph load ({cores} threads) | load --jobs 1 | export -f nquads | + pyoxigraph bulk_load | + oxigraph load | plangraph load vs export + pyoxigraph | 1 → {cores} threads |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for n in sizes {
        let corpus = work.join(format!("corpus-{n}"));
        let _ = std::fs::remove_dir_all(&corpus);
        std::fs::create_dir_all(&corpus).unwrap();
        let mut files = Vec::new();
        let mut bytes = 0;
        for i in 0..n {
            let path = corpus.join(format!("plan-{i:05}.txt"));
            let text = synthetic::synthetic_plan(&template, SEED, i);
            bytes += text.len();
            std::fs::write(&path, text).unwrap();
            files.push(path.to_str().unwrap().to_string());
        }
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
        let mut export_args: Vec<String> =
            ["export", "-q", "-f", "nquads", "--plan-id", "{stem}", "-o"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        export_args.push(nquads.to_str().unwrap().into());
        export_args.extend(files.iter().cloned());
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
        for sample in 0..samples() {
            // Rotate the order so no command always runs on a warm or a cold cache.
            for step in 0..4 {
                match (step + sample) % 4 {
                    0 => load.push(timed(&plangraph, &load_args(&fresh(&ours), cores))),
                    1 => load_one.push(timed(&plangraph, &load_args(&fresh(&single), 1))),
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
