//! Resolution: from printed names to entities. In: the slots' printed names and the body's
//! text. Out: each slot resolved against the [`Registry`] of reference data (exact, alias,
//! truncated, ambiguous with candidates, empty, collective, local, unknown), and the campaigns,
//! legal instruments and international partners the text mentions, with the evidence for each,
//! and the other work plans it cites.

pub mod agency;
pub mod citations;
pub mod conjunction;
pub mod mentions;
pub mod names;
pub mod registry;

pub use agency::{local_level, resolve_agency, Resolution};
pub use registry::Registry;
