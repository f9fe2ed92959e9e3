//! The store and what runs on it. In: quads from [`crate::graph`]. Out: an Oxigraph store (in
//! memory, or RocksDB with the `rocksdb` feature) with each plan in its named graph; SPARQL
//! answers in the W3C results formats ([`query`]) or as a table for a person ([`table`]), the
//! named query library ([`named`]), and SHACL validation by SPARQL ([`shacl`]).

pub mod bulk;
pub mod embedded;
pub mod named;
pub mod query;
pub mod shacl;
pub mod summary;
pub mod table;

pub use embedded::{
    open_existing, open_persistent, replace_graphs, select, select_in, store_of, Rows,
};
