//! Loading a corpus of plans into a store on every core, in bounded memory, with every plan's
//! graph complete or absent whenever the process stops.
//!
//! The plans are checked, then mapped a chunk at a time on every core (see
//! [`corpus`](crate::graph::corpus)): nothing is written unless every plan parses. A window of
//! plans (up to `window_quads` quads) has its plan graphs cleared in one transaction, then its
//! quads — the plans' graphs and the reference data they use — go through Oxigraph's bulk
//! loader and one commit.
//!
//! Why a plan is never half there: the bulk loader (without `without_atomicity`) writes its
//! quads to SST files and its commit ingests them all in one RocksDB `IngestExternalFiles` call,
//! which is atomic across column families (Oxigraph 0.5, `storage/rocksdb.rs`). A kill before
//! the commit leaves the window's plans absent (their graphs were cleared); after it, complete.
//! `tests/store.rs` kills loads at random moments and checks this.
//!
//! Memory holds one window being written, one chunk being mapped and the plans' titles — not
//! the corpus. The store's content does not depend on `threads` (it is a set of quads).

use crate::error::{Error, Result};
use crate::graph::corpus::{thread_pool, Corpus, MappedPlan};
use crate::graph::mapping::MappingOptions;
use crate::pipeline::UserMetadata;
use crate::read::SourceText;
use crate::resolve::Registry;
use oxigraph::model::Quad;
use oxigraph::store::Store;
use std::collections::HashSet;

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
    let pool = thread_pool(threads)?;
    let corpus = Corpus {
        count,
        read,
        registry,
        metadata,
        mapping,
        pool: &pool,
    };
    let index = corpus.index()?;
    let order: Vec<usize> = (0..count).collect();
    let mut total = Loaded::default();
    let mut window: Vec<MappedPlan> = Vec::new();
    let mut window_quads = 0;
    let flush = |window: &mut Vec<MappedPlan>, total: &mut Loaded| -> Result<()> {
        total.quads += write_window(store, window, threads)?;
        total.plans += window.len();
        window.iter().for_each(|p| loaded(&p.name));
        window.clear();
        Ok(())
    };
    // Chunks small enough to keep every thread busy and memory low, large enough to amortise.
    corpus.map_chunks(&order, &index.titles, threads * 4, |mapped| {
        for plan in mapped {
            window_quads += plan.plan_quads.len();
            window.push(plan);
        }
        if window_quads >= options.window_quads {
            flush(&mut window, &mut total)?;
            window_quads = 0;
        }
        Ok(())
    })?;
    if !window.is_empty() {
        flush(&mut window, &mut total)?;
    }
    Ok(total)
}

/// Writes a window: its plan graphs cleared in one transaction, then its quads (each plan's,
/// and the reference data once) bulk-loaded and committed at once. Returns the quads written.
fn write_window(store: &Store, window: &[MappedPlan], threads: usize) -> Result<usize> {
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
