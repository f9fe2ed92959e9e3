//! Querying a SPARQL 1.1 endpoint with the same query text, prefixes and parameters as a local
//! query: the predeclared prefixes are sent as `PREFIX` lines, parameters as inline `VALUES`
//! data opening the query's `WHERE` group (so its filters see them, as Oxigraph's binding of a
//! local query does; terms written by Oxigraph, never spliced from user text), and the answer
//! read back into the same [`Answer`] a local query gives. The endpoint's default graph must be
//! the union of its graphs, as the named queries expect (Virtuoso's default; Oxigraph server
//! with `--union-default-graph`).

use crate::error::{Error, Result};
use crate::remote::http::{percent_encode, send, Credentials, Request};
use crate::store::query::Answer;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Term, Variable};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use regex::Regex;
use std::sync::LazyLock;

/// The opening of the query's `WHERE` group.
static WHERE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\bWHERE\s*\{").unwrap());

/// The query text sent: `prefixes` declared first, `params` bound by `VALUES` data opening the
/// `WHERE` group (after the query where it has no `WHERE` keyword).
pub fn query_text(
    text: &str,
    prefixes: &[(String, String)],
    params: &[(Variable, Term)],
) -> String {
    let mut sent = String::new();
    for (prefix, namespace) in prefixes {
        sent.push_str(&format!("PREFIX {prefix}: <{namespace}>\n"));
    }
    if params.is_empty() {
        sent.push_str(text);
        return sent;
    }
    let variables: Vec<String> = params.iter().map(|(v, _)| v.to_string()).collect();
    let values: Vec<String> = params.iter().map(|(_, t)| t.to_string()).collect();
    let data = format!(
        "VALUES ({}) {{ ({}) }}",
        variables.join(" "),
        values.join(" ")
    );
    match WHERE.find(text) {
        Some(found) => {
            sent.push_str(&text[..found.end()]);
            sent.push_str(&format!("\n  {data}\n"));
            sent.push_str(&text[found.end()..]);
        }
        None => {
            sent.push_str(text);
            sent.push_str(&format!("\n{data}\n"));
        }
    }
    sent
}

/// Runs `text` at `endpoint` (SPARQL 1.1 Protocol, GET) and reads the answer.
pub fn run(
    endpoint: &str,
    text: &str,
    prefixes: &[(String, String)],
    params: &[(Variable, Term)],
    credentials: Option<&Credentials>,
) -> Result<Answer> {
    let sent = query_text(text, prefixes, params);
    let join = if endpoint.contains('?') { '&' } else { '?' };
    let request = Request {
        method: "GET",
        url: format!("{endpoint}{join}query={}", percent_encode(&sent)),
        body: None,
        accept: Some("application/sparql-results+json, application/sparql-results+xml;q=0.9, application/n-triples;q=0.8, text/turtle;q=0.7"),
    };
    let response = send(&request, credentials)?;
    let fail =
        |e: &dyn std::fmt::Display| Error::new(endpoint, format!("cannot read the answer: {e}"));
    let results = match response.content_type.as_str() {
        "application/sparql-results+json" | "application/json" => Some(QueryResultsFormat::Json),
        "application/sparql-results+xml" => Some(QueryResultsFormat::Xml),
        _ => None,
    };
    if let Some(format) = results {
        return match QueryResultsParser::from_format(format)
            .for_reader(response.body.as_slice())
            .map_err(|e| fail(&e))?
        {
            ReaderQueryResultsParserOutput::Boolean(value) => Ok(Answer::Boolean(value)),
            ReaderQueryResultsParserOutput::Solutions(solutions) => {
                let variables: Vec<Variable> = solutions.variables().to_vec();
                let mut rows = Vec::new();
                for solution in solutions {
                    let solution = solution.map_err(|e| fail(&e))?;
                    rows.push(variables.iter().map(|v| solution.get(v).cloned()).collect());
                }
                Ok(Answer::Solutions { variables, rows })
            }
        };
    }
    let format = RdfFormat::from_media_type(&response.content_type).ok_or_else(|| {
        Error::new(
            endpoint,
            format!("an answer of an unknown type {:?}", response.content_type),
        )
    })?;
    let triples = RdfParser::from_format(format)
        .for_slice(&response.body)
        .map(|q| q.map(Into::into))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| fail(&e))?;
    Ok(Answer::Graph(triples))
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::Literal;

    #[test]
    fn prefixes_go_before_and_parameters_open_the_where_group() {
        let sent = query_text(
            "SELECT ?agency WHERE { ?s pg:printedName ?agency }",
            &[("pg".into(), "https://w3id.org/plangraph#".into())],
            &[(
                Variable::new("agency").unwrap(),
                Literal::new_simple_literal("工商\"总局").into(),
            )],
        );
        assert!(sent.starts_with("PREFIX pg: <https://w3id.org/plangraph#>\nSELECT"));
        assert!(
            sent.contains("WHERE {\n  VALUES (?agency) { (\"工商\\\"总局\") }\n"),
            "{sent}"
        );
    }
}
