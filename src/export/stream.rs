//! N-Quads of a corpus written as it is mapped, plan by plan, in memory that does not grow
//! with the corpus: the bytes [`serialize`](super::serialize) would give for the same plans.
//!
//! The plans' graphs go out in the order of their IRIs (each graph sorted), then the reference
//! graph (whose IRI, `<base>reference`, sorts after every `<base>plan/…`), the reference quads
//! gathered from every plan without repeats; that is the order a sort of all the quads gives.

use crate::error::{Error, Result};
use crate::export::sort_quads;
use crate::graph::corpus::Corpus;
use crate::read::SourceText;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Quad;
use std::collections::HashSet;
use std::io::Write;

/// What a streamed export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Streamed {
    /// Plans written.
    pub plans: usize,
    /// Quads written.
    pub quads: usize,
}

/// Writes the corpus's N-Quads to `out`, `chunk` plans mapped at a time.
pub fn write_nquads<R: Fn(usize) -> Result<SourceText> + Sync>(
    corpus: &Corpus<'_, R>,
    chunk: usize,
    out: &mut dyn Write,
) -> Result<Streamed> {
    let index = corpus.index()?;
    let mut order: Vec<usize> = (0..corpus.count).collect();
    order.sort_by(|&a, &b| index.graphs[a].as_str().cmp(index.graphs[b].as_str()));
    let io = |e: std::io::Error| Error::new("export", format!("cannot write N-Quads: {e}"));
    let mut serializer = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(out);
    let mut reference: HashSet<Quad> = HashSet::new();
    let mut written = Streamed::default();
    corpus.map_chunks(&order, &index.titles, chunk, |plans| {
        for mut plan in plans {
            sort_quads(&mut plan.plan_quads);
            plan.plan_quads.dedup();
            for quad in &plan.plan_quads {
                serializer.serialize_quad(quad).map_err(io)?;
            }
            written.plans += 1;
            written.quads += plan.plan_quads.len();
            reference.extend(plan.reference_quads);
        }
        Ok(())
    })?;
    let mut reference: Vec<Quad> = reference.into_iter().collect();
    sort_quads(&mut reference);
    for quad in &reference {
        serializer.serialize_quad(quad).map_err(io)?;
    }
    written.quads += reference.len();
    serializer.finish().map_err(io)?;
    Ok(written)
}
