//! Pushing graphs into a store with the SPARQL 1.1 Graph Store Protocol: one `PUT
//! <endpoint>?graph=<IRI>` per named graph, its triples as N-Triples (which every store takes;
//! Virtuoso refuses N-Quads and TriG), so a second push replaces each graph and never
//! duplicates it. Several requests are in flight at once.

use crate::error::{Error, Result};
use crate::export::{serialize, sort_quads, ExportFormat, ExportOptions};
use crate::remote::http::{percent_encode, send, Credentials, Request};
use oxigraph::model::{GraphName, Quad};
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
    let mut sorted = quads.to_vec();
    sort_quads(&mut sorted);
    sorted.dedup();
    let mut bodies = Vec::new();
    let mut start = 0;
    while start < sorted.len() {
        let GraphName::NamedNode(graph) = &sorted[start].graph_name else {
            return Err(Error::new(
                "push",
                "a quad in the default graph: only named graphs are pushed",
            ));
        };
        let end = start
            + sorted[start..]
                .iter()
                .take_while(|q| q.graph_name == sorted[start].graph_name)
                .count();
        let triples: Vec<Quad> = sorted[start..end]
            .iter()
            .map(|q| {
                Quad::new(
                    q.subject.clone(),
                    q.predicate.clone(),
                    q.object.clone(),
                    GraphName::DefaultGraph,
                )
            })
            .collect();
        let ntriples = serialize(&triples, ExportFormat::NTriples, &ExportOptions::default())?;
        bodies.push(GraphBody {
            graph: graph.as_str().to_string(),
            ntriples,
            triples: end - start,
        });
        start = end;
    }
    Ok(bodies)
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

/// Puts every graph of `bodies` at the endpoint, `in_flight` at a time; `done` is told each
/// graph's IRI as it is stored. Stops at the first graph the store refuses or cannot take.
pub fn push(
    bodies: &[GraphBody],
    options: &PushOptions,
    done: &(dyn Fn(&str) + Sync),
) -> Result<PushSummary> {
    let started = Instant::now();
    let next = AtomicUsize::new(0);
    let failure: Mutex<Option<Error>> = Mutex::new(None);
    let workers = options.in_flight.clamp(1, 16).min(bodies.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                if failure.lock().map(|f| f.is_some()).unwrap_or(true) {
                    return;
                }
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(body) = bodies.get(i) else {
                    return;
                };
                let request = Request {
                    method: "PUT",
                    url: graph_url(&options.endpoint, &body.graph),
                    body: Some(("application/n-triples", &body.ntriples)),
                    accept: None,
                };
                match send(&request, options.credentials.as_ref()) {
                    Ok(_) => done(&body.graph),
                    Err(e) => {
                        if let Ok(mut f) = failure.lock() {
                            f.get_or_insert(e);
                        }
                        return;
                    }
                }
            });
        }
    });
    if let Some(error) = failure.into_inner().ok().flatten() {
        return Err(error);
    }
    Ok(PushSummary {
        graphs: bodies.len(),
        triples: bodies.iter().map(|b| b.triples).sum(),
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
