//! A corpus of plans mapped on every core, in bounded memory: what `load` and the streaming
//! N-Quads export share.
//!
//! Two passes over the inputs, each on a rayon pool:
//!
//! 1. [`Corpus::index`]: every input read and parsed, keeping only its plan's IRI and titles.
//!    Two inputs that would make one plan, or one that does not parse, stop everything before
//!    anything is written; the titles let a plan citing another link to its node whichever
//!    chunk it is mapped in.
//! 2. [`Corpus::map_chunks`]: the inputs read, parsed and mapped again, a chunk at a time in the
//!    order asked for, one chunk mapped ahead while the caller writes the previous one.
//!
//! Memory holds the first pass's titles and two chunks of quads, not the corpus.

use crate::error::{Error, Result};
use crate::graph::mapping::{map_plan_among, plan_iri, reference_graph, MappingOptions, PlanIndex};
use crate::pipeline::{parse, UserMetadata};
use crate::read::SourceText;
use crate::resolve::Registry;
use oxigraph::model::{GraphName, NamedNode, Quad};
use rayon::prelude::*;
use std::sync::mpsc::sync_channel;

/// One plan mapped: its source's name, its graph, and its quads split by graph.
#[derive(Debug, Clone)]
pub struct MappedPlan {
    /// The source's name (a file path).
    pub name: String,
    /// The plan's named graph.
    pub graph: NamedNode,
    /// The quads of the plan's graph (unsorted; a subtask naming an entity twice repeats one).
    pub plan_quads: Vec<Quad>,
    /// The reference data the plan uses (in `<base>reference`).
    pub reference_quads: Vec<Quad>,
}

/// What the first pass keeps: each plan's graph, in input order, and the plans' titles.
#[derive(Debug, Clone, Default)]
pub struct CorpusIndex {
    /// Each input's plan graph.
    pub graphs: Vec<NamedNode>,
    /// The plans by title, for citations between them.
    pub titles: PlanIndex,
}

/// The inputs of a corpus and how to map them.
pub struct Corpus<'a, R> {
    /// How many inputs.
    pub count: usize,
    /// Reads input `i` (from any thread).
    pub read: R,
    /// The registry.
    pub registry: &'a Registry,
    /// Metadata the user gave (for a corpus of one).
    pub metadata: &'a UserMetadata,
    /// Mapping options.
    pub mapping: &'a MappingOptions,
    /// The threads that read, parse and map.
    pub pool: &'a rayon::ThreadPool,
}

/// A pool of `threads` threads (at least one).
pub fn thread_pool(threads: usize) -> Result<rayon::ThreadPool> {
    let threads = threads.max(1);
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::new("threads", format!("cannot start {threads} threads: {e}")))
}

impl<R: Fn(usize) -> Result<SourceText> + Sync> Corpus<'_, R> {
    /// The first pass (see the module docs).
    pub fn index(&self) -> Result<CorpusIndex> {
        let plans = self.pool.install(|| {
            (0..self.count)
                .into_par_iter()
                .map(|i| {
                    let source = (self.read)(i)?;
                    let plan = parse(&source, self.registry, self.metadata)?;
                    let iri = plan_iri(&plan, self.mapping)?;
                    let mut own = PlanIndex::default();
                    own.add(&plan, &iri);
                    Ok((source.name, iri, own))
                })
                .collect::<Result<Vec<_>>>()
        })?;
        let mut index = CorpusIndex::default();
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
            index.titles.extend(own.clone());
            index.graphs.push(iri.clone());
        }
        Ok(index)
    }

    /// Input `i` read, parsed and mapped, citing the plans of `titles`.
    pub fn map(&self, i: usize, titles: &PlanIndex) -> Result<MappedPlan> {
        let source = (self.read)(i)?;
        let plan = parse(&source, self.registry, self.metadata)?;
        let graph = plan_iri(&plan, self.mapping)?;
        let reference = GraphName::NamedNode(reference_graph(&self.mapping.base)?);
        let (reference_quads, plan_quads) =
            map_plan_among(&plan, self.registry, self.mapping, titles)?
                .into_iter()
                .partition(|q| q.graph_name == reference);
        Ok(MappedPlan {
            name: source.name,
            graph,
            plan_quads,
            reference_quads,
        })
    }

    /// The second pass: the inputs `order` names mapped `chunk` at a time, each chunk handed to
    /// `sink` in that order while the next is mapped. Stops at the first error.
    pub fn map_chunks(
        &self,
        order: &[usize],
        titles: &PlanIndex,
        chunk: usize,
        mut sink: impl FnMut(Vec<MappedPlan>) -> Result<()>,
    ) -> Result<()> {
        std::thread::scope(|scope| -> Result<()> {
            let (sender, receiver) = sync_channel::<Result<Vec<MappedPlan>>>(1);
            scope.spawn(move || {
                for part in order.chunks(chunk.max(1)) {
                    let mapped = self.pool.install(|| {
                        part.par_iter()
                            .map(|&i| self.map(i, titles))
                            .collect::<Result<Vec<_>>>()
                    });
                    let failed = mapped.is_err();
                    if sender.send(mapped).is_err() || failed {
                        return;
                    }
                }
            });
            for mapped in receiver {
                sink(mapped?)?;
            }
            Ok(())
        })
    }
}
