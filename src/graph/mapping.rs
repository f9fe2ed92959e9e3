//! Mapping stage: a parsed [`Plan`] to RDF quads, through the core terms of the plangraph
//! ontology (`ontology/plangraph.ttl`).
//!
//! IRIs are stable: the same input and options give the same IRIs. Under the base:
//! - the plan: `plan/<segment>`, the segment being `--plan-id`, else the document identifier,
//!   else the printed title, else the input's file name (percent-encoded by [`crate::rdf::iri`]);
//! - inside it: `<plan>/section-3`, `<plan>/task-13`, `<plan>/task-13-2` (subtask 2),
//!   `<plan>/task-13-2-slot-4` (slot 4), `<plan>/task-28-1-gap-6190` (a partner gap);
//! - registry entities keep their registry IRIs (`agency/saic`), shared by every plan.
//!
//! The plan's triples go into a named graph (the plan's IRI); the reference data for the
//! entities it uses (labels, acronyms, years, verified identities) into the graph
//! `<base>reference`, unless left out.

use crate::error::{Error, Result};
use crate::model::{EntityKind, MarkerKind, Outcome, PlanRelation};
use crate::model::{Plan, Subtask, Task};
use crate::rdf::iri::{node, segment};
use crate::rdf::vocab::{term, DCTERMS, ELI, NIF, ORG, OWL, PG, PROV, RDFS, SCHEMA, SKOS};
use crate::read::source::STDIN_NAME;
use crate::resolve::names::match_key;
use crate::resolve::registry::{ChangeEvent, Entity, Registry, DEFAULT_BASE};
use crate::resolve::resolve_agency;
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Options of the mapping.
#[derive(Debug, Clone)]
pub struct MappingOptions {
    /// Base for minted IRIs (absolute, ending in `/` or `#`).
    pub base: String,
    /// The plan's IRI segment, overriding the default (see the module docs).
    pub plan_id: Option<String>,
    /// Whether the reference data goes out with the plan.
    pub include_reference: bool,
}

impl Default for MappingOptions {
    /// IRIs under [`DEFAULT_BASE`], each plan's segment by the default rule, reference data in.
    fn default() -> Self {
        MappingOptions {
            base: DEFAULT_BASE.into(),
            plan_id: None,
            include_reference: true,
        }
    }
}

/// The IRI of the graph holding reference data.
pub fn reference_graph(base: &str) -> Result<NamedNode> {
    node(&format!("{base}reference"))
}

/// The IRI of a plan: `plan/<id>`, the id being the `plan_id` option (where `{stem}` stands for
/// the input's file name without its extension and `{dir}` for its folder's name, so one
/// option names a batch), else the
/// document's number, else its printed title, else the input's file name. Standard input has no
/// file name: a plan read from it with neither number nor title needs a `plan_id`.
pub fn plan_iri(plan: &Plan, options: &MappingOptions) -> Result<NamedNode> {
    let doc = &plan.document;
    let source = &plan.source.name;
    let file_stem = || {
        std::path::Path::new(source)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| source.clone())
    };
    let named = options
        .plan_id
        .as_ref()
        .map(|template| {
            let path = std::path::Path::new(source);
            let dir = path
                .parent()
                .and_then(|d| d.file_name())
                .map_or(String::new(), |d| d.to_string_lossy().into_owned());
            template
                .replace("{stem}", &file_stem())
                .replace("{dir}", &dir)
        })
        .or(doc.identifier.clone())
        .or(doc.title_as_printed.clone());
    let id = match named {
        Some(id) => id,
        None if source == STDIN_NAME => {
            return Err(Error::new(
                source,
                "the plan prints no number or title and standard input has no file name: give --plan-id",
            ))
        }
        None => file_stem(),
    };
    node(&format!("{}plan/{}", options.base, segment(&id)))
}

/// The plans of one graph by title, so that a plan citing another's title links to its node.
#[derive(Debug, Clone, Default)]
pub struct PlanIndex {
    by_title: BTreeMap<String, NamedNode>,
}

impl PlanIndex {
    /// Records `plan`, whose node is `iri`, under its title (printed and given).
    pub fn add(&mut self, plan: &Plan, iri: &NamedNode) {
        let doc = &plan.document;
        for title in doc.title.iter().chain(&doc.title_as_printed) {
            self.by_title.insert(match_key(title), iri.clone());
        }
    }

    /// Adds the titles `other` records (a later record of a title wins, as with [`add`](Self::add)).
    pub fn extend(&mut self, other: PlanIndex) {
        self.by_title.extend(other.by_title);
    }

    /// The node of the plan titled `title` (compared by match key), if recorded.
    pub fn find(&self, title: &str) -> Option<&NamedNode> {
        self.by_title.get(&match_key(title))
    }
}

/// Maps `plan` to quads. `registry` must have been loaded with the same base.
pub fn map_plan(plan: &Plan, registry: &Registry, options: &MappingOptions) -> Result<Vec<Quad>> {
    map_plan_among(plan, registry, options, &PlanIndex::default())
}

/// Maps `plan` to quads, linking the work plans it cites to the nodes of the `others` mapped
/// beside it.
pub fn map_plan_among(
    plan: &Plan,
    registry: &Registry,
    options: &MappingOptions,
    others: &PlanIndex,
) -> Result<Vec<Quad>> {
    let plan_node = plan_iri(plan, options)?;
    let mut out = Writer::new(GraphName::NamedNode(plan_node.clone()));
    out.quads.reserve(estimated_quads(plan, registry, options));
    let mut used: BTreeSet<String> = BTreeSet::new();

    describe_plan(&mut out, plan, registry, &plan_node, &mut used)?;
    for section in &plan.sections {
        let s = under(&plan_node, format_args!("/section-{}", section.number));
        out.add(&s, rdf::TYPE.into_owned(), pg("Section"));
        out.add(&s, dcterms("isPartOf"), plan_node.clone());
        out.add(&s, pg("plan"), plan_node.clone());
        out.add(&s, pg("number"), Literal::from(i64::from(section.number)));
        out.add(&s, dcterms("title"), zh(&section.title));
    }
    for task in &plan.tasks {
        map_task(&mut out, plan, task, &plan_node, &mut used)?;
    }
    map_mentions(&mut out, plan, &plan_node, options, &mut used)?;
    map_cited_plans(&mut out, plan, &plan_node, options, others)?;

    if options.include_reference {
        out.graph = GraphName::NamedNode(reference_graph(&options.base)?);
        // Reorganisations go out with the reference data, with every body they involve, so a
        // query can follow an agency to the bodies before and after it.
        for change in registry.changes() {
            describe_change(&mut out, change)?;
            for iri in change.originals.iter().chain(&change.results) {
                if let Some(entity) = registry.entities().iter().find(|e| &e.iri == iri) {
                    used.insert(entity.slug.clone());
                }
            }
        }
        for slug in &used {
            if let Some(entity) = registry.entities().iter().find(|e| &e.slug == slug) {
                describe_entity(&mut out, entity)?;
            }
        }
    }
    Ok(out.quads)
}

/// About how many quads [`map_plan_among`] writes for `plan` (typical counts per item of the
/// functions below), so that the quads are not copied each time their vector grows: a quad is
/// some 150 bytes and a plan has thousands. Not shrunk afterwards: giving back the unused end
/// of so large a block costs more time than the copies it saves.
fn estimated_quads(plan: &Plan, registry: &Registry, options: &MappingOptions) -> usize {
    let subtasks = plan.tasks.iter().flat_map(|t| &t.subtasks);
    let slots: usize = subtasks.clone().map(|s| s.parenthetical.slots.len()).sum();
    let occurrences: usize = plan.mentions.iter().map(|m| m.occurrences.len()).sum();
    let plan_quads = 32
        + 5 * plan.sections.len()
        + 9 * plan.tasks.len()
        + 12 * subtasks.count()
        + 11 * slots
        + 3 * plan.mentions.len()
        + occurrences
        + 7 * plan.partner_gaps.len()
        + 7 * plan.officials.len()
        + 3 * plan.cited_plans.len();
    let reference = if options.include_reference {
        let changes: usize = registry
            .changes()
            .iter()
            .map(|c| 4 + c.labels.len() + c.originals.len() + c.results.len())
            .sum();
        changes + 8 * (plan.agencies.len() + plan.mentions.len())
    } else {
        0
    };
    plan_quads + reference
}

/// The work plans `plan` cites: `eli:based_on` where it says it implements one,
/// `dcterms:references` otherwise; to the cited plan's node when it is mapped beside this one,
/// else to a node named by the title as a plan without a number would be, typed only as an ELI
/// legal resource (nothing else is known of it).
fn map_cited_plans(
    out: &mut Writer,
    plan: &Plan,
    plan_node: &NamedNode,
    options: &MappingOptions,
    others: &PlanIndex,
) -> Result<()> {
    for cited in &plan.cited_plans {
        let target = match others.find(&cited.title) {
            Some(iri) if iri != plan_node => iri.clone(),
            _ => {
                let minted = node(&format!("{}plan/{}", options.base, segment(&cited.title)))?;
                out.add(&minted, rdf::TYPE.into_owned(), term(ELI, "LegalResource"));
                out.add(&minted, dcterms("title"), zh(&cited.title));
                minted
            }
        };
        let predicate = match cited.relation {
            PlanRelation::BasedOn => term(ELI, "based_on"),
            PlanRelation::References => dcterms("references"),
        };
        out.add(plan_node, predicate, target);
    }
    Ok(())
}

/// Collects quads into one named graph (shared with the linkset writer).
pub(crate) struct Writer {
    pub(crate) graph: GraphName,
    pub(crate) quads: Vec<Quad>,
    /// The IRIs of registry entities, each validated once: a plan names the same agencies in
    /// slot after slot, and the reference data describes every reorganisation for each plan.
    entities: HashMap<String, NamedNode>,
}

impl Writer {
    /// A writer into `graph`, with no quads yet.
    pub(crate) fn new(graph: GraphName) -> Self {
        Writer {
            graph,
            quads: Vec::new(),
            entities: HashMap::new(),
        }
    }

    /// The node of an entity's IRI (from the registry or the plan's model), validated the first
    /// time it is seen.
    fn entity(&mut self, iri: &str) -> Result<NamedNode> {
        if let Some(known) = self.entities.get(iri) {
            return Ok(known.clone());
        }
        let valid = node(iri)?;
        self.entities.insert(iri.to_string(), valid.clone());
        Ok(valid)
    }

    /// Adds (subject, predicate, object) to the graph.
    pub(crate) fn add(
        &mut self,
        subject: &NamedNode,
        predicate: NamedNode,
        object: impl Into<Term>,
    ) {
        self.quads.push(Quad::new(
            NamedOrBlankNode::NamedNode(subject.clone()),
            predicate,
            object,
            self.graph.clone(),
        ));
    }
}

/// The node `parent` + `suffix`, where `suffix` is ASCII (`/task-`, `-slot-`, digits) and
/// [`segment`]-encoded text: valid whenever `parent` is, since a segment is percent-encoded for an
/// IRI path, so it is not validated again (one such node per task, subtask, slot and mention).
fn under(parent: &NamedNode, suffix: std::fmt::Arguments<'_>) -> NamedNode {
    use std::fmt::Write;
    let mut iri = parent.as_str().to_string();
    iri.write_fmt(suffix).expect("writing to a String");
    debug_assert!(node(&iri).is_ok(), "minted an invalid IRI {iri:?}");
    NamedNode::new_unchecked(iri)
}

fn pg(local: &str) -> NamedNode {
    term(PG, local)
}

fn dcterms(local: &str) -> NamedNode {
    term(DCTERMS, local)
}

fn zh(text: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(text, "zh")
}

fn index(value: usize) -> Literal {
    Literal::new_typed_literal(value.to_string(), xsd::NON_NEGATIVE_INTEGER)
}

fn boolean(value: bool) -> Literal {
    Literal::from(value)
}

fn describe_plan(
    out: &mut Writer,
    plan: &Plan,
    registry: &Registry,
    plan_node: &NamedNode,
    used: &mut BTreeSet<String>,
) -> Result<()> {
    let doc = &plan.document;
    out.add(plan_node, rdf::TYPE.into_owned(), pg("WorkPlan"));
    if let Some(title) = &doc.title {
        out.add(plan_node, dcterms("title"), zh(title));
    }
    if let Some(printed) = &doc.title_as_printed {
        out.add(plan_node, pg("printedTitle"), zh(printed));
    }
    if let Some(year) = doc.year {
        out.add(
            plan_node,
            pg("year"),
            Literal::new_typed_literal(year.to_string(), xsd::G_YEAR),
        );
    }
    if let Some(period) = &doc.inferred_period {
        map_inferred_period(out, plan, period, plan_node, used)?;
    }
    if let Some(headline) = &doc.page_headline {
        out.add(plan_node, pg("pageHeadline"), zh(headline));
    }
    if let Some(posted) = &doc.page_posted {
        let datatype = if posted.contains('T') {
            xsd::DATE_TIME
        } else {
            xsd::DATE
        };
        out.add(
            plan_node,
            pg("pagePosted"),
            Literal::new_typed_literal(posted, datatype),
        );
    }
    if let Some(identifier) = &doc.identifier {
        out.add(
            plan_node,
            dcterms("identifier"),
            Literal::new_simple_literal(identifier),
        );
    }
    if let Some(issued) = &doc.issued {
        out.add(
            plan_node,
            dcterms("issued"),
            Literal::new_typed_literal(issued, xsd::DATE),
        );
    }
    if let Some(published) = &doc.published {
        out.add(
            plan_node,
            dcterms("available"),
            Literal::new_typed_literal(published, xsd::DATE),
        );
    }
    if let Some(issuer) = &doc.issuer {
        out.add(plan_node, pg("issuerName"), zh(issuer));
        let resolution = resolve_agency(registry, Some(issuer), &doc.year.into());
        if let (Outcome::Exact | Outcome::Alias, Some(id)) = (resolution.outcome, resolution.agency)
        {
            let entity = registry.entity(id);
            let creator = out.entity(&entity.iri)?;
            out.add(plan_node, dcterms("creator"), creator);
            used.insert(entity.slug.clone());
        }
    }
    match &doc.source_url {
        Some(url) => out.add(plan_node, dcterms("source"), node(url)?),
        None => out.add(
            plan_node,
            dcterms("source"),
            Literal::new_simple_literal(&plan.source.name),
        ),
    }
    // Provenance: the tool and its version, no timestamp, so the output stays reproducible.
    let version = env!("CARGO_PKG_VERSION");
    let run = under(plan_node, format_args!("/generation"));
    let tool = node(&format!(
        "https://w3id.org/plangraph/software/plangraph/{version}"
    ))?;
    out.add(plan_node, term(PROV, "wasGeneratedBy"), run.clone());
    out.add(&run, rdf::TYPE.into_owned(), term(PROV, "Activity"));
    out.add(&run, term(PROV, "wasAssociatedWith"), tool.clone());
    out.add(&tool, rdf::TYPE.into_owned(), term(PROV, "SoftwareAgent"));
    out.add(
        &tool,
        term(RDFS, "label"),
        Literal::new_simple_literal(format!("plangraph {version}")),
    );
    out.add(
        &tool,
        term(SCHEMA, "softwareVersion"),
        Literal::new_simple_literal(version),
    );
    Ok(())
}

fn task_iri(plan_node: &NamedNode, task_id: &str) -> NamedNode {
    under(plan_node, format_args!("/task-{}", segment(task_id)))
}

fn subtask_iri(plan_node: &NamedNode, task_id: &str, ordinal: usize) -> NamedNode {
    under(
        plan_node,
        format_args!("/task-{}-{ordinal}", segment(task_id)),
    )
}

fn map_task(
    out: &mut Writer,
    plan: &Plan,
    task: &Task,
    plan_node: &NamedNode,
    used: &mut BTreeSet<String>,
) -> Result<()> {
    let t = task_iri(plan_node, &task.id);
    let parent = match (&task.parent, task.section) {
        (Some(parent), _) => task_iri(plan_node, parent),
        (None, Some(section)) => under(plan_node, format_args!("/section-{section}")),
        (None, None) => plan_node.clone(),
    };
    out.add(&t, rdf::TYPE.into_owned(), pg("Task"));
    out.add(&t, dcterms("isPartOf"), parent);
    out.add(&t, pg("plan"), plan_node.clone());
    // An unnumbered item prints no number, so the graph states none.
    if task.marker != MarkerKind::Unnumbered {
        out.add(&t, pg("number"), Literal::from(i64::from(task.number)));
    }
    out.add(&t, dcterms("title"), zh(&task.title));
    out.add(&t, pg("text"), zh(&task.text));
    out.add(&t, term(NIF, "beginIndex"), index(task.span.begin));
    out.add(&t, term(NIF, "endIndex"), index(task.span.end));
    if let Some(rest) = &task.unassigned {
        out.add(&t, pg("unassignedText"), zh(&rest.text));
    }
    for sub in &task.subtasks {
        map_subtask(out, plan, task, sub, &t, plan_node, used)?;
    }
    Ok(())
}

/// The IRI of the period a plan without a printed year is inferred to be from.
fn inferred_period_iri(plan_node: &NamedNode) -> NamedNode {
    under(plan_node, format_args!("/inferred-period"))
}

/// A plan's inferred period: its years, the bodies that bound it, and that it is not printed.
fn map_inferred_period(
    out: &mut Writer,
    plan: &Plan,
    period: &crate::model::InferredPeriod,
    plan_node: &NamedNode,
    used: &mut BTreeSet<String>,
) -> Result<()> {
    let p = inferred_period_iri(plan_node);
    out.add(plan_node, pg("inferredPeriod"), p.clone());
    out.add(&p, rdf::TYPE.into_owned(), pg("InferredPeriod"));
    out.add(&p, rdf::TYPE.into_owned(), dcterms("PeriodOfTime"));
    for (property, year) in [("earliestYear", period.from), ("latestYear", period.until)] {
        if let Some(year) = year {
            out.add(
                &p,
                pg(property),
                Literal::new_typed_literal(year.to_string(), xsd::G_YEAR),
            );
        }
    }
    for slug in period.from_bodies.iter().chain(&period.until_bodies) {
        let body = out.entity(&plan.agencies[slug].iri)?;
        out.add(&p, term(PROV, "wasDerivedFrom"), body);
        used.insert(slug.to_string());
    }
    out.add(
        &p,
        term(RDFS, "comment"),
        Literal::new_language_tagged_literal_unchecked(
            format!(
                "Not printed: the plan prints no year; {} is when all {} bodies it names in full existed together.",
                period.years(),
                period.bodies_named
            ),
            "en",
        ),
    );
    Ok(())
}

fn map_subtask(
    out: &mut Writer,
    plan: &Plan,
    task: &Task,
    sub: &Subtask,
    task_node: &NamedNode,
    plan_node: &NamedNode,
    used: &mut BTreeSet<String>,
) -> Result<()> {
    let s = subtask_iri(plan_node, &task.id, sub.ordinal);
    let p = &sub.parenthetical;
    out.add(&s, rdf::TYPE.into_owned(), pg("Subtask"));
    out.add(&s, dcterms("isPartOf"), task_node.clone());
    out.add(&s, pg("plan"), plan_node.clone());
    out.add(&s, pg("ordinal"), Literal::from(sub.ordinal as i64));
    out.add(&s, pg("text"), zh(&sub.text));
    if let Some(heading) = &sub.heading {
        out.add(&s, dcterms("title"), zh(heading));
    }
    out.add(
        &s,
        pg("parenthetical"),
        Literal::new_simple_literal(&p.printed),
    );
    out.add(&s, pg("openList"), boolean(p.open_list));
    out.add(&s, pg("incomplete"), boolean(p.incomplete));
    if let Some(deadline) = &p.deadline {
        out.add(&s, pg("deadline"), zh(&deadline.printed));
        if let Some(date) = &deadline.date {
            out.add(
                &s,
                pg("dueDate"),
                Literal::new_typed_literal(date, xsd::DATE),
            );
        }
    }
    out.add(&s, term(NIF, "beginIndex"), index(sub.span.begin));
    out.add(&s, term(NIF, "endIndex"), index(sub.span.end));
    for slot in &p.slots {
        let r = under(&s, format_args!("-slot-{}", slot.position));
        let within_period = plan
            .document
            .inferred_period
            .as_ref()
            .is_some_and(|period| {
                period.resolved_within.iter().any(|at| {
                    (at.task.as_str(), at.subtask, at.position)
                        == (task.id.as_str(), sub.ordinal, slot.position)
                })
            });
        if within_period {
            out.add(&r, pg("resolvedWithin"), inferred_period_iri(plan_node));
        }
        out.add(&s, pg("responsibility"), r.clone());
        out.add(&r, rdf::TYPE.into_owned(), pg("Responsibility"));
        out.add(&r, pg("role"), pg(slot.role.term()));
        out.add(&r, pg("position"), Literal::from(slot.position as i64));
        if let Some(name) = &slot.printed_name {
            out.add(&r, pg("printedName"), Literal::new_simple_literal(name));
        }
        if let Some(label) = &slot.label {
            out.add(&r, pg("roleLabel"), zh(label));
        }
        // A role given by a rule the document states: the rule, once per plan, as printed.
        if let Some(rule) = &slot.rule {
            let node = under(plan_node, format_args!("/rule-{}", rule.span.begin));
            out.add(&r, pg("roleRule"), node.clone());
            out.add(&node, rdf::TYPE.into_owned(), pg("StatedRule"));
            out.add(&node, pg("text"), zh(&rule.text));
            out.add(&node, pg("plan"), plan_node.clone());
            out.add(&node, term(NIF, "beginIndex"), index(rule.span.begin));
            out.add(&node, term(NIF, "endIndex"), index(rule.span.end));
        }
        out.add(&r, pg("resolution"), pg(slot.resolution.term()));
        out.add(&r, term(NIF, "beginIndex"), index(slot.span.begin));
        out.add(&r, term(NIF, "endIndex"), index(slot.span.end));
        // The agency: a registry entity, or for a local unit a node of its own in this plan
        // (two provinces' 省商务厅 are different bodies), labelled as printed.
        let agency = match (&slot.agency, &slot.level, &slot.printed_name) {
            (Some(slug), _, _) => {
                used.insert(slug.to_string());
                Some(out.entity(&plan.agencies[slug].iri)?)
            }
            (None, Some(level), Some(name)) => {
                let local = under(plan_node, format_args!("/local-{}", segment(name)));
                out.add(&local, rdf::TYPE.into_owned(), pg("Agency"));
                out.add(&local, rdf::TYPE.into_owned(), pg("LocalAgency"));
                out.add(&local, term(SKOS, "prefLabel"), zh(name));
                out.add(&local, pg("level"), Literal::new_simple_literal(level));
                Some(local)
            }
            _ => None,
        };
        if let Some(agency) = agency {
            out.add(&r, pg("agency"), agency.clone());
            out.add(&s, pg(slot.role.agency_property()), agency);
        }
        for slug in &slot.candidates {
            let candidate = out.entity(&plan.agencies[slug].iri)?;
            out.add(&r, pg("candidate"), candidate);
            used.insert(slug.to_string());
        }
    }
    Ok(())
}

/// The node holding a mention: its subtask, else its task, else the plan.
fn holder(plan_node: &NamedNode, task: Option<&str>, subtask: Option<usize>) -> NamedNode {
    match (task, subtask) {
        (Some(t), Some(s)) => subtask_iri(plan_node, t, s),
        (Some(t), None) => task_iri(plan_node, t),
        _ => plan_node.clone(),
    }
}

fn map_mentions(
    out: &mut Writer,
    plan: &Plan,
    plan_node: &NamedNode,
    options: &MappingOptions,
    used: &mut BTreeSet<String>,
) -> Result<()> {
    for mention in &plan.mentions {
        let entity = match &mention.entity {
            Some(info) => {
                used.insert(mention.id.to_string());
                out.entity(&info.iri)?
            }
            None => {
                // A name the registry lacks: its own node, labelled as printed, flagged.
                let minted = node(&format!("{}{}", options.base, mention.id))?;
                out.add(&minted, rdf::TYPE.into_owned(), pg(mention.kind.term()));
                out.add(&minted, term(SKOS, "prefLabel"), zh(&mention.name));
                out.add(&minted, pg("registered"), boolean(false));
                minted
            }
        };
        for occurrence in &mention.occurrences {
            let at = holder(plan_node, occurrence.task.as_deref(), occurrence.subtask);
            out.add(&at, pg("mentions"), entity.clone());
        }
    }
    for gap in &plan.partner_gaps {
        let at = holder(plan_node, gap.task.as_deref(), gap.subtask);
        let g = under(&at, format_args!("-gap-{}", gap.span.begin));
        out.add(&g, rdf::TYPE.into_owned(), pg("PartnerGap"));
        out.add(&g, pg("plan"), plan_node.clone());
        out.add(&g, dcterms("isPartOf"), at);
        out.add(
            &g,
            pg("printedList"),
            Literal::new_simple_literal(&gap.list),
        );
        out.add(&g, term(NIF, "beginIndex"), index(gap.span.begin));
        out.add(&g, term(NIF, "endIndex"), index(gap.span.end));
    }
    // Officials: persons as printed, part of their task, never an agency.
    for official in &plan.officials {
        let at = holder(plan_node, official.task.as_deref(), None);
        let o = under(plan_node, format_args!("/official-{}", official.span.begin));
        out.add(&o, rdf::TYPE.into_owned(), pg("Official"));
        out.add(&o, pg("plan"), plan_node.clone());
        out.add(&o, dcterms("isPartOf"), at);
        out.add(
            &o,
            pg("personName"),
            Literal::new_simple_literal(&official.name),
        );
        out.add(&o, pg("personRole"), zh(&official.word));
        out.add(&o, term(NIF, "beginIndex"), index(official.span.begin));
        out.add(&o, term(NIF, "endIndex"), index(official.span.end));
    }
    Ok(())
}

fn describe_change(out: &mut Writer, change: &ChangeEvent) -> Result<()> {
    let c = out.entity(&change.iri)?;
    out.add(&c, rdf::TYPE.into_owned(), term(ORG, "ChangeEvent"));
    // The literals as the registry file gives them: already checked by the RDF parser.
    for label in &change.labels {
        out.add(&c, term(RDFS, "label"), label.clone());
    }
    if let Some(started) = &change.started {
        out.add(&c, term(PROV, "startedAtTime"), started.clone());
    }
    for original in &change.originals {
        let original = out.entity(original)?;
        out.add(&c, term(ORG, "originalOrganization"), original);
    }
    for result in &change.results {
        let result = out.entity(result)?;
        out.add(&c, term(ORG, "resultingOrganization"), result);
    }
    Ok(())
}

fn describe_entity(out: &mut Writer, entity: &Entity) -> Result<()> {
    let e = out.entity(&entity.iri)?;
    out.add(&e, rdf::TYPE.into_owned(), pg(entity.kind.term()));
    if entity.kind == EntityKind::AgencyGroup {
        // A group is an agency too (pg:AgencyGroup ⊑ pg:Agency), stated for tools without RDFS.
        out.add(&e, rdf::TYPE.into_owned(), pg(EntityKind::Agency.term()));
    }
    out.add(&e, term(SKOS, "prefLabel"), zh(&entity.name_zh));
    if let Some(en) = &entity.name_en {
        out.add(
            &e,
            term(SKOS, "prefLabel"),
            Literal::new_language_tagged_literal_unchecked(en, "en"),
        );
    }
    for alt in &entity.alt_labels {
        out.add(&e, term(SKOS, "altLabel"), zh(alt));
    }
    for alt in &entity.alt_labels_en {
        out.add(
            &e,
            term(SKOS, "altLabel"),
            Literal::new_language_tagged_literal_unchecked(alt, "en"),
        );
    }
    if let Some(acronym) = &entity.acronym {
        out.add(&e, pg("acronym"), Literal::new_simple_literal(acronym));
    }
    for (property, year) in [
        ("activeFrom", entity.active_from),
        ("activeUntil", entity.active_until),
    ] {
        if let Some(year) = year {
            out.add(
                &e,
                pg(property),
                Literal::new_typed_literal(year.to_string(), xsd::G_YEAR),
            );
        }
    }
    for abbreviation in &entity.pair_abbreviations {
        out.add(&e, pg("pairAbbreviation"), zh(abbreviation));
    }
    if let Some(code) = &entity.country_code {
        out.add(&e, pg("countryCode"), Literal::new_simple_literal(code));
    }
    for same in &entity.same_as {
        out.add(&e, term(OWL, "sameAs"), node(same)?);
    }
    for source in &entity.sources {
        out.add(&e, dcterms("source"), node(source)?);
    }
    Ok(())
}
