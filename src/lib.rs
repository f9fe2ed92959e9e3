#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub mod error;
pub mod export;
pub mod graph;
pub mod link;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod rdf;
pub mod read;
pub mod report;
pub mod resolve;
pub mod store;
pub mod text;

pub use error::{Error, Result};
pub use model::Plan;
pub use pipeline::{bundled_plan, parse, UserMetadata};
pub use read::{InputEncoding, SourceText};
pub use resolve::Registry;
