//! The index: the plans with their counts, the pictures, the named queries and the endpoint.

use super::{esc, layout, link};
use crate::serve::site::Site;

/// The index page.
pub fn page(site: &Site) -> String {
    let summary = &site.summary;
    let mut body = String::from(
        "<p>Who is responsible for what in each plan. The graph answers SPARQL at <a href=\"/sparql\"><code>/sparql</code></a> (SPARQL 1.1 Protocol, read-only) and its graphs are at <code>/store</code> (Graph Store Protocol).</p>",
    );
    body.push_str(&format!(
        "<h2>Plans ({})</h2><table class=\"plans\"><thead><tr><th scope=\"col\">plan</th><th scope=\"col\">tasks</th><th scope=\"col\">subtasks</th><th scope=\"col\">responsibilities</th><th scope=\"col\">left open</th></tr></thead><tbody>",
        summary.plans.len()
    ));
    for plan in &summary.plans {
        body.push_str(&format!(
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            link(site, &plan.iri, &plan.title),
            plan.tasks,
            plan.subtasks,
            plan.slots,
            plan.flagged
        ));
    }
    body.push_str("</tbody></table>");
    body.push_str(&format!(
        "<h2>Agencies ({})</h2><p>The busiest: {}. All of them on the <a href=\"/network\">network page</a>.</p>",
        summary.agencies.len(),
        summary
            .agencies
            .iter()
            .take(8)
            .map(|a| format!("{} ({})", link(site, &a.iri, &a.label), a.roles.total()))
            .collect::<Vec<_>>()
            .join("、")
    ));
    body.push_str("<h2>Named queries</h2><ul>");
    for (name, text) in crate::store::named::NAMED {
        body.push_str(&format!(
            "<li><a href=\"/queries/{name}\">{name}</a>: {}</li>",
            esc(crate::store::named::description(text))
        ));
    }
    body.push_str("</ul>");
    layout("plangraph", &body)
}
