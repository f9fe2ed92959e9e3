//! Putting a corpus into a running team store, as users do it, whole processes side by side in
//! one run: `plangraph push` of N synthetic plans (see `benches/common/synthetic.rs`) against
//! `plangraph export -f nquads` and the store's own bulk loader of that file, on the two real
//! stores of `tests/remote.rs`, each started fresh on 127.0.0.1 for every sample:
//!
//! - Oxigraph server (PyPI `oxigraph` 0.5): `push --to …/store` into the running server, against
//!   `oxigraph load --location DIR --file corpus.nq` (offline, as its documentation advises for
//!   bulk loads);
//! - Virtuoso 7.2 (Debian): `push` with HTTP Digest as a user granted SPARQL_UPDATE, against
//!   `isql-vt … exec="ld_dir(…); rdf_loader_run(); checkpoint;"` of the same file.
//!
//! Each command is timed with its peak memory by `/usr/bin/time` (the client's memory: the
//! server's is not counted), samples in alternating order, the median printed; the quads each
//! store then holds under plangraph's base are counted and must be equal on both paths. N is 100
//! and 1,000, or `PLANGRAPH_BENCH_N`; `PLANGRAPH_BENCH_SAMPLES` sets the samples (default 2).
//! The servers come as for `tests/remote.rs`: `PLANGRAPH_OXIGRAPH_SERVER=…/oxigraph
//! PLANGRAPH_VIRTUOSO=/usr/bin/virtuoso-t cargo bench --bench push`.

use std::path::PathBuf;
use std::process::Command;

#[path = "common/processes.rs"]
mod processes;
#[path = "../tests/common/servers.rs"]
mod servers;

use processes::{export_nquads_args, median, samples, sizes, timed, timed_with, write_corpus, Run};
use servers::{Kind, Server};

/// How many quads the store holds in graphs under plangraph's base (Virtuoso keeps graphs of
/// its own).
fn quads_in(plangraph: &PathBuf, server: &Server) -> u64 {
    let count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"https://w3id.org/plangraph/\")) }";
    let output = Command::new(plangraph)
        .args(["query", "--endpoint", &server.endpoint(), "-f", "csv"])
        .args(["--query", count])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    text.lines()
        .nth(1)
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| {
            panic!(
                "no count: {text} {}",
                String::from_utf8_lossy(&output.stderr)
            )
        })
}

/// `plangraph push` of `files` into a fresh `kind` server: the run and the quads it then holds.
fn push(plangraph: &PathBuf, kind: Kind, files: &[String]) -> (Run, u64) {
    let server = Server::start(kind);
    let mut command = Command::new(plangraph);
    command
        .args(["push", "-q", "--plan-id", "{stem}", "--to", &server.store()])
        .args(files);
    if let Some((name, password)) = server.writer() {
        command
            .args(["--user", name])
            .env("PLANGRAPH_PASSWORD", password);
    }
    let run = timed_with(&mut command);
    (run, quads_in(plangraph, &server))
}

/// The store's own bulk load of `nquads` into a fresh `kind` store: the run and the quads it
/// then holds.
fn bulk_load(plangraph: &PathBuf, kind: Kind, nquads: &PathBuf) -> (Run, u64) {
    match kind {
        Kind::Oxigraph => {
            let dir = tempfile::tempdir().unwrap();
            let oxigraph = PathBuf::from(std::env::var("PLANGRAPH_OXIGRAPH_SERVER").unwrap());
            let run = timed_with(
                Command::new(oxigraph)
                    .args(["load", "--location"])
                    .arg(dir.path())
                    .arg("--file")
                    .arg(nquads),
            );
            let server = Server::start_in(Kind::Oxigraph, dir);
            (run, quads_in(plangraph, &server))
        }
        Kind::Virtuoso => {
            let server = Server::start(kind);
            // ld_dir reads only from folders listed in DirsAllowed: the server's own is.
            let folder = server.dir.path();
            std::fs::copy(nquads, folder.join("corpus.nq")).unwrap();
            let statements = format!(
                "ld_dir('{}', 'corpus.nq', 'https://w3id.org/plangraph/id/'); rdf_loader_run(); checkpoint;",
                folder.display()
            );
            let run = timed_with(&mut server.sql_command(&statements));
            // rdf_loader_run records a file it could not load in load_list, without failing.
            let errors =
                server.sql("SELECT COUNT(*) FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;");
            assert!(
                errors.lines().any(|l| l.trim() == "0"),
                "Virtuoso's loader failed: {errors}"
            );
            (run, quads_in(plangraph, &server))
        }
    }
}

fn main() {
    let plangraph = PathBuf::from(env!("CARGO_BIN_EXE_plangraph"));
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let samples = samples(2);
    println!(
        "machine: {cores} cores; release build; {samples} samples per figure, median time, highest peak memory of the client"
    );
    println!(
        "| plans | quads | export -f nquads | Oxigraph: oxigraph load | Oxigraph: plangraph push | Virtuoso: ld_dir + rdf_loader_run | Virtuoso: plangraph push (Digest) |"
    );
    println!("|---|---|---|---|---|---|---|");
    let work = tempfile::tempdir().unwrap();
    for n in sizes("100,1000") {
        let (files, _) = write_corpus(&work.path().join(format!("corpus-{n}")), n);
        let nquads = work.path().join(format!("corpus-{n}.nq"));
        let export_args = export_nquads_args(&nquads, &files);
        let mut export = Vec::new();
        let mut figures: [Vec<Run>; 4] = Default::default();
        let mut counts = Vec::new();
        for sample in 0..samples {
            export.push(timed(&plangraph, &export_args));
            // Alternate which path goes first.
            for step in 0..4 {
                let which = (step + sample) % 4;
                let (run, quads) = match which {
                    0 => bulk_load(&plangraph, Kind::Oxigraph, &nquads),
                    1 => push(&plangraph, Kind::Oxigraph, &files),
                    2 => bulk_load(&plangraph, Kind::Virtuoso, &nquads),
                    _ => push(&plangraph, Kind::Virtuoso, &files),
                };
                figures[which].push(run);
                counts.push(quads);
            }
        }
        counts.dedup();
        assert_eq!(
            counts.len(),
            1,
            "every path leaves the same quads: {counts:?}"
        );
        let [oxigraph_load, oxigraph_push, virtuoso_load, virtuoso_push] = figures.map(median);
        let export = median(export);
        let cell = |run: Run| format!("{:.2} s, {:.0} MB", run.seconds, run.peak_mb);
        println!(
            "| {n} | {} | {} | {} | {} | {} | {} |",
            counts[0],
            cell(export),
            cell(oxigraph_load),
            cell(oxigraph_push),
            cell(virtuoso_load),
            cell(virtuoso_push),
        );
    }
}
