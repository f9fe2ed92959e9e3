//! The SPARQL 1.1 Protocol, read-only: queries by GET, form POST and `application/sparql-query`
//! POST, `default-graph-uri` and `named-graph-uri`, results by `Accept`; the named queries at
//! `/queries/NAME?param=value` (values bound, never spliced into the text); Graph Store
//! Protocol reads at `/store`.
//!
//! Every query runs under [`Guard`]: a time limit (cancelled, answered 503, the server goes on),
//! a cap on queries at once (503 at once), `SERVICE` refused (the server makes no outbound
//! request) and updates refused (403).

use super::http::{self, first, Refusal};
use super::negotiate;
use super::site::Site;
use crate::export::{ExportFormat, ExportOptions};
use crate::store::query::{self, Answer, ResultsFormat};
use oxhttp::model::{Body, Method, Request, Response, StatusCode};
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, Term, Variable,
};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

/// Limits on query evaluation, shared by every request.
#[derive(Debug)]
pub struct Guard {
    /// The longest a query may run.
    pub timeout: Duration,
    /// Queries at once.
    pub max_queries: usize,
    running: AtomicUsize,
}

impl Guard {
    /// A guard with these limits.
    pub fn new(timeout: Duration, max_queries: usize) -> Self {
        Guard {
            timeout,
            max_queries,
            running: AtomicUsize::new(0),
        }
    }
}

/// The results formats offered for SELECT and ASK, by media type (the first is the default).
pub const RESULTS_TYPES: [(&str, ResultsFormat); 5] = [
    ("application/sparql-results+json", ResultsFormat::Json),
    ("application/sparql-results+xml", ResultsFormat::Xml),
    ("text/csv", ResultsFormat::Csv),
    ("text/tab-separated-values", ResultsFormat::Tsv),
    ("application/json", ResultsFormat::Json),
];

/// The RDF formats offered for graphs (CONSTRUCT, DESCRIBE, resources, Graph Store reads).
pub const GRAPH_TYPES: [(&str, ExportFormat); 5] = [
    ("text/turtle", ExportFormat::Turtle),
    ("application/n-triples", ExportFormat::NTriples),
    ("application/ld+json", ExportFormat::JsonLd),
    ("application/rdf+xml", ExportFormat::RdfXml),
    ("text/plain", ExportFormat::NTriples),
];

/// A query and the dataset the protocol asks for.
#[derive(Debug, Clone, Default)]
pub struct QueryRequest {
    /// The SPARQL text.
    pub text: String,
    /// `default-graph-uri` values: the default graph is their merge (else the union of all).
    pub default_graphs: Vec<String>,
    /// `named-graph-uri` values: the only named graphs visible (else all).
    pub named_graphs: Vec<String>,
    /// Values bound to variables (named queries).
    pub params: Vec<(Variable, Term)>,
}

/// Reads a protocol request (`None` when it carries no query: the caller shows the form).
pub fn read_request(
    request: &mut Request<Body>,
    max_bytes: usize,
) -> Result<Option<QueryRequest>, Refusal> {
    let mut pairs = http::query_pairs(request);
    if request.method() == Method::POST {
        match http::content_type(request).as_deref() {
            Some("application/sparql-query") => {
                let body = http::read_body(request, max_bytes)?;
                let text = String::from_utf8(body)
                    .map_err(|_| Refusal::bad_request("the query is not UTF-8"))?;
                pairs.push(("query".into(), text));
            }
            Some("application/x-www-form-urlencoded") => {
                let body = http::read_body(request, max_bytes)?;
                pairs.extend(http::form_pairs(&body));
            }
            Some("application/sparql-update") => return Err(read_only()),
            other => {
                return Err(Refusal::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    format!(
                        "a query is POSTed as application/sparql-query or application/x-www-form-urlencoded, not {}",
                        other.unwrap_or("a body without Content-Type")
                    ),
                ))
            }
        }
    } else if request.method() != Method::GET && request.method() != Method::HEAD {
        return Err(Refusal::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "the SPARQL endpoint takes GET and POST",
        ));
    }
    if first(&pairs, "update").is_some() {
        return Err(read_only());
    }
    let all = |name: &str| -> Vec<String> {
        pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let texts = all("query");
    if texts.len() > 1 {
        return Err(Refusal::bad_request(
            "give one query parameter, not several",
        ));
    }
    Ok(texts.into_iter().next().map(|text| QueryRequest {
        text,
        default_graphs: all("default-graph-uri"),
        named_graphs: all("named-graph-uri"),
        params: Vec::new(),
    }))
}

fn read_only() -> Refusal {
    Refusal::new(
        StatusCode::FORBIDDEN,
        "this endpoint is read-only: SPARQL updates are refused (change the data with `plangraph load`)",
    )
}

/// Evaluates `request` under the guard's limits.
pub fn evaluate(
    site: &Site,
    guard: &Guard,
    name: &str,
    request: &QueryRequest,
) -> Result<Answer, Refusal> {
    let cancel = CancellationToken::new();
    let mut prepared = query::prepare_guarded(
        name,
        &request.text,
        &request.params,
        &site.prefixes,
        cancel.clone(),
    )
    .map_err(|e| {
        if e.to_string().contains("SPARQL update") {
            read_only()
        } else {
            Refusal::bad_request(e.to_string())
        }
    })?;
    if !request.default_graphs.is_empty() {
        let graphs = request
            .default_graphs
            .iter()
            .map(|g| named_node(g).map(GraphName::from))
            .collect::<Result<Vec<_>, _>>()?;
        prepared.dataset_mut().set_default_graph(graphs);
    }
    if !request.named_graphs.is_empty() {
        let graphs = request
            .named_graphs
            .iter()
            .map(|g| named_node(g).map(NamedOrBlankNode::from))
            .collect::<Result<Vec<_>, _>>()?;
        prepared.dataset_mut().set_available_named_graphs(graphs);
    }
    if guard.running.fetch_add(1, Ordering::SeqCst) >= guard.max_queries {
        guard.running.fetch_sub(1, Ordering::SeqCst);
        return Err(Refusal::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "{} queries are running, the most this server takes at once: try again",
                guard.max_queries
            ),
        ));
    }
    // A watchdog cancels the query when the limit passes; the query's end dismisses it.
    let (finished, watched) = mpsc::channel::<()>();
    let timeout = guard.timeout;
    let watchdog = cancel.clone();
    std::thread::spawn(move || {
        if watched.recv_timeout(timeout) == Err(mpsc::RecvTimeoutError::Timeout) {
            watchdog.cancel();
        }
    });
    let result = query::collect(prepared.on_store(&site.store).execute());
    drop(finished);
    guard.running.fetch_sub(1, Ordering::SeqCst);
    result.map_err(|e| refusal_of(&e, guard.timeout))
}

fn refusal_of(error: &QueryEvaluationError, timeout: Duration) -> Refusal {
    if matches!(error, QueryEvaluationError::Cancelled) {
        Refusal::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the query ran past the time limit of {} s and was stopped",
                timeout.as_secs_f64()
            ),
        )
    } else if query::is_refused_service(error) {
        Refusal::new(StatusCode::FORBIDDEN, error.to_string())
    } else if matches!(
        error,
        QueryEvaluationError::NotExistingSubstitutedVariable(_)
    ) {
        Refusal::bad_request(error.to_string())
    } else {
        Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, error.to_string())
    }
}

fn named_node(iri: &str) -> Result<NamedNode, Refusal> {
    NamedNode::new(iri).map_err(|e| Refusal::bad_request(format!("<{iri}> is not an IRI: {e}")))
}

/// The answer in the format `accept` prefers (or `format`, a name like `csv`, when given),
/// 406 when none fits.
pub fn answer_response(
    answer: &Answer,
    accept: Option<&str>,
    format: Option<&str>,
    site: &Site,
) -> Result<Response<Body>, Refusal> {
    let options = ExportOptions {
        prefixes: site.prefixes.clone(),
        jsonld_context: None,
    };
    let fail = |e: crate::Error| Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
    match answer {
        Answer::Graph(_) => {
            let (media_type, format) = graph_format(accept, format)?;
            let bytes = query::write_graph(answer, format, &options).map_err(fail)?;
            Ok(http::bytes(StatusCode::OK, &charset(media_type), bytes))
        }
        _ => {
            let (media_type, format) = results_format(accept, format)?;
            let bytes = query::write_results(answer, format, &site.prefixes).map_err(fail)?;
            Ok(http::bytes(StatusCode::OK, &charset(media_type), bytes))
        }
    }
}

/// The triples matching `subject` in `graph` (every graph when `None`), each once, in the
/// default graph: what a Graph Store read and a resource's description serialize.
pub fn triples(
    site: &Site,
    subject: Option<NamedOrBlankNodeRef<'_>>,
    graph: Option<GraphNameRef<'_>>,
) -> Result<Vec<Quad>, Refusal> {
    let mut seen = std::collections::HashSet::new();
    let mut triples = Vec::new();
    for quad in site.store.quads_for_pattern(subject, None, None, graph) {
        let quad =
            quad.map_err(|e| Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        let triple = Quad::new(
            quad.subject,
            quad.predicate,
            quad.object,
            GraphName::DefaultGraph,
        );
        if seen.insert(triple.clone()) {
            triples.push(triple);
        }
    }
    Ok(triples)
}

/// `media_type` with `; charset=utf-8` for text types.
pub fn charset(media_type: &str) -> String {
    if media_type.starts_with("text/") {
        format!("{media_type}; charset=utf-8")
    } else {
        media_type.to_string()
    }
}

/// The results format: named by `format` (`json`, `xml`, `csv`, `tsv`), else negotiated.
pub fn results_format(
    accept: Option<&str>,
    format: Option<&str>,
) -> Result<(&'static str, ResultsFormat), Refusal> {
    // `format` names a format (download links, SPARQLWrapper); a name that fits no results
    // format leaves the choice to `Accept` (SPARQLWrapper sends `format=turtle` beside an
    // Accept that says more).
    let named = format
        .and_then(ResultsFormat::from_name)
        .and_then(|f| RESULTS_TYPES.iter().find(|(_, g)| *g == f).copied());
    if let Some(chosen) = named {
        return Ok(chosen);
    }
    let offers: Vec<&str> = RESULTS_TYPES.iter().map(|(t, _)| *t).collect();
    let chosen = negotiate::choose(accept, &offers).ok_or_else(|| not_acceptable(&offers))?;
    Ok(*RESULTS_TYPES
        .iter()
        .find(|(t, _)| *t == chosen)
        .unwrap_or(&RESULTS_TYPES[0]))
}

/// The RDF format: named by `format` (`turtle`, `ntriples`, `jsonld`, `rdfxml`), else
/// negotiated.
pub fn graph_format(
    accept: Option<&str>,
    format: Option<&str>,
) -> Result<(&'static str, ExportFormat), Refusal> {
    // As for results: a `format` naming no graph format (`rdf+xml`, `json`) leaves it to Accept.
    let named = format
        .and_then(ExportFormat::from_name)
        .and_then(|f| GRAPH_TYPES.iter().find(|(_, g)| *g == f).copied());
    if let Some(chosen) = named {
        return Ok(chosen);
    }
    let offers: Vec<&str> = GRAPH_TYPES.iter().map(|(t, _)| *t).collect();
    let chosen = negotiate::choose(accept, &offers).ok_or_else(|| not_acceptable(&offers))?;
    Ok(*GRAPH_TYPES
        .iter()
        .find(|(t, _)| *t == chosen)
        .unwrap_or(&GRAPH_TYPES[0]))
}

fn not_acceptable(offers: &[&str]) -> Refusal {
    Refusal::new(
        StatusCode::NOT_ACCEPTABLE,
        format!(
            "none of the Accept header's types can be given: {}",
            offers.join(", ")
        ),
    )
}

/// Binds a named query's parameters from a query string: each `name=value` (but `format`) in
/// SPARQL term syntax, as `plangraph query --param`; only parameters the query declares.
pub fn named_params(
    site: &Site,
    text: &str,
    pairs: &[(String, String)],
) -> Result<Vec<(Variable, Term)>, Refusal> {
    let declared = crate::store::named::params(text);
    let mut params = Vec::new();
    for (name, value) in pairs {
        if name == "format" || value.is_empty() {
            continue;
        }
        if !declared.iter().any(|p| &p.name == name) {
            let names: Vec<&str> = declared.iter().map(|p| p.name.as_str()).collect();
            return Err(Refusal::bad_request(format!(
                "{name}: not a parameter of this query (it takes: {})",
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            )));
        }
        params.push(
            query::parse_param_with(&format!("{name}={value}"), &site.prefixes)
                .map_err(|e| Refusal::bad_request(e.to_string()))?,
        );
    }
    Ok(params)
}

/// Graph Store Protocol reads: `GET /store?graph=IRI` (one graph), `?default` (the default
/// graph: the union of the graphs, as queries see it), no parameter (every graph, as N-Quads or
/// TriG).
pub fn graph_store(site: &Site, request: &Request<Body>) -> Result<Response<Body>, Refusal> {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return Err(Refusal::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "the graph store is read-only here: GET only (load data with `plangraph load`)",
        ));
    }
    let pairs = http::query_pairs(request);
    let accept = http::header(request, "accept");
    let fail =
        |e: &dyn std::fmt::Display| Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
    let options = ExportOptions {
        prefixes: site.prefixes.clone(),
        jsonld_context: None,
    };
    let (quads, media_type, format) = if let Some(graph) = first(&pairs, "graph") {
        let node = named_node(graph)?;
        if !site
            .store
            .contains_named_graph(&node)
            .map_err(|e| fail(&e))?
        {
            return Err(Refusal::not_found(format!(
                "no graph <{graph}> in this store"
            )));
        }
        let (media_type, format) = graph_format(accept, first(&pairs, "format"))?;
        (
            triples(site, None, Some(node.as_ref().into()))?,
            media_type,
            format,
        )
    } else if first(&pairs, "default").is_some() {
        let (media_type, format) = graph_format(accept, first(&pairs, "format"))?;
        (triples(site, None, None)?, media_type, format)
    } else {
        let offers = ["application/n-quads", "application/trig"];
        let chosen = negotiate::choose(accept, &offers).ok_or_else(|| not_acceptable(&offers))?;
        let format = if chosen == offers[0] {
            ExportFormat::NQuads
        } else {
            ExportFormat::TriG
        };
        let quads = site
            .store
            .iter()
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| fail(&e))?;
        (quads, chosen, format)
    };
    let bytes = crate::export::serialize(&quads, format, &options).map_err(|e| fail(&e))?;
    Ok(http::bytes(StatusCode::OK, &charset(media_type), bytes))
}
