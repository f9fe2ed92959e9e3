//! Sends each request to its handler, and adds what every response carries (CORS when asked).

use super::http::{self, first, Refusal};
use super::pages;
use super::site::Site;
use super::sparql::{self, Guard};
use super::ServeOptions;
use crate::store::query::Answer;
use oxhttp::model::header::HeaderValue;
use oxhttp::model::{Body, Method, Request, Response, StatusCode};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// What the handlers share.
pub struct State {
    /// The served data.
    pub site: Site,
    /// Where and how it is served.
    pub options: ServeOptions,
    /// The limits on queries.
    pub guard: Guard,
    /// Named queries' answers by name and parameters. The store does not change while it is
    /// served, so an answer never goes stale: a cross-plan query that takes seconds on a
    /// thousand plans runs once, and its page is then served from here.
    answers: Mutex<HashMap<String, Arc<Answer>>>,
}

/// Answers kept at most; past it the cache starts again (an answer is recomputed, never wrong).
const CACHED_ANSWERS: usize = 4096;

impl State {
    /// The state for `site` served with `options`.
    pub fn new(site: Site, options: ServeOptions) -> Self {
        let guard = Guard::new(options.timeout, options.max_queries);
        State {
            site,
            options,
            guard,
            answers: Mutex::new(HashMap::new()),
        }
    }
}

/// Answers one request.
pub fn handle(state: &State, request: &mut Request<Body>) -> Response<Body> {
    let mut response = route(state, request).unwrap_or_else(|refusal| refusal.response());
    if state.options.cors {
        let headers = response.headers_mut();
        headers.insert("access-control-allow-origin", HeaderValue::from_static("*"));
    }
    response
}

fn route(state: &State, request: &mut Request<Body>) -> Result<Response<Body>, Refusal> {
    let site = &state.site;
    let path = request.uri().path().to_string();
    if request.method() == Method::OPTIONS {
        let mut response = http::bytes(StatusCode::NO_CONTENT, "text/plain", Vec::new());
        let headers = response.headers_mut();
        headers.insert(
            "allow",
            HeaderValue::from_static("GET, HEAD, POST, OPTIONS"),
        );
        // No Access-Control-Allow-Methods: oxhttp drops it, and GET, HEAD and POST, all this
        // server takes, are CORS-safelisted methods that need none.
        headers.insert(
            "access-control-allow-headers",
            HeaderValue::from_static("Accept, Content-Type"),
        );
        return Ok(response);
    }
    match path.as_str() {
        "/sparql" | "/query" => return endpoint(state, request),
        "/update" => {
            return Err(Refusal::new(
                StatusCode::FORBIDDEN,
                "this endpoint is read-only: SPARQL updates are refused (change the data with `plangraph load`)",
            ))
        }
        "/store" => return sparql::graph_store(site, request),
        _ => {}
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return Err(Refusal::new(
            StatusCode::METHOD_NOT_ALLOWED,
            format!("{path} is read with GET"),
        ));
    }
    match path.as_str() {
        "/" => Ok(http::html(pages::index::page(site))),
        "/gaps" => Ok(http::html(site.gaps_page.clone())),
        "/network" => Ok(http::html(network_page(site))),
        "/network.svg" => Ok(svg(&site.network_svg)),
        "/workload.svg" => Ok(svg(&site.workload_svg)),
        "/queries" | "/queries/" => Ok(http::html(pages::queries::list())),
        "/resource" => {
            let pairs = http::query_pairs(request);
            let iri = first(&pairs, "iri")
                .ok_or_else(|| Refusal::bad_request("give the IRI: /resource?iri=…"))?
                .to_string();
            super::resource::respond(site, request, &iri)
        }
        _ => {
            if let Some(name) = path.strip_prefix("/queries/") {
                return named_query(state, request, name);
            }
            match site.iri_of_path(&path) {
                Some(iri) => super::resource::respond(site, request, &iri),
                None => Err(Refusal::not_found(format!(
                    "nothing at {path}: the pages start at /, the SPARQL endpoint is /sparql"
                ))),
            }
        }
    }
}

fn svg(text: &str) -> Response<Body> {
    http::bytes(StatusCode::OK, "image/svg+xml", text.as_bytes().to_vec())
}

fn network_page(site: &crate::serve::Site) -> String {
    let body = format!(
        "<p>Each circle is an agency named in a responsibility, its size its number of responsibilities; a line joins agencies named in the same subtask, its width the number of subtasks they share; agencies that lead at least once are ringed. Also as <a href=\"/network.svg\">network.svg</a> and <a href=\"/workload.svg\">workload.svg</a>.</p>{}<h2>Work by role</h2>{}",
        site.network_svg, site.workload_svg
    );
    pages::layout("Cooperation network", &body)
}

/// Whether the request would rather have HTML than any of `offers` (a browser).
fn wants_html(request: &Request<Body>, offers: &[&str]) -> bool {
    let mut all: Vec<&str> = offers.to_vec();
    all.push("text/html");
    super::negotiate::choose(http::header(request, "accept"), &all) == Some("text/html")
}

fn results_offers() -> Vec<&'static str> {
    sparql::RESULTS_TYPES.iter().map(|(t, _)| *t).collect()
}

/// `/sparql`: the protocol; a browser gets the query page.
fn endpoint(state: &State, request: &mut Request<Body>) -> Result<Response<Body>, Refusal> {
    let site = &state.site;
    let html = wants_html(request, &results_offers());
    let query = sparql::read_request(request, state.options.max_request_bytes)?;
    let Some(query) = query else {
        if html {
            return Ok(http::html(pages::queries::query_page(site, "", None)));
        }
        return Err(Refusal::bad_request(
            "no query: give it as ?query=…, a form field or an application/sparql-query body",
        ));
    };
    let outcome = sparql::evaluate(site, &state.guard, "query", &query);
    if html {
        let shown = outcome.as_ref().map_err(|r| r.message.clone());
        let page = pages::queries::query_page(site, &query.text, Some(shown));
        let status = outcome.as_ref().err().map_or(StatusCode::OK, |r| r.status);
        let mut response = http::html(page);
        *response.status_mut() = status;
        return Ok(response);
    }
    let pairs = http::query_pairs(request);
    sparql::answer_response(
        &outcome?,
        http::header(request, "accept"),
        first(&pairs, "format"),
        site,
    )
}

/// `/queries/NAME?param=value`: a named query, parameters bound.
fn named_query(
    state: &State,
    request: &Request<Body>,
    name: &str,
) -> Result<Response<Body>, Refusal> {
    let site = &state.site;
    let text = crate::store::named::named(name).ok_or_else(|| {
        Refusal::not_found(format!("no named query {name:?}: the list is at /queries"))
    })?;
    let pairs = http::query_pairs(request);
    let format = first(&pairs, "format");
    let html = format.is_none() && wants_html(request, &results_offers());
    let declared = crate::store::named::params(text);
    let missing = declared
        .iter()
        .any(|p| first(&pairs, &p.name).is_none_or(str::is_empty));
    if html && missing {
        return Ok(http::html(pages::queries::named_page(
            site, name, text, &pairs, None,
        )));
    }
    let outcome = sparql::named_params(site, text, &pairs).and_then(|params| {
        let key = format!("{name}{params:?}");
        if let Some(answer) = cached(state, &key) {
            return Ok(answer);
        }
        let query = sparql::QueryRequest {
            text: text.to_string(),
            params,
            ..Default::default()
        };
        let answer = Arc::new(sparql::evaluate(site, &state.guard, name, &query)?);
        if let Ok(mut answers) = state.answers.lock() {
            if answers.len() >= CACHED_ANSWERS {
                answers.clear();
            }
            answers.insert(key, Arc::clone(&answer));
        }
        Ok(answer)
    });
    let outcome = outcome.as_deref().map_err(Clone::clone);
    if html {
        let shown = outcome.as_ref().map(|a| *a).map_err(|r| r.message.clone());
        let mut response = http::html(pages::queries::named_page(
            site,
            name,
            text,
            &pairs,
            Some(shown),
        ));
        *response.status_mut() = outcome.as_ref().err().map_or(StatusCode::OK, |r| r.status);
        return Ok(response);
    }
    sparql::answer_response(outcome?, http::header(request, "accept"), format, site)
}

fn cached(state: &State, key: &str) -> Option<Arc<Answer>> {
    state.answers.lock().ok()?.get(key).cloned()
}
