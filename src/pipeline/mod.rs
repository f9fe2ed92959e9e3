//! The parse pipeline: a decoded source through every stage to a [`Plan`]. Each stage is its
//! own module; this one only calls them in order. Turning the stages' raw output (ranges of the
//! cleaned text, registry ids) into the model's values is [`assemble`]'s job.

mod assemble;
mod no_tasks;

use crate::error::{Error, Result};
use crate::model::{Document, Plan};
use crate::parse::body::find_body;
use crate::parse::frame::{lines_outside, read_frame};
use crate::parse::officials::find_officials;
use crate::parse::structure::find_structure;
use crate::parse::title::{find_title, year_of};
use crate::parse::unread::unread_assignments;
use crate::rdf::lexical::is_valid_lexical_form;
use crate::rdf::vocab::XSD;
use crate::read::{CleanText, SourceText};
use crate::resolve::citations::find_cited_plans;
use crate::resolve::mentions::find_mentions;
use crate::resolve::{InferredPeriod, Registry, When};
use assemble::Assembly;

/// The name of the bundled 2017 plan.
pub const BUNDLED_PLAN_NAME: &str = "bundled:2017-national-plan.txt";
/// The bundled 2017 plan, as scraped (the default input).
pub const BUNDLED_PLAN: &str = include_str!("../bundled/2017-national-plan.txt");

/// The bundled 2017 plan as a decoded source.
pub fn bundled_plan() -> SourceText {
    SourceText::plain(BUNDLED_PLAN_NAME, BUNDLED_PLAN)
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
    /// The plan's year, where its title prints none.
    pub year: Option<i32>,
    /// Where the text comes from.
    pub source_url: Option<String>,
}

impl UserMetadata {
    /// Checks the values that become typed literals or IRIs: `issued` must be a calendar date
    /// written `YYYY-MM-DD` (so `2017-13-45` and `2017-02-29` are refused), `source_url` an
    /// absolute IRI.
    pub fn check(&self) -> Result<()> {
        if let Some(url) = &self.source_url {
            if let Err(e) = iri_string::types::IriStr::new(url) {
                return Err(Error::new(
                    "--source-url",
                    format!("{url:?} is not an absolute IRI: {e}"),
                ));
            }
        }
        if let Some(issued) = &self.issued {
            let written =
                issued.len() == 10 && issued.as_bytes()[4] == b'-' && issued.as_bytes()[7] == b'-';
            if !written || !is_valid_lexical_form(&format!("{XSD}date"), issued) {
                return Err(Error::new(
                    "--issued",
                    format!("{issued:?} is not a date YYYY-MM-DD"),
                ));
            }
        }
        Ok(())
    }
}

/// Parses a decoded source into a [`Plan`]. Fails when the text holds no numbered task, or when
/// the user's `metadata` does not [check](UserMetadata::check).
pub fn parse(source: &SourceText, registry: &Registry, metadata: &UserMetadata) -> Result<Plan> {
    metadata.check()?;
    // Reading: normalised text with its map back to the original.
    let text = CleanText::of(source);
    // Parsing: the body, then its sections, tasks and subtasks; the notice frame's metadata.
    let body = find_body(&text);
    let structure = find_structure(text.chars(), &body.paragraphs);
    if structure.tasks.is_empty() {
        let report = no_tasks::report(&text, &body, &structure);
        return Err(Error::new(&source.name, report));
    }
    // The title and the frame's metadata, from where they are printed: never from a task.
    let tasks = assemble::task_extent(&structure);
    let title = find_title(&text, 0..tasks.start);
    let mut inside = vec![text.span(tasks)];
    inside.extend(body.dropped_duplicate.clone().map(|r| text.span(r)));
    let frame = read_frame(lines_outside(&source.text, &inside));
    // The user's year; else the one the user's title names, or the printed title; else the
    // year of the date issued.
    let issued_year = || {
        let issued = metadata.issued.as_ref().or(frame.issued.as_ref())?;
        issued.get(..4)?.parse().ok()
    };
    let year = metadata
        .year
        .or_else(|| metadata.title.as_deref().and_then(year_of))
        .or_else(|| title.as_ref().and_then(|t| year_of(&t.title)))
        .or_else(issued_year);
    // Responsibilities and resolution: each subtask's parenthetical, slot by slot.
    let mut assembly = Assembly::new(&text, &structure, registry, year.into());
    let mut tasks = assembly.tasks();
    // No year: the bodies named in full bound the years the plan can be from; names are
    // resolved again within them, and the period is reported as inferred.
    let mut inferred_period = None;
    if year.is_none() {
        if let Some(period) = InferredPeriod::infer(registry, assembly.named_in_full()) {
            let unknown_time = tasks;
            assembly = Assembly::new(&text, &structure, registry, When::Inferred(period.clone()));
            tasks = assembly.tasks();
            inferred_period = Some(assembly.inferred_period(&period, &tasks, &unknown_time));
        }
    }
    // Mentions: campaigns, instruments and partners anywhere in the body but the plan's title.
    let own_title = title.as_ref().map(|t| t.cleaned.as_str());
    let found = find_mentions(text.chars(), body.range(), own_title, registry);
    let mentions = assembly.mentions(&found.mentions);
    let partner_gaps = assembly.partner_gaps(&found.partner_gaps);
    let cited_plans =
        assembly.cited_plans(&find_cited_plans(text.chars(), body.range(), own_title));
    // Officials, never slots; and what prints an assignment but was not read.
    let officials = assembly.officials(&find_officials(text.chars(), body.range(), &structure));
    let unread = unread_assignments(text.chars(), &body.paragraphs, &structure)
        .into_iter()
        .map(|r| assembly.text_span(r))
        .collect();
    Ok(Plan {
        source: assemble::source_info(source, &text),
        document: Document {
            inferred_period,
            ..assemble::document(&body, title, year, frame, metadata)
        },
        body: assemble::body_info(&text, &body),
        preamble: structure.preamble.clone().map(|r| assembly.text_span(r)),
        sections: assembly.sections(),
        tasks,
        agencies: assembly.agencies(),
        mentions,
        partner_gaps,
        cited_plans,
        officials,
        unread,
    })
}
