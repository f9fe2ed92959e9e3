//! The named queries (a form for each one's parameters, its results as a table and links to
//! download them in each format) and the query page (a text box, its results).

use super::{answer_table, esc, layout};
use crate::serve::http::encode_component;
use crate::serve::site::Site;
use crate::store::named;
use crate::store::query::Answer;

/// The list of named queries.
pub fn list() -> String {
    let mut body = String::from("<table class=\"queries\"><thead><tr><th scope=\"col\">query</th><th scope=\"col\">what it answers</th><th scope=\"col\">parameters</th></tr></thead><tbody>");
    for (name, text) in named::NAMED {
        let params: Vec<String> = named::params(text).iter().map(|p| esc(&p.name)).collect();
        body.push_str(&format!(
            "<tr><td><a href=\"/queries/{name}\">{name}</a></td><td>{}</td><td>{}</td></tr>",
            esc(named::description(text)),
            params.join(", ")
        ));
    }
    body.push_str("</tbody></table><p>Each also answers SPARQL clients: <code>GET /queries/NAME?param=value</code> with an <code>Accept</code> header, or <code>format=json|xml|csv|tsv</code>.</p>");
    layout("Named queries", &body)
}

/// A named query's page: its form, and its results when it has run.
pub fn named_page(
    site: &Site,
    name: &str,
    text: &str,
    given: &[(String, String)],
    outcome: Option<Result<&Answer, String>>,
) -> String {
    let mut body = format!(
        "<p>{}</p><form method=\"get\" action=\"/queries/{}\">",
        esc(named::description(text)),
        esc(name)
    );
    for param in named::params(text) {
        let value = given
            .iter()
            .find(|(k, _)| *k == param.name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default();
        body.push_str(&format!(
            "<p><label>{name} <input name=\"{name}\" value=\"{}\" placeholder=\"{}\"></label> <small>{}</small></p>",
            esc(value),
            esc(param.example.as_deref().unwrap_or("")),
            esc(&param.meaning),
            name = esc(&param.name),
        ));
    }
    body.push_str("<p><button type=\"submit\">Run</button></p></form>");
    let query_string: String = given
        .iter()
        .filter(|(k, v)| k != "format" && !v.is_empty())
        .map(|(k, v)| format!("{}={}&", encode_component(k), encode_component(v)))
        .collect();
    match outcome {
        Some(Ok(answer)) => {
            let formats: &[&str] = match answer {
                Answer::Graph(_) => &["turtle", "ntriples", "jsonld", "rdfxml"],
                _ => &["json", "xml", "csv", "tsv"],
            };
            let links: Vec<String> = formats
                .iter()
                .map(|f| {
                    format!(
                        "<a class=\"download\" href=\"/queries/{}?{}format={f}\">{f}</a>",
                        esc(name),
                        esc(&query_string)
                    )
                })
                .collect();
            body.push_str(&format!(
                "<h2>Results</h2><p>Download: {}</p>",
                links.join(" · ")
            ));
            body.push_str(&answer_table(site, answer));
        }
        Some(Err(message)) => body.push_str(&format!(
            "<p role=\"alert\" class=\"error\">{}</p>",
            esc(&message)
        )),
        None => {}
    }
    body.push_str(&format!(
        "<details><summary>The query</summary><pre>{}</pre></details>",
        esc(text)
    ));
    layout(&format!("Named query: {name}"), &body)
}

/// The query page: a text box, and the results of the query typed there.
pub fn query_page(site: &Site, text: &str, outcome: Option<Result<&Answer, String>>) -> String {
    let example = "PREFIX pg: <https://w3id.org/plangraph#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nSELECT ?name (COUNT(?slot) AS ?slots) WHERE {\n  ?slot pg:role pg:Lead ; pg:agency ?a .\n  ?a skos:prefLabel ?name FILTER (lang(?name) = \"zh\")\n}\nGROUP BY ?name ORDER BY DESC(?slots)";
    let shown = if text.is_empty() { example } else { text };
    let mut body = format!(
        "<form method=\"get\" action=\"/sparql\"><p><label for=\"query\">SPARQL query (read-only; the default graph is the union of the plans' graphs)</label></p><textarea id=\"query\" name=\"query\" rows=\"12\">{}</textarea><p><button type=\"submit\">Run</button></p></form>",
        esc(shown)
    );
    match outcome {
        Some(Ok(answer)) => {
            body.push_str("<h2>Results</h2>");
            body.push_str(&answer_table(site, answer));
        }
        Some(Err(message)) => body.push_str(&format!(
            "<p role=\"alert\" class=\"error\">{}</p>",
            esc(&message)
        )),
        None => {}
    }
    layout("SPARQL query", &body)
}
