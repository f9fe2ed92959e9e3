//! Loading a corpus of plans into a store on every core, in bounded memory, with every plan's
//! graph complete or absent whenever the process stops.
//!
//! The plans are checked, then mapped a chunk at a time on every core (see
//! [`corpus`](crate::graph::corpus)): nothing is written unless every plan parses. The mapped
//! plans stream into Oxigraph's bulk loader, which sorts them into SST files a batch at a time
//! (the memory bound) on threads of its own; its commit ingests the files in one step. A
//! *window* is the plans between two commits: each chunk's plan graphs are cleared (one
//! transaction) as it enters the window, so that loading a plan again replaces it.
//!
//! Why a plan is never half there: the bulk loader (without `without_atomicity`) keeps its SST
//! files aside until its commit ingests them all in one RocksDB `IngestExternalFiles` call,
//! which is atomic across column families (Oxigraph 0.5, `storage/rocksdb.rs`). A kill before
//! the commit leaves the window's plans absent (their graphs were cleared); after it, complete.
//! `tests/store.rs` kills loads at random moments and checks this.
//!
//! Why windows grow: every commit's files overlap the whole store (keys start with hashes), so
//! RocksDB merges each into what is there, and many small commits into a large store stall on
//! that merging (10,000 plans in 125,000-quad commits: 372.5 s, against 172.9 s for `oxigraph
//! load` of the same quads; README, Benchmarks). A window therefore holds at least as many quads as the
//! load wrote before it: a load of Q quads makes about log2(Q / first window) commits.
//!
//! Memory holds the loader's batches, one chunk being mapped and the plans' titles — not the
//! corpus, and not a window. The store's content does not depend on `threads` (it is a set of
//! quads).

use crate::error::{Error, Result};
use crate::graph::corpus::{thread_pool, Corpus, MappedPlan};
use crate::graph::mapping::MappingOptions;
use crate::pipeline::UserMetadata;
use crate::read::SourceText;
use crate::resolve::Registry;
use oxigraph::model::Quad;
use oxigraph::store::{StorageError, Store};
use std::collections::HashSet;
use std::sync::mpsc::{sync_channel, Receiver};

/// How a corpus is loaded.
#[derive(Debug, Clone, Copy)]
pub struct BulkOptions {
    /// Threads that read, parse and map, and that the bulk loader sorts batches on.
    pub threads: usize,
    /// Quads in the first window (one atomic commit); each later window holds at least as many
    /// quads as were written before it.
    pub window_quads: usize,
    /// The most quads the bulk loader sorts in one batch (batches grow with the windows up to
    /// this); up to `threads` batches are sorted at once while the next fills: the memory bound.
    pub batch_quads: usize,
}

impl Default for BulkOptions {
    /// Every core; a first window of 125,000 quads (about 45 plans the size of the 2017 plan) and
    /// batches of 250,000 quads (README, Benchmarks, has the measurements).
    fn default() -> Self {
        BulkOptions {
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            window_quads: 125_000,
            batch_quads: 250_000,
        }
    }
}

impl BulkOptions {
    /// The quads the next window holds (at least), when the load has written `written`.
    fn window_after(&self, written: usize) -> usize {
        self.window_quads.max(written)
    }

    /// The quads of one of the loader's batches in the next window: a 32nd of the window,
    /// at least [`SMALLEST_BATCH`] and at most `batch_quads`, and no more than a thread's share.
    /// Each batch becomes one file per index that the commit hands RocksDB to merge, so a
    /// large window wants large batches (10,000 plans: 202.7 s in batches up to 250,000
    /// quads, 246.6 s up to 125,000), while small ones keep a small load's memory small (1,000
    /// plans: 304–312 MB in batches of 60,000, 623–645 MB in batches of 250,000, as fast).
    fn batch_after(&self, written: usize) -> usize {
        let window = self.window_after(written);
        let share = window.div_ceil(self.threads.max(1));
        (window / 32)
            .max(SMALLEST_BATCH)
            .min(self.batch_quads)
            .min(share)
            .max(1)
    }
}

/// The smallest batch the loader is given while a window has more quads to come.
const SMALLEST_BATCH: usize = 60_000;

/// What a load wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Loaded {
    /// Plans loaded.
    pub plans: usize,
    /// Quads written: each plan's graph, and the reference data once per window.
    pub quads: usize,
    /// Atomic commits made.
    pub commits: usize,
}

/// What the mapping side sends the writer.
enum ToWriter {
    /// Plans mapped, to go into the current window.
    Plans(Vec<MappedPlan>),
    /// The current window is full: commit it.
    Commit,
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
    std::thread::scope(|scope| -> Result<Loaded> {
        // A chunk in the channel at most: mapping runs ahead of writing by that much.
        let (sender, receiver) = sync_channel::<ToWriter>(1);
        let writer = scope.spawn(move || write_windows(store, receiver, &options, loaded));
        let stopped = || Error::new("store", "the writer stopped");
        let (mut written, mut in_window) = (0, 0);
        // Chunks small enough to keep every thread busy and memory low, large enough to amortise.
        let mapped = corpus.map_chunks(&order, &index.titles, threads * 4, |plans| {
            in_window += plans.iter().map(|p| p.plan_quads.len()).sum::<usize>();
            sender.send(ToWriter::Plans(plans)).map_err(|_| stopped())?;
            if in_window >= options.window_after(written) {
                sender.send(ToWriter::Commit).map_err(|_| stopped())?;
                written += in_window;
                in_window = 0;
            }
            Ok(())
        });
        // The last window is committed only when every plan was mapped: hanging up without
        // a commit tells the writer to drop it.
        let last = mapped.and_then(|()| sender.send(ToWriter::Commit).map_err(|_| stopped()));
        drop(sender);
        // The writer's own error says more than "the writer stopped".
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(Error::new("store", "the writer panicked")))?;
        last.map(|()| written)
    })
}

/// The writer: one bulk loader per window, fed as the plans arrive, committed when told.
fn write_windows(
    store: &Store,
    receiver: Receiver<ToWriter>,
    options: &BulkOptions,
    loaded: impl Fn(&str),
) -> Result<Loaded> {
    let fail = |e: &dyn std::fmt::Display| Error::new("store", e.to_string());
    let threads = options.threads.max(1);
    let mut total = Loaded::default();
    loop {
        let mut window = Window::new(store, &receiver);
        // Oxigraph sizes the batches it sorts by memory, a megabyte per thousand quads, shared
        // among the threads.
        let batch = options.batch_after(total.quads);
        let mut loader = store
            .bulk_loader()
            .with_num_threads(threads)
            .with_max_memory_size_in_megabytes((batch * threads).div_ceil(1000));
        loader
            .load_ok_quads::<StorageError, StorageError>(&mut window)
            .map_err(|e| fail(&e))?;
        if !window.commit {
            // The mapping side stopped (it says why) or there was nothing left.
            return Ok(total);
        }
        loader.commit().map_err(|e| fail(&e))?;
        if window.quads == 0 {
            continue;
        }
        total.plans += window.names.len();
        total.quads += window.quads;
        total.commits += 1;
        window.names.iter().for_each(|name| loaded(name));
    }
}

/// The quads of one window, as an iterator the bulk loader drains: each chunk's plan graphs
/// cleared as it arrives, then its plans' quads, and the reference data each uses the first
/// time it appears in the window.
struct Window<'a> {
    store: &'a Store,
    receiver: &'a Receiver<ToWriter>,
    current: std::vec::IntoIter<Quad>,
    reference: HashSet<Quad>,
    /// The source names of the window's plans.
    names: Vec<String>,
    /// Quads handed to the loader.
    quads: usize,
    /// Whether the window ended in a commit (rather than the mapping side hanging up).
    commit: bool,
}

impl<'a> Window<'a> {
    fn new(store: &'a Store, receiver: &'a Receiver<ToWriter>) -> Self {
        Window {
            store,
            receiver,
            current: Vec::new().into_iter(),
            reference: HashSet::new(),
            names: Vec::new(),
            quads: 0,
            commit: false,
        }
    }

    /// Takes a chunk of plans into the window: their graphs cleared, their quads queued.
    fn take(&mut self, plans: Vec<MappedPlan>) -> std::result::Result<(), StorageError> {
        let mut transaction = self.store.start_transaction()?;
        for plan in &plans {
            transaction.clear_graph(&plan.graph)?;
        }
        transaction.commit()?;
        let mut quads = Vec::with_capacity(plans.iter().map(|p| p.plan_quads.len()).sum());
        for plan in plans {
            self.names.push(plan.name);
            quads.extend(plan.plan_quads);
            for quad in plan.reference_quads {
                if !self.reference.contains(&quad) {
                    self.reference.insert(quad.clone());
                    quads.push(quad);
                }
            }
        }
        self.quads += quads.len();
        self.current = quads.into_iter();
        Ok(())
    }
}

impl Iterator for Window<'_> {
    type Item = std::result::Result<Quad, StorageError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(quad) = self.current.next() {
                return Some(Ok(quad));
            }
            match self.receiver.recv() {
                Ok(ToWriter::Plans(plans)) => {
                    if let Err(e) = self.take(plans) {
                        return Some(Err(e));
                    }
                }
                Ok(ToWriter::Commit) => {
                    self.commit = true;
                    return None;
                }
                Err(_) => return None,
            }
        }
    }
}
