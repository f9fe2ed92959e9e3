#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

// The table of contents. The stages are listed in the order data flows through them
// (README's Architecture section draws it); each module's first lines say what goes in and what comes out.

// Shared by every stage: the error type, the plan's types, what all stages know of text, and
// the RDF toolkit (namespaces, minting IRIs, reading RDF files).
pub mod error;
pub mod model;
pub mod rdf;
pub mod text;

// 1. Source bytes → decoded text → cleaned text with an offset map to the original.
pub mod read;

// 2. Cleaned text → body, frame metadata, sections, tasks, subtasks, slots (as ranges).
pub mod parse;

// 3. Printed names → registry entities; campaigns, instruments and partners mentioned.
pub mod resolve;

// 4. Stages 1–3 run in order, their output assembled into a `model::Plan`.
pub mod pipeline;

// 5. Plans → RDF quads through the ontology, each plan in its named graph.
pub mod graph;

// 6. Quads → files in six RDF formats.
pub mod export;

// 7. Quads → an Oxigraph store: SPARQL, the named queries, SHACL validation.
pub mod store;

// 8. Plans' entities ↔ another dataset's: a linkset.
pub mod link;

// 9. Quads → another store (SPARQL 1.1 Graph Store Protocol); queries → its endpoint.
pub mod remote;

// 10. Agencies' workloads and their cooperation network → SVG pictures.
pub mod plot;

// 11. The store → an HTTP server: the SPARQL protocol, linked data that resolves, pages.
#[cfg(feature = "serve")]
pub mod serve;

// 12. Plans → text for people: the outline and the parser's account of itself (`cli` feature).
#[cfg(feature = "cli")]
pub mod report;

pub use error::{Error, Result};
pub use graph::{build_graph, PlanGraph};
pub use model::Plan;
pub use pipeline::{bundled_plan, parse, UserMetadata};
pub use read::{InputEncoding, SourceText};
pub use resolve::Registry;
