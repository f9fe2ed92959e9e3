//! Pushing graphs into a store with the SPARQL 1.1 Graph Store Protocol: one `PUT
//! <endpoint>?graph=<IRI>` per named graph, its triples as N-Triples (which every store takes;
//! Virtuoso refuses N-Quads and TriG), so a second push replaces each graph and never
//! duplicates it. Several requests are in flight at once, the graphs made as the plans are
//! mapped ([`PushSource`]), so a push's memory does not grow with the corpus.

use crate::error::{Error, Result};
use crate::export::{serialize, sort_quads, ExportFormat, ExportOptions};
use crate::graph::corpus::{Corpus, CorpusIndex};
use crate::read::SourceText;
use crate::remote::http::{percent_encode, send, Credentials, Request};
use oxigraph::model::{GraphName, NamedNode, Quad};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// One named graph, ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphBody {
    /// The graph's IRI.
    pub graph: String,
    /// Its triples as N-Triples.
    pub ntriples: Vec<u8>,
    /// How many triples.
    pub triples: usize,
}

/// The named graphs of `quads`, each as N-Triples, in IRI order. Quads in the default graph
/// have no graph to be put in and are refused.
pub fn graph_bodies(quads: &[Quad]) -> Result<Vec<GraphBody>> {
    by_graph(quads.to_vec())?
        .into_iter()
        .map(|(graph, quads)| graph_body(&graph, quads))
        .collect()
}

/// `quads` grouped by their named graph, in IRI order; a quad in the default graph is refused.
fn by_graph(quads: Vec<Quad>) -> Result<BTreeMap<String, Vec<Quad>>> {
    let mut groups: BTreeMap<String, Vec<Quad>> = BTreeMap::new();
    for quad in quads {
        let GraphName::NamedNode(graph) = &quad.graph_name else {
            return Err(Error::new(
                "push",
                "a quad in the default graph: only named graphs are pushed",
            ));
        };
        groups
            .entry(graph.as_str().to_string())
            .or_default()
            .push(quad);
    }
    Ok(groups)
}

/// The body putting `quads` (their triples, sorted, without repeats) into `graph`.
pub fn graph_body(graph: &str, quads: Vec<Quad>) -> Result<GraphBody> {
    let mut triples: Vec<Quad> = quads
        .into_iter()
        .map(|q| Quad::new(q.subject, q.predicate, q.object, GraphName::DefaultGraph))
        .collect();
    sort_quads(&mut triples);
    triples.dedup();
    let ntriples = serialize(&triples, ExportFormat::NTriples, &ExportOptions::default())?;
    Ok(GraphBody {
        graph: graph.to_string(),
        ntriples,
        triples: triples.len(),
    })
}

/// What a push of plans and RDF files sends, made graph by graph as the plans are mapped, so
/// that memory holds the plans being mapped and the bodies in flight, not the corpus.
pub struct PushSource<'c, 'a, R> {
    corpus: &'c Corpus<'a, R>,
    index: CorpusIndex,
    /// The RDF files' quads by graph.
    rdf: BTreeMap<String, Vec<Quad>>,
    /// The reference graph's IRI.
    reference: String,
}

impl<'c, 'a, R: Fn(usize) -> Result<SourceText> + Sync> PushSource<'c, 'a, R> {
    /// Checks every plan of `corpus` (its first pass: nothing is sent unless all parse) and
    /// groups `rdf`, the quads read from RDF files, by graph.
    pub fn new(corpus: &'c Corpus<'a, R>, rdf: Vec<Quad>, reference: &NamedNode) -> Result<Self> {
        Ok(PushSource {
            corpus,
            index: corpus.index()?,
            rdf: by_graph(rdf)?,
            reference: reference.as_str().to_string(),
        })
    }

    /// How many graphs [`bodies`](Self::bodies) gives.
    pub fn graphs(&self) -> usize {
        let plans: BTreeSet<&str> = self.index.graphs.iter().map(|g| g.as_str()).collect();
        let others = self
            .rdf
            .keys()
            .filter(|g| !plans.contains(g.as_str()) && **g != self.reference)
            .count();
        let reference =
            usize::from(self.corpus.count > 0 || self.rdf.contains_key(&self.reference));
        plans.len() + others + reference
    }

    /// Hands `sink` each graph's body: the plans' graphs in IRI order (each with the quads
    /// the RDF files hold in it), then the RDF files' other graphs, then the reference graph
    /// (the plans' reference data without repeats, and the RDF files' quads in it). Stops at
    /// the first error, the sink's included.
    pub fn bodies(self, mut sink: impl FnMut(GraphBody) -> Result<()>) -> Result<()> {
        let PushSource {
            corpus,
            index,
            mut rdf,
            reference,
        } = self;
        let mut order: Vec<usize> = (0..corpus.count).collect();
        order.sort_by(|&a, &b| index.graphs[a].as_str().cmp(index.graphs[b].as_str()));
        let mut reference_quads: HashSet<Quad> = HashSet::new();
        corpus.map_chunks(&order, &index.titles, 16, |plans| {
            for mut plan in plans {
                let graph = plan.graph.as_str().to_string();
                plan.plan_quads
                    .extend(rdf.remove(&graph).unwrap_or_default());
                reference_quads.extend(plan.reference_quads);
                sink(graph_body(&graph, plan.plan_quads)?)?;
            }
            Ok(())
        })?;
        reference_quads.extend(rdf.remove(&reference).unwrap_or_default());
        for (graph, quads) in rdf {
            sink(graph_body(&graph, quads)?)?;
        }
        if !reference_quads.is_empty() {
            sink(graph_body(
                &reference,
                reference_quads.into_iter().collect(),
            )?)?;
        }
        Ok(())
    }
}

/// Where and how to push.
#[derive(Debug, Clone)]
pub struct PushOptions {
    /// The Graph Store Protocol endpoint (`http://127.0.0.1:7878/store`,
    /// `http://host:8890/sparql-graph-crud-auth`).
    pub endpoint: String,
    /// Credentials, where the store wants them.
    pub credentials: Option<Credentials>,
    /// Requests in flight at once.
    pub in_flight: usize,
}

/// What a push did.
#[derive(Debug, Clone, PartialEq)]
pub struct PushSummary {
    /// Graphs put.
    pub graphs: usize,
    /// Triples sent.
    pub triples: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
}

/// The URL that names `graph` at `endpoint`.
pub fn graph_url(endpoint: &str, graph: &str) -> String {
    let join = if endpoint.contains('?') { '&' } else { '?' };
    format!("{endpoint}{join}graph={}", percent_encode(graph))
}

/// Puts every graph `bodies` gives at the endpoint, `in_flight` at a time, as they come; `done`
/// is told each graph's IRI as it is stored. Stops at the first graph the store refuses or
/// cannot take, or the first error `bodies` gives, and then drops `bodies` (so a producer
/// behind a channel stops too).
pub fn push<I>(
    bodies: I,
    options: &PushOptions,
    done: &(dyn Fn(&str) + Sync),
) -> Result<PushSummary>
where
    I: Iterator<Item = Result<GraphBody>> + Send,
{
    let started = Instant::now();
    // The bodies are taken one at a time under the lock; `None` once the push stops.
    let source: Mutex<Option<I>> = Mutex::new(Some(bodies));
    let failure: Mutex<Option<Error>> = Mutex::new(None);
    let (graphs, triples) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let stop = |error: Error| {
        if let Ok(mut f) = failure.lock() {
            f.get_or_insert(error);
        }
        if let Ok(mut s) = source.lock() {
            *s = None;
        }
    };
    let workers = options.in_flight.clamp(1, 16);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let next = match source.lock() {
                    Ok(mut s) => s.as_mut().and_then(Iterator::next),
                    Err(_) => None,
                };
                let body = match next {
                    None => return,
                    Some(Err(e)) => return stop(e),
                    Some(Ok(body)) => body,
                };
                let request = Request {
                    method: "PUT",
                    url: graph_url(&options.endpoint, &body.graph),
                    body: Some(("application/n-triples", &body.ntriples)),
                    accept: None,
                };
                match send(&request, options.credentials.as_ref()) {
                    Ok(_) => {
                        graphs.fetch_add(1, Ordering::SeqCst);
                        triples.fetch_add(body.triples, Ordering::SeqCst);
                        done(&body.graph);
                    }
                    Err(e) => return stop(e),
                }
            });
        }
    });
    if let Some(error) = failure.into_inner().ok().flatten() {
        return Err(error);
    }
    Ok(PushSummary {
        graphs: graphs.into_inner(),
        triples: triples.into_inner(),
        seconds: started.elapsed().as_secs_f64(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::NamedNode;

    #[test]
    fn one_body_per_named_graph_and_graph_urls_are_encoded() {
        let node = |s: &str| NamedNode::new(s).unwrap();
        let quads = vec![
            Quad::new(node("urn:s"), node("urn:p"), node("urn:o"), node("urn:g1")),
            Quad::new(node("urn:s"), node("urn:p"), node("urn:o2"), node("urn:g2")),
            Quad::new(node("urn:s"), node("urn:p"), node("urn:o3"), node("urn:g1")),
        ];
        let bodies = graph_bodies(&quads).unwrap();
        assert_eq!(bodies.len(), 2);
        assert_eq!((bodies[0].graph.as_str(), bodies[0].triples), ("urn:g1", 2));
        assert!(String::from_utf8_lossy(&bodies[0].ntriples).contains("<urn:o3>"));
        assert_eq!(
            graph_url("http://127.0.0.1:7878/store", "urn:g1"),
            "http://127.0.0.1:7878/store?graph=urn%3Ag1"
        );
    }
}
