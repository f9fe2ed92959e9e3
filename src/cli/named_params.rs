//! The parameters of a named query: each one its header declares must be given, and an agency
//! must be one the loaded plans name, so a query never silently answers for nothing.

use crate::cli::exit::{usage, Failure};
use oxigraph::model::{Term, Variable};
use oxigraph::store::Store;
use plangraph::store::{self, named};
use plangraph::Error;

/// Checks `params` against what the named query `name` declares; an agency is looked up in
/// `store` where there is one (a remote endpoint's names are not read).
pub fn check(
    name: &str,
    params: &[(Variable, Term)],
    store: Option<&Store>,
) -> Result<(), Failure> {
    let text = named::named(name).unwrap_or_default();
    for param in named::params(text) {
        let given = params.iter().find(|(v, _)| v.as_str() == param.name);
        let Some((_, value)) = given else {
            let example = param.example.as_deref().unwrap_or("…");
            return Err(usage(Error::new(
                "--param",
                format!(
                    "the query {name} needs --param {}={example} ({})",
                    param.name, param.meaning
                ),
            )));
        };
        if let (true, Some(store)) = (param.name == "agency", store) {
            check_agency(value, store)?;
        }
    }
    Ok(())
}

/// An agency name must be printed in a plan or be a registry name of an agency in the store.
fn check_agency(value: &Term, store: &Store) -> Result<(), Failure> {
    let Term::Literal(literal) = value else {
        return Ok(());
    };
    let wanted = literal.value();
    let rows = store::select(
        store,
        "PREFIX pg: <https://w3id.org/plangraph#>
         PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
         SELECT DISTINCT ?name WHERE {
           { ?slot pg:printedName ?name } UNION { ?a a pg:Agency ; skos:prefLabel|skos:altLabel ?name }
         }",
    )?;
    let names: Vec<String> = rows
        .into_iter()
        .filter_map(|r| match r.into_iter().next().flatten() {
            Some(Term::Literal(l)) => Some(l.value().to_string()),
            _ => None,
        })
        .collect();
    if names.iter().any(|n| n == wanted) {
        return Ok(());
    }
    let mut closest: Vec<(f64, &String)> = names
        .iter()
        .map(|n| (strsim::normalized_levenshtein(n, wanted), n))
        .collect();
    closest.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let closest: Vec<&str> = closest.iter().take(3).map(|(_, n)| n.as_str()).collect();
    Err(Failure::from(Error::new(
        "--param",
        format!(
            "agency={wanted}: no agency of that name in the loaded plans (closest: {})",
            closest.join(", ")
        ),
    )))
}
