//! SPARQL queries over the store: preparing a query (parameters bound safely, updates refused,
//! syntax errors located), running it over the union of the graphs, and writing the answer in
//! the W3C results formats, as an aligned table ([`super::table`]), or — for CONSTRUCT and DESCRIBE — in any
//! export format.

use crate::error::{Error, Result};
use crate::export::{self, ExportFormat, ExportOptions};
use crate::text::Location;
use oxigraph::model::{Dataset, Literal, NamedNode, Term, Triple, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{
    CancellationToken, DefaultServiceHandler, PreparedSparqlQuery, QueryEvaluationError,
    QueryResults, QuerySolutionIter, SparqlEvaluator,
};
use oxigraph::store::Store;
use spargebra::algebra::GraphPattern;

/// How to write SELECT and ASK answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsFormat {
    /// Aligned columns for a person, IRIs shortened with prefixes, fitted to the terminal's
    /// width ([`super::table`]).
    Table,
    /// SPARQL 1.1 Query Results JSON (`.srj`).
    Json,
    /// SPARQL 1.1 Query Results CSV (`.csv`).
    Csv,
    /// SPARQL 1.1 Query Results TSV (`.tsv`).
    Tsv,
    /// SPARQL Query Results XML (`.srx`).
    Xml,
}

impl ResultsFormat {
    /// Names and file extensions of the results formats.
    pub const ALL: [(ResultsFormat, &'static str, &'static str); 5] = [
        (ResultsFormat::Table, "table", "txt"),
        (ResultsFormat::Json, "json", "srj"),
        (ResultsFormat::Csv, "csv", "csv"),
        (ResultsFormat::Tsv, "tsv", "tsv"),
        (ResultsFormat::Xml, "xml", "srx"),
    ];

    /// Every way a user may name each format: its name, its file extensions, its media types.
    const SPELLINGS: [(
        ResultsFormat,
        &'static [&'static str],
        &'static [&'static str],
    ); 5] = [
        (
            ResultsFormat::Table,
            &["table", "text", "text/plain"],
            &["txt"],
        ),
        (
            ResultsFormat::Json,
            &[
                "json",
                "application/sparql-results+json",
                "application/json",
            ],
            &["srj", "json"],
        ),
        (ResultsFormat::Csv, &["csv", "text/csv"], &["csv"]),
        (
            ResultsFormat::Tsv,
            &["tsv", "text/tab-separated-values"],
            &["tsv"],
        ),
        (
            ResultsFormat::Xml,
            &["xml", "application/sparql-results+xml"],
            &["srx", "xml"],
        ),
    ];

    /// The format named `name`: a name (`table`, `json`, `csv`, `tsv`, `xml`), an extension
    /// (`srj`, `srx` …) or a media type (`application/sparql-results+json` …).
    pub fn from_name(name: &str) -> Option<Self> {
        crate::rdf::spelling::by_name(&Self::SPELLINGS, name)
    }

    /// The format an extension names (`srj json srx xml csv tsv txt`).
    pub fn from_extension(ext: &str) -> Option<Self> {
        crate::rdf::spelling::by_extension(&Self::SPELLINGS, ext)
    }
}

/// The answer to a query.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// SELECT: the variables and, per row, their values.
    Solutions {
        /// Projected variables, in order.
        variables: Vec<Variable>,
        /// Rows.
        rows: Vec<Vec<Option<Term>>>,
    },
    /// ASK.
    Boolean(bool),
    /// CONSTRUCT or DESCRIBE.
    Graph(Vec<Triple>),
}

/// Reads `--param name=value`: the value is an IRI in `<…>`, an integer, or else a string.
pub fn parse_param(text: &str) -> Result<(Variable, Term)> {
    parse_param_with(text, &[])
}

/// Reads `--param name=value`, the value in SPARQL term syntax: `<iri>`, a prefixed name of
/// `prefixes` (`pg:Task`), a literal (`"商务部"@zh`, `"2017-05-16"^^<…#date>`), an integer;
/// anything else is a plain string.
pub fn parse_param_with(text: &str, prefixes: &[(String, String)]) -> Result<(Variable, Term)> {
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| Error::new("--param", format!("{text:?} is not name=value")))?;
    let variable = Variable::new(name.trim_start_matches(['?', '$']))
        .map_err(|e| Error::new("--param", format!("{name:?} is not a variable name: {e}")))?;
    let bad = |e: &dyn std::fmt::Display| Error::new("--param", format!("{value:?}: {e}"));
    let prefixed = value.split_once(':').and_then(|(prefix, local)| {
        let (_, namespace) = prefixes.iter().find(|(p, _)| p == prefix)?;
        (!local.starts_with("//")).then(|| format!("{namespace}{local}"))
    });
    let term: Term = if value.starts_with(['<', '"']) {
        value.parse::<Term>().map_err(|e| bad(&e))?
    } else if let Some(iri) = prefixed {
        NamedNode::new(iri).map_err(|e| bad(&e))?.into()
    } else if let Ok(n) = value.parse::<i64>() {
        Literal::from(n).into()
    } else {
        Literal::new_simple_literal(value).into()
    };
    Ok((variable, term))
}

/// Parses `text` (named `name` in messages) and binds `params`. Updates are refused; a syntax
/// error names the line and column and shows the offending text.
pub fn prepare(name: &str, text: &str, params: &[(Variable, Term)]) -> Result<PreparedSparqlQuery> {
    prepare_with(name, text, params, &[])
}

/// [`prepare`] with `prefixes` declared before the query's own (which may redefine them).
pub fn prepare_with(
    name: &str,
    text: &str,
    params: &[(Variable, Term)],
    prefixes: &[(String, String)],
) -> Result<PreparedSparqlQuery> {
    prepare_in(SparqlEvaluator::new(), name, text, params, prefixes)
}

/// [`prepare_with`] for a server: evaluation stops when `cancel` is cancelled (a time limit),
/// and `SERVICE` is refused (the query never makes an outbound request); see
/// [`is_refused_service`].
pub fn prepare_guarded(
    name: &str,
    text: &str,
    params: &[(Variable, Term)],
    prefixes: &[(String, String)],
    cancel: CancellationToken,
) -> Result<PreparedSparqlQuery> {
    // A default handler replaces Oxigraph's HTTP one (when its `http-client` feature is on).
    let evaluator = SparqlEvaluator::new()
        .with_default_service_handler(RefuseService)
        .with_cancellation_token(cancel);
    prepare_in(evaluator, name, text, params, prefixes)
}

/// Whether an evaluation error is a refused `SERVICE` (see [`prepare_guarded`]).
pub fn is_refused_service(error: &QueryEvaluationError) -> bool {
    matches!(
        error,
        QueryEvaluationError::Service(_)
            | QueryEvaluationError::UnsupportedService(_)
            | QueryEvaluationError::UnboundService
            | QueryEvaluationError::InvalidServiceName(_)
    )
}

/// Answers every `SERVICE` with an error: a server's queries stay on its own data.
struct RefuseService;

/// Why a `SERVICE` was refused.
#[derive(Debug)]
struct ServiceRefused(String);

impl std::fmt::Display for ServiceRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "SERVICE <{}> refused: this server makes no outbound requests",
            self.0
        )
    }
}

impl std::error::Error for ServiceRefused {}

impl DefaultServiceHandler for RefuseService {
    type Error = ServiceRefused;

    fn handle(
        &self,
        service_name: &NamedNode,
        _pattern: &GraphPattern,
        _base_iri: Option<&oxiri::Iri<String>>,
    ) -> std::result::Result<QuerySolutionIter<'static>, ServiceRefused> {
        Err(ServiceRefused(service_name.as_str().to_string()))
    }
}

fn prepare_in(
    mut evaluator: SparqlEvaluator,
    name: &str,
    text: &str,
    params: &[(Variable, Term)],
    prefixes: &[(String, String)],
) -> Result<PreparedSparqlQuery> {
    for (prefix, namespace) in prefixes {
        evaluator = evaluator
            .with_prefix(prefix, namespace)
            .map_err(|e| Error::new(name, format!("prefix {prefix}: <{namespace}>: {e}")))?;
    }
    let mut prepared = match evaluator.parse_query(text) {
        Ok(prepared) => prepared,
        Err(error) => {
            if SparqlEvaluator::new().parse_update(text).is_ok() {
                return Err(Error::new(
                    name,
                    "this is a SPARQL update; `plangraph query` only reads (SELECT, ASK, CONSTRUCT, DESCRIBE)",
                ));
            }
            return Err(syntax_error(name, text, &error.to_string()));
        }
    };
    for (variable, value) in params {
        // Oxigraph binds a value everywhere in the query, inside filters and unions too; it
        // takes only variables the query selects.
        prepared = prepared.substitute_variable(variable.clone(), value.clone());
    }
    prepared.dataset_mut().set_default_graph_as_union();
    Ok(prepared)
}

/// A syntax error with its line and column (read from the parser's message) and the line.
fn syntax_error(name: &str, text: &str, message: &str) -> Error {
    let position = message.split("error at ").nth(1).and_then(|rest| {
        let (line, rest) = rest.split_once(':')?;
        let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some((line.parse::<usize>().ok()?, column.parse::<usize>().ok()?))
    });
    match position {
        Some((line, column)) => {
            let offending = text.lines().nth(line - 1).unwrap_or("").trim_end();
            let caret = " ".repeat(column.saturating_sub(1));
            let short = message.split(": ").skip(1).collect::<Vec<_>>().join(": ");
            Error::at(
                name,
                Location { line, column },
                format!("SPARQL syntax error: {short}\n    {offending}\n    {caret}^"),
            )
        }
        None => Error::new(name, format!("SPARQL syntax error: {message}")),
    }
}

/// Runs a prepared query on `store`.
pub fn run(store: &Store, prepared: PreparedSparqlQuery) -> Result<Answer> {
    answer(prepared.on_store(store).execute())
}

/// Runs a prepared query on an in-memory dataset (terms exactly as written, where a store
/// canonicalises some literals).
pub fn run_on_dataset(dataset: &Dataset, prepared: PreparedSparqlQuery) -> Result<Answer> {
    answer(prepared.on_queryable_dataset(dataset).execute())
}

fn answer(results: std::result::Result<QueryResults<'_>, QueryEvaluationError>) -> Result<Answer> {
    collect(results).map_err(|e| {
        let message = e.to_string();
        if message.contains("SELECT projection") {
            // A --param naming a variable the query does not select.
            Error::new(
                "--param",
                format!("{message}: a parameter must be a variable the query selects"),
            )
        } else {
            Error::new("query", message)
        }
    })
}

/// Evaluates `results` to the end, keeping the evaluation error as it is (a server tells a
/// time limit or a refused `SERVICE` from other errors).
pub fn collect(
    results: std::result::Result<QueryResults<'_>, QueryEvaluationError>,
) -> std::result::Result<Answer, QueryEvaluationError> {
    match results? {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let mut rows = Vec::new();
            for solution in solutions {
                let solution = solution?;
                rows.push(variables.iter().map(|v| solution.get(v).cloned()).collect());
            }
            Ok(Answer::Solutions { variables, rows })
        }
        QueryResults::Boolean(value) => Ok(Answer::Boolean(value)),
        QueryResults::Graph(triples) => Ok(Answer::Graph(
            triples.collect::<std::result::Result<Vec<_>, _>>()?,
        )),
    }
}

/// Writes a SELECT or ASK answer.
pub fn write_results(
    answer: &Answer,
    format: ResultsFormat,
    prefixes: &[(String, String)],
) -> Result<Vec<u8>> {
    let fail = |e: &dyn std::fmt::Display| Error::new("results", e.to_string());
    let w3c = match format {
        ResultsFormat::Table => {
            let width = super::table::terminal_width();
            return Ok(super::table::table(answer, prefixes, width).into_bytes());
        }
        ResultsFormat::Json => QueryResultsFormat::Json,
        ResultsFormat::Csv => QueryResultsFormat::Csv,
        ResultsFormat::Tsv => QueryResultsFormat::Tsv,
        ResultsFormat::Xml => QueryResultsFormat::Xml,
    };
    let serializer = QueryResultsSerializer::from_format(w3c);
    let written = match answer {
        Answer::Boolean(value) => serializer
            .serialize_boolean_to_writer(Vec::new(), *value)
            .map_err(|e| fail(&e)),
        Answer::Solutions { variables, rows } => {
            let mut writer = serializer
                .serialize_solutions_to_writer(Vec::new(), variables.clone())
                .map_err(|e| fail(&e))?;
            for row in rows {
                let bound = variables
                    .iter()
                    .zip(row)
                    .filter_map(|(v, t)| Some((v.as_ref(), t.as_ref()?.as_ref())));
                writer.serialize(bound).map_err(|e| fail(&e))?;
            }
            writer.finish().map_err(|e| fail(&e))
        }
        Answer::Graph(_) => Err(Error::new(
            "results",
            "a CONSTRUCT or DESCRIBE answer is a graph: write it in an RDF format",
        )),
    };
    // Oxigraph ends neither JSON, XML nor a boolean in CSV or TSV with a line break.
    let line_break: &[u8] = if format == ResultsFormat::Csv {
        b"\r\n"
    } else {
        b"\n"
    };
    written.map(|bytes| crate::export::end_line(bytes, line_break))
}

/// Writes a CONSTRUCT or DESCRIBE answer in an export format.
pub fn write_graph(
    answer: &Answer,
    format: ExportFormat,
    options: &ExportOptions,
) -> Result<Vec<u8>> {
    match answer {
        Answer::Graph(triples) => {
            let quads: Vec<_> = triples
                .iter()
                .map(|t| t.clone().in_graph(oxigraph::model::GraphName::DefaultGraph))
                .collect();
            export::serialize(&quads, format, options)
        }
        _ => Err(Error::new(
            "results",
            "a SELECT or ASK answer is not a graph: use table, json, csv, tsv or xml",
        )),
    }
}

/// A term for a person: literals by their value, IRIs shortened with `prefixes`.
pub fn display_term(term: &Term, prefixes: &[(String, String)]) -> String {
    match term {
        Term::Literal(l) => l.value().to_string(),
        Term::NamedNode(n) => {
            let iri = n.as_str();
            export::split_by_prefix(iri, prefixes, |_| true)
                .map_or_else(|| format!("<{iri}>"), |(p, local)| format!("{p}:{local}"))
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_are_typed() {
        let (v, t) = parse_param("agency=工商总局").unwrap();
        assert_eq!(v.as_str(), "agency");
        assert_eq!(t, Term::from(Literal::new_simple_literal("工商总局")));
        assert_eq!(
            parse_param("n=17").unwrap().1,
            Term::from(Literal::from(17))
        );
        assert_eq!(
            parse_param("?a=<https://e.org/x>").unwrap().1,
            Term::from(NamedNode::new("https://e.org/x").unwrap())
        );
        assert!(parse_param("novalue").is_err());
    }

    #[test]
    fn syntax_errors_point_at_the_text_and_updates_are_refused() {
        let error = prepare("q.rq", "SELECT ?s WHERE {\n  ?s ?p ?o\n  FILTER( }", &[])
            .err()
            .unwrap();
        assert_eq!(error.location.map(|l| l.line), Some(3));
        assert!(error.message.contains("FILTER( }"), "{}", error.message);
        let error = prepare("u.rq", "DELETE WHERE { ?s ?p ?o }", &[])
            .err()
            .unwrap();
        assert!(error.message.contains("update"));
    }
}
