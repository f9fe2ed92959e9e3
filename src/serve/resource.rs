//! Linked data that resolves: an IRI under the base (or any IRI at `/resource?iri=…`) answers
//! a browser with its page and an RDF client with its description (the triples it is the
//! subject of, in every graph), chosen by `Accept`; `Vary: Accept` tells caches so.

use super::http::{self, Refusal};
use super::pages::{self, esc, layout, term_html};
use super::site::Site;
use super::sparql::GRAPH_TYPES;
use crate::export::ExportOptions;
use oxhttp::model::header::HeaderValue;
use oxhttp::model::{Body, Request, Response, StatusCode};
use oxigraph::model::{NamedNode, NamedOrBlankNodeRef, Quad};

/// The page or description of `iri`; 404 when the store says nothing about it.
pub fn respond(site: &Site, request: &Request<Body>, iri: &str) -> Result<Response<Body>, Refusal> {
    let node = NamedNode::new(iri)
        .map_err(|e| Refusal::bad_request(format!("<{iri}> is not an IRI: {e}")))?;
    let fail =
        |e: &dyn std::fmt::Display| Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
    let subject: NamedOrBlankNodeRef<'_> = node.as_ref().into();
    let description = super::sparql::triples(site, Some(subject), None)?;
    if description.is_empty() {
        return Err(Refusal::not_found(format!(
            "nothing is known here about <{iri}>"
        )));
    }
    let pairs = http::query_pairs(request);
    let mut offers = vec!["text/html"];
    offers.extend(GRAPH_TYPES.iter().map(|(t, _)| *t));
    let chosen = match http::first(&pairs, "format") {
        Some("html") => "text/html",
        Some(name) => super::sparql::graph_format(None, Some(name))?.0,
        None => {
            super::negotiate::choose(http::header(request, "accept"), &offers).ok_or_else(|| {
                Refusal::new(
                    StatusCode::NOT_ACCEPTABLE,
                    format!(
                        "none of the Accept header's types can be given: {}",
                        offers.join(", ")
                    ),
                )
            })?
        }
    };
    let mut response = if chosen == "text/html" {
        http::html(page(site, iri, &description)?)
    } else {
        let format = super::sparql::graph_format(Some(chosen), None)?.1;
        let options = ExportOptions {
            prefixes: site.prefixes.clone(),
            jsonld_context: None,
        };
        let bytes =
            crate::export::serialize(&description, format, &options).map_err(|e| fail(&e))?;
        let media_type = super::sparql::charset(chosen);
        http::bytes(StatusCode::OK, &media_type, bytes)
    };
    response
        .headers_mut()
        .insert("vary", HeaderValue::from_static("Accept"));
    Ok(response)
}

/// The page for `iri`: a plan's, an agency's, or its facts as a table.
fn page(site: &Site, iri: &str, description: &[Quad]) -> Result<String, Refusal> {
    if let Some(plan) = site.summary.plan(iri) {
        return pages::plan::page(site, plan);
    }
    let is_agency = description.iter().any(|q| {
        q.predicate.as_str() == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
            && q.object.to_string() == "<https://w3id.org/plangraph#Agency>"
    });
    if is_agency {
        return pages::agency::page(site, iri);
    }
    let mut body = format!(
        "<p><code>{}</code></p><table class=\"facts\"><tbody>",
        esc(iri)
    );
    for quad in description {
        body.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            term_html(site, &quad.predicate.clone().into()),
            term_html(site, &quad.object)
        ));
    }
    body.push_str("</tbody></table>");
    let title = description
        .iter()
        .find(|q| {
            q.predicate.as_str().ends_with("#prefLabel") || q.predicate.as_str().ends_with("/title")
        })
        .map(|q| match &q.object {
            oxigraph::model::Term::Literal(l) => l.value().to_string(),
            other => other.to_string(),
        })
        .unwrap_or_else(|| iri.to_string());
    Ok(layout(&title, &body))
}
