//! `plangraph serve`: the store behind one HTTP server. In: a store (plans loaded in memory or
//! a RocksDB store made by `load`) and, where the plans were read from files, their texts. Out:
//! HTTP answers.
//!
//! - [`sparql`]: the SPARQL 1.1 Protocol at `/sparql` (read-only: updates and `SERVICE`
//!   refused, a time limit per query, a cap on concurrent queries and on request size), the
//!   named queries at `/queries/NAME`, and Graph Store Protocol reads at `/store`.
//! - [`resource`]: every IRI under the base dereferences, to a page for a browser and to its
//!   description in RDF for an RDF client (content negotiation, [`negotiate`]).
//! - [`pages`]: server-rendered HTML (no JavaScript): the index, a plan's text with its slots
//!   marked, agencies, gaps, the named queries and a query form; the pictures of [`crate::plot`].
//!
//! [`site::Site`] holds what every request reads (the store, the summary the pages need, the
//! plans' texts); [`router`] sends each request to its handler; [`http`] has the response
//! helpers. The server is oxhttp's: a thread per connection, up to a cap.

pub mod http;
pub mod negotiate;
pub mod pages;
pub mod resource;
pub mod router;
pub mod site;
pub mod sparql;

pub use site::Site;

use crate::error::{Error, Result};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// How the server behaves: where it listens and its limits.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The address to listen on (127.0.0.1:7878 by default).
    pub bind: SocketAddr,
    /// Send `Access-Control-Allow-Origin: *` so pages on other origins may query.
    pub cors: bool,
    /// The longest a query may run before it is stopped and answered 503.
    pub timeout: Duration,
    /// Queries evaluated at once; more are answered 503 at once.
    pub max_queries: usize,
    /// The largest request body (a POSTed query), in bytes; more is answered 413.
    pub max_request_bytes: usize,
    /// Connections served at once (a thread each).
    pub max_connections: usize,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            bind: SocketAddr::from(([127, 0, 0, 1], 7878)),
            cors: false,
            timeout: Duration::from_secs(30),
            max_queries: 16,
            max_request_bytes: 1 << 20,
            max_connections: 256,
        }
    }
}

/// Serves `site` until the process is stopped: binds, calls `listening` with the address, then
/// blocks.
pub fn run(site: Site, options: ServeOptions, listening: impl FnOnce(SocketAddr)) -> Result<()> {
    let state = Arc::new(router::State::new(site, options.clone()));
    let server = oxhttp::Server::new(move |request| router::handle(&state, request))
        .bind(options.bind)
        .with_server_name(concat!("plangraph/", env!("CARGO_PKG_VERSION")))
        .map_err(|e| Error::new("serve", format!("server name: {e}")))?
        // A client that sends nothing for this long is dropped (its thread freed); a query's
        // own limit is `timeout`.
        .with_global_timeout(options.timeout + Duration::from_secs(30))
        .with_max_concurrent_connections(options.max_connections);
    let listening_server = server.spawn().map_err(|e| {
        Error::new(
            options.bind.to_string(),
            format!("cannot listen: {e} (is another server on this port? choose one with --bind)"),
        )
    })?;
    listening(options.bind);
    listening_server
        .join()
        .map_err(|e| Error::new("serve", e.to_string()))
}
