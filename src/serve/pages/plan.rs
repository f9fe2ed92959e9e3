//! A plan's page: its text with every task, subtask and responsibility slot marked at its
//! offsets (lead, responsible and supporting told apart by colour *and* line style; empty
//! slots, ambiguous names with their candidates and truncated names visible), each slot linking
//! to its agency; then the slots as a table, and the plan's pictures.
//!
//! The marks come from the store (one query in the plan's graph), the text from the file the
//! plan was read from; a store made by `load` holds offsets but no text, so its plan pages show
//! the table alone.

use super::{esc, layout, link};
use crate::serve::http::Refusal;
use crate::serve::site::Site;
use crate::store::embedded::select;
use oxigraph::model::Term;
use std::collections::BTreeMap;

/// A responsibility slot as the page shows it.
#[derive(Debug, Clone, Default)]
struct Slot {
    iri: String,
    begin: usize,
    end: usize,
    task: i64,
    subtask: i64,
    position: i64,
    role: String,
    resolution: String,
    agency: Option<String>,
    printed: Option<String>,
    label: Option<String>,
    candidates: Vec<(String, String)>,
    /// The deadline its assignment prints, with the due date where it has one.
    due: Option<String>,
}

/// Something marked in the text: a task's or subtask's start, or a slot.
enum Mark {
    Task(i64),
    Subtask(i64, i64),
    Slot(usize),
}

/// The page of the plan at `index` in the summary.
pub fn page(site: &Site, index: usize) -> Result<String, Refusal> {
    let plan = &site.summary.plans[index];
    let fail = |e: crate::Error| {
        Refusal::new(
            oxhttp::model::StatusCode::INTERNAL_SERVER_ERROR,
            e.to_string(),
        )
    };
    let graph = format!("<{}>", plan.iri);
    let rows = select(
        &site.store,
        &format!(
            "PREFIX pg: <https://w3id.org/plangraph#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?kind ?node ?begin ?end ?task ?ordinal ?position ?role ?res ?agency ?printed ?label ?deadline ?date WHERE {{ GRAPH {graph} {{
  {{ ?node a pg:Task ; nif:beginIndex ?begin . OPTIONAL {{ ?node pg:number ?task }} BIND (\"task\" AS ?kind) }}
  UNION {{ ?node a pg:Subtask ; nif:beginIndex ?begin ; pg:ordinal ?ordinal ; dcterms:isPartOf ?t . OPTIONAL {{ ?t pg:number ?task }} BIND (\"subtask\" AS ?kind) }}
  UNION {{ ?node a pg:Responsibility ; nif:beginIndex ?begin ; nif:endIndex ?end ; pg:role ?role ; pg:resolution ?res ; pg:position ?position .
          ?s pg:responsibility ?node ; pg:ordinal ?ordinal ; dcterms:isPartOf ?t . OPTIONAL {{ ?t pg:number ?task }}
          OPTIONAL {{ ?node pg:agency ?agency }} OPTIONAL {{ ?node pg:printedName ?printed }} OPTIONAL {{ ?node pg:roleLabel ?label }}
          OPTIONAL {{ ?s pg:deadline ?deadline }} OPTIONAL {{ ?s pg:dueDate ?date }}
          BIND (\"slot\" AS ?kind) }}
}} }}"
        ),
    )
    .map_err(fail)?;
    let mut slots: Vec<Slot> = Vec::new();
    let mut marks: Vec<(usize, u8, Mark)> = Vec::new();
    for row in &rows {
        let begin = number(&row[2]) as usize;
        match value(&row[0]).as_str() {
            "task" => marks.push((begin, 0, Mark::Task(number(&row[4])))),
            "subtask" => marks.push((begin, 1, Mark::Subtask(number(&row[4]), number(&row[5])))),
            _ => {
                marks.push((begin, 2, Mark::Slot(slots.len())));
                slots.push(Slot {
                    iri: value(&row[1]),
                    begin,
                    end: number(&row[3]) as usize,
                    task: number(&row[4]),
                    subtask: number(&row[5]),
                    position: number(&row[6]),
                    role: local(&row[7]),
                    resolution: local(&row[8]),
                    agency: row[9].as_ref().map(|_| value(&row[9])),
                    printed: row[10].as_ref().map(|_| value(&row[10])),
                    label: row[11].as_ref().map(|_| value(&row[11])),
                    candidates: Vec::new(),
                    due: row[12].as_ref().map(|_| match &row[13] {
                        Some(_) => format!("{} ({})", value(&row[12]), value(&row[13])),
                        None => value(&row[12]),
                    }),
                });
            }
        }
    }
    let candidates = select(
        &site.store,
        &format!(
            "PREFIX pg: <https://w3id.org/plangraph#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?slot ?c (SAMPLE(?l) AS ?label) WHERE {{ GRAPH {graph} {{ ?slot pg:candidate ?c }} OPTIONAL {{ ?c skos:prefLabel ?l FILTER (lang(?l) = \"zh\") }} }} GROUP BY ?slot ?c ORDER BY ?c"
        ),
    )
    .map_err(fail)?;
    let mut by_slot: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for row in candidates {
        let iri = value(&row[1]);
        let label = row[2]
            .as_ref()
            .map_or_else(|| iri.clone(), |_| value(&row[2]));
        by_slot
            .entry(value(&row[0]))
            .or_default()
            .push((iri, label));
    }
    for slot in &mut slots {
        slot.candidates = by_slot.remove(&slot.iri).unwrap_or_default();
    }
    marks.sort_by_key(|m| (m.0, m.1));

    let mut body = String::new();
    body.push_str(&format!(
        "<p><code>{}</code> · {} tasks · {} subtasks · {} responsibilities · {} left open (<a href=\"/gaps#plan-{index}\">gaps</a>)</p>",
        esc(&plan.iri), plan.tasks, plan.subtasks, plan.slots, plan.flagged
    ));
    body.push_str(LEGEND);
    match site.texts.get(&plan.iri) {
        Some(text) => body.push_str(&marked_text(site, text, &marks, &slots)),
        None => body.push_str("<p>This plan was served from a store, which keeps each slot's offsets but not the text: serve the plan's file to see its text marked. The slots are in the table below.</p>"),
    }
    body.push_str(&slot_table(site, &slots));
    body.push_str("<h2>Pictures</h2>");
    let href = |iri: &str| Some(site.href(iri));
    body.push_str(&crate::plot::network_svg(
        &site.summary.cooperation(Some(index)),
        &format!("{}: agencies named in the same subtasks", plan.title),
        &href,
    ));
    body.push_str(&crate::plot::workload_svg(
        &site.summary.loads(Some(index)),
        &format!("{}: each agency's work by role", plan.title),
        &href,
    ));
    Ok(layout(&plan.title, &body))
}

const LEGEND: &str = r#"<p class="legend">Marks: <span class="slot role-lead">牵头 lead</span> <span class="slot role-responsible">负责 responsible</span> <span class="slot role-supporting">配合 supporting</span> <span class="slot res-emptyslot">∅ empty: a name deleted from the text</span> <span class="slot res-ambiguous">ambiguous or unknown name</span> <span class="slot res-truncated">truncated name</span></p>"#;

/// The plan's text from its first task to the end of its last, with the marks.
fn marked_text(site: &Site, text: &str, marks: &[(usize, u8, Mark)], slots: &[Slot]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let start = marks
        .iter()
        .map(|m| m.0)
        .min()
        .unwrap_or(0)
        .min(chars.len());
    let end = slots
        .iter()
        .map(|s| s.end)
        .chain(marks.iter().map(|m| m.0))
        .max()
        .unwrap_or(0)
        .clamp(start, chars.len());
    // The end of the last task's line, so the last clause reads whole.
    let end = chars[end..]
        .iter()
        .position(|&c| c == '\n')
        .map_or(chars.len(), |p| end + p);
    let piece = |from: usize, to: usize| esc(&chars[from..to].iter().collect::<String>());
    let mut html = format!(
        "<p>The text from its first task to its last ({} of the file's {} characters; the rest is the page around the plan).</p><div class=\"text\" lang=\"zh\">",
        end - start,
        chars.len()
    );
    let mut at = start;
    for (begin, _, mark) in marks {
        let begin = (*begin).clamp(at, end);
        html.push_str(&piece(at, begin));
        at = begin;
        match mark {
            Mark::Task(n) => html.push_str(&format!(
                "<span class=\"task-start\" id=\"task-{n}\" data-task=\"{n}\">任务 {n}</span>"
            )),
            Mark::Subtask(n, o) => html.push_str(&format!(
                "<span class=\"subtask-start\" id=\"task-{n}-{o}\" data-task=\"{n}\" data-subtask=\"{o}\">{n}.{o}</span>"
            )),
            Mark::Slot(i) => {
                let slot = &slots[*i];
                // A slot overlapping the one before is shown as a marker where it starts.
                let slot_end = if slot.begin < at { at } else { slot.end.clamp(at, end) };
                let printed = piece(at, slot_end);
                html.push_str(&slot_html(site, slot, &printed));
                at = slot_end;
            }
        }
    }
    html.push_str(&piece(at, end));
    html.push_str("</div>");
    html
}

fn role_word(role: &str) -> &'static str {
    match role {
        "Lead" => "牵头 lead",
        "Supporting" => "配合 supporting",
        _ => "负责 responsible",
    }
}

/// Candidates of an ambiguous name shown in the text; the table lists them all.
const INLINE_CANDIDATES: usize = 3;

/// One slot's mark: a link to its agency, or a span when the text names none.
fn slot_html(site: &Site, slot: &Slot, printed: &str) -> String {
    let shown = if printed.is_empty() {
        "∅".to_string()
    } else {
        printed.to_string()
    };
    let mut title = format!(
        "{} {}.{} slot {}: {}",
        role_word(&slot.role),
        slot.task,
        slot.subtask,
        slot.position,
        slot.resolution
    );
    if let Some(label) = &slot.label {
        title.push_str(&format!(" (label {label})"));
    }
    if let Some(due) = &slot.due {
        title.push_str(&format!(", due {due}"));
    }
    let class = format!(
        "slot role-{} res-{}",
        slot.role.to_lowercase(),
        slot.resolution.to_lowercase()
    );
    let data = format!(
        "id=\"slot-{}-{}-{}\" data-role=\"{}\" data-resolution=\"{}\"",
        slot.task,
        slot.subtask,
        slot.position,
        esc(&slot.role.to_lowercase()),
        esc(&slot.resolution)
    );
    let mut html = match &slot.agency {
        Some(agency) => format!(
            "<a class=\"{class}\" {data} data-agency=\"{}\" href=\"{}\" title=\"{}\">{shown}</a>",
            esc(agency),
            esc(&site.href(agency)),
            esc(&title)
        ),
        None => format!(
            "<mark class=\"{class}\" {data} title=\"{}\" tabindex=\"0\">{shown}</mark>",
            esc(&title)
        ),
    };
    if !slot.candidates.is_empty() {
        // A short name fits many bodies (部: twenty ministries): a few inline, all in the table.
        let shown: Vec<String> = slot
            .candidates
            .iter()
            .take(INLINE_CANDIDATES)
            .map(|(iri, label)| link(site, iri, label))
            .collect();
        let more = slot.candidates.len().saturating_sub(INLINE_CANDIDATES);
        let more = if more > 0 {
            format!(
                " <a href=\"#row-{}-{}-{}\">… {more} more</a>",
                slot.task, slot.subtask, slot.position
            )
        } else {
            String::new()
        };
        html.push_str(&format!(
            "<span class=\"candidates\">［{} candidates: {}{more}］</span>",
            slot.candidates.len(),
            shown.join(" / ")
        ));
    }
    html
}

fn slot_table(site: &Site, slots: &[Slot]) -> String {
    let mut sorted: Vec<&Slot> = slots.iter().collect();
    sorted.sort_by_key(|s| (s.task, s.subtask, s.position));
    let mut html = String::from("<h2>Responsibilities</h2><table class=\"slots\"><thead><tr><th scope=\"col\">task</th><th scope=\"col\">slot</th><th scope=\"col\">role</th><th scope=\"col\">printed</th><th scope=\"col\">agency</th><th scope=\"col\">resolution</th><th scope=\"col\">due</th></tr></thead><tbody>");
    for slot in sorted {
        let agency = match &slot.agency {
            Some(iri) => {
                let label = site
                    .summary
                    .agency(iri)
                    .map_or_else(|| iri.clone(), |a| site.summary.agencies[a].label.clone());
                link(site, iri, &label)
            }
            None => slot
                .candidates
                .iter()
                .map(|(iri, label)| link(site, iri, label))
                .collect::<Vec<_>>()
                .join(" / "),
        };
        html.push_str(&format!(
            "<tr id=\"row-{t}-{s}-{}\"><td><a href=\"#task-{t}-{s}\">{t}.{s}</a></td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{agency}</td><td>{}</td><td>{}</td></tr>",
            slot.position,
            slot.position,
            role_word(&slot.role),
            esc(slot.printed.as_deref().unwrap_or("")),
            esc(&slot.resolution),
            esc(slot.due.as_deref().unwrap_or("")),
            t = slot.task,
            s = slot.subtask,
        ));
    }
    html.push_str("</tbody></table>");
    html
}

fn value(term: &Option<Term>) -> String {
    match term {
        Some(Term::NamedNode(n)) => n.as_str().to_string(),
        Some(Term::Literal(l)) => l.value().to_string(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

fn number(term: &Option<Term>) -> i64 {
    value(term).parse().unwrap_or(0)
}

fn local(term: &Option<Term>) -> String {
    value(term)
        .rsplit(['#', '/'])
        .next()
        .unwrap_or_default()
        .to_string()
}
