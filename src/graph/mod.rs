//! The graph: a parsed [`Plan`] to RDF quads through the plangraph ontology. In: plans and the
//! registry. Out: quads, each plan in its own named graph and the reference data about the
//! entities they name in `<base>reference`, ready to export, load or query.
//!
//! [`Plan`]: crate::model::Plan

pub mod mapping;
