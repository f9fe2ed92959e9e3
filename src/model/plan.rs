//! The plan and its parts, as parsed.

use super::{
    AssignmentForm, EntityKind, EntitySlug, Evidence, MarkerKind, Outcome, PlanRelation, Role, Span,
};
use serde::Serialize;
use std::collections::BTreeMap;

/// A parsed plan.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    /// The input it was parsed from.
    pub source: SourceInfo,
    /// What is known about the document, from the text and from the user.
    pub document: Document,
    /// Where the body is, and what was dropped around it.
    pub body: BodyInfo,
    /// Text before the first section or task (the notice, the guiding ideas).
    pub preamble: Option<TextSpan>,
    /// Sections (`一、…`), where the plan has them.
    pub sections: Vec<Section>,
    /// Tasks in document order (groups before the tasks they hold).
    pub tasks: Vec<Task>,
    /// Every agency a slot resolves to or lists as a candidate, by slug.
    pub agencies: BTreeMap<EntitySlug, EntityInfo>,
    /// Campaigns, legal instruments and partners mentioned, one entry per entity.
    pub mentions: Vec<MentionedEntity>,
    /// Empty items in lists of partner pairs (`中欧、、中巴(西)`): a partner was named there.
    pub partner_gaps: Vec<PartnerGap>,
    /// Other work plans the text cites by title, one entry per title.
    pub cited_plans: Vec<CitedPlan>,
    /// The officials the plan names (`分管领导` columns, `分管区领导：王建国`): persons as printed,
    /// never slots, never resolved.
    pub officials: Vec<Official>,
    /// Paragraphs that print an assignment plangraph did not read (an assigning word outside
    /// every assignment it read): reported so nothing is dropped in silence.
    pub unread: Vec<TextSpan>,
}

/// An official a plan names, as printed.
#[derive(Debug, Clone, Serialize)]
pub struct Official {
    /// The name or title as printed (`王建国`, `李副县长`).
    pub name: String,
    /// The word naming the role, as printed (`分管区领导`, `责任领导`).
    pub word: String,
    /// The innermost task holding it, if any.
    pub task: Option<String>,
    /// Where the name is.
    pub span: Span,
}

/// The input a plan was parsed from.
#[derive(Debug, Clone, Serialize)]
pub struct SourceInfo {
    /// File path, `<stdin>`, or the bundled document's name.
    pub name: String,
    /// The encoding it was decoded from.
    pub encoding: String,
    /// Its length in code points (for a page or document: of the text extracted from it).
    pub chars: usize,
    /// What kind of file it is: `text`, `html`, `pdf` or `docx`. For the last three, spans
    /// count code points in the extracted text (`plangraph text` prints it).
    pub format: String,
    /// What reading did to get the text from a page or document.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extraction: Vec<String>,
}

/// Document metadata: what the text says, and what the user supplied.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Document {
    /// The title: the user's `--title`, else the title as printed.
    pub title: Option<String>,
    /// The title as printed where a notice publishes it or a heading line prints it.
    pub title_as_printed: Option<String>,
    /// The plan's year (from its title).
    pub year: Option<i32>,
    /// The web page's headline, when the text is a scraped page.
    pub page_headline: Option<String>,
    /// When the page was posted (ISO 8601).
    pub page_posted: Option<String>,
    /// Document number such as 国办发〔2017〕46号 (`--identifier`, else as the notice prints it).
    pub identifier: Option<String>,
    /// Issuing body (`--issuer`, else from the notice or the portal's metadata).
    pub issuer: Option<String>,
    /// Date signed, ISO 8601 (`--issued`, else the notice's date or 成文日期).
    pub issued: Option<String>,
    /// Date published, ISO 8601 (a portal's 发布日期).
    pub published: Option<String>,
    /// Where the text was taken from (`--source-url`).
    pub source_url: Option<String>,
    /// For a text that prints no year (and was given none): the years it can be from, inferred
    /// from the bodies it names. Never a printed fact, and never made its `year`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inferred_period: Option<InferredPeriod>,
}

/// The years a plan without a printed year can be from: those in which every body it names in
/// full existed together (and, at a reorganisation, on the same side of it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InferredPeriod {
    /// The first year (`None`: no named body has a first year).
    pub from: Option<i32>,
    /// The last year (`None`: no named body has a last year).
    pub until: Option<i32>,
    /// Always `true`: the text does not print this period.
    pub inferred: bool,
    /// The named bodies whose first year is `from`.
    pub from_bodies: Vec<EntitySlug>,
    /// The named bodies whose last year is `until`.
    pub until_bodies: Vec<EntitySlug>,
    /// How many bodies named in full (exact or registered other names) it rests on.
    pub bodies_named: usize,
    /// The slots whose name resolves only within the period (it fits several bodies over all
    /// the years), each as task id, subtask ordinal and slot position.
    pub resolved_within: Vec<SlotRef>,
}

impl InferredPeriod {
    /// The period as written in messages: `2013–2018`, `from 2014`, `until 2018`.
    pub fn years(&self) -> String {
        match (self.from, self.until) {
            (Some(from), Some(until)) if from == until => from.to_string(),
            (Some(from), Some(until)) => format!("{from}–{until}"),
            (Some(from), None) => format!("from {from}"),
            (None, Some(until)) => format!("until {until}"),
            (None, None) => "any year".into(),
        }
    }
}

/// A slot, by where it is in the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SlotRef {
    /// The task's id.
    pub task: String,
    /// The subtask's ordinal.
    pub subtask: usize,
    /// The slot's position in its parenthetical.
    pub position: usize,
}

/// Where the body lies in the input.
#[derive(Debug, Clone, Serialize)]
pub struct BodyInfo {
    /// The kept copy of the body.
    pub span: Span,
    /// A second printed copy of the body, dropped.
    pub dropped_duplicate: Option<Span>,
    /// Page chrome dropped before and after the body.
    pub chrome: Vec<Span>,
}

/// A span with its printed text.
#[derive(Debug, Clone, Serialize)]
pub struct TextSpan {
    /// Where.
    pub span: Span,
    /// The text as printed.
    pub text: String,
}

/// A section heading.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// Its printed number (三、 → 3).
    pub number: u32,
    /// Its heading.
    pub title: String,
    /// The whole section.
    pub span: Span,
}

/// A numbered task.
#[derive(Debug, Clone, Serialize)]
pub struct Task {
    /// A stable identifier within the plan: numbers joined by `.` from the outermost task (`13`,
    /// `2.1`), prefixed by `s<section>.` where task numbers restart in each section.
    pub id: String,
    /// The number printed at its own level ((十三) → 13).
    pub number: u32,
    /// How it is numbered.
    pub marker: MarkerKind,
    /// The number of its section, if any.
    pub section: Option<u32>,
    /// The id of the task (group) it belongs to, if any.
    pub parent: Option<String>,
    /// Its first sentence, without the final 。.
    pub title: String,
    /// The whole task, marker included.
    pub span: Span,
    /// Its text as printed.
    pub text: String,
    /// Its subtasks in order.
    pub subtasks: Vec<Subtask>,
    /// Clauses after its last responsibility parenthetical: no agency is named for them.
    pub unassigned: Option<TextSpan>,
}

/// A run of clauses ending in one responsibility parenthetical.
#[derive(Debug, Clone, Serialize)]
pub struct Subtask {
    /// 1-based place in its task.
    pub ordinal: usize,
    /// Clauses and parenthetical.
    pub span: Span,
    /// The clauses as printed (without the parenthetical or a run-in heading).
    pub text: String,
    /// A run-in heading opening the subtask's paragraph (plans from 2021 print them inside
    /// （一） groups: `互联网领域侵权假冒治理。…`).
    pub heading: Option<String>,
    /// The parenthetical.
    pub parenthetical: Parenthetical,
}

/// A responsibility parenthetical, or the label lines that stand for one.
#[derive(Debug, Clone, Serialize)]
pub struct Parenthetical {
    /// How it is printed: in brackets, or as label lines.
    pub form: AssignmentForm,
    /// Where, brackets included (for label lines: from the first label to the end of the last
    /// line).
    pub span: Span,
    /// As printed, brackets included (for label lines: the lines, with their breaks).
    pub printed: String,
    /// Whether a list in it ends in 等: more agencies share the work than it names.
    pub open_list: bool,
    /// Whether it was cut off before its closing bracket.
    pub incomplete: bool,
    /// Its slots in printed order.
    pub slots: Vec<Slot>,
    /// When the work is due, where the parenthetical says (`2021年底前完成`, `年内持续推进`).
    pub deadline: Option<Deadline>,
}

/// A deadline a parenthetical prints: a fact of its own, never a slot.
#[derive(Debug, Clone, Serialize)]
pub struct Deadline {
    /// As printed (`2021年底前完成`).
    pub printed: String,
    /// Where.
    pub span: Span,
    /// The due date, ISO 8601, only where the text prints it with its year (`2021年底前` →
    /// `2021-12-31`, `2022年6月底前` → `2022-06-30`); `None` for `年内`, `2022年6月前`.
    pub date: Option<String>,
}

/// One slot of a parenthetical.
#[derive(Debug, Clone, Serialize)]
pub struct Slot {
    /// 1-based place in the parenthetical, leads and empty slots included.
    pub position: usize,
    /// Lead, responsible or supporting.
    pub role: Role,
    /// The name as printed; `None` for an empty slot.
    pub printed_name: Option<String>,
    /// The printed name's span (empty, at the gap, for an empty slot).
    pub span: Span,
    /// How the name was resolved.
    pub resolution: Outcome,
    /// The agency, when one is certain (a key of [`Plan::agencies`]).
    pub agency: Option<EntitySlug>,
    /// The agencies an ambiguous name may stand for (keys of [`Plan::agencies`]).
    pub candidates: Vec<EntitySlug>,
    /// For a local unit (`resolution` local): its level (`province`, `prefecture`,
    /// `municipal`, `county` (a district's units too), `development zone`, `customs district`,
    /// `township` (a town's or sub-district's units too)).
    pub level: Option<String>,
    /// The label or role word the parenthetical prints for the slot's role, as printed
    /// (`牵头单位`, `责任单位`, `配合单位`, `配合`, `指导`); `None` for the plain verbs (牵头,
    /// 负责, 按职责分工负责).
    pub label: Option<String>,
    /// The rule the document states that gave the slot its role (`列第一位的为牵头单位`), as
    /// printed with its span; `None` where the printed word (or none) gave it.
    pub rule: Option<TextSpan>,
}

/// A registry entity as the output describes it.
#[derive(Debug, Clone, Serialize)]
pub struct EntityInfo {
    /// Its IRI.
    pub iri: String,
    /// What kind of entity.
    pub kind: EntityKind,
    /// Full official Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: Option<String>,
    /// Other names and short forms.
    pub alt_labels: Vec<String>,
    /// Acronym.
    pub acronym: Option<String>,
}

/// A campaign, legal instrument or partner and every place the plan names it.
#[derive(Debug, Clone, Serialize)]
pub struct MentionedEntity {
    /// The registry slug, or `<kind>/unregistered/<key>` for a name the registry lacks: the
    /// entity's IRI relative to the graph's base, whichever it is.
    pub id: EntitySlug,
    /// What kind of entity.
    pub kind: EntityKind,
    /// Its name: the registry's official name, or the name as first printed (without the
    /// 《》 or quotation marks around it).
    pub name: String,
    /// The registry's description, when registered.
    pub entity: Option<EntityInfo>,
    /// Where the plan names it, in text order.
    pub occurrences: Vec<Occurrence>,
}

/// One place a mention occurs.
#[derive(Debug, Clone, Serialize)]
pub struct Occurrence {
    /// The id of the innermost task holding it (`None` in the preamble).
    pub task: Option<String>,
    /// The ordinal of the subtask holding it, if any.
    pub subtask: Option<usize>,
    /// As printed.
    pub printed: String,
    /// Where.
    pub span: Span,
    /// How it was found.
    pub evidence: Evidence,
}

/// A work plan the text cites by its title (`根据《2022年全国…工作要点》`).
#[derive(Debug, Clone, Serialize)]
pub struct CitedPlan {
    /// The title as first printed, without the 《》.
    pub title: String,
    /// Based on, where any citing sentence says the plan implements it; else references.
    pub relation: PlanRelation,
    /// Where the text cites it (the evidence is always `marked`).
    pub occurrences: Vec<Occurrence>,
}

/// An empty item in a list of partner pairs.
#[derive(Debug, Clone, Serialize)]
pub struct PartnerGap {
    /// The task holding it.
    pub task: Option<String>,
    /// The subtask holding it.
    pub subtask: Option<usize>,
    /// Where the gap is (the separator after the deleted name).
    pub span: Span,
    /// The printed list around it.
    pub list: String,
}

impl Plan {
    /// The task with identifier `id`.
    pub fn task(&self, id: &str) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
    }

    /// The description of the agency a slot names, when one is certain.
    pub fn agency(&self, slot: &Slot) -> Option<&EntityInfo> {
        slot.agency
            .as_ref()
            .and_then(|slug| self.agencies.get(slug))
    }

    /// The descriptions of the agencies an ambiguous slot may stand for.
    pub fn candidates<'a>(&'a self, slot: &'a Slot) -> impl Iterator<Item = &'a EntityInfo> {
        slot.candidates
            .iter()
            .filter_map(|slug| self.agencies.get(slug))
    }

    /// Every slot of the plan with its task and subtask.
    pub fn slots(&self) -> impl Iterator<Item = (&Task, &Subtask, &Slot)> {
        self.tasks.iter().flat_map(|t| {
            t.subtasks
                .iter()
                .flat_map(move |s| s.parenthetical.slots.iter().map(move |slot| (t, s, slot)))
        })
    }
}
