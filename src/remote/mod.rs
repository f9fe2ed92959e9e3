//! Other people's stores, over the standard protocols: pushing each graph with the SPARQL 1.1
//! Graph Store Protocol ([`push`]) and querying a SPARQL 1.1 endpoint ([`endpoint`]), through
//! one small HTTP client with retries and credentials ([`http`]). In: quads, or a query. Out: a
//! summary, or the same [`Answer`](crate::store::query::Answer) a local query gives.

pub mod auth;
pub mod endpoint;
pub mod http;
pub mod push;
