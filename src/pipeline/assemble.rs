//! Assembling the model from the stages' raw output: ranges of the cleaned text become spans of
//! the original and text as printed, registry ids become [`EntitySlug`]s with the entities'
//! descriptions, and mentions are grouped by entity with every occurrence located in its task
//! and subtask.

use crate::model::*;
use crate::parse::body::Body;
use crate::parse::frame::FrameInfo;
use crate::parse::label_lines::parse_label_lines;
use crate::parse::officials::RawOfficial;
use crate::parse::responsibility::{parse_parenthetical, RawSlot};
use crate::parse::rules::apply_rules;
use crate::parse::structure::{RawStructure, RawSubtask, RawTask};
use crate::parse::table::parse_table_row;
use crate::parse::title::PrintedTitle;
use crate::pipeline::UserMetadata;
use crate::rdf::iri::segment;
use crate::read::{CleanText, SourceText};
use crate::resolve::citations::RawCitation;
use crate::resolve::conjunction::split_conjoined;
use crate::resolve::mentions::{RawMention, RawPartnerGap, Target};
use crate::resolve::names::match_key;
use crate::resolve::registry::EntityId;
use crate::resolve::{local_level, InferredPeriod, Registry, Resolver, When};
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

/// The model of one plan under construction: the cleaned text and structure it comes from, the
/// registry its names resolve against, and the agencies its slots have named so far.
pub struct Assembly<'a> {
    text: &'a CleanText,
    structure: &'a RawStructure,
    registry: &'a Registry,
    /// Resolves names in the plan's time (only bodies of that time are candidates for a name),
    /// each distinct name once.
    resolver: Resolver<'a>,
    /// Each task's id, by index in `structure.tasks`.
    ids: Vec<String>,
    /// Every agency a slot resolved to or listed as a candidate, in first-seen order.
    agencies_used: Vec<EntityId>,
    /// Every agency a slot names in full (its official or another registered name).
    named_in_full: Vec<EntityId>,
}

impl<'a> Assembly<'a> {
    /// Starts assembling the plan of `text` with its `structure`.
    pub fn new(
        text: &'a CleanText,
        structure: &'a RawStructure,
        registry: &'a Registry,
        when: When,
    ) -> Self {
        Assembly {
            text,
            structure,
            registry,
            resolver: Resolver::new(registry, when),
            ids: task_ids(structure),
            agencies_used: Vec::new(),
            named_in_full: Vec::new(),
        }
    }

    /// The tasks, each subtask's parenthetical parsed and its names resolved.
    pub fn tasks(&mut self) -> Vec<Task> {
        let structure = self.structure;
        structure
            .tasks
            .iter()
            .enumerate()
            .map(|(i, raw)| self.task(i, raw))
            .collect()
    }

    fn task(&mut self, index: usize, raw: &RawTask) -> Task {
        let text = self.text;
        Task {
            id: self.ids[index].clone(),
            number: raw.number,
            marker: raw.kind,
            section: raw.section.map(|s| self.structure.sections[s].number),
            parent: raw.parent.map(|p| self.ids[p].clone()),
            title: text.printed(raw.title.clone()),
            span: text.span(raw.range.clone()),
            text: text.printed(raw.range.clone()),
            subtasks: raw
                .subtasks
                .iter()
                .enumerate()
                .map(|(k, sub)| self.subtask(k + 1, sub))
                .collect(),
            unassigned: raw.unassigned.clone().map(|r| self.text_span(r)),
        }
    }

    fn subtask(&mut self, ordinal: usize, sub: &RawSubtask) -> Subtask {
        let text = self.text;
        let parsed = match (&sub.table, sub.form) {
            (Some(table), _) => {
                parse_table_row(text.chars(), table.header.clone(), table.row.clone())
            }
            (None, AssignmentForm::LabelLines) => {
                parse_label_lines(text.chars(), sub.parenthetical.clone())
            }
            (None, _) => {
                // The content between the brackets; a parenthetical cut off has no closing one.
                let inner_end = sub.parenthetical.end - usize::from(!sub.incomplete);
                parse_parenthetical(text.chars(), sub.parenthetical.start + 1..inner_end)
            }
        };
        let ruled = apply_rules(
            &self.structure.rules,
            text.chars(),
            &sub.parenthetical,
            sub.table.is_some(),
            parsed.slots,
        );
        let raw_slots = self.split_conjoined(&ruled);
        Subtask {
            ordinal,
            span: text.span(sub.range.clone()),
            text: text.printed(sub.clauses.clone()),
            heading: sub.heading.clone().map(|h| text.printed(h)),
            parenthetical: Parenthetical {
                form: sub.form,
                span: text.span(sub.parenthetical.clone()),
                printed: text.printed(sub.parenthetical.clone()),
                open_list: parsed.open_list,
                incomplete: sub.incomplete,
                slots: raw_slots.iter().map(|slot| self.slot(slot)).collect(),
                deadline: parsed.deadline.map(|d| Deadline {
                    printed: text.printed(d.range.clone()),
                    span: text.span(d.range),
                    date: d.date,
                }),
            },
        }
    }

    /// The slots with each name that joins several with 及 / 和 / 与 / 以及 split into one slot
    /// per name (see [`split_conjoined`]), numbered again in printed order.
    fn split_conjoined(&self, slots: &[RawSlot]) -> Vec<RawSlot> {
        let mut out: Vec<RawSlot> = Vec::with_capacity(slots.len());
        for slot in slots {
            let parts = (!slot.is_empty())
                .then(|| split_conjoined(&self.resolver, &self.text.text(slot.name.clone())))
                .flatten();
            let ranges = match parts {
                Some(parts) => parts
                    .into_iter()
                    .map(|p| slot.name.start + p.start..slot.name.start + p.end)
                    .collect(),
                None => vec![slot.name.clone()],
            };
            for name in ranges {
                out.push(RawSlot {
                    position: out.len() + 1,
                    name,
                    ..slot.clone()
                });
            }
        }
        out
    }

    /// A slot with its printed name resolved against the registry.
    fn slot(&mut self, slot: &RawSlot) -> Slot {
        let printed = (!slot.is_empty()).then(|| self.text.printed(slot.name.clone()));
        let resolution = self.resolver.resolve(printed.as_deref());
        self.agencies_used
            .extend(resolution.agency.iter().chain(&resolution.candidates));
        if matches!(resolution.outcome, Outcome::Exact | Outcome::Alias) {
            self.named_in_full.extend(resolution.agency);
        }
        let level = match (resolution.outcome, printed.as_deref()) {
            (Outcome::Local, Some(name)) => local_level(name).map(str::to_string),
            _ => None,
        };
        Slot {
            position: slot.position,
            role: slot.role,
            printed_name: printed,
            span: self.text.span(slot.name.clone()),
            resolution: resolution.outcome,
            agency: resolution.agency.map(|id| self.slug(id)),
            candidates: resolution
                .candidates
                .iter()
                .map(|&id| self.slug(id))
                .collect(),
            level,
            label: slot.label.clone().map(|l| self.text.printed(l)),
            rule: slot.rule.clone().map(|r| TextSpan {
                span: self.text.span(r.clone()),
                text: self.text.printed(r),
            }),
        }
    }

    /// The agencies the slots resolved so far name in full: what a plan's period is inferred from.
    pub fn named_in_full(&self) -> &[EntityId] {
        &self.named_in_full
    }

    /// The model of an inferred `period`, with the slots of `tasks` it resolved (those that
    /// resolve differently in `unknown_time`, the same plan's tasks assembled without it).
    pub fn inferred_period(
        &mut self,
        period: &InferredPeriod,
        tasks: &[Task],
        unknown_time: &[Task],
    ) -> crate::model::InferredPeriod {
        let mut resolved_within = Vec::new();
        for (task, before) in tasks.iter().zip(unknown_time) {
            for (sub, sub_before) in task.subtasks.iter().zip(&before.subtasks) {
                let slots = &sub.parenthetical.slots;
                for (slot, slot_before) in slots.iter().zip(&sub_before.parenthetical.slots) {
                    if (slot.resolution, &slot.agency)
                        != (slot_before.resolution, &slot_before.agency)
                    {
                        resolved_within.push(SlotRef {
                            task: task.id.clone(),
                            subtask: sub.ordinal,
                            position: slot.position,
                        });
                    }
                }
            }
        }
        // The bounding bodies are described in the plan, so the graph can name them.
        self.agencies_used
            .extend(period.from_bodies.iter().chain(&period.until_bodies));
        crate::model::InferredPeriod {
            from: period.from,
            until: period.until,
            inferred: true,
            from_bodies: period.from_bodies.iter().map(|&id| self.slug(id)).collect(),
            until_bodies: period
                .until_bodies
                .iter()
                .map(|&id| self.slug(id))
                .collect(),
            bodies_named: period.named.len(),
            resolved_within,
        }
    }

    /// Every agency the slots named, by slug.
    pub fn agencies(&self) -> BTreeMap<EntitySlug, EntityInfo> {
        let mut seen = HashSet::new();
        self.agencies_used
            .iter()
            .filter(|id| seen.insert(**id))
            .map(|&id| (self.slug(id), entity_info(self.registry, id)))
            .collect()
    }

    /// The sections, with their headings as printed.
    pub fn sections(&self) -> Vec<Section> {
        self.structure
            .sections
            .iter()
            .map(|s| Section {
                number: s.number,
                title: self.text.printed(s.title.clone()),
                span: self.text.span(s.range.clone()),
            })
            .collect()
    }

    /// The mentions grouped by entity, in order of first occurrence.
    pub fn mentions(&self, found: &[RawMention]) -> Vec<MentionedEntity> {
        let mut mentions: Vec<MentionedEntity> = Vec::new();
        for mention in found {
            let (id, kind, name, entity) = match &mention.target {
                Target::Registered(id) => {
                    let e = self.registry.entity(*id);
                    let info = entity_info(self.registry, *id);
                    (
                        EntitySlug::new(&e.slug),
                        e.kind,
                        e.name_zh.clone(),
                        Some(info),
                    )
                }
                Target::Unregistered { kind, key, name } => (
                    unregistered_id(*kind, key),
                    *kind,
                    name.iter().map(|r| self.text.printed(r.clone())).collect(),
                    None,
                ),
            };
            let (task, subtask) = self.locate(&mention.range);
            let occurrence = Occurrence {
                task,
                subtask,
                printed: self.text.printed(mention.range.clone()),
                span: self.text.span(mention.range.clone()),
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
        mentions
    }

    /// The cited work plans, one per title (compared by match key), in order of first citation.
    pub fn cited_plans(&self, found: &[RawCitation]) -> Vec<CitedPlan> {
        let mut cited: Vec<(String, CitedPlan)> = Vec::new();
        for citation in found {
            let key = match_key(&self.text.text(citation.title.clone()));
            let (task, subtask) = self.locate(&citation.range);
            let occurrence = Occurrence {
                task,
                subtask,
                printed: self.text.printed(citation.range.clone()),
                span: self.text.span(citation.range.clone()),
                evidence: Evidence::Marked,
            };
            match cited.iter_mut().find(|(k, _)| *k == key) {
                Some((_, plan)) => {
                    plan.occurrences.push(occurrence);
                    plan.relation = plan.relation.min(citation.relation);
                }
                None => cited.push((
                    key,
                    CitedPlan {
                        title: self.text.printed(citation.title.clone()),
                        relation: citation.relation,
                        occurrences: vec![occurrence],
                    },
                )),
            }
        }
        cited.into_iter().map(|(_, plan)| plan).collect()
    }

    /// The officials, located in their tasks.
    pub fn officials(&self, found: &[RawOfficial]) -> Vec<Official> {
        found
            .iter()
            .map(|o| Official {
                name: self.text.printed(o.name.clone()),
                word: self.text.printed(o.word.clone()),
                task: self.locate(&o.name).0,
                span: self.text.span(o.name.clone()),
            })
            .collect()
    }

    /// The partner gaps, located in their tasks.
    pub fn partner_gaps(&self, found: &[RawPartnerGap]) -> Vec<PartnerGap> {
        found
            .iter()
            .map(|gap| {
                let at = gap.at..gap.at + 1;
                let (task, subtask) = self.locate(&at);
                PartnerGap {
                    task,
                    subtask,
                    span: self.text.span(at),
                    list: self.text.printed(gap.list.clone()),
                }
            })
            .collect()
    }

    /// A cleaned range as a span with its printed text.
    pub fn text_span(&self, range: Range<usize>) -> TextSpan {
        TextSpan {
            span: self.text.span(range.clone()),
            text: self.text.printed(range),
        }
    }

    fn slug(&self, id: EntityId) -> EntitySlug {
        EntitySlug::new(&self.registry.entity(id).slug)
    }

    /// The innermost task and the subtask holding cleaned range `range`.
    fn locate(&self, range: &Range<usize>) -> (Option<String>, Option<usize>) {
        let holds = |r: &Range<usize>| r.start <= range.start && range.end <= r.end;
        let innermost = self
            .structure
            .tasks
            .iter()
            .enumerate()
            .filter(|(_, t)| holds(&t.range))
            // Of the tasks holding it, the one starting last is the innermost.
            .max_by_key(|(_, t)| t.range.start);
        match innermost {
            Some((i, task)) => {
                let subtask = task
                    .subtasks
                    .iter()
                    .position(|s| holds(&s.range))
                    .map(|k| k + 1);
                (Some(self.ids[i].clone()), subtask)
            }
            None => (None, None),
        }
    }
}

/// The input as the model describes it.
pub fn source_info(source: &SourceText, text: &CleanText) -> SourceInfo {
    SourceInfo {
        name: source.name.clone(),
        encoding: source.encoding.to_string(),
        chars: text.original().len(),
        format: source.format.name().to_string(),
        extraction: source.notes.clone(),
    }
}

/// The document's metadata: the user's, else what the text prints.
pub fn document(
    body: &Body,
    title: Option<PrintedTitle>,
    year: Option<i32>,
    frame: FrameInfo,
    metadata: &UserMetadata,
) -> Document {
    let printed = title.map(|t| t.title);
    Document {
        title: metadata.title.clone().or(printed.clone()),
        title_as_printed: printed,
        year,
        page_headline: body.info.headline.clone(),
        page_posted: body.info.posted.clone(),
        identifier: metadata.identifier.clone().or(frame.identifier),
        issuer: metadata.issuer.clone().or(frame.issuer),
        issued: metadata.issued.clone().or(frame.issued),
        published: frame.published,
        source_url: metadata.source_url.clone(),
        inferred_period: None,
    }
}

/// Where the body is, and what was dropped around it.
pub fn body_info(text: &CleanText, body: &Body) -> BodyInfo {
    let chrome = [body.chrome_before.clone(), body.chrome_after.clone()]
        .into_iter()
        .flatten()
        .map(|r| text.span(r))
        .collect();
    BodyInfo {
        span: text.span(body.range()),
        dropped_duplicate: body.dropped_duplicate.clone().map(|r| text.span(r)),
        chrome,
    }
}

/// The cleaned range from the first task's start to the end of the last subtask: where the
/// plan's work is, and so where no title or frame metadata is read.
pub fn task_extent(structure: &RawStructure) -> Range<usize> {
    let start = structure.tasks.first().map_or(0, |t| t.range.start);
    let end = structure
        .tasks
        .iter()
        .map(|t| t.subtasks.last().map_or(t.title.end, |s| s.range.end))
        .max()
        .unwrap_or(start);
    start..end.max(start)
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

/// The identifier of a name the registry lacks, relative to the graph's base like a registry
/// slug: `campaign/unregistered/<key>`, `instrument/unregistered/<key>`. The key, not the
/// printing, so two printings of one name are one entity.
fn unregistered_id(kind: EntityKind, key: &str) -> EntitySlug {
    EntitySlug::new(&format!("{}/unregistered/{}", kind.word(), segment(key)))
}

/// Task ids: numbers from the outermost task, joined by `.`; prefixed with the section where
/// top-level numbers repeat across sections.
fn task_ids(structure: &RawStructure) -> Vec<String> {
    let top: Vec<u32> = structure
        .tasks
        .iter()
        .filter(|t| t.parent.is_none() && t.kind != MarkerKind::Unnumbered)
        .map(|t| t.number)
        .collect();
    let unique = top.iter().collect::<HashSet<_>>().len() == top.len();
    let mut ids: Vec<String> = Vec::with_capacity(structure.tasks.len());
    for task in &structure.tasks {
        let id = match task.parent {
            // An unnumbered item is named by its place among them: `u1`, `u2`.
            _ if task.kind == MarkerKind::Unnumbered => format!("u{}", task.number),
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
