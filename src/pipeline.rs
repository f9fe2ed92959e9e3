//! The parse pipeline: decoded text → cleaned text → body → structure → responsibilities and
//! mentions → resolved entities → [`Plan`]. Each stage is its own module; this one only runs
//! them in order and assembles the model.

use crate::error::{Error, Result};
use crate::model::*;
use crate::parse::body::find_body;
use crate::parse::responsibility::parse_parenthetical;
use crate::parse::structure::{find_structure, RawStructure};
use crate::read::clean::CleanText;
use crate::read::source::SourceText;
use crate::resolve::mentions::{find_mentions, Target};
use crate::resolve::registry::{EntityId, Registry};
use crate::resolve::{local_level, resolve_agency};
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

/// The name of the bundled 2017 plan.
pub const BUNDLED_PLAN_NAME: &str = "bundled:2017-national-plan.txt";
/// The bundled 2017 plan, as scraped (the default input).
pub const BUNDLED_PLAN: &str = include_str!("bundled/2017-national-plan.txt");

/// The bundled 2017 plan as a decoded source.
pub fn bundled_plan() -> SourceText {
    SourceText {
        name: BUNDLED_PLAN_NAME.to_string(),
        text: BUNDLED_PLAN.to_string(),
        encoding: "UTF-8",
    }
}

/// Document metadata the user supplies (the text may lack it).
#[derive(Debug, Clone, Default)]
pub struct UserMetadata {
    /// Overrides the printed title.
    pub title: Option<String>,
    /// Document number (国办发〔2017〕46号).
    pub identifier: Option<String>,
    /// Issuing body.
    pub issuer: Option<String>,
    /// Date issued.
    pub issued: Option<String>,
    /// Where the text comes from.
    pub source_url: Option<String>,
}

/// Parses a decoded source into a [`Plan`]. Fails when the text holds no numbered task.
pub fn parse(source: &SourceText, registry: &Registry, metadata: &UserMetadata) -> Result<Plan> {
    let text = CleanText::new(&source.text);
    let body = find_body(&text);
    let structure = find_structure(text.chars(), &body.paragraphs);
    if structure.tasks.is_empty() {
        return Err(Error::new(
            &source.name,
            no_task_report(&text, &body, &structure),
        ));
    }
    let year = body.info.year;
    let frame = crate::parse::frame::read_frame(source.text.lines());
    let ids = task_ids(&structure);
    let mut agencies_used: Vec<EntityId> = Vec::new();
    let tasks: Vec<Task> = structure
        .tasks
        .iter()
        .enumerate()
        .map(|(i, raw)| Task {
            id: ids[i].clone(),
            number: raw.number,
            marker: raw.kind,
            section: raw.section.map(|s| structure.sections[s].number),
            parent: raw.parent.map(|p| ids[p].clone()),
            title: text.printed(raw.title.clone()),
            span: text.span(raw.range.clone()),
            text: text.printed(raw.range.clone()),
            subtasks: raw
                .subtasks
                .iter()
                .enumerate()
                .map(|(k, sub)| {
                    let inner_end = if sub.incomplete {
                        sub.parenthetical.end
                    } else {
                        sub.parenthetical.end - 1
                    };
                    let parsed =
                        parse_parenthetical(text.chars(), sub.parenthetical.start + 1..inner_end);
                    let slots = parsed
                        .slots
                        .iter()
                        .map(|slot| {
                            let printed =
                                (!slot.is_empty()).then(|| text.printed(slot.name.clone()));
                            let resolution = resolve_agency(registry, printed.as_deref(), year);
                            agencies_used
                                .extend(resolution.agency.iter().chain(&resolution.candidates));
                            let level = match (resolution.outcome, printed.as_deref()) {
                                (Outcome::Local, Some(name)) => {
                                    local_level(name).map(str::to_string)
                                }
                                _ => None,
                            };
                            Slot {
                                position: slot.position,
                                role: slot.role,
                                printed_name: printed,
                                span: text.span(slot.name.clone()),
                                resolution: resolution.outcome,
                                agency: resolution
                                    .agency
                                    .map(|id| registry.entity(id).slug.clone()),
                                candidates: resolution
                                    .candidates
                                    .iter()
                                    .map(|&id| registry.entity(id).slug.clone())
                                    .collect(),
                                level,
                            }
                        })
                        .collect();
                    Subtask {
                        ordinal: k + 1,
                        span: text.span(sub.range.clone()),
                        text: text.printed(sub.clauses.clone()),
                        heading: sub.heading.clone().map(|h| text.printed(h)),
                        parenthetical: Parenthetical {
                            span: text.span(sub.parenthetical.clone()),
                            printed: text.printed(sub.parenthetical.clone()),
                            open_list: parsed.open_list,
                            incomplete: sub.incomplete,
                            slots,
                        },
                    }
                })
                .collect(),
            unassigned: raw.unassigned.clone().map(|r| text_span(&text, r)),
        })
        .collect();

    let locate = |range: &Range<usize>| locate(&structure, &ids, range);
    let own_title = body
        .info
        .title
        .as_ref()
        .and_then(|_| title_range(&text, &body.paragraphs));
    let raw_mentions = find_mentions(text.chars(), body.range(), own_title, registry);
    let mut mentions: Vec<MentionedEntity> = Vec::new();
    for mention in &raw_mentions.mentions {
        let (id, kind, name, entity) = match &mention.target {
            Target::Registered(id) => {
                let e = registry.entity(*id);
                (
                    e.slug.clone(),
                    e.kind,
                    e.name_zh.clone(),
                    Some(entity_info(registry, *id)),
                )
            }
            Target::Unregistered { kind, name } => (
                format!("unregistered/{}/{name}", kind.word()),
                *kind,
                name.clone(),
                None,
            ),
        };
        let (task, subtask) = locate(&mention.range);
        let occurrence = Occurrence {
            task,
            subtask,
            printed: text.printed(mention.range.clone()),
            span: text.span(mention.range.clone()),
            evidence: mention.evidence,
        };
        match mentions.iter_mut().find(|m| m.id == id) {
            Some(existing) => existing.occurrences.push(occurrence),
            None => mentions.push(MentionedEntity {
                id,
                kind,
                name,
                entity,
                occurrences: vec![occurrence],
            }),
        }
    }
    let partner_gaps = raw_mentions
        .partner_gaps
        .iter()
        .map(|(gap, list)| {
            let (task, subtask) = locate(&(*gap..gap + 1));
            PartnerGap {
                task,
                subtask,
                span: text.span(*gap..gap + 1),
                list: text.printed(list.clone()),
            }
        })
        .collect();

    let mut seen = HashSet::new();
    agencies_used.retain(|id| seen.insert(*id));
    let agencies: BTreeMap<String, EntityInfo> = agencies_used
        .iter()
        .map(|&id| (registry.entity(id).slug.clone(), entity_info(registry, id)))
        .collect();

    let chrome = [body.chrome_before.clone(), body.chrome_after.clone()]
        .into_iter()
        .flatten()
        .map(|r| text.span(r))
        .collect();
    Ok(Plan {
        source: SourceInfo {
            name: source.name.clone(),
            encoding: source.encoding.to_string(),
            chars: text.original().len(),
        },
        document: Document {
            title: metadata.title.clone().or(body.info.title.clone()),
            title_as_printed: body.info.title.clone(),
            year,
            page_headline: body.info.headline.clone(),
            page_posted: body.info.posted.clone(),
            identifier: metadata.identifier.clone().or(frame.identifier),
            issuer: metadata.issuer.clone().or(frame.issuer),
            issued: metadata.issued.clone().or(frame.issued),
            published: frame.published,
            source_url: metadata.source_url.clone(),
        },
        body: BodyInfo {
            span: text.span(body.range()),
            dropped_duplicate: body.dropped_duplicate.clone().map(|r| text.span(r)),
            chrome,
        },
        preamble: structure.preamble.clone().map(|r| text_span(&text, r)),
        sections: structure
            .sections
            .iter()
            .map(|s| Section {
                number: s.number,
                title: text.printed(s.title.clone()),
                span: text.span(s.range.clone()),
            })
            .collect(),
        tasks,
        agencies,
        mentions,
        partner_gaps,
    })
}

/// What a text without numbered tasks holds instead, for the error message.
fn no_task_report(
    text: &CleanText,
    body: &crate::parse::body::Body,
    structure: &RawStructure,
) -> String {
    let chars = text.chars();
    let mut found = Vec::new();
    if body.paragraphs.is_empty() {
        found.push(
            "no paragraph of plan prose (sentences of 20 or more Chinese characters)".to_string(),
        );
    } else {
        let first = text.location(text.span(body.paragraphs[0].clone()).begin);
        found.push(format!(
            "{} paragraph(s) of prose from line {}",
            body.paragraphs.len(),
            first.line
        ));
    }
    if !structure.sections.is_empty() {
        found.push(format!(
            "{} section heading(s) (一、…) with no task under them",
            structure.sections.len()
        ));
    }
    let mut parentheticals = 0;
    let mut first_at = None;
    for (i, &c) in chars.iter().enumerate() {
        if c == '（' {
            let end = chars[i..]
                .iter()
                .position(|&c| c == '）')
                .map_or(chars.len(), |p| i + p);
            if crate::parse::structure::is_responsibility(&chars[i + 1..end]) {
                parentheticals += 1;
                first_at.get_or_insert(i);
            }
        }
    }
    if let Some(at) = first_at {
        let line = text.location(text.span(at..at + 1).begin).line;
        found.push(format!(
            "{parentheticals} responsibility parenthetical(s), the first on line {line}"
        ));
    }
    format!(
        "no numbered task found (paragraphs starting with （一）, 一、 or 1.); found instead: {}",
        found.join("; ")
    )
}

fn text_span(text: &CleanText, range: Range<usize>) -> TextSpan {
    TextSpan {
        span: text.span(range.clone()),
        text: text.printed(range),
    }
}

fn entity_info(registry: &Registry, id: EntityId) -> EntityInfo {
    let e = registry.entity(id);
    EntityInfo {
        iri: e.iri.clone(),
        kind: e.kind,
        name_zh: e.name_zh.clone(),
        name_en: e.name_en.clone(),
        alt_labels: e.alt_labels.clone(),
        acronym: e.acronym.clone(),
    }
}

/// Task ids: numbers from the outermost task, joined by `.`; prefixed with the section where
/// top-level numbers repeat across sections.
fn task_ids(structure: &RawStructure) -> Vec<String> {
    let top: Vec<u32> = structure
        .tasks
        .iter()
        .filter(|t| t.parent.is_none())
        .map(|t| t.number)
        .collect();
    let unique = top.iter().collect::<HashSet<_>>().len() == top.len();
    let mut ids: Vec<String> = Vec::with_capacity(structure.tasks.len());
    for task in &structure.tasks {
        let id = match task.parent {
            Some(p) => format!("{}.{}", ids[p], task.number),
            None => match (unique, task.section) {
                (false, Some(s)) => format!("s{}.{}", structure.sections[s].number, task.number),
                _ => task.number.to_string(),
            },
        };
        ids.push(id);
    }
    ids
}

/// The innermost task and the subtask holding cleaned range `range`.
fn locate(
    structure: &RawStructure,
    ids: &[String],
    range: &Range<usize>,
) -> (Option<String>, Option<usize>) {
    let holds = |r: &Range<usize>| r.start <= range.start && range.end <= r.end;
    let innermost = structure
        .tasks
        .iter()
        .enumerate()
        .filter(|(_, t)| holds(&t.range))
        .max_by_key(|(_, t)| (t.kind == MarkerKind::Arabic, t.range.start));
    match innermost {
        Some((i, task)) => {
            let subtask = task
                .subtasks
                .iter()
                .position(|s| holds(&s.range))
                .map(|k| k + 1);
            (Some(ids[i].clone()), subtask)
        }
        None => (None, None),
    }
}

/// The cleaned range of the plan's own title (its first 《…》 in the opening paragraph).
fn title_range(text: &CleanText, paragraphs: &[Range<usize>]) -> Option<Range<usize>> {
    let first = paragraphs.first()?;
    let chars = text.chars();
    let open = (first.start..first.end).find(|&i| chars[i] == '《')?;
    let close = (open..first.end).find(|&i| chars[i] == '》')?;
    Some(open..close + 1)
}

/// The graph of one or more plans.
#[derive(Debug, Clone)]
pub struct PlanGraph {
    /// All quads: each plan in its named graph, reference data in `<base>reference`.
    pub quads: Vec<oxigraph::model::Quad>,
    /// The plans' IRIs, in input order.
    pub plan_iris: Vec<String>,
}

/// Parses each source and maps it to RDF (see [`crate::graph::mapping`]).
pub fn build_graph(
    sources: &[SourceText],
    registry: &Registry,
    metadata: &UserMetadata,
    options: &crate::graph::mapping::MappingOptions,
) -> Result<PlanGraph> {
    crate::rdf::iri::check_base(&options.base)?;
    let mut graph = PlanGraph {
        quads: Vec::new(),
        plan_iris: Vec::new(),
    };
    for source in sources {
        let plan = parse(source, registry, metadata)?;
        let iri = crate::graph::mapping::plan_iri(&plan, options)?;
        if graph.plan_iris.contains(&iri.as_str().to_string()) {
            return Err(Error::new(
                &source.name,
                format!("another input has the same plan IRI <{iri}> (give each a --plan-id, one input at a time)"),
            ));
        }
        graph
            .quads
            .extend(crate::graph::mapping::map_plan(&plan, registry, options)?);
        graph.plan_iris.push(iri.into_string());
    }
    // Plans share reference data, and a subtask may name an entity twice: keep one of each.
    crate::export::sort_quads(&mut graph.quads);
    graph.quads.dedup();
    Ok(graph)
}
