//! The parsed plan: the documented data model that `plangraph parse --format json` prints and
//! that the RDF mapping reads. The model owns its types: the stages produce them, and depend on
//! this module, not on each other, for them.
//!
//! All spans are code point offsets `[begin, end)` in the decoded original input. Text fields
//! are the text as printed, with layout noise (PDF line breaks, page markers, stray spaces)
//! left out.

mod plan;
mod slug;
mod span;
mod terms;

pub use plan::{
    BodyInfo, CitedPlan, Deadline, Document, EntityInfo, InferredPeriod, MentionedEntity,
    Occurrence, Official, Parenthetical, PartnerGap, Plan, Section, Slot, SlotRef, SourceInfo,
    Subtask, Task, TextSpan,
};
pub use slug::EntitySlug;
pub use span::{PageRange, Span};
pub use terms::{AssignmentForm, EntityKind, Evidence, MarkerKind, Outcome, PlanRelation, Role};
