//! Resolution: from printed names to entities. In: the slots' printed names and the body's
//! text. Out: each slot resolved against the [`Registry`] of reference data (exact, alias,
//! truncated, ambiguous with candidates, empty, collective, local, unknown), and the campaigns,
//! legal instruments and international partners the text mentions, with the evidence for each,
//! and the other work plans it cites. Names resolve to the bodies of the plan's time ([`When`]):
//! its year, or for a text that prints none, the period inferred from the bodies it names.

pub mod agency;
pub mod citations;
pub mod conjunction;
pub mod mentions;
pub mod names;
pub mod period;
pub mod registry;

pub use agency::{local_level, resolve_agency, Resolution, Resolver};
pub use period::{InferredPeriod, When};
pub use registry::Registry;
