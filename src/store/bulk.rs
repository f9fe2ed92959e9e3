//! Loading a corpus of plans into a store on every core, in bounded memory, with every plan's
//! graph complete or absent whenever the process stops.
//!
//! Two passes over the inputs, each parallel (a rayon pool of `threads`):
//!
//! 1. every input is read and parsed, keeping only its plan's IRI and titles: two inputs that
//!    would make one plan, or one that does not parse, stop the load before the store is
//!    touched; the titles let a plan citing another link to its node, whichever window it is in;
//! 2. the inputs are read, parsed and mapped again, a chunk at a time, while the previous chunk
//!    is written: a window of plans (up to `window_quads` quads) has its plan graphs cleared in
//!    one transaction, then its quads — the plans' graphs and the reference data they use — go
//!    through Oxigraph's bulk loader and one commit.
//!
//! Why a plan is never half there: the bulk loader (without `without_atomicity`) writes its
//! quads to SST files and its commit ingests them all in one RocksDB `IngestExternalFiles` call,
//! which is atomic across column families (Oxigraph 0.5, `storage/rocksdb.rs`). A kill before
//! the commit leaves the window's plans absent (their graphs were cleared); after it, complete.
//! `tests/store.rs` kills loads at random moments and checks this.
//!
//! Memory holds one window being written, one chunk being mapped and the first pass's titles —
//! not the corpus. The store's content does not depend on `threads` (it is a set of quads).

use crate::error::{Error, Result};
use crate::graph::mapping::{map_plan_among, plan_iri, reference_graph, MappingOptions, PlanIndex};
use crate::pipeline::{parse, UserMetadata};
use crate::read::SourceText;
use crate::resolve::Registry;
use oxigraph::model::{GraphName, NamedNode, Quad};
use oxigraph::store::Store;
use rayon::prelude::*;
use std::collections::HashSet;
use std::sync::mpsc::sync_channel;

/// How a corpus is loaded.
#[derive(Debug, Clone, Copy)]
pub struct BulkOptions {
    /// Threads that read, parse and map (and that the bulk loader uses).
    pub threads: usize,
    /// Quads written in one window (one atomic commit): the memory bound.
    pub window_quads: usize,
}

impl Default for BulkOptions {
    /// Every core; windows of 500,000 quads (about 175 plans the size of the 2017 plan).
    fn default() -> Self {
        BulkOptions {
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            window_quads: 500_000,
        }
    }
}

/// What a load wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Loaded {
    /// Plans loaded.
    pub plans: usize,
    /// Quads written: each plan's graph, and the reference data once per window.
    pub quads: usize,
}

/// One plan mapped: its name (for progress), graph, and quads split by graph.
struct Mapped {
    name: String,
    graph: NamedNode,
    plan_quads: Vec<Quad>,
    reference_quads: Vec<Quad>,
}

/// Loads the `count` plans `read` gives (by index, from any thread) into `store`, replacing
/// the graphs of plans it already holds; `loaded` is called with each plan's source name once
/// its window is committed.
#[allow(clippy::too_many_arguments)]
pub fn load_plans(
    store: &Store,
    count: usize,
    read: impl Fn(usize) -> Result<SourceText> + Sync,
    registry: &Registry,
    metadata: &UserMetadata,
    mapping: &MappingOptions,
    options: BulkOptions,
    loaded: impl Fn(&str),
) -> Result<Loaded> {
    let threads = options.threads.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::new("load", format!("cannot start {threads} threads: {e}")))?;
    let index = pool.install(|| plan_index(count, &read, registry, metadata, mapping))?;
    let reference = reference_graph(&mapping.base)?;
    let map_one = |i: usize| -> Result<Mapped> {
        let source = read(i)?;
        let plan = parse(&source, registry, metadata)?;
        let graph = plan_iri(&plan, mapping)?;
        let (plan_quads, reference_quads) = map_plan_among(&plan, registry, mapping, &index)?
            .into_iter()
            .partition(|q| q.graph_name != GraphName::NamedNode(reference.clone()));
        Ok(Mapped {
            name: source.name,
            graph,
            plan_quads,
            reference_quads,
        })
    };
    // Chunks small enough to keep every thread busy and memory low, large enough to amortise.
    let chunk = threads * 4;
    let mut total = Loaded::default();
    std::thread::scope(|scope| -> Result<()> {
        // One chunk mapped ahead while a window is written.
        let (sender, receiver) = sync_channel::<Result<Vec<Mapped>>>(1);
        let pool = &pool;
        let map_one = &map_one;
        scope.spawn(move || {
            for start in (0..count).step_by(chunk) {
                let end = (start + chunk).min(count);
                let mapped = pool.install(|| {
                    (start..end)
                        .into_par_iter()
                        .map(map_one)
                        .collect::<Result<Vec<_>>>()
                });
                let failed = mapped.is_err();
                if sender.send(mapped).is_err() || failed {
                    return;
                }
            }
        });
        let mut window: Vec<Mapped> = Vec::new();
        let mut window_quads = 0;
        for mapped in receiver {
            for plan in mapped? {
                window_quads += plan.plan_quads.len();
                window.push(plan);
            }
            if window_quads >= options.window_quads {
                total.quads += write_window(store, &window, threads)?;
                total.plans += window.len();
                window.iter().for_each(|p| loaded(&p.name));
                window.clear();
                window_quads = 0;
            }
        }
        if !window.is_empty() {
            total.quads += write_window(store, &window, threads)?;
            total.plans += window.len();
            window.iter().for_each(|p| loaded(&p.name));
        }
        Ok(())
    })?;
    Ok(total)
}

/// The first pass: every plan parsed, its IRI checked against the others', its titles kept.
fn plan_index(
    count: usize,
    read: &(impl Fn(usize) -> Result<SourceText> + Sync),
    registry: &Registry,
    metadata: &UserMetadata,
    mapping: &MappingOptions,
) -> Result<PlanIndex> {
    let plans = (0..count)
        .into_par_iter()
        .map(|i| {
            let source = read(i)?;
            let plan = parse(&source, registry, metadata)?;
            let iri = plan_iri(&plan, mapping)?;
            let mut own = PlanIndex::default();
            own.add(&plan, &iri);
            Ok((source.name, iri, own))
        })
        .collect::<Result<Vec<_>>>()?;
    let mut index = PlanIndex::default();
    let mut seen: std::collections::HashMap<&NamedNode, &str> = Default::default();
    for (name, iri, own) in &plans {
        if let Some(first) = seen.insert(iri, name) {
            return Err(Error::new(
                name,
                format!(
                    "{first} and {name} both make the plan <{}>: give --plan-id with {{stem}} or {{dir}} to name each by its file (--plan-id '{{dir}}-{{stem}}'), or one --plan-id per run",
                    iri.as_str()
                ),
            ));
        }
        index.extend(own.clone());
    }
    Ok(index)
}

/// Writes a window: its plan graphs cleared in one transaction, then its quads (each plan's,
/// and the reference data once) bulk-loaded and committed at once. Returns the quads written.
fn write_window(store: &Store, window: &[Mapped], threads: usize) -> Result<usize> {
    let fail = |e: &dyn std::fmt::Display| Error::new("store", e.to_string());
    let mut transaction = store.start_transaction().map_err(|e| fail(&e))?;
    for plan in window {
        transaction.clear_graph(&plan.graph).map_err(|e| fail(&e))?;
    }
    transaction.commit().map_err(|e| fail(&e))?;
    let reference: HashSet<&Quad> = window.iter().flat_map(|p| &p.reference_quads).collect();
    let plan_quads = window.iter().map(|p| p.plan_quads.len()).sum::<usize>();
    let written = plan_quads + reference.len();
    let mut loader = store.bulk_loader().with_num_threads(threads);
    loader
        .load_quads(
            window
                .iter()
                .flat_map(|p| p.plan_quads.iter().cloned())
                .chain(reference.into_iter().cloned()),
        )
        .map_err(|e| fail(&e))?;
    loader.commit().map_err(|e| fail(&e))?;
    Ok(written)
}
