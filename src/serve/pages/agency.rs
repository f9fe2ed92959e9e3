//! An agency's page: its names over the years, its roles across the plans, the agencies it
//! came from and became (the registry's change events), and the identities linked to it.

use super::{esc, layout, link, term_html};
use crate::serve::http::Refusal;
use crate::serve::site::Site;
use crate::store::embedded::select;
use oxigraph::model::Term;

/// The page of the agency `iri`.
pub fn page(site: &Site, iri: &str) -> Result<String, Refusal> {
    let fail = |e: crate::Error| {
        Refusal::new(
            oxhttp::model::StatusCode::INTERNAL_SERVER_ERROR,
            e.to_string(),
        )
    };
    let node = format!("<{iri}>");
    let facts = select(
        &site.store,
        &format!("SELECT DISTINCT ?p ?o WHERE {{ {node} ?p ?o }} ORDER BY ?p ?o"),
    )
    .map_err(fail)?;
    let changes = select(
        &site.store,
        &format!(
            "PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?direction ?other ?change ?when (SAMPLE(?label) AS ?name) WHERE {{
  {{ ?change org:originalOrganization {node} ; org:resultingOrganization ?other . BIND (\"became\" AS ?direction) }}
  UNION {{ ?change org:resultingOrganization {node} ; org:originalOrganization ?other . BIND (\"came from\" AS ?direction) }}
  OPTIONAL {{ ?change prov:startedAtTime ?when }}
  OPTIONAL {{ ?other skos:prefLabel ?label FILTER (lang(?label) = \"zh\") }}
}} GROUP BY ?direction ?other ?change ?when ORDER BY ?direction ?when ?other"
        ),
    )
    .map_err(fail)?;
    let summary = &site.summary;
    let index = summary.agency(iri);
    let label = index
        .map(|a| summary.agencies[a].label.clone())
        .or_else(|| {
            facts.iter().find_map(|row| match (&row[0], &row[1]) {
                (Some(Term::NamedNode(p)), Some(Term::Literal(l)))
                    if p.as_str().ends_with("#prefLabel") =>
                {
                    Some(l.value().to_string())
                }
                _ => None,
            })
        })
        .unwrap_or_else(|| iri.to_string());
    let mut body = format!("<p><code>{}</code></p>", esc(iri));
    body.push_str("<h2>Names and facts</h2><table class=\"facts\"><tbody>");
    for row in &facts {
        if let (Some(p), Some(o)) = (&row[0], &row[1]) {
            let lang = match o {
                Term::Literal(l) => l
                    .language()
                    .map(|l| format!(" <small>@{}</small>", esc(l)))
                    .unwrap_or_default(),
                _ => String::new(),
            };
            body.push_str(&format!(
                "<tr><th scope=\"row\">{}</th><td>{}{lang}</td></tr>",
                term_html(site, p),
                term_html(site, o)
            ));
        }
    }
    body.push_str("</tbody></table>");
    if !changes.is_empty() {
        body.push_str("<h2>Predecessors and successors</h2><ul class=\"changes\">");
        for row in &changes {
            let other = match (&row[1], &row[4]) {
                (Some(Term::NamedNode(node)), Some(Term::Literal(name))) => {
                    link(site, node.as_str(), name.value())
                }
                (Some(term), _) => term_html(site, term),
                _ => String::new(),
            };
            let change = row[2]
                .as_ref()
                .map(|t| term_html(site, t))
                .unwrap_or_default();
            let when = row[3]
                .as_ref()
                .map(|t| term_html(site, t))
                .unwrap_or_default();
            let direction = match &row[0] {
                Some(Term::Literal(l)) => l.value().to_string(),
                _ => String::new(),
            };
            body.push_str(&format!("<li>{direction} {other} ({change} {when})</li>"));
        }
        body.push_str("</ul>");
    }
    match index {
        Some(a) => {
            let agency = &summary.agencies[a];
            body.push_str(&format!(
                "<h2>Roles across the plans</h2><p>{} responsibilities: {} lead, {} responsible, {} supporting.</p><table class=\"roles\"><thead><tr><th scope=\"col\">plan</th><th scope=\"col\">牵头 lead</th><th scope=\"col\">负责 responsible</th><th scope=\"col\">配合 supporting</th></tr></thead><tbody>",
                agency.roles.total(), agency.roles.lead, agency.roles.responsible, agency.roles.supporting
            ));
            for (&plan, roles) in &agency.by_plan {
                let plan = &summary.plans[plan];
                body.push_str(&format!(
                    "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                    link(site, &plan.iri, &plan.title), roles.lead, roles.responsible, roles.supporting
                ));
            }
            body.push_str("</tbody></table>");
            let partners: Vec<String> = summary
                .pairs
                .iter()
                .filter(|p| p.a == a || p.b == a)
                .take(20)
                .map(|p| {
                    let other = &summary.agencies[if p.a == a { p.b } else { p.a }];
                    format!("{} ({})", link(site, &other.iri, &other.label), p.subtasks)
                })
                .collect();
            if !partners.is_empty() {
                body.push_str(&format!(
                    "<h2>Works most with</h2><p>{} (shared subtasks).</p>",
                    partners.join("、")
                ));
            }
            body.push_str(&format!(
                "<p><a href=\"/queries/tasks-by-agency?agency={}\">Its tasks and subtasks</a> (named query).</p>",
                crate::serve::http::encode_component(&format!("<{iri}>"))
            ));
        }
        None => body.push_str("<p>No plan served here names this agency in a responsibility.</p>"),
    }
    Ok(layout(&label, &body))
}
