//! The embedded Oxigraph store, and SELECT queries over the union of the graphs of a store or
//! of an in-memory dataset.
//!
//! The store canonicalises some literals (an `xsd:nonNegativeInteger` comes back as
//! `xsd:integer`); checks that must see terms exactly as written (SHACL `sh:datatype`) query a
//! [`Dataset`] instead.

use crate::error::{Error, Result};
use crate::store::query::{prepare, run, run_on_dataset, Answer};
use oxigraph::model::{Dataset, Quad, Term};
use oxigraph::store::Store;

/// Rows of a SELECT result: the values of the projected variables, in order.
pub type Rows = Vec<Vec<Option<Term>>>;

/// An in-memory store holding `quads`.
pub fn store_of(quads: impl IntoIterator<Item = Quad>) -> Result<Store> {
    let fail = |e: &dyn std::fmt::Display| Error::new("store", e.to_string());
    let store = Store::new().map_err(|e| fail(&e))?;
    let mut loader = store.bulk_loader();
    loader.load_quads(quads).map_err(|e| fail(&e))?;
    loader.commit().map_err(|e| fail(&e))?;
    Ok(store)
}

/// Runs a SELECT query on a store, the union of its graphs as default graph.
pub fn select(store: &Store, query: &str) -> Result<Rows> {
    solutions(run(store, prepare(QUERY, query, &[])?)?)
}

/// Runs a SELECT query on a dataset, the union of its named graphs as default graph (quads in
/// the dataset's default graph are not seen).
pub fn select_in(dataset: &Dataset, query: &str) -> Result<Rows> {
    solutions(run_on_dataset(dataset, prepare(QUERY, query, &[])?)?)
}

/// How errors name the queries plangraph runs itself.
const QUERY: &str = "query";

fn solutions(answer: Answer) -> Result<Rows> {
    match answer {
        Answer::Solutions { rows, .. } => Ok(rows),
        _ => Err(Error::new(QUERY, "not a SELECT query")),
    }
}

/// Opens (or creates) a persistent store in `dir` (Oxigraph's RocksDB backend) for `purpose`
/// (`load`, `query` …). One process at a time holds a store: a second is refused at once with
/// a message naming the process that holds it (from the note each opening leaves in the store's
/// folder, `plangraph-holder`, read only when the store is locked).
#[cfg(feature = "rocksdb")]
pub fn open_persistent(dir: &std::path::Path, purpose: &str) -> Result<Store> {
    let holder = dir.join("plangraph-holder");
    match Store::open(dir) {
        Ok(store) => {
            // Best effort: the note only improves the message a second process gets.
            let _ = std::fs::write(&holder, format!("{} plangraph {purpose}\n", std::process::id()));
            Ok(store)
        }
        Err(e) if e.to_string().contains("lock") => Err(Error::new(
            dir.display().to_string(),
            format!(
                "the store is in use by {}: one process at a time opens a store; try again when it is done",
                holder_of(&holder)
            ),
        )),
        Err(e) => Err(Error::new(
            dir.display().to_string(),
            format!("cannot open the store: {e}"),
        )),
    }
}

/// Who holds a locked store, from its holder note: `plangraph load (pid 1234)` where that
/// process is still running, else another process.
#[cfg(feature = "rocksdb")]
fn holder_of(note: &std::path::Path) -> String {
    let text = std::fs::read_to_string(note).unwrap_or_default();
    let mut words = text.split_whitespace();
    let pid = words.next().unwrap_or_default();
    let what: Vec<&str> = words.collect();
    let running = !pid.is_empty()
        && std::fs::read(format!("/proc/{pid}/cmdline"))
            .is_ok_and(|cmdline| String::from_utf8_lossy(&cmdline).contains("plangraph"));
    if running && !what.is_empty() {
        format!("{} (pid {pid})", what.join(" "))
    } else {
        "another process (an Oxigraph server, or a plangraph run)".to_string()
    }
}

/// Opens a persistent store: this build has no RocksDB backend, so this says how to get one.
#[cfg(not(feature = "rocksdb"))]
pub fn open_persistent(dir: &std::path::Path, _purpose: &str) -> Result<Store> {
    Err(Error::new(
        dir.display().to_string(),
        "persistent stores need the `rocksdb` feature: build with `cargo build --release --features rocksdb`",
    ))
}

/// Opens the persistent store in `dir` for reading and querying; unlike [`open_persistent`], it
/// creates nothing: a directory that holds no store is an error.
pub fn open_existing(dir: &std::path::Path, purpose: &str) -> Result<Store> {
    // RocksDB keeps the name of its current manifest in CURRENT: no such file, no store.
    if !dir.join("CURRENT").is_file() {
        return Err(Error::new(
            dir.display().to_string(),
            "no store here (plangraph load --store DIR makes one)",
        ));
    }
    open_persistent(dir, purpose)
}

/// Puts `quads` into `store` in one transaction, clearing `graphs` first (so loading them again
/// replaces them); the quads of other graphs are added.
pub fn replace_graphs(
    store: &Store,
    graphs: &[oxigraph::model::NamedNode],
    quads: &[Quad],
) -> Result<()> {
    let fail = |e: &dyn std::fmt::Display| Error::new("store", e.to_string());
    let mut transaction = store.start_transaction().map_err(|e| fail(&e))?;
    for graph in graphs {
        transaction.clear_graph(graph).map_err(|e| fail(&e))?;
    }
    transaction.extend(quads);
    transaction.commit().map_err(|e| fail(&e))
}
