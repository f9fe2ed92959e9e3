//! The embedded Oxigraph store, and SELECT queries over the union of the graphs of a store or
//! of an in-memory dataset.
//!
//! The store canonicalises some literals (an `xsd:nonNegativeInteger` comes back as
//! `xsd:integer`); checks that must see terms exactly as written (SHACL `sh:datatype`) query a
//! [`Dataset`] instead.

use crate::error::{Error, Result};
use oxigraph::model::{Dataset, Quad, Term};
use oxigraph::sparql::{PreparedSparqlQuery, QueryEvaluationError, QueryResults, SparqlEvaluator};
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
    rows(prepare(query)?.on_store(store).execute(), query)
}

/// Runs a SELECT query on a dataset, the union of its named graphs as default graph (quads in
/// the dataset's default graph are not seen).
pub fn select_in(dataset: &Dataset, query: &str) -> Result<Rows> {
    rows(
        prepare(query)?.on_queryable_dataset(dataset).execute(),
        query,
    )
}

fn prepare(query: &str) -> Result<PreparedSparqlQuery> {
    let mut prepared = SparqlEvaluator::new()
        .parse_query(query)
        .map_err(|e| Error::new("query", format!("{e}\n{query}")))?;
    prepared.dataset_mut().set_default_graph_as_union();
    Ok(prepared)
}

fn rows(
    results: std::result::Result<QueryResults<'_>, QueryEvaluationError>,
    query: &str,
) -> Result<Rows> {
    let fail = |e: &dyn std::fmt::Display| Error::new("query", format!("{e}\n{query}"));
    let QueryResults::Solutions(solutions) = results.map_err(|e| fail(&e))? else {
        return Err(Error::new("query", "not a SELECT query"));
    };
    let variables: Vec<_> = solutions.variables().to_vec();
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution.map_err(|e| fail(&e))?;
        rows.push(variables.iter().map(|v| solution.get(v).cloned()).collect());
    }
    Ok(rows)
}

/// Opens (or creates) a persistent store in `dir` (Oxigraph's RocksDB backend).
#[cfg(feature = "rocksdb")]
pub fn open_persistent(dir: &std::path::Path) -> Result<Store> {
    Store::open(dir).map_err(|e| {
        Error::new(
            dir.display().to_string(),
            format!("cannot open the store: {e}"),
        )
    })
}

/// Opens a persistent store: this build has no RocksDB backend, so this says how to get one.
#[cfg(not(feature = "rocksdb"))]
pub fn open_persistent(dir: &std::path::Path) -> Result<Store> {
    Err(Error::new(
        dir.display().to_string(),
        "persistent stores need the `rocksdb` feature: build with `cargo build --release --features rocksdb`",
    ))
}

/// Puts one plan's quads into `store` in one transaction: the plan's graph is cleared and
/// refilled (so loading a plan again replaces it), the quads of other graphs (reference data)
/// are added.
pub fn replace_plan(
    store: &Store,
    plan_graph: &oxigraph::model::NamedNode,
    quads: &[Quad],
) -> Result<()> {
    let fail = |e: &dyn std::fmt::Display| Error::new("store", e.to_string());
    let mut transaction = store.start_transaction().map_err(|e| fail(&e))?;
    transaction.clear_graph(plan_graph).map_err(|e| fail(&e))?;
    transaction.extend(quads);
    transaction.commit().map_err(|e| fail(&e))
}
