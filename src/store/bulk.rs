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
//! Memory holds one window being written (by a thread of its own), one being filled, one chunk
//! being mapped and the plans' titles — not the corpus. The store's content does not depend on `threads` (it is a set of quads).

use crate::error::{Error, Result};
use crate::graph::corpus::{thread_pool, Corpus, MappedPlan};
use crate::graph::mapping::MappingOptions;
use crate::pipeline::UserMetadata;
use crate::read::SourceText;
use crate::resolve::Registry;
use oxigraph::model::Quad;
use oxigraph::store::Store;
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
    /// Every core; windows of 125,000 quads (about 45 plans the size of the 2017 plan): measured
    /// fastest on 2 cores, and the memory stays flat (README, Benchmarks).
    fn default() -> Self {
        BulkOptions {
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            window_quads: 125_000,
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
    loaded: impl Fn(&str) + Send,
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
    // Windows are written by a thread of their own while the next is mapped: memory holds the
    // window being written and the one being filled.
    std::thread::scope(|scope| -> Result<Loaded> {
        let (sender, receiver) = sync_channel::<Vec<MappedPlan>>(0);
        let writer = scope.spawn(move || -> Result<Loaded> {
            let mut total = Loaded::default();
            for window in receiver {
                let names: Vec<String> = window.iter().map(|p| p.name.clone()).collect();
                total.quads += write_window(store, window, threads)?;
                total.plans += names.len();
                names.iter().for_each(|name| loaded(name));
            }
            Ok(total)
        });
        let mut window: Vec<MappedPlan> = Vec::new();
        let mut window_quads = 0;
        let stopped = || Error::new("store", "the writer stopped");
        // Chunks small enough to keep every thread busy and memory low, large enough to amortise.
        let mapped = corpus.map_chunks(&order, &index.titles, threads * 4, |mapped| {
            for plan in mapped {
                window_quads += plan.plan_quads.len();
                window.push(plan);
            }
            if window_quads >= options.window_quads {
                sender
                    .send(std::mem::take(&mut window))
                    .map_err(|_| stopped())?;
                window_quads = 0;
            }
            Ok(())
        });
        let last = match mapped {
            Ok(()) if !window.is_empty() => sender.send(window).map_err(|_| stopped()),
            other => other,
        };
        drop(sender);
        // The writer's own error says more than "the writer stopped".
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(Error::new("store", "the writer panicked")));
        last.and(written)
    })
}

/// Writes a window: its plan graphs cleared in one transaction, then its quads (each plan's,
/// and the reference data once) bulk-loaded and committed at once, the quads moved into the
/// loader rather than copied. Returns the quads written.
fn write_window(store: &Store, window: Vec<MappedPlan>, threads: usize) -> Result<usize> {
    let fail = |e: &dyn std::fmt::Display| Error::new("store", e.to_string());
    let mut transaction = store.start_transaction().map_err(|e| fail(&e))?;
    for plan in &window {
        transaction.clear_graph(&plan.graph).map_err(|e| fail(&e))?;
    }
    transaction.commit().map_err(|e| fail(&e))?;
    let mut window = window;
    let reference: HashSet<Quad> = window
        .iter_mut()
        .flat_map(|p| std::mem::take(&mut p.reference_quads))
        .collect();
    let written = window.iter().map(|p| p.plan_quads.len()).sum::<usize>() + reference.len();
    // Batches of a window's share per thread, so that every thread builds SST files.
    let mut loader = store
        .bulk_loader()
        .with_num_threads(threads)
        .with_max_memory_size_in_megabytes((written / 1000).max(threads * 4));
    loader
        .load_quads(
            window
                .into_iter()
                .flat_map(|p| p.plan_quads)
                .chain(reference),
        )
        .map_err(|e| fail(&e))?;
    loader.commit().map_err(|e| fail(&e))?;
    Ok(written)
}
