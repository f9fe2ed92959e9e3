//! The closed sets of values the model uses: how a task is numbered, a slot's role, how a name
//! was resolved, what kind an entity is, how a mention was found. Each has one home here for its
//! names: [`as_str`](Role::as_str) in JSON and the outline (the serde name), and, where the
//! ontology has a term for it, [`term`](Role::term): the local name under `pg:`.

use serde::Serialize;

/// The kinds of numbering marker, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkerKind {
    /// `一、` — a section.
    Section,
    /// `第一条` — an article (a task; `（一）` items may sit under it).
    Article,
    /// `（一）` — a task (or, when `1.` items sit under it, a group of tasks).
    Parenthesized,
    /// `1.` / `1．` / `1、` — a task under a `（一）` group, or directly under a section.
    Arabic,
    /// `（1）` / `(1)` / `⑴` — a task under a `1.` item, or at whatever level it is the outermost.
    ParenArabic,
    /// `①` — the innermost items.
    Circled,
    /// No number: a paragraph outside every numbered task that prints an assignment (a
    /// `预期目标：…（A牵头，B配合）` paragraph under a section heading). Its number is its place among
    /// the plan's unnumbered items; the graph states none.
    Unnumbered,
}

impl MarkerKind {
    /// Every kind, outermost first.
    pub const ALL: [MarkerKind; 7] = [
        MarkerKind::Section,
        MarkerKind::Article,
        MarkerKind::Parenthesized,
        MarkerKind::Arabic,
        MarkerKind::ParenArabic,
        MarkerKind::Circled,
        MarkerKind::Unnumbered,
    ];

    /// How the kind is printed, with the number one (`一、`, `（一）`, `1.`, `（1）` …).
    pub fn example(self) -> &'static str {
        match self {
            MarkerKind::Section => "一、",
            MarkerKind::Article => "第一条",
            MarkerKind::Parenthesized => "（一）",
            MarkerKind::Arabic => "1.",
            MarkerKind::ParenArabic => "（1）",
            MarkerKind::Circled => "①",
            MarkerKind::Unnumbered => "(unnumbered)",
        }
    }
}

/// How a subtask's assignment is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AssignmentForm {
    /// A parenthetical in brackets after the clauses: `（商务部牵头，…）`, `〔牵头单位：…〕`.
    Brackets,
    /// Lines of their own after the clauses, each opening with a label: `牵头单位：…`,
    /// `责任单位：…`, `部门分工：…`, `完成时限：…`.
    LabelLines,
    /// A table row: the header row's columns (`牵头单位`, `配合单位`, `完成时限`) give the
    /// cells their roles.
    Table,
}

impl AssignmentForm {
    /// The form's name in JSON and `--explain`.
    pub fn as_str(self) -> &'static str {
        match self {
            AssignmentForm::Brackets => "brackets",
            AssignmentForm::LabelLines => "label_lines",
            AssignmentForm::Table => "table",
        }
    }
}

/// The role a slot gives its agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Marked 牵头 (牵头单位, 主办单位), or pointed to by a rule the document states.
    Lead,
    /// Marked 负责 (按职责分工负责, 责任单位 …), or with no role word at all, whatever leads
    /// beside it.
    Responsible,
    /// Marked 配合, 参与, 协办, 协同 or 协助 (or their 单位 / 部门 labels).
    Supporting,
}

impl Role {
    /// Every role, in the order the outline lists them.
    pub const ALL: [Role; 3] = [Role::Lead, Role::Responsible, Role::Supporting];

    /// The role's name in JSON and the outline.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Responsible => "responsible",
            Role::Supporting => "supporting",
        }
    }

    /// The ontology's concept for the role (`pg:Lead` …), by local name.
    pub fn term(self) -> &'static str {
        match self {
            Role::Lead => "Lead",
            Role::Responsible => "Responsible",
            Role::Supporting => "Supporting",
        }
    }

    /// The ontology's shortcut from a subtask to an agency in this role (`pg:leadAgency` …).
    pub fn agency_property(self) -> &'static str {
        match self {
            Role::Lead => "leadAgency",
            Role::Responsible => "responsibleAgency",
            Role::Supporting => "supportingAgency",
        }
    }
}

/// How a printed name was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The official name as printed.
    Exact,
    /// A registered short form or other name.
    Alias,
    /// Characters deleted from exactly one registered name.
    Truncated,
    /// Several agencies fit; none is picked.
    Ambiguous,
    /// No name printed in the slot.
    EmptySlot,
    /// A group of units rather than one body.
    Collective,
    /// A local (provincial, municipal) unit.
    Local,
    /// No registered agency fits.
    Unknown,
}

impl Outcome {
    /// The outcome's name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Exact => "exact",
            Outcome::Alias => "alias",
            Outcome::Truncated => "truncated",
            Outcome::Ambiguous => "ambiguous",
            Outcome::EmptySlot => "empty_slot",
            Outcome::Collective => "collective",
            Outcome::Local => "local",
            Outcome::Unknown => "unknown",
        }
    }

    /// The ontology's concept for the outcome (`pg:EmptySlot` …), by local name.
    pub fn term(self) -> &'static str {
        match self {
            Outcome::Exact => "Exact",
            Outcome::Alias => "Alias",
            Outcome::Truncated => "Truncated",
            Outcome::Ambiguous => "Ambiguous",
            Outcome::EmptySlot => "EmptySlot",
            Outcome::Collective => "Collective",
            Outcome::Local => "Local",
            Outcome::Unknown => "Unknown",
        }
    }
}

/// What kind of thing a registry entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// One government body, Party organ, court or council (`pg:Agency`).
    Agency,
    /// A group of units named as one (`pg:AgencyGroup`, a kind of `pg:Agency`).
    AgencyGroup,
    /// `pg:Campaign`.
    Campaign,
    /// `pg:LegalInstrument`.
    LegalInstrument,
    /// `pg:InternationalPartner`.
    InternationalPartner,
}

impl EntityKind {
    /// Every kind.
    pub const ALL: [EntityKind; 5] = [
        EntityKind::Agency,
        EntityKind::AgencyGroup,
        EntityKind::Campaign,
        EntityKind::LegalInstrument,
        EntityKind::InternationalPartner,
    ];

    /// The ontology class of the kind's entities (`pg:AgencyGroup` …), by local name.
    pub fn term(self) -> &'static str {
        match self {
            EntityKind::Agency => "Agency",
            EntityKind::AgencyGroup => "AgencyGroup",
            EntityKind::Campaign => "Campaign",
            EntityKind::LegalInstrument => "LegalInstrument",
            EntityKind::InternationalPartner => "InternationalPartner",
        }
    }

    /// The kind whose class has local name `term`.
    pub fn from_term(term: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.term() == term)
    }

    /// A short word for the kind, in identifiers and reports: `agency` (groups included),
    /// `campaign`, `instrument`, `partner`.
    pub fn word(self) -> &'static str {
        match self {
            EntityKind::Agency | EntityKind::AgencyGroup => "agency",
            EntityKind::Campaign => "campaign",
            EntityKind::LegalInstrument => "instrument",
            EntityKind::InternationalPartner => "partner",
        }
    }

    /// Whether entities of this kind fill responsibility slots.
    pub fn is_agency(self) -> bool {
        matches!(self, Self::Agency | Self::AgencyGroup)
    }
}

/// How a plan relates to a work plan it cites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanRelation {
    /// The text says the plan implements the other (根据, 按照, 贯彻落实《…》): `eli:based_on`.
    BasedOn,
    /// The plan names the other otherwise: `dcterms:references`.
    References,
}

impl PlanRelation {
    /// The relation's name in JSON and the outline.
    pub fn as_str(self) -> &'static str {
        match self {
            PlanRelation::BasedOn => "based_on",
            PlanRelation::References => "references",
        }
    }
}

/// How a mention was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// A registry name as printed.
    Name,
    /// A registry name with characters cut out.
    Truncated,
    /// A pair such as 中美.
    Pair,
    /// A title in 《》 or a quoted campaign name the registry lacks.
    Marked,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_names_are_the_serde_names() {
        for role in Role::ALL {
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
        }
        for outcome in [Outcome::Exact, Outcome::EmptySlot, Outcome::Unknown] {
            let json = serde_json::to_string(&outcome).unwrap();
            assert_eq!(json, format!("\"{}\"", outcome.as_str()));
        }
    }

    #[test]
    fn every_kind_is_found_by_its_class() {
        for kind in EntityKind::ALL {
            assert_eq!(EntityKind::from_term(kind.term()), Some(kind));
        }
        assert_eq!(EntityKind::from_term("Task"), None);
    }
}
