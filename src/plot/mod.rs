//! Agencies' workloads and their cooperation network drawn as SVG.
//!
//! In: what the store knows of each agency's responsibility slots ([`AgencyLoad`]: how many it
//! leads 牵头, is responsible for 负责, supports 配合) and which agencies are named in the
//! same subtasks ([`SharedWork`]). Out: self-contained SVG documents, no script, nothing
//! fetched, which the server sends as they are and the command writes to files.
//!
//! - [`network_svg`]: the cooperation network, one circle per agency (area ∝ slots), one line
//!   per pair of agencies sharing subtasks (width grows with their number), laid out by a
//!   deterministic force-directed simulation (`force_graph`).
//! - [`workload_svg`]: one horizontal stacked bar per agency, lead / responsible / supporting.
//!
//! Both are accessible (`role="img"`, a `<title>` and a `<desc>` naming the counts), tell the
//! roles apart by more than colour (stroke weight, hatching, outline), escape every piece of
//! text from the documents, and are byte-identical for the same input. Each agency's mark is
//! linked to wherever the caller's [`Link`] says (an agency page), or not linked at all.

mod network;
pub(crate) mod svg;
mod workload;

pub use network::network_svg;
pub use workload::workload_svg;

/// One agency's work: how many responsibility slots it holds in each role.
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyLoad {
    /// The agency's IRI (written to `data-iri` and passed to the [`Link`] function).
    pub iri: String,
    /// The name shown for it.
    pub label: String,
    /// Slots it leads (牵头).
    pub lead: usize,
    /// Slots it is responsible for (负责).
    pub responsible: usize,
    /// Slots it supports (配合).
    pub supporting: usize,
}

impl AgencyLoad {
    /// All its slots, in every role.
    pub fn total(&self) -> usize {
        self.lead
            .saturating_add(self.responsible)
            .saturating_add(self.supporting)
    }

    /// The tooltip line: `label — 牵头 n · 负责 n · 配合 n`.
    fn summary(&self) -> String {
        format!(
            "{} — 牵头 {} · 负责 {} · 配合 {}",
            self.label, self.lead, self.responsible, self.supporting
        )
    }
}

/// Two agencies (indices into `Cooperation::agencies`) named in the same subtasks.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedWork {
    /// One agency, an index into [`Cooperation::agencies`].
    pub a: usize,
    /// The other agency, an index into [`Cooperation::agencies`].
    pub b: usize,
    /// How many subtasks name both.
    pub subtasks: usize,
}

/// The cooperation network.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cooperation {
    /// Every agency drawn, also those that share no subtask with another.
    pub agencies: Vec<AgencyLoad>,
    /// The pairs of agencies sharing subtasks. Pairs naming an agency out of range, or the
    /// same agency twice, are not drawn.
    pub edges: Vec<SharedWork>,
}

/// Where a node or bar links to (an agency page), or None for no link.
///
/// Called with the agency's IRI. Links to `javascript:`, `vbscript:` and `data:` URLs are
/// dropped whatever the function returns.
pub type Link<'a> = &'a dyn Fn(&str) -> Option<String>;
